"""Why Heavy Legs?… on a workout, and Help ▸ Heavy Legs… for the latest report.

A workout marked done with "Legs felt heavy" carries its explanation: Edit ▸ Why Heavy
Legs?… (and the block's context menu, and the "?" on its block) shows what the plan says
about that day; Help ▸ Heavy Legs… shows it for the latest report. The explanation itself is
:mod:`planner.ui.dialogs.heavy_legs`, loaded when first shown.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QMessageBox

from planner.core.model import Workout
from planner.ui.actions import ActionSpec, SelectionCommands
from planner.ui.dialog_opening import open_dialog

__all__ = ["HEAVY_LEGS_ACTIONS", "NO_REPORT", "HeavyLegsActions", "reported"]

#: The action on the selected workout, in menu order.
HEAVY_LEGS_ACTIONS = ("why_heavy_legs",)
#: What Help ▸ Heavy Legs… says when no run was ever marked with heavy legs.
NO_REPORT = "No heavy legs reported yet. Tick Legs felt heavy when you mark a run done."


def reported(workout: Workout | None) -> bool:
    """Whether ``workout`` carries a heavy-legs report (done, with heavy legs ticked)."""
    return workout is not None and workout.reports_heavy_legs


class HeavyLegsActions(SelectionCommands):
    """Why Heavy Legs?… on the selected block, and Help ▸ Heavy Legs…."""

    def specs(self) -> list[ActionSpec]:
        """This object's rows of the window's action table."""
        return [
            ActionSpec(
                "why_heavy_legs",
                "W&hy Heavy Legs?…",
                self.why_selected,
                ("Ctrl+Alt+H",),
                tip="What your plan shows about the heavy legs reported on this workout",
                local=True,
                what="Why the legs may have felt heavy on the selected workout…",
            ),
            ActionSpec(
                "heavy_legs",
                "&Heavy Legs…",
                self.latest,
                ("Ctrl+Shift+H",),
                tip="What your plan shows about your latest heavy-legs report",
                what="Why your legs may have felt heavy at the latest report…",
            ),
        ]

    @Slot()
    def update_enabled(self) -> None:
        """Why Heavy Legs?… only on a workout that carries a heavy-legs report."""
        if self._table is not None:
            self._table["why_heavy_legs"].setEnabled(reported(self._selected()))

    # -- the commands ----------------------------------------------------------------------
    @Slot()
    def why_selected(self) -> None:
        """Explain the heavy legs reported on the selected workout's day."""
        workout = self._selected()
        if workout is not None and reported(workout):
            self.show(workout.day)

    @Slot()
    def latest(self) -> None:
        """Help ▸ Heavy Legs…: explain the latest report, or say there is none yet."""
        from planner.core.chart_data import ALL_DAYS
        from planner.core.heavy_legs import latest_report

        day = latest_report(self._controller.workouts(*ALL_DAYS))
        if day is not None:
            self.show(day)
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Heavy Legs",
            NO_REPORT,
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setObjectName("noHeavyLegsBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        open_dialog(box, on_finished=self.focus_week.emit)

    def show(self, day: date) -> None:
        """Explain the heavy-legs report of ``day``; the week takes the keyboard after."""
        from planner.ui.dialogs.heavy_legs import show_heavy_legs

        dialog = show_heavy_legs(self._controller, day, self._window)
        dialog.finished.connect(self._on_closed)

    @Slot(int)
    def _on_closed(self, _result: int) -> None:
        self.focus_week.emit()
