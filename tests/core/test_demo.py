"""The demo history: deterministic, valid, and believable to a runner."""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from datetime import date, timedelta
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.demo import DemoHistory, generate_history
from planner.core.library import BUILTIN_TEMPLATES
from planner.core.model import Kind, Status, Workout
from planner.core.weeks import week_start
from tests.fakes import MemoryRepository

TODAY = date(2026, 11, 21)  # a Saturday
LIBRARY_NAMES = {t.name for t in BUILTIN_TEMPLATES}


@cache
def history(years: int = 3, today: date = TODAY, seed: int = 2026) -> DemoHistory:
    return generate_history(years=years, today=today, seed=seed)


def weeks_of(workouts: tuple[Workout, ...]) -> dict[date, list[Workout]]:
    """Every Monday-to-Sunday week from the first workout to the last, even empty ones."""
    weeks: dict[date, list[Workout]] = {}
    monday = week_start(workouts[0].day)
    while monday <= workouts[-1].day:
        weeks[monday] = []
        monday += timedelta(weeks=1)
    for w in workouts:
        weeks[week_start(w.day)].append(w)
    return weeks


def run_km(week: list[Workout]) -> float:
    return sum(w.distance_km or 0 for w in week if w.kind is Kind.RUN)


def long_run(week: list[Workout]) -> Workout | None:
    return next((w for w in week if w.title == "Long run"), None)


# -- determinism and validity --------------------------------------------------------------


def test_same_seed_same_history() -> None:
    assert generate_history(years=2, today=TODAY) == generate_history(years=2, today=TODAY)
    assert generate_history(years=2, today=TODAY, seed=7) == history(2, TODAY, 7)


def test_other_seed_other_history() -> None:
    assert history(2, TODAY, 1).workouts != history(2, TODAY, 2).workouts


def test_at_least_one_year() -> None:
    with pytest.raises(ValueError, match="at least one year"):
        generate_history(years=0, today=TODAY)


def test_every_workout_is_valid_and_unstored() -> None:
    for w in history().workouts:
        w.validate()
        assert w.id is None


def test_sorted_with_positions_0_to_n_per_day() -> None:
    workouts = history().workouts
    assert list(workouts) == sorted(workouts, key=lambda w: (w.day, w.position))
    by_day: dict[date, list[int]] = defaultdict(list)
    for w in workouts:
        by_day[w.day].append(w.position)
    for positions in by_day.values():
        assert positions == list(range(len(positions)))


def test_covers_the_years_and_a_few_planned_weeks() -> None:
    workouts = history(3).workouts
    first, last = workouts[0].day, workouts[-1].day
    assert abs((TODAY - first).days - 3 * 365) <= 14
    assert timedelta(weeks=2) <= last - TODAY <= timedelta(weeks=5)


# -- done, skipped, planned ----------------------------------------------------------------


def test_past_is_done_or_skipped_and_future_is_planned() -> None:
    workouts = history().workouts
    past = [w for w in workouts if w.day < TODAY]
    future = [w for w in workouts if w.day >= TODAY]
    assert all(w.status is not Status.PLANNED for w in past)
    assert future
    for w in future:
        assert w.status is Status.PLANNED
        assert (w.actual_distance_km, w.actual_duration_min, w.actual_rpe) == (None,) * 3
        assert not w.heavy_legs


def test_about_seven_percent_of_past_sessions_skipped() -> None:
    sessions = [w for w in history(10).workouts if w.day < TODAY and w.kind is not Kind.REST]
    skipped = sum(w.status is Status.SKIPPED for w in sessions) / len(sessions)
    assert 0.04 <= skipped <= 0.10


def test_done_runs_have_plausible_actuals() -> None:
    done = [w for w in history().workouts if w.status is Status.DONE and w.kind is Kind.RUN]
    assert done
    for w in done:
        assert w.distance_km is not None
        assert w.actual_distance_km is not None
        assert w.actual_duration_min is not None
        assert w.actual_rpe is not None
        assert w.rpe is not None
        assert abs(w.actual_distance_km - w.distance_km) <= 0.15 * w.distance_km
        pace = w.actual_duration_min / w.actual_distance_km
        assert 4.0 <= pace <= 8.0  # minutes per km: a recreational runner
        assert abs(w.actual_rpe - w.rpe) <= 2
    assert any(w.actual_distance_km != w.distance_km for w in done)
    heavy = sum(w.heavy_legs for w in done) / len(done)
    assert 0 < heavy < 0.15


# -- a runner's week -----------------------------------------------------------------------


def test_weekly_run_distance_is_believable() -> None:
    weeks = weeks_of(history(10).workouts)
    km = [run_km(week) for week in weeks.values()]
    assert max(km) <= 60
    assert sum(20 <= k <= 60 for k in km) >= 0.8 * len(km)
    assert 25 <= statistics.median(km) <= 45


def test_every_week_has_a_rest_day() -> None:
    for monday, week in weeks_of(history(10).workouts).items():
        training_days = {w.day for w in week if w.is_training_session}
        assert len(training_days) <= 6, monday


def test_some_rest_days_are_explicit_blocks() -> None:
    rest = [w for w in history().workouts if w.kind is Kind.REST]
    assert len(rest) >= 52
    assert {w.title for w in rest} == {"Rest day"}


def test_long_run_on_sunday_in_most_weeks() -> None:
    weeks = weeks_of(history(10).workouts)
    with_long = [long_run(week) for week in weeks.values()]
    found = [w for w in with_long if w is not None]
    assert len(found) >= 0.75 * len(weeks)
    assert all(w.day.weekday() == 6 for w in found)
    for week in weeks.values():
        longest = long_run(week)
        if longest is not None:
            other_runs = [w for w in week if w.kind is Kind.RUN and w is not longest]
            assert all((w.distance_km or 0) <= (longest.distance_km or 0) for w in other_runs)


def test_long_runs_build_in_blocks_with_easier_weeks() -> None:
    weeks = list(weeks_of(history(10).workouts).values())
    distances = [(w.distance_km or 0) if (w := long_run(week)) else None for week in weeks]
    pairs = [(a, b) for a, b in itertools.pairwise(distances) if a and b]
    ups = sum(b > a for a, b in pairs)
    downs = sum(b < 0.85 * a for a, b in pairs)  # a down week: clearly shorter
    assert ups >= 0.4 * len(pairs)
    assert downs >= len(pairs) / 7  # an easier week at least every 3 to 4 weeks, roughly
    # Growth is gradual: a long run is rarely more than 15 % longer than the longest of the
    # four weeks before it (after a down week it only returns to where the block was).
    jumps = 0
    for i in range(4, len(distances)):
        earlier = [d for d in distances[i - 4 : i] if d]
        current = distances[i]
        if current and earlier and current > 1.15 * max(earlier):
            jumps += 1
    assert jumps <= 0.05 * len(pairs)
    lengths = [d for d in distances if d]
    assert min(lengths) <= 11
    assert max(lengths) >= 16


def test_long_runs_are_longer_in_the_race_seasons() -> None:
    long_runs = [w for w in history(10).workouts if w.title == "Long run"]

    def mean_in(months: set[int]) -> float:
        return statistics.mean(w.distance_km or 0 for w in long_runs if w.day.month in months)

    assert mean_in({4, 10}) > mean_in({1, 7}) + 2


def test_mix_of_sessions_with_library_names() -> None:
    workouts = history(3).workouts
    kinds = {w.kind for w in workouts}
    assert kinds == set(Kind)  # cross-training too: swims while injured, winter rides
    for w in workouts:
        if w.kind is not Kind.RUN:
            assert w.title in LIBRARY_NAMES, w.title
    titles = {w.title for w in workouts}
    assert {"Easy run", "Long run", "Tempo run", "Weight training", "Rest day"} <= titles
    assert titles & {"HIIT intervals", "Beginner sprints"}
    hiit_weeks = sum(any(w.kind is Kind.HIIT for w in week) for week in weeks_of(workouts).values())
    assert hiit_weeks >= 0.15 * len(weeks_of(workouts))
    # Never two HIIT or two strength sessions on one day.
    per_day: dict[tuple[date, Kind], int] = defaultdict(int)
    for w in workouts:
        per_day[w.day, w.kind] += 1
    assert all(n == 1 for (day, kind), n in per_day.items() if kind in (Kind.HIIT, Kind.STRENGTH))


def test_races_now_and_then() -> None:
    races = [w for w in history(10).workouts if "race" in w.title or "marathon" in w.title]
    assert 5 <= len(races) <= 30
    for race in races:
        assert race.kind is Kind.RUN
        assert race.rpe is not None
        assert race.rpe >= 8
        assert race.distance_km in (5.0, 10.0, 21.1)


def test_a_few_breaks_without_running() -> None:
    weeks = weeks_of(history(10).workouts)
    past = [week for monday, week in weeks.items() if monday + timedelta(days=6) < TODAY]
    breaks = [week for week in past if run_km(week) < 10]
    assert 3 <= len(breaks) <= 0.1 * len(past)


# -- weights -------------------------------------------------------------------------------


def test_two_to_four_weigh_ins_a_week_up_to_today() -> None:
    weights = history().weights
    days = [e.day for e in weights]
    assert days == sorted(set(days))  # by day, one a day
    assert max(days) <= TODAY
    per_week: dict[date, int] = defaultdict(int)
    for day in days:
        per_week[week_start(day)] += 1
    full_weeks = [m for m in per_week if m + timedelta(days=6) < TODAY]
    assert full_weeks
    assert all(2 <= per_week[m] <= 4 for m in full_weeks)


def test_weight_drifts_slowly_in_a_healthy_range() -> None:
    kg = [e.kg for e in history(10).weights]
    assert all(68 <= k <= 74 for k in kg)
    assert all(abs(b - a) < 2.0 for a, b in itertools.pairwise(kg))
    assert statistics.pstdev(kg) > 0.3  # it does move


# -- scale ---------------------------------------------------------------------------------


def test_ten_years_generate() -> None:
    long = generate_history(years=10, today=TODAY, seed=99)
    weeks = len(weeks_of(long.workouts))
    assert 520 <= weeks <= 530
    assert 2000 <= len(long.workouts) <= 6000
    assert len(long.weights) >= 2 * 520


def test_history_loads_into_a_repository() -> None:
    result = history(3)
    repo = MemoryRepository(result.workouts, weights=result.weights)
    assert repo.count_workouts() == len(result.workouts)
    assert repo.first_workout_day() == result.workouts[0].day
    week = repo.workouts_between(TODAY, TODAY + timedelta(days=6))
    assert [w.content_key() for w in week] == [
        w.content_key() for w in result.workouts if TODAY <= w.day <= TODAY + timedelta(days=6)
    ]
    assert repo.weights_between(date.min, date.max) == list(result.weights)


@settings(max_examples=15, deadline=None)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(min_value=1, max_value=3),
    st.integers(min_value=0, max_value=2**32),
)
def test_any_day_and_seed_give_a_valid_history(today: date, years: int, seed: int) -> None:
    result = generate_history(years=years, today=today, seed=seed)
    for w in result.workouts:
        w.validate()
        assert (w.status is Status.PLANNED) == (w.day >= today)
    assert all(e.day <= today for e in result.weights)
    assert result.workouts[-1].day > today
