"""Plan ▸ Realign…: offered after a gap in a generated plan, one undo step, progress said.

The demo runner's generated half-marathon plan is stored in a real plan file; the runner did
it for four weeks and then nothing for ten days. The window opens on that "today".
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.core.formatting import format_day
from planner.core.model import Status
from planner.ui.dialogs.realign import RealignDialog
from tests.helpers.keyboard import ALT, CTRL, press
from tests.helpers.plans import query, seed
from tests.helpers.realign_plans import RACE_DAY, TAPER_START, half_marathon, history, lived
from tests.helpers.runner_histories import PLAN_START
from tests.helpers.windows import open_window, undo_text

GAP_FIRST = PLAN_START + timedelta(weeks=4)
TODAY = GAP_FIRST + timedelta(days=10)


@pytest.fixture
def runner(db_path: Path) -> Path:
    seed(db_path, *history(), *lived(half_marathon().workouts, GAP_FIRST))
    return db_path


def rows(path: Path) -> list[tuple[Any, ...]]:
    return query(
        path,
        "SELECT id, day, position, status, distance_km, duration_min, race, plan_day, kind "
        "FROM workouts WHERE plan_day IS NOT NULL ORDER BY id",
    )


def open_realign(qtbot: Any, window: Any, how: str) -> RealignDialog:
    qtbot.waitUntil(window.actions_table["realign_plan"].isEnabled)  # asked after the first paint
    if how == "offer":
        qtbot.waitUntil(lambda: window.realign_offer.strip.isVisible())
        qtbot.mouseClick(window.realign_offer.strip.realign_button, Qt.MouseButton.LeftButton)
    elif how == "key":
        window.week_view.setFocus()
        press(qtbot, Qt.Key.Key_R, CTRL | ALT)
    else:
        window.actions_table["realign_plan"].trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), RealignDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, RealignDialog) and dialog.objectName() == "realignDialog"
    return dialog


def test_the_gap_is_offered_and_realign_is_one_undo_step(qtbot: Any, runner: Path) -> None:
    before = rows(runner)
    window = open_window(qtbot, runner, today=TODAY)
    qtbot.waitUntil(lambda: window.realign_offer.strip.isVisible())
    assert "No training done since" in window.realign_offer.strip.label.text()
    assert window.actions_table["realign_plan"].isEnabled()
    dialog = open_realign(qtbot, window, "offer")
    on_time = sum(1 for r in before if r[3] == "done")
    missed = sum(
        1
        for r in before
        if r[3] == "planned"
        and r[8] != "rest"
        and GAP_FIRST.isoformat() <= r[1] < TODAY.isoformat()
    )
    assert missed > 0
    assert dialog.progress_label.text() == f"So far: {on_time} on time, 0 moved, {missed} missed."
    assert "move 1 week later: the plan picks up where you left off" in dialog.plan_label.text()
    taper = TAPER_START
    assert (
        f"Stays: the race on {format_day(RACE_DAY)} and its taper from {format_day(taper)}."
        in dialog.plan_label.text()
    )
    with qtbot.waitSignal(window.realign_offer.asked):  # asked again after the change
        qtbot.mouseClick(dialog.realign_button, Qt.MouseButton.LeftButton)
    assert QApplication.activeModalWidget() is None
    assert not window.realign_offer.strip.isVisible()  # realigned: nothing to offer
    after = {r[0]: r for r in rows(runner)}
    old = {r[0]: r for r in before}
    race = next(r for r in before if r[6])
    assert after[race[0]] == race  # the race stays as it was
    assert all(
        after[i][1] == r[1] for i, r in old.items() if r[1] >= taper.isoformat() and i in after
    )
    assert all(after[i] == r for i, r in old.items() if r[3] == "done")
    moved = [i for i, r in after.items() if r[1] != old[i][1]]
    assert moved and all(after[i][1] > old[i][1] and after[i][7] == old[i][7] for i in moved)
    assert undo_text(window) == "Undo Realign the plan"
    past = [r for r in after.values() if r[8] != "rest" and r[7] < TODAY.isoformat()]
    now_moved = sum(1 for r in past if r[3] == "planned" and r[1] >= TODAY.isoformat())
    now_missed = sum(1 for r in past if r[3] == "skipped")
    assert now_moved + now_missed == missed and now_moved > 0
    again = open_realign(qtbot, window, "trigger")  # the progress now counts them as moved
    assert again.progress_label.text() == (
        f"So far: {on_time} on time, {now_moved} moved, {now_missed} missed."
    )
    again.reject()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    window.activateWindow()
    window.week_view.setFocus()
    qtbot.waitUntil(window.week_view.hasFocus)
    with qtbot.waitSignal(window.realign_offer.asked):
        press(qtbot, Qt.Key.Key_Z, CTRL)
    assert rows(runner) == before
    assert window.realign_offer.strip.isVisible()  # the reason is back: offered again


def test_the_key_opens_it_and_cancel_changes_nothing(qtbot: Any, runner: Path) -> None:
    before = rows(runner)
    window = open_window(qtbot, runner, today=TODAY)
    dialog = open_realign(qtbot, window, "key")
    dialog.reject()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert rows(runner) == before
    dialog = open_realign(qtbot, window, "trigger")
    dialog.reject()


def test_dismissed_the_offer_stays_away_until_the_reason_changes(qtbot: Any, runner: Path) -> None:
    window = open_window(qtbot, runner, today=TODAY)
    offer = window.realign_offer
    qtbot.waitUntil(lambda: offer.strip.isVisible())
    qtbot.mouseClick(offer.strip.dismiss_button, Qt.MouseButton.LeftButton)
    assert not offer.strip.isVisible()
    future = next(r for r in rows(runner) if r[3] == "planned" and r[1] > TODAY.isoformat())
    with qtbot.waitSignal(offer.asked):
        window.controller.set_status(future[0], Status.SKIPPED)  # a change, the same reason
    assert not offer.strip.isVisible()
    last_missed = max(
        (
            r
            for r in rows(runner)
            if r[3] == "planned" and r[8] != "rest" and r[1] < TODAY.isoformat()
        ),
        key=lambda r: r[1],
    )
    with qtbot.waitSignal(offer.asked):  # done after all: the gap is gone, the misses remain
        window.controller.set_status(last_missed[0], Status.DONE)
    assert offer.strip.isVisible()
    assert "workouts of your plan were missed since" in offer.strip.label.text()
