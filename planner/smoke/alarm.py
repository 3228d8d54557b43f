"""The self-test's alarms: the first sign of trouble, or too long a run, ends it with code 1."""

from __future__ import annotations

import faulthandler
import logging
import os
import shutil
import sys
import threading
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import NoReturn

#: The exit code of a run that failed.
FAILED = 1
#: What Qt's offscreen platform says of every window it shows; nothing is wrong.
_OFFSCREEN_NOISE = "does not support propagateSizeHints()"


class SmokeError(Exception):
    """A step did not do what it should; the message says what was seen."""


class Alarm:
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
        """Seconds since the run began."""
        return time.monotonic() - self._start

    def arm(self) -> None:
        """Take the exception hooks and the log's errors, and start both watchdogs."""
        sys.excepthook = self.uncaught
        threading.excepthook = self._uncaught_in_thread
        logging.getLogger().addHandler(FailOnError(self))
        self._timer.start()
        faulthandler.dump_traceback_later(self.timeout_s + 5, exit=True)

    def disarm(self) -> None:
        """Stop both watchdogs."""
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
        """``sys.excepthook``: where an exception in a Qt slot ends up."""
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


class FailOnError(logging.Handler):
    """A log record of level ERROR or above fails the run."""

    def __init__(self, alarm: Alarm) -> None:
        super().__init__(logging.ERROR)
        self._alarm = alarm

    def emit(self, record: logging.LogRecord) -> None:
        """Fail the run with the record's message and traceback."""
        details = "".join(traceback.format_exception(*record.exc_info)) if record.exc_info else ""
        self._alarm.fail(f"an error was logged: {record.getMessage()}", details)


def install_qt_message_handler(alarm: Alarm) -> None:
    """Qt's critical messages fail the run; its warnings are shown (offscreen noise aside)."""
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            alarm.fail(f"Qt said: {message}")
        if kind == QtMsgType.QtWarningMsg and not message.endswith(_OFFSCREEN_NOISE):
            sys.stderr.write(f"  Qt: {message}\n")

    qInstallMessageHandler(handle)
