"""File ▸ Backups…: the plan's backups (date, size, workouts, weigh-ins) and Restore.

The app passes in a function that lists the backups and handles the restore when
:attr:`BackupsDialog.restore_requested` fires (the ui never imports storage). A damaged
backup is listed as damaged and cannot be restored. When backups are failing, the dialog
says so first, with the cause and a *Try Again* button, and :class:`BackupFailureMark`
says it in the window's status bar until a backup succeeds.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.ui.dialogs.damaged_plan import format_when

__all__ = [
    "BackupFailureMark",
    "BackupRow",
    "BackupsDialog",
    "FailureNote",
    "format_size",
    "show_backup_failure",
]

#: What each kind of backup is called in the table.
KIND_NAMES = {
    "automatic": "Daily",
    "before-upgrade": "Before an upgrade",
    "before-restore": "Before a restore",
}
COLUMNS = ("Date", "Kind", "Size", "Workouts", "Weigh-ins")
#: What the dialog says of its backups while they work, and while they fail.
INTRO = (
    "Legwork backs up your plan once a day when it has changed, and keeps a week of "
    "daily backups, a month of weekly ones and a year of monthly ones. Restoring one "
    "keeps your current plan as a backup first."
)
INTRO_WHILE_FAILING = (
    "Until a backup succeeds again, the newest backup below may not hold your latest "
    "changes. Restoring one keeps your current plan as a backup first."
)


class BackupRow(Protocol):
    """One backup as the dialog shows it (``planner.storage.backups.BackupInfo`` is one).

    A row may also carry what its check found: ``damaged`` (a bool) and ``problem``, why it
    cannot be restored (``it is damaged (...)``) or ``None``. A row without them counts as
    not checked: it can be restored when its counts could be read.
    """

    @property
    def path(self) -> Path: ...

    @property
    def when(self) -> datetime: ...

    @property
    def reason(self) -> str: ...

    @property
    def size(self) -> int: ...

    @property
    def workouts(self) -> int | None: ...

    @property
    def weigh_ins(self) -> int | None: ...


class FailureNote(Protocol):
    """The last backup that failed (``planner.storage.backups.BackupFailure`` is one)."""

    @property
    def when(self) -> datetime: ...

    @property
    def cause(self) -> str: ...

    @property
    def message(self) -> str: ...

    @property
    def hint(self) -> str: ...


def failing_text(failure: FailureNote) -> str:
    """``Backups are failing: <cause>``, the words of the mark and of the dialog."""
    return f"Backups are failing: {failure.cause}"


def format_size(size: int) -> str:
    """A file size for people: ``812 KB``, ``3.4 MB``."""
    if size < 1000 * 1000:
        return f"{max(1, round(size / 1000))} KB"
    return f"{size / 1_000_000:.1f} MB"


def _count(value: int | None) -> str:
    return "unreadable" if value is None else f"{value:,}"


def _damaged(backup: BackupRow) -> bool:
    return bool(getattr(backup, "damaged", False))


def _problem(backup: BackupRow) -> str | None:
    """Why ``backup`` cannot be restored, or ``None`` when it can."""
    problem: str | None = getattr(backup, "problem", None)
    if problem is None and backup.workouts is None:
        return "it cannot be read"
    return problem


class BackupsDialog(QDialog):
    """The list of the plan's backups, newest first, and a Restore button.

    Args:
        plan_name: the plan's file name, for the title.
        load: lists the backups (newest first); called on open and after each restore.
        folder: the backups folder, opened by *Show in Folder* (``None``: no such button).
        failure: the last backup that failed, or ``None`` while backups work; called with
            ``load`` (``None``: never failing).
        retry: backs up now, for *Try Again* (``None``: no such button); the dialog lists the
            backups and asks ``failure`` again afterwards.
        parent: the parent widget.

    Signals:
        restore_requested(Path): the runner confirmed restoring that backup.
    """

    restore_requested = Signal(object)

    def __init__(
        self,
        plan_name: str,
        load: Callable[[], Sequence[BackupRow]],
        *,
        folder: Path | None = None,
        failure: Callable[[], FailureNote | None] | None = None,
        retry: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupsDialog")
        self.setWindowTitle(f"Backups of {plan_name}")
        self._plan_name = plan_name
        self._load = load
        self._folder = folder
        self._failure = failure
        self._retry = retry
        self._rows: list[BackupRow] = []

        self.failure_box = QFrame(self)
        self.failure_box.setObjectName("backupFailure")
        self.failure_box.setFrameShape(QFrame.Shape.StyledPanel)
        icon = QLabel(self.failure_box)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        self.failure_heading = _plain_label(self.failure_box)
        self.failure_heading.setObjectName("backupFailureHeading")
        heading_font = self.failure_heading.font()
        heading_font.setBold(True)
        self.failure_heading.setFont(heading_font)
        self.failure_label = _plain_label(self.failure_box)
        self.failure_label.setObjectName("backupFailureText")
        self.retry_button = QPushButton("Try &Again", self.failure_box)
        self.retry_button.setObjectName("retryBackupButton")
        self.retry_button.setToolTip("Back up your plan now")
        self.retry_button.setVisible(retry is not None)
        self.retry_button.clicked.connect(self._try_again)
        words = QVBoxLayout()
        words.addWidget(self.failure_heading)
        words.addWidget(self.failure_label)
        failure_layout = QHBoxLayout(self.failure_box)
        failure_layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        failure_layout.addLayout(words, 1)
        failure_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        self.intro = _plain_label(self)
        self.intro.setText(INTRO)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel("There are no backups of this plan yet.", self)
        self.problem_label = _plain_label(self)
        self.problem_label.setObjectName("backupProblem")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton("&Restore…", self)
        self.restore_button.setObjectName("restoreBackupButton")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        if folder is not None:
            show = QPushButton("Show in &Folder", self)
            buttons.addButton(show, QDialogButtonBox.ButtonRole.HelpRole)
            show.clicked.connect(self._show_folder)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(self._restore_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(self.failure_box)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.problem_label)
        self._filler = QWidget(self)  # takes the table's room while there is no table
        layout.addWidget(self._filler, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """List the backups again (newest first), select the newest, and say if backups fail."""
        failure = self._failure() if self._failure is not None else None
        self.failure_box.setVisible(failure is not None)
        if failure is not None:
            self.failure_heading.setText(failing_text(failure))
            self.failure_label.setText(
                f"Last tried {format_when(failure.when)}. {failure.hint}".strip()
            )
            # The whole message, file names and all: escaped, as tooltips render markup.
            self.failure_box.setToolTip(f"<qt>{html.escape(failure.message)}</qt>")
        self.intro.setText(INTRO if failure is None else INTRO_WHILE_FAILING)
        self._rows = list(self._load())
        self.table.setRowCount(len(self._rows))
        for row, backup in enumerate(self._rows):
            damaged = _damaged(backup)
            problem = _problem(backup)
            cells = (
                format_when(backup.when),
                KIND_NAMES.get(backup.reason, backup.reason),
                format_size(backup.size),
                "damaged" if damaged else _count(backup.workouts),
                "damaged" if damaged else _count(backup.weigh_ins),
            )
            tip = str(backup.path)
            if problem is not None:
                tip += f"\nThis backup cannot be restored: {problem}."
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(self._rows))
        self.empty_label.setVisible(not self._rows)
        self._filler.setVisible(not self._rows)
        if self._rows:
            self.table.selectRow(0)
        self._update_buttons()

    def rows(self) -> list[BackupRow]:
        """The backups shown, top to bottom."""
        return list(self._rows)

    def selected(self) -> BackupRow | None:
        """The selected backup, or ``None``."""
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        row = indexes[0].row()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    @Slot()
    def _update_buttons(self) -> None:
        backup = self.selected()
        problem = None if backup is None else _problem(backup)
        self.restore_button.setEnabled(backup is not None and problem is None)
        self.problem_label.setVisible(problem is not None)
        if problem is not None:
            self.problem_label.setText(
                f"This backup cannot be restored: {problem}. Choose another one."
            )

    def confirmation(self, backup: BackupRow) -> QMessageBox:
        """The question asked before restoring ``backup`` (not yet shown)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Restore a Backup",
            f"Replace {self._plan_name} with the backup from {format_when(backup.when)}?",
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("restoreConfirmation")
        box.setInformativeText(
            f"The backup holds {_count(backup.workouts)} workouts and "
            f"{_count(backup.weigh_ins)} weigh-ins. Your plan as it is now is kept as a "
            "backup first, so you can come back to it here. Undo history is cleared."
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(restore)
        return box

    @Slot()
    def _restore_selected(self) -> None:
        backup = self.selected()
        if backup is None or _problem(backup) is not None:
            return
        box = self.confirmation(backup)
        box.exec()
        if box.buttonRole(box.clickedButton()) != QMessageBox.ButtonRole.AcceptRole:
            return
        self.accept()
        self.restore_requested.emit(backup.path)

    @Slot()
    def _try_again(self) -> None:
        if self._retry is not None:
            self._retry()
        self.refresh()

    @Slot()
    def _show_folder(self) -> None:
        if self._folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))


def _plain_label(parent: QWidget) -> QLabel:
    """A word-wrapped label that shows file names as they are spelled, never as markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class BackupFailureMark(QToolButton):
    """``Backups are failing: <cause>`` in the status bar, until a backup succeeds.

    Clicking it opens File ▸ Backups…, which tells the whole story and offers Try Again.
    Hidden while backups work.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupFailureMark")
        self.setAutoRaise(True)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.hide()

    def show_failure(self, failure: FailureNote | None) -> None:
        """Say ``failure`` (``None``: backups work, hide)."""
        if failure is None:
            self.hide()
            return
        self.setText(failing_text(failure))
        self.setToolTip(
            f"Last try: {format_when(failure.when)}.\n{failure.message}\n{failure.hint}\n"
            "Click to see your backups."
        )
        self.show()


def show_backup_failure(
    window: QMainWindow, failure: FailureNote | None, open_backups: Callable[[], None]
) -> None:
    """Show ``failure`` in ``window``'s status bar (``None``: hide the mark, backups work).

    The mark is made the first time a failure is shown; clicking it calls ``open_backups``.
    """
    mark = window.statusBar().findChild(BackupFailureMark)
    if mark is None:
        if failure is None:
            return
        mark = BackupFailureMark(window.statusBar())
        window.statusBar().addPermanentWidget(mark)
        mark.clicked.connect(open_backups)
    mark.show_failure(failure)
