"""Go to Date the way the README tells it, on a real X server with real keystrokes (xdotool).

"Ctrl+G to any date (type ``2026-12-24`` or a week like ``2026-W52``...)": the keys go wherever
the X server's input focus is, so this catches a dialog that opens with focus on the wrong widget
(the calendar's hidden date editor read ``2026-12-24`` as the year 1224), which the offscreen
platform can hide.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

TODAY = dt.date(2026, 11, 18)  # a Wednesday, in 2026-W47


@pytest.mark.parametrize(
    ("typed", "label", "day"),
    [
        ("2026-12-24", "2026-W52", dt.date(2026, 12, 24)),
        ("2026-W52", "2026-W52", dt.date(2026, 12, 21)),
        ("2027-W02", "2027-W02", dt.date(2027, 1, 11)),
    ],
)
def test_ctrl_g_typed_date_or_week_then_enter_shows_that_week(
    launch_app, xdo, db_path: Path, tmp_path: Path, typed: str, label: str, day: dt.date
) -> None:
    app = launch_app(db_path, today=TODAY)
    app.activate()
    app.wait_until(lambda: app.focus()["active_window"])
    assert "2026-W47" in app.call("weekLabel", "text")

    xdo.key("ctrl+g")
    # The dialog is up once the main window is no longer the active one.
    app.wait_until(lambda: not app.focus()["active_window"])
    xdo.type(typed)
    app.screenshot(tmp_path / "typed.png")
    xdo.key("Return")

    # (With no window manager, nobody activates the main window again: watch the toolbar.)
    app.wait_until(lambda: "2026-W47" not in app.call("weekLabel", "text"))
    shown = app.call("weekLabel", "text")
    assert label in shown, f"typed {typed!r}, the toolbar shows {shown!r}"
    assert not app.day_rect(day).empty
