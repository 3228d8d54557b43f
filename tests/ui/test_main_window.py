"""The whole main window on a real plan file: keyboard, drops, editing, menus, state, errors.

Every test builds the real app with :func:`planner.app.build_main_window` on a fresh SQLite
file and checks what a user would notice: what the file holds afterwards (read back through a
separate read-only connection, or by closing the window and opening the file again), what the
window shows, and what the Edit menu offers to undo.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)

from planner.app import build_main_window
from planner.core.model import Kind, Workout
from planner.ui.dialogs.workout_editor import WorkoutEditor
from planner.ui.main_window import MainWindow
from planner.ui.mime import encode_template, encode_workouts
from tests.helpers.dates import FRI, MON, SAT, SUN, THU, TODAY, TUE, WED, WEEK
from tests.helpers.editor import modal_editor, set_field, wait_editor_gone
from tests.helpers.event_loop import next_turn
from tests.helpers.keyboard import ALT, CTRL, SHIFT, Key, press, type_text
from tests.helpers.plans import plan, query, seed, stored
from tests.helpers.windows import open_window, template_id, undo_text


# -- helpers ----------------------------------------------------------------------------------
def when_modal(object_name: str, handle: Callable[[QWidget], None]) -> None:
    """Call ``handle`` with the modal dialog ``object_name`` as soon as it is up.

    For dialogs shown with ``exec()``, which only return once the user answered.
    """

    def attempt(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.objectName() == object_name:
            handle(dialog)
        elif left:
            QTimer.singleShot(10, lambda: attempt(left - 1))
        elif dialog is not None:
            dialog.close()  # never hang the test run; the test then fails on its asserts

    QTimer.singleShot(0, lambda: attempt(300))


# -- 1. the keyboard alone ------------------------------------------------------------------
def add_from_library(qtbot: Any, window: MainWindow, query_text: str, name: str) -> None:
    """Ctrl+2, Ctrl+F, type a filter, Enter (first match), Enter (add to the selected day)."""
    press(qtbot, Key.Key_2, CTRL)
    press(qtbot, Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.library.filter_edit()
    type_text(qtbot, query_text)
    assert [t.name for t in window.library.shown_templates()] == [name]
    press(qtbot, Key.Key_Return)
    current = window.library.current_template()
    assert current is not None and current.name == name
    press(qtbot, Key.Key_Return)


def test_a_whole_week_planned_undone_and_redone_with_the_keyboard_alone(
    qtbot: Any, window: MainWindow, db_path: Path
) -> None:
    view = window.week_view
    assert plan(db_path) == []
    assert QApplication.focusWidget() is view
    assert view.selected_day == WED
    history: list[list[tuple[date, str]]] = [[]]  # the file after each undoable step
    texts: list[str] = []  # what the Edit menu offers to undo after each step

    def step(text: str, expected: list[tuple[date, str]]) -> None:
        assert plan(db_path) == expected
        assert undo_text(window) == f"Undo {text}"
        history.append(expected)
        texts.append(text)

    # Library: arrow keys to Tempo run, Enter adds it to the selected day (today).
    press(qtbot, Key.Key_2, CTRL)
    assert QApplication.focusWidget() is window.library.view()
    for _ in range(10):
        current = window.library.current_template()
        if current is not None and current.name == "Tempo run":
            break
        press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Return)
    step("Add Tempo run to Wed 18 Nov", [(WED, "Tempo run")])
    [tempo_id] = [w.id for w in view.workouts]
    assert stored(db_path, tempo_id) | {"id": None} == {
        "id": None,
        "day": "2026-11-18",
        "kind": "run",
        "title": "Tempo run",
        "position": 0,
        "duration_min": 45.0,
        "distance_km": 8.0,
        "rpe": 7.0,
        "notes": "Warm up, 20 min comfortably hard, cool down.",
        "status": "planned",
        "actual_duration_min": None,
        "actual_distance_km": None,
        "actual_rpe": None,
        "heavy_legs": 0,
        "race": 0,
        "plan_day": None,
    }

    # Back to the week: Alt+Left moves the new (selected) block a day earlier.
    press(qtbot, Key.Key_1, CTRL)
    assert QApplication.focusWidget() is view
    assert view.selected_workout_id == tempo_id
    press(qtbot, Key.Key_Left, ALT)
    step("Move Tempo run to Tue 17 Nov", [(TUE, "Tempo run")])

    # Left to Monday, then the library's filter: "easy run", Enter, Enter.
    press(qtbot, Key.Key_Left)
    assert (view.selected_day, view.selected_workout_id) == (MON, None)
    add_from_library(qtbot, window, "easy run", "Easy run")
    step("Add Easy run to Mon 16 Nov", [(MON, "Easy run"), (TUE, "Tempo run")])

    # Ctrl+C on Monday's run, three days right, Ctrl+V.
    press(qtbot, Key.Key_1, CTRL)
    press(qtbot, Key.Key_C, CTRL)
    assert plan(db_path) == history[-1]  # copying changes nothing
    for _ in range(3):
        press(qtbot, Key.Key_Right)
    assert view.selected_day == THU
    press(qtbot, Key.Key_V, CTRL)
    step("Add Easy run to Thu 19 Nov", [(MON, "Easy run"), (TUE, "Tempo run"), (THU, "Easy run")])

    # Ctrl+D duplicates it right after itself.
    press(qtbot, Key.Key_D, CTRL)
    step(
        "Duplicate Easy run",
        [(MON, "Easy run"), (TUE, "Tempo run"), (THU, "Easy run"), (THU, "Easy run")],
    )

    # Ctrl+X cuts the duplicate, Ctrl+V on Saturday puts it there: a move in two steps.
    press(qtbot, Key.Key_X, CTRL)
    step("Delete Easy run", [(MON, "Easy run"), (TUE, "Tempo run"), (THU, "Easy run")])
    press(qtbot, Key.Key_Right)
    press(qtbot, Key.Key_Right)
    assert view.selected_day == SAT
    press(qtbot, Key.Key_V, CTRL)
    step(
        "Add Easy run to Sat 21 Nov",
        [(MON, "Easy run"), (TUE, "Tempo run"), (THU, "Easy run"), (SAT, "Easy run")],
    )

    # A long run on Saturday, after the easy run; Alt+Right moves it to Sunday.
    add_from_library(qtbot, window, "long", "Long run")
    step(
        "Add Long run to Sat 21 Nov",
        [
            (MON, "Easy run"),
            (TUE, "Tempo run"),
            (THU, "Easy run"),
            (SAT, "Easy run"),
            (SAT, "Long run"),
        ],
    )
    press(qtbot, Key.Key_1, CTRL)
    press(qtbot, Key.Key_Right, ALT)
    week = [(MON, "Easy run"), (TUE, "Tempo run"), (THU, "Easy run"), (SAT, "Easy run")]
    step("Move Long run to Sun 22 Nov", [*week, (SUN, "Long run")])
    week.append((SUN, "Long run"))

    # Four days left to Wednesday: a rest day, then sprints that Delete removes again.
    for _ in range(4):
        press(qtbot, Key.Key_Left)
    assert (view.selected_day, view.selected_workout_id) == (WED, None)
    add_from_library(qtbot, window, "rest day", "Rest day")
    week.insert(2, (WED, "Rest day"))
    step("Add Rest day to Wed 18 Nov", list(week))
    add_from_library(qtbot, window, "sprints", "Beginner sprints")
    step("Add Beginner sprints to Wed 18 Nov", [*week[:3], (WED, "Beginner sprints"), *week[3:]])
    press(qtbot, Key.Key_1, CTRL)
    assert view.selected_workout() is not None
    assert view.selected_workout().title == "Beginner sprints"  # type: ignore[union-attr]
    press(qtbot, Key.Key_Delete)
    step("Delete Beginner sprints", list(week))

    # Ctrl+Shift+C copies the week onto the next one.
    press(qtbot, Key.Key_C, CTRL | SHIFT)
    final = week + [(day + WEEK, title) for day, title in week]
    step("Copy week 2026-W47 to 2026-W48", final)
    assert query(db_path, "SELECT DISTINCT status FROM workouts") == [("planned",)]
    assert [w.title for w in view.workouts] == [title for _, title in week]

    # Ctrl+Z walks back through every step, each one named in the Edit menu.
    assert len(history) == 14 and window.controller.undo_stack.count() == 13
    assert QApplication.focusWidget() is view
    for text, before in zip(reversed(texts), reversed(history[:-1]), strict=True):
        assert undo_text(window) == f"Undo {text}"
        press(qtbot, Key.Key_Z, CTRL)
        assert plan(db_path) == before
    assert plan(db_path) == []
    assert not window.undo_action.isEnabled()
    assert view.workouts == []

    # Ctrl+Shift+Z brings every step back.
    for text, after in zip(texts, history[1:], strict=True):
        assert window.redo_action.text().replace("&", "") == f"Redo {text}"
        press(qtbot, Key.Key_Z, CTRL | SHIFT)
        assert plan(db_path) == after
    assert plan(db_path) == final
    assert not window.redo_action.isEnabled()

    # The plan survives a restart.
    window.close()
    again = open_window(qtbot, db_path)
    assert plan(db_path) == final
    assert [(w.day, w.title) for w in again.week_view.workouts] == week
    again.next_week()
    assert [(w.day - WEEK, w.title) for w in again.week_view.workouts] == week


# -- 2. the mouse path: the drop handler ----------------------------------------------------
def test_drops_add_move_and_copy_and_the_edit_menu_undoes_them(
    window: MainWindow, db_path: Path
) -> None:
    view = window.week_view

    # The library's own drag payload for "Easy run", dropped on Saturday.
    model = window.library.model()
    payload = model.mimeData([model.index_of(name="Easy run")])
    assert view.drop_mime_data(payload, SAT, None)
    [easy] = view.workouts
    assert easy.id is not None
    row = stored(db_path, easy.id)
    assert (row["day"], row["title"], row["kind"], row["status"]) == (
        "2026-11-21",
        "Easy run",
        "run",
        "planned",
    )
    assert (row["duration_min"], row["distance_km"], row["rpe"]) == (35.0, 6.0, 3.0)
    assert view.selected_workout_id == easy.id
    assert undo_text(window) == "Undo Add Easy run to Sat 21 Nov"

    # A library entry dropped into the gap before it.
    assert view.drop_mime_data(encode_template(template_id(window, "Long run")), SAT, 0)
    assert plan(db_path) == [(SAT, "Long run"), (SAT, "Easy run")]
    long_id = view.selected_workout_id
    assert long_id is not None
    long_row = stored(db_path, long_id)
    assert (long_row["duration_min"], long_row["distance_km"], long_row["rpe"]) == (90, 15, 3)

    # Dragging the long run's block onto Sunday moves it.
    assert view.drop_mime_data(encode_workouts([long_id]), SUN, 0)
    assert plan(db_path) == [(SAT, "Easy run"), (SUN, "Long run")]
    assert undo_text(window) == "Undo Move Long run to Sun 22 Nov"
    assert stored(db_path, long_id)["day"] == "2026-11-22"

    # Ctrl-dragging the easy run onto Tuesday copies it; the original stays.
    assert view.drop_mime_data(encode_workouts([easy.id]), TUE, None, copy=True)
    assert plan(db_path) == [(TUE, "Easy run"), (SAT, "Easy run"), (SUN, "Long run")]
    assert undo_text(window) == "Undo Copy Easy run to Tue 17 Nov"

    # Dropping a block where it already is changes nothing and adds no undo step.
    assert not view.drop_mime_data(encode_workouts([long_id]), SUN, 0)
    assert window.controller.undo_stack.count() == 4

    # Edit > Undo, four times, back to nothing; the view follows the file.
    edit_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Edit"
    )
    assert window.undo_action in edit_menu.actions()
    expected = [
        [(SAT, "Easy run"), (SUN, "Long run")],
        [(SAT, "Long run"), (SAT, "Easy run")],
        [(SAT, "Easy run")],
        [],
    ]
    for after in expected:
        window.undo_action.trigger()
        assert plan(db_path) == after
        assert [(w.day, w.title) for w in view.workouts] == after
    assert not window.undo_action.isEnabled()
    window.redo_action.trigger()
    assert plan(db_path) == [(SAT, "Easy run")]


# -- 3. editing -----------------------------------------------------------------------------
@pytest.fixture
def planned_week(db_path: Path) -> list[int]:
    """A Thursday easy run and a Saturday tempo run, already in the file."""
    return seed(
        db_path,
        Workout(None, THU, Kind.RUN, "Easy run", 0, 35, 6.0, 3),
        Workout(None, SAT, Kind.RUN, "Tempo run", 0, 45, 8.0, 7),
    )


def test_enter_edits_a_block_and_saving_is_one_undo_step(
    qtbot: Any, planned_week: list[int], db_path: Path
) -> None:
    easy_id, _tempo_id = planned_week
    window = open_window(qtbot, db_path)
    view = window.week_view
    view.select_workout(easy_id)
    press(qtbot, Key.Key_Return)
    editor = modal_editor(qtbot, window)
    assert editor.windowTitle() == "Edit Easy run"

    set_field(qtbot, editor, "title", "Easy run + strides")
    set_field(qtbot, editor, "duration_min", "40")
    set_field(qtbot, editor, "distance_km", "7.5")
    qtbot.mouseClick(editor.field("save"), Qt.MouseButton.LeftButton)
    wait_editor_gone(qtbot, window)

    row = stored(db_path, easy_id)
    assert (row["title"], row["duration_min"], row["distance_km"], row["rpe"]) == (
        "Easy run + strides",
        40.0,
        7.5,
        3.0,
    )
    assert (row["day"], row["status"]) == ("2026-11-19", "planned")
    assert window.controller.undo_stack.count() == 1
    assert undo_text(window) == "Undo Edit Easy run + strides"
    assert QApplication.focusWidget() is view
    assert view.selected_workout_id == easy_id

    press(qtbot, Key.Key_Z, CTRL)
    row = stored(db_path, easy_id)
    assert (row["title"], row["duration_min"], row["distance_km"]) == ("Easy run", 35.0, 6.0)


def test_mark_done_prefills_the_actuals_and_mark_skipped_needs_no_dialog(
    qtbot: Any, planned_week: list[int], db_path: Path
) -> None:
    easy_id, tempo_id = planned_week
    window = open_window(qtbot, db_path)
    window.week_view.select_workout(easy_id)

    press(qtbot, Key.Key_Return, CTRL)  # Mark Done…
    editor = modal_editor(qtbot, window)
    assert editor.field("status_done").isChecked()  # type: ignore[union-attr]
    prefilled = [
        editor.field(name).text()  # type: ignore[union-attr]
        for name in ("actual_duration_min", "actual_distance_km", "actual_rpe")
    ]
    assert prefilled == ["35", "6", "3"]
    assert QApplication.focusWidget() is editor.field("actual_duration_min")
    set_field(qtbot, editor, "actual_distance_km", "6.4")
    set_field(qtbot, editor, "actual_rpe", "4")
    editor.field("heavy_legs").setChecked(True)  # type: ignore[union-attr]
    press(qtbot, Key.Key_Return, CTRL)  # Ctrl+Return saves the dialog
    wait_editor_gone(qtbot, window)

    row = stored(db_path, easy_id)
    assert row["status"] == "done"
    assert (row["actual_duration_min"], row["actual_distance_km"], row["actual_rpe"]) == (
        35.0,
        6.4,
        4.0,
    )
    assert row["heavy_legs"] == 1
    assert (row["duration_min"], row["distance_km"], row["rpe"]) == (35.0, 6.0, 3.0)
    assert window.controller.undo_stack.count() == 1

    # Ctrl+Shift+Return marks the tempo run skipped straight away.
    press(qtbot, Key.Key_Right)
    press(qtbot, Key.Key_Right)
    assert (window.week_view.selected_day, window.week_view.selected_workout_id) == (SAT, None)
    press(qtbot, Key.Key_Down)
    assert window.week_view.selected_workout_id == tempo_id
    press(qtbot, Key.Key_Return, CTRL | SHIFT)
    assert window.findChild(WorkoutEditor) is None
    assert stored(db_path, tempo_id)["status"] == "skipped"
    assert undo_text(window) == "Undo Mark Tempo run skipped"
    press(qtbot, Key.Key_Z, CTRL)
    assert stored(db_path, tempo_id)["status"] == "planned"
    press(qtbot, Key.Key_Z, CTRL)
    assert stored(db_path, easy_id)["status"] == "planned"
    assert stored(db_path, easy_id)["actual_distance_km"] is None


def test_ctrl_n_plans_a_new_workout_on_the_selected_day(
    qtbot: Any, window: MainWindow, db_path: Path
) -> None:
    press(qtbot, Key.Key_Right)
    press(qtbot, Key.Key_Right)
    assert window.week_view.selected_day == FRI
    press(qtbot, Key.Key_N, CTRL)
    editor = modal_editor(qtbot, window)
    assert editor.windowTitle() == "New workout on Friday 20 Nov"
    assert editor.field("title").text() == "Easy run"  # type: ignore[union-attr]
    set_field(qtbot, editor, "title", "Recovery jog")
    set_field(qtbot, editor, "distance_km", "4")
    qtbot.mouseClick(editor.field("save"), Qt.MouseButton.LeftButton)
    wait_editor_gone(qtbot, window)
    assert plan(db_path) == [(FRI, "Recovery jog")]
    new_id = window.week_view.selected_workout_id
    assert new_id is not None
    row = stored(db_path, new_id)
    assert (row["kind"], row["duration_min"], row["distance_km"]) == ("run", 35.0, 4.0)
    assert undo_text(window) == "Undo Add Recovery jog to Fri 20 Nov"


def test_an_impossible_value_keeps_the_editor_open_and_writes_nothing(
    qtbot: Any, planned_week: list[int], db_path: Path
) -> None:
    easy_id, _ = planned_week
    before = query(db_path, "SELECT * FROM workouts ORDER BY id")
    window = open_window(qtbot, db_path)
    window.week_view.select_workout(easy_id)
    press(qtbot, Key.Key_F2)
    editor = modal_editor(qtbot, window)

    set_field(qtbot, editor, "distance_km", "0")
    qtbot.mouseClick(editor.field("save"), Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert "more than zero" in editor.error_message("distance_km")
    assert QApplication.focusWidget() is editor.field("distance_km")
    assert query(db_path, "SELECT * FROM workouts ORDER BY id") == before
    assert window.controller.undo_stack.count() == 0

    press(qtbot, Key.Key_Escape)
    wait_editor_gone(qtbot, window)
    assert query(db_path, "SELECT * FROM workouts ORDER BY id") == before
    assert window.controller.undo_stack.count() == 0


def test_paste_works_right_after_cut_or_copy(
    qtbot: Any, planned_week: list[int], db_path: Path
) -> None:
    _, tempo_id = planned_week
    window = open_window(qtbot, db_path)
    window.week_view.select_workout(tempo_id)
    assert not window.paste_action.isEnabled()  # nothing to paste yet

    press(qtbot, Key.Key_X, CTRL)
    assert plan(db_path) == [(THU, "Easy run")]
    assert window.paste_action.isEnabled()
    press(qtbot, Key.Key_V, CTRL)  # changed my mind: put it back
    assert plan(db_path) == [(THU, "Easy run"), (SAT, "Tempo run")]

    for key in (Key.Key_Left, Key.Key_Left, Key.Key_Down):  # to Thursday's first block
        press(qtbot, key)
    assert window.week_view.selected_workout() is not None
    assert window.week_view.selected_workout().title == "Easy run"  # type: ignore[union-attr]
    press(qtbot, Key.Key_C, CTRL)
    # A second easy run right after the first: Thursday has a run, so the paste asks first.
    when_modal("pasteQuestion", lambda box: box.findChild(QWidget, "pasteAnyway").click())  # type: ignore[union-attr]
    press(qtbot, Key.Key_V, CTRL)
    qtbot.waitUntil(lambda: len(plan(db_path)) == 3)
    assert plan(db_path) == [(THU, "Easy run"), (THU, "Easy run"), (SAT, "Tempo run")]
    assert undo_text(window) == "Undo Add Easy run to Thu 19 Nov"


# -- 4. the context menu --------------------------------------------------------------------
def open_context_menu(qtbot: Any, window: MainWindow, pos: QPoint) -> QMenu:
    view = window.week_view
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.mapToGlobal(pos))
    QApplication.sendEvent(view, event)
    menus = [m for m in window.findChildren(QMenu) if m.isVisible()]
    assert len(menus) == 1, "expected one open context menu"
    return menus[0]


def close_menu(qtbot: Any, window: MainWindow, menu: QMenu) -> None:
    menu.close()
    qtbot.waitUntil(lambda: not any(m.isVisible() for m in window.findChildren(QMenu)))


def choose(qtbot: Any, window: MainWindow, menu: QMenu, action: QAction) -> None:
    """Click ``action`` in the open ``menu`` (the menu closes and deletes itself)."""
    assert action in menu.actions() and action.isEnabled()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not any(m.isVisible() for m in window.findChildren(QMenu)))


def menu_texts(menu: QMenu) -> list[str]:
    return [a.text().replace("&", "") if not a.isSeparator() else "-" for a in menu.actions()]


def test_context_menu_on_a_block_and_on_an_empty_day(
    qtbot: Any, planned_week: list[int], db_path: Path
) -> None:
    easy_id, _ = planned_week
    window = open_window(qtbot, db_path)
    view = window.week_view
    assert not window.edit_action.isEnabled()  # nothing selected yet

    menu = open_context_menu(qtbot, window, view.block_rect(easy_id).center())
    assert view.selected_workout_id == easy_id
    assert menu_texts(menu) == [
        "Edit Workout…",
        "Mark Done…",
        "Mark Skipped",
        "Mark Planned",
        "Why Heavy Legs?…",
        "-",
        "Duplicate",
        "Cut",
        "Copy",
        "Delete",
        "-",
        "Save as Template…",
        "-",
        "Show Activity…",
        "Link Activity…",
        "Unlink Activity",
    ]
    # Everything applies to a planned block but Mark Planned, which would change nothing, and
    # what needs a recorded activity (this block has none: it can only be linked to one), and
    # Why Heavy Legs?… (it was not done, so no heavy legs were reported).
    enabled = {a.text().replace("&", ""): a.isEnabled() for a in menu.actions() if a.text()}
    assert [text for text, on in enabled.items() if not on] == [
        "Mark Planned",
        "Why Heavy Legs?…",
        "Show Activity…",
        "Unlink Activity",
    ]
    shortcuts = {
        a.text().replace("&", ""): a.shortcut().toString()
        for a in menu.actions()
        if not a.shortcut().isEmpty()
    }
    assert shortcuts == {
        "Edit Workout…": "F2",
        "Mark Done…": "Ctrl+Return",
        "Mark Skipped": "Ctrl+Shift+Return",
        "Mark Planned": "Ctrl+Alt+Return",
        "Why Heavy Legs?…": "Ctrl+Alt+H",
        "Duplicate": "Ctrl+D",
        "Cut": "Ctrl+X",
        "Copy": "Ctrl+C",
        "Delete": "Del",
        "Save as Template…": "Ctrl+Shift+S",
        "Show Activity…": "Ctrl+Shift+Y",
        "Link Activity…": "Ctrl+Alt+K",
        "Unlink Activity": "Ctrl+Alt+Shift+K",
    }
    close_menu(qtbot, window, menu)

    # Save as Template… asks for a name (a modal dialog) and adds the entry to the library.
    def name_it(dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit)
        assert field is not None and field.text() == "Easy run"
        field.selectAll()
        qtbot.keyClicks(field, "Thursday shakeout")
        qtbot.keyClick(field, Key.Key_Return)

    menu = open_context_menu(qtbot, window, view.block_rect(easy_id).center())
    when_modal("templateNameDialog", name_it)
    choose(qtbot, window, menu, window.template_action)
    assert "Thursday shakeout" in [t.name for t in window.library.shown_templates()]
    assert query(
        db_path,
        "SELECT kind, duration_min, distance_km, rpe FROM templates WHERE name = ?",
        "Thursday shakeout",
    ) == [("run", 35.0, 6.0, 3.0)]

    # Choosing Duplicate from the menu does what Ctrl+D does.
    menu = open_context_menu(qtbot, window, view.block_rect(easy_id).center())
    choose(qtbot, window, menu, window.duplicate_action)
    assert plan(db_path) == [(THU, "Easy run"), (THU, "Easy run"), (SAT, "Tempo run")]

    # On an empty day: new workout, paste (nothing copied yet), copy the week.
    friday = view.day_rect(FRI)
    menu = open_context_menu(qtbot, window, QPoint(friday.center().x(), friday.bottom() - 20))
    assert (view.selected_day, view.selected_workout_id) == (FRI, None)
    assert menu_texts(menu) == [
        "New Workout…",
        "Paste",
        "-",
        "Copy Week 2026-W47 to 2026-W48",
    ]
    assert [a.isEnabled() for a in menu.actions()] == [True, False, True, True]
    close_menu(qtbot, window, menu)
    for action in (window.edit_action, window.done_action, window.delete_action):
        assert not action.isEnabled()


# -- 5. navigation --------------------------------------------------------------------------
def test_week_navigation_keys_and_the_toolbar_label(qtbot: Any, window: MainWindow) -> None:
    view = window.week_view
    label = window.findChild(QLabel, "weekLabel")
    assert label is not None

    def shown() -> tuple[date, str]:
        assert view.week.label() in label.text()
        return view.week.start, view.week.label()

    assert shown() == (MON, "2026-W47")
    press(qtbot, Key.Key_PageDown, CTRL)
    assert shown() == (date(2026, 11, 23), "2026-W48")
    assert view.selected_day == date(2026, 11, 25)  # the weekday is kept
    press(qtbot, Key.Key_PageUp, CTRL)
    press(qtbot, Key.Key_PageUp, CTRL)
    assert shown() == (date(2026, 11, 9), "2026-W46")
    for _ in range(8):  # 2026 has 53 ISO weeks
        press(qtbot, Key.Key_PageDown, CTRL)
    assert shown() == (date(2027, 1, 4), "2027-W01")
    press(qtbot, Key.Key_PageUp, CTRL)
    assert shown() == (date(2026, 12, 28), "2026-W53")
    press(qtbot, Key.Key_T, CTRL)
    assert shown() == (MON, "2026-W47")
    assert view.selected_day == TODAY
    assert window.copy_week_action.text() == "Copy Week 2026-W47 to 2026-W48"


# -- 6. window state ------------------------------------------------------------------------
def test_geometry_and_docks_are_restored_on_the_next_start(qtbot: Any, db_path: Path) -> None:
    first = open_window(qtbot, db_path)
    assert first.height() != 610
    dock = first.findChild(QDockWidget, "libraryDock")
    assert dock is not None
    assert first.dockWidgetArea(dock) is Qt.DockWidgetArea.LeftDockWidgetArea
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    # Only the height: the offscreen screen is narrower than the window's minimum width (with
    # both docks on the right now).
    size = QSize(first.minimumSizeHint().width(), 610)
    first.resize(size)
    first.close()

    second = open_window(qtbot, db_path)
    dock = second.findChild(QDockWidget, "libraryDock")
    assert dock is not None
    assert second.size() == size
    assert second.dockWidgetArea(dock) is Qt.DockWidgetArea.RightDockWidgetArea
    assert dock.isVisible()
    press(qtbot, Key.Key_L, CTRL)  # View > Library: hide it
    assert not dock.isVisible()
    second.close()

    third = open_window(qtbot, db_path)
    dock = third.findChild(QDockWidget, "libraryDock")
    assert dock is not None
    assert not dock.isVisible()
    assert not third.library_action.isChecked()
    assert third.height() == size.height()  # (the width fits the narrow screen now)


# -- 7. the empty state ---------------------------------------------------------------------
def test_a_new_plan_shows_the_empty_week_hint(
    qtbot: Any, window: MainWindow, db_path: Path
) -> None:
    view = window.week_view
    assert plan(db_path) == []
    assert view.workouts == []
    # The hint card sits in the middle of the week, away from Monday and the header.
    middle = QRect(0, 0, 240, 50)
    middle.moveCenter(
        QRect(view.day_rect(MON).topLeft(), view.day_rect(SUN).bottomRight()).center()
    )
    assert not middle.intersects(view.day_rect(MON))
    view.select_day(MON)

    def middle_pixels() -> Any:
        return view.grab().toImage().copy(middle)

    empty = middle_pixels()
    assert view.drop_mime_data(encode_template(template_id(window, "Rest day")), MON, None)
    assert plan(db_path) == [(MON, "Rest day")]
    planned = middle_pixels()
    assert planned != empty  # the hint is gone once the week has a workout
    window.undo_action.trigger()
    assert plan(db_path) == []
    view.select_day(MON)
    assert middle_pixels() == empty  # and back when the week is empty again


# -- 8. errors ------------------------------------------------------------------------------
def test_a_locked_file_shows_an_error_and_nothing_changes(
    qtbot: Any, planned_week: list[int], db_path: Path
) -> None:
    window = open_window(qtbot, db_path)
    view = window.week_view
    before = query(db_path, "SELECT * FROM workouts ORDER BY id")
    blocker = sqlite3.connect(db_path, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
        dropped = view.drop_mime_data(encode_template(template_id(window, "Long run")), SUN, None)
        assert not dropped
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None
        qtbot.waitUntil(box.isVisible)
        assert "locked" in box.text()
        assert "try again" in box.informativeText()
        assert "not saved" in box.informativeText()
        assert [(w.day, w.title) for w in view.workouts] == [
            (THU, "Easy run"),
            (SAT, "Tempo run"),
        ]
        assert window.controller.undo_stack.count() == 0
    finally:
        blocker.close()
    assert query(db_path, "SELECT * FROM workouts ORDER BY id") == before
    assert window.statusBar().currentMessage() == box.text()

    # Once the other program lets go, the same drop works.
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorBox") is None)
    assert view.drop_mime_data(encode_template(template_id(window, "Long run")), SUN, None)
    assert plan(db_path) == [(THU, "Easy run"), (SAT, "Tempo run"), (SUN, "Long run")]


class _PdfPathPrinter:
    """Answers the Export dialog with a fixed path (a file dialog cannot be driven offscreen)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.asked: list[str] = []

    def __call__(self, default: str) -> str:
        self.asked.append(default)
        return str(self.path)


def test_file_menu_exports_the_week_on_screen_as_pdf(
    qtbot: Any, planned_week: list[int], db_path: Path, tmp_path: Path
) -> None:
    from tests.pdf import pdf_text

    window = open_window(qtbot, db_path)
    file_menu_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert {"&Print Week…", "Print Pre&view…", "&Export Week as PDF…"} <= set(file_menu_texts)
    answer = _PdfPathPrinter(tmp_path / "fridge.pdf")
    window.week_printer._ask_pdf_path = answer  # type: ignore[method-assign]
    window.pdf_action.trigger()
    assert answer.asked and answer.asked[0].endswith("legwork-2026-W47.pdf")
    assert (tmp_path / "fridge.pdf").read_bytes().startswith(b"%PDF")
    text = pdf_text(tmp_path / "fridge.pdf")
    assert "2026-W47" in text
    assert "Easy run" in text and "Tempo run" in text
    assert "fridge.pdf" in window.statusBar().currentMessage()


# -- 9. settings reach every view -----------------------------------------------------------
def test_weeks_starting_on_sunday_reshape_the_view_the_printout_and_copy_week(
    qtbot: Any, db_path: Path
) -> None:
    sunday = date(2026, 11, 15)
    seed(
        db_path,
        Workout(None, sunday, Kind.RUN, "Long run", 0, 100, 16.0, 5),
        Workout(None, SAT, Kind.RUN, "Easy run", 0, 35, 6.0, 3),
        Workout(None, SUN, Kind.RUN, "Tempo run", 0, 45, 8.0, 7),
    )
    window = open_window(qtbot, db_path)
    view = window.week_view
    assert [w.title for w in view.workouts] == ["Easy run", "Tempo run"]  # Monday to Sunday

    assert window.controller.set_setting("first-weekday", "sunday")
    assert view.week.start == sunday
    assert [w.title for w in view.workouts] == ["Long run", "Easy run"]
    assert view.selected_day == TODAY
    label = window.findChild(QLabel, "weekLabel")
    assert label is not None and "2026-W47" in label.text()
    assert window.copy_week_action.text() == "Copy Week 2026-W47 to 2026-W48"
    printout = window.week_printer.sheet().html()
    assert "Sunday to Saturday, 15 – 21 November 2026" in printout
    assert "Tempo run" not in printout

    # Sunday 22 starts the next week and holds a run: Copy Week shows it and asks.
    def add_to_it(dialog: QWidget) -> None:
        assert "Tempo run" in dialog.findChild(QLabel, "copyWeekExisting").text()  # type: ignore[union-attr]
        dialog.findChild(QWidget, "addToIt").click()  # type: ignore[union-attr]

    when_modal("copyWeekDialog", add_to_it)
    press(qtbot, Key.Key_C, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(plan(db_path)) == 5)
    assert plan(db_path) == [
        (sunday, "Long run"),
        (SAT, "Easy run"),
        (SUN, "Tempo run"),
        (SUN, "Long run"),  # Sunday 15 onto Sunday 22, after what it holds
        (SAT + WEEK, "Easy run"),
    ]
    assert undo_text(window) == "Undo Copy week 2026-W47 to 2026-W48"


def test_in_miles_the_copied_text_uses_miles(
    qtbot: Any, planned_week: list[int], db_path: Path
) -> None:
    easy_id, _ = planned_week
    window = open_window(qtbot, db_path)
    assert window.controller.set_setting("units", "mi")
    window.week_view.select_workout(easy_id)
    press(qtbot, Key.Key_C, CTRL)
    clipboard = QApplication.clipboard()
    assert clipboard is not None
    assert clipboard.text() == "Thu 19 Nov: Easy run (35 min · 3.7 mi · RPE 3)"


class _CloseAfterFirstPaint(QObject):
    """Closes the window on the turn of the event loop right after the week's first paint."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.week_view.installEventFilter(self)  # runs before the filters installed earlier

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._window.close)
        return False


def test_closing_right_after_the_first_paint_shows_no_errors(qtbot: Any, db_path: Path) -> None:
    """Work waiting for the first paint (warnings, charts) finds the plan closed, quietly."""
    seed(db_path, Workout(None, TODAY, Kind.RUN, "Easy run", 0, 35.0, 6.0, 3.0))
    window = build_main_window(db_path, today=TODAY)
    qtbot.addWidget(window)
    errors: list[tuple[str, str]] = []
    window.controller.failed.connect(lambda message, hint: errors.append((message, hint)))
    _CloseAfterFirstPaint(window)
    window.show()
    qtbot.waitUntil(lambda: not window.isVisible())  # closed, and the plan file with it
    next_turn(qtbot)  # the warnings' first evaluation, due on the turn after the paint, ran
    assert errors == []
