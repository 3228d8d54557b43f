"""The "Go to date…" dialog: pick a day on a calendar, or jump back to today."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.model import Kind
from planner.ui.dialogs.fields import from_qdate, to_qdate
from planner.ui.style import is_dark, kind_color


class GoToDateDialog(QDialog):
    """Choose the day (and so the week) the calendar shows.

    Enter, a double click or "Go" accepts the selected day; "Today" accepts today.

    Args:
        current: the day selected when the dialog opens.
        parent: the parent widget.
        today: the day the app treats as today (pinned by ``--today``).
        first_weekday: the calendar's first column (0 Monday .. 6 Sunday).
    """

    def __init__(
        self,
        current: date,
        parent: QWidget | None = None,
        *,
        today: date,
        first_weekday: int = 0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("goToDateDialog")
        self.setWindowTitle("Go to date")
        self._today = today
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        label = QLabel("Show the week of the &day:", self)
        self._calendar = QCalendarWidget(self)
        self._calendar.setObjectName("goToDateCalendar")
        self._calendar.setFirstDayOfWeek(Qt.DayOfWeek(first_weekday % 7 + 1))
        self._calendar.setGridVisible(False)
        self._calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
        self._calendar.setSelectedDate(to_qdate(current))
        label.setBuddy(self._calendar)
        self._mark_today()
        layout.addWidget(label)
        layout.addWidget(self._calendar)

        self._buttons = QDialogButtonBox(self)
        self._today_button = QPushButton("&Today", self)
        self._today_button.setToolTip(f"Go to today, {today:%A %d %B %Y}")
        self._today_button.setAutoDefault(False)
        self._buttons.addButton(self._today_button, QDialogButtonBox.ButtonRole.ResetRole)
        self._go_button = self._buttons.addButton("&Go", QDialogButtonBox.ButtonRole.AcceptRole)
        self._go_button.setDefault(True)
        self._buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        self._today_button.clicked.connect(self.go_to_today)
        self._calendar.activated.connect(self._on_activated)
        layout.addWidget(self._buttons)
        shortcut = QShortcut(QKeySequence("Ctrl+T"), self)
        shortcut.activated.connect(self.go_to_today)
        self._calendar.setFocus(Qt.FocusReason.OtherFocusReason)

    def _mark_today(self) -> None:
        highlight = QTextCharFormat()
        font = QFont(self._calendar.font())
        font.setBold(True)
        highlight.setFont(font)
        highlight.setFontUnderline(True)
        # The run blue marks today, as in the week view.
        highlight.setForeground(kind_color(Kind.RUN, dark=is_dark(self.palette())))
        self._calendar.setDateTextFormat(to_qdate(self._today), highlight)

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
