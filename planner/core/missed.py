"""Missed workouts: plans whose day has passed without a result.

A workout is missed when it is still planned and its day is before today: the runner neither
recorded it as done nor marked it skipped. Rest blocks are never missed (there is nothing to
record). "Today" is always passed in; nothing here reads the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from planner.core.model import Kind, Status, Workout

#: How far back "Review missed…" looks: older plans are history, not a to-do.
REVIEW_DAYS = 28


def is_missed(workout: Workout, today: date) -> bool:
    """Whether ``workout`` is a training plan whose day passed without a result."""
    return (
        workout.status is Status.PLANNED and workout.kind is not Kind.REST and workout.day < today
    )


def missed_workouts(workouts: Iterable[Workout], today: date) -> list[Workout]:
    """The missed ones among ``workouts``, oldest first (by day, then position)."""
    return sorted(
        (w for w in workouts if is_missed(w, today)),
        key=lambda w: (w.day, w.position, w.id or 0),
    )


def review_span(today: date, days: int = REVIEW_DAYS) -> tuple[date, date]:
    """The days "Review missed…" looks at: the ``days`` days before today."""
    return today - timedelta(days=days), today - timedelta(days=1)
