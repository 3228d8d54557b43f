"""Heavy-legs reports on the load chart: a mark at the top of the plot on each report's day.

A runner sees the reports against fitness and fatigue: each day a done workout was reported
with heavy legs carries a downward triangle under the plot's top edge, the legend names them,
the hover readout says so, and a new report (marked in the window, undone) follows at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from planner.core.chart_ranges import MIDDAY, day_x
from planner.ui.charts.load import HEAVY_LEGS_LEGEND, LoadChart
from planner.ui.main_window import MainWindow
from tests.helpers.dates import MON, TUE
from tests.helpers.heavy_legs import seed_streak
from tests.helpers.windows import open_window


@pytest.fixture
def ids(db_path: Path) -> dict[str, int]:
    return seed_streak(db_path)


@pytest.fixture
def window(qtbot: Any, db_path: Path, ids: dict[str, int]) -> MainWindow:
    return open_window(qtbot, db_path, charts=True)


def load_chart(window: MainWindow) -> LoadChart:
    chart = window.findChild(QWidget, "loadChart")
    assert isinstance(chart, LoadChart)
    return chart


def test_a_report_is_marked_at_the_top_of_the_load_chart_on_its_day(
    qtbot: Any, window: MainWindow, ids: dict[str, int]
) -> None:
    chart = load_chart(window)
    assert chart.series()["heavy_legs"] == []
    assert chart.heavy_legs_marks() == []
    assert HEAVY_LEGS_LEGEND in chart.legend_texts()
    before = chart.series()
    tuesday = window.controller.workout(ids["tuesday"])
    assert tuesday is not None

    assert window.controller.edit(tuesday.replace(heavy_legs=True))  # as the editor saves it
    assert chart.series()["heavy_legs"] == [(TUE, 1.0)]
    # the load, fitness and fatigue do not change with a feeling
    assert {k: v for k, v in chart.series().items() if k != "heavy_legs"} == {
        k: v for k, v in before.items() if k != "heavy_legs"
    }
    [(x, y)] = chart.heavy_legs_marks()
    assert x == day_x(TUE) + MIDDAY
    low, high = chart.view_box.viewRange()[1]
    assert high - (high - low) * 0.1 < y < high  # under the top edge, over the bars
    chart.set_hover(TUE)
    assert "heavy legs reported" in chart.readout_text()
    chart.set_hover(MON)
    assert "heavy legs" not in chart.readout_text()

    window.undo_action.trigger()
    assert chart.series()["heavy_legs"] == []
    assert chart.heavy_legs_marks() == []
