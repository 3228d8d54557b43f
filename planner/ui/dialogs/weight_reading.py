"""Reading files off the GUI thread: the thread, who keeps it, and the weigh-in jobs.

A :class:`JobThread` runs one job that gets plain values and gives plain values and never
touches a widget; Python's cycle collector is paused while it runs, as for the background
imports (a collection on the worker could free widgets off the GUI thread). The threads
belong to a :class:`Keeper` that lives as long as the process, not to a dialog, so that
closing the dialog (or its window) mid-read never deletes a running thread
(:func:`start_reading`). Import Weights… and Import Activities… both read this way.

A weigh-in job reads a file (:func:`read_file`) or resolves rows already read for other
options (:func:`resolve`), giving an :class:`Outcome`; it runs on a :class:`ReadingThread`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from planner.interchange import weight_files
from planner.interchange.weights_csv import (
    DateOrder,
    Progress,
    ReadCancelled,
    ScannedWeights,
    WeightFile,
    WeightFileError,
    WeightUnit,
)
from planner.ui.background_import import _pause_collection, _resume_collection

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a read (or a new resolve) found, made on the worker and shown on the GUI thread.

    Attributes:
        scanned: the file's rows as read (``None`` when the file could not be read).
        found: the rows resolved for the options (``None`` when there is a problem).
        problem: why nothing can be imported, for the runner.
        ambiguous_dates: the problem is dates that read two ways.
        cancelled: the runner stopped the reading.
    """

    scanned: ScannedWeights | None = None
    found: WeightFile | None = None
    problem: str = ""
    ambiguous_dates: bool = False
    cancelled: bool = False


def read_file(
    path: Path, today: date, unit: WeightUnit, order: DateOrder | None, progress: Progress
) -> Outcome:
    """Read ``path`` and resolve its rows (no Qt: it runs on the worker)."""
    try:
        scanned = weight_files.scan_weights_file(
            path, today=today, progress=lambda done: progress(0.9 * done)
        )
    except OSError as error:
        return Outcome(problem=f"Cannot read {path.name}: {error.strerror or error}")
    except WeightFileError as error:
        return Outcome(problem=str(error), ambiguous_dates=error.ambiguous_dates)
    return resolve(scanned, unit, order, lambda done: progress(0.9 + 0.1 * done))


def resolve(
    scanned: ScannedWeights, unit: WeightUnit, order: DateOrder | None, progress: Progress
) -> Outcome:
    """Resolve rows already read for a unit and a date order (no Qt)."""
    try:
        found = scanned.resolve(unit=unit, date_order=order, progress=progress)
    except WeightFileError as error:
        return Outcome(scanned, problem=str(error), ambiguous_dates=error.ambiguous_dates)
    return Outcome(scanned, found)


Job = Callable[[Progress], Outcome]


class JobThread(QThread):
    """Runs one job off the GUI thread (:meth:`perform`), stoppable at its progress reports.

    Signals:
        progressed(float): the fraction done (emitted on the worker, delivered queued).
        ended(object): the job is done, this thread its argument (emitted on the worker as
            the last thing it does; a receiver may then :meth:`wait`, which returns at once).
    """

    progressed = Signal(float)
    ended = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._stop = threading.Event()

    def stop(self) -> None:
        """Ask the job to stop at its next progress report (from any thread)."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        """Whether :meth:`stop` was asked (from any thread)."""
        return self._stop.is_set()

    def perform(self) -> None:
        """The job (on the worker): keep its result on ``self``; report with :meth:`report`."""
        raise NotImplementedError

    def run(self) -> None:
        try:
            self.perform()
        finally:
            self.ended.emit(self)

    def report(self, done: float) -> bool:
        """Tell the fraction done; ``False`` when the job should stop."""
        self.progressed.emit(done)
        return not self._stop.is_set()


class ReadingThread(JobThread):
    """Runs one weigh-in reading job; :attr:`outcome` is its result once finished."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job
        self.outcome = Outcome(cancelled=True)

    def perform(self) -> None:
        try:
            self.outcome = self._job(self.report)
        except ReadCancelled:
            self.outcome = Outcome(cancelled=True)
        except Exception as error:  # a bug: say so rather than leave the dialog waiting
            log.exception("reading a weigh-in file failed")
            self.outcome = Outcome(problem=f"Reading the file failed: {error}")


class Keeper(QObject):
    """Holds the reading threads until they end, whatever becomes of their dialogs.

    It lives as long as the process, on the GUI thread (made there on first use, kept in a
    module global). A dialog closed, or deleted with its window, while its file is read must
    neither delete a running thread (Qt aborts) nor leave Python's cycle collector paused:
    this object holds each thread (it has no parent) until its job has ended, then resumes
    the collector and lets the thread go. When the application quits it stops and waits for
    the threads still running.
    """

    def __init__(self) -> None:
        super().__init__()
        self._threads: set[JobThread] = set()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop_all)

    def start(self, task: JobThread) -> None:
        """Start ``task`` with the collector paused (connect its dialog's slots first)."""
        self._threads.add(task)
        task.ended.connect(self._ended)
        _pause_collection()
        task.start()

    @Slot(object)
    def _ended(self, task: JobThread) -> None:
        if task not in self._threads:
            return
        task.wait()  # its job has ended: this returns at once
        self._threads.discard(task)
        _resume_collection()
        task.deleteLater()

    @Slot()
    def stop_all(self) -> None:
        """Stop every reading and wait for its thread."""
        for task in list(self._threads):
            task.stop()
            task.wait()
            self._ended(task)


_keeper: Keeper | None = None


def reading_now() -> int:
    """How many jobs are running on reading threads now (none before the first)."""
    return len(_keeper._threads) if _keeper is not None else 0


def start_reading(task: JobThread) -> None:
    """Start ``task`` under the process's :class:`Keeper` (call on the GUI thread)."""
    global _keeper
    if _keeper is None:
        _keeper = Keeper()
    _keeper.start(task)
