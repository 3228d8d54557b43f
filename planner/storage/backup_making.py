"""Making backups: one now (:func:`make_backup`), or the automatic one of the day when due.

Automatic backups are taken at most once a day (at start or close) and only when the plan
changed since the newest backup. Each backup rotates only backups of its own kind, and never
itself: a backup taken while the computer's clock is behind is "older" than the ones before it,
yet it holds the newest plan.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime
from pathlib import Path

from planner.storage.backup_copies import _publish, _with_counts, _write_verified_copy
from planner.storage.backup_failures import _forget_failure
from planner.storage.backup_listing import list_backups
from planner.storage.backup_names import (
    _SAFETY_REASONS,
    AUTOMATIC,
    BackupInfo,
    _backup_name,
    _backup_words,
    _local_day,
    _prepare_folder,
    _require_aware,
)
from planner.storage.backup_rotation import DEFAULT_POLICY, RetentionPolicy, rotate
from planner.storage.safe_files import remove_stale_temporaries, temporary_name
from planner.storage.sqlite_file import _connect_read_only

__all__ = ["backup_if_due", "make_backup"]


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
