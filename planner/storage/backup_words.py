"""How a failed backup, restore or copy is told: what happened to which file, why, what to do.

A full disk, a read-only disk, a folder Legwork may not write to, a file where a folder should
be, a damaged or locked source: each is named in plain words with what to do, and the file is
named as what it is to the runner (the backup, your plan, the copy beside it), never as "the
plan file" when it is a backup. Standard library only, like :mod:`planner.storage.backups`.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from planner.core.ports import StorageError
from planner.storage.errors import (
    SQLITE_AUTH,
    SQLITE_BUSY,
    SQLITE_CANTOPEN,
    SQLITE_CORRUPT,
    SQLITE_FULL,
    SQLITE_IOERR,
    SQLITE_LOCKED,
    SQLITE_NOTADB,
    SQLITE_PERM,
    SQLITE_READONLY,
    CorruptDatabaseError,
    DatabasePermissionError,
    ForeignDatabaseError,
    NotADatabaseError,
    SchemaTooNewError,
    primary_result_code,
)

__all__ = ["BackupError", "CopyWords", "failure_cause", "is_write_failure", "refusal"]


class BackupError(StorageError):
    """A backup, a restore or a copy of a backup could not be written or read.

    The message says what could not be done to which file, and why; the hint, what to do.

    Attributes:
        cause: why, in a few words, for a status line (``the disk holding the backups is
            full``).
        where: the folder that could not be written, when that was the problem.
    """

    def __init__(
        self, message: str, hint: str = "", *, cause: str = "", where: Path | None = None
    ) -> None:
        super().__init__(message, hint)
        self.cause = cause or message
        self.where = where


_FULL: Final = "full"
_READ_ONLY_DISK: Final = "read-only"
_DENIED: Final = "denied"
_NOT_A_FOLDER: Final = "not a folder"
_DISK_ERROR: Final = "disk error"
_ERRNO_KINDS: Final = {
    errno.ENOSPC: _FULL,
    errno.EDQUOT: _FULL,
    errno.EROFS: _READ_ONLY_DISK,
    errno.EACCES: _DENIED,
    errno.EPERM: _DENIED,
    errno.ENOTDIR: _NOT_A_FOLDER,
    errno.EEXIST: _NOT_A_FOLDER,  # a file where a folder is to be made
    errno.EIO: _DISK_ERROR,
}
_SQLITE_KINDS: Final = {
    SQLITE_FULL: _FULL,
    SQLITE_READONLY: _DENIED,
    SQLITE_PERM: _DENIED,
    SQLITE_AUTH: _DENIED,
    SQLITE_CANTOPEN: _DENIED,
    SQLITE_IOERR: _DISK_ERROR,
}
#: SQLite's extended I/O error codes that come from writing (write, fsync, directory fsync,
#: truncate, delete); the others come from reading.
_SQLITE_WRITE_ERRORS: Final = frozenset(SQLITE_IOERR | (n << 8) for n in (3, 4, 5, 6, 10))
_FREE_SPACE: Final = (
    "Free some space on that disk (empty the trash, or move large files elsewhere), then try again."
)


@dataclass(frozen=True)
class _Cause:
    """Why a file could not be written, for people.

    Attributes:
        text: the cause, e.g. ``the disk holding the backups is full``.
        todo: what to do about it.
    """

    text: str
    todo: str


def _kind_of(exc: BaseException) -> str | None:
    """The kind of a write failure (:data:`_FULL`, ...), or ``None`` when it has no name."""
    if isinstance(exc, OSError):
        return _ERRNO_KINDS.get(exc.errno or 0)
    primary = primary_result_code(exc)
    return None if primary is None else _SQLITE_KINDS.get(primary)


def is_write_failure(exc: sqlite3.Error) -> bool:
    """Whether an error of SQLite's copy came from writing the copy (not reading the source)."""
    extended = getattr(exc, "sqlite_errorcode", None)
    return _kind_of(exc) in (_FULL, _DENIED) or extended in _SQLITE_WRITE_ERRORS


def _file_in_the_way(folder: Path) -> Path | None:
    """The file that stands where ``folder`` or one of its parents should be, if one does."""
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate):
            return None if candidate.is_dir() else candidate
    return None


def _write_cause(exc: BaseException, folder: Path, holding: str) -> _Cause:
    """Why writing in ``folder`` failed; ``holding`` says what it holds (``the backups``)."""
    kind = _kind_of(exc)
    in_the_way = _file_in_the_way(folder) if kind == _NOT_A_FOLDER else None
    if kind == _FULL:
        return _Cause(f"the disk holding {holding} is full", _FREE_SPACE)
    if kind == _READ_ONLY_DISK:
        return _Cause(
            f"the disk holding {holding} is read-only",
            "Check that the disk is not write-protected, then try again.",
        )
    if kind == _DENIED:
        return _Cause(
            f"Legwork may not write to the folder holding {holding}",
            "Check that the folder belongs to you and that you may write to it.",
        )
    if in_the_way is not None:
        return _Cause(
            f"{in_the_way} is a file, not a folder", "Move or rename that file, then try again."
        )
    if kind == _DISK_ERROR:
        return _Cause(
            f"the disk holding {holding} reported an error",
            "Check that the disk is connected and working, then try again.",
        )
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return _Cause(
        f"the system refused to write there ({reason})",
        "Try again; if it keeps failing, check that disk.",
    )


@dataclass(frozen=True)
class CopyWords:
    """How the failures of one copy name its files, for people.

    Attributes:
        failed: what did not happen, the start of each message (``Legwork could not back
            up plan.sqlite3``).
        source: the file copied (``your plan``, ``the backup``).
        holding: what the folder of the copy holds (``the backups``, ``your plan``).
        unchanged: what stayed as it was (``Your plan was not changed.``), or "".
    """

    failed: str
    source: str
    holding: str
    unchanged: str = ""

    def write_failed(self, exc: BaseException, folder: Path) -> BackupError:
        """The copy could not be written in ``folder``."""
        cause = _write_cause(exc, folder, self.holding)
        return BackupError(
            f"{self.failed}: {cause.text} ({folder}).",
            f"{self.unchanged} {cause.todo}".strip(),
            cause=cause.text,
            where=folder,
        )

    def read_failed(self, exc: sqlite3.Error, path: Path) -> StorageError:
        """The source at ``path`` could not be read."""
        primary = primary_result_code(exc)
        if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
            return CorruptDatabaseError(
                f"{self.failed}: {self.source} is damaged ({exc}).",
                f"{self.unchanged} Run `legwork check --db {path}` to see what is wrong.".strip(),
            )
        if primary in (SQLITE_BUSY, SQLITE_LOCKED):
            cause = f"{self.source} is locked by another program"
            todo = "Close the other programs that use it, then try again."
        else:
            cause = f"{self.source} could not be read ({exc})"
            todo = "Check that the disk is connected and working, then try again."
        return BackupError(
            f"{self.failed}: {cause}.", f"{self.unchanged} {todo}".strip(), cause=cause
        )


def refusal(exc: StorageError) -> str:
    """Why a file that failed its check cannot be restored: ``it is damaged (...)``."""
    if isinstance(exc, CorruptDatabaseError | NotADatabaseError):
        problems: list[str] = getattr(exc, "problems", [])
        return f"it is damaged ({problems[0]})" if problems else "it is damaged"
    if isinstance(exc, SchemaTooNewError):
        return "it was made by a newer version of Legwork"
    if isinstance(exc, ForeignDatabaseError):
        return "it is not a Legwork plan"
    if isinstance(exc, DatabasePermissionError):
        return "Legwork may not read it"
    return f"it cannot be read ({exc})"


def failure_cause(error: StorageError) -> str:
    """Why a backup failed, in a few words (the whole message when there are no fewer)."""
    if isinstance(error, BackupError):
        return error.cause
    if isinstance(error, CorruptDatabaseError | NotADatabaseError):
        return "your plan may be damaged"
    return str(error)
