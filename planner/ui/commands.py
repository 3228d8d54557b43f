"""The undo step: one command type, replaying the core ChangeSet of whatever the user did.

The controller performs the operation first (so a failure never reaches the undo stack),
then pushes a :class:`PlanCommand` holding the resulting :class:`ChangeSet` and the words for
it. ``redo()`` re-applies the change, ``undo()`` applies its inverse; both go through a
:class:`Replayer` (the controller) so every view refreshes.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from planner.core.model import ChangeSet


class Replayer(Protocol):
    """What applies a recorded change again (the plan controller)."""

    def replay(self, change: ChangeSet, *, text: str = "", undoing: bool = False) -> bool:
        """Apply ``change``; ``False`` when it was refused (nothing changed)."""
        ...


class PlanCommand(QUndoCommand):
    """A plan change that is already applied when pushed.

    Args:
        replayer: applies the change and tells the views.
        text: what the change did, as the Edit menu shows it ("Move Long run to Sun 22 Nov").
        change: the applied change.
    """

    def __init__(self, replayer: Replayer, text: str, change: ChangeSet) -> None:
        super().__init__(text)
        self._replayer = replayer
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
        self._applied = self._replayer.replay(self._change, text=self.text())

    def undo(self) -> None:
        """Apply the inverse change (skipped when the change is not applied)."""
        if not self._applied:
            return
        self._applied = not self._replayer.replay(
            self._change.inverse(), text=self.text(), undoing=True
        )
