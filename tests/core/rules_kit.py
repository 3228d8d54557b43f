"""Small builders for the load and rules tests: a plan written the way a runner thinks of it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from planner.core.model import Finding, Kind, Severity, Status, WeightEntry, Workout
from planner.core.rules import evaluate
from planner.core.settings import RuleSettings

#: A Monday: the first day of the week most tests evaluate.
MONDAY = date(2026, 11, 16)


def day(offset: int) -> date:
    """The day ``offset`` days after :data:`MONDAY` (negative: before it)."""
    return MONDAY + timedelta(days=offset)


def run(
    when: date,
    km: float | None = 8.0,
    minutes: float | None = 45.0,
    rpe: float | None = 4.0,
    **changes: object,
) -> Workout:
    """A planned run."""
    w = Workout(
        id=None, day=when, kind=Kind.RUN, title="Run", duration_min=minutes, distance_km=km, rpe=rpe
    )
    return w.replace(**changes) if changes else w


def hiit(
    when: date, minutes: float | None = 30.0, rpe: float | None = 8.0, **changes: object
) -> Workout:
    """A planned HIIT session."""
    w = Workout(id=None, day=when, kind=Kind.HIIT, title="Intervals", duration_min=minutes, rpe=rpe)
    return w.replace(**changes) if changes else w


def strength(
    when: date, minutes: float | None = 40.0, rpe: float | None = 6.0, **changes: object
) -> Workout:
    """A planned strength session."""
    w = Workout(
        id=None, day=when, kind=Kind.STRENGTH, title="Strength", duration_min=minutes, rpe=rpe
    )
    return w.replace(**changes) if changes else w


def cross(
    when: date,
    km: float | None = 40.0,
    minutes: float | None = 90.0,
    rpe: float | None = 4.0,
    **changes: object,
) -> Workout:
    """A planned cross-training session: by default a 40 km bike ride."""
    w = Workout(
        id=None,
        day=when,
        kind=Kind.CROSS,
        title="Bike",
        duration_min=minutes,
        distance_km=km,
        rpe=rpe,
    )
    return w.replace(**changes) if changes else w


def rest(when: date) -> Workout:
    """An explicit rest block."""
    return Workout(id=None, day=when, kind=Kind.REST, title="Rest", rpe=0.0)


def done(workout: Workout, **actuals: object) -> Workout:
    """``workout`` marked done, with the given actual values."""
    return workout.replace(status=Status.DONE, **actuals)


def skipped(workout: Workout) -> Workout:
    """``workout`` marked skipped."""
    return workout.replace(status=Status.SKIPPED)


def weigh(when: date, kg: float) -> WeightEntry:
    """A weigh-in."""
    return WeightEntry(when, kg)


def every_day(first: date, last: date, make: Callable[[date], Workout]) -> list[Workout]:
    """``make(day)`` for each day from ``first`` to ``last`` inclusive."""
    out = []
    current = first
    while current <= last:
        out.append(make(current))
        current += timedelta(days=1)
    return out


def findings_of(
    plan: Iterable[Workout],
    rule_id: str,
    *,
    start: date = MONDAY,
    end: date = MONDAY + timedelta(days=6),
    weights: Iterable[WeightEntry] = (),
    settings: RuleSettings | None = None,
    first_weekday: int = 0,
) -> list[Finding]:
    """What ``rule_id`` says about ``plan`` for ``[start, end]`` (by default the week of MONDAY)."""
    found = evaluate(
        list(plan),
        start=start,
        end=end,
        weights=list(weights),
        settings=settings if settings is not None else RuleSettings(),
        first_weekday=first_weekday,
    )
    return [f for f in found if f.rule_id == rule_id]


def summary(found: Iterable[Finding]) -> list[tuple[Severity, tuple[date, ...]]]:
    """Each finding's severity and days: what a test usually checks."""
    return [(f.severity, f.days) for f in found]


def days(first: int, last: int) -> tuple[date, ...]:
    """``day(first)`` .. ``day(last)`` inclusive."""
    return tuple(day(i) for i in range(first, last + 1))
