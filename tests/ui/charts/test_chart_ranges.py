"""The range buttons in the window: what each one shows, and that the calendar's week is in it.

The window holds a year of the demo history planned to Sunday 13 December 2026 (see
:mod:`tests.ui.charts.window_helpers`); the buttons are clicked and the week is changed
through the window's actions.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.core.chart_ranges import ChartRange
from tests.ui.charts.window_helpers import (
    LAST_PLANNED_MONDAY,
    click_range,
    demo_db,
    open_window,
    panel_of,
)
from tests.ui.conftest import MONDAY


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return demo_db(tmp_path / "demo.sqlite3")


def test_the_year_range_includes_the_last_planned_week(qtbot: Any, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = panel_of(window)
    assert panel is not None
    click_range(qtbot, panel, ChartRange.YEAR)
    first, last = panel.days_in_view()
    assert last == LAST_PLANNED_MONDAY + timedelta(days=6)
    assert (last - first).days + 1 == 364
    planned = dict(panel.mileage_chart.series()["planned"])
    assert planned[LAST_PLANNED_MONDAY] > 0
    assert first <= MONDAY  # the calendar's week stays in view


def test_the_short_ranges_keep_the_weeks_before_the_calendars(qtbot: Any, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = panel_of(window)
    assert panel is not None
    # 4 weeks: the two weeks before the calendar's, it and the next (the plan beyond would
    # push the calendar's week into the first half)
    click_range(qtbot, panel, ChartRange.FOUR_WEEKS)
    assert panel.days_in_view() == (date(2026, 11, 2), date(2026, 11, 29))
    click_range(qtbot, panel, ChartRange.TWELVE_WEEKS)
    first, last = panel.days_in_view()
    assert last == LAST_PLANNED_MONDAY + timedelta(days=6)
    assert (last - first).days + 1 == 84


def test_a_range_follows_the_calendar_far_into_the_past(qtbot: Any, demo_path: Path) -> None:
    # browsing last winter, the year shown is the one up to then, not up to today's plan
    window = open_window(qtbot, demo_path)
    panel = panel_of(window)
    assert panel is not None
    click_range(qtbot, panel, ChartRange.YEAR)
    for _ in range(40):
        window.actions_table["previous_week"].trigger()
    monday = MONDAY - timedelta(weeks=40)
    assert window.state.week.start == monday
    assert panel.days_in_view()[1] == monday + timedelta(days=13)


def test_a_range_follows_the_calendar_far_into_the_future(qtbot: Any, demo_path: Path) -> None:
    # beyond the data the charts still show the calendar's week (zooming and panning reach it)
    window = open_window(qtbot, demo_path)
    panel = panel_of(window)
    assert panel is not None
    click_range(qtbot, panel, ChartRange.TWELVE_WEEKS)
    for _ in range(30):
        window.actions_table["next_week"].trigger()
    monday = MONDAY + timedelta(weeks=30)
    assert panel.days_in_view() == (monday + timedelta(days=14 - 84), monday + timedelta(days=13))


def test_no_sliver_of_the_week_after_the_range_shows(qtbot: Any, demo_path: Path) -> None:
    # The ramp mark of the week after the last planned one starts half a day after the range
    # ends; in a year, under a pixel. Its line ends must stop where its points do (a square
    # cap reached back into view as a sliver at the edge, like a clipped week).
    from PySide6.QtCore import Qt

    window = open_window(qtbot, demo_path)
    panel = panel_of(window)
    assert panel is not None
    click_range(qtbot, panel, ChartRange.YEAR)
    pen = panel.mileage_chart._ramp.opts["pen"]
    assert pen.capStyle() == Qt.PenCapStyle.FlatCap
    marks = dict(panel.mileage_chart.ramp())
    assert LAST_PLANNED_MONDAY + timedelta(weeks=1) in marks  # drawn, just out of view


def test_a_run_planned_further_ahead_extends_the_range(qtbot: Any, demo_path: Path) -> None:
    from planner.core.model import Kind, Status, Workout

    window = open_window(qtbot, demo_path)
    panel = panel_of(window)
    assert panel is not None
    click_range(qtbot, panel, ChartRange.TWELVE_WEEKS)
    later = MONDAY + timedelta(weeks=5, days=2)  # Wednesday 23 December
    added = window.controller.add_workout(Workout(None, later, Kind.RUN, "Easy run", 0, 30, 5, 3))
    assert added is not None
    click_range(qtbot, panel, ChartRange.TWELVE_WEEKS)
    assert panel.days_in_view()[1] == MONDAY + timedelta(weeks=5, days=6)
    # skipped, it is no longer planned: the range ends with the demo's plan again
    window.controller.set_status(added, Status.SKIPPED)
    click_range(qtbot, panel, ChartRange.YEAR)
    click_range(qtbot, panel, ChartRange.TWELVE_WEEKS)
    assert panel.days_in_view()[1] == LAST_PLANNED_MONDAY + timedelta(days=6)
