"""Recorded activities as plan operations: import, link, unlink, each one guarded write.

:class:`ActivityOperations` is the part of :class:`~planner.core.service.PlanService` that
handles activities. Like every plan operation, each reads what it needs, plans the rows with
the pure rules of :mod:`planner.core.matching`, writes them as one
:class:`~planner.core.ports.Batch` whose expectations say what was read, and returns a
:class:`~planner.core.model.ChangeSet` whose inverse undoes it exactly (the activities, their
links and the workouts they changed or made). An import is all or nothing: the activities,
the planned workouts they mark done and the new done workouts are one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.core import edits, plan_writes
from planner.core.activity import DUPLICATE_START_S, Activity, is_duplicate
from planner.core.matching import (
    LINK_WINDOW_DAYS,
    PriorState,
    StoredActivity,
    activity_candidates,
    link_candidates,
    linked_workout,
    match,
    new_workout,
)
from planner.core.model import ChangeSet, ValidationError, Workout
from planner.core.plan_writes import PlannedWrite
from planner.core.ports import PlanRepository

_NEAR = timedelta(seconds=DUPLICATE_START_S)
_WINDOW = timedelta(days=LINK_WINDOW_DAYS)


@dataclass(frozen=True)
class ActivityImport:
    """What an import did (or, dry, would do).

    Attributes:
        change: what was written (empty for a dry run or when nothing was new).
        linked: activities linked to a planned workout, with that workout (as planned).
        new: activities that made a new done workout, with it (as it would be stored).
        duplicates: activities the plan already holds (same start within 60 s and
            duration within 2 %), with the stored one each duplicates.
    """

    change: ChangeSet = field(default_factory=ChangeSet)
    linked: tuple[tuple[Activity, Workout], ...] = ()
    new: tuple[tuple[Activity, Workout], ...] = ()
    duplicates: tuple[tuple[Activity, StoredActivity], ...] = ()

    @property
    def imported(self) -> int:
        """How many activities were (or would be) added to the plan."""
        return len(self.linked) + len(self.new)


class ActivityOperations:
    """Import, link and unlink recorded activities on a repository; read them back.

    Args:
        repository: where the plan lives.
    """

    def __init__(self, repository: PlanRepository) -> None:
        self._repo = repository

    # -- reading ---------------------------------------------------------------------------
    def get(self, activity_id: int) -> StoredActivity | None:
        """One stored activity, or ``None``."""
        return self._repo.get_activity(activity_id)

    def between(self, start: date, end: date) -> list[StoredActivity]:
        """The activities of local days ``start`` to ``end``, by start."""
        return self._repo.activities_between(start, end)

    def links(self, start: date, end: date) -> dict[int, int]:
        """Workout id -> activity id for the linked workouts on days ``start`` to ``end``."""
        return self._repo.activity_links(start, end)

    def workout_candidates(self, activity_id: int) -> list[Workout]:
        """The workouts Link... offers for an activity, best first."""
        stored = self._require(activity_id)
        day = stored.activity.local_day
        workouts = self._repo.workouts_between(day - _WINDOW, day + _WINDOW)
        taken = set(self._repo.activity_links(day - _WINDOW, day + _WINDOW)) - {stored.workout_id}
        return link_candidates(stored.activity, workouts, taken)

    def activity_candidates(self, workout_id: int) -> list[StoredActivity]:
        """The unlinked activities Link... offers for a workout, best first."""
        workout = self._require_workout(workout_id)
        found = self._repo.activities_between(workout.day - _WINDOW, workout.day + _WINDOW)
        return activity_candidates(workout, found)

    # -- import ----------------------------------------------------------------------------
    def import_activities(
        self, activities: Iterable[Activity], *, dry_run: bool = False
    ) -> ActivityImport:
        """Add the activities the plan does not hold yet, matched to the plan, in one write.

        Each links to the unlinked planned workout of its local day and kind (several: the
        closest planned duration), which becomes done; the others make new done workouts.
        Duplicates of stored activities (or of an earlier one of the same batch) are skipped
        and reported. With ``dry_run`` nothing is written.

        Raises:
            StaleDataError: the plan changed while the import was planned; nothing written.
            StorageError: nothing could be written.
        """
        fresh, duplicates = self._without_duplicates(sorted(activities, key=lambda a: a.start))
        if not fresh:
            return ActivityImport(duplicates=tuple(duplicates))
        first = min(a.local_day for a in fresh)
        last = max(a.local_day for a in fresh)
        workouts = self._repo.workouts_between(first, last)
        matched = match(fresh, workouts, self._repo.activity_links(first, last))
        next_position: dict[date, int] = {}
        for workout in workouts:
            next_position[workout.day] = max(
                next_position.get(workout.day, 0), workout.position + 1
            )
        plan = PlannedWrite()
        linked: list[tuple[Activity, Workout]] = []
        new: list[tuple[Activity, Workout]] = []
        for activity, planned in zip(fresh, matched, strict=True):
            if planned is not None:
                assert planned.id is not None
                done = linked_workout(planned, activity)
                plan.workouts.append(done)
                plan.expect[planned.id] = planned
                plan.activities.append(
                    StoredActivity(
                        None, activity, planned.id, PriorState.of(planned), done.actual_rpe
                    )
                )
                linked.append((activity, planned))
            else:
                position = next_position.get(activity.local_day, 0)
                next_position[activity.local_day] = position + 1
                made = new_workout(activity, position)
                plan.workouts.append(made)
                plan.activities.append(StoredActivity(None, activity, -len(plan.workouts)))
                new.append((activity, made))
            plan.days.add(activity.local_day)
        change = ChangeSet() if dry_run else plan_writes.write(self._repo, plan)
        return ActivityImport(change, tuple(linked), tuple(new), tuple(duplicates))

    def _without_duplicates(
        self, activities: Sequence[Activity]
    ) -> tuple[list[Activity], list[tuple[Activity, StoredActivity]]]:
        fresh: list[Activity] = []
        duplicates: list[tuple[Activity, StoredActivity]] = []
        for activity in activities:
            near = self._repo.activities_starting(activity.start - _NEAR, activity.start + _NEAR)
            near += [StoredActivity(None, a) for a in fresh[-8:]]
            same = next((s for s in near if is_duplicate(s.activity, activity)), None)
            if same is None:
                fresh.append(activity)
            else:
                duplicates.append((activity, same))
        return fresh, duplicates

    # -- link and unlink -------------------------------------------------------------------
    def link(self, activity_id: int, workout_id: int) -> ChangeSet:
        """Link an activity to a workout, which becomes done as the activity recorded it.

        An activity linked elsewhere leaves that workout first (as :meth:`unlink` does).

        Raises:
            KeyError: the activity or the workout no longer exists.
            ValidationError: the workout already has another activity.
        """
        stored = self._require(activity_id)
        workout = self._require_workout(workout_id)
        if stored.workout_id == workout_id:
            return ChangeSet()
        other = self._repo.activity_links(workout.day, workout.day).get(workout_id)
        if other is not None and other != activity_id:
            raise ValidationError(
                "workout", "That workout already has a recorded activity; unlink it first."
            )
        plan = PlannedWrite()
        if stored.workout_id is not None:
            self._give_back(plan, stored)
            workout = next((w for w in plan.workouts if w.id == workout_id), workout)
        done = linked_workout(workout, stored.activity)
        estimate = done.actual_rpe if done.actual_rpe != workout.actual_rpe else None
        plan.workouts.append(done)
        plan.expect.setdefault(workout_id, workout)
        plan.days.add(workout.day)
        plan.activities.append(
            stored.replace(
                workout_id=workout_id, prior=PriorState.of(workout), estimated_rpe=estimate
            )
        )
        plan.expect_activities[activity_id] = stored
        return plan_writes.write(self._repo, plan)

    def unlink(self, activity_id: int) -> ChangeSet:
        """Undo an activity's link: its workout goes back to what it was before the link.

        A workout the link made (an import with no planned match) is removed.
        """
        stored = self._require(activity_id)
        if stored.workout_id is None:
            return ChangeSet()
        plan = PlannedWrite()
        self._give_back(plan, stored)
        plan.activities.append(stored.unlinked())
        plan.expect_activities[activity_id] = stored
        return plan_writes.write(self._repo, plan)

    def _give_back(self, plan: PlannedWrite, stored: StoredActivity) -> None:
        """Plan the linked workout's return to what it was before ``stored`` was linked."""
        assert stored.workout_id is not None
        workout = self._repo.get_workout(stored.workout_id)
        if workout is None:
            return
        if stored.prior is None:
            day = self._repo.workouts_between
            plan.add_edit(edits.plan_delete(lambda d: day(d, d), [workout]))
        else:
            plan.workouts.append(stored.prior.restore(workout))
            plan.expect[stored.workout_id] = workout
            plan.days.add(workout.day)

    # -- internals -------------------------------------------------------------------------
    def _require(self, activity_id: int) -> StoredActivity:
        stored = self._repo.get_activity(activity_id)
        if stored is None:
            raise KeyError(f"activity {activity_id} no longer exists")
        return stored

    def _require_workout(self, workout_id: int) -> Workout:
        workout = self._repo.get_workout(workout_id)
        if workout is None:
            raise KeyError(f"workout {workout_id} no longer exists")
        return workout


__all__ = ["ActivityImport", "ActivityOperations"]
