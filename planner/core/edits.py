"""Pure planning of every workout edit: the affected days' workouts and an intent in, an Edit out.

Nothing here reads or writes storage. :class:`~planner.core.service.PlanService` reads the
days an intent touches, plans the edit with these functions and writes the result; the drop
preview plans the same edit on the workouts it already holds and evaluates the rules on
:func:`apply_edit`'s result, without writing anything. Both get exactly the same rows,
including the renumbered order of the other blocks on the days involved.

Days are read through a :data:`DayLookup`: a function that returns one day's workouts (in any
order; positions decide).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict, Unpack

from planner.core.model import Status, Workout
from planner.core.weeks import Week

#: One day's workouts, as the caller knows them (the repository, or a cached window).
DayLookup = Callable[[date], Sequence[Workout]]


@dataclass(frozen=True, slots=True)
class Edit:
    """The rows one workout edit writes.

    Attributes:
        upserts: workouts to store: new ones (``id=None``) and changed ones, the edited
            workout first.
        deletes: workouts to delete, as they were read.
        before: id -> each updated or deleted workout as it was read (what the edit was
            planned from; the service refuses the write if the file holds something else).
        days: every day whose blocks change (including the day a moved block leaves).
    """

    upserts: tuple[Workout, ...] = ()
    deletes: tuple[Workout, ...] = ()
    before: Mapping[int, Workout] = field(default_factory=dict)
    days: frozenset[date] = frozenset()

    @property
    def is_empty(self) -> bool:
        """Whether the edit changes nothing."""
        return not (self.upserts or self.deletes)


def apply_edit(edit: Edit, workouts: Iterable[Workout]) -> list[Workout]:
    """The workouts as they would be after ``edit``, without storing anything.

    New workouts get negative ids (-1, -2, ...) so they stay distinct; the result is sorted
    by day and position. Workouts the edit does not mention pass through unchanged.
    """
    changed = {w.id for w in edit.upserts if w.id is not None}
    changed |= {w.id for w in edit.deletes if w.id is not None}
    result = [w for w in workouts if w.id not in changed]
    fresh = itertools.count(-1, -1)
    for workout in edit.upserts:
        result.append(workout if workout.id is not None else workout.replace(id=next(fresh)))
    result.sort(key=lambda w: (w.day, w.position, w.id or 0))
    return result


# -- intents -------------------------------------------------------------------------------
def plan_add(lookup: DayLookup, workout: Workout, index: int | None = None) -> Edit:
    """Put a new workout on its day at ``index`` (the end when ``None``).

    Raises:
        ValidationError: the workout has an impossible value.
    """
    workout = workout.replace(id=None)
    workout.validate()
    day = [w for w in lookup(workout.day) if w.id is not None]
    return _edit(_insert(day, workout, index), day, days={workout.day})


def plan_move(lookup: DayLookup, current: Workout, day: date, index: int | None = None) -> Edit:
    """Move ``current`` to ``day`` at ``index`` of that day without it (the end when ``None``)."""
    source = [w for w in lookup(current.day) if w.id != current.id]
    moved = current.replace(day=day)
    if day == current.day:
        rows = _insert(source, moved, index)
        return _edit(rows, [current, *source], days={day})
    target = [w for w in lookup(day) if w.id != current.id]
    rows = _insert(target, moved, index) + _renumber(source)
    return _edit(rows, [current, *source, *target], days={current.day, day})


def plan_copy(lookup: DayLookup, current: Workout, day: date, index: int | None = None) -> Edit:
    """Copy ``current`` to ``day`` at ``index`` as a new planned workout."""
    return plan_add(lookup, as_plan(current).replace(day=day), index)


def plan_duplicate(lookup: DayLookup, current: Workout) -> Edit:
    """Copy ``current`` right after itself, on the same day."""
    return plan_copy(lookup, current, current.day, current.position + 1)


def plan_update(lookup: DayLookup, current: Workout, updated: Workout) -> Edit:
    """Store ``updated`` in place of ``current`` (its day and order may change too).

    Raises:
        ValidationError: the new values are impossible.
    """
    updated.validate()
    if updated.day != current.day:
        source = [w for w in lookup(current.day) if w.id != current.id]
        target = [w for w in lookup(updated.day) if w.id != current.id]
        rows = _insert(target, updated, updated.position) + _renumber(source)
        return _edit(rows, [current, *source, *target], days={current.day, updated.day})
    if updated.position != current.position:
        others = [w for w in lookup(current.day) if w.id != current.id]
        return _edit(_insert(others, updated, updated.position), [current, *others], {current.day})
    if updated == current:
        return Edit()
    return _edit([updated], [current], days={current.day})


class Actuals(TypedDict, total=False):
    """What was done, given when a workout is marked done (each one optional).

    The keyword arguments of marking a workout (``set_status(..., heavy_legs=True)``),
    passed on unchanged from the controller to the service to :func:`with_status`.
    """

    actual_duration_min: float | None
    actual_distance_km: float | None
    actual_rpe: float | None
    heavy_legs: bool | None


def with_status(current: Workout, status: Status, **actuals: Unpack[Actuals]) -> Workout:
    """``current`` marked ``status``; marking done without actuals takes the planned values."""
    if status is not Status.DONE:
        return current.replace(status=status)
    heavy_legs = actuals.get("heavy_legs")
    return current.replace(
        status=status,
        actual_duration_min=_first(
            actuals.get("actual_duration_min"), current.actual_duration_min, current.duration_min
        ),
        actual_distance_km=_first(
            actuals.get("actual_distance_km"), current.actual_distance_km, current.distance_km
        ),
        actual_rpe=_first(actuals.get("actual_rpe"), current.actual_rpe, current.rpe),
        heavy_legs=current.heavy_legs if heavy_legs is None else heavy_legs,
    )


def plan_delete(lookup: DayLookup, doomed: Sequence[Workout]) -> Edit:
    """Delete ``doomed``; the others on their days close the gap."""
    ids = {w.id for w in doomed}
    days = {w.day for w in doomed}
    rows: list[Workout] = []
    read: list[Workout] = list(doomed)
    for day in sorted(days):
        others = [w for w in lookup(day) if w.id not in ids]
        read += others
        rows += _renumber(others)
    return _edit(rows, read, days=days, deletes=doomed)


def plan_copy_week(
    lookup: DayLookup, source: Week, target: Week, *, replace_planned: bool = False
) -> Edit:
    """Copy every workout of ``source`` to the same weekday of ``target``, as planned.

    With ``replace_planned`` the workouts still planned in ``target`` are deleted first
    (done and skipped ones are records of what happened and always stay); otherwise the
    copies go after whatever each target day holds.
    """
    offset = target.start - source.start
    rows: list[Workout] = []
    doomed: list[Workout] = []
    read: list[Workout] = []
    days: set[date] = set()
    for source_day in source.days:
        copies = sorted(lookup(source_day), key=_order)
        day = source_day + offset
        existing = sorted(lookup(day), key=_order)
        read += existing
        if replace_planned:
            doomed += [w for w in existing if w.status is Status.PLANNED]
            kept = [w for w in existing if w.status is not Status.PLANNED]
            rows += _renumber(kept)
        else:
            kept = existing
        next_position = max((w.position + 1 for w in kept), default=0)
        if replace_planned:
            next_position = len(kept)
        for workout in copies:
            rows.append(as_plan(workout).replace(day=day, position=next_position))
            next_position += 1
        if copies or (replace_planned and any(w.status is Status.PLANNED for w in existing)):
            days.add(day)
    return _edit(rows, read, days=days, deletes=doomed)


def plan_import(lookup: DayLookup, incoming: Sequence[Workout]) -> Edit:
    """Add the workouts of an import that the plan does not hold yet.

    Workouts are matched as a multiset on :meth:`Workout.content_key` (ids and positions in
    the file are ignored): an incoming workout equal to an existing one that is not yet
    matched is already there; two equal workouts in a file need two equal stored ones. New
    workouts keep the file's order on each day and go after the day's existing blocks.

    Raises:
        ValidationError: an incoming workout has an impossible value.
    """
    available: dict[tuple[object, ...], int] = defaultdict(int)
    next_position: dict[date, int] = {}
    for day in sorted({w.day for w in incoming}):
        for workout in lookup(day):
            available[workout.content_key()] += 1
            next_position[day] = max(next_position.get(day, 0), workout.position + 1)
    fresh: list[tuple[int, Workout]] = []
    for order, workout in enumerate(incoming):
        workout.validate()
        key = workout.content_key()
        if available[key] > 0:
            available[key] -= 1
        else:
            fresh.append((order, workout))
    fresh.sort(key=lambda pair: (pair[1].day, pair[1].position, pair[0]))
    added: list[Workout] = []
    for _, workout in fresh:
        position = next_position.get(workout.day, 0)
        next_position[workout.day] = position + 1
        added.append(workout.replace(id=None, position=position))
    return Edit(upserts=tuple(added), days=frozenset(w.day for w in added))


# -- drop positions ------------------------------------------------------------------------
def gap_to_index(current: Workout, day: date, gap: int | None) -> int | None:
    """The index for :func:`plan_move` of a block dropped into gap ``gap`` of ``day``.

    ``gap`` counts the gaps of the day as it is shown, the moved block included: 0 is before
    the first block, ``n`` after the last; ``None`` is the end.
    """
    if current.day == day and gap is not None and gap > current.position:
        return gap - 1
    return gap


def is_in_place(current: Workout, day: date, gap: int | None) -> bool:
    """Whether dropping ``current`` into gap ``gap`` of ``day`` leaves it where it is."""
    in_place = (current.position, current.position + 1)
    return current.day == day and gap is not None and gap in in_place


# -- helpers -------------------------------------------------------------------------------
def as_plan(workout: Workout) -> Workout:
    """The same session as a fresh plan: planned, with no actuals and no id.

    A copy of a race is a race; it is the runner's own, though, not a generated plan's
    (no ``plan_day``).
    """
    return workout.replace(
        id=None,
        status=Status.PLANNED,
        actual_duration_min=None,
        actual_distance_km=None,
        actual_rpe=None,
        heavy_legs=False,
        plan_day=None,
    )


def _edit(
    rows: Sequence[Workout],
    read: Iterable[Workout],
    days: Iterable[date],
    deletes: Sequence[Workout] = (),
) -> Edit:
    by_id = {w.id: w for w in read if w.id is not None}
    before = {w.id: by_id[w.id] for w in rows if w.id is not None and w.id in by_id}
    before.update({w.id: w for w in deletes if w.id is not None})
    return Edit(upserts=tuple(rows), deletes=tuple(deletes), before=before, days=frozenset(days))


def _first(*values: float | None) -> float | None:
    return next((value for value in values if value is not None), None)


def _order(workout: Workout) -> tuple[int, int]:
    return (workout.position, workout.id or 0)


def _renumber(day: Sequence[Workout]) -> list[Workout]:
    """The workouts of one day with positions 0..n-1, only those whose position changed."""
    ordered = sorted(day, key=_order)
    return [w.replace(position=i) for i, w in enumerate(ordered) if w.position != i]


def _insert(day: Sequence[Workout], workout: Workout, index: int | None) -> list[Workout]:
    """Insert ``workout`` into one day's list at ``index``; the rows whose position changed.

    The inserted workout is always among the rows returned, first.
    """
    ordered = sorted((w for w in day if w.id is None or w.id != workout.id), key=_order)
    if index is None or index > len(ordered):
        index = len(ordered)
    index = max(index, 0)
    ordered.insert(index, workout)
    rows = [workout.replace(position=index)]
    for i, other in enumerate(ordered):
        if other is not workout and other.position != i:
            rows.append(other.replace(position=i))
    return rows
