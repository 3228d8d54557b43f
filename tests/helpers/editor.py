"""The workout editor as the main window opens it: found, filled in as a user types, gone."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.ui.dialogs.workout_editor import WorkoutEditor
from planner.ui.main_window import MainWindow


def modal_editor(qtbot: Any, window: MainWindow) -> WorkoutEditor:
    """The workout editor the window just opened (waits until it is on screen)."""
    editor = window.findChild(WorkoutEditor)
    assert editor is not None, "no workout editor was opened"
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    assert QApplication.activeModalWidget() is editor
    return editor


def wait_editor_gone(qtbot: Any, window: MainWindow) -> None:
    """Wait until the editor is deleted, then give the main window the keyboard back.

    The window keeps the week view as its focus widget; re-activating the window is the
    window manager's job, and the offscreen platform has none.
    """
    qtbot.waitUntil(lambda: window.findChild(WorkoutEditor) is None)
    assert window.focusWidget() is window.week_view
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def set_field(qtbot: Any, editor: WorkoutEditor, name: str, text: str) -> None:
    """Select a field's text and type over it, as a user would."""
    field = editor.field(name)
    assert field is not None, name
    field.setFocus()
    field.selectAll()  # type: ignore[attr-defined]
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Delete)
