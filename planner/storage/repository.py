"""``SqlPlanRepository``: the core's :class:`~planner.core.ports.PlanRepository` on SQLite.

Every public method runs in its own short connection and transaction and returns the core's
frozen dataclasses, never rows. Queries use SQLAlchemy Core on the ORM's tables (row tuples,
no identity map), which keeps the week view's reads at a fraction of a millisecond. Database
failures surface as :class:`~planner.core.ports.StorageError` with a message for people; the
transaction is rolled back, so the file keeps its previous contents.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
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
from sqlalchemy.exc import DBAPIError

from planner.core.library import BUILTIN_TEMPLATES
from planner.core.matching import StoredActivity
from planner.core.model import Template, WeightEntry, Workout
from planner.core.ports import Batch, PlanRepository, StaleDataError, StorageError, Stored
from planner.core.vocabulary import template_name_key
from planner.storage import activity_store
from planner.storage.errors import (
    CorruptDatabaseError,
    DatabasePermissionError,
    ForeignDatabaseError,
    NotADatabaseError,
    SchemaTooNewError,
    storage_error_from_sqlite,
)
from planner.storage.orm import Base
from planner.storage.rows import (
    TEMPLATE_FIELDS,
    WORKOUT_FIELDS,
    sorted_templates,
    template_from_row,
    template_values,
    weight_from_row,
    workout_from_row,
    workout_values,
)

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


def storage_error(exc: BaseException) -> StorageError:
    """Translate a database failure into a :class:`StorageError` written for people.

    Args:
        exc: a SQLAlchemy ``DBAPIError`` (its ``orig`` is translated) or an ``sqlite3.Error``.

    Returns:
        The error to raise (``raise storage_error(exc) from exc``).
    """
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return storage_error_from_sqlite(exc.orig)
    return storage_error_from_sqlite(exc)


# -- tables and conversions ----------------------------------------------------------------
_WORKOUTS: Final = Base.metadata.tables["workouts"]
_TEMPLATES: Final = Base.metadata.tables["templates"]
_WEIGHTS: Final = Base.metadata.tables["weights"]
_SETTINGS: Final = Base.metadata.tables["settings"]

_SELECT_WORKOUTS: Final = select(*(_WORKOUTS.c[name] for name in WORKOUT_FIELDS))
_WORKOUTS_BETWEEN: Final = _SELECT_WORKOUTS.where(
    _WORKOUTS.c.day.between(bindparam("start"), bindparam("end"))
).order_by(_WORKOUTS.c.day, _WORKOUTS.c.position, _WORKOUTS.c.id)
_WORKOUT_BY_ID: Final = _SELECT_WORKOUTS.where(_WORKOUTS.c.id == bindparam("wid"))
_INSERT_WORKOUT: Final = insert(_WORKOUTS)
_UPDATE_WORKOUT: Final = update(_WORKOUTS).where(_WORKOUTS.c.id == bindparam("wid"))
_SELECT_TEMPLATES: Final = select(*(_TEMPLATES.c[name] for name in TEMPLATE_FIELDS))


def _new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    if key is None or key[0] is None:  # pragma: no cover - SQLite always reports it
        raise StorageError("The plan file did not report the new workout's id.")
    return int(key[0])


def seed_builtin_templates(connection: Connection) -> int:
    """Add every built-in template that is missing by name; inside the caller's transaction.

    Args:
        connection: a connection with an open (writing) transaction.

    Returns:
        How many templates were added (0 when the library was complete; nothing is written).
    """
    shipped = set(connection.execute(select(_TEMPLATES.c.builtin_name)).scalars())
    taken = {template_name_key(n) for n in connection.execute(select(_TEMPLATES.c.name)).scalars()}
    missing = []
    for template in BUILTIN_TEMPLATES:
        if template.name in shipped:
            continue
        # The runner's own entry may hold the name of a built-in shipped later ("Swim"): the
        # built-in comes in beside it under a free name ("Swim (2)"), known by its shipped one.
        name, number = template.name, 1
        while template_name_key(name) in taken:
            number += 1
            name = f"{template.name} ({number})"
        taken.add(template_name_key(name))
        missing.append({**template_values(template), "name": name, "builtin_name": template.name})
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
        return [workout_from_row(row) for row in rows]

    def get_workout(self, workout_id: int) -> Workout | None:
        """One workout by id, or ``None``."""
        with self._reading() as connection:
            row = connection.execute(_WORKOUT_BY_ID, {"wid": workout_id}).first()
        return None if row is None else workout_from_row(row)

    def write(self, batch: Batch) -> Stored:
        """Check ``batch``'s expectations, then write all of it in one transaction.

        A workout or template with ``id=None`` is inserted and gets a new id; one with an id
        is updated, or inserted with exactly that id when it does not exist (that is how undo
        restores a deleted one). Deletes run after the upserts; unknown ids are ignored.

        Raises:
            StaleDataError: the file no longer holds what the batch expects; nothing written.
            StorageError: nothing could be written (the plan is unchanged), including a
                library name that another entry has (ignoring case and spaces).
        """
        with self._writing() as connection:
            self._check_expectations(connection, batch)
            activity_store.check_activities(connection, batch)
            workouts = self._write_workouts(connection, batch)
            templates = self._write_templates(connection, batch)
            activities = activity_store.write_activities(connection, batch, workouts)
            if batch.weights:
                statement = sqlite_insert(_WEIGHTS)
                statement = statement.on_conflict_do_update(
                    index_elements=[_WEIGHTS.c.day], set_={"kg": statement.excluded.kg}
                )
                connection.execute(statement, [{"day": w.day, "kg": w.kg} for w in batch.weights])
            if batch.delete_weights:
                connection.execute(
                    delete(_WEIGHTS).where(_WEIGHTS.c.day.in_(list(batch.delete_weights)))
                )
            if batch.settings:
                statement = sqlite_insert(_SETTINGS)
                statement = statement.on_conflict_do_update(
                    index_elements=[_SETTINGS.c.key], set_={"value": statement.excluded.value}
                )
                connection.execute(
                    statement, [{"key": k, "value": v} for k, v in batch.settings.items()]
                )
        return Stored(workouts=workouts, templates=templates, activities=activities)

    @staticmethod
    def _check_expectations(connection: Connection, batch: Batch) -> None:
        for workout_id, expected in batch.expect_workouts.items():
            row = connection.execute(_WORKOUT_BY_ID, {"wid": workout_id}).first()
            if (None if row is None else workout_from_row(row)) != expected:
                raise StaleDataError("workout")
        if batch.expect_weights:
            days = list(batch.expect_weights)
            rows = connection.execute(
                select(_WEIGHTS.c.day, _WEIGHTS.c.kg).where(_WEIGHTS.c.day.in_(days))
            ).all()
            found = {entry.day: entry for entry in map(weight_from_row, rows)}
            for day, expected_weight in batch.expect_weights.items():
                if found.get(day) != expected_weight:
                    raise StaleDataError("weigh-in")
        for template_id, expected_template in batch.expect_templates.items():
            row = connection.execute(
                _SELECT_TEMPLATES.where(_TEMPLATES.c.id == template_id)
            ).first()
            if (None if row is None else template_from_row(row)) != expected_template:
                raise StaleDataError("library entry")
        if batch.expect_settings:
            names = list(batch.expect_settings)
            stored = dict(
                connection.execute(
                    select(_SETTINGS.c.key, _SETTINGS.c.value).where(_SETTINGS.c.key.in_(names))
                ).all()
            )
            for name, expected_text in batch.expect_settings.items():
                if stored.get(name) != expected_text:
                    raise StaleDataError("setting")

    @staticmethod
    def _write_workouts(connection: Connection, batch: Batch) -> list[Workout]:
        stored: list[Workout] = []
        for workout in batch.workouts:
            row = workout_values(workout)
            if workout.id is None:
                result = connection.execute(_INSERT_WORKOUT, row)
                stored.append(workout.replace(id=_new_id(result)))
                continue
            updated = connection.execute(_UPDATE_WORKOUT, {**row, "wid": workout.id})
            if updated.rowcount == 0:
                connection.execute(_INSERT_WORKOUT, {**row, "id": workout.id})
            stored.append(workout)
        if batch.delete_workouts:
            doomed = list(batch.delete_workouts)
            connection.execute(delete(_WORKOUTS).where(_WORKOUTS.c.id.in_(doomed)))
        return stored

    @staticmethod
    def _write_templates(connection: Connection, batch: Batch) -> list[Template]:
        if not (batch.templates or batch.delete_templates):
            return []
        if batch.delete_templates:
            doomed = list(batch.delete_templates)
            builtin = connection.execute(
                select(_TEMPLATES.c.name).where(
                    _TEMPLATES.c.id.in_(doomed), _TEMPLATES.c.builtin.is_(True)
                )
            ).first()
            if builtin is not None:
                raise StorageError(
                    "Built-in library entries cannot be deleted.",
                    "Edit it instead, or add your own entry under another name.",
                )
            connection.execute(delete(_TEMPLATES).where(_TEMPLATES.c.id.in_(doomed)))
        stored: list[Template] = []
        for template in batch.templates:
            _check_name_free(connection, template)
            values = template_values(template)
            if template.id is None:
                result = connection.execute(insert(_TEMPLATES), values)
                stored.append(template.replace(id=_new_id(result)))
                continue
            updated = connection.execute(
                update(_TEMPLATES).where(_TEMPLATES.c.id == template.id), values
            )
            if updated.rowcount == 0:
                connection.execute(insert(_TEMPLATES), {**values, "id": template.id})
            stored.append(template)
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
        rows = [{**workout_values(w), "id": w.id} for w in workouts]
        if rows:
            with self._writing() as connection:
                connection.execute(_INSERT_WORKOUT, rows)
        return len(rows)

    # -- recorded activities ---------------------------------------------------------------
    def activities_starting(self, start: datetime, end: datetime) -> list[StoredActivity]:
        """The activities that started from ``start`` to ``end`` inclusive, by start."""
        with self._reading() as connection:
            return activity_store.activities_starting(connection, start, end)

    def activities_between(self, start: date, end: date) -> list[StoredActivity]:
        """The activities of local days ``start`` to ``end`` inclusive, by start."""
        with self._reading() as connection:
            return activity_store.activities_between(connection, start, end)

    def get_activity(self, activity_id: int) -> StoredActivity | None:
        """One activity by id, or ``None``."""
        with self._reading() as connection:
            return activity_store.get_activity(connection, activity_id)

    def activity_links(self, start: date, end: date) -> dict[int, int]:
        """Workout id -> activity id, for the linked workouts of days ``start`` to ``end``."""
        with self._reading() as connection:
            return activity_store.activity_links(connection, start, end)

    # -- templates -------------------------------------------------------------------------
    def templates(self) -> list[Template]:
        """The workout library: built-ins first (in the library's order), then the user's own.

        The user's own entries are sorted by name, ignoring case.
        """
        with self._reading() as connection:
            rows = connection.execute(_SELECT_TEMPLATES).all()
        return sorted_templates(template_from_row(row) for row in rows)

    def add_missing_builtin_templates(self) -> int:
        """Add the built-in templates that are missing (one transaction when any are).

        A built-in is found by the name it was shipped under, so one the runner renamed is
        not added again.

        Returns:
            How many were added.
        """
        with self._reading() as connection:
            names = set(connection.execute(select(_TEMPLATES.c.builtin_name)).scalars())
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
        return [weight_from_row(row) for row in rows]

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
    def settings(self) -> dict[str, str]:
        """Every stored setting, ``name -> text``."""
        with self._reading() as connection:
            rows = connection.execute(select(_SETTINGS.c.key, _SETTINGS.c.value)).all()
        return {str(key): str(value) for key, value in rows}


def _check_name_free(connection: Connection, template: Template) -> None:
    """Refuse a library name another entry has, ignoring case and runs of spaces."""
    key = template_name_key(template.name)
    for other_id, other_name in connection.execute(select(_TEMPLATES.c.id, _TEMPLATES.c.name)):
        if other_id != template.id and template_name_key(other_name) == key:
            raise StorageError(
                f"There is already a library entry called “{other_name}”.",
                "Choose another name.",
            )


if TYPE_CHECKING:

    def _conforms(repository: SqlPlanRepository) -> PlanRepository:
        return repository  # mypy checks SqlPlanRepository against the Protocol here
