"""Verified copies of a plan: made, checked, flushed, and only then given their name.

Every copy (a backup, a restore's copy beside the plan, a copy of a backup to open) is made with
SQLite's backup API (a consistent snapshot even while the plan is open), written under a
temporary name, checked with ``PRAGMA integrity_check`` and Legwork's own checks, flushed to
disk, and only then renamed to its final name, never over another file; a copy interrupted at
any moment leaves at most a temporary file, which the next one removes.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Final

from planner.core.ports import StorageError
from planner.storage.backup_names import _SUFFIX, BackupInfo, _backup_words
from planner.storage.backup_words import CopyWords, is_write_failure
from planner.storage.errors import CorruptDatabaseError
from planner.storage.safe_files import (
    fsync_directory,
    fsync_file,
    move_no_clobber,
    side_files,
    temporary_name,
)
from planner.storage.sqlite_file import _connect_read_only, _inspect, _Inspection

__all__ = ["copy_backup"]

_NEW_FILE_MODE: Final = 0o600


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


def _with_counts(info: BackupInfo, inspection: _Inspection) -> BackupInfo:
    return replace(
        info,
        workouts=inspection.counts.get("workouts", 0),
        weigh_ins=inspection.counts.get("weights", 0),
    )


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
