"""The ports the core needs from the outside world; the storage layer implements them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from planner.core.matching import StoredActivity
from planner.core.model import Template, WeightEntry, Workout


class UserError(Exception):
    """A problem told to the user in its own words: what went wrong, and what to do.

    Attributes:
        hint: what the user can do about it ("" when there is nothing to suggest).
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


class StorageError(UserError):
    """Storage could not do what was asked; the message is written for the user."""


class StaleDataError(StorageError):
    """The plan file no longer holds what an edit was planned from.

    Another window or program changed it in between; nothing was written. The views should
    reload from the file and the runner try again.
    """

    def __init__(self, what: str = "workout") -> None:
        super().__init__(
            f"This {what} was changed elsewhere (another window or program) since it was shown, "
            "so the change was not saved.",
            "The plan now shows what the file holds; make the change again if you still want it.",
        )


@dataclass(frozen=True, slots=True)
class Batch:
    """Everything one plan operation writes, for one transaction.

    ``expect_*`` hold what the operation was planned from: before writing, the repository
    compares each with what the file holds now (``None``: must not exist) and raises
    :class:`StaleDataError` on any difference, writing nothing. That is how an edit never
    writes a whole row back from a stale copy.

    Attributes:
        workouts: workouts to insert (``id=None``) or update (insert with that id if absent).
        delete_workouts: ids of workouts to delete (after the upserts).
        weights: weigh-ins to store, each replacing its day's.
        delete_weights: days whose weigh-in to delete.
        templates: library entries to insert or update, like ``workouts``.
        delete_templates: ids of library entries to delete.
        settings: settings to store, ``name -> text``.
        activities: recorded activities to insert (``id=None``) or update, like ``workouts``;
            a ``workout_id`` of ``-(k + 1)`` links to ``workouts[k]`` of this batch.
        delete_activities: ids of activities to delete (before the activity upserts).
        expect_workouts: workout id -> the workout as the operation read it.
        expect_weights: day -> the weigh-in as the operation read it.
        expect_templates: template id -> the entry as the operation read it.
        expect_settings: setting name -> its stored text as the operation read it.
        expect_activities: activity id -> the stored activity as the operation read it.
    """

    workouts: Sequence[Workout] = ()
    delete_workouts: Sequence[int] = ()
    weights: Sequence[WeightEntry] = ()
    delete_weights: Sequence[date] = ()
    templates: Sequence[Template] = ()
    delete_templates: Sequence[int] = ()
    settings: Mapping[str, str] = field(default_factory=dict)
    expect_workouts: Mapping[int, Workout | None] = field(default_factory=dict)
    expect_weights: Mapping[date, WeightEntry | None] = field(default_factory=dict)
    expect_templates: Mapping[int, Template | None] = field(default_factory=dict)
    expect_settings: Mapping[str, str | None] = field(default_factory=dict)
    activities: Sequence[StoredActivity] = ()
    delete_activities: Sequence[int] = ()
    expect_activities: Mapping[int, StoredActivity | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Stored:
    """What :meth:`PlanRepository.write` stored, ids filled in, in the batch's order.

    ``activities`` are as the plan keeps them (links resolved, the track as read back).
    """

    workouts: list[Workout]
    templates: list[Template]
    activities: list[StoredActivity] = field(default_factory=list)


class PlanRepository(Protocol):
    """Everything the core reads and writes. :meth:`write` is the one way to change the plan."""

    # -- reading ---------------------------------------------------------------------------
    def workouts_between(self, start: date, end: date) -> list[Workout]:
        """The workouts on days ``start`` to ``end`` inclusive, by day then position."""
        ...

    def get_workout(self, workout_id: int) -> Workout | None:
        """One workout by id, or ``None``."""
        ...

    def first_workout_day(self) -> date | None:
        """The earliest day with a workout, or ``None`` for an empty plan."""
        ...

    def count_workouts(self) -> int:
        """How many workouts are stored."""
        ...

    def templates(self) -> list[Template]:
        """The workout library: built-ins in the library's order, then the user's own by name."""
        ...

    def weights_between(self, start: date, end: date) -> list[WeightEntry]:
        """The weigh-ins on days ``start`` to ``end`` inclusive, by day."""
        ...

    def settings(self) -> dict[str, str]:
        """Every stored setting, ``name -> text`` (plan preferences that travel with the file)."""
        ...

    # -- recorded activities ---------------------------------------------------------------
    def activities_starting(self, start: datetime, end: datetime) -> list[StoredActivity]:
        """The activities that started from ``start`` to ``end`` inclusive, by start."""
        ...

    def activities_between(self, start: date, end: date) -> list[StoredActivity]:
        """The activities of local days ``start`` to ``end`` inclusive, by start."""
        ...

    def get_activity(self, activity_id: int) -> StoredActivity | None:
        """One activity by id, or ``None``."""
        ...

    def activity_links(self, start: date, end: date) -> dict[int, int]:
        """Workout id -> its activity's id, for the linked workouts of days ``start`` to ``end``."""
        ...

    # -- writing ---------------------------------------------------------------------------
    def write(self, batch: Batch) -> Stored:
        """Check ``batch``'s expectations, then write all of it in one transaction.

        Raises:
            StaleDataError: the file no longer holds what the batch expects; nothing written.
            StorageError: nothing could be written (the plan is unchanged).
        """
        ...
