"""The weekly distance chart (``mileageChart``): run distance per week, done and planned.

Each week is one bar: what was done, filled, with what is still planned stacked on top,
hatched and outlined (so done and planned differ by more than colour); future weeks show
their plan. A short dashed line marks last week + 10 % (the runner's ramp limit) over each
week, the line the WEEK_RAMP warning draws: a bar that pokes above it ramps up too fast.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from planner.core import progress
from planner.core.chart_data import ProgressData
from planner.core.chart_ranges import DAY
from planner.core.formatting import format_number
from planner.core.progress import Point
from planner.core.settings import RuleSettings
from planner.core.weeks import week_start
from planner.ui.charts.base import ChartView, Drawn
from planner.ui.charts.hover import day_label, number
from planner.ui.charts.plotting import fixed, values_of, visible, xs_of_days
from planner.ui.charts.theme import ChartTheme

EMPTY_TEXT = (
    "No runs yet. Plan runs with a distance in the calendar (drag an Easy run onto a day) "
    "and mark them done to see your weekly distance, done and planned, here."
)
#: What the note over the plot says when no run lies in view.
NOTHING = ("runs", "Plan one: drag a run from the library onto a day.")
#: Where a week's bar starts within the week, and how wide it is (in days).
_BAR_OFFSET = 0.5 * DAY
_BAR_WIDTH = 6.0 * DAY
#: Ramp markers show while a week's bar is at least this many pixels wide.
_RAMP_MIN_PIXELS = 6.0
#: Below this many pixels a week, bars touch (a gap would only make stripes).
_GAP_MIN_PIXELS = 8.0


class MileageChart(ChartView):
    """Run distance per week.

    ``series()`` has "done" and "planned": run distance per week keyed by the week's first
    day (the runner's first weekday), in km or miles as the runner's units say. "done"
    counts runs marked done, "planned" the runs still planned; skipped runs count nothing.
    The ramp markers are :meth:`ramp` (drawn, but not part of the DESIGN.md seam).

    Args:
        parent: the parent widget.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self._done = pg.BarGraphItem(x0=[], width=_BAR_WIDTH, height=[])
        self._planned = pg.BarGraphItem(x0=[], width=_BAR_WIDTH, height=[])
        self._ramp = pg.PlotDataItem(connect="pairs")
        self._limit_pct = RuleSettings().ramp_limit_pct
        super().__init__("mileageChart", "Weekly distance", EMPTY_TEXT, parent, nothing=NOTHING)
        for item in (self._done, self._planned, self._ramp):
            self.plot_item.addItem(item)
        # short segments in pairs: clipping or thinning them out would pair the wrong ends
        fixed(self._ramp)
        self._ramp.setZValue(3)
        self._weeks: list[date] = []
        self._xs = np.empty(0)
        self._done_values = np.empty(0)
        self._planned_values = np.empty(0)
        self._ramp_points: list[Point] = []
        self._ramp_by_week: dict[date, float] = {}
        self._first_weekday = 0
        self._solid = False

    def ramp(self) -> list[tuple[date, float]]:
        """The ramp markers as drawn: (week's first day, last week's distance + the limit)."""
        self._flush()
        return list(self._ramp_points)

    def _draw(self, data: ProgressData) -> Drawn:
        weeks, ramp_km = data.weeks()
        self._first_weekday = data.settings.first_weekday
        factor = self.units.distance_from_km(1.0)
        self._ramp_points = progress.scaled(ramp_km, factor)
        self._ramp_by_week = dict(self._ramp_points)
        self._weeks = [week for week, _ in weeks.done]
        self._xs = xs_of_days(weeks.done, offset=_BAR_OFFSET)
        self._done_values = values_of(weeks.done) * factor
        self._planned_values = values_of(weeks.planned) * factor
        self._place_bars()
        ramp_x = np.repeat(xs_of_days(self._ramp_points, offset=_BAR_OFFSET), 2)
        ramp_x[1::2] += _BAR_WIDTH
        self._ramp.setData(ramp_x, np.repeat(values_of(self._ramp_points), 2), connect="pairs")

        def series() -> dict[str, list[Point]]:
            return {
                "done": progress.scaled(weeks.done, factor),
                "planned": progress.scaled(weeks.planned, factor),
            }

        return Drawn(series, empty=not weeks.done)

    def _unit_label(self) -> str:
        return self.units.distance_label

    def _y_range(self, x0: float, x1: float) -> tuple[float, float] | None:
        shown = visible(self._xs, x0 - _BAR_WIDTH, x1)
        if shown.start >= shown.stop:
            return None
        totals = self._done_values[shown] + self._planned_values[shown]
        top = float(totals.max())
        first = self._weeks[shown.start]
        last = self._weeks[shown.stop - 1] + timedelta(days=7)
        ramps = [value for week, value in self._ramp_points if first <= week <= last]
        top = max([top, *ramps])
        return 0.0, max(top * 1.08, self.units.distance_from_km(5.0))

    def _on_view_changed(self, x0: float, x1: float) -> None:
        pixels_a_week = self.view_box.width() / max((x1 - x0) / (7 * DAY), 1e-9)
        self._ramp.setVisible(pixels_a_week >= _RAMP_MIN_PIXELS)
        solid = pixels_a_week < _GAP_MIN_PIXELS
        if solid != self._solid:
            self._solid = solid
            self._place_bars()

    def _place_bars(self) -> None:
        """Give the bars their data; weeks touch when a gap would be under a pixel."""
        offset, width = (-_BAR_OFFSET, 7 * DAY) if self._solid else (0.0, _BAR_WIDTH)
        has_done = self._done_values > 0
        has_planned = self._planned_values > 0
        self._done.setOpts(
            x0=self._xs[has_done] + offset, width=width, y0=0, height=self._done_values[has_done]
        )
        self._planned.setOpts(
            x0=self._xs[has_planned] + offset,
            width=width,
            y0=self._done_values[has_planned],
            height=self._planned_values[has_planned],
        )

    def _week_index(self, day: date) -> int | None:
        if not self._weeks:
            return None
        week = week_start(day, self._first_weekday)
        index = (week - self._weeks[0]).days // 7
        return index if 0 <= index < len(self._weeks) else None

    def _week_text(self, week: date, index: int | None) -> str:
        unit = self.units.distance_label
        if index is None:  # before the first run or after the last planned one
            parts = [f"Week of {day_label(week)}: no runs"]
        else:
            done = float(self._done_values[index])
            planned = float(self._planned_values[index])
            parts = [f"Week of {day_label(week)}: {number(done)} {unit} done"]
            if planned > 0:
                parts[0] += f", {number(planned)} {unit} planned"
        limit = self._ramp_by_week.get(week)
        if limit is not None:
            parts.append(f"last week + {format_number(self._limit_pct)} %: {number(limit)} {unit}")
        return " · ".join(parts)

    def _readout(self, day: date) -> tuple[float | None, str]:
        week = week_start(day, self._first_weekday)
        index = self._week_index(day)
        x = float(self._xs[index]) + _BAR_WIDTH / 2 if index is not None else None
        return x, self._week_text(week, index)

    def _summary(self) -> str:
        if self.week is None or not self._weeks:
            return ""
        return self._week_text(self.week.start, self._week_index(self.week.start))

    def refresh(self, data: ProgressData) -> None:
        limit = data.settings.rules.ramp_limit_pct
        if limit != self._limit_pct:
            self._limit_pct = limit
            self._refresh_legend()
        super().refresh(data)

    def _legend_entries(self) -> list[tuple[str, str, QColor]]:
        limit = format_number(self._limit_pct)
        return [
            ("box", "Done", self.theme.run),
            ("hatched", "Planned", self.theme.run),
            ("dash", f"Last week + {limit} %", self.theme.ramp),
        ]

    def _style(self, theme: ChartTheme) -> None:
        self._done.setOpts(brush=pg.mkBrush(theme.run), pen=pg.mkPen(None))
        hatch = QBrush(theme.run, Qt.BrushStyle.BDiagPattern)
        self._planned.setOpts(brush=hatch, pen=pg.mkPen(theme.run, width=1))
        ramp = pg.mkPen(theme.ramp, width=2, style=Qt.PenStyle.DashLine)
        ramp.setCapStyle(Qt.PenCapStyle.FlatCap)  # a mark ends where its week does
        self._ramp.setPen(ramp)
