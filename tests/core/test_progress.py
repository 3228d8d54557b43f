"""Chart series: weight and its 7-day trend, weekly run distance, ramp markers, load lines.

Every expected figure is worked out by hand from DESIGN.md section 5 and RULES.md.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from planner.core import load
from planner.core.model import Kind, Status, WeightEntry, Workout
from planner.core.progress import (
    FormZone,
    LoadLines,
    ZoneSpan,
    form_zone,
    line_breaks,
    load_lines,
    ramp_limits,
    scaled,
    weekly_runs,
    weight_points,
    weight_trend,
    zone_spans,
)
from planner.core.weeks import SUNDAY

NOV = {d: date(2026, 11, d) for d in range(1, 31)}


def run(
    day: date,
    km: float | None,
    *,
    status: Status = Status.PLANNED,
    actual_km: float | None = None,
    minutes: float | None = None,
    rpe: float | None = None,
) -> Workout:
    return Workout(
        None,
        day,
        Kind.RUN,
        "Run",
        duration_min=minutes,
        distance_km=km,
        rpe=rpe,
        status=status,
        actual_distance_km=actual_km,
    )


def session(kind: Kind, day: date, minutes: float, rpe: float, **changes: object) -> Workout:
    return Workout(None, day, kind, kind.label, duration_min=minutes, rpe=rpe).replace(**changes)


# -- weight ----------------------------------------------------------------------------------
WEIGH_INS = [
    WeightEntry(NOV[20], 70.5),  # after an 11-day gap
    WeightEntry(NOV[2], 70.0),
    WeightEntry(NOV[8], 72.0),
    WeightEntry(NOV[4], 71.0),
    WeightEntry(NOV[9], 69.0),
]


def test_weight_points_are_the_weigh_ins_by_day() -> None:
    assert weight_points(WEIGH_INS) == [
        (NOV[2], 70.0),
        (NOV[4], 71.0),
        (NOV[8], 72.0),
        (NOV[9], 69.0),
        (NOV[20], 70.5),
    ]


def test_trend_is_the_mean_of_the_weigh_ins_in_the_7_days_ending_each_weigh_in_day() -> None:
    trend = weight_trend(WEIGH_INS)
    assert [day for day, _ in trend] == [NOV[2], NOV[4], NOV[8], NOV[9], NOV[20]]
    assert [value for _, value in trend] == pytest.approx(
        [
            70.0,  # 2 Nov: only itself
            (70.0 + 71.0) / 2,  # 4 Nov: 2 and 4 Nov
            (70.0 + 71.0 + 72.0) / 3,  # 8 Nov: the window 2..8 Nov holds 2, 4 and 8 Nov
            (71.0 + 72.0 + 69.0) / 3,  # 9 Nov: 3..9 Nov, so 2 Nov has left the window
            70.5,  # 20 Nov: 14..20 Nov holds only itself
        ],
        rel=1e-12,
    )


def test_days_without_a_weigh_in_stay_gaps() -> None:
    trend_days = {day for day, _ in weight_trend(WEIGH_INS)}
    # Nothing on 3, 5..7 or 10..19 November: those days have no value at all.
    assert not trend_days & {NOV[3], NOV[5], NOV[6], NOV[7], *(NOV[d] for d in range(10, 20))}


def test_the_trend_line_breaks_after_a_week_without_weigh_ins() -> None:
    trend = weight_trend(WEIGH_INS)
    # 9 Nov -> 20 Nov is 11 days: the line stops at 9 Nov and starts again on 20 Nov.
    assert line_breaks(trend, max_gap_days=7) == [False, False, False, True, True]
    assert line_breaks([], max_gap_days=7) == []
    # exactly 7 days apart still joins
    assert line_breaks([(NOV[1], 1.0), (NOV[8], 1.0)], max_gap_days=7) == [False, True]


def test_trend_does_not_depend_on_the_order_of_the_weigh_ins() -> None:
    shuffled = list(WEIGH_INS)
    random.Random(7).shuffle(shuffled)
    assert weight_trend(shuffled) == weight_trend(WEIGH_INS)


def test_scaled_converts_every_value() -> None:
    assert scaled([(NOV[2], 10.0), (NOV[3], 5.0)], 0.5) == [(NOV[2], 5.0), (NOV[3], 2.5)]


# -- weekly run distance ---------------------------------------------------------------------
# Week of Monday 2 Nov: two done runs (8.4 km actual on an 8 km plan; 10 km planned, no actual),
# a skipped 12 km run, a planned 6 km run on Sunday, and a done HIIT with a distance.
# Week of 9 Nov: strength only. Week of 16 Nov: a done 4 km run and planned 5 + 7.5 km.
RUNS = [
    run(NOV[3], 8.0, status=Status.DONE, actual_km=8.4),
    run(NOV[5], 10.0, status=Status.DONE),
    run(NOV[7], 12.0, status=Status.SKIPPED),
    run(NOV[8], 6.0),
    session(Kind.HIIT, NOV[6], 30, 8, status=Status.DONE, distance_km=3.0),
    session(Kind.STRENGTH, NOV[11], 40, 6),
    run(NOV[16], 5.0, status=Status.DONE, actual_km=4.0),
    run(NOV[18], 5.0),
    run(NOV[21], 7.5),
]


def test_weekly_runs_split_done_and_planned_by_monday_weeks() -> None:
    weeks = weekly_runs(RUNS)
    assert weeks.done == [
        (NOV[2], pytest.approx(8.4 + 10.0)),
        (NOV[9], 0.0),
        (NOV[16], pytest.approx(4.0)),
    ]
    assert weeks.planned == [
        (NOV[2], pytest.approx(6.0)),
        (NOV[9], 0.0),
        (NOV[16], pytest.approx(5.0 + 7.5)),
    ]
    assert weeks.totals() == [
        (NOV[2], pytest.approx(24.4)),
        (NOV[9], 0.0),
        (NOV[16], pytest.approx(16.5)),
    ]


def test_weekly_runs_follow_the_first_weekday() -> None:
    weeks = weekly_runs(RUNS, first_weekday=SUNDAY)
    # Sunday weeks: 1..7 Nov holds both done runs (the skipped one counts nothing),
    # 8..14 Nov the planned Sunday run, 15..21 Nov the last three runs.
    assert weeks.done == [
        (NOV[1], pytest.approx(18.4)),
        (NOV[8], 0.0),
        (NOV[15], pytest.approx(4.0)),
    ]
    assert weeks.planned == [(NOV[1], 0.0), (NOV[8], 6.0), (NOV[15], pytest.approx(12.5))]


def test_weeks_reach_through_today_and_future_weeks_show_their_plan() -> None:
    plan = [*RUNS, run(date(2026, 12, 9), 9.0)]
    weeks = weekly_runs(plan, through=date(2026, 12, 1))
    assert [week for week, _ in weeks.planned] == [
        NOV[2],
        NOV[9],
        NOV[16],
        NOV[23],
        NOV[30],
        date(2026, 12, 7),
    ]
    assert weeks.planned[-1] == (date(2026, 12, 7), 9.0)
    assert weeks.done[-1] == (date(2026, 12, 7), 0.0)
    assert weeks.planned[3] == (NOV[23], 0.0)


def test_no_runs_no_weeks() -> None:
    weeks = weekly_runs(
        [session(Kind.STRENGTH, NOV[2], 40, 6), run(NOV[3], 5, status=Status.SKIPPED)]
    )
    assert weeks.done == []
    assert weeks.planned == []


def test_ramp_marker_is_last_week_plus_the_limit() -> None:
    limits = ramp_limits(weekly_runs(RUNS))
    # After 24.4 km: 24.4 x 1.1 = 26.84 km on the week of 9 Nov; after 0 km nothing on
    # 16 Nov; after 16.5 km: 18.15 km on the week of 23 Nov (the one after the last).
    assert limits == [(NOV[9], pytest.approx(26.84)), (NOV[23], pytest.approx(18.15))]


def test_ramp_marker_uses_the_runners_limit_and_skips_weeks_after_less_than_5_km() -> None:
    five = weekly_runs([run(NOV[2], 5.0), run(NOV[9], 4.99)])
    assert ramp_limits(five, limit_pct=20) == [(NOV[9], pytest.approx(6.0))]


# -- training load ---------------------------------------------------------------------------
def test_load_lines_by_hand() -> None:
    plan = [
        session(Kind.RUN, NOV[2], 30, 5),  # 150 AU
        session(Kind.STRENGTH, NOV[4], 40, 6),  # 240 AU
        session(Kind.HIIT, NOV[4], 30, 8, status=Status.SKIPPED),  # no load
        session(Kind.REST, NOV[5], 0, 0),
        session(Kind.RUN, NOV[10], 45, 4),  # 180 AU
    ]
    lines = load_lines(plan)
    assert lines.load == [
        (NOV[2], 150.0),
        (NOV[3], 0.0),
        (NOV[4], 240.0),
        (NOV[5], 0.0),
        (NOV[6], 0.0),
        (NOV[7], 0.0),
        (NOV[8], 0.0),
        (NOV[9], 0.0),
        (NOV[10], 180.0),
    ]
    # Fitness needs 42 days of history: none yet.
    assert lines.fitness == []
    # Fatigue: on day L+6 (8 Nov) the mean of 2..8 Nov = 390 / 7; then x += (load - x) / 7.
    seed = 390 / 7
    nov9 = seed + (0 - seed) / 7
    nov10 = nov9 + (180 - nov9) / 7
    assert [day for day, _ in lines.fatigue] == [NOV[8], NOV[9], NOV[10]]
    assert [value for _, value in lines.fatigue] == pytest.approx([seed, nov9, nov10], rel=1e-12)


def test_load_lines_run_on_to_today_through_a_break() -> None:
    plan = [session(Kind.RUN, NOV[2] + timedelta(days=i), 30, 5) for i in range(7)]
    lines = load_lines(plan, through=NOV[10])
    # sessions 2..8 Nov, then two days without training up to 'today'
    assert lines.load[-3:] == [(NOV[8], 150.0), (NOV[9], 0.0), (NOV[10], 0.0)]
    # 150 AU a day for a week: fatigue 150 on 8 Nov, then 150 x 6/7 a day.
    assert lines.fatigue == [
        (NOV[8], pytest.approx(150.0)),
        (NOV[9], pytest.approx(150.0 * 6 / 7)),
        (NOV[10], pytest.approx(150.0 * 36 / 49)),
    ]


def test_training_the_same_every_day_gives_form_zero() -> None:
    start = date(2026, 1, 1)
    plan = [session(Kind.RUN, start + timedelta(days=i), 50, 2) for i in range(50)]
    lines = load_lines(plan)
    # CTL is defined from day L+41 on (42 days), each day 100 AU: fitness = fatigue = 100.
    assert lines.fitness[0] == (start + timedelta(days=41), pytest.approx(100.0))
    assert len(lines.fitness) == 50 - 41
    assert all(value == pytest.approx(0.0, abs=1e-12) for _, value in lines.form())
    assert {form_zone(value) for _, value in lines.form()} == {FormZone.NEUTRAL}


def test_no_training_no_lines() -> None:
    assert load_lines([session(Kind.REST, NOV[2], 0, 0)]) == LoadLines()


def test_form_is_fitness_minus_fatigue_over_fitness() -> None:
    lines = LoadLines(
        first=NOV[1],
        daily=[0.0, 0.0, 0.0, 0.0],
        fitness_values=[None, 50.0, 0.0, 40.0],
        fatigue_values=[10.0, 65.0, 5.0, 30.0],
    )
    # (50 - 65) / 50 = -0.3; no form without fitness or when it is 0; (40 - 30) / 40 = 0.25
    assert lines.form() == [(NOV[2], pytest.approx(-0.3)), (NOV[4], pytest.approx(0.25))]
    assert lines.fitness == [(NOV[2], 50.0), (NOV[3], 0.0), (NOV[4], 40.0)]
    assert lines.form_zones() == [
        ZoneSpan(FormZone.PRODUCTIVE, NOV[2], NOV[2]),
        ZoneSpan(FormZone.TRANSITION, NOV[4], NOV[4]),
    ]


def test_form_zones_join_consecutive_days_of_a_zone() -> None:
    # form 0, +1 %, -20 %, -20 %, (no fitness), -25 %, -50 %
    fitness = [100.0, 100.0, 100.0, 100.0, None, 100.0, 100.0]
    fatigue = [100.0, 99.0, 120.0, 120.0, 50.0, 125.0, 150.0]
    lines = LoadLines(NOV[1], [0.0] * 7, fitness, fatigue)
    assert lines.form_zones() == [
        ZoneSpan(FormZone.NEUTRAL, NOV[1], NOV[2]),
        ZoneSpan(FormZone.PRODUCTIVE, NOV[3], NOV[4]),
        ZoneSpan(FormZone.PRODUCTIVE, NOV[6], NOV[6]),
        ZoneSpan(FormZone.HIGH_RISK, NOV[7], NOV[7]),
    ]
    assert lines.form_zones() == zone_spans(lines.form())


@pytest.mark.parametrize(
    ("form", "zone"),
    [
        (0.26, FormZone.TRANSITION),
        (0.25, FormZone.TRANSITION),
        (0.2499, FormZone.FRESH),
        (0.05, FormZone.FRESH),
        (0.0499, FormZone.NEUTRAL),
        (-0.10, FormZone.NEUTRAL),
        (-0.1001, FormZone.PRODUCTIVE),
        (-0.30, FormZone.PRODUCTIVE),  # -30 % is not below -30 % (FATIGUE_SUSTAINED)
        (-0.3001, FormZone.HIGH_RISK),
    ],
)
def test_form_zones_at_their_boundaries(form: float, zone: FormZone) -> None:
    assert form_zone(form) is zone


def test_zone_spans_join_consecutive_days_of_a_zone() -> None:
    form = [
        (NOV[1], 0.0),
        (NOV[2], 0.01),
        (NOV[3], -0.2),
        (NOV[4], -0.2),
        (NOV[6], -0.25),  # 5 Nov is missing: a new span
        (NOV[7], -0.5),
    ]
    assert zone_spans(form) == [
        ZoneSpan(FormZone.NEUTRAL, NOV[1], NOV[2]),
        ZoneSpan(FormZone.PRODUCTIVE, NOV[3], NOV[4]),
        ZoneSpan(FormZone.PRODUCTIVE, NOV[6], NOV[6]),
        ZoneSpan(FormZone.HIGH_RISK, NOV[7], NOV[7]),
    ]


def test_series_agree_with_the_load_module_on_a_random_history() -> None:
    # load_lines and weekly_runs work from per-workout facts; they must give exactly what
    # planner.core.load gives from the workouts themselves.
    rng = random.Random(11)
    start = date(2025, 1, 1)
    kinds = [Kind.RUN, Kind.RUN, Kind.HIIT, Kind.STRENGTH, Kind.REST]
    plan = []
    for _ in range(300):
        kind = rng.choice(kinds)
        status = rng.choice([Status.DONE, Status.DONE, Status.PLANNED, Status.SKIPPED])
        plan.append(
            Workout(
                None,
                start + timedelta(days=rng.randrange(200)),
                kind,
                kind.label,
                duration_min=rng.choice([None, 20.0, 45.0, 90.0]),
                distance_km=rng.choice([None, 5.0, 12.5]) if kind is Kind.RUN else None,
                rpe=rng.choice([None, 3.0, 7.5]),
                status=status,
                actual_duration_min=rng.choice([None, 50.0]) if status is Status.DONE else None,
                actual_distance_km=rng.choice([None, 6.2]) if status is Status.DONE else None,
            )
        )
    through = start + timedelta(days=230)
    lines = load_lines(plan, through=through)
    sessions = [w for w in plan if w.is_training_session]
    first = load.first_training_day(sessions)
    assert first is not None
    assert lines.first == first
    assert lines.daily == load.daily_load_list(sessions, first, (through - first).days + 1)
    expected = load.fitness_fatigue(plan, first, through)
    assert lines.fitness_values == [value.fitness for value in expected]
    assert lines.fatigue_values == [value.fatigue for value in expected]
    weeks = weekly_runs(plan, through=through)
    totals = load.weekly_run_km(plan, weeks.done[0][0], through)
    assert [(week, pytest.approx(km, abs=1e-9)) for week, km in weeks.totals()] == list(
        totals.items()
    )
