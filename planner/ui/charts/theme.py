"""The charts' colours, taken from the window palette so light and dark both read well.

Series colours come in a light and a dark variant (lighter and softer on dark backgrounds);
runs use the same blue as run blocks on the calendar. Nothing here relies on colour alone:
planned bars are hatched, future load is hatched, fitness is a thick smooth line and fatigue
a thin jagged one, and every chart has a legend in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from planner.core.model import Kind
from planner.core.progress import FormZone
from planner.ui.style import is_dark, kind_color, mix, with_alpha

_LIGHT = {
    "weight": "#7b8794",
    "trend": "#0b7285",
    "ramp": "#d9480f",
    "load": "#8f9aa5",
    "fitness": "#1c6fd1",
    "fatigue": "#c2255c",
    "today": "#c92a2a",
}
_DARK = {
    "weight": "#8a96a3",
    "trend": "#3bc9db",
    "ramp": "#ffa94d",
    "load": "#6c7781",
    "fitness": "#74b4ff",
    "fatigue": "#f783ac",
    "today": "#ff8787",
}
_ZONES_LIGHT = {
    FormZone.TRANSITION: "#fcc419",
    FormZone.FRESH: "#4dabf7",
    FormZone.NEUTRAL: "#ced4da",
    FormZone.PRODUCTIVE: "#69db7c",
    FormZone.HIGH_RISK: "#fa5252",
}
_ZONES_DARK = {
    FormZone.TRANSITION: "#f59f00",
    FormZone.FRESH: "#1c7ed6",
    FormZone.NEUTRAL: "#495057",
    FormZone.PRODUCTIVE: "#2f9e44",
    FormZone.HIGH_RISK: "#e03131",
}


@dataclass(frozen=True, slots=True)
class ChartTheme:
    """Every colour a chart paints with.

    Attributes:
        dark: the palette is a dark one.
        background: the plot's background.
        foreground: axis lines, tick labels and titles.
        muted: secondary text (the readout, the empty state).
        grid: grid lines.
        week: the band marking the calendar's week.
        today: the line marking today.
        weight: weigh-in points.
        trend: the 7-day trend line.
        run: run bars (done filled, planned hatched).
        ramp: the last week + 10 % markers.
        load: daily load bars.
        fitness: the fitness (CTL) line.
        fatigue: the fatigue (ATL) line.
        zones: the colours of the form zones' strip.
    """

    dark: bool
    background: QColor
    foreground: QColor
    muted: QColor
    grid: QColor
    week: QColor
    today: QColor
    weight: QColor
    trend: QColor
    run: QColor
    ramp: QColor
    load: QColor
    fitness: QColor
    fatigue: QColor
    zones: dict[FormZone, QColor]


def theme_for(palette: QPalette) -> ChartTheme:
    """The chart colours for ``palette``."""
    dark = is_dark(palette)
    colors = _DARK if dark else _LIGHT
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    highlight = palette.color(QPalette.ColorRole.Highlight)
    zone_alpha = 220
    return ChartTheme(
        dark=dark,
        background=QColor(base),
        foreground=mix(text, base, 0.15),
        muted=mix(text, base, 0.42),
        grid=mix(text, base, 0.85),
        week=with_alpha(highlight, 48 if dark else 36),
        today=QColor(colors["today"]),
        weight=QColor(colors["weight"]),
        trend=QColor(colors["trend"]),
        run=kind_color(Kind.RUN, dark=dark),
        ramp=QColor(colors["ramp"]),
        load=QColor(colors["load"]),
        fitness=QColor(colors["fitness"]),
        fatigue=QColor(colors["fatigue"]),
        zones={
            zone: with_alpha(QColor(color), zone_alpha)
            for zone, color in (_ZONES_DARK if dark else _ZONES_LIGHT).items()
        },
    )
