"""A generated half-marathon plan for the demo runner, lived up to a gap, for Realign's tests.

Pure core, no Qt: the demo runner's history, a 17-week half-marathon plan from
:data:`~tests.helpers.runner_histories.PLAN_START`, and the plan as a runner lived it: done
up to the first day of a gap, then missed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

from planner.core.generator import (
    Experience,
    GeneratedPlan,
    Goal,
    PlanRequest,
    defaults_from_history,
    generate_plan,
)
from planner.core.model import Status, Workout
from tests.helpers.runner_histories import PLAN_START, demo_history

#: The race: a Sunday 17 weeks on. A half marathon tapers 2 weeks, the race week included.
RACE_DAY = PLAN_START + timedelta(weeks=16, days=6)
#: The taper's first day: the Monday of the week before the race's.
TAPER_START = RACE_DAY - timedelta(days=RACE_DAY.weekday() + 7)


@cache
def history() -> tuple[Workout, ...]:
    """The demo runner's last 150 days before the plan (more than the rules look back)."""
    return tuple(w for w in demo_history() if w.day >= PLAN_START - timedelta(days=150))


@cache
def half_marathon() -> GeneratedPlan:
    """Four runs a week (long run on Sunday), two strength sessions, one HIIT."""
    current, longest = defaults_from_history(history(), PLAN_START) or (25.0, 10.0)
    request = PlanRequest(
        goal=Goal.HALF,
        race_day=RACE_DAY,
        weeks=None,
        start=PLAN_START,
        runs_per_week=4,
        days=frozenset({0, 1, 3, 5, 6}),
        long_run_day=6,
        strength_per_week=2,
        hiit_per_week=1,
        current_week_km=current,
        longest_run_km=longest,
        experience=Experience.REGULAR,
    )
    return generate_plan(request, history())


def lived(workouts: Iterable[Workout], gap_first: date) -> list[Workout]:
    """``workouts`` with the plan's training sessions before ``gap_first`` done."""
    return [
        w.replace(status=Status.DONE)
        if w.plan_day is not None and w.is_training_session and w.day < gap_first
        else w
        for w in workouts
    ]
