"""The charts' axes: a date axis without daylight-saving shifts, styled from the theme."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFont

from planner.ui.charts.theme import ChartTheme


def make_date_axis() -> pg.DateAxisItem:
    """A bottom axis that labels UTC-midnight timestamps as dates (``utcOffset=0``).

    Local time would shift labels by an hour across daylight-saving changes and by a day
    in some time zones; the charts place days at UTC midnight, so the axis reads UTC.
    """
    return pg.DateAxisItem(orientation="bottom", utcOffset=0)


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
    left = plot.getAxis("left")
    left.setGrid(int(theme.grid.alpha() * 0.55))
    left.setWidth(42)
