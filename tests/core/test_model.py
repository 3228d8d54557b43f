"""The domain model: effective values, training sessions, validation, change sets."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest

from planner.core.activity import Activity
from planner.core.matching import PriorState, StoredActivity
from planner.core.model import (
    ChangeSet,
    Kind,
    Severity,
    Status,
    Template,
    ValidationError,
    WeightEntry,
    Workout,
)
from planner.core.settings import Settings, Units

DAY = date(2026, 11, 17)


def run(**changes: object) -> Workout:
    """A planned 10 km run in 60 min at RPE 4, with ``changes``."""
    base = Workout(
        id=None, day=DAY, kind=Kind.RUN, title="Easy run", duration_min=60, distance_km=10, rpe=4
    )
    return base.replace(**changes)


# -- effective values ---------------------------------------------------------------------


def test_done_workout_reports_what_was_actually_done() -> None:
    w = run(status=Status.DONE, actual_duration_min=55, actual_distance_km=9.2, actual_rpe=6)
    assert (w.effective_duration_min, w.effective_distance_km, w.effective_rpe) == (55, 9.2, 6)


def test_done_workout_without_actuals_falls_back_to_the_plan_field_by_field() -> None:
    w = run(status=Status.DONE, actual_distance_km=11.0)
    assert w.effective_distance_km == 11.0
    assert w.effective_duration_min == 60
    assert w.effective_rpe == 4


@pytest.mark.parametrize("status", [Status.PLANNED, Status.SKIPPED])
def test_actuals_count_only_once_done(status: Status) -> None:
    w = run(status=status, actual_duration_min=20, actual_distance_km=3.0, actual_rpe=9)
    assert (w.effective_duration_min, w.effective_distance_km, w.effective_rpe) == (60, 10, 4)


def test_effective_values_may_be_missing() -> None:
    w = Workout(id=None, day=DAY, kind=Kind.STRENGTH, title="Squats", status=Status.DONE)
    assert w.effective_duration_min is None
    assert w.effective_distance_km is None
    assert w.effective_rpe is None


def test_done_with_zero_actual_effort_is_zero_not_the_plan() -> None:
    w = run(kind=Kind.STRENGTH, status=Status.DONE, actual_rpe=0, actual_duration_min=0)
    assert w.effective_rpe == 0
    assert w.effective_duration_min == 0


def test_is_done() -> None:
    assert run(status=Status.DONE).is_done
    assert not run().is_done
    assert not run(status=Status.SKIPPED).is_done


# -- training sessions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "status", "expected"),
    [
        (Kind.RUN, Status.PLANNED, True),
        (Kind.RUN, Status.DONE, True),
        (Kind.RUN, Status.SKIPPED, False),
        (Kind.STRENGTH, Status.PLANNED, True),
        (Kind.STRENGTH, Status.SKIPPED, False),
        (Kind.HIIT, Status.DONE, True),
        (Kind.HIIT, Status.SKIPPED, False),
        (Kind.CROSS, Status.DONE, True),
        (Kind.CROSS, Status.SKIPPED, False),
        (Kind.REST, Status.PLANNED, False),
        (Kind.REST, Status.DONE, False),
    ],
)
def test_training_session_is_run_strength_hiit_or_cross_not_skipped(
    kind: Kind, status: Status, expected: bool
) -> None:
    w = Workout(id=None, day=DAY, kind=kind, title="x", status=status)
    assert w.is_training_session is expected


def test_kind_labels_and_letters_are_distinct() -> None:
    assert Kind("run") is Kind.RUN
    assert [k.label for k in Kind] == ["Run", "Strength", "HIIT", "Cross-training", "Rest"]
    assert Kind("cross") is Kind.CROSS and Kind.CROSS.letter == "X"
    assert len({k.letter for k in Kind}) == len(Kind) == 5
    assert Status.SKIPPED.label == "Skipped"


def test_severity_orders_most_severe_last() -> None:
    assert sorted([Severity.CRITICAL, Severity.INFO, Severity.WARNING]) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.CRITICAL,
    ]
    assert Severity.WARNING.label == "warning"


def test_content_key_ignores_id_and_position() -> None:
    assert run(id=3, position=0).content_key() == run(id=9, position=2).content_key()
    assert run().content_key() != run(notes="hilly").content_key()
    # A race, and where a generated plan put a workout, are the workout's data too.
    assert run().content_key() != run(race=True).content_key()
    assert run().content_key() != run(plan_day=DAY).content_key()


def test_a_workout_is_no_race_and_from_no_plan_unless_told() -> None:
    assert (run().race, run().plan_day) == (False, None)
    assert (Template(None, "Easy run", Kind.RUN).to_workout(DAY).race, run().plan_day) == (
        False,
        None,
    )


# -- validate ------------------------------------------------------------------------------


def field_of(workout: Workout) -> str:
    with pytest.raises(ValidationError) as info:
        workout.validate()
    assert str(info.value)  # a message for the runner
    return info.value.field


@pytest.mark.parametrize("field", ["distance_km", "actual_distance_km"])
@pytest.mark.parametrize("km", [0.1, 42.195, 300.0])
def test_distance_accepted_up_to_300_km(field: str, km: float) -> None:
    run(**{field: km}).validate()


@pytest.mark.parametrize("field", ["distance_km", "actual_distance_km"])
@pytest.mark.parametrize("km", [0.0, -0.1, -5.0, 300.1, 1000.0, math.nan, math.inf, -math.inf])
def test_run_distance_rejected(field: str, km: float) -> None:
    assert field_of(run(**{field: km})) == field


def test_zero_distance_is_fine_for_non_runs_but_not_negative() -> None:
    Workout(id=None, day=DAY, kind=Kind.HIIT, title="Sprints", distance_km=0).validate()
    bad = Workout(id=None, day=DAY, kind=Kind.HIIT, title="Sprints", distance_km=-1)
    assert field_of(bad) == "distance_km"


@pytest.mark.parametrize("field", ["duration_min", "actual_duration_min"])
@pytest.mark.parametrize("minutes", [0.5, 90.0, 24 * 60.0])
def test_duration_accepted_up_to_24_hours(field: str, minutes: float) -> None:
    run(**{field: minutes}).validate()


@pytest.mark.parametrize("field", ["duration_min", "actual_duration_min"])
@pytest.mark.parametrize("minutes", [0.0, -1.0, 24 * 60.0 + 0.1, 1441.0, math.nan])
def test_run_duration_rejected(field: str, minutes: float) -> None:
    assert field_of(run(**{field: minutes})) == field


def test_zero_duration_is_fine_for_rest_and_strength() -> None:
    Workout(id=None, day=DAY, kind=Kind.REST, title="Rest day", duration_min=0).validate()
    Workout(id=None, day=DAY, kind=Kind.STRENGTH, title="Core", duration_min=0).validate()


@pytest.mark.parametrize("field", ["rpe", "actual_rpe"])
@pytest.mark.parametrize("rpe", [0.0, 0.5, 7.0, 10.0])
def test_rpe_accepted_from_0_to_10(field: str, rpe: float) -> None:
    run(**{field: rpe}).validate()


@pytest.mark.parametrize("field", ["rpe", "actual_rpe"])
@pytest.mark.parametrize("rpe", [-0.1, -1.0, 10.1, 11.0, math.nan, math.inf])
def test_rpe_rejected_outside_0_to_10(field: str, rpe: float) -> None:
    assert field_of(run(**{field: rpe})) == field


@pytest.mark.parametrize("title", ["", " ", "\t\n"])
def test_empty_title_rejected(title: str) -> None:
    assert field_of(run(title=title)) == "title"


def test_title_length_limit() -> None:
    run(title="x" * 120).validate()
    assert field_of(run(title="x" * 121)) == "title"


def test_negative_position_rejected() -> None:
    assert field_of(run(position=-1)) == "position"


@pytest.mark.parametrize("kind", [Kind.RUN, Kind.CROSS, Kind.HIIT, Kind.STRENGTH])
def test_a_training_session_may_be_a_race(kind: Kind) -> None:
    run(kind=kind, race=True).validate()


def test_a_rest_day_is_no_race() -> None:
    rest = Workout(id=None, day=DAY, kind=Kind.REST, title="Rest day")
    rest.validate()
    assert field_of(rest.replace(race=True)) == "race"


@pytest.mark.parametrize("plan_day", [date(1899, 12, 31), date(2200, 1, 1)])
def test_plan_day_is_a_day_legwork_plans(plan_day: date) -> None:
    run(plan_day=DAY).validate()
    assert field_of(run(plan_day=plan_day)) == "plan_day"


def test_missing_values_are_valid() -> None:
    Workout(id=None, day=DAY, kind=Kind.RUN, title="Run, distance to be decided").validate()


def test_validation_error_is_a_value_error_with_the_field() -> None:
    error = ValidationError("rpe", "Effort (RPE) goes from 0 to 10.")
    assert isinstance(error, ValueError)
    assert error.field == "rpe"
    assert str(error) == "Effort (RPE) goes from 0 to 10."


# -- templates -----------------------------------------------------------------------------


def test_template_makes_a_planned_workout_with_its_values() -> None:
    template = Template(7, "Hill repeats", Kind.RUN, 50, 9.0, 7, "8 x 1 min uphill.")
    w = template.to_workout(DAY, position=2)
    assert w == Workout(
        id=None,
        day=DAY,
        kind=Kind.RUN,
        title="Hill repeats",
        position=2,
        duration_min=50,
        distance_km=9.0,
        rpe=7,
        notes="8 x 1 min uphill.",
        status=Status.PLANNED,
    )


# -- change sets ---------------------------------------------------------------------------

A = run(id=1)
A_MOVED = run(id=1, day=date(2026, 11, 18))
B = run(id=2, title="Long run", distance_km=18)
RECORDED = StoredActivity(
    4,
    Activity(
        datetime(2026, 11, 17, 7, tzinfo=UTC), DAY, "running", None, Kind.RUN, 3000.0, "a.fit"
    ),
    workout_id=1,
    prior=PriorState(Status.PLANNED),
    estimated_rpe=4.0,
)


def test_inverse_swaps_before_and_after_for_every_kind_of_data() -> None:
    w1 = WeightEntry(DAY, 70.0)
    w2 = WeightEntry(DAY, 69.5)
    t1 = Template(7, "Hills", Kind.RUN, 40.0)
    km, mi = Settings(), Settings(units=Units.MI)
    change = ChangeSet(
        days=frozenset({DAY}),
        before={1: A, 2: None},
        after={1: A_MOVED, 2: B},
        weights_before={DAY: w1},
        weights_after={DAY: w2},
        templates_before={7: None},
        templates_after={7: t1},
        settings_before=km,
        settings_after=mi,
        activities_before={3: None, 4: RECORDED},
        activities_after={3: RECORDED.replace(id=3), 4: RECORDED.unlinked()},
    )
    assert change.touches_activities and not ChangeSet().touches_activities
    inverse = change.inverse()
    assert inverse.activities_after == {3: None, 4: RECORDED}
    assert inverse.activities_before == change.activities_after
    assert inverse.before == {1: A_MOVED, 2: B}
    assert inverse.after == {1: A, 2: None}
    assert inverse.weights_after == {DAY: w1}
    assert inverse.templates_after == {7: None}
    assert inverse.settings_after == km
    assert inverse.settings_before == mi
    assert inverse.days == frozenset({DAY})
    assert inverse.inverse() == change


def test_inverse_does_not_share_dicts_with_the_original() -> None:
    change = ChangeSet(before={1: A}, after={1: A_MOVED})
    inverse = change.inverse()
    inverse.after[1] = None
    assert change.before == {1: A}


def test_is_empty() -> None:
    assert ChangeSet().is_empty
    assert not ChangeSet(days=frozenset({DAY})).is_empty
    assert not ChangeSet(before={1: A}, after={1: A}).is_empty
    assert not ChangeSet(settings_before=Settings(), settings_after=Settings()).is_empty
    assert not ChangeSet.reload_all().is_empty
    assert ChangeSet.reload_all().touches_workouts
    assert ChangeSet.reload_all().touches_templates
