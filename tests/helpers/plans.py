"""Plan files made before the app opens them, and read back (with plain sqlite3) afterwards.

No Qt: storage, start-up and widget tests share them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

from planner.core.model import Kind, WeightEntry, Workout
from planner.storage.db import open_database
from tests.fakes import write_workouts


# -- made before the app opens them -----------------------------------------------------------
def seed(path: Path, *workouts: Workout, weights: Iterable[WeightEntry] = ()) -> list[int]:
    """Write ``workouts`` (and ``weights``) to the plan file ``path``; returns the workouts' ids."""
    weigh_ins = list(weights)
    with open_database(path) as database:
        written = write_workouts(database.repository, workouts) if workouts else []
        if weigh_ins:
            database.repository.bulk_insert_weights(weigh_ins)
    return [w.id for w in written if w.id is not None]


def make_plan(path: Path, workouts: int = 3, weigh_ins: int = 2) -> Path:
    """A plan of ``workouts`` runs on Monday 16 November and ``weigh_ins`` from 1 November."""
    with open_database(path) as db:
        db.repository.bulk_insert_workouts(
            Workout(None, date(2026, 11, 16), Kind.RUN, f"Run {n}", n) for n in range(workouts)
        )
        db.repository.bulk_insert_weights(
            WeightEntry(date(2026, 11, 1 + n), 70.0 + n) for n in range(weigh_ins)
        )
    return path


# -- read back afterwards -----------------------------------------------------------------------
def query(path: Path, sql: str, *args: object) -> list[tuple[Any, ...]]:
    """Run ``sql`` on the plan file through a separate, read-only SQLite connection."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return connection.execute(sql, args).fetchall()


def plan(path: Path) -> list[tuple[date, str]]:
    """Every workout in the file as (day, title), by day then position."""
    rows = query(path, "SELECT day, title FROM workouts ORDER BY day, position")
    return [(date.fromisoformat(day), title) for day, title in rows]


def stored(path: Path, workout_id: int) -> dict[str, Any]:
    """One workout row of the file, column name to value."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        cursor = connection.execute("SELECT * FROM workouts WHERE id = ?", (workout_id,))
        values = cursor.fetchone()
        assert values is not None, f"workout {workout_id} is not in the file"
        return dict(zip([column[0] for column in cursor.description], values, strict=True))


def sql(path: Path, statement: str, *args: object) -> list[tuple[object, ...]]:
    """Run one statement on ``path`` with plain sqlite3 (committing), return its rows."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        return list(connection.execute(statement, args))
    finally:
        connection.close()
