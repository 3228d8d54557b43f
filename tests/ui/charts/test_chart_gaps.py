"""A span with no data says so over the plot, and how to add some, and the plot stays.

The window holds a year of the demo history (see :mod:`tests.ui.charts.window_helpers`);
the week is changed through the window's actions, as a runner would.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from planner.core.model import Kind, Status, Workout
from planner.storage.db import open_database
from tests.ui.charts.window_helpers import demo_db, nothing_in_view, open_window, panel_of, settle
from tests.ui.conftest import MONDAY, TODAY


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return demo_db(tmp_path / "demo.sqlite3")


# -- polish: a range with no weigh-ins says so, and how to log one ---------------------------
def test_a_far_future_week_says_there_are_no_weigh_ins(qtbot: Any, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = panel_of(window)
    assert panel is not None
    chart = panel.weight_chart
    assert nothing_in_view(chart) is None
    for _ in range(30):
        window.actions_table["next_week"].trigger()
    settle(qtbot)
    first, last = panel.days_in_view()
    assert first > TODAY  # nothing logged there
    hint = nothing_in_view(chart)
    assert hint is not None
    text = " ".join(label.text() for label in hint.findChildren(QLabel)).replace("\xa0", " ")
    assert "No weigh-ins" in text
    assert f"{last.day} {last:%b} {last.year}" in text
    assert "Log Weight" in text
    buttons = [button.text() for button in hint.findChildren(QAbstractButton)]
    assert "Log Weight…" in buttons
    # the plot stays (the week band, the axis, panning back), unlike the empty state
    assert chart.plot_widget.isVisible()
    # (a weigh-in cannot be logged there: it is in the future) back at this week, it goes
    window.actions_table["this_week"].trigger()
    settle(qtbot)
    assert nothing_in_view(chart) is None


def test_the_other_charts_say_when_nothing_is_in_view(qtbot: Any, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path)
    panel = panel_of(window)
    assert panel is not None
    for _ in range(30):
        window.actions_table["next_week"].trigger()
    settle(qtbot)
    mileage = nothing_in_view(panel.mileage_chart)
    load = nothing_in_view(panel.load_chart)
    assert mileage is not None and load is not None
    assert "No runs" in " ".join(label.text() for label in mileage.findChildren(QLabel))
    assert "No training" in " ".join(label.text() for label in load.findChildren(QLabel))
    # the week's summary says there is nothing there, not "0 km done"
    monday = MONDAY + timedelta(weeks=30)
    assert panel.mileage_chart.readout_text() == f"Week of Mon {monday.day} {monday:%b %Y}: no runs"


def test_a_run_planned_in_an_empty_range_takes_the_hint_away(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite3"
    with open_database(path) as database:
        database.repository.bulk_insert_workouts(
            [Workout(None, TODAY - timedelta(days=1), Kind.RUN, "Run", 0, 40, 8.0, 4)]
        )
    window = open_window(qtbot, path)
    panel = panel_of(window)
    assert panel is not None
    for _ in range(15):
        window.actions_table["next_week"].trigger()
    settle(qtbot)
    assert nothing_in_view(panel.mileage_chart) is not None
    day = MONDAY + timedelta(weeks=15, days=2)
    window.controller.add_workout(
        Workout(None, day, Kind.RUN, "Easy run", 0, 30, 5.0, 3, status=Status.PLANNED)
    )
    settle(qtbot)
    assert nothing_in_view(panel.mileage_chart) is None
    assert nothing_in_view(panel.load_chart) is None


# -- a small screen: the charts arriving do not push the window past its bottom --------------
def test_the_charts_arriving_leave_the_window_the_height_it_had(
    qtbot: Any, demo_path: Path
) -> None:
    """On a 1280x720 screen the first start gives 1200x640 (or the window's minimum).

    Built after the first paint, the charts once asked for their narrowest layout's height
    (332 px), the window grew to 752 px to give it, past the bottom of the screen, and never
    gave it back.
    """
    from planner.app import build_main_window

    window = build_main_window(demo_path, today=TODAY)
    qtbot.addWidget(window)
    window.resize(1200, 640)
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: panel_of(window) is not None, timeout=5000)

    def settled() -> bool:  # the height it had, or its minimum once laid out: no more
        return window.height() == max(640, window.minimumSizeHint().height())

    qtbot.waitUntil(lambda: settled() and window.height() <= 700, timeout=3000)
