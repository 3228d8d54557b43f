"""The month view with a real mouse and keyboard (xdotool) in a real X server (Xvfb).

Ctrl+Shift+M shows the month; an entry dragged from the library onto a day of the month is
added to the plan file, and Ctrl+Z takes it back: the keyboard stayed in the month.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.e2e.conftest import Rect

TODAY = dt.date(2026, 11, 18)  # a Wednesday
TARGET = dt.date(2026, 11, 26)  # the Thursday of the week after: only the month shows both

WORKOUTS = "SELECT day, title, status FROM workouts ORDER BY day, position"


def month_shown(app: Any) -> bool:
    try:
        return bool(app.call("monthView", "isVisible"))
    except RuntimeError:  # not built yet
        return False


def test_drag_from_the_library_onto_a_month_day_and_undo(
    launch_app: Any, xdo: Any, db_path: Path
) -> None:
    app = launch_app(db_path, today=TODAY)
    xdo.click(*app.widget_rect("weekView").center)  # the window has the keyboard
    xdo.key("ctrl+shift+m")
    app.wait_until(lambda: month_shown(app))

    day = Rect.from_json(app.request("day_rect", day=TARGET.isoformat(), view="monthView")["rect"])
    assert app.widget_rect("monthView").contains(day)
    source = app.template_rect("Easy run")
    xdo.drag(*source.center, *day.point(0.5, 0.75))
    app.wait_until(lambda: app.db_rows(WORKOUTS) == [("2026-11-26", "Easy run", "planned")])

    xdo.key("ctrl+z")
    app.wait_until(lambda: app.db_rows(WORKOUTS) == [])
    assert month_shown(app)
    assert app.errors() == []
    assert app.quit() == 0
