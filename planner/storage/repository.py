"""``SqlPlanRepository``: the core's :class:`~planner.core.ports.PlanRepository` on SQLite.

Every public method runs in its own short connection and transaction and returns the core's
frozen dataclasses, never rows. Queries use SQLAlchemy Core on the ORM's tables (row tuples,
no identity map), which keeps the week view's reads at a fraction of a millisecond. Database
failures surface as :class:`~planner.core.ports.StorageError` with a message for people; the
transaction is rolled back, so the file keeps its previous contents.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import (
    Connection,
    CursorResult,
    Engine,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DBAPIError, IntegrityError

from planner.core.library import BUILTIN_TEMPLATES
from planner.core.model import Kind, Status, Template, WeightEntry, Workout
from planner.core.ports import PlanRepository, StorageError
from planner.storage.orm import Base

__all__ = [
    "CorruptDatabaseError",
    "DatabasePermissionError",
    "ForeignDatabaseError",
    "NotADatabaseError",
    "SchemaTooNewError",
    "SqlPlanRepository",
    "seed_builtin_templates",
    "storage_error",
]


# -- errors --------------------------------------------------------------------------------
class NotADatabaseError(StorageError):
    """The file is not an SQLite database at all: empty, cut short, or something else."""


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
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_CONSTRAINT = 19
_SQLITE_AUTH = 23
_SQLITE_NOTADB = 26

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


def storage_error(exc: BaseException) -> StorageError:
    """Translate a database failure into a :class:`StorageError` written for people.

    Args:
        exc: a SQLAlchemy ``DBAPIError`` (its ``orig`` is inspected) or an ``sqlite3.Error``.

    Returns:
        The error to raise (``raise storage_error(exc) from exc``).
    """
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(orig).lower()
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in text:
        return StorageError("The plan file is locked by another program.", _LOCKED_HINT)
    if primary == _SQLITE_READONLY or "readonly" in text or "read-only" in text:
        return StorageError("The plan file is read-only.", _READ_ONLY_HINT)
    if primary == _SQLITE_FULL or "disk is full" in text:
        return StorageError(
            "The disk holding the plan file is full.",
            "Free some space and try again. Your last change was not saved.",
        )
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or "malformed" in text:
        return CorruptDatabaseError("The plan file is damaged.", _DAMAGED_HINT)
    if primary in (_SQLITE_PERM, _SQLITE_AUTH, _SQLITE_CANTOPEN):
        return DatabasePermissionError(
            "The plan file cannot be opened.",
            "Check that the file and its folder still exist and that you may write to them.",
        )
    if primary == _SQLITE_IOERR:
        return StorageError(
            "The plan file could not be read or written (a disk error).",
            "Check that the disk or network drive is still there; your last change was not saved.",
        )
    if isinstance(exc, IntegrityError) or primary == _SQLITE_CONSTRAINT:
        return StorageError(
            "The plan file refused a value it cannot hold.",
            f"Nothing was saved. This is a bug in Legwork; please report it ({orig}).",
        )
    return StorageError(f"The plan file could not be used ({orig}).", "Nothing was saved.")


# -- tables and conversions ----------------------------------------------------------------
_WORKOUTS: Final = Base.metadata.tables["workouts"]
_TEMPLATES: Final = Base.metadata.tables["templates"]
_WEIGHTS: Final = Base.metadata.tables["weights"]
_SETTINGS: Final = Base.metadata.tables["settings"]

#: Column order equals the field order of ``Workout``, so a row converts positionally.
_WORKOUT_FIELDS: Final = (
    "id",
    "day",
    "kind",
    "title",
    "position",
    "duration_min",
    "distance_km",
    "rpe",
    "notes",
    "status",
    "actual_duration_min",
    "actual_distance_km",
    "actual_rpe",
    "heavy_legs",
)
_TEMPLATE_FIELDS: Final = (
    "id",
    "name",
    "kind",
    "duration_min",
    "distance_km",
    "rpe",
    "description",
    "builtin",
)
_KINDS: Final = {kind.value: kind for kind in Kind}
_STATUSES: Final = {status.value: status for status in Status}
_BUILTIN_ORDER: Final = {t.name: i for i, t in enumerate(BUILTIN_TEMPLATES)}

_SELECT_WORKOUTS: Final = select(*(_WORKOUTS.c[name] for name in _WORKOUT_FIELDS))
_WORKOUTS_BETWEEN: Final = _SELECT_WORKOUTS.where(
    _WORKOUTS.c.day.between(bindparam("start"), bindparam("end"))
).order_by(_WORKOUTS.c.day, _WORKOUTS.c.position, _WORKOUTS.c.id)
_WORKOUT_BY_ID: Final = _SELECT_WORKOUTS.where(_WORKOUTS.c.id == bindparam("wid"))
_INSERT_WORKOUT: Final = insert(_WORKOUTS)
_UPDATE_WORKOUT: Final = update(_WORKOUTS).where(_WORKOUTS.c.id == bindparam("wid"))
_SELECT_TEMPLATES: Final = select(*(_TEMPLATES.c[name] for name in _TEMPLATE_FIELDS))


def _workout_from_row(row: Sequence[Any]) -> Workout:
    (wid, day, kind, title, position, dur, dist, rpe, notes, status, adur, adist, arpe, heavy) = row
    return Workout(
        wid,
        day,
        _KINDS[kind],
        title,
        position,
        dur,
        dist,
        rpe,
        notes,
        _STATUSES[status],
        adur,
        adist,
        arpe,
        bool(heavy),
    )


def _workout_values(workout: Workout) -> dict[str, Any]:
    """The column values of ``workout``, without its id."""
    return {
        "day": workout.day,
        "kind": Kind(workout.kind).value,
        "title": workout.title,
        "position": workout.position,
        "duration_min": workout.duration_min,
        "distance_km": workout.distance_km,
        "rpe": workout.rpe,
        "notes": workout.notes,
        "status": Status(workout.status).value,
        "actual_duration_min": workout.actual_duration_min,
        "actual_distance_km": workout.actual_distance_km,
        "actual_rpe": workout.actual_rpe,
        "heavy_legs": bool(workout.heavy_legs),
    }


def _template_from_row(row: Sequence[Any]) -> Template:
    (tid, name, kind, dur, dist, rpe, description, builtin) = row
    return Template(tid, name, _KINDS[kind], dur, dist, rpe, description, bool(builtin))


def _template_values(template: Template) -> dict[str, Any]:
    """The column values of ``template``, without its id."""
    return {
        "name": template.name,
        "kind": Kind(template.kind).value,
        "duration_min": template.duration_min,
        "distance_km": template.distance_km,
        "rpe": template.rpe,
        "description": template.description,
        "builtin": bool(template.builtin),
    }


def _new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    if key is None or key[0] is None:  # pragma: no cover - SQLite always reports it
        raise StorageError("The plan file did not report the new workout's id.")
    return int(key[0])


def _template_order(template: Template) -> tuple[int, int, str, str]:
    if template.builtin:
        return (0, _BUILTIN_ORDER.get(template.name, len(_BUILTIN_ORDER)), "", template.name)
    return (1, 0, template.name.casefold(), template.name)


def seed_builtin_templates(connection: Connection) -> int:
    """Add every built-in template that is missing by name; inside the caller's transaction.

    Args:
        connection: a connection with an open (writing) transaction.

    Returns:
        How many templates were added (0 when the library was complete; nothing is written).
    """
    existing = set(connection.execute(select(_TEMPLATES.c.name)).scalars())
    missing = [
        _template_values(template)
        for template in BUILTIN_TEMPLATES
        if template.name not in existing
    ]
    if missing:
        connection.execute(insert(_TEMPLATES), missing)
    return len(missing)


# -- the repository --------------------------------------------------------------------------
class SqlPlanRepository:
    """The plan on an SQLite database, through a SQLAlchemy engine.

    Use :func:`planner.storage.db.open_database` to get one on a checked, migrated file; the
    engine must carry the connection setup from :func:`planner.storage.db.make_engine`
    (explicit ``BEGIN``, pragmas). Every method is one transaction; writing transactions start
    with ``BEGIN IMMEDIATE`` so they wait for (or cleanly fail against) another writer
    instead of failing half-way.

    Args:
        engine: the engine of the plan file.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")

    @property
    def engine(self) -> Engine:
        """The engine this repository reads and writes through."""
        return self._engine

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as connection:
                yield connection
        except DBAPIError as exc:
            raise storage_error(exc) from exc

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        try:
            with self._writer.begin() as connection:
                yield connection
        except DBAPIError as exc:
            raise storage_error(exc) from exc
        except sqlite3.Error as exc:  # raised by the DBAPI outside SQLAlchemy's wrapping
            raise storage_error(exc) from exc

    # -- workouts --------------------------------------------------------------------------
    def workouts_between(self, start: date, end: date) -> list[Workout]:
        """The workouts on days ``start`` to ``end`` inclusive, by day then position."""
        with self._reading() as connection:
            rows = connection.execute(_WORKOUTS_BETWEEN, {"start": start, "end": end}).all()
        return [_workout_from_row(row) for row in rows]

    def get_workout(self, workout_id: int) -> Workout | None:
        """One workout by id, or ``None``."""
        with self._reading() as connection:
            row = connection.execute(_WORKOUT_BY_ID, {"wid": workout_id}).first()
        return None if row is None else _workout_from_row(row)

    def apply(self, upserts: Sequence[Workout], deletes: Iterable[int] = ()) -> list[Workout]:
        """Write workouts and delete others, all in one transaction.

        A workout with ``id=None`` is inserted and gets a new id; one with an id is updated,
        or inserted with exactly that id when it does not exist (undo restores deleted
        workouts that way). Deletes run after the upserts; unknown ids are ignored.

        Returns:
            ``upserts`` as stored, in the same order, ids filled in.

        Raises:
            StorageError: nothing was written (the plan is unchanged).
        """
        doomed = list(deletes)
        values = [_workout_values(workout) for workout in upserts]
        stored: list[Workout] = []
        with self._writing() as connection:
            for workout, row in zip(upserts, values, strict=True):
                if workout.id is None:
                    result = connection.execute(_INSERT_WORKOUT, row)
                    stored.append(workout.replace(id=_new_id(result)))
                    continue
                updated = connection.execute(_UPDATE_WORKOUT, {**row, "wid": workout.id})
                if updated.rowcount == 0:
                    connection.execute(_INSERT_WORKOUT, {**row, "id": workout.id})
                stored.append(workout)
            if doomed:
                connection.execute(delete(_WORKOUTS).where(_WORKOUTS.c.id.in_(doomed)))
        return stored

    def first_workout_day(self) -> date | None:
        """The earliest day with a workout, or ``None`` for an empty plan."""
        with self._reading() as connection:
            day: date | None = connection.execute(select(func.min(_WORKOUTS.c.day))).scalar()
        return day

    def count_workouts(self) -> int:
        """How many workouts are stored."""
        with self._reading() as connection:
            count = connection.execute(select(func.count()).select_from(_WORKOUTS)).scalar()
        return int(count or 0)

    def bulk_insert_workouts(self, workouts: Iterable[Workout]) -> int:
        """Insert many workouts in one transaction (the demo generator, imports).

        Workouts with an id keep it; those without get new ones. No ids are returned.

        Returns:
            How many workouts were inserted.

        Raises:
            StorageError: nothing was written.
        """
        rows = [{**_workout_values(w), "id": w.id} for w in workouts]
        if rows:
            with self._writing() as connection:
                connection.execute(_INSERT_WORKOUT, rows)
        return len(rows)

    # -- templates -------------------------------------------------------------------------
    def templates(self) -> list[Template]:
        """The workout library: built-ins first (in the library's order), then the user's own.

        The user's own entries are sorted by name, ignoring case.
        """
        with self._reading() as connection:
            rows = connection.execute(_SELECT_TEMPLATES).all()
        return sorted((_template_from_row(row) for row in rows), key=_template_order)

    def save_template(self, template: Template) -> Template:
        """Insert (``id=None``) or update a template; returns it as stored.

        Raises:
            StorageError: another entry has the same name, or the file cannot be written.
        """
        values = _template_values(template)
        try:
            with self._writing() as connection:
                if template.id is None:
                    result = connection.execute(insert(_TEMPLATES), values)
                    return template.replace(id=_new_id(result))
                updated = connection.execute(
                    update(_TEMPLATES).where(_TEMPLATES.c.id == template.id), values
                )
                if updated.rowcount == 0:
                    connection.execute(insert(_TEMPLATES), {**values, "id": template.id})
                return template
        except StorageError as error:
            if isinstance(error.__cause__, IntegrityError) and self._name_taken(template):
                raise StorageError(
                    f"There is already a library entry called “{template.name}”.",
                    "Choose another name.",
                ) from error.__cause__
            raise

    def _name_taken(self, template: Template) -> bool:
        with self._reading() as connection:
            other = connection.execute(
                select(_TEMPLATES.c.id).where(_TEMPLATES.c.name == template.name)
            ).scalar()
        return other is not None and other != template.id

    def delete_template(self, template_id: int) -> None:
        """Remove a template from the library.

        Raises:
            StorageError: the template is a built-in one (they cannot be deleted), or the
                file cannot be written.
        """
        with self._writing() as connection:
            builtin = connection.execute(
                select(_TEMPLATES.c.builtin).where(_TEMPLATES.c.id == template_id)
            ).scalar()
            if builtin:
                raise StorageError(
                    "Built-in library entries cannot be deleted.",
                    "Edit it instead, or add your own entry under another name.",
                )
            connection.execute(delete(_TEMPLATES).where(_TEMPLATES.c.id == template_id))

    def add_missing_builtin_templates(self) -> int:
        """Add the built-in templates missing by name (one transaction when any are missing).

        Returns:
            How many were added.
        """
        with self._reading() as connection:
            names = set(connection.execute(select(_TEMPLATES.c.name)).scalars())
        if all(template.name in names for template in BUILTIN_TEMPLATES):
            return 0
        with self._writing() as connection:
            return seed_builtin_templates(connection)

    # -- weights ---------------------------------------------------------------------------
    def weights_between(self, start: date, end: date) -> list[WeightEntry]:
        """The weigh-ins on days ``start`` to ``end`` inclusive, by day."""
        statement = (
            select(_WEIGHTS.c.day, _WEIGHTS.c.kg)
            .where(_WEIGHTS.c.day.between(start, end))
            .order_by(_WEIGHTS.c.day)
        )
        with self._reading() as connection:
            rows = connection.execute(statement).all()
        return [WeightEntry(day, kg) for day, kg in rows]

    def save_weight(self, entry: WeightEntry) -> None:
        """Record a weigh-in; one per day, a new one replaces that day's."""
        self.bulk_insert_weights([entry])

    def delete_weight(self, day: date) -> None:
        """Remove the weigh-in of ``day``, if any."""
        with self._writing() as connection:
            connection.execute(delete(_WEIGHTS).where(_WEIGHTS.c.day == day))

    def bulk_insert_weights(self, entries: Iterable[WeightEntry]) -> int:
        """Record many weigh-ins in one transaction; each replaces its day's.

        Returns:
            How many entries were written.

        Raises:
            StorageError: nothing was written.
        """
        rows = [{"day": entry.day, "kg": entry.kg} for entry in entries]
        if rows:
            statement = sqlite_insert(_WEIGHTS)
            statement = statement.on_conflict_do_update(
                index_elements=[_WEIGHTS.c.day], set_={"kg": statement.excluded.kg}
            )
            with self._writing() as connection:
                connection.execute(statement, rows)
        return len(rows)

    # -- settings --------------------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        """A stored setting, or ``None``."""
        with self._reading() as connection:
            value: str | None = connection.execute(
                select(_SETTINGS.c.value).where(_SETTINGS.c.key == key)
            ).scalar()
        return value

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting (replacing its previous value)."""
        statement = sqlite_insert(_SETTINGS).values(key=key, value=value)
        statement = statement.on_conflict_do_update(
            index_elements=[_SETTINGS.c.key], set_={"value": statement.excluded.value}
        )
        with self._writing() as connection:
            connection.execute(statement)


if TYPE_CHECKING:

    def _conforms(repository: SqlPlanRepository) -> PlanRepository:
        return repository  # mypy checks SqlPlanRepository against the Protocol here
