"""Names as typed: a plan file, a path or a title in a label or a message box is shown as spelled.

Labels and message boxes left on ``Qt.AutoText`` read anything that looks like markup as HTML,
so a plan file called ``<u>my plan.sqlite3`` would be shown as an underlined "my plan.sqlite3",
a name that does not exist. Each test reaches the text the way a runner does and reads back
what is on screen (see :mod:`tests.helpers.shown_text`).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from planner.app import build_main_window
from planner.ui.main_window import MainWindow
from tests.helpers.shown_text import box_informative_text, box_text, label_text

TODAY = date(2026, 11, 18)
#: A plan file whose name looks like markup.
MARKUP_NAME = "<u>my plan.sqlite3"


def open_window(qtbot: Any, path: Path) -> MainWindow:
    window = build_main_window(path, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def on_next_box(seen: dict[str, str], *, left: int = 1500) -> None:
    """Read the next modal message box (its main and informative text), then close it."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        if left:
            QTimer.singleShot(10, lambda: on_next_box(seen, left=left - 1))
        return
    seen["text"], seen["info"] = box_text(box), box_informative_text(box)
    box.close()


def test_the_status_bar_names_the_plan_file_as_it_is_spelled(qtbot: Any, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / MARKUP_NAME)
    labels = [
        label for label in window.statusBar().findChildren(QLabel) if label.isVisibleTo(window)
    ]
    assert str(tmp_path / MARKUP_NAME) in [label_text(label) for label in labels]


def test_an_error_box_names_the_file_as_it_is_spelled(qtbot: Any, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / "plan.sqlite3")
    bad = tmp_path / "<b>bad.json"
    bad.write_text('[{"day": "2026-11-20", "kind": "run"}]', encoding="utf-8")
    window.file_actions._ask_open_path = lambda *_: str(bad)  # type: ignore[method-assign]
    window.actions_table["import_workouts"].trigger()  # File ▸ Import Workouts…
    box = window.findChild(QMessageBox, "errorBox")
    assert isinstance(box, QMessageBox)
    assert "<b>bad.json" in box_text(box)
    assert box_informative_text(box) == "Nothing of that file was imported."


def test_about_names_the_plan_file_as_it_is_spelled(qtbot: Any, tmp_path: Path) -> None:
    window = open_window(qtbot, tmp_path / MARKUP_NAME)
    seen: dict[str, str] = {}
    QTimer.singleShot(0, lambda: on_next_box(seen))
    window.actions_table["about"].trigger()  # Help ▸ About Legwork (modal until closed)
    assert str(tmp_path / MARKUP_NAME) in seen["text"]
    assert "A private, offline training planner for runners." in seen["text"]


def test_a_plan_that_cannot_be_opened_from_the_file_menu_is_named_as_spelled(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File ▸ Open Plan… on a file that is not a plan: the message names it as it is spelled."""
    from planner import app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    notes = tmp_path / "<i>notes.sqlite3"
    notes.write_text("These are my running notes, not a plan.\n" * 200)
    seen: dict[str, str] = {}

    def open_the_notes(left: int = 1500) -> None:
        window = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None
        )
        if window is None or not window.isVisible():
            if left:
                QTimer.singleShot(10, lambda: open_the_notes(left - 1))
            return
        window.file_actions._ask_open_path = lambda *_: str(notes)  # type: ignore[method-assign]
        QTimer.singleShot(0, lambda: on_next_box(seen))
        window.actions_table["open_plan"].trigger()  # File ▸ Open Plan… (the box is modal)
        window.close()

    QTimer.singleShot(0, open_the_notes)
    assert app.run(tmp_path / "plan.sqlite3", today=TODAY) == 0

    assert seen["text"] == "Legwork cannot open <i>notes.sqlite3."
