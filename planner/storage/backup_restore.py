"""Restoring a backup: the plan comes to hold exactly what the backup holds, and nothing is lost.

The backup is copied and checked beside the plan first, the current plan is backed up and kept
aside, and only then is the copy renamed into place (see :func:`restore_backup`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planner.core.ports import StorageError
from planner.storage.backup_copies import (
    _check,
    _remove_with_side_files,
    _with_counts,
    _write_verified_copy,
)
from planner.storage.backup_making import make_backup
from planner.storage.backup_names import (
    AUTOMATIC,
    BEFORE_RESTORE,
    BackupInfo,
    _parse,
    _require_aware,
)
from planner.storage.backup_rotation import DEFAULT_POLICY, RetentionPolicy
from planner.storage.backup_words import BackupError, CopyWords, refusal
from planner.storage.errors import CorruptDatabaseError
from planner.storage.safe_files import (
    RESTORE_READY_SUFFIX,
    fsync_directory,
    move_no_clobber,
    remove_stale_temporaries,
    set_aside,
    temporary_name,
)

__all__ = ["RestoreResult", "restore_backup"]


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
