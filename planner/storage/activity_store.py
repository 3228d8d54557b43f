"""The ``activities`` table through SQLAlchemy Core: reads, expectation checks and writes.

:class:`~planner.storage.repository.SqlPlanRepository` calls these inside its own
connection or transaction, so an activity, its link and the workouts of one batch are
written together or not at all.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from planner.core.matching import StoredActivity
from planner.core.model import Workout
from planner.core.ports import Batch, StaleDataError, StorageError
from planner.storage.activity_codec import (
    ACTIVITY_FIELDS,
    activity_from_row,
    activity_values,
    utc_naive,
)
from planner.storage.orm import Base

__all__ = [
    "activities_between",
    "activities_starting",
    "activity_links",
    "check_activities",
    "get_activity",
    "write_activities",
]

_ACTIVITIES: Final = Base.metadata.tables["activities"]
_WORKOUTS: Final = Base.metadata.tables["workouts"]
_SELECT: Final = select(*(_ACTIVITIES.c[name] for name in ACTIVITY_FIELDS))
_BY_ID: Final = _SELECT.where(_ACTIVITIES.c.id == bindparam("aid"))
_UPDATE: Final = update(_ACTIVITIES).where(_ACTIVITIES.c.id == bindparam("aid"))


def activities_starting(
    connection: Connection, start: datetime, end: datetime
) -> list[StoredActivity]:
    """The activities that started from ``start`` to ``end`` inclusive, by start."""
    statement = _SELECT.where(
        _ACTIVITIES.c.start_utc.between(utc_naive(start), utc_naive(end))
    ).order_by(_ACTIVITIES.c.start_utc)
    return [activity_from_row(row) for row in connection.execute(statement)]


def activities_between(connection: Connection, start: date, end: date) -> list[StoredActivity]:
    """The activities of local days ``start`` to ``end`` inclusive, by start."""
    statement = _SELECT.where(_ACTIVITIES.c.local_day.between(start, end)).order_by(
        _ACTIVITIES.c.start_utc
    )
    return [activity_from_row(row) for row in connection.execute(statement)]


def get_activity(connection: Connection, activity_id: int) -> StoredActivity | None:
    """One activity by id, or ``None``."""
    row = connection.execute(_BY_ID, {"aid": activity_id}).first()
    return None if row is None else activity_from_row(row)


def activity_links(connection: Connection, start: date, end: date) -> dict[int, int]:
    """Workout id -> activity id for the linked workouts on days ``start`` to ``end``."""
    statement = (
        select(_ACTIVITIES.c.workout_id, _ACTIVITIES.c.id)
        .join(_WORKOUTS, _WORKOUTS.c.id == _ACTIVITIES.c.workout_id)
        .where(_WORKOUTS.c.day.between(start, end))
    )
    return {int(workout_id): int(aid) for workout_id, aid in connection.execute(statement)}


def check_activities(connection: Connection, batch: Batch) -> None:
    """Raise :class:`StaleDataError` unless the file holds the activities ``batch`` expects."""
    for activity_id, expected in batch.expect_activities.items():
        if get_activity(connection, activity_id) != expected:
            raise StaleDataError("activity")


def _workout_id(stored: StoredActivity, workouts: list[Workout]) -> int | None:
    workout_id = stored.workout_id
    if workout_id is None or workout_id > 0:
        return workout_id
    index = -workout_id - 1
    if index >= len(workouts) or workouts[index].id is None:
        raise StorageError("An activity was linked to a workout this change does not write.")
    return workouts[index].id


def write_activities(
    connection: Connection, batch: Batch, workouts: list[Workout]
) -> list[StoredActivity]:
    """Delete then upsert ``batch``'s activities; links to new workouts get their ids.

    Args:
        connection: a connection inside the batch's transaction.
        batch: what to write.
        workouts: the batch's workouts as stored (ids filled in), in the batch's order.

    Returns:
        The activities as the file now holds them, in the batch's order.
    """
    if batch.delete_activities:
        doomed = list(batch.delete_activities)
        connection.execute(delete(_ACTIVITIES).where(_ACTIVITIES.c.id.in_(doomed)))
    stored: list[StoredActivity] = []
    for item in batch.activities:
        values: dict[str, Any] = {
            **activity_values(item),
            "workout_id": _workout_id(item, workouts),
        }
        activity_id = item.id
        if activity_id is None:
            result = connection.execute(insert(_ACTIVITIES), values)
            key = result.inserted_primary_key
            assert key is not None
            activity_id = int(key[0])
        elif connection.execute(_UPDATE, {**values, "aid": activity_id}).rowcount == 0:
            connection.execute(insert(_ACTIVITIES), {**values, "id": activity_id})
        stored.append(activity_from_row({**values, "id": activity_id}))
    return stored
