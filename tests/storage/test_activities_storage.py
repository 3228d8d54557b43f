"""Recorded activities in the plan file: compact, exact on the way back, linked, guarded.

The contract part runs on every implementation of the port (the ``repository`` fixture of
the contract suite): an activity written with a workout of the same batch links to it,
reads back by start, by day and by id, a stale expectation or a second activity of the same
start refuses the whole batch, and deleting a workout leaves its activity unlinked.
"""

from __future__ import annotations

import math
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.matching import PriorState, StoredActivity
from planner.core.model import Kind, Status, Workout
from planner.core.ports import Batch, PlanRepository, StaleDataError, StorageError
from planner.core.service import PlanService
from planner.storage.activity_codec import canonical, decode_column, encode_column
from planner.storage.db import open_database
from tests.fakes import MemoryRepository
from tests.helpers.activities import later, recorded_run

DAY = date(2026, 11, 17)


def snapshot(repo: PlanRepository) -> tuple[object, ...]:
    first, last = DAY - timedelta(days=30), DAY + timedelta(days=30)
    return (
        repo.workouts_between(first, last),
        repo.activities_between(first, last),
        repo.activity_links(first, last),
    )


def test_a_one_hour_run_at_1_hz_adds_at_most_60_kb_to_the_plan_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite3"
    with open_database(path) as database:
        database.repository.write(Batch(workouts=[Workout(None, DAY, Kind.RUN, "Easy run")]))
    before = _bytes(path)
    with open_database(path) as database:
        database.repository.write(Batch(activities=[StoredActivity(None, recorded_run())]))
    grown = _bytes(path) - before
    assert grown <= 60 * 1024, f"one hour at 1 Hz added {grown / 1024:.1f} KB"


def _bytes(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        free = connection.execute("PRAGMA freelist_count").fetchone()[0]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    return int((pages - free) * size)


def test_a_track_comes_back_on_its_grid_and_again_unchanged() -> None:
    track = recorded_run(seconds=900).track
    again = canonical(track)
    assert canonical(again) == again
    assert len(again) == len(track) == 900
    for original, stored in zip(track.distance_m, again.distance_m, strict=True):
        assert stored == pytest.approx(original, abs=0.005)
    gaps = [i for i, value in enumerate(again.heart_rate) if math.isnan(value)]
    assert gaps == list(range(600, 620))
    assert decode_column(encode_column(b"", 10.0), 10.0) == b""


@given(st.lists(st.floats(min_value=-1e9, max_value=1e9) | st.just(math.nan), max_size=200))
def test_any_column_comes_back_within_half_a_step_with_its_gaps(values: list[float]) -> None:
    from array import array

    data = array("d", values).tobytes()
    back = array("d", decode_column(encode_column(data, 100.0), 100.0))
    assert len(back) == len(values)
    for original, stored in zip(values, back, strict=True):
        if math.isnan(original):
            assert math.isnan(stored)
        else:
            assert abs(stored - original) <= 0.005 + 1e-9 * abs(original)
    again = decode_column(encode_column(back.tobytes(), 100.0), 100.0)
    assert again == back.tobytes()


def test_activities_written_and_read_back_in_a_plan_file_are_equal(tmp_path: Path) -> None:
    with open_database(tmp_path / "plan.sqlite3") as database:
        repo = database.repository
        (stored,) = repo.write(Batch(activities=[StoredActivity(None, recorded_run())])).activities
        assert stored.id is not None
        assert repo.get_activity(stored.id) == stored
        assert stored.activity.start == recorded_run().start
        assert stored.activity.laps[0].max_hr is None  # a gap is stored as nothing
    with open_database(tmp_path / "plan.sqlite3") as database:
        assert database.repository.get_activity(stored.id) == stored


# ------------------------------------------------------------------ the contract, on every port


def test_an_activity_links_to_a_workout_of_the_same_batch(repository: PlanRepository) -> None:
    workout = Workout(None, DAY, Kind.RUN, "Trail run", status=Status.DONE)
    linked = StoredActivity(None, recorded_run(seconds=120), workout_id=-1)
    stored = repository.write(Batch(workouts=[workout], activities=[linked]))
    (made,) = stored.workouts
    (activity,) = stored.activities
    assert activity.workout_id == made.id and activity.id is not None
    assert repository.activity_links(DAY, DAY) == {made.id: activity.id}
    assert repository.activity_links(DAY + timedelta(days=1), DAY + timedelta(days=7)) == {}
    assert repository.get_activity(activity.id) == activity
    assert repository.activities_between(DAY, DAY) == [activity]
    start = activity.activity.start
    assert repository.activities_starting(start - timedelta(seconds=60), start) == [activity]
    assert repository.activities_starting(start + timedelta(seconds=1), start + timedelta(1)) == []


def test_a_stale_activity_or_a_second_one_of_the_same_start_refuses_the_batch(
    repository: PlanRepository,
) -> None:
    run = recorded_run(seconds=120)
    (first,) = repository.write(Batch(activities=[StoredActivity(None, run)])).activities
    assert first.id is not None
    before = snapshot(repository)
    workout = Workout(None, DAY, Kind.RUN, "Extra")
    with pytest.raises(StaleDataError):
        repository.write(
            Batch(
                workouts=[workout],
                activities=[first.replace(workout_id=-1)],
                expect_activities={first.id: first.replace(estimated_rpe=3.0)},
            )
        )
    with pytest.raises(StorageError):
        repository.write(Batch(workouts=[workout], activities=[StoredActivity(None, run)]))
    assert snapshot(repository) == before
    again = repository.write(
        Batch(activities=[StoredActivity(None, later(run, 5))], expect_activities={first.id: first})
    )
    assert len(again.activities) == 1


def test_an_update_keeps_the_id_and_deleting_the_workout_unlinks_it(
    repository: PlanRepository,
) -> None:
    (workout,) = repository.write(Batch(workouts=[Workout(None, DAY, Kind.RUN, "Run")])).workouts
    assert workout.id is not None
    (free,) = repository.write(
        Batch(activities=[StoredActivity(None, recorded_run(seconds=60))])
    ).activities
    assert free.id is not None
    prior = PriorState(Status.PLANNED)
    linked = free.replace(workout_id=workout.id, prior=prior, estimated_rpe=4.0)
    (stored,) = repository.write(
        Batch(activities=[linked], expect_activities={free.id: free})
    ).activities
    assert stored == linked
    repository.write(Batch(delete_workouts=[workout.id]))
    assert repository.get_activity(free.id) == linked.replace(workout_id=None)
    repository.write(Batch(delete_activities=[free.id]))
    assert repository.get_activity(free.id) is None
    restored = repository.write(Batch(activities=[free]))
    assert restored.activities == [free]  # an undo inserts it back under its own id


def test_the_memory_repository_snapshot_holds_the_activities() -> None:
    repo = MemoryRepository()
    repo.write(Batch(activities=[StoredActivity(None, recorded_run(seconds=60))]))
    assert len(repo.snapshot().activities) == 1


def test_the_start_up_reader_gives_the_weeks_marks_without_loading(tmp_path: Path) -> None:
    from planner.storage.startup import open_for_startup

    path = tmp_path / "plan.sqlite3"
    with open_database(path) as database:
        stored = database.repository.write(
            Batch(
                workouts=[Workout(None, DAY, Kind.RUN, "Run", status=Status.DONE)],
                activities=[StoredActivity(None, recorded_run(seconds=60), workout_id=-1)],
            )
        )
    startup = open_for_startup(path)
    assert startup is not None
    with startup:
        links = startup.repository.activity_links(DAY - timedelta(days=3), DAY + timedelta(days=3))
        assert not startup.loaded
        assert links == {stored.workouts[0].id: stored.activities[0].id}


def test_in_a_plan_file_undo_and_redo_find_what_the_import_wrote(tmp_path: Path) -> None:
    with open_database(tmp_path / "plan.sqlite3") as database:
        service = PlanService(database.repository, today=lambda: DAY + timedelta(days=30))
        service.add(Workout(None, DAY, Kind.RUN, "Easy run", 0, 60.0, 10.0, 4.0))
        before = service.day(DAY)
        change = service.import_activities([recorded_run()]).change
        (activity_id,) = change.activities_after
        unlinked = service.unlink(activity_id)
        assert service.day(DAY) == before
        service.apply_change(unlinked.inverse())
        service.apply_change(change.inverse())
        assert service.day(DAY) == before and service.activities.get(activity_id) is None
        service.apply_change(change)
        assert service.activities.get(activity_id) == change.activities_after[activity_id]
