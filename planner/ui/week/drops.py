"""Drag and drop on the week: its blocks as a drag source, its days as a drop target.

A block dragged carries its id (:mod:`planner.ui.mime`); a drag hovering over a day tells the
:class:`~planner.ui.view_state.ViewState` what it would drop where (the warnings preview it),
and a drop goes to :meth:`PlanController.drop`, which plans and describes it as the preview
did. The week view hands its drag events to :class:`WeekDragDrop`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from PySide6.QtCore import QMimeData, QPoint, QRect, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import QWidget

from planner.core.model import Workout
from planner.ui.controller import PlanController
from planner.ui.mime import (
    TEMPLATE_MIME,
    WORKOUT_MIME,
    decode_template,
    decode_workouts,
    encode_workouts,
)
from planner.ui.view_state import DropIntent, ViewState


class DropGeometry(Protocol):
    """What dragging needs of a view's geometry (the week's layout, the month's)."""

    def day_at(self, pos: QPoint) -> date | None:
        """The day under ``pos``."""

    def insertion_index(self, day: date, y: int) -> int:
        """The gap among ``day``'s workouts a drop at height ``y`` lands in."""

    def block_rect(self, workout_id: int) -> QRect:
        """The rectangle of a workout's block (empty when it is not shown)."""


class WeekDragDrop:
    """What dragging does on the week view.

    Args:
        view: the week view (the drag's source and target, repainted while a drag hovers).
        controller: applies drops.
        state: the view state (the hovering drag, the selection).
        layout: the view's geometry now (the week's; the month view's too).
        workouts: the workouts on screen now.
    """

    def __init__(
        self,
        view: QWidget,
        controller: PlanController,
        state: ViewState,
        layout: Callable[[], DropGeometry],
        workouts: Callable[[], list[Workout]],
    ) -> None:
        self._view = view
        self._controller = controller
        self._state = state
        self._layout = layout
        self._workouts = workouts
        self._hover: DropIntent | None = None

    @property
    def hover(self) -> DropIntent | None:
        """The drop a drag hovering over the week would make now (``None``: no drag)."""
        return self._hover

    def set_hover(self, drop: DropIntent | None) -> None:
        """Show where a hovering drag would drop, and tell the view state."""
        if drop != self._hover:
            self._hover = drop
            self._state.set_drop_hover(drop)
            self._view.update()

    # -- the drag source -------------------------------------------------------------------
    def start_drag(self, workout_id: int) -> None:
        """Drag a block (moves it; Ctrl copies), with a picture of it under the pointer."""
        rect = self._layout().block_rect(workout_id)
        if rect.isEmpty():
            return
        drag = QDrag(self._view)
        drag.setMimeData(self.mime_data_for([workout_id]))
        pixmap = self._block_pixmap(rect)
        drag.setPixmap(pixmap)
        drag.setHotSpot(QPoint(pixmap.width() // 2, min(20, pixmap.height() // 2)))
        drag.exec(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, Qt.DropAction.MoveAction)

    def mime_data_for(self, workout_ids: list[int]) -> QMimeData:
        """The drag payload for these blocks (ids only), with a text fallback."""
        data = encode_workouts(workout_ids)
        data.setText(", ".join(w.title for w in self._workouts() if w.id in workout_ids))
        return data

    def _block_pixmap(self, rect: QRect) -> QPixmap:
        ratio = self._view.devicePixelRatioF()
        pixmap = QPixmap(rect.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        self._view.render(pixmap, QPoint(), rect)
        return pixmap

    # -- the drop target -------------------------------------------------------------------
    def enter(self, event: QDragEnterEvent) -> None:
        """Accept blocks and library entries only."""
        if event.mimeData().hasFormat(WORKOUT_MIME) or event.mimeData().hasFormat(TEMPLATE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def move(self, event: QDragMoveEvent) -> None:
        """Follow the drag: the day and gap under it, and whether it would copy."""
        data = event.mimeData()
        pos = event.position().toPoint()
        layout = self._layout()
        day = layout.day_at(pos)
        template_id = decode_template(data)
        workout_ids = tuple(decode_workouts(data))
        if day is None or (template_id is None and not workout_ids):
            self.set_hover(None)
            event.ignore()
            return
        copy = template_id is not None or bool(
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )
        index = layout.insertion_index(day, pos.y())
        self.set_hover(DropIntent(day, index, copy, template_id, workout_ids))
        event.setDropAction(Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction)
        event.accept()

    def drop(self, event: QDropEvent) -> None:
        """Apply the drop under the pointer, then give the week the keyboard."""
        pos = event.position().toPoint()
        layout = self._layout()
        day = layout.day_at(pos)
        self.set_hover(None)
        if day is None:
            event.ignore()
            return
        # Ctrl copies; on platforms whose copy modifier differs, Qt reports it as the
        # drop action of our own drag.
        copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier) or (
            event.source() is self._view and event.dropAction() == Qt.DropAction.CopyAction
        )
        index = layout.insertion_index(day, pos.y())
        if self.drop_mime_data(event.mimeData(), day, index, copy=copy):
            event.setDropAction(Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()
        self._view.activateWindow()
        self._view.setFocus(Qt.FocusReason.OtherFocusReason)

    def drop_mime_data(
        self, data: QMimeData, day: date, index: int | None, *, copy: bool = False
    ) -> bool:
        """Apply a drop of ``data`` onto ``day`` at gap ``index``; True when something changed.

        A library entry adds a workout; blocks move (or copy when ``copy``). The dropped
        block becomes the selection, so the keyboard carries on from there.
        """
        template_id = decode_template(data)
        ids = decode_workouts(data)
        if template_id is None and not ids:
            return False
        dropped = self._controller.drop(template_id, ids, day, index, copy=copy)
        moving = template_id is None and not copy
        if moving:  # the moved block stays selected, wherever it is now
            selected = ids[0]
            self._state.select_workout(selected, self._day_of(selected))
        elif dropped is not None:
            self._state.select_workout(dropped, day)
        return dropped is not None

    def _day_of(self, workout_id: int) -> date | None:
        return next((w.day for w in self._workouts() if w.id == workout_id), None)
