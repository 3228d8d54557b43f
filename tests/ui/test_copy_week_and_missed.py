"""Copying never doubles a week or a day by accident, and missed plans are caught up on.

Each test runs the real window on a real plan file and reads the file back afterwards.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from planner.core.model import Kind, Status, Workout
from planner.ui.dialogs.copy_week import CopyChoice, CopyWeekDialog
from planner.ui.dialogs.review_missed import ReviewMissedDialog
from planner.ui.main_window import MainWindow
from tests.helpers.dates import MON, SAT, SUN, THU, TUE, WEEK
from tests.helpers.editor import modal_editor, set_field
from tests.helpers.keyboard import CTRL, SHIFT, Key, press
from tests.helpers.plans import plan, query, seed
from tests.helpers.windows import open_window, undo_text


def statuses(path: Path) -> list[tuple[date, str, str]]:
    rows = query(path, "SELECT day, title, status FROM workouts ORDER BY day, position")
    return [(date.fromisoformat(day), title, status) for day, title, status in rows]


def copy_week_dialog(qtbot: Any, window: MainWindow) -> CopyWeekDialog:
    qtbot.waitUntil(lambda: window.findChild(CopyWeekDialog) is not None)
    dialog = window.findChild(CopyWeekDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def two_weeks(db_path: Path) -> Path:
    """This week (W47) planned, and next week (W48) with a done run and a planned long run."""
    seed(
        db_path,
        Workout(None, TUE, Kind.RUN, "Tempo run", 0, 45, 8.0, 7),
        Workout(None, SUN, Kind.RUN, "Long run", 0, 100, 16.0, 5),
        Workout(None, TUE + WEEK, Kind.RUN, "Easy run", 0, 35, 6.0, 3, status=Status.DONE),
        Workout(None, SUN + WEEK, Kind.RUN, "Long run", 0, 110, 18.0, 5),
    )
    return db_path


# -- copy week ------------------------------------------------------------------------------
def test_copy_week_onto_a_planned_week_shows_it_and_cancel_changes_nothing(
    qtbot: Any, two_weeks: Path
) -> None:
    window = open_window(qtbot, two_weeks)
    before = statuses(two_weeks)
    press(qtbot, Key.Key_C, CTRL | SHIFT)
    dialog = copy_week_dialog(qtbot, window)
    listing = dialog.findChild(QLabel, "copyWeekExisting")
    assert listing is not None
    assert "Easy run" in listing.text() and "done: stays" in listing.text()
    assert "Long run" in listing.text()
    assert dialog.button(None).isDefault()  # a stray Enter cancels
    qtbot.mouseClick(dialog.button(None), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(CopyWeekDialog) is None)
    assert statuses(two_weeks) == before
    assert window.controller.undo_stack.count() == 0
    assert window.week_view.week.label() == "2026-W47"


def test_replace_planned_keeps_done_work_and_shows_the_target_week(
    qtbot: Any, two_weeks: Path
) -> None:
    window = open_window(qtbot, two_weeks)
    press(qtbot, Key.Key_C, CTRL | SHIFT)
    dialog = copy_week_dialog(qtbot, window)
    qtbot.mouseClick(dialog.button(CopyChoice.REPLACE), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(CopyWeekDialog) is None)
    assert statuses(two_weeks)[2:] == [
        (TUE + WEEK, "Easy run", "done"),  # a record of what happened: never replaced
        (TUE + WEEK, "Tempo run", "planned"),
        (SUN + WEEK, "Long run", "planned"),
    ]
    assert query(two_weeks, "SELECT distance_km FROM workouts WHERE day = ?", "2026-11-29") == [
        (16.0,)
    ]
    assert window.week_view.week.label() == "2026-W48"  # the result is on screen
    assert undo_text(window) == "Undo Replace week 2026-W48 with 2026-W47"
    window.undo_action.trigger()
    assert (SUN + WEEK, "Long run", "planned") in statuses(two_weeks)
    assert query(two_weeks, "SELECT distance_km FROM workouts WHERE day = ?", "2026-11-29") == [
        (18.0,)
    ]


def test_add_to_it_adds_after_what_is_there(qtbot: Any, two_weeks: Path) -> None:
    window = open_window(qtbot, two_weeks)
    press(qtbot, Key.Key_C, CTRL | SHIFT)
    dialog = copy_week_dialog(qtbot, window)
    qtbot.mouseClick(dialog.button(CopyChoice.ADD), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(CopyWeekDialog) is None)
    assert [(d, t) for d, t, _ in statuses(two_weeks)[2:]] == [
        (TUE + WEEK, "Easy run"),
        (TUE + WEEK, "Tempo run"),
        (SUN + WEEK, "Long run"),
        (SUN + WEEK, "Long run"),
    ]
    assert window.week_view.week.label() == "2026-W48"


def test_copy_week_onto_an_empty_week_asks_nothing_and_shows_it(qtbot: Any, db_path: Path) -> None:
    seed(db_path, Workout(None, TUE, Kind.RUN, "Tempo run", 0, 45, 8.0, 7))
    window = open_window(qtbot, db_path)
    press(qtbot, Key.Key_C, CTRL | SHIFT)
    assert window.findChild(CopyWeekDialog) is None
    assert plan(db_path) == [(TUE, "Tempo run"), (TUE + WEEK, "Tempo run")]
    assert window.week_view.week.label() == "2026-W48"


# -- paste ----------------------------------------------------------------------------------
def paste_box(qtbot: Any, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "pasteQuestion") is not None)
    box = window.findChild(QMessageBox, "pasteQuestion")
    assert box is not None
    return box


def test_paste_onto_a_day_with_the_same_kind_asks_first(qtbot: Any, db_path: Path) -> None:
    [easy_id] = seed(db_path, Workout(None, THU, Kind.RUN, "Easy run", 0, 35, 6.0, 3))
    window = open_window(qtbot, db_path)
    window.week_view.select_workout(easy_id)
    press(qtbot, Key.Key_C, CTRL)
    press(qtbot, Key.Key_V, CTRL)  # onto Thursday, which has a run
    box = paste_box(qtbot, window)
    assert "Thursday 19 Nov already has a run" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "pasteQuestion") is None)
    assert plan(db_path) == [(THU, "Easy run")]

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is window.week_view
    press(qtbot, Key.Key_V, CTRL)
    box = paste_box(qtbot, window)
    [anyway] = [b for b in box.buttons() if b.objectName() == "pasteAnyway"]
    anyway.click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "pasteQuestion") is None)
    assert plan(db_path) == [(THU, "Easy run"), (THU, "Easy run")]


def test_paste_onto_a_day_without_that_kind_just_pastes(qtbot: Any, db_path: Path) -> None:
    [easy_id] = seed(
        db_path,
        Workout(None, THU, Kind.RUN, "Easy run", 0, 35, 6.0, 3),
        Workout(None, SAT, Kind.STRENGTH, "Squat jumps", 0, 10, None, 6),
    )[:1]
    window = open_window(qtbot, db_path)
    window.week_view.select_workout(easy_id)
    press(qtbot, Key.Key_C, CTRL)
    window.week_view.select_day(SAT)
    press(qtbot, Key.Key_V, CTRL)
    assert window.findChild(QMessageBox, "pasteQuestion") is None
    assert plan(db_path) == [(THU, "Easy run"), (SAT, "Squat jumps"), (SAT, "Easy run")]


# -- mark planned ---------------------------------------------------------------------------
def test_mark_planned_is_offered_only_when_it_would_change_something(
    qtbot: Any, db_path: Path
) -> None:
    planned_id, done_id = seed(
        db_path,
        Workout(None, THU, Kind.RUN, "Easy run", 0, 35, 6.0, 3),
        Workout(None, TUE, Kind.RUN, "Tempo run", 0, 45, 8.0, 7, status=Status.DONE),
    )
    window = open_window(qtbot, db_path)
    plan_action = window.actions_table["plan"]
    window.week_view.select_workout(planned_id)
    assert window.actions_table["skip"].isEnabled()
    assert not plan_action.isEnabled()
    window.week_view.select_workout(done_id)
    assert plan_action.isEnabled()
    plan_action.trigger()
    assert statuses(db_path)[0] == (TUE, "Tempo run", "planned")
    assert not plan_action.isEnabled()  # follows the change at once


# -- missed ---------------------------------------------------------------------------------
@pytest.fixture
def missed_plan(db_path: Path) -> list[int]:
    """Two runs planned last week and Monday, never recorded, and one done on Tuesday."""
    return seed(
        db_path,
        Workout(None, MON - timedelta(days=3), Kind.RUN, "Long run", 0, 90, 14.0, 5),
        Workout(None, MON, Kind.RUN, "Easy run", 0, 35, 6.0, 3),
        Workout(None, TUE, Kind.RUN, "Tempo run", 0, 45, 8.0, 7, status=Status.DONE),
        Workout(None, THU, Kind.RUN, "Easy run", 0, 35, 6.0, 3),
    )


def test_one_click_on_a_missed_block_marks_it_skipped(
    qtbot: Any, missed_plan: list[int], db_path: Path
) -> None:
    _, monday_id, _, _ = missed_plan
    window = open_window(qtbot, db_path)
    view = window.week_view
    assert view.missed_ids() == [monday_id]  # Thursday is still ahead
    qtbot.mouseClick(
        view, Qt.MouseButton.LeftButton, pos=view.button_rect(monday_id, "skip").center()
    )
    assert statuses(db_path)[1] == (MON, "Easy run", "skipped")
    assert view.missed_ids() == []
    assert view.button_rect(monday_id, "skip").isEmpty()
    assert undo_text(window) == "Undo Mark Easy run skipped"


def test_one_click_done_opens_the_editor_with_the_plan_as_what_was_done(
    qtbot: Any, missed_plan: list[int], db_path: Path
) -> None:
    _, monday_id, _, _ = missed_plan
    window = open_window(qtbot, db_path)
    view = window.week_view
    qtbot.mouseClick(
        view, Qt.MouseButton.LeftButton, pos=view.button_rect(monday_id, "done").center()
    )
    editor = modal_editor(qtbot, window)
    set_field(qtbot, editor, "actual_distance_km", "6.5")
    press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: statuses(db_path)[1][2] == "done")
    assert query(db_path, "SELECT actual_distance_km FROM workouts WHERE id = ?", monday_id) == [
        (6.5,)
    ]


def test_review_missed_walks_through_them_oldest_first(
    qtbot: Any, missed_plan: list[int], db_path: Path
) -> None:
    last_week_id, monday_id, _, _ = missed_plan
    window = open_window(qtbot, db_path)
    window.actions_table["review_missed"].trigger()
    qtbot.waitUntil(lambda: window.findChild(ReviewMissedDialog) is not None)
    dialog = window.findChild(ReviewMissedDialog)
    assert dialog is not None
    current = dialog.current()
    assert current is not None and current.id == last_week_id
    assert "1 of 2" in dialog.summary() and "Long run" in dialog.summary()
    assert window.state.selected_workout_id == last_week_id  # the week shows it
    assert window.week_view.week.label() == "2026-W46"

    qtbot.mouseClick(dialog.button("skip"), Qt.MouseButton.LeftButton)
    current = dialog.current()
    assert current is not None and current.id == monday_id
    assert window.week_view.week.label() == "2026-W47"
    qtbot.mouseClick(dialog.button("leave"), Qt.MouseButton.LeftButton)
    assert dialog.current() is None
    assert "All caught up" in dialog.summary()
    assert "1 marked skipped, 1 left planned" in dialog.summary()
    assert [s for _, _, s in statuses(db_path)] == ["skipped", "planned", "done", "planned"]
    qtbot.mouseClick(dialog.button("close"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(ReviewMissedDialog) is None)


def test_review_missed_says_so_when_nothing_was_missed(qtbot: Any, db_path: Path) -> None:
    window = open_window(qtbot, db_path)
    window.actions_table["review_missed"].trigger()
    qtbot.waitUntil(lambda: window.findChild(ReviewMissedDialog) is not None)
    dialog = window.findChild(ReviewMissedDialog)
    assert dialog is not None
    assert dialog.current() is None and "Nothing missed" in dialog.summary()
    assert not dialog.button("done").isVisible()
    dialog.close()
    assert QApplication.activeModalWidget() is None


def test_review_missed_records_one_as_done_through_the_editor(
    qtbot: Any, missed_plan: list[int], db_path: Path
) -> None:
    last_week_id, monday_id, _, _ = missed_plan
    window = open_window(qtbot, db_path)
    window.actions_table["review_missed"].trigger()
    qtbot.waitUntil(lambda: window.findChild(ReviewMissedDialog) is not None)
    dialog = window.findChild(ReviewMissedDialog)
    assert dialog is not None
    qtbot.mouseClick(dialog.button("done"), Qt.MouseButton.LeftButton)
    editor = modal_editor(qtbot, window)
    assert editor.windowTitle() == "Done: Long run"
    set_field(qtbot, editor, "actual_distance_km", "13.2")
    press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: dialog.current() is not None and dialog.current().id == monday_id)
    assert query(
        db_path, "SELECT status, actual_distance_km FROM workouts WHERE id = ?", last_week_id
    ) == [("done", 13.2)]
    assert undo_text(window) == "Undo Mark Long run done"
    dialog.close()
