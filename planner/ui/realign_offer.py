"""The Realign offer: a strip across the week when the generated plan wants realigning.

After every change of the plan's workouts (and at start, after the first paint) it asks
:func:`planner.core.realign.needs_realign`; when there is a reason it shows the reason with
Realign… (Plan ▸ Realign…) and Dismiss. It never nags: once dismissed it stays hidden until
the reason changes. It also enables Plan ▸ Realign… only while a generated plan has
workouts ahead, and opens the Realign dialog.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QToolBar, QWidget

from planner.core.model import ChangeSet, Status, Workout
from planner.ui.background_import import import_in_background
from planner.ui.banner import fix_strip
from planner.ui.dialog_opening import open_dialog
from planner.ui.first_paint import after_first_paint

if TYPE_CHECKING:
    from planner.core.realign import Reason
    from planner.ui.main_window import MainWindow

__all__ = ["RealignOffer", "RealignStrip"]


class RealignStrip(QToolBar):
    """The strip: the reason, Realign… and Dismiss (a fixed tool bar, like the read-only one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Realign", parent)
        fix_strip(self, "realignOffer")
        self.label = QLabel(self)
        self.label.setContentsMargins(10, 4, 10, 4)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(self.label)
        self.realign_button = QPushButton("Realign…", self)
        self.realign_button.setObjectName("realignOfferButton")
        self.addWidget(self.realign_button)
        self.dismiss_button = QPushButton("Dismiss", self)
        self.dismiss_button.setObjectName("realignOfferDismiss")
        self.addWidget(self.dismiss_button)


class RealignOffer(QObject):
    """Offers Realign when the plan wants it, and runs Plan ▸ Realign….

    Args:
        window: the main window (its controller, state and action table).
        action: Plan ▸ Realign….

    Signals:
        asked(): the plan was asked again (the strip and the action follow the answer).
    """

    asked = Signal()

    def __init__(self, window: MainWindow, action: QAction) -> None:
        super().__init__(window)
        self._window = window
        self._action = action
        self._dismissed: Reason | None = None
        self.reason: Reason | None = None
        self.strip = RealignStrip(window)
        self.strip.setVisible(False)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.strip)
        self.strip.realign_button.clicked.connect(action.trigger)
        self.strip.dismiss_button.clicked.connect(self.dismiss)
        action.setEnabled(False)
        # a burst of changes (an import, undo after undo) asks once, after the change is painted
        self._asking = QTimer(self)
        self._asking.setSingleShot(True)
        self._asking.setInterval(0)
        self._asking.timeout.connect(self.refresh)
        window.controller.plan_changed.connect(self._on_plan_changed)
        window.state.today_changed.connect(self.refresh)
        after_first_paint(window.week_view, self.refresh)

    def _workouts(self) -> list[Workout]:
        from planner.core.realign import realign_span

        return self._window.controller.workouts(*realign_span(self._window.state.today))

    @Slot(object)
    def _on_plan_changed(self, change: ChangeSet) -> None:
        if change.touches_workouts:
            self._asking.start()

    @Slot()
    def refresh(self) -> None:
        """Ask again whether the plan wants realigning; show or hide the strip.

        The first time, the realign rules (and the load arithmetic they use) are imported
        on a worker, like the warning rules, so the window's first paint never waits for
        them; the question is asked once they are in.
        """
        if "planner.core.realign" not in sys.modules:
            import_in_background("planner.core.realign", self.refresh)
            return
        from planner.core.realign import needs_realign

        today = self._window.state.today
        workouts = self._workouts()
        ahead = any(
            w.plan_day is not None and w.status is Status.PLANNED and w.day >= today
            for w in workouts
        )
        writable = self._window.controller.read_only is None  # nothing to offer then
        self._action.setEnabled(ahead and writable)
        self.reason = needs_realign(workouts, today)
        shown = writable and self.reason is not None and self.reason != self._dismissed
        if self.reason is not None:
            self.strip.label.setText(f"{self.reason.text}.")
        if shown and not self._window.toolBarBreak(self.strip):  # a row of its own, always
            self._window.insertToolBarBreak(self.strip)
        self.strip.setVisible(shown)
        self.asked.emit()

    @Slot()
    def dismiss(self) -> None:
        """Hide the strip until the reason changes."""
        self._dismissed = self.reason
        self.strip.setVisible(False)

    @Slot()
    def open(self) -> None:
        """Plan ▸ Realign…: the progress and what realigning does; Realign writes it."""
        from planner.core.realign import needs_realign, plan_progress, realignment
        from planner.ui.dialogs.realign import RealignDialog

        window = self._window
        today = window.state.today
        workouts = self._workouts()
        result = realignment(workouts, today, window.controller.settings)
        reason = needs_realign(workouts, today)
        dialog = RealignDialog(
            plan_progress(workouts, today),
            result,
            reason.text if reason is not None else None,
            window,
        )
        open_dialog(
            dialog,
            lambda _: window.controller.realign(today),
            on_finished=window.commands.focus_week,
        )
