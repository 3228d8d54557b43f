"""The drop preview with a real mouse: a drag held over a day shows its warnings before the drop.

The plan is RULES.md's classic: six training days, Monday to Saturday. Dragging an Easy run
from the library and *holding* it over Sunday must show, while the button is still down, that
the drop would add the "no rest day" warnings and clear the "only one rest day" note; nothing
is written until the button is released, and the preview is gone after the release (or when
the drag leaves the week).
"""

from __future__ import annotations

import datetime as dt
import shlex
import subprocess
from pathlib import Path
from typing import Any

from planner.core.model import Kind, Workout
from tests.e2e.conftest import Rect
from tests.e2e.xdo import Xdo
from tests.fakes import write_workouts

TODAY = dt.date(2026, 11, 18)  # a Wednesday
MONDAY = dt.date(2026, 11, 16)
SUNDAY = dt.date(2026, 11, 22)
WARNING, INFO = 2, 1  # Severity values, as the driver sends them

SUNDAY_ROWS = "SELECT title FROM workouts WHERE day = '2026-11-22'"


def six_days() -> list[Workout]:
    """Easy (25 min, RPE 4) and steady (50 min, RPE 6) runs alternate from Monday to Saturday."""
    return [
        Workout(
            None,
            MONDAY + dt.timedelta(days=i),
            Kind.RUN,
            "Steady run" if i % 2 else "Easy run",
            0,
            50 if i % 2 else 25,
            6.0,
            6 if i % 2 else 4,
        )
        for i in range(6)
    ]


def seed(path: Path) -> None:
    from planner.storage.db import open_database

    database = open_database(path)
    try:
        write_workouts(database.repository, six_days())
    finally:
        database.close()


def hold_drag(
    xdo: Xdo, start: tuple[int, int], stops: list[tuple[int, int]], release: Path
) -> subprocess.Popen[bytes]:
    """Press at ``start``, move through ``stops`` (holding at each until the test says so).

    The test creates ``release`` (or ``release.N`` for stop N before the last) to go on; the
    button is let go at the last stop once ``release`` exists. Gives up after 30 s at a stop.
    """
    lines = [f"xdotool mousemove --sync {start[0]} {start[1]}", "sleep 0.15", "xdotool mousedown 1"]
    lines.append("sleep 0.15")
    x, y = start
    for index, (x2, y2) in enumerate(stops):
        for step in range(1, 13):
            lines.append(
                f"xdotool mousemove {round(x + (x2 - x) * step / 12)} "
                f"{round(y + (y2 - y) * step / 12)}"
            )
            lines.append("sleep 0.03")
        lines += [f"xdotool mousemove {x2 + 1} {y2}", "sleep 0.1", f"xdotool mousemove {x2} {y2}"]
        flag = release if index == len(stops) - 1 else Path(f"{release}.{index}")
        quoted = shlex.quote(str(flag))
        lines += [
            "n=0",
            f'while [ ! -e {quoted} ] && [ "$n" -lt 600 ]; do sleep 0.05; n=$((n+1)); done',
        ]
        x, y = x2, y2
    lines += ["xdotool mouseup 1", "sleep 0.1"]
    return xdo.script(lines)


def pairs(findings: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(f["rule_id"], f["severity"]) for f in findings]


def lower_part(rect: Rect) -> tuple[int, int]:
    return rect.point(0.5, 0.85)


def test_a_drag_held_over_a_day_shows_its_preview_before_the_drop(
    launch_app: Any, xdo: Xdo, db_path: Path, tmp_path: Path
) -> None:
    seed(db_path)
    app = launch_app(db_path, today=TODAY)
    assert ("REST_WEEK", INFO) in pairs(app.findings())
    assert app.call("warningsPanel", "preview_findings") is None

    release = tmp_path / "release"
    drag = hold_drag(
        xdo, app.template_rect("Easy run").center, [lower_part(app.day_rect(SUNDAY))], release
    )
    try:
        # The button is still down over Sunday (the days on the way had their own previews):
        # the preview is there, and nothing has been written yet.
        def over_sunday() -> Any:
            preview = app.call("warningsPanel", "preview_findings")
            return preview if preview and ("REST_WEEK", WARNING) in pairs(preview[0]) else None

        added, cleared = app.wait_until(over_sunday)
        assert ("REST_STREAK", WARNING) in pairs(added)
        assert pairs(cleared) == [("REST_WEEK", INFO)]
        assert app.db_rows(SUNDAY_ROWS) == []
        assert drag.poll() is None, "the mouse button was released too early"
        app.screenshot(tmp_path / "preview.png")
    finally:
        release.touch()
        drag.wait(timeout=30)
    assert drag.returncode == 0

    app.wait_until(lambda: app.db_rows(SUNDAY_ROWS) == [("Easy run",)])
    app.wait_until(lambda: app.call("warningsPanel", "preview_findings") is None)
    after = pairs(app.findings())
    assert ("REST_WEEK", WARNING) in after and ("REST_STREAK", WARNING) in after
    assert ("REST_WEEK", INFO) not in after
    assert app.errors() == []


def test_leaving_the_week_during_a_drag_takes_the_preview_away(
    launch_app: Any, xdo: Xdo, db_path: Path, tmp_path: Path
) -> None:
    seed(db_path)
    app = launch_app(db_path, today=TODAY)
    before = app.findings()
    library = app.widget_rect("workoutPalette")
    release = tmp_path / "release"
    outside = (library.center[0], library.y + library.h - 20)
    drag = hold_drag(
        xdo,
        app.template_rect("Easy run").center,
        [lower_part(app.day_rect(SUNDAY)), outside],
        release,
    )
    try:
        assert app.wait_until(lambda: app.call("warningsPanel", "preview_findings"))
        Path(f"{release}.0").touch()  # on to the library, the button still held
        app.wait_until(lambda: app.call("warningsPanel", "preview_findings") is None)
        assert drag.poll() is None, "the mouse button was released too early"
    finally:
        release.touch()
        drag.wait(timeout=30)
    app.ping()
    assert app.db_rows(SUNDAY_ROWS) == []
    assert app.call("warningsPanel", "preview_findings") is None
    assert app.findings() == before
    assert app.errors() == []
