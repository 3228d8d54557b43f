"""What the Edit menu does to the selection: edit, mark, cut, copy, paste, move, delete.

:class:`SelectionActions` owns the workout clipboard and the commands that act on the block or
day selected in the :class:`~planner.ui.view_state.ViewState`. It describes its commands as
:class:`~planner.ui.actions.ActionSpec` rows for the window's action table and keeps them
enabled only when there is something to act on. The editor dialogs load when first opened.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.core.formatting import format_day, workout_summary
from planner.core.model import ChangeSet, Kind, Status, Workout
from planner.core.service import as_plan
from planner.core.weeks import Week
from planner.ui.actions import ActionSpec, ActionTable, SelectionCommands
from planner.ui.activity_actions import ActivityActions
from planner.ui.controller import PlanController
from planner.ui.dialog_opening import open_dialog
from planner.ui.heavy_legs_actions import HeavyLegsActions
from planner.ui.view_state import ViewState

if TYPE_CHECKING:
    from planner.ui.dialogs.copy_week import CopyWeekDialog

#: The actions that need a selected block.
BLOCK_ACTIONS = (
    "edit",
    "done",
    "skip",
    "plan",
    "cut",
    "copy",
    "duplicate",
    "delete",
    "move_left",
    "move_right",
    "template",
)
#: The context menu of a block, and of a day.
BLOCK_MENU = (
    "edit",
    "done",
    "skip",
    "plan",
    "why_heavy_legs",
    "-",
    "duplicate",
    "cut",
    "copy",
    "delete",
    "-",
    "template",
    "-",
    "show_activity",
    "link_activity",
    "unlink_activity",
)
DAY_MENU = ("new", "paste", "-", "copy_week")


class SelectionActions(SelectionCommands):
    """The commands on the selected block or day, and the workout clipboard.

    Its ``message`` says, say, "Copied Easy run: …". The activity commands are
    :attr:`activities`, whose messages it passes on.
    """

    def __init__(self, controller: PlanController, state: ViewState, window: QWidget) -> None:
        super().__init__(controller, state, window)
        self._clipboard: list[Workout] = []
        self._table: ActionTable | None = None
        self.activities = ActivityActions(controller, state, window)
        self.activities.message.connect(self.message)
        self.activities.focus_week.connect(self.focus_week)
        self.heavy_legs = HeavyLegsActions(controller, state, window)
        self.heavy_legs.focus_week.connect(self.focus_week)

    def specs(self) -> list[ActionSpec]:
        """This object's rows of the window's action table."""
        return [
            ActionSpec(
                "new",
                "&New Workout…",
                self.new_workout,
                (QKeySequence.StandardKey.New, "Ctrl+N"),
                tip="Plan a new workout on the selected day",
                icon="document-new",
            ),
            ActionSpec(
                "edit",
                "&Edit Workout…",
                self.edit_selected,
                ("F2",),
                tip="Edit the selected workout",
                local=True,
            ),
            ActionSpec(
                "done",
                "Mark &Done…",
                self.mark_done,
                ("Ctrl+Return",),
                tip="Record what you actually did",
                icon="dialog-ok",
                local=True,
                what="Mark the selected workout done…",
            ),
            ActionSpec(
                "skip",
                "Mark &Skipped",
                self.mark_skipped,
                ("Ctrl+Shift+Return",),
                tip="Mark the selected workout skipped",
                local=True,
                what="Mark the selected workout skipped",
            ),
            ActionSpec(
                "plan",
                "Mark &Planned",
                self.mark_planned,
                ("Ctrl+Alt+Return",),
                tip="Mark the selected workout planned again",
                local=True,
                what="Mark the selected workout planned again",
            ),
            ActionSpec(
                "cut",
                "Cu&t",
                self.cut,
                (QKeySequence.StandardKey.Cut, "Ctrl+X"),
                icon="edit-cut",
                local=True,
                what="Cut the selected workout",
            ),
            ActionSpec(
                "copy",
                "&Copy",
                self.copy,
                (QKeySequence.StandardKey.Copy, "Ctrl+C"),
                icon="edit-copy",
                local=True,
                what="Copy the selected workout",
            ),
            ActionSpec(
                "paste",
                "&Paste",
                self.paste,
                (QKeySequence.StandardKey.Paste, "Ctrl+V"),
                icon="edit-paste",
                local=True,
                what="Paste the workout copied or cut onto the selected day",
            ),
            ActionSpec(
                "duplicate",
                "D&uplicate",
                self.duplicate,
                ("Ctrl+D",),
                tip="Copy the selected workout right after itself",
                local=True,
                what="Duplicate the selected workout",
            ),
            ActionSpec(
                "delete",
                "&Delete",
                self.delete,
                (QKeySequence.StandardKey.Delete, "Del"),
                icon="edit-delete",
                local=True,
                what="Delete the selected workout",
            ),
            ActionSpec(
                "move_left",
                "Move to Previous Day",
                self.move_previous_day,
                ("Alt+Left",),
                local=True,
            ),
            ActionSpec(
                "move_right", "Move to Next Day", self.move_next_day, ("Alt+Right",), local=True
            ),
            ActionSpec(
                "template",
                "Save as &Template…",
                self.save_as_template,
                ("Ctrl+Shift+S",),
                tip="Add the selected workout to the library",
            ),
            ActionSpec(
                "copy_week",
                "Copy Week to &Next Week",
                self.copy_week,
                ("Ctrl+Shift+C",),
                tip="Copy every workout of this week onto the next",
            ),
            *self.activities.specs(),
            *self.heavy_legs.specs(),
        ]

    def attach(self, table: ActionTable) -> None:
        """Take charge of enabling this object's actions in ``table``."""
        self._table = table
        self.activities.attach(table)
        self.heavy_legs.attach(table)
        self._state.selection_changed.connect(self.update_enabled)
        self._state.week_changed.connect(self._on_week_changed)
        self._controller.plan_changed.connect(self._on_plan_changed)
        self._on_week_changed(self._state.week)
        self.update_enabled()

    @Slot()
    def update_enabled(self) -> None:
        """Enable what the selection allows; Paste only once something was copied or cut."""
        if self._table is None:
            return
        has_block = self._state.selected_workout_id is not None
        for name in BLOCK_ACTIONS:
            self._table[name].setEnabled(has_block)
        if has_block:  # "Mark Planned" on a planned block would do nothing
            selected = self.selected()
            self._table["plan"].setEnabled(
                selected is not None and selected.status is not Status.PLANNED
            )
        self._table["paste"].setEnabled(bool(self._clipboard))

    def selected(self) -> Workout | None:
        """The selected block's workout, if a block is selected."""
        workout_id = self._state.selected_workout_id
        return self._controller.workout(workout_id) if workout_id is not None else None

    # -- editing ---------------------------------------------------------------------------
    @Slot()
    def new_workout(self) -> None:
        """Open the editor on a new workout for the selected day (an easy run to start)."""
        template = next((t for t in self._controller.templates() if t.name == "Easy run"), None)
        day = self._state.selected_day
        workout = template.to_workout(day) if template else Workout(None, day, Kind.RUN, "Run")
        self._open_editor(workout, title=f"New workout on {format_day(day, weekday='long')}")

    @Slot()
    def edit_selected(self) -> None:
        """Open the editor on the selected block."""
        workout = self.selected()
        if workout is not None:
            self._open_editor(workout)

    @Slot(int)
    def edit_workout(self, workout_id: int) -> None:
        """Open the editor on a workout (a double click, or Enter on a block)."""
        workout = self._controller.workout(workout_id)
        if workout is not None:
            self._open_editor(workout)

    @Slot()
    def mark_done(self) -> None:
        """Open the editor to record the selected block as done, the plan as what was done."""
        workout = self.selected()
        if workout is not None:
            self._open_editor(workout, complete=True, title=f"Done: {workout.title}")

    def _open_editor(
        self, workout: Workout, *, complete: bool = False, title: str | None = None
    ) -> None:
        from planner.ui.dialogs.workout_editing import edit_workout

        edit_workout(
            self._controller, workout, self._window, self._on_saved, complete=complete, title=title
        )

    def _on_saved(self, saved: Workout | None) -> None:
        if saved is not None and saved.id is not None:
            self._state.select_workout(saved.id, saved.day)
        self.focus_week.emit()

    @Slot()
    def mark_skipped(self) -> None:
        """Mark the selected block skipped."""
        self._set_status(Status.SKIPPED)

    @Slot()
    def mark_planned(self) -> None:
        """Mark the selected block planned again."""
        self._set_status(Status.PLANNED)

    def _set_status(self, status: Status) -> None:
        workout = self.selected()
        if workout is not None and workout.id is not None:
            self._controller.set_status(workout.id, status)

    # -- clipboard -------------------------------------------------------------------------
    @Slot()
    def copy(self) -> None:
        """Keep the selected block to paste as a new plan; the system clipboard gets its text."""
        workout = self.selected()
        if workout is None:
            return
        self._clipboard = [as_plan(workout)]
        self.update_enabled()
        self._to_system_clipboard(workout)
        self.message.emit(f"Copied {workout.title}: select a day and press Ctrl+V")

    @Slot()
    def cut(self) -> None:
        """Delete the selected block, keeping it to paste (the same workout, results too)."""
        workout = self.selected()
        if workout is None or workout.id is None:
            return
        if self._controller.delete([workout.id]):
            self._clipboard = [workout.replace(id=None)]
            self.update_enabled()
            self._to_system_clipboard(workout)
            self.message.emit(f"Cut {workout.title}: select a day and press Ctrl+V")

    @Slot()
    def paste(self) -> None:
        """Add what was copied or cut to the selected day, after the selected block.

        When the day already has a workout of the same kind, ask first: a paste never
        doubles a day's run (or strength session) silently.
        """
        if not self._clipboard:
            self.message.emit("Nothing to paste: copy or cut a workout first")
            return
        from planner.ui.dialogs.copy_week import paste_question, same_kind

        day = self._state.selected_day
        there = self._controller.workouts(day, day)
        pasted = self._clipboard[0].replace(day=day)
        doubled = same_kind(there, pasted.kind)
        if doubled:
            box = paste_question(pasted, doubled, self._controller.settings.units, self._window)
            open_dialog(box, self._on_paste_confirmed, on_finished=self.focus_week.emit)
            return
        self._paste_now()

    def _on_paste_confirmed(self, _question: QMessageBox) -> None:
        self._paste_now()

    def _paste_now(self) -> None:
        day = self._state.selected_day
        selected = self.selected()
        index = selected.position + 1 if selected is not None and selected.day == day else None
        new_id = None
        for workout in self._clipboard:
            new_id = self._controller.add_workout(workout.replace(day=day), index)
        if new_id is not None:
            self._state.select_workout(new_id, day)

    def _to_system_clipboard(self, workout: Workout) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            summary = workout_summary(workout, self._controller.settings.units)
            clipboard.setText(f"{format_day(workout.day)}: {workout.title} ({summary})")

    # -- the rest of the Edit menu ---------------------------------------------------------
    @Slot()
    def duplicate(self) -> None:
        """Copy the selected block right after itself."""
        workout = self.selected()
        if workout is not None and workout.id is not None:
            new_id = self._controller.duplicate(workout.id)
            if new_id is not None:
                self._state.select_workout(new_id, workout.day)

    @Slot()
    def delete(self) -> None:
        """Delete the selected block."""
        workout = self.selected()
        if workout is not None and workout.id is not None:
            self._controller.delete([workout.id])

    @Slot()
    def move_previous_day(self) -> None:
        """Move the selected block a day earlier (into the previous week from the first day)."""
        self._move_by(-1)

    @Slot()
    def move_next_day(self) -> None:
        """Move the selected block a day later."""
        self._move_by(1)

    def _move_by(self, days: int) -> None:
        workout = self.selected()
        if workout is None or workout.id is None:
            return
        day = workout.day + timedelta(days=days)
        if self._controller.move(workout.id, day):
            self._state.select_workout(workout.id, day)

    @Slot()
    def save_as_template(self) -> None:
        """Ask for a name, then add the selected block's plan to the library."""
        from planner.ui.dialogs.template_editor import ask_template_name

        workout = self.selected()
        if workout is None:
            return
        names = [t.name for t in self._controller.templates()]
        name = ask_template_name(self._window, workout.title, existing_names=names)
        if name and self._controller.template_from_workout(workout, name) is not None:
            self.message.emit(f"Added {name} to the library")

    @Slot()
    def copy_week(self) -> None:
        """Copy every workout of the week shown onto the next week, as planned.

        When the next week already has workouts, show them and ask: replace its planned
        ones (done and skipped stay), add to it, or cancel. Afterwards the next week is shown.
        """
        week = self._state.week
        target = week.next
        existing = self._controller.workouts(target.start, target.end)
        if not existing:
            self._copy_week(week, target, replace=False)
            return
        from planner.ui.dialogs.copy_week import CopyWeekDialog

        dialog = CopyWeekDialog(
            week, target, existing, self._controller.settings.units, self._window
        )
        open_dialog(dialog, self._on_copy_week_chosen, on_finished=self.focus_week.emit)

    def _on_copy_week_chosen(self, dialog: CopyWeekDialog) -> None:
        from planner.ui.dialogs.copy_week import CopyChoice

        choice = dialog.choice()
        if choice is not None:
            self._copy_week(dialog.source, dialog.target, replace=choice is CopyChoice.REPLACE)

    def _copy_week(self, source: Week, target: Week, *, replace: bool) -> None:
        if self._controller.copy_week(source, target, replace_planned=replace):
            self._state.show_week(target)
            verb = "Replaced the plans of" if replace else "Copied"
            where = (
                f"{target.label()} with {source.label()}"
                if replace
                else (f"{source.label()} to {target.label()}")
            )
            self.message.emit(f"{verb} {where}")

    # -- reactions -------------------------------------------------------------------------
    @Slot(object)
    def _on_week_changed(self, week: Week) -> None:
        if self._table is not None:
            text = f"Copy Week {week.label()} to {week.next.label()}"
            self._table["copy_week"].setText(text)

    @Slot(object)
    def _on_plan_changed(self, _change: ChangeSet) -> None:
        self.update_enabled()
