"""The charts side by side, with the range selector they share and PNG export.

:class:`ChartsPanel` reads the plan once, then follows the controller's ``plan_changed``:
each change updates :class:`~planner.core.chart_data.ProgressData` at once and the touched
charts redraw in the next turn of the event loop (so an edit commits and the week repaints
first, and a burst of changes draws once); ``series()`` on a chart draws any pending change
first, so it never answers with stale data. The charts share one time axis: zooming or
panning one moves all three, and the range buttons set all three.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QSettings, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QImageWriter, QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.chart_data import ALL_DAYS, Part, ProgressData
from planner.core.chart_ranges import DAY, ChartRange, day_x, padded, view_days, x_day
from planner.core.model import ChangeSet
from planner.core.weeks import Week
from planner.ui.charts.base import ChartView
from planner.ui.charts.dock import PREFERRED_HEIGHT
from planner.ui.charts.load import LoadChart
from planner.ui.charts.mileage import MileageChart
from planner.ui.charts.weight import WeightChart
from planner.ui.controller import PlanController
from planner.ui.view_state import ViewState

_SETTINGS_RANGE = "charts/range"
_SETTINGS_SPLITTER = "charts/splitter"
#: The range the charts open with the first time.
DEFAULT_RANGE = ChartRange.TWELVE_WEEKS
#: How far beyond the data zooming out and panning may go.
_LIMIT_MARGIN = timedelta(days=28)


class ChartsPanel(QWidget):
    """The three progress charts, their shared range selector, and export.

    Args:
        controller: the plan controller (data, settings, ``plan_changed``).
        state: the view state (the calendar's week, today).
        parent: the parent widget.

    Attributes:
        mileage_chart: weekly run distance (objectName ``mileageChart``).
        load_chart: training load, fitness and fatigue (objectName ``loadChart``).
        weight_chart: weight and its 7-day trend (objectName ``weightChart``).

    Signals:
        range_changed(object): the :class:`ChartRange` now selected, ``None`` after the
            runner zoomed or panned by hand.
        message(str): something to tell the runner in the status bar.
    """

    range_changed = Signal(object)
    message = Signal(str)

    def __init__(
        self, controller: PlanController, state: ViewState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chartsPanel")
        self._controller = controller
        self._state = state
        self._data = ProgressData(controller.settings, state.today)
        self._pending = Part.ALL
        self._needs_reload = True
        self._settings = QSettings()
        self._range: ChartRange | None = ChartRange.from_name(
            self._settings.value(_SETTINGS_RANGE, DEFAULT_RANGE.name), DEFAULT_RANGE
        )
        self._week = state.week
        self._setting_range = False
        self._drawn = False
        self._current: ChartView | None = None

        self.mileage_chart = MileageChart(self)
        self.load_chart = LoadChart(self)
        self.weight_chart = WeightChart(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)

        self._buttons = QButtonGroup(self)
        header = QHBoxLayout()
        header.setContentsMargins(6, 2, 6, 0)
        header.setSpacing(2)
        shown = QLabel("Show:", self)
        header.addWidget(shown)
        for chart_range in ChartRange:
            button = QToolButton(self)
            button.setText(chart_range.label)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setObjectName(f"range{chart_range.name.title().replace('_', '')}")
            button.setToolTip(
                "The whole history"
                if chart_range.days is None
                else f"The {chart_range.label} up to the week after the calendar's, "
                "or to the last planned week"
            )
            button.setProperty("chart_range", chart_range.name)
            self._buttons.addButton(button)
            header.addWidget(button)
        self._buttons.buttonClicked.connect(self._on_range_button)
        hint = QLabel("Scroll to zoom, drag to pan", self)
        hint.setObjectName("chartsHint")
        hint.setEnabled(False)
        header.addSpacing(12)
        header.addWidget(hint)
        header.addStretch(1)
        self._export_button = QToolButton(self)
        self._export_button.setText("Export PNG…")
        self._export_button.setObjectName("exportChartButton")
        self._export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self._export_button)
        for chart in self.charts():
            export_menu.addAction(
                f"{chart.accessibleName()}…", lambda *_args, c=chart: self.ask_export(c)
            )
        export_menu.addAction("All Three Charts…", lambda *_args: self.ask_export(None))
        self._export_button.setMenu(export_menu)
        header.addWidget(self._export_button)

        self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter.setObjectName("chartsSplitter")
        self._splitter.setChildrenCollapsible(False)
        for index, chart in enumerate(self.charts()):
            self._splitter.addWidget(chart)
            self._splitter.setStretchFactor(index, 1)
            chart.set_flush(self.flush)
            chart.hovered.connect(partial(self._on_hover, chart))
            chart.export_requested.connect(partial(self.ask_export, chart))
            chart.show_all_requested.connect(lambda *_args: self.set_range(ChartRange.ALL))
            chart.view_box.sigRangeChangedManually.connect(self._on_manual_range)
            if chart is not self.mileage_chart:
                chart.plot_widget.setXLink(self.mileage_chart.plot_widget)
        saved = self._settings.value(_SETTINGS_SPLITTER, QByteArray(), type=QByteArray)
        if not (isinstance(saved, QByteArray) and self._splitter.restoreState(saved)):
            self._splitter.setSizes([1000, 1000, 1000])
        self._splitter.splitterMoved.connect(self._save_splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self._splitter, 1)

        controller.plan_changed.connect(self._on_plan_changed)
        state.week_changed.connect(self.set_visible_week)
        state.today_changed.connect(self._on_today_changed)
        for chart in self.charts():
            chart.set_week(state.week)
            chart.set_today(state.today)
        self.flush()

    def sizeHint(self) -> QSize:
        """Room for three charts side by side under the week."""
        return QSize(900, PREFERRED_HEIGHT)

    # -- reading -----------------------------------------------------------------------------
    def charts(self) -> list[ChartView]:
        """The charts, left to right: weekly distance, training load, weight."""
        return [self.mileage_chart, self.load_chart, self.weight_chart]

    @property
    def chart_range(self) -> ChartRange | None:
        """The range selected; ``None`` after zooming or panning by hand."""
        return self._range

    def x_range(self) -> tuple[float, float]:
        """The time span in view (seconds since 1970-01-01 UTC), shared by all the charts."""
        x0, x1 = self.mileage_chart.view_box.viewRange()[0]
        return float(x0), float(x1)

    def days_in_view(self) -> tuple[date, date]:
        """The first and last day in view."""
        x0, x1 = self.x_range()
        return x_day(x0), x_day(x1 - 1)

    def current_chart(self) -> ChartView | None:
        """The chart last hovered or exported, if any."""
        return self._current

    # -- changing what is shown ----------------------------------------------------------------
    def set_range(self, chart_range: ChartRange) -> None:
        """Show ``chart_range`` on every chart (and remember it for the next start)."""
        self._range = chart_range
        self._settings.setValue(_SETTINGS_RANGE, chart_range.name)
        self._check_button(chart_range)
        self._apply_range()
        self.range_changed.emit(chart_range)

    @Slot(object)
    def set_visible_week(self, week: Week) -> None:
        """Mark ``week`` on every chart and bring it into view."""
        self._week = week
        for chart in self.charts():
            chart.set_week(week)
        self._update_limits()  # the week may lie beyond the data: zooming and panning reach it
        if self._range is not None:
            self._apply_range()
            return
        x0, x1 = self.x_range()
        start, end = day_x(week.start), day_x(week.end) + DAY
        if start < x0 or end > x1:  # keep the zoom, move the week into view
            width = x1 - x0
            right = min(max(end + width * 0.25, end), start + width)
            self._set_x(right - width, right)

    @Slot()
    def flush(self) -> None:
        """Draw every pending change now (reading the whole plan again if it must)."""
        self._timer.stop()
        if self._pending == Part.NONE and not self._needs_reload:
            return
        if self._needs_reload:
            self._needs_reload = False
            start, end = ALL_DAYS
            self._data.reset(
                self._controller.workouts(start, end),
                self._controller.weights(start, end),
                self._controller.settings,
            )
            self._pending = Part.ALL
        pending, self._pending = self._pending, Part.NONE
        for chart, part in (
            (self.mileage_chart, Part.MILEAGE),
            (self.load_chart, Part.LOAD),
            (self.weight_chart, Part.WEIGHT),
        ):
            if part in pending:
                chart.refresh(self._data)
        self._update_limits()
        if not self._drawn:
            self._drawn = True
            if self._range is not None:
                self._check_button(self._range)
                self._apply_range()

    @Slot()
    def reload(self) -> None:
        """Read the whole plan again and redraw (after the file changed under the app)."""
        self._needs_reload = True
        self.flush()

    # -- export ------------------------------------------------------------------------------
    def export_png(self, path: Path, chart: ChartView | None = None, *, scale: float = 2.0) -> bool:
        """Save ``chart`` (all three side by side when ``None``) as a PNG image."""
        self.flush()
        if chart is not None:
            self._current = chart
            return chart.export_png(path, scale=scale)
        size = self._splitter.size()
        image = QImage(
            max(1, round(size.width() * scale)),
            max(1, round(size.height() * scale)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.fill(self.mileage_chart.theme.background)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        self._splitter.render(painter, QPoint())
        painter.end()
        return QImageWriter(str(path), b"png").write(image)

    def ask_export(self, chart: ChartView | None = None) -> Path | None:
        """Ask where to save ``chart`` (all three when ``None``) as PNG, and save it there."""
        what = "charts" if chart is None else chart.accessibleName().lower().replace(" ", "-")
        default = Path.home() / f"legwork-{what}-{self._state.today.isoformat()}.png"
        title = (
            "Export Charts as PNG" if chart is None else f"Export {chart.accessibleName()} as PNG"
        )
        name, _ = QFileDialog.getSaveFileName(self, title, str(default), "PNG images (*.png)")
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        if self.export_png(path, chart):
            self.message.emit(f"Saved {path.name}")
            return path
        self.message.emit(f"Could not save {path}")
        return None

    # -- reactions ---------------------------------------------------------------------------
    @Slot(object)
    def _on_plan_changed(self, change: ChangeSet) -> None:
        if change.reload:
            self._needs_reload = True
        else:
            self._pending |= self._data.apply(change, self._controller.settings)
        if self._needs_reload or self._pending != Part.NONE:
            self._timer.start()

    @Slot(object)
    def _on_today_changed(self, today: date) -> None:
        self._pending |= self._data.set_today(today)
        for chart in self.charts():
            chart.set_today(today)
        self._timer.start()

    def _on_hover(self, hovered: ChartView, day: date | None) -> None:
        """The pointer moved over ``hovered``'s plot (``day``), or left it (``None``)."""
        if day is not None:
            self._current = hovered
        for chart in self.charts():
            chart.set_hover(day)

    def _on_range_button(self) -> None:
        button = self._buttons.checkedButton()
        if button is not None:
            self.set_range(ChartRange.from_name(button.property("chart_range"), DEFAULT_RANGE))

    def _on_manual_range(self, *_args: object) -> None:
        if self._setting_range or self._range is None:
            return
        self._range = None
        self._buttons.setExclusive(False)
        for button in self._buttons.buttons():
            button.setChecked(False)
        self._buttons.setExclusive(True)
        self.range_changed.emit(None)

    def _save_splitter(self) -> None:
        self._settings.setValue(_SETTINGS_SPLITTER, self._splitter.saveState())

    # -- internals ---------------------------------------------------------------------------
    def _check_button(self, chart_range: ChartRange) -> None:
        for button in self._buttons.buttons():
            button.setChecked(button.property("chart_range") == chart_range.name)

    def _apply_range(self) -> None:
        if self._range is None:
            return
        first, after_last = view_days(
            self._range, self._week, self._data.extent(), self._data.last_planned
        )
        if self._range is ChartRange.ALL:
            self._set_x(*padded(first, after_last))
        else:
            self._set_x(day_x(first), day_x(after_last))

    def _set_x(self, x0: float, x1: float) -> None:
        self._setting_range = True
        try:
            self.mileage_chart.view_box.setXRange(x0, x1, padding=0)
        finally:
            self._setting_range = False

    def _update_limits(self) -> None:
        """Let zooming and panning reach all the data and every range of the calendar's week."""
        extent = self._data.extent()
        spans = [
            view_days(chart_range, self._week, extent, self._data.last_planned)
            for chart_range in ChartRange
        ]
        first = min(span[0] for span in spans)
        last = max(span[1] for span in spans)
        if extent is not None:
            first, last = min(extent[0], first), max(extent[1], last)
        x_min = day_x(first - _LIMIT_MARGIN)
        x_max = day_x(last + _LIMIT_MARGIN)
        for chart in self.charts():
            chart.set_x_limits(x_min, x_max)


def export_callback(panel: ChartsPanel) -> Callable[[], Path | None]:
    """What "Export Chart as PNG…" does: export the chart last hovered, else all three."""
    return lambda: panel.ask_export(panel.current_chart())
