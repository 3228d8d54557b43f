"""The generator's inputs: plain-words refusals, the defaults read from history, the start.

And why its long runs grow as they do: a classic plan's long runs, run through the rules,
raise RUN_SPIKE (the rule the generator keeps to is live).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.core import rules
from planner.core.generator import (
    Experience,
    Goal,
    PlanRequest,
    default_experience,
    default_start,
    defaults_from_history,
    generate_plan,
    plan_findings,
)
from planner.core.model import Kind, Severity, Status, ValidationError, Workout

START = date(2027, 1, 4)  # a Monday


def _request(**changes: object) -> PlanRequest:
    values: dict[str, object] = {
        "goal": Goal.HALF,
        "race_day": START + timedelta(weeks=14, days=-1),
        "weeks": None,
        "start": START,
        "runs_per_week": 4,
        "days": frozenset({1, 3, 5, 6}),
        "long_run_day": 6,
        "strength_per_week": 2,
        "hiit_per_week": 0,
        "current_week_km": 25.0,
        "longest_run_km": 10.0,
        "experience": Experience.RETURNING,
    }
    values.update(changes)
    return PlanRequest(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"race_day": START - timedelta(days=1)}, "race_day", "must come after"),
        ({"race_day": START + timedelta(weeks=4)}, "race_day", "too soon"),
        ({"goal": Goal.MARATHON, "race_day": START + timedelta(weeks=10)}, "race_day", "12 weeks"),
        ({"race_day": None}, "race_day", "needs the race's day"),
        ({"goal": Goal.GENERAL, "race_day": None}, "weeks", "how many weeks"),
        ({"goal": Goal.GENERAL, "race_day": None, "weeks": 2}, "weeks", "4 to 52 weeks"),
        ({"runs_per_week": 7}, "runs_per_week", "3 to 6 runs"),
        ({"runs_per_week": 5}, "days", "need 5 training days; you chose 4"),
        ({"long_run_day": 0}, "long_run_day", "Monday, which is not one of your training days"),
        ({"hiit_per_week": 3}, "hiit_per_week", "0 to 2 HIIT"),
        ({"strength_per_week": 4}, "strength_per_week", "0 to 3 strength"),
        ({"current_week_km": -1.0}, "current_week_km", "0 to 250 km"),
        (
            {"days": frozenset(range(7)), "runs_per_week": 6, "hiit_per_week": 1},
            "hiit_per_week",
            "leave no rest day",
        ),
        (
            {"days": frozenset({0, 1, 2}), "runs_per_week": 3, "long_run_day": 2}
            | {"strength_per_week": 3},
            "days",
            "cannot hold the sessions",
        ),
    ],
)
def test_an_impossible_request_is_refused_in_plain_words(
    changes: dict[str, object], field: str, words: str
) -> None:
    request = _request(**changes)
    with pytest.raises(ValidationError, match=words) as refused:
        request.validate()
    assert refused.value.field == field
    with pytest.raises(ValidationError):
        generate_plan(request, [])


def test_a_possible_request_passes() -> None:
    _request().validate()


def _run(day: date, km: float, **changes: object) -> Workout:
    return Workout(None, day, Kind.RUN, "Run", distance_km=km, status=Status.DONE).replace(
        **changes
    )


def test_the_defaults_are_the_mean_week_and_longest_run_of_the_last_four_weeks() -> None:
    history = [
        _run(START - timedelta(days=1), 10.0),
        _run(START - timedelta(days=3), 6.0),
        _run(START - timedelta(days=20), 8.0, actual_distance_km=8.0),
        _run(START - timedelta(days=28), 9.0),  # the first day of the four weeks
        _run(START - timedelta(days=29), 30.0),  # before them
        _run(START - timedelta(days=5), 21.1, race=True),  # races are left out
        _run(START - timedelta(days=6), 15.0, status=Status.SKIPPED),
        Workout(None, START - timedelta(days=2), Kind.CROSS, "Bike", distance_km=40.0),
        _run(START, 12.0),  # the plan's own first day is not history
    ]
    assert defaults_from_history(history, START) == (round((10 + 6 + 8 + 9) / 4, 1), 10.0)
    assert defaults_from_history(history[4:], START) is None


def test_the_experience_offered_is_what_the_history_shows() -> None:
    """Runs in the last four weeks: regular; only older ones: returning; none: new."""
    recent = _run(START - timedelta(days=10), 8.0)
    older = _run(START - timedelta(days=60), 8.0)
    assert default_experience([older, recent], START) is Experience.REGULAR
    assert default_experience([older], START) is Experience.RETURNING
    skipped = recent.replace(status=Status.SKIPPED)
    assert default_experience([skipped], START) is Experience.NEW
    assert default_experience([], START) is Experience.NEW


def test_the_plan_starts_on_next_week_s_first_day() -> None:
    wednesday = date(2026, 12, 9)
    assert default_start(wednesday) == date(2026, 12, 14)
    assert default_start(wednesday, first_weekday=6) == date(2026, 12, 13)
    assert default_start(date(2026, 12, 14)) == date(2026, 12, 21)


def test_a_runner_new_to_running_gets_a_plan_with_only_info_findings() -> None:
    request = _request(
        goal=Goal.GENERAL,
        race_day=None,
        weeks=12,
        current_week_km=0.0,
        longest_run_km=0.0,
        experience=Experience.NEW,
    )
    plan = generate_plan(request, [])
    assert plan.weeks[0].run_km >= request.runs_per_week * 2.0
    assert all(f.severity is Severity.INFO for f in plan_findings(plan, []))


def test_a_marathon_from_a_few_short_runs_is_refused_with_what_to_do() -> None:
    request = _request(
        goal=Goal.MARATHON,
        race_day=START + timedelta(weeks=12, days=-1),
        current_week_km=5.0,
        longest_run_km=3.0,
    )
    history = [_run(START - timedelta(days=d), 2.5) for d in range(2, 60, 3)]
    with pytest.raises(ValidationError, match="Choose a later race day") as refused:
        generate_plan(request, history)
    assert refused.value.field == "race_day"


#: Higdon's Novice 1 marathon plan, its first long runs in miles (Saturdays), laid out with
#: three 5 km runs a week after a week like its first; the step-back weeks are in it.
HIGDON_LONG_MILES = (6, 7, 5, 9, 10, 7, 12, 13, 10, 15)


def test_a_classic_plan_s_long_runs_raise_run_spike_and_the_generator_s_do_not() -> None:
    workouts = []
    for week, miles in enumerate((6, *HIGDON_LONG_MILES)):
        monday = START + timedelta(weeks=week - 1)
        workouts += [
            _run(monday + timedelta(days=d), 5.0, status=Status.PLANNED) for d in (1, 2, 3)
        ]
        long_km = round(miles * 1.609, 1)
        workouts.append(_run(monday + timedelta(days=5), long_km, status=Status.PLANNED))
    end = START + timedelta(weeks=len(HIGDON_LONG_MILES), days=-1)
    spikes = [
        f.days[-1]
        for f in rules.evaluate(workouts, start=START, end=end)
        if f.rule_id == "RUN_SPIKE" and f.severity is Severity.WARNING
    ]
    # 11.3 km after 9.7 (+16 %), 14.5 after 11.3 (+28 %), 16.1 after 14.5 (+11 %),
    # 19.3 after 16.1 (+20 %), 24.1 after 20.9 (+15 %); 20.9 after 19.3 is +8 %
    saturdays = [START + timedelta(weeks=w, days=5) for w in (1, 3, 4, 6, 9)]
    assert spikes == saturdays
    plan = generate_plan(_request(), [])
    assert [f for f in plan_findings(plan, []) if f.rule_id == "RUN_SPIKE"] == []
    assert max(w.long_run_km for w in plan.weeks) > 10.0 * 1.2  # it grows all the same


def test_a_race_the_long_run_cannot_reach_half_of_is_refused_and_more_weeks_help() -> None:
    def half_in(weeks: int) -> PlanRequest:
        return _request(
            race_day=START + timedelta(weeks=weeks, days=-1),
            days=frozenset(range(7)),
            strength_per_week=0,
            current_week_km=8.0,
            longest_run_km=3.0,
        )

    with pytest.raises(ValidationError, match=r"less than half the race's 21\.1 km") as refused:
        generate_plan(half_in(10), [])
    assert refused.value.field == "race_day"
    assert "Choose a later race day" in str(refused.value)
    plan = generate_plan(half_in(36), [])
    assert max(week.long_run_km for week in plan.weeks) >= 21.1 / 2
