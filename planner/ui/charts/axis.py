"""The charts' axes: a date axis without daylight-saving shifts, styled from the theme."""

from __future__ import annotations

import math
from datetime import date

import pyqtgraph as pg
from PySide6.QtGui import QFont

from planner.core.chart_ranges import DAY, day_x, x_day
from planner.core.formatting import MONTH_NAMES, format_day
from planner.ui.charts.theme import ChartTheme

#: Tick steps the date axis chooses from, finest first: (unit, how many), where the unit is
#: a day, a week, a month or a year.
_STEPS: tuple[tuple[str, int], ...] = (
    ("day", 1),
    ("day", 2),
    ("week", 1),
    ("week", 2),
    ("month", 1),
    ("month", 2),
    ("month", 3),
    ("month", 6),
    ("year", 1),
    ("year", 2),
    ("year", 5),
    ("year", 10),
    ("year", 20),
)
_UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}
#: Room a date label needs on the axis, in pixels (``"30 Nov"`` and some air).
_LABEL_PIXELS = 64


def _ticks(first: date, last: date, unit: str, count: int) -> list[date]:
    """The days from ``first`` to ``last`` on which a tick of ``count`` ``unit`` falls."""
    if unit in ("day", "week"):
        step = count * (7 if unit == "week" else 1)
        start = first.toordinal()
        # weeks on Mondays (ordinal 1 is a Monday), days on multiples of the step
        start += (1 - start) % 7 if unit == "week" else (-start) % step
        return [date.fromordinal(o) for o in range(start, last.toordinal() + 1, step)]
    if unit == "month":
        found = []
        month = first.year * 12 + first.month - 1
        if first.day > 1:
            month += 1
        month += (-month) % count
        while (day := date(month // 12, month % 12 + 1, 1)) <= last:
            found.append(day)
            month += count
        return found
    year = first.year + (1 if (first.month, first.day) > (1, 1) else 0)
    year += (-year) % count
    return [date(y, 1, 1) for y in range(year, last.year + 1, count)]


class DayAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph has no type hints
    """A date axis for days: a few ticks on round days, weeks, months or years.

    It reads the time axis as UTC (``utcOffset=0``: the charts place days at UTC midnight,
    so labels never shift across daylight-saving changes) and picks its ticks from whole
    days with date arithmetic, not from every possible tick converted through QDateTime:
    pyqtgraph's own choice costs most of a frame when ten years are in view.
    """

    def __init__(self) -> None:
        super().__init__(orientation="bottom", utcOffset=0)
        self._unit = "day"

    def tickValues(
        self, min_value: float, max_value: float, size: float
    ) -> list[tuple[float, list[float]]]:
        if not (math.isfinite(min_value) and math.isfinite(max_value)) or max_value <= min_value:
            return []
        first, last = x_day(min_value), x_day(max_value)
        span = max((max_value - min_value) / DAY, 1.0)
        room = max(int(size / _LABEL_PIXELS), 2)
        unit, count = next(
            ((u, c) for u, c in _STEPS if span / (_UNIT_DAYS[u] * c) <= room), _STEPS[-1]
        )
        self._unit = unit
        values = [day_x(day) for day in _ticks(first, last, unit, count)]
        return [
            (_UNIT_DAYS[unit] * count * DAY, [v for v in values if min_value <= v <= max_value])
        ]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        labels = []
        for value in values:
            day = x_day(value)
            if self._unit == "year":
                labels.append(str(day.year))
            elif self._unit == "month":
                labels.append(str(day.year) if day.month == 1 else MONTH_NAMES[day.month - 1][:3])
            else:
                labels.append(format_day(day, weekday=False))
        return labels


def make_date_axis() -> pg.DateAxisItem:
    """The bottom axis of every chart (:class:`DayAxis`)."""
    return DayAxis()


def style_axes(plot: pg.PlotItem, theme: ChartTheme, font: QFont) -> None:
    """Colour the axes and their tick labels, and draw the horizontal grid lightly."""
    small = QFont(font)
    if small.pointSizeF() > 0:
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(theme.grid))
        axis.setTextPen(pg.mkPen(theme.muted))
        axis.setTickFont(small)
        axis.setStyle(tickLength=-4, tickTextOffset=4)
        axis.enableAutoSIPrefix(False)  # no "(x1e3)" labels re-rendered as the view moves
    left = plot.getAxis("left")
    left.setGrid(int(theme.grid.alpha() * 0.55))
    left.setWidth(42)
