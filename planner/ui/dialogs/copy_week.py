"""Asking before a copy lands on a plan: Copy Week onto a planned week, a paste onto a busy day.

Copying a week onto one that already holds workouts must never double it by accident:
:class:`CopyWeekDialog` shows what the target week holds and offers *Replace Planned* (its
planned workouts make way; done and skipped ones are records and always stay), *Add to It*,
or *Cancel*. :func:`paste_question` asks the same of a paste onto a day that already has a
workout of the same kind. :class:`ReplaceOrAddDialog` is the question itself, which
New Training Plan… asks too (Replace Planned, Keep Both, Cancel).
"""

from __future__ import annotations

import enum
import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.formatting import format_day, workout_summary
from planner.core.model import Kind, Status, Workout
from planner.core.settings import Units
from planner.core.weeks import Week


class CopyChoice(enum.Enum):
    """What the runner chose to do with a week that already has workouts."""

    REPLACE = "replace"
    ADD = "add"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _line(workout: Workout, units: Units, *, month: bool = False) -> str:
    """``Sun 29 · Long run · 1 h 40 · 16 km``, then its status when not planned.

    With ``month`` the day names its month (``Sun 29 Nov``).
    """
    summary = workout_summary(workout, units) if workout.kind is not Kind.REST else ""
    parts = [format_day(workout.day, month=month), workout.title]
    if summary:
        parts.append(summary)
    text = " · ".join(html.escape(part) for part in parts)
    if workout.status is Status.DONE:
        return f"{text} <i>(done: stays)</i>"
    if workout.status is Status.SKIPPED:
        return f"{text} <i>(skipped: stays)</i>"
    return text


#: The most workouts the question lists; more are counted ("… and 12 more").
_LISTED = 12


class ReplaceOrAddDialog(QDialog):
    """Shows what a range of days already holds and asks: Replace Planned, add, or Cancel.

    Args:
        title: the window title.
        heading: what the range holds, in bold at the top ("Week 2026-W48 already has …").
        existing: the workouts it holds.
        units: the units distances are written in.
        add: the add button's text ("&Add to It") and objectName ("addToIt").
        adds: what the add button does, after "keeps them all and" ("adds the copies …").
        months: name each day's month (a range longer than a week).
        parent: the parent widget.
    """

    def __init__(
        self,
        title: str,
        heading: str,
        existing: Sequence[Workout],
        units: Units,
        *,
        add: tuple[str, str],
        adds: str,
        months: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._choice: CopyChoice | None = None
        planned = [w for w in existing if w.status is Status.PLANNED]
        kept = len(existing) - len(planned)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(QLabel(f"<b>{heading}</b>", self))
        lines = [_line(w, units, month=months) for w in existing[:_LISTED]]
        if len(existing) > _LISTED:
            lines.append(f"… and {len(existing) - _LISTED} more")
        listing = QLabel("<br>".join(lines), self)
        listing.setObjectName("copyWeekExisting")
        listing.setTextFormat(Qt.TextFormat.RichText)
        listing.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(listing)
        if planned:
            replace_text = (
                "<b>Replace Planned</b> removes its "
                f"{_plural(len(planned), 'planned workout', 'planned workouts')} first"
                + (f"; the {kept} done or skipped stay." if kept else ".")
            )
        else:
            replace_text = "Everything there is done or skipped, and stays."
        add_text, add_name = add
        explain = QLabel(
            f"{replace_text} <b>{add_text.replace('&', '')}</b> keeps them all and {adds}.", self
        )
        explain.setWordWrap(True)
        explain.setMinimumWidth(420)
        layout.addWidget(explain)

        self._buttons = QDialogButtonBox(self)
        self._replace = QPushButton("&Replace Planned", self)
        self._replace.setObjectName("replacePlanned")
        self._replace.setEnabled(bool(planned))
        self._add = QPushButton(add_text, self)
        self._add.setObjectName(add_name)
        self._buttons.addButton(self._replace, QDialogButtonBox.ButtonRole.AcceptRole)
        self._buttons.addButton(self._add, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)  # the safe answer to a stray Enter
        self._replace.setAutoDefault(False)
        self._add.setAutoDefault(False)
        self._replace.clicked.connect(self._on_replace)
        self._add.clicked.connect(self._on_add)
        self._buttons.rejected.connect(self.reject)
        layout.addWidget(self._buttons)

    def choice(self) -> CopyChoice | None:
        """What the runner chose; ``None`` when cancelled (or not yet answered)."""
        return self._choice

    def button(self, choice: CopyChoice | None) -> QPushButton:
        """The button of ``choice`` (``None``: Cancel)."""
        if choice is CopyChoice.REPLACE:
            return self._replace
        if choice is CopyChoice.ADD:
            return self._add
        cancel = self._buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        return cancel

    @Slot()
    def _on_replace(self) -> None:
        self._choice = CopyChoice.REPLACE
        self.accept()

    @Slot()
    def _on_add(self) -> None:
        self._choice = CopyChoice.ADD
        self.accept()


class CopyWeekDialog(ReplaceOrAddDialog):
    """Shows what a week already holds and asks how to copy another week onto it.

    Args:
        source: the week being copied.
        target: the week it is copied onto.
        existing: what ``target`` holds now.
        units: the units distances are written in.
        parent: the parent widget.
    """

    def __init__(
        self,
        source: Week,
        target: Week,
        existing: Sequence[Workout],
        units: Units,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            f"Copy Week {source.label()}",
            f"Week {target.label()} already has {_plural(len(existing), 'workout', 'workouts')}.",
            existing,
            units,
            add=("&Add to It", "addToIt"),
            adds=f"adds the copies of {source.label()} after them",
            parent=parent,
        )
        self.setObjectName("copyWeekDialog")
        self._source = source
        self._target = target

    @property
    def source(self) -> Week:
        """The week being copied."""
        return self._source

    @property
    def target(self) -> Week:
        """The week it is copied onto."""
        return self._target


def same_kind(workouts: Sequence[Workout], kind: Kind) -> list[Workout]:
    """The workouts of ``kind`` among ``workouts``."""
    return [w for w in workouts if w.kind is kind]


def paste_question(
    pasted: Workout, there: Sequence[Workout], units: Units, parent: QWidget | None = None
) -> QMessageBox:
    """A question before pasting ``pasted`` onto a day that already has ``there`` of its kind.

    The box's accept role button (``pasteAnyway``) pastes; Cancel (the default) does not.
    """
    day = format_day(pasted.day, weekday="long")
    kind = pasted.kind.label.lower() if pasted.kind is not Kind.HIIT else "HIIT session"
    existing = "<br>".join(_line(w, units) for w in there)
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Paste",
        f"<b>{html.escape(day)} already has a {html.escape(kind)}.</b>",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("pasteQuestion")
    box.setTextFormat(Qt.TextFormat.RichText)  # titles are escaped above: never guessed at
    box.setInformativeText(
        f"{existing}<br><br>Add {html.escape(pasted.title)} as well?"
        if existing
        else f"Add {html.escape(pasted.title)} as well?"
    )
    anyway = box.addButton("&Add Anyway", QMessageBox.ButtonRole.AcceptRole)
    anyway.setObjectName("pasteAnyway")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box
