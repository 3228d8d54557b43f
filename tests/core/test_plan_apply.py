"""Applying a generated plan: one write, Replace Planned or Keep Both, history untouched."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.core.generator import Experience, Goal, PlanRequest, generate_plan
from planner.core.model import Kind, Status, Workout
from planner.core.plan_apply import plan_span, plan_training_plan, planned_in_span
from planner.core.service import PlanService
from tests.fakes import MemoryRepository, write_workouts

MONDAY = date(2027, 1, 4)


def _workout(day: date, title: str, status: Status = Status.PLANNED) -> Workout:
    return Workout(None, day, Kind.RUN, title, distance_km=5.0, status=status)


def _plan() -> list[Workout]:
    """Two generated-looking workouts: Monday and Wednesday of the first week."""
    return [
        _workout(MONDAY, "Easy run").replace(plan_day=MONDAY),
        _workout(MONDAY + timedelta(days=2), "Long run").replace(plan_day=MONDAY),
    ]


@pytest.fixture
def repo() -> MemoryRepository:
    repository = MemoryRepository()
    write_workouts(
        repository,
        [
            _workout(MONDAY, "Old plan"),
            _workout(MONDAY, "Morning run", Status.DONE).replace(position=1),
            _workout(MONDAY + timedelta(days=1), "Missed", Status.SKIPPED),
            _workout(MONDAY + timedelta(days=2), "Old long run"),
            _workout(MONDAY + timedelta(days=3), "After the plan"),
        ],
    )
    return repository


def _titles(service: PlanService, day: date) -> list[str]:
    return [w.title for w in sorted(service.day(day), key=lambda w: w.position)]


def test_replace_planned_deletes_the_planned_in_range_and_keeps_what_happened(
    repo: MemoryRepository,
) -> None:
    service = PlanService(repo)
    done_before = [
        w
        for w in service.workouts(MONDAY, MONDAY + timedelta(days=3))
        if w.status is not Status.PLANNED
    ]
    service.add_training_plan(
        _plan(), replace_planned=True, span=(MONDAY, MONDAY + timedelta(days=2))
    )
    assert _titles(service, MONDAY) == ["Morning run", "Easy run"]
    assert _titles(service, MONDAY + timedelta(days=1)) == ["Missed"]
    assert _titles(service, MONDAY + timedelta(days=2)) == ["Long run"]
    assert _titles(service, MONDAY + timedelta(days=3)) == ["After the plan"]  # out of range
    after = {w.id: w for w in service.workouts(MONDAY, MONDAY + timedelta(days=3))}
    assert all(after[w.id] == w for w in done_before if w.id is not None)  # not even moved


def test_keep_both_adds_the_plan_after_each_day_s_blocks(repo: MemoryRepository) -> None:
    service = PlanService(repo)
    service.add_training_plan(
        _plan(), replace_planned=False, span=(MONDAY, MONDAY + timedelta(days=2))
    )
    assert _titles(service, MONDAY) == ["Old plan", "Morning run", "Easy run"]
    assert _titles(service, MONDAY + timedelta(days=2)) == ["Old long run", "Long run"]


def test_applying_a_plan_is_one_change_that_undo_takes_back_exactly(
    repo: MemoryRepository,
) -> None:
    service = PlanService(repo)
    before = service.workouts(MONDAY - timedelta(days=7), MONDAY + timedelta(weeks=20))
    request = PlanRequest(
        Goal.GENERAL,
        None,
        8,
        MONDAY,
        4,
        frozenset({0, 2, 4, 6}),
        6,
        current_week_km=20.0,
        longest_run_km=8.0,
        experience=Experience.REGULAR,
    )
    plan = generate_plan(request, before)
    change = service.add_training_plan(
        plan.workouts, replace_planned=True, span=(plan.first_day, plan.last_day)
    )
    stored = service.workouts(plan.first_day, plan.last_day)
    assert len([w for w in stored if w.plan_day is not None]) == len(plan.workouts)
    assert {w.title for w in stored if w.plan_day is None} == {"Morning run", "Missed"}
    service.apply_change(change.inverse())
    assert service.workouts(MONDAY - timedelta(days=7), MONDAY + timedelta(weeks=20)) == before


def test_the_planned_in_a_span_are_what_replace_would_delete(repo: MemoryRepository) -> None:
    service = PlanService(repo)
    span = plan_span(_plan())
    assert span == (MONDAY, MONDAY + timedelta(days=2))
    found = planned_in_span(service.day, *span)
    assert sorted(w.title for w in found) == ["Old long run", "Old plan"]
    edit = plan_training_plan(service.day, _plan(), replace_planned=True)
    assert sorted(w.title for w in edit.deletes) == ["Old long run", "Old plan"]
    assert [w.id for w in edit.upserts] == [None, None]
    assert plan_training_plan(service.day, [], replace_planned=True).is_empty
