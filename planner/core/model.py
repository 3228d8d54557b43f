"""The domain model: frozen dataclasses and enums shared by every layer.

Units are metric everywhere below the UI: kilometres, kilograms, minutes.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from planner.core.matching import StoredActivity
    from planner.core.settings import Settings

#: The largest values the app accepts anywhere (editor, import, storage).
MAX_DISTANCE_KM = 300.0
MAX_DURATION_MIN = 24 * 60.0
MIN_RPE = 0.0
MAX_RPE = 10.0
MAX_TITLE_LEN = 120
#: The days a plan may hold: every command can show, navigate, print and export weeks in
#: this range (far dates would overflow week arithmetic and are typing mistakes anyway).
FIRST_PLAN_DAY = date(1900, 1, 1)
LAST_PLAN_DAY = date(2199, 12, 31)
#: The body weights a weigh-in may record (kg); anything else is a typing mistake.
MIN_WEIGHT_KG = 20.0
MAX_WEIGHT_KG = 300.0


class Kind(enum.StrEnum):
    """What a block on the calendar is."""

    RUN = "run"
    STRENGTH = "strength"
    HIIT = "hiit"
    #: Cross-training (cycling, swimming, rowing, walking...): a training session whose
    #: distance is never run distance.
    CROSS = "cross"
    REST = "rest"

    @property
    def label(self) -> str:
        """The kind's name for people ("Run", "HIIT")."""
        return _KIND_LABELS[self]

    @property
    def letter(self) -> str:
        """One letter that identifies the kind without colour."""
        return _KIND_LETTERS[self]

    @property
    def is_training(self) -> bool:
        """Whether a session of this kind carries training load."""
        return self is not Kind.REST


_KIND_LABELS = {
    Kind.RUN: "Run",
    Kind.STRENGTH: "Strength",
    Kind.HIIT: "HIIT",
    Kind.CROSS: "Cross-training",
    Kind.REST: "Rest",
}
_KIND_LETTERS = {Kind.RUN: "R", Kind.STRENGTH: "S", Kind.HIIT: "H", Kind.CROSS: "X", Kind.REST: "Z"}


class Status(enum.StrEnum):
    """Whether a workout is still planned, was done, or was skipped."""

    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        """The status for people."""
        return self.value.capitalize()


class Severity(enum.IntEnum):
    """How serious a finding is; higher is more severe, so findings sort by it."""

    INFO = 1
    WARNING = 2
    CRITICAL = 3

    @property
    def label(self) -> str:
        """The severity's name for people."""
        return self.name.lower()


class ValidationError(ValueError):
    """A value that cannot be planned, with a message for the runner.

    Attributes:
        field: the name of the offending field ("" when it concerns the whole object).
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Workout:
    """One block on the calendar: a planned, done or skipped session, or a rest day.

    Attributes:
        id: the storage id; ``None`` until the workout is stored.
        day: the calendar day it is on.
        kind: run, strength, HIIT, cross-training or rest.
        title: what the runner calls it ("Long run").
        position: its order within the day, 0 first.
        duration_min: planned duration in minutes.
        distance_km: planned distance in kilometres.
        rpe: planned effort on the CR-10 scale (0 to 10).
        notes: free text.
        status: planned, done or skipped.
        actual_duration_min: what the runner actually did, when done.
        actual_distance_km: what the runner actually ran, when done.
        actual_rpe: how hard it actually felt, when done.
        heavy_legs: the runner reported heavy legs after it.
        race: a race: the goal a plan leads to, not a training step (the distance rules
            RUN_SPIKE, LONG_SHARE and WEEK_RAMP leave it out; its load counts). Never a rest.
        plan_day: the day a generated training plan first put it on (moving it keeps this
            day, so the plan can tell workouts done on time, moved or missed); ``None`` for a
            workout the runner made, copies included.
    """

    id: int | None
    day: date
    kind: Kind
    title: str
    position: int = 0
    duration_min: float | None = None
    distance_km: float | None = None
    rpe: float | None = None
    notes: str = ""
    status: Status = Status.PLANNED
    actual_duration_min: float | None = None
    actual_distance_km: float | None = None
    actual_rpe: float | None = None
    heavy_legs: bool = False
    race: bool = False
    plan_day: date | None = None

    @property
    def is_done(self) -> bool:
        """Whether the runner marked it done."""
        return self.status is Status.DONE

    @property
    def reports_heavy_legs(self) -> bool:
        """Whether it is a heavy-legs report: done, with "Legs felt heavy" ticked."""
        return self.status is Status.DONE and self.heavy_legs

    @property
    def effective_duration_min(self) -> float | None:
        """The actual duration when done (falling back to the plan), else the planned one."""
        if self.is_done and self.actual_duration_min is not None:
            return self.actual_duration_min
        return self.duration_min

    @property
    def effective_distance_km(self) -> float | None:
        """The actual distance when done (falling back to the plan), else the planned one."""
        if self.is_done and self.actual_distance_km is not None:
            return self.actual_distance_km
        return self.distance_km

    @property
    def effective_rpe(self) -> float | None:
        """The actual effort when done (falling back to the plan), else the planned one."""
        if self.is_done and self.actual_rpe is not None:
            return self.actual_rpe
        return self.rpe

    @property
    def is_training_session(self) -> bool:
        """A run, strength or HIIT session that was not skipped (RULES.md)."""
        return self.kind.is_training and self.status is not Status.SKIPPED

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied (``dataclasses.replace``)."""
        return dataclasses.replace(self, **changes)

    def content_key(self) -> tuple[object, ...]:
        """Everything but the id and position: two workouts with equal keys are the same data."""
        return (
            self.day,
            self.kind,
            self.title,
            self.duration_min,
            self.distance_km,
            self.rpe,
            self.notes,
            self.status,
            self.actual_duration_min,
            self.actual_distance_km,
            self.actual_rpe,
            self.heavy_legs,
            self.race,
            self.plan_day,
        )

    def validate(self) -> None:
        """Raise :class:`ValidationError` if any value is impossible.

        Runs need a positive duration or distance when given; nothing may be negative,
        distances stop at 300 km, durations at 24 h, effort is 0 to 10, the title
        may not be empty, a rest day is no race, and a plan day is a day Legwork plans.
        """
        if not self.title.strip():
            raise ValidationError("title", "Give the workout a title.")
        if len(self.title) > MAX_TITLE_LEN:
            raise ValidationError("title", f"Keep the title under {MAX_TITLE_LEN} characters.")
        for name in ("duration_min", "actual_duration_min"):
            _check_duration(name, getattr(self, name), self.kind)
        for name in ("distance_km", "actual_distance_km"):
            _check_distance(name, getattr(self, name), self.kind)
        for name in ("rpe", "actual_rpe"):
            _check_rpe(name, getattr(self, name))
        if self.position < 0:
            raise ValidationError("position", "A position within the day cannot be negative.")
        if self.race and self.kind is Kind.REST:
            raise ValidationError("race", "A rest day cannot be a race.")
        _check_day(self.day)
        if self.plan_day is not None:
            _check_day(self.plan_day, "plan_day")


def _check_day(day: date, name: str = "day") -> None:
    if not FIRST_PLAN_DAY <= day <= LAST_PLAN_DAY:
        raise ValidationError(
            name,
            f"{day.isoformat()} is outside the years Legwork plans "
            f"({FIRST_PLAN_DAY.year} to {LAST_PLAN_DAY.year}).",
        )


def _finite(name: str, value: float) -> None:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValidationError(name, "Enter a number.")


def _check_duration(name: str, value: float | None, kind: Kind) -> None:
    if value is None:
        return
    _finite(name, value)
    if value < 0 or (value == 0 and kind is Kind.RUN):
        raise ValidationError(name, "A duration must be more than zero minutes.")
    if value > MAX_DURATION_MIN:
        raise ValidationError(name, "A workout cannot last more than 24 hours.")


def _check_distance(name: str, value: float | None, kind: Kind) -> None:
    if value is None:
        return
    _finite(name, value)
    if value < 0 or (value == 0 and kind is Kind.RUN):
        raise ValidationError(name, "A distance must be more than zero kilometres.")
    if value > MAX_DISTANCE_KM:
        raise ValidationError(name, f"A distance over {MAX_DISTANCE_KM:g} km is not plausible.")


def _check_rpe(name: str, value: float | None) -> None:
    if value is None:
        return
    _finite(name, value)
    if not MIN_RPE <= value <= MAX_RPE:
        raise ValidationError(name, "Effort (RPE) goes from 0 to 10.")


@dataclass(frozen=True, slots=True)
class Template:
    """A workout library entry: what a new block dropped from the library starts as.

    Attributes:
        id: the storage id; ``None`` until stored.
        name: the entry's name, unique in the library ("Easy run").
        kind: the kind of workout it creates.
        duration_min: default planned duration.
        distance_km: default planned distance.
        rpe: default planned effort.
        description: one line for the runner.
        builtin: shipped with Legwork (cannot be deleted, only hidden by edits of the user's own).
    """

    id: int | None
    name: str
    kind: Kind
    duration_min: float | None = None
    distance_km: float | None = None
    rpe: float | None = None
    description: str = ""
    builtin: bool = False

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    def to_workout(self, day: date, position: int = 0) -> Workout:
        """A new planned workout on ``day`` with this template's values."""
        return Workout(
            id=None,
            day=day,
            kind=self.kind,
            title=self.name,
            position=position,
            duration_min=self.duration_min,
            distance_km=self.distance_km,
            rpe=self.rpe,
            notes=self.description,
        )


@dataclass(frozen=True, slots=True)
class WeightEntry:
    """A weigh-in: body weight in kilograms on a day."""

    day: date
    kg: float

    def validate(self) -> None:
        """Raise :class:`ValidationError` unless the weight is plausible (20 to 300 kg)."""
        _check_day(self.day)
        _finite("kg", self.kg)
        if not MIN_WEIGHT_KG <= self.kg <= MAX_WEIGHT_KG:
            raise ValidationError(
                "kg", f"A body weight is between {MIN_WEIGHT_KG:g} and {MAX_WEIGHT_KG:g} kg."
            )


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the warning panel tells the runner.

    Attributes:
        rule_id: the rule that found it (RULES.md), e.g. ``REST_WEEK``.
        severity: info, warning or critical.
        days: the days it concerns, sorted, so the UI can highlight them.
        message: what is wrong and what to do, with figures filled in.
        source: where the threshold comes from.
    """

    rule_id: str
    severity: Severity
    days: tuple[date, ...]
    message: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """What one plan operation changed: every kind of plan data, before and after.

    Each map goes from a key (workout id, weigh-in day, template id) to its state before and
    after the operation, ``None`` meaning "did not exist". Applying ``after`` repeats the
    operation; :meth:`inverse` swaps the two, which is exactly what undo applies. Views look at
    the ``touches_*`` properties to refresh only what changed.

    Attributes:
        days: every day whose blocks changed.
        before: workout id -> workout before the operation (``None`` if created by it).
        after: workout id -> workout after the operation (``None`` if deleted by it).
        weights_before: weigh-in day -> weigh-in before (``None``: there was none).
        weights_after: weigh-in day -> weigh-in after (``None``: deleted).
        templates_before: template id -> library entry before (``None``: created).
        templates_after: template id -> library entry after (``None``: deleted).
        settings_before: the settings before, when the operation changed them.
        settings_after: the settings after, when the operation changed them.
        activities_before: activity id -> recorded activity (with its link) before
            (``None``: imported by the operation).
        activities_after: activity id -> recorded activity after (``None``: deleted).
        reload: the views must reload everything (the file may differ from what they show,
            for example after a refused write); not an undoable change.
    """

    days: frozenset[date] = frozenset()
    before: dict[int, Workout | None] = field(default_factory=dict)
    after: dict[int, Workout | None] = field(default_factory=dict)
    weights_before: dict[date, WeightEntry | None] = field(default_factory=dict)
    weights_after: dict[date, WeightEntry | None] = field(default_factory=dict)
    templates_before: dict[int, Template | None] = field(default_factory=dict)
    templates_after: dict[int, Template | None] = field(default_factory=dict)
    settings_before: Settings | None = None
    settings_after: Settings | None = None
    activities_before: dict[int, StoredActivity | None] = field(default_factory=dict)
    activities_after: dict[int, StoredActivity | None] = field(default_factory=dict)
    reload: bool = False

    @classmethod
    def reload_all(cls) -> ChangeSet:
        """The change that tells every view to reload what it shows from the file."""
        return cls(reload=True)

    @property
    def touches_workouts(self) -> bool:
        """Whether workouts changed (or everything must be reloaded)."""
        return self.reload or bool(self.days or self.after)

    @property
    def touches_weights(self) -> bool:
        """Whether weigh-ins changed (or everything must be reloaded)."""
        return self.reload or bool(self.weights_after)

    @property
    def touches_templates(self) -> bool:
        """Whether the workout library changed (or everything must be reloaded)."""
        return self.reload or bool(self.templates_after)

    @property
    def touches_settings(self) -> bool:
        """Whether settings changed (or everything must be reloaded)."""
        return self.reload or self.settings_after is not None

    @property
    def touches_activities(self) -> bool:
        """Whether recorded activities or their links changed (or everything must be reloaded)."""
        return self.reload or bool(self.activities_after)

    @property
    def weight_days(self) -> frozenset[date]:
        """The days whose weigh-in changed."""
        return frozenset(self.weights_after)

    @property
    def is_empty(self) -> bool:
        """Whether nothing changed and nothing needs reloading."""
        return not (
            self.reload
            or self.days
            or self.after
            or self.weights_after
            or self.templates_after
            or self.activities_after
            or self.settings_after is not None
        )

    def touches_range(self, start: date, end: date) -> bool:
        """Whether the change touches workouts or weigh-ins on a day in ``[start, end]``."""
        if self.reload or self.settings_after is not None:
            return True
        return any(start <= day <= end for day in self.days | self.weight_days)

    def inverse(self) -> ChangeSet:
        """The change that takes the plan back to where it was before this one."""
        return dataclasses.replace(
            self,
            before=dict(self.after),
            after=dict(self.before),
            weights_before=dict(self.weights_after),
            weights_after=dict(self.weights_before),
            templates_before=dict(self.templates_after),
            templates_after=dict(self.templates_before),
            settings_before=self.settings_after,
            settings_after=self.settings_before,
            activities_before=dict(self.activities_after),
            activities_after=dict(self.activities_before),
        )
