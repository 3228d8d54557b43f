"""Plan operations: every edit a runner makes, expressed on the repository port.

Each operation validates, computes the complete set of rows it touches (including the
renumbered positions of the other blocks on the affected days), writes them in one
repository transaction, and returns a :class:`ChangeSet` whose inverse undoes it exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from planner.core.model import ChangeSet, Status, Template, ValidationError, Workout
from planner.core.ports import PlanRepository
from planner.core.weeks import MONDAY, Week


class PlanService:
    """The plan as the UI and CLI edit it.

    Args:
        repository: where the plan lives.
    """

    def __init__(self, repository: PlanRepository) -> None:
        self._repo = repository

    @property
    def repository(self) -> PlanRepository:
        """The repository this service writes to."""
        return self._repo

    # -- reading ---------------------------------------------------------------------------
    def workouts(self, start: date, end: date) -> list[Workout]:
        """The workouts from ``start`` to ``end`` inclusive, by day then position."""
        return self._repo.workouts_between(start, end)

    def week(self, week: Week) -> list[Workout]:
        """The workouts of ``week``, by day then position."""
        return self._repo.workouts_between(week.start, week.end)

    def day(self, day: date) -> list[Workout]:
        """The workouts of one day, in order."""
        return self._repo.workouts_between(day, day)

    def workout(self, workout_id: int) -> Workout | None:
        """One workout, or ``None`` when it no longer exists."""
        return self._repo.get_workout(workout_id)

    def templates(self) -> list[Template]:
        """The workout library."""
        return self._repo.templates()

    def first_weekday(self) -> int:
        """The weekday the runner's weeks start on (Monday 0 .. Sunday 6)."""
        value = self._repo.get_setting("first_weekday")
        if value is not None and value.isdigit() and 0 <= int(value) <= 6:
            return int(value)
        return MONDAY

    # -- workout operations ----------------------------------------------------------------
    def add(self, workout: Workout, index: int | None = None) -> ChangeSet:
        """Put a new workout on its day at ``index`` (the end when ``None``)."""
        workout = workout.replace(id=None)
        workout.validate()
        day = [w for w in self.day(workout.day) if w.id is not None]
        return self._write(_insert(day, workout, index), touched_days={workout.day})

    def add_from_template(
        self, template: Template, day: date, index: int | None = None
    ) -> ChangeSet:
        """A new planned workout from a library entry."""
        return self.add(template.to_workout(day), index)

    def move(self, workout_id: int, day: date, index: int | None = None) -> ChangeSet:
        """Move a workout to ``day`` at ``index`` (the end when ``None``)."""
        current = self._require(workout_id)
        source = [w for w in self.day(current.day) if w.id != workout_id]
        if day == current.day:
            rows = _insert(source, current.replace(day=day), index)
        else:
            rows = _renumber(source) + _insert(self.day(day), current.replace(day=day), index)
        return self._write(rows, touched_days={current.day, day})

    def copy(self, workout_id: int, day: date, index: int | None = None) -> ChangeSet:
        """Copy a workout to ``day`` at ``index`` as a new planned workout."""
        current = self._require(workout_id)
        return self.add(as_plan(current).replace(day=day), index)

    def duplicate(self, workout_id: int) -> ChangeSet:
        """Copy a workout right after itself, on the same day."""
        current = self._require(workout_id)
        return self.copy(workout_id, current.day, current.position + 1)

    def edit(self, workout: Workout) -> ChangeSet:
        """Store new values for an existing workout (its day and order may change too)."""
        if workout.id is None:
            raise ValueError("edit() needs a stored workout; use add() for a new one")
        current = self._require(workout.id)
        workout.validate()
        if workout.day != current.day:
            rows = _renumber([w for w in self.day(current.day) if w.id != workout.id])
            rows += _insert(self.day(workout.day), workout, workout.position)
            return self._write(rows, touched_days={current.day, workout.day})
        if workout.position != current.position:
            others = [w for w in self.day(workout.day) if w.id != workout.id]
            return self._write(
                _insert(others, workout, workout.position), touched_days={workout.day}
            )
        return self._write([workout], touched_days={workout.day})

    def set_status(
        self,
        workout_id: int,
        status: Status,
        *,
        actual_duration_min: float | None = None,
        actual_distance_km: float | None = None,
        actual_rpe: float | None = None,
        heavy_legs: bool | None = None,
    ) -> ChangeSet:
        """Mark a workout planned, done or skipped.

        Marking done without actuals takes the planned values as what was done.
        """
        current = self._require(workout_id)
        if status is Status.DONE:
            updated = current.replace(
                status=status,
                actual_duration_min=_first(
                    actual_duration_min, current.actual_duration_min, current.duration_min
                ),
                actual_distance_km=_first(
                    actual_distance_km, current.actual_distance_km, current.distance_km
                ),
                actual_rpe=_first(actual_rpe, current.actual_rpe, current.rpe),
                heavy_legs=current.heavy_legs if heavy_legs is None else heavy_legs,
            )
        else:
            updated = current.replace(status=status)
        return self.edit(updated)

    def delete(self, workout_ids: Iterable[int]) -> ChangeSet:
        """Delete workouts; the others on their days close the gap."""
        doomed = {i: self._require(i) for i in workout_ids}
        days = {w.day for w in doomed.values()}
        rows: list[Workout] = []
        for day in sorted(days):
            rows += _renumber([w for w in self.day(day) if w.id not in doomed])
        return self._write(rows, deletes=doomed.values(), touched_days=days)

    def copy_week(self, source: Week, target: Week) -> ChangeSet:
        """Copy every workout of ``source`` to the same weekday of ``target``, as planned.

        Copies go after whatever ``target`` already holds on each day.
        """
        offset = target.start - source.start
        existing: dict[date, int] = {}
        for workout in self.week(target):
            existing[workout.day] = max(existing.get(workout.day, 0), workout.position + 1)
        rows: list[Workout] = []
        for workout in self.week(source):
            day = workout.day + offset
            position = existing.get(day, 0)
            existing[day] = position + 1
            rows.append(as_plan(workout).replace(id=None, day=day, position=position))
        return self._write(rows, touched_days={w.day for w in rows})

    def apply_change(self, change: ChangeSet) -> ChangeSet:
        """Bring every workout in ``change.after`` to that state (undo passes the inverse)."""
        upserts = [w for w in change.after.values() if w is not None]
        deletes = [i for i, w in change.after.items() if w is None]
        self._repo.apply(upserts, deletes)
        return change

    # -- library ---------------------------------------------------------------------------
    def save_template(self, template: Template) -> Template:
        """Add a library entry (``id=None``) or update one."""
        if not template.name.strip():
            raise ValidationError("name", "Give the template a name.")
        template.to_workout(date(2000, 1, 1)).validate()
        return self._repo.save_template(template)

    def template_from_workout(self, workout: Workout, name: str, description: str = "") -> Template:
        """A new library entry with a workout's planned values."""
        return self.save_template(
            Template(
                id=None,
                name=name,
                kind=workout.kind,
                duration_min=workout.duration_min,
                distance_km=workout.distance_km,
                rpe=workout.rpe,
                description=description or _first_line(workout.notes),
            )
        )

    def delete_template(self, template_id: int) -> None:
        """Remove a library entry."""
        self._repo.delete_template(template_id)

    # -- internals -------------------------------------------------------------------------
    def _require(self, workout_id: int) -> Workout:
        workout = self._repo.get_workout(workout_id)
        if workout is None:
            raise KeyError(f"workout {workout_id} no longer exists")
        return workout

    def _write(
        self,
        rows: Sequence[Workout],
        *,
        deletes: Iterable[Workout] = (),
        touched_days: Iterable[date] = (),
    ) -> ChangeSet:
        deleted = list(deletes)
        before: dict[int, Workout | None] = {}
        for row in rows:
            if row.id is not None:
                before[row.id] = self._repo.get_workout(row.id)
        for gone in deleted:
            assert gone.id is not None
            before[gone.id] = gone
        stored = self._repo.apply(rows, [w.id for w in deleted if w.id is not None])
        after: dict[int, Workout | None] = {}
        for row in stored:
            assert row.id is not None
            before.setdefault(row.id, None)
            after[row.id] = row
        for gone in deleted:
            assert gone.id is not None
            after[gone.id] = None
        return ChangeSet(days=frozenset(touched_days), before=before, after=after)


def as_plan(workout: Workout) -> Workout:
    """The same session as a fresh plan: planned, with no actuals and no id."""
    return workout.replace(
        id=None,
        status=Status.PLANNED,
        actual_duration_min=None,
        actual_distance_km=None,
        actual_rpe=None,
        heavy_legs=False,
    )


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def _first(*values: float | None) -> float | None:
    for value in values:
        if value is not None:
            return value
    return None


def _renumber(day: Sequence[Workout]) -> list[Workout]:
    """The workouts of one day with positions 0..n-1, only those whose position changed."""
    ordered = sorted(day, key=lambda w: (w.position, w.id or 0))
    return [w.replace(position=i) for i, w in enumerate(ordered) if w.position != i]


def _insert(day: Sequence[Workout], workout: Workout, index: int | None) -> list[Workout]:
    """Insert ``workout`` into one day's list at ``index``; the rows whose position changed.

    The inserted workout is always among the rows returned, first.
    """
    ordered = sorted(
        (w for w in day if w.id is None or w.id != workout.id),
        key=lambda w: (w.position, w.id or 0),
    )
    if index is None or index > len(ordered):
        index = len(ordered)
    index = max(index, 0)
    ordered.insert(index, workout)
    rows = [workout.replace(position=index)]
    for i, other in enumerate(ordered):
        if other is not workout and other.position != i:
            rows.append(other.replace(position=i))
    return rows
