"""The window the chart tests drive: a year of the demo history, opened the runner's way.

Today is Wednesday 18 November 2026 and the demo plans three weeks ahead, to Sunday 13
December, like the README's screenshots.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QToolButton, QToolTip, QWidget

from planner.app import build_main_window
from planner.core.chart_ranges import ChartRange
from planner.core.demo import generate_history
from planner.storage.db import open_database
from planner.ui.charts.base import ChartView
from planner.ui.charts.dock import ChartsDock
from planner.ui.charts.panel import ChartsPanel
from planner.ui.main_window import MainWindow
from tests.helpers.event_loop import next_turn
from tests.ui.conftest import TODAY

#: The demo's last planned week: Monday 7 to Sunday 13 December 2026.
LAST_PLANNED_MONDAY = date(2026, 12, 7)
#: The window sizes the first start gives on a 1280x720 screen, on a 1920x1080 screen, and
#: the window maximized on 1920x1080 (the Progress dock spans the window's width).
WINDOW_SIZES = [(1200, 752), (1632, 950), (1920, 1050)]


def open_window(qtbot: Any, path: Path, size: tuple[int, int] = (1632, 950)) -> MainWindow:
    """The main window on ``path`` at ``size``, shown, once its charts are built."""
    window = build_main_window(path, today=TODAY)
    qtbot.addWidget(window)
    window.resize(*size)
    with qtbot.waitExposed(window):
        window.show()
    qtbot.waitUntil(lambda: panel_of(window) is not None, timeout=5000)
    return window


def panel_of(window: MainWindow) -> ChartsPanel | None:
    """The window's charts, once built."""
    dock = window.findChild(ChartsDock, "chartsDock")
    return dock.panel if dock is not None else None


def demo_db(path: Path) -> Path:
    """A plan file at ``path`` holding a year of the demo history up to :data:`TODAY`."""
    history = generate_history(years=1, today=TODAY)
    with open_database(path) as database:
        database.repository.bulk_insert_workouts(list(history.workouts))
        database.repository.bulk_insert_weights(list(history.weights))
    return path


def click_range(qtbot: Any, panel: ChartsPanel, chart_range: ChartRange) -> None:
    """Click the range button of ``chart_range``."""
    name = f"range{chart_range.name.title().replace('_', '')}"
    button = panel.findChild(QToolButton, name)
    assert button is not None, name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert panel.chart_range is chart_range


def settle(qtbot: Any) -> None:
    """Let the charts' pending redraws (zero-delay timers) and the layouts they ask for run."""
    next_turn(qtbot)  # the redraws started before now
    next_turn(qtbot)  # what they started in turn


def readout(chart: ChartView) -> QLabel:
    """The chart's readout line (the summary, or the hovered day)."""
    label = chart.findChild(QLabel, "chartReadout")
    assert label is not None
    return label


def assert_fits(label: QLabel) -> None:
    """The label shows all its words, on as many lines as its width needs, none cut off."""
    rect = label.contentsRect()
    needed = label.fontMetrics().boundingRect(
        QRect(0, 0, rect.width(), 100_000), int(Qt.TextFlag.TextWordWrap), label.text()
    )
    assert label.isVisible()
    assert needed.width() <= rect.width(), (label.text(), needed, rect)
    assert needed.height() <= rect.height(), (label.text(), needed, rect)
    # and the label itself lies within its chart
    chart = label.parentWidget()
    while chart is not None and not isinstance(chart, ChartView):
        chart = chart.parentWidget()
    assert chart is not None
    top_left = label.mapTo(chart, QPoint(0, 0))
    assert chart.rect().contains(QRect(top_left, label.size())), (label.text(), top_left)


def move_to(chart: ChartView, x: float, y: float) -> None:
    """Move the mouse to the point ``(x, y)`` of the chart's plot (time axis, value)."""
    plot = chart.plot_widget
    target = plot.mapFromScene(chart.view_box.mapViewToScene(QPointF(x, y)))
    QTest.mouseMove(plot.viewport(), target)


def tooltip_shows(*parts: str) -> bool:
    """Whether a tooltip is up and says each of ``parts``."""
    return QToolTip.isVisible() and all(part in QToolTip.text() for part in parts)


def nothing_in_view(chart: ChartView) -> QWidget | None:
    """The note a chart shows over its plot when no data lies in view (``None``: hidden)."""
    found = chart.findChild(QWidget, "chartNothingInView")
    return found if found is not None and found.isVisible() else None
