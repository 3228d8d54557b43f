"""The composition root: the QApplication, the store, the services and the main window.

Only this module and :mod:`planner.cli` know every layer. Start-up is ordered for a fast
first paint: Qt, then the store and the window; anything the first paint does not need
(backups, later the charts) runs after the window is on screen.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import sys
import threading
import traceback
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from planner import APP_ID, APP_NAME, __version__
from planner.core.ports import PlanRepository, StorageError
from planner.core.service import PlanService
from planner.storage.startup import StartupDatabase, open_for_startup
from planner.ui.controller import PlanController
from planner.ui.main_window import MainWindow
from planner.ui.view_state import ViewState, fixed_clock

log = logging.getLogger(__name__)

#: Print ``legwork-startup: rss_kib=N`` to stderr once the week is painted (benchmarks).
PROFILE_ENV = "LEGWORK_STARTUP_PROFILE"
#: Quit right after that first paint (benchmarks).
QUIT_AFTER_PAINT_ENV = "LEGWORK_QUIT_AFTER_PAINT"


class _PlanFile(Protocol):
    """What the app needs of an open plan file (``Database`` or ``StartupDatabase``)."""

    @property
    def repository(self) -> PlanRepository: ...

    def make_backup(self, backup_dir: Path, keep: int = 7) -> Path: ...

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
        service = PlanService(database.repository)
        controller = PlanController(service)
        state = ViewState(controller, clock=fixed_clock(today) if today else date.today)
        window = MainWindow(controller, state, path, on_close=database.close)
    except BaseException:
        database.close()
        raise
    controller.setParent(window)
    window.database = database  # type: ignore[attr-defined]
    if startup is not None:
        _FinishLoadingAfterFirstPaint(window, startup)
    return window


def run(db_path: Path, *, today: date | None = None) -> int:
    """Start Legwork on ``db_path``; returns the exit code."""
    app = _application()
    sys.excepthook = _excepthook
    path = Path(db_path)
    window: MainWindow | None = None
    while window is None:
        try:
            window = build_main_window(path, today=today)
        except StorageError as error:
            log.error("cannot open %s: %s", path, error)
            other = _ask_for_another_file(path, error)
            if other is None:
                return 1
            path = other
    if os.environ.get(PROFILE_ENV):
        _FirstPaintProbe(window.week_view, quit_after=bool(os.environ.get(QUIT_AFTER_PAINT_ENV)))
    window.show()
    QTimer.singleShot(1500, lambda: _daily_backup(window))
    return app.exec()


def _application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName(APP_ID)
    app = QApplication(sys.argv[:1])
    from planner.paths import resources_dir

    icon = resources_dir() / "icons" / "legwork.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _ask_for_another_file(path: Path, error: StorageError) -> Path | None:
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, f"Legwork cannot open {path.name}.")
    box.setInformativeText(f"{error}\n\n{error.hint}".strip())
    box.setDetailedText(str(path))
    choose = box.addButton("Open Another File…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is not choose:
        return None
    name, _ = QFileDialog.getSaveFileName(
        None,
        "Open or create a plan",
        str(path.parent),
        "Legwork plans (*.sqlite3);;All files (*)",
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    return Path(name) if name else None


def _daily_backup(window: MainWindow) -> None:
    from planner.paths import backup_dir

    database: _PlanFile | None = getattr(window, "database", None)
    if database is None:
        return
    try:
        database.make_backup(backup_dir())
    except (OSError, StorageError) as error:  # a failed backup must not stop planning
        log.warning("backup failed: %s", error)
        window.statusBar().showMessage(f"Could not back up your plan: {error}", 8000)


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
    box.setInformativeText(f"{kind.__name__}: {value}")
    box.setDetailedText(text)
    box.open()


class _FinishLoadingAfterFirstPaint(QObject):
    """Once the week has painted, loads the full storage layer without freezing the window.

    The import (the slow part) runs on a background thread; the switch-over, which opens
    the SQLAlchemy engine, runs on the GUI thread where all database work happens.

    Signals:
        imported(): the storage modules are imported (emitted from the worker thread).
    """

    imported = Signal()

    def __init__(self, window: MainWindow, startup: StartupDatabase) -> None:
        super().__init__(window)
        self._window = window
        self._startup = startup
        self._started = False
        self.imported.connect(self._finish)
        window.week_view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._started:
            self._started = True
            self._window.week_view.removeEventFilter(self)
            threading.Thread(
                target=self._import, name="legwork-storage-import", daemon=True
            ).start()
        return False

    def _import(self) -> None:
        try:
            importlib.import_module("planner.storage.db")
        finally:
            with contextlib.suppress(RuntimeError):  # the window is already gone
                self.imported.emit()

    @Slot()
    def _finish(self) -> None:
        if not self._window.isVisible():  # closed meanwhile: the file is closed too
            return
        try:
            self._startup.finish_loading()
        except StorageError as error:
            # Reading still works; the next change retries and reports through the controller.
            log.warning("could not finish opening the plan: %s", error)


class _FirstPaintProbe(QObject):
    """Reports the first paint of the week (start-up benchmark) and optionally quits."""

    def __init__(self, target: QWidget, *, quit_after: bool) -> None:
        super().__init__(target)
        self._target = target
        self._quit_after = quit_after
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target and event.type() == QEvent.Type.Paint:
            self._target.removeEventFilter(self)
            QTimer.singleShot(0, self._report)
        return False

    @Slot()
    def _report(self) -> None:
        sys.stderr.write(f"legwork-startup: rss_kib={_rss_kib()}\n")
        sys.stderr.flush()
        if self._quit_after:
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
