"""Rows <-> the core's dataclasses, shared by the SQLAlchemy repository and the start-up reader.

Standard library only. Column order equals the dataclasses' field order, so a row selected
with :data:`WORKOUT_FIELDS` (or :data:`TEMPLATE_FIELDS`) converts positionally. Days arrive as
``date`` from SQLAlchemy and as ``'YYYY-MM-DD'`` text from the plain ``sqlite3`` module (the
format SQLAlchemy's ``Date`` stores on SQLite); both convert to the same ``date``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Final

from planner.core.library import BUILTIN_TEMPLATES
from planner.core.model import Kind, Status, Template, WeightEntry, Workout

__all__ = [
    "TEMPLATE_FIELDS",
    "WORKOUT_FIELDS",
    "day_from_db",
    "day_to_db",
    "sorted_templates",
    "template_from_row",
    "template_values",
    "weight_from_row",
    "workout_from_row",
    "workout_values",
]

#: The ``workouts`` columns in the field order of ``Workout``.
WORKOUT_FIELDS: Final = (
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
    "race",
    "plan_day",
)
#: The ``templates`` columns in the field order of ``Template``.
TEMPLATE_FIELDS: Final = (
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


def day_from_db(value: date | str) -> date:
    """A stored day as a ``date`` (SQLAlchemy gives a ``date``, plain ``sqlite3`` text)."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def day_to_db(day: date) -> str:
    """A day as stored (and compared) in SQLite: ``'YYYY-MM-DD'``, as SQLAlchemy writes it."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def workout_from_row(row: Sequence[Any]) -> Workout:
    """A ``Workout`` from a row of the :data:`WORKOUT_FIELDS` columns."""
    (wid, day, kind, title, position, dur, dist, rpe, notes, status, *actuals, race, plan_day) = row
    adur, adist, arpe, heavy = actuals
    return Workout(
        wid,
        day_from_db(day),
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
        bool(race),
        None if plan_day is None else day_from_db(plan_day),
    )


def _planned_values(item: Workout | Template) -> dict[str, Any]:
    """The columns a workout and a template share: its kind and what it plans."""
    return {
        "kind": Kind(item.kind).value,
        "duration_min": item.duration_min,
        "distance_km": item.distance_km,
        "rpe": item.rpe,
    }


def workout_values(workout: Workout) -> dict[str, Any]:
    """The column values of ``workout``, without its id."""
    return {
        **_planned_values(workout),
        "day": workout.day,
        "title": workout.title,
        "position": workout.position,
        "notes": workout.notes,
        "status": Status(workout.status).value,
        "actual_duration_min": workout.actual_duration_min,
        "actual_distance_km": workout.actual_distance_km,
        "actual_rpe": workout.actual_rpe,
        "heavy_legs": bool(workout.heavy_legs),
        "race": bool(workout.race),
        "plan_day": workout.plan_day,
    }


def template_from_row(row: Sequence[Any]) -> Template:
    """A ``Template`` from a row of the :data:`TEMPLATE_FIELDS` columns."""
    (tid, name, kind, dur, dist, rpe, description, builtin) = row
    return Template(tid, name, _KINDS[kind], dur, dist, rpe, description, bool(builtin))


def template_values(template: Template) -> dict[str, Any]:
    """The column values of ``template``, without its id."""
    return {
        **_planned_values(template),
        "name": template.name,
        "description": template.description,
        "builtin": bool(template.builtin),
    }


def _template_order(template: Template) -> tuple[int, int, str, str]:
    if template.builtin:
        return (0, _BUILTIN_ORDER.get(template.name, len(_BUILTIN_ORDER)), "", template.name)
    return (1, 0, template.name.casefold(), template.name)


def sorted_templates(templates: Iterable[Template]) -> list[Template]:
    """The library in display order.

    Built-ins first, in ``BUILTIN_TEMPLATES`` order (unknown built-ins after them, by name),
    then the user's own by name, ignoring case.
    """
    return sorted(templates, key=_template_order)


def weight_from_row(row: Sequence[Any]) -> WeightEntry:
    """A ``WeightEntry`` from a ``(day, kg)`` row."""
    day, kg = row
    return WeightEntry(day if isinstance(day, date) else date.fromisoformat(day), kg)
