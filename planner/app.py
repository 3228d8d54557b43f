"""The composition root: the QApplication, the store, the services and the main window.

Only this module and :mod:`planner.cli` know every layer; this one only wires them. Start-up
is ordered for a fast first paint: Qt, then the store and the window; anything the first
paint does not need (the full storage layer, backups, the charts) comes after the window is
on screen. The plan's life in the app (its lock, switching, restoring) is
:class:`planner.session.PlanSession`'s.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from planner import APP_ID, APP_NAME, __version__
from planner.core.ports import StorageError
from planner.core.service import PlanService
from planner.session import OpenedPlan, PlanFile, PlanSession
from planner.storage.startup import StartupDatabase, open_for_startup
from planner.ui.background_import import import_in_background
from planner.ui.controller import PlanController
from planner.ui.first_paint import after_first_paint
from planner.ui.main_window import MainWindow
from planner.ui.view_state import ViewState, fixed_clock

log = logging.getLogger(__name__)

#: Print ``legwork-startup: rss_kib=N`` to stderr once the week is painted (benchmarks).
PROFILE_ENV = "LEGWORK_STARTUP_PROFILE"
#: Quit right after that first paint (benchmarks).
QUIT_AFTER_PAINT_ENV = "LEGWORK_QUIT_AFTER_PAINT"
#: Instead: this many ms after the first paint (the charts, warnings and the start's backup
#: done), print ``legwork-settled: rss_kib=N`` and quit (the memory benchmark).
SETTLE_MS_ENV = "LEGWORK_SETTLE_MS"
#: How long after the window is shown the start-of-day backup is taken.
_START_BACKUP_DELAY_MS = 1500


def build_main_window(db_path: Path | str, *, today: date | None = None) -> MainWindow:
    """Open the plan at ``db_path`` and build the whole wired window, not yet shown.

    A QApplication must exist. The window owns the database and closes it when it closes.
    An up-to-date plan file is first read with the standard library alone, so the week is
    on screen before SQLAlchemy (~0.25 s to import) has loaded; SQLAlchemy then loads on a
    background thread after the first paint (or at once, should a change come first).

    Raises:
        StorageError: the file cannot be opened as a plan (the message says why).
    """
    return open_plan(Path(db_path), today).window


def open_plan(path: Path, today: date | None = None) -> OpenedPlan:
    """:func:`build_main_window`, with the open plan file it reads and writes."""
    startup = open_for_startup(path)
    plan_file: PlanFile
    if startup is not None:
        plan_file = startup
    else:  # a new file, or one to upgrade: Alembic and SQLAlchemy are needed right away
        from planner.storage.db import open_database

        plan_file = open_database(path)
    try:
        clock = fixed_clock(today) if today else date.today
        service = PlanService(plan_file.repository, today=clock)
        controller = PlanController(service)
        if startup is not None:  # the full store loads after the first paint
            controller.store_loading()
        state = ViewState(controller, clock=clock)
        window = MainWindow(controller, state, path, on_close=plan_file.close)
    except BaseException:
        plan_file.close()
        raise
    controller.setParent(window)
    read_only_reason: str | None = getattr(plan_file, "read_only_reason", None)
    if read_only_reason:
        from planner.ui.banner import show_read_only_banner

        show_read_only_banner(window, read_only_reason)
        window.controller.set_read_only(read_only_reason)
    if startup is not None:
        after_first_paint(window.week_view, _FinishLoading(window, startup).start)
    return OpenedPlan(window, plan_file)


def new_session(
    *,
    today: date | None = None,
    backup_root: Path | None = None,
    copies_folder: Path | None = None,
) -> PlanSession:
    """A plan session that opens plans in windows built here (see :class:`PlanSession`)."""
    return PlanSession(open_plan, today=today, backup_root=backup_root, copies_folder=copies_folder)


def run(db_path: Path, *, today: date | None = None, qt_args: Sequence[str] = ()) -> int:
    """Start Legwork on ``db_path``; returns the exit code.

    ``qt_args`` are Qt's own command-line options (``-style fusion``, ``-reverse``, …).

    A plan already open in another Legwork is not opened twice: that window is raised, this
    start says so in one line and ends with 0. A plan that cannot be opened gets a dialog
    that says why and offers a way on (see :class:`PlanSession`).
    """
    started = start(db_path, today=today, qt_args=qt_args)
    if isinstance(started, int):
        return started
    app, session = started
    try:
        return app.exec()
    finally:
        session.finish()


def start(
    db_path: Path,
    *,
    today: date | None = None,
    qt_args: Sequence[str] = (),
    on_error: Callable[[type[BaseException], BaseException, TracebackType | None], None]
    | None = None,
) -> tuple[QApplication, PlanSession] | int:
    """Everything :func:`run` does before the event loop: the window shown, its timers set.

    Returns the application and the session (finish it after the event loop), or the exit
    code when the start ends here (the plan is open in another Legwork, or could not be
    opened). ``on_error`` takes an exception no slot caught (default: a dialog that says
    something went wrong, and the traceback on stderr).
    """
    from planner import memory

    memory.limit_malloc_arenas()  # before Qt and the background imports start threads
    app = _application(qt_args)
    sys.excepthook = on_error or _excepthook
    session = new_session(today=today)
    stop = session.open(Path(db_path))
    if stop is not None:
        return stop
    window = session.window
    assert window is not None
    after_first_paint(window.week_view, session.listen)  # QtNetwork loads after the week
    if os.environ.get(PROFILE_ENV):  # queued after the above: it reports first
        _probe_first_paint(
            window,
            quit_after=bool(os.environ.get(QUIT_AFTER_PAINT_ENV)),
            settle_ms=int(os.environ.get(SETTLE_MS_ENV, "0") or 0),
        )
    window.show()
    QTimer.singleShot(_START_BACKUP_DELAY_MS, session.back_up_if_due)
    # The start's imports, first evaluations and drawings are done by then: free their rest.
    QTimer.singleShot(_START_BACKUP_DELAY_MS * 2, memory.return_free_memory)
    return app, session


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


class _FinishLoading(QObject):
    """Once the week has painted, loads the full storage layer without freezing the window.

    The import (the slow part) runs on a background thread that refers to nothing of the
    window; the switch-over, which opens the SQLAlchemy engine, runs on the GUI thread
    where all database work happens.
    """

    def __init__(self, window: MainWindow, startup: StartupDatabase) -> None:
        super().__init__(window)
        self._window = window
        self._startup = startup

    @Slot()
    def start(self) -> None:
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
            return
        self._window.controller.store_loaded()


def _probe_first_paint(window: MainWindow, *, quit_after: bool, settle_ms: int = 0) -> None:
    """Report the first paint of the week (start-up benchmark), then maybe quit."""

    def report() -> None:
        sys.stderr.write(f"legwork-startup: rss_kib={_rss_kib()}\n")
        sys.stderr.flush()
        if settle_ms > 0:
            QTimer.singleShot(settle_ms, report_settled)
        elif quit_after:
            QApplication.quit()

    def report_settled() -> None:
        sys.stderr.write(f"legwork-settled: rss_kib={_rss_kib()}\n")
        sys.stderr.flush()
        for top in QApplication.topLevelWidgets():
            top.close()
        QApplication.quit()

    after_first_paint(window.week_view, report)


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
