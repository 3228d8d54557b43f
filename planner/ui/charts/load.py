"""The training load chart (``loadChart``): daily load as bars, fitness and fatigue as lines.

Bars are each day's session load (RULES.md: effort x minutes, in AU); days after today are
hatched, as they are only planned. Fitness (CTL, 42-day) is the thick smooth line, fatigue
(ATL, 7-day) the thin jagged one. A strip under the bars is shaded by form, (CTL - ATL) /
CTL, day by day: red where fatigue is high (below -30 %, the FATIGUE_SUSTAINED line), green
where training is productive, grey when neutral, blue where the runner is fresh, yellow
where fitness is being lost. A downward triangle at the top of the plot marks each day the
runner reported heavy legs, so the reports show against fitness and fatigue.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from planner.core.chart_data import ProgressData
from planner.core.chart_ranges import DAY, MIDDAY, day_x
from planner.core.model import Severity
from planner.core.progress import FORM_ZONES, FormZone, LoadLines, Point, ZoneSpan, form_zone
from planner.ui.charts.base import ChartView, Drawn
from planner.ui.charts.hover import day_label, number, percent
from planner.ui.charts.plotting import thin_out, visible
from planner.ui.charts.theme import ChartTheme
from planner.ui.severity import severity_color

EMPTY_TEXT = (
    "No training yet. Plan sessions with a duration and an effort (RPE) in the calendar, "
    "and mark them done, to see your daily load and, after a few weeks, your fitness and "
    "fatigue here."
)
#: What the note over the plot says when no training lies in view.
NOTHING = ("training", "Plan a session: drag one from the library onto a day.")
#: What the chart's numbers are, for the title, the value axis and the legend.
LOAD_EXPLAINED = (
    "Training load in arbitrary units (AU): each session's minutes × its effort (RPE, 0 to "
    "10), the session-RPE method (Foster 2001); a day's load is the sum of its sessions.\n"
    "Fitness (CTL) follows the load's 42-day average, fatigue (ATL) its 7-day average, in "
    "the same units; form is (fitness − fatigue) / fitness."
)
#: The legend's words for the bars: what one AU is.
LOAD_LEGEND = "Load (AU = min × effort)"
#: A day's bar, within its day.
_BAR_OFFSET = 0.125 * DAY
_BAR_WIDTH = 0.75 * DAY
#: The zones from the lowest form up, and the form at which each but the lowest starts.
_ZONES_LOW_TO_HIGH = tuple(zone for zone, _ in reversed(FORM_ZONES))
_ZONE_BOUNDS = np.array([low for _, low in reversed(FORM_ZONES[:-1])], dtype=float)
#: The zones of the form strip, in the legend's order.
SHADED_ZONES = (
    FormZone.HIGH_RISK,
    FormZone.PRODUCTIVE,
    FormZone.NEUTRAL,
    FormZone.FRESH,
    FormZone.TRANSITION,
)
#: The form strip's bars: a day, a week or four weeks, the first at least this many pixels
#: wide (over years a day is a fraction of a pixel, and days would only make confetti).
_STRIP_DAYS = (1, 7, 28)
_STRIP_MIN_PIXELS = 2.0
#: The legend's words for the heavy-legs marks, and how far below the plot's top they sit.
HEAVY_LEGS_LEGEND = "Heavy legs"
_MARK_DROP = 0.04
#: The form strip's height, and the gap above it, as fractions of the plot's top value.
_STRIP = 0.075
_STRIP_GAP = 0.02


class _ValueAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph has no type hints
    """A left axis without ticks below zero (the form strip lives there)."""

    def tickValues(
        self, min_value: float, max_value: float, size: float
    ) -> list[tuple[float, list[float]]]:
        levels = super().tickValues(max(min_value, 0.0), max_value, size)
        return [(spacing, [v for v in values if v >= 0]) for spacing, values in levels]


_FITNESS_DAYS = 42


def _strip(start: float, zone_of_day: np.ndarray, days: int) -> tuple[np.ndarray, np.ndarray]:
    """The form strip in bars of ``days`` days from ``start``: each bar's start and zone.

    A bar's zone is the one most of its days are in (a tie goes to the more tired zone, the
    lower index); ``-1`` when none of its days has a form.
    """
    bars = -(-len(zone_of_day) // days)
    counts = np.zeros((bars, len(_ZONES_LOW_TO_HIGH)), dtype=int)
    known = zone_of_day >= 0
    np.add.at(counts, (np.arange(len(zone_of_day))[known] // days, zone_of_day[known]), 1)
    zones = np.where(counts.sum(axis=1) > 0, counts.argmax(axis=1), -1)
    return start + np.arange(bars) * days * DAY, zones


def _defined(values: Sequence[float | None], start: float) -> tuple[np.ndarray, np.ndarray]:
    """The days (at noon) and values of a daily series from ``start``, where it is defined.

    Fitness and fatigue are undefined only at the start of the history, so the defined
    values are one run.
    """
    skip = next((i for i, value in enumerate(values) if value is not None), len(values))
    defined = np.asarray(values[skip:], dtype=float)
    xs = start + MIDDAY + (skip + np.arange(len(defined))) * DAY
    return xs, defined


class LoadChart(ChartView):
    """Daily training load, fitness and fatigue.

    ``series()`` has "load" (the session load of every day from the first training session
    on, 0 on rest days), "fitness" and "fatigue" (CTL and ATL as RULES.md defines them, from
    the days they are defined), all in AU, and "heavy_legs" (1 on each day the runner
    reported heavy legs). The form zones shaded behind them are :meth:`zones`.

    Args:
        parent: the parent widget.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        self._done_bars = pg.BarGraphItem(x0=[], width=_BAR_WIDTH, height=[])
        self._planned_bars = pg.BarGraphItem(x0=[], width=_BAR_WIDTH, height=[])
        self._fitness = pg.PlotDataItem()
        self._fatigue = pg.PlotDataItem()
        self._heavy = pg.ScatterPlotItem(symbol="t", size=11)  # "t": a downward triangle
        self._bands = {zone: pg.BarGraphItem(x0=[], width=[], height=[]) for zone in SHADED_ZONES}
        super().__init__(
            "loadChart",
            "Training load",
            EMPTY_TEXT,
            parent,
            nothing=NOTHING,
            left_axis=_ValueAxis("left"),
        )
        for band in self._bands.values():
            band.setZValue(-30)
            self.plot_item.addItem(band, ignoreBounds=True)
        for item in (self._done_bars, self._planned_bars):
            self.plot_item.addItem(item)
        for line in (self._fatigue, self._fitness):
            self.plot_item.addItem(line)
            thin_out(line)
        self._smooth(self._fatigue, self._fitness)
        self._fitness.setZValue(3)
        self._fatigue.setZValue(2)
        self._heavy.setZValue(4)
        self.plot_item.addItem(self._heavy, ignoreBounds=True)  # placed from the y range
        for explained in (self._title, self._legend, self.plot_item.getAxis("left")):
            explained.setToolTip(LOAD_EXPLAINED)
        self._first: date | None = None
        self._load: np.ndarray = np.empty(0)
        self._fitness_list: Sequence[float | None] = ()
        self._fatigue_list: Sequence[float | None] = ()
        self._xs: np.ndarray = np.empty(0)
        self._fit_xs = np.empty(0)
        self._fit_values = np.empty(0)
        self._fat_xs = np.empty(0)
        self._fat_values = np.empty(0)
        self._lines = LoadLines()
        self._strips: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._strip_days = 1
        self._heavy_days: list[date] = []

    def zones(self) -> list[ZoneSpan]:
        """The form strip: each run of consecutive days in one zone, as shaded."""
        self._flush()
        return self._lines.form_zones()

    def heavy_legs_marks(self) -> list[tuple[float, float]]:
        """Where the heavy-legs marks are drawn: (x, y) in the plot's coordinates, by day."""
        self._flush()
        xs, ys = self._heavy.getData()
        return [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]

    def _draw(self, data: ProgressData) -> Drawn:
        lines = data.load()
        self._first = lines.first
        self._fitness_list = lines.fitness_values
        self._fatigue_list = lines.fatigue_values
        days = len(lines.daily)
        start = day_x(lines.first) if lines.first is not None else 0.0
        self._xs = start + _BAR_OFFSET + np.arange(days) * DAY
        self._load = np.asarray(lines.daily, dtype=float)
        today = (data.today - lines.first).days if lines.first is not None else -1
        past = np.arange(days) <= today
        loaded = self._load > 0
        for bars, chosen in (
            (self._done_bars, past & loaded),
            (self._planned_bars, ~past & loaded),
        ):
            bars.setOpts(x0=self._xs[chosen], width=_BAR_WIDTH, y0=0, height=self._load[chosen])
        self._fit_xs, self._fit_values = _defined(lines.fitness_values, start)
        self._fat_xs, self._fat_values = _defined(lines.fatigue_values, start)
        self._fitness.setData(self._fit_xs, self._fit_values)
        self._fatigue.setData(self._fat_xs, self._fat_values)
        self._lines = lines
        # the form strip: each day in its zone (the zones as FORM_ZONES has them), and for
        # long spans each week in the zone most of its days are in (ties: the more tired)
        form = np.array([np.nan if f is None else f for f in lines.form_values()], dtype=float)
        zone_of_day = np.where(
            np.isnan(form), -1, np.searchsorted(_ZONE_BOUNDS, np.nan_to_num(form), side="right")
        )
        self._strips = {
            days_a_bar: _strip(start, zone_of_day, days_a_bar) for days_a_bar in _STRIP_DAYS
        }
        self._heavy_days = data.heavy_legs_days()
        self._place_strip()
        heavy = [(day, 1.0) for day in self._heavy_days]

        def series() -> dict[str, list[Point]]:
            return {
                "load": lines.load,
                "fitness": lines.fitness,
                "fatigue": lines.fatigue,
                "heavy_legs": heavy,
            }

        return Drawn(series, empty=lines.first is None)

    def _unit_label(self) -> str:
        return "AU"

    def _y_range(self, x0: float, x1: float) -> tuple[float, float] | None:
        tops = []
        for xs, values in (
            (self._xs, self._load),
            (self._fit_xs, self._fit_values),
            (self._fat_xs, self._fat_values),
        ):
            shown = visible(xs, x0 - DAY, x1)
            if shown.start < shown.stop:
                tops.append(float(values[shown].max()))
        if not tops:
            return None
        top = max(max(tops) * 1.08, 10.0)
        return -top * (_STRIP + 2 * _STRIP_GAP), top

    def _on_view_changed(self, x0: float, x1: float) -> None:
        days_a_pixel = (x1 - x0) / DAY / max(self.view_box.width(), 1.0)
        chosen = next(
            (days for days in _STRIP_DAYS if days / days_a_pixel >= _STRIP_MIN_PIXELS),
            _STRIP_DAYS[-1],
        )
        if chosen != self._strip_days:
            self._strip_days = chosen
            self._place_strip()

    def _place_strip(self) -> None:
        starts, zones = self._strips.get(self._strip_days, (np.empty(0), np.empty(0)))
        for index, zone in enumerate(_ZONES_LOW_TO_HIGH):
            chosen = zones == index
            self._bands[zone].setOpts(
                x0=starts[chosen],
                width=self._strip_days * DAY,
                y0=0,
                height=np.ones(int(chosen.sum())),
            )
        low, high = self.view_box.viewRange()[1]
        self._on_y_range(low, high)

    def _on_y_range(self, low: float, high: float) -> None:
        # the form strip sits under the bars, from the bottom up to just below zero
        strip = high * _STRIP
        for band in self._bands.values():
            count = len(band.opts["x0"])
            band.setOpts(y0=-high * _STRIP_GAP - strip, height=np.full(count, strip))
        # the heavy-legs marks hang just under the plot's top edge, whatever the zoom
        xs = np.array([day_x(day) + MIDDAY for day in self._heavy_days], dtype=float)
        self._heavy.setData(xs, np.full(len(xs), high - (high - low) * _MARK_DROP))

    def _day_text(self, day: date) -> str:
        parts = []
        if self._first is not None and self._first <= day:
            index = (day - self._first).days
            if index < len(self._load):
                parts.append(f"load {number(float(self._load[index]), 0)} AU")
        fitness = fatigue = None
        if self._first is not None and 0 <= (day - self._first).days < len(self._fitness_list):
            fitness = self._fitness_list[(day - self._first).days]
            fatigue = self._fatigue_list[(day - self._first).days]
        if fitness is not None:
            parts.append(f"fitness {number(fitness, 0)}")
        if fatigue is not None:
            parts.append(f"fatigue {number(fatigue, 0)}")
        if fitness is not None and fatigue is not None and fitness > 0:
            form = (fitness - fatigue) / fitness
            parts.append(f"form {percent(form)} ({form_zone(form).label})")
        elif self._first is not None and day >= self._first:
            since = self._first + timedelta(days=_FITNESS_DAYS - 1)
            if day < since:
                parts.append(f"fitness from {day_label(since, weekday=False)}")
        if day in self._heavy_days:
            parts.append("heavy legs reported")
        if not parts:
            return f"{day_label(day)}: no training yet"
        return f"{day_label(day)}: " + " · ".join(parts)

    def _readout(self, day: date) -> tuple[float | None, str]:
        return day_x(day) + MIDDAY, self._day_text(day)

    def _summary(self) -> str:
        if self._first is None:
            return ""
        day = self.today or self._first
        return self._day_text(day).replace(f"{day_label(day)}:", "Today:", 1)

    def _legend_entries(self) -> list[tuple[str, str, QColor]]:
        theme = self.theme
        return [
            ("box", LOAD_LEGEND, theme.load),
            ("hatched", "Planned", theme.load),
            ("line", "Fitness", theme.fitness),
            ("thin", "Fatigue", theme.fatigue),
            ("text", "Form:", QColor()),
            *(("band", zone.label, theme.zones[zone]) for zone in SHADED_ZONES),
            ("triangle", HEAVY_LEGS_LEGEND, self._heavy_color(theme)),
        ]

    @staticmethod
    def _heavy_color(theme: ChartTheme) -> QColor:
        """The heavy-legs marks' colour: the warnings' (a heavy-legs warning is one)."""
        return severity_color(Severity.WARNING, dark=theme.dark)

    def _style(self, theme: ChartTheme) -> None:
        self._done_bars.setOpts(brush=pg.mkBrush(theme.load), pen=pg.mkPen(None))
        hatch = QBrush(theme.load, Qt.BrushStyle.BDiagPattern)
        self._planned_bars.setOpts(brush=hatch, pen=pg.mkPen(theme.load, width=1))
        self._fitness.setPen(pg.mkPen(theme.fitness, width=2.5))
        self._fatigue.setPen(pg.mkPen(theme.fatigue, width=1.4))
        for zone, band in self._bands.items():
            band.setOpts(brush=pg.mkBrush(theme.zones[zone]), pen=pg.mkPen(None))
        self._heavy.setBrush(pg.mkBrush(self._heavy_color(theme)))
        self._heavy.setPen(pg.mkPen(theme.background, width=1))
