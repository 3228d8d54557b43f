"""Keys as an X11 desktop gives them: Qt's standard keys there carry more than on Windows.

On X11 (KDE, GNOME, a bare window manager) Qt's standard Delete is Del and Ctrl+D (an Emacs
key). Legwork gave Ctrl+D to Duplicate as well, and the key did nothing at all: Qt found it
ambiguous. The offscreen platform the widget tests run on has the Windows keys, so this is
checked here, on a real X server with real key presses.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

TODAY = dt.date(2026, 11, 18)  # a Wednesday
THURSDAY = dt.date(2026, 11, 19)
WORKOUTS = "SELECT day, title FROM workouts ORDER BY day, position"


def seed(path: Path) -> int:
    from planner.core.model import Kind, Workout
    from planner.storage.db import open_database
    from tests.fakes import write_workouts

    with open_database(path) as database:
        [stored] = write_workouts(
            database.repository, [Workout(None, THURSDAY, Kind.RUN, "Easy run", 0, 35.0, 6.0, 3)]
        )
    assert stored.id is not None
    return stored.id


def test_ctrl_d_duplicates_and_delete_deletes(launch_app: Any, xdo: Any, db_path: Path) -> None:
    workout_id = seed(db_path)
    app = launch_app(db_path, today=TODAY)
    xdo.click(*app.block_rect(workout_id).center)
    app.wait_until(lambda: (app.call("weekView", "selected_workout") or {}).get("id") == workout_id)

    xdo.key("ctrl+d")
    app.wait_until(lambda: len(app.db_rows(WORKOUTS)) == 2)
    assert app.db_rows(WORKOUTS) == [("2026-11-19", "Easy run"), ("2026-11-19", "Easy run")]

    xdo.key("Delete")
    app.wait_until(lambda: len(app.db_rows(WORKOUTS)) == 1)
    assert app.errors() == []
