"""View ▸ Week and View ▸ Month: which calendar fills the window, and how navigation follows.

The window's centre is a stack of the week view and the month view, one shown at a time.
The month view is built, and its modules loaded, when first asked for (start-up builds and
paints only the week).
While the month is shown, Previous and Next step a month, This Week shows today's month
and Go to Date the date's; "+N more", Enter or a double click on a day open that day in
the week. The choice is kept with the window's state and comes back at the next start,
right after the week's first paint (which the start-up's deferred work waits for).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QStackedWidget, QWidget

from planner.ui.actions import ActionSpec
from planner.ui.first_paint import after_first_paint

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow
    from planner.ui.month.view import MonthView

#: Where the window remembers which calendar it showed.
CALENDAR_KEY = "main_window/calendar"
#: The navigation actions' words for each calendar: (previous, next, this).
_WORDS = {
    False: ("&Previous Week", "&Next Week", "&This Week"),
    True: ("&Previous Month", "&Next Month", "&This Month"),
}


class CalendarSwitch(QObject):
    """The window's calendar: the week or the month, and the commands that choose one.

    Args:
        window: the main window, built up to its week view and warnings model.

    Attributes:
        stack: the central widget (objectName ``calendarStack``).
        week_action: View ▸ Week (``weekViewAction``).
        month_action: View ▸ Month (``monthViewAction``).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._month: MonthView | None = None
        self.stack = QStackedWidget(window)
        self.stack.setObjectName("calendarStack")
        self.stack.addWidget(window.week_view)
        group = QActionGroup(self)
        self.week_action = QAction("&Week", window)
        self.month_action = QAction("&Month", window)
        for action in (self.week_action, self.month_action):
            action.setCheckable(True)
            group.addAction(action)
        self.week_action.setChecked(True)
        self.week_action.triggered.connect(self.show_week)
        self.month_action.triggered.connect(self.show_month)

    def specs(self) -> list[ActionSpec]:
        """View ▸ Week and View ▸ Month, rows of the window's action table."""
        return [
            ActionSpec(
                "week_view",
                "&Week",
                keys=("Ctrl+Alt+W",),
                tip="Show the plan a week at a time",
                action=self.week_action,
                what="Show the week",
            ),
            ActionSpec(
                "month_view",
                "&Month",
                keys=("Ctrl+Shift+M", "Ctrl+Alt+M"),
                tip="Show the plan a month at a time, with each week's totals",
                action=self.month_action,
                what="Show the month",
            ),
        ]

    # -- which calendar ----------------------------------------------------------------------
    @property
    def month_view(self) -> MonthView:
        """The month view (built when first asked for)."""
        if self._month is None:
            from planner.ui.month.view import MonthView  # loaded when first shown

            window = self._window
            view = MonthView(
                window.controller, window.state, self.stack, marks=window.warnings.marks
            )
            window.warnings.preview_changed.connect(view.update)
            view.day_opened.connect(self.open_day)
            view.edit_requested.connect(window.selection_actions.edit_workout)
            # The selection's keys (Delete, F2, Ctrl+C/X/V/D, Alt+Left/Right…) work in the
            # month as in the week: the week's own actions, for whichever has the keyboard.
            table = window.actions_table
            view.addActions([table[name] for name in table if table.spec(name).local])
            self.stack.addWidget(view)
            self._month = view
        return self._month

    @property
    def showing_month(self) -> bool:
        """Whether the month is the calendar on screen."""
        return self._month is not None and self.stack.currentWidget() is self._month

    def current(self) -> QWidget:
        """The calendar on screen."""
        widget = self.stack.currentWidget()
        return widget if widget is not None else self._window.week_view

    @Slot()
    def show_month(self) -> None:
        """View ▸ Month: the month of the selected day."""
        view = self.month_view
        view.show_month(self._window.state.selected_day)
        self._switch(view, month=True)

    @Slot()
    def show_week(self) -> None:
        """View ▸ Week: the week of the selected day."""
        self._switch(self._window.week_view, month=False)

    @Slot(object)
    def open_day(self, day: date) -> None:
        """Show ``day`` in the week (from the month's "+N more", Enter, a double click)."""
        self._window.state.select_day(day)
        self.show_week()

    def _switch(self, view: QWidget, *, month: bool) -> None:
        self.stack.setCurrentWidget(view)
        (self.month_action if month else self.week_action).setChecked(True)
        table = getattr(self._window, "actions_table", None)
        if table is not None:
            for name, words in zip(
                ("previous_week", "next_week", "this_week"), _WORDS[month], strict=True
            ):
                table[name].setText(words)
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus(self) -> None:
        """Give the calendar on screen the keyboard."""
        self.current().setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- navigation ------------------------------------------------------------------------
    @Slot()
    def previous(self) -> None:
        """Previous Week, or Previous Month while the month is shown."""
        if self.showing_month:
            self.month_view.show_previous_month()
        else:
            self._window.state.previous_week()

    @Slot()
    def next(self) -> None:
        """Next Week, or Next Month while the month is shown."""
        if self.showing_month:
            self.month_view.show_next_month()
        else:
            self._window.state.next_week()

    @Slot()
    def this(self) -> None:
        """This Week, or today's month while the month is shown; today is selected."""
        self.go_to(self._window.state.today)

    def go_to(self, day: date) -> None:
        """Select ``day`` and show its week, or its month while the month is shown."""
        self._window.state.select_day(day)
        if self.showing_month:
            self.month_view.show_month(day)

    # -- remembered with the window --------------------------------------------------------
    def save(self, settings: QSettings) -> None:
        """Remember which calendar is shown."""
        settings.setValue(CALENDAR_KEY, "month" if self.showing_month else "week")

    def restore(self, settings: QSettings) -> None:
        """Show the month again if it was shown, once the week has first painted."""
        if settings.value(CALENDAR_KEY, "week", type=str) == "month":
            after_first_paint(self._window.week_view, self.show_month)
