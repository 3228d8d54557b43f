"""kill -9 at random moments: the first start on a new plan, a backup, a restore, an import.

A child process does the work and reports when it is done (acknowledged); the parent kills
it with SIGKILL after a random delay that spans the whole operation. After every kill the
plan is either absent, or exactly the old one, or exactly the new one; it passes
``integrity_check``; nothing acknowledged is missing; and the next open (or backup) leaves
no temporary file behind. ``legwork import`` (into an existing plan, and into a new one with
``--create``) is all or nothing: the plan holds none or all of the file's new workouts, and
the plan's lock does not outlive the killed command.

The normal suite runs a few trials of each (``LEGWORK_KILL_TRIALS``, default 6). For the
real figures, run at least 200 of each and read the summary lines::

    LEGWORK_KILL_TRIALS=200 python -m pytest tests/storage/test_kill.py -q -s -o faulthandler_timeout=0

``LEGWORK_KILL_SEED`` repeats a run's kill moments (each test prints its seed). The import
trials run 4 of each in the normal suite and pick their kill moments from a fixed seed
(``LEGWORK_KILL_SEED`` and ``LEGWORK_KILL_TRIALS`` set both).
"""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from planner import cli
from planner.core.library import BUILTIN_TEMPLATES
from planner.core.model import Kind, Status, WeightEntry, Workout
from planner.interchange.workouts_json_csv import workouts_to_json
from planner.storage.backups import list_backups, make_backup, restore_backup
from planner.storage.db import check_database, open_database
from planner.storage.plan_files import try_lock
from tests.helpers.killing import IMPORT_TRIALS, TRIALS, Killer, integrity, report, temporaries

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="kill -9 (SIGKILL) and fork servers are POSIX only"
)

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


# ------------------------------------------------------------------------------ the children
# Module-level, so the fork server can run them by name.
def _first_start(done: Connection, plan: str) -> None:
    done.send("go")
    open_database(Path(plan)).close()
    done.send("done")


def _backup(done: Connection, plan: str, root: str, day: int) -> None:
    done.send("go")
    info = make_backup(Path(plan), Path(root), now=START + timedelta(days=day))
    done.send(str(info.path))


def _restore(done: Connection, backup: str, plan: str, root: str, day: int) -> None:
    done.send("go")
    restore_backup(Path(backup), Path(plan), Path(root), now=START + timedelta(days=day))
    done.send("done")


def _import(done: Connection, argv: list[str], data_home: str) -> None:
    """``legwork import ARGV``, with the plan's lock in ``data_home`` (as the test's)."""
    os.environ["XDG_DATA_HOME"] = data_home
    done.send("go")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main(["import", *argv])
    done.send(f"exit {code}")


# ------------------------------------------------------------------------------ the harness
# The killer and its fixtures are in tests/helpers/killing.py and tests/storage/conftest.py.
def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with open_database(path, read_only=True) as db, db.engine.connect() as connection:
        return {
            table: sorted(
                (tuple(r) for r in connection.exec_driver_sql(f"SELECT * FROM {table}")),
                key=repr,
            )
            for table in ("workouts", "weights", "templates", "settings")
        }


# ------------------------------------------------------------------------------ the trials
def test_kill_during_the_first_start_on_a_new_plan(killer: Killer, tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    killer.calibrate(lambda n: (str(folder / f"warmup{-n}.sqlite3"),), _first_start)
    outcomes: Counter[str] = Counter()
    for trial in range(TRIALS):
        plan = folder / f"plan{trial}.sqlite3"
        said = killer.run(_first_start, str(plan), kill_after=killer.moment())

        if "done" in said:
            assert plan.exists(), "an acknowledged plan must exist"
        if plan.exists():
            assert integrity(plan) == "ok"
            result = check_database(plan)
            assert result.ok, result.message
            outcomes["finished" if "done" in said else "whole plan, killed before it said so"] += 1
        else:
            outcomes["no plan yet"] += 1
        assert not plan.with_name(plan.name + "-wal").exists() or plan.exists()

        # The next start always works, and leaves no half-made file behind.
        with open_database(plan) as db:
            names = {t.name for t in db.repository.templates()}
        assert names >= {t.name for t in BUILTIN_TEMPLATES}
        assert [p for p in temporaries(folder) if f".{plan.name}." in p] == []
    report("the first start on a new plan", outcomes)
    assert sum(outcomes.values()) == TRIALS


@pytest.fixture
def big_plan(tmp_path: Path) -> Path:
    """A plan with a few years of workouts, so a copy takes long enough to be cut."""
    path = tmp_path / "plan.sqlite3"
    with open_database(path) as db:
        db.repository.bulk_insert_workouts(
            Workout(None, date(2020, 1, 1) + timedelta(days=n // 2), Kind.RUN, f"Run {n}", n % 2)
            for n in range(4000)
        )
        db.repository.bulk_insert_weights(
            WeightEntry(date(2020, 1, 1) + timedelta(days=n), 70 + n % 5) for n in range(1500)
        )
    return path


def test_kill_during_backups(killer: Killer, big_plan: Path, tmp_path: Path) -> None:
    root = tmp_path / "backups"
    killer.calibrate(lambda n: (str(big_plan), str(root), n), _backup)
    expected = rows(big_plan)
    outcomes: Counter[str] = Counter()
    for trial in range(TRIALS):
        said = killer.run(_backup, str(big_plan), str(root), trial, kill_after=killer.moment())
        made = [Path(p) for p in said]
        folder = list_backups(big_plan, root, counts=False)[0].path.parent
        for info in list_backups(big_plan, root, counts=False):  # every backup that counts
            assert integrity(info.path) == "ok", info.path
        for path in made:  # every acknowledged backup is there, whole
            assert path.exists()
            assert rows(path) == expected
        left = temporaries(folder)
        outcomes["acknowledged" if made else ("left a partial file" if left else "cut clean")] += 1
        # The next backup removes what the killed one left half written.
        make_backup(big_plan, root, now=START + timedelta(days=trial, hours=12))
        assert temporaries(folder) == []
    report("backups", outcomes)
    assert integrity(big_plan) == "ok"


def test_kill_during_a_restore(killer: Killer, big_plan: Path, tmp_path: Path) -> None:
    """The plan is always exactly the old plan or exactly the backup; the old one is kept."""
    root = tmp_path / "backups"
    with open_database(big_plan) as db:  # the backup: the plan as it was
        backup = make_backup(big_plan, root, now=START - timedelta(days=1)).path
        db.repository.bulk_insert_workouts(
            Workout(None, date(2026, 1, 1), Kind.REST, f"After the backup {n}") for n in range(50)
        )
    old, restored = rows(big_plan), rows(backup)
    assert old != restored
    pristine = big_plan.with_name("pristine.sqlite3")
    pristine.write_bytes(big_plan.read_bytes())

    def fresh_plan(_n: int) -> tuple[object, ...]:
        pristine_copy(pristine, big_plan)
        return (str(backup), str(big_plan), str(root), 500)

    killer.calibrate(fresh_plan, _restore)
    outcomes: Counter[str] = Counter()
    for trial in range(TRIALS):
        pristine_copy(pristine, big_plan)
        said = killer.run(
            _restore, str(backup), str(big_plan), str(root), trial, kill_after=killer.moment()
        )
        ready = big_plan.with_name(big_plan.name + ".restore-ready")
        finished_by_open = not big_plan.exists() and ready.exists()

        with open_database(big_plan) as db:  # the next start finishes or forgets the restore
            assert db.repository.count_workouts() > 0
        now = rows(big_plan)
        assert integrity(big_plan) == "ok"
        if "done" in said:
            assert now == restored
        assert now in (old, restored)
        if now == restored:  # the old plan must still be somewhere
            kept = list(big_plan.parent.glob("plan.sqlite3.replaced-*"))
            assert any(
                rows(path) == old for path in kept if not path.name.endswith(("-wal", "-shm"))
            )
        if now != restored:
            outcomes["old plan kept"] += 1
        elif finished_by_open:
            outcomes["restored by the next open"] += 1
        else:
            outcomes["restored" if "done" in said else "restored, killed before it said so"] += 1
        assert temporaries(big_plan.parent) == []
        assert not big_plan.with_name(big_plan.name + ".restore-ready").exists()
    report("a restore", outcomes)


def pristine_copy(pristine: Path, plan: Path) -> None:
    """Put the pristine plan back, removing the previous trial's kept-aside files."""
    for leftover in plan.parent.glob("plan.sqlite3*"):
        leftover.unlink()
    plan.write_bytes(pristine.read_bytes())


# ------------------------------------------------------------------------------ imports
#: How many workouts the imported file holds (enough for the write to take a while) ...
IMPORTED = 400
#: ... and how many of them are new to :func:`small_plan` (titled "Imported N").
NEW = IMPORTED - 20


@pytest.fixture
def import_file(tmp_path: Path) -> Path:
    """A JSON export: ``IMPORTED`` workouts, 20 of them already in :func:`small_plan`."""
    workouts = [
        Workout(
            None,
            date(2026, 1, 1) + timedelta(days=n // 3),
            [Kind.RUN, Kind.STRENGTH, Kind.HIIT][n % 3],
            f"Imported {n}",
            n % 3,
            30.0 + n % 20,
            None if n % 3 else 5.0 + n % 7,
            4.0,
            notes=f"From the coach's plan, week {n // 21}",
            status=Status.DONE if n % 5 == 0 else Status.PLANNED,
            actual_duration_min=31.0 if n % 5 == 0 else None,
        )
        for n in range(NEW)
    ]
    path = tmp_path / "coach.json"
    path.write_text(workouts_to_json([*workouts, *_already_there()]), encoding="utf-8")
    return path


def _already_there() -> list[Workout]:
    return [
        Workout(None, date(2025, 12, 1) + timedelta(days=n), Kind.RUN, f"Easy {n}", 0, 40.0, 7.0)
        for n in range(20)
    ]


@pytest.fixture
def small_plan(tmp_path: Path) -> Path:
    """A plan with a month of runs (20 of which the import file holds too) and a weigh-in."""
    path = tmp_path / "plans" / "plan.sqlite3"
    with open_database(path) as db:
        db.repository.bulk_insert_workouts(
            [
                *_already_there(),
                *(Workout(None, date(2025, 11, 1 + n), Kind.RUN, f"Old {n}") for n in range(10)),
            ]
        )
        db.repository.bulk_insert_weights([WeightEntry(date(2025, 12, 1), 70.5)])
    return path


def imported_titles(path: Path) -> int:
    """How many of the import's new workouts (titled "Imported N") the plan holds."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        query = "SELECT count(*) FROM workouts WHERE title LIKE 'Imported %'"
        return int(connection.execute(query).fetchone()[0])
    finally:
        connection.close()


def lock_is_free(plan: Path) -> bool:
    """Whether the plan's single-writer lock can be taken (the killed command held it)."""
    lock = try_lock(plan, purpose="the kill -9 test")
    if lock is None:
        return False
    lock.release()
    return True


def test_kill_during_an_import_into_an_existing_plan(
    seeded_killer: Killer, small_plan: Path, import_file: Path
) -> None:
    """None or all of the file's new workouts; the rest of the plan untouched; lock released."""
    data_home = os.environ["XDG_DATA_HOME"]
    pristine = small_plan.with_name("pristine.sqlite3")
    pristine.write_bytes(small_plan.read_bytes())
    argv = ["--db", str(small_plan), str(import_file)]
    old = rows(small_plan)

    def fresh_plan(_n: int) -> tuple[object, ...]:
        pristine_copy(pristine, small_plan)
        return (argv, data_home)

    seeded_killer.calibrate(fresh_plan, _import)
    full = rows(small_plan)  # as the last calibration run left it: the import done
    assert imported_titles(small_plan) == NEW
    assert len(full["workouts"]) == len(old["workouts"]) + NEW
    assert {k: v for k, v in full.items() if k != "workouts"} == {
        k: v for k, v in old.items() if k != "workouts"
    }
    outcomes: Counter[str] = Counter()
    for _trial in range(IMPORT_TRIALS):
        pristine_copy(pristine, small_plan)
        said = seeded_killer.run(_import, argv, data_home, kill_after=seeded_killer.moment())
        assert said in ([], ["exit 0"]), said

        assert integrity(small_plan) == "ok"
        result = check_database(small_plan)
        assert result.ok, result.message
        now = rows(small_plan)
        if "exit 0" in said:
            assert now == full, "an acknowledged import must be there, all of it"
        assert now in (old, full), "an import is all or nothing"
        assert lock_is_free(small_plan), "the killed import's lock must not outlive it"
        if now == old:
            outcomes["nothing imported"] += 1
        else:
            outcomes["all imported" if said else "all imported, killed before it said so"] += 1
        assert [p for p in temporaries(small_plan.parent) if p.startswith(".plan.")] == []
    report(f"`legwork import` of {IMPORTED} workouts into an existing plan", outcomes)
    assert sum(outcomes.values()) == IMPORT_TRIALS


def test_kill_during_an_import_into_a_new_plan(
    seeded_killer: Killer, tmp_path: Path, import_file: Path
) -> None:
    """``import --create``: no plan, or a whole one holding none or all of the file.

    The next import (the user trying again) works and leaves no half-made file behind.
    """
    data_home = os.environ["XDG_DATA_HOME"]
    folder = tmp_path / "new"
    folder.mkdir()

    def argv(plan: Path) -> list[str]:
        return ["--db", str(plan), "--create", str(import_file)]

    seeded_killer.calibrate(lambda n: (argv(folder / f"warmup{-n}.sqlite3"), data_home), _import)
    outcomes: Counter[str] = Counter()
    for trial in range(IMPORT_TRIALS):
        plan = folder / f"plan{trial}.sqlite3"
        said = seeded_killer.run(_import, argv(plan), data_home, kill_after=seeded_killer.moment())
        assert said in ([], ["exit 0"]), said

        if "exit 0" in said:
            assert plan.exists() and imported_titles(plan) == NEW
        if not plan.exists():
            outcomes["no plan"] += 1
        else:
            assert integrity(plan) == "ok"
            result = check_database(plan)
            assert result.ok, result.message  # whole: Legwork's schema, stamped, healthy
            count = imported_titles(plan)
            assert count in (0, NEW), f"half an import: {count} of {NEW}"
            if count == 0:
                outcomes["a whole, empty new plan (the import not yet committed)"] += 1
            else:
                outcomes["all imported" if said else "all imported, killed before it said so"] += 1
        assert lock_is_free(plan)

        # Trying again works, imports nothing twice, and leaves nothing half-made behind.
        with contextlib.redirect_stdout(io.StringIO()):
            assert cli.main(["import", *argv(plan)]) == 0
        assert imported_titles(plan) == NEW
        with open_database(plan, read_only=True) as db:
            names = {t.name for t in db.repository.templates()}
            assert db.repository.count_workouts() == IMPORTED
        assert names >= {t.name for t in BUILTIN_TEMPLATES}
        assert [p for p in temporaries(folder) if f".{plan.name}." in p] == []
    report(f"`legwork import --create` of {IMPORTED} workouts into a new plan", outcomes)
    assert sum(outcomes.values()) == IMPORT_TRIALS
