"""A batch of activity files read into activities, refusals and duplicates: the one entry.

:func:`read_activities` gathers the files (:mod:`.archives`), decodes them (on every core
when there are many: each file is independent), refuses the implausible ones, and keeps one
activity of each session recorded twice (Strava exports a run as FIT and as GPX), saying
which files were duplicates of which. Nothing is written anywhere: storage, the window and
the CLI take the :class:`ReadReport` from here.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date, tzinfo

from planner.core.activity import Activity, implausibility, is_duplicate
from planner.interchange.activities.archives import (
    Entry,
    Job,
    Limits,
    Refused,
    gather,
    load,
    unpack,
)
from planner.interchange.activities.fit import read_fit
from planner.interchange.activities.gpx import read_gpx
from planner.interchange.activities.samples import ActivityRefused
from planner.interchange.activities.tcx import read_tcx

_READERS = {"fit": read_fit, "gpx": read_gpx, "tcx": read_tcx}
#: When two files record one session, the one kept: FIT has laps and the local offset.
_PREFERENCE = {"fit": 0, "tcx": 1, "gpx": 2}
#: Below this many files, starting worker processes costs more than it saves.
_POOL_FROM = 6
#: How much lower a background read runs than the window (``nice``): the decoding then
#: takes only the CPU time the window leaves, and a switch or a drop never waits for it.
BACKGROUND_NICENESS = 10

Progress = Callable[[int, int], None]


class ReadCancelled(Exception):  # noqa: N818 - what happened, not an error
    """Reading stopped because ``should_stop`` said so; nothing was returned."""


@dataclass(frozen=True)
class Duplicate:
    """A file whose activity was already read from another file (``of``)."""

    file: str
    of: str


@dataclass(frozen=True)
class ReadReport:
    """What a batch gave: activities (by start), refusals and duplicates (by file), skips.

    ``ignored`` counts files inside chosen folders and archives whose names are not an
    activity file's (photos, JSON): skipped unopened, not refused one by one.
    """

    activities: tuple[Activity, ...] = ()
    refused: tuple[Refused, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    ignored: int = 0


Decoded = tuple[str, str, list[Activity] | str]


def decode(job: Job, limits: Limits, today: date, tz: tzinfo | None) -> Decoded:
    """One file's activities or the reason it gives none (runs in a worker process)."""
    try:
        data = unpack(job, limits)
        if not data:
            raise ActivityRefused("the file is empty")
        activities = _READERS[job.fmt](data, job.source, tz)
    except ActivityRefused as error:
        return job.source, job.fmt, str(error)
    except OSError as error:
        return job.source, job.fmt, f"it cannot be read ({error.strerror or error})"
    except Exception as error:  # one strange file must not stop the batch
        return job.source, job.fmt, f"it cannot be read ({type(error).__name__}: {error})"
    for activity in activities:
        reason = implausibility(activity, today=today)
        if reason is not None:
            return job.source, job.fmt, reason
    return job.source, job.fmt, activities


def _jobs(entries: list[Entry], limits: Limits) -> Iterator[Job | Refused]:
    for entry in entries:
        try:
            yield load(entry, limits)
        except ActivityRefused as error:
            yield Refused(entry.source, str(error))


def _pool_size(jobs: int, workers: int | None, background: bool) -> int:
    """How many worker processes decode; 0: this process does (a few files, or asked to)."""
    if workers is not None:
        return 0 if workers <= 1 else workers
    if jobs < _POOL_FROM:
        return 0
    cores = os.cpu_count() or 1
    if background:  # the window keeps a core, and its process never decodes
        return max(1, min(cores - 1, jobs))
    return 0 if cores == 1 else min(cores, jobs)


def lower_priority() -> None:
    """Run the calling thread (and what it starts) below the window (Linux and macOS).

    Linux gives each thread its own niceness, so a reading thread of the app's process
    yields to the GUI thread; elsewhere this lowers the whole worker process. A system that
    refuses leaves the priority as it was.
    """
    target = threading.get_native_id() if sys.platform.startswith("linux") else 0
    with contextlib.suppress(AttributeError, OSError):  # Windows, or a sandbox's refusal
        os.setpriority(os.PRIO_PROCESS, target, BACKGROUND_NICENESS)


def _pool(workers: int, background: bool) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=lower_priority if background else None,
    )


def _decoded(
    jobs: Iterator[Job | Refused],
    processes: int,
    args: tuple[Limits, date, tzinfo | None],
    should_stop: Callable[[], bool],
    background: bool,
) -> Iterator[Decoded | Refused]:
    if processes == 0:
        for job in jobs:
            if should_stop():
                raise ReadCancelled
            yield job if isinstance(job, Refused) else decode(job, *args)
        return
    pool = _pool(processes, background)
    submitting = True
    pending: dict[Future[Decoded], Job] = {}

    def finished() -> Iterator[Decoded]:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            job = pending.pop(future)
            try:
                yield future.result()
            except BrokenProcessPool:  # processes cannot start here: decode in this process
                yield decode(job, *args)
        if should_stop():
            raise ReadCancelled

    try:
        for job in jobs:
            if isinstance(job, Refused):
                yield job
                continue
            while len(pending) >= processes * 4:
                yield from finished()
            try:
                if submitting:
                    pending[pool.submit(decode, job, *args)] = job
                    continue
            except (BrokenProcessPool, OSError):
                # Processes cannot start here (a sandbox; a TMPDIR too long for the socket
                # of multiprocessing's fork server): this process decodes the rest.
                submitting = False
            yield decode(job, *args)
        while pending:
            yield from finished()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dedupe(found: list[tuple[str, Activity]]) -> tuple[list[Activity], list[Duplicate]]:
    kept: dict[int, list[Activity]] = {}
    duplicates = []
    for _fmt, activity in sorted(found, key=lambda pair: (_PREFERENCE[pair[0]], pair[1].start)):
        minute = int(activity.start.timestamp() // 60)
        near = (other for m in (minute - 1, minute, minute + 1) for other in kept.get(m, ()))
        original = next((other for other in near if is_duplicate(activity, other)), None)
        if original is None:
            kept.setdefault(minute, []).append(activity)
        else:
            duplicates.append(Duplicate(activity.source, original.source))
    activities = sorted(
        (a for group in kept.values() for a in group), key=lambda a: (a.start, a.source)
    )
    return activities, sorted(duplicates, key=lambda d: d.file)


def read_activities(
    paths: Iterable[str | os.PathLike[str]],
    *,
    on_progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    today: date | None = None,
    tz: tzinfo | None = None,
    limits: Limits | None = None,
    workers: int | None = None,
    background: bool = False,
) -> ReadReport:
    """Read every activity under ``paths`` (files, folders, ZIP archives, ``.gz``).

    ``on_progress(done, total)`` follows the files; ``should_stop()`` returning True raises
    :class:`ReadCancelled`. ``today`` (default: the computer's) dates the plausibility
    check; ``tz`` (default: the computer's) gives the local day of files with no offset of
    their own. ``workers`` fixes how many processes decode (default: one per core for
    many files, none extra for a few). A ``background`` read (the app's) runs below the
    window's priority and leaves it a core; the command line's uses every core.
    """
    limits = limits or Limits()
    today = today or date.today()
    stop = should_stop or (lambda: False)
    gathered = gather(paths, limits)
    refused = list(gathered.refused)
    found: list[tuple[str, Activity]] = []
    total = len(gathered.entries)
    with gathered.open_archives:
        processes = _pool_size(total, workers, background)
        jobs = _jobs(gathered.entries, limits)
        results = _decoded(jobs, processes, (limits, today, tz), stop, background)
        for done, result in enumerate(results, start=1):
            if isinstance(result, Refused):
                refused.append(result)
            elif isinstance(result[2], str):
                refused.append(Refused(result[0], result[2]))
            else:
                found.extend((result[1], activity) for activity in result[2])
            if on_progress is not None:
                on_progress(done, total)
    activities, duplicates = _dedupe(found)
    refused.sort(key=lambda item: item.file)
    return ReadReport(tuple(activities), tuple(refused), tuple(duplicates), gathered.ignored)
