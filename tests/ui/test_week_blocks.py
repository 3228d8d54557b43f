"""What a block shows: wrapped titles, pace, notes, the whole workout in a tooltip, missed plans."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont

from planner.core.model import Kind, Status, Workout
from planner.core.settings import Units
from planner.ui.controller import PlanController
from planner.ui.view_state import DropIntent, ViewState
from planner.ui.week.block import BlockFonts, arrange, block_heights, block_text, lines_text
from planner.ui.week.layout import HEADER_H, share_height
from planner.ui.week.painter import block_lines, day_summary
from planner.ui.week.view import WeekView
from tests.fakes import MemoryRepository
from tests.ui.conftest import MONDAY, TODAY, by_title

TUESDAY = date(2026, 11, 17)


def make_view(qtbot, controller: PlanController, state: ViewState, size: QSize) -> WeekView:
    view = WeekView(controller, state)
    qtbot.addWidget(view)
    view.resize(size)
    with qtbot.waitExposed(view):
        view.show()
    return view


@pytest.fixture
def fonts() -> BlockFonts:
    font = QFont()
    font.setPointSizeF(10)
    return BlockFonts.from_font(font)


# -- what a block says ----------------------------------------------------------------------
def test_a_long_title_wraps_instead_of_being_cut(fonts: BlockFonts) -> None:
    workout = Workout(1, TODAY, Kind.STRENGTH, "Bodyweight circuit and squat jumps", 0, 30)
    text = block_text(workout, Units.KM, TODAY)
    preferred, _least = block_heights(text, 150, fonts)
    lines = arrange(text, QRect(0, 0, 150, preferred), fonts)
    title = [line.text for line in lines if line.role == "title"]
    assert len(title) >= 2
    assert " ".join(title) == workout.title  # every word shown, none elided
    assert "…" not in "".join(title)


def test_notes_show_their_first_line_when_there_is_room(fonts: BlockFonts) -> None:
    workout = Workout(1, TODAY, Kind.RUN, "Easy run", 0, 40, 7.0, 3, notes="Flat loop.\nSecond")
    text = block_text(workout, Units.KM, TODAY)
    preferred, least = block_heights(text, 220, fonts)
    roomy = lines_text(arrange(text, QRect(0, 0, 220, preferred), fonts))
    assert roomy == ["Easy run", "40 min · 7 km · 5:43 min/km", "RPE 3", "Flat loop.", "Second"]
    shorter = lines_text(arrange(text, QRect(0, 0, 220, preferred - 12), fonts))
    assert shorter[-1] == "Flat loop."  # the notes' first line goes last
    tight = lines_text(arrange(text, QRect(0, 0, 220, least), fonts))
    assert tight == ["Easy run"]  # the least important lines go first; the title stays


def test_a_run_done_differently_says_what_was_planned(fonts: BlockFonts) -> None:
    done = Workout(
        1,
        TODAY,
        Kind.RUN,
        "Long run",
        0,
        100,
        16.0,
        5,
        status=Status.DONE,
        actual_duration_min=90,
        actual_distance_km=14.0,
    )
    text = block_text(done, Units.KM, TODAY)
    assert text.planned == "planned 1 h 40 · 16 km"
    preferred, _ = block_heights(text, 260, fonts)
    assert "planned 1 h 40 · 16 km" in lines_text(arrange(text, QRect(0, 0, 260, preferred), fonts))
    assert (
        block_text(
            done.replace(actual_duration_min=None, actual_distance_km=None), Units.KM
        ).planned
        == ""
    )


def test_pace_on_the_block_in_both_units(repo: MemoryRepository) -> None:
    long_run = by_title(repo, "Long run")  # 100 min, 16 km
    assert block_lines(long_run, Units.KM)[0] == "1 h 40 · 16 km · 6:15 min/km"
    assert block_lines(long_run, Units.MI)[0] == "1 h 40 · 9.9 mi · 10:04 min/mi"
    tempo = by_title(repo, "Tempo run")  # done: 44 min over 8.2 km
    assert block_lines(tempo, Units.KM)[0] == "44 min · 8.2 km · 5:22 min/km"
    squats = by_title(repo, "Squat jumps")
    assert "min/km" not in block_lines(squats, Units.KM)[0]


def test_a_day_with_nothing_planned_is_blank_not_rest() -> None:
    assert day_summary([], Units.KM) == ""
    rest = Workout(1, TODAY, Kind.REST, "Rest day")
    assert day_summary([rest], Units.KM) == "Rest"


def test_the_tooltip_tells_the_whole_workout(
    qtbot, controller: PlanController, state: ViewState, repo: MemoryRepository
) -> None:
    long_run = by_title(repo, "Long run")
    assert long_run.id is not None
    controller.edit(long_run.replace(notes="Fuel every 40 min.\nBring water."))
    view = make_view(qtbot, controller, state, QSize(1200, 640))
    tip = view.tooltip_at(view.block_rect(long_run.id).center())
    for part in ("Long run", "Sunday 22 November 2026", "16 km", "6:15 min/km", "RPE 5"):
        assert part in tip
    assert "Fuel every 40 min." in tip and "Bring water." in tip
    assert view.tooltip_at(QPoint(2, 2)) == ""


# -- using the space ------------------------------------------------------------------------
def test_every_block_fits_its_day_at_1280_by_720_and_tall_windows_show_more(
    qtbot, controller: PlanController, state: ViewState, repo: MemoryRepository
) -> None:
    long_run = by_title(repo, "Long run")
    assert long_run.id is not None
    controller.edit(long_run.replace(notes="Fuel every 40 min."))
    small = make_view(qtbot, controller, state, QSize(1000, 560))  # 1280 x 720 minus the dock
    for workout in small.workouts:
        assert workout.id is not None
        column = small.day_rect(workout.day)
        assert column.contains(small.block_rect(workout.id)), workout.title
    big = make_view(qtbot, controller, state, QSize(1600, 900))  # 1920 x 1080
    assert big.shown_lines(long_run.id) == [
        "Long run",
        "1 h 40 · 16 km · 6:15 min/km",
        "RPE 5",
        "Fuel every 40 min.",
    ]


def test_a_crowded_day_shares_its_height_and_light_blocks_keep_theirs() -> None:
    assert share_height([(60, 40), (90, 40)], 400) == [60, 90]
    shared = share_height([(60, 40), (200, 40), (200, 40)], 300)
    assert shared[0] == 60 and shared[1] == shared[2] and sum(shared) + 18 <= 300
    assert share_height([(90, 50)] * 3, 60) == [50, 50, 50]  # never below the least


# -- missed plans ---------------------------------------------------------------------------
@pytest.fixture
def missed(controller: PlanController) -> int:
    """A run planned for Monday (today is Wednesday) that was neither done nor skipped."""
    new_id = controller.add_workout(Workout(None, MONDAY, Kind.RUN, "Easy run", 0, 35, 6.0, 3))
    assert new_id is not None
    return new_id


def test_a_past_plan_says_missed_and_carries_two_buttons(
    qtbot, controller: PlanController, state: ViewState, repo: MemoryRepository, missed: int
) -> None:
    view = make_view(qtbot, controller, state, QSize(1200, 640))
    assert view.missed_ids() == [missed]
    workout = controller.workout(missed)
    assert workout is not None
    assert block_lines(workout, Units.KM, TODAY)[1] == "Missed · RPE 3"
    block = view.block_rect(missed)
    for name in ("done", "skip"):
        assert block.contains(view.button_rect(name=name, workout_id=missed))
    # Future plans and done work carry no buttons.
    sunday = by_title(repo, "Long run")
    assert sunday.id is not None and view.button_rect(sunday.id, "done").isEmpty()
    assert "Missed" in view.tooltip_at(block.center())
    assert "Mark Skipped" in view.tooltip_at(view.button_rect(missed, "skip").center())


def test_a_missed_block_looks_different_from_a_future_plan(
    qtbot, controller: PlanController, state: ViewState, missed: int
) -> None:
    view = make_view(qtbot, controller, state, QSize(1200, 640))
    image = view.grab().toImage()
    before = image.copy(view.block_rect(missed))
    state.check_today()  # nothing changes while the day stays the same
    assert view.grab().toImage().copy(view.block_rect(missed)) == before
    controller.set_status(missed, Status.SKIPPED)
    assert view.missed_ids() == []
    assert view.grab().toImage().copy(view.block_rect(missed)) != before


def test_clicking_a_missed_blocks_button_selects_it_and_asks_for_the_action(
    qtbot, controller: PlanController, state: ViewState, missed: int
) -> None:
    view = make_view(qtbot, controller, state, QSize(1200, 640))
    asked: list[str] = []
    view.block_action_requested.connect(asked.append)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.button_rect(missed, "skip").center())
    assert asked == ["skip"]
    assert state.selected_workout_id == missed
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.button_rect(missed, "done").center())
    assert asked == ["skip", "done"]


# -- the empty week -------------------------------------------------------------------------
def test_an_empty_week_shows_its_card_not_seven_rest_days(
    qtbot, controller: PlanController, state: ViewState
) -> None:
    view = make_view(qtbot, controller, state, QSize(1200, 640))
    state.show_week(state.week.shifted(5))
    assert view.workouts == []
    image = view.grab().toImage()
    totals = image.copy(QRect(view.width() // 2, 0, view.width() // 2 - 12, HEADER_H - 8))
    background = QColor(totals.pixel(0, 0))
    assert all(
        QColor(totals.pixel(x, y)) == background
        for x in range(0, totals.width(), 3)
        for y in range(0, totals.height(), 3)
    ), "an empty week's header shows no totals"
    assert all(day_summary(view.scene().by_day[day], Units.KM) == "" for day in view.week.days)


def test_the_empty_card_stays_readable_while_a_drag_passes_over_it(
    qtbot, controller: PlanController, state: ViewState
) -> None:
    view = make_view(qtbot, controller, state, QSize(1200, 640))
    state.show_week(state.week.shifted(5))
    middle = view.day_rect(view.week.days[3])
    card = QRect(middle.center().x() - 100, middle.center().y() - 20, 200, 40)
    still = view.grab().toImage().copy(card)
    view._set_drop(DropIntent(view.week.days[3], 0, True, template_id=1))
    assert view.scene().drop is not None
    assert view.grab().toImage().copy(card) == still
    view._set_drop(None)


def test_an_empty_plan_offers_the_demo_plan(
    qtbot, state: ViewState, controller: PlanController, repo: MemoryRepository
) -> None:
    view = make_view(qtbot, controller, state, QSize(1200, 640))
    view.set_demo_offer(True)
    assert view.demo_button_rect().isEmpty()  # the plan has workouts
    controller.delete([w.id for w in repo.all_workouts() if w.id is not None])
    assert not view.demo_button_rect().isEmpty()
    asked: list[bool] = []
    view.demo_requested.connect(lambda: asked.append(True))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.demo_button_rect().center())
    assert asked == [True]
