"""core/edits.py: edit planning without a repository, and the same result the service stores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core import drops, edits
from planner.core.model import Kind, Status, Template, ValidationError, Workout
from planner.core.service import PlanService
from planner.core.weeks import Week
from tests.fakes import MemoryRepository

MON = date(2026, 11, 16)
TUE, WED, THU, FRI, SAT, SUN = (MON + timedelta(days=i) for i in range(1, 7))
WEEK = Week(MON)


def run(day: date, title: str, position: int, wid: int, **values: object) -> Workout:
    return Workout(wid, day, Kind.RUN, title, position, 40.0, 7.0, 4.0).replace(**values)


WINDOW = [
    run(MON, "A", 0, 1),
    run(MON, "B", 1, 2),
    run(MON, "C", 2, 3),
    run(WED, "D", 0, 4),
]


def lookup_in(workouts: Sequence[Workout]) -> edits.DayLookup:
    return lambda day: [w for w in workouts if w.day == day]


def titles(workouts: Sequence[Workout], day: date) -> list[str]:
    return [w.title for w in sorted(workouts, key=lambda w: w.position) if w.day == day]


def test_move_plans_both_days_without_any_repository() -> None:
    edit = edits.plan_move(lookup_in(WINDOW), WINDOW[0], WED, 0)
    after = edits.apply_edit(edit, WINDOW)
    assert titles(after, MON) == ["B", "C"]
    assert titles(after, WED) == ["A", "D"]
    assert [w.position for w in after if w.day == MON] == [0, 1]  # the gap is closed
    assert edit.days == {MON, WED}
    assert edit.before[1] == WINDOW[0]  # what it was planned from
    assert edit.upserts[0].title == "A"  # the moved workout comes first


def test_reorder_within_a_day_touches_only_that_day() -> None:
    edit = edits.plan_move(lookup_in(WINDOW), WINDOW[2], MON, 0)
    after = edits.apply_edit(edit, WINDOW)
    assert titles(after, MON) == ["C", "A", "B"]
    assert edit.days == {MON}
    assert {w.id for w in edit.upserts} == {1, 2, 3}


def test_add_gets_a_temporary_negative_id_in_memory() -> None:
    edit = edits.plan_add(lookup_in(WINDOW), run(MON, "New", 0, 0), 1)
    after = edits.apply_edit(edit, WINDOW)
    assert titles(after, MON) == ["A", "New", "B", "C"]
    (new,) = [w for w in after if w.title == "New"]
    assert new.id == -1
    assert len(after) == len(WINDOW) + 1


def test_copy_is_planned_with_no_actuals() -> None:
    done = WINDOW[3].replace(status=Status.DONE, actual_distance_km=8.0, heavy_legs=True)
    window = [*WINDOW[:3], done]
    edit = edits.plan_copy(lookup_in(window), done, FRI)
    (copy,) = edit.upserts
    assert (copy.id, copy.day, copy.status, copy.actual_distance_km, copy.heavy_legs) == (
        None,
        FRI,
        Status.PLANNED,
        None,
        False,
    )


def test_a_copy_of_a_race_is_a_race_of_the_runners_own_and_a_move_keeps_the_plan_day() -> None:
    race = WINDOW[3].replace(race=True, plan_day=TUE)  # the plan put it on Tuesday
    window = [*WINDOW[:3], race]
    (copy,) = edits.plan_copy(lookup_in(window), race, FRI).upserts
    assert (copy.race, copy.plan_day) == (True, None)
    (duplicate,) = edits.plan_duplicate(lookup_in(window), race).upserts
    assert (duplicate.race, duplicate.plan_day) == (True, None)
    copied = edits.plan_copy_week(lookup_in(window), WEEK, WEEK.next).upserts
    assert [(w.title, w.race, w.plan_day) for w in copied if w.title == "D"] == [("D", True, None)]
    moved = edits.plan_move(lookup_in(window), race, SAT).upserts[0]
    assert (moved.day, moved.race, moved.plan_day) == (SAT, True, TUE)
    done = edits.with_status(race, Status.DONE)
    assert (done.race, done.plan_day) == (True, TUE)


def test_delete_closes_the_gap_and_remembers_the_deleted_rows() -> None:
    edit = edits.plan_delete(lookup_in(WINDOW), [WINDOW[0]])
    after = edits.apply_edit(edit, WINDOW)
    assert titles(after, MON) == ["B", "C"]
    assert [w.position for w in after if w.day == MON] == [0, 1]
    assert edit.deletes == (WINDOW[0],)
    assert edit.before[1] == WINDOW[0]


def test_an_update_with_no_change_is_empty() -> None:
    assert edits.plan_update(lookup_in(WINDOW), WINDOW[1], WINDOW[1]).is_empty


def test_an_impossible_update_is_refused() -> None:
    with pytest.raises(ValidationError):
        edits.plan_update(lookup_in(WINDOW), WINDOW[1], WINDOW[1].replace(rpe=12.0))


def test_copy_week_adds_after_or_replaces_only_planned_workouts() -> None:
    nxt = WEEK.next
    kept = run(nxt.start, "Done already", 0, 10, status=Status.DONE)
    planned = run(nxt.start, "Planned there", 1, 11)
    window = [*WINDOW, kept, planned]
    added = edits.apply_edit(edits.plan_copy_week(lookup_in(window), WEEK, nxt), window)
    assert titles(added, nxt.start) == ["Done already", "Planned there", "A", "B", "C"]
    replace = edits.plan_copy_week(lookup_in(window), WEEK, nxt, replace_planned=True)
    replaced = edits.apply_edit(replace, window)
    assert titles(replaced, nxt.start) == ["Done already", "A", "B", "C"]
    assert titles(replaced, nxt.start + timedelta(days=2)) == ["D"]
    assert [w.title for w in replace.deletes] == ["Planned there"]


def test_import_skips_what_is_there_and_appends_the_rest() -> None:
    incoming = [
        WINDOW[0].replace(id=None, position=7),  # already there (ids and positions ignored)
        run(MON, "E", 0, 0).replace(id=None),
        run(SAT, "F", 3, 0).replace(id=None),
    ]
    edit = edits.plan_import(lookup_in(WINDOW), incoming)
    assert [(w.title, w.day, w.position) for w in edit.upserts] == [("E", MON, 3), ("F", SAT, 0)]


@pytest.mark.parametrize(
    ("gap", "in_place", "index"), [(0, False, 0), (1, True, 1), (2, True, 1), (3, False, 2)]
)
def test_gaps_of_a_drop_on_the_same_day(gap: int, in_place: bool, index: int) -> None:
    b = WINDOW[1]  # position 1 of A, B, C
    assert edits.is_in_place(b, MON, gap) is in_place
    if not in_place:
        assert edits.gap_to_index(b, MON, gap) == index


# -- the preview plans exactly what the service stores -------------------------------------

days = st.sampled_from(WEEK.days)


@st.composite
def plans(draw: st.DrawFn) -> list[Workout]:
    count = draw(st.integers(1, 8))
    workouts = []
    for i in range(count):
        day = draw(days)
        workouts.append(run(day, f"W{i}", i, i + 1))
    # positions 0..n-1 per day, as storage keeps them
    by_day: dict[date, int] = {}
    result = []
    for w in workouts:
        result.append(w.replace(position=by_day.get(w.day, 0)))
        by_day[w.day] = by_day.get(w.day, 0) + 1
    return result


def comparable(workouts: Sequence[Workout], known: set[int]) -> list[tuple[object, ...]]:
    """New workouts' ids differ (temporary vs stored): compare them without ids."""
    return sorted(
        (w.day, w.position, w.title, w.status, w.id if w.id in known else None) for w in workouts
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(plan=plans(), data=st.data())
def test_apply_edit_equals_what_the_service_stores(
    plan: list[Workout], data: st.DataObject
) -> None:
    repo = MemoryRepository(plan, builtins=False)
    stored = repo.all_workouts()
    service = PlanService(repo)
    lookup = lookup_in(stored)
    target = data.draw(days)
    subject = data.draw(st.sampled_from(stored))
    index = data.draw(st.none() | st.integers(0, 6))
    intent = data.draw(st.sampled_from(["move", "copy", "duplicate", "delete", "add"]))
    if intent == "move":
        edit = edits.plan_move(lookup, subject, target, index)
        service.move(subject.id or 0, target, index)
    elif intent == "copy":
        edit = edits.plan_copy(lookup, subject, target, index)
        service.copy(subject.id or 0, target, index)
    elif intent == "duplicate":
        edit = edits.plan_duplicate(lookup, subject)
        service.duplicate(subject.id or 0)
    elif intent == "delete":
        edit = edits.plan_delete(lookup, [subject])
        service.delete([subject.id or 0])
    else:
        new = run(target, "New", 0, 0).replace(id=None)
        edit = edits.plan_add(lookup, new, index)
        service.add(new, index)
    known = {w.id for w in stored if w.id is not None}
    assert comparable(edits.apply_edit(edit, stored), known) == comparable(
        repo.all_workouts(), known
    )
    for day in WEEK.days:  # every day stays numbered 0..n-1
        positions = sorted(w.position for w in repo.all_workouts() if w.day == day)
        assert positions == list(range(len(positions)))


EASY = Template(7, "Easy run", Kind.RUN, 35, 6.0, 3, "Conversational pace.")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(plan=plans(), data=st.data())
def test_the_previewed_drop_is_the_drop_written(plan: list[Workout], data: st.DataObject) -> None:
    """The preview plans a drop on its cache, the drop plans it on the file and writes it."""
    repo = MemoryRepository(plan, builtins=False)
    cached = repo.all_workouts()  # what the preview holds
    service = PlanService(repo)
    item: Template | Workout = data.draw(st.sampled_from([EASY, *cached]))
    day = data.draw(days)
    gap = data.draw(st.none() | st.integers(0, 8))
    copy = data.draw(st.booleans())

    preview = drops.plan_drop(lookup_in(cached), item, day, gap, copy=copy)
    dropped = drops.plan_drop(service.day, item, day, gap, copy=copy)
    assert dropped == preview  # the same edit and the same words, from the file or the cache
    change = drops.write_drop(service, dropped)

    known = {w.id for w in cached if w.id is not None}
    assert comparable(edits.apply_edit(preview.edit, cached), known) == comparable(
        repo.all_workouts(), known
    )
    assert change.days == preview.edit.days
