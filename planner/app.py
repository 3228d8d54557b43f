"""The composition root: the QApplication, the store, the services and the main window.

Only this module and :mod:`planner.cli` know every layer. Start-up is ordered for a fast
first paint: Qt, then the store and the window; anything the first paint does not need
(backups, later the charts) runs after the window is on screen.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget

from planner import APP_ID, APP_NAME, __version__, single_instance
from planner.core.ports import PlanRepository, StorageError
from planner.core.service import PlanService
from planner.single_instance import PlanInstance
from planner.storage.errors import (
    CorruptDatabaseError,
    IncompleteDatabaseError,
    NotADatabaseError,
)
from planner.storage.plan_files import APP_PURPOSE, is_in_backups, resolved_plan, set_aside
from planner.storage.startup import StartupDatabase, open_for_startup
from planner.ui.background_import import import_in_background
from planner.ui.controller import PlanController
from planner.ui.file_actions import PlanFileHooks
from planner.ui.main_window import MainWindow
from planner.ui.view_state import ViewState, fixed_clock

if TYPE_CHECKING:  # the dialogs and backups load when first needed, after the first paint
    from planner.storage import backups
    from planner.ui.dialogs.damaged_plan import PlanProblem

log = logging.getLogger(__name__)

#: Print ``legwork-startup: rss_kib=N`` to stderr once the week is painted (benchmarks).
PROFILE_ENV = "LEGWORK_STARTUP_PROFILE"
#: Quit right after that first paint (benchmarks).
QUIT_AFTER_PAINT_ENV = "LEGWORK_QUIT_AFTER_PAINT"
#: Instead: this many ms after the first paint (the charts, warnings and the start's backup
#: done), print ``legwork-settled: rss_kib=N`` and quit (the memory benchmark).
SETTLE_MS_ENV = "LEGWORK_SETTLE_MS"


class _PlanFile(Protocol):
    """What the app needs of an open plan file (``Database`` or ``StartupDatabase``)."""

    @property
    def repository(self) -> PlanRepository: ...

    def close(self) -> None: ...


def build_main_window(db_path: Path | str, *, today: date | None = None) -> MainWindow:
    """Open the plan at ``db_path`` and build the whole wired window, not yet shown.

    A QApplication must exist. The window owns the database and closes it when it closes.
    An up-to-date plan file is first read with the standard library alone, so the week is
    on screen before SQLAlchemy (~0.25 s to import) has loaded; SQLAlchemy then loads on a
    background thread after the first paint (or at once, should a change come first).

    Raises:
        StorageError: the file cannot be opened as a plan (the message says why).
    """
    path = Path(db_path)
    startup = open_for_startup(path)
    database: _PlanFile
    if startup is not None:
        database = startup
    else:  # a new file, or one to upgrade: Alembic and SQLAlchemy are needed right away
        from planner.storage.db import open_database

        database = open_database(path)
    try:
        clock = fixed_clock(today) if today else date.today
        service = PlanService(database.repository, today=clock)
        controller = PlanController(service)
        state = ViewState(controller, clock=clock)
        window = MainWindow(controller, state, path, on_close=database.close)
    except BaseException:
        database.close()
        raise
    controller.setParent(window)
    window.database = database  # type: ignore[attr-defined]
    read_only_reason: str | None = getattr(database, "read_only_reason", None)
    if read_only_reason:
        from planner.ui.banner import show_read_only_banner

        show_read_only_banner(window, read_only_reason)
        window.controller.set_read_only(read_only_reason)
    if startup is not None:
        _FinishLoadingAfterFirstPaint(window, startup)
    return window


def run(db_path: Path, *, today: date | None = None, qt_args: Sequence[str] = ()) -> int:
    """Start Legwork on ``db_path``; returns the exit code.

    ``qt_args`` are Qt's own command-line options (``-style fusion``, ``-reverse``, …).

    A plan already open in another Legwork is not opened twice: that window is raised, this
    start says so in one line and ends with 0. A plan that cannot be opened gets a dialog
    that says why and offers a way on (see :class:`_PlanSession`).
    """
    from planner import memory

    memory.limit_malloc_arenas()  # before Qt and the background imports start threads
    app = _application(qt_args)
    sys.excepthook = _excepthook
    session = _PlanSession(today=today)
    stop = session.open(Path(db_path))
    if stop is not None:
        return stop
    window = session.window
    assert window is not None
    _AfterFirstPaint(window.week_view, session.listen)  # QtNetwork loads after the week
    if os.environ.get(PROFILE_ENV):  # its filter runs first: it reports before the above
        _FirstPaintProbe(
            window.week_view,
            quit_after=bool(os.environ.get(QUIT_AFTER_PAINT_ENV)),
            settle_ms=int(os.environ.get(SETTLE_MS_ENV, "0") or 0),
        )
    window.show()
    QTimer.singleShot(_START_BACKUP_DELAY_MS, session.back_up_if_due)
    # The start's imports, first evaluations and drawings are done by then: free their rest.
    QTimer.singleShot(_START_BACKUP_DELAY_MS * 2, memory.return_free_memory)
    try:
        return app.exec()
    finally:
        session.finish()


def _application(qt_args: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication([*sys.argv[:1], *qt_args])
    from planner.paths import resources_dir

    icon = resources_dir() / "icons" / "legwork.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _say(line: str) -> None:
    """One line for whoever started Legwork from a terminal (none when started otherwise)."""
    if sys.stdout is not None:  # pythonw and GUI launchers give no stdout
        print(f"legwork: {line}", file=sys.stdout, flush=True)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Log an unexpected error and tell the user, instead of dying silently in a slot."""
    text = "".join(traceback.format_exception(kind, value, tb))
    log.error("unexpected error:\n%s", text)
    sys.stderr.write(text)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    parent: QWidget | None = app.activeWindow()
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        APP_NAME,
        "Something went wrong. Your plan is safe: every change was saved when you made it.",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # an error's words may quote a title or a path
    box.setInformativeText(f"{kind.__name__}: {value}")
    box.setDetailedText(text)
    box.open()


class _FinishLoadingAfterFirstPaint(QObject):
    """Once the week has painted, loads the full storage layer without freezing the window.

    The import (the slow part) runs on a background thread that refers to nothing of the
    window; the switch-over, which opens the SQLAlchemy engine, runs on the GUI thread
    where all database work happens.
    """

    def __init__(self, window: MainWindow, startup: StartupDatabase) -> None:
        super().__init__(window)
        self._window = window
        self._startup = startup
        self._started = False
        window.week_view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # getattr: while this object's Python side is being freed, Qt may still filter events
        if event.type() == QEvent.Type.Paint and not getattr(self, "_started", True):
            self._started = True
            self._window.week_view.removeEventFilter(self)
            # Once the paint is done: a worker importing now would take turns with the
            # paint itself for Python's lock.
            QTimer.singleShot(0, self, self._start)
        return False

    @Slot()
    def _start(self) -> None:
        import_in_background("planner.storage.db", self._finish)

    @Slot()
    def _finish(self) -> None:
        if not self._window.isVisible():  # closed meanwhile: the file is closed too
            return
        try:
            self._startup.finish_loading()
        except StorageError as error:
            # Reading still works; the next change retries and reports through the controller.
            log.warning("could not finish opening the plan: %s", error)


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, on the event loop, after ``target`` has first painted."""

    def __init__(self, target: QWidget, then: Callable[[], None]) -> None:
        super().__init__(target)
        self._target = target
        self._then = then
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is getattr(self, "_target", None) and event.type() == QEvent.Type.Paint:
            self._target.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)
        return False


class _FirstPaintProbe(QObject):
    """Reports the first paint of the week (start-up benchmark) and optionally quits."""

    def __init__(self, target: QWidget, *, quit_after: bool, settle_ms: int = 0) -> None:
        super().__init__(target)
        self._target = target
        self._quit_after = quit_after
        self._settle_ms = settle_ms
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is getattr(self, "_target", None) and event.type() == QEvent.Type.Paint:
            self._target.removeEventFilter(self)
            QTimer.singleShot(0, self, self._report)
        return False

    @Slot()
    def _report(self) -> None:
        sys.stderr.write(f"legwork-startup: rss_kib={_rss_kib()}\n")
        sys.stderr.flush()
        if self._settle_ms > 0:
            QTimer.singleShot(self._settle_ms, self, self._report_settled)
        elif self._quit_after:
            QApplication.quit()

    @Slot()
    def _report_settled(self) -> None:
        sys.stderr.write(f"legwork-settled: rss_kib={_rss_kib()}\n")
        sys.stderr.flush()
        for window in QApplication.topLevelWidgets():
            window.close()
        QApplication.quit()


def _rss_kib() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


# -- one plan in the app: its lock, a file that cannot be opened, backups and restore -------
#: How long after the window is shown the start-of-day backup is taken.
_START_BACKUP_DELAY_MS = 1500
_PLAN_FILTER = "Legwork plans (*.sqlite3);;All files (*)"


def _now() -> datetime:
    return datetime.now().astimezone()


class _PlanSession(QObject):
    """The app's hold on one plan: its single-writer lock, its window, its backups.

    * :meth:`open` takes the plan's lock (or raises the window of the Legwork that has it),
      opens a copy when the file is a backup, and when the plan cannot be opened says why
      and offers a way on: a damaged plan is kept aside as ``NAME.damaged-<time>`` and its
      newest good backup offered.
    * :meth:`back_up_if_due` takes the day's backup (at start, and at close in
      :meth:`finish`); File ▸ Backups… lists the backups and restores one
      (:meth:`restore`), replacing the window with one on the restored plan.

    Attributes:
        window: the window on the plan, once open.
        path: the plan file, once open.
    """

    def __init__(
        self,
        *,
        today: date | None = None,
        backup_root: Path | None = None,
        copies_folder: Path | None = None,
    ) -> None:
        super().__init__()
        from planner.paths import backup_dir, user_data_dir

        self._today = today
        self._backup_root = backup_root if backup_root is not None else backup_dir()
        self._copies = copies_folder if copies_folder is not None else user_data_dir()
        self._instance: PlanInstance | None = None
        self._backup_failure: backups.BackupFailure | None = None
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
                    from planner.ui.dialogs.damaged_plan import PlanProblem

                    problem = PlanProblem(
                        f"The backup “{path.name}” cannot be opened.",
                        f"{error} Legwork did not change it.",
                        details=_details(path, error),
                        can_start_empty=False,
                    )
                    step = self._ask_until_decided(problem, path, on_restore=None)
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
                window = build_main_window(path, today=self._today)
            except StorageError as error:
                log.error("cannot open %s: %s", path, error)
                step = self._cannot_open(path, error)
                if isinstance(step, int):
                    return step
                path = step.expanduser().absolute()
                continue
            self._use(window, path)
            if note:
                window.statusBar().showMessage(note, 20000)
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
            _error_box(None, f"Legwork cannot open {path.name}.", error)
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
        self._instance = instance
        instance.raise_requested.connect(self._raise_window)
        return None

    def _release(self) -> None:
        instance, self._instance = self._instance, None
        if instance is not None:
            instance.raise_requested.disconnect(self._raise_window)
            instance.release()
            instance.deleteLater()

    def _cannot_open(self, path: Path, error: StorageError) -> Path | int:
        """The dialog for a plan that cannot be opened: the path to try next, or an exit code."""
        from planner.ui.dialogs.damaged_plan import PlanProblem

        if _looks_like_a_damaged_plan(path, error, self._backup_root):
            try:
                aside = set_aside(path, "damaged", now=_now())
            except StorageError as failure:
                log.error("cannot keep %s aside: %s", path, failure)
            else:
                return self._damaged(path, aside, error)
        problem = PlanProblem(
            f"Legwork cannot open “{path.name}”.",
            f"{error}\n\n{error.hint}".strip(),
            details=_details(path, error),
            start_empty_text="Start a New Plan…",
        )
        return self._ask_until_decided(problem, path, on_restore=None, new_plan_dialog=True)

    def _damaged(self, path: Path, aside: Path, error: StorageError) -> Path | int:
        from planner.storage import backups
        from planner.ui.dialogs.damaged_plan import BackupSummary, PlanProblem

        newest = backups.newest_good_backup(path, self._backup_root)
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
        return self._ask_until_decided(
            problem, path, on_restore=None if newest is None else newest.path
        )

    def _ask_until_decided(
        self,
        problem: PlanProblem,
        path: Path,
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
                    backups.restore_backup(on_restore, path, self._backup_root, now=_now())
                except StorageError as failure:
                    _error_box(None, "The backup could not be restored.", failure)
                    problem = replace(problem, backup=None)
                    on_restore = None
                    continue
                return path
            if choice is PlanProblemChoice.OPEN_ANOTHER:
                name, _ = QFileDialog.getOpenFileName(
                    None, "Open a Legwork Plan", str(path.parent), _PLAN_FILTER
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
                    _PLAN_FILTER,
                    options=QFileDialog.Option.DontConfirmOverwrite,  # an existing one opens
                )
                if name:
                    return Path(name)

    @Slot()
    def listen(self) -> None:
        """Answer other starts on this plan (raise the window) from now on."""
        if self._instance is not None:
            self._instance.listen()

    def _use(self, window: MainWindow, path: Path) -> None:
        if path != self.path:
            self._backup_failure = None  # it was the other plan's
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
        _add_backups_action(window, self.show_backups)
        if self._backup_failure is not None:  # a new window on the same plan says it too
            self._show_backup_failure(self._backup_failure)
        window.set_plan_files(
            PlanFileHooks(
                open_plan=self.switch_to, new_plan=self.switch_to, open_demo=self.open_demo
            )
        )

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
                _error_box(old, f"Legwork cannot open the backup {path.name}.", error)
                return False
        if resolved_plan(path) == resolved_plan(old_path):
            return True
        try:
            instance = single_instance.acquire(path, listen=False)
        except StorageError as error:
            _error_box(old, f"Legwork cannot open {path.name}.", error)
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
            window = build_main_window(path, today=self._today)
        except StorageError as error:
            instance.release()
            instance.deleteLater()
            _error_box(old, f"Legwork cannot open {path.name}.", error)
            return False
        self.back_up_if_due()  # the day's backup of the plan being left
        self._release()
        self._instance = instance
        instance.raise_requested.connect(self._raise_window)
        instance.listen()
        window.restoreGeometry(old.saveGeometry())
        self._use(window, path)
        window.show()
        old.close()
        old.deleteLater()
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
                    _error_box(window, "Legwork could not make the demo plan.", error)
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
        self._back_up(only_if_due=True)

    @Slot()
    def back_up_now(self) -> None:
        """Back the plan up now, due or not: the Backups dialog's Try Again (never raises)."""
        self._back_up(only_if_due=False)

    def _back_up(self, *, only_if_due: bool) -> None:
        """Back up; a failure is kept beside the backups and shown until a backup succeeds."""
        from planner.storage import backups

        if self.path is None or self._instance is None:
            return
        try:
            if only_if_due:
                made = backups.backup_if_due(self.path, self._backup_root, now=_now())
            else:
                made = backups.make_backup(self.path, self._backup_root, now=_now())
        except (OSError, StorageError) as error:  # a failed backup must not stop planning
            log.warning("backup failed: %s", error)
            if isinstance(error, OSError):
                error = StorageError(f"Legwork could not back up {self.path.name}: {error}")
            failure = backups.record_failure(self.path, self._backup_root, error, now=_now())
            self._show_backup_failure(failure)
            return
        if made is not None:
            log.info("backed up %s to %s", self.path, made.path)
            self._show_backup_failure(None)
        else:  # nothing was due: the last failure, if no backup succeeded since, still holds
            self._show_backup_failure(self._last_backup_failure())

    def _last_backup_failure(self) -> backups.BackupFailure | None:
        """The plan's last failed backup, when none succeeded since (this session or before)."""
        from planner.storage import backups

        if self._backup_failure is not None or self.path is None:
            return self._backup_failure
        return backups.last_failure(self.path, self._backup_root)

    def _show_backup_failure(self, failure: backups.BackupFailure | None) -> None:
        """Keep ``failure`` and show it in the window's status bar (``None``: backups work)."""
        shown, self._backup_failure = self._backup_failure, failure
        if self.window is None or (failure is None and shown is None):
            return  # nothing to show, nor to take back
        from planner.ui.dialogs.backups import show_backup_failure

        show_backup_failure(self.window, failure, self.show_backups)

    @Slot()
    def show_backups(self) -> None:
        """File ▸ Backups…: the plan's backups, and Restore."""
        from planner.storage import backups
        from planner.ui.dialogs.backups import BackupsDialog

        if self.path is None or self.window is None:
            return
        dialog = BackupsDialog(
            self.path.name,
            partial(backups.list_backups, self.path, self._backup_root),
            folder=backups.backup_folder(self.path, self._backup_root),
            failure=self._last_backup_failure,
            retry=self.back_up_now,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(self._restore_soon)
        dialog.open()

    @Slot(object)
    def _restore_soon(self, backup: Path) -> None:
        QTimer.singleShot(0, partial(self.restore, backup))

    def restore(self, backup: Path) -> None:
        """Put ``backup`` in place of the plan and show it in a new window.

        The plan is closed first; whatever happens, the window is rebuilt from the file, so
        it always shows what the file holds. Failures are shown in a message box.
        """
        from planner.storage import backups

        old, path = self.window, self.path
        if old is None or path is None:
            return
        database: _PlanFile | None = getattr(old, "database", None)
        if database is not None:
            database.close()
        failure: StorageError | None = None
        result: backups.RestoreResult | None = None
        try:
            result = backups.restore_backup(backup, path, self._backup_root, now=_now())
        except StorageError as error:
            failure = error
        except OSError as error:  # the window must be rebuilt whatever happened
            failure = StorageError(
                f"The restore stopped: {error.strerror or error} ({error.filename or path}).",
                "The window shows what your plan holds now.",
            )
        try:
            window = build_main_window(path, today=self._today)
        except StorageError as error:
            _error_box(old, f"Legwork cannot open {path.name} again.", error)
            old.close()
            return
        window.restoreGeometry(old.saveGeometry())
        self._use(window, path)
        window.show()
        old.close()
        old.deleteLater()
        if failure is not None:
            _error_box(window, "The backup could not be restored.", failure)
        elif result is not None:
            if result.safety_copy is not None:  # a backup was made: backups work
                self._show_backup_failure(None)
            window.statusBar().showMessage(_restored_message(result), 20000)

    def finish(self) -> None:
        """At exit: the day's backup if due, give the plan's lock up, delete the window.

        The window is deleted here, on the GUI thread: the window and this session refer to
        each other, and left to Python's cycle collector they would be deleted wherever it
        happens to run (a worker thread importing a module, say), which crashes Qt.
        """
        self.back_up_if_due()
        self._release()
        window, self.window = self.window, None
        if window is not None:
            window.set_plan_files(None)
            window.deleteLater()
        self.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _restored_message(result: backups.RestoreResult) -> str:
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


def _error_box(parent: QWidget | None, text: str, error: StorageError) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical, APP_NAME, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names as they are spelled
    box.setInformativeText(f"{error}\n\n{error.hint}".strip())
    box.exec()


def _add_backups_action(window: MainWindow, show: Callable[[], None]) -> QAction:
    """Put File ▸ Backups… in the File menu, ending the group of plan commands; return it.

    The plan commands are the File menu's first group (New Plan…, Open Plan…, Open Recent):
    Backups… goes before the first separator.
    """
    action = QAction("&Backups…", window)
    action.setObjectName("backupsAction")
    action.setStatusTip("See the backups of this plan, and restore one")
    action.triggered.connect(show)
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if isinstance(menu, QMenu) and menu.title() == "&File":
            separator = next((entry for entry in menu.actions() if entry.isSeparator()), None)
            if separator is None:
                menu.addAction(action)
            else:
                menu.insertAction(separator, action)
            break
    else:
        window.addAction(action)
    return action
