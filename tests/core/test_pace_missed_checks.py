"""Pace in the runner's units, which workouts count as missed, and every form problem at once."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.missed import is_missed, missed_workouts, review_span
from planner.core.model import Kind, Status, Workout
from planner.core.pace import effective_pace, format_pace, pace_min, pace_text, planned_pace
from planner.core.settings import Units

TODAY = date(2026, 11, 18)


def run(**changes: object) -> Workout:
    base = Workout(None, date(2026, 11, 17), Kind.RUN, "Easy run", 0, 55, 10.0, 3)
    return base.replace(**changes)


# -- pace -----------------------------------------------------------------------------------
def test_pace_in_kilometres_and_in_miles() -> None:
    assert pace_min(55, 10, Units.KM) == pytest.approx(5.5)
    assert format_pace(5.5, Units.KM) == "5:30 min/km"
    # 10 km is 6.2137 mi: 55 min over it is 8:51 a mile.
    assert pace_text(Kind.RUN, 55, 10, Units.MI) == "8:51 min/mi"
    assert pace_text(Kind.RUN, 55, 10, Units.KM) == "5:30 min/km"


def test_seconds_round_to_the_nearest_and_carry_into_minutes() -> None:
    assert format_pace(5.9999, Units.KM) == "6:00 min/km"
    assert format_pace(4.0 + 59.4 / 60, Units.KM, unit=False) == "4:59"


@pytest.mark.parametrize(
    ("duration", "distance"),
    [(None, 10.0), (55, None), (0, 10.0), (55, 0.0), (600, 1.0), (float("nan"), 5.0)],
)
def test_no_pace_without_both_numbers_or_for_implausible_ones(
    duration: float | None, distance: float | None
) -> None:
    assert pace_min(duration, distance, Units.KM) is None
    assert pace_text(Kind.RUN, duration, distance, Units.KM) == ""


def test_only_runs_have_a_pace() -> None:
    assert pace_text(Kind.HIIT, 30, 5.0, Units.KM) == ""
    assert pace_text(Kind.STRENGTH, 30, 5.0, Units.KM) == ""


def test_a_done_run_shows_the_pace_it_was_run_at() -> None:
    done = run(status=Status.DONE, actual_duration_min=50, actual_distance_km=10.0)
    assert planned_pace(done, Units.KM) == "5:30 min/km"
    assert effective_pace(done, Units.KM) == "5:00 min/km"


# -- missed ---------------------------------------------------------------------------------
def test_a_plan_before_today_is_missed_and_nothing_else_is() -> None:
    assert is_missed(run(), TODAY)
    assert not is_missed(run(day=TODAY), TODAY)  # today is still to do
    assert not is_missed(run(status=Status.DONE), TODAY)
    assert not is_missed(run(status=Status.SKIPPED), TODAY)
    assert not is_missed(run(kind=Kind.REST, title="Rest day"), TODAY)


def test_missed_workouts_are_listed_oldest_first() -> None:
    older = run(id=2, day=date(2026, 11, 10), title="Long run")
    later = run(id=1, title="Tempo run")
    done = run(id=3, day=date(2026, 11, 9), status=Status.DONE)
    assert missed_workouts([later, done, older], TODAY) == [older, later]


def test_the_review_looks_four_weeks_back_up_to_yesterday() -> None:
    assert review_span(TODAY) == (date(2026, 10, 21), date(2026, 11, 17))


# -- every problem at once ------------------------------------------------------------------
def test_every_impossible_field_is_found_not_only_the_first() -> None:
    from planner.core.checks import MultipleValidationError, raise_all, workout_problems

    bad = run(title=" ", duration_min=-5, distance_km=400.0, rpe=11)
    problems = workout_problems(bad)
    assert [p.field for p in problems] == ["title", "duration_min", "distance_km", "rpe"]
    assert workout_problems(run()) == []
    with pytest.raises(MultipleValidationError) as caught:
        raise_all(problems)
    assert caught.value.field == "title" and len(caught.value.errors) == 4
