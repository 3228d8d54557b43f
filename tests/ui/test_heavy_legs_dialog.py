"""Ticking "Legs felt heavy" when marking a run done explains it at once, in the runner's numbers.

The runner marks today's run done with Ctrl+Enter, ticks the box with its mnemonic and saves:
the save is stored as one undo step, and the explanation opens for that day, a card per cause
the plan shows (here: a week without a rest day, no strength training, a long run two days
before, and the protein a 70 kg runner needs), then the questions only the runner can answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from planner.core.model import Status
from planner.ui.dialogs.heavy_legs import HeavyLegsDialog
from planner.ui.main_window import MainWindow
from tests.helpers.dates import TODAY
from tests.helpers.editor import modal_editor, wait_editor_gone
from tests.helpers.heavy_legs import LONG_TITLE, PROTEIN, easy, seed_streak
from tests.helpers.keyboard import ALT, CTRL, Key, press
from tests.helpers.plans import seed, stored
from tests.helpers.windows import open_window, undo_text


@pytest.fixture
def ids(db_path: Path) -> dict[str, int]:
    return seed_streak(db_path)


@pytest.fixture
def window(qtbot: Any, db_path: Path, ids: dict[str, int]) -> MainWindow:
    return open_window(qtbot, db_path)


def explanation(qtbot: Any, window: MainWindow) -> HeavyLegsDialog:
    qtbot.waitUntil(lambda: window.findChild(HeavyLegsDialog, "heavyLegsDialog") is not None)
    dialog = window.findChild(HeavyLegsDialog, "heavyLegsDialog")
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # it has the keyboard
    return dialog


def mark_done_with_heavy_legs(qtbot: Any, window: MainWindow, workout_id: int) -> None:
    window.week_view.select_workout(workout_id)
    press(qtbot, Key.Key_Return, CTRL)  # Mark Done…
    editor = modal_editor(qtbot, window)
    box = editor.field("heavy_legs")
    assert box is not None and not box.isChecked()  # type: ignore[attr-defined]
    press(qtbot, Key.Key_L, ALT)  # "&Legs felt heavy" (an animated click)
    qtbot.waitUntil(box.isChecked)  # type: ignore[attr-defined]
    press(qtbot, Key.Key_Return, CTRL)  # saves
    qtbot.waitUntil(lambda: editor.isHidden())


def test_ticking_heavy_legs_in_mark_done_explains_that_day(
    qtbot: Any, window: MainWindow, ids: dict[str, int], db_path: Path
) -> None:
    mark_done_with_heavy_legs(qtbot, window, ids["today"])
    dialog = explanation(qtbot, window)

    assert dialog.windowTitle() == "Why your legs may feel heavy — Wednesday 18 November 2026"
    assert dialog.card_titles() == [
        "Not enough recovery",
        "Too little strength training",
        "Long run on low fuel?",
        "Protein",
    ]
    recovery, strength, fuel, protein = (card.text() for card in dialog.cards)
    assert "7 training days in a row before Wed 18 Nov" in recovery
    assert "0 rest days in the 7 days before" in recovery
    assert "No strength session in the 14 days before Wed 18 Nov" in strength
    assert f"{LONG_TITLE} over an hour on Mon 16 Nov" in fuel
    assert PROTEIN in protein
    for card in dialog.cards:
        assert "What to do: " in card.text()
    questions = [label.text() for label in dialog.questions]
    assert len(questions) == 5
    assert any("Iron" in q for q in questions) and any("doctor" in q for q in questions)
    # the runner's title is shown as typed, never as markup
    [fuel_label] = [
        label for label in dialog.cards[2].findChildren(QLabel) if LONG_TITLE in label.text()
    ]
    assert fuel_label.textFormat() is Qt.TextFormat.PlainText

    # the save was stored first, as one step, and the window stays usable under the dialog
    assert stored(db_path, ids["today"])["heavy_legs"] == 1
    assert window.controller.undo_stack.count() == 1
    assert undo_text(window).startswith("Undo ")
    assert QApplication.activeModalWidget() is None

    press(qtbot, Key.Key_Escape)  # Esc closes it
    qtbot.waitUntil(lambda: window.findChild(HeavyLegsDialog) is None)
    window.undo_action.trigger()
    row = stored(db_path, ids["today"])
    assert (row["status"], row["heavy_legs"]) == ("planned", 0)


def test_the_close_button_closes_it(qtbot: Any, window: MainWindow, ids: dict[str, int]) -> None:
    mark_done_with_heavy_legs(qtbot, window, ids["today"])
    dialog = explanation(qtbot, window)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.findChild(HeavyLegsDialog) is None)


def test_a_report_already_made_is_not_explained_again_on_save(
    qtbot: Any, window: MainWindow, ids: dict[str, int], db_path: Path
) -> None:
    mark_done_with_heavy_legs(qtbot, window, ids["today"])
    explanation(qtbot, window)
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: window.findChild(HeavyLegsDialog) is None)
    wait_editor_gone(qtbot, window)

    press(qtbot, Key.Key_F2)  # Edit Workout… on the same run, heavy legs still ticked
    editor = modal_editor(qtbot, window)
    assert editor.field("heavy_legs").isChecked()  # type: ignore[union-attr]
    qtbot.keyClicks(editor.field("notes"), "Tired")
    press(qtbot, Key.Key_Return, CTRL)
    wait_editor_gone(qtbot, window)
    assert stored(db_path, ids["today"])["notes"] == "Tired"
    assert window.findChild(HeavyLegsDialog) is None


def test_marking_done_without_heavy_legs_explains_nothing(
    qtbot: Any, window: MainWindow, ids: dict[str, int], db_path: Path
) -> None:
    window.week_view.select_workout(ids["today"])
    press(qtbot, Key.Key_Return, CTRL)
    modal_editor(qtbot, window)
    press(qtbot, Key.Key_Return, CTRL)
    wait_editor_gone(qtbot, window)
    assert stored(db_path, ids["today"])["status"] == "done"
    assert window.findChild(HeavyLegsDialog) is None


def test_a_report_the_plan_cannot_explain_gives_only_the_questions(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "first-run.sqlite3"
    (first,) = seed(path, easy(TODAY, status=Status.PLANNED))  # the first run, no weigh-in
    window = open_window(qtbot, path)
    mark_done_with_heavy_legs(qtbot, window, first)
    dialog = explanation(qtbot, window)
    assert dialog.cards == []
    lead = dialog.findChild(QLabel, "heavyLegsLead")
    assert lead is not None and "none of the causes it can check" in lead.text()
    assert len(dialog.questions) == 5
