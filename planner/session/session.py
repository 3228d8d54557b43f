"""The app's hold on one plan: its single-writer lock, its window, switching and restoring.

* :meth:`PlanSession.open` takes the plan's lock (or raises the window of the Legwork that
  has it), opens a copy when the file is a backup, and when the plan cannot be opened says
  why and offers a way on (:mod:`planner.session.problems`).
* :meth:`PlanSession.switch_to` shows another plan (File ▸ New Plan…, Open Plan…, Open
  Recent, the demo plan) in place of the one on screen, which stays until the other is open.
* :meth:`PlanSession.restore` puts a backup in place of the plan and shows it anew.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from planner import APP_NAME, single_instance
from planner.core.ports import StorageError
from planner.session.backing_up import PlanBackups
from planner.session.opened import OpenedPlan, OpenPlan
from planner.session.problems import (
    backup_cannot_open,
    cannot_open,
    error_box,
    local_now,
    restored_message,
)
from planner.single_instance import PlanInstance
from planner.storage.plan_files import APP_PURPOSE
from planner.storage.safe_files import is_in_backups, resolved_plan
from planner.ui.file_actions import PlanFileHooks
from planner.ui.main_window import MainWindow

__all__ = ["PlanSession"]

log = logging.getLogger(__name__)


def _say(line: str) -> None:
    """One line for whoever started Legwork from a terminal (none when started otherwise)."""
    if sys.stdout is not None:  # pythonw and GUI launchers give no stdout
        print(f"legwork: {line}", file=sys.stdout, flush=True)


class PlanSession(QObject):
    """One plan in the app at a time: its lock, its window, its backups.

    Args:
        open_plan: opens a plan in a new window (the composition root's).
        today: "today" pinned (``--today``), else the clock's.
        backup_root: where the backups are (default: the user's backup folder).
        copies_folder: where copies of opened backups and the demo plan go (default: the
            user's data folder).

    Attributes:
        window: the window on the plan, once open.
        path: the plan file, once open.
    """

    def __init__(
        self,
        open_plan: OpenPlan,
        *,
        today: date | None = None,
        backup_root: Path | None = None,
        copies_folder: Path | None = None,
    ) -> None:
        super().__init__()
        from planner.paths import backup_dir, user_data_dir

        self._open_plan = open_plan
        self._today = today
        self._backup_root = backup_root if backup_root is not None else backup_dir()
        self._copies = copies_folder if copies_folder is not None else user_data_dir()
        self._instance: PlanInstance | None = None
        self._opened: OpenedPlan | None = None
        self._backups = PlanBackups(self._backup_root, lambda: self._instance is not None)
        self._backups.setParent(self)
        self._backups.restore_requested.connect(self.restore)
        self.window: MainWindow | None = None
        self.path: Path | None = None

    # -- opening ---------------------------------------------------------------------------
    def open(self, requested: Path) -> int | None:
        """Open ``requested`` in a window (not yet shown); returns an exit code to stop with.

        Returns:
            ``None`` when :attr:`window` is ready; else the exit code: 0 when another Legwork
            has the plan and raised its window, 1 when the runner quit or nothing could open
            (no lock is held then).
        """
        stop = self._open(Path(requested))
        if stop is not None:
            self._release()
        return stop

    def _open(self, requested: Path) -> int | None:
        path = requested.expanduser().absolute()
        while True:
            note = ""
            if path.is_file() and is_in_backups(path, self._backup_root):
                from planner.storage import backups

                try:
                    copy = backups.copy_backup(path, self._copies)
                except StorageError as error:
                    step = backup_cannot_open(path, error, self._backup_root)
                    if isinstance(step, int):
                        return step
                    path = step.expanduser().absolute()
                    continue
                note = (
                    f"{path.name} is a backup, which Legwork never changes: this is a copy of "
                    f"it, {copy}."
                )
                path = copy
            stop = self._take_lock(path)
            if stop is not None:
                return stop
            try:
                opened = self._open_plan(path, self._today)
            except StorageError as error:
                log.error("cannot open %s: %s", path, error)
                step = cannot_open(path, error, self._backup_root)
                if isinstance(step, int):
                    return step
                path = step.expanduser().absolute()
                continue
            self._use(opened, path)
            if note:
                opened.window.statusBar().showMessage(note, 20000)
            return None

    def _take_lock(self, path: Path) -> int | None:
        """Hold ``path``'s lock; else raise the Legwork that has it. An exit code, or None."""
        if self._instance is not None and self._instance.plan == resolved_plan(path):
            return None
        self._release()
        try:
            instance = single_instance.acquire(path, listen=False)
            if instance is None:
                holder = single_instance.lock_holder(path)
                by_the_app = holder is None or holder.purpose == APP_PURPOSE
                # It may hold this file under another name (a hard link): ask it by its own.
                held_as = path if holder is None else Path(holder.plan)
                if by_the_app and single_instance.ask_running_instance_to_raise(held_as):
                    log.info("%s is open in another Legwork, which was raised", path)
                    _say(f"{path.name} is already open; its window was brought to the front.")
                    return 0
                instance = single_instance.acquire(path, listen=False)  # it may have quit
        except StorageError as error:
            error_box(None, f"Legwork cannot open {path.name}.", error)
            return 1
        if instance is None:
            holder = single_instance.lock_holder(path)
            who = holder.describe() if holder is not None else "another Legwork"
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                APP_NAME,
                f"{path.name} is open in {who}.",
                QMessageBox.StandardButton.Close,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)  # the file name as it is spelled
            box.setInformativeText(
                "Legwork lets one program at a time change a plan, so that no change is lost. "
                "Close the other one (or wait until it has finished) and start Legwork again."
            )
            box.exec()
            return 1
        self._hold(instance)
        return None

    def _hold(self, instance: PlanInstance) -> None:
        self._instance = instance
        instance.raise_requested.connect(self._raise_window)

    def _release(self) -> None:
        instance, self._instance = self._instance, None
        if instance is not None:
            instance.raise_requested.disconnect(self._raise_window)
            instance.release()
            instance.deleteLater()

    @Slot()
    def listen(self) -> None:
        """Answer other starts on this plan (raise the window) from now on."""
        if self._instance is not None:
            self._instance.listen()

    def _use(self, opened: OpenedPlan, path: Path) -> None:
        window = opened.window
        self._opened = opened
        self.window = window
        self.path = path
        # The plan exists now (it may be new, or restored): lock the file, not only its name.
        if self._instance is not None:
            try:
                covered = self._instance.lock.cover_file()
            except StorageError as error:
                covered = False
                log.warning("cannot lock the file of %s: %s", path, error)
            if not covered:
                log.warning("%s is also open under another name in another program", path)
        self._backups.follow(window, path)
        window.set_plan_files(
            PlanFileHooks(
                open_plan=self.switch_to,
                new_plan=self.switch_to,
                open_demo=self.open_demo,
                show_backups=self._backups.show_dialog,
            )
        )

    def _replace_window(self, old: MainWindow, opened: OpenedPlan, path: Path) -> MainWindow:
        """Show ``opened`` where ``old`` was, and close ``old``."""
        window = opened.window
        window.restoreGeometry(old.saveGeometry())
        self._use(opened, path)
        window.show()
        old.close()
        old.deleteLater()
        return window

    # -- other plans: File ▸ New Plan…, Open Plan…, Open Recent, the demo plan ------------
    def switch_to(self, requested: Path) -> bool:
        """Show the plan at ``requested`` (made when new) in place of the one on screen.

        The plan on screen stays open until the other one is: when that cannot be opened
        (another Legwork has it, or it is not a plan), a message says why and nothing
        changes. Returns whether the switch happened.
        """
        old, old_path = self.window, self.path
        path = requested.expanduser().absolute()
        if old is None or old_path is None:
            return False
        if path.is_file() and is_in_backups(path, self._backup_root):
            from planner.storage import backups

            try:  # a backup is never edited: open a copy of it
                path = backups.copy_backup(path, self._copies)
            except StorageError as error:
                error_box(old, f"Legwork cannot open the backup {path.name}.", error)
                return False
        if resolved_plan(path) == resolved_plan(old_path):
            return True
        try:
            instance = single_instance.acquire(path, listen=False)
        except StorageError as error:
            error_box(old, f"Legwork cannot open {path.name}.", error)
            return False
        if instance is None:
            holder = single_instance.lock_holder(path)
            if holder is not None and holder.pid == os.getpid():
                return True  # the plan on screen, under another name (a hard link)
            held_as = path if holder is None else Path(holder.plan)
            if single_instance.ask_running_instance_to_raise(held_as):
                old.statusBar().showMessage(f"{path.name} is open in another Legwork window.", 8000)
            else:
                who = holder.describe() if holder is not None else "another Legwork"
                old.statusBar().showMessage(f"{path.name} is open in {who}.", 8000)
            return False
        try:
            opened = self._open_plan(path, self._today)
        except StorageError as error:
            instance.release()
            instance.deleteLater()
            error_box(old, f"Legwork cannot open {path.name}.", error)
            return False
        self.back_up_if_due()  # the day's backup of the plan being left
        self._release()
        self._hold(instance)
        instance.listen()
        window = self._replace_window(old, opened, path)
        window.statusBar().showMessage(f"Opened {path}", 8000)
        return True

    def open_demo(self) -> bool:
        """Show the demo plan: its own file in the data folder, made on first use.

        It is never mixed into the runner's plan; opening it again shows it as it was left.
        """
        from planner.storage.demo_plan import DEMO_FILE_NAME, make_demo_plan

        path = self._copies / DEMO_FILE_NAME
        if not path.exists():
            window = self.window
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                make_demo_plan(path, today=self._today or date.today())
            except (OSError, StorageError) as error:
                if isinstance(error, StorageError):
                    error_box(window, "Legwork could not make the demo plan.", error)
                elif window is not None:
                    window.statusBar().showMessage(f"Could not make the demo plan: {error}", 8000)
                return False
            finally:
                QApplication.restoreOverrideCursor()
        return self.switch_to(path)

    @Slot()
    def _raise_window(self) -> None:
        """Bring the window to the front: another start asked for this plan."""
        window = self.window
        if window is None:
            return
        if window.isMinimized():
            window.setWindowState(
                (window.windowState() & ~Qt.WindowState.WindowMinimized)
                | Qt.WindowState.WindowActive
            )
        window.show()
        window.raise_()
        window.activateWindow()

    # -- backups ---------------------------------------------------------------------------
    @Slot()
    def back_up_if_due(self) -> None:
        """Take the day's backup if the plan changed since the last one (never raises)."""
        self._backups.back_up_if_due()

    @Slot(object)
    def restore(self, backup: Path) -> None:
        """Put ``backup`` in place of the plan and show it in a new window.

        The plan is closed first; whatever happens, the window is rebuilt from the file, so
        it always shows what the file holds. Failures are shown in a message box.
        """
        from planner.storage import backups

        old, path, opened = self.window, self.path, self._opened
        if old is None or path is None or opened is None:
            return
        opened.plan_file.close()
        failure: StorageError | None = None
        result: backups.RestoreResult | None = None
        try:
            result = backups.restore_backup(backup, path, self._backup_root, now=local_now())
        except StorageError as error:
            failure = error
        except OSError as error:  # the window must be rebuilt whatever happened
            failure = StorageError(
                f"The restore stopped: {error.strerror or error} ({error.filename or path}).",
                "The window shows what your plan holds now.",
            )
        try:
            reopened = self._open_plan(path, self._today)
        except StorageError as error:
            error_box(old, f"Legwork cannot open {path.name} again.", error)
            old.close()
            return
        window = self._replace_window(old, reopened, path)
        if failure is not None:
            error_box(window, "The backup could not be restored.", failure)
        elif result is not None:
            if result.safety_copy is not None:  # a backup was made: backups work
                self._backups.succeeded()
            window.statusBar().showMessage(restored_message(result), 20000)

    def finish(self) -> None:
        """At exit: the day's backup if due, give the plan's lock up, delete the window.

        The window is deleted here, on the GUI thread: the window and this session refer to
        each other, and left to Python's cycle collector they would be deleted wherever it
        happens to run (a worker thread importing a module, say), which crashes Qt.
        """
        self.back_up_if_due()
        self._release()
        window, self.window = self.window, None
        self._opened = None
        self._backups.follow(None, None)
        if window is not None:
            window.set_plan_files(None)
            window.deleteLater()
        self.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
