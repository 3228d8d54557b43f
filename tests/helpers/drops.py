"""Drags delivered the way Qt delivers them to a drop target: a move, then a drop or a leave.

``QDrag.exec`` cannot be driven from a test (pytest-qt#260); these send the very events Qt
sends the target widget while a drag passes over it and when the mouse is released there.
The real mouse (xdotool) does the same end to end in tests/e2e.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

#: What a drag from the library or a block offers.
ACTIONS = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def hover_at(
    target: QWidget, data: QMimeData, pos: QPoint, modifiers: Qt.KeyboardModifier = NO_MODIFIER
) -> QDragMoveEvent:
    """A drag moving over ``pos`` of ``target`` (the event, to see whether it was accepted)."""
    event = QDragMoveEvent(pos, ACTIONS, data, Qt.MouseButton.LeftButton, modifiers)
    target.dragMoveEvent(event)
    return event


def drop_at(
    target: QWidget, data: QMimeData, pos: QPoint, modifiers: Qt.KeyboardModifier = NO_MODIFIER
) -> QDropEvent:
    """A drag moved to ``pos`` of ``target`` and released there."""
    hover_at(target, data, pos, modifiers)
    event = QDropEvent(QPointF(pos), ACTIONS, data, Qt.MouseButton.LeftButton, modifiers)
    target.dropEvent(event)
    return event


def leave(target: QWidget) -> None:
    """The drag left ``target`` (or was cancelled) without a drop."""
    target.dragLeaveEvent(QDragLeaveEvent())
