"""The controller: one undo step per intent, readable undo texts, exact undo and redo."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.core.model import Kind, Status, ValidationError, WeightEntry, Workout
from planner.core.ports import StorageError
from planner.core.settings import Units
from planner.core.weeks import week_of
from planner.ui.controller import PlanController
from tests.fakes import MemoryRepository, write_workouts
from tests.ui.conftest import by_title, template_id

SUNDAY = date(2026, 11, 22)


def test_each_intent_is_one_undo_step_with_a_readable_text(
    controller: PlanController, repo: MemoryRepository
) -> None:
    stack = controller.undo_stack
    long_run = by_title(repo, "Long run")
    easy_id = template_id(controller, "Easy run")
    steps = [
        (
            lambda: controller.add_from_template(easy_id, date(2026, 11, 16)),
            "Add Easy run to Mon 16 Nov",
        ),
        (lambda: controller.move(long_run.id, date(2026, 11, 21)), "Move Long run to Sat 21 Nov"),
        (lambda: controller.copy(long_run.id, SUNDAY), "Copy Long run to Sun 22 Nov"),
        (
            lambda: controller.edit(
                long_run.replace(day=date(2026, 11, 21), position=2, title="Long run (hilly)")
            ),
            "Edit Long run (hilly)",
        ),
        (lambda: controller.set_status(long_run.id, Status.DONE), "Mark Long run (hilly) done"),
        (
            lambda: controller.set_status(long_run.id, Status.SKIPPED),
            "Mark Long run (hilly) skipped",
        ),
        (lambda: controller.duplicate(long_run.id), "Duplicate Long run (hilly)"),
        (lambda: controller.delete([long_run.id]), "Delete Long run (hilly)"),
        (
            lambda: controller.copy_week(week_of(SUNDAY), week_of(SUNDAY).next),
            "Copy week 2026-W47 to 2026-W48",
        ),
    ]
    for count, (action, text) in enumerate(steps, start=1):
        action()
        assert stack.count() == count
        assert stack.undoText() == text


def test_undo_all_then_redo_all_is_exact(
    controller: PlanController, repo: MemoryRepository
) -> None:
    start = repo.snapshot()
    long_run = by_title(repo, "Long run")
    tempo = by_title(repo, "Tempo run")
    controller.add_from_template(template_id(controller, "HIIT intervals"), date(2026, 11, 18), 0)
    controller.move(long_run.id, date(2026, 11, 18), 0)
    controller.copy(tempo.id, date(2026, 11, 20))
    controller.set_status(long_run.id, Status.DONE, actual_distance_km=17.5, heavy_legs=True)
    controller.delete([tempo.id])
    controller.copy_week(week_of(SUNDAY), week_of(SUNDAY).next)
    end = repo.snapshot()
    stack = controller.undo_stack
    while stack.canUndo():
        stack.undo()
    assert repo.snapshot() == start
    while stack.canRedo():
        stack.redo()
    assert repo.snapshot() == end


def test_mark_done_takes_planned_values_as_actuals(
    controller: PlanController, repo: MemoryRepository
) -> None:
    long_run = by_title(repo, "Long run")
    controller.set_status(long_run.id, Status.DONE)
    done = repo.get_workout(long_run.id)
    assert done.status is Status.DONE
    assert (done.actual_duration_min, done.actual_distance_km, done.actual_rpe) == (100, 16.0, 5)


def test_move_within_a_day_counts_gaps_as_shown(
    controller: PlanController, repo: MemoryRepository
) -> None:
    saturday = date(2026, 11, 21)
    easy, squat = repo.workouts_between(saturday, saturday)
    assert not controller.move(easy.id, saturday, 0)  # already there
    assert not controller.move(easy.id, saturday, 1)  # the gap right after itself
    assert controller.move(easy.id, saturday, 2)  # after the squat jumps
    assert [w.title for w in repo.workouts_between(saturday, saturday)] == [
        "Squat jumps",
        "Easy run",
    ]
    assert squat.id is not None


def test_refused_write_reports_and_leaves_undo_stack_alone(
    controller: PlanController, repo: MemoryRepository, qtbot
) -> None:
    repo.fail_writes = True
    before = repo.snapshot()
    with (
        qtbot.waitSignal(controller.failed) as failed,
        qtbot.waitSignal(controller.plan_changed) as changed,
    ):
        assert controller.add_from_template(template_id(controller, "Easy run"), SUNDAY) is None
    assert failed.args[0] == "The plan file is read-only."
    assert failed.args[1]  # what to do about it
    assert changed.args[0].reload  # "reload everything": views show the database as it is
    assert controller.undo_stack.count() == 0
    assert repo.snapshot() == before


def test_refused_undo_keeps_the_database_and_the_history_for_a_retry(
    controller: PlanController, repo: MemoryRepository, qtbot
) -> None:
    long_run = by_title(repo, "Long run")
    controller.move(long_run.id, date(2026, 11, 20))
    after_move = repo.snapshot()
    repo.fail_writes = True
    with qtbot.waitSignal(controller.failed) as failed:
        controller.undo_stack.undo()
    assert failed.args[0] == "The plan file is read-only."
    assert repo.snapshot() == after_move
    # The step is back on top of the history: once the cause is gone, undo works.
    qtbot.waitUntil(lambda: controller.undo_stack.index() == 1)
    assert controller.undo_stack.count() == 1
    assert controller.undo_stack.undoText() == "Move Long run to Fri 20 Nov"
    repo.fail_writes = False
    controller.undo_stack.undo()
    assert repo.get_workout(long_run.id) == long_run
    controller.undo_stack.redo()
    assert repo.get_workout(long_run.id).day == date(2026, 11, 20)


def test_refused_redo_stays_redoable(
    controller: PlanController, repo: MemoryRepository, qtbot
) -> None:
    long_run = by_title(repo, "Long run")
    controller.move(long_run.id, date(2026, 11, 20))
    controller.undo_stack.undo()
    repo.fail_writes = True
    with qtbot.waitSignal(controller.failed):
        controller.undo_stack.redo()
    qtbot.waitUntil(lambda: controller.undo_stack.index() == 0)
    assert repo.get_workout(long_run.id) == long_run
    repo.fail_writes = False
    controller.undo_stack.redo()
    assert repo.get_workout(long_run.id).day == date(2026, 11, 20)


def test_undo_of_a_change_overwritten_elsewhere_is_refused_and_clears_history(
    controller: PlanController, repo: MemoryRepository, qtbot
) -> None:
    long_run = by_title(repo, "Long run")
    controller.move(long_run.id, date(2026, 11, 20))
    elsewhere = repo.get_workout(long_run.id).replace(title="Long run with friends")
    write_workouts(repo, [elsewhere])  # another program wrote to the plan
    with qtbot.waitSignal(controller.failed) as failed:
        controller.undo_stack.undo()
    assert "changed elsewhere" in failed.args[0]
    assert repo.get_workout(long_run.id) == elsewhere  # the other change survives
    qtbot.waitUntil(lambda: controller.undo_stack.count() == 0)


def test_saving_an_editor_opened_on_a_stale_copy_is_refused(
    controller: PlanController, repo: MemoryRepository, qtbot
) -> None:
    shown = by_title(repo, "Long run")
    elsewhere = shown.replace(distance_km=21.1, notes="half marathon")
    write_workouts(repo, [elsewhere])
    with qtbot.waitSignal(controller.failed) as failed:
        assert not controller.edit(shown.replace(status=Status.DONE), expected=shown)
    assert "changed elsewhere" in failed.args[0]
    assert repo.get_workout(shown.id) == elsewhere
    assert controller.undo_stack.count() == 0


def test_invalid_workout_is_refused_with_its_message(
    controller: PlanController, repo: MemoryRepository, qtbot
) -> None:
    before = repo.snapshot()
    with qtbot.waitSignal(controller.failed) as failed:
        controller.add_workout(Workout(None, SUNDAY, Kind.RUN, "Ultra", distance_km=301))
    assert "300" in failed.args[0]
    assert repo.snapshot() == before
    with pytest.raises(ValidationError):
        Workout(None, SUNDAY, Kind.RUN, "Ultra", distance_km=301).validate()


def test_template_changes_are_undoable_steps_announced_on_plan_changed(
    controller: PlanController, qtbot
) -> None:
    assert "Long run" in {t.name for t in controller.templates()}
    workout = Workout(None, SUNDAY, Kind.RUN, "Hill repeats", duration_min=50, distance_km=9, rpe=8)
    with qtbot.waitSignal(controller.plan_changed) as changed:
        saved = controller.template_from_workout(workout, "Hill repeats")
    assert changed.args[0].touches_templates
    assert not changed.args[0].touches_workouts
    assert saved is not None and saved.id is not None
    assert "Hill repeats" in {t.name for t in controller.templates()}
    assert controller.undo_stack.undoText() == "Add Hill repeats to the library"
    controller.delete_template(saved.id)
    assert "Hill repeats" not in {t.name for t in controller.templates()}
    controller.undo_stack.undo()
    assert "Hill repeats" in {t.name for t in controller.templates()}
    controller.undo_stack.undo()
    assert "Hill repeats" not in {t.name for t in controller.templates()}


def test_weigh_ins_and_settings_are_undoable_steps(
    controller: PlanController, repo: MemoryRepository, qtbot
) -> None:
    with qtbot.waitSignal(controller.plan_changed) as changed:
        assert controller.save_weight(WeightEntry(SUNDAY, 70.5))
    assert changed.args[0].weight_days == {SUNDAY}
    with qtbot.waitSignal(controller.failed) as failed:
        assert not controller.save_weight(WeightEntry(SUNDAY, 71.0))  # not without asking
    assert "already a weigh-in" in failed.args[0]
    assert controller.save_weight(WeightEntry(SUNDAY, 71.0), replace=True)
    assert controller.set_setting("units", "mi")
    assert controller.settings.units is Units.MI
    assert controller.undo_stack.undoText() == "Set units to mi"
    controller.undo_stack.undo()
    assert controller.settings.units is Units.KM
    assert repo.settings().get("units") == "km"
    controller.undo_stack.undo()
    assert repo.weights_between(SUNDAY, SUNDAY) == [WeightEntry(SUNDAY, 70.5)]
    controller.undo_stack.undo()
    assert repo.weights_between(SUNDAY, SUNDAY) == []


def test_copying_an_empty_week_says_so(
    controller: PlanController, repo: MemoryRepository, qtbot
) -> None:
    empty = week_of(date(2027, 1, 6))
    with qtbot.waitSignal(controller.failed) as failed:
        assert not controller.copy_week(empty, empty.next)
    assert "no workouts" in failed.args[0]


def test_marking_done_in_the_editor_reads_as_marking_done(
    controller: PlanController, repo: MemoryRepository
) -> None:
    long_run = by_title(repo, "Long run")
    controller.edit(
        long_run.replace(status=Status.DONE, actual_distance_km=17.2, actual_duration_min=104)
    )
    assert controller.undo_stack.undoText() == "Mark Long run done"
    controller.edit(repo.get_workout(long_run.id).replace(notes="windy"))
    assert controller.undo_stack.undoText() == "Edit Long run"


def test_a_read_only_plan_refuses_every_change_with_its_reason_and_writes_nothing(
    controller: PlanController, repo: MemoryRepository, qtbot
) -> None:
    controller.set_read_only("The folder holding the plan is write-protected.")
    before = repo.snapshot()
    with qtbot.waitSignal(controller.failed) as failed:
        assert controller.add_from_template(template_id(controller, "Easy run"), SUNDAY) is None
    assert failed.args == [
        "This plan is open read-only, so nothing was changed.",
        "The folder holding the plan is write-protected.",
    ]
    with qtbot.waitSignal(controller.failed):
        assert not controller.save_weight(WeightEntry(SUNDAY, 70.0))
    assert repo.snapshot() == before
    assert repo.writes == 0
    assert controller.undo_stack.count() == 0


# -- what the status bar says -----------------------------------------------------------------
def test_the_status_bar_says_what_undo_and_redo_did(
    qtbot: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After Ctrl+Z the status bar said "Saved: Add HIIT intervals to Sat 21 Nov", the change
    just undone; after Redo it said nothing."""
    from planner.app import build_main_window

    window = build_main_window(db_path, today=date(2026, 11, 18))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    view, library = window.week_view, window.library
    saturday = date(2026, 11, 21)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.day_rect(saturday).center())
    assert library.select_template(template_id(window.controller, "HIIT intervals"))
    library.view().setFocus()
    qtbot.keyClick(library.view(), Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == "Saved: Add HIIT intervals to Sat 21 Nov"

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.controller.workouts(saturday, saturday) == []
    assert window.statusBar().currentMessage() == "Undone: Add HIIT intervals to Sat 21 Nov"

    qtbot.keyClick(
        view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [w.title for w in window.controller.workouts(saturday, saturday)] == ["HIIT intervals"]
    assert window.statusBar().currentMessage() == "Redone: Add HIIT intervals to Sat 21 Nov"
    assert not any(text.startswith("Saved") for text in said[1:]), said


def test_undo_and_redo_are_announced_once_each_and_refusals_not_at_all(
    controller: PlanController, repo: MemoryRepository, qtbot: Any
) -> None:
    said: list[str] = []
    controller.message.connect(said.append)
    long_run = by_title(repo, "Long run")
    assert long_run.id is not None
    assert controller.move(long_run.id, SUNDAY - timedelta(days=1))
    controller.undo_stack.undo()
    controller.undo_stack.redo()
    assert said == [
        "Saved: Move Long run to Sat 21 Nov",
        "Undone: Move Long run to Sat 21 Nov",
        "Redone: Move Long run to Sat 21 Nov",
    ]
    said.clear()
    repo.fail_writes = True
    with qtbot.waitSignal(controller.failed):
        controller.undo_stack.undo()
    assert said == []


def test_has_workouts_reports_a_failed_read_and_offers_nothing(
    controller: PlanController, repo: MemoryRepository, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert controller.has_workouts()
    write_workouts(repo, [], [w.id for w in repo.all_workouts() if w.id is not None])
    assert not controller.has_workouts()

    def unreadable() -> int:
        raise StorageError("The plan file cannot be read.", "Check the disk.")

    monkeypatch.setattr(repo, "count_workouts", unreadable)
    with qtbot.waitSignal(controller.failed) as failed:
        assert controller.has_workouts()  # no demo offered over a file that cannot be read
    assert failed.args == ["The plan file cannot be read.", "Check the disk."]
