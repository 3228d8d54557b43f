"""Cross-training: a training session with load, whose distance is never run distance.

RULES.md, Definitions: a cross-training session is a training session (it makes a training
day and carries session-RPE load), but "Run distance" counts runs only, so 40 km on a bike
raise no distance finding and add nothing to the week's mileage or the mileage chart.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from planner.core.load import daily_loads, session_load, weekly_run_km
from planner.core.model import Kind, Severity, Status
from planner.core.progress import load_lines, weekly_runs
from planner.core.totals import run_distance_km, session_duration_min, week_totals
from planner.core.week_progress import week_progress
from planner.core.weeks import Week
from tests.core.rules_kit import (
    MONDAY,
    cross,
    day,
    days,
    done,
    findings_of,
    hiit,
    rest,
    run,
    strength,
    summary,
)

#: Four 8 km runs a week for two weeks, and in the evaluated week a long 40 km bike ride.
BASE = [run(day(i), km=8.0) for i in (-7, -5, -3, -1)] + [run(day(i), km=8.0) for i in (0, 2, 4)]
RIDE = done(cross(day(5), km=20.0), actual_distance_km=40.0, actual_duration_min=100.0)


@pytest.mark.parametrize("rule", ["RUN_SPIKE", "WEEK_RAMP", "LONG_SHARE", "RUN_COUNT"])
def test_forty_km_on_a_bike_raise_no_run_distance_finding(rule: str) -> None:
    plan = [*BASE, run(day(6), km=8.0), RIDE]
    assert findings_of(plan, rule) == []
    # the same 40 km as a run would have (the rules do see a long run)
    as_run = RIDE.replace(kind=Kind.RUN)
    if rule != "RUN_COUNT":
        assert findings_of([*BASE, run(day(6), km=8.0), as_run], rule) != []


def test_the_ride_is_no_mileage_but_is_training_time() -> None:
    week = [w for w in [*BASE, RIDE] if w.day >= MONDAY]
    totals = week_totals(week)
    assert totals.run_km == 24.0  # three 8 km runs, the ride not at all
    assert totals.runs == 3 and totals.sessions == 4
    assert totals.training_min == 3 * 45 + 100  # the ride's minutes count
    assert run_distance_km(RIDE) == 0.0
    assert weekly_run_km([*BASE, RIDE], MONDAY, day(6)) == {MONDAY: 24.0}
    progress = week_progress([*BASE, RIDE], Week(MONDAY))
    assert (progress.total_km, progress.last_week_km) == (24.0, 32.0)


def test_the_mileage_chart_leaves_the_ride_out_and_the_load_chart_counts_it() -> None:
    weekly = weekly_runs([*BASE, RIDE])
    assert weekly.totals() == [(MONDAY - timedelta(days=7), 32.0), (MONDAY, 24.0)]
    lines = load_lines([*BASE, RIDE], through=day(6))
    assert dict(lines.load)[day(5)] == 4.0 * 100  # actual effort missing: planned 4
    assert daily_loads([RIDE], day(5), day(5)) == {day(5): 400.0}


def test_a_cross_training_session_carries_load_with_the_kinds_defaults() -> None:
    bare = cross(day(0), km=None, minutes=None, rpe=None)
    assert session_duration_min(bare) == 45.0  # RULES.md: cross-training 45 minutes
    assert session_load(bare) == 4.0 * 45.0  # RULES.md: cross-training effort 4
    assert session_load(cross(day(0), km=30.0, minutes=None, rpe=None)) == 4.0 * 45.0
    assert session_load(cross(day(0)).replace(status=Status.SKIPPED)) == 0.0


def test_cross_training_days_are_training_days_and_break_no_rest_streak() -> None:
    # runs Sunday to Saturday with the Wednesday a swim: still 7 training days in a row
    plan = [run(day(i)) for i in (-1, 0, 1, 3, 4, 5)] + [cross(day(2), km=None, minutes=30)]
    assert summary(findings_of(plan, "REST_STREAK")) == [(Severity.WARNING, days(-1, 5))]
    week = [run(day(i)) for i in range(6)] + [cross(day(6))]
    assert summary(findings_of(week, "REST_WEEK")) == [(Severity.WARNING, days(0, 6))]
    # a rest block on the Wednesday instead ends the streak
    rested = [run(day(i)) for i in (-1, 0, 1, 3, 4, 5)] + [rest(day(2))]
    assert findings_of(rested, "REST_STREAK") == []


def test_cross_training_is_not_hiit_or_strength_for_the_gap_rules() -> None:
    plan = [hiit(day(1)), cross(day(2)), strength(day(3)), cross(day(4)), cross(day(5))]
    assert findings_of(plan, "HIIT_GAP") == []
    assert findings_of(plan, "STRENGTH_GAP") == []
    assert findings_of(plan, "STRENGTH_COUNT") == []


def test_a_hard_cross_training_session_is_a_hard_day_but_needs_no_fuel_note() -> None:
    plan = [cross(day(1), rpe=8.0), cross(day(2), rpe=7.5, minutes=180.0)]
    assert summary(findings_of(plan, "HARD_BACK_TO_BACK")) == [(Severity.WARNING, days(1, 2))]
    assert findings_of(plan, "FUEL_LONG") == []  # RULES.md: a run or HIIT over an hour
