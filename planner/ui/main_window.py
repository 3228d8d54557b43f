"""The main window: the week, the library dock, menus and toolbar from one action table.

The window composes; it relays nothing. The week view, the library and the window's actions
all read and move the same :class:`~planner.ui.view_state.ViewState`, and refresh from the
controller's ``plan_changed``. Printing, the dialogs and "Go to date" load when first used, so
the first paint needs none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, Slot
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
)
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

from planner import APP_NAME
from planner.core.weeks import Week
from planner.ui.actions import ActionSpec, ActionTable
from planner.ui.charts.actions import ProgressActions
from planner.ui.charts.dock import ChartsDock
from planner.ui.controller import PlanController
from planner.ui.file_actions import FileActions, PlanFileHooks, dropped_paths, remember_plan
from planner.ui.first_paint import after_first_paint
from planner.ui.library.widget import WorkoutPalette
from planner.ui.month.switching import CalendarSwitch
from planner.ui.realign_offer import RealignOffer
from planner.ui.selection_actions import BLOCK_MENU, DAY_MENU, SelectionActions
from planner.ui.theme import ThemeMenu
from planner.ui.view_state import ViewState
from planner.ui.warnings_model import WarningsModel
from planner.ui.warnings_panel import WarningsPanel
from planner.ui.week.view import WeekView
from planner.ui.window_commands import WindowCommands
from planner.ui.window_layout import MENUS, TOOLBAR, WIDGET_KEYS

if TYPE_CHECKING:
    from planner.ui.printing import WeekPrinter

_SETTINGS_GEOMETRY = "main_window/geometry"
_SETTINGS_STATE = "main_window/state"
_STATE_VERSION = 1


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
        calendar: the week or the month in the window's centre (View ▸ Week, View ▸ Month).
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
        self.setWindowTitle(f"{db_path.name} — {APP_NAME}")
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )

        self.warnings = WarningsModel(controller, state, self)
        self.week_view = WeekView(controller, state, self, marks=self.warnings.marks)
        self.calendar = CalendarSwitch(self)  # the week, or the month (View ▸ Month)
        self.setCentralWidget(self.calendar.stack)
        self.library = WorkoutPalette(controller, state, self)
        self.library_dock = QDockWidget("Library", self)
        self.library_dock.setObjectName("libraryDock")
        self.library_dock.setWidget(self.library)
        self.library_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        # The library takes the whole left edge (the charts go beside it): every entry of
        # every kind shows at a first start on a 1080p screen.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.warnings_panel = WarningsPanel(self.warnings, state, self)
        self.warnings_dock = QDockWidget("Warnings", self)
        self.warnings_dock.setObjectName("warningsDock")
        self.warnings_dock.setWidget(self.warnings_panel)
        self.warnings_dock.setFeatures(self.library_dock.features())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.warnings_dock)
        self.warnings.changed.connect(self.week_view.update)
        self.warnings.preview_changed.connect(self.week_view.update)
        self.warnings.load_after_first_paint(self.week_view)
        # the charts across the bottom of the window; pyqtgraph loads after the first paint
        self.charts_dock = ChartsDock(controller, state, self, after_paint_of=self.week_view)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.charts_dock)
        self.progress_actions = ProgressActions(self, controller, state, self.charts_dock)

        self.selection_actions = SelectionActions(controller, state, self)
        self.file_actions = FileActions(self, controller, state, db_path)
        self.commands = WindowCommands(self)
        self.actions_table = ActionTable(self, self._specs(), local_to=self.week_view)
        self.selection_actions.attach(self.actions_table)
        self.actions_table.fill_menu_bar(self.menuBar(), MENUS)
        self._create_toolbar()
        self._create_status_bar()
        self._name_actions()
        self.realign_offer = RealignOffer(self, self.actions_table["realign_plan"])
        self._add_file_menus()
        self._add_theme_menu()

        controller.message.connect(self._show_change)
        controller.failed.connect(self._show_error)
        state.week_changed.connect(self._on_week_changed)
        self.week_view.edit_requested.connect(self.selection_actions.edit_workout)
        self.week_view.context_menu_requested.connect(self._show_context_menu)
        self.week_view.block_action_requested.connect(self._on_block_action)
        self.selection_actions.message.connect(self._show_status)
        self.selection_actions.focus_week.connect(self.commands.focus_week)
        self.file_actions.message.connect(self._show_status)
        self.progress_actions.message.connect(self._show_status)
        self.charts_dock.message.connect(self._show_status)
        self.file_actions.failed.connect(self._show_error)
        self.commands.message.connect(self._show_status)
        self.commands.failed.connect(self._show_error)
        self.week_view.demo_requested.connect(self.file_actions.open_demo)

        self.setAcceptDrops(True)  # activity files dropped anywhere on the window
        self._restore_window_state()
        self._on_week_changed(state.week)
        if controller.settings.damaged:  # said once, when the week is first on screen
            after_first_paint(self.week_view, self.commands.tell_damaged_settings)

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
        return self.commands.week_printer

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

    # -- construction ----------------------------------------------------------------------
    def _specs(self) -> list[ActionSpec]:
        stack = self._controller.undo_stack
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
            *self.progress_actions.specs(),
            *self.commands.specs(),
            *self.calendar.specs(),
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
        self.calendar.restore(settings)

    def _save_window_state(self) -> None:
        settings = QSettings()
        settings.setValue(_SETTINGS_GEOMETRY, self.saveGeometry())
        settings.setValue(_SETTINGS_STATE, self.saveState(_STATE_VERSION))
        self.calendar.save(settings)

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

    # -- files dropped on the window (the week's own drags carry no files) -----------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Files and folders dropped on the window: their activities are imported."""
        paths = dropped_paths(event.mimeData())
        if not paths:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.file_actions.import_activity_paths(paths)

    # -- navigation and focus --------------------------------------------------------------
    @Slot(object)
    def _on_week_changed(self, week: Week) -> None:
        self._week_label.setText(f"<b>{week.label()}</b>")

    @Slot(str)
    def _on_block_action(self, name: str) -> None:
        """A block's button: Mark Done…, Mark Skipped or Why Heavy Legs?… (it is selected now)."""
        self.actions_table[{"why": "why_heavy_legs"}.get(name, name)].trigger()

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


def _home_relative(path: Path) -> str:
    """``~/plans/legwork.sqlite3`` for a file under the home folder, else the full path."""
    try:
        return str(Path("~") / path.resolve().relative_to(Path.home().resolve()))
    except (ValueError, OSError, RuntimeError):
        return str(path)
