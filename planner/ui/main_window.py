"""The main window: menus, toolbar, the week, the library dock, the status bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QIcon, QKeySequence, QShowEvent
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
from planner.core.formatting import workout_summary
from planner.core.model import ChangeSet, Kind, Status, Workout
from planner.core.service import as_plan
from planner.core.weeks import DAY_NAMES, Week
from planner.ui.controller import PlanController
from planner.ui.dialogs.go_to_date import GoToDateDialog
from planner.ui.dialogs.template_editor import ask_template_name
from planner.ui.dialogs.workout_editor import WorkoutEditor
from planner.ui.palette import WorkoutPalette
from planner.ui.printing import WeekPrinter, WeekSheet
from planner.ui.week_view import WeekView

_SETTINGS_GEOMETRY = "main_window/geometry"
_SETTINGS_STATE = "main_window/state"
_STATE_VERSION = 1


class MainWindow(QMainWindow):
    """Legwork's window. Everything is wired to one :class:`PlanController`.

    Args:
        controller: the plan controller (owns the undo stack).
        db_path: the plan file shown in the title and status bar.
        on_close: called once when the window closes (the app closes the database).

    Attributes:
        week_view: the weekly calendar (objectName ``weekView``).
        library: the workout library (objectName ``workoutPalette``).
    """

    def __init__(
        self,
        controller: PlanController,
        db_path: Path,
        *,
        on_close: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._controller = controller
        self._db_path = db_path
        self._on_close = on_close
        self._clipboard: list[Workout] = []
        self._error_box: QMessageBox | None = None
        self._editor: WorkoutEditor | None = None
        self.setWindowTitle(f"{db_path.name} — {APP_NAME}")
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )

        self.week_view = WeekView(controller, self)
        self.setCentralWidget(self.week_view)

        self.library = WorkoutPalette(controller, self)
        self._library_dock = QDockWidget("Library", self)
        self._library_dock.setObjectName("libraryDock")
        self._library_dock.setWidget(self.library)
        self._library_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self._library_dock)

        self.week_printer = WeekPrinter(self, self._printable_week)
        self.week_printer.message.connect(self._show_status)
        self.week_printer.failed.connect(self._show_error)

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()

        controller.plan_changed.connect(self._on_plan_changed)
        controller.failed.connect(self._show_error)
        controller.undo_stack.indexChanged.connect(self._update_actions)
        self.week_view.selection_changed.connect(self._update_actions)
        self.week_view.week_changed.connect(self._on_week_changed)
        self.week_view.edit_requested.connect(self._edit_workout)
        self.week_view.context_menu_requested.connect(self._show_context_menu)
        self.library.template_activated.connect(self._add_template_to_selected_day)

        self._restore_window_state()
        self._on_week_changed(self.week_view.week)
        self._update_actions()

    # -- public API (tests, benchmarks, the app) -------------------------------------------
    @property
    def controller(self) -> PlanController:
        """The plan controller."""
        return self._controller

    def show_week(self, day: date) -> None:
        """Show the week holding ``day``."""
        self.week_view.show_week(self._controller.week_of(day))

    @Slot()
    def next_week(self) -> None:
        """Show the following week."""
        self.week_view.show_week(self.week_view.week.next)

    @Slot()
    def previous_week(self) -> None:
        """Show the previous week."""
        self.week_view.show_week(self.week_view.week.previous)

    @Slot()
    def this_week(self) -> None:
        """Show the week holding today and select today."""
        self.week_view.select_day(self._controller.today)

    # -- construction ----------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        tip: str = "",
        icon: str = "",
        local: bool = False,
    ) -> QAction:
        """One action; ``local`` ones fire only while the week view has focus."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon:
            action.setIcon(QIcon.fromTheme(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(
                f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                if shortcut
                else tip
            )
        action.triggered.connect(slot)
        if local:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.week_view.addAction(action)
        else:
            self.addAction(action)
        return action

    def _create_actions(self) -> None:
        stack = self._controller.undo_stack
        self.undo_action = stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(QIcon.fromTheme("edit-undo"))
        self.redo_action = stack.createRedoAction(self, "&Redo")
        # The platform's Redo first, then both common ones; where the platform's Redo is
        # Ctrl+Y, Ctrl+Shift+Z must still work (and no sequence may be bound twice).
        redo_keys = [
            QKeySequence(QKeySequence.StandardKey.Redo),
            QKeySequence("Ctrl+Shift+Z"),
            QKeySequence("Ctrl+Y"),
        ]
        self.redo_action.setShortcuts(
            list({keys.toString(): keys for keys in redo_keys if not keys.isEmpty()}.values())
        )
        self.redo_action.setIcon(QIcon.fromTheme("edit-redo"))
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)

        self.new_action = self._action(
            "&New Workout…",
            self._new_workout,
            QKeySequence.StandardKey.New,
            tip="Plan a new workout on the selected day",
            icon="document-new",
        )
        self.edit_action = self._action(
            "&Edit Workout…", self._edit_selected, "F2", tip="Edit the selected workout", local=True
        )
        self.done_action = self._action(
            "Mark &Done…",
            self._mark_done,
            "Ctrl+Return",
            tip="Record what you actually did",
            icon="dialog-ok",
            local=True,
        )
        self.skip_action = self._action(
            "Mark &Skipped",
            self._mark_skipped,
            "Ctrl+Shift+Return",
            tip="Mark the selected workout skipped",
            local=True,
        )
        self.plan_action = self._action(
            "Mark &Planned",
            self._mark_planned,
            None,
            tip="Mark the selected workout planned again",
            local=True,
        )
        self.cut_action = self._action(
            "Cu&t", self._cut, QKeySequence.StandardKey.Cut, icon="edit-cut", local=True
        )
        self.copy_action = self._action(
            "&Copy", self._copy, QKeySequence.StandardKey.Copy, icon="edit-copy", local=True
        )
        self.paste_action = self._action(
            "&Paste", self._paste, QKeySequence.StandardKey.Paste, icon="edit-paste", local=True
        )
        self.duplicate_action = self._action(
            "D&uplicate",
            self._duplicate,
            "Ctrl+D",
            tip="Copy the selected workout right after itself",
            local=True,
        )
        self.delete_action = self._action(
            "&Delete", self._delete, QKeySequence.StandardKey.Delete, icon="edit-delete", local=True
        )
        self.move_left_action = self._action(
            "Move to Previous Day", self._move_previous_day, "Alt+Left", local=True
        )
        self.move_right_action = self._action(
            "Move to Next Day", self._move_next_day, "Alt+Right", local=True
        )
        self.template_action = self._action(
            "Save as &Template…",
            self._save_as_template,
            None,
            tip="Add the selected workout to the library",
        )
        self.copy_week_action = self._action(
            "Copy Week to &Next Week",
            self._copy_week,
            "Ctrl+Shift+C",
            tip="Copy every workout of this week onto the next",
        )

        self.prev_action = self._action(
            "&Previous Week",
            self.previous_week,
            "Ctrl+PgUp",
            tip="Show the previous week",
            icon="go-previous",
        )
        self.next_action = self._action(
            "&Next Week", self.next_week, "Ctrl+PgDown", tip="Show the next week", icon="go-next"
        )
        self.today_action = self._action(
            "&This Week",
            self.this_week,
            "Ctrl+T",
            tip="Show the week holding today",
            icon="go-home",
        )
        self.goto_action = self._action(
            "&Go to Date…",
            self._go_to_date,
            "Ctrl+G",
            tip="Show the week of a date",
            icon="go-jump",
        )
        self.library_action = self._library_dock.toggleViewAction()
        self.library_action.setText("&Library")
        self.library_action.setShortcut(QKeySequence("Ctrl+L"))
        self.focus_week_action = self._action("Focus &Week", self._focus_week, "Ctrl+1")
        self.focus_library_action = self._action("Focus Li&brary", self._focus_library, "Ctrl+2")

        self.print_action = self._action(
            "&Print Week…",
            self.week_printer.print_,
            _standard_or(QKeySequence.StandardKey.Print, "Ctrl+P"),
            tip="Print the week shown",
            icon="document-print",
        )
        self.preview_action = self._action(
            "Print Pre&view…",
            self.week_printer.print_preview,
            "Ctrl+Shift+P",
            tip="See the printed week before printing",
            icon="document-print-preview",
        )
        self.pdf_action = self._action(
            "&Export Week as PDF…",
            self.week_printer.export_pdf,
            "Ctrl+Shift+E",
            tip="Save the week shown as a PDF file",
        )
        self.quit_action = self._action(
            "&Quit",
            self.close,
            _standard_or(QKeySequence.StandardKey.Quit, "Ctrl+Q"),
            icon="application-exit",
        )
        self.shortcuts_action = self._action("&Keyboard Shortcuts", self._show_shortcuts, "Ctrl+/")
        self.about_action = self._action(f"&About {APP_NAME}", self._show_about)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        file_menu.addAction(self.print_action)
        file_menu.addAction(self.preview_action)
        file_menu.addAction(self.pdf_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        for action in (
            self.undo_action,
            self.redo_action,
            None,
            self.cut_action,
            self.copy_action,
            self.paste_action,
            self.duplicate_action,
            self.delete_action,
            None,
            self.edit_action,
            self.done_action,
            self.skip_action,
            self.plan_action,
            None,
            self.move_left_action,
            self.move_right_action,
            None,
            self.template_action,
            self.copy_week_action,
        ):
            if action is None:
                edit_menu.addSeparator()
            else:
                edit_menu.addAction(action)

        view_menu = bar.addMenu("&View")
        for action in (
            self.prev_action,
            self.next_action,
            self.today_action,
            self.goto_action,
            None,
            self.library_action,
            self.focus_week_action,
            self.focus_library_action,
        ):
            if action is None:
                view_menu.addSeparator()
            else:
                view_menu.addAction(action)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _create_toolbar(self) -> None:
        toolbar = QToolBar("Navigation", self)
        toolbar.setObjectName("navigationToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.prev_action)
        toolbar.addAction(self.today_action)
        toolbar.addAction(self.next_action)
        toolbar.addAction(self.goto_action)
        toolbar.addSeparator()
        toolbar.addAction(self.new_action)
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
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
        self._file_label = QLabel(str(self._db_path), self)
        self._file_label.setToolTip("Your plan is saved here after every change.")
        bar.addPermanentWidget(self._file_label)
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
                width = min(1320, available.width() - 80)
                height = min(820, available.height() - 80)
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
        callback, self._on_close = self._on_close, None
        if callback is not None:
            callback()
        super().closeEvent(event)

    # -- slots: navigation -----------------------------------------------------------------
    @Slot(object)
    def _on_week_changed(self, week: Week) -> None:
        self._week_label.setText(f"<b>{week.label()}</b>")
        self.copy_week_action.setText(f"Copy Week {week.label()} to {week.next.label()}")

    @Slot()
    def _go_to_date(self) -> None:
        dialog = GoToDateDialog(
            self.week_view.selected_day,
            self,
            first_weekday=self._controller.first_weekday,
            today=self._controller.today,
        )
        dialog.accepted.connect(self._on_date_chosen)
        dialog.open()
        self._goto_dialog = dialog

    @Slot()
    def _on_date_chosen(self) -> None:
        self.week_view.select_day(self._goto_dialog.chosen_day())
        self.week_view.setFocus()

    @Slot()
    def _focus_week(self) -> None:
        self.week_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def _focus_library(self) -> None:
        self._library_dock.show()
        self.library.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- slots: editing --------------------------------------------------------------------
    def _selected(self) -> Workout | None:
        return self.week_view.selected_workout()

    @Slot(int)
    def _add_template_to_selected_day(self, template_id: int) -> None:
        day = self.week_view.selected_day
        new_id = self._controller.add_from_template(template_id, day)
        if new_id is not None:
            self.week_view.select_workout(new_id)

    @Slot()
    def _new_workout(self) -> None:
        template = next((t for t in self._controller.templates() if t.name == "Easy run"), None)
        day = self.week_view.selected_day
        workout = (
            template.to_workout(day)
            if template is not None
            else Workout(None, day, Kind.RUN, "Run")
        )
        self._open_editor(workout, title=f"New workout on {DAY_NAMES[day.weekday()]} {day:%-d %b}")

    @Slot()
    def _edit_selected(self) -> None:
        workout = self._selected()
        if workout is not None and workout.id is not None:
            self._edit_workout(workout.id)

    @Slot(int)
    def _edit_workout(self, workout_id: int) -> None:
        workout = self._controller.workout(workout_id)
        if workout is not None:
            self._open_editor(workout)

    @Slot()
    def _mark_done(self) -> None:
        workout = self._selected()
        if workout is not None:
            self._open_editor(workout, complete=True, title=f"Done: {workout.title}")

    def _open_editor(
        self, workout: Workout, *, complete: bool = False, title: str | None = None
    ) -> None:
        editor = WorkoutEditor(
            workout,
            self,
            complete=complete,
            title=title,
            first_weekday=self._controller.first_weekday,
        )
        editor.accepted.connect(self._on_editor_accepted)
        editor.finished.connect(editor.deleteLater)
        self._editor = editor
        editor.open()

    @Slot()
    def _on_editor_accepted(self) -> None:
        editor = self._editor
        if editor is None:
            return
        edited = editor.workout()
        if edited.id is None:
            new_id = self._controller.add_workout(edited)
            if new_id is not None:
                self.week_view.select_workout(new_id)
        else:
            self._controller.edit(edited)
            self.week_view.select_workout(edited.id)
        self.week_view.setFocus()

    @Slot()
    def _mark_skipped(self) -> None:
        workout = self._selected()
        if workout is not None and workout.id is not None:
            self._controller.set_status(workout.id, Status.SKIPPED)

    @Slot()
    def _mark_planned(self) -> None:
        workout = self._selected()
        if workout is not None and workout.id is not None:
            self._controller.set_status(workout.id, Status.PLANNED)

    @Slot()
    def _copy(self) -> None:
        workout = self._selected()
        if workout is None:
            return
        self._clipboard = [as_plan(workout)]
        self._update_actions()  # Paste is enabled by the clipboard, not by the selection
        self._to_system_clipboard(workout)
        self.statusBar().showMessage(f"Copied {workout.title}: select a day and press Ctrl+V", 4000)

    @Slot()
    def _cut(self) -> None:
        workout = self._selected()
        if workout is None or workout.id is None:
            return
        if self._controller.delete([workout.id]):
            self._clipboard = [workout.replace(id=None)]
            self._update_actions()
            self._to_system_clipboard(workout)
            self.statusBar().showMessage(
                f"Cut {workout.title}: select a day and press Ctrl+V", 4000
            )

    @Slot()
    def _paste(self) -> None:
        if not self._clipboard:
            self.statusBar().showMessage("Nothing to paste: copy or cut a workout first", 4000)
            return
        day = self.week_view.selected_day
        selected = self._selected()
        index = selected.position + 1 if selected is not None and selected.day == day else None
        new_id = None
        for workout in self._clipboard:
            new_id = self._controller.add_workout(workout.replace(day=day), index)
        if new_id is not None:
            self.week_view.select_workout(new_id)

    def _to_system_clipboard(self, workout: Workout) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(
                f"{workout.day:%a %-d %b}: {workout.title} ({workout_summary(workout)})"
            )

    @Slot()
    def _duplicate(self) -> None:
        workout = self._selected()
        if workout is not None and workout.id is not None:
            new_id = self._controller.duplicate(workout.id)
            if new_id is not None:
                self.week_view.select_workout(new_id)

    @Slot()
    def _delete(self) -> None:
        workout = self._selected()
        if workout is not None and workout.id is not None:
            self._controller.delete([workout.id])

    def _move_by(self, days: int) -> None:
        workout = self._selected()
        if workout is None or workout.id is None:
            return
        if self._controller.move(workout.id, workout.day + timedelta(days=days)):
            self.week_view.select_workout(workout.id)

    @Slot()
    def _move_previous_day(self) -> None:
        self._move_by(-1)

    @Slot()
    def _move_next_day(self) -> None:
        self._move_by(1)

    @Slot()
    def _save_as_template(self) -> None:
        workout = self._selected()
        if workout is None:
            return
        name = ask_template_name(
            self, workout.title, existing_names=[t.name for t in self._controller.templates()]
        )
        if name and self._controller.template_from_workout(workout, name) is not None:
            self.statusBar().showMessage(f"Added {name} to the library", 4000)

    @Slot()
    def _copy_week(self) -> None:
        week = self.week_view.week
        if self._controller.copy_week(week, week.next):
            self.statusBar().showMessage(f"Copied {week.label()} to {week.next.label()}", 4000)

    # -- printing --------------------------------------------------------------------------
    def _printable_week(self) -> WeekSheet:
        week = self.week_view.week
        workouts = self._controller.workouts(week.start, week.end)
        return WeekSheet(tuple(workouts), week, self._controller.today)

    # -- slots: feedback -------------------------------------------------------------------
    @Slot(str)
    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 5000)

    @Slot(object)
    def _on_plan_changed(self, change: ChangeSet) -> None:
        self._update_actions()
        if not change.is_empty:
            text = self._controller.undo_stack.undoText()
            if text:
                self.statusBar().showMessage(f"Saved: {text}", 3000)

    @Slot()
    def _update_actions(self) -> None:
        has_block = self.week_view.selected_workout_id is not None
        for action in (
            self.edit_action,
            self.done_action,
            self.skip_action,
            self.plan_action,
            self.cut_action,
            self.copy_action,
            self.duplicate_action,
            self.delete_action,
            self.move_left_action,
            self.move_right_action,
            self.template_action,
        ):
            action.setEnabled(has_block)
        self.paste_action.setEnabled(bool(self._clipboard))

    @Slot(str, str)
    def _show_error(self, message: str, hint: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("errorBox")
        if hint:
            box.setInformativeText(hint)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._error_box = box
        box.open()
        self.statusBar().showMessage(message, 6000)

    @Slot(QPoint)
    def _show_context_menu(self, global_pos: QPoint) -> None:
        menu = QMenu(self)
        if self.week_view.selected_workout_id is not None:
            for action in (
                self.edit_action,
                self.done_action,
                self.skip_action,
                self.plan_action,
                None,
                self.duplicate_action,
                self.cut_action,
                self.copy_action,
                self.delete_action,
                None,
                self.template_action,
            ):
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
        else:
            menu.addAction(self.new_action)
            menu.addAction(self.paste_action)
            menu.addSeparator()
            menu.addAction(self.copy_week_action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(global_pos)

    @Slot()
    def _show_shortcuts(self) -> None:
        rows = []
        for action in self.findChildren(QAction):
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if shortcut and action.text():
                rows.append(
                    f"<tr><td>{action.text().replace('&', '')}</td><td><b>{shortcut}</b></td></tr>"
                )
        rows += [
            "<tr><td>Select the previous / next day</td><td><b>Left / Right</b></td></tr>",
            "<tr><td>Select the workout above / below</td><td><b>Up / Down</b></td></tr>",
            "<tr><td>Edit the selected workout</td><td><b>Enter</b></td></tr>",
            "<tr><td>Add a library entry to the selected day</td>"
            "<td><b>Enter</b> (in the library)</td></tr>",
            "<tr><td>Copy while dragging</td><td><b>Ctrl</b> + drag</td></tr>",
        ]
        box = QMessageBox(
            QMessageBox.Icon.NoIcon,
            f"{APP_NAME} keyboard shortcuts",
            "<table cellpadding=3>" + "".join(sorted(set(rows))) + "</table>",
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    @Slot()
    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>A private, offline training planner for runners.</p>"
            f"<p>Your plan lives in one file on this computer:<br><code>{self._db_path}</code></p>",
        )


def _standard_or(key: QKeySequence.StandardKey, fallback: str) -> QKeySequence:
    """The platform's key for ``key``, or ``fallback`` where the platform defines none."""
    return QKeySequence(key) if QKeySequence.keyBindings(key) else QKeySequence(fallback)
