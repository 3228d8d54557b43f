"""What every chart shares: title, legend, readout, the plot, the week band, hover, export.

A :class:`ChartView` is the widget that carries a chart's DESIGN.md objectName and its
``series()``. Subclasses draw their series (:meth:`ChartView._draw`), say how a day reads
(:meth:`ChartView._readout`) and which values are in view (:meth:`ChartView._y_range`); the
base does the rest: the date axis, the calendar's week and today marked, the readout that
follows the pointer, mouse zoom and pan along time (the height follows what is in view),
the empty state, light and dark palettes, and PNG export. The words around the plot are in
:mod:`.labels`, how series become plot data in :mod:`.plotting`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QImage, QImageWriter, QPainter, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from planner.core.chart_data import ProgressData
from planner.core.chart_ranges import DAY, MIDDAY, day_x, x_day
from planner.core.progress import Point
from planner.core.settings import Units, WeightUnits
from planner.core.weeks import Week
from planner.ui.charts.axis import make_date_axis, style_axes
from planner.ui.charts.hover import PointerTracker, crosshair, tip_text
from planner.ui.charts.labels import Legend, NothingInView, ReadoutLabel, span_text
from planner.ui.charts.plotting import SMOOTH_MAX_DAYS
from planner.ui.charts.theme import ChartTheme, theme_for


class Drawn(NamedTuple):
    """What a chart drew: its series (made when asked for), and whether there was nothing.

    Attributes:
        points: returns the series by name, as ``(day, value)`` points in display units.
        empty: nothing was drawn.
    """

    points: Callable[[], dict[str, list[Point]]]
    empty: bool


#: Every chart ever built, never freed by Python. pyqtgraph's items are freed by Qt when the
#: chart's window is deleted; if Python's garbage collector then freed the chart's Python side,
#: it would free some of those items a second time and crash (reproduced with PySide6 6.11 on
#: Python 3.11). A window's charts are built once, so this keeps a few objects per plan opened.
_NEVER_FREED: list[ChartView] = []


class ChartView(QWidget):
    """One chart: its header, plot and empty state, and the seam ``series()``.

    Args:
        object_name: the DESIGN.md objectName (``weightChart``, ...).
        title: the chart's title (also its accessible name).
        empty_text: what the empty state tells a new user to log.
        nothing: what the note over the plot, when no data lies in view, says is missing
            (``"weigh-ins"``) and how to add some.
        parent: the parent widget.

    Signals:
        hovered(object): the day under the pointer, ``None`` when it left the plot.
        export_requested(): the runner asked to export this chart (context menu).
        show_all_requested(): the runner asked to see the whole history (context menu).
    """

    hovered = Signal(object)
    export_requested = Signal()
    show_all_requested = Signal()

    def __init__(
        self,
        object_name: str,
        title: str,
        empty_text: str,
        parent: QWidget | None = None,
        *,
        nothing: tuple[str, str] = ("", ""),
        left_axis: pg.AxisItem | None = None,
    ) -> None:
        super().__init__(parent)
        _NEVER_FREED.append(self)
        self.setObjectName(object_name)
        self.setAccessibleName(title)
        self._base_title = title
        self._nothing_words = nothing
        self._series: Drawn = Drawn(dict, empty=True)
        self._smooth_lines: list[pg.PlotDataItem] = []
        self._flush: Callable[[], None] = lambda: None
        self._units = Units.KM
        self._weight_units = WeightUnits.KG
        self._week: Week | None = None
        self._today: date | None = None
        self._hover_day: date | None = None
        self._tip_shown = False
        self._theme = theme_for(self.palette())

        self._title = QLabel(title, self)
        self._title.setObjectName("chartTitle")
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        self._legend = Legend(self)
        self._readout_label = ReadoutLabel(self)
        self._readout_label.setObjectName("chartReadout")

        axes = {"bottom": make_date_axis()}
        if left_axis is not None:
            axes["left"] = left_axis
        self.plot_widget = pg.PlotWidget(self, axisItems=axes)
        self.plot_widget.setObjectName(f"{object_name}Plot")
        self.plot_widget.setMinimumHeight(120)
        self.plot_widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.plot_widget.customContextMenuRequested.connect(self._show_menu)
        self.plot_item: pg.PlotItem = self.plot_widget.getPlotItem()
        self.view_box: pg.ViewBox = self.plot_item.getViewBox()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.setClipToView(True)
        self.plot_item.setDownsampling(auto=True, mode="peak")
        self.view_box.setMouseEnabled(x=True, y=False)
        self.view_box.disableAutoRange()
        self.plot_item.showGrid(x=False, y=True)
        self.plot_item.layout.setContentsMargins(2, 4, 8, 2)

        self._week_band = pg.LinearRegionItem(values=(0, 0), movable=False)
        self._week_band.setZValue(-20)
        for line in self._week_band.lines:
            line.setPen(pg.mkPen(None))
        self._today_line = pg.InfiniteLine(angle=90, movable=False)
        self._today_line.setZValue(-5)
        self._today_line.setVisible(False)
        self._crosshair = crosshair()
        for item in (self._week_band, self._today_line, self._crosshair):
            self.plot_item.addItem(item, ignoreBounds=True)

        self._empty = QLabel(empty_text, self)
        self._empty.setObjectName("chartEmptyText")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty_page = QWidget(self)
        empty_layout = QVBoxLayout(self._empty_page)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self._empty)
        self._empty_buttons = QHBoxLayout()
        self._empty_buttons.addStretch(1)
        self._empty_buttons.addStretch(1)
        empty_layout.addLayout(self._empty_buttons)
        empty_layout.addStretch(1)

        self._nothing = NothingInView(self.plot_widget.viewport())

        self._stack = QStackedWidget(self)
        self._stack.addWidget(self.plot_widget)
        self._stack.addWidget(self._empty_page)

        header = QHBoxLayout()
        header.setContentsMargins(6, 0, 6, 0)
        header.setSpacing(10)
        header.addWidget(self._title, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self._readout_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        legend_row = QHBoxLayout()
        legend_row.setContentsMargins(6, 0, 6, 0)
        legend_row.addWidget(self._legend)
        layout.addLayout(legend_row)
        layout.addWidget(self._stack, 1)

        self._tracker = PointerTracker(self.plot_widget, self._on_pointer)
        self.view_box.sigXRangeChanged.connect(self._on_x_range_changed)
        self.view_box.sigResized.connect(self._on_resized)
        self._apply_theme()

    # -- the seam ----------------------------------------------------------------------------
    def series(self) -> dict[str, list[tuple[date, float]]]:
        """The data this chart plots now, by series name, days as dates (DESIGN.md section 5).

        Values are in the units shown on the chart (the runner's units setting).
        """
        self._flush()
        return {name: list(points) for name, points in self._series.points().items()}

    # -- what the panel tells every chart ----------------------------------------------------
    def set_flush(self, flush: Callable[[], None]) -> None:
        """What :meth:`series` calls first, so it never answers with stale data."""
        self._flush = flush

    def add_empty_action(self, text: str, slot: Callable[[], object]) -> QPushButton:
        """A button under the empty state's text (such as "Log Weight…")."""
        button = QPushButton(text, self._empty_page)
        button.clicked.connect(slot)
        self._empty_buttons.insertWidget(self._empty_buttons.count() - 1, button)
        # the same on the note shown when no data lies in view
        again = QPushButton(text, self._nothing)
        again.clicked.connect(slot)
        self._nothing.buttons.insertWidget(self._nothing.buttons.count() - 1, again)
        return button

    def refresh(self, data: ProgressData) -> None:
        """Draw the series again from ``data``, in its settings' units."""
        self._units = data.settings.units
        self._weight_units = data.settings.weight_units
        self._series = self._draw(data)
        empty = self.is_empty()
        self._stack.setCurrentIndex(1 if empty else 0)
        self._legend.setVisible(not empty)
        self._title.setText(self._title_text())
        self._update_y_range()
        self._update_readout()

    def is_empty(self) -> bool:
        """Whether there is nothing to plot (the empty state shows)."""
        return self._series.empty

    def set_week(self, week: Week) -> None:
        """Mark the calendar's week."""
        self._week = week
        self._week_band.setRegion((day_x(week.start), day_x(week.end) + DAY))
        self._update_readout()

    def set_today(self, today: date) -> None:
        """Mark today."""
        self._today = today
        self._today_line.setPos(day_x(today) + MIDDAY)
        self._today_line.setVisible(True)

    def set_hover(self, day: date | None) -> None:
        """Show the readout of ``day`` (``None``: the summary) and the crosshair on it."""
        self._hover_day = day
        self._update_readout()

    def set_x_limits(self, x_min: float, x_max: float) -> None:
        """How far zooming out and panning may go along time."""
        self.view_box.setLimits(xMin=x_min, xMax=x_max, minXRange=7 * DAY)

    def readout_text(self) -> str:
        """What the readout line says now (the hovered day, else the summary)."""
        return self._readout_label.plain_text()

    def nothing_in_view_text(self) -> str | None:
        """What the note over the plot says when no data lies in view; ``None``: no note."""
        return self._nothing.text.text() if not self._nothing.isHidden() else None

    def legend_texts(self) -> list[str]:
        """The legend's words."""
        return self._legend.texts()

    def empty_text(self) -> str:
        """What the empty state says."""
        return self._empty.text()

    def title(self) -> str:
        """The chart's title as shown (with its unit)."""
        return self._title.text()

    @property
    def theme(self) -> ChartTheme:
        """The colours the chart paints with now."""
        return self._theme

    def export_png(self, path: Path, *, scale: float = 2.0) -> bool:
        """Save the chart (title, legend and plot) as a PNG image at ``scale`` times its size."""
        crosshair_shown = self._crosshair.isVisible()
        self._crosshair.setVisible(False)
        try:
            image = self.render_image(scale)
        finally:
            self._crosshair.setVisible(crosshair_shown)
        return QImageWriter(str(path), b"png").write(image)

    def render_image(self, scale: float = 2.0) -> QImage:
        """The chart drawn into an image ``scale`` times its size."""
        size = self.size()
        image = QImage(
            max(1, round(size.width() * scale)),
            max(1, round(size.height() * scale)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.fill(self._theme.background)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        self.render(painter, QPoint())
        painter.end()
        return image

    # -- for subclasses ----------------------------------------------------------------------
    def _draw(self, data: ProgressData) -> Drawn:
        """Set the plot items' data from ``data``; returns the series as plotted."""
        raise NotImplementedError

    def _y_range(self, x0: float, x1: float) -> tuple[float, float] | None:
        """The value range to show for the time span ``[x0, x1]``; ``None``: nothing there."""
        raise NotImplementedError

    def _readout(self, day: date) -> tuple[float | None, str]:
        """Where the crosshair goes for the hovered ``day``, and what the readout says."""
        raise NotImplementedError

    def _summary(self) -> str:
        """What the readout says when nothing is hovered."""
        raise NotImplementedError

    def _legend_entries(self) -> list[tuple[str, str, QColor]]:
        """The legend: (swatch kind, words, colour) for each entry."""
        raise NotImplementedError

    def _style(self, theme: ChartTheme) -> None:
        """Give the plot items the theme's pens and brushes."""
        raise NotImplementedError

    def _unit_label(self) -> str:
        """The unit the chart's values are in, for its title (``""``: none)."""
        return ""

    def _title_text(self) -> str:
        """The title with the unit the chart is in."""
        unit = self._unit_label()
        return f"{self._base_title} ({unit})" if unit else self._base_title

    def _nothing_text(self, first: date, last: date) -> str:
        """What the note over the plot says when no data lies from ``first`` to ``last``."""
        what, hint = self._nothing_words
        text = f"{f'No {what}' if what else 'Nothing'} from {span_text(first, last)}."
        return f"{text} {hint}" if hint else text

    def _on_view_changed(self, x0: float, x1: float) -> None:
        """The visible time span changed (after the height followed)."""

    def _on_y_range(self, low: float, high: float) -> None:
        """The visible value range was set to ``[low, high]``."""

    @property
    def units(self) -> Units:
        """The distance units the chart shows (the runner's setting)."""
        return self._units

    @property
    def weight_units(self) -> WeightUnits:
        """The body-weight units the chart shows (the runner's setting)."""
        return self._weight_units

    @property
    def week(self) -> Week | None:
        """The calendar's week, when known."""
        return self._week

    @property
    def today(self) -> date | None:
        """Today, when known."""
        return self._today

    # -- internals ---------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_theme()

    def _apply_theme(self) -> None:
        theme = theme_for(self.palette())
        self._theme = theme
        self.plot_widget.setBackground(theme.background)
        style_axes(self.plot_item, theme, self.font())
        self._week_band.setBrush(pg.mkBrush(theme.week))
        self._week_band.setHoverBrush(pg.mkBrush(theme.week))
        today_pen = pg.mkPen(theme.today, width=1, style=Qt.PenStyle.DashLine)
        self._today_line.setPen(today_pen)
        self._crosshair.setPen(pg.mkPen(theme.muted, width=1))
        for label in (self._readout_label, self._empty, self._nothing.text):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, theme.muted)
            label.setPalette(palette)
        palette = self._nothing.palette()
        palette.setColor(QPalette.ColorRole.Window, theme.background)
        self._nothing.setPalette(palette)
        self._style(theme)
        self._refresh_legend()

    def _refresh_legend(self) -> None:
        self._legend.set_entries(self._legend_entries(), self._theme)

    def _on_x_range_changed(self, _view: object, x_range: tuple[float, float]) -> None:
        smooth = x_range[1] - x_range[0] <= SMOOTH_MAX_DAYS * DAY
        for line in self._smooth_lines:
            line.curve.opts["antialias"] = smooth  # read at each paint: no data work
        self._update_y_range(x_range)
        self._on_view_changed(*x_range)

    def _smooth(self, *lines: pg.PlotDataItem) -> None:
        """Antialias ``lines`` while the view is short enough (:data:`SMOOTH_MAX_DAYS`)."""
        self._smooth_lines.extend(lines)

    def _on_resized(self, *_args: object) -> None:
        self._on_view_changed(*self.view_box.viewRange()[0])
        if not self._nothing.isHidden():
            self._place_nothing()

    def _update_y_range(self, x_range: tuple[float, float] | None = None) -> None:
        x0, x1 = x_range if x_range is not None else self.view_box.viewRange()[0]
        found = self._y_range(x0, x1)
        self._show_nothing(found is None and not self.is_empty(), x0, x1)
        if found is None:
            return
        low, high = found
        self.view_box.setYRange(low, high, padding=0)
        self._on_y_range(low, high)

    def _show_nothing(self, nothing: bool, x0: float, x1: float) -> None:
        """Show the note over the plot while no data lies in ``[x0, x1]``, else hide it."""
        if not nothing:
            self._nothing.hide()
            return
        text = self._nothing_text(x_day(x0), x_day(max(x1 - 1.0, x0)))
        if text != self._nothing.text.text():
            self._nothing.text.setText(text)
        self._place_nothing()
        self._nothing.show()

    def _place_nothing(self) -> None:
        area = self.plot_widget.mapFromScene(self.view_box.sceneBoundingRect()).boundingRect()
        self._nothing.place(area)

    def _on_pointer(self, day: date | None) -> None:
        """The pointer moved over this chart's plot (``day``), or left it (``None``)."""
        self.set_hover(day)
        self.hovered.emit(day)
        if day is None or self.is_empty():
            if self._tip_shown:  # only ours: the axis's own tooltip (AU) stays
                self._tip_shown = False
                QToolTip.hideText()
            return
        self._tip_shown = True
        QToolTip.showText(
            self._tracker.global_position, tip_text(self.readout_text()), self.plot_widget
        )

    def _update_readout(self) -> None:
        day = self._hover_day
        if day is None or self.is_empty():
            self._crosshair.setVisible(False)
            self._readout_label.show_text(self._summary() if not self.is_empty() else "")
            return
        x, text = self._readout(day)
        if x is None:
            self._crosshair.setVisible(False)
        else:
            self._crosshair.setPos(x)
            self._crosshair.setVisible(True)
        self._readout_label.show_text(text, hold=True)

    def _show_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction("Export This Chart as PNG…", self.export_requested.emit)
        menu.addAction("Show All", self.show_all_requested.emit)
        menu.popup(self.plot_widget.mapToGlobal(position))
