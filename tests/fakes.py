"""Test doubles shared by the test suites: an in-memory plan repository.

``MemoryRepository`` implements :class:`planner.core.ports.PlanRepository` completely, with the
semantics the port documents, so core, UI and CLI tests can run without a database:

- every writing method is all-or-nothing (``fail_writes`` makes each of them raise
  :class:`StorageError` and change nothing, like a locked or read-only database);
- ``apply()`` inserts ``id=None`` workouts with fresh ids (never reused, like SQLite
  ``AUTOINCREMENT``), updates stored ids, and inserts unknown ids with exactly that id (undo);
- the library starts with :data:`planner.core.library.BUILTIN_TEMPLATES`, ids 1..n.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from planner.core.library import BUILTIN_TEMPLATES
from planner.core.model import Template, ValidationError, WeightEntry, Workout
from planner.core.ports import StorageError


@dataclass(frozen=True)
class Snapshot:
    """Everything a repository holds at one moment, comparable with ``==``."""

    workouts: tuple[Workout, ...]
    templates: tuple[Template, ...]
    weights: tuple[WeightEntry, ...]
    settings: tuple[tuple[str, str], ...]


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
            self.apply(initial)
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

    def apply(self, upserts: Sequence[Workout], deletes: Iterable[int] = ()) -> list[Workout]:
        """Write ``upserts``, then delete ``deletes``, all or nothing.

        Raises:
            StorageError: when ``fail_writes`` is set or a workout breaks a constraint the
                database would enforce (impossible values, a non-positive id).
        """
        self._check_writable()
        for workout in upserts:
            if workout.id is not None and workout.id <= 0:
                raise StorageError(f"Invalid workout id {workout.id}.")
            try:
                workout.validate()
            except ValidationError as error:
                raise StorageError(f"Refused an invalid workout: {error}") from error
        doomed = list(deletes)
        new = dict(self._workouts)
        next_id = self._next_workout_id
        stored: list[Workout] = []
        for workout in upserts:
            if workout.id is None:
                workout = workout.replace(id=next_id)
                next_id += 1
            assert workout.id is not None
            new[workout.id] = workout
            next_id = max(next_id, workout.id + 1)
            stored.append(workout)
        for workout_id in doomed:
            new.pop(workout_id, None)
        self._workouts = new
        self._next_workout_id = next_id
        self.writes += 1
        return stored

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
                order.get(t.name, 0) if t.builtin else 0,
                t.name.casefold(),
            ),
        )

    def save_template(self, template: Template) -> Template:
        """Insert (``id=None``) or update a template; returns it as stored.

        Raises:
            StorageError: when another entry has the same name, or the id is unknown.
        """
        self._check_writable()
        clash = [
            t for t in self._templates.values() if t.name == template.name and t.id != template.id
        ]
        if clash:
            raise StorageError(f"There is already a library entry called {template.name!r}.")
        if template.id is None:
            template = template.replace(id=self._next_template_id)
            self._next_template_id += 1
        elif template.id not in self._templates:
            raise StorageError("That library entry no longer exists.")
        assert template.id is not None
        self._templates[template.id] = template
        self.writes += 1
        return template

    def delete_template(self, template_id: int) -> None:
        """Remove a template; unknown ids are ignored.

        Raises:
            StorageError: for a built-in entry, which cannot be deleted.
        """
        self._check_writable()
        template = self._templates.get(template_id)
        if template is not None and template.builtin:
            raise StorageError(f"{template.name!r} is built in and cannot be deleted.")
        self._templates.pop(template_id, None)
        self.writes += 1

    # -- weights ---------------------------------------------------------------------------
    def weights_between(self, start: date, end: date) -> list[WeightEntry]:
        """The weigh-ins on days ``start`` to ``end`` inclusive, by day."""
        return [self._weights[day] for day in sorted(self._weights) if start <= day <= end]

    def save_weight(self, entry: WeightEntry) -> None:
        """Record a weigh-in; a new one replaces that day's.

        Raises:
            StorageError: for a weight that is not a positive finite number.
        """
        self._check_writable()
        if not math.isfinite(entry.kg) or entry.kg <= 0:
            raise StorageError(f"Refused an impossible weight: {entry.kg} kg.")
        self._weights[entry.day] = entry
        self.writes += 1

    def delete_weight(self, day: date) -> None:
        """Remove the weigh-in of ``day``, if any."""
        self._check_writable()
        self._weights.pop(day, None)
        self.writes += 1

    # -- settings --------------------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        """A stored setting, or ``None``."""
        return self._settings.get(key)

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting."""
        self._check_writable()
        self._settings[key] = value
        self.writes += 1

    # -- internals -------------------------------------------------------------------------
    def _check_writable(self) -> None:
        if self.fail_writes:
            raise StorageError("The plan file is read-only.", hint="Check the file's permissions.")


def _workout_order(workout: Workout) -> tuple[date, int, int]:
    return (workout.day, workout.position, workout.id or 0)
