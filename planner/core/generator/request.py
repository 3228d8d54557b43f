"""What a runner asks the training plan generator for, and the plain-words check of it."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from planner.core import thresholds as t
from planner.core.formatting import format_day
from planner.core.model import FIRST_PLAN_DAY, LAST_PLAN_DAY, ValidationError


class Goal(enum.StrEnum):
    """What the plan leads to: general fitness or a race distance."""

    GENERAL = "general"
    K5 = "5k"
    K10 = "10k"
    HALF = "half"
    MARATHON = "marathon"

    @property
    def label(self) -> str:
        """The goal for people ("Half marathon")."""
        return _GOAL_LABELS[self]

    @property
    def is_race(self) -> bool:
        """Whether the goal is a race on a race day (everything but general fitness)."""
        return self is not Goal.GENERAL


_GOAL_LABELS = {
    Goal.GENERAL: "General fitness",
    Goal.K5: "5 km",
    Goal.K10: "10 km",
    Goal.HALF: "Half marathon",
    Goal.MARATHON: "Marathon",
}


class Experience(enum.StrEnum):
    """How long the runner has been running: it sets the step-back rhythm and the tempo runs."""

    NEW = "new"
    RETURNING = "returning"
    REGULAR = "regular"

    @property
    def label(self) -> str:
        """The experience for people ("Returning")."""
        return self.value.capitalize()


#: Weekday names for messages, Monday 0.
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """The generator's inputs.

    Attributes:
        goal: general fitness or a race distance.
        race_day: the race's day (``None`` for general fitness).
        weeks: the plan's length in weeks for general fitness (``None`` for a race).
        start: the plan's first day (usually the first day of next week).
        runs_per_week: 3 to 6.
        days: the weekdays the runner can train (Monday 0 .. Sunday 6).
        long_run_day: the weekday of the long run; one of ``days``.
        strength_per_week: strength sessions a week (0 to 3; 2 as the running-legs guide says).
        hiit_per_week: HIIT or sprint sessions a week (0 to 2).
        current_week_km: the runner's current weekly run distance.
        longest_run_km: the runner's longest recent run.
        experience: new, returning or regular.
    """

    goal: Goal
    race_day: date | None
    weeks: int | None
    start: date
    runs_per_week: int
    days: frozenset[int]
    long_run_day: int
    strength_per_week: int = 2
    hiit_per_week: int = 0
    current_week_km: float = 0.0
    longest_run_km: float = 0.0
    experience: Experience = Experience.REGULAR

    def validate(self) -> None:
        """Raise :class:`ValidationError` (field, plain words) for an impossible request."""
        from planner.core.generator.layout import plan_layout  # the layout reads requests

        self._validate_dates()
        self._validate_days()
        self._validate_numbers()
        plan_layout(self)  # the days can hold the sessions

    def _validate_dates(self) -> None:
        if not FIRST_PLAN_DAY <= self.start <= LAST_PLAN_DAY:
            raise ValidationError("start", "The plan must start on a day a plan can hold.")
        if self.goal is Goal.GENERAL:
            if self.weeks is None:
                raise ValidationError("weeks", "Say how many weeks of general fitness to plan.")
            if not t.GEN_MIN_GENERAL_WEEKS <= self.weeks <= t.GEN_MAX_WEEKS:
                raise ValidationError(
                    "weeks",
                    f"A general fitness plan lasts {t.GEN_MIN_GENERAL_WEEKS} to "
                    f"{t.GEN_MAX_WEEKS} weeks, not {self.weeks}.",
                )
            return
        if self.race_day is None:
            raise ValidationError("race_day", f"A {self.goal.label} plan needs the race's day.")
        if self.race_day <= self.start:
            raise ValidationError(
                "race_day",
                f"The race ({format_day(self.race_day, year=True)}) must come after the "
                f"plan's start ({format_day(self.start, year=True)}).",
            )
        days = (self.race_day - self.start).days + 1
        needed = t.GEN_MIN_WEEKS[self.goal]
        if days < needed * 7 - 6:
            raise ValidationError(
                "race_day",
                f"The race is too soon: a {self.goal.label} plan needs at least {needed} weeks "
                f"to build up safely, and {format_day(self.race_day, year=True)} is {days} days "
                "away.",
            )
        if days > t.GEN_MAX_WEEKS * 7:
            raise ValidationError(
                "race_day",
                f"The race is more than {t.GEN_MAX_WEEKS} weeks away: start the plan later.",
            )

    def _validate_days(self) -> None:
        if not self.days or not all(0 <= d <= 6 for d in self.days):
            raise ValidationError("days", "Choose the weekdays you can train.")
        if not t.GEN_MIN_RUNS <= self.runs_per_week <= t.GEN_MAX_RUNS:
            raise ValidationError(
                "runs_per_week",
                f"Plan {t.GEN_MIN_RUNS} to {t.GEN_MAX_RUNS} runs a week, not {self.runs_per_week}.",
            )
        if self.long_run_day not in self.days:
            raise ValidationError(
                "long_run_day",
                f"The long run is on {_WEEKDAYS[self.long_run_day % 7]}, which is not one of "
                "your training days.",
            )
        if not 0 <= self.hiit_per_week <= t.GEN_MAX_HIIT:
            raise ValidationError(
                "hiit_per_week", f"Plan 0 to {t.GEN_MAX_HIIT} HIIT sessions a week."
            )
        if not 0 <= self.strength_per_week <= t.GEN_MAX_STRENGTH:
            raise ValidationError(
                "strength_per_week", f"Plan 0 to {t.GEN_MAX_STRENGTH} strength sessions a week."
            )
        sessions = self.runs_per_week + self.hiit_per_week
        if sessions > len(self.days):
            raise ValidationError(
                "days",
                f"{self.runs_per_week} runs and {self.hiit_per_week} HIIT sessions need "
                f"{sessions} training days; you chose {len(self.days)}.",
            )
        if sessions > t.DAYS_PER_WEEK - 1:
            raise ValidationError(
                "hiit_per_week",
                f"{self.runs_per_week} runs and {self.hiit_per_week} HIIT sessions leave no "
                "rest day: plan fewer.",
            )

    def _validate_numbers(self) -> None:
        if not 0 <= self.current_week_km <= t.GEN_MAX_WEEK_KM:
            raise ValidationError(
                "current_week_km",
                f"Your current weekly distance must be 0 to {t.GEN_MAX_WEEK_KM:g} km.",
            )
        if not 0 <= self.longest_run_km <= t.GEN_MAX_LONG_KM:
            raise ValidationError(
                "longest_run_km", f"Your longest run must be 0 to {t.GEN_MAX_LONG_KM:g} km."
            )
