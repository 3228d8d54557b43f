"""What the charts are drawn from: everything read once, then kept current change by change.

Pure: no Qt, no pyqtgraph, no storage. Each expectation is what a chart would show after
the same edit made in the app (the series the pure functions of ``progress`` give for the
plan as it stands after the change).
"""

from __future__ import annotations

from datetime import date, timedelta

from planner.core.chart_data import ALL_DAYS, Part, ProgressData
from planner.core.model import ChangeSet, Kind, Status, WeightEntry, Workout
from planner.core.settings import Settings, Units, WeightUnits
from planner.core.weeks import SUNDAY

TODAY = date(2026, 11, 18)  # a Wednesday
MONDAY = date(2026, 11, 16)


def run(workout_id: int, day: date, km: float, status: Status = Status.PLANNED) -> Workout:
    return Workout(
        workout_id, day, Kind.RUN, "Run", distance_km=km, rpe=4, duration_min=40, status=status
    )


def data_of(workouts: list[Workout], weights: list[WeightEntry]) -> ProgressData:
    data = ProgressData(Settings(), TODAY)
    data.reset(workouts, weights, Settings())
    return data


def test_all_days_spans_every_day_a_plan_can_hold() -> None:
    assert (date.min, date.max) == ALL_DAYS


def test_an_empty_plan_has_no_series_and_no_extent() -> None:
    data = data_of([], [])
    assert data.weight() == ([], [])
    weeks, ramp = data.weeks()
    assert (weeks.done, weeks.planned, ramp) == ([], [], [])
    assert data.load().first is None
    assert data.extent() is None
    assert (data.workout_count, data.weight_count) == (0, 0)


def test_weigh_ins_give_the_points_and_the_seven_day_trend() -> None:
    data = data_of([], [WeightEntry(MONDAY, 80.0), WeightEntry(MONDAY + timedelta(days=2), 79.0)])
    points, trend = data.weight()
    assert points == [(MONDAY, 80.0), (MONDAY + timedelta(days=2), 79.0)]
    assert trend == [(MONDAY, 80.0), (MONDAY + timedelta(days=2), 79.5)]


def test_runs_give_the_weeks_done_and_planned() -> None:
    data = data_of([run(1, MONDAY, 8.0, Status.DONE), run(2, MONDAY + timedelta(days=3), 5.0)], [])
    weeks, _ramp = data.weeks()
    assert weeks.done == [(MONDAY, 8.0)]
    assert weeks.planned == [(MONDAY, 5.0)]
    assert data.extent() == (MONDAY, MONDAY + timedelta(days=3))


def test_the_extent_follows_workouts_and_weigh_ins_added_and_deleted() -> None:
    data = data_of([run(1, MONDAY, 8.0)], [])
    assert data.extent() == (MONDAY, MONDAY)
    later = run(2, MONDAY + timedelta(days=20), 5.0)
    data.apply(ChangeSet(before={2: None}, after={2: later}), Settings())
    assert data.extent() == (MONDAY, later.day)
    earlier = WeightEntry(MONDAY - timedelta(days=9), 80.0)
    data.apply(
        ChangeSet(weights_before={earlier.day: None}, weights_after={earlier.day: earlier}),
        Settings(),
    )
    assert data.extent() == (earlier.day, later.day)
    data.apply(ChangeSet(before={2: later}, after={2: None}), Settings())
    data.apply(
        ChangeSet(weights_before={earlier.day: earlier}, weights_after={earlier.day: None}),
        Settings(),
    )
    assert data.extent() == (MONDAY, MONDAY)


def test_a_logged_weigh_in_touches_only_the_weight_chart() -> None:
    data = data_of([run(1, MONDAY, 8.0)], [])
    data.weeks()
    new = WeightEntry(TODAY, 75.5)
    touched = data.apply(
        ChangeSet(weights_before={TODAY: None}, weights_after={TODAY: new}), Settings()
    )
    assert touched == Part.WEIGHT
    assert data.weight()[0] == [(TODAY, 75.5)]
    assert data.weight_count == 1


def test_a_deleted_weigh_in_leaves_the_series() -> None:
    entry = WeightEntry(TODAY, 75.5)
    data = data_of([], [entry])
    data.apply(ChangeSet(weights_before={TODAY: entry}, weights_after={TODAY: None}), Settings())
    assert data.weight() == ([], [])


def test_a_moved_run_touches_mileage_and_load_and_moves_its_week() -> None:
    data = data_of([run(1, MONDAY, 8.0)], [])
    assert data.weeks()[0].planned == [(MONDAY, 8.0)]
    moved = run(1, MONDAY + timedelta(days=7), 8.0)
    change = ChangeSet(
        days=frozenset({MONDAY, moved.day}),
        before={1: run(1, MONDAY, 8.0)},
        after={1: moved},
    )
    assert data.apply(change, Settings()) == Part.MILEAGE | Part.LOAD
    weeks, _ramp = data.weeks()
    assert weeks.planned == [(moved.day, 8.0)]  # weeks start with the first week run
    assert data.extent() == (moved.day, moved.day)


def test_undoing_a_change_applies_its_inverse() -> None:
    data = data_of([], [])
    created = ChangeSet(days=frozenset({MONDAY}), before={1: None}, after={1: run(1, MONDAY, 6.0)})
    data.apply(created, Settings())
    assert data.workout_count == 1
    data.apply(created.inverse(), Settings())
    assert data.workout_count == 0
    assert data.weeks()[0].planned == []


def test_a_change_of_first_weekday_regroups_the_weeks() -> None:
    data = data_of([run(1, MONDAY, 8.0)], [])
    sundays = Settings().replace(first_weekday=SUNDAY)
    touched = data.apply(ChangeSet(settings_before=Settings(), settings_after=sundays), sundays)
    assert Part.MILEAGE in touched
    assert data.settings.first_weekday == SUNDAY
    assert data.weeks()[0].planned == [(MONDAY - timedelta(days=1), 8.0)]


def test_a_change_of_units_redraws_without_recomputing() -> None:
    data = data_of([], [])
    miles = Settings().replace(units=Units.MI, weight_units=WeightUnits.LB)
    touched = data.apply(ChangeSet(settings_before=Settings(), settings_after=miles), miles)
    assert touched == Part.MILEAGE | Part.WEIGHT
    assert data.settings.units is Units.MI


def test_the_day_moving_on_reaches_weeks_and_load_to_it() -> None:
    data = data_of([run(1, MONDAY, 8.0, Status.DONE)], [])
    assert data.set_today(TODAY) == Part.NONE
    later = TODAY + timedelta(days=14)
    assert data.set_today(later) == Part.MILEAGE | Part.LOAD
    assert data.today == later
    assert data.weeks()[0].done[-1][0] == MONDAY + timedelta(days=14)


def test_last_planned_is_the_last_planned_training_in_a_span() -> None:
    rest = Workout(9, MONDAY + timedelta(days=5), Kind.REST, "Rest")
    data = data_of(
        [
            run(1, MONDAY, 8.0),
            run(2, MONDAY + timedelta(days=2), 5.0, Status.DONE),
            run(3, MONDAY + timedelta(days=3), 5.0, Status.SKIPPED),
            rest,
        ],
        [],
    )
    assert data.last_planned(MONDAY, MONDAY + timedelta(days=6)) == MONDAY
    assert data.last_planned(MONDAY + timedelta(days=1), MONDAY + timedelta(days=6)) is None
    data.apply(
        ChangeSet(before={4: None}, after={4: run(4, MONDAY + timedelta(days=4), 3.0)}),
        Settings(),
    )
    assert data.last_planned(MONDAY, MONDAY + timedelta(days=6)) == MONDAY + timedelta(days=4)
