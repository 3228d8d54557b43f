"""The first paint without SQLAlchemy: a plain ``sqlite3`` reader that hands over to the real store.

Importing SQLAlchemy takes about 0.3 s, more than half the start-up budget, and the first
paint only reads: the week's workouts, the library and a setting or two. So the app opens the
plan with :func:`open_for_startup`, paints from a read-only standard-library connection, and
calls :meth:`StartupDatabase.finish_loading` once the window is on screen. That imports the
SQLAlchemy storage, opens the file with :func:`planner.storage.db.open_database` and hands
every later call of :attr:`StartupDatabase.repository` to its :class:`SqlPlanRepository`.

The file goes through exactly the refusal checks ``open_database`` makes before it opens
(same errors, file untouched). Whenever ``open_database`` would do more than open (create a
new file, upgrade an older schema, add missing built-in templates) or could not write (a
write-protected file or folder), :func:`open_for_startup` returns ``None`` and the caller
uses ``open_database`` directly.

Nothing here imports SQLAlchemy or Alembic at module level, directly or indirectly (a test
checks it). Use one :class:`StartupDatabase` from one thread (the GUI thread). Importing
:mod:`planner.storage.db` on another thread beforehand, to warm the import, is safe.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from planner.core.library import BUILTIN_TEMPLATES
from planner.core.matching import StoredActivity
from planner.core.model import Template, WeightEntry, Workout
from planner.core.ports import Batch, PlanRepository, StorageError, Stored
from planner.storage.errors import storage_error_from_sqlite
from planner.storage.rows import (
    TEMPLATE_FIELDS,
    WORKOUT_FIELDS,
    day_from_db,
    day_to_db,
    sorted_templates,
    template_from_row,
    weight_from_row,
    workout_from_row,
)
from planner.storage.sqlite_file import (
    BUSY_TIMEOUT_S,
    _file_uri,
    _inspect,
    _remove_empty_side_files,
    _side_files,
    _sqlite_refusal,
    make_side_files_writable,
)

if TYPE_CHECKING:
    from planner.storage.db import Database
    from planner.storage.repository import SqlPlanRepository

__all__ = ["StartupDatabase", "StartupRepository", "open_for_startup"]

# One statement per read, each prepared once (the sqlite3 module caches statements by text).
# Days are compared as the 'YYYY-MM-DD' text SQLAlchemy stores; the week query runs on
# ix_workouts_day_position, whose order (day, position, rowid) is the ORDER BY: no sorting.
_WORKOUT_COLUMNS: Final = ", ".join(WORKOUT_FIELDS)
_WORKOUTS_BETWEEN: Final = (
    f"SELECT {_WORKOUT_COLUMNS} FROM workouts WHERE day BETWEEN ? AND ? ORDER BY day, position, id"
)
_WORKOUT_BY_ID: Final = f"SELECT {_WORKOUT_COLUMNS} FROM workouts WHERE id = ?"
_FIRST_WORKOUT_DAY: Final = "SELECT min(day) FROM workouts"
_COUNT_WORKOUTS: Final = "SELECT count(*) FROM workouts"
_TEMPLATES: Final = f"SELECT {', '.join(TEMPLATE_FIELDS)} FROM templates"
_TEMPLATE_NAMES: Final = "SELECT builtin_name FROM templates WHERE builtin_name IS NOT NULL"
_WEIGHTS_BETWEEN: Final = "SELECT day, kg FROM weights WHERE day BETWEEN ? AND ? ORDER BY day"
_SETTINGS: Final = "SELECT key, value FROM settings"
# The week's marks only: which of its workouts have an activity (no track is read).
_ACTIVITY_LINKS: Final = (
    "SELECT a.workout_id, a.id FROM activities AS a JOIN workouts AS w ON w.id = a.workout_id"
    " WHERE w.day BETWEEN ? AND ?"
)

_CLOSED_HINT = "This is a bug in Legwork; please report it."


class _Reader:
    """The read half of the plan repository on one read-only ``sqlite3`` connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection: sqlite3.Connection | None = connection

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def _rows(self, statement: str, parameters: Sequence[Any] = ()) -> list[Any]:
        connection = self._connection
        if connection is None:
            raise StorageError("The plan file is closed.", _CLOSED_HINT)
        try:
            return connection.execute(statement, parameters).fetchall()
        except sqlite3.Error as exc:
            raise storage_error_from_sqlite(exc) from exc

    def workouts_between(self, start: date, end: date) -> list[Workout]:
        rows = self._rows(_WORKOUTS_BETWEEN, (day_to_db(start), day_to_db(end)))
        return [workout_from_row(row) for row in rows]

    def get_workout(self, workout_id: int) -> Workout | None:
        rows = self._rows(_WORKOUT_BY_ID, (workout_id,))
        return workout_from_row(rows[0]) if rows else None

    def first_workout_day(self) -> date | None:
        ((day,),) = self._rows(_FIRST_WORKOUT_DAY)
        return None if day is None else day_from_db(day)

    def count_workouts(self) -> int:
        ((count,),) = self._rows(_COUNT_WORKOUTS)
        return int(count)

    def templates(self) -> list[Template]:
        return sorted_templates(template_from_row(row) for row in self._rows(_TEMPLATES))

    def template_names(self) -> set[str]:
        return {str(name) for (name,) in self._rows(_TEMPLATE_NAMES)}

    def weights_between(self, start: date, end: date) -> list[WeightEntry]:
        rows = self._rows(_WEIGHTS_BETWEEN, (day_to_db(start), day_to_db(end)))
        return [weight_from_row(row) for row in rows]

    def settings(self) -> dict[str, str]:
        return {str(key): str(value) for key, value in self._rows(_SETTINGS)}

    def activity_links(self, start: date, end: date) -> dict[int, int]:
        rows = self._rows(_ACTIVITY_LINKS, (day_to_db(start), day_to_db(end)))
        return {int(workout_id): int(aid) for workout_id, aid in rows}


class StartupRepository:
    """The core's ``PlanRepository`` that reads through ``sqlite3`` until loading finishes.

    Reads are answered by the start-up reader until :meth:`StartupDatabase.finish_loading`
    swapped in the :class:`~planner.storage.repository.SqlPlanRepository`; from then on
    every call goes to it. A write loads first (synchronously), so writes always go
    through the real repository and are never lost. Results are equal either way.
    """

    def __init__(self, reader: _Reader, finish_loading: Callable[[], None]) -> None:
        self._reader = reader
        self._finish_loading = finish_loading
        self._backend: SqlPlanRepository | None = None

    @property
    def backend(self) -> SqlPlanRepository | None:
        """The SQLAlchemy repository every call goes to, once loading finished; else ``None``."""
        return self._backend

    def _use(self, backend: SqlPlanRepository) -> None:
        self._backend = backend

    def _loaded(self) -> SqlPlanRepository:
        if self._backend is None:
            self._finish_loading()
        if self._backend is None:  # pragma: no cover - finish_loading swaps it in or raises
            raise StorageError("The plan file could not be opened for writing.", _CLOSED_HINT)
        return self._backend

    @property
    def _source(self) -> _Reader | SqlPlanRepository:
        return self._reader if self._backend is None else self._backend

    # -- workouts --------------------------------------------------------------------------
    def workouts_between(self, start: date, end: date) -> list[Workout]:
        """The workouts on days ``start`` to ``end`` inclusive, by day then position."""
        return self._source.workouts_between(start, end)

    def get_workout(self, workout_id: int) -> Workout | None:
        """One workout by id, or ``None``."""
        return self._source.get_workout(workout_id)

    def write(self, batch: Batch) -> Stored:
        """Check and write ``batch`` in one transaction (loads the store first)."""
        return self._loaded().write(batch)

    def first_workout_day(self) -> date | None:
        """The earliest day with a workout, or ``None`` for an empty plan."""
        return self._source.first_workout_day()

    def count_workouts(self) -> int:
        """How many workouts are stored."""
        return self._source.count_workouts()

    # -- templates -------------------------------------------------------------------------
    def templates(self) -> list[Template]:
        """The library: built-ins in the library's order, then the user's own by name."""
        return self._source.templates()

    # -- weights ---------------------------------------------------------------------------
    def weights_between(self, start: date, end: date) -> list[WeightEntry]:
        """The weigh-ins on days ``start`` to ``end`` inclusive, by day."""
        return self._source.weights_between(start, end)

    # -- settings --------------------------------------------------------------------------
    def settings(self) -> dict[str, str]:
        """Every stored setting, ``name -> text``."""
        return self._source.settings()

    # -- recorded activities: the week's marks from the reader, the rest after loading ------
    def activity_links(self, start: date, end: date) -> dict[int, int]:
        """Workout id -> activity id, for the linked workouts of days ``start`` to ``end``."""
        return self._source.activity_links(start, end)

    def activities_starting(self, start: datetime, end: datetime) -> list[StoredActivity]:
        """The activities that started from ``start`` to ``end`` (loads the store)."""
        return self._loaded().activities_starting(start, end)

    def activities_between(self, start: date, end: date) -> list[StoredActivity]:
        """The activities of local days ``start`` to ``end`` (loads the store)."""
        return self._loaded().activities_between(start, end)

    def get_activity(self, activity_id: int) -> StoredActivity | None:
        """One activity by id, or ``None`` (loads the store)."""
        return self._loaded().get_activity(activity_id)


class StartupDatabase:
    """A plan file open for the first paint; see :func:`open_for_startup`.

    Attributes:
        path: the plan file (absolute).
        repository: the plan repository; valid for the whole life of this object, before
            and after :meth:`finish_loading`.
    """

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        *,
        busy_timeout: float = BUSY_TIMEOUT_S,
        remove_side_files: bool = False,
    ) -> None:
        self.path = path
        self._reader = _Reader(connection)
        self.repository = StartupRepository(self._reader, self.finish_loading)
        self._busy_timeout = busy_timeout
        self._remove_side_files = remove_side_files
        self._database: Database | None = None
        self._closed = False

    def __repr__(self) -> str:
        return f"StartupDatabase({str(self.path)!r}, loaded={self.loaded})"

    def __enter__(self) -> StartupDatabase:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def loaded(self) -> bool:
        """Whether :meth:`finish_loading` has run: calls now go to the SQLAlchemy store."""
        return self._database is not None

    @property
    def database(self) -> Database | None:
        """The :class:`~planner.storage.db.Database` once loaded, else ``None``."""
        return self._database

    def finish_loading(self) -> None:
        """Open the file with SQLAlchemy and hand every later call to it (idempotent).

        Imports :mod:`planner.storage.db`, calls ``open_database(path)``, swaps the
        repository's backend and closes the start-up connection. Writes call this first.

        Raises:
            StorageError: the file could not be opened (the message says why); the start-up
                reader stays in place, so reads keep working.
        """
        if self._database is not None:
            return
        if self._closed:
            raise StorageError(f"The plan file {self.path} was closed.", _CLOSED_HINT)
        try:
            from planner.storage.db import open_database

            database = open_database(self.path, busy_timeout=self._busy_timeout)
        except StorageError:
            raise
        except Exception as exc:
            raise StorageError(
                f"Legwork could not finish opening the plan file {self.path} "
                f"({type(exc).__name__}: {exc}).",
                "Nothing was changed. Restart Legwork; if this keeps happening, please report it.",
            ) from exc
        self._database = database
        self.repository._use(database.repository)
        self._reader.close()  # the open Database owns the side files now

    def close(self) -> None:
        """Close whichever connection is open; safe to call more than once.

        Like a read-only ``Database``, a reader that found no ``-wal`` file removes the empty
        ``-wal``/``-shm`` files its ``mode=ro`` connection created (unless another connection
        uses them); once loaded, the ``Database`` closes as usual (its last connection folds
        the log into the file and removes them).
        """
        self._closed = True
        if self._database is not None:
            self._database.close()
            return
        self._reader.close()
        if self._remove_side_files:
            self._remove_side_files = False
            _remove_empty_side_files(self.path)


def _connect_reader(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A plain ``mode=ro`` connection (not ``immutable``: it may stay open for a while)."""
    try:
        connection = sqlite3.connect(_file_uri(path, "ro"), uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise _sqlite_refusal(exc, path) from exc
    try:
        connection.execute(f"PRAGMA busy_timeout = {max(0, round(busy_timeout * 1000))}")
    except sqlite3.Error as exc:
        connection.close()
        raise _sqlite_refusal(exc, path) from exc
    return connection


def open_for_startup(path: Path, *, busy_timeout: float = BUSY_TIMEOUT_S) -> StartupDatabase | None:
    """Open a plan file for the first paint with the standard ``sqlite3`` module, if it can be.

    Args:
        path: the plan file.
        busy_timeout: seconds to wait for another connection's lock (reader and store).

    Returns:
        ``None`` when the fast path does not apply and the caller should use
        ``open_database(path)`` instead: the file does not exist yet, its schema is not the
        newest, the file (or its folder) is not writable, or built-in templates are missing.
        Otherwise the open :class:`StartupDatabase`; call its :meth:`~StartupDatabase.close`.

    Raises:
        NotADatabaseError: the file is empty, cut short or not an SQLite database.
        CorruptDatabaseError: the file is damaged.
        ForeignDatabaseError: the file belongs to another application.
        SchemaTooNewError: a newer Legwork wrote the file (it is never written).
        DatabasePermissionError: the file may not be read.
        StorageError: any other reason the file cannot be used. In every case the file is
            left exactly as it was, as ``open_database`` would.
    """
    path = Path(path).expanduser().absolute()
    if not path.exists():
        return None  # open_database creates it
    make_side_files_writable(path)  # a read-only session's leftovers, before any connection
    inspection = _inspect(path, full=False)  # open_database's refusals, nothing written
    if not inspection.current:
        return None  # open_database backs it up and upgrades it
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return None  # open_database opens it read-only (or refuses it)

    # No -wal now: the empty side files our mode=ro connection creates are ours to remove.
    remove_side_files = not _side_files(path)[0].exists()
    connection = _connect_reader(path, busy_timeout)
    database = StartupDatabase(
        path, connection, busy_timeout=busy_timeout, remove_side_files=remove_side_files
    )
    try:
        names = database._reader.template_names()
    except BaseException:
        database.close()
        raise
    if not all(template.name in names for template in BUILTIN_TEMPLATES):
        database.close()
        return None  # open_database adds them
    return database


if TYPE_CHECKING:

    def _conforms(repository: StartupRepository) -> PlanRepository:
        return repository  # mypy checks StartupRepository against the Protocol here
