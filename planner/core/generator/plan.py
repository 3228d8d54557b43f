"""What the generator gives back: the plan's weeks and its workouts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from planner.core.generator.request import PlanRequest
from planner.core.model import Workout


class Phase:
    """The names of a plan week's phase (plain strings, as the month view shows them)."""

    BASE = "base"
    BUILD = "build"
    STEP_BACK = "step-back"
    TAPER = "taper"
    RACE = "race"


@dataclass(frozen=True, slots=True)
class PlanWeek:
    """One calendar week of a generated plan.

    Attributes:
        start: the week's first day (the runner's first weekday).
        phase: "base", "build", "step-back", "taper" or "race".
        run_km: the week's planned run distance, the race included.
        long_run_km: the week's longest training run (the race left out); 0 when none.
    """

    start: date
    phase: str
    run_km: float
    long_run_km: float

    @property
    def end(self) -> date:
        """The week's last day."""
        return self.start + timedelta(days=6)


@dataclass(frozen=True, slots=True)
class GeneratedPlan:
    """A generated training plan, not yet stored.

    Attributes:
        request: what it was generated for.
        workouts: its workouts by day and position: ids ``None``, all planned.
        weeks: its calendar weeks, first to last.
    """

    request: PlanRequest
    workouts: tuple[Workout, ...]
    weeks: tuple[PlanWeek, ...]

    @property
    def first_day(self) -> date:
        """The plan's first day (the request's start)."""
        return self.request.start

    @property
    def last_day(self) -> date:
        """The plan's last day: the race day, or the last day of its last week."""
        if self.request.race_day is not None:
            return self.request.race_day
        return self.weeks[-1].end if self.weeks else self.request.start
