"""The controller's activity intents: an import, a link and an unlink are each one undo step
with words a runner reads in Edit > Undo, and undo gives the plan back exactly."""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.core.model import Kind, Status
from planner.ui.controller import PlanController
from tests.fakes import MemoryRepository
from tests.helpers.activities import later, recorded_run
from tests.ui.conftest import by_title

THURSDAY = date(2026, 11, 19)


def test_an_import_is_one_undo_step_named_by_what_was_added(
    controller: PlanController, repo: MemoryRepository, qtbot: Any
) -> None:
    before = repo.snapshot()
    run = recorded_run(THURSDAY, seconds=2100)
    ride = recorded_run(THURSDAY, hour=17, seed=2, kind=Kind.CROSS, sport="cycling")
    result = controller.import_activities([run, ride])
    assert result is not None
    assert [w.title for _, w in result.linked] == ["Easy run"]
    assert [w.title for _, w in result.new] == ["Evening ride"]  # 18:00 at the file's UTC+1
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText() == "Import 2 activities"
    easy = next(w for w in repo.all_workouts() if w.day == THURSDAY and w.title == "Easy run")
    assert easy.status is Status.DONE
    assert easy.actual_duration_min == 34.5
    controller.undo_stack.undo()
    assert repo.snapshot() == before
    controller.undo_stack.redo()
    assert controller.import_activities([later(run, 0.5)]) is not None  # a duplicate
    assert controller.undo_stack.count() == 1  # nothing new: no step


def test_link_and_unlink_are_one_step_each_and_undo_exactly(
    controller: PlanController, repo: MemoryRepository, qtbot: Any
) -> None:
    ride = recorded_run(THURSDAY, seed=3, kind=Kind.CROSS, sport="cycling")
    controller.import_activities([ride])
    (stored,) = controller.service.activities.between(THURSDAY, THURSDAY)
    made = stored.workout_id
    assert made is not None
    assert controller.unlink(stored.id or 0)
    assert controller.undo_stack.undoText() == "Unlink Ride from Morning ride"
    assert controller.service.workout(made) is None  # the import's own workout goes
    easy = by_title(repo, "Long run")
    after_unlink = repo.snapshot()
    assert controller.link(stored.id or 0, easy.id or 0)
    assert controller.undo_stack.undoText() == "Link Ride to Long run"
    assert controller.service.workout(easy.id or 0).status is Status.DONE  # type: ignore[union-attr]
    controller.undo_stack.undo()
    assert repo.snapshot() == after_unlink
    assert controller.undo_stack.index() == 2  # import and unlink remain


def test_a_refused_link_says_why_and_adds_no_step(controller: PlanController, qtbot: Any) -> None:
    told: list[str] = []
    controller.failed.connect(lambda message, _hint: told.append(message))
    assert not controller.link(999, 1)
    assert told == ["That activity no longer exists."]
    assert not controller.unlink(999)
    assert controller.undo_stack.count() == 0
