"""Runners' histories to generate training plans for (issue 17's promise is tested on them).

Pure core, no Qt: an empty history, the demo runner's, and a runner back from a month off.
Each ends the day before :data:`PLAN_START`; the demo's planned weeks after it are left out,
as Replace Planned leaves them out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import cache

from planner.core.demo import generate_history
from planner.core.generator import default_start
from planner.core.model import Kind, Status, Workout

#: "Today" of every history: a Monday, the demo's usual.
TODAY = date(2026, 12, 7)
#: The plans' default first day: next week's Monday.
PLAN_START = default_start(TODAY)


@cache
def demo_history(years: int = 2) -> tuple[Workout, ...]:
    """The demo runner's workouts before :data:`PLAN_START` (``years`` years of them)."""
    demo = generate_history(years=years, today=TODAY)
    return tuple(w for w in demo.workouts if w.day < PLAN_START)


#: The comeback's runs: days before the plan, km.
_COMEBACK = (
    (20, 4.0),
    (18, 4.5),
    (16, 5.0),
    (13, 4.5),
    (11, 5.0),
    (9, 5.5),
    (6, 5.0),
    (4, 5.5),
    (2, 6.0),
)


@cache
def back_from_a_month_off() -> tuple[Workout, ...]:
    """The demo runner, who stopped for four weeks and has run again for the last three.

    Seven weeks before the plan the demo runner stops; four weeks later they start again
    with three easy runs a week of 4 to 6 km. (Right after a month with no training at all,
    any plan's first day carries LOAD_RATIO's warning whatever it holds: the 28 days before
    it hold nothing but that day, so its 7 days are four times its weekly average.)
    """
    stop = PLAN_START - timedelta(weeks=7)
    before = [w for w in demo_history() if w.day < stop]
    back = [
        Workout(
            None,
            PLAN_START - timedelta(days=days_before),
            Kind.RUN,
            "Easy run",
            distance_km=km,
            duration_min=round(km * 6.5),
            rpe=3,
            status=Status.DONE,
        )
        for days_before, km in _COMEBACK
    ]
    return (*before, *back)


#: Every history the promise is tested on, by name.
HISTORIES: dict[str, Callable[[], tuple[Workout, ...]]] = {
    "empty": tuple,
    "demo": demo_history,
    "month off": back_from_a_month_off,
}
