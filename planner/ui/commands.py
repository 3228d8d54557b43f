"""Undo commands: one per user intent, each replaying a core ChangeSet.

The controller performs the operation first (so a failure never reaches the undo stack),
then pushes a command holding the resulting :class:`ChangeSet`. ``redo()`` re-applies it,
``undo()`` applies its inverse; both go through the controller so every view refreshes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from planner.core.model import ChangeSet

if TYPE_CHECKING:
    from planner.ui.controller import PlanController


class PlanCommand(QUndoCommand):
    """A plan change that is already applied when pushed.

    Args:
        controller: applies the change and tells the views.
        text: what the Edit menu shows ("Move Long run to Sunday").
        change: the applied change.
    """

    def __init__(self, controller: PlanController, text: str, change: ChangeSet) -> None:
        super().__init__(text)
        self._controller = controller
        self._change = change
        self._applied = True

    @property
    def change(self) -> ChangeSet:
        """The change this command makes."""
        return self._change

    @property
    def applied(self) -> bool:
        """Whether the plan holds this change now (a refused undo or redo leaves it as it was)."""
        return self._applied

    def redo(self) -> None:
        """Apply the change (skipped on push, and whenever it is already applied)."""
        if self._applied:
            return
        self._applied = self._controller.replay(self._change, text=self.text())

    def undo(self) -> None:
        """Apply the inverse change (skipped when the change is not applied)."""
        if not self._applied:
            return
        self._applied = not self._controller.replay(
            self._change.inverse(), text=self.text(), undoing=True
        )


class AddWorkoutCommand(PlanCommand):
    """A workout added from the library, a paste or the editor."""


class MoveWorkoutCommand(PlanCommand):
    """A workout moved to another day or place in a day."""


class CopyWorkoutCommand(PlanCommand):
    """A workout copied (Ctrl-drag, paste, duplicate)."""


class EditWorkoutCommand(PlanCommand):
    """A workout's values changed in the editor."""


class SetStatusCommand(PlanCommand):
    """A workout marked done, skipped or planned."""


class DeleteWorkoutCommand(PlanCommand):
    """Workouts deleted."""


class CopyWeekCommand(PlanCommand):
    """A whole week copied onto another."""


class ImportCommand(PlanCommand):
    """Workouts brought in from a file."""


class WeighInCommand(PlanCommand):
    """A weigh-in logged, replaced or deleted, or many imported."""


class TemplateCommand(PlanCommand):
    """A library entry added, edited or deleted."""


class SettingsCommand(PlanCommand):
    """Settings changed in Preferences."""
