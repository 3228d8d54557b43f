"""The weekly calendar widget: what the mouse, the keyboard and drags do to the week.

The geometry is :mod:`planner.ui.week.layout`, the look :mod:`planner.ui.week.painter`, drag
and drop :mod:`planner.ui.week.drops` and the arrow keys :mod:`planner.ui.week.navigation`;
this module loads the week the :class:`~planner.ui.view_state.ViewState` shows, turns input
into plan operations through the :class:`~planner.ui.controller.PlanController`, and moves
the selection in the view state. Focus changes repaint the view through QWidget's own
focus handlers (the focused day is drawn differently).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QContextMenuEvent,
    QCursor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from planner.core.missed import is_missed
from planner.core.model import ChangeSet, Workout
from planner.core.totals import WeekTotals, week_totals
from planner.core.weeks import Week
from planner.ui.controller import PlanController
from planner.ui.view_state import DropIntent, ViewState
from planner.ui.week.block import (
    BUTTON_TIPS,
    BlockFonts,
    BlockText,
    arrange,
    block_heights,
    button_rects,
    lines_text,
    tooltip_html,
    why_rect,
)
from planner.ui.week.drops import WeekDragDrop
from planner.ui.week.layout import (
    DAY_HEADER_H,
    MARGIN,
    MINIMUM_SIZE,
    ROOMY_COLUMN_H,
    SIZE_HINT,
    WeekLayout,
    empty_card,
)
from planner.ui.week.marks import NO_MARKS, WeekMarks, marks_tooltip
from planner.ui.week.navigation import navigate
from planner.ui.week.painter import WeekScene, paint_week
from planner.ui.week.recorded import WeekRecordings

#: Columns at least this wide (a big window) get blocks in slightly larger text.
WIDE_COLUMN_W = 170
WIDE_TEXT_SCALE = 1.08


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
        marks: what the warnings add to the week (block markers, a drop's warning tint,
            the header's progress line), asked for at each paint; none when not given.

    Signals:
        edit_requested(int): the user double-clicked a block or pressed Enter on it.
        context_menu_requested(QPoint): a context menu at a global position, after the
            block or day under the pointer was selected; the window fills it.
        block_action_requested(str): a missed block's button was clicked, after its block
            was selected: ``"done"`` (Mark Done…) or ``"skip"`` (Mark Skipped).
        demo_requested(): the empty week's "Open the demo plan" button was clicked.
    """

    edit_requested = Signal(int)
    context_menu_requested = Signal(QPoint)
    block_action_requested = Signal(str)
    demo_requested = Signal()

    def __init__(
        self,
        controller: PlanController,
        state: ViewState,
        parent: QWidget | None = None,
        *,
        marks: Callable[[], WeekMarks] | None = None,
    ) -> None:
        super().__init__(parent)
        self._marks = marks
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
        self._laid_out: WeekLayout | None = None  # computed when first needed after a change
        self._dnd = WeekDragDrop(
            self, controller, state, lambda: self._layout, lambda: self._workouts
        )
        self._press_pos: QPoint | None = None
        self._press_id: int | None = None
        self._offer_demo = False
        self._plan_empty = False
        self._hovered: tuple[int, str] | None = None
        self._recordings = WeekRecordings(controller.activity_links, controller.activity)
        self.setMouseTracking(True)
        controller.plan_changed.connect(self._on_plan_changed)
        state.week_changed.connect(self._on_week_changed)
        state.selection_changed.connect(self.update)
        state.highlight_changed.connect(self.update)
        state.today_changed.connect(self._relayout)
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

    def missed_ids(self) -> list[int]:
        """The blocks on screen that are missed plans (their day passed with no result)."""
        today = self._state.today
        return [w.id for w in self._workouts if w.id is not None and is_missed(w, today)]

    def button_rect(self, workout_id: int, name: str) -> QRect:
        """A block's ``"done"``, ``"skip"`` (missed) or ``"why"`` (heavy legs) button, or empty."""
        rect = self._layout.buttons.get(workout_id, {}).get(name)
        return QRect(rect) if rect is not None else QRect()

    def shown_lines(self, workout_id: int) -> list[str]:
        """The lines a block shows now, top to bottom (what fits at the window's size)."""
        workout = next((w for w in self._workouts if w.id == workout_id), None)
        rect = self._layout.block_rect(workout_id)
        if workout is None or rect.isEmpty():
            return []
        return lines_text(arrange(self._text(workout), rect, self._block_fonts()))

    def set_demo_offer(self, offer: bool) -> None:
        """Whether the empty card of an empty plan offers to open the demo plan."""
        if offer == self._offer_demo:
            return
        self._offer_demo = offer
        if not offer:  # no need to read the plan (the window may be closing with it)
            if self._plan_empty:
                self._plan_empty = False
                self._relayout()
        elif not self._workouts:  # a week with workouts shows no empty card either way
            self.reload()

    def demo_button_rect(self) -> QRect:
        """The empty card's "Open the demo plan" button (empty when it is not shown)."""
        if not self._shows_demo_button():
            return QRect()
        _card, button = empty_card(self._layout.days_area(), with_button=True)
        return QRect(button) if button is not None else QRect()

    # -- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the view state's week from the plan again and repaint."""
        week = self._state.week
        self._workouts = self._controller.workouts(week.start, week.end)
        self._by_day = {day: [] for day in week.days}
        for workout in self._workouts:
            self._by_day.setdefault(workout.day, []).append(workout)
        self._totals = week_totals(self._workouts)
        if self._recordings.read_links(week.start, week.end):  # the numbers: after the paint
            self._controller.when_full_store(self, self._read_recordings)
        self._plan_empty = (
            self._offer_demo and not self._workouts and not self._controller.has_workouts()
        )
        self._relayout()

    @Slot()
    def _read_recordings(self) -> None:  # the numbers of the week's activities (none if closed)
        self._recordings.read_details()
        self._relayout()

    def _text(self, workout: Workout) -> BlockText:
        units, today = self._controller.settings.units, self._state.today
        return self._recordings.block_text(workout, units, today)

    @Slot()
    def _relayout(self) -> None:
        """Lay the week out again when it is next painted or measured, and repaint.

        The blocks' text is measured then, once, at the size the view has then: not at
        every change and resize on the way (start-up has three before the first paint).
        """
        self._laid_out = None
        self.update()

    @property
    def _layout(self) -> WeekLayout:
        if self._laid_out is None:
            self._laid_out = self._compute_layout()
        return self._laid_out

    def _compute_layout(self) -> WeekLayout:
        fonts = self._block_fonts()
        roomy = self.height() - DAY_HEADER_H >= ROOMY_COLUMN_H

        def heights(workout: Workout, width: int) -> tuple[int, int]:
            return block_heights(self._text(workout), width, fonts, roomy=roomy)

        return WeekLayout.compute(
            self._state.week,
            self._by_day,
            self.size(),
            heights=heights,
            missed=self.missed_ids(),
            button_rects=button_rects,
            why_rects=lambda workout, rect: why_rect(rect, self._text(workout)),
        )

    def _block_scale(self) -> float:
        """The blocks' text size: a little larger when the columns are wide (a big window)."""
        column = (self.width() - 2 * MARGIN) / 7
        return WIDE_TEXT_SCALE if column >= WIDE_COLUMN_W else 1.0

    def _block_fonts(self) -> BlockFonts:
        return BlockFonts.from_font(self.font(), self._block_scale())

    def _shows_demo_button(self) -> bool:
        return self._plan_empty and not self._workouts

    def _day_of(self, workout_id: int) -> date | None:
        return next((w.day for w in self._workouts if w.id == workout_id), None)

    @Slot(object)
    def _on_plan_changed(self, change: ChangeSet) -> None:
        touched = change.touches_range(self._state.week.start, self._state.week.end)
        if self._recordings.changed(change) or touched or change.touches_settings:
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
            drop=(hover.day, hover.index) if (hover := self._dnd.hover) is not None else None,
            focused=self.hasFocus(),
            offer_demo=self._shows_demo_button(),
            block_scale=self._block_scale(),
            hovered=self._hovered,
            marks=self._marks() if self._marks is not None else NO_MARKS,
            recorded=self._recordings.marks(),
            estimated=self._recordings.estimated_ids(self._workouts),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_week(painter, self.font(), self.palette(), self.rect(), self._layout, self.scene())
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self._show_tooltip(self.mapFromGlobal(QCursor.pos()), QCursor.pos())
            return True
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._relayout()
        return super().event(event)

    def tooltip_at(self, pos: QPoint) -> str:
        """The tooltip at ``pos``: a missed block's button, or the whole workout of a block."""
        button = self._layout.button_at(pos)
        if button is not None:
            return BUTTON_TIPS[button[1]]
        workout_id = self._layout.block_at(pos)
        workout = next((w for w in self._workouts if w.id == workout_id), None)
        if workout is None:
            return ""
        text = tooltip_html(workout, units := self._controller.settings.units, self._state.today)
        marks = self._marks() if self._marks is not None else NO_MARKS
        return text + self._recordings.tooltip(workout, units) + marks_tooltip(marks, workout.id)

    def _show_tooltip(self, pos: QPoint, global_pos: QPoint) -> None:
        text = self.tooltip_at(pos)
        if text:
            QToolTip.showText(global_pos, text, self)
        else:
            QToolTip.hideText()

    def leaveEvent(self, event: QEvent) -> None:
        self._set_hovered(None)
        super().leaveEvent(event)

    def _set_hovered(self, hovered: tuple[int, str] | None) -> None:
        if hovered != self._hovered:
            self._hovered = hovered
            if hovered is None:
                self.unsetCursor()
            else:
                self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.update()

    def _control_at(self, pos: QPoint) -> tuple[int, str] | None:
        """The clickable control under ``pos``: a missed block's button or the demo button."""
        button = self._layout.button_at(pos)
        if button is not None:
            return button
        if self._shows_demo_button() and self.demo_button_rect().contains(pos):
            return (0, "demo")
        return None

    # -- mouse -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        control = self._control_at(pos) if event.button() == Qt.MouseButton.LeftButton else None
        if control is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            workout_id, name = control
            if name == "demo":
                self.demo_requested.emit()
            else:
                self._state.select_workout(workout_id, self._day_of(workout_id))
                self.block_action_requested.emit(name)
            event.accept()
            return
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
        if not event.buttons():
            self._set_hovered(self._control_at(event.position().toPoint()))
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
        self._dnd.start_drag(workout_id)

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

    def mime_data_for(self, workout_ids: list[int]) -> QMimeData:
        """The drag payload for these blocks (ids only), with a text fallback."""
        return self._dnd.mime_data_for(workout_ids)

    # -- dropping (planner.ui.week.drops) --------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._dnd.enter(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._dnd.move(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._dnd.set_hover(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._dnd.drop(event)

    def drop_mime_data(
        self, data: QMimeData, day: date, index: int | None, *, copy: bool = False
    ) -> bool:
        """Apply a drop of ``data`` onto ``day`` at gap ``index``; True when something changed.

        A library entry adds a workout; blocks move (or copy when ``copy``). The dropped
        block becomes the selection, so the keyboard carries on from there.
        """
        return self._dnd.drop_mime_data(data, day, index, copy=copy)

    def _set_drop(self, drop: DropIntent | None) -> None:
        self._dnd.set_hover(drop)

    # -- keyboard (planner.ui.week.navigation) --------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.NoModifier:
            super().keyPressEvent(event)
            return
        selected = self._state.selected_workout_id
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and selected is not None:
            self.edit_requested.emit(selected)
        elif not navigate(key, self._state, lambda day: self._by_day.get(day, [])):
            super().keyPressEvent(event)
