"""The view state: the week and selection the widgets share, today, and what the plan does to them."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from planner.core.model import Kind, Workout
from planner.core.weeks import Week
from planner.ui.controller import PlanController
from planner.ui.view_state import DropIntent, ViewState, fixed_clock, msecs_until_midnight
from planner.ui.week.view import WeekView
from tests.fakes import MemoryRepository
from tests.ui.conftest import MONDAY, TODAY, by_title

SUNDAY = date(2026, 11, 22)


def header_pixels(view: WeekView, day: date) -> object:
    """The top of ``day``'s column as painted: where the today pill is."""
    column = view.day_rect(day)
    return view.grab().toImage().copy(column.adjusted(0, 0, 0, 30 - column.height()))


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def test_starts_on_todays_week_with_today_selected(state: ViewState) -> None:
    assert state.today == TODAY
    assert state.week == Week(MONDAY)
    assert (state.selected_day, state.selected_workout_id) == (TODAY, None)
    assert state.highlighted_days == frozenset() and state.drop_hover is None


def test_navigation_keeps_the_weekday_and_lets_go_of_the_block(
    qtbot, state: ViewState, repo: MemoryRepository
) -> None:
    long_run = by_title(repo, "Long run")
    state.select_workout(long_run.id)  # looked up: Sunday
    assert (state.selected_day, state.selected_workout_id) == (SUNDAY, long_run.id)
    with qtbot.waitSignal(state.week_changed) as changed:
        state.next_week()
    assert changed.args == [Week(date(2026, 11, 23))]
    assert (state.selected_day, state.selected_workout_id) == (date(2026, 11, 29), None)
    state.this_week()
    assert (state.week, state.selected_day) == (Week(MONDAY), TODAY)


def test_selecting_a_day_in_another_week_shows_that_week(qtbot, state: ViewState) -> None:
    with qtbot.waitSignals([state.week_changed, state.selection_changed]):
        state.select_day(date(2027, 1, 1))
    assert state.week == Week(date(2026, 12, 28))
    with qtbot.assertNotEmitted(state.week_changed):
        state.select_day(date(2026, 12, 31))  # same week: only the selection moves


def test_the_week_follows_the_first_weekday_setting(
    qtbot, state: ViewState, controller: PlanController
) -> None:
    with qtbot.waitSignal(state.week_changed) as changed:
        assert controller.set_setting("first-weekday", "sunday")
    assert changed.args == [Week(date(2026, 11, 15))]  # Sunday 15 to Saturday 21
    assert state.first_weekday == 6
    assert state.selected_day == TODAY  # the selection stays on its day
    assert state.week_of(SUNDAY) == Week(SUNDAY)
    controller.undo_stack.undo()
    assert state.week == Week(MONDAY)


def test_a_deleted_block_is_let_go_and_a_moved_one_followed(
    state: ViewState, controller: PlanController, repo: MemoryRepository
) -> None:
    easy = by_title(repo, "Long run")
    state.select_workout(easy.id, easy.day)
    assert controller.move(easy.id, date(2026, 11, 20))
    assert (state.selected_day, state.selected_workout_id) == (date(2026, 11, 20), easy.id)
    assert controller.delete([easy.id])
    assert (state.selected_day, state.selected_workout_id) == (date(2026, 11, 20), None)


def test_highlight_and_drop_hover_signal_only_real_changes(qtbot, state: ViewState) -> None:
    with qtbot.waitSignal(state.highlight_changed):
        state.highlight([TODAY, SUNDAY], [7])
    assert state.highlighted_days == {TODAY, SUNDAY} and state.highlighted_workouts == {7}
    with qtbot.assertNotEmitted(state.highlight_changed):
        state.highlight([SUNDAY, TODAY], [7])
    intent = DropIntent(SUNDAY, 0, copy=True, template_id=1)
    with qtbot.waitSignal(state.drop_hover_changed) as hovered:
        state.set_drop_hover(intent)
    assert hovered.args == [intent] and state.drop_hover == intent
    with qtbot.waitSignal(state.drop_hover_changed) as left:
        state.set_drop_hover(None)
    assert left.args == [None]


# -- today ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 18, 23, 59, 0), 61_000),  # a minute to go, then a second more
        (datetime(2026, 11, 18, 0, 0, 0), 86_401_000),
        (datetime(2026, 11, 18, 23, 59, 59, 999_000), 1_001),
    ],
)
def test_the_timer_aims_just_past_the_next_midnight(now: datetime, expected: int) -> None:
    assert msecs_until_midnight(now) == expected


def test_the_midnight_timer_is_armed_from_the_injected_time(
    qtbot, controller: PlanController
) -> None:
    state = ViewState(
        controller, clock=fixed_clock(TODAY), now=lambda: datetime(2026, 11, 18, 22, 0)
    )
    timer = state.midnight_timer
    assert timer.isActive() and timer.isSingleShot()
    assert timer.interval() == 2 * 3600 * 1000 + 1000


def test_today_rolls_over_at_midnight_and_the_selection_follows_it(
    qtbot, controller: PlanController
) -> None:
    clock = FakeClock(SUNDAY)
    state = ViewState(controller, clock=clock)
    assert (state.week, state.selected_day) == (Week(MONDAY), SUNDAY)
    state.check_today()  # the timer fired early: nothing moves
    assert state.today == SUNDAY

    clock.day = SUNDAY + timedelta(days=1)
    with qtbot.waitSignal(state.today_changed) as rolled, qtbot.waitSignal(state.week_changed):
        state.check_today()  # what the midnight timer calls
    assert rolled.args == [date(2026, 11, 23)]
    assert state.today == date(2026, 11, 23)
    assert (state.week, state.selected_day) == (Week(date(2026, 11, 23)), date(2026, 11, 23))
    assert state.midnight_timer.isActive()  # re-armed for the next night


def test_a_selection_elsewhere_stays_when_the_day_rolls_over(
    qtbot, controller: PlanController, repo: MemoryRepository
) -> None:
    clock = FakeClock(TODAY)
    state = ViewState(controller, clock=clock)
    tempo = by_title(repo, "Tempo run")
    state.select_workout(tempo.id, tempo.day)
    clock.day = TODAY + timedelta(days=1)
    with qtbot.assertNotEmitted(state.selection_changed):
        state.check_today()
    assert state.today == date(2026, 11, 19)
    assert (state.selected_day, state.selected_workout_id) == (tempo.day, tempo.id)


def test_the_week_view_marks_the_new_today_after_midnight(
    qtbot, controller: PlanController
) -> None:
    from planner.ui.week.view import WeekView

    clock = FakeClock(TODAY)
    state = ViewState(controller, clock=clock)
    view = WeekView(controller, state)
    qtbot.addWidget(view)
    view.resize(1200, 640)
    with qtbot.waitExposed(view):
        view.show()
    thursday = date(2026, 11, 19)
    wednesday_before, thursday_before = header_pixels(view, TODAY), header_pixels(view, thursday)
    clock.day = thursday
    controller.add_workout(Workout(None, MONDAY, Kind.REST, "Rest day"))  # an unrelated paint
    assert header_pixels(view, thursday) == thursday_before  # no clock was asked meanwhile
    state.check_today()
    assert header_pixels(view, thursday) != thursday_before  # the today pill moved to Thursday
    assert header_pixels(view, TODAY) != wednesday_before


# -- today across daylight saving time, a suspend and a wake ---------------------------------
BERLIN = ZoneInfo("Europe/Berlin")
HOUR_MS = 3600 * 1000


@contextmanager
def local_time_zone(name: str) -> Iterator[None]:
    """The machine's local time is ``name``'s for a while, then what it was."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture
def in_berlin() -> Iterator[None]:
    """The machine's local time is Berlin's (CET/CEST) for the test."""
    with local_time_zone("Europe/Berlin"):
        yield


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Sunday 29 March 2026 has 23 hours: clocks go from 02:00 to 03:00.
        (datetime(2026, 3, 29, 0, 0), 23 * HOUR_MS + 1000),
        (datetime(2026, 3, 29, 0, 0, tzinfo=BERLIN), 23 * HOUR_MS + 1000),
        (datetime(2026, 3, 29, 1, 30), 21 * HOUR_MS + 30 * 60_000 + 1000),
        (datetime(2026, 3, 28, 23, 0), HOUR_MS + 1000),  # the night before: a plain hour
        # Sunday 25 October 2026 has 25 hours: clocks go from 03:00 back to 02:00.
        (datetime(2026, 10, 25, 0, 0), 25 * HOUR_MS + 1000),
        (datetime(2026, 10, 25, 0, 0, tzinfo=BERLIN), 25 * HOUR_MS + 1000),
    ],
)
def test_the_timer_waits_the_real_time_to_midnight_on_daylight_saving_days(
    in_berlin: None, now: datetime, expected: int
) -> None:
    assert msecs_until_midnight(now) == expected


def test_where_midnight_itself_is_skipped_the_timer_waits_for_the_day_to_begin() -> None:
    """Chile springs forward at midnight: Sunday 6 September 2026 begins at 01:00."""
    with local_time_zone("America/Santiago"):
        assert msecs_until_midnight(datetime(2026, 9, 5, 23, 30)) == 30 * 60_000 + 1000


def test_the_midnight_timer_is_aimed_in_real_time_on_the_spring_forward_night(
    qtbot: Any, controller: PlanController, in_berlin: None
) -> None:
    sunday = datetime(2026, 3, 29, 0, 0, 1, tzinfo=BERLIN)  # just after the last check
    state = ViewState(controller, clock=fixed_clock(sunday.date()), now=lambda: sunday)
    next_midnight = datetime(2026, 3, 30, tzinfo=BERLIN)
    elapsed = next_midnight.timestamp() - sunday.timestamp()
    assert elapsed == 23 * 3600 - 1
    assert state.midnight_timer.interval() == elapsed * 1000 + 1000


def test_a_wake_after_midnight_shows_the_new_today_when_the_app_is_active_again(
    qtbot: Any, controller: PlanController
) -> None:
    from planner.ui.week.view import WeekView

    clock = FakeClock(TODAY)
    state = ViewState(controller, clock=clock)
    view = WeekView(controller, state)
    qtbot.addWidget(view)
    view.resize(1200, 640)
    with qtbot.waitExposed(view):
        view.show()
    thursday = date(2026, 11, 19)
    thursday_before = header_pixels(view, thursday)

    clock.day = thursday  # the machine slept through midnight: no timer fired
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    with qtbot.waitSignal(state.today_changed) as rolled:
        app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)  # it wakes
    assert rolled.args == [thursday] and state.today == thursday
    assert header_pixels(view, thursday) != thursday_before  # the today pill is on Thursday


def test_a_wake_that_leaves_the_app_inactive_is_caught_within_a_minute(
    qtbot: Any, controller: PlanController
) -> None:
    clock = FakeClock(TODAY)
    state = ViewState(controller, clock=clock)
    recheck = state.recheck_timer
    assert recheck.isActive() and not recheck.isSingleShot()
    assert recheck.interval() <= 60_000
    with qtbot.assertNotEmitted(state.today_changed):
        recheck.timeout.emit()  # a check with the same day: nothing happens
    clock.day = TODAY + timedelta(days=1)
    recheck.start(10)  # the next periodic check comes sooner, for the test
    with qtbot.waitSignal(state.today_changed) as rolled:
        pass
    assert rolled.args == [date(2026, 11, 19)]
