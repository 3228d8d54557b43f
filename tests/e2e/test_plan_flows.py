"""The main planning flows with a real mouse (xdotool) in a real X server (Xvfb).

Each step is checked in the database file itself, the way a user would find it after a
restart: drag a template from the library onto a day, move the block to another day, copy
it with Ctrl held, undo with Ctrl+Z, and drop outside the week (nothing happens).
"""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2026, 11, 18)  # a Wednesday
THURSDAY = dt.date(2026, 11, 19)
SATURDAY = dt.date(2026, 11, 21)
SUNDAY = dt.date(2026, 11, 22)

WORKOUTS = "SELECT id, day, title, position, status FROM workouts ORDER BY day, position"


def lower_part(rect) -> tuple[int, int]:
    """A point in the empty lower part of a day column: drops there append to the day."""
    return rect.point(0.5, 0.85)


def test_drag_from_library_move_copy_and_undo(launch_app, xdo, db_path):
    app = launch_app(db_path, today=TODAY)
    assert app.db_rows(WORKOUTS) == []

    # 1. Library -> Thursday creates a planned Easy run there.
    source = app.template_rect("Easy run")
    xdo.drag(*source.center, *lower_part(app.day_rect(THURSDAY)))
    app.wait_until(lambda: len(app.db_rows(WORKOUTS)) == 1)
    [(workout_id, day, title, position, status)] = app.db_rows(WORKOUTS)
    assert (day, title, position, status) == ("2026-11-19", "Easy run", 0, "planned")
    duration, distance = app.db_rows(
        "SELECT duration_min, distance_km FROM workouts WHERE id = ?", (workout_id,)
    )[0]
    assert 30 <= duration <= 40 and distance > 0  # the library's Easy run values

    # 2. Drag the new block to Saturday: it moves (same id, new day).
    block = app.block_rect(workout_id)
    assert not block.empty
    xdo.drag(*block.center, *lower_part(app.day_rect(SATURDAY)))
    app.wait_until(lambda: app.db_rows(WORKOUTS)[0][1] == "2026-11-21")
    assert app.db_rows(WORKOUTS) == [(workout_id, "2026-11-21", "Easy run", 0, "planned")]

    # 3. Ctrl-drag it to Sunday: a copy; the original stays on Saturday.
    block = app.block_rect(workout_id)
    xdo.drag(*block.center, *lower_part(app.day_rect(SUNDAY)), modifiers=("ctrl",))
    app.wait_until(lambda: len(app.db_rows(WORKOUTS)) == 2)
    rows = app.db_rows(WORKOUTS)
    assert [(r[1], r[2]) for r in rows] == [("2026-11-21", "Easy run"), ("2026-11-22", "Easy run")]
    assert rows[0][0] == workout_id

    # 4. Ctrl+Z undoes the copy, then the move, then the drop: keyboard focus stayed in the week.
    xdo.key("ctrl+z")
    app.wait_until(lambda: len(app.db_rows(WORKOUTS)) == 1)
    assert app.db_rows(WORKOUTS) == [(workout_id, "2026-11-21", "Easy run", 0, "planned")]
    xdo.key("ctrl+z")
    app.wait_until(lambda: app.db_rows(WORKOUTS)[0][1] == "2026-11-19")
    xdo.key("ctrl+z")
    app.wait_until(lambda: app.db_rows(WORKOUTS) == [])

    # 5. Ctrl+Shift+Z redoes the drop with the same workout.
    xdo.key("ctrl+shift+z")
    app.wait_until(lambda: len(app.db_rows(WORKOUTS)) == 1)
    assert app.db_rows(WORKOUTS) == [(workout_id, "2026-11-19", "Easy run", 0, "planned")]
    assert app.errors() == []
    assert app.quit() == 0


def test_drop_outside_the_week_does_nothing(launch_app, xdo, db_path):
    app = launch_app(db_path, today=TODAY)
    source = app.template_rect("Long run")
    library = app.widget_rect("workoutPalette")
    # Drag down and release back inside the library: not a drop target.
    xdo.drag(*source.center, library.center[0], library.y + library.h - 20)
    app.ping()
    assert app.db_rows(WORKOUTS) == []

    # A real drop still works afterwards (the cancelled drag left nothing stuck).
    xdo.drag(*app.template_rect("Long run").center, *lower_part(app.day_rect(SUNDAY)))
    app.wait_until(lambda: len(app.db_rows(WORKOUTS)) == 1)
    assert app.db_rows(WORKOUTS)[0][1:3] == ("2026-11-22", "Long run")
    assert app.quit() == 0


def test_drop_order_within_a_day(launch_app, xdo, db_path):
    app = launch_app(db_path, today=TODAY)
    sunday = app.day_rect(SUNDAY)
    xdo.drag(*app.template_rect("Long run").center, *lower_part(sunday))
    app.wait_until(lambda: len(app.db_rows(WORKOUTS)) == 1)
    [(long_id, *_)] = app.db_rows(WORKOUTS)
    # Drop the rest-free strength session above the long run's block: it goes first.
    long_block = app.block_rect(long_id)
    xdo.drag(*app.template_rect("Squat jumps").center, long_block.center[0], long_block.y + 4)
    app.wait_until(lambda: len(app.db_rows(WORKOUTS)) == 2)
    assert [r[2] for r in app.db_rows(WORKOUTS)] == ["Squat jumps", "Long run"]
    assert [r[3] for r in app.db_rows(WORKOUTS)] == [0, 1]
    assert app.quit() == 0
