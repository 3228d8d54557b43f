"""kill -9 at random moments: during the first start on a new plan, a backup and a restore.

A child process does the work and reports when it is done (acknowledged); the parent kills
it with SIGKILL after a random delay that spans the whole operation. After every kill the
plan is either absent, or exactly the old one, or exactly the new one; it passes
``integrity_check``; nothing acknowledged is missing; and the next open (or backup) leaves
no temporary file behind.

The normal suite runs a few trials of each (``LEGWORK_KILL_TRIALS``, default 6). For the
real figures, run at least 200 of each and read the summary lines::

    LEGWORK_KILL_TRIALS=200 python -m pytest tests/storage/test_kill.py -q -s

``LEGWORK_KILL_SEED`` repeats a run's kill moments (each test prints its seed).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import re
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from planner.core.library import BUILTIN_TEMPLATES
from planner.core.model import Kind, WeightEntry, Workout
from planner.storage.backups import list_backups, make_backup, restore_backup
from planner.storage.db import check_database, open_database

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="kill -9 (SIGKILL) and fork servers are POSIX only"
)

TRIALS = int(os.environ.get("LEGWORK_KILL_TRIALS", "6"))
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
_TEMPORARY = re.compile(r"^\..*\.tmp(-wal|-shm|-journal)?$")


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


# ------------------------------------------------------------------------------ the harness
@pytest.fixture(scope="module")
def forkserver() -> multiprocessing.context.BaseContext:
    """Children forked from a server that has already imported the storage (fast, no Qt)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        ["planner.storage.db", "planner.storage.backups", "alembic.command", "alembic.config"]
    )
    return context


class Killer:
    """Runs one child per trial and kills it with SIGKILL after a random delay."""

    def __init__(self, context: multiprocessing.context.BaseContext, seed: int) -> None:
        self._context = context
        self.random = random.Random(seed)
        self.span = 0.0
        self.last_span = 0.0

    def run(
        self, target: Callable[..., None], *args: object, kill_after: float | None
    ) -> list[str]:
        """Run ``target(pipe, *args)``; kill it ``kill_after`` s after it said "go".

        Returns what it reported after "go" (its acknowledgements) before it died or ended.
        """
        parent, child = self._context.Pipe(duplex=False)
        process = self._context.Process(target=target, args=(child, *args))
        process.start()
        child.close()
        try:
            assert parent.poll(60), "the child never started"
            assert parent.recv() == "go"
            began = time.perf_counter()
            said: list[str] = []
            if kill_after is None:  # time the work itself, up to its acknowledgement
                assert parent.poll(120), "the child never finished"
                said.append(parent.recv())
                self.last_span = time.perf_counter() - began
                process.join(120)
            else:
                time.sleep(kill_after)
                process.kill()
                process.join(60)
            while parent.poll():
                try:
                    said.append(parent.recv())
                except EOFError:
                    break
            return said
        finally:
            if process.is_alive():
                process.kill()
                process.join(60)
            parent.close()

    def calibrate(
        self, make_args: Callable[[int], tuple[object, ...]], target: Callable[..., None]
    ) -> None:
        """Time three full runs ("go" to done); kills fall in 0 to 1.2 times the median."""
        spans = []
        for n in range(3):
            self.run(target, *make_args(-1 - n), kill_after=None)
            spans.append(self.last_span)
        self.span = 1.2 * sorted(spans)[1]

    def moment(self) -> float:
        return self.random.uniform(0, self.span)


@pytest.fixture
def killer(forkserver: multiprocessing.context.BaseContext) -> Killer:
    seed = int(os.environ.get("LEGWORK_KILL_SEED", random.SystemRandom().randrange(10**6)))
    print(f"\nkill seed: LEGWORK_KILL_SEED={seed}")
    return Killer(forkserver, seed)


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if _TEMPORARY.match(p.name))


def integrity(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with open_database(path, read_only=True) as db, db.engine.connect() as connection:
        return {
            table: sorted(
                (tuple(r) for r in connection.exec_driver_sql(f"SELECT * FROM {table}")),
                key=repr,
            )
            for table in ("workouts", "weights", "templates", "settings")
        }


def report(what: str, outcomes: Counter[str]) -> None:
    figures = ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items()))
    print(f"kill -9 during {what}: {sum(outcomes.values())} trials: {figures}")


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
