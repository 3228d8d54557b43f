"""The generated plan's shape (issue 17), read back from its workouts, not from its labels.

Step-back weeks, growth, the long run, the taper, hard days, rest days and strength, each
measured on the workouts the generator returns, against the numbers the issue gives.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from datetime import date, timedelta

import pytest

from planner.core.generator import (
    Experience,
    GeneratedPlan,
    Goal,
    PlanRequest,
    defaults_from_history,
    generate_plan,
)
from planner.core.load import is_hard
from planner.core.model import Kind, Status, Workout
from planner.core.weeks import week_start
from tests.helpers.runner_histories import PLAN_START, demo_history

#: The demo runner's defaults at PLAN_START (4 weeks of history: their mean week, longest run).
DEMO = demo_history()
CURRENT_KM, LONGEST_KM = defaults_from_history(DEMO, PLAN_START) or (0.0, 0.0)
#: Taper weeks (the race week included) and the issue's cut of 40 to 60 %.
TAPER_WEEKS = {Goal.K5: 2, Goal.K10: 2, Goal.HALF: 2, Goal.MARATHON: 3}


def _request(goal: Goal, weeks: int, **changes: object) -> PlanRequest:
    """The demo runner's request: a race on the last Sunday of ``weeks`` weeks."""
    values: dict[str, object] = {
        "goal": goal,
        "race_day": None if goal is Goal.GENERAL else PLAN_START + timedelta(weeks=weeks, days=-1),
        "weeks": weeks if goal is Goal.GENERAL else None,
        "start": PLAN_START,
        "runs_per_week": 5,
        "days": frozenset({0, 1, 2, 3, 5, 6}),
        "long_run_day": 6,
        "strength_per_week": 2,
        "hiit_per_week": 1,
        "current_week_km": CURRENT_KM,
        "longest_run_km": LONGEST_KM,
        "experience": Experience.REGULAR,
    }
    values.update(changes)
    return PlanRequest(**values)  # type: ignore[arg-type]


CASES = {
    "half marathon in 18 weeks": _request(Goal.HALF, 18),
    "marathon in 24 weeks": _request(Goal.MARATHON, 24),
    "10 km in 10 weeks, new runner": _request(Goal.K10, 10, experience=Experience.NEW),
    "5 km in 8 weeks, 4 runs": _request(Goal.K5, 8, runs_per_week=4, hiit_per_week=2),
    "general fitness, 12 weeks": _request(Goal.GENERAL, 12, runs_per_week=4),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def plan(request: pytest.FixtureRequest) -> GeneratedPlan:
    return generate_plan(CASES[request.param], DEMO)


@pytest.fixture(
    scope="module", params=sorted(k for k, r in CASES.items() if r.goal is not Goal.GENERAL)
)
def race_plan(request: pytest.FixtureRequest) -> GeneratedPlan:
    return generate_plan(CASES[request.param], DEMO)


def _runs(workouts: list[Workout] | tuple[Workout, ...]) -> list[Workout]:
    return [w for w in workouts if w.kind is Kind.RUN and not w.race]


def _weeks(plan: GeneratedPlan) -> dict[date, list[Workout]]:
    weeks: dict[date, list[Workout]] = defaultdict(list)
    for workout in plan.workouts:
        weeks[week_start(workout.day)].append(workout)
    return dict(sorted(weeks.items()))


def _km(workouts: list[Workout] | tuple[Workout, ...]) -> float:
    return sum(w.distance_km or 0.0 for w in _runs(workouts))


def _history_km(first: date) -> float:
    return _km([w for w in DEMO if first <= w.day < first + timedelta(days=7)])


def _training_weeks(plan: GeneratedPlan) -> list[tuple[date, float]]:
    """(first day, run km) of every week before the taper."""
    taper = TAPER_WEEKS.get(plan.request.goal, 0)
    weeks = [(start, _km(ws)) for start, ws in _weeks(plan).items()]
    return weeks[: len(weeks) - taper]


def test_every_workout_is_new_planned_and_knows_its_plan_day(plan: GeneratedPlan) -> None:
    assert all(w.id is None and w.status is Status.PLANNED for w in plan.workouts)
    assert all(w.plan_day == w.day for w in plan.workouts)
    for day in {w.day for w in plan.workouts}:
        positions = sorted(w.position for w in plan.workouts if w.day == day)
        assert positions == list(range(len(positions)))
    races = [w for w in plan.workouts if w.race]
    if plan.request.goal is Goal.GENERAL:
        assert races == []
    else:
        assert [(w.day, w.kind) for w in races] == [(plan.request.race_day, Kind.RUN)]
        assert max(w.day for w in plan.workouts) == plan.request.race_day


def test_step_back_weeks_come_every_3rd_or_4th_week_at_70_to_85_percent(
    plan: GeneratedPlan,
) -> None:
    weeks = _training_weeks(plan)
    downs = [i for i in range(1, len(weeks)) if weeks[i][1] < weeks[i - 1][1] * 0.9]
    assert downs, "no step-back week"
    every = 3 if plan.request.experience is Experience.NEW else 4
    for i in downs:
        assert 0.70 <= weeks[i][1] / weeks[i - 1][1] <= 0.85
    gaps = [b - a for a, b in zip([-1, *downs], downs, strict=False)]
    assert all(gap in (3, 4) for gap in gaps), gaps
    assert len(weeks) - 1 - downs[-1] <= every


def test_weekly_distance_grows_at_most_10_percent_over_the_highest_recent_week(
    plan: GeneratedPlan,
) -> None:
    weeks = [(start, _km(ws)) for start, ws in _weeks(plan).items()]
    before = [_history_km(PLAN_START - timedelta(weeks=k)) for k in (4, 3, 2, 1)]
    km = [*before, *(w for _, w in weeks)]
    for i, (_, week_km) in enumerate(weeks):
        recent = km[i : i + 4]
        highest = max([*recent, plan.request.current_week_km] if i < 4 else recent)
        assert week_km <= highest * 1.10 + 1e-9


def test_the_long_run_is_about_a_third_of_the_week_and_grows_10_percent_at_most(
    plan: GeneratedPlan,
) -> None:
    share = 0.45 if plan.request.runs_per_week == 3 else 0.35
    history_runs = _runs([w for w in DEMO if w.status is not Status.SKIPPED])
    everything = sorted([*history_runs, *_runs(plan.workouts)], key=lambda w: w.day)
    for workouts in _weeks(plan).values():
        runs = _runs(workouts)
        if not runs or any(w.race for w in workouts):
            continue
        longest = max(runs, key=lambda w: w.distance_km or 0.0)
        assert (longest.distance_km or 0.0) <= share * _km(workouts) + 0.1
    for run in _runs(plan.workouts):
        before = [
            w.effective_distance_km or 0.0
            for w in everything
            if run.day - timedelta(days=30) <= w.day < run.day
        ]
        if before and (run.distance_km or 0.0) >= 3.0:
            assert (run.distance_km or 0.0) <= max(before) * 1.10 + 1e-9


def test_the_taper_cuts_40_to_60_percent_and_keeps_the_sessions(race_plan: GeneratedPlan) -> None:
    plan = race_plan
    taper = TAPER_WEEKS[plan.request.goal]
    weeks = list(_weeks(plan).values())
    peak = max(km for _, km in _training_weeks(plan))
    tapered = weeks[-taper:]
    cut = 1 - sum(_km(ws) for ws in tapered) / (peak * taper)
    assert 0.40 <= cut <= 0.60, cut
    full = len(weeks[-taper - 1])
    assert all(len(ws) == full for ws in tapered[:-1])


def test_no_hard_sessions_on_consecutive_days(plan: GeneratedPlan) -> None:
    hard_days = sorted({w.day for w in plan.workouts if is_hard(w)})
    assert all(b - a > timedelta(days=1) for a, b in itertools.pairwise(hard_days))


def test_one_or_two_rest_days_a_week_and_strength_never_before_the_long_run(
    plan: GeneratedPlan,
) -> None:
    weeks = list(_weeks(plan).values())
    for workouts in weeks[:-1]:
        training_days = {w.day for w in workouts if w.kind is not Kind.REST}
        assert 1 <= 7 - len(training_days) <= 2 + (5 - plan.request.runs_per_week)
    long_days = {w.day for w in plan.workouts if w.title == "Long run"}
    for workout in plan.workouts:
        if workout.kind is Kind.STRENGTH:
            assert workout.day + timedelta(days=1) not in long_days


def test_strength_goes_after_the_run_on_hard_run_days(plan: GeneratedPlan) -> None:
    by_day: dict[date, list[Workout]] = defaultdict(list)
    for workout in plan.workouts:
        by_day[workout.day].append(workout)
    for workouts in by_day.values():
        ordered = sorted(workouts, key=lambda w: w.position)
        kinds = [w.kind for w in ordered]
        if Kind.STRENGTH in kinds:
            first_strength = kinds.index(Kind.STRENGTH)
            assert all(k is Kind.STRENGTH for k in kinds[first_strength:])


def test_the_same_request_gives_the_same_plan_whatever_the_history_order() -> None:
    request = CASES["half marathon in 18 weeks"]
    shuffled = list(DEMO)
    random.Random(7).shuffle(shuffled)
    assert generate_plan(request, DEMO) == generate_plan(request, shuffled)


def test_the_seed_progressions_grow_a_repetition_a_week_and_squat_jumps_from_2_x_10() -> None:
    plan = generate_plan(CASES["5 km in 8 weeks, 4 runs"], DEMO)
    for workout in plan.workouts:
        week = (workout.day - PLAN_START).days // 7
        if workout.title == "Beginner sprints":
            assert workout.notes.startswith(f"{min(6 + week, 10)} x 15 s on / 45 s off")
    jumps = [w.notes for w in plan.workouts if w.title == "Squat jumps"]
    assert jumps[0].startswith("2 x 10 squat jumps")
    assert jumps[-1].startswith("3 x 10 squat jumps")
    assert sum(w.title == "Beginner sprints" for w in plan.workouts) >= 8
