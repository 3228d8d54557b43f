"""The generator's promise (issue 17), checked with Hypothesis on every kind of request.

A generated plan, added to the runner's history and judged by ``rules.evaluate`` with the
default settings, raises no warning and no critical finding: neither over the plan's whole
range nor in any of its weeks as the warning panel judges a week. Info findings are allowed.
The one refusal allowed is a race the plan cannot build up to in time (its load, or a long
run under half its distance), said in plain words.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.core import rules
from planner.core.generator import (
    Experience,
    GeneratedPlan,
    Goal,
    PlanRequest,
    defaults_from_history,
    generate_plan,
    plan_findings,
)
from planner.core.model import Finding, Severity, ValidationError, Workout
from tests.helpers.runner_histories import HISTORIES, PLAN_START


@st.composite
def requests(draw: st.DrawFn, history: tuple[Workout, ...]) -> PlanRequest:
    """Any request a runner can make, with the defaults their history gives where it has them."""
    goal = draw(st.sampled_from(list(Goal)))
    runs = draw(st.integers(3, 6))
    hiit = draw(st.integers(0, 2))
    days = frozenset(draw(st.sets(st.integers(0, 6), min_size=min(runs + hiit, 7))))
    start = PLAN_START + timedelta(days=draw(st.integers(0, 6)))
    weeks = draw(st.integers(4, 30))
    race_day = None
    if goal is not Goal.GENERAL:
        race_day = start + timedelta(days=draw(st.integers(5 * 7, 30 * 7)))
    defaults = defaults_from_history(history, start)
    if defaults is None:
        current = draw(st.integers(0, 600)) / 10
        longest = draw(st.integers(0, int(current * 5))) / 10
    else:
        current, longest = defaults
    return PlanRequest(
        goal=goal,
        race_day=race_day,
        weeks=weeks if goal is Goal.GENERAL else None,
        start=start,
        runs_per_week=runs,
        days=days,
        long_run_day=draw(st.sampled_from(sorted(days))),
        strength_per_week=draw(st.integers(0, 3)),
        hiit_per_week=hiit,
        current_week_km=current,
        longest_run_km=longest,
        experience=draw(st.sampled_from(list(Experience))),
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, tuple[Workout, ...], PlanRequest]:
    name = draw(st.sampled_from(sorted(HISTORIES)))
    history = tuple(HISTORIES[name]())
    return name, history, draw(requests(history))


def _serious(findings: list[Finding]) -> list[str]:
    return [
        f"{f.rule_id} {f.severity.label} {f.days[0]}..{f.days[-1]}: {f.message}"
        for f in findings
        if f.severity >= Severity.WARNING
    ]


def _panel_findings(plan: GeneratedPlan, history: tuple[Workout, ...]) -> list[Finding]:
    """Each week of the plan as the warning panel shows it, findings on the plan's days."""
    everything = [*history, *plan.workouts]
    found = []
    for week in plan.weeks:
        for finding in rules.evaluate(everything, start=week.start, end=week.end):
            if any(plan.first_day <= day <= plan.last_day for day in finding.days):
                found.append(finding)
    return found


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(cases())
def test_a_generated_plan_raises_no_warning_for_the_runner_history(
    case: tuple[str, tuple[Workout, ...], PlanRequest],
) -> None:
    name, history, request = case
    try:
        request.validate()
    except ValidationError:
        assume(False)
    refusal: ValidationError | None = None
    try:
        plan = generate_plan(request, history)
    except ValidationError as refused:
        refusal = refused
    if refusal is not None:
        assert refusal.field == "race_day"
        assert "Choose a later race day (more weeks to build up) or a shorter race" in str(refusal)
        return
    assert plan.workouts, name
    assert _serious(plan_findings(plan, history)) == [], (name, request)
    assert _serious(_panel_findings(plan, history)) == [], (name, request)
