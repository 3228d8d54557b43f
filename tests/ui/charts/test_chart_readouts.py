"""The charts' readouts as a runner reads them: summaries that fit, the value under the mouse, AU.

The window holds a year of the demo history (see :mod:`tests.ui.charts.window_helpers`) at
the sizes a first start gives on 1280x720 and 1920x1080 screens, and maximized on the latter;
the mouse is moved over the plot as a runner's would be.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from planner.core.chart_ranges import DAY, MIDDAY, ChartRange, day_x
from planner.core.model import WeightEntry
from planner.core.service import PlanService
from planner.ui.charts.panel import ChartsPanel
from planner.ui.controller import PlanController
from planner.ui.view_state import ViewState, fixed_clock
from tests.fakes import MemoryRepository
from tests.ui.charts.window_helpers import (
    WINDOW_SIZES,
    assert_fits,
    click_range,
    demo_db,
    move_to,
    open_window,
    panel_of,
    readout,
    settle,
    tooltip_shows,
)
from tests.ui.conftest import MONDAY, TODAY, week_plan


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    return demo_db(tmp_path / "demo.sqlite3")


# -- 9: summaries that fit, here and in the PNG ---------------------------------------------
@pytest.mark.parametrize("size", WINDOW_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_summary_lines_fit_at_each_screen_size(
    qtbot: Any, demo_path: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    window = open_window(qtbot, demo_path, size)
    panel = panel_of(window)
    assert panel is not None
    settle(qtbot)
    texts = [chart.readout_text() for chart in panel.charts()]
    # the longest summaries each chart writes: the week done, planned and its ramp limit;
    # today's load, fitness, fatigue and form; the last weigh-in and its 7-day mean
    assert texts[0].startswith("Week of Mon 16 Nov 2026: ")
    assert "planned" in texts[0] and "last week + 10 %" in texts[0]
    assert "fitness" in texts[1] and "form" in texts[1]
    assert texts[2].startswith("Last weigh-in ")
    for chart in panel.charts():
        assert_fits(readout(chart))
        assert "…" not in chart.readout_text()
    # the PNG is the chart as it is on screen: the same lines, nothing cut
    for chart in panel.charts():
        path = tmp_path / f"{chart.objectName()}.png"
        assert panel.export_png(path, chart, scale=1.0)
        image = QImage(str(path))
        assert (image.width(), image.height()) == (chart.width(), chart.height())
        label = readout(chart)
        assert label.mapTo(chart, QPoint(0, label.height())).y() <= image.height()


def test_hover_readouts_fit_as_the_mouse_moves(qtbot: Any, demo_path: Path) -> None:
    window = open_window(qtbot, demo_path, WINDOW_SIZES[0])
    panel = panel_of(window)
    assert panel is not None
    click_range(qtbot, panel, ChartRange.TWELVE_WEEKS)
    settle(qtbot)
    load = panel.load_chart
    move_to(load, day_x(date(2026, 11, 17)) + MIDDAY, 50)
    qtbot.waitUntil(lambda: load.readout_text().startswith("Tue 17 Nov 2026: load"), timeout=2000)
    settle(qtbot)
    for chart in panel.charts():
        assert_fits(readout(chart))


# -- 9: the exact day and value under the mouse ---------------------------------------------
@pytest.fixture
def panel(qtbot: Any) -> ChartsPanel:
    weigh_ins = [WeightEntry(date(2026, 11, 2), 71.0), WeightEntry(date(2026, 11, 10), 69.4)]
    controller = PlanController(PlanService(MemoryRepository(week_plan(), weights=weigh_ins)))
    state = ViewState(controller, clock=fixed_clock(TODAY))
    widget = ChartsPanel(controller, state)
    qtbot.addWidget(widget)
    widget.resize(1200, 300)
    with qtbot.waitExposed(widget):
        widget.show()
    click_range(qtbot, widget, ChartRange.FOUR_WEEKS)
    return widget


def test_a_tooltip_at_the_mouse_shows_the_weeks_distance(qtbot: Any, panel: ChartsPanel) -> None:
    chart = panel.mileage_chart
    move_to(chart, day_x(MONDAY) + 3 * DAY, 10)  # over the week's bar
    qtbot.waitUntil(lambda: tooltip_shows("Week of Mon 16 Nov 2026"), timeout=2000)
    assert "8.2 km done" in QToolTip.text()
    assert "29 km planned" in QToolTip.text()


def test_a_tooltip_at_the_mouse_shows_the_days_load(qtbot: Any, panel: ChartsPanel) -> None:
    chart = panel.load_chart
    move_to(chart, day_x(date(2026, 11, 22)) + MIDDAY, 100)  # the long run's bar
    qtbot.waitUntil(lambda: tooltip_shows("Sun 22 Nov 2026"), timeout=2000)
    assert "load 500 AU" in QToolTip.text()


def test_a_tooltip_at_the_mouse_shows_the_weigh_in(qtbot: Any, panel: ChartsPanel) -> None:
    chart = panel.weight_chart
    move_to(chart, day_x(date(2026, 11, 10)) + MIDDAY, 69.4)  # on the point
    qtbot.waitUntil(lambda: tooltip_shows("Tue 10 Nov 2026"), timeout=2000)
    assert "69.4 kg" in QToolTip.text()
    assert "7-day mean 69.4 kg" in QToolTip.text()
    # leaving the plot takes the tooltip away and brings the summary back
    QTest.mouseMove(panel, QPoint(2, 2))
    QApplication.sendEvent(chart.plot_widget.viewport(), QEvent(QEvent.Type.Leave))
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)
    assert chart.readout_text().startswith("Last weigh-in 69.4 kg")


# -- 9: what AU is ---------------------------------------------------------------------------
def test_the_load_chart_says_what_au_is(panel: ChartsPanel) -> None:
    chart = panel.load_chart
    assert "AU" in chart.title()
    # in words on the chart, next to the bars it measures
    assert any("min × effort" in text for text in chart.legend_texts())
    # and in full where AU is written: the title and the value axis
    title = chart.findChild(QLabel, "chartTitle")
    assert title is not None
    for tip in (title.toolTip(), chart.plot_item.getAxis("left").toolTip()):
        assert "arbitrary units" in tip
        assert "minutes" in tip and "effort" in tip
        assert "Foster 2001" in tip


def test_the_charts_need_no_more_height_than_their_dock_gets(qtbot: Any, demo_path: Path) -> None:
    # on a 1280x720 screen the window must fit: the dock's default height is all the charts
    # may ask for (the empty state's long words, hidden behind the plot, asked for more)
    from planner.ui.charts.dock import PREFERRED_HEIGHT, ChartsDock

    window = open_window(qtbot, demo_path, WINDOW_SIZES[0])
    settle(qtbot)
    dock = window.findChild(ChartsDock, "chartsDock")
    assert dock is not None
    assert dock.minimumSizeHint().height() <= PREFERRED_HEIGHT
    panel = panel_of(window)
    assert panel is not None
    for chart in panel.charts():
        assert_fits(readout(chart))


def test_the_axis_tooltip_stays_while_the_mouse_is_over_the_axis(
    qtbot: Any, panel: ChartsPanel
) -> None:
    # moving over the value axis (outside the data) must not take away the axis's own tooltip
    chart = panel.load_chart
    axis = chart.plot_item.getAxis("left")
    plot = chart.plot_widget
    data = chart.view_box.sceneBoundingRect()  # the axis's numbers are left of the data
    point = plot.mapFromScene(QPointF(data.left() - 15, data.center().y()))
    QToolTip.showText(plot.viewport().mapToGlobal(point), axis.toolTip(), plot)
    with qtbot.waitSignal(chart.hovered, timeout=2000):  # the pointer reports, 60 a second
        QTest.mouseMove(plot.viewport(), point)
        QTest.mouseMove(plot.viewport(), point + QPoint(0, 3))
    # A tip told to hide fades for 300 ms before it goes: this one must not start going.
    with pytest.raises(qtbot.TimeoutError):
        qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=400)
    assert tooltip_shows("arbitrary units")
