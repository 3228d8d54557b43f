"""The dialog for a plan that cannot be opened: what happened, in plain words, and what next.

The app decides what happened and what is possible and passes it in as a
:class:`PlanProblem`; this module only shows it (the ui never imports storage).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from planner import APP_NAME
from planner.core.formatting import format_moment

__all__ = [
    "BackupSummary",
    "PlanProblem",
    "PlanProblemChoice",
    "PlanProblemDialog",
    "ask_what_to_do",
    "describe_backup",
    "format_when",
]


class PlanProblemChoice(enum.Enum):
    """What the runner chose."""

    RESTORE = "restore"
    OPEN_ANOTHER = "open_another"
    START_EMPTY = "start_empty"
    QUIT = "quit"


@dataclass(frozen=True)
class BackupSummary:
    """The backup a damaged plan can go back to.

    Attributes:
        when: when it was taken (aware).
        workouts: how many workouts it holds.
        weigh_ins: how many weigh-ins it holds.
    """

    when: datetime
    workouts: int
    weigh_ins: int


@dataclass(frozen=True)
class PlanProblem:
    """Why a plan cannot be opened and what the dialog may offer.

    Attributes:
        title: one line saying what happened ("Your plan “x” is damaged").
        explanation: a few plain sentences: what Legwork did and what the runner can do.
        details: the technical wording (SQLite's), shown under Show Details.
        backup: the newest good backup to offer, or ``None``.
        can_start_empty: offer *Start an Empty Plan* (a new plan at the same place).
        start_empty_text: that button's words ("Start an Empty Plan" or "Start a New Plan…").
    """

    title: str
    explanation: str
    details: str = ""
    backup: BackupSummary | None = None
    can_start_empty: bool = True
    start_empty_text: str = "Start an Empty Plan"


def format_when(when: datetime) -> str:
    """A time as people read it, in local time: ``Monday 2 March 2026, 08:15``."""
    return format_moment(when.astimezone())


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def describe_backup(backup: BackupSummary) -> str:
    """``Monday 2 March 2026, 08:15, with 1,234 workouts and 5 weigh-ins``."""
    return (
        f"{format_when(backup.when)}, with {_count(backup.workouts, 'workout', 'workouts')} "
        f"and {_count(backup.weigh_ins, 'weigh-in', 'weigh-ins')}"
    )


class PlanProblemDialog(QMessageBox):
    """Says why a plan cannot be opened and offers a way on.

    Buttons, as the problem allows: *Restore the Newest Good Backup* (naming its date and
    what it holds), *Open Another Plan…*, *Start an Empty Plan*, *Quit*. The technical
    wording is under *Show Details…*.

    Args:
        problem: what happened and what to offer.
        parent: the parent widget.
    """

    def __init__(self, problem: PlanProblem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planProblemDialog")
        self.setWindowTitle(APP_NAME)
        self.setIcon(QMessageBox.Icon.Warning)
        # File names and folders are shown as they are spelled, never read as markup.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(problem.title)
        text = problem.explanation
        if problem.backup is not None:
            text += (
                f"\n\nThe newest good backup is from {describe_backup(problem.backup)}. "
                "Restoring it puts that copy in place of the damaged file."
            )
        self.setInformativeText(text)
        if problem.details:
            self.setDetailedText(problem.details)
        self._buttons: dict[QPushButton, PlanProblemChoice] = {}
        if problem.backup is not None:
            restore = self._add(
                "Restore the Newest Good Backup",
                QMessageBox.ButtonRole.AcceptRole,
                PlanProblemChoice.RESTORE,
            )
            restore.setToolTip(f"The backup from {describe_backup(problem.backup)}")
            self.setDefaultButton(restore)
        self._add(
            "Open Another Plan…", QMessageBox.ButtonRole.ActionRole, PlanProblemChoice.OPEN_ANOTHER
        )
        if problem.can_start_empty:
            self._add(
                problem.start_empty_text,
                QMessageBox.ButtonRole.ActionRole,
                PlanProblemChoice.START_EMPTY,
            )
        quit_button = self._add("Quit", QMessageBox.ButtonRole.RejectRole, PlanProblemChoice.QUIT)
        self.setEscapeButton(quit_button)

    def _add(
        self, text: str, role: QMessageBox.ButtonRole, choice: PlanProblemChoice
    ) -> QPushButton:
        button = self.addButton(text, role)
        self._buttons[button] = choice
        return button

    def button_for(self, choice: PlanProblemChoice) -> QPushButton | None:
        """The button that makes ``choice``, or ``None`` when it is not offered."""
        for button, made in self._buttons.items():
            if made is choice:
                return button
        return None

    def choice(self) -> PlanProblemChoice:
        """What the clicked button chose (*Quit* when the dialog was closed otherwise)."""
        clicked = self.clickedButton()
        for button, made in self._buttons.items():
            if button is clicked:
                return made
        return PlanProblemChoice.QUIT


def ask_what_to_do(problem: PlanProblem, parent: QWidget | None = None) -> PlanProblemChoice:
    """Show the dialog for ``problem`` and wait for the runner's choice."""
    dialog = PlanProblemDialog(problem, parent)
    dialog.exec()
    return dialog.choice()
