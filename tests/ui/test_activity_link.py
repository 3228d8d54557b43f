"""Show Activity, Link… and Unlink on the selected block, the runner's way.

The real window on a plan file holding imported activities: each command is run as the Edit
menu or the block's context menu runs it (its action), the Link… dialog answered with its
own button; a link makes the workout done as recorded, Unlink gives it back exactly as it
was, and Ctrl+Z undoes each.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget

from planner.core.model import Kind, Status, Workout
from planner.core.service import PlanService
from planner.storage.db import open_database
from planner.ui.main_window import MainWindow
from planner.ui.selection_actions import BLOCK_MENU
from planner.ui.window_layout import MENUS
from tests.helpers.activities import recorded_run
from tests.helpers.dates import THU, TUE, WED
from tests.helpers.plans import seed
from tests.helpers.windows import open_window

ACTIONS = ("show_activity", "link_activity", "unlink_activity")


def plan_with_activities(path: Path) -> dict[str, int]:
    """A linked easy run (Tuesday), a planned tempo run (Thursday) and an unlinked recording.

    The Wednesday recording is a run with no plan that day: the import makes it a done
    workout of its own, which Unlink then removes, so the test unlinks it first to leave
    an activity Link… can offer.
    """
    easy, tempo = seed(
        path,
        Workout(None, TUE, Kind.RUN, "Easy run", 40, 7.0, rpe=4),
        Workout(None, THU, Kind.RUN, "Tempo run", 50, 10.0, rpe=7, notes="4 x 8 min"),
    )
    with open_database(path) as database:
        service = PlanService(database.repository)
        service.import_activities(
            [recorded_run(TUE, seconds=2400), recorded_run(WED, seconds=3000, seed=2)]
        )
        (wednesday,) = service.activities.between(WED, WED)
        assert wednesday.id is not None
        service.unlink(wednesday.id)
    return {"easy": easy, "tempo": tempo, "activity": wednesday.id}


def window_on(qtbot: Any, tmp_path: Path) -> tuple[MainWindow, dict[str, int]]:
    ids = plan_with_activities(tmp_path / "plan.db")
    return open_window(qtbot, tmp_path / "plan.db", size=(1300, 800)), ids


def select(window: MainWindow, workout_id: int) -> None:
    window.week_view.select_workout(workout_id)


def enabled(window: MainWindow) -> dict[str, bool]:
    return {name: window.actions_table[name].isEnabled() for name in ACTIONS}


def test_the_commands_stand_in_the_edit_menu_and_the_blocks_menu() -> None:
    edit = dict(MENUS)["&Edit"]
    assert all(name in edit and name in BLOCK_MENU for name in ACTIONS)


def test_each_command_is_offered_only_where_it_applies(qtbot: Any, tmp_path: Path) -> None:
    window, ids = window_on(qtbot, tmp_path)
    select(window, ids["easy"])
    assert enabled(window) == {
        "show_activity": True,
        "link_activity": False,
        "unlink_activity": True,
    }
    select(window, ids["tempo"])
    assert enabled(window) == {
        "show_activity": False,
        "link_activity": True,
        "unlink_activity": False,
    }
    window.week_view.select_day(WED)
    assert not any(enabled(window).values())


def test_show_activity_opens_the_activity_view(qtbot: Any, tmp_path: Path) -> None:
    window, ids = window_on(qtbot, tmp_path)
    select(window, ids["easy"])
    window.actions_table["show_activity"].trigger()
    qtbot.waitUntil(lambda: window.findChild(QWidget, "activityView") is not None)
    view: Any = window.findChild(QWidget, "activityView")
    series = view.series()
    assert series["heart_rate"] and series["pace"]
    assert series["pace"][-1][0] > 7.0  # km along the run
    dialog = view.window()
    assert isinstance(dialog, QDialog)
    assert dialog.windowModality() is Qt.WindowModality.WindowModal
    dialog.reject()
    qtbot.waitUntil(lambda: window.findChild(QWidget, "activityView") is None)


def test_double_click_still_opens_the_editor(qtbot: Any, tmp_path: Path) -> None:
    window, ids = window_on(qtbot, tmp_path)
    view = window.week_view
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=view.block_rect(ids["easy"]).center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog))
    editor = QApplication.activeModalWidget()
    assert editor is not None and editor.findChild(QWidget, "activityView") is None
    editor.close()


def test_link_through_the_dialog_then_unlink_give_the_workout_back(
    qtbot: Any, tmp_path: Path
) -> None:
    window, ids = window_on(qtbot, tmp_path)
    controller = window.controller
    planned = controller.workout(ids["tempo"])
    assert planned is not None and planned.status is Status.PLANNED
    select(window, ids["tempo"])
    window.actions_table["link_activity"].trigger()
    dialog: Any = window.findChild(QDialog, "linkActivityDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.count() == 1
    assert dialog.list.currentRow() == 0  # the best candidate preselected
    assert dialog.list.item(0).text().startswith("Wed 18 Nov · Run, ")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    linked = controller.workout(ids["tempo"])
    assert linked is not None and linked.status is Status.DONE
    assert linked.actual_duration_min is not None and linked.actual_rpe == 7
    assert controller.undo_stack.undoText() == "Link Run to Tempo run"
    assert ids["tempo"] in window.week_view.scene().recorded
    assert enabled(window)["unlink_activity"]
    # Unlink: the workout exactly as it was before the link.
    window.actions_table["unlink_activity"].trigger()
    assert controller.workout(ids["tempo"]) == planned
    assert ids["tempo"] not in window.week_view.scene().recorded
    assert enabled(window)["link_activity"]
    # Ctrl+Z undoes each: the unlink, then the link.
    controller.undo_stack.undo()
    assert controller.workout(ids["tempo"]) == linked
    controller.undo_stack.undo()
    assert controller.workout(ids["tempo"]) == planned
    assert ids["tempo"] not in window.week_view.scene().recorded


def test_link_cancelled_changes_nothing(qtbot: Any, tmp_path: Path) -> None:
    window, ids = window_on(qtbot, tmp_path)
    select(window, ids["tempo"])
    before = window.controller.undo_stack.count()
    window.actions_table["link_activity"].trigger()
    dialog: Any = window.findChild(QDialog, "linkActivityDialog")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert window.controller.undo_stack.count() == before
    workout = window.controller.workout(ids["tempo"])
    assert workout is not None and workout.status is Status.PLANNED


def test_unlinking_an_imported_run_undoes_exactly(qtbot: Any, tmp_path: Path) -> None:
    window, ids = window_on(qtbot, tmp_path)
    controller = window.controller
    before = controller.workout(ids["easy"])
    select(window, ids["easy"])
    window.actions_table["unlink_activity"].trigger()
    after = controller.workout(ids["easy"])
    assert after is not None and after.status is Status.PLANNED
    assert after.actual_duration_min is None and after.actual_rpe is None
    controller.undo_stack.undo()
    assert controller.workout(ids["easy"]) == before
    assert ids["easy"] in window.week_view.scene().recorded
