"""The charts in the real window: built after the first paint, in the menus, following edits."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from planner.core.model import Kind, WeightEntry, Workout
from planner.ui.charts.dock import ChartsDock
from planner.ui.main_window import MainWindow
from tests.helpers.plans import seed
from tests.helpers.windows import open_window

TODAY = date(2026, 11, 18)
MONDAY = date(2026, 11, 16)


@pytest.fixture
def window(qtbot: Any, tmp_path: Path) -> MainWindow:
    path = tmp_path / "plan.sqlite3"
    seed(
        path,
        Workout(None, MONDAY + timedelta(days=1), Kind.RUN, "Easy run", 0, 40, 7.0, 3),
        weights=[WeightEntry(date(2026, 11, 10), 72.0)],
    )
    return open_window(qtbot, path)


def chart(window: MainWindow, name: str) -> Any:
    return window.findChild(QWidget, name)


def test_charts_are_built_soon_after_the_first_paint(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: chart(window, "loadChart") is not None, timeout=5000)
    for name in ("weightChart", "mileageChart", "loadChart"):
        assert chart(window, name).isVisible()
    assert chart(window, "mileageChart").series()["planned"] == [(MONDAY, 7.0)]
    dock = window.findChild(ChartsDock, "chartsDock")
    assert dock is not None
    assert dock.windowTitle() == "Progress"


def test_charts_follow_an_edit_made_in_the_window(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: chart(window, "weightChart") is not None, timeout=5000)
    window.controller.save_weight(WeightEntry(TODAY, 71.4))
    assert chart(window, "weightChart").series()["weight"][-1] == (TODAY, 71.4)
    window.undo_action.trigger()
    assert chart(window, "weightChart").series()["weight"] == [(date(2026, 11, 10), 72.0)]


def test_progress_actions_are_in_the_menus_with_their_own_keys(window: MainWindow) -> None:
    table = window.actions_table
    keys = {
        name: table[name].shortcut().toString(QKeySequence.SequenceFormat.PortableText)
        for name in ("log_weight", "weight_log", "import_weights", "export_chart", "charts")
    }
    assert keys == {
        "log_weight": "Ctrl+Shift+L",
        "weight_log": "Ctrl+Shift+J",
        "import_weights": "Ctrl+Shift+I",
        "export_chart": "Ctrl+Shift+X",
        "charts": "Ctrl+Shift+K",
    }
    assert table.unplaced() == []
    every_key = [
        sequence.toString(QKeySequence.SequenceFormat.PortableText)
        for name in table
        for sequence in table[name].shortcuts()
    ]
    assert [key for key, count in Counter(every_key).items() if count > 1] == []
    shown = {
        action.text()
        for entry in window.menuBar().actions()
        if entry.menu() is not None
        for action in entry.menu().actions()
    }
    assert {"&Log Weight…", "&Weight Log…", "&Import Weights…", "Export C&hart as PNG…"} <= shown


def test_log_weight_defaults_to_the_view_states_today(qtbot: Any, window: MainWindow) -> None:
    from planner.ui.dialogs.weight_log import LogWeightDialog

    window.progress_actions.log_weight()
    dialog = window.findChild(LogWeightDialog)
    assert dialog is not None
    assert dialog.form.day() == TODAY
    dialog.form.weight_field.setText("71,9")
    dialog.accept()
    qtbot.waitUntil(lambda: window.controller.weights(TODAY, TODAY) != [], timeout=2000)
    assert window.controller.weights(TODAY, TODAY) == [WeightEntry(TODAY, 71.9)]
    assert window.controller.undo_stack.count() == 1
