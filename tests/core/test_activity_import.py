"""Importing, linking and unlinking recorded activities through the service: one undo step each.

Runs on the memory repository, and on a real plan file where exactness matters (the track
comes back from the file on its grid, and undo must still find what it wrote).
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.model import ChangeSet, Kind, Status, Workout
from planner.core.service import PlanService
from tests.fakes import MemoryRepository, Snapshot
from tests.helpers.activities import later, recorded_run

DAY = date(2026, 11, 17)


def planned(
    day: date = DAY, minutes: float = 60.0, kind: Kind = Kind.RUN, **more: object
) -> Workout:
    return Workout(None, day, kind, "Easy run", 0, minutes, 10.0, 4.0).replace(**more)


def plan_with(*workouts: Workout) -> tuple[PlanService, MemoryRepository]:
    repo = MemoryRepository(workouts)
    return PlanService(repo, today=lambda: DAY + timedelta(days=30)), repo


def undo(service: PlanService, change: ChangeSet) -> None:
    service.apply_change(change.inverse())


def test_an_import_marks_the_planned_run_done_and_makes_a_new_ride() -> None:
    service, repo = plan_with(
        planned(minutes=55), planned(kind=Kind.STRENGTH, title="Gym", position=1)
    )
    run = recorded_run(seconds=3600, seed=2)
    ride = recorded_run(DAY, seconds=1800, hour=17, kind=Kind.CROSS, sport="cycling")
    result = service.import_activities([ride, run])
    assert result.imported == 2 and len(result.linked) == 1 and len(result.new) == 1
    week = {w.title: w for w in service.day(DAY)}
    done = week["Easy run"]
    assert done.status is Status.DONE
    assert done.actual_duration_min == round((3600 - 30) / 60, 1)
    assert done.actual_distance_km == round(run.distance_km or 0, 2)
    assert done.actual_rpe == 4.0
    (made,) = [w for w in week.values() if w.kind is Kind.CROSS]
    assert made.status is Status.DONE and made.title == "Evening ride"
    assert made.position == 2
    links = service.activities.links(DAY, DAY)
    assert set(links) == {done.id, made.id}
    assert result.change.touches_activities and len(result.change.activities_after) == 2
    assert repo.writes == 1


def test_undo_of_an_import_leaves_the_plan_exactly_as_before_and_redo_brings_it_back() -> None:
    service, repo = plan_with(planned())
    before = repo.snapshot()
    change = service.import_activities([recorded_run(), recorded_run(DAY + timedelta(1))]).change
    after = repo.snapshot()
    undo(service, change)
    assert repo.snapshot() == before
    service.apply_change(change)
    assert repo.snapshot() == after


def test_the_same_session_again_or_from_another_file_is_a_duplicate() -> None:
    service, repo = plan_with(planned())
    run = recorded_run(seconds=1200)
    service.import_activities([run])
    writes, snapshot = repo.writes, repo.snapshot()
    from_gpx = later(run, 0.5)  # 30 s later, the same duration: Strava's GPX of the run
    again = service.import_activities([run, from_gpx])
    assert again.imported == 0 and len(again.duplicates) == 2
    assert again.change.is_empty and repo.writes == writes and repo.snapshot() == snapshot
    other = service.import_activities([later(run, 90)])  # 1.5 h later: another session
    assert other.imported == 1


def test_a_dry_run_reports_and_writes_nothing() -> None:
    service, repo = plan_with(planned())
    result = service.import_activities([recorded_run()], dry_run=True)
    assert len(result.linked) == 1 and result.change.is_empty and repo.writes == 0


def test_unlink_gives_the_workout_back_exactly_and_link_moves_an_activity() -> None:
    original = planned(notes="hills")
    service, repo = plan_with(original, planned(DAY + timedelta(days=2), minutes=30))
    start = repo.snapshot()
    service.import_activities([recorded_run(seconds=1900)])
    (activity_id,) = service.activities.links(DAY, DAY).values()
    linked = repo.snapshot()
    candidates = service.activities.workout_candidates(activity_id)
    assert [w.day for w in candidates] == [DAY, DAY + timedelta(days=2)]
    change = service.unlink(activity_id)
    assert repo.snapshot().workouts == start.workouts
    assert service.activities.get(activity_id) is not None
    undo(service, change)
    assert repo.snapshot() == linked
    other = candidates[1]
    assert other.id is not None
    moved = service.link(activity_id, other.id)
    assert service.activities.links(DAY, DAY + timedelta(days=2)) == {other.id: activity_id}
    assert repo.snapshot().workouts[0] == start.workouts[0]  # the first is planned again
    undo(service, moved)
    assert repo.snapshot() == linked


def test_unlinking_a_workout_the_import_made_removes_it() -> None:
    service, _repo = plan_with()
    service.import_activities([recorded_run(kind=Kind.CROSS, sport="rowing")])
    (activity_id,) = service.activities.links(DAY, DAY).values()
    service.unlink(activity_id)
    assert service.day(DAY) == []
    workout_id = service.add(planned(kind=Kind.CROSS, title="Row")).after
    (wid,) = workout_id
    assert [s.id for s in service.activities.activity_candidates(wid)] == [activity_id]


days = st.integers(0, 4).map(lambda n: DAY + timedelta(days=n))
kinds = st.sampled_from([Kind.RUN, Kind.CROSS, Kind.STRENGTH])


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    plan=st.lists(st.tuples(days, kinds, st.floats(20, 120)), max_size=6),
    recorded=st.lists(st.tuples(days, kinds, st.integers(0, 23)), max_size=6),
)
def test_an_import_and_its_undo_restore_exactly_and_one_workout_has_one_activity(
    plan: list[tuple[date, Kind, float]], recorded: list[tuple[date, Kind, int]]
) -> None:
    service, repo = plan_with(*(planned(day, minutes, kind) for day, kind, minutes in plan))
    before: Snapshot = repo.snapshot()
    activities = [
        recorded_run(day, seconds=300, hour=hour, kind=kind, seed=i)
        for i, (day, kind, hour) in enumerate(recorded)
    ]
    result = service.import_activities(activities)
    links = [a.workout_id for a in repo.snapshot().activities]
    assert None not in links and len(links) == len(set(links)) == result.imported
    for activity, workout in result.linked:
        assert (workout.day, workout.kind) == (activity.local_day, activity.kind)
        stored = service.workout(workout.id or 0)
        assert stored is not None and stored.status is Status.DONE
        assert stored.actual_rpe == workout.rpe
    undo(service, result.change)
    assert repo.snapshot() == before


def test_deleting_a_linked_workout_unlinks_its_activity_and_undo_links_it_again() -> None:
    service, repo = plan_with(planned())
    service.import_activities([recorded_run(seconds=600)])
    linked = repo.snapshot()
    ((workout_id, activity_id),) = service.activities.links(DAY, DAY).items()
    change = service.delete([workout_id])
    assert change.touches_activities
    stored = service.activities.get(activity_id)
    assert stored is not None and stored.workout_id is None
    undo(service, change)
    assert repo.snapshot() == linked
