"""A plan that cannot be opened: what the runner is told, and the ways on they are offered.

A damaged plan is kept aside as ``NAME.damaged-<time>`` and its newest good backup offered;
anything else that is not a plan (a text file, another program's database) is left alone,
and the runner may open another plan or start a new one.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from planner import APP_NAME
from planner.core.ports import StorageError
from planner.storage.errors import (
    CorruptDatabaseError,
    IncompleteDatabaseError,
    NotADatabaseError,
)
from planner.storage.safe_files import set_aside
from planner.ui.file_actions import PLAN_FILTER

if TYPE_CHECKING:  # the dialogs and backups load when first needed
    from planner.storage import backups
    from planner.ui.dialogs.damaged_plan import PlanProblem

__all__ = [
    "backup_cannot_open",
    "cannot_open",
    "error_box",
    "local_now",
    "restored_message",
]

log = logging.getLogger(__name__)


def local_now() -> datetime:
    """Now, in the computer's time zone (backups and kept-aside files are named by it)."""
    return datetime.now().astimezone()


def error_box(parent: QWidget | None, text: str, error: StorageError) -> None:
    """A modal message box: ``text``, the error's words and what to do."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, APP_NAME, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names as they are spelled
    box.setInformativeText(f"{error}\n\n{error.hint}".strip())
    box.exec()


def restored_message(result: backups.RestoreResult) -> str:
    """What the status bar says after a restore: where the plan as it was is now."""
    from planner.ui.dialogs.damaged_plan import format_when

    text = f"Restored the backup from {format_when(result.restored.when)}."
    if result.safety_copy is not None:
        return (
            f"{text} Your plan as it was is kept in File ▸ Backups… as “Before a restore”, "
            f"{format_when(result.safety_copy.when)}."
        )
    if result.kept_aside is not None:
        return (
            f"{text} Your plan as it was was too damaged to copy into the backups; it is "
            f"kept, unchanged, beside it as {result.kept_aside.name}."
        )
    return text


def backup_cannot_open(path: Path, error: StorageError, backup_root: Path) -> Path | int:
    """A backup that cannot be copied to open: the path to try next, or an exit code."""
    from planner.ui.dialogs.damaged_plan import PlanProblem

    problem = PlanProblem(
        f"The backup “{path.name}” cannot be opened.",
        f"{error} Legwork did not change it.",
        details=_details(path, error),
        can_start_empty=False,
    )
    return _ask_until_decided(problem, path, backup_root, on_restore=None)


def cannot_open(path: Path, error: StorageError, backup_root: Path) -> Path | int:
    """The dialog for a plan that cannot be opened: the path to try next, or an exit code."""
    from planner.ui.dialogs.damaged_plan import PlanProblem

    if _looks_like_a_damaged_plan(path, error, backup_root):
        try:
            aside = set_aside(path, "damaged", now=local_now())
        except StorageError as failure:
            log.error("cannot keep %s aside: %s", path, failure)
        else:
            return _damaged(path, aside, error, backup_root)
    problem = PlanProblem(
        f"Legwork cannot open “{path.name}”.",
        f"{error}\n\n{error.hint}".strip(),
        details=_details(path, error),
        start_empty_text="Start a New Plan…",
    )
    return _ask_until_decided(problem, path, backup_root, on_restore=None, new_plan_dialog=True)


def _damaged(path: Path, aside: Path, error: StorageError, backup_root: Path) -> Path | int:
    from planner.storage import backups
    from planner.ui.dialogs.damaged_plan import BackupSummary, PlanProblem

    newest = backups.newest_good_backup(path, backup_root)
    what = (
        "empty or cut short (its writing was interrupted)"
        if isinstance(error, IncompleteDatabaseError)
        else "damaged"
    )
    explanation = (
        f"The file is {what}, so Legwork cannot open it. Nothing was deleted: the file was "
        f"kept, unchanged, as “{aside.name}” in {aside.parent}."
    )
    if newest is None:
        explanation += (
            "\n\nThere is no good backup of this plan to go back to. You can start an "
            "empty plan in its place, or open another plan."
        )
    summary = (
        None
        if newest is None
        else BackupSummary(newest.when, newest.workouts or 0, newest.weigh_ins or 0)
    )
    problem = PlanProblem(
        f"Your plan “{path.name}” is damaged.",
        explanation,
        details=_details(path, error),
        backup=summary,
    )
    return _ask_until_decided(
        problem, path, backup_root, on_restore=None if newest is None else newest.path
    )


def _ask_until_decided(
    problem: PlanProblem,
    path: Path,
    backup_root: Path,
    *,
    on_restore: Path | None,
    new_plan_dialog: bool = False,
) -> Path | int:
    """Show ``problem`` until the runner picks something that can be done."""
    from planner.storage import backups
    from planner.ui.dialogs.damaged_plan import PlanProblemChoice, ask_what_to_do

    while True:
        choice = ask_what_to_do(problem)
        if choice is PlanProblemChoice.QUIT:
            return 1
        if choice is PlanProblemChoice.RESTORE and on_restore is not None:
            try:
                backups.restore_backup(on_restore, path, backup_root, now=local_now())
            except StorageError as failure:
                error_box(None, "The backup could not be restored.", failure)
                problem = replace(problem, backup=None)
                on_restore = None
                continue
            return path
        if choice is PlanProblemChoice.OPEN_ANOTHER:
            name, _ = QFileDialog.getOpenFileName(
                None, "Open a Legwork Plan", str(path.parent), PLAN_FILTER
            )
            if name:
                return Path(name)
            continue
        if choice is PlanProblemChoice.START_EMPTY:
            if not new_plan_dialog:
                return path  # the damaged file is aside: a new plan takes its place
            name, _ = QFileDialog.getSaveFileName(
                None,
                "Start a New Plan",
                str(path.parent / "legwork.sqlite3"),
                PLAN_FILTER,
                options=QFileDialog.Option.DontConfirmOverwrite,  # an existing one opens
            )
            if name:
                return Path(name)


def _looks_like_a_damaged_plan(path: Path, error: StorageError, backup_root: Path) -> bool:
    """Whether a file that cannot be opened is a damaged plan (kept aside) or something else.

    A damaged or cut-short SQLite file is; so is an unreadable file that has backups as a
    plan. A text file, another program's database or a folder is not: it is left alone.
    """
    if not path.is_file():
        return False
    if isinstance(error, CorruptDatabaseError | IncompleteDatabaseError):
        return True
    if isinstance(error, NotADatabaseError):
        from planner.storage import backups

        return bool(backups.list_backups(path, backup_root, counts=False))
    return False


def _details(path: Path, error: StorageError) -> str:
    """The technical wording for Show Details: the file, the error and SQLite's own words."""
    lines = [f"File: {path}", f"{type(error).__name__}: {error}"]
    problems: list[str] = getattr(error, "problems", [])
    if problems:
        lines += ["", "SQLite's integrity check says:", *problems[:30]]
    return "\n".join(lines)
