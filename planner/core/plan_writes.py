"""One plan operation's rows -> one guarded :class:`~planner.core.ports.Batch` -> its ChangeSet.

Every operation of :class:`~planner.core.service.PlanService` (workout edits, and imports,
links and unlinks of recorded activities) collects what it writes and what it read in a
:class:`PlannedWrite`; :func:`write` stores it in one repository transaction that first
checks the file still holds what was read, and returns the
:class:`~planner.core.model.ChangeSet` whose inverse undoes it exactly. A workout that is
deleted takes its activity's link with it in the same write (the activity stays, unlinked),
so undoing the delete links them again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from planner.core.edits import Edit
from planner.core.matching import StoredActivity
from planner.core.model import ChangeSet, Workout
from planner.core.ports import Batch, PlanRepository, Stored


@dataclass
class PlannedWrite:
    """The rows one operation writes, and what it read them from.

    Attributes:
        workouts: workouts to store (``id=None``: new).
        deletes: workouts to delete, as read.
        expect: workout id -> the workout as read (each updated or deleted one).
        activities: activities to store (a ``workout_id`` of ``-(k + 1)``: ``workouts[k]``).
        expect_activities: activity id -> the activity as read (``None``: must not exist).
        days: every day whose blocks change.
    """

    workouts: list[Workout] = field(default_factory=list)
    deletes: list[Workout] = field(default_factory=list)
    expect: dict[int, Workout] = field(default_factory=dict)
    activities: list[StoredActivity] = field(default_factory=list)
    expect_activities: dict[int, StoredActivity | None] = field(default_factory=dict)
    days: set[date] = field(default_factory=set)

    def add_edit(self, edit: Edit) -> None:
        """Add the rows of a workout edit (:mod:`planner.core.edits`)."""
        self.workouts.extend(edit.upserts)
        self.deletes.extend(edit.deletes)
        self.expect.update(edit.before)
        self.days |= edit.days

    @property
    def is_empty(self) -> bool:
        """Whether it writes nothing."""
        return not (self.workouts or self.deletes or self.activities)


def _detach_deleted(repository: PlanRepository, plan: PlannedWrite) -> None:
    """Unlink the activities of the workouts ``plan`` deletes, unless it writes them itself."""
    if not plan.deletes:
        return
    days = [w.day for w in plan.deletes]
    links = repository.activity_links(min(days), max(days))
    written = {a.id for a in plan.activities}
    for workout in plan.deletes:
        activity_id = links.get(workout.id or 0)
        if activity_id is None or activity_id in written:
            continue
        stored = repository.get_activity(activity_id)
        if stored is not None:
            plan.activities.append(stored.unlinked())
            plan.expect_activities[activity_id] = stored


def write(repository: PlanRepository, plan: PlannedWrite) -> ChangeSet:
    """Store ``plan`` in one checked transaction; the ChangeSet of what changed.

    Raises:
        StaleDataError: the file no longer holds what ``plan`` was read from.
        StorageError: nothing could be written.
    """
    if plan.is_empty:
        return ChangeSet()
    _detach_deleted(repository, plan)
    expect: dict[int, Workout | None] = dict(plan.expect)
    stored = repository.write(
        Batch(
            workouts=plan.workouts,
            delete_workouts=[w.id for w in plan.deletes if w.id is not None],
            expect_workouts=expect,
            activities=plan.activities,
            expect_activities=plan.expect_activities,
        )
    )
    return _change(plan, stored)


def _change(plan: PlannedWrite, stored: Stored) -> ChangeSet:
    before: dict[int, Workout | None] = {}
    after: dict[int, Workout | None] = {}
    for row in stored.workouts:
        assert row.id is not None
        before[row.id] = plan.expect.get(row.id)
        after[row.id] = row
    for gone in plan.deletes:
        assert gone.id is not None
        before[gone.id], after[gone.id] = gone, None
    activities_before: dict[int, StoredActivity | None] = {}
    activities_after: dict[int, StoredActivity | None] = {}
    for item in stored.activities:
        assert item.id is not None
        activities_before[item.id] = plan.expect_activities.get(item.id)
        activities_after[item.id] = item
    return ChangeSet(
        days=frozenset(plan.days),
        before=before,
        after=after,
        activities_before=activities_before,
        activities_after=activities_after,
    )


__all__ = ["PlannedWrite", "write"]
