"""Training load: what a session, a day and a week weigh, and fitness and fatigue over time.

Every expected figure is worked out by hand from the definitions in RULES.md.
"""

from __future__ import annotations

import math

import pytest

from planner.core.load import (
    FitnessFatigue,
    acute_chronic,
    daily_load_list,
    daily_loads,
    first_training_day,
    fitness_fatigue,
    fitness_fatigue_from_loads,
    fitness_fatigue_series,
    is_hard,
    is_hard_effort,
    load_ratio,
    monotony,
    session_effort,
    session_load,
    strain,
    training_load_average,
    weekly_run_km,
    window_total,
)
from planner.core.model import Kind, Workout
from planner.core.weeks import SUNDAY
from tests.core.rules_kit import day, done, every_day, hiit, rest, run, skipped, strength

# -- one session ---------------------------------------------------------------------------


def test_session_load_is_effort_times_minutes() -> None:
    # 45 min at RPE 5: 5 x 45 = 225 AU.
    assert session_load(run(day(0), minutes=45, rpe=5)) == 225


@pytest.mark.parametrize(
    ("workout", "expected"),
    [
        # run without effort: RPE 4; 50 min -> 4 x 50 = 200
        (run(day(0), minutes=50, rpe=None), 4 * 50),
        # HIIT without anything: RPE 8 x 30 min = 240
        (hiit(day(0), minutes=None, rpe=None), 8 * 30),
        # strength without anything: RPE 6 x 40 min = 240
        (strength(day(0), minutes=None, rpe=None), 6 * 40),
        # run without anything: RPE 4 x 45 min = 180
        (run(day(0), km=None, minutes=None, rpe=None), 4 * 45),
        # run with a distance but no duration: 10 km x 6 min/km = 60 min, x RPE 5 = 300
        (run(day(0), km=10, minutes=None, rpe=5), 10 * 6 * 5),
    ],
)
def test_missing_values_fall_back_to_the_kind_defaults(workout: Workout, expected: float) -> None:
    assert session_load(workout) == pytest.approx(expected, rel=1e-12)


def test_rest_blocks_and_skipped_sessions_carry_no_load() -> None:
    assert session_load(rest(day(0))) == 0
    assert session_load(skipped(hiit(day(0)))) == 0
    assert session_effort(skipped(run(day(0), rpe=9))) == 0


def test_done_session_counts_what_was_actually_done() -> None:
    # planned 60 min at RPE 4, actually 50 min at RPE 7: 7 x 50 = 350
    w = done(run(day(0), minutes=60, rpe=4), actual_duration_min=50, actual_rpe=7)
    assert session_load(w) == 350


def test_done_session_falls_back_to_the_plan_value_by_value() -> None:
    # actual effort 6 recorded, duration not: the planned 60 min stays; 6 x 60 = 360
    w = done(run(day(0), minutes=60, rpe=4), actual_rpe=6)
    assert session_load(w) == 360
    # actual distance 12 km but no duration anywhere: 12 x 6 = 72 min at the planned RPE 5 = 360
    w = done(run(day(0), km=10, minutes=None, rpe=5), actual_distance_km=12)
    assert session_load(w) == pytest.approx(72 * 5, rel=1e-12)


def test_actual_values_of_a_planned_session_do_not_count() -> None:
    # a planned session keeps its planned 45 min x RPE 4 = 180 even if actuals were typed
    w = run(day(0), minutes=45, rpe=4, actual_duration_min=90, actual_rpe=9)
    assert session_load(w) == 180


@pytest.mark.parametrize(
    ("workout", "hard"),
    [
        (hiit(day(0), rpe=3), True),  # HIIT is always hard
        (hiit(day(0), rpe=None), True),
        (run(day(0), rpe=7), True),  # exactly 7 is hard
        (run(day(0), rpe=6.9), False),
        (strength(day(0), rpe=None), False),  # default 6
        (strength(day(0), rpe=8), True),
        (skipped(hiit(day(0))), False),  # no session, no hardness
        (rest(day(0)), False),
        (done(run(day(0), rpe=4), actual_rpe=7.5), True),
    ],
)
def test_hard_sessions(workout: Workout, hard: bool) -> None:
    assert is_hard(workout) is hard


def test_first_training_day_ignores_rest_and_skipped() -> None:
    plan = [rest(day(0)), skipped(run(day(1))), strength(day(3)), run(day(5))]
    assert first_training_day(plan) == day(3)
    assert first_training_day([rest(day(0))]) is None


# -- days and weeks ------------------------------------------------------------------------


def test_daily_loads_add_up_each_day_and_give_rest_days_zero() -> None:
    plan = [
        run(day(0), minutes=40, rpe=4),  # 160
        strength(day(0), minutes=30, rpe=6),  # 180
        skipped(run(day(1), minutes=60, rpe=5)),  # 0
        rest(day(2)),
        hiit(day(3), minutes=20, rpe=9),  # 180
        run(day(9), minutes=60, rpe=5),  # outside the range
    ]
    loads = daily_loads(plan, day(0), day(4))
    assert loads == {day(0): 160 + 180, day(1): 0, day(2): 0, day(3): 180, day(4): 0}
    assert list(loads) == [day(i) for i in range(5)]


def test_weekly_run_km_counts_runs_only() -> None:
    plan = [
        run(day(0), km=8),
        run(day(2), km=12.5),
        hiit(day(3), distance_km=6),  # HIIT distance is not mileage
        skipped(run(day(4), km=10)),
        done(run(day(6), km=16), actual_distance_km=18),  # done: actual 18
        run(day(7), km=5),  # next week
    ]
    # this week: 8 + 12.5 + 18 = 38.5; next week: 5
    assert weekly_run_km(plan, day(0), day(7)) == {day(0): 38.5, day(7): 5.0}


def test_weekly_run_km_follows_the_first_weekday() -> None:
    plan = [run(day(-1), km=10), run(day(0), km=6), run(day(5), km=4)]
    # weeks starting on Sunday: day(-1) is a Sunday, so all three runs share a week
    assert weekly_run_km(plan, day(0), day(0), first_weekday=SUNDAY) == {day(-1): 20.0}


def test_window_total_counts_missing_days_as_rest() -> None:
    loads = {day(0): 100.0, day(3): 50.0, day(7): 10.0}
    # the 7 days ending day(6): day(0) .. day(6) -> 100 + 50
    assert window_total(loads, day(6), 7) == 150


def test_repeating_the_same_week_gives_an_acute_chronic_ratio_of_one() -> None:
    week = [300.0, 0.0, 400.0, 200.0, 0.0, 250.0, 600.0]  # 1750 a week
    loads = {day(-28 + i): week[i % 7] for i in range(35)}
    acute, chronic = acute_chronic(loads, day(6))
    # acute: last 7 days = 1750; chronic: 4 x 1750 / 4 = 1750
    assert (acute, chronic) == (1750, 1750)
    assert load_ratio(loads, day(6)) == 1


def test_acute_chronic_ratio_of_a_harder_week() -> None:
    # three weeks of 1000 then one of 2000: acute 2000, chronic (3 x 1000 + 2000) / 4 = 1250
    loads = {day(-21 + i): (1000 if i < 21 else 2000) / 7 for i in range(28)}
    assert load_ratio(loads, day(6)) == pytest.approx(2000 / 1250, rel=1e-12)
    assert load_ratio({}, day(6)) is None


def test_monotony_of_six_equal_days_and_a_rest_day() -> None:
    loads = [100.0] * 6 + [0.0]
    # mean = 600/7; deviations 100/7 (six times) and -600/7
    # variance = (6 x (100/7)^2 + (600/7)^2) / 7 = (60000/49 + 360000/49) / 7 = 60000/49
    # sd = sqrt(60000)/7; monotony = (600/7) / (sqrt(60000)/7) = 600/sqrt(60000) = sqrt(6)
    assert monotony(loads) == pytest.approx(math.sqrt(6), rel=1e-12)
    # strain = weekly load x monotony = 600 x sqrt(6)
    assert strain(loads) == pytest.approx(600 * math.sqrt(6), rel=1e-12)


def test_monotony_when_every_day_is_the_same_or_empty() -> None:
    assert monotony([50.0] * 7) == math.inf
    assert monotony([0.0] * 7) is None
    assert strain([0.0] * 7) is None


# -- fitness and fatigue -------------------------------------------------------------------


def test_training_the_same_every_day_gives_form_zero() -> None:
    plan = every_day(day(0), day(99), lambda d: run(d, minutes=50, rpe=5))  # 250 a day
    series = fitness_fatigue(plan, day(41), day(99))
    # both averages are seeded with the mean 250 and never move away from it
    assert all(p.fitness == pytest.approx(250, rel=1e-12) for p in series)
    assert all(p.fatigue == pytest.approx(250, rel=1e-12) for p in series)
    assert all(p.form == pytest.approx(0, abs=1e-12) for p in series)


def test_fatigue_is_seeded_with_the_mean_of_its_first_seven_days() -> None:
    # 490 AU on the first day (RPE 7 x 70 min), then rest: the mean of days L..L+6 is 70
    loads = {day(0): 490.0}
    atl = training_load_average(
        loads, history_start=day(0), time_constant=7, start=day(0), end=day(8)
    )
    assert atl[:6] == [None] * 6  # nothing before day L+6
    assert atl[6] == 70
    # day L+7 rests: 70 + (0 - 70)/7 = 60; day L+8 rests: 60 + (0 - 60)/7 = 360/7
    assert atl[7] == pytest.approx(60, rel=1e-12)
    assert atl[8] == pytest.approx(360 / 7, rel=1e-12)


def test_the_value_on_a_day_includes_that_days_load() -> None:
    loads = {day(0): 70.0 * 7}  # seed mean 70, as above
    loads[day(7)] = 140.0
    atl = training_load_average(
        loads, history_start=day(0), time_constant=7, start=day(7), end=day(7)
    )
    # 70 + (140 - 70)/7 = 80
    assert atl == [pytest.approx(80, rel=1e-12)]


def test_fitness_is_seeded_after_42_days() -> None:
    loads = {day(0): 42 * 30.0}  # seed mean 30
    series = fitness_fatigue_from_loads(loads, day(40), day(42), history_start=day(0))
    assert series[0].fitness is None  # day L+40
    assert series[1].fitness == 30  # day L+41
    assert series[2].fitness == pytest.approx(30 - 30 / 42, rel=1e-12)  # L+42 rests
    # fatigue by then: seeded at L+6 with 1260/7 = 180, then 36 rest days: 180 x (6/7)^36
    assert series[1].fatigue == pytest.approx(180 * (6 / 7) ** 35, rel=1e-9)
    assert series[2].fatigue == pytest.approx(180 * (6 / 7) ** 36, rel=1e-9)


def test_history_starts_at_the_first_training_session_by_default() -> None:
    plan = [rest(day(-5)), skipped(run(day(-3))), hiit(day(0), minutes=35, rpe=8)]  # 280
    series = fitness_fatigue(plan, day(0), day(6))
    # L is day(0): fatigue is first known on day(6): 280 / 7 = 40
    assert [p.fatigue for p in series] == [None] * 6 + [40]
    assert all(p.fitness is None for p in series)


def test_workouts_before_the_given_history_start_are_ignored() -> None:
    plan = [run(day(-10), minutes=100, rpe=9), run(day(0), minutes=70, rpe=5)]  # 350 on day(0)
    series = fitness_fatigue(plan, day(6), day(6), history_start=day(0))
    assert series == [FitnessFatigue(day(6), None, 50.0)]


def test_a_value_does_not_depend_on_the_range_it_is_asked_for_in() -> None:
    plan = [run(day(i), minutes=30 + 7 * (i % 5), rpe=3 + i % 4) for i in range(0, 150) if i % 3]
    whole = fitness_fatigue(plan, day(0), day(149))
    part = fitness_fatigue(plan, day(100), day(120), history_start=day(1))
    assert part == whole[100:121]


def test_no_training_gives_no_values() -> None:
    series = fitness_fatigue([rest(day(0))], day(0), day(2))
    assert series == [FitnessFatigue(day(i), None, None) for i in range(3)]


def test_form_is_not_defined_without_fitness() -> None:
    assert FitnessFatigue(day(0), 0.0, 10.0).form is None
    assert FitnessFatigue(day(0), None, 10.0).form is None
    # CTL 50, ATL 70: (50 - 70)/50 = -0.4
    assert FitnessFatigue(day(0), 50.0, 70.0).form == pytest.approx(-0.4, rel=1e-12)


def test_daily_load_list_is_indexed_from_its_first_day() -> None:
    plan = [run(day(1), minutes=30, rpe=5), hiit(day(3), minutes=20, rpe=9), run(day(9))]
    # day(1): 150; day(3): 180; day(9) is past the 5 days asked for
    assert daily_load_list(plan, day(0), 5) == [0, 150, 0, 180, 0]


def test_fitness_fatigue_from_a_list_of_daily_loads() -> None:
    # 490 on day L and nothing after: fatigue seeded on L+6 at 70, then 60 on L+7 (a rest day
    # past the end of the list counts 0)
    series = fitness_fatigue_series([490.0], day(0), day(6), day(7))
    assert [(p.day, p.fitness) for p in series] == [(day(6), None), (day(7), None)]
    assert [p.fatigue for p in series] == [70, pytest.approx(60, rel=1e-12)]


@pytest.mark.parametrize(
    ("kind", "effort", "hard"),
    [(Kind.HIIT, 2.0, True), (Kind.RUN, 7.0, True), (Kind.STRENGTH, 6.95, False)],
)
def test_hard_effort(kind: Kind, effort: float, hard: bool) -> None:
    assert is_hard_effort(kind, effort) is hard
