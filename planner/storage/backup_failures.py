"""The record of the last backup that failed, kept beside the plan's backups until one succeeds.

When an automatic backup fails, :func:`record_failure` keeps why beside the backups
(``last-failure.json``, best effort), so the Backups dialog can tell of a failure at close on the
next start; the next backup that succeeds removes it.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from planner.core.ports import StorageError
from planner.storage.backup_names import _require_aware, backup_folder
from planner.storage.backup_words import failure_cause
from planner.storage.safe_files import temporary_name

__all__ = ["FAILURE_NAME", "BackupFailure", "last_failure", "record_failure"]

#: The file, in each plan's backup folder, that tells of the last backup that failed.
FAILURE_NAME: Final = "last-failure.json"


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
