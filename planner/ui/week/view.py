"""The weekly calendar widget: what the mouse, the keyboard and drags do to the week.

The geometry is :mod:`planner.ui.week.layout`, the look :mod:`planner.ui.week.painter`; this
module loads the week the :class:`~planner.ui.view_state.ViewState` shows, turns input into
plan operations through the :class:`~planner.ui.controller.PlanController`, and moves the
selection in the view state.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QMimeData, QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from planner.core.model import ChangeSet, Workout
from planner.core.totals import WeekTotals, week_totals
from planner.core.weeks import Week
from planner.ui.controller import PlanController
from planner.ui.mime import (
    TEMPLATE_MIME,
    WORKOUT_MIME,
    decode_template,
    decode_workouts,
    encode_workouts,
)
from planner.ui.view_state import DropIntent, ViewState
from planner.ui.week.layout import MINIMUM_SIZE, SIZE_HINT, WeekLayout
from planner.ui.week.painter import WeekScene, paint_week


class WeekView(QWidget):
    """The week as seven columns of blocks.

    The widget paints everything itself (no child widget per block), so a week switch is
    one query and one paint. It shows the week of the :class:`ViewState` and moves its
    selection; it is the drag source for blocks and the drop target for blocks and
    library entries.

    Args:
        controller: the plan controller (reads the week, applies drops).
        state: the view state (the week shown, the selection, today).
        parent: the parent widget.

    Signals:
        edit_requested(int): the user double-clicked a block or pressed Enter on it.
        context_menu_requested(QPoint): a context menu at a global position, after the
            block or day under the pointer was selected; the window fills it.
    """

    edit_requested = Signal(int)
    context_menu_requested = Signal(QPoint)

    def __init__(
        self, controller: PlanController, state: ViewState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("weekView")
        self.setAccessibleName("weekView")
        self.setAccessibleDescription("The week's plan: one column per day, one block per workout.")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._controller = controller
        self._state = state
        self._workouts: list[Workout] = []
        self._by_day: dict[date, list[Workout]] = {}
        self._totals = WeekTotals()
        self._layout = WeekLayout.compute(state.week, self._by_day, self.size())
        self._drop: DropIntent | None = None
        self._press_pos: QPoint | None = None
        self._press_id: int | None = None
        controller.plan_changed.connect(self._on_plan_changed)
        state.week_changed.connect(self._on_week_changed)
        state.selection_changed.connect(self.update)
        state.highlight_changed.connect(self.update)
        state.today_changed.connect(self.update)
        self.reload()

    # -- public seams ----------------------------------------------------------------------
    @property
    def week(self) -> Week:
        """The week on screen (the view state's)."""
        return self._layout.week

    @property
    def workouts(self) -> list[Workout]:
        """The workouts on screen, by day then position."""
        return list(self._workouts)

    def day_rect(self, day: date) -> QRect:
        """The widget-local rectangle of ``day``'s column (empty when not on screen)."""
        return self._layout.day_rect(day)

    def block_rect(self, workout_id: int) -> QRect:
        """The widget-local rectangle of a workout's block (empty when not on screen)."""
        return self._layout.block_rect(workout_id)

    @property
    def selected_day(self) -> date:
        """The selected day (the view state's)."""
        return self._state.selected_day

    @property
    def selected_workout_id(self) -> int | None:
        """The selected block's workout id (the view state's)."""
        return self._state.selected_workout_id

    def selected_workout(self) -> Workout | None:
        """The selected block's workout, if a block on screen is selected."""
        selected = self._state.selected_workout_id
        return next((w for w in self._workouts if w.id == selected), None)

    def select_day(self, day: date) -> None:
        """Select a day, showing its week (as :meth:`ViewState.select_day`)."""
        self._state.select_day(day)

    def select_workout(self, workout_id: int) -> None:
        """Select a block, showing its week (as :meth:`ViewState.select_workout`)."""
        self._state.select_workout(workout_id, self._day_of(workout_id))

    def show_week(self, week: Week) -> None:
        """Show ``week`` (as :meth:`ViewState.show_week`)."""
        self._state.show_week(week)

    # -- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the view state's week from the plan again and repaint."""
        week = self._state.week
        self._workouts = self._controller.workouts(week.start, week.end)
        self._by_day = {day: [] for day in week.days}
        for workout in self._workouts:
            self._by_day.setdefault(workout.day, []).append(workout)
        self._totals = week_totals(self._workouts)
        self._relayout()

    def _relayout(self) -> None:
        self._layout = WeekLayout.compute(self._state.week, self._by_day, self.size())
        self.update()

    def _day_of(self, workout_id: int) -> date | None:
        return next((w.day for w in self._workouts if w.id == workout_id), None)

    @Slot(object)
    def _on_plan_changed(self, change: ChangeSet) -> None:
        week = self._state.week
        if change.touches_settings or change.touches_range(week.start, week.end):
            self.reload()

    @Slot(object)
    def _on_week_changed(self, _week: Week) -> None:
        self.reload()

    # -- geometry and painting -------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(SIZE_HINT)

    def minimumSizeHint(self) -> QSize:
        return QSize(MINIMUM_SIZE)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._relayout()
        super().resizeEvent(event)

    def scene(self) -> WeekScene:
        """What the view shows now: the week, its totals, the units, selection and today."""
        state = self._state
        return WeekScene(
            week=self._layout.week,
            workouts=self._workouts,
            by_day=self._by_day,
            totals=self._totals,
            today=state.today,
            units=self._controller.settings.units,
            selected_day=state.selected_day,
            selected_workout_id=state.selected_workout_id,
            highlighted_days=state.highlighted_days,
            highlighted_workouts=state.highlighted_workouts,
            drop=(self._drop.day, self._drop.index) if self._drop is not None else None,
            focused=self.hasFocus(),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_week(painter, self.font(), self.palette(), self.rect(), self._layout, self.scene())
        painter.end()

    # -- mouse -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        self._select_at(pos)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = pos
            self._press_id = self._layout.block_at(pos)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def _select_at(self, pos: QPoint) -> bool:
        """Select the block (or else the day) under ``pos``; False when there is neither."""
        workout_id = self._layout.block_at(pos)
        if workout_id is not None:
            self._state.select_workout(workout_id, self._day_of(workout_id))
            return True
        day = self._layout.day_at(pos)
        if day is not None:
            self._state.select_day(day)
            return True
        return False

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if (
            self._press_pos is None
            or self._press_id is None
            or not event.buttons() & Qt.MouseButton.LeftButton
        ):
            return
        distance = (event.position().toPoint() - self._press_pos).manhattanLength()
        if distance < QApplication.startDragDistance():
            return
        workout_id = self._press_id
        self._press_pos = None
        self._press_id = None
        self._start_drag(workout_id)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press_pos = None
        self._press_id = None
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        workout_id = self._layout.block_at(event.position().toPoint())
        if workout_id is not None:
            self.edit_requested.emit(workout_id)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self._select_at(event.pos()):
            self.context_menu_requested.emit(event.globalPos())

    def _start_drag(self, workout_id: int) -> None:
        rect = self._layout.block_rect(workout_id)
        if rect.isEmpty():
            return
        drag = QDrag(self)
        drag.setMimeData(self.mime_data_for([workout_id]))
        pixmap = self._block_pixmap(rect)
        drag.setPixmap(pixmap)
        drag.setHotSpot(QPoint(pixmap.width() // 2, min(20, pixmap.height() // 2)))
        drag.exec(Qt.DropAction.MoveAction | Qt.DropAction.CopyAction, Qt.DropAction.MoveAction)

    def mime_data_for(self, workout_ids: list[int]) -> QMimeData:
        """The drag payload for these blocks (ids only), with a text fallback."""
        data = encode_workouts(workout_ids)
        data.setText(", ".join(w.title for w in self._workouts if w.id in workout_ids))
        return data

    def _block_pixmap(self, rect: QRect) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(rect.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        self.render(pixmap, QPoint(), rect)
        return pixmap

    # -- dropping --------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(WORKOUT_MIME) or event.mimeData().hasFormat(TEMPLATE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        data = event.mimeData()
        pos = event.position().toPoint()
        day = self._layout.day_at(pos)
        template_id = decode_template(data)
        workout_ids = tuple(decode_workouts(data))
        if day is None or (template_id is None and not workout_ids):
            self._set_drop(None)
            event.ignore()
            return
        copy = template_id is not None or bool(
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )
        index = self._layout.insertion_index(day, pos.y())
        self._set_drop(DropIntent(day, index, copy, template_id, workout_ids))
        event.setDropAction(Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        pos = event.position().toPoint()
        day = self._layout.day_at(pos)
        self._set_drop(None)
        if day is None:
            event.ignore()
            return
        # Ctrl copies; on platforms whose copy modifier differs, Qt reports it as the
        # drop action of our own drag.
        copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier) or (
            event.source() is self and event.dropAction() == Qt.DropAction.CopyAction
        )
        index = self._layout.insertion_index(day, pos.y())
        if self.drop_mime_data(event.mimeData(), day, index, copy=copy):
            event.setDropAction(Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction)
            event.accept()
        else:
            event.ignore()
        self.activateWindow()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def drop_mime_data(
        self, data: QMimeData, day: date, index: int | None, *, copy: bool = False
    ) -> bool:
        """Apply a drop of ``data`` onto ``day`` at gap ``index``; True when something changed.

        A library entry adds a workout; blocks move (or copy when ``copy``). The dropped
        block becomes the selection, so the keyboard carries on from there.
        """
        template_id = decode_template(data)
        ids = decode_workouts(data)
        if template_id is not None:
            new_id = self._controller.add_from_template(template_id, day, index)
        elif not ids:
            return False
        elif copy:
            new_id = self._controller.copy(ids[0], day, index)
        else:
            moved = self._controller.move(ids[0], day, index)
            self._state.select_workout(ids[0], self._day_of(ids[0]))
            return moved
        if new_id is not None:
            self._state.select_workout(new_id, day)
        return new_id is not None

    def _set_drop(self, drop: DropIntent | None) -> None:
        if drop != self._drop:
            self._drop = drop
            self._state.set_drop_hover(drop)
            self.update()

    # -- keyboard --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.NoModifier:
            selected = self._state.selected_workout_id
            week = self._state.week
            if key == Qt.Key.Key_Left:
                self._step_day(-1)
            elif key == Qt.Key.Key_Right:
                self._step_day(1)
            elif key == Qt.Key.Key_Up:
                self._step_block(-1)
            elif key == Qt.Key.Key_Down:
                self._step_block(1)
            elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and selected is not None:
                self.edit_requested.emit(selected)
            elif key == Qt.Key.Key_Home:
                self._state.select_day(week.start)
            elif key == Qt.Key.Key_End:
                self._state.select_day(week.end)
            else:
                super().keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def _step_day(self, step: int) -> None:
        """Move the selection to the neighbouring day, keeping the row when it can."""
        row = self._row_of_selection()
        day = self._state.selected_day + timedelta(days=step)
        self._state.select_day(day)  # shows the next week first when needed
        blocks = self._by_day.get(day, [])
        if row is not None and blocks:
            target = blocks[min(row, len(blocks) - 1)].id
            assert target is not None
            self._state.select_workout(target, day)

    def _step_block(self, step: int) -> None:
        day = self._state.selected_day
        blocks = self._by_day.get(day, [])
        if not blocks:
            return
        row = self._row_of_selection()
        if row is None:
            row = 0 if step > 0 else len(blocks) - 1
        else:
            row = min(max(row + step, 0), len(blocks) - 1)
        target = blocks[row].id
        assert target is not None
        self._state.select_workout(target, day)

    def _row_of_selection(self) -> int | None:
        selected = self._state.selected_workout_id
        for row, workout in enumerate(self._by_day.get(self._state.selected_day, [])):
            if workout.id == selected:
                return row
        return None

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)
