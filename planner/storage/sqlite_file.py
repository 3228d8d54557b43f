"""The plan file as SQLite sees it: header checks, read-only inspection, side files.

Standard library only at import time (no SQLAlchemy, no Alembic), so both the SQLAlchemy
storage (:mod:`planner.storage.db`) and the start-up reader (:mod:`planner.storage.startup`)
refuse exactly the same files, with the same errors, without writing a byte. Alembic is
imported only to list the known schema revisions, which is needed only when a file's
revision is not :data:`SCHEMA_HEAD`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import sys
import urllib.parse
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Final

from planner.core.ports import StorageError
from planner.storage.errors import (
    SQLITE_CORRUPT,
    SQLITE_NOTADB,
    CorruptDatabaseError,
    DatabasePermissionError,
    ForeignDatabaseError,
    IncompleteDatabaseError,
    NotADatabaseError,
    SchemaTooNewError,
    primary_result_code,
    storage_error_from_sqlite,
)

if TYPE_CHECKING:  # Alembic costs ~0.3 s to import: only migrations load it.
    from alembic.script import ScriptDirectory

__all__ = [
    "APPLICATION_ID",
    "BUSY_TIMEOUT_S",
    "LEGWORK_TABLES",
    "MIGRATIONS_DIR",
    "SCHEMA_HEAD",
    "known_revisions",
]

#: The newest schema revision this Legwork knows (the single Alembic head).
SCHEMA_HEAD: Final = "2b2ee1c1a835"
#: The Alembic script directory, shipped inside the package.
MIGRATIONS_DIR: Final = Path(__file__).resolve().with_name("migrations")
#: ``PRAGMA application_id`` of a Legwork plan file (ASCII "LgWk"), set by the first revision.
APPLICATION_ID: Final = 0x4C67576B
#: How long a connection waits for another writer before giving up, in seconds.
BUSY_TIMEOUT_S: Final = 2.0
#: The tables every Legwork database has (besides ``alembic_version``); a test checks that
#: this equals the ORM's tables (``planner.storage.orm.LEGWORK_TABLES``).
LEGWORK_TABLES: Final = frozenset({"activities", "settings", "templates", "weights", "workouts"})
#: The tables a Legwork file has at every revision (``activities`` came with d1a2c7e0b5f3).
FIRST_TABLES: Final = frozenset({"settings", "templates", "weights", "workouts"})

_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100

NOT_LEGWORK_HINT: Final = (
    "Choose your Legwork plan file, or a new file name to start a new plan. "
    "Legwork did not change this file."
)
BACKUP_HINT: Final = (
    "Legwork did not change it. Keep it aside and restore the newest backup, or start a new "
    "plan file."
)


# -- alembic revisions -----------------------------------------------------------------------
@lru_cache(maxsize=4)
def _script_directory(location: str) -> ScriptDirectory:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", location)
    return ScriptDirectory.from_config(config)


def known_revisions() -> frozenset[str]:
    """Every schema revision this Legwork can open (and upgrade from); imports Alembic."""
    script = _script_directory(str(MIGRATIONS_DIR))
    return frozenset(rev.revision for rev in script.walk_revisions())


# -- paths and connections -------------------------------------------------------------------
def _file_uri(path: Path, mode: str, *, immutable: bool = False) -> str:
    """An SQLite URI for ``path``; any file name the system allows, not only valid UTF-8.

    The file name's bytes, as the operating system stores them (``os.fsencode``: a Latin-1
    ``Läufe`` folder arrives as surrogate escapes), are percent-encoded, and SQLite decodes
    them back to those bytes.
    """
    uri = f"file:{urllib.parse.quote(os.fsencode(path.absolute()))}?mode={mode}"
    return uri + "&immutable=1" if immutable else uri


def _side_files(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def make_side_files_writable(path: Path) -> None:
    """Give our own leftover write-protected ``-wal``/``-shm`` files back their write bit.

    SQLite gives the side files the plan's mode. After a session on a write-protected (0400)
    plan, they stay 0400 when the plan is made writable again, and SQLite then opens the
    plan read-only. The files are ours and hold nothing but SQLite's bookkeeping, so they
    get the plan's mode back (never deleted: another reader may use them).

    Call it before this process opens any connection to the plan: SQLite shares one
    ``-shm`` mapping between all the connections of a process, so a connection opened while
    the ``-shm`` was still read-only would keep every later one of this process read-only.
    Does nothing unless the plan itself is writable.
    """
    if sys.platform == "win32":  # pragma: no cover - no modes to repair
        return
    if not os.access(path, os.W_OK):
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode) | stat.S_IRUSR | stat.S_IWUSR
    except OSError:
        return
    for side in _side_files(path):
        try:
            owner = side.stat().st_uid
        except OSError:
            continue
        if owner == os.getuid() and not os.access(side, os.W_OK):
            with contextlib.suppress(OSError):
                os.chmod(side, mode & 0o666)


def _remove_empty_side_files(path: Path) -> None:
    """Have SQLite delete the empty ``-wal``/``-shm`` files a read-only open left beside ``path``.

    Why not ``immutable=1`` for long read-only opens, as :func:`_inspect` does when there is
    no ``-wal``? An immutable connection takes no locks and keeps no read mark in the
    ``-shm`` file, so nothing stops another process that opens the file after us (the app,
    say) from checkpointing its write-ahead log into the database file (on close, or every
    1000 pages) while we are in the middle of a read. That read could mix old and new pages:
    a wrong result or a spurious "damaged" error, not just a stale one. A read-only
    ``Database`` (or the start-up reader) may stay open for long, so they use plain
    ``mode=ro``, which reads consistently through the log; its only cost is that SQLite
    creates ``-wal``/``-shm`` files it may not delete again.

    This removes them the way SQLite removes them when the last writer closes: a read-write
    connection that reads once and closes. On close SQLite takes an exclusive lock on the
    database file, which fails while any other connection (in any process, this one
    included) has it open, and only then checkpoints (nothing: the log is empty) and deletes
    both files. So files another connection uses are never touched. Should another program
    commit to the log between the size check below and that close, SQLite folds those
    committed pages into the file, exactly as that program's own close would have.

    Best effort: when the file is not writable (a write-protected plan) or anything fails,
    the files stay where they are. They hold no data, but SQLite gave them the plan's mode:
    after a write-protected (0400) plan is made writable again, its leftover read-only
    ``-shm`` makes Legwork open it read-only until that file is deleted.
    """
    wal, _shm = _side_files(path)
    try:
        if wal.stat().st_size != 0 or not os.access(path, os.W_OK):
            return  # somebody wrote there since we opened: leave their log alone
        connection = sqlite3.connect(
            _file_uri(path, "rw"), uri=True, isolation_level=None, timeout=0
        )
    except (OSError, sqlite3.Error):
        return
    try:
        connection.execute("PRAGMA schema_version").fetchone()  # opens the log and -shm
    except sqlite3.Error:
        pass
    finally:
        with contextlib.suppress(sqlite3.Error):
            connection.close()


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only ``sqlite3`` connection that writes nothing next to the file either.

    When no ``-wal`` file exists, nobody has the database open in WAL mode and the file
    holds all of it: it is opened ``immutable`` so SQLite creates no ``-wal``/``-shm`` files.
    Otherwise (another process has it open, or a crash left a journal) SQLite's normal
    read-only mode reads through the existing write-ahead log.
    """
    wal, _shm = _side_files(path)
    uri = _file_uri(path, "ro", immutable=not wal.exists())
    connection = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    connection.execute(f"PRAGMA busy_timeout = {round(BUSY_TIMEOUT_S * 1000)}")
    return connection


# -- read-only inspection --------------------------------------------------------------------
def _descriptor_on(identity: tuple[int, int]) -> int | None:
    """A file descriptor this process already has open on the file ``identity`` names.

    ``identity`` is ``(st_dev, st_ino)``. Returns ``None`` when this process has none on it.

    Raises:
        LookupError: this system cannot list a process's descriptors (no ``/proc/self/fd``
            nor ``/dev/fd``), so it cannot be known.
    """
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            try:
                found = os.stat(f"{folder}/{name}")  # follows the link; opens nothing
            except OSError:
                continue  # the listing's own descriptor, or one closed meanwhile
            if (found.st_dev, found.st_ino) == identity:
                return int(name)
        return None
    raise LookupError("this system cannot list the files a process has open")


def _read_header(path: Path) -> tuple[int, bytes | None]:
    """The size of ``path`` and its first :data:`_HEADER_SIZE` bytes, closing no lock away.

    POSIX drops *all* of a process's ``fcntl`` locks on a file when the process closes *any*
    descriptor of it (SQLite's "How To Corrupt An SQLite Database File", section 2.2). A
    plain ``open()`` and ``close()`` of a plan that an SQLite connection of this process has
    open would silently release that connection's locks: another program would then think
    the plan is not in use, checkpoint, and delete the write-ahead log the app still writes
    into. So when this process already has the file open (SQLite has), the header is read
    through that descriptor with ``pread``, which neither moves its offset nor closes it;
    only a file nobody here has open is opened, read and closed.

    Returns:
        The size, and the header (``None`` where it could not be read without that risk:
        a system that cannot list a process's open files; SQLite's own checks then judge).

    Raises:
        OSError: the file cannot be read (as ``open()`` raises it).
    """
    if os.name != "posix":
        with path.open("rb") as handle:  # no fcntl locks to lose
            return os.fstat(handle.fileno()).st_size, handle.read(_HEADER_SIZE)
    for _attempt in range(3):
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
        try:
            descriptor = _descriptor_on((info.st_dev, info.st_ino))
        except LookupError:
            return info.st_size, None
        if descriptor is None:
            with path.open("rb") as handle:
                return os.fstat(handle.fileno()).st_size, handle.read(_HEADER_SIZE)
        try:
            header = os.pread(descriptor, _HEADER_SIZE, 0)
            again = os.fstat(descriptor)
        except OSError:
            continue  # closed meanwhile: look again
        if (again.st_dev, again.st_ino) == (info.st_dev, info.st_ino):
            return again.st_size, header
    raise OSError(errno.EAGAIN, "the file kept changing while Legwork read it", str(path))


def _check_header(path: Path) -> None:
    """Refuse files that cannot be an intact SQLite database, reading only their header."""
    try:
        size, header = _read_header(path)
    except FileNotFoundError:
        raise StorageError(f"There is no plan file at {path} (no such file).") from None
    except IsADirectoryError:
        raise NotADatabaseError(f"{path} is a folder, not a plan file.", NOT_LEGWORK_HINT) from None
    except PermissionError:
        raise DatabasePermissionError(
            f"Legwork may not read the plan file {path} (permission denied).",
            "Check the file's owner and permissions: it should belong to you and be "
            "readable and writable by you (chmod 600).",
        ) from None
    except OSError as exc:
        raise StorageError(
            f"The plan file {path} could not be read ({exc.strerror}).",
            "Check that the disk or network drive is still there.",
        ) from None
    if size == 0:
        raise IncompleteDatabaseError(f"The plan file {path} is empty.", NOT_LEGWORK_HINT)
    if header is None:
        return
    if not header.startswith(_SQLITE_MAGIC):
        raise NotADatabaseError(
            f"{path} is not a Legwork plan file (not an SQLite database).", NOT_LEGWORK_HINT
        )
    if len(header) < _HEADER_SIZE:
        raise IncompleteDatabaseError(
            f"The plan file {path} is cut short ({size} bytes).", BACKUP_HINT
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise CorruptDatabaseError(f"The plan file {path} is damaged (bad header).", BACKUP_HINT)
    pages = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    if size % page_size or (counter_valid and pages and size < pages * page_size):
        expected = pages * page_size if counter_valid and pages else size
        raise IncompleteDatabaseError(
            f"The plan file {path} is cut short ({size} of {expected} bytes).", BACKUP_HINT
        )


@dataclass(frozen=True)
class _Inspection:
    """What :func:`_inspect` found.

    Attributes:
        revision: the file's schema revision.
        head: the newest revision this Legwork knows (:data:`SCHEMA_HEAD` at the time).
        tables: the file's tables.
        counts: rows per Legwork table (full inspections only).
    """

    revision: str
    head: str
    tables: frozenset[str]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def current(self) -> bool:
        """The file is at the newest schema (no upgrade needed)."""
        return self.revision == self.head


def _sqlite_refusal(exc: sqlite3.Error, path: Path) -> StorageError:
    code = primary_result_code(exc)
    if code == SQLITE_NOTADB:
        return NotADatabaseError(
            f"{path} is not a Legwork plan file (not a usable SQLite database).",
            NOT_LEGWORK_HINT,
        )
    if code == SQLITE_CORRUPT:
        return CorruptDatabaseError(f"The plan file {path} is damaged ({exc}).", BACKUP_HINT)
    error = storage_error_from_sqlite(exc)
    return type(error)(f"{error} ({path})", error.hint)


def _lenient_text(data: bytes) -> str:
    """Text from a file being checked: bytes that are not UTF-8 are replaced, not fatal."""
    return data.decode("utf-8", "replace")


def _integrity_problems(connection: sqlite3.Connection, pragma: str) -> list[str]:
    """The problems ``PRAGMA integrity_check``/``quick_check`` reports, one a line; [] if ok."""
    lines: list[str] = []
    for (text,) in connection.execute(f"PRAGMA {pragma}(100)"):
        # A damaged page's bytes can end up in the report: read it as bytes, never fail on it.
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        lines += [line.strip() for line in str(text).splitlines() if line.strip()]
    if lines == ["ok"]:
        return []
    return [line for line in lines if not line.startswith("*** in database")] or lines


def _inspect(path: Path, *, full: bool) -> _Inspection:
    """Check ``path`` without writing anything (not even ``-wal``/``-shm`` files).

    These are the checks every open makes before it opens: the header, ``PRAGMA
    quick_check`` (``integrity_check`` when ``full``), the application id, Legwork's tables
    and a schema revision this Legwork knows.

    Raises:
        StorageError: a subclass saying why the file cannot be opened as a Legwork plan.
    """
    _check_header(path)
    try:
        connection = _connect_read_only(path)
    except sqlite3.Error as exc:
        raise _sqlite_refusal(exc, path) from exc
    connection.text_factory = _lenient_text
    try:
        check = "integrity_check" if full else "quick_check"
        problems = _integrity_problems(connection, check)
        if problems:
            more = f" and {len(problems) - 1} more problems" if len(problems) > 1 else ""
            raise CorruptDatabaseError(
                f"The plan file {path} is damaged ({problems[0]}{more}).",
                BACKUP_HINT,
                problems,
            )
        application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
        tables = frozenset(
            str(row[0])
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        ours = tables >= FIRST_TABLES and "alembic_version" in tables
        if application_id != APPLICATION_ID and (application_id != 0 or not ours):
            raise ForeignDatabaseError(
                f"{path} is an SQLite database of another application, not a Legwork plan.",
                NOT_LEGWORK_HINT,
            )
        versions = (
            [str(row[0]) for row in connection.execute("SELECT version_num FROM alembic_version")]
            if "alembic_version" in tables
            else []
        )
        if len(versions) != 1 or "\ufffd" in versions[0]:  # none, several, or not text
            raise CorruptDatabaseError(
                f"The plan file {path} has no valid schema version.", BACKUP_HINT
            )
        revision, head = versions[0], SCHEMA_HEAD
        if revision != head and revision not in known_revisions():
            raise SchemaTooNewError(
                f"This plan file was written by a newer Legwork (schema {revision}); "
                "update Legwork to open it.",
                "This Legwork left the file untouched.",
                revision=revision,
            )
        needed = LEGWORK_TABLES if revision == head else FIRST_TABLES
        if not tables >= needed:
            missing = ", ".join(sorted(needed - tables))
            raise CorruptDatabaseError(
                f"The plan file {path} is missing tables ({missing}).", BACKUP_HINT
            )
        counts: dict[str, int] = {}
        if full:
            for table in sorted(needed):
                row = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()
                counts[table] = int(row[0])
        return _Inspection(revision, head, tables, counts)
    except sqlite3.Error as exc:
        raise _sqlite_refusal(exc, path) from exc
    except (ValueError, MemoryError, OverflowError) as exc:
        # Damage can make the check itself fail: SQLite's report holds bytes that are not
        # text, or a damaged length asks for more memory than there is. That is damage too.
        problem = f"{type(exc).__name__}: {exc}"
        raise CorruptDatabaseError(
            f"The plan file {path} is damaged ({problem}).", BACKUP_HINT, [problem]
        ) from exc
    finally:
        connection.close()
