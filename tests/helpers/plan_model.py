"""The plain model the stateful tests keep by hand: workouts by id, each day's order.

A model is a dict ``id -> Workout``; a day's order is its workouts' positions. The service
must leave the file exactly as these functions leave the model.
"""

from __future__ import annotations

from datetime import date

from planner.core.model import Workout

Model = dict[int, Workout]


def day_ids(model: Model, day: date) -> list[int]:
    """The ids on ``day`` in their order."""
    ordered = sorted(model.items(), key=lambda item: item[1].position)
    return [workout_id for workout_id, w in ordered if w.day == day]


def place(model: Model, day: date, ids: list[int]) -> None:
    """Put ``ids`` on ``day`` in that order, positions 0..n-1."""
    for position, workout_id in enumerate(ids):
        model[workout_id] = model[workout_id].replace(day=day, position=position)


def insert_at(ids: list[int], workout_id: int, index: int | None) -> list[int]:
    """Insert like the service does: ``None`` or past the end appends, negatives go first."""
    at = len(ids) if index is None or index > len(ids) else max(index, 0)
    return [*ids[:at], workout_id, *ids[at:]]


def first(*values: float | None) -> float | None:
    """The first of ``values`` that is not ``None`` (an edit's value, else the old one)."""
    return next((value for value in values if value is not None), None)
