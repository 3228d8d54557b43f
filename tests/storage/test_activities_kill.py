"""kill -9 during an activity import: the plan holds the whole batch or none of it.

A child process imports a batch of one-hour runs (some linked to planned runs, the others
new done workouts) through the service; the parent kills it with SIGKILL at a random
moment. After every kill the file passes ``integrity_check`` and holds either the plan as
it was or all of the batch: never an activity without its workout, nor a workout marked
done by an activity that is not there.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

from planner.core.model import Kind, Workout
from planner.core.service import PlanService
from planner.storage.db import open_database
from tests.helpers.activities import recorded_run
from tests.helpers.killing import IMPORT_TRIALS, Killer, integrity, report

DAY = date(2026, 11, 2)
BATCH = 24


def _import_activities(done: Connection, plan: str) -> None:
    activities = [recorded_run(DAY + timedelta(days=n), seed=n) for n in range(BATCH)]
    with open_database(Path(plan)) as database:
        service = PlanService(database.repository, today=lambda: DAY + timedelta(days=60))
        done.send("go")
        service.import_activities(activities)
    done.send("done")


def state(path: Path) -> tuple[int, int, int, int]:
    """Activities, workouts, done workouts, and activities whose workout is not done."""
    with sqlite3.connect(path) as connection:
        (activities,) = connection.execute("SELECT count(*) FROM activities").fetchone()
        (workouts,) = connection.execute("SELECT count(*) FROM workouts").fetchone()
        (done,) = connection.execute(
            "SELECT count(*) FROM workouts WHERE status = 'done'"
        ).fetchone()
        (orphans,) = connection.execute(
            "SELECT count(*) FROM activities AS a LEFT JOIN workouts AS w ON w.id = a.workout_id"
            " WHERE w.id IS NULL OR w.status != 'done'"
        ).fetchone()
    return int(activities), int(workouts), int(done), int(orphans)


def test_kill_during_an_activity_import_leaves_all_of_the_batch_or_none(
    seeded_killer: Killer,
    tmp_path: Path,
) -> None:
    plan = tmp_path / "plan.sqlite3"
    with open_database(plan) as database:
        service = PlanService(database.repository)
        for n in range(0, BATCH, 2):  # every other day holds a planned run to link to
            service.add(Workout(None, DAY + timedelta(days=n), Kind.RUN, "Easy run", 0, 60.0))
    pristine = plan.read_bytes()

    def fresh(_n: int) -> tuple[object, ...]:
        for side in plan.parent.glob(plan.name + "-*"):
            side.unlink()
        plan.write_bytes(pristine)
        return (str(plan),)

    old = state(plan)
    assert old == (0, BATCH // 2, 0, 0)
    seeded_killer.calibrate(fresh, _import_activities)
    full = state(plan)
    assert full == (BATCH, BATCH, BATCH, 0)
    outcomes: Counter[str] = Counter()
    for _trial in range(IMPORT_TRIALS):
        fresh(0)
        said = seeded_killer.run(_import_activities, str(plan), kill_after=seeded_killer.moment())
        assert integrity(plan) == "ok"
        now = state(plan)
        if "done" in said:
            assert now == full
        assert now in (old, full), f"half an import: {now}"
        outcomes["nothing imported" if now == old else "all imported"] += 1
    report(f"an import of {BATCH} one-hour activities", outcomes)
