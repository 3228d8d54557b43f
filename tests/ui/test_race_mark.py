"""A race in the app: the editor marks it, the week's block and its tooltip show it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QLabel, QWidget

from planner.core.model import Kind, Status, Workout
from planner.core.settings import Units
from planner.ui.controller import PlanController
from planner.ui.dialogs.workout_editor import WorkoutEditor
from planner.ui.main_window import MainWindow
from planner.ui.view_state import ViewState
from planner.ui.week.block import BlockFonts, arrange, block_text, race_rect
from planner.ui.week.painter import block_lines
from planner.ui.week.view import WeekView
from tests.fakes import MemoryRepository
from tests.helpers.dates import SAT, SUN, THU, TODAY
from tests.helpers.editor import modal_editor, set_field, wait_editor_gone
from tests.helpers.keyboard import ALT, CTRL, Key, press
from tests.helpers.plans import seed, stored
from tests.helpers.windows import open_window, undo_text
from tests.ui.conftest import by_title

#: A half marathon a generated plan put on Saturday, and a run the runner made on Thursday.
HALF = Workout(None, SAT, Kind.RUN, "Half marathon", 0, 110, 21.1, 8, plan_day=SAT)
EASY = Workout(None, THU, Kind.RUN, "Easy run", 0, 35, 6.0, 3)


@pytest.fixture
def easy_editor(qtbot: Any, repo: MemoryRepository) -> WorkoutEditor:
    """The editor on the plan's long run, open on its own."""
    editor = WorkoutEditor(by_title(repo, "Long run"))
    qtbot.addWidget(editor)
    with qtbot.waitExposed(editor):
        editor.open()
    return editor


def click_box(qtbot: Any, box: QWidget | None) -> None:
    """Click a check box where its box is (a form stretches the row far past its text)."""
    assert isinstance(box, QCheckBox)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def ticked(editor: WorkoutEditor) -> bool:
    race = editor.field("race")
    assert isinstance(race, QCheckBox)
    return race.isChecked()


def edit_half_marathon(
    qtbot: Any, db_path: Path, *, race: bool
) -> tuple[MainWindow, WorkoutEditor, int]:
    """The app on a plan holding the half marathon, its editor opened with Enter."""
    half_id, _ = seed(db_path, HALF.replace(race=race), EASY)
    window = open_window(qtbot, db_path)
    window.week_view.select_workout(half_id)
    press(qtbot, Key.Key_Return)
    return window, modal_editor(qtbot, window), half_id


def save_and_close(qtbot: Any, window: MainWindow, editor: WorkoutEditor) -> None:
    qtbot.mouseClick(editor.field("save"), Qt.MouseButton.LeftButton)
    wait_editor_gone(qtbot, window)


# -- the editor -----------------------------------------------------------------------------
def test_alt_g_marks_a_run_as_a_race_and_saving_stores_it_as_one_undo_step(
    qtbot: Any, db_path: Path
) -> None:
    window, editor, half_id = edit_half_marathon(qtbot, db_path, race=False)
    assert not ticked(editor)
    press(qtbot, Key.Key_G, ALT)  # the box's mnemonic: "&Goal race" (an animated click)
    qtbot.waitUntil(lambda: ticked(editor))
    assert QApplication.focusWidget() is editor.field("race")
    save_and_close(qtbot, window, editor)

    row = stored(db_path, half_id)
    # Marked a race; still where the generated plan put it.
    assert (row["race"], row["plan_day"], row["title"]) == (1, "2026-11-21", "Half marathon")
    assert undo_text(window) == "Undo Edit Half marathon"
    press(qtbot, Key.Key_Z, CTRL)
    assert stored(db_path, half_id)["race"] == 0


def test_the_editor_shows_a_race_and_unticking_it_stores_a_training_run(
    qtbot: Any, db_path: Path
) -> None:
    window, editor, half_id = edit_half_marathon(qtbot, db_path, race=True)
    assert ticked(editor)
    race = editor.field("race")
    assert race is not None and race.isEnabled()
    assert "goal of a plan" in race.toolTip()
    click_box(qtbot, race)
    set_field(qtbot, editor, "distance_km", "18")
    save_and_close(qtbot, window, editor)
    row = stored(db_path, half_id)
    assert (row["race"], row["distance_km"], row["plan_day"]) == (0, 18.0, "2026-11-21")


def test_a_rest_day_cannot_be_marked_a_race(qtbot: Any, easy_editor: WorkoutEditor) -> None:
    editor = easy_editor
    race = editor.field("race")
    assert race is not None
    click_box(qtbot, race)
    assert ticked(editor)
    kind = editor.field("kind")
    kind.setCurrentIndex(kind.findData(Kind.REST))  # type: ignore[union-attr]
    assert not race.isEnabled()
    qtbot.mouseClick(editor.field("save"), Qt.MouseButton.LeftButton)
    assert editor.result() == WorkoutEditor.DialogCode.Accepted
    assert (editor.workout().kind, editor.workout().race) == (Kind.REST, False)


def test_every_mnemonic_of_the_editor_is_its_own(easy_editor: WorkoutEditor) -> None:
    texts = [label.text() for label in easy_editor.findChildren(QLabel) if label.buddy()]
    texts += [button.text() for button in easy_editor.findChildren(QAbstractButton)]
    letters = [m.group(1).lower() for t in texts if (m := re.search(r"&([^&])", t))]
    assert "g" in letters  # the race box has one
    assert sorted(letters) == sorted(set(letters)), texts


# -- the week -------------------------------------------------------------------------------
def test_a_races_block_says_race_and_its_title_leaves_room_for_the_flag() -> None:
    font = QFont()
    font.setPointSizeF(10)
    fonts = BlockFonts.from_font(font)
    race = Workout(1, SUN, Kind.RUN, "City 10k", 0, 45, 10.0, 9, race=True)
    assert block_lines(race, Units.KM) == ("45 min · 10 km · 4:30 min/km", "Race · RPE 9")
    assert block_lines(race.replace(race=False), Units.KM)[1] == "RPE 9"
    done = race.replace(status=Status.DONE, actual_duration_min=44)
    assert block_lines(done, Units.KM)[1] == "Race · RPE 9 · ✓ Done"
    # The first title line stops short of the flag in the corner (and of the watch beside it).
    block = QRect(0, 0, 220, 80)
    flag = race_rect(block)
    watch_and_flag = race_rect(block, recorded=True)
    assert flag.top() < flag.bottom() and flag.right() < block.right()
    assert watch_and_flag.right() < flag.left()
    for text, corner in (
        (block_text(race, Units.KM, TODAY), flag),
        (block_text(race, Units.KM, TODAY, recorded=True), watch_and_flag),
    ):
        (title, *_rest) = arrange(text, block, fonts)
        assert title.text == "City 10k"
        assert title.rect.right() < corner.left()


def test_a_races_tooltip_says_race_and_its_block_looks_different(
    qtbot: Any, controller: PlanController, state: ViewState, repo: MemoryRepository
) -> None:
    long_run = by_title(repo, "Long run")
    assert long_run.id is not None
    view = WeekView(controller, state)
    qtbot.addWidget(view)
    view.resize(QSize(1200, 640))
    with qtbot.waitExposed(view):
        view.show()
    block = view.block_rect(long_run.id)
    corner = race_rect(block)
    before = view.grab().toImage().copy(corner)
    assert "Race" not in view.tooltip_at(block.center())
    controller.edit(long_run.replace(race=True))
    assert view.block_rect(long_run.id) == block
    tip = view.tooltip_at(block.center())
    assert "Race" in tip and "the goal of the plan" in tip
    # The flag is drawn in the block's corner, where nothing was before.
    assert view.grab().toImage().copy(corner) != before
