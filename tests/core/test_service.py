"""PlanService: every edit a runner makes, its positions, its undo, its refusals."""

from __future__ import annotations

import inspect
import math
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.library import builtin_template
from planner.core.model import (
    ChangeSet,
    Kind,
    Status,
    Template,
    ValidationError,
    WeightEntry,
    Workout,
)
from planner.core.ports import PlanRepository, StaleDataError, StorageError
from planner.core.service import PlanService, WeighInExistsError, as_plan
from planner.core.settings import SettingError, Settings, Units, WeightUnits
from planner.core.weeks import Week
from tests.fakes import MemoryRepository, write_workouts

MON = date(2026, 11, 16)
TUE, WED, THU, FRI, SAT, SUN = (MON + timedelta(days=i) for i in range(1, 7))
WEEK = Week(MON)
NEXT = WEEK.next


def workout(day: date, title: str, kind: Kind = Kind.RUN, **values: object) -> Workout:
    """A planned workout; runs default to 8 km in 48 min at RPE 3."""
    defaults: dict[str, object] = (
        {"distance_km": 8.0, "duration_min": 48.0, "rpe": 3.0} if kind is Kind.RUN else {}
    )
    defaults.update(values)
    return Workout(id=None, day=day, kind=kind, title=title).replace(**defaults)


@pytest.fixture
def repo() -> MemoryRepository:
    return MemoryRepository()


@pytest.fixture
def service(repo: MemoryRepository) -> PlanService:
    return PlanService(repo)


def add_all(service: PlanService, *workouts: Workout) -> list[int]:
    """Add workouts one after another (each at the end of its day); their ids."""
    ids = []
    for w in workouts:
        change = service.add(w)
        (new_id,) = [i for i, before in change.before.items() if before is None]
        ids.append(new_id)
    return ids


def titles(service: PlanService, day: date) -> list[str]:
    """The titles of a day's blocks in order, after checking positions are 0..n-1."""
    blocks = service.day(day)
    assert [w.position for w in blocks] == list(range(len(blocks))), blocks
    return [w.title for w in blocks]


def assert_positions_contiguous(repo: MemoryRepository) -> None:
    by_day: dict[date, list[int]] = {}
    for w in repo.all_workouts():
        by_day.setdefault(w.day, []).append(w.position)
    for day, positions in by_day.items():
        assert sorted(positions) == list(range(len(positions))), (day, positions)


def test_memory_repository_has_every_method_of_the_port_with_its_parameters() -> None:
    # The service tests run on this fake: it must not drift from what storage implements.
    port = {n for n, v in vars(PlanRepository).items() if callable(v) and not n.startswith("_")}
    assert port
    for name in sorted(port):
        fake = getattr(MemoryRepository, name, None)
        assert fake is not None, f"MemoryRepository has no {name}"
        expected = list(inspect.signature(getattr(PlanRepository, name)).parameters)
        assert list(inspect.signature(fake).parameters) == expected, name


def test_memory_repository_write_inserts_updates_and_restores_ids() -> None:
    repo = MemoryRepository()
    first, second = write_workouts(repo, [workout(MON, "A"), workout(MON, "B", position=1)])
    assert (first.id, second.id) == (1, 2)
    (restored,) = write_workouts(repo, [workout(TUE, "Restored", id=10)])
    assert restored.id == 10
    assert repo.get_workout(10) == restored
    (fresh,) = write_workouts(repo, [workout(TUE, "C", position=1)])
    assert fresh.id == 11  # never collides with an id brought back by undo
    (updated,) = write_workouts(repo, [first.replace(title="A2")], deletes=[2, 999])
    assert updated.title == "A2"
    assert [w.title for w in repo.workouts_between(MON, TUE)] == ["A2", "Restored", "C"]
    assert repo.count_workouts() == 3
    assert repo.first_workout_day() == MON
    write_workouts(repo, [], deletes=[1, 10, 11])
    assert repo.first_workout_day() is None
    write_workouts(repo, [workout(MON, "D")])
    assert repo.all_workouts()[0].id == 12  # deleted ids are not reused


# -- add -----------------------------------------------------------------------------------


def test_add_to_an_empty_day(service: PlanService) -> None:
    change = service.add(workout(TUE, "Easy run", id=99, position=5))
    (new_id,) = change.after
    stored = service.workout(new_id)
    assert stored is not None
    assert new_id != 99  # add always creates a new workout
    assert stored.position == 0
    assert stored.title == "Easy run"
    assert change.before == {new_id: None}
    assert change.after == {new_id: stored}
    assert change.days == frozenset({TUE})
    assert not change.is_empty


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, ["New", "A", "B", "C"]),
        (1, ["A", "New", "B", "C"]),
        (3, ["A", "B", "C", "New"]),
        (None, ["A", "B", "C", "New"]),
        (10, ["A", "B", "C", "New"]),
        (-3, ["New", "A", "B", "C"]),
    ],
)
def test_add_at_index(service: PlanService, index: int | None, expected: list[str]) -> None:
    add_all(service, workout(WED, "A"), workout(WED, "B"), workout(WED, "C"))
    service.add(workout(WED, "New"), index)
    assert titles(service, WED) == expected


def test_add_records_only_the_blocks_it_renumbered(service: PlanService) -> None:
    _a, b, c = add_all(service, workout(WED, "A"), workout(WED, "B"), workout(WED, "C"))
    change = service.add(workout(WED, "New"), 1)
    (new_id,) = (i for i, w in change.before.items() if w is None)
    assert set(change.after) == {new_id, b, c}
    assert change.before[b] is not None
    assert change.before[b].position == 1  # type: ignore[union-attr]
    assert change.after[b].position == 2  # type: ignore[union-attr]


def test_add_from_template_plans_the_library_values(service: PlanService) -> None:
    change = service.add_from_template(builtin_template("Easy run"), SAT)
    (stored,) = change.after.values()
    assert stored is not None
    assert (stored.day, stored.kind, stored.title) == (SAT, Kind.RUN, "Easy run")
    assert stored.status is Status.PLANNED
    assert 30 <= (stored.duration_min or 0) <= 40


# -- move ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("which", "index", "expected"),
    [
        ("A", 2, ["B", "C", "A"]),
        ("A", None, ["B", "C", "A"]),
        ("A", 1, ["B", "A", "C"]),
        ("C", 0, ["C", "A", "B"]),
        ("B", 0, ["B", "A", "C"]),
        ("B", 1, ["A", "B", "C"]),
    ],
)
def test_move_within_a_day(
    service: PlanService, which: str, index: int | None, expected: list[str]
) -> None:
    ids = dict(zip("ABC", add_all(service, *(workout(THU, t) for t in "ABC")), strict=True))
    change = service.move(ids[which], THU, index)
    assert titles(service, THU) == expected
    assert change.days == frozenset({THU})


def test_move_across_days_closes_the_gap_and_opens_one(service: PlanService) -> None:
    _a, b, c = add_all(service, workout(MON, "A"), workout(MON, "B"), workout(MON, "C"))
    _d, e = add_all(service, workout(TUE, "D"), workout(TUE, "E"))
    service.set_status(b, Status.DONE, actual_distance_km=7.5)
    change = service.move(b, TUE, 1)
    assert titles(service, MON) == ["A", "C"]
    assert titles(service, TUE) == ["D", "B", "E"]
    moved = service.workout(b)
    assert moved is not None
    assert moved.day == TUE
    assert moved.status is Status.DONE  # moving keeps what was done
    assert moved.actual_distance_km == 7.5
    assert change.days == frozenset({MON, TUE})
    assert set(change.after) == {b, c, e}  # A and D did not move


def test_move_to_the_end_of_another_day(service: PlanService) -> None:
    (a,) = add_all(service, workout(MON, "A"))
    add_all(service, workout(SUN, "Long run"))
    service.move(a, SUN)
    assert titles(service, MON) == []
    assert titles(service, SUN) == ["Long run", "A"]


def test_move_unknown_workout_raises_key_error(service: PlanService) -> None:
    with pytest.raises(KeyError):
        service.move(12345, MON)


# -- copy and duplicate --------------------------------------------------------------------


def test_copy_is_a_new_planned_workout_without_actuals(service: PlanService) -> None:
    (a,) = add_all(service, workout(MON, "Tempo run", rpe=7.0, notes="20 min hard"))
    service.set_status(a, Status.DONE, actual_rpe=8.0, actual_distance_km=8.4, heavy_legs=True)
    original = service.workout(a)
    change = service.copy(a, SAT, 0)
    (copy_id,) = change.after
    copy = service.workout(copy_id)
    assert copy is not None
    assert copy_id != a
    assert copy.day == SAT
    assert copy.status is Status.PLANNED
    assert (copy.actual_duration_min, copy.actual_distance_km, copy.actual_rpe) == (None,) * 3
    assert not copy.heavy_legs
    assert (copy.title, copy.distance_km, copy.rpe, copy.notes) == (
        "Tempo run",
        8.0,
        7.0,
        "20 min hard",
    )
    assert service.workout(a) == original


def test_copy_into_a_day_at_index(service: PlanService) -> None:
    (a,) = add_all(service, workout(MON, "A"))
    add_all(service, workout(FRI, "X"), workout(FRI, "Y"))
    service.copy(a, FRI, 1)
    assert titles(service, FRI) == ["X", "A", "Y"]
    assert titles(service, MON) == ["A"]


def test_duplicate_goes_right_after_itself(service: PlanService) -> None:
    a, b, c = add_all(service, workout(WED, "A"), workout(WED, "B"), workout(WED, "C"))
    service.duplicate(b)
    assert titles(service, WED) == ["A", "B", "B", "C"]
    blocks = service.day(WED)
    assert blocks[1].id == b
    assert blocks[2].id not in (a, b, c)


# -- edit ----------------------------------------------------------------------------------


def test_edit_values_on_the_same_day(service: PlanService) -> None:
    _a, b = add_all(service, workout(TUE, "A"), workout(TUE, "B"))
    current = service.workout(b)
    assert current is not None
    change = service.edit(current.replace(title="Hill repeats", distance_km=9.5, rpe=7.0))
    stored = service.workout(b)
    assert stored is not None
    assert (stored.title, stored.distance_km, stored.rpe, stored.position) == (
        "Hill repeats",
        9.5,
        7.0,
        1,
    )
    assert change.before == {b: current}
    assert change.days == frozenset({TUE})


def test_edit_that_changes_the_day_moves_it(service: PlanService) -> None:
    a, _b, _c = add_all(service, workout(TUE, "A"), workout(TUE, "B"), workout(TUE, "C"))
    (_d,) = add_all(service, workout(THU, "D"))
    current = service.workout(a)
    assert current is not None
    change = service.edit(current.replace(day=THU, title="A moved"))
    assert titles(service, TUE) == ["B", "C"]
    assert titles(service, THU) == ["A moved", "D"]  # it kept its position 0
    assert change.days == frozenset({TUE, THU})


def test_edit_that_changes_the_day_to_a_far_position_goes_last(service: PlanService) -> None:
    _a, _b, c = add_all(service, workout(TUE, "A"), workout(TUE, "B"), workout(TUE, "C"))
    current = service.workout(c)
    assert current is not None
    service.edit(current.replace(day=SAT))
    assert titles(service, SAT) == ["C"]
    assert titles(service, TUE) == ["A", "B"]


def test_edit_that_changes_the_position_reorders_the_day(service: PlanService) -> None:
    _a, _b, c = add_all(service, workout(TUE, "A"), workout(TUE, "B"), workout(TUE, "C"))
    current = service.workout(c)
    assert current is not None
    change = service.edit(current.replace(position=0))
    assert titles(service, TUE) == ["C", "A", "B"]
    service.apply_change(change.inverse())
    assert titles(service, TUE) == ["A", "B", "C"]


def test_edit_needs_a_stored_workout(service: PlanService) -> None:
    with pytest.raises(ValueError, match="add"):
        service.edit(workout(TUE, "A"))
    with pytest.raises(KeyError):
        service.edit(workout(TUE, "A", id=777))


# -- status ----------------------------------------------------------------------------------


def test_done_without_actuals_takes_the_plan_as_done(service: PlanService) -> None:
    (a,) = add_all(service, workout(SUN, "Long run", distance_km=16.0, duration_min=100.0, rpe=5))
    service.set_status(a, Status.DONE)
    done = service.workout(a)
    assert done is not None
    assert done.status is Status.DONE
    assert (done.actual_distance_km, done.actual_duration_min, done.actual_rpe) == (16.0, 100.0, 5)
    assert not done.heavy_legs


def test_done_with_actuals_keeps_them_and_fills_the_rest(service: PlanService) -> None:
    (a,) = add_all(service, workout(SUN, "Long run", distance_km=16.0, duration_min=100.0, rpe=5))
    service.set_status(a, Status.DONE, actual_distance_km=14.2, actual_rpe=7.0, heavy_legs=True)
    done = service.workout(a)
    assert done is not None
    assert (done.actual_distance_km, done.actual_duration_min, done.actual_rpe) == (14.2, 100.0, 7)
    assert done.heavy_legs
    assert done.effective_distance_km == 14.2
    assert (done.distance_km, done.duration_min, done.rpe) == (16.0, 100.0, 5)  # plan kept


def test_done_for_a_block_without_plan_values(service: PlanService) -> None:
    (a,) = add_all(service, workout(MON, "Rest day", Kind.REST))
    service.set_status(a, Status.DONE)
    done = service.workout(a)
    assert done is not None
    assert done.status is Status.DONE
    assert (done.actual_distance_km, done.actual_duration_min, done.actual_rpe) == (None,) * 3


def test_skipped_carries_no_load_and_keeps_the_plan(service: PlanService) -> None:
    (a,) = add_all(service, workout(THU, "Tempo run", rpe=7.0))
    service.set_status(a, Status.SKIPPED)
    skipped = service.workout(a)
    assert skipped is not None
    assert skipped.status is Status.SKIPPED
    assert not skipped.is_training_session
    assert (skipped.effective_distance_km, skipped.effective_rpe) == (8.0, 7.0)
    service.set_status(a, Status.PLANNED)
    again = service.workout(a)
    assert again is not None
    assert again.status is Status.PLANNED
    assert again.is_training_session


def test_invalid_actuals_are_refused(service: PlanService, repo: MemoryRepository) -> None:
    (a,) = add_all(service, workout(THU, "Easy run"))
    before = repo.snapshot()
    writes = repo.writes
    with pytest.raises(ValidationError) as info:
        service.set_status(a, Status.DONE, actual_rpe=12.0)
    assert info.value.field == "actual_rpe"
    with pytest.raises(ValidationError):
        service.set_status(a, Status.DONE, actual_distance_km=-2.0)
    assert repo.snapshot() == before
    assert repo.writes == writes


# -- delete --------------------------------------------------------------------------------


def test_delete_closes_the_gap(service: PlanService) -> None:
    _a, b, _c = add_all(service, workout(WED, "A"), workout(WED, "B"), workout(WED, "C"))
    removed = service.workout(b)
    change = service.delete([b])
    assert service.workout(b) is None
    assert titles(service, WED) == ["A", "C"]
    assert change.before[b] == removed
    assert change.after[b] is None
    assert change.days == frozenset({WED})


def test_delete_several_across_days(service: PlanService) -> None:
    a, _b, c = add_all(service, workout(WED, "A"), workout(WED, "B"), workout(WED, "C"))
    d, _e = add_all(service, workout(SAT, "D"), workout(SAT, "E"))
    change = service.delete([a, c, d, a])
    assert titles(service, WED) == ["B"]
    assert titles(service, SAT) == ["E"]
    assert change.days == frozenset({WED, SAT})
    assert service.repository.count_workouts() == 2


def test_delete_unknown_writes_nothing(service: PlanService, repo: MemoryRepository) -> None:
    (a,) = add_all(service, workout(WED, "A"))
    before = repo.snapshot()
    with pytest.raises(KeyError):
        service.delete([a, 4242])
    assert repo.snapshot() == before


# -- copy_week -----------------------------------------------------------------------------


def test_copy_week_appends_planned_copies_to_the_same_weekdays(service: PlanService) -> None:
    _a, _b = add_all(service, workout(MON, "Rest day", Kind.REST), workout(MON, "Core", Kind.HIIT))
    c, d = add_all(service, workout(WED, "Tempo run", rpe=7.0), workout(SUN, "Long run"))
    service.set_status(c, Status.DONE, actual_rpe=8.0, heavy_legs=True)
    service.set_status(d, Status.SKIPPED)
    add_all(service, workout(NEXT.start, "Already there"))
    source_before = service.week(WEEK)

    change = service.copy_week(WEEK, NEXT)

    next_mon, next_wed, next_sun = NEXT.start, NEXT.start + timedelta(2), NEXT.start + timedelta(6)
    assert titles(service, next_mon) == ["Already there", "Rest day", "Core"]
    assert titles(service, next_wed) == ["Tempo run"]
    assert titles(service, next_sun) == ["Long run"]
    copies = [w for w in service.week(NEXT) if w.title != "Already there"]
    assert len(copies) == 4
    for copy in copies:
        assert copy.status is Status.PLANNED
        assert copy.actual_rpe is None
        assert copy.actual_distance_km is None
        assert copy.actual_duration_min is None
        assert not copy.heavy_legs
    tempo = next(w for w in copies if w.title == "Tempo run")
    assert tempo.rpe == 7.0
    assert service.week(WEEK) == source_before
    assert change.days == frozenset({next_mon, next_wed, next_sun})
    assert all(before is None for before in change.before.values())


def test_copy_week_to_a_later_week(service: PlanService) -> None:
    add_all(service, workout(THU, "Intervals", Kind.HIIT, duration_min=30.0))
    target = WEEK.shifted(5)
    service.copy_week(WEEK, target)
    (copy,) = service.week(target)
    assert copy.day == THU + timedelta(weeks=5)
    assert copy.day.weekday() == 3


def test_copy_empty_week_changes_nothing(service: PlanService) -> None:
    change = service.copy_week(NEXT, WEEK)
    assert change.is_empty


# -- undo ----------------------------------------------------------------------------------


def seeded() -> tuple[MemoryRepository, PlanService, list[int]]:
    repo = MemoryRepository()
    service = PlanService(repo)
    ids = add_all(
        service,
        workout(MON, "Rest day", Kind.REST),
        workout(TUE, "Easy run"),
        workout(TUE, "Squat jumps", Kind.STRENGTH, duration_min=10.0),
        workout(TUE, "Core", Kind.STRENGTH),
        workout(THU, "HIIT intervals", Kind.HIIT, duration_min=30.0, rpe=8.0),
        workout(SUN, "Long run", distance_km=16.0, duration_min=100.0),
    )
    service.set_status(ids[1], Status.DONE, actual_rpe=4.0)
    return repo, service, ids


OPERATIONS = {
    "add": lambda s, ids: s.add(workout(TUE, "New"), 1),
    "add_from_template": lambda s, ids: s.add_from_template(builtin_template("Rest day"), FRI),
    "move_within_day": lambda s, ids: s.move(ids[1], TUE, 2),
    "move_across_days": lambda s, ids: s.move(ids[2], SUN, 0),
    "copy": lambda s, ids: s.copy(ids[1], TUE, 0),
    "duplicate": lambda s, ids: s.duplicate(ids[2]),
    "edit": lambda s, ids: s.edit(s.workout(ids[5]).replace(distance_km=18.0)),
    "edit_day": lambda s, ids: s.edit(s.workout(ids[1]).replace(day=THU, position=0)),
    "edit_position": lambda s, ids: s.edit(s.workout(ids[3]).replace(position=0)),
    "done": lambda s, ids: s.set_status(ids[5], Status.DONE, heavy_legs=True),
    "skipped": lambda s, ids: s.set_status(ids[4], Status.SKIPPED),
    "delete": lambda s, ids: s.delete([ids[2], ids[0]]),
    "copy_week": lambda s, ids: s.copy_week(WEEK, NEXT),
    "copy_week_onto_itself": lambda s, ids: s.copy_week(WEEK, WEEK),
}


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_inverse_restores_the_previous_state_and_redo_repeats(name: str) -> None:
    repo, service, ids = seeded()
    start = repo.snapshot()
    change = OPERATIONS[name](service, ids)
    assert isinstance(change, ChangeSet)
    done = repo.snapshot()
    assert done != start
    assert_positions_contiguous(repo)

    service.apply_change(change.inverse())
    assert repo.snapshot() == start

    service.apply_change(change)
    assert repo.snapshot() == done


def test_undo_of_a_delete_restores_the_same_ids(service: PlanService) -> None:
    a, _b = add_all(service, workout(WED, "A"), workout(WED, "B"))
    change = service.delete([a])
    service.apply_change(change.inverse())
    restored = service.workout(a)
    assert restored is not None
    assert (restored.title, restored.position) == ("A", 0)
    assert titles(service, WED) == ["A", "B"]


def test_apply_change_returns_the_change(service: PlanService) -> None:
    change = service.add(workout(WED, "A"))
    inverse = change.inverse()
    assert service.apply_change(inverse) is inverse
    assert service.repository.count_workouts() == 0


def test_storage_failure_changes_nothing(repo: MemoryRepository, service: PlanService) -> None:
    (a,) = add_all(service, workout(WED, "A"))
    before = repo.snapshot()
    repo.fail_writes = True
    with pytest.raises(StorageError):
        service.add(workout(WED, "B"))
    with pytest.raises(StorageError):
        service.move(a, THU)
    with pytest.raises(StorageError):
        service.delete([a])
    assert repo.snapshot() == before


# -- validation errors write nothing -------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        {"title": "  "},
        {"rpe": 10.5},
        {"distance_km": 0.0},
        {"distance_km": 300.5},
        {"duration_min": 24 * 60 + 1.0},
        {"duration_min": math.nan},
    ],
)
def test_invalid_values_write_nothing(bad: dict[str, object]) -> None:
    repo, service, ids = seeded()
    start = repo.snapshot()
    writes = repo.writes
    with pytest.raises(ValidationError):
        service.add(workout(WED, "New").replace(**bad))
    current = service.workout(ids[1])
    assert current is not None
    with pytest.raises(ValidationError):
        service.edit(current.replace(**bad))
    with pytest.raises(ValidationError):
        service.edit(current.replace(day=SAT, **bad))
    assert repo.snapshot() == start
    assert repo.writes == writes


def test_invalid_templates_write_nothing(repo: MemoryRepository, service: PlanService) -> None:
    start = repo.snapshot()
    with pytest.raises(ValidationError):
        service.save_template(Template(None, " ", Kind.RUN, 30, 5.0, 3))
    with pytest.raises(ValidationError):
        service.save_template(Template(None, "Ultra", Kind.RUN, 30, 400.0, 3))
    with pytest.raises(ValidationError):
        service.save_template(Template(None, "Too hard", Kind.HIIT, 30, None, 11))
    assert repo.snapshot() == start


# -- library and settings ------------------------------------------------------------------


def test_library_starts_with_the_builtins(service: PlanService) -> None:
    library = service.templates()
    assert "Easy run" in [t.name for t in library]
    assert all(t.builtin and t.id is not None for t in library)
    assert len({t.id for t in library}) == len(library)


def created_template(change: ChangeSet) -> Template:
    (template,) = change.templates_after.values()
    assert template is not None
    return template


def test_save_rename_and_delete_own_template_each_undoable(service: PlanService) -> None:
    library = service.templates()
    added = service.save_template(Template(None, "Hill repeats", Kind.RUN, 50, 9.0, 7))
    saved = created_template(added)
    assert added.templates_before == {saved.id: None}
    assert service.templates()[-1] == saved  # the user's own come after the built-ins
    renamed = service.save_template(saved.replace(name="Hills"))
    assert [t.name for t in service.templates()].count("Hills") == 1
    assert "Hill repeats" not in [t.name for t in service.templates()]
    deleted = service.delete_template(saved.id or 0)
    assert deleted.templates_after == {saved.id: None}
    assert all(t.id != saved.id for t in service.templates())
    for change in (deleted, renamed, added):  # undo, newest first
        service.apply_change(change.inverse())
    assert service.templates() == library


@pytest.mark.parametrize("name", ["easy run", "EASY RUN", " Easy  run "])
def test_a_template_name_that_differs_only_in_case_is_refused(
    service: PlanService, repo: MemoryRepository, name: str
) -> None:
    with pytest.raises(ValidationError, match="already has"):
        service.save_template(Template(None, name, Kind.RUN, 30, 5.0, 3))
    assert repo.writes == 0


def test_builtin_templates_cannot_be_deleted_but_can_be_edited(service: PlanService) -> None:
    easy = next(t for t in service.templates() if t.name == "Easy run")
    with pytest.raises(ValidationError, match="Built-in"):
        service.delete_template(easy.id or 0)
    change = service.save_template(easy.replace(duration_min=40.0))
    assert created_template(change).builtin
    assert next(t for t in service.templates() if t.name == "Easy run").duration_min == 40.0


def test_template_from_workout_takes_planned_values(service: PlanService) -> None:
    done = workout(WED, "Tempo", rpe=7.0, notes="Felt great\nwindy").replace(
        status=Status.DONE, actual_rpe=9.0
    )
    saved = created_template(service.template_from_workout(done, "My tempo"))
    assert (saved.name, saved.kind, saved.distance_km, saved.rpe) == ("My tempo", Kind.RUN, 8, 7)
    assert saved.description == "Felt great"
    assert not saved.builtin


# -- weigh-ins -----------------------------------------------------------------------------


def test_weigh_ins_add_replace_only_when_asked_delete_and_undo(service: PlanService) -> None:
    first = service.save_weight(WeightEntry(MON, 70.4))
    assert first.weights_before == {MON: None}
    assert service.weights(MON, SUN) == [WeightEntry(MON, 70.4)]
    with pytest.raises(WeighInExistsError) as raised:
        service.save_weight(WeightEntry(MON, 69.8))
    assert raised.value.existing == WeightEntry(MON, 70.4)
    assert service.weights(MON, SUN) == [WeightEntry(MON, 70.4)]  # nothing replaced
    again = service.save_weight(WeightEntry(MON, 70.4))  # the same value: nothing to do
    assert again.is_empty
    replaced = service.save_weight(WeightEntry(MON, 69.8), replace=True)
    assert replaced.weights_before == {MON: WeightEntry(MON, 70.4)}
    deleted = service.delete_weight(MON)
    assert service.weights(MON, SUN) == []
    service.apply_change(deleted.inverse())
    service.apply_change(replaced.inverse())
    assert service.weights(MON, SUN) == [WeightEntry(MON, 70.4)]
    service.apply_change(first.inverse())
    assert service.weights(MON, SUN) == []


def test_a_weigh_in_already_there_is_told_in_the_runners_units_and_days(
    service: PlanService,
) -> None:
    service.change_settings(service.settings().replace(weight_units=WeightUnits.LB))
    service.save_weight(WeightEntry(MON, 70.4))
    with pytest.raises(WeighInExistsError) as raised:
        service.save_weight(WeightEntry(MON, 69.8))
    assert str(raised.value) == "There is already a weigh-in on Mon 16 Nov 2026: 155.2 lb."


@pytest.mark.parametrize("kg", [19.9, 300.1, 0.0, -70.0, math.nan, math.inf])
def test_impossible_weights_are_refused(
    service: PlanService, repo: MemoryRepository, kg: float
) -> None:
    with pytest.raises(ValidationError) as raised:
        service.save_weight(WeightEntry(MON, kg))
    assert raised.value.field == "kg"
    assert repo.writes == 0


@pytest.mark.parametrize("kg", [20.0, 300.0])
def test_weights_at_the_limits_are_accepted(service: PlanService, kg: float) -> None:
    service.save_weight(WeightEntry(MON, kg))
    assert service.weights(MON, MON) == [WeightEntry(MON, kg)]


def test_a_weight_import_is_one_step_and_all_or_nothing(
    service: PlanService, repo: MemoryRepository
) -> None:
    service.save_weight(WeightEntry(TUE, 71.0))
    entries = [WeightEntry(MON, 70.0), WeightEntry(TUE, 70.5), WeightEntry(WED, 70.2)]
    with pytest.raises(WeighInExistsError):
        service.import_weights(entries)
    writes = repo.writes
    with pytest.raises(ValidationError):
        service.import_weights([*entries, WeightEntry(THU, 900.0)], replace=True)
    assert repo.writes == writes
    change = service.import_weights(entries, replace=True)
    assert service.weights(MON, SUN) == entries
    service.apply_change(change.inverse())
    assert service.weights(MON, SUN) == [WeightEntry(TUE, 71.0)]


# -- settings ------------------------------------------------------------------------------


def test_settings_change_is_one_undoable_step(service: PlanService) -> None:
    assert service.settings() == Settings()
    change = service.change_settings(Settings(units=Units.MI, first_weekday=6))
    assert service.settings().units is Units.MI
    assert service.first_weekday() == 6
    assert change.touches_settings
    service.apply_change(change.inverse())
    assert service.settings() == Settings()
    service.apply_change(change)
    assert service.settings() == Settings(units=Units.MI, first_weekday=6)


def test_set_setting_by_public_name(service: PlanService) -> None:
    service.set_setting("units", "mi")
    service.set_setting("first-weekday", "sunday")
    service.set_setting("rule.REST_WEEK", "off")
    service.set_setting("rest-days-per-week", "1")
    settings_now = service.settings()
    assert settings_now.units is Units.MI
    assert settings_now.first_weekday == 6
    assert not settings_now.rules.enabled("REST_WEEK")
    assert settings_now.rules.rest_days_per_week == 1
    with pytest.raises(SettingError):
        service.set_setting("rest-days-per-week", "3")
    with pytest.raises(SettingError):
        service.set_setting("colour", "blue")


def test_damaged_stored_settings_fall_back_to_defaults(caplog: pytest.LogCaptureFixture) -> None:
    repo = MemoryRepository(settings={"units": "furlongs", "first-weekday": "friday"})
    with caplog.at_level("WARNING"):
        loaded = PlanService(repo).settings()
    assert loaded.units is Units.KM
    assert loaded.first_weekday == 4
    assert "units" in caplog.text


# -- stale copies --------------------------------------------------------------------------


def test_an_edit_from_a_stale_copy_is_refused_and_writes_nothing(
    service: PlanService, repo: MemoryRepository
) -> None:
    (a,) = add_all(service, workout(MON, "Easy run"))
    shown = service.workout(a)
    assert shown is not None
    service.edit(shown.replace(distance_km=12.0, notes="changed elsewhere"))  # another window
    before = repo.snapshot()
    with pytest.raises(StaleDataError):
        service.edit(shown.replace(status=Status.DONE), expected=shown)
    assert repo.snapshot() == before


def test_undo_after_the_change_was_overwritten_elsewhere_is_refused(
    service: PlanService, repo: MemoryRepository
) -> None:
    (a,) = add_all(service, workout(MON, "Easy run"))
    moved = service.move(a, WED)
    write_workouts(repo, [repo.get_workout(a).replace(title="Renamed elsewhere")])  # type: ignore[union-attr]
    before = repo.snapshot()
    with pytest.raises(StaleDataError):
        service.apply_change(moved.inverse())
    assert repo.snapshot() == before


def test_undo_of_a_setting_another_service_changed_since_is_refused(
    repo: MemoryRepository,
) -> None:
    a, b = PlanService(repo), PlanService(repo)  # two windows on one plan
    sunday = a.set_setting("first-weekday", "sunday")
    b.set_setting("first-weekday", "saturday")
    before = repo.snapshot()
    with pytest.raises(StaleDataError):
        a.apply_change(sunday.inverse())
    assert repo.snapshot() == before
    assert a.first_weekday() == 5


@pytest.mark.parametrize(
    "stored",
    [{}, {"units": "furlongs", "first-weekday": "friday"}, {"first_weekday": "6"}],
    ids=["defaults", "damaged", "legacy first weekday"],
)
def test_settings_undo_and_redo_pass_their_own_check(stored: dict[str, str]) -> None:
    service = PlanService(MemoryRepository(settings=stored))
    start = service.settings()
    change = service.change_settings(start.replace(units=Units.MI, first_weekday=2))
    for _ in range(2):
        service.apply_change(change.inverse())
        assert service.settings() == start
        service.apply_change(change)
        assert service.settings() == start.replace(units=Units.MI, first_weekday=2)


# -- import --------------------------------------------------------------------------------


def test_import_adds_only_what_is_missing_as_one_change(service: PlanService) -> None:
    add_all(service, workout(MON, "Easy run"))
    incoming = [workout(MON, "Easy run"), workout(MON, "Strides"), workout(TUE, "Long run")]
    change = service.import_workouts(incoming)
    assert sorted(w.title for w in change.after.values() if w) == ["Long run", "Strides"]
    assert [w.title for w in service.day(MON)] == ["Easy run", "Strides"]
    assert service.import_workouts(incoming).is_empty  # the same file again adds nothing
    service.apply_change(change.inverse())
    assert [w.title for w in service.week(WEEK)] == ["Easy run"]


@pytest.mark.parametrize(
    ("stored", "expected"), [(None, 0), ("6", 6), ("0", 0), ("3", 3), ("7", 0), ("-1", 0), ("x", 0)]
)
def test_first_weekday_stored_the_old_way_is_still_read(stored: str | None, expected: int) -> None:
    repo = MemoryRepository(settings={} if stored is None else {"first_weekday": stored})
    assert PlanService(repo).first_weekday() == expected


def test_as_plan_strips_id_status_and_actuals() -> None:
    done = workout(WED, "Tempo", id=4).replace(
        status=Status.DONE, actual_rpe=9.0, actual_distance_km=8.2, heavy_legs=True
    )
    assert as_plan(done) == workout(WED, "Tempo")


# -- properties ----------------------------------------------------------------------------

week_days = st.sampled_from(WEEK.days)
plan_days = st.sampled_from(WEEK.days + NEXT.days[:3])
indexes = st.one_of(st.none(), st.integers(min_value=-1, max_value=5))
kinds = st.sampled_from(list(Kind))


@st.composite
def new_workouts(draw: st.DrawFn, days: st.SearchStrategy[date] = plan_days) -> Workout:
    kind = draw(kinds)
    km = draw(st.one_of(st.none(), st.floats(min_value=1, max_value=42, allow_nan=False)))
    minutes = draw(st.one_of(st.none(), st.floats(min_value=5, max_value=240, allow_nan=False)))
    status = draw(st.sampled_from(list(Status)))
    return Workout(
        id=None,
        day=draw(days),
        kind=kind,
        title=draw(st.sampled_from(["Easy run", "Long run", "Core", "Sprints", "Rest day"])),
        duration_min=minutes,
        distance_km=km,
        rpe=draw(st.one_of(st.none(), st.integers(min_value=0, max_value=10).map(float))),
        status=status,
        actual_distance_km=km * 1.1 if km is not None and status is Status.DONE else None,
    )


def apply_random_operation(data: st.DataObject, service: PlanService) -> ChangeSet:
    ids = [w.id for w in service.workouts(MON, NEXT.end) if w.id is not None]
    names = ["add"] + (
        ["move", "copy", "duplicate", "edit", "edit_day", "status", "delete", "copy_week"]
        if ids
        else []
    )
    name = data.draw(st.sampled_from(names), label="operation")
    if name == "add":
        return service.add(data.draw(new_workouts()), data.draw(indexes))
    if name == "copy_week":
        return service.copy_week(WEEK, NEXT)
    chosen = data.draw(st.sampled_from(ids), label="workout")
    current = service.workout(chosen)
    assert current is not None
    if name == "move":
        return service.move(chosen, data.draw(plan_days), data.draw(indexes))
    if name == "copy":
        return service.copy(chosen, data.draw(plan_days), data.draw(indexes))
    if name == "duplicate":
        return service.duplicate(chosen)
    if name == "edit":
        return service.edit(
            current.replace(
                title=data.draw(st.sampled_from(["Renamed", "Hills"])),
                position=data.draw(st.integers(min_value=0, max_value=5)),
            )
        )
    if name == "edit_day":
        return service.edit(
            current.replace(
                day=data.draw(plan_days), position=data.draw(st.integers(min_value=0, max_value=5))
            )
        )
    if name == "status":
        return service.set_status(chosen, data.draw(st.sampled_from(list(Status))))
    others = data.draw(st.lists(st.sampled_from(ids), max_size=2), label="also deleted")
    return service.delete([chosen, *others])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.integers(min_value=1, max_value=12))
def test_undoing_any_sequence_in_reverse_restores_the_start(
    data: st.DataObject, steps: int
) -> None:
    repo, service, _ = seeded()
    start = repo.snapshot()
    changes = []
    states = [start]
    for _ in range(steps):
        changes.append(apply_random_operation(data, service))
        assert_positions_contiguous(repo)
        states.append(repo.snapshot())
    for change, state in zip(reversed(changes), reversed(states[:-1]), strict=True):
        service.apply_change(change.inverse())
        assert repo.snapshot() == state
    assert repo.snapshot() == start
    for change, state in zip(changes, states[1:], strict=True):
        service.apply_change(change)  # redo
        assert repo.snapshot() == state


def week_totals(workouts: list[Workout]) -> tuple[int, float, float]:
    sessions = [w for w in workouts if w.is_training_session]
    run_km = sum(w.effective_distance_km or 0 for w in sessions if w.kind is Kind.RUN)
    minutes = sum(w.effective_duration_min or 0 for w in sessions)
    return len(workouts), round(run_km, 9), round(minutes, 9)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(new_workouts(week_days), min_size=1, max_size=12),
    st.data(),
)
def test_moving_within_a_week_never_changes_its_totals(
    workouts: list[Workout], data: st.DataObject
) -> None:
    repo = MemoryRepository()
    service = PlanService(repo)
    for w in workouts:
        service.add(w)
    totals = week_totals(service.week(WEEK))
    moved = data.draw(st.sampled_from(service.week(WEEK)))
    assert moved.id is not None
    service.move(moved.id, data.draw(week_days), data.draw(indexes))
    assert week_totals(service.week(WEEK)) == totals
    assert_positions_contiguous(repo)


# -- weigh-ins against the service's clock -------------------------------------------------------
def test_a_weigh_in_after_today_is_refused(repo: MemoryRepository) -> None:
    service = PlanService(repo, today=lambda: date(2026, 11, 18))
    with pytest.raises(ValidationError) as raised:
        service.save_weight(WeightEntry(date(2099, 1, 1), 70.0))
    assert raised.value.field == "day"
    assert str(raised.value) == (
        "A weigh-in cannot be in the future (Thu 1 Jan 2099); today is Wed 18 Nov 2026."
    )
    with pytest.raises(ValidationError, match=r"\(Thu 19 Nov 2026\); today is Wed 18 Nov 2026"):
        service.save_weight(WeightEntry(date(2026, 11, 19), 70.0), replace=True)
    assert service.weights(date(2026, 1, 1), date(2099, 12, 31)) == []


def test_an_import_with_one_weigh_in_after_today_writes_nothing(repo: MemoryRepository) -> None:
    service = PlanService(repo, today=lambda: WED)
    with pytest.raises(ValidationError, match="cannot be in the future"):
        service.import_weights([WeightEntry(MON, 70.0), WeightEntry(THU, 70.2)], replace=True)
    assert service.weights(MON, SUN) == []
    service.save_weight(WeightEntry(WED, 70.1))  # today itself is fine
    assert service.weights(MON, SUN) == [WeightEntry(WED, 70.1)]


def test_the_service_asks_its_clock_each_time(repo: MemoryRepository) -> None:
    days = iter([MON, TUE])
    service = PlanService(repo, today=lambda: next(days))
    with pytest.raises(ValidationError):
        service.save_weight(WeightEntry(TUE, 70.0))
    service.save_weight(WeightEntry(TUE, 70.0))
    assert service.weight(TUE) == WeightEntry(TUE, 70.0)
