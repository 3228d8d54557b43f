"""Plan ▸ Realign…: the plan's progress, what realigning will do, and Realign / Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from planner.core.formatting import format_day
from planner.core.realign import PlanProgress, Realignment

__all__ = ["RealignDialog", "realign_words"]


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' * (n != 1)}"


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


def realign_words(result: Realignment) -> str:
    """What realigning will do, in plain words (moves, drops, skips, and what stays)."""
    lines = []
    if result.moved:
        verb = "moves" if result.moved == 1 else "move"
        lines.append(
            f"{_count(result.moved, 'workout')} {verb} {_count(result.shift_weeks, 'week')} "
            "later: the plan picks up where you left off."
        )
    if result.eased:
        n = result.eased
        lines.append(f"{_count(n, 'workout')} {_are(n)} made shorter for the way back.")
    if result.dropped:
        n = result.dropped
        verb = "no longer fits" if n == 1 else "no longer fit"
        lines.append(f"{_count(n, 'workout')} {verb} before the taper: dropped.")
    if result.skipped:
        n = result.skipped
        lines.append(f"{_count(n, 'missed workout')} {_are(n)} marked skipped.")
    if not lines:
        lines.append("Nothing needs to change.")
    if result.race is not None and result.taper_start is not None:
        lines.append(
            f"Stays: the race on {format_day(result.race.day)} and its taper from "
            f"{format_day(result.taper_start)}."
        )
    return "\n".join(lines)


class RealignDialog(QDialog):
    """Says the plan's progress and what Realign will do; Realign accepts.

    Args:
        progress: the plan's progress so far.
        result: the realignment Realign would write.
        reason: why it is offered, if it is (``None``: asked for from the menu).
        parent: the window.
    """

    def __init__(
        self,
        progress: PlanProgress,
        result: Realignment,
        reason: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("realignDialog")
        self.setWindowTitle("Realign the Plan")
        layout = QVBoxLayout(self)
        if reason:
            layout.addWidget(QLabel(f"{reason}.", self))
        self.progress_label = QLabel(f"{progress.text()}.", self)
        self.progress_label.setObjectName("realignProgress")
        layout.addWidget(self.progress_label)
        self.plan_label = QLabel(realign_words(result), self)
        self.plan_label.setObjectName("realignWhat")
        self.plan_label.setWordWrap(True)
        layout.addWidget(self.plan_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.realign_button = buttons.addButton("&Realign", QDialogButtonBox.ButtonRole.AcceptRole)
        self.realign_button.setEnabled(not result.edit.is_empty)
        self.realign_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
