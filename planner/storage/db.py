"""The plan file: create, check, open, upgrade and back up an SQLite database.

Opening is careful with people's data:

* a new file is created with mode 0600 before SQLite touches it, migrated to the newest
  schema with Alembic and given the built-in workout library;
* an existing file is first checked through a read-only connection (SQLite header, ``PRAGMA
  quick_check``, Legwork's tables and schema revision). A file that is not a Legwork plan, is
  damaged, or was written by a newer Legwork is refused with a :class:`StorageError` and left
  byte-for-byte as it was;
* a file with an older schema is backed up (SQLite backup API) and then upgraded in one
  transaction.

The checks every open makes before it opens live in :mod:`planner.storage.sqlite_file`
(standard library only), shared with the fast start-up reader of
:mod:`planner.storage.startup`, so both refuse the same files with the same errors.

A read-only open (``export``, ``print-week``) leaves no ``-wal``/``-shm`` files behind when
it found none: see :meth:`Database.close`.

Every connection runs in WAL mode with ``synchronous=FULL``, foreign keys on and a short busy
timeout; transactions are started explicitly (``BEGIN``/``BEGIN IMMEDIATE``) rather than by
the ``sqlite3`` module's implicit handling, so reads and DDL are transactional too.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import ConnectionPoolEntry

from planner.core.ports import StorageError
from planner.storage import sqlite_file
from planner.storage.backups import BEFORE_UPGRADE, make_backup
from planner.storage.errors import (
    CorruptDatabaseError,
    DatabasePermissionError,
    ForeignDatabaseError,
    NotADatabaseError,
    SchemaTooNewError,
)
from planner.storage.repository import (
    SqlPlanRepository,
    seed_builtin_templates,
    storage_error,
)
from planner.storage.safe_files import (
    fsync_directory,
    fsync_file,
    move_no_clobber,
    recover_interrupted,
    remove_stale_temporaries,
    side_files,
    temporary_name,
)
from planner.storage.sqlite_file import (
    APPLICATION_ID,
    BUSY_TIMEOUT_S,
    MIGRATIONS_DIR,
    SCHEMA_HEAD,
    _file_uri,
    _inspect,
    _remove_empty_side_files,
    _side_files,
    known_revisions,
    make_side_files_writable,
)

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS_DIR",
    "SCHEMA_HEAD",
    "CheckResult",
    "CorruptDatabaseError",
    "Database",
    "DatabasePermissionError",
    "ForeignDatabaseError",
    "NotADatabaseError",
    "SchemaTooNewError",
    "alembic_config",
    "check_database",
    "known_revisions",
    "make_engine",
    "open_database",
]

if TYPE_CHECKING:  # Alembic costs ~0.3 s to import: only migrations load it.
    from alembic.config import Config

_NEW_FILE_MODE = 0o600


# -- alembic ---------------------------------------------------------------------------------
def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration for Legwork's migrations, without any ``alembic.ini``.

    To write a new revision during development::

        from alembic import command
        command.revision(alembic_config("sqlite:///dev.sqlite3"), "what changed",
                         autogenerate=True)

    Args:
        url: a database URL for Alembic's own commands; not needed when a connection is
            passed in ``config.attributes["connection"]``.
    """
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(sqlite_file.MIGRATIONS_DIR))
    config.set_main_option(
        "file_template",
        "%%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d-%%(rev)s_%%(slug)s",
    )
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


# -- engines ---------------------------------------------------------------------------------
def make_engine(
    path: Path, *, read_only: bool = False, busy_timeout: float = BUSY_TIMEOUT_S
) -> Engine:
    """An engine on an existing SQLite file with Legwork's connection setup.

    Every new connection gets ``journal_mode=WAL`` (writable engines only), ``synchronous=FULL``,
    ``foreign_keys=ON`` and ``busy_timeout``. The ``sqlite3`` module's implicit transactions
    are turned off and each transaction starts with an explicit ``BEGIN`` (or the mode in
    the ``sqlite_begin`` execution option, e.g. ``IMMEDIATE`` for writers).

    Args:
        path: the database file; it must exist (SQLite is never allowed to create it).
        read_only: open with ``mode=ro``; every write fails with "read-only". SQLite then
            creates the ``-wal``/``-shm`` files it needs to read a WAL database but never
            deletes them (:meth:`Database.close` has SQLite remove them when it may).
        busy_timeout: seconds to wait for a lock held by another connection.
    """
    wal, _shm = _side_files(path)
    # Read-only in a folder we may not write: SQLite could not create the shared-memory
    # file a WAL reader needs. Nobody writes there either (no -wal), so read it as immutable.
    immutable = read_only and not wal.exists() and not os.access(path.parent, os.W_OK)
    url = URL.create(
        "sqlite",
        database=_file_uri(path, "ro" if read_only else "rw", immutable=immutable),
        query={"uri": "true"},
    )
    engine = create_engine(url)
    timeout_ms = max(0, round(busy_timeout * 1000))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        # Autocommit at the driver level: SQLAlchemy's "begin" event below emits BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
            if not read_only:
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


# -- check -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class CheckResult:
    """What ``legwork check`` reports about a plan file.

    Attributes:
        ok: the file is healthy and this Legwork can open it.
        message: one line for people.
        details: further lines (counts, schema, the hint when not ok).
    """

    ok: bool
    message: str
    details: list[str] = field(default_factory=list)


def check_database(path: Path) -> CheckResult:
    """Check a plan file's integrity and schema, strictly read-only.

    The file is opened with a ``mode=ro`` URI; this works while Legwork has the file open
    for writing (it reads through the write-ahead log) and changes no byte of it.
    """
    path = Path(path)
    if not path.exists():
        return CheckResult(False, f"{path}: no such file", [])
    try:
        inspection = _inspect(path, full=True)
    except StorageError as error:
        details = [error.hint] if error.hint else []
        if isinstance(error, CorruptDatabaseError):
            details += error.problems[:20]
        return CheckResult(False, str(error), details)
    counts = inspection.counts
    details = [
        f"file: {path}",
        f"schema: {inspection.revision}"
        + (" (current)" if inspection.current else f" (newest: {inspection.head})"),
        "integrity: ok",
        f"workouts: {counts.get('workouts', 0)}",
        f"weigh-ins: {counts.get('weights', 0)}",
        f"library entries: {counts.get('templates', 0)}",
    ]
    if not inspection.current:
        message = (
            f"{path}: healthy; older schema {inspection.revision}, which Legwork upgrades "
            "(after a backup) when it opens the file"
        )
    else:
        message = f"{path}: healthy, {counts.get('workouts', 0)} workouts, schema up to date"
    return CheckResult(True, message, details)


# -- backups ---------------------------------------------------------------------------------
def _now() -> datetime:
    return datetime.now().astimezone()


def _default_backup_root() -> Path:
    from planner.paths import backup_dir

    return backup_dir()


# -- the open database -----------------------------------------------------------------------
class Database:
    """An open plan file.

    Attributes:
        path: the file.
        engine: its SQLAlchemy engine (connection setup from :func:`make_engine`).
        repository: the plan repository on it.
        read_only: opened read-only (by request, or because the file or its folder is
            write-protected); every write raises :class:`StorageError`.
        read_only_reason: why a plan opened for writing could only be read, in words for a
            banner (``None`` when writable or read-only by request).
        upgraded_from: the schema revision the file had before this open upgraded it, or
            ``None``.
        backup_path: the safety backup made before that upgrade, or ``None``.

    ``remove_side_files`` (read-only opens): there was no ``-wal`` file when the engine was
    made, so :meth:`close` removes the empty ``-wal``/``-shm`` files the reading created.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        read_only: bool = False,
        read_only_reason: str | None = None,
        upgraded_from: str | None = None,
        backup_path: Path | None = None,
        remove_side_files: bool = False,
    ) -> None:
        self.path = path
        self.engine = engine
        self.repository = SqlPlanRepository(engine)
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.upgraded_from = upgraded_from
        self.backup_path = backup_path
        self._remove_side_files = remove_side_files

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r}, read_only={self.read_only})"

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every connection (the last one folds the write-ahead log into the file).

        A read-only open of a file that had no ``-wal`` beside it also removes the empty
        ``-wal``/``-shm`` files its ``mode=ro`` connections created, unless another connection
        uses them (see :func:`_remove_empty_side_files`).
        """
        self.engine.dispose()
        if self._remove_side_files:
            self._remove_side_files = False
            _remove_empty_side_files(self.path)


def _create_file(path: Path, shown: Path) -> None:
    """Create the empty file ``path`` (mode 0600) for the new plan ``shown``."""
    try:
        shown.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _NEW_FILE_MODE)
    except PermissionError:
        raise DatabasePermissionError(
            f"Legwork may not create the plan file {shown} (permission denied).",
            "Choose a folder you can write to.",
        ) from None
    except OSError as exc:
        raise StorageError(
            f"The plan file {shown} cannot be created ({exc.strerror}).",
            "Choose another place for it.",
        ) from None
    try:
        os.fchmod(descriptor, _NEW_FILE_MODE)  # exactly 0600, whatever the umask
    finally:
        os.close(descriptor)


def _migrate(engine: Engine) -> None:
    """Upgrade to the newest schema and add missing built-ins, all in one transaction."""
    writer = engine.execution_options(sqlite_begin="IMMEDIATE")
    try:
        with writer.connect() as connection:
            raw = connection.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            # Batch migrations copy tables; foreign keys must be off (outside a transaction).
            raw.execute("PRAGMA foreign_keys = OFF")
            try:
                with connection.begin():
                    from alembic import command

                    config = alembic_config()
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")
                    seed_builtin_templates(connection)
            finally:
                raw.execute("PRAGMA foreign_keys = ON")
    except DBAPIError as exc:
        raise storage_error(exc) from exc
    except sqlite3.Error as exc:
        raise storage_error(exc) from exc


def _create_database(path: Path, busy_timeout: float) -> Database:
    """Create a new plan at ``path``: whole, or not at all.

    The plan is created, migrated and given the built-in library under a temporary name in
    the same folder, its write-ahead log folded in, flushed to disk, and only then given its
    name (never replacing a file that appeared meanwhile). Killed at any moment, this leaves
    either no plan or a complete one; a leftover temporary file is removed by the next open.
    """
    temporary = temporary_name(path, "new")
    _create_file(temporary, path)
    engine: Engine | None = None
    try:
        engine = make_engine(temporary, busy_timeout=busy_timeout)
        _migrate(engine)
        engine.dispose()
        engine = None
        if any(side.exists() for side in side_files(temporary)):
            raise StorageError(
                f"The new plan file {path} could not be completed (its log stayed open).",
                "Try again.",
            )
        fsync_file(temporary)
        recover_interrupted(path, now=_now())  # never adopt another file's -wal
        try:
            move_no_clobber(temporary, path)
        except FileExistsError:
            raise StorageError(
                f"{path} appeared while Legwork was creating it.", "Try again."
            ) from None
        except OSError as exc:
            raise StorageError(
                f"The plan file {path} cannot be created ({exc.strerror or exc}).",
                "Choose another place for it.",
            ) from exc
        fsync_directory(path.parent)
    except BaseException:
        if engine is not None:
            engine.dispose()
        for leftover in (temporary, *side_files(temporary)):
            leftover.unlink(missing_ok=True)
        raise
    return Database(path, make_engine(path, busy_timeout=busy_timeout))


def _read_only_reason(path: Path) -> str | None:
    """Why the plan at ``path`` can only be read here, or ``None`` when it can be written."""
    if not os.access(path, os.W_OK):
        return f"The plan file {path.name} is write-protected, so changes cannot be saved."
    wal, shm = _side_files(path)
    present = [side for side in (wal, shm) if side.exists()]
    if any(not os.access(side, os.W_OK) for side in present):
        return (
            f"The files {wal.name} and {shm.name} beside the plan belong to someone else, "
            "so changes cannot be saved."
        )
    if not os.access(path.parent, os.W_OK) and len(present) < 2:
        return (
            f"The folder {path.parent} is write-protected, so changes to the plan in it "
            "cannot be saved."
        )
    return None


def open_database(
    path: Path,
    *,
    backup_dir: Path | None = None,
    read_only: bool = False,
    busy_timeout: float = BUSY_TIMEOUT_S,
) -> Database:
    """Open (or create) a plan file, checked and at the newest schema.

    Args:
        path: the plan file. When it does not exist it is created (with its folders), mode
            0600, migrated and given the built-in library.
        backup_dir: the backups root (default: ``backups`` in the user data folder). The
            safety backup made before a schema upgrade goes into the plan's own folder
            there (see :mod:`planner.storage.backups`).
        read_only: open for reading only (``export``, ``print-week``); nothing is created,
            upgraded, seeded or tidied. A plan that cannot be written (the file or its
            folder is write-protected) also opens read-only, with ``read_only_reason`` set.
        busy_timeout: seconds a write waits for another writer before giving up.

    Returns:
        The open database; call :meth:`Database.close` when done.

    Raises:
        NotADatabaseError: the file is empty, cut short or not an SQLite database.
        CorruptDatabaseError: the file is damaged.
        ForeignDatabaseError: the file belongs to another application.
        SchemaTooNewError: a newer Legwork wrote the file (it is never written).
        DatabasePermissionError: the file may not be read or created.
        StorageError: any other reason the file cannot be used.
    """
    path = Path(path).expanduser().absolute()
    if not read_only and os.access(path.parent, os.W_OK):
        recover_interrupted(path, now=_now())  # a restore killed half way, orphaned logs
        remove_stale_temporaries(path.parent, path.name)  # a creation killed half way
    if not path.exists():
        if read_only:
            raise StorageError(f"There is no plan file at {path} (no such file).")
        return _create_database(path, busy_timeout)

    if not read_only:
        make_side_files_writable(path)  # before any connection: see its docstring
    inspection = _inspect(path, full=False)
    reason = None if read_only else _read_only_reason(path)
    writable = not read_only and reason is None
    if not inspection.current:
        if not writable:
            raise StorageError(
                f"The plan file {path} uses an older schema ({inspection.revision}) and "
                "cannot be upgraded here because it is opened read-only.",
                "Open it once in Legwork with write access; it is upgraded after a backup.",
            )
        root = backup_dir if backup_dir is not None else _default_backup_root()
        backup_path = make_backup(path, root, now=_now(), reason=BEFORE_UPGRADE).path
        engine = make_engine(path, busy_timeout=busy_timeout)
        try:
            _migrate(engine)
        except Exception as exc:
            engine.dispose()
            cause = exc if isinstance(exc, StorageError) else f"{type(exc).__name__}: {exc}"
            raise StorageError(
                f"Upgrading the plan file {path} from schema {inspection.revision} failed "
                f"({cause}); the file was left as it was.",
                f"A copy from before the upgrade is at {backup_path}. Please report this.",
            ) from exc
        except BaseException:
            engine.dispose()
            raise
        return Database(path, engine, upgraded_from=inspection.revision, backup_path=backup_path)

    # No -wal now: the empty side files our mode=ro connections create are ours to remove.
    remove_side_files = not writable and not _side_files(path)[0].exists()
    engine = make_engine(path, read_only=not writable, busy_timeout=busy_timeout)
    database = Database(
        path,
        engine,
        read_only=not writable,
        read_only_reason=reason,
        remove_side_files=remove_side_files,
    )
    if writable:
        try:
            database.repository.add_missing_builtin_templates()
        except BaseException:
            database.close()
            raise
    return database
