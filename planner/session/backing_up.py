"""The plan's backups in the app: the day's backup, a failure shown until one works, the dialog.

The day's backup is taken at start and when the plan is left (switched from, or at exit).
A failed backup never stops planning: it is kept beside the backups and marked in the
window's status bar, this session and the next, until a backup succeeds. File ▸ Backups…
lists the backups and asks for a restore, which the session carries out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from planner.core.ports import StorageError
from planner.session.problems import local_now
from planner.ui.main_window import MainWindow

if TYPE_CHECKING:  # backups and their dialog load when first needed, after the first paint
    from planner.storage import backups

__all__ = ["PlanBackups"]

log = logging.getLogger(__name__)


class PlanBackups(QObject):
    """The backups of the plan on screen.

    Args:
        backup_root: the folder that holds every plan's backups.
        holds_plan: whether the session holds the plan's lock (no backup is taken without).

    Signals:
        restore_requested(Path): the runner chose a backup to restore, in File ▸ Backups….
    """

    restore_requested = Signal(object)

    def __init__(self, backup_root: Path, holds_plan: Callable[[], bool]) -> None:
        super().__init__()
        self._root = backup_root
        self._holds_plan = holds_plan
        self._failure: backups.BackupFailure | None = None
        self._window: MainWindow | None = None
        self._path: Path | None = None

    def follow(self, window: MainWindow | None, path: Path | None) -> None:
        """Back up the plan at ``path``, shown in ``window``, from now on."""
        if path != self._path:
            self._failure = None  # it was the other plan's
        self._window, self._path = window, path
        if self._failure is not None:  # a new window on the same plan says it too
            self._show_failure(self._failure)

    @Slot()
    def back_up_if_due(self) -> None:
        """Take the day's backup if the plan changed since the last one (never raises)."""
        self._back_up(only_if_due=True)

    @Slot()
    def back_up_now(self) -> None:
        """Back the plan up now, due or not: the Backups dialog's Try Again (never raises)."""
        self._back_up(only_if_due=False)

    def succeeded(self) -> None:
        """A backup was made elsewhere (a restore's safety copy): backups work."""
        self._show_failure(None)

    @Slot()
    def show_dialog(self) -> None:
        """File ▸ Backups…: the plan's backups, and Restore."""
        from planner.storage import backups
        from planner.ui.dialogs.backups import BackupsDialog

        if self._path is None or self._window is None:
            return
        dialog = BackupsDialog(
            self._path.name,
            partial(backups.list_backups, self._path, self._root),
            folder=backups.backup_folder(self._path, self._root),
            failure=self._last_failure,
            retry=self.back_up_now,
            parent=self._window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(self._restore_soon)
        dialog.open()

    @Slot(object)
    def _restore_soon(self, backup: Path) -> None:
        # Once the dialog has closed: the restore replaces the window it belongs to.
        QTimer.singleShot(0, self, partial(self.restore_requested.emit, backup))

    def _back_up(self, *, only_if_due: bool) -> None:
        """Back up; a failure is kept beside the backups and shown until a backup succeeds."""
        from planner.storage import backups

        path = self._path
        if path is None or not self._holds_plan():
            return
        try:
            if only_if_due:
                made = backups.backup_if_due(path, self._root, now=local_now())
            else:
                made = backups.make_backup(path, self._root, now=local_now())
        except (OSError, StorageError) as error:  # a failed backup must not stop planning
            log.warning("backup failed: %s", error)
            if isinstance(error, OSError):
                error = StorageError(f"Legwork could not back up {path.name}: {error}")
            self._show_failure(backups.record_failure(path, self._root, error, now=local_now()))
            return
        if made is not None:
            log.info("backed up %s to %s", path, made.path)
            self._show_failure(None)
        else:  # nothing was due: the last failure, if no backup succeeded since, still holds
            self._show_failure(self._last_failure())

    def _last_failure(self) -> backups.BackupFailure | None:
        """The plan's last failed backup, when none succeeded since (this session or before)."""
        from planner.storage import backups

        if self._failure is not None or self._path is None:
            return self._failure
        return backups.last_failure(self._path, self._root)

    def _show_failure(self, failure: backups.BackupFailure | None) -> None:
        """Keep ``failure`` and show it in the window's status bar (``None``: backups work)."""
        shown, self._failure = self._failure, failure
        if self._window is None or (failure is None and shown is None):
            return  # nothing to show, nor to take back
        from planner.ui.dialogs.backups import show_backup_failure

        show_backup_failure(self._window, failure, self.show_dialog)
