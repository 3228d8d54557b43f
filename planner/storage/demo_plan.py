"""The demo plan: a realistic history written into a plan file, for the app and ``legwork demo``.

The app's Help ▸ Open Demo Plan makes a new file (:func:`make_demo_plan`, written beside its
final name and moved there whole); ``legwork demo`` fills an empty file the user named
(:func:`write_demo_history`). Both write the same history the same way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.core.demo import DemoHistory, generate_history
from planner.storage.db import Database, open_database

__all__ = ["DEMO_FILE_NAME", "DEMO_YEARS", "make_demo_plan", "write_demo_history"]

#: The demo plan's file, in the user data folder beside the runner's own plan.
DEMO_FILE_NAME = "demo.sqlite3"
#: How many years of history the app's demo plan has.
DEMO_YEARS = 2


def write_demo_history(database: Database, history: DemoHistory) -> None:
    """Write a demo history's workouts and weigh-ins into an open plan, in bulk."""
    database.repository.bulk_insert_workouts(history.workouts)
    database.repository.bulk_insert_weights(history.weights)


def make_demo_plan(path: Path, *, today: date, years: int = DEMO_YEARS) -> None:
    """Write a new plan at ``path`` holding the demo history up to ``today``.

    The file is written beside its final name and moved there whole, so a half-made demo
    never takes its place.

    Raises:
        StorageError: the plan cannot be made.
        OSError: the folder cannot be written.
    """
    history = generate_history(years=years, today=today)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial_path = path.with_name(f".{path.name}.making")
    for stale in (partial_path, *partial_path.parent.glob(f"{partial_path.name}-*")):
        stale.unlink(missing_ok=True)
    database = open_database(partial_path)
    try:
        write_demo_history(database, history)
    finally:
        database.close()
    for suffix in ("-wal", "-shm"):  # normally gone once the last connection closed
        side = partial_path.with_name(partial_path.name + suffix)
        if side.exists():
            side.replace(path.with_name(path.name + suffix))
    partial_path.replace(path)
