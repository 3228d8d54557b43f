"""The ports the core needs from the outside world; the storage layer implements them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol

from planner.core.model import Template, WeightEntry, Workout


class StorageError(Exception):
    """Storage could not do what was asked; the message is written for the user.

    Attributes:
        hint: what the user can do about it ("" when there is nothing to suggest).
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class PlanRepository(Protocol):
    """Everything the core reads and writes. Every writing method is one transaction."""

    # -- workouts --------------------------------------------------------------------------
    def workouts_between(self, start: date, end: date) -> list[Workout]:
        """The workouts on days ``start`` to ``end`` inclusive, by day then position."""
        ...

    def get_workout(self, workout_id: int) -> Workout | None:
        """One workout by id, or ``None``."""
        ...

    def apply(self, upserts: Sequence[Workout], deletes: Iterable[int] = ()) -> list[Workout]:
        """Write workouts and delete others, all in one transaction.

        A workout with ``id=None`` is inserted and gets a new id; one with an id is updated,
        or inserted with exactly that id when it does not exist (that is how undo restores a
        deleted workout). Returns ``upserts`` as stored, in the same order, ids filled in.
        Raises :class:`StorageError` when nothing could be written (the plan is unchanged).
        """
        ...

    def first_workout_day(self) -> date | None:
        """The earliest day with a workout, or ``None`` for an empty plan."""
        ...

    def count_workouts(self) -> int:
        """How many workouts are stored."""
        ...

    # -- templates -------------------------------------------------------------------------
    def templates(self) -> list[Template]:
        """The workout library: built-ins in the library's order, then the user's own by name."""
        ...

    def save_template(self, template: Template) -> Template:
        """Insert (``id=None``) or update a template; returns it as stored."""
        ...

    def delete_template(self, template_id: int) -> None:
        """Remove a template from the library."""
        ...

    # -- weights ---------------------------------------------------------------------------
    def weights_between(self, start: date, end: date) -> list[WeightEntry]:
        """The weigh-ins on days ``start`` to ``end`` inclusive, by day."""
        ...

    def save_weight(self, entry: WeightEntry) -> None:
        """Record a weigh-in; one per day, a new one replaces that day's."""
        ...

    def delete_weight(self, day: date) -> None:
        """Remove the weigh-in of ``day``, if any."""
        ...

    # -- settings --------------------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        """A stored setting (plan-related preferences that travel with the file)."""
        ...

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting."""
        ...
