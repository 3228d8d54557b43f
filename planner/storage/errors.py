"""Why a plan file cannot be used: the storage errors, and SQLite failures translated to them.

Standard library only (no SQLAlchemy), so the start-up reader (:mod:`planner.storage.startup`)
raises exactly the errors the SQLAlchemy storage raises without loading it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Final

from planner.core.ports import StorageError

__all__ = [
    "CorruptDatabaseError",
    "DatabasePermissionError",
    "ForeignDatabaseError",
    "IncompleteDatabaseError",
    "NotADatabaseError",
    "SchemaTooNewError",
    "StorageError",
    "storage_error_from_sqlite",
]


class NotADatabaseError(StorageError):
    """The file is not an SQLite database at all: empty, cut short, or something else."""


class IncompleteDatabaseError(NotADatabaseError):
    """The file is empty or cut short: a plan file whose writing was interrupted.

    Unlike other files that are not databases (a text file, random bytes), this one is
    recognisably a damaged plan: the app keeps it aside and offers the newest backup.
    """


class CorruptDatabaseError(StorageError):
    """The file is an SQLite database, but damaged (its integrity check fails).

    Attributes:
        problems: what SQLite's integrity check reported, one problem a line (may be empty).
    """

    def __init__(self, message: str, hint: str = "", problems: Sequence[str] = ()) -> None:
        super().__init__(message, hint)
        self.problems = list(problems)


class ForeignDatabaseError(StorageError):
    """The file is a healthy SQLite database of another application."""


class SchemaTooNewError(StorageError):
    """The file was written by a newer Legwork; this one does not know its schema.

    Attributes:
        revision: the file's schema revision.
    """

    def __init__(self, message: str, hint: str = "", revision: str = "") -> None:
        super().__init__(message, hint)
        self.revision = revision


class DatabasePermissionError(StorageError):
    """The operating system does not let Legwork read (or create) the file."""


# SQLite primary result codes (https://www.sqlite.org/rescode.html).
SQLITE_PERM: Final = 3
SQLITE_BUSY: Final = 5
SQLITE_LOCKED: Final = 6
SQLITE_READONLY: Final = 8
SQLITE_IOERR: Final = 10
SQLITE_CORRUPT: Final = 11
SQLITE_FULL: Final = 13
SQLITE_CANTOPEN: Final = 14
SQLITE_CONSTRAINT: Final = 19
SQLITE_AUTH: Final = 23
SQLITE_NOTADB: Final = 26
# Extended result codes that name the real cause of a failed write.
SQLITE_READONLY_CANTLOCK: Final = SQLITE_READONLY | (2 << 8)
SQLITE_READONLY_DBMOVED: Final = SQLITE_READONLY | (4 << 8)
SQLITE_READONLY_CANTINIT: Final = SQLITE_READONLY | (5 << 8)
SQLITE_READONLY_DIRECTORY: Final = SQLITE_READONLY | (6 << 8)

_LOCKED_HINT = (
    "Close other programs that use it (another Legwork window, a sync or backup tool) "
    "and try again. Your last change was not saved."
)
_READ_ONLY_HINT = (
    "Legwork cannot save changes to it. Check the file's permissions, or copy it to a "
    "folder you can write to and open the copy."
)
_DAMAGED_HINT = (
    "Legwork did not change it. Keep it aside and restore the newest backup (see `legwork check`)."
)


def primary_result_code(exc: BaseException) -> int | None:
    """The SQLite primary result code of an ``sqlite3`` error, or ``None`` when it has none."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _read_only_error(extended: object) -> StorageError:
    """The read-only failure, named as precisely as SQLite's extended code allows."""
    if extended == SQLITE_READONLY_DIRECTORY:
        return StorageError(
            "The folder holding the plan file is write-protected.",
            "Legwork cannot save changes there. Make the folder writable, or copy the plan "
            "to a folder you can write to and open the copy. Your last change was not saved.",
        )
    if extended == SQLITE_READONLY_DBMOVED:
        return StorageError(
            "The plan file was moved or deleted while Legwork had it open.",
            "Your last change was not saved. Put the file back, or open it where it is now.",
        )
    if extended in (SQLITE_READONLY_CANTINIT, SQLITE_READONLY_CANTLOCK):
        return StorageError(
            "The plan's shared-memory file (-shm) is write-protected.",
            "Close other programs that use the plan, then restart Legwork. Your last change "
            "was not saved.",
        )
    return StorageError("The plan file is read-only.", _READ_ONLY_HINT)


def storage_error_from_sqlite(exc: BaseException) -> StorageError:
    """Translate an ``sqlite3`` failure into a :class:`StorageError` written for people.

    :func:`planner.storage.repository.storage_error` unwraps SQLAlchemy's ``DBAPIError``
    and delegates here.

    Args:
        exc: an ``sqlite3.Error`` (its result code and message are inspected); any other
            exception gets the generic message.

    Returns:
        The error to raise (``raise storage_error_from_sqlite(exc) from exc``).
    """
    primary = primary_result_code(exc)
    text = str(exc).lower()
    if primary in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in text:
        return StorageError("The plan file is locked by another program.", _LOCKED_HINT)
    if primary == SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return _read_only_error(getattr(exc, "sqlite_errorcode", None))
    if primary == SQLITE_FULL or "disk is full" in text:
        return StorageError(
            "The disk holding the plan file is full.",
            "Free some space and try again. Your last change was not saved.",
        )
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB) or "malformed" in text:
        return CorruptDatabaseError("The plan file is damaged.", _DAMAGED_HINT)
    if primary in (SQLITE_PERM, SQLITE_AUTH, SQLITE_CANTOPEN):
        return DatabasePermissionError(
            "The plan file cannot be opened.",
            "Check that the file and its folder still exist and that you may write to them.",
        )
    if primary == SQLITE_IOERR:
        return StorageError(
            "The plan file could not be read or written (a disk error).",
            "Check that the disk or network drive is still there; your last change was not saved.",
        )
    if isinstance(exc, sqlite3.IntegrityError) or primary == SQLITE_CONSTRAINT:
        return StorageError(
            "The plan file refused a value it cannot hold.",
            f"Nothing was saved. This is a bug in Legwork; please report it ({exc}).",
        )
    return StorageError(f"The plan file could not be used ({exc}).", "Nothing was saved.")
