"""A plan's weeks and their phases, laid backwards from the race: taper, build, base."""

from __future__ import annotations

from datetime import date, timedelta

from planner.core import thresholds as t
from planner.core.generator.plan import Phase
from planner.core.generator.request import Experience, Goal, PlanRequest
from planner.core.weeks import week_start


def plan_week_starts(request: PlanRequest, first_weekday: int) -> list[date]:
    """The first days of the plan's calendar weeks: from the start's week to the race's."""
    first = week_start(request.start, first_weekday)
    if request.race_day is not None:
        last = week_start(request.race_day, first_weekday)
        count = (last - first).days // 7 + 1
    else:
        count = request.weeks or t.GEN_MIN_GENERAL_WEEKS
    return [first + timedelta(weeks=i) for i in range(count)]


def step_back_every(request: PlanRequest) -> int:
    """Every how many weeks a step-back week comes: every 3rd for new runners, else 4th."""
    if request.experience is Experience.NEW:
        return t.GEN_STEP_BACK_EVERY_NEW
    return t.GEN_STEP_BACK_EVERY


def taper_weeks(goal: Goal) -> int:
    """The taper's weeks, the race week included (none for general fitness)."""
    return t.GEN_TAPER_WEEKS[goal.value]


def plan_phases(request: PlanRequest, count: int) -> list[str]:
    """Each week's phase, for a plan of ``count`` weeks.

    Backwards from the race: the race week, the taper before it, then the build; its first
    third is base (no tempo runs). Every 3rd or 4th week of base and build is a step-back
    week, except the last before the taper (the peak). General fitness repeats 4-week blocks:
    three weeks of build, one step-back.
    """
    if request.goal is Goal.GENERAL:
        every = t.GEN_BLOCK_WEEKS
        return [
            Phase.STEP_BACK if (i + 1) % every == 0 else (Phase.BASE if i < every else Phase.BUILD)
            for i in range(count)
        ]
    taper = min(taper_weeks(request.goal), count)
    before = count - taper
    every = step_back_every(request)
    base = max(1, before // 3)
    phases: list[str] = []
    for i in range(before):
        if (i + 1) % every == 0 and i != before - 1:
            phases.append(Phase.STEP_BACK)
        else:
            phases.append(Phase.BASE if i < base else Phase.BUILD)
    phases += [Phase.TAPER] * (taper - 1) + [Phase.RACE]
    return phases
