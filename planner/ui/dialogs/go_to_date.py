"""The "Go to date…" dialog: type a date or a week, pick a day on a calendar, or go to today.

The calendar marks the days that have workouts, so the runner can see where the plan is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Slot
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QShortcut, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core.formatting import format_day
from planner.core.model import FIRST_PLAN_DAY, LAST_PLAN_DAY, Kind
from planner.core.weeks import iso_label, parse_week
from planner.ui.dialogs.errors import ErrorLabel
from planner.ui.dialogs.fields import from_qdate, to_qdate
from planner.ui.style import is_dark, kind_color, mix

#: The days that have workouts between two days (inclusive).
WorkoutDays = Callable[[date, date], Iterable[date]]


def parse_day(text: str, first_weekday: int = 0) -> date:
    """The day ``text`` names: an ISO date (``2026-11-18``), or a week's first day (``2026-W47``).

    Raises:
        ValueError: with a message for people when ``text`` names neither.
    """
    text = text.strip()
    if "w" in text.lower():  # a week: its first day for the runner's first weekday
        day = parse_week(text, first_weekday).start
    else:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            day = parse_week(text, first_weekday).start  # says what it expects
    if not FIRST_PLAN_DAY <= day <= LAST_PLAN_DAY:
        raise ValueError(
            f"{text} is outside the years Legwork plans "
            f"({FIRST_PLAN_DAY.year} to {LAST_PLAN_DAY.year})."
        )
    return day


class GoToDateDialog(QDialog):
    """Choose the day (and so the week) the calendar shows.

    A typed date (``2026-11-18``) or week (``2026-W47``) selects that day on the calendar;
    Enter, a double click or "Go" accepts the selected day; "Today" accepts today.

    Args:
        current: the day selected when the dialog opens.
        parent: the parent widget.
        today: the day the app treats as today (pinned by ``--today``).
        first_weekday: the calendar's first column (0 Monday .. 6 Sunday).
        workout_days: the days that have workouts in a span, to mark them on the calendar.
    """

    def __init__(
        self,
        current: date,
        parent: QWidget | None = None,
        *,
        today: date,
        first_weekday: int = 0,
        workout_days: WorkoutDays | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("goToDateDialog")
        self.setWindowTitle("Go to date")
        self._today = today
        self._first_weekday = first_weekday
        self._workout_days = workout_days
        self._marked: set[date] = set()
        self._typing = False
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        typed_label = QLabel("Type a &date or a week:", self)
        self._typed = QLineEdit(self)
        self._typed.setObjectName("goToDateText")
        self._typed.setPlaceholderText(f"{today.isoformat()} or {iso_label(today)}")
        self._typed.setClearButtonEnabled(True)
        typed_label.setBuddy(self._typed)
        self._error = ErrorLabel(self)
        self._error.reserve()
        layout.addWidget(typed_label)
        layout.addWidget(self._typed)
        layout.addWidget(self._error)
        label = QLabel("Or pick a day on the &calendar:", self)
        self._calendar = QCalendarWidget(self)
        self._calendar.setObjectName("goToDateCalendar")
        self._calendar.setFirstDayOfWeek(Qt.DayOfWeek(first_weekday % 7 + 1))
        self._calendar.setGridVisible(False)
        self._calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        # The years Legwork plans, as for typed text: no week of 1224 to go to.
        self._calendar.setDateRange(to_qdate(FIRST_PLAN_DAY), to_qdate(LAST_PLAN_DAY))
        self._calendar.setSelectedDate(to_qdate(current))
        # Digits typed on the calendar would go into its hidden date editor, which reads
        # "2026-12-24" as 1224 and "2027-W02" as 2002: typing belongs to the text field.
        self._calendar.setDateEditEnabled(False)
        # (The year spin box in the calendar's title keeps its own typing.)
        for part in (self._calendar, *self._calendar.findChildren(QTableView)):
            part.installEventFilter(self)
        label.setBuddy(self._calendar)
        self._mark_today()
        self._mark_workouts()
        layout.addWidget(label)
        layout.addWidget(self._calendar)
        if workout_days is not None:
            legend = QLabel("Days in bold on a tint have workouts.", self)
            legend.setObjectName("goToDateLegend")
            legend.setEnabled(False)
            layout.addWidget(legend)

        self._buttons = QDialogButtonBox(self)
        self._today_button = QPushButton("&Today", self)
        self._today_button.setToolTip(f"Go to today, {format_day(today, year=True, long=True)}")
        self._today_button.setAutoDefault(False)
        self._buttons.addButton(self._today_button, QDialogButtonBox.ButtonRole.ResetRole)
        self._go_button = self._buttons.addButton("&Go", QDialogButtonBox.ButtonRole.AcceptRole)
        self._go_button.setDefault(True)
        self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self._today_button.clicked.connect(self.go_to_today)
        self._calendar.activated.connect(self._on_activated)
        self._calendar.currentPageChanged.connect(self._mark_workouts)
        self._calendar.selectionChanged.connect(self._on_calendar_changed)
        self._typed.textChanged.connect(self._on_typed)
        layout.addWidget(self._buttons)
        shortcut = QShortcut(QKeySequence("Ctrl+T"), self)
        shortcut.activated.connect(self.go_to_today)
        # The README's path: Ctrl+G, type a date or a week, Enter.
        self._typed.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Send text typed while the calendar's day grid has focus to the text field.

        Arrows, Page Up/Down, Home/End and Enter still move on and choose from the calendar.
        """
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            text = event.text()
            if text and text.isprintable() and not text.isspace():
                if not self._typed.hasFocus():  # a new text, not more of one
                    self._typed.setFocus(Qt.FocusReason.OtherFocusReason)
                    self._typed.clear()
                self._typed.insert(text)
                return True
        return super().eventFilter(watched, event)

    def _mark_today(self) -> None:
        highlight = QTextCharFormat()
        font = QFont(self._calendar.font())
        font.setBold(True)
        highlight.setFont(font)
        highlight.setFontUnderline(True)
        # The run blue marks today, as in the week view.
        highlight.setForeground(kind_color(Kind.RUN, dark=is_dark(self.palette())))
        self._calendar.setDateTextFormat(to_qdate(self._today), highlight)

    @Slot()
    def _mark_workouts(self) -> None:
        """Mark the days with workouts on the month shown (and the days around it)."""
        if self._workout_days is None:
            return
        first = date(self._calendar.yearShown(), self._calendar.monthShown(), 1)
        start = max(first - timedelta(days=7), FIRST_PLAN_DAY)
        end = min(first + timedelta(days=45), LAST_PLAN_DAY)
        days = {day for day in self._workout_days(start, end) if day != self._today}
        for day in self._marked - days:
            self._calendar.setDateTextFormat(to_qdate(day), QTextCharFormat())
        run = kind_color(Kind.RUN, dark=is_dark(self.palette()))
        base = self.palette().color(self.palette().ColorRole.Base)
        marked = QTextCharFormat()
        font = QFont(self._calendar.font())
        font.setBold(True)
        marked.setFont(font)
        marked.setBackground(mix(base, run, 0.22))
        for day in days:
            self._calendar.setDateTextFormat(to_qdate(day), marked)
        self._marked = days

    def marked_days(self) -> set[date]:
        """The days marked as having workouts on the month shown."""
        return set(self._marked)

    def typed_error(self) -> str:
        """What is wrong with the typed text ("" when nothing is)."""
        return self._error.text()

    @Slot(str)
    def _on_typed(self, text: str) -> None:
        if self._typing:
            return
        go = self._go_button
        if not text.strip():
            self._error.clear()
            go.setEnabled(True)
            return
        try:
            day = parse_day(text, self._first_weekday)
        except ValueError as error:
            self._error.setText(str(error))
            go.setEnabled(False)
            return
        self._error.clear()
        go.setEnabled(True)
        self._typing = True
        try:
            self._calendar.setSelectedDate(to_qdate(day))
        finally:
            self._typing = False

    @Slot()
    def _on_calendar_changed(self) -> None:
        if self._typing:
            return
        self._typing = True
        try:
            self._typed.clear()
            self._error.clear()
            self._go_button.setEnabled(True)
        finally:
            self._typing = False

    def calendar(self) -> QCalendarWidget:
        """The calendar widget (for tests and keyboard navigation)."""
        return self._calendar

    def today_button(self) -> QPushButton:
        """The "Today" button."""
        return self._today_button

    def chosen_day(self) -> date:
        """The day selected."""
        return from_qdate(self._calendar.selectedDate())

    @Slot()
    def go_to_today(self) -> None:
        """Select today and accept."""
        self._calendar.setSelectedDate(to_qdate(self._today))
        self.accept()

    @Slot(QDate)
    def _on_activated(self, day: QDate) -> None:
        self._calendar.setSelectedDate(day)
        self.accept()
