"""The "Go to date…" dialog."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

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
