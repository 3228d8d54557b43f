"""The dock that holds the charts: made with the window, filled after the first paint.

:class:`ChartsDock` imports neither pyqtgraph nor numpy, so the main window can create it
(and restore its place) at once; the charts themselves are built in a timer after the
week has painted, so they never delay the populated week (DESIGN.md section 5: "built
within a second or so after the first paint, not only when their tab is first opened").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QDockWidget, QLabel, QWidget

from planner.ui.background_import import import_in_background
from planner.ui.controller import PlanController
from planner.ui.first_paint import after_first_paint
from planner.ui.view_state import ViewState

if TYPE_CHECKING:
    from planner.ui.charts.panel import ChartsPanel

#: How long after the first paint the charts are built (the paint is on screen by then).
BUILD_DELAY_MS = 50
#: The height the charts ask for when the window has no saved layout yet.
PREFERRED_HEIGHT = 300


class _Placeholder(QLabel):
    """What the dock shows until the charts are built, as tall as the charts will be."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), PREFERRED_HEIGHT)


class ChartsDock(QDockWidget):
    """A dock titled "Progress" that holds the :class:`~planner.ui.charts.panel.ChartsPanel`.

    Args:
        controller: the plan controller.
        state: the view state (week, today).
        parent: the main window.
        after_paint_of: build the charts once this widget (the week) has first painted;
            ``None`` builds them only when :meth:`build` is called.

    Signals:
        panel_ready(object): the charts were built (the panel).
        message(str): something for the status bar.
    """

    panel_ready = Signal(object)
    message = Signal(str)

    def __init__(
        self,
        controller: PlanController,
        state: ViewState,
        parent: QWidget | None = None,
        *,
        after_paint_of: QWidget | None = None,
    ) -> None:
        super().__init__("Progress", parent)
        self.setObjectName("chartsDock")
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self._controller = controller
        self._state = state
        self._panel: ChartsPanel | None = None
        self._height_before = 0
        self._empty_actions: list[tuple[str, str, Callable[[], object]]] = []
        placeholder = _Placeholder("The charts appear in a moment…", self)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setEnabled(False)
        self.setWidget(placeholder)
        if after_paint_of is not None:
            # Once the paint is done (a worker importing during it would take turns with it
            # for Python's lock), numpy (a third of the wait) loads on a worker thread;
            # pyqtgraph, which copies Qt's classes as it loads, and the charts then load on
            # the GUI thread. The week and this dock live and go with the window.
            after_first_paint(after_paint_of, self._preload)

    @property
    def panel(self) -> ChartsPanel | None:
        """The charts, once built."""
        return self._panel

    def add_empty_action(self, chart_name: str, text: str, slot: Callable[[], object]) -> None:
        """A button on a chart's empty state (``chart_name`` is its objectName)."""
        self._empty_actions.append((chart_name, text, slot))
        if self._panel is not None:
            self._add_empty_action(self._panel, chart_name, text, slot)

    @Slot()
    def build(self) -> ChartsPanel:
        """Build the charts now, if they are not built yet (this imports pyqtgraph)."""
        if self._panel is None:
            from planner.ui.charts.panel import ChartsPanel

            panel = ChartsPanel(self._controller, self._state, self)
            for chart_name, text, slot in self._empty_actions:
                self._add_empty_action(panel, chart_name, text, slot)
            panel.message.connect(self.message)
            old = self.widget()
            window = self.window()
            self._height_before = window.height() if window is not self else 0
            self.setWidget(panel)
            if old is not None:
                old.deleteLater()
            self._panel = panel
            # Until its first layout the panel asks for the height of its narrowest form, and
            # the window grows to give it that (past the bottom of a 720-pixel screen). Once
            # laid out it needs less: give the window its height back.
            QTimer.singleShot(0, self, self._give_height_back)
            self.panel_ready.emit(panel)
        return self._panel

    @Slot()
    def _give_height_back(self) -> None:
        window = self.window()
        if window is self or window.isMaximized() or window.isFullScreen():
            return
        wanted = max(self._height_before, window.minimumSizeHint().height())
        if 0 < wanted < window.height():
            window.resize(window.width(), wanted)

    @Slot()
    def _preload(self) -> None:
        import_in_background("numpy", self._on_preloaded)

    @Slot()
    def _on_preloaded(self) -> None:
        # The import ends when it ends: the window (and this dock) may be gone by then, and
        # PySide can still deliver the call to the Python side of a deleted dock.
        if shiboken6.isValid(self):
            QTimer.singleShot(BUILD_DELAY_MS, self, self.build)

    @staticmethod
    def _add_empty_action(
        panel: ChartsPanel, chart_name: str, text: str, slot: Callable[[], object]
    ) -> None:
        for chart in panel.charts():
            if chart.objectName() == chart_name:
                chart.add_empty_action(text, slot)
