"""The link rules: an import links an activity to its day's planned workout of its kind."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.activity import Activity
from planner.core.matching import (
    PriorState,
    StoredActivity,
    activity_candidates,
    effort_is_estimated,
    link_candidates,
    linked_workout,
    match,
    new_workout,
    title_for,
)
from planner.core.model import Kind, Status, Workout

DAY = date(2026, 11, 17)


def run(
    day: date = DAY,
    minutes: float = 50.0,
    *,
    hour: int = 7,
    sport: str = "running",
    sub: str | None = None,
    kind: Kind = Kind.RUN,
    km: float | None = 10.0,
) -> Activity:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return Activity(
        start=start,
        local_day=day,
        sport=sport,
        sub_sport=sub,
        kind=kind,
        elapsed_s=minutes * 60,
        source="run.fit",
        moving_s=minutes * 60,
        distance_km=km,
        utc_offset_s=0,  # the file says UTC: titles name its part of the day, not the host's
    )


def planned(wid: int, day: date = DAY, minutes: float | None = 45.0, **changes: object) -> Workout:
    workout = Workout(wid, day, Kind.RUN, "Easy run", 0, minutes, 8.0, 4.0)
    return workout.replace(**changes)


def test_an_activity_links_to_its_days_planned_workout_of_its_kind() -> None:
    strength = planned(1, kind=Kind.STRENGTH, title="Weights")
    easy = planned(2, position=1)
    assert match([run()], [strength, easy]) == [easy]


def test_of_several_the_closest_planned_duration_wins() -> None:
    short, long_ = planned(1, minutes=30), planned(2, minutes=90, position=1)
    assert match([run(minutes=80)], [short, long_]) == [long_]
    assert match([run(minutes=35)], [short, long_]) == [short]


def test_done_skipped_linked_and_other_days_are_not_matched() -> None:
    workouts = [
        planned(1, status=Status.DONE),
        planned(2, status=Status.SKIPPED),
        planned(3),
        planned(4, day=DAY + timedelta(days=1)),
    ]
    assert match([run()], workouts, linked=[3]) == [None]


def test_two_runs_of_a_day_take_two_planned_workouts_in_start_order() -> None:
    morning, evening = planned(1, minutes=60), planned(2, minutes=30, position=1)
    late, early = run(minutes=58, hour=18), run(minutes=31, hour=6)
    # The early run (31 min) comes first and takes the closest; the late one gets the other.
    assert match([late, early], [morning, evening]) == [morning, evening]


def test_a_linked_workout_is_done_with_the_files_actuals_and_an_estimated_effort() -> None:
    workout = planned(1)
    done = linked_workout(workout, run(minutes=52.25, km=10.234))
    assert done.status is Status.DONE
    assert done.actual_duration_min == 52.2
    assert done.actual_distance_km == 10.23
    assert done.actual_rpe == workout.rpe
    link = StoredActivity(1, run(), workout_id=1, prior=PriorState.of(workout), estimated_rpe=4.0)
    assert effort_is_estimated(done, link)
    assert not effort_is_estimated(done.replace(actual_rpe=6.0), link)
    assert link.prior is not None and link.prior.restore(done) == workout


def test_a_new_workout_is_done_and_titled_from_the_file() -> None:
    workout = new_workout(run(sport="running", sub="trail", km=12.43))
    assert (workout.status, workout.kind, workout.title) == (
        Status.DONE,
        Kind.RUN,
        "Morning trail run",
    )
    assert workout.actual_distance_km == 12.43
    ride = run(sport="cycling", kind=Kind.CROSS, km=40.0)
    assert title_for(ride) == "Morning ride"
    gym = run(sport="strength_training", kind=Kind.STRENGTH, km=None)
    assert title_for(gym) == "Morning strength training"
    hiit = run(sport="hiit", kind=Kind.HIIT, km=None)
    assert title_for(hiit) == "Morning HIIT"


@pytest.mark.parametrize(
    ("local_hour", "part"),
    [
        (3, "Night"),
        (4, "Morning"),
        (11, "Morning"),
        (12, "Afternoon"),
        (17, "Evening"),
        (20, "Evening"),
        (21, "Night"),
        (23, "Night"),
    ],
)
def test_the_title_names_the_runners_part_of_the_day(local_hour: int, part: str) -> None:
    """The file's own offset decides: 05:30 UTC is 07:30 in a UTC+2 file (a morning run)."""
    start = datetime(2026, 11, 17, local_hour, 30, tzinfo=UTC) - timedelta(hours=2)
    recorded = dataclasses.replace(run(sport="running"), start=start, utc_offset_s=7200)
    assert title_for(recorded) == f"{part} run"


def test_link_candidates_are_within_14_days_same_kind_nearest_then_closest_duration() -> None:
    near_long = planned(1, day=DAY + timedelta(days=1), minutes=120)
    near_close = planned(2, day=DAY - timedelta(days=1), minutes=50)
    same_day = planned(3, minutes=10)
    far = planned(4, day=DAY + timedelta(days=15))
    other_kind = planned(5, kind=Kind.HIIT)
    taken = planned(6)
    found = link_candidates(run(), [near_long, near_close, same_day, far, other_kind, taken], [6])
    assert found == [same_day, near_close, near_long]


def test_activity_candidates_offer_unlinked_activities_of_the_kind_nearby() -> None:
    workout = planned(9)
    free = StoredActivity(1, run(day=DAY + timedelta(days=2)))
    closer = StoredActivity(2, run())
    linked = StoredActivity(3, run(), workout_id=8)
    ride = StoredActivity(4, run(kind=Kind.CROSS, sport="cycling"))
    assert activity_candidates(workout, [free, closer, linked, ride]) == [closer, free]


days = st.integers(0, 6).map(lambda n: DAY + timedelta(days=n))


@given(
    st.lists(
        st.tuples(days, st.floats(10, 200), st.sampled_from([Kind.RUN, Kind.CROSS])), max_size=12
    ),
    st.lists(
        st.tuples(days, st.floats(10, 200), st.sampled_from([Kind.RUN, Kind.CROSS])), max_size=12
    ),
    st.sets(st.integers(1, 12)),
)
def test_matching_never_links_two_activities_to_one_workout_nor_a_linked_one(
    recorded: list[tuple[date, float, Kind]],
    plan: list[tuple[date, float, Kind]],
    linked: set[int],
) -> None:
    activities = [
        run(day, minutes, kind=kind, hour=i % 20) for i, (day, minutes, kind) in enumerate(recorded)
    ]
    workouts = [
        planned(i + 1, day, minutes, kind=kind) for i, (day, minutes, kind) in enumerate(plan)
    ]
    found = match(activities, workouts, linked)
    ids = [w.id for w in found if w is not None]
    assert len(ids) == len(set(ids))
    assert not set(ids) & linked
    for activity, workout in zip(activities, found, strict=True):
        if workout is not None:
            assert (workout.day, workout.kind) == (activity.local_day, activity.kind)
            done = linked_workout(workout, activity)
            assert done.status is Status.DONE and done.actual_rpe == workout.rpe
            assert done.actual_distance_km == activity.distance_km
        else:  # nothing free was left of its day and kind
            free = [
                w
                for w in workouts
                if (w.day, w.kind) == (activity.local_day, activity.kind) and w.id not in linked
            ]
            assert all(w.id in ids for w in free)
