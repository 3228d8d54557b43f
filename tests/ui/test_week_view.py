"""The week view: what it shows, and what drops and keys do to the plan."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QDragLeaveEvent, QDragMoveEvent, QDropEvent

from planner.core.model import Kind, Status, Workout
from planner.core.settings import Units
from planner.ui.controller import PlanController
from planner.ui.mime import WORKOUT_MIME, decode_workouts, encode_template, encode_workouts
from planner.ui.style import is_dark, kind_color
from planner.ui.theme import Theme, apply_theme
from planner.ui.view_state import DropIntent, ViewState
from planner.ui.week.layout import HEADER_H
from planner.ui.week.painter import block_lines, day_summary, header_totals, week_subtitle
from planner.ui.week.view import WeekView
from tests.fakes import MemoryRepository
from tests.ui.conftest import MONDAY, TODAY, by_title, template_id


@pytest.fixture
def view(qtbot, controller: PlanController, state: ViewState) -> WeekView:
    widget = WeekView(controller, state)
    qtbot.addWidget(widget)
    widget.resize(1200, 640)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def titles_on(repo: MemoryRepository, day: date) -> list[str]:
    return [w.title for w in repo.workouts_between(day, day)]


def drop_at(
    view: WeekView, data: QMimeData, pos: QPoint, modifiers=Qt.KeyboardModifier.NoModifier
) -> QDropEvent:
    """Deliver a real drop event at ``pos`` (what Qt sends when the mouse is released)."""
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    move = QDragMoveEvent(pos, actions, data, Qt.MouseButton.LeftButton, modifiers)
    view.dragMoveEvent(move)
    event = QDropEvent(QPointF(pos), actions, data, Qt.MouseButton.LeftButton, modifiers)
    view.dropEvent(event)
    return event


def below_blocks(view: WeekView, day: date) -> QPoint:
    rect = view.day_rect(day)
    return QPoint(rect.center().x(), rect.bottom() - 10)


# -- what it shows --------------------------------------------------------------------------
def test_shows_the_week_of_today_starting_monday(view: WeekView) -> None:
    assert view.week.start == MONDAY
    assert view.selected_day == TODAY
    assert [w.title for w in view.workouts] == [
        "Tempo run",
        "Easy run",
        "Easy run",
        "Squat jumps",
        "Long run",
    ]


def test_day_columns_run_left_to_right_without_overlap(view: WeekView) -> None:
    rects = [view.day_rect(MONDAY + timedelta(days=i)) for i in range(7)]
    assert all(not r.isEmpty() for r in rects)
    for left, right in itertools.pairwise(rects):
        assert left.right() < right.left()
    assert view.rect().contains(rects[0]) and view.rect().contains(rects[-1])
    assert view.day_rect(MONDAY - timedelta(days=1)).isEmpty()


def test_blocks_sit_in_their_day_in_order(view: WeekView, repo: MemoryRepository) -> None:
    easy = repo.workouts_between(date(2026, 11, 21), date(2026, 11, 21))
    first, second = (view.block_rect(w.id) for w in easy)
    saturday = view.day_rect(date(2026, 11, 21))
    assert saturday.contains(first) and saturday.contains(second)
    assert first.bottom() < second.top()
    assert view.block_rect(99999).isEmpty()


def test_week_navigation_shows_other_weeks(view: WeekView, controller: PlanController) -> None:
    view.show_week(view.week.next)
    assert view.week.start == date(2026, 11, 23)
    assert view.workouts == []
    assert view.day_rect(date(2026, 11, 22)).isEmpty()
    assert not view.day_rect(date(2026, 11, 23)).isEmpty()


def test_view_follows_changes_made_elsewhere(view: WeekView, controller: PlanController) -> None:
    controller.add_workout(Workout(None, date(2026, 11, 16), Kind.REST, "Rest day"))
    assert "Rest day" in [w.title for w in view.workouts]


def header_pixels(view: WeekView) -> object:
    return view.grab().toImage().copy(0, 0, view.width(), HEADER_H)


def test_in_miles_the_header_the_days_and_the_blocks_read_in_miles(
    view: WeekView, controller: PlanController, repo: MemoryRepository
) -> None:
    saturday = date(2026, 11, 21)
    scene = view.scene()
    # Runs: tempo 8.2 (done), easy 6 and 7, long 16: 37.2 km.
    assert header_totals(scene.totals, scene.units)[:2] == [("runs", "4"), ("km", "37.2")]
    in_km = header_pixels(view)

    assert controller.set_setting("units", "mi")
    scene = view.scene()
    assert scene.units is Units.MI
    assert header_totals(scene.totals, scene.units)[:2] == [("runs", "4"), ("mi", "23.1")]
    assert block_lines(by_title(repo, "Long run"), scene.units) == (
        "1 h 40 · 9.9 mi · 10:04 min/mi",
        "RPE 5",
    )
    assert day_summary(scene.by_day[saturday], scene.units) == "4.3 mi · 50 min"
    assert header_pixels(view) != in_km  # repainted at once

    controller.undo_stack.undo()
    assert view.scene().units is Units.KM
    assert header_pixels(view) == in_km


def test_the_header_names_the_iso_week_for_any_first_weekday(
    view: WeekView, controller: PlanController
) -> None:
    assert week_subtitle(view.week, TODAY) == "Week 47 · this week"
    assert controller.set_setting("first-weekday", "sunday")
    assert view.week.start == date(2026, 11, 15)
    assert week_subtitle(view.week, TODAY) == "Week 47 · this week"
    assert not view.day_rect(date(2026, 11, 15)).isEmpty()
    assert view.day_rect(date(2026, 11, 22)).isEmpty()  # Sunday 22 starts the next week
    assert [w.title for w in view.workouts] == ["Tempo run", "Easy run", "Easy run", "Squat jumps"]


# -- drops --------------------------------------------------------------------------------
def test_a_hovering_drag_tells_the_view_state_what_it_would_drop(
    view: WeekView, state: ViewState, controller: PlanController
) -> None:
    friday = date(2026, 11, 20)
    easy = template_id(controller, "Easy run")
    data = encode_template(easy)
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    move = QDragMoveEvent(
        below_blocks(view, friday),
        actions,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dragMoveEvent(move)
    assert state.drop_hover == DropIntent(friday, 0, copy=True, template_id=easy)
    view.dragLeaveEvent(QDragLeaveEvent())
    assert state.drop_hover is None
    drop_at(view, data, below_blocks(view, friday))
    assert state.drop_hover is None


def test_dropping_a_library_entry_adds_a_planned_workout(view: WeekView, repo, controller) -> None:
    friday = date(2026, 11, 20)
    drop_at(view, encode_template(template_id(controller, "Easy run")), below_blocks(view, friday))
    [added] = repo.workouts_between(friday, friday)
    assert (added.title, added.kind, added.status) == ("Easy run", Kind.RUN, Status.PLANNED)
    assert added.duration_min == 35 and added.distance_km == 6.0
    assert view.selected_workout_id == added.id
    assert controller.undo_stack.undoText() == "Add Easy run to Fri 20 Nov"


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_a_dropped_cross_training_entry_is_a_block_in_its_own_colour(
    qtbot, view: WeekView, repo, controller, theme: Theme
) -> None:
    friday = date(2026, 11, 20)
    drop_at(view, encode_template(template_id(controller, "Easy bike")), below_blocks(view, friday))
    [added] = repo.workouts_between(friday, friday)
    assert (added.title, added.kind, added.status) == ("Easy bike", Kind.CROSS, Status.PLANNED)
    assert controller.undo_stack.undoText() == "Add Easy bike to Fri 20 Nov"
    apply_theme(theme)
    try:
        qtbot.waitUntil(lambda: is_dark(view.palette()) is (theme is Theme.DARK))
        rect = view.block_rect(added.id)
        image = view.grab().toImage()
        scale = image.devicePixelRatio()
        stripe = QColor(image.pixel(int((rect.left() + 2) * scale), int(rect.center().y() * scale)))
        assert stripe.name() == kind_color(Kind.CROSS, dark=theme is Theme.DARK).name()
    finally:
        apply_theme(Theme.SYSTEM)
    assert "Cross-training" in view.tooltip_at(view.block_rect(added.id).center())


def test_drop_position_sets_the_order_within_the_day(view: WeekView, repo, controller) -> None:
    saturday = date(2026, 11, 21)
    top = view.block_rect(repo.workouts_between(saturday, saturday)[0].id).top()
    drop_at(
        view,
        encode_template(template_id(controller, "Rest day")),
        QPoint(view.day_rect(saturday).center().x(), top + 2),
    )
    assert titles_on(repo, saturday) == ["Rest day", "Easy run", "Squat jumps"]
    assert [w.position for w in repo.workouts_between(saturday, saturday)] == [0, 1, 2]


def test_dragging_a_block_to_another_day_moves_it(view: WeekView, repo, controller) -> None:
    long_run = by_title(repo, "Long run")
    drop_at(view, encode_workouts([long_run.id]), below_blocks(view, date(2026, 11, 20)))
    moved = repo.get_workout(long_run.id)
    assert moved is not None and moved.day == date(2026, 11, 20)
    assert titles_on(repo, date(2026, 11, 22)) == []
    assert controller.undo_stack.undoText() == "Move Long run to Fri 20 Nov"
    controller.undo_stack.undo()
    assert repo.get_workout(long_run.id) == long_run


def test_ctrl_drag_copies(view: WeekView, repo, controller) -> None:
    tempo = by_title(repo, "Tempo run")
    drop_at(
        view,
        encode_workouts([tempo.id]),
        below_blocks(view, date(2026, 11, 20)),
        Qt.KeyboardModifier.ControlModifier,
    )
    copies = [w for w in repo.all_workouts() if w.title == "Tempo run"]
    assert len(copies) == 2
    copy = next(w for w in copies if w.id != tempo.id)
    assert copy.day == date(2026, 11, 20)
    assert copy.status is Status.PLANNED and copy.actual_distance_km is None  # a fresh plan
    assert repo.get_workout(tempo.id) == tempo  # the original stays


def test_reordering_within_a_day(view: WeekView, repo) -> None:
    saturday = date(2026, 11, 21)
    squat = by_title(repo, "Squat jumps")
    first_block = view.block_rect(repo.workouts_between(saturday, saturday)[0].id)
    drop_at(
        view, encode_workouts([squat.id]), QPoint(first_block.center().x(), first_block.top() + 3)
    )
    assert titles_on(repo, saturday) == ["Squat jumps", "Easy run"]
    assert [w.position for w in repo.workouts_between(saturday, saturday)] == [0, 1]


def test_dropping_a_block_where_it_is_changes_nothing(view: WeekView, repo, controller) -> None:
    long_run = by_title(repo, "Long run")
    before = repo.snapshot()
    drop_at(view, encode_workouts([long_run.id]), view.block_rect(long_run.id).center())
    assert repo.snapshot() == before
    assert controller.undo_stack.count() == 0


def test_drop_outside_the_days_is_refused(view: WeekView, repo, controller) -> None:
    before = repo.snapshot()
    event = drop_at(view, encode_template(template_id(controller, "Easy run")), QPoint(5, 5))
    assert not event.isAccepted()
    assert repo.snapshot() == before


def test_foreign_or_garbage_mime_is_ignored(view: WeekView, repo) -> None:
    before = repo.snapshot()
    data = QMimeData()
    data.setData(WORKOUT_MIME, b"{not json")
    drop_at(view, data, below_blocks(view, date(2026, 11, 20)))
    text = QMimeData()
    text.setText("Long run")
    drop_at(view, text, below_blocks(view, date(2026, 11, 20)))
    assert repo.snapshot() == before


def test_drag_payload_carries_ids_only(view: WeekView, repo) -> None:
    long_run = by_title(repo, "Long run")
    data = view.mime_data_for([long_run.id])
    assert decode_workouts(data) == [long_run.id]
    assert bytes(data.data(WORKOUT_MIME).data()) == b'{"workouts": [%d]}' % long_run.id


def test_drag_over_a_day_offers_move_or_copy(view: WeekView, repo) -> None:
    long_run = by_title(repo, "Long run")
    data = encode_workouts([long_run.id])
    pos = below_blocks(view, date(2026, 11, 20))
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    move = QDragMoveEvent(
        pos, actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    view.dragMoveEvent(move)
    assert move.isAccepted() and move.dropAction() == Qt.DropAction.MoveAction
    copy = QDragMoveEvent(
        pos, actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier
    )
    view.dragMoveEvent(copy)
    assert copy.isAccepted() and copy.dropAction() == Qt.DropAction.CopyAction
    outside = QDragMoveEvent(
        QPoint(3, 3), actions, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    view.dragMoveEvent(outside)
    assert not outside.isAccepted()


def test_refused_drop_shows_an_error_and_the_view_matches_the_database(
    view: WeekView, repo, controller, qtbot
) -> None:
    repo.fail_writes = True
    before = repo.snapshot()
    with qtbot.waitSignal(controller.failed) as signal:
        drop_at(
            view,
            encode_template(template_id(controller, "Easy run")),
            below_blocks(view, date(2026, 11, 20)),
        )
    assert "read-only" in signal.args[0]
    assert repo.snapshot() == before
    assert view.workouts == repo.workouts_between(view.week.start, view.week.end)


# -- keyboard -----------------------------------------------------------------------------
def test_arrow_keys_walk_days_and_blocks(view: WeekView, repo, qtbot) -> None:
    view.setFocus()
    assert view.selected_day == TODAY and view.selected_workout_id is None
    qtbot.keyClick(view, Qt.Key.Key_Right)  # Thursday, which has one block; no row yet
    assert view.selected_day == date(2026, 11, 19) and view.selected_workout_id is None
    qtbot.keyClick(view, Qt.Key.Key_Down)
    [thursday_run] = repo.workouts_between(date(2026, 11, 19), date(2026, 11, 19))
    assert view.selected_workout_id == thursday_run.id
    qtbot.keyClick(view, Qt.Key.Key_Right)  # Friday is empty
    assert view.selected_day == date(2026, 11, 20) and view.selected_workout_id is None
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.selected_workout_id == by_title(repo, "Squat jumps").id
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.selected_workout().title == "Easy run"


def test_arrow_past_sunday_shows_next_week(view: WeekView, qtbot) -> None:
    view.select_day(date(2026, 11, 22))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.week.start == date(2026, 11, 23)
    assert view.selected_day == date(2026, 11, 23)


def test_enter_on_a_block_asks_to_edit_it(view: WeekView, repo, qtbot) -> None:
    long_run = by_title(repo, "Long run")
    view.select_workout(long_run.id)
    view.setFocus()
    with qtbot.waitSignal(view.edit_requested) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert signal.args == [long_run.id]


def test_double_click_asks_to_edit(view: WeekView, repo, qtbot) -> None:
    long_run = by_title(repo, "Long run")
    with qtbot.waitSignal(view.edit_requested) as signal:
        qtbot.mouseDClick(
            view, Qt.MouseButton.LeftButton, pos=view.block_rect(long_run.id).center()
        )
    assert signal.args == [long_run.id]


def test_click_selects_block_and_takes_focus(view: WeekView, repo, qtbot) -> None:
    tempo = by_title(repo, "Tempo run")
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.block_rect(tempo.id).center())
    assert view.selected_workout_id == tempo.id
    assert view.selected_day == tempo.day
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=below_blocks(view, date(2026, 11, 16)))
    assert view.selected_day == date(2026, 11, 16) and view.selected_workout_id is None
