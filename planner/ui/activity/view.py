"""The activity view: one recorded activity's summary, plots, splits and laps.

:class:`ActivityView` carries the DESIGN.md objectName ``activityView`` and its ``series()``.
The summary sits on top; below it, the three plots over distance (:mod:`.plots`) beside the
splits and the laps in tabs (:mod:`.tables`). An activity without a track (a strength
session) shows its summary only. Light and dark follow the palette, as the charts do.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from planner.core.activity import Activity
from planner.core.formatting import SEPARATOR
from planner.core.pace import format_pace
from planner.core.settings import Units
from planner.core.splits import splits
from planner.ui.activity.plots import ActivityPlots
from planner.ui.activity.series import activity_series
from planner.ui.activity.summary import SummaryPanel
from planner.ui.activity.tables import FiguresTable, laps_table, splits_table
from planner.ui.charts.theme import ChartTheme, theme_for
from planner.ui.style import muted

#: How wide the plots and the tables start (the splitter between them moves).
_PLOTS_WIDTH, _TABLES_WIDTH = 660, 400
_PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


class ActivityView(QWidget):
    """One activity: summary, pace/heart rate/elevation over distance, splits and laps.

    Args:
        activity: the activity to show.
        units: the runner's distance units (the plots' axis, paces, splits).
        parent: the parent widget.
    """

    def __init__(self, activity: Activity, units: Units, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityView")
        self.setAccessibleName("Activity")
        self._activity = activity
        self._units = units
        self._series = activity_series(activity.track)
        self.summary = SummaryPanel(activity, units, self)
        self.plots: ActivityPlots | None = None
        self.splits_table: FiguresTable | None = None
        self.laps_table: FiguresTable | None = None
        self.tabs: QTabWidget | None = None
        self._readout = QLabel(self)
        self._readout.setObjectName("activityReadout")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(self.summary)
        if self._series.km.size:
            layout.addWidget(self._build_lower(), 1)
        else:
            self._readout.hide()
            layout.addStretch(1)
        self._apply_theme()

    def _build_lower(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        left = QWidget(splitter)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.plots = ActivityPlots(self._series, self._units, left)
        self._proxy = pg.SignalProxy(
            self.plots.scene().sigMouseMoved, rateLimit=60, slot=self._on_pointer
        )
        column.addWidget(self._readout)
        column.addWidget(self.plots, 1)
        self._readout.setText(" ")
        self.tabs = QTabWidget(splitter)
        self.tabs.setObjectName("activityTables")
        self.tabs.setDocumentMode(True)
        self.splits_table = splits_table(
            splits(self._activity.track, self._units), self._units, self.tabs
        )
        self.tabs.addTab(self.splits_table, "Splits")
        if self._activity.laps:
            self.laps_table = laps_table(self._activity.laps, self._units, self.tabs)
            self.tabs.addTab(self.laps_table, "Laps")
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([_PLOTS_WIDTH, _TABLES_WIDTH])
        return splitter

    # -- the seam ----------------------------------------------------------------------------
    def series(self) -> dict[str, list[tuple[float, float]]]:
        """The data plotted, by name, as ``(km from the start, value)`` (DESIGN.md section 5).

        Distances are always kilometres, whatever the runner's units; ``"heart_rate"`` (bpm)
        and ``"elevation"`` (m) as recorded, ``"pace"`` in min/km as plotted (smoothed, left
        out while stopped). Gaps are left out.
        """
        return self._series.points()

    # -- what tests and the window read ------------------------------------------------------
    @property
    def activity(self) -> Activity:
        """The activity shown."""
        return self._activity

    @property
    def units(self) -> Units:
        """The distance units shown."""
        return self._units

    def missing_notes(self) -> dict[str, str]:
        """What stands in place of each series the file did not record, by series name."""
        if self.plots is None:
            return {}
        return {name: note.text for name, note in self.plots.notes.items()}

    def readout_text(self) -> str:
        """What the line over the plots says (the values under the pointer)."""
        return self._readout.text().strip()

    @property
    def theme(self) -> ChartTheme:
        """The colours the plots paint with now."""
        return self._theme

    def show_at(self, km: float | None) -> None:
        """Show the values at ``km`` from the start (``None``: none) under a crosshair."""
        plots = self.plots
        if plots is None:
            return
        if km is None or not self._series.km.size:
            plots.show_at(None)
            self._readout.setText(" ")
            return
        index = int(np.clip(np.searchsorted(self._series.km, km), 0, self._series.km.size - 1))
        shown = self._units.distance_from_km(float(self._series.km[index]))
        plots.show_at(shown)
        self._readout.setText(self._readout_at(index, shown))

    # -- internals ---------------------------------------------------------------------------
    def _readout_at(self, index: int, shown: float) -> str:
        parts = [f"{shown:.2f} {self._units.distance_label}"]
        pace = float(self._series.pace[index])
        if np.isfinite(pace):
            per_unit = pace / self._units.distance_from_km(1.0)
            parts.append(f"pace {format_pace(per_unit, self._units)}")
        heart = float(self._series.heart_rate[index])
        if np.isfinite(heart):
            parts.append(f"{heart:.0f} bpm")
        height = float(self._series.elevation[index])
        if np.isfinite(height):
            parts.append(f"{height:.0f} m")
        return SEPARATOR.join(parts)

    def _on_pointer(self, event: tuple[QPointF]) -> None:
        plots = self.plots
        if plots is None:
            return
        (position,) = event
        x = plots.x_at(position.x(), position.y())
        self.show_at(None if x is None else self._units.distance_to_km(x))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _PALETTE_EVENTS:
            self._apply_theme()

    def _apply_theme(self) -> None:
        self._theme = theme_for(self.palette())
        self.summary.apply_palette()
        palette = self._readout.palette()
        palette.setColor(self._readout.foregroundRole(), muted(self.palette()))
        self._readout.setPalette(palette)
        if self.plots is not None:
            self.plots.apply_theme(self._theme, self.font())
