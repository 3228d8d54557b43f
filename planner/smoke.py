"""``legwork --smoke``: the self-test of an installed Legwork (a bundle, the .deb, a wheel).

It makes a demo plan in a temporary folder and drives the real app the way a runner does,
through the window's actions and dialogs: the week painted, the warnings and the three
charts, the next week and the month, the week printed to a PDF (through the file dialog),
six recorded walks imported from a folder (enough for the reading to start its worker
processes) and undone, the start's backup. Then it closes the window, checks the plan file
and removes the folder. A bundle that lacks a module, a Qt plugin or a data file fails one
of these steps, with its name.

Any exception (in a slot or a thread too), an error logged or a critical Qt message ends
the run at once with exit code 1; so does a watchdog when the whole run takes longer than
:data:`TIMEOUT_S`. Everything the run writes goes into its temporary folder (``HOME`` and the
XDG folders point there while it runs), which is removed at the end.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, NoReturn, TypeVar

from planner import __version__

if TYPE_CHECKING:  # Qt loads only once the run has made its folder and pointed HOME there
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QAction

    from planner.session import PlanSession
    from planner.ui.main_window import MainWindow

    _Q = TypeVar("_Q", bound=QObject)

__all__ = ["FAULT_ENV", "TIMEOUT_ENV", "TIMEOUT_S", "run"]

#: The whole run's limit, in seconds.
TIMEOUT_S = 30.0
#: Overrides :data:`TIMEOUT_S` (seconds).
TIMEOUT_ENV = "LEGWORK_SMOKE_TIMEOUT"
#: Makes the run fail on purpose, to show that its alarms work where it is installed:
#: ``slot`` raises in a slot, ``thread`` in a thread, ``hang`` blocks the window.
FAULT_ENV = "LEGWORK_SMOKE_FAULT"
#: How long one step may wait for the app, in seconds (the watchdog still has the last word).
STEP_WAIT_S = 20.0
#: Recorded walks imported: as many as make the reading start worker processes.
WALKS = 6
#: What Qt's offscreen platform says of every window it shows; nothing is wrong.
_OFFSCREEN_NOISE = "does not support propagateSizeHints()"
#: Exit codes.
PASSED, FAILED = 0, 1


class SmokeError(Exception):
    """A step did not do what it should; the message says what was seen."""


def run(qt_args: Sequence[str] = ()) -> int:
    """Run the self-test; returns 0 when every step passed (and exits 1 at once otherwise).

    ``qt_args`` are Qt's own options (``-platform offscreen``).
    """
    folder = Path(tempfile.mkdtemp(prefix="legwork-smoke-"))
    alarm = _Alarm(folder, _timeout())
    alarm.arm()
    try:
        _private_environment(folder)
        print(
            f"legwork --smoke: Legwork {__version__}, Python {sys.version.split()[0]}, in {folder}"
        )
        _Run(folder, alarm, qt_args).all_steps()
    except SmokeError as failure:
        alarm.fail(str(failure))
    except BaseException:
        alarm.fail("an exception", traceback.format_exc())
    _at_exit(folder, alarm)
    print(f"legwork --smoke: passed in {alarm.elapsed():.1f} s; {folder} is removed at exit")
    return PASSED


def _at_exit(folder: Path, alarm: _Alarm) -> None:
    """Remove ``folder`` as the process ends, then stop the watchdog.

    The decoding workers' start-up files are in a folder of TMPDIR (the run's), which
    multiprocessing removes at exit with priority -100: the folder goes after it. The
    watchdog keeps watching until then, so a hang on the way out fails the run too.
    """
    from multiprocessing.util import Finalize

    Finalize(None, shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True}, exitpriority=-200)
    Finalize(None, alarm.disarm, exitpriority=-300)


def _timeout() -> float:
    try:
        return float(os.environ.get(TIMEOUT_ENV, "") or TIMEOUT_S)
    except ValueError:
        return TIMEOUT_S


def _private_environment(folder: Path) -> None:
    """Point HOME, the XDG folders and Legwork's own at ``folder``, before Qt starts."""
    # The display stays reachable: Wayland's socket is in the runtime folder, and X's cookie
    # defaults to ~/.Xauthority (ssh -X, startx) when XAUTHORITY does not name it.
    runtime, wayland = os.environ.get("XDG_RUNTIME_DIR"), os.environ.get("WAYLAND_DISPLAY")
    if runtime and wayland and not os.path.isabs(wayland):
        os.environ["WAYLAND_DISPLAY"] = os.path.join(runtime, wayland)
    cookie = Path(os.path.expanduser("~/.Xauthority"))
    if not os.environ.get("XAUTHORITY") and cookie.is_file():
        os.environ["XAUTHORITY"] = str(cookie)
    for name, sub in (
        ("HOME", "home"),
        ("XDG_CONFIG_HOME", "home/.config"),
        ("XDG_DATA_HOME", "home/.local/share"),
        ("XDG_STATE_HOME", "home/.local/state"),
        ("XDG_CACHE_HOME", "home/.cache"),
        ("XDG_RUNTIME_DIR", "runtime"),
        ("TMPDIR", "tmp"),
    ):
        path = folder / sub
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ[name] = str(path)
    tempfile.tempdir = None  # the next temporary file follows TMPDIR
    for name in ("LEGWORK_DB", "LEGWORK_STARTUP_PROFILE", "LEGWORK_QUIT_AFTER_PAINT"):
        os.environ.pop(name, None)


class _Alarm:
    """Ends the run with exit code 1 on the first sign of trouble, or when it takes too long.

    It replaces ``sys.excepthook`` (an exception in a Qt slot lands there and would
    otherwise leave the event loop running) and ``threading.excepthook``, takes the log's
    errors and Qt's critical messages, and runs a watchdog thread. A C-level watchdog
    (:func:`faulthandler.dump_traceback_later`) follows a few seconds later, should the
    window's thread hold the interpreter.
    """

    def __init__(self, folder: Path, timeout_s: float) -> None:
        self.folder = folder
        self.timeout_s = timeout_s
        self.step = "starting"
        self._start = time.monotonic()
        self._timer = threading.Timer(timeout_s, self._timed_out)
        self._timer.daemon = True
        self._lock = threading.Lock()

    def elapsed(self) -> float:
        return time.monotonic() - self._start

    def arm(self) -> None:
        sys.excepthook = self.uncaught
        threading.excepthook = self._uncaught_in_thread
        logging.getLogger().addHandler(_FailOnError(self))
        self._timer.start()
        faulthandler.dump_traceback_later(self.timeout_s + 5, exit=True)

    def disarm(self) -> None:
        self._timer.cancel()
        faulthandler.cancel_dump_traceback_later()

    def fail(self, what: str, details: str = "") -> NoReturn:
        """Say what failed, where, remove the folder and exit 1 now (from any thread)."""
        with self._lock:
            sys.stdout.flush()
            message = (
                f"legwork --smoke: FAILED at {self.step!r} after {self.elapsed():.1f} s: {what}"
            )
            sys.stderr.write(f"{message}\n{details}")
            sys.stderr.flush()
            shutil.rmtree(self.folder, ignore_errors=True)
            os._exit(FAILED)  # now: neither Qt's teardown nor a stuck thread may hold it up

    def uncaught(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        self.fail(
            f"an exception no slot caught: {kind.__name__}: {value}",
            "".join(traceback.format_exception(kind, value, tb)),
        )

    def _uncaught_in_thread(self, args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "a thread"
        self.fail(
            f"an exception in {name}: {args.exc_type.__name__}: {args.exc_value}",
            "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)),
        )

    def _timed_out(self) -> None:
        import io

        stacks = io.StringIO()
        for thread_id, frame in sys._current_frames().items():
            stacks.write(f"\nThread {thread_id}:\n{''.join(traceback.format_stack(frame))}")
        self.fail(f"not finished within {self.timeout_s:g} s", stacks.getvalue())


class _FailOnError(logging.Handler):
    """A log record of level ERROR or above fails the run."""

    def __init__(self, alarm: _Alarm) -> None:
        super().__init__(logging.ERROR)
        self._alarm = alarm

    def emit(self, record: logging.LogRecord) -> None:
        details = "".join(traceback.format_exception(*record.exc_info)) if record.exc_info else ""
        self._alarm.fail(f"an error was logged: {record.getMessage()}", details)


class _Run:
    """The steps, in order, each reported on a line of its own."""

    def __init__(self, folder: Path, alarm: _Alarm, qt_args: Sequence[str]) -> None:
        self.folder = folder
        self.qt_args = qt_args
        self.alarm = alarm
        self.plan = folder / "plan.sqlite3"
        self.today = date.today()

    def all_steps(self) -> None:
        with self._step("demo plan") as said:
            said.append(self._demo_plan())
        with self._step("window"):
            session, window = self._window()
        try:
            with self._step("warnings") as said:
                said.append(self._warnings(window))
            with self._step("charts"):
                self._charts(window)
            with self._step("weeks and month"):
                self._navigate(window)
            with self._step("printed week") as said:
                said.append(self._print(window))
            with self._step("activities") as said:
                said.append(self._activities(window))
            with self._step("backup"):
                self._backup()
            fault = os.environ.get(FAULT_ENV)
            if fault:
                with self._step(f"fault {fault!r}"):
                    self._fault(fault)
            with self._step("close"):
                window.close()
                _wait_until("the window closes", lambda: not window.isVisible())
        finally:
            session.finish()
        with self._step("plan file") as said:
            said.append(self._check_file())

    @contextmanager
    def _step(self, name: str) -> Iterator[list[str]]:
        """Run a step under its name; what it appends to the list is said after "ok"."""
        self.alarm.step = name
        start = time.monotonic()
        said: list[str] = []
        yield said
        note = f": {'; '.join(said)}" if said else ""
        print(f"  ok  {name} ({time.monotonic() - start:.2f} s){note}", flush=True)

    # -- the steps --------------------------------------------------------------------------
    def _demo_plan(self) -> str:
        from planner.core.demo import generate_history
        from planner.storage.db import open_database
        from planner.storage.demo_plan import write_demo_history

        history = generate_history(years=1, today=self.today, seed=1)
        database = open_database(self.plan)
        try:
            write_demo_history(database, history)
        finally:
            database.close()
        return f"a year: {len(history.workouts)} workouts, {len(history.weights)} weigh-ins"

    def _window(self) -> tuple[PlanSession, MainWindow]:
        from PySide6.QtCore import QCoreApplication, Qt

        from planner import app as composition

        # Qt's own file dialogs, which the run can answer (a desktop's are out of its reach).
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        _install_qt_message_handler(self.alarm)
        started = composition.start(self.plan, qt_args=self.qt_args, on_error=self.alarm.uncaught)
        if isinstance(started, int):
            raise SmokeError(f"the plan did not open (exit code {started})")
        _app, session = started
        window = session.window
        if window is None:
            raise SmokeError("no window")
        _wait_until("the week is painted", lambda: window.week_view.isVisible())
        _wait_until("the plan is loaded", lambda: window.controller.has_full_store)
        return session, window

    def _warnings(self, window: MainWindow) -> str:
        from planner.ui.warnings_panel import WarningsPanel

        panel = _child(window, WarningsPanel, "warningsPanel")
        _wait_until("the warnings panel has a summary", lambda: bool(panel.summary))
        return panel.summary

    def _charts(self, window: MainWindow) -> None:
        from PySide6.QtWidgets import QWidget

        for name in ("weightChart", "mileageChart", "loadChart"):
            chart = _wait_for_child(window, QWidget, name, f"{name} is built")
            _wait_until(f"{name} plots the plan", lambda c=chart: not c.is_empty())  # type: ignore[misc]

    def _navigate(self, window: MainWindow) -> None:
        from PySide6.QtWidgets import QWidget

        actions = window.actions_table
        state = window.state
        this_week = state.week
        actions["next_week"].trigger()
        _wait_until("the next week is shown", lambda: state.week != this_week)
        actions["month_view"].trigger()
        month = _child(window, QWidget, "monthView")
        _wait_until("the month is shown", month.isVisible)
        actions["week_view"].trigger()
        _wait_until("the week is shown again", window.week_view.isVisible)
        actions["this_week"].trigger()
        _wait_until("this week is shown again", lambda: state.week == this_week)

    def _print(self, window: MainWindow) -> str:
        pdf = self.folder / "week.pdf"
        _answer_file_dialog(window.actions_table["pdf"], str(pdf))
        _wait_until("the PDF is written", lambda: pdf.is_file() and pdf.stat().st_size > 0)
        data = pdf.read_bytes()
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            raise SmokeError(f"{pdf.name} is not a whole PDF ({len(data)} bytes)")
        return f"{len(data) // 1024} KB"

    def _activities(self, window: MainWindow) -> str:
        from PySide6.QtWidgets import QDialog, QLabel

        walks = self.folder / "walks"
        walks.mkdir()
        for back in range(WALKS):
            _write_walk(walks / f"walk-{back + 1}.gpx", self.today - timedelta(days=back))
        undo = window.controller.undo_stack
        steps = undo.count()
        _answer_file_dialog(window.actions_table["import_activity_folder"], str(walks))
        report = _wait_for_child(window, QDialog, "activityImportReport", "the import's report")
        summary = _child(report, QLabel, "activityImportSummary").text()
        if f"{WALKS} " not in summary:
            raise SmokeError(f"the import's report says {summary!r}, not {WALKS} walks")
        report.accept()
        if undo.count() != steps + 1:
            raise SmokeError("the import is not one undo step")
        window.undo_action.trigger()
        _wait_until("the import is undone", lambda: undo.index() == steps)
        return f"{summary.rstrip('.')}; undone"

    def _backup(self) -> None:
        from planner.paths import backup_dir

        folder = backup_dir()
        if not folder.is_relative_to(self.folder):
            raise SmokeError(f"backups would go to {folder}, outside the run's folder")
        _wait_until("the start's backup is taken", lambda: any(folder.rglob("*.sqlite3")))

    def _fault(self, fault: str) -> None:
        from PySide6.QtCore import QTimer

        def raise_in_slot() -> None:
            raise RuntimeError("a fault made on purpose in a slot")

        def raise_in_thread() -> None:
            raise RuntimeError("a fault made on purpose in a thread")

        def hang() -> None:
            while True:
                time.sleep(0.1)

        if fault == "thread":
            threading.Thread(target=raise_in_thread, name="smoke-fault").start()
        else:
            QTimer.singleShot(0, hang if fault == "hang" else raise_in_slot)
        _wait_until("the fault ends the run", lambda: False)

    def _check_file(self) -> str:
        with sqlite3.connect(f"file:{self.plan}?mode=ro", uri=True) as connection:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            count = connection.execute("SELECT count(*) FROM workouts").fetchone()[0]
        connection.close()
        if result != "ok":
            raise SmokeError(f"the plan file is damaged: {result}")
        if not count:
            raise SmokeError("the plan file holds no workouts")
        return f"integrity ok, {count} workouts"


# -- driving Qt ---------------------------------------------------------------------------------
def _wait_until(what: str, condition: Callable[[], bool], timeout_s: float = STEP_WAIT_S) -> None:
    """Run the event loop until ``condition()`` holds; :class:`SmokeError` after the wait."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(20)

    def check() -> None:
        if condition():
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(round(timeout_s * 1000))
    loop.exec()
    poll.stop()
    if not condition():
        raise SmokeError(f"{what}: not within {timeout_s:g} s")


def _child(parent: QObject, kind: type[_Q], name: str) -> _Q:
    found = parent.findChild(kind, name)
    if found is None:
        raise SmokeError(f"no {name} in the window")
    return found


def _wait_for_child(parent: QObject, kind: type[_Q], name: str, what: str) -> _Q:
    _wait_until(what, lambda: parent.findChild(kind, name) is not None)
    return _child(parent, kind, name)


def _answer_file_dialog(action: QAction, answer: str) -> None:
    """Trigger ``action`` and answer the file dialog it opens with ``answer``, as a user would.

    A message box that comes up instead (or after) fails the run with what it says.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

    answered: list[bool] = []

    def answer_it() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            poll.stop()
            raise SmokeError(f"{action.text()!r} asked: {dialog.text()} {dialog.informativeText()}")
        if isinstance(dialog, QFileDialog) and not answered:
            answered.append(True)
            # As a user does: go to the folder, type the name, press Enter.
            dialog.setDirectory(str(Path(answer).parent))
            _child(dialog, QLineEdit, "fileNameEdit").setText(Path(answer).name)
            QTimer.singleShot(0, dialog.accept)  # not in this slot: a message box may follow

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(answer_it)
    poll.start()
    QTimer.singleShot(0, action.trigger)
    try:
        _wait_until(f"a file dialog from {action.text()!r}", lambda: bool(answered))
        _wait_until(
            f"the file dialog from {action.text()!r} closes",
            lambda: not isinstance(QApplication.activeModalWidget(), QFileDialog),
        )
    finally:
        poll.stop()


def _install_qt_message_handler(alarm: _Alarm) -> None:
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            alarm.fail(f"Qt said: {message}")
        if kind == QtMsgType.QtWarningMsg and not message.endswith(_OFFSCREEN_NOISE):
            sys.stderr.write(f"  Qt: {message}\n")

    qInstallMessageHandler(handle)


def _write_walk(path: Path, day: date) -> None:
    """A 20-minute walk recorded at 18:00 local time on ``day``, as a watch's GPX."""
    start = datetime.combine(day, clock_time(18, 0)).astimezone().astimezone(UTC)
    points = []
    for second in range(0, 20 * 60 + 1, 30):
        when = (start + timedelta(seconds=second)).strftime("%Y-%m-%dT%H:%M:%SZ")
        lat = 52.0 + second * 0.0000125  # about 1.4 m/s northwards
        points.append(f'<trkpt lat="{lat:.6f}" lon="4.300000"><time>{when}</time></trkpt>')
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="legwork --smoke" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>Walk</name><type>walking</type><trkseg>{''.join(points)}</trkseg></trk>"
        "</gpx>\n",
        encoding="utf-8",
    )
