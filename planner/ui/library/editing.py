"""The library's commands: add the selected entry to the plan, and new, edit, duplicate, delete.

The editor dialog is imported when first opened, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.core.model import Kind, Template
from planner.core.vocabulary import copy_name, new_template
from planner.ui.controller import PlanController
from planner.ui.dialog_opening import open_dialog
from planner.ui.view_state import ViewState

if TYPE_CHECKING:
    from planner.ui.dialogs.template_editor import TemplateEditor


class TemplateActions(QObject):
    """The library's actions and the dialogs behind them.

    Built-in entries can be added and duplicated but not edited or deleted; the runner's own
    can be edited and deleted (after a confirmation). Each action carries its key in its text
    (after a tab, as menus show it); the list view triggers them on those keys.

    Args:
        controller: the plan controller (adds workouts, saves and deletes entries).
        state: the view state (the selected day an entry is added to).
        current: returns the entry selected in the library.
        parent: the widget the dialogs belong to.

    Attributes:
        add: add the selected entry to the selected day (Enter).
        new: a new entry of the selected entry's kind (Insert).
        edit: edit the selected entry, the runner's own only (F2).
        duplicate: a copy of the selected entry, to save as the runner's own.
        delete: delete the selected entry, the runner's own only (Delete).
        edit_or_duplicate: F2: edit the runner's own, duplicate a built-in one.

    Signals:
        saved(int): an entry was saved from the editor (its id).
    """

    saved = Signal(int)

    def __init__(
        self,
        controller: PlanController,
        state: ViewState,
        current: Callable[[], Template | None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._state = state
        self._current = current
        self._parent = parent
        self.add = self._action("&Add to Selected Day", "Add", "Enter", self.add_current)
        self.new = self._action("&New Template…", "New…", "Ins", self.new_template)
        self.edit = self._action("&Edit Template…", "Edit…", "F2", self.edit_current)
        self.duplicate = self._action(
            "D&uplicate as My Own…", "Duplicate…", "F2", self.duplicate_current
        )
        self.delete = self._action("&Delete Template", "Delete", "Del", self.delete_current)
        self.edit_or_duplicate = self._action("Edit", "Edit", "", self.edit_current)
        self.update_enabled()

    def _action(self, text: str, icon_text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text + (f"\t{keys}" if keys else ""), self)
        action.setIconText(icon_text)
        action.setToolTip(f"{text.replace('&', '')} ({keys})" if keys else text)
        action.triggered.connect(slot)
        return action

    def update_enabled(self) -> None:
        """Enable what the selected entry allows."""
        template = self._current()
        own = template is not None and not template.builtin
        self.add.setEnabled(template is not None)
        self.edit_or_duplicate.setEnabled(template is not None)
        self.edit.setEnabled(own)
        self.duplicate.setEnabled(template is not None)
        self.delete.setEnabled(own)
        builtin = template is not None and template.builtin
        why = "Built-in entries cannot be deleted." if builtin else "Delete the selected template"
        self.delete.setToolTip(f"{why} (Del)" if own else why)

    # -- the commands ----------------------------------------------------------------------
    @Slot()
    def add_current(self) -> None:
        """Add the selected entry to the selected day; the new block becomes the selection."""
        template = self._current()
        if template is None or template.id is None:
            return
        day = self._state.selected_day
        new_id = self._controller.add_from_template(template.id, day)
        if new_id is not None:
            self._state.select_workout(new_id, day)

    @Slot()
    def new_template(self) -> None:
        """Open the editor for a new library entry of the selected entry's kind."""
        current = self._current()
        self._open_editor(new_template(current.kind if current else Kind.RUN), "New template")

    @Slot()
    def edit_current(self) -> None:
        """Edit the selected entry (a built-in one is offered as a duplicate instead)."""
        template = self._current()
        if template is None:
            return
        if template.builtin:
            self.duplicate_current()
            return
        self._open_editor(template, f"Edit template {template.name}")

    @Slot()
    def duplicate_current(self) -> None:
        """Open the editor on a copy of the selected entry, to save as the runner's own."""
        template = self._current()
        if template is None:
            return
        names = [t.name for t in self._controller.templates()]
        copy = template.replace(id=None, builtin=False, name=copy_name(template.name, names))
        self._open_editor(copy, "Duplicate as my own")

    @Slot()
    def delete_current(self) -> None:
        """Ask, then delete the selected entry (the runner's own only)."""
        template = self._current()
        if template is None or template.id is None or template.builtin:
            return
        box = QMessageBox(self._parent)
        box.setObjectName("confirmDeleteTemplate")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Delete template")
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name as typed, never as markup
        box.setText(f"Delete “{template.name}” from the library?")
        box.setInformativeText("Workouts already planned from it stay in your plan.")
        delete = box.addButton("&Delete", QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("confirmDelete")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(delete)
        box.setEscapeButton(cancel)
        open_dialog(box, on_finished=partial(self._on_delete_answered, box, template.id))

    # -- dialogs ---------------------------------------------------------------------------
    def _open_editor(self, template: Template, title: str) -> None:
        from planner.ui.dialogs.template_editor import TemplateEditor

        editor = TemplateEditor(
            template,
            self._parent,
            title=title,
            existing_names=[t.name for t in self._controller.templates()],
            units=self._controller.settings.units,
        )
        open_dialog(editor, self._on_editor_accepted)

    def _on_editor_accepted(self, editor: TemplateEditor) -> None:
        saved = self._controller.save_template(editor.template())
        if saved is not None and saved.id is not None:
            self.saved.emit(saved.id)

    def _on_delete_answered(self, box: QMessageBox, template_id: int) -> None:
        if box.buttonRole(box.clickedButton()) is QMessageBox.ButtonRole.DestructiveRole:
            self._controller.delete_template(template_id)
