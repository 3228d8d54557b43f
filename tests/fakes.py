"""Test doubles shared by the test suites: an in-memory plan repository.

``MemoryRepository`` implements :class:`planner.core.ports.PlanRepository` completely, with the
semantics the port documents, so core, UI and CLI tests can run without a database:

- every writing method is all-or-nothing (``fail_writes`` makes each of them raise
  :class:`StorageError` and change nothing, like a locked or read-only database);
- ``write()`` checks the batch's expectations first (``StaleDataError``, nothing written);
  it inserts ``id=None`` workouts with fresh ids (never reused, like SQLite
  ``AUTOINCREMENT``), updates stored ids, and inserts unknown ids with exactly that id (undo);
- the library starts with :data:`planner.core.library.BUILTIN_TEMPLATES`, ids 1..n.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from planner.core.library import BUILTIN_TEMPLATES
from planner.core.matching import StoredActivity
from planner.core.model import Template, ValidationError, WeightEntry, Workout
from planner.core.ports import Batch, PlanRepository, StaleDataError, StorageError, Stored
from planner.core.vocabulary import template_name_key


@dataclass(frozen=True)
class Snapshot:
    """Everything a repository holds at one moment, comparable with ``==``."""

    workouts: tuple[Workout, ...]
    templates: tuple[Template, ...]
    weights: tuple[WeightEntry, ...]
    settings: tuple[tuple[str, str], ...]
    activities: tuple[StoredActivity, ...] = ()


class MemoryRepository:
    """A :class:`~planner.core.ports.PlanRepository` that keeps everything in dicts.

    Args:
        workouts: workouts to start with (``id=None`` ones get fresh ids).
        weights: weigh-ins to start with.
        settings: settings to start with.
        builtins: seed the library with the built-in templates.

    Attributes:
        fail_writes: when true, every writing method raises :class:`StorageError` and
            writes nothing.
        writes: how many writing calls succeeded (tests check that refused operations
            wrote nothing).
    """

    def __init__(
        self,
        workouts: Iterable[Workout] = (),
        *,
        weights: Iterable[WeightEntry] = (),
        settings: dict[str, str] | None = None,
        builtins: bool = True,
    ) -> None:
        self._workouts: dict[int, Workout] = {}
        self._templates: dict[int, Template] = {}
        self._weights: dict[date, WeightEntry] = {}
        self._settings: dict[str, str] = dict(settings or {})
        self._activities: dict[int, StoredActivity] = {}
        self._next_activity_id = 1
        self._next_workout_id = 1
        self._next_template_id = 1
        self.fail_writes = False
        self.writes = 0
        if builtins:
            for template in BUILTIN_TEMPLATES:
                self._templates[self._next_template_id] = template.replace(
                    id=self._next_template_id, builtin=True
                )
                self._next_template_id += 1
        for entry in weights:
            self._weights[entry.day] = entry
        initial = list(workouts)
        if initial:
            self.write(Batch(workouts=initial))
        self.writes = 0

    # -- helpers for tests -----------------------------------------------------------------
    def all_workouts(self) -> list[Workout]:
        """Every stored workout, by day, position, then id."""
        return sorted(self._workouts.values(), key=_workout_order)

    def snapshot(self) -> Snapshot:
        """The whole state, for comparing before and after."""
        return Snapshot(
            workouts=tuple(sorted(self._workouts.values(), key=lambda w: w.id or 0)),
            templates=tuple(sorted(self._templates.values(), key=lambda t: t.id or 0)),
            weights=tuple(self._weights[day] for day in sorted(self._weights)),
            settings=tuple(sorted(self._settings.items())),
            activities=tuple(self._activities[i] for i in sorted(self._activities)),
        )

    # -- workouts --------------------------------------------------------------------------
    def workouts_between(self, start: date, end: date) -> list[Workout]:
        """The workouts on days ``start`` to ``end`` inclusive, by day then position."""
        return sorted(
            (w for w in self._workouts.values() if start <= w.day <= end), key=_workout_order
        )

    def get_workout(self, workout_id: int) -> Workout | None:
        """One workout by id, or ``None``."""
        return self._workouts.get(workout_id)

    def write(self, batch: Batch) -> Stored:
        """Check the expectations, then write the whole batch, all or nothing.

        Raises:
            StaleDataError: the repository does not hold what the batch expects.
            StorageError: when ``fail_writes`` is set or a row breaks a constraint the
                database would enforce (impossible values, a non-positive id, a duplicate
                library name, deleting a built-in entry).
        """
        self._check_writable()
        self._check_expectations(batch)
        for workout in batch.workouts:
            if workout.id is not None and workout.id <= 0:
                raise StorageError(f"Invalid workout id {workout.id}.")
            try:
                workout.validate()
            except ValidationError as error:
                raise StorageError(f"Refused an invalid workout: {error}") from error
        for entry in batch.weights:
            if not math.isfinite(entry.kg) or entry.kg <= 0:
                raise StorageError(f"Refused an impossible weight: {entry.kg} kg.")
        for template_id in batch.delete_templates:
            doomed = self._templates.get(template_id)
            if doomed is not None and doomed.builtin:
                raise StorageError(f"{doomed.name!r} is built in and cannot be deleted.")
        workouts = dict(self._workouts)
        next_id = self._next_workout_id
        stored: list[Workout] = []
        for workout in batch.workouts:
            if workout.id is None:
                workout = workout.replace(id=next_id)
                next_id += 1
            assert workout.id is not None
            workouts[workout.id] = workout
            next_id = max(next_id, workout.id + 1)
            stored.append(workout)
        for workout_id in batch.delete_workouts:
            workouts.pop(workout_id, None)
        templates = dict(self._templates)
        for template_id in batch.delete_templates:
            templates.pop(template_id, None)
        next_template = self._next_template_id
        stored_templates: list[Template] = []
        for template in batch.templates:
            key = template_name_key(template.name)
            if any(
                template_name_key(t.name) == key and t.id != template.id for t in templates.values()
            ):
                raise StorageError(f"There is already a library entry called {template.name!r}.")
            if template.id is None:
                template = template.replace(id=next_template)
                next_template += 1
            assert template.id is not None
            templates[template.id] = template
            next_template = max(next_template, template.id + 1)
            stored_templates.append(template)
        weights = dict(self._weights)
        weights.update({entry.day: entry for entry in batch.weights})
        for day in batch.delete_weights:
            weights.pop(day, None)
        activities, stored_activities = self._written_activities(batch, workouts, stored)
        self._workouts, self._next_workout_id = workouts, next_id
        self._templates, self._next_template_id = templates, next_template
        self._weights = weights
        self._settings.update(batch.settings)
        self._activities = activities
        self._next_activity_id = max([self._next_activity_id, *(i + 1 for i in activities)])
        self.writes += 1
        return Stored(workouts=stored, templates=stored_templates, activities=stored_activities)

    def _written_activities(
        self, batch: Batch, workouts: dict[int, Workout], stored: list[Workout]
    ) -> tuple[dict[int, StoredActivity], list[StoredActivity]]:
        """The activities after ``batch`` (deletes, then upserts), like the table's rules."""
        activities = dict(self._activities)
        for activity_id in batch.delete_activities:
            activities.pop(activity_id, None)
        next_id = self._next_activity_id
        written: list[StoredActivity] = []
        for item in batch.activities:
            link = item.workout_id
            if link is not None and link < 0:
                link = stored[-link - 1].id
            activity_id = next_id if item.id is None else item.id
            next_id = max(next_id, activity_id + 1)
            item = item.replace(id=activity_id, workout_id=link)
            activities[activity_id] = item
            written.append(item)
        starts = [utc(a.activity.start) for a in activities.values()]
        links = [a.workout_id for a in activities.values() if a.workout_id is not None]
        if len(set(starts)) < len(starts) or len(set(links)) < len(links):
            raise StorageError("Two activities with one start or one workout.")
        for activity_id, item in list(activities.items()):
            if item.workout_id is not None and item.workout_id not in workouts:
                activities[activity_id] = item.replace(workout_id=None)  # ON DELETE SET NULL
        return activities, written

    def _check_expectations(self, batch: Batch) -> None:
        for workout_id, workout in batch.expect_workouts.items():
            if self._workouts.get(workout_id) != workout:
                raise StaleDataError("workout")
        for day, entry in batch.expect_weights.items():
            if self._weights.get(day) != entry:
                raise StaleDataError("weigh-in")
        for template_id, template in batch.expect_templates.items():
            if self._templates.get(template_id) != template:
                raise StaleDataError("library entry")
        for name, text in batch.expect_settings.items():
            if self._settings.get(name) != text:
                raise StaleDataError("setting")
        for activity_id, activity in batch.expect_activities.items():
            if self._activities.get(activity_id) != activity:
                raise StaleDataError("activity")

    def first_workout_day(self) -> date | None:
        """The earliest day with a workout, or ``None`` for an empty plan."""
        return min((w.day for w in self._workouts.values()), default=None)

    def count_workouts(self) -> int:
        """How many workouts are stored."""
        return len(self._workouts)

    # -- templates -------------------------------------------------------------------------
    def templates(self) -> list[Template]:
        """The workout library: built-ins in the library's order, then the user's own by name."""
        order = {t.name: i for i, t in enumerate(BUILTIN_TEMPLATES)}
        return sorted(
            self._templates.values(),
            key=lambda t: (
                not t.builtin,
                order.get(t.name, len(order)) if t.builtin else 0,
                t.name.casefold(),
            ),
        )

    # -- weights ---------------------------------------------------------------------------
    def weights_between(self, start: date, end: date) -> list[WeightEntry]:
        """The weigh-ins on days ``start`` to ``end`` inclusive, by day."""
        return [self._weights[day] for day in sorted(self._weights) if start <= day <= end]

    # -- settings --------------------------------------------------------------------------
    def settings(self) -> dict[str, str]:
        """Every stored setting."""
        return dict(self._settings)

    # -- recorded activities ---------------------------------------------------------------
    def activities_starting(self, start: datetime, end: datetime) -> list[StoredActivity]:
        """The activities that started from ``start`` to ``end`` inclusive, by start."""
        found = [a for a in self._activities.values() if start <= a.activity.start <= end]
        return sorted(found, key=lambda a: a.activity.start)

    def activities_between(self, start: date, end: date) -> list[StoredActivity]:
        """The activities of local days ``start`` to ``end`` inclusive, by start."""
        found = [a for a in self._activities.values() if start <= a.activity.local_day <= end]
        return sorted(found, key=lambda a: a.activity.start)

    def get_activity(self, activity_id: int) -> StoredActivity | None:
        """One activity by id, or ``None``."""
        return self._activities.get(activity_id)

    def activity_links(self, start: date, end: date) -> dict[int, int]:
        """Workout id -> activity id, for the linked workouts of days ``start`` to ``end``."""
        return {
            a.workout_id: activity_id
            for activity_id, a in self._activities.items()
            if a.workout_id is not None and start <= self._workouts[a.workout_id].day <= end
        }

    # -- internals -------------------------------------------------------------------------
    def _check_writable(self) -> None:
        if self.fail_writes:
            raise StorageError("The plan file is read-only.", hint="Check the file's permissions.")


def write_workouts(
    repository: PlanRepository, upserts: Iterable[Workout], deletes: Iterable[int] = ()
) -> list[Workout]:
    """Store ``upserts`` and delete ``deletes`` through ``repository.write``, expecting nothing.

    Seeds a plan for a test (what the removed ``PlanRepository.apply`` did); returns the
    stored workouts, ids filled in, in order.
    """
    batch = Batch(workouts=list(upserts), delete_workouts=list(deletes))
    return repository.write(batch).workouts


def utc(moment: datetime) -> datetime:
    """The moment in UTC (two activities starting at one moment are one)."""
    return moment.astimezone(UTC)


def _workout_order(workout: Workout) -> tuple[date, int, int]:
    return (workout.day, workout.position, workout.id or 0)
