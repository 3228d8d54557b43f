"""SqlPlanRepository: what goes in comes out, writes are all-or-nothing, reads are fast."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.model import MAX_TITLE_LEN, Kind, Status, Template, WeightEntry, Workout
from planner.core.ports import Batch, StaleDataError, StorageError
from planner.core.service import PlanService
from planner.storage.db import Database, open_database
from planner.storage.repository import SqlPlanRepository
from tests.fakes import write_workouts
from tests.storage.conftest import sample_workout

MONDAY = date(2026, 3, 2)


def all_workouts(repo: SqlPlanRepository) -> list[Workout]:
    return repo.workouts_between(date.min, date.max)


# ------------------------------------------------------------------------------ round trips
def test_every_workout_field_round_trips(repo: SqlPlanRepository) -> None:
    original = sample_workout()
    (stored,) = write_workouts(repo, [original])

    assert stored.id is not None
    assert stored == original.replace(id=stored.id)
    assert repo.get_workout(stored.id) == stored
    assert repo.workouts_between(original.day, original.day) == [stored]
    fetched = repo.get_workout(stored.id)
    assert fetched is not None
    assert type(fetched.kind) is Kind
    assert type(fetched.status) is Status
    assert type(fetched.heavy_legs) is bool
    assert type(fetched.day) is date


def test_defaults_and_nones_round_trip(repo: SqlPlanRepository) -> None:
    bare = Workout(id=None, day=MONDAY, kind=Kind.REST, title="Rest day")
    (stored,) = write_workouts(repo, [bare])
    assert repo.get_workout(stored.id or 0) == bare.replace(id=stored.id)


def test_round_trip_survives_reopening(db_path: Path) -> None:
    with open_database(db_path) as db:
        (stored,) = write_workouts(db.repository, [sample_workout()])
    with open_database(db_path) as db:
        assert all_workouts(db.repository) == [stored]


floats = st.none() | st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
workouts = st.builds(
    Workout,
    id=st.none(),
    day=st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31)),
    kind=st.sampled_from(Kind),
    title=st.text(min_size=1, max_size=MAX_TITLE_LEN),
    position=st.integers(min_value=0, max_value=50),
    duration_min=floats,
    distance_km=floats,
    rpe=floats,
    notes=st.text(max_size=300),
    status=st.sampled_from(Status),
    actual_duration_min=floats,
    actual_distance_km=floats,
    actual_rpe=floats,
    heavy_legs=st.booleans(),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(workout=workouts)
def test_any_workout_round_trips_exactly(repo: SqlPlanRepository, workout: Workout) -> None:
    (stored,) = write_workouts(repo, [workout])
    assert repo.get_workout(stored.id or 0) == workout.replace(id=stored.id)


# ------------------------------------------------------------------------------ write()
def test_ids_are_never_reused(repo: SqlPlanRepository) -> None:
    (first,) = write_workouts(repo, [sample_workout()])
    assert first.id is not None
    write_workouts(repo, [], [first.id])
    (second,) = write_workouts(repo, [sample_workout()])
    assert second.id is not None
    assert second.id > first.id


def test_a_failing_batch_writes_nothing(repo: SqlPlanRepository) -> None:
    (kept,) = write_workouts(repo, [sample_workout(title="Kept")])
    assert kept.id is not None
    before = all_workouts(repo)

    with pytest.raises(StorageError) as caught:
        write_workouts(
            repo,
            [
                sample_workout(title="New, valid"),
                kept.replace(title="Edited, valid"),
                sample_workout(title="Impossible position", position=-1),  # CHECK fails
            ],
            [kept.id],
        )

    assert caught.value.hint
    assert all_workouts(repo) == before


# ------------------------------------------------------------------------------ queries
def test_week_query_uses_the_day_index(database: Database) -> None:
    with database.engine.connect() as connection:
        plan = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT * FROM workouts WHERE day BETWEEN ? AND ? "
            "ORDER BY day, position, id",
            ("2026-03-02", "2026-03-08"),
        ).all()
    text = " ".join(str(row[-1]) for row in plan)
    assert "ix_workouts_day_position" in text
    assert "SCAN workouts" not in text.replace("USING INDEX", "")


def ten_years(start: date = date(2016, 1, 4)) -> list[Workout]:
    """About 5200 workouts over ten years: one or two every day."""
    rows: list[Workout] = []
    for i in range(3652):
        day = start + timedelta(days=i)
        count = (1, 2, 1, 2, 1, 2, 1)[i % 7]
        rows += [
            sample_workout(day=day, title=f"Session {i}.{p}", position=p) for p in range(count)
        ]
    return rows


def test_a_week_reads_exactly_its_workouts_on_ten_years(repo: SqlPlanRepository) -> None:
    # How fast this is, is measured by tests/perf/bench.py, not asserted here.
    history = ten_years()
    assert repo.bulk_insert_workouts(history) == len(history) > 5000
    monday = date(2021, 6, 7)
    for week in range(100):
        start = monday + timedelta(weeks=week)
        result = repo.workouts_between(start, start + timedelta(days=6))
        assert len(result) == 10
        assert {w.day for w in result} == {start + timedelta(days=i) for i in range(7)}


def test_bulk_inserts_are_complete(repo: SqlPlanRepository) -> None:
    history = ten_years()
    weights = [
        WeightEntry(date(2016, 1, 4) + timedelta(days=i), 70 + i % 5 / 10) for i in range(1000)
    ]
    repo.bulk_insert_workouts(history)
    repo.bulk_insert_weights(weights)
    assert repo.count_workouts() == len(history)
    assert repo.weights_between(date.min, date.max) == weights


def test_bulk_insert_keeps_given_ids(repo: SqlPlanRepository) -> None:
    repo.bulk_insert_workouts([sample_workout(id=40), sample_workout(id=None, title="Fresh")])
    ids = sorted(w.id or 0 for w in all_workouts(repo))
    assert ids[0] == 40
    assert ids[1] > 40


# ------------------------------------------------------------------------------ templates
def test_duplicate_template_name_is_refused_with_a_clear_message(repo: SqlPlanRepository) -> None:
    before = repo.templates()
    with pytest.raises(StorageError, match="already a library entry called “Easy run”"):
        repo.write(Batch(templates=[Template(None, "Easy run", Kind.RUN, 30.0)])).templates[0]
    assert repo.templates() == before


def test_own_templates_can_be_deleted_builtins_cannot(repo: SqlPlanRepository) -> None:
    mine = repo.write(Batch(templates=[Template(None, "Fartlek", Kind.RUN, 40.0)])).templates[0]
    repo.write(Batch(delete_templates=[mine.id or 0]))
    assert "Fartlek" not in [t.name for t in repo.templates()]

    easy = next(t for t in repo.templates() if t.name == "Easy run")
    with pytest.raises(StorageError, match="cannot be deleted"):
        repo.write(Batch(delete_templates=[easy.id or 0]))
    assert easy in repo.templates()


# ------------------------------------------------------------------------------ two writers
def test_undo_of_a_setting_another_service_changed_since_is_refused(db_path: Path) -> None:
    """Two services on one file: A's undo must not silently drop B's later setting."""
    open_database(db_path).close()
    with open_database(db_path) as first, open_database(db_path) as second:
        a, b = PlanService(first.repository), PlanService(second.repository)
        sunday = a.set_setting("first-weekday", "sunday")
        b.set_setting("first-weekday", "saturday")

        with pytest.raises(StaleDataError):
            a.apply_change(sunday.inverse())

        assert a.first_weekday() == b.first_weekday() == 5  # Saturday, B's, still there
