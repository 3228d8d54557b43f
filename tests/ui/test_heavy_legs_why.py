"""A report can be explained again later: Why Heavy Legs?…, the block's "?", Help ▸ Heavy Legs….

Why Heavy Legs?… works on a workout done with heavy legs (and only there), from the Edit menu
and the block's context menu; the "?" in the block's corner does the same with a click. Help ▸
Heavy Legs… explains the latest report, or says how to make one when there is none.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from planner.ui.dialogs.heavy_legs import HeavyLegsDialog
from planner.ui.heavy_legs_actions import NO_REPORT
from planner.ui.main_window import MainWindow
from planner.ui.window_layout import MENUS
from tests.helpers.dates import TODAY, TUE
from tests.helpers.heavy_legs import easy, seed_streak
from tests.helpers.plans import seed
from tests.helpers.shown_text import box_text
from tests.helpers.windows import open_window

MONDAY_BEFORE = date(2026, 11, 9)


@pytest.fixture
def ids(db_path: Path) -> dict[str, int]:
    found = seed_streak(db_path)
    # an earlier report, and Tuesday's run reported too: the latest of them is Tuesday's
    (earlier,) = seed(db_path, easy(MONDAY_BEFORE, heavy=True))
    return {**found, "earlier": earlier}


@pytest.fixture
def window(qtbot: Any, db_path: Path, ids: dict[str, int]) -> MainWindow:
    window = open_window(qtbot, db_path)
    tuesday = window.controller.workout(ids["tuesday"])
    assert tuesday is not None
    assert window.controller.edit(tuesday.replace(heavy_legs=True))
    return window


def shown(qtbot: Any, window: MainWindow) -> HeavyLegsDialog:
    qtbot.waitUntil(lambda: window.findChild(HeavyLegsDialog, "heavyLegsDialog") is not None)
    dialog = window.findChild(HeavyLegsDialog, "heavyLegsDialog")
    assert dialog is not None
    return dialog


def test_why_is_enabled_only_on_a_reported_workout_and_explains_its_day(
    qtbot: Any, window: MainWindow, ids: dict[str, int]
) -> None:
    why = window.actions_table["why_heavy_legs"]
    assert why.objectName() == "whyHeavyLegsAction"
    assert "why_heavy_legs" in dict(MENUS)["&Edit"]
    window.week_view.select_workout(ids["today"])  # planned: nothing to explain
    assert not why.isEnabled()
    window.week_view.select_workout(ids["long"])  # done, legs fine
    assert not why.isEnabled()
    window.week_view.select_workout(ids["tuesday"])
    assert why.isEnabled()

    why.trigger()
    dialog = shown(qtbot, window)
    assert dialog.windowTitle() == "Why your legs may feel heavy — Tuesday 17 November 2026"
    assert dialog.explanation.day == TUE
    # six days in a row before Tuesday (Wednesday 11 to Monday 16)
    assert "6 training days in a row before Tue 17 Nov" in dialog.cards[0].text()


def test_why_is_in_the_blocks_context_menu(
    qtbot: Any, window: MainWindow, ids: dict[str, int]
) -> None:
    view = window.week_view
    pos = view.block_rect(ids["tuesday"]).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.mapToGlobal(pos))
    QApplication.sendEvent(view, event)
    [menu] = [m for m in window.findChildren(QMenu) if m.isVisible()]
    [entry] = [a for a in menu.actions() if a.text() == "W&hy Heavy Legs?…"]
    assert entry.isEnabled()
    entry.trigger()
    menu.close()
    assert shown(qtbot, window).explanation.day == TUE


def test_the_question_mark_on_the_block_explains_it(
    qtbot: Any, window: MainWindow, ids: dict[str, int]
) -> None:
    view = window.week_view
    view.select_workout(ids["today"])
    assert view.button_rect(ids["today"], "why").isEmpty()  # planned: no "?"
    assert view.button_rect(ids["long"], "why").isEmpty()  # done, legs fine: none either
    mark = view.button_rect(ids["tuesday"], "why")
    assert view.block_rect(ids["tuesday"]).contains(mark)
    assert "Why Heavy Legs?" in view.tooltip_at(mark.center())
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=mark.center())
    assert shown(qtbot, window).explanation.day == TUE
    assert view.selected_workout_id == ids["tuesday"]


def test_help_heavy_legs_explains_the_latest_report(qtbot: Any, window: MainWindow) -> None:
    action = window.actions_table["heavy_legs"]
    assert action.objectName() == "heavyLegsAction"
    assert "heavy_legs" in dict(MENUS)["&Help"]
    action.trigger()
    assert shown(qtbot, window).explanation.day == TUE  # not the Monday before


def test_help_heavy_legs_without_a_report_says_how_to_make_one(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    seed(path, easy(TODAY))  # done, legs fine
    window = open_window(qtbot, path)
    window.actions_table["heavy_legs"].trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "noHeavyLegsBox") is not None)
    box = window.findChild(QMessageBox, "noHeavyLegsBox")
    assert box is not None
    assert box_text(box) == NO_REPORT
    assert window.findChild(HeavyLegsDialog) is None
    ok = box.button(QMessageBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "noHeavyLegsBox") is None)
