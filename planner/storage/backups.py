"""Backups that keep history: a folder per plan, verified copies, a daily/weekly/monthly set.

Standard library only (no SQLAlchemy, no Qt): the app backs up and lists backups without
loading SQLAlchemy. Every function takes the time as ``now`` (an aware ``datetime``), so
rotation can be tested over simulated days.

Layout, inside the backups root (``<user data folder>/backups``)::

    legwork-3f9c0a12bd/                                  one folder per plan file
        plan.txt                                         which plan these are backups of
        legwork-2026-03-02-091500+0100.sqlite3           automatic (daily)
        legwork-2026-03-09-180212+0100-before-restore.sqlite3
        legwork-2026-04-01-080000+0200-before-upgrade.sqlite3

The folder is named after the plan's file name and a short hash of its resolved path, so two
plans with the same file name never share (or rotate away) each other's backups. File names
carry the local time with its UTC offset.

Every backup is made with SQLite's backup API (a consistent snapshot even while the plan is
open), written under a temporary name, checked with ``PRAGMA integrity_check`` and Legwork's
own checks, flushed to disk, and only then renamed to its final name; a backup interrupted at
any moment leaves at most a temporary file, which the next backup removes.

Automatic backups are taken at most once a day (at start or close) and only when the plan
changed since the newest backup; they are kept as the newest of each of the last 7 days, 4
ISO weeks and 12 months that have one (:class:`RetentionPolicy`). Safety copies taken before a
schema upgrade or a restore are kept apart from that rotation (the newest 10 of each kind).
Each backup rotates only backups of its own kind, and never itself: a backup taken while the
computer's clock is behind is "older" than the ones before it, yet it holds the newest plan.

Listing the backups checks each one (``PRAGMA quick_check`` and Legwork's own checks, cached
by file, size and time), so a damaged backup is shown as damaged, never offered to restore.
When an automatic backup fails, :func:`record_failure` keeps why beside the backups
(``last-failure.json``, best effort), and the next backup that succeeds removes it.

Failures name what could not be done to which file (the backup, the plan, the copy beside
it), the cause in plain words (a full disk, a folder Legwork may not write to) and what to do.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
from collections import OrderedDict
from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Final

from planner.core.ports import StorageError
from planner.storage.backup_words import (
    BackupError,
    CopyWords,
    failure_cause,
    is_write_failure,
    refusal,
)
from planner.storage.errors import (
    CorruptDatabaseError,
    NotADatabaseError,
)
from planner.storage.safe_files import (
    BACKUP_MARKER_FIRST_LINE,
    BACKUP_MARKER_NAME,
    RESTORE_READY_SUFFIX,
    fsync_directory,
    fsync_file,
    is_in_backups,
    move_no_clobber,
    plan_key,
    plan_label,
    remove_stale_temporaries,
    resolved_plan,
    set_aside,
    side_files,
    temporary_name,
)
from planner.storage.sqlite_file import _connect_read_only, _inspect, _Inspection

__all__ = [
    "AUTOMATIC",
    "BEFORE_RESTORE",
    "BEFORE_UPGRADE",
    "FAILURE_NAME",
    "MARKER_NAME",
    "BackupError",
    "BackupFailure",
    "BackupInfo",
    "RestoreResult",
    "RetentionPolicy",
    "backup_folder",
    "backup_if_due",
    "copy_backup",
    "failure_cause",
    "is_in_backups",
    "last_failure",
    "list_backups",
    "make_backup",
    "newest_good_backup",
    "record_failure",
    "restore_backup",
    "rotate",
]

#: A backup taken at start or close (rotated as daily/weekly/monthly).
AUTOMATIC: Final = "automatic"
#: A safety copy taken before a schema upgrade.
BEFORE_UPGRADE: Final = "before-upgrade"
#: A safety copy of the plan a restore replaced.
BEFORE_RESTORE: Final = "before-restore"
#: The file in each plan's backup folder that names the plan.
MARKER_NAME: Final = BACKUP_MARKER_NAME
#: The file, in each plan's backup folder, that tells of the last backup that failed.
FAILURE_NAME: Final = "last-failure.json"
_MARKER_FIRST_LINE: Final = BACKUP_MARKER_FIRST_LINE
_SAFETY_REASONS: Final = (BEFORE_UPGRADE, BEFORE_RESTORE)
_SUFFIX: Final = ".sqlite3"
_NAME = re.compile(
    r"^(?P<label>.+)-(?P<stamp>\d{4}-\d{2}-\d{2}-\d{6}[+-]\d{4})"
    r"(?:-(?P<reason>before-upgrade|before-restore))?(?:-(?P<counter>\d+))?\.sqlite3$"
)
_STAMP_FORMAT: Final = "%Y-%m-%d-%H%M%S%z"
_NEW_FILE_MODE: Final = 0o600


@dataclass(frozen=True)
class RetentionPolicy:
    """How many backups to keep.

    Attributes:
        daily: the newest automatic backup of each of this many most recent days.
        weekly: ... of each of this many most recent ISO weeks.
        monthly: ... of each of this many most recent months.
        safety_copies: the newest this many copies of each kind taken before an upgrade or a
            restore.
    """

    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    safety_copies: int = 10

    def __post_init__(self) -> None:
        if min(self.daily, self.weekly, self.monthly, self.safety_copies) < 1:
            raise ValueError("a retention policy keeps at least one backup of each kind")


DEFAULT_POLICY: Final = RetentionPolicy()


@dataclass(frozen=True)
class BackupInfo:
    """One backup file.

    Attributes:
        path: the file.
        when: when it was taken (aware; the offset the file name carries).
        reason: :data:`AUTOMATIC`, :data:`BEFORE_UPGRADE` or :data:`BEFORE_RESTORE`.
        size: its size in bytes.
        workouts: how many workouts it holds (``None`` when not counted, damaged or unreadable).
        weigh_ins: how many weigh-ins it holds (``None`` likewise).
        damaged: its check found it damaged (cut short, or its pages are broken).
        problem: why it cannot be restored, for people (``it is damaged (...)``), or ``None``
            when it passed its check (or was not checked).
    """

    path: Path
    when: datetime
    reason: str
    size: int
    workouts: int | None = None
    weigh_ins: int | None = None
    damaged: bool = False
    problem: str | None = None


@dataclass(frozen=True)
class RestoreResult:
    """What :func:`restore_backup` did.

    Attributes:
        plan: the plan file, now holding the backup's contents.
        restored: the backup it came from.
        safety_copy: the backup taken of the replaced plan first (``None`` when there was no
            plan, or it was too damaged to copy).
        kept_aside: the replaced plan file, renamed beside it with its side files (``None``
            when there was none).
    """

    plan: Path
    restored: BackupInfo
    safety_copy: BackupInfo | None
    kept_aside: Path | None


@dataclass(frozen=True)
class BackupFailure:
    """The last backup that failed, kept beside the plan's backups until one succeeds.

    Attributes:
        when: when it failed (aware).
        cause: why, in a few words (``the disk holding the backups is full``).
        message: what happened, for people.
        hint: what to do about it.
    """

    when: datetime
    cause: str
    message: str
    hint: str


def _check(path: Path, *, full: bool) -> _Inspection:
    """:func:`_inspect` ``path``: a backup or a copy, never a plan that is open.

    A file damaged in some places makes the check itself fail (SQLite's own report cannot be
    decoded, or asks for more memory than there is): that is damage too.

    Raises:
        StorageError: as :func:`_inspect`; a :class:`CorruptDatabaseError` for such damage.
    """
    try:
        return _inspect(path, full=full)
    except (sqlite3.Error, ValueError, MemoryError, OverflowError) as exc:
        problem = f"{type(exc).__name__}: {exc}"
        raise CorruptDatabaseError(
            f"{path} is damaged ({problem}).", "Choose another backup.", [problem]
        ) from exc


# -- names and folders -------------------------------------------------------------------------
def _require_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("pass an aware time, e.g. datetime.now().astimezone()")


def backup_folder(plan: Path, root: Path) -> Path:
    """The folder of ``plan``'s backups inside ``root`` (it may not exist yet)."""
    return Path(root) / f"{plan_label(plan)}-{plan_key(plan)}"


def _parse(path: Path) -> tuple[datetime, str] | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        when = datetime.strptime(match["stamp"], _STAMP_FORMAT)
    except ValueError:
        return None
    return when, match["reason"] or AUTOMATIC


def _backup_name(plan: Path, when: datetime, reason: str, counter: int) -> str:
    stamp = when.strftime(_STAMP_FORMAT)
    tail = "" if reason == AUTOMATIC else f"-{reason}"
    number = "" if counter == 1 else f"-{counter}"
    return f"{plan_label(plan)}-{stamp}{tail}{number}{_SUFFIX}"


def _prepare_folder(plan: Path, root: Path) -> Path:
    """Make ``plan``'s backup folder and its marker; return the folder.

    Raises:
        BackupError: the folder cannot be made or written (the message says why).
    """
    folder = backup_folder(plan, root)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        marker = folder / MARKER_NAME
        text = (
            f"{_MARKER_FIRST_LINE}\n{resolved_plan(plan)}\n\n"
            "Legwork keeps these copies itself. To go back to one, use File > Backups... in "
            "Legwork. Opening one of these files in Legwork opens a copy of it.\n"
        )
        # surrogateescape: the plan's path as the system stores it, valid UTF-8 or not.
        written = marker.read_text("utf-8", "surrogateescape") if marker.exists() else None
        if written != text:
            marker.write_text(text, encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise _backup_words(plan).write_failed(exc, folder) from exc
    return folder


def _backup_words(plan: Path) -> CopyWords:
    """How the failures of a backup of ``plan`` are told."""
    return CopyWords(f"Legwork could not back up {plan.name}", "your plan", "the backups")


# -- listing -----------------------------------------------------------------------------------
def _counts(path: Path) -> tuple[int | None, int | None]:
    try:
        connection = _connect_read_only(path)
    except sqlite3.Error:
        return None, None
    try:
        workouts = int(connection.execute("SELECT count(*) FROM workouts").fetchone()[0])
        weigh_ins = int(connection.execute("SELECT count(*) FROM weights").fetchone()[0])
    except (sqlite3.Error, ValueError, MemoryError):
        return None, None
    finally:
        connection.close()
    return workouts, weigh_ins


@dataclass(frozen=True)
class _Checked:
    """What the quick check of one backup found (see :func:`_checked`)."""

    workouts: int | None
    weigh_ins: int | None
    damaged: bool
    problem: str | None


#: The checks made so far, by file: (path, size, modification time, inode) -> what was found.
#: A backup is never written again once made, so a file that keeps these is not checked twice.
_CHECKS: OrderedDict[tuple[str, int, int, int], _Checked] = OrderedDict()
_CHECKS_KEPT: Final = 4096


def _checked(path: Path, status: os.stat_result) -> _Checked:
    """Check the backup at ``path`` (``PRAGMA quick_check`` and Legwork's checks) and count it.

    The result is kept for as long as the file keeps its size, time and inode, so listing
    many backups again (opening the dialog again) reads none of them.
    """
    key = (str(path), status.st_size, status.st_mtime_ns, status.st_ino)
    found = _CHECKS.get(key)
    if found is not None:
        _CHECKS.move_to_end(key)
        return found
    try:
        _check(path, full=False)
    except StorageError as exc:
        damaged = isinstance(exc, CorruptDatabaseError | NotADatabaseError)
        found = _Checked(None, None, damaged, refusal(exc))
    else:
        workouts, weigh_ins = _counts(path)
        if workouts is None or weigh_ins is None:
            found = _Checked(None, None, True, "it is damaged (its rows cannot be counted)")
        else:
            found = _Checked(workouts, weigh_ins, False, None)
    _CHECKS[key] = found
    while len(_CHECKS) > _CHECKS_KEPT:
        _CHECKS.popitem(last=False)
    return found


def list_backups(plan: Path, root: Path, *, counts: bool = True) -> list[BackupInfo]:
    """The backups of ``plan``, newest first.

    Args:
        plan: the plan file.
        root: the backups root.
        counts: check each backup (``PRAGMA quick_check`` and Legwork's own checks, read-only,
            writing nothing) and count its workouts and weigh-ins; a file is checked again only
            once its size or time changed. Otherwise the counts are ``None`` and nothing is
            checked.
    """
    folder = backup_folder(plan, root)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found: list[BackupInfo] = []
    for entry in entries:
        parsed = _parse(entry)
        if parsed is None:
            continue
        try:
            status = entry.stat()
        except OSError:
            continue
        when, reason = parsed
        info = BackupInfo(entry, when, reason, status.st_size)
        if counts:
            check = _checked(entry, status)
            info = replace(
                info,
                workouts=check.workouts,
                weigh_ins=check.weigh_ins,
                damaged=check.damaged,
                problem=check.problem,
            )
        found.append(info)
    found.sort(key=lambda info: (info.when, info.path.name), reverse=True)
    return found


def newest_good_backup(plan: Path, root: Path) -> BackupInfo | None:
    """The newest backup of ``plan`` that passes the full integrity check, with its counts."""
    for info in list_backups(plan, root, counts=False):
        try:
            inspection = _check(info.path, full=True)
        except StorageError:
            continue
        return _with_counts(info, inspection)
    return None


def _with_counts(info: BackupInfo, inspection: _Inspection) -> BackupInfo:
    return replace(
        info,
        workouts=inspection.counts.get("workouts", 0),
        weigh_ins=inspection.counts.get("weights", 0),
    )


# -- copying -----------------------------------------------------------------------------------
def _create_private(path: Path) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _NEW_FILE_MODE)
    try:
        os.fchmod(descriptor, _NEW_FILE_MODE)  # exactly 0600, whatever the umask
    finally:
        os.close(descriptor)


def _remove_with_side_files(path: Path) -> None:
    for leftover in (path, *side_files(path)):
        leftover.unlink(missing_ok=True)


def _write_verified_copy(
    source_path: Path, temporary: Path, words: CopyWords | None = None
) -> _Inspection:
    """Copy the plan at ``source_path`` into the new file ``temporary`` and check the copy.

    The copy is one self-contained file (rollback journal, not WAL), mode 0600, checked with
    ``PRAGMA integrity_check`` and Legwork's own checks, and flushed to disk. On any failure
    ``temporary`` is removed and the error raised.

    Args:
        source_path: the file to copy (read-only).
        temporary: the new file to write.
        words: how failures name the two files (default: a backup of a plan).

    Raises:
        BackupError: the copy cannot be written (a full disk, a folder Legwork may not write
            to: the message names the folder) or the source cannot be read.
        CorruptDatabaseError: the source, or the copy, failed its check.
    """
    if words is None:
        words = _backup_words(source_path)
    folder = temporary.parent
    try:
        _create_private(temporary)
    except OSError as exc:
        raise words.write_failed(exc, folder) from exc
    try:
        try:
            source = _connect_read_only(source_path)
        except sqlite3.Error as exc:
            raise words.read_failed(exc, source_path) from exc
        try:
            copy = sqlite3.connect(temporary, isolation_level=None)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
        except sqlite3.Error as exc:
            if is_write_failure(exc):
                raise words.write_failed(exc, folder) from exc
            raise words.read_failed(exc, source_path) from exc
        finally:
            source.close()
        try:
            inspection = _check(temporary, full=True)
        except StorageError as exc:
            problems = getattr(exc, "problems", [])
            raise CorruptDatabaseError(
                f"{words.failed}: the copy of {words.source} failed its integrity check ({exc}).",
                f"{words.unchanged} {source_path.name} itself may be damaged: run `legwork "
                f"check --db {source_path}`.".strip(),
                problems,
            ) from exc
        try:
            fsync_file(temporary)
        except OSError as exc:
            raise words.write_failed(exc, folder) from exc
    except BaseException:
        _remove_with_side_files(temporary)
        raise
    return inspection


def _publish(temporary: Path, name_for: Callable[[int], Path]) -> Path:
    """Rename ``temporary`` to the first free name of ``name_for(1)``, ``name_for(2)``, ...

    Never overwrites a file.
    """
    counter = 1
    while True:
        target = name_for(counter)
        try:
            move_no_clobber(temporary, target)
        except FileExistsError:
            counter += 1
            continue
        except OSError:
            _remove_with_side_files(temporary)
            raise
        fsync_directory(target.parent)
        return target


# -- making backups ----------------------------------------------------------------------------
def make_backup(
    plan: Path,
    root: Path,
    *,
    now: datetime,
    reason: str = AUTOMATIC,
    policy: RetentionPolicy = DEFAULT_POLICY,
) -> BackupInfo:
    """Back up ``plan`` now into its folder in ``root``, then rotate that folder.

    Reads the plan through a read-only connection (it may be open in the app meanwhile).

    Args:
        plan: the plan file.
        root: the backups root.
        now: the time of the backup (aware).
        reason: :data:`AUTOMATIC`, :data:`BEFORE_UPGRADE` or :data:`BEFORE_RESTORE`.
        policy: what to keep afterwards.

    Returns:
        The new backup, with its counts.

    The new backup is never the one its rotation deletes, even when the clock is behind the
    backups before it; and it rotates only backups of its own kind (see :func:`rotate`).
    A backup that succeeds removes the record of the last failure (:func:`record_failure`).

    Raises:
        ValueError: ``now`` is naive or ``reason`` unknown.
        BackupError: the folder cannot be written (a full disk, ...) or the plan cannot be
            read; the message says which and why, and ``cause`` says it in a few words.
        CorruptDatabaseError: the plan, or the copy, failed its check (the plan may be
            damaged). No partial file is left behind.
    """
    _require_aware(now)
    if reason not in (AUTOMATIC, *_SAFETY_REASONS):
        raise ValueError(f"unknown backup reason {reason!r}")
    plan = Path(plan).expanduser().absolute()
    words = _backup_words(plan)
    folder = _prepare_folder(plan, root)
    remove_stale_temporaries(folder)
    when = now.replace(microsecond=0)
    temporary = temporary_name(folder / _backup_name(plan, when, reason, 1), "backup")
    inspection = _write_verified_copy(plan, temporary, words)
    try:
        target = _publish(temporary, lambda n: folder / _backup_name(plan, when, reason, n))
        size = target.stat().st_size
    except OSError as exc:
        raise words.write_failed(exc, folder) from exc
    info = _with_counts(BackupInfo(target, when, reason, size), inspection)
    _forget_failure(folder)
    rotate(plan, root, now=now, policy=policy, kinds=(reason,), keep=(target,))
    return info


# -- failures ----------------------------------------------------------------------------------
def record_failure(plan: Path, root: Path, error: StorageError, *, now: datetime) -> BackupFailure:
    """Keep ``error`` beside ``plan``'s backups as the last backup that failed; return it.

    The record (:data:`FAILURE_NAME`) stays until a backup of the plan succeeds, so the
    Backups dialog can tell of a failure at close on the next start. Best effort, and never
    raises: when the backup folder itself cannot be written (often the failure's own cause)
    nothing is kept, and the next backup, still due, tries again and fails again.
    """
    _require_aware(now)
    failure = BackupFailure(now, failure_cause(error), str(error), error.hint)
    folder = backup_folder(Path(plan).expanduser().absolute(), root)
    record = folder / FAILURE_NAME
    text = json.dumps(
        {
            "when": failure.when.isoformat(),
            "cause": failure.cause,
            "message": failure.message,
            "hint": failure.hint,
        },
        ensure_ascii=False,
        indent=1,
    )
    temporary = temporary_name(record, "failure")
    try:
        if folder.is_dir():
            temporary.write_text(text, encoding="utf-8", errors="surrogateescape")
            os.replace(temporary, record)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    return failure


def last_failure(plan: Path, root: Path) -> BackupFailure | None:
    """The last backup of ``plan`` that failed, when none succeeded since (else ``None``)."""
    record = backup_folder(Path(plan).expanduser().absolute(), root) / FAILURE_NAME
    try:
        data = json.loads(record.read_text(encoding="utf-8", errors="surrogateescape"))
        when = datetime.fromisoformat(data["when"])
        _require_aware(when)
        return BackupFailure(when, str(data["cause"]), str(data["message"]), str(data["hint"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _forget_failure(folder: Path) -> None:
    """A backup succeeded: remove the record of the last failure (best effort)."""
    with contextlib.suppress(OSError):
        (folder / FAILURE_NAME).unlink(missing_ok=True)


def _content_digest(path: Path) -> str | None:
    """A hash of every table's rows (order-independent), or ``None`` when unreadable."""
    digest = hashlib.sha256()
    try:
        connection = _connect_read_only(path)
    except sqlite3.Error:
        return None
    try:
        tables = connection.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        for name, sql in tables:
            digest.update(repr((name, sql)).encode("utf-8", "surrogateescape"))
            quoted = str(name).replace('"', '""')
            rows = sorted(repr(row) for row in connection.execute(f'SELECT * FROM "{quoted}"'))
            for row in rows:
                digest.update(row.encode("utf-8", "surrogateescape"))
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return digest.hexdigest()


def backup_if_due(
    plan: Path, root: Path, *, now: datetime, policy: RetentionPolicy = DEFAULT_POLICY
) -> BackupInfo | None:
    """Take the automatic backup of the day, if there is none yet and the plan changed.

    Called at start and at close: at most one automatic backup a day (the day of ``now`` in
    its own time zone), and none when the plan holds exactly what its newest backup holds.

    Returns:
        The new backup, or ``None`` when none was due.

    Raises:
        StorageError: as :func:`make_backup`.
    """
    _require_aware(now)
    backups = list_backups(plan, root, counts=False)
    today = now.date()
    if any(b.reason == AUTOMATIC and _local_day(b.when, now) == today for b in backups):
        return None
    if backups:
        current = _content_digest(Path(plan))
        if current is not None and current == _content_digest(backups[0].path):
            return None
    return make_backup(plan, root, now=now, policy=policy)


def _local_day(when: datetime, now: datetime) -> date:
    return when.astimezone(now.tzinfo).date()


def _keep_newest_per_bucket(
    backups: list[BackupInfo], count: int, bucket: Callable[[date], Hashable], now: datetime
) -> set[Path]:
    kept: set[Path] = set()
    seen: list[Hashable] = []
    for info in backups:  # newest first: the first one met in a bucket is its newest
        key = bucket(_local_day(info.when, now))
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.append(key)
        kept.add(info.path)
    return kept


def rotate(
    plan: Path,
    root: Path,
    *,
    now: datetime,
    policy: RetentionPolicy = DEFAULT_POLICY,
    kinds: Collection[str] = (AUTOMATIC, *_SAFETY_REASONS),
    keep: Collection[Path] = (),
) -> list[Path]:
    """Delete the backups of ``plan`` that ``policy`` does not keep; returns the deleted files.

    Automatic backups: the newest of each of the last ``daily`` days, ``weekly`` ISO weeks and
    ``monthly`` months that have one (days, weeks and months in the time zone of ``now``).
    Safety copies: the newest ``safety_copies`` of each kind. Files that are not backups
    (other names, the marker) are never touched.

    Args:
        plan: the plan file.
        root: the backups root.
        now: the time (aware).
        policy: what to keep.
        kinds: rotate only the backups of these kinds (:data:`AUTOMATIC`, ...).
        keep: files never deleted, whatever their time: the backup just made, which is
            "older" than the others when the clock went back, yet holds the newest plan.
    """
    _require_aware(now)
    backups = [b for b in list_backups(plan, root, counts=False) if b.reason in kinds]
    automatic = [b for b in backups if b.reason == AUTOMATIC]
    kept = (
        _keep_newest_per_bucket(automatic, policy.daily, lambda day: day, now)
        | _keep_newest_per_bucket(automatic, policy.weekly, lambda day: day.isocalendar()[:2], now)
        | _keep_newest_per_bucket(automatic, policy.monthly, lambda day: (day.year, day.month), now)
    )
    for reason in _SAFETY_REASONS:
        safety = [b.path for b in backups if b.reason == reason]
        kept.update(safety[: policy.safety_copies])
    kept.update(Path(path) for path in keep)
    removed: list[Path] = []
    for info in backups:
        if info.path in kept:
            continue
        try:
            info.path.unlink()
        except OSError:
            continue
        removed.append(info.path)
    return removed


# -- restoring ---------------------------------------------------------------------------------
def restore_backup(
    backup: Path,
    plan: Path,
    root: Path,
    *,
    now: datetime,
    policy: RetentionPolicy = DEFAULT_POLICY,
) -> RestoreResult:
    """Make ``plan`` hold exactly what ``backup`` holds, keeping the current plan.

    The plan must be closed (the caller holds its lock). In order:

    1. the backup is checked in full and copied, through the backup API, to a temporary
       file beside the plan, which is checked again and flushed, then renamed to
       ``NAME.restore-ready``;
    2. a safety backup of the current plan is taken (read through its ``-wal``, so nothing
       committed is missed), unless it is too damaged to copy;
    3. the current plan and its ``-wal``/``-shm`` are renamed to ``NAME.replaced-<time>``
       (never deleted), so no old write-ahead log can ever be applied to the restored file;
    4. ``NAME.restore-ready`` is renamed to ``NAME`` and checked once more.

    Killed after step 3, the next open finishes step 4 (see
    :func:`planner.storage.safe_files.recover_interrupted`).

    Args:
        backup: the backup file to restore (any Legwork plan file works).
        plan: the plan file to replace (it need not exist).
        root: the backups root (for the safety backup).
        now: the time (aware), for the safety backup and the kept-aside name.
        policy: the retention policy for the safety backup.

    Raises:
        StorageError: the backup is damaged, not a plan, or too new; or a file cannot be
            written. In every case the plan is left as it was.
    """
    _require_aware(now)
    plan = Path(plan).expanduser().absolute()
    backup = Path(backup).expanduser().absolute()
    parsed = _parse(backup)
    try:
        inspection = _check(backup, full=True)
        size = backup.stat().st_size
    except StorageError as exc:
        refused = StorageError if isinstance(exc, BackupError) else type(exc)
        error = refused(
            f"The backup {backup.name} cannot be restored: {refusal(exc)}.",
            "Your plan was not changed. Choose another backup.",
        )
        if isinstance(error, CorruptDatabaseError):
            error.problems = list(getattr(exc, "problems", []))
        raise error from exc
    except OSError as exc:
        raise StorageError(
            f"The backup {backup.name} cannot be restored: it cannot be read "
            f"({exc.strerror or exc}).",
            "Your plan was not changed. Choose another backup.",
        ) from exc
    when, reason = parsed if parsed is not None else (now, AUTOMATIC)
    restored = _with_counts(BackupInfo(backup, when, reason, size), inspection)
    words = CopyWords(
        f"The backup {backup.name} could not be restored",
        "the backup",
        "your plan",
        "Your plan was not changed.",
    )

    remove_stale_temporaries(plan.parent, plan.name)
    ready = plan.with_name(plan.name + RESTORE_READY_SUFFIX)
    _remove_with_side_files(ready)  # a copy of a backup from a restore that never started
    temporary = temporary_name(plan, "restore")
    copied = _write_verified_copy(backup, temporary, words)
    if copied.counts != inspection.counts:  # pragma: no cover - the backup API copies pages
        _remove_with_side_files(temporary)
        raise StorageError(f"The copy of {backup.name} differs from it.", "Please report this.")
    try:
        move_no_clobber(temporary, ready)
    except OSError as exc:
        _remove_with_side_files(temporary)
        raise words.write_failed(exc, plan.parent) from exc
    fsync_directory(plan.parent)

    safety: BackupInfo | None = None
    kept_aside: Path | None = None
    if plan.exists():
        try:
            safety = make_backup(plan, root, now=now, reason=BEFORE_RESTORE, policy=policy)
        except CorruptDatabaseError:
            safety = None  # too damaged to copy; the file itself is kept aside just below
        except StorageError as exc:
            _remove_with_side_files(ready)
            raise _safety_copy_failed(exc, backup) from exc
        try:
            kept_aside = set_aside(plan, "replaced", now=now)
        except StorageError:
            _remove_with_side_files(ready)
            raise
    try:
        move_no_clobber(ready, plan)
    except OSError as exc:
        raise StorageError(
            f"Legwork could not put the restored plan in place ({exc.strerror or exc}).",
            f"The restored plan is {ready}; your previous plan is {kept_aside}.",
        ) from exc
    fsync_directory(plan.parent)
    final = _check(plan, full=True)  # the plan is closed (the caller holds its lock)
    if final.counts != inspection.counts:  # pragma: no cover - checked twice above
        raise StorageError(
            f"The restored plan {plan} differs from {backup.name}.", "Please report this."
        )
    return RestoreResult(plan, restored, safety, kept_aside)


def _safety_copy_failed(error: StorageError, backup: Path) -> StorageError:
    """A restore of ``backup`` stopped because the backup of the plan it replaces failed."""
    if isinstance(error, BackupError):
        where = f" ({error.where})" if error.where is not None else ""
        return BackupError(
            f"The backup {backup.name} was not restored: before replacing your plan, Legwork "
            f"keeps it as a backup, and {error.cause}{where}.",
            f"Your plan was not changed. {error.hint}".strip(),
            cause=error.cause,
            where=error.where,
        )
    return StorageError(
        f"The backup {backup.name} was not restored: before replacing your plan, Legwork keeps "
        f"it as a backup, and that failed ({error}).",
        f"Your plan was not changed. {error.hint}".strip(),
    )


def copy_backup(backup: Path, folder: Path) -> Path:
    """Copy a backup to a new plan file in ``folder``, to open it without changing the backup.

    The copy is named after the backup (``...-copy.sqlite3``, with a number when taken) and
    checked like any backup.

    Raises:
        StorageError: the backup is damaged, not a plan, or ``folder`` cannot be written.
    """
    backup = Path(backup).expanduser().absolute()
    words = CopyWords(f"Legwork could not copy the backup {backup.name}", "the backup", "the copy")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise words.write_failed(exc, folder) from exc
    stem = backup.stem if backup.suffix else backup.name
    temporary = temporary_name(folder / f"{stem}-copy{_SUFFIX}", "copy")
    _write_verified_copy(backup, temporary, words)

    def name_for(counter: int) -> Path:
        return folder / f"{stem}-copy{'' if counter == 1 else f'-{counter}'}{_SUFFIX}"

    try:
        return _publish(temporary, name_for)
    except OSError as exc:
        raise words.write_failed(exc, folder) from exc
