"""The window's own commands: navigation, focus, the docks, preferences, printing and help.

The commands on the selection (:mod:`planner.ui.selection_actions`), on plan files
(:mod:`planner.ui.file_actions`) and on the charts (:mod:`planner.ui.charts.actions`) have
rooms of their own; these are the rest of the window's action table. The dialogs and
printing load when first used, so the first paint needs none of them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from planner import APP_NAME, __version__
from planner.core.formatting import escape_html
from planner.ui.actions import ActionSpec, dock_toggle, plain_text
from planner.ui.dialog_opening import open_dialog
from planner.ui.window_layout import WIDGET_KEYS

if TYPE_CHECKING:
    from planner.ui.dialogs.go_to_date import GoToDateDialog
    from planner.ui.dialogs.preferences import PreferencesDialog
    from planner.ui.main_window import MainWindow
    from planner.ui.printing import WeekPrinter, WeekSheet

__all__ = ["WindowCommands"]


class WindowCommands(QObject):
    """The window's commands that act on the window itself (its rows of the action table).

    Args:
        window: the main window, built up to its docks.

    Signals:
        message(str): a line for the status bar.
        failed(str, str): what went wrong and what to do.
    """

    message = Signal(str)
    failed = Signal(str, str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._printer: WeekPrinter | None = None

    def specs(self) -> list[ActionSpec]:
        """This object's rows of the window's action table."""
        window = self._window
        library = window.library.template_actions
        return [
            ActionSpec(
                "review_missed",
                "Review &Missed…",
                self.review_missed,
                ("Ctrl+M",),
                tip="Go through the plans whose day passed with no result: done, skipped or not",
            ),
            ActionSpec(
                "new_training_plan",
                "&New Training Plan…",
                self.new_training_plan,
                ("Ctrl+Alt+N",),
                tip="Generate a plan for a race or for fitness, see it by the month, and add it",
            ),
            ActionSpec(
                "realign_plan",
                "&Realign…",
                self.realign_plan,
                ("Ctrl+Alt+R",),
                tip="After missed workouts or a break: shift and ease the rest of the plan",
            ),
            ActionSpec(
                "preferences",
                "Pre&ferences…",
                self.show_preferences,
                (QKeySequence.StandardKey.Preferences, "Ctrl+,"),
                tip="Units, the first day of the week, and the warnings",
                icon="preferences-system",
            ),
            ActionSpec(
                "previous_week",
                "&Previous Week",
                window.calendar.previous,
                ("Ctrl+PgUp",),
                tip="Show the previous week",
                icon="go-previous",
            ),
            ActionSpec(
                "next_week",
                "&Next Week",
                window.calendar.next,
                ("Ctrl+PgDown",),
                tip="Show the next week",
                icon="go-next",
            ),
            ActionSpec(
                "this_week",
                "&This Week",
                window.calendar.this,
                ("Ctrl+T",),
                tip="Show the week holding today",
                icon="go-home",
            ),
            ActionSpec(
                "go_to_date",
                "&Go to Date…",
                self.go_to_date,
                ("Ctrl+G",),
                tip="Show the week of a date",
                icon="go-jump",
            ),
            dock_toggle("library", "&Library", window.library_dock, "Ctrl+L"),
            dock_toggle("warnings", "&Warnings", window.warnings_dock, "Ctrl+Shift+W"),
            ActionSpec("focus_week", "Focus &Week", self.focus_week, ("Ctrl+1",)),
            ActionSpec("focus_library", "Focus Li&brary", self.focus_library, ("Ctrl+2",)),
            ActionSpec("focus_warnings", "Focus W&arnings", self.focus_warnings, ("Ctrl+4",)),
            *(
                ActionSpec(f"library_{name}", action.text(), action=action, where=where)
                for name, action, where in (
                    ("add", library.add, "in the library"),
                    ("new", library.new, "in the library"),
                    ("edit", library.edit, "in the library"),
                    ("duplicate", library.duplicate, "on a built-in entry"),
                    ("delete", library.delete, "in the library"),
                )
            ),
            ActionSpec(
                "library_filter",
                "&Filter the Library",
                action=window.library.focus_filter_action,
                keys=(QKeySequence.StandardKey.Find, "Ctrl+F"),
                where="in the library",
            ),
            ActionSpec(
                "print",
                "&Print Week…",
                self.print_week,
                (QKeySequence.StandardKey.Print, "Ctrl+P"),
                tip="Print the week shown",
                icon="document-print",
            ),
            ActionSpec(
                "preview",
                "Print Pre&view…",
                self.print_preview,
                ("Ctrl+Shift+P",),
                tip="See the printed week before printing",
                icon="document-print-preview",
            ),
            ActionSpec(
                "pdf",
                "&Export Week as PDF…",
                self.export_pdf,
                ("Ctrl+Shift+E",),
                tip="Save the week shown as a PDF file",
            ),
            ActionSpec(
                "quit",
                "&Quit",
                window.close,
                (QKeySequence.StandardKey.Quit, "Ctrl+Q"),
                icon="application-exit",
            ),
            ActionSpec(
                "shortcuts",
                "&Keyboard Shortcuts",
                self.show_shortcuts,
                ("Ctrl+/", "F1"),
                icon="help-keybord-shortcuts",
            ),
            ActionSpec("about", f"&About {APP_NAME}", self.show_about, ("Shift+F1",)),
        ]

    # -- navigation and focus --------------------------------------------------------------
    @Slot()
    def go_to_date(self) -> None:
        """Edit ▸ Go to Date…: ask for a date or a week, and show it."""
        from planner.ui.dialogs.go_to_date import GoToDateDialog

        window = self._window
        dialog = GoToDateDialog(
            window.state.selected_day,
            window,
            first_weekday=window.state.first_weekday,
            today=window.state.today,
            workout_days=self._workout_days,
        )
        open_dialog(dialog, self._date_chosen)

    def _workout_days(self, start: date, end: date) -> set[date]:
        return {w.day for w in self._window.controller.workouts(start, end)}

    def _date_chosen(self, dialog: GoToDateDialog) -> None:
        self._window.calendar.go_to(dialog.chosen_day())
        self.focus_week()

    @Slot()
    def focus_week(self) -> None:
        """Give the calendar on screen (the week or the month) the keyboard."""
        self._window.calendar.focus()

    @Slot()
    def focus_warnings(self) -> None:
        """Show the warnings and give their first card the keyboard."""
        self._window.warnings_dock.show()
        self._window.warnings_panel.focus_first()

    @Slot()
    def focus_library(self) -> None:
        """Show the library and give it the keyboard."""
        self._window.library_dock.show()
        self._window.library.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- dialogs ---------------------------------------------------------------------------
    @Slot()
    def show_preferences(self) -> None:
        """Edit ▸ Preferences…; the settings change as one undo step when accepted."""
        from planner.ui.dialogs.preferences import PreferencesDialog

        open_dialog(
            PreferencesDialog(self._window.controller.settings, self._window),
            self._preferences_accepted,
        )

    def _preferences_accepted(self, dialog: PreferencesDialog) -> None:
        self._window.controller.change_settings(dialog.settings())

    @Slot()
    def review_missed(self) -> None:
        """Edit ▸ Review Missed…: the plans whose day passed with no result, one by one."""
        from planner.ui.dialogs.review_missed import ReviewMissedDialog

        window = self._window
        open_dialog(
            ReviewMissedDialog(window.controller, window.state, window),
            on_finished=self.focus_week,
        )

    @Slot()
    def new_training_plan(self) -> None:
        """Plan ▸ New Training Plan…: generate a plan, preview it, add it as one undo step."""
        from planner.ui.dialogs.training_plan_apply import new_training_plan

        new_training_plan(self._window, self.message.emit)

    @Slot()
    def realign_plan(self) -> None:
        """Plan ▸ Realign…: the plan's progress, and the rest of it shifted and eased."""
        self._window.realign_offer.open()

    @Slot()
    def tell_damaged_settings(self) -> None:
        """Name the settings the plan file holds damaged, and what is used instead."""
        from planner.ui.dialogs.damaged_settings import damaged_settings_notice

        window = self._window
        damaged = window.controller.settings.damaged
        if damaged:
            damaged_settings_notice(damaged, window, window.actions_table["preferences"].trigger)

    # -- printing --------------------------------------------------------------------------
    @property
    def week_printer(self) -> WeekPrinter:
        """The window's printer (made, and the printing module loaded, when first used)."""
        if self._printer is None:
            from planner.ui.printing import WeekPrinter

            self._printer = WeekPrinter(self._window, self.printable_week)
            self._printer.message.connect(self.message)
            self._printer.failed.connect(self.failed)
        return self._printer

    def printable_week(self) -> WeekSheet:
        """The week shown, as it prints: its workouts and the warnings shown for it."""
        from planner.ui.printing import WeekSheet

        window = self._window
        week = window.state.week
        workouts = window.controller.workouts(week.start, week.end)
        units = window.controller.settings.units
        findings = tuple(window.warnings_panel.findings())
        return WeekSheet(tuple(workouts), week, window.state.today, units, findings)

    @Slot()
    def print_week(self) -> None:
        """File ▸ Print Week…."""
        self.week_printer.print_()

    @Slot()
    def print_preview(self) -> None:
        """File ▸ Print Preview…."""
        self.week_printer.print_preview()

    @Slot()
    def export_pdf(self) -> None:
        """File ▸ Export Week as PDF…."""
        self.week_printer.export_pdf()

    # -- help ------------------------------------------------------------------------------
    def shortcut_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The shortcuts list by menu, as the menu bar orders them, then the week's own keys."""
        table = self._window.actions_table
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        listed: set[str] = set()
        for top in self._window.menuBar().actions():
            menu = top.menu()
            if not isinstance(menu, QMenu):
                continue
            rows = []
            for action in menu.actions():
                name = table.name_of(action)
                if name is not None and name not in listed:
                    listed.add(name)
                    rows.append(table.shortcut_row(name))
            if rows:
                groups.append((plain_text(top.text()), rows))
        others = [table.shortcut_row(name) for name in table if name not in listed]
        if others:
            groups.append(("Other", others))
        groups.append(("In the week and the library", list(WIDGET_KEYS)))
        return groups

    @Slot()
    def show_shortcuts(self) -> None:
        """Help ▸ Keyboard Shortcuts."""
        from planner.ui.dialogs.shortcuts import ShortcutsDialog

        open_dialog(ShortcutsDialog(self.shortcut_groups(), self._window))

    @Slot()
    def show_about(self) -> None:
        """Help ▸ About Legwork: the version, and where the plan is."""
        QMessageBox.about(
            self._window,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>A private, offline training planner for runners.</p>"
            "<p>Your plan lives in one file on this computer:<br>"
            f"<code>{escape_html(str(self._window.plan_path))}</code></p>",
        )
