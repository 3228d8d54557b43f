"""View ▸ Month in the real window: switching, what the grid shows, keys, drops and undo."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from planner.core.model import Kind, Severity, Status, Workout
from planner.core.settings import Units
from planner.core.weeks import SUNDAY
from planner.ui.main_window import MainWindow
from planner.ui.mime import encode_template, encode_workouts
from planner.ui.month.view import MonthView
from tests.helpers.dates import SAT, SUN, THU, TODAY, TUE
from tests.helpers.drops import drop_at, hover_at, leave
from tests.helpers.keyboard import press
from tests.helpers.plans import plan, seed
from tests.helpers.windows import open_window, template_id, undo_text

FIRST_MONDAY = date(2026, 10, 26)  # the Monday before Sunday 1 November 2026
DECEMBER_2 = date(2026, 12, 2)


def workouts() -> list[Workout]:
    return [
        Workout(None, TUE, Kind.RUN, "Tempo run", 0, 45, 8.0, 7, status=Status.DONE),
        Workout(None, THU, Kind.STRENGTH, "Squat jumps", 0, 10, None, 6),
        Workout(None, SAT, Kind.RUN, "Easy run", 0, 40, 7.0, 3),
        Workout(None, SUN, Kind.RUN, "Long run", 0, 100, 16.0, 5),
        Workout(None, DECEMBER_2, Kind.RUN, "December run", 0, 30, 5.0, 3),
    ]


@pytest.fixture
def window(qtbot: Any, db_path: Path) -> MainWindow:
    seed(db_path, *workouts())
    return open_window(qtbot, db_path, size=(1500, 950))


def to_month(qtbot: Any, window: MainWindow) -> MonthView:
    window.actions_table["month_view"].trigger()
    month = window.calendar.month_view
    qtbot.waitUntil(month.isVisible)
    return month


def below_chips(month: MonthView, day: date) -> QPoint:
    rect = month.day_rect(day)
    return QPoint(rect.center().x(), rect.bottom() - 6)


# -- switching ----------------------------------------------------------------------------------
def test_view_month_shows_the_selected_days_month_and_view_week_goes_back(
    qtbot: Any, window: MainWindow
) -> None:
    action = window.actions_table["month_view"]
    assert action.objectName() == "monthViewAction"
    month = to_month(qtbot, window)
    assert month.objectName() == month.accessibleName() == "monthView"
    assert window.calendar.stack.currentWidget() is month and not window.week_view.isVisible()
    assert month.month == date(2026, 11, 1)
    assert month.first_day == FIRST_MONDAY  # the week holding the 1st, Monday first
    assert month.hasFocus()
    assert window.actions_table["previous_week"].text() == "&Previous Month"
    window.actions_table["week_view"].trigger()
    assert window.week_view.isVisible() and not month.isVisible()
    assert window.week_view.hasFocus()
    assert window.actions_table["previous_week"].text() == "&Previous Week"


def test_the_keys_switch_between_week_and_month(qtbot: Any, window: MainWindow) -> None:
    window.week_view.setFocus()
    press(
        qtbot, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    month = window.calendar.month_view
    assert month.isVisible() and window.actions_table["month_view"].isChecked()
    press(
        qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert window.week_view.isVisible() and not month.isVisible()


def test_the_month_comes_back_at_the_next_start(
    qtbot: Any, window: MainWindow, db_path: Path
) -> None:
    to_month(qtbot, window)
    window.close()
    assert QSettings().value("main_window/calendar", type=str) == "month"
    again = open_window(qtbot, db_path)
    qtbot.waitUntil(lambda: again.calendar.showing_month)
    assert again.calendar.month_view.month == date(2026, 11, 1)


# -- what it shows ------------------------------------------------------------------------------
def test_chips_show_each_days_workouts_and_the_weeks_add_up(qtbot: Any, window: MainWindow) -> None:
    month = to_month(qtbot, window)
    assert month.shown_titles(TUE) == ["Tempo run"]
    assert month.shown_titles(SAT) == ["Easy run"]
    assert month.shown_titles(DECEMBER_2) == ["December run"]  # a dimmed day of the next month
    assert month.shown_titles(TODAY) == []
    sums = month.week_sums()
    assert len(sums) == 6
    this_week = sums[3]  # 16 to 22 November, the grid's fourth row
    assert (this_week.distance, this_week.done) == ("31 km", "8 done")
    assert this_week.time == "3 h 15"  # 45 + 10 + 40 + 100 minutes
    assert sums[0].distance == ""  # nothing in the first week
    assert (sums[5].distance, sums[5].done) == ("5 km", "")  # a week to come: nothing done yet


def test_a_full_day_says_how_many_more_and_opens_in_the_week(
    qtbot: Any, window: MainWindow
) -> None:
    month = to_month(qtbot, window)
    for n in range(8):
        window.controller.add_workout(Workout(None, THU, Kind.STRENGTH, f"Set {n}", n, 10, None, 5))
    assert month.hidden_count(THU) > 0
    shown = month.shown_titles(THU)
    assert len(shown) + month.hidden_count(THU) == 9
    assert shown[0] == "Squat jumps"
    assert f"{month.hidden_count(THU)} more" in month.tooltip_at(month.more_rect(THU).center())
    qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=month.more_rect(THU).center())
    assert window.week_view.isVisible() and not month.isVisible()
    assert window.state.selected_day == THU
    assert window.week_view.week.start == date(2026, 11, 16)


def test_a_day_the_rules_warn_about_is_marked(qtbot: Any, db_path: Path) -> None:
    # Legs that felt heavy on Saturday and a long run planned the day after (HEAVY_LEGS), a
    # long run far longer than any of the month before (RUN_SPIKE, critical).
    seed(
        db_path,
        Workout(
            None, SAT, Kind.RUN, "Easy run", 0, 40, 7.0, 3, status=Status.DONE, heavy_legs=True
        ),
        Workout(None, SUN, Kind.RUN, "Long run", 0, 100, 16.0, 5),
    )
    window = open_window(qtbot, db_path, size=(1500, 950))
    month = to_month(qtbot, window)
    qtbot.waitUntil(lambda: month.warned().severity(SUN) is Severity.CRITICAL)
    assert month.warned().severity(SAT) is Severity.WARNING
    assert month.warned().severity(THU) is None  # RUN_COUNT is only information
    tip = month.tooltip_at(month.day_rect(SUN).topRight() + QPoint(-8, 8))
    assert "heavy" in tip.lower()


# -- keys -----------------------------------------------------------------------------------------
def test_arrows_move_the_day_pages_move_the_month_and_enter_opens_the_day(
    qtbot: Any, window: MainWindow
) -> None:
    month = to_month(qtbot, window)
    assert window.state.selected_day == TODAY
    press(qtbot, Qt.Key.Key_Right)
    assert window.state.selected_day == TODAY + timedelta(days=1)
    press(qtbot, Qt.Key.Key_Down)
    assert window.state.selected_day == TODAY + timedelta(days=8)
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Left)
    assert window.state.selected_day == TODAY
    press(qtbot, Qt.Key.Key_PageDown)
    assert month.month == date(2026, 12, 1) and window.state.selected_day == date(2026, 12, 18)
    press(qtbot, Qt.Key.Key_PageUp)
    press(qtbot, Qt.Key.Key_PageUp)
    assert month.month == date(2026, 10, 1) and window.state.selected_day == date(2026, 10, 18)
    press(qtbot, Qt.Key.Key_End)
    assert window.state.selected_day == date(2026, 10, 31)
    press(qtbot, Qt.Key.Key_Right)  # into November: its month is shown
    assert month.month == date(2026, 11, 1) and window.state.selected_day == date(2026, 11, 1)
    press(qtbot, Qt.Key.Key_Return)
    assert window.week_view.isVisible() and window.state.selected_day == date(2026, 11, 1)


def test_previous_next_this_and_go_to_move_by_month_while_it_is_shown(
    qtbot: Any, window: MainWindow
) -> None:
    month = to_month(qtbot, window)
    window.actions_table["next_week"].trigger()
    assert month.month == date(2026, 12, 1)
    window.actions_table["next_week"].trigger()
    window.actions_table["previous_week"].trigger()
    assert month.month == date(2026, 12, 1)
    window.actions_table["this_week"].trigger()
    assert month.month == date(2026, 11, 1) and window.state.selected_day == TODAY
    window.calendar.go_to(date(2027, 3, 2))
    assert month.month == date(2027, 3, 1)
    window.actions_table["week_view"].trigger()
    window.actions_table["next_week"].trigger()  # the week again steps a week
    assert window.state.week.start == date(2027, 3, 8)


# -- drops ----------------------------------------------------------------------------------------
def test_a_library_entry_dropped_on_a_day_is_added_and_ctrl_z_takes_it_back(
    qtbot: Any, window: MainWindow, db_path: Path
) -> None:
    month = to_month(qtbot, window)
    friday = date(2026, 11, 27)
    data = encode_template(template_id(window, "Easy run"))
    event = drop_at(month, data, below_chips(month, friday))
    assert event.isAccepted()
    assert (friday, "Easy run") in plan(db_path)
    assert undo_text(window) == "Undo Add Easy run to Fri 27 Nov"
    assert month.shown_titles(friday) == ["Easy run"]
    assert month.hasFocus()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (friday, "Easy run") not in plan(db_path)
    assert month.shown_titles(friday) == []


def test_a_chip_dragged_to_another_day_moves(qtbot: Any, window: MainWindow, db_path: Path) -> None:
    month = to_month(qtbot, window)
    long_run = next(w for w in month.workouts if w.title == "Long run")
    assert long_run.id is not None and not month.block_rect(long_run.id).isEmpty()
    target = date(2026, 11, 25)
    drop_at(month, encode_workouts([long_run.id]), below_chips(month, target))
    assert (target, "Long run") in plan(db_path) and (SUN, "Long run") not in plan(db_path)
    assert undo_text(window) == "Undo Move Long run to Wed 25 Nov"
    assert month.shown_titles(SUN) == [] and month.shown_titles(target) == ["Long run"]
    window.undo_action.trigger()
    assert month.shown_titles(SUN) == ["Long run"]


def test_the_warnings_preview_a_drop_hovering_over_any_week_of_the_month(
    qtbot: Any, window: MainWindow
) -> None:
    month = to_month(qtbot, window)
    panel = window.warnings_panel
    assert panel.preview_findings() is None
    data = encode_template(template_id(window, "Long run"))
    # Saturday already has an Easy run and Sunday the Long run: a second long run there.
    event = hover_at(month, data, below_chips(month, SAT))
    assert event.isAccepted()
    qtbot.waitUntil(lambda: panel.preview_findings() is not None)
    assert panel.preview_title == "Preview: Add Long run to Sat 21 Nov"
    # Over a day of another week: the panel previews that week's drop.
    later = date(2026, 12, 3)
    hover_at(month, data, below_chips(month, later))
    assert window.state.week.start == date(2026, 11, 30)
    qtbot.waitUntil(lambda: panel.preview_title == "Preview: Add Long run to Thu 3 Dec")
    assert month.month == date(2026, 11, 1)  # the month stays put under the drag
    leave(month)
    assert panel.preview_findings() is None


def test_drafts_show_in_the_month_but_are_not_in_the_plan(
    qtbot: Any, window: MainWindow, db_path: Path
) -> None:
    month = to_month(qtbot, window)
    before = plan(db_path)
    draft = [Workout(None, date(2026, 11, 24), Kind.RUN, "Draft tempo", 0, 40, 9.0, 7)]
    month.set_draft(draft)
    assert month.shown_titles(date(2026, 11, 24)) == ["Draft tempo"]
    cell = month.grid.cell(date(2026, 11, 24))
    assert cell is not None and cell.chips[0].draft
    assert "Draft: not in the plan yet" in month.tooltip_at(cell.chips[0].rect.center())
    assert month.week_sums()[4].distance == "9 km"
    assert plan(db_path) == before
    assert all(w.title != "Draft tempo" for w in month.workouts)
    month.set_draft(None)
    assert month.shown_titles(date(2026, 11, 24)) == []


def test_a_clicked_chip_is_selected_and_the_weeks_keys_work_on_it(
    qtbot: Any, window: MainWindow, db_path: Path
) -> None:
    month = to_month(qtbot, window)
    long_run = next(w for w in month.workouts if w.title == "Long run")
    assert long_run.id is not None
    qtbot.mouseClick(month, Qt.MouseButton.LeftButton, pos=month.block_rect(long_run.id).center())
    assert window.state.selected_workout_id == long_run.id and month.hasFocus()
    press(qtbot, Qt.Key.Key_Delete)
    assert (SUN, "Long run") not in plan(db_path)
    assert month.shown_titles(SUN) == []
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (SUN, "Long run") in plan(db_path)
    assert month.shown_titles(SUN) == ["Long run"]


def test_the_month_follows_the_first_weekday_and_the_units(qtbot: Any, window: MainWindow) -> None:
    month = to_month(qtbot, window)
    settings = window.controller.settings
    window.controller.change_settings(
        dataclasses.replace(settings, first_weekday=SUNDAY, units=Units.MI)
    )
    assert month.first_day == date(2026, 11, 1)  # a Sunday: the grid starts on it
    # 16 to 22 November is no longer a row: 15 to 21 is, with Tuesday's 8 km and 7 km.
    assert month.week_sums()[2].distance == "9.3 mi"
    window.undo_action.trigger()
    assert month.first_day == FIRST_MONDAY
