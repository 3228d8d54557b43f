"""The weight chart (``weightChart``): each weigh-in as a point, and the 7-day trend as a line.

Days without a weigh-in are gaps: no point, and the trend line breaks after a week without
one (:func:`planner.core.progress.line_breaks`), never filled with a made-up weight.
"""

from __future__ import annotations

import bisect
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from planner.core import progress
from planner.core.chart_data import ProgressData
from planner.core.chart_ranges import DAY, MIDDAY, day_x
from planner.core.progress import TREND_DAYS, Point
from planner.ui.charts.base import ChartView, Drawn
from planner.ui.charts.hover import day_label, number
from planner.ui.charts.plotting import fixed, thin_out, values_of, visible, xs_of_days
from planner.ui.charts.theme import ChartTheme

#: Dots get smaller when a pixel holds more days than this.
_DAYS_A_PIXEL_FOR_SMALL_DOTS = 1.0

EMPTY_TEXT = (
    "No weigh-ins yet. Log your weight (Edit ▸ Log Weight…) a few mornings a week, or "
    "import them from your scale's CSV file, to see your weight and its 7-day trend here."
)
#: What the note over the plot says when no weigh-in lies in view.
NOTHING = (
    "weigh-ins",
    "Log one with Edit ▸ Log\u00a0Weight… (Ctrl+Shift+L), or import them from your scale's "
    "CSV file.",
)


class WeightChart(ChartView):
    """Body weight over time.

    ``series()`` has "weight" (each weigh-in) and "trend" (on each weigh-in day, the mean of
    the weigh-ins in the 7 days ending it), in kg or lb as the runner's units say.

    Args:
        parent: the parent widget.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self._points = pg.PlotDataItem(pen=None, symbol="o", symbolSize=5)
        # the same dots, smaller, for spans of years (shown instead: no rebuilding on zoom)
        self._small_points = pg.PlotDataItem(pen=None, symbol="o", symbolSize=3)
        self._trend = pg.PlotDataItem(connect="finite")
        super().__init__("weightChart", "Weight", EMPTY_TEXT, parent, nothing=NOTHING)
        for item in (self._points, self._small_points, self._trend):
            self.plot_item.addItem(item)
        # every weigh-in is drawn (a few thousand dots are cheap; clipping would rebuild
        # them on every pan), the trend line is thinned out over long spans
        fixed(self._points)
        fixed(self._small_points)
        self._small_points.setVisible(False)
        thin_out(self._trend)
        self._smooth(self._trend)
        self._trend.setZValue(2)
        self._small = False
        self._days: list[date] = []
        self._xs = np.empty(0)
        self._values = np.empty(0)
        self._trend_values = np.empty(0)

    def _draw(self, data: ProgressData) -> Drawn:
        points_kg, trend_kg = data.weight()
        factor = self.weight_units.weight_from_kg(1.0)
        self._days = [day for day, _ in points_kg]
        self._xs = xs_of_days(points_kg)
        self._values = values_of(points_kg) * factor
        self._trend_values = values_of(trend_kg) * factor
        self._points.setData(self._xs, self._values)
        self._small_points.setData(self._xs, self._values)
        # A NaN after each point where the line breaks: gaps stay gaps.
        breaks = np.asarray(progress.line_breaks(trend_kg, max_gap_days=TREND_DAYS), dtype=bool)
        counts = np.where(breaks, 2, 1)
        xs = np.repeat(self._xs, counts)
        ys = np.repeat(self._trend_values, counts)
        if len(xs):
            ys[(np.cumsum(counts) - 1)[breaks]] = np.nan
        self._trend.setData(xs, ys, connect="finite")

        def series() -> dict[str, list[Point]]:
            return {
                "weight": progress.scaled(points_kg, factor),
                "trend": progress.scaled(trend_kg, factor),
            }

        return Drawn(series, empty=not points_kg)

    def _on_view_changed(self, x0: float, x1: float) -> None:
        # over years the dots shrink, so the trend line stays readable among them
        small = (x1 - x0) / DAY > self.view_box.width() * _DAYS_A_PIXEL_FOR_SMALL_DOTS
        if small != self._small:
            self._small = small
            self._points.setVisible(not small)
            self._small_points.setVisible(small)

    def _unit_label(self) -> str:
        return self.weight_units.weight_label

    def _y_range(self, x0: float, x1: float) -> tuple[float, float] | None:
        shown = visible(self._xs, x0, x1)
        if shown.start >= shown.stop:
            return None
        values = np.concatenate((self._values[shown], self._trend_values[shown]))
        low, high = float(values.min()), float(values.max())
        least = 2.0 * self.weight_units.weight_from_kg(1.0)  # at least 2 kg from bottom to top
        middle = (low + high) / 2
        half = max((high - low) * 1.12, least) / 2
        return middle - half, middle + half

    def _readout(self, day: date) -> tuple[float | None, str]:
        if not self._days:
            return None, ""
        index = bisect.bisect_left(self._days, day)
        candidates = [i for i in (index - 1, index) if 0 <= i < len(self._days)]
        nearest = min(candidates, key=lambda i: abs((self._days[i] - day).days))
        if abs((self._days[nearest] - day).days) > TREND_DAYS:
            return day_x(day) + MIDDAY, f"{day_label(day)}: no weigh-in that week"
        found = self._days[nearest]
        unit = self.weight_units.weight_label
        return (
            day_x(found) + MIDDAY,
            f"{day_label(found)}: {number(self._values[nearest])} {unit} · "
            f"7-day mean {number(self._trend_values[nearest])} {unit}",
        )

    def _summary(self) -> str:
        if not self._days:
            return ""
        unit = self.weight_units.weight_label
        return (
            f"Last weigh-in {number(self._values[-1])} {unit} on {day_label(self._days[-1])} · "
            f"7-day mean {number(self._trend_values[-1])} {unit}"
        )

    def _legend_entries(self) -> list[tuple[str, str, QColor]]:
        return [
            ("dot", "Weigh-in", self.theme.weight),
            ("line", "7-day mean", self.theme.trend),
        ]

    def _style(self, theme: ChartTheme) -> None:
        for points in (self._points, self._small_points):
            points.setSymbolBrush(pg.mkBrush(theme.weight))
            points.setSymbolPen(pg.mkPen(None))
        self._trend.setPen(pg.mkPen(theme.trend, width=2.5))
