"""Backups that keep history: per-plan folders, verified copies, rotation over days, restore."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from planner.core.model import WeightEntry
from planner.core.ports import StorageError
from planner.storage import backup_copies, backup_names, backups
from planner.storage.backups import (
    AUTOMATIC,
    BEFORE_RESTORE,
    MARKER_NAME,
    RetentionPolicy,
    backup_folder,
    backup_if_due,
    copy_backup,
    is_in_backups,
    list_backups,
    make_backup,
    newest_good_backup,
    restore_backup,
    rotate,
)
from planner.storage.db import check_database, open_database
from planner.storage.errors import CorruptDatabaseError
from planner.storage.safe_files import RESTORE_READY_SUFFIX, temporary_name
from tests.fakes import write_workouts
from tests.storage.conftest import ROOT, _child_env, run_python, sample_workout

#: A Monday morning; every test's clock starts here.
START = datetime(2026, 3, 2, 8, 15, tzinfo=UTC)


def contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of ``path``, read without writing anything beside it."""
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        tables = [
            str(name)
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {t: sorted(connection.execute(f'SELECT * FROM "{t}"'), key=repr) for t in tables}
    finally:
        connection.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_runs(path: Path, *titles: str) -> None:
    with open_database(path) as db:
        write_workouts(db.repository, [sample_workout(title=title) for title in titles])


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def plan(make_plan: Callable[..., Path]) -> Path:
    path = make_plan("plan.sqlite3", workouts=3)
    with open_database(path) as db:
        db.repository.bulk_insert_weights([WeightEntry(date(2026, 1, 5), 71.5)])
    return path


# ------------------------------------------------------------------------------ one backup
def test_a_backup_is_a_verified_private_self_contained_copy(plan: Path, root: Path) -> None:
    info = make_backup(plan, root, now=START)

    assert info.path.parent == backup_folder(plan, root)
    assert info.path.name == "plan-2026-03-02-081500+0000.sqlite3"  # the plan and the time
    assert (info.when, info.reason, info.size) == (START, AUTOMATIC, info.path.stat().st_size)
    assert (info.workouts, info.weigh_ins) == (3, 1)
    assert info.path.stat().st_mode & 0o777 == 0o600
    assert backup_folder(plan, root).stat().st_mode & 0o777 == 0o700
    assert contents(info.path) == contents(plan)
    with sqlite3.connect(f"file:{info.path}?mode=ro", uri=True) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert check_database(info.path).ok
    # Nothing else in the folder: no temporary file, no -journal, just the marker.
    assert sorted(p.name for p in info.path.parent.iterdir()) == sorted(
        [MARKER_NAME, info.path.name]
    )


def test_a_backup_of_an_open_plan_holds_what_was_committed(plan: Path, root: Path) -> None:
    with open_database(plan) as db:
        write_workouts(db.repository, [sample_workout(title="Only in the log so far")])
        assert plan.with_name(plan.name + "-wal").exists()
        info = make_backup(plan, root, now=START)
    assert info.workouts == 4
    assert "Only in the log so far" in repr(contents(info.path)["workouts"])


def test_each_plan_has_its_own_folder_named_for_people(tmp_path: Path, root: Path) -> None:
    home = tmp_path / "home" / "legwork.sqlite3"
    usb = tmp_path / "usb" / "legwork.sqlite3"
    for path in (home, usb):
        path.parent.mkdir(parents=True, exist_ok=True)
        open_database(path).close()
    mine = make_backup(home, root, now=START)
    theirs = make_backup(usb, root, now=START)

    assert mine.path.parent != theirs.path.parent
    for path, info in ((home, mine), (usb, theirs)):
        folder = info.path.parent
        assert folder.name.startswith("legwork-")  # which plan, for a person
        assert str(path.resolve()) in (folder / MARKER_NAME).read_text()  # exactly which
        assert [b.path for b in list_backups(path, root)] == [info.path]

    # Seven starts of the other plan on other days never touch this plan's backups.
    for day in range(1, 30):
        add_runs(usb, f"Run on day {day}")
        backup_if_due(usb, root, now=START + timedelta(days=day))
    assert [b.path for b in list_backups(home, root)] == [mine.path]
    assert mine.path.exists()


def test_listing_says_when_size_and_what_each_backup_holds(plan: Path, root: Path) -> None:
    first = make_backup(plan, root, now=START)
    add_runs(plan, "Tempo", "Long run")
    second = make_backup(plan, root, now=START + timedelta(days=1, hours=2))
    (first.path.parent / "notes.txt").write_text("mine")  # not a backup: ignored, kept

    listed = list_backups(plan, root)

    assert [(b.path, b.when, b.workouts, b.weigh_ins) for b in listed] == [
        (second.path, START + timedelta(days=1, hours=2), 5, 1),
        (first.path, START, 3, 1),
    ]
    assert all(b.size == b.path.stat().st_size > 0 for b in listed)
    assert (first.path.parent / "notes.txt").read_text() == "mine"
    assert list_backups(plan.with_name("never-backed-up.sqlite3"), root) == []


def test_names_carry_the_local_time_and_a_second_backup_in_the_same_second_gets_a_number(
    plan: Path, root: Path
) -> None:
    lisbon_summer = timezone(timedelta(hours=1))
    now = datetime(2026, 7, 1, 21, 5, 9, tzinfo=lisbon_summer)
    first = make_backup(plan, root, now=now)
    second = make_backup(plan, root, now=now, reason=BEFORE_RESTORE)
    third = make_backup(plan, root, now=now, reason=BEFORE_RESTORE)
    assert first.path.name == "plan-2026-07-01-210509+0100.sqlite3"
    assert second.path.name == "plan-2026-07-01-210509+0100-before-restore.sqlite3"
    assert third.path.name == "plan-2026-07-01-210509+0100-before-restore-2.sqlite3"
    assert {b.when for b in list_backups(plan, root)} == {now}


def test_a_naive_clock_is_refused(plan: Path, root: Path) -> None:
    with pytest.raises(ValueError, match="aware"):
        make_backup(plan, root, now=datetime(2026, 3, 2, 8, 0))


# ------------------------------------------------------------------------------ failures
def test_a_backup_that_fails_its_check_leaves_no_file(
    plan: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def damaged(path: Path, *, full: bool) -> None:
        raise CorruptDatabaseError(f"The plan file {path} is damaged (page 3).", "", ["page 3"])

    monkeypatch.setattr(backup_copies, "_inspect", damaged)
    with pytest.raises(CorruptDatabaseError, match="failed its integrity check"):
        make_backup(plan, root, now=START)
    assert sorted(p.name for p in backup_folder(plan, root).iterdir()) == [MARKER_NAME]


def test_leftovers_of_a_killed_backup_are_removed_by_the_next_one(plan: Path, root: Path) -> None:
    folder = backup_folder(plan, root)
    folder.mkdir(parents=True)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(dead.stdout)
    leftover = folder / f".plan-2026-03-01-080000+0000.sqlite3.backup-{dead_pid}-abcd1234.tmp"
    leftover.write_bytes(b"SQLite format 3\x00half a copy")
    journal = leftover.with_name(leftover.name + "-journal")
    journal.write_bytes(b"journal")
    live = temporary_name(folder / "plan-x.sqlite3", "backup")  # this process: still working
    live.write_bytes(b"in progress")

    info = make_backup(plan, root, now=START)

    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [MARKER_NAME, info.path.name, live.name]
    )


def test_a_damaged_plan_is_not_backed_up(plan: Path, root: Path) -> None:
    data = bytearray(plan.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[page_size : 2 * page_size] = b"\xff" * page_size  # page 2: a b-tree page
    plan.write_bytes(bytes(data))
    with pytest.raises(StorageError):
        make_backup(plan, root, now=START)
    assert list_backups(plan, root) == []
    assert [p.name for p in backup_folder(plan, root).iterdir()] == [MARKER_NAME]


# ------------------------------------------------------------------------------ when
def test_at_most_one_automatic_backup_a_day_and_only_after_a_change(plan: Path, root: Path) -> None:
    assert backup_if_due(plan, root, now=START) is not None  # no backup yet
    add_runs(plan, "Same day")
    # Eight starts eight seconds apart: one backup, nothing rotated out.
    for start in range(8):
        assert backup_if_due(plan, root, now=START + timedelta(seconds=8 * start)) is None
    assert len(list_backups(plan, root)) == 1
    # The next day the change is backed up; then nothing until the plan changes again.
    tuesday = backup_if_due(plan, root, now=START + timedelta(days=1))
    assert tuesday is not None and tuesday.workouts == 4
    assert backup_if_due(plan, root, now=START + timedelta(days=2)) is None
    assert backup_if_due(plan, root, now=START + timedelta(days=9)) is None
    add_runs(plan, "Ten days later")
    later = backup_if_due(plan, root, now=START + timedelta(days=10))
    assert later is not None and later.workouts == 5
    assert [b.workouts for b in list_backups(plan, root)] == [5, 4, 3]


def test_the_day_is_the_day_of_the_clock_given(plan: Path, root: Path) -> None:
    """23:30 and 00:30 local time are two days, even when they are one UTC day."""
    tokyo = timezone(timedelta(hours=9))
    late = datetime(2026, 3, 2, 23, 30, tzinfo=tokyo)
    assert backup_if_due(plan, root, now=late) is not None
    add_runs(plan, "After midnight")
    assert backup_if_due(plan, root, now=late + timedelta(hours=1)) is not None


def _expected_days(last: date, policy: RetentionPolicy) -> set[date]:
    """Independently of the code: the days kept when there was a backup every day up to ``last``."""
    days = {last - timedelta(days=n) for n in range(policy.daily)}
    sunday = last
    for _ in range(policy.weekly):  # the newest day of each recent ISO week
        days.add(sunday)
        sunday = sunday - timedelta(days=sunday.isoweekday())
    month_end = last
    for _ in range(policy.monthly):  # the newest day of each recent month
        days.add(month_end)
        month_end = month_end.replace(day=1) - timedelta(days=1)
    return days


def test_rotation_over_a_year_and_a_half_of_simulated_days(plan: Path, root: Path) -> None:
    """Daily backups for 550 days keep 7 days, 4 weeks and 12 months, and nothing else."""
    first = make_backup(plan, root, now=START - timedelta(days=1000))
    folder = first.path.parent
    template = shutil.copyfile(first.path, plan.with_name("template.sqlite3"))
    safety = make_backup(plan, root, now=START - timedelta(days=900), reason=BEFORE_RESTORE)
    policy = RetentionPolicy()
    for n in range(550):
        now = START + timedelta(days=n)
        shutil.copyfile(template, folder / backup_names._backup_name(plan, now, AUTOMATIC, 1))
        rotate(plan, root, now=now, policy=policy)

    last = (START + timedelta(days=549)).date()
    kept = {b.when.date() for b in list_backups(plan, root, counts=False) if b.reason == AUTOMATIC}
    assert kept == _expected_days(last, policy)
    assert min(kept) == date(2026, 10, 31)  # a year back: the end of the 12th month
    assert safety.path.exists()  # safety copies are not part of the daily rotation


def test_rotation_counts_days_that_have_backups_not_calendar_days(plan: Path, root: Path) -> None:
    """A runner who starts Legwork once a fortnight keeps 7 such days, not one."""
    for n in range(12):
        add_runs(plan, f"Fortnight {n}")
        assert backup_if_due(plan, root, now=START + timedelta(days=14 * n)) is not None
    days = [b.when for b in list_backups(plan, root) if b.reason == AUTOMATIC]
    assert days[:7] == [START + timedelta(days=14 * n) for n in range(11, 4, -1)]


def test_safety_copies_keep_the_newest_of_each_kind(plan: Path, root: Path) -> None:
    policy = RetentionPolicy(safety_copies=2)
    made = [
        make_backup(
            plan, root, now=START + timedelta(hours=n), reason=BEFORE_RESTORE, policy=policy
        )
        for n in range(4)
    ]
    assert [b.path for b in list_backups(plan, root)] == [made[3].path, made[2].path]


# ------------------------------------------------------------------------------ restore
def test_restore_gives_the_backups_contents_and_keeps_the_current_plan(
    plan: Path, root: Path
) -> None:
    backup = make_backup(plan, root, now=START)
    add_runs(plan, "Added after the backup")
    current = contents(plan)
    current_bytes = sha(plan)

    result = restore_backup(backup.path, plan, root, now=START + timedelta(days=1))

    assert contents(plan) == contents(backup.path)
    assert result.restored.workouts == 3
    assert plan.stat().st_mode & 0o777 == 0o600
    # The replaced plan is kept twice: renamed beside it, and as a safety backup.
    assert result.kept_aside == plan.with_name("plan.sqlite3.replaced-20260303-081500")
    assert sha(result.kept_aside) == current_bytes
    assert result.safety_copy is not None and result.safety_copy.reason == BEFORE_RESTORE
    assert contents(result.safety_copy.path) == current
    assert result.safety_copy.path in [b.path for b in list_backups(plan, root)]
    assert backup.path.exists() and check_database(backup.path).ok
    assert not plan.with_name(plan.name + RESTORE_READY_SUFFIX).exists()
    with open_database(plan) as db:
        assert db.repository.count_workouts() == 3


KILLED_WRITER = textwrap.dedent(
    """
    import os, sys
    from datetime import date
    from pathlib import Path
    from planner.core.model import Kind, Workout
    from planner.core.ports import Batch
    from planner.storage.db import open_database

    db = open_database(Path(sys.argv[1]))
    for n in range(5):
        crash_run = Workout(None, date(2026, 4, 1 + n), Kind.RUN, f"Crash run {n}")
        db.repository.write(Batch(workouts=[crash_run]))
    print("committed", flush=True)
    sys.stdin.readline()
    """
)


def test_restore_over_a_plan_a_kill_left_with_a_wal_gives_exactly_the_backup(
    plan: Path, root: Path
) -> None:
    backup = make_backup(plan, root, now=START)
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(plan)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_child_env(),
        cwd=ROOT,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "committed"
    writer.kill()
    writer.wait(timeout=30)
    wal = plan.with_name(plan.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the crash data lives in the log

    result = restore_backup(backup.path, plan, root, now=START + timedelta(days=1))

    assert contents(plan) == contents(backup.path)
    assert not wal.exists() and not plan.with_name(plan.name + "-shm").exists()
    assert check_database(plan).ok
    # Nothing was lost: the crashed plan and its log were kept aside as a pair...
    assert result.kept_aside is not None
    assert result.kept_aside.with_name(result.kept_aside.name + "-wal").exists()
    # ... and the safety backup read the five acknowledged runs through that log.
    assert result.safety_copy is not None and result.safety_copy.workouts == 8
    for reopen in range(2):  # and they stay exactly the backup's, reopen after reopen
        with open_database(plan) as db:
            assert db.repository.count_workouts() == 3, reopen
    assert contents(plan) == contents(backup.path)


def test_a_damaged_backup_is_refused_and_the_plan_is_untouched(plan: Path, root: Path) -> None:
    backup = make_backup(plan, root, now=START)
    backup.path.write_bytes(backup.path.read_bytes()[:1000])
    before = sha(plan)
    with pytest.raises(StorageError, match="cannot be restored") as refused:
        restore_backup(backup.path, plan, root, now=START)
    assert "not changed" in refused.value.hint
    assert sha(plan) == before
    assert sorted(p.name for p in plan.parent.glob("plan.sqlite3*")) == ["plan.sqlite3"]


def test_restore_onto_a_missing_plan_creates_it(plan: Path, root: Path, tmp_path: Path) -> None:
    backup = make_backup(plan, root, now=START)
    target = tmp_path / "fresh" / "plan.sqlite3"
    target.parent.mkdir()
    result = restore_backup(backup.path, target, root, now=START)
    assert (result.kept_aside, result.safety_copy) == (None, None)
    assert contents(target) == contents(backup.path)


def test_a_restore_killed_after_keeping_the_plan_aside_is_finished_by_the_next_open(
    plan: Path, root: Path
) -> None:
    backup = make_backup(plan, root, now=START)
    add_runs(plan, "Replaced")
    # The state a kill between "kept aside" and "renamed into place" leaves behind:
    ready = plan.with_name(plan.name + RESTORE_READY_SUFFIX)
    shutil.copyfile(backup.path, ready)
    plan.rename(plan.with_name("plan.sqlite3.replaced-20260302-081500"))
    orphan = plan.with_name(plan.name + "-shm")
    orphan.write_bytes(b"\0" * 32768)

    with open_database(plan) as db:
        assert db.repository.count_workouts() == 3

    assert contents(plan) == contents(backup.path)
    assert not ready.exists()
    assert [p.name for p in plan.parent.glob("plan.sqlite3.orphan-*-shm")]  # kept, not deleted


def test_a_restore_killed_before_replacing_anything_leaves_the_plan(plan: Path, root: Path) -> None:
    backup = make_backup(plan, root, now=START)
    add_runs(plan, "Kept")
    ready = plan.with_name(plan.name + RESTORE_READY_SUFFIX)
    shutil.copyfile(backup.path, ready)
    with open_database(plan) as db:
        assert db.repository.count_workouts() == 4
    assert not ready.exists()


def test_newest_good_backup_skips_damaged_ones(plan: Path, root: Path) -> None:
    good = make_backup(plan, root, now=START)
    add_runs(plan, "Newer")
    newer = make_backup(plan, root, now=START + timedelta(days=1))
    newer.path.write_bytes(newer.path.read_bytes()[:2048])
    found = newest_good_backup(plan, root)
    assert found is not None
    assert (found.path, found.workouts, found.weigh_ins) == (good.path, 3, 1)
    assert newest_good_backup(plan.with_name("other.sqlite3"), root) is None


# ------------------------------------------------------------------------------ opening backups
def test_backups_are_recognised_wherever_their_folder_went(
    plan: Path, root: Path, tmp_path: Path
) -> None:
    info = make_backup(plan, root, now=START)
    assert is_in_backups(info.path, root)
    assert not is_in_backups(plan, root)
    moved = tmp_path / "usb" / "old backups"
    shutil.copytree(info.path.parent, moved)
    assert is_in_backups(moved / info.path.name, root)


def test_a_copy_of_a_backup_opens_and_the_backup_stays_as_it_was(
    plan: Path, root: Path, tmp_path: Path
) -> None:
    info = make_backup(plan, root, now=START)
    before = sha(info.path)
    copy = copy_backup(info.path, tmp_path / "data")
    again = copy_backup(info.path, tmp_path / "data")
    assert copy.name == "plan-2026-03-02-081500+0000-copy.sqlite3"
    assert again.name == "plan-2026-03-02-081500+0000-copy-2.sqlite3"
    with open_database(copy) as db:
        write_workouts(db.repository, [sample_workout(title="Edits go to the copy")])
    assert sha(info.path) == before
    assert os.stat(copy).st_mode & 0o777 == 0o600


# ------------------------------------------------------------------------------ a clock behind
def fill_with_copies(plan: Path, root: Path, days: list[datetime], reason: str = AUTOMATIC) -> None:
    """Backups of ``plan`` taken at ``days`` (copies of one real backup, for speed)."""
    template = make_backup(plan, root, now=days[0], reason=reason)
    for when in days[1:]:
        shutil.copyfile(
            template.path, template.path.with_name(backup_names._backup_name(plan, when, reason, 1))
        )


def test_a_daily_backup_made_while_the_clock_is_behind_survives_its_rotation(
    plan: Path, root: Path
) -> None:
    """Two weeks of daily backups, then the computer's clock goes back ten days (a reset clock)."""
    fill_with_copies(plan, root, [START + timedelta(days=n) for n in range(14) if n != 2])
    add_runs(plan, "Run while the clock is behind")
    behind = START + timedelta(days=2, hours=4)  # Wednesday 4 March, a day that has no backup

    made = backup_if_due(plan, root, now=behind)

    assert made is not None and made.when == behind
    assert made.path.exists()  # the newest change is in a backup
    assert made.path in [b.path for b in list_backups(plan, root, counts=False)]
    assert contents(made.path) == contents(plan)


def test_a_backup_made_earlier_the_same_day_by_the_clock_is_kept(plan: Path, root: Path) -> None:
    evening = make_backup(plan, root, now=START + timedelta(hours=10))
    add_runs(plan, "After the clock went back")
    morning = make_backup(plan, root, now=START)  # the same day, by a clock now behind
    assert morning.path.exists() and evening.path.exists()
    assert morning.workouts == 4


def test_the_safety_copy_of_a_restore_made_while_the_clock_is_behind_is_kept(
    plan: Path, root: Path
) -> None:
    """Ten "before a restore" copies taken when the clock was right; then it goes back."""
    future = [START + timedelta(days=30 + n) for n in range(10)]
    fill_with_copies(plan, root, future, reason=BEFORE_RESTORE)
    backup = make_backup(plan, root, now=START - timedelta(days=1))
    add_runs(plan, "Only in the plan being replaced")
    replaced = contents(plan)

    result = restore_backup(backup.path, plan, root, now=START)

    assert result.safety_copy is not None
    assert result.safety_copy.path.exists()
    assert contents(result.safety_copy.path) == replaced
    # The day's automatic backup (at close, the clock still behind) leaves it alone too.
    add_runs(plan, "After the restore")
    assert backup_if_due(plan, root, now=START + timedelta(hours=1)) is not None
    assert result.safety_copy.path.exists()
    listed = [b.path for b in list_backups(plan, root, counts=False) if b.reason == BEFORE_RESTORE]
    assert result.safety_copy.path in listed


# ------------------------------------------------------------------------------ damaged backups
def damage_the_middle(path: Path) -> None:
    """Overwrite 64 bytes at the start of the file's middle page (its b-tree page header)."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page_size // 2) * page_size
    data[middle : middle + 64] = b"\xff" * 64
    mtime = path.stat().st_mtime_ns
    path.write_bytes(bytes(data))
    os.utime(path, ns=(mtime + 10**9, mtime + 10**9))  # written a second later, as damage is


@pytest.fixture
def bigger_plan(make_plan: Callable[..., Path]) -> Path:
    return make_plan("bigger.sqlite3", workouts=300)


def test_a_damaged_backup_is_listed_as_damaged_without_counts(
    bigger_plan: Path, root: Path
) -> None:
    good = make_backup(bigger_plan, root, now=START)
    damaged = make_backup(bigger_plan, root, now=START + timedelta(days=1))
    damage_the_middle(damaged.path)

    listed = {b.path: b for b in list_backups(bigger_plan, root)}

    assert listed[damaged.path].damaged
    assert "damaged" in (listed[damaged.path].problem or "")
    assert (listed[damaged.path].workouts, listed[damaged.path].weigh_ins) == (None, None)
    assert not listed[good.path].damaged and listed[good.path].problem is None
    assert listed[good.path].workouts == 300


def test_the_check_of_each_backup_is_done_once_until_the_file_changes(
    bigger_plan: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [make_backup(bigger_plan, root, now=START + timedelta(days=n)) for n in range(3)]
    checked: list[Path] = []
    real_inspect = backup_copies._inspect

    def counting(path: Path, *, full: bool) -> object:
        checked.append(Path(path))
        return real_inspect(path, full=full)

    monkeypatch.setattr(backup_copies, "_inspect", counting)
    first = list_backups(bigger_plan, root)
    assert sorted(checked) == sorted(b.path for b in made)  # each once

    checked.clear()
    again = list_backups(bigger_plan, root)
    assert checked == []  # the dialog opened again: nothing checked again
    assert again == first

    damage_the_middle(made[1].path)
    after = {b.path: b for b in list_backups(bigger_plan, root)}
    assert checked == [made[1].path]  # only the file that changed
    assert after[made[1].path].damaged


# ------------------------------------------------------------------------------ a full disk
def sqlite_full() -> sqlite3.OperationalError:
    """The error SQLite raises when a write finds the disk full."""
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = 13
    error.sqlite_errorname = "SQLITE_FULL"
    return error


class _CopyFailsWhenFull:
    """A read-only connection whose copy (``backup``) stops on a full disk, as SQLite does."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def backup(self, target: sqlite3.Connection, *args: object, **kwargs: object) -> None:
        raise sqlite_full()

    def __getattr__(self, name: str) -> object:
        return getattr(self._connection, name)


def disk_full_for(monkeypatch: pytest.MonkeyPatch, how: str, folder: Path, source: Path) -> None:
    """Make writing new files in ``folder`` fail as on a full disk.

    ``how``: ``create`` (making the file fails, ENOSPC), ``write`` (SQLite's writes of a copy of
    ``source`` fail, SQLITE_FULL) or ``flush`` (``fsync`` of the file fails, ENOSPC).
    """
    real_open, real_fsync = os.open, os.fsync
    opened: dict[int, Path] = {}

    def full_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        where = Path(os.fsdecode(path))  # type: ignore[arg-type]
        if how == "create" and flags & os.O_CREAT and where.parent == folder:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(where))
        descriptor = real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]
        opened[descriptor] = where
        return descriptor

    def full_fsync(descriptor: int) -> None:
        where = opened.get(descriptor)
        if how == "flush" and where is not None and where.parent == folder and where.is_file():
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(descriptor)

    real_connect = backup_copies._connect_read_only

    def connect(path: Path) -> object:
        connection = real_connect(path)
        if how == "write" and Path(path) == source:
            return _CopyFailsWhenFull(connection)
        return connection

    monkeypatch.setattr(os, "open", full_open)
    monkeypatch.setattr(os, "fsync", full_fsync)
    monkeypatch.setattr(backup_copies, "_connect_read_only", connect)


FULL_DISK_WAYS = ["create", "write", "flush"]


@pytest.mark.parametrize("how", FULL_DISK_WAYS)
def test_restore_on_a_full_disk_says_so_names_the_backup_and_changes_nothing(
    plan: Path, root: Path, how: str
) -> None:
    backup = make_backup(plan, root, now=START)
    add_runs(plan, "Kept")
    before = sha(plan)

    with pytest.MonkeyPatch.context() as full:
        disk_full_for(full, how, plan.parent, backup.path)
        with pytest.raises(StorageError) as refused:
            restore_backup(backup.path, plan, root, now=START + timedelta(days=1))

    message, hint = str(refused.value), refused.value.hint
    assert backup.path.name in message  # which backup could not be restored
    assert "the plan file" not in message  # the backup is not the plan
    assert "disk holding your plan is full" in message
    assert str(plan.parent) in message
    assert "Your plan was not changed." in hint
    assert "Free some space" in hint
    for untrue in ("not saved", "last change", "network drive", "disk error"):
        assert untrue not in f"{message} {hint}"
    assert sha(plan) == before
    assert sorted(p.name for p in plan.parent.glob("plan.sqlite3*")) == ["plan.sqlite3"]
    assert not [p for p in plan.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("how", FULL_DISK_WAYS)
def test_restore_stops_when_the_safety_copy_finds_the_backups_disk_full(
    plan: Path, root: Path, how: str
) -> None:
    backup = make_backup(plan, root, now=START)
    add_runs(plan, "Kept")
    before = sha(plan)

    with pytest.MonkeyPatch.context() as full:
        disk_full_for(full, how, backup.path.parent, plan)
        with pytest.raises(StorageError) as refused:
            restore_backup(backup.path, plan, root, now=START + timedelta(days=1))

    message, hint = str(refused.value), refused.value.hint
    assert backup.path.name in message
    assert "disk holding the backups is full" in message
    assert "Your plan was not changed." in hint and "Free some space" in hint
    for untrue in ("not saved", "last change", "network drive", "disk error", "plan file"):
        assert untrue not in f"{message} {hint}"
    assert sha(plan) == before
    assert sorted(p.name for p in plan.parent.glob("plan.sqlite3*")) == ["plan.sqlite3"]
    assert [b.path for b in list_backups(plan, root)] == [backup.path]


@pytest.mark.parametrize("how", FULL_DISK_WAYS)
def test_a_backup_on_a_full_disk_says_so_and_claims_no_lost_change(
    plan: Path, root: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    folder = backup_folder(plan, root)
    folder.mkdir(parents=True)
    disk_full_for(monkeypatch, how, folder, plan)

    with pytest.raises(StorageError) as refused:
        make_backup(plan, root, now=START)

    message, hint = str(refused.value), refused.value.hint
    assert "disk holding the backups is full" in message and plan.name in message
    assert "Free some space" in hint
    assert getattr(refused.value, "cause", "") == "the disk holding the backups is full"
    for untrue in ("not saved", "last change", "network drive", "plan file"):
        assert untrue not in f"{message} {hint}"


# ------------------------------------------------------------------------------ failures
def test_a_failure_is_kept_beside_the_backups_until_a_backup_succeeds(
    plan: Path, root: Path
) -> None:
    make_backup(plan, root, now=START)
    error = backups.BackupError(
        "Legwork could not back up plan.sqlite3: ...", "Do this.", cause="why"
    )

    noted = backups.record_failure(plan, root, error, now=START + timedelta(days=1))

    assert backups.last_failure(plan, root) == noted
    assert (noted.cause, noted.message, noted.hint) == ("why", str(error), "Do this.")
    assert [b.when for b in list_backups(plan, root)] == [START]  # not a backup itself
    add_runs(plan, "Later")
    backup_if_due(plan, root, now=START + timedelta(days=2))
    assert backups.last_failure(plan, root) is None


def test_a_failure_that_cannot_be_kept_is_still_returned(plan: Path, tmp_path: Path) -> None:
    in_the_way = tmp_path / "backups"
    in_the_way.write_text("a file where the backups folder should be")
    with pytest.raises(backups.BackupError) as failed:
        make_backup(plan, in_the_way, now=START)
    assert failed.value.cause == f"{in_the_way} is a file, not a folder"
    assert "Move or rename that file" in failed.value.hint

    noted = backups.record_failure(plan, in_the_way, failed.value, now=START)

    assert noted.cause == failed.value.cause
    assert backups.last_failure(plan, in_the_way) is None  # nowhere to keep it: next time tells


# ------------------------------------------------------------------------------ a real full disk
def _small_disks() -> str | None:
    """Why a small RAM disk cannot be mounted here (``unshare -m``, tmpfs), or ``None``."""
    if shutil.which("unshare") is None:
        return "`unshare` (util-linux) is missing"
    with tempfile.TemporaryDirectory() as folder:
        try:
            done = subprocess.run(
                ["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o size=64k tmpfs {folder}"],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            return f"unshare failed: {exc}"
    if done.returncode != 0:
        return f"a tmpfs cannot be mounted in a new mount namespace: {done.stderr.strip()}"
    return None


NO_SMALL_DISKS = _small_disks()

ON_A_FULL_DISK = textwrap.dedent(
    """
    import json, os, sys
    from datetime import UTC, date, datetime
    from pathlib import Path
    from planner.core.model import Kind, Workout
    from planner.core.ports import StorageError
    from planner.storage.backups import make_backup, restore_backup
    from planner.storage.db import open_database

    small, roomy = Path(sys.argv[1]), Path(sys.argv[2])

    def plan_in(folder):
        plan = folder / "plan.sqlite3"
        with open_database(plan) as db:
            db.repository.bulk_insert_workouts(
                Workout(None, date(2026, 1, 1), Kind.RUN, "x" * 2000) for _ in range(200)
            )
        return plan

    def fill(folder):
        descriptor = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while True:
                os.write(descriptor, bytes(4096))
        except OSError:
            pass
        finally:
            os.close(descriptor)

    def restore(backup, plan, root):
        try:
            restore_backup(backup, plan, root, now=datetime(2026, 3, 3, tzinfo=UTC))
        except StorageError as error:
            return {"message": str(error), "hint": error.hint, "files": sorted(
                p.name for p in plan.parent.iterdir() if p.name != "filler"
            )}
        return {"message": "restored"}

    # The plan's disk is full: the restored copy cannot be written beside it.
    plan = plan_in(small)
    backup = make_backup(plan, roomy / "backups", now=datetime(2026, 3, 2, tzinfo=UTC))
    fill(small)
    beside = restore(backup.path, plan, roomy / "backups")
    beside["backup"] = backup.path.name
    (small / "filler").unlink()
    plan.unlink()

    # The backups' disk is full: the copy of the plan it replaces cannot be kept first.
    plan = plan_in(roomy)
    backup = make_backup(plan, small / "backups", now=datetime(2026, 3, 2, tzinfo=UTC))
    fill(small)
    safety = restore(backup.path, plan, small / "backups")
    safety["backup"] = backup.path.name
    print(json.dumps({"beside": beside, "safety": safety}))
    """
)


@pytest.mark.skipif(NO_SMALL_DISKS is not None, reason=str(NO_SMALL_DISKS))
def test_restore_on_a_really_full_disk(tmp_path: Path) -> None:
    """SQLite itself runs out of room (SQLITE_FULL), on a 2 MB RAM disk mounted for the test."""
    small, roomy = tmp_path / "small", tmp_path / "roomy"
    small.mkdir()
    roomy.mkdir()
    script = f'mount -t tmpfs -o size=2m tmpfs {shlex.quote(str(small))} && exec "$0" "$@"'
    done = run_python(
        ON_A_FULL_DISK, str(small), str(roomy), prefix=("unshare", "-m", "sh", "-c", script)
    )
    outcome = json.loads(done.stdout.splitlines()[-1])

    beside, safety = outcome["beside"], outcome["safety"]
    assert beside["message"] == (
        f"The backup {beside['backup']} could not be restored: the disk holding your plan is "
        f"full ({small})."
    )
    assert safety["message"].startswith(
        f"The backup {safety['backup']} was not restored: before replacing your plan, Legwork "
        "keeps it as a backup, and the disk holding the backups is full ("
    )
    for told in (beside, safety):
        assert told["hint"].startswith("Your plan was not changed. Free some space on that disk")
        assert "not saved" not in told["message"] + told["hint"]
    assert beside["files"] == ["plan.sqlite3"]  # nothing left half-written beside the plan
