"""The "Go to date…" dialog."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton

from planner.ui.dialogs.go_to_date import GoToDateDialog

TODAY = date(2026, 11, 18)


def make_dialog(qtbot, current: date = date(2026, 3, 4), **kwargs) -> GoToDateDialog:
    kwargs.setdefault("today", TODAY)
    dialog = GoToDateDialog(current, **kwargs)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.open()
    return dialog


@pytest.mark.parametrize(
    ("first_weekday", "expected"),
    [(0, Qt.DayOfWeek.Monday), (6, Qt.DayOfWeek.Sunday), (5, Qt.DayOfWeek.Saturday)],
)
def test_first_day_of_week(qtbot, first_weekday: int, expected: Qt.DayOfWeek) -> None:
    dialog = make_dialog(qtbot, first_weekday=first_weekday)
    assert dialog.calendar().firstDayOfWeek() == expected


def test_opens_on_the_current_day(qtbot) -> None:
    dialog = make_dialog(qtbot)
    assert dialog.chosen_day() == date(2026, 3, 4)
    assert dialog.windowTitle() == "Go to date"


def test_today_button_chooses_today(qtbot) -> None:
    dialog = make_dialog(qtbot)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(dialog.today_button(), Qt.MouseButton.LeftButton)
    assert dialog.chosen_day() == TODAY
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_keyboard_pick_then_enter(qtbot) -> None:
    dialog = make_dialog(qtbot)
    calendar = dialog.calendar()
    calendar.setFocus()
    view = calendar.focusWidget() or calendar
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert dialog.chosen_day() == date(2026, 3, 12)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert dialog.chosen_day() == date(2026, 3, 12)


def test_selected_day_and_cancel(qtbot) -> None:
    dialog = make_dialog(qtbot)
    dialog.calendar().setSelectedDate(QDate(2027, 1, 2))
    assert dialog.chosen_day() == date(2027, 1, 2)
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(dialog.calendar(), Qt.Key.Key_Escape)


def test_today_is_marked(qtbot) -> None:
    dialog = make_dialog(qtbot)
    marked = dialog.calendar().dateTextFormat(QDate(2026, 11, 18))
    assert marked.font().bold()
    assert marked.fontUnderline()


# -- typing a date or a week, and the days with workouts ------------------------------------
def type_text(qtbot, dialog: GoToDateDialog, text: str) -> None:
    field = dialog.findChild(QLineEdit, "goToDateText")
    assert field is not None
    field.clear()
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-12-24", date(2026, 12, 24)),
        ("2026-W47", date(2026, 11, 16)),
        ("2027-W01", date(2027, 1, 4)),
    ],
)
def test_a_typed_date_or_week_label_selects_its_day(qtbot, text: str, day: date) -> None:
    dialog = make_dialog(qtbot)
    type_text(qtbot, dialog, text)
    assert dialog.chosen_day() == day
    assert dialog.typed_error() == ""
    field = dialog.findChild(QLineEdit, "goToDateText")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.chosen_day() == day


def test_a_week_label_follows_the_first_weekday(qtbot) -> None:
    dialog = make_dialog(qtbot, first_weekday=6)
    type_text(qtbot, dialog, "2026-W47")
    assert dialog.chosen_day() == date(2026, 11, 15)  # the Sunday before


def test_text_that_is_no_date_says_so_and_go_waits(qtbot) -> None:
    dialog = make_dialog(qtbot)
    type_text(qtbot, dialog, "next tuesday")
    assert "not a week or a date" in dialog.typed_error()
    go = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Go")
    assert not go.isEnabled()
    assert dialog.chosen_day() == date(2026, 3, 4)  # unchanged
    type_text(qtbot, dialog, "2026-W60")
    assert "no week 60" in dialog.typed_error()
    type_text(qtbot, dialog, "")
    assert dialog.typed_error() == "" and go.isEnabled()


def test_days_with_workouts_are_marked(qtbot) -> None:
    asked: list[tuple[date, date]] = []
    planned = {date(2026, 3, 3), date(2026, 3, 7), date(2026, 4, 20)}

    def workout_days(start: date, end: date) -> set[date]:
        asked.append((start, end))
        return {day for day in planned if start <= day <= end}

    dialog = make_dialog(qtbot, workout_days=workout_days)
    assert {date(2026, 3, 3), date(2026, 3, 7)} <= dialog.marked_days()
    assert dialog.calendar().dateTextFormat(QDate(2026, 3, 7)).font().bold()
    assert not dialog.calendar().dateTextFormat(QDate(2026, 3, 8)).font().bold()
    dialog.calendar().setCurrentPage(2026, 5)
    assert date(2026, 3, 7) not in dialog.marked_days()
    assert not dialog.calendar().dateTextFormat(QDate(2026, 3, 7)).font().bold()
    assert date(2026, 4, 20) not in dialog.marked_days()  # 1 May minus a week is after it
    dialog.calendar().setCurrentPage(2026, 4)
    assert date(2026, 4, 20) in dialog.marked_days()


# -- the user's path: Ctrl+G on the main window, type, Enter ----------------------------------
@pytest.mark.parametrize(
    ("text", "week_start", "day"),
    [
        # The README's two examples, typed exactly as written there.
        ("2026-12-24", date(2026, 12, 21), date(2026, 12, 24)),
        ("2026-W52", date(2026, 12, 21), date(2026, 12, 21)),
        ("2027-W02", date(2027, 1, 11), date(2027, 1, 11)),
    ],
)
def test_ctrl_g_then_typing_and_enter_shows_that_week(
    qtbot, db_path, text: str, week_start: date, day: date
) -> None:
    from PySide6.QtWidgets import QApplication

    from planner.app import build_main_window

    window = build_main_window(db_path, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(GoToDateDialog)
    assert dialog is not None, "Ctrl+G opened no Go to date dialog"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClicks(target, text)
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: window.findChild(GoToDateDialog) is None)
    assert window.state.week.start == week_start
    assert window.state.selected_day == day
    label = window.findChild(QLabel, "weekLabel")
    assert label is not None and str(day.year) in label.text()


def test_typing_after_clicking_the_calendar_still_goes_into_the_text_field(qtbot) -> None:
    from PySide6.QtWidgets import QApplication, QTableView

    dialog = make_dialog(qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    grid = dialog.calendar().findChild(QTableView)
    assert grid is not None
    qtbot.mouseClick(
        grid.viewport(), Qt.MouseButton.LeftButton, pos=grid.viewport().rect().center()
    )
    assert QApplication.focusWidget() is grid
    qtbot.keyClicks(QApplication.focusWidget(), "2026-W52")
    field = dialog.findChild(QLineEdit, "goToDateText")
    assert QApplication.focusWidget() is field
    assert field.text() == "2026-W52"
    assert dialog.chosen_day() == date(2026, 12, 21)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.chosen_day() == date(2026, 12, 21)


def test_the_calendar_stays_within_the_years_legwork_plans(qtbot) -> None:
    from planner.core.model import FIRST_PLAN_DAY, LAST_PLAN_DAY

    dialog = make_dialog(qtbot)
    calendar = dialog.calendar()
    calendar.setSelectedDate(QDate(1224, 12, 24))  # what the hidden date editor once made
    assert FIRST_PLAN_DAY <= dialog.chosen_day() <= LAST_PLAN_DAY
    calendar.setSelectedDate(QDate(9999, 1, 1))
    assert FIRST_PLAN_DAY <= dialog.chosen_day() <= LAST_PLAN_DAY
