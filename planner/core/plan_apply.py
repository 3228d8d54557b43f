"""Applying a generated training plan as one edit: Replace Planned or Keep Both.

A plan never touches what happened: done and skipped workouts stay where they are. With
Replace Planned, the workouts still planned on the plan's days go; with Keep Both, the plan's
workouts go after each day's blocks. Pure, like :mod:`planner.core.edits`, so the service
writes it and the dialog's preview can show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from planner.core.edits import DayLookup, Edit
from planner.core.model import Status, Workout


def plan_span(workouts: Sequence[Workout]) -> tuple[date, date]:
    """The first and last day of ``workouts`` (a plan's range when it is not given)."""
    if not workouts:
        raise ValueError("A plan without workouts has no days.")
    return min(w.day for w in workouts), max(w.day for w in workouts)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def planned_in_span(lookup: DayLookup, first: date, last: date) -> list[Workout]:
    """The still-planned workouts from ``first`` to ``last``: what Replace Planned deletes."""
    return [w for day in _days(first, last) for w in lookup(day) if w.status is Status.PLANNED]


def plan_training_plan(
    lookup: DayLookup,
    workouts: Sequence[Workout],
    *,
    replace_planned: bool,
    span: tuple[date, date] | None = None,
) -> Edit:
    """Add a generated plan's ``workouts`` (new, in day and position order) as one edit.

    Args:
        lookup: the plan file's workouts of one day.
        workouts: the generated plan's workouts.
        replace_planned: delete the workouts still planned in the plan's range first;
            otherwise keep both. Done and skipped workouts are never changed, not even their
            position: the plan's workouts go after each day's remaining blocks.
        span: the plan's first and last day (by default its workouts' first and last).
    """
    if not workouts:
        return Edit()
    first, last = span if span is not None else plan_span(workouts)
    incoming: dict[date, list[Workout]] = {}
    for workout in sorted(workouts, key=lambda w: (w.day, w.position)):
        incoming.setdefault(workout.day, []).append(workout)
    rows: list[Workout] = []
    doomed: list[Workout] = []
    days: set[date] = set()
    for day in sorted({*_days(first, last), *incoming}):
        existing = list(lookup(day))
        if replace_planned:
            gone = [w for w in existing if w.status is Status.PLANNED]
            existing = [w for w in existing if w.status is not Status.PLANNED]
            doomed += gone
            days.update(w.day for w in gone)
        position = max((w.position + 1 for w in existing), default=0)
        for workout in incoming.get(day, ()):
            rows.append(workout.replace(id=None, position=position))
            position += 1
            days.add(day)
    before = {w.id: w for w in doomed if w.id is not None}
    return Edit(upserts=tuple(rows), deletes=tuple(doomed), before=before, days=frozenset(days))
