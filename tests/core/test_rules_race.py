"""Races and the rules (RULES.md, Race): the distance rules leave a race out, the others count it.

RUN_SPIKE, LONG_SHARE and WEEK_RAMP leave races out: a race is neither the run that spikes
nor a run others are measured against, and its distance does not count in the week's ramp.
Every other rule counts a race like any session, its load included. Each case is also run
with the same workout not marked as a race, so the test shows the mark is what changes the
result. The evaluated week is Monday 16 to Sunday 22 November 2026 (``day(0)`` .. ``day(6)``);
the figures are worked out by hand from RULES.md.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.core.involvement import involved_workouts
from planner.core.model import Severity, Workout
from tests.core.rules_kit import day, days, every_day, findings_of, run, summary

WEEK = days(0, 6)


def race(workout: Workout) -> Workout:
    """``workout`` marked as a race."""
    return workout.replace(race=True, title="Race")


# -- RUN_SPIKE -----------------------------------------------------------------------------


def test_a_marathon_after_a_20_km_longest_run_is_no_spike() -> None:
    marathon = run(day(6), km=42.2, minutes=240.0, rpe=8.0)
    history = [run(day(-10), km=20), run(day(-3), km=12)]
    assert findings_of([*history, race(marathon)], "RUN_SPIKE") == []
    # The same run, not a race: (42.2 - 20) / 20 = + 111 %, over + 100 %: critical.
    found = findings_of([*history, marathon], "RUN_SPIKE")
    assert summary(found) == [(Severity.CRITICAL, (day(6),))]


def test_a_race_is_not_the_run_later_runs_are_measured_against() -> None:
    # A 21.1 km race ten days ago, a 10 km run twenty days ago; a 12 km run on Thursday.
    plan = [run(day(-20), km=10), run(day(-10), km=21.1), run(day(3), km=12)]
    as_race = [plan[0], race(plan[1]), plan[2]]
    # Measured against the 10 km run: (12 - 10) / 10 = + 20 %, a warning.
    found = findings_of(as_race, "RUN_SPIKE")
    assert summary(found) == [(Severity.WARNING, (day(3),))]
    assert "(10 km)" in found[0].message
    # Not a race: 12 km is shorter than the 21.1 km before it.
    assert findings_of(plan, "RUN_SPIKE") == []


def test_a_spike_beside_a_race_marks_the_run_not_the_race() -> None:
    # Thursday: a 15 km race and a 12 km run after a 10 km longest run.
    plan = [
        run(day(-10), km=10).replace(id=1),
        race(run(day(3), km=15)).replace(id=2),
        run(day(3), km=12).replace(id=3),
    ]
    # The 12 km run: (12 - 10) / 10 = + 20 %, a warning; the race is not the run that spikes.
    (found,) = findings_of(plan, "RUN_SPIKE")
    assert (found.severity, found.days) == (Severity.WARNING, (day(3),))
    assert "Your 12 km run" in found.message
    assert involved_workouts(found, plan) == frozenset({3})


def test_a_race_alone_leaves_the_next_run_nothing_to_spike_from() -> None:
    plan = [race(run(day(-5), km=10)), run(day(3), km=25)]
    assert findings_of(plan, "RUN_SPIKE") == []
    # Not a race: (25 - 10) / 10 = + 150 %, critical.
    unmarked = [replace(w, race=False) for w in plan]
    assert summary(findings_of(unmarked, "RUN_SPIKE")) == [(Severity.CRITICAL, (day(3),))]


# -- WEEK_RAMP -----------------------------------------------------------------------------


def test_a_race_does_not_count_in_this_weeks_ramp() -> None:
    # Last week 4 x 8 = 32 km; this week 3 x 8 = 24 km and a 42.2 km race on Sunday.
    last = [run(day(i), km=8) for i in (-7, -5, -3, -1)]
    this = [run(day(i), km=8) for i in (0, 2, 4)]
    marathon = run(day(6), km=42.2, minutes=240.0, rpe=8.0)
    # Races left out: 24 km after 32 km, less: nothing.
    assert findings_of([*last, *this, race(marathon)], "WEEK_RAMP") == []
    # Not a race: 66.2 km after 32 km = + 106.9 %, over 30 %: a warning.
    found = findings_of([*last, *this, marathon], "WEEK_RAMP")
    assert summary(found) == [(Severity.WARNING, WEEK)]


def test_a_race_does_not_count_in_last_weeks_distance_either() -> None:
    # Last week 3 x 10 = 30 km and a 10 km race; this week 3 x 12 = 36 km.
    last = [run(day(i), km=10) for i in (-7, -5, -3)]
    ten_k = run(day(-1), km=10, minutes=45.0, rpe=9.0)
    this = [run(day(i), km=12) for i in (1, 3, 5)]
    # Races left out: (36 - 30) / 30 = + 20 %, over 10 %: an info.
    found = findings_of([*last, race(ten_k), *this], "WEEK_RAMP")
    assert summary(found) == [(Severity.INFO, WEEK)]
    assert "30 km → 36 km" in found[0].message
    # Not a race: 36 km after 40 km, less: nothing.
    assert findings_of([*last, ten_k, *this], "WEEK_RAMP") == []


# -- LONG_SHARE ----------------------------------------------------------------------------


def test_a_race_is_neither_one_of_the_weeks_runs_nor_its_long_run() -> None:
    # Three runs of 8 km and a half marathon race: three runs are not judged.
    plan = [run(day(i), km=8) for i in (0, 2, 4)]
    half = run(day(6), km=21.1, minutes=110.0, rpe=8.0)
    assert findings_of([*plan, race(half)], "LONG_SHARE") == []
    # Not a race: 21.1 / (24 + 21.1) = 46.8 % of the week, over 35 %: an info.
    assert summary(findings_of([*plan, half], "LONG_SHARE")) == [(Severity.INFO, WEEK)]


def test_the_long_run_share_is_judged_on_the_training_runs_around_a_race() -> None:
    # 6 + 6 + 6 + 10 = 28 km of training, and a 42.2 km race on Sunday.
    runs = [run(day(i), km=km) for i, km in ((0, 6), (1, 6), (3, 6), (5, 10))]
    plan = [replace(w, id=i + 1) for i, w in enumerate([*runs, race(run(day(6), km=42.2))])]
    (found,) = findings_of(plan, "LONG_SHARE")
    # 10 / 28 = 0.3571 -> 35.7 %, over 35 %: the 10 km run is the long run, not the race.
    assert found.message == (
        "Your long run (Sat 21 Nov, 10 km) is 35.7 % of the 28 km you run in "
        "the week of Mon 16 Nov: keep it under about a third."
    )
    assert involved_workouts(found, plan) == frozenset({4})


# -- the other rules count a race like any session -----------------------------------------


@pytest.mark.parametrize("is_race", [True, False])
def test_a_races_load_counts(is_race: bool) -> None:
    # Four weeks of 30 min at RPE 4 every day (120 AU a day), then six such days and a
    # 120 min race at RPE 8 (960 AU) on Sunday. On Sunday: acute = 6 x 120 + 960 = 1680;
    # chronic = (27 x 120 + 960) / 4 = 1050; 1680 / 1050 = 1.6, over 1.5: a warning.
    daily = every_day(day(-28), day(5), lambda d: run(d, km=5, minutes=30.0, rpe=4.0))
    sunday = run(day(6), km=21.1, minutes=120.0, rpe=8.0, race=is_race)
    found = findings_of([*daily, sunday], "LOAD_RATIO")
    assert summary(found) == [(Severity.WARNING, WEEK)]
    assert "1.6 times" in found[0].message


@pytest.mark.parametrize("is_race", [True, False])
def test_a_race_is_a_training_day_and_a_long_session_like_any_run(is_race: bool) -> None:
    # Six days of running and a race on Sunday: seven training days, no rest day.
    plan = [run(day(i), km=6) for i in range(6)]
    marathon = run(day(6), km=42.2, minutes=240.0, rpe=8.0, race=is_race)
    assert summary(findings_of([*plan, marathon], "REST_WEEK")) == [(Severity.WARNING, WEEK)]
    # Four hours: take carbohydrate.
    assert summary(findings_of([*plan, marathon], "FUEL_LONG")) == [(Severity.INFO, (day(6),))]
