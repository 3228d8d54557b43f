"""File ▸ Import Weights… the runner's way: the menu action, the file dialog, the buttons."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from planner.app import build_main_window
from planner.core.model import WeightEntry
from planner.storage.db import open_database
from planner.ui.dialogs.weight_import import WeightImportDialog
from planner.ui.main_window import MainWindow

TODAY = date(2026, 11, 18)


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """A plan with one weigh-in, on 10 November."""
    path = tmp_path / "plan.sqlite3"
    with open_database(path) as database:
        database.repository.bulk_insert_weights([WeightEntry(date(2026, 11, 10), 72.0)])
    return path


@pytest.fixture
def window(qtbot: Any, plan_file: Path) -> MainWindow:
    win = build_main_window(plan_file, today=TODAY)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    return win


class _ChosenFile:
    """Answers QFileDialog.getOpenFileName with one file, and remembers that it was asked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.asked = 0

    def __call__(self, *_args: object, **_kwargs: object) -> tuple[str, str]:
        self.asked += 1
        return str(self.path), "CSV files (*.csv *.txt *.tsv)"


def open_import(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path
) -> WeightImportDialog:
    """Trigger File ▸ Import Weights…, pick ``path`` in the file dialog, return the preview."""
    chosen = _ChosenFile(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", chosen)
    window.actions_table["import_weights"].trigger()
    assert chosen.asked == 1
    qtbot.waitUntil(lambda: window.findChild(WeightImportDialog) is not None, timeout=5000)
    dialog = window.findChild(WeightImportDialog)
    assert dialog is not None
    return dialog


def click(qtbot: Any, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def stored(window: MainWindow) -> list[tuple[date, float]]:
    return [(e.day, e.kg) for e in window.controller.weights(date(1900, 1, 1), TODAY)]


# -- the menu action -----------------------------------------------------------------------
def test_the_menu_action_opens_the_preview_and_import_writes_one_undo_step(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    csv = tmp_path / "scale.csv"
    csv.write_text("date,weight\n2026-11-09,72.2\n2026-11-10,72\n", encoding="utf-8")
    dialog = open_import(qtbot, window, monkeypatch, csv)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5000)
    assert dialog.file_label.text() == str(csv)
    assert dialog.import_button.text() == "&Import 1 Weigh-in"
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: len(stored(window)) == 2, timeout=5000)
    assert stored(window) == [(date(2026, 11, 9), 72.2), (date(2026, 11, 10), 72.0)]
    assert window.controller.undo_stack.count() == 1


# -- a conflict with the weight already logged ---------------------------------------------
def preview_cells(dialog: WeightImportDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [str(model.index(row, column).data()) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


@pytest.mark.parametrize(
    ("units", "header", "cell", "shown", "status"),
    [
        ("km", "weight", "72.04", "72.04", "replaces 72 kg (tick below)"),
        ("mi", "weight (lb)", "158.7", "158.7", "replaces 158.73 lb (tick below)"),
    ],
)
def test_a_conflict_shows_enough_digits_to_tell_the_weights_apart(
    qtbot: Any,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    units: str,
    header: str,
    cell: str,
    shown: str,
    status: str,
) -> None:
    window.controller.set_setting("units", units)
    csv = tmp_path / "scale.csv"
    csv.write_text(f"date,{header}\n2026-11-10,{cell}\n", encoding="utf-8")
    dialog = open_import(qtbot, window, monkeypatch, csv)
    qtbot.waitUntil(lambda: dialog.replace_box.isVisible(), timeout=5000)
    assert preview_cells(dialog) == [["2", "Tue 10 Nov 2026", shown, status]]
    click(qtbot, dialog.replace_box)
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: stored(window)[0][1] != 72.0, timeout=5000)


# -- a field too long for CSV --------------------------------------------------------------
def test_a_field_too_long_is_refused_as_too_long(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    csv = tmp_path / "scale.csv"
    csv.write_text(
        "date,weight,note\n2026-11-09,72.2,\n2026-11-11,72," + "x" * 140_000 + "\n",
        encoding="utf-8",
    )
    dialog = open_import(qtbot, window, monkeypatch, csv)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5000)
    cells = preview_cells(dialog)
    assert cells[1][0] == "3"
    assert cells[1][3] == (
        "refused: Malformed row: line 3 has a field longer than 131,072 characters, "
        "the most a CSV field may hold."
    )
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: len(stored(window)) == 2, timeout=5000)
    assert stored(window) == [(date(2026, 11, 9), 72.2), (date(2026, 11, 10), 72.0)]
