"""Hovering over a chart: which day the pointer is on, and how a day or a value reads."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt

from planner.core.chart_ranges import x_day
from planner.core.formatting import format_day, format_number


def day_label(day: date, *, weekday: bool = True) -> str:
    """``Wed 18 Nov 2026`` (or ``18 Nov 2026``): dates as the charts write them."""
    return format_day(day, weekday=weekday, year=True)


def number(value: float, decimals: int = 1) -> str:
    """A value for the readout: ``72.4``, ``8``; ``−`` as the minus sign."""
    return format_number(value, decimals).replace("-", "\u2212")


def percent(fraction: float) -> str:
    """A fraction as a signed percentage: ``+12 %``, ``−31 %``."""
    value = round(fraction * 100)
    sign = "+" if value > 0 else ("\u2212" if value < 0 else "")
    return f"{sign}{abs(value)} %"


#: Where a readout may not break a line: between a number and its unit or sign ("8.2 km",
#: "−12 %", "+ 10 %"), within a date ("Mon 16 Nov 2026"), between a word and the value it
#: names ("load 180") and before the "·" that ends a phrase. After a colon or a comma it may.
_KEEP_TOGETHER = re.compile(r"(?<=[\d%+\u2212]) (?=\S)|(?<=[^\s:,·]) (?=[\d+\u2212·])")


#: Words the readouts use that read as one: a line never breaks inside them.
_ONE_WORD = ("Week of", "last week", "Last weigh-in", "7-day mean", "no weigh-in", "fitness from")


def keep_together(text: str) -> str:
    """``text`` with no-break spaces and hyphens where a line must not break.

    See :data:`_KEEP_TOGETHER` and :data:`_ONE_WORD`; a value's form and zone, such as
    ``−12 % (productive)``, stay on one line too.
    """
    for words in _ONE_WORD:
        text = text.replace(words, words.replace(" ", "\u00a0").replace("-", "\u2011"))
    return _KEEP_TOGETHER.sub("\u00a0", text)


def tip_text(readout: str) -> str:
    """A readout as a tooltip: the day on the first line, then each phrase on its own."""
    head, colon, rest = readout.partition(": ")
    if not colon:
        return readout
    return "\n".join([head, *rest.split(" · ")])


class PointerTracker(QObject):
    """Reports the day under the pointer of a plot (at most 60 times a second), and leaving.

    Args:
        plot: the plot widget to watch.
        report: called with the day under the pointer, or ``None`` when it leaves the plot.
    """

    def __init__(self, plot: pg.PlotWidget, report: Callable[[date | None], None]) -> None:
        super().__init__(plot)
        self._plot = plot
        self._report = report
        self._proxy = pg.SignalProxy(plot.scene().sigMouseMoved, rateLimit=60, slot=self._moved)
        self._global = QPoint()
        plot.viewport().installEventFilter(self)

    @property
    def global_position(self) -> QPoint:
        """Where the pointer was last reported, in screen coordinates."""
        return QPoint(self._global)

    def _moved(self, event: tuple[QPointF]) -> None:
        (position,) = event
        view = self._plot.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(position):
            self._report(None)
            return
        self._global = self._plot.viewport().mapToGlobal(self._plot.mapFromScene(position))
        self._report(x_day(view.mapSceneToView(position).x()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # getattr: while this object's Python side is being freed, Qt may still filter events
        report = getattr(self, "_report", None)
        if report is not None and event.type() == QEvent.Type.Leave:
            report(None)
        return False


def crosshair() -> pg.InfiniteLine:
    """The vertical line that follows the hovered day (hidden until then)."""
    line = pg.InfiniteLine(angle=90, movable=False)
    line.setZValue(30)
    line.setVisible(False)
    line.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
    return line
