"""The main window: the week, the library dock, menus and toolbar from one action table.

The window composes; it relays nothing. The week view, the library and the window's actions
all read and move the same :class:`~planner.ui.view_state.ViewState`, and refresh from the
controller's ``plan_changed``. Printing, the dialogs and "Go to date" load when first used, so
the first paint needs none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from planner import APP_NAME, __version__
from planner.core.formatting import escape_html
from planner.core.weeks import Week
from planner.ui.actions import SEPARATOR, ActionSpec, ActionTable, plain_text
from planner.ui.charts.actions import ProgressActions
from planner.ui.charts.dock import ChartsDock
from planner.ui.controller import PlanController
from planner.ui.file_actions import FileActions, PlanFileHooks, remember_plan
from planner.ui.first_paint import after_first_paint
from planner.ui.library.widget import WorkoutPalette
from planner.ui.selection_actions import BLOCK_MENU, DAY_MENU, SelectionActions
from planner.ui.theme import ThemeMenu
from planner.ui.view_state import ViewState
from planner.ui.warnings_model import WarningsModel
from planner.ui.warnings_panel import WarningsPanel
from planner.ui.week.view import WeekView

if TYPE_CHECKING:
    from planner.ui.printing import WeekPrinter, WeekSheet

_SETTINGS_GEOMETRY = "main_window/geometry"
_SETTINGS_STATE = "main_window/state"
_STATE_VERSION = 1

#: The menu bar: each menu's title and its actions, ``"-"`` for a separator.
MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&File",
        (
            "new_plan",
            "open_plan",
            "backups",
            SEPARATOR,
            "new",
            SEPARATOR,
            "import_workouts",
            "export_workouts",
            "import_weights",
            SEPARATOR,
            "print",
            "preview",
            "pdf",
            "export_chart",
            SEPARATOR,
            "quit",
        ),
    ),
    (
        "&Edit",
        (
            "undo",
            "redo",
            SEPARATOR,
            "cut",
            "copy",
            "paste",
            "duplicate",
            "delete",
            SEPARATOR,
            "edit",
            "done",
            "skip",
            "plan",
            "review_missed",
            SEPARATOR,
            "move_left",
            "move_right",
            SEPARATOR,
            "template",
            "copy_week",
            SEPARATOR,
            "log_weight",
            "weight_log",
            SEPARATOR,
            "preferences",
        ),
    ),
    (
        "&View",
        (
            "previous_week",
            "next_week",
            "this_week",
            "go_to_date",
            SEPARATOR,
            "library",
            "warnings",
            "charts",
            "focus_week",
            "focus_library",
            "focus_charts",
            "focus_warnings",
        ),
    ),
    (
        "&Library",
        (
            "library_add",
            SEPARATOR,
            "library_new",
            "library_edit",
            "library_duplicate",
            "library_delete",
            SEPARATOR,
            "library_filter",
        ),
    ),
    ("&Help", ("shortcuts", "about")),
)
#: The toolbar.
TOOLBAR: tuple[str, ...] = (
    "previous_week",
    "this_week",
    "next_week",
    "go_to_date",
    SEPARATOR,
    "new",
    "undo",
    "redo",
)
#: Keys that act inside a widget rather than through an action, for the shortcuts list.
WIDGET_KEYS: tuple[tuple[str, str], ...] = (
    ("Select the previous / next day", "Left / Right"),
    ("Select the workout above / below", "Up / Down"),
    ("Select the first / last day of the week", "Home / End"),
    ("Edit the selected workout", "Enter"),
    ("Copy while dragging", "Ctrl + drag"),
)


class MainWindow(QMainWindow):
    """Legwork's window. Everything is wired to one :class:`PlanController`.

    Args:
        controller: the plan controller (owns the undo stack).
        state: what the window shows (the week, the selection, today); the window owns it.
        db_path: the plan file shown in the title and status bar.
        on_close: called once when the window closes (the app closes the database).
        parent: the parent widget.

    Attributes:
        week_view: the weekly calendar (objectName ``weekView``).
        library: the workout library (objectName ``workoutPalette``).
        state: the view state the widgets share.
        actions_table: every command of the window.
        selection_actions: the commands on the selection, and the clipboard.
    """

    def __init__(
        self,
        controller: PlanController,
        state: ViewState,
        db_path: Path,
        *,
        on_close: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._controller = controller
        self.state = state
        state.setParent(self)
        self._db_path = db_path
        self._on_close = on_close
        self._printer: WeekPrinter | None = None
        self.setWindowTitle(f"{db_path.name} — {APP_NAME}")
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )

        self.warnings = WarningsModel(controller, state, self)
        self.week_view = WeekView(controller, state, self, marks=self.warnings.marks)
        self.setCentralWidget(self.week_view)
        self.library = WorkoutPalette(controller, state, self)
        self._library_dock = QDockWidget("Library", self)
        self._library_dock.setObjectName("libraryDock")
        self._library_dock.setWidget(self.library)
        self._library_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self._library_dock)
        self.warnings_panel = WarningsPanel(self.warnings, state, self)
        self._warnings_dock = QDockWidget("Warnings", self)
        self._warnings_dock.setObjectName("warningsDock")
        self._warnings_dock.setWidget(self.warnings_panel)
        self._warnings_dock.setFeatures(self._library_dock.features())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self._warnings_dock)
        self.warnings.changed.connect(self.week_view.update)
        self.warnings.preview_changed.connect(self.week_view.update)
        self.warnings.load_after_first_paint(self.week_view)
        # the charts across the bottom of the window; pyqtgraph loads after the first paint
        self.charts_dock = ChartsDock(controller, state, self, after_paint_of=self.week_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.charts_dock)
        self.progress_actions = ProgressActions(self, controller, state, self.charts_dock)

        self.selection_actions = SelectionActions(controller, state, self)
        self.file_actions = FileActions(self, controller, state, db_path)
        self.actions_table = ActionTable(self, self._specs(), local_to=self.week_view)
        self.selection_actions.attach(self.actions_table)
        self.actions_table.fill_menu_bar(self.menuBar(), MENUS)
        self._create_toolbar()
        self._create_status_bar()
        self._name_actions()
        self._add_file_menus()
        self._add_theme_menu()

        controller.message.connect(self._show_change)
        controller.failed.connect(self._show_error)
        state.week_changed.connect(self._on_week_changed)
        self.week_view.edit_requested.connect(self.selection_actions.edit_workout)
        self.week_view.context_menu_requested.connect(self._show_context_menu)
        self.week_view.block_action_requested.connect(self._on_block_action)
        self.selection_actions.message.connect(self._show_status)
        self.selection_actions.focus_week.connect(self._focus_week)
        self.file_actions.message.connect(self._show_status)
        self.progress_actions.message.connect(self._show_status)
        self.charts_dock.message.connect(self._show_status)
        self.file_actions.failed.connect(self._show_error)
        self.week_view.demo_requested.connect(self.file_actions.open_demo)

        self._restore_window_state()
        self._on_week_changed(state.week)
        if controller.settings.damaged:  # said once, when the week is first on screen
            after_first_paint(self.week_view, self._tell_damaged_settings)

    # -- public API (tests, benchmarks, the app) -------------------------------------------
    @property
    def plan_path(self) -> Path:
        """The plan file this window shows."""
        return self._db_path

    @property
    def controller(self) -> PlanController:
        """The plan controller."""
        return self._controller

    @property
    def week_printer(self) -> WeekPrinter:
        """The window's printer (made, and the printing module loaded, when first used)."""
        if self._printer is None:
            from planner.ui.printing import WeekPrinter

            self._printer = WeekPrinter(self, self._printable_week)
            self._printer.message.connect(self._show_status)
            self._printer.failed.connect(self._show_error)
        return self._printer

    def show_week(self, day: date) -> None:
        """Show the week holding ``day``."""
        self.state.show_week(self.state.week_of(day))

    @Slot()
    def next_week(self) -> None:
        """Show the following week."""
        self.state.next_week()

    @Slot()
    def previous_week(self) -> None:
        """Show the previous week."""
        self.state.previous_week()

    @Slot()
    def this_week(self) -> None:
        """Show the week holding today and select today."""
        self.state.this_week()

    def set_plan_files(self, hooks: PlanFileHooks | None) -> None:
        """What New Plan…, Open Plan…, Open Recent and the demo plan do (the app's hooks).

        The empty week's card offers the demo plan only when there is one to open.
        """
        self.file_actions.set_hooks(hooks)
        self.week_view.set_demo_offer(hooks is not None and hooks.open_demo is not None)

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """What Help ▸ Keyboard Shortcuts lists: every action, then the widgets' own keys."""
        return [*self.actions_table.shortcut_rows(), *WIDGET_KEYS]

    def shortcut_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The shortcuts list by menu, as the menu bar orders them, then the week's own keys."""
        table = self.actions_table
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        listed: set[str] = set()
        for top in self.menuBar().actions():
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

    # -- construction ----------------------------------------------------------------------
    def _specs(self) -> list[ActionSpec]:
        stack = self._controller.undo_stack
        library = self.library.template_actions
        return [
            ActionSpec(
                "undo",
                "&Undo",
                keys=(QKeySequence.StandardKey.Undo, "Ctrl+Z"),
                icon="edit-undo",
                action=stack.createUndoAction(self, "&Undo"),
                what="Undo the last change",
            ),
            ActionSpec(
                "redo",
                "&Redo",
                # The platform's Redo first; Ctrl+Shift+Z and Ctrl+Y work everywhere.
                keys=(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"),
                icon="edit-redo",
                action=stack.createRedoAction(self, "&Redo"),
                what="Redo the change just undone",
            ),
            *self.selection_actions.specs(),
            *self.file_actions.specs(),
            *(  # the list says what View ▸ Charts does, as for the library and the warnings
                replace(spec, what="Show or hide the charts") if spec.name == "charts" else spec
                for spec in self.progress_actions.specs()
            ),
            ActionSpec(
                "review_missed",
                "Review &Missed…",
                self._review_missed,
                ("Ctrl+M",),
                tip="Go through the plans whose day passed with no result: done, skipped or not",
            ),
            ActionSpec(
                "preferences",
                "Pre&ferences…",
                self._show_preferences,
                (QKeySequence.StandardKey.Preferences, "Ctrl+,"),
                tip="Units, the first day of the week, and the warnings",
                icon="preferences-system",
            ),
            ActionSpec(
                "previous_week",
                "&Previous Week",
                self.previous_week,
                ("Ctrl+PgUp",),
                tip="Show the previous week",
                icon="go-previous",
            ),
            ActionSpec(
                "next_week",
                "&Next Week",
                self.next_week,
                ("Ctrl+PgDown",),
                tip="Show the next week",
                icon="go-next",
            ),
            ActionSpec(
                "this_week",
                "&This Week",
                self.this_week,
                ("Ctrl+T",),
                tip="Show the week holding today",
                icon="go-home",
            ),
            ActionSpec(
                "go_to_date",
                "&Go to Date…",
                self._go_to_date,
                ("Ctrl+G",),
                tip="Show the week of a date",
                icon="go-jump",
            ),
            ActionSpec(
                "library",
                "&Library",
                keys=("Ctrl+L",),
                action=self._library_dock.toggleViewAction(),
                what="Show or hide the library",
            ),
            ActionSpec(
                "warnings",
                "&Warnings",
                keys=("Ctrl+Shift+W",),
                action=self._warnings_dock.toggleViewAction(),
                what="Show or hide the warnings",
            ),
            ActionSpec("focus_week", "Focus &Week", self._focus_week, ("Ctrl+1",)),
            ActionSpec("focus_library", "Focus Li&brary", self._focus_library, ("Ctrl+2",)),
            ActionSpec("focus_warnings", "Focus W&arnings", self._focus_warnings, ("Ctrl+4",)),
            ActionSpec(
                "library_add",
                library.add.text(),
                action=library.add,
                where="in the library",
            ),
            ActionSpec(
                "library_new", library.new.text(), action=library.new, where="in the library"
            ),
            ActionSpec(
                "library_edit", library.edit.text(), action=library.edit, where="in the library"
            ),
            ActionSpec(
                "library_duplicate",
                library.duplicate.text(),
                action=library.duplicate,
                where="on a built-in entry",
            ),
            ActionSpec(
                "library_delete",
                library.delete.text(),
                action=library.delete,
                where="in the library",
            ),
            ActionSpec(
                "library_filter",
                "&Filter the Library",
                action=self.library.focus_filter_action,
                keys=(QKeySequence.StandardKey.Find, "Ctrl+F"),
                where="in the library",
            ),
            ActionSpec(
                "print",
                "&Print Week…",
                self._print,
                (QKeySequence.StandardKey.Print, "Ctrl+P"),
                tip="Print the week shown",
                icon="document-print",
            ),
            ActionSpec(
                "preview",
                "Print Pre&view…",
                self._print_preview,
                ("Ctrl+Shift+P",),
                tip="See the printed week before printing",
                icon="document-print-preview",
            ),
            ActionSpec(
                "pdf",
                "&Export Week as PDF…",
                self._export_pdf,
                ("Ctrl+Shift+E",),
                tip="Save the week shown as a PDF file",
            ),
            ActionSpec(
                "quit",
                "&Quit",
                self.close,
                (QKeySequence.StandardKey.Quit, "Ctrl+Q"),
                icon="application-exit",
            ),
            ActionSpec(
                "shortcuts",
                "&Keyboard Shortcuts",
                self._show_shortcuts,
                ("Ctrl+/", "F1"),
                icon="help-keybord-shortcuts",
            ),
            ActionSpec("about", f"&About {APP_NAME}", self._show_about, ("Shift+F1",)),
        ]

    def _name_actions(self) -> None:
        """The actions tests and scripts use most, as attributes (``window.undo_action``).

        Every action is ``actions_table[name]``.
        """
        table = self.actions_table
        self.undo_action = table["undo"]
        self.redo_action = table["redo"]
        self.edit_action = table["edit"]
        self.done_action = table["done"]
        self.paste_action = table["paste"]
        self.duplicate_action = table["duplicate"]
        self.delete_action = table["delete"]
        self.template_action = table["template"]
        self.copy_week_action = table["copy_week"]
        self.preferences_action = table["preferences"]
        self.library_action = table["library"]
        self.pdf_action = table["pdf"]

    def _add_file_menus(self) -> None:
        """File ▸ Open Recent, after Open Plan…; the plan on screen becomes the latest."""
        open_plan = self.actions_table["open_plan"]
        file_menu = open_plan.associatedObjects()
        for menu in file_menu:
            if isinstance(menu, QMenu) and menu.parent() is self.menuBar():
                actions = menu.actions()
                after = actions[actions.index(open_plan) + 1]
                menu.insertMenu(after, self.file_actions.recent_menu)
        self.file_actions.attach(
            {name: self.actions_table[name] for name in ("new_plan", "open_plan", "backups")}
        )
        remember_plan(self._db_path)

    def _add_theme_menu(self) -> None:
        """View ▸ Theme (System, Light, Dark), at the end of the View menu."""
        self.theme_menu = ThemeMenu(self)
        for menu in self.actions_table["this_week"].associatedObjects():
            if isinstance(menu, QMenu) and menu.parent() is self.menuBar():
                menu.addSeparator()
                menu.addMenu(self.theme_menu.menu)

    def _create_toolbar(self) -> None:
        toolbar = QToolBar("Navigation", self)
        toolbar.setObjectName("navigationToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.actions_table.fill(toolbar, TOOLBAR)
        # The toolbar's Undo and Redo keep one short label (the menu and the tooltip name
        # the step), so the toolbar does not change width with every edit.
        for name, label in (("undo", "Undo"), ("redo", "Redo")):
            self.actions_table[name].setIconText(label)
        self._week_label = QLabel(self)
        self._week_label.setObjectName("weekLabel")
        self._week_label.setContentsMargins(12, 0, 12, 0)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self._week_label)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _create_status_bar(self) -> None:
        bar = self.statusBar()
        file_label = QLabel(_home_relative(Path(self._db_path)), self)
        file_label.setTextFormat(Qt.TextFormat.PlainText)  # a file name, never markup
        file_label.setToolTip(f"Your plan is saved here after every change:\n{self._db_path}")
        bar.addPermanentWidget(file_label)
        bar.showMessage("Ready", 3000)

    # -- window state ----------------------------------------------------------------------
    def _restore_window_state(self) -> None:
        settings = QSettings()
        geometry = settings.value(_SETTINGS_GEOMETRY, QByteArray(), type=QByteArray)
        state = settings.value(_SETTINGS_STATE, QByteArray(), type=QByteArray)
        if not (
            isinstance(geometry, QByteArray)
            and not geometry.isEmpty()
            and self.restoreGeometry(geometry)
        ):
            screen = QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen is not None else None
            if available is not None and available.width() > 0:
                # a first start: most of a large screen (the week wants height), all of a small one
                width = min(max(1320, available.width() * 85 // 100), available.width() - 80)
                height = min(max(820, available.height() * 88 // 100), available.height() - 80)
                self.resize(width, height)
                self.move(available.center().x() - width // 2, available.center().y() - height // 2)
            else:
                self.resize(1320, 820)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state, _STATE_VERSION)

    def _save_window_state(self) -> None:
        settings = QSettings()
        settings.setValue(_SETTINGS_GEOMETRY, self.saveGeometry())
        settings.setValue(_SETTINGS_STATE, self.saveState(_STATE_VERSION))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.week_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_window_state()
        self._controller.close()  # work still queued must not read the file closed below
        callback, self._on_close = self._on_close, None
        if callback is not None:
            callback()
        super().closeEvent(event)

    # -- navigation and focus --------------------------------------------------------------
    @Slot(object)
    def _on_week_changed(self, week: Week) -> None:
        self._week_label.setText(f"<b>{week.label()}</b>")

    @Slot()
    def _go_to_date(self) -> None:
        from planner.ui.dialogs.go_to_date import GoToDateDialog

        dialog = GoToDateDialog(
            self.state.selected_day,
            self,
            first_weekday=self.state.first_weekday,
            today=self.state.today,
            workout_days=self._workout_days,
        )
        dialog.accepted.connect(self._on_date_chosen)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _workout_days(self, start: date, end: date) -> set[date]:
        return {w.day for w in self._controller.workouts(start, end)}

    @Slot()
    def _on_date_chosen(self) -> None:
        from planner.ui.dialogs.go_to_date import GoToDateDialog

        dialog = self.sender()
        if isinstance(dialog, GoToDateDialog):
            self.state.select_day(dialog.chosen_day())
            self._focus_week()

    @Slot()
    def _focus_week(self) -> None:
        self.week_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def _focus_warnings(self) -> None:
        self._warnings_dock.show()
        self.warnings_panel.focus_first()

    @Slot()
    def _focus_library(self) -> None:
        self._library_dock.show()
        self.library.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- preferences -----------------------------------------------------------------------
    @Slot()
    def _show_preferences(self) -> None:
        from planner.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self._controller.settings, self)
        dialog.accepted.connect(self._on_preferences_accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot(str)
    def _on_block_action(self, name: str) -> None:
        """A missed block's button: Mark Done… or Mark Skipped on it (it is selected now)."""
        self.actions_table["done" if name == "done" else "skip"].trigger()

    @Slot()
    def _review_missed(self) -> None:
        from planner.ui.dialogs.review_missed import ReviewMissedDialog

        dialog = ReviewMissedDialog(self._controller, self.state, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(self._focus_week)
        dialog.open()

    @Slot()
    def _tell_damaged_settings(self) -> None:
        """Name the settings the plan file holds damaged, and what is used instead."""
        from planner.ui.dialogs.damaged_settings import damaged_settings_notice

        damaged = self._controller.settings.damaged
        if damaged:
            damaged_settings_notice(damaged, self, self.preferences_action.trigger)

    @Slot()
    def _on_preferences_accepted(self) -> None:
        from planner.ui.dialogs.preferences import PreferencesDialog

        dialog = self.sender()
        if isinstance(dialog, PreferencesDialog):
            self._controller.change_settings(dialog.settings())

    # -- printing --------------------------------------------------------------------------
    def _printable_week(self) -> WeekSheet:
        from planner.ui.printing import WeekSheet

        week = self.state.week
        workouts = self._controller.workouts(week.start, week.end)
        units = self._controller.settings.units
        findings = tuple(self.warnings_panel.findings())
        return WeekSheet(tuple(workouts), week, self.state.today, units, findings)

    @Slot()
    def _print(self) -> None:
        self.week_printer.print_()

    @Slot()
    def _print_preview(self) -> None:
        self.week_printer.print_preview()

    @Slot()
    def _export_pdf(self) -> None:
        self.week_printer.export_pdf()

    # -- feedback --------------------------------------------------------------------------
    @Slot(str)
    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 5000)

    @Slot(str)
    def _show_change(self, message: str) -> None:
        """What a change, an undo or a redo did ("Undone: Add Easy run to Monday")."""
        self.statusBar().showMessage(message, 3000)

    @Slot(str, str)
    def _show_error(self, message: str, hint: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("errorBox")
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages name files and titles as spelled
        if hint:
            box.setInformativeText(hint)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.statusBar().showMessage(message, 6000)

    @Slot(QPoint)
    def _show_context_menu(self, global_pos: QPoint) -> None:
        names = BLOCK_MENU if self.state.selected_workout_id is not None else DAY_MENU
        self.actions_table.menu(self, names).popup(global_pos)

    @Slot()
    def _show_shortcuts(self) -> None:
        from planner.ui.dialogs.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self.shortcut_groups(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    @Slot()
    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>A private, offline training planner for runners.</p>"
            "<p>Your plan lives in one file on this computer:<br>"
            f"<code>{escape_html(str(self._db_path))}</code></p>",
        )


def _home_relative(path: Path) -> str:
    """``~/plans/legwork.sqlite3`` for a file under the home folder, else the full path."""
    try:
        return str(Path("~") / path.resolve().relative_to(Path.home().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)
