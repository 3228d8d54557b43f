"""Plan ▸ New Training Plan…: the inputs pre-filled, a draft preview, Apply as one undo step.

Each test runs the real window on a real plan file, opens the dialog the runner's way (the
menu's action or its key), fills it through its widgets, presses its buttons, and reads the
plan file back afterwards.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from planner.core.generator import Experience, Goal, PlanRequest, generate_plan
from planner.core.model import Kind, Status, Workout
from planner.ui.dialogs.copy_week import CopyChoice
from planner.ui.dialogs.training_plan import TrainingPlanDialog
from planner.ui.dialogs.training_plan_apply import PlanQuestion
from planner.ui.main_window import MainWindow
from tests.helpers.dates import MON, TUE, WEEK
from tests.helpers.keyboard import ALT, CTRL, Key, press
from tests.helpers.plans import query, seed
from tests.helpers.windows import open_window, undo_text

#: The plan's default start: the Monday after today's week.
START = MON + WEEK
#: Four weeks of 6, 8 and 12 km runs before it: 26 km a week, 12 km the longest.
HISTORY = tuple(
    Workout(
        None,
        MON - k * WEEK + timedelta(days=d),
        Kind.RUN,
        title,
        0,
        minutes,
        km,
        4,
        status=Status.DONE,
    )
    for k in range(0, 4)
    for d, title, minutes, km in (
        (1, "Easy run", 40, 6.0),
        (3, "Steady run", 50, 8.0),
        (6, "Long run", 80, 12.0),
    )
    if MON - k * WEEK + timedelta(days=d) < START
)
RACE = date(2027, 2, 14)


@pytest.fixture
def runner(db_path: Path) -> Path:
    """A runner with four weeks of done runs before the plan's start, nothing after."""
    seed(db_path, *HISTORY)
    return db_path


def rows(path: Path, since: date = START) -> list[tuple[Any, ...]]:
    """The file's workouts from ``since`` on, as the plan writes them."""
    return query(
        path,
        "SELECT day, kind, title, duration_min, distance_km, status, race, plan_day "
        "FROM workouts WHERE day >= ? ORDER BY day, position",
        since.isoformat(),
    )


def as_rows(workouts: tuple[Workout, ...] | list[Workout]) -> list[tuple[Any, ...]]:
    return [
        (
            w.day.isoformat(),
            w.kind.value,
            w.title,
            w.duration_min,
            w.distance_km,
            w.status.value,
            int(w.race),
            w.plan_day.isoformat() if w.plan_day else None,
        )
        for w in workouts
    ]


def open_dialog(qtbot: Any, window: MainWindow, *, by_key: bool = False) -> TrainingPlanDialog:
    """New Training Plan…, from its menu action or its key; the first preview shown."""
    if by_key:
        press(qtbot, Key.Key_N, CTRL | ALT)
    else:
        window.actions_table["new_training_plan"].trigger()
    qtbot.waitUntil(lambda: window.findChild(TrainingPlanDialog) is not None)
    dialog = window.findChild(TrainingPlanDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: bool(dialog.preview.month.draft()) or bool(dialog.problems()))
    return dialog


def changed(qtbot: Any, dialog: TrainingPlanDialog, change: Any) -> None:
    """Do ``change`` to the form and wait for the preview it brings."""
    with qtbot.waitSignal(dialog.previewed, timeout=5000):
        change()


def click(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def ten_k_request(experience: Experience = Experience.REGULAR) -> PlanRequest:
    return PlanRequest(
        goal=Goal.K10,
        race_day=RACE,
        weeks=None,
        start=START,
        runs_per_week=5,
        days=frozenset({1, 2, 3, 4, 5, 6}),
        long_run_day=6,
        strength_per_week=2,
        hiit_per_week=1,
        current_week_km=26.0,
        longest_run_km=12.0,
        experience=experience,
    )


def fill_ten_k(qtbot: Any, dialog: TrainingPlanDialog) -> None:
    """A 10 km race on 14 Feb, 5 runs, not on Mondays, 1 HIIT: as a runner fills it."""
    changed(qtbot, dialog, lambda: dialog.goal.setCurrentIndex(dialog.goal.findText("10 km")))
    changed(qtbot, dialog, lambda: dialog.race_day.setDate(QDate(RACE.year, RACE.month, RACE.day)))
    changed(qtbot, dialog, lambda: dialog.runs.setValue(5))
    if dialog.day_buttons[0].isChecked():
        changed(qtbot, dialog, lambda: click(qtbot, dialog.day_buttons[0]))
    changed(qtbot, dialog, lambda: dialog.hiit.setValue(1))
    if dialog.experience.currentText() != "Regular":
        changed(
            qtbot,
            dialog,
            lambda: dialog.experience.setCurrentIndex(dialog.experience.findText("Regular")),
        )


# -- opening and the preview -------------------------------------------------------------------
@pytest.mark.parametrize("by_key", [False, True], ids=["menu", "key"])
def test_it_opens_prefilled_and_previews_a_draft_not_in_the_plan(
    qtbot: Any, runner: Path, by_key: bool
) -> None:
    window = open_window(qtbot, runner)
    before = rows(runner, date(2000, 1, 1))
    dialog = open_dialog(qtbot, window, by_key=by_key)
    assert dialog.objectName() == "newTrainingPlanDialog"
    assert dialog.start.date() == QDate(2026, 11, 23)  # next week's first day
    assert (dialog.current.text(), dialog.longest.text()) == ("26", "12")
    assert dialog.history_hint.text().startswith("From your runs")
    assert [b.text() for b in dialog.day_buttons.values()] == [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]
    month = dialog.preview.month
    draft = month.draft()
    assert draft and draft[0].day >= START
    first = draft[0]
    on_first_day = [w for w in draft if w.day == first.day]
    shown = month.shown_titles(first.day)  # a chip for each, titles cut to fit
    assert len(shown) == len(on_first_day)
    assert first.title.startswith(shown[0].removesuffix("…"))
    assert month.read_only
    assert dialog.preview.table.rowCount() > 8
    assert " km · race " in dialog.preview.summary.text()
    assert rows(runner, date(2000, 1, 1)) == before  # a draft: not in the plan
    # Paging: Page Down in the preview shows the next month.
    shown_month = month.month
    month.setFocus()
    press(qtbot, Key.Key_PageDown)
    assert month.month > shown_month
    dialog.reject()


def test_the_preview_follows_the_inputs(qtbot: Any, runner: Path) -> None:
    window = open_window(qtbot, runner)
    dialog = open_dialog(qtbot, window)
    changed(qtbot, dialog, lambda: dialog.goal.setCurrentIndex(dialog.goal.findText("Marathon")))
    marathon = dialog.preview.table.rowCount()
    assert not dialog.weeks.isVisible() and dialog.race_day.isVisible()
    changed(
        qtbot, dialog, lambda: dialog.goal.setCurrentIndex(dialog.goal.findText("General fitness"))
    )
    assert dialog.weeks.isVisible() and not dialog.race_day.isVisible()
    changed(qtbot, dialog, lambda: dialog.weeks.setValue(8))
    assert dialog.preview.table.rowCount() == 8 != marathon
    assert "8 weeks" in dialog.preview.summary.text() and "ends" in dialog.preview.summary.text()
    dialog.reject()


# -- Apply ---------------------------------------------------------------------------------------
def test_apply_adds_exactly_the_generated_plan_as_one_undo_step(qtbot: Any, runner: Path) -> None:
    window = open_window(qtbot, runner)
    dialog = open_dialog(qtbot, window)
    fill_ten_k(qtbot, dialog)
    expected = generate_plan(ten_k_request(), list(HISTORY), first_weekday=0)
    assert list(dialog.preview.month.draft()) == list(expected.workouts)
    steps = window.controller.undo_stack.count()
    click(qtbot, dialog.apply_button)
    qtbot.waitUntil(lambda: window.findChild(TrainingPlanDialog) is None)
    assert rows(runner) == as_rows(expected.workouts)
    assert window.controller.undo_stack.count() == steps + 1
    assert undo_text(window) == "Undo Add a 10 km plan"
    weeks = len(expected.weeks)
    assert window.statusBar().currentMessage() == (
        f"Added a 10 km plan: {len(expected.workouts)} workouts over {weeks} weeks. "
        "Ctrl+Z takes it back."
    )
    assert window.state.week.start == START  # the plan's first week is on screen
    window.activateWindow()  # the dialog gave the keyboard back
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.week_view)
    press(qtbot, Key.Key_Z, CTRL)
    assert rows(runner) == []
    assert len(query(runner, "SELECT id FROM workouts")) == len(HISTORY)


def test_the_last_inputs_come_back(qtbot: Any, runner: Path) -> None:
    window = open_window(qtbot, runner)
    dialog = open_dialog(qtbot, window)
    fill_ten_k(qtbot, dialog)
    click(qtbot, dialog.apply_button)
    qtbot.waitUntil(lambda: window.findChild(TrainingPlanDialog) is None)
    again = open_dialog(qtbot, window)
    assert again.goal.currentText() == "10 km"
    assert (again.runs.value(), again.hiit.value()) == (5, 1)
    assert not again.day_buttons[0].isChecked() and again.day_buttons[6].isChecked()
    assert again.long_run_day.currentText() == "Sunday"
    again.reject()


@pytest.mark.parametrize("answer", [CopyChoice.REPLACE, CopyChoice.ADD, None])
def test_a_range_holding_planned_workouts_asks_first(
    qtbot: Any, runner: Path, answer: CopyChoice | None
) -> None:
    planned = Workout(None, TUE + WEEK, Kind.RUN, "My own tempo", 0, 45, 9.0, 7)
    done = Workout(None, MON + WEEK, Kind.STRENGTH, "Gym", 0, 30, None, 5, status=Status.DONE)
    seed(runner, planned, done)
    window = open_window(qtbot, runner)
    dialog = open_dialog(qtbot, window)
    fill_ten_k(qtbot, dialog)
    before = rows(runner)
    click(qtbot, dialog.apply_button)
    qtbot.waitUntil(lambda: dialog.findChild(PlanQuestion) is not None)
    question = dialog.findChild(PlanQuestion)
    assert question is not None
    qtbot.waitExposed(question)
    assert question.button(None).isDefault()
    assert question.button(CopyChoice.ADD).text() == "&Keep Both"
    click(qtbot, question.button(answer))
    if answer is None:  # back to the dialog, nothing written
        qtbot.waitUntil(lambda: dialog.findChild(PlanQuestion) is None)
        assert dialog.isVisible() and rows(runner) == before
        assert window.controller.undo_stack.count() == 0
        dialog.reject()
        return
    qtbot.waitUntil(lambda: window.findChild(TrainingPlanDialog) is None)
    titles = [(r[0], r[2], r[5]) for r in rows(runner)]
    assert (START.isoformat(), "Gym", "done") in titles  # done work is never touched
    kept = ((TUE + WEEK).isoformat(), "My own tempo", "planned") in titles
    assert kept is (answer is CopyChoice.ADD)
    history = [*HISTORY, done] if answer is CopyChoice.REPLACE else [*HISTORY, done, planned]
    expected = generate_plan(ten_k_request(), history, first_weekday=0)
    added = [r for r in rows(runner) if r[2] not in ("Gym", "My own tempo")]
    assert added == as_rows(expected.workouts)
    assert window.controller.undo_stack.count() == 1
    window.undo_action.trigger()
    assert rows(runner) == before


# -- refusals ------------------------------------------------------------------------------------
def test_a_race_before_the_start_is_said_plainly_and_apply_is_disabled(
    qtbot: Any, runner: Path
) -> None:
    window = open_window(qtbot, runner)
    dialog = open_dialog(qtbot, window)
    changed(qtbot, dialog, lambda: dialog.race_day.setDate(QDate(2026, 11, 20)))
    message = dialog.error_message("dates")
    assert "must come after the plan's start" in message, message
    assert not dialog.apply_button.isEnabled()
    assert dialog.preview.month.draft() == ()
    assert dialog.preview.summary.text().startswith("No plan yet")
    press_apply = dialog.apply_button
    click(qtbot, press_apply)  # a disabled button: nothing happens
    assert dialog.isVisible() and rows(runner) == []
    changed(qtbot, dialog, lambda: dialog.race_day.setDate(QDate(2027, 3, 14)))
    assert dialog.error_message("dates") == "" and dialog.apply_button.isEnabled()
    dialog.reject()


def test_without_history_the_distances_must_be_typed(qtbot: Any, db_path: Path) -> None:
    window = open_window(qtbot, db_path)
    dialog = open_dialog(qtbot, window)
    assert (dialog.current.text(), dialog.longest.text()) == ("", "")
    assert "No runs in the four weeks" in dialog.history_hint.text()
    assert "distance you run in a week" in dialog.error_message("current_week_km")
    assert not dialog.apply_button.isEnabled()
    assert dialog.experience.currentText() == "New"
    dialog.current.setFocus()
    qtbot.keyClicks(dialog.current, "15")
    assert "longest" in dialog.error_message("longest_run_km").lower()
    dialog.longest.setFocus()
    with qtbot.waitSignal(dialog.previewed, timeout=5000):
        qtbot.keyClicks(dialog.longest, "6")
    assert dialog.problems() == {} and dialog.apply_button.isEnabled()
    assert dialog.preview.month.draft()
    dialog.reject()


def test_distances_are_in_the_runners_units(qtbot: Any, runner: Path) -> None:
    window = open_window(qtbot, runner)
    assert window.controller.set_setting("units", "mi")
    dialog = open_dialog(qtbot, window)
    assert dialog.current.text() == "16.16"  # 26 km
    assert " mi · race " in dialog.preview.summary.text()
    fill_ten_k(qtbot, dialog)
    expected = generate_plan(ten_k_request(), list(HISTORY), first_weekday=0)
    assert list(dialog.preview.month.draft()) == list(expected.workouts)  # 26 km, unrounded
    dialog.reject()
