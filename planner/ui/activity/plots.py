"""The activity's three plots, stacked over one distance axis: pace, heart rate, elevation.

One ``GraphicsLayoutWidget`` holds them (one scene to paint, left axes aligned); their
distance axes are linked, so zooming or panning one moves all three, and only the bottom
one writes its numbers. Pace is upside down (faster is higher). Lines are clipped to the
view and thinned to the screen, keeping each stretch's peaks, so a three-hour run draws
as fast as a short one. A series the file did not record shows a note in its place.
Colours, fonts and axes are the charts' own (:mod:`planner.ui.charts`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from planner.core.pace import format_pace
from planner.core.settings import KM_PER_MILE, Units
from planner.ui.activity.series import ActivitySeries, value_range
from planner.ui.charts.axis import style_axes
from planner.ui.charts.hover import crosshair
from planner.ui.charts.plotting import SAMPLES_PER_PIXEL
from planner.ui.charts.theme import ChartTheme
from planner.ui.style import with_alpha

#: The plots, top to bottom: series name, title, and what to say when it was not recorded.
PLOTS = (
    ("pace", "Pace", "No pace: the recording has no distance or speed."),
    ("heart_rate", "Heart rate (bpm)", "No heart rate in this recording."),
    ("elevation", "Elevation (m)", "No elevation in this recording."),
)


def _quiet_axis(side: str) -> pg.AxisItem:
    """An axis that never rescales its label to an SI prefix ("(x1e3)").

    Off from the start: each change of range would otherwise write the label's HTML again.
    """
    axis = pg.AxisItem(side)
    axis.enableAutoSIPrefix(False)
    return axis


class _PaceAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph: no hints
    """A pace axis that reads as runners write pace: ``5:30``, not ``5.5``."""

    def __init__(self) -> None:
        super().__init__("left")
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [format_pace(value, Units.KM, unit=False) if value > 0 else "" for value in values]


class _Plot(NamedTuple):
    """One of the stacked plots, made of its parts (a ``PlotItem`` costs 6 ms more each).

    Attributes:
        view: where the curve is drawn.
        left: the value axis.
        bottom: the distance axis.
        title: the words above it.
        curve: the series' line.
        crosshair: the line at the hovered distance.
    """

    view: pg.ViewBox
    left: pg.AxisItem
    bottom: pg.AxisItem
    title: pg.LabelItem
    curve: pg.PlotDataItem
    crosshair: pg.InfiniteLine

    def getAxis(self, name: str) -> pg.AxisItem:
        """The ``"left"`` or ``"bottom"`` axis (what ``style_axes`` asks a ``PlotItem``)."""
        return self.left if name == "left" else self.bottom


class ActivityPlots(pg.GraphicsLayoutWidget):  # type: ignore[misc]  # pyqtgraph: no hints
    """Pace, heart rate and elevation over distance, sharing the distance axis.

    The plots' parts share one grid (titles, then each view with its value axis on the
    left and its distance axis below), so the value axes line up.

    Args:
        series: what to draw (distances in km, pace in min/km).
        units: the distance units of the axis and the pace.
        parent: the parent widget.
    """

    def __init__(self, series: ActivitySeries, units: Units, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("activityPlots")
        self._units = units
        self._per_unit = 1.0 if units is Units.KM else KM_PER_MILE
        self.plots: dict[str, _Plot] = {}
        self.notes: dict[str, pg.LabelItem] = {}
        self._grid: dict[str, list[pg.InfiniteLine]] = {}
        self._grid_pen = pg.mkPen(None)
        layout = self.ci.layout
        layout.setVerticalSpacing(2)
        layout.setHorizontalSpacing(0)
        self.ci.setContentsMargins(4, 4, 12, 4)
        xs = series.km / self._per_unit
        for row, (name, title, missing) in enumerate(PLOTS):
            if not series.has(name):
                note = pg.LabelItem(missing, justify="center")
                self.addItem(note, row=3 * row + 1, col=1)
                self.notes[name] = note
                continue
            values = getattr(series, name)
            if name == "pace":
                values = values * self._per_unit
            self.plots[name] = self._add_plot(
                3 * row, self._title(name, title), xs, values, pace=name == "pace"
            )
            low, high = value_range(values)
            view = self.plots[name].view
            view.setYRange(low, high, padding=0)
            if name == "pace":
                view.invertY(True)
            if name == "elevation":
                self.plots[name].curve.setFillLevel(low)
        views = [plot.view for plot in self.plots.values()]
        for view in views[1:]:
            view.setXLink(views[0])
        if views and xs.size:
            views[0].setXRange(float(xs[0]), float(xs[-1]), padding=0)
            for view in views:
                view.setLimits(xMin=float(xs[0]), xMax=float(xs[-1]))
        self._label_bottom()

    def _title(self, name: str, title: str) -> str:
        return f"Pace ({self._units.pace_label})" if name == "pace" else title

    def _add_plot(
        self, row: int, title: str, xs: np.ndarray, values: np.ndarray, *, pace: bool = False
    ) -> _Plot:
        view = pg.ViewBox(enableMenu=False, defaultPadding=0.0)
        view.setMouseEnabled(x=True, y=False)
        view.setMinimumHeight(80)
        left = _PaceAxis() if pace else _quiet_axis("left")
        bottom = _quiet_axis("bottom")
        left.linkToView(view)
        bottom.linkToView(view)
        label = pg.LabelItem(title, justify="left", size="9pt")
        self.addItem(label, row=row, col=1)
        self.addItem(left, row=row + 1, col=0)
        self.addItem(view, row=row + 1, col=1)
        self.addItem(bottom, row=row + 2, col=1)
        curve = pg.PlotDataItem(xs, values, connect="finite")
        view.addItem(curve)  # first: clipping asks the view it is in
        curve.setClipToView(True)
        # pyqtgraph keeps ~5 samples a pixel; its peaks at one a pixel look the same
        curve.opts["autoDownsampleFactor"] = SAMPLES_PER_PIXEL
        curve.setDownsampling(auto=True, method="peak")
        # thinned for the view's width: again when it is resized, not only when it pans
        view.sigResized.connect(curve.viewRangeChanged)
        line = crosshair()
        view.addItem(line, ignoreBounds=True)
        plot = _Plot(view, left, bottom, label, curve, line)
        view.sigResized.connect(lambda _view: self._draw_grid(plot))
        return plot

    def _draw_grid(self, plot: _Plot) -> None:
        """Light horizontal lines at the value axis's ticks, as the charts draw them.

        Lines of their own rather than the axis's grid, which pyqtgraph paints through a
        ``QPicture`` at about 7 ms a plot on every paint. The values' range never changes
        (only distance zooms), so the lines move only when the plot's height does.
        """
        low, high = plot.view.viewRange()[1]
        levels = plot.left.tickValues(low, high, max(plot.view.height(), 1.0))
        values = list(levels[0][1]) if levels else []
        lines = self._grid.setdefault(plot.title.text, [])
        while len(lines) < len(values):
            line = pg.InfiniteLine(angle=0, movable=False, pen=self._grid_pen)
            line.setZValue(-10)
            plot.view.addItem(line, ignoreBounds=True)
            lines.append(line)
        for index, line in enumerate(lines):
            line.setVisible(index < len(values))
            if index < len(values):
                line.setPos(values[index])

    def _label_bottom(self) -> None:
        """Numbers and the unit on the lowest plot's distance axis only."""
        plots = list(self.plots.values())
        for plot in plots[:-1]:
            plot.bottom.setStyle(showValues=False)
            plot.bottom.setHeight(6)
        if plots:
            plots[-1].bottom.setLabel(f"Distance ({self._units.distance_label})")

    def apply_theme(self, theme: ChartTheme, font: QFont) -> None:
        """Paint with ``theme``: the charts' background, axes and series colours."""
        self.setBackground(theme.background)
        colors = {"pace": theme.run, "heart_rate": theme.fatigue, "elevation": theme.weight}
        for name, plot in self.plots.items():
            style_axes(plot, theme, font)
            plot.left.setGrid(False)  # see _draw_grid
            plot.title.setText(plot.title.text, color=theme.foreground.name())
            plot.curve.setPen(pg.mkPen(colors[name], width=1.6))
            if name == "elevation":
                plot.curve.setBrush(pg.mkBrush(with_alpha(colors[name], 70)))
            plot.crosshair.setPen(pg.mkPen(theme.muted, width=1))
        if self.plots:
            self.plots[next(reversed(self.plots))].bottom.label.setDefaultTextColor(theme.muted)
        for note in self.notes.values():
            note.setText(note.text, color=theme.muted.name())
        self._grid_pen = pg.mkPen(theme.grid, width=1)
        for lines in self._grid.values():
            for line in lines:
                line.setPen(self._grid_pen)

    def show_at(self, x: float | None) -> None:
        """The crosshair at distance ``x`` (display units) on every plot; ``None`` hides it."""
        for plot in self.plots.values():
            plot.crosshair.setVisible(x is not None)
            if x is not None:
                plot.crosshair.setPos(x)

    def x_at(self, scene_x: float, scene_y: float) -> float | None:
        """The distance (display units) under a scene position, ``None`` outside the plots."""
        for plot in self.plots.values():
            view = plot.view
            if view.sceneBoundingRect().contains(scene_x, scene_y):
                return float(view.mapSceneToView(pg.Point(scene_x, scene_y)).x())
        return None

    def curve_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """The x and y arrays a plot's curve holds (display units)."""
        curve = self.plots[name].curve
        return np.asarray(curve.xData), np.asarray(curve.yData)

    def background_color(self) -> QColor:
        """The plots' background now."""
        return QColor(self.backgroundBrush().color())


__all__ = ["PLOTS", "ActivityPlots"]
