"""The month view: six weeks of days as a grid, with weekly totals, chips and drops.

Geometry: :mod:`~planner.ui.month.layout`; look: :mod:`~planner.ui.month.painter`; keys and
drags: :mod:`~planner.ui.month.input`. This module keeps the month's data current. In the
window it reads the plan through the controller and shares the view state's selection (the
selected day's week is the warnings panel's). On its own (the plan generator's preview) it
needs only the units, the first weekday and today, and shows :meth:`MonthView.set_draft`'s.

Data is read when the month or the plan changes and only while the view is shown; the
layout (every chip's place and cut title) is worked out once per change of the data or
size; a paint only draws. The days the rules warn about are evaluated right after.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from planner.core.model import ChangeSet, WeightEntry, Workout
from planner.core.months import add_months, grid_end, grid_start, grid_weeks, month_start
from planner.core.settings import Units
from planner.core.weeks import MONDAY
from planner.ui.controller import PlanController
from planner.ui.month.data import by_day, grid_sums
from planner.ui.month.input import MonthDragDrop, key_target, month_tooltip
from planner.ui.month.layout import MINIMUM_SIZE, SIZE_HINT, MonthLayout
from planner.ui.month.painter import (
    Backdrop,
    MonthScene,
    WeekSums,
    chip_elider,
    chip_height,
    paint_month,
)
from planner.ui.month.warned import NO_WARNINGS, WarnedDays, WarningsCache, history
from planner.ui.view_state import ViewState
from planner.ui.week.marks import WeekMarks

#: How long the warnings wait after a month is shown (paging on evaluates nothing between).
WARNINGS_DELAY_MS = 120


class MonthView(QWidget):
    """A month as six rows of seven days, each workout a chip, with each week's totals.

    Args:
        controller: the plan (``None``: a view of drafts only, read-only).
        state: the window's view state (the selection, today); ``None`` on its own.
        parent: the parent widget.
        today: the day it is (the state's when given).
        units: the distance units (the plan's when a controller is given).
        first_weekday: the weekday rows start on (the plan's when a controller is given).
        read_only: refuse drops and drags (always so without a controller).
        marks: what the warnings add while a drag hovers (the drop's warning tint).

    Signals:
        day_opened(date): the runner asked to see a day in the week ("+N more", Enter,
            a double click on the day).
        edit_requested(int): a double click on a plan workout's chip.
        month_changed(date): another month is shown (its first day).
    """

    day_opened = Signal(object)
    edit_requested = Signal(int)
    month_changed = Signal(object)

    def __init__(
        self,
        controller: PlanController | None = None,
        state: ViewState | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        units: Units | None = None,
        first_weekday: int | None = None,
        read_only: bool = False,
        marks: Callable[[], WeekMarks] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("monthView")
        self.setAccessibleName("monthView")
        self.setAccessibleDescription(
            "Six weeks of the plan: one cell per day, one chip per workout."
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._controller = controller
        self._state = state
        self._marks = marks
        self._today = today if today is not None else (state.today if state else date.today())
        self._units = units
        self._first_weekday = first_weekday
        self.read_only = read_only or controller is None or state is None
        self._selected = state.selected_day if state is not None else self._today
        self._month = month_start(self._selected)
        self._workouts: list[Workout] = []
        self._by_day: dict[date, list[Workout]] = {}
        self._draft: tuple[Workout, ...] | None = None
        self._draft_by_day: dict[date, list[Workout]] = {}
        self._sums: tuple[WeekSums, ...] = ()
        self._warned = NO_WARNINGS
        self._warnings = WarningsCache()
        self._laid_out: MonthLayout | None = None
        self._backdrop = Backdrop()  # what only the data changes, drawn once per change
        self._stale = True  # the plan's workouts must be read again (when shown)
        self._warnings_timer = QTimer(self)
        self._warnings_timer.setSingleShot(True)
        self._warnings_timer.timeout.connect(self._evaluate_warnings)
        self._dnd: MonthDragDrop | None = None
        if controller is not None:
            controller.plan_changed.connect(self._on_plan_changed)
        if controller is not None and state is not None:
            if not self.read_only:
                self._dnd = MonthDragDrop(
                    self, controller, state, lambda: self.grid, lambda: self._workouts
                )
            state.selection_changed.connect(self._on_selection_changed)
            state.highlight_changed.connect(self.update)
            state.today_changed.connect(self._on_today_changed)
        self.setAcceptDrops(self._dnd is not None)
        self._hovered_more: date | None = None
        self._press: tuple[QPoint, int] | None = None  # where a chip was pressed, and its id
        self._refresh()

    # -- public seams ----------------------------------------------------------------------
    @property
    def month(self) -> date:
        """The first day of the month shown."""
        return self._month

    @property
    def today(self) -> date:
        """The day the view marks as today."""
        return self._state.today if self._state is not None else self._today

    @property
    def units(self) -> Units:
        """The units distances are written in."""
        if self._controller is not None:
            return self._controller.settings.units
        return self._units or Units.KM

    @property
    def first_weekday(self) -> int:
        """The weekday each row starts on."""
        if self._controller is not None:
            return self._controller.first_weekday
        return self._first_weekday if self._first_weekday is not None else MONDAY

    @property
    def first_day(self) -> date:
        """The grid's first day."""
        return grid_start(self._month, self.first_weekday)

    @property
    def last_day(self) -> date:
        """The grid's last day."""
        return grid_end(self._month, self.first_weekday)

    @property
    def selected_day(self) -> date:
        """The day the keyboard is on (the view state's in the window)."""
        return self._state.selected_day if self._state is not None else self._selected

    @property
    def workouts(self) -> list[Workout]:
        """The plan's workouts in the grid, by day then position."""
        self._read_if_stale()
        return list(self._workouts)

    @property
    def grid(self) -> MonthLayout:
        """Where everything is now (worked out when first needed after a change)."""
        if self._laid_out is None:
            self._read_if_stale()
            self._laid_out = MonthLayout.compute(
                self._month,
                self.first_weekday,
                self._by_day,
                self.size(),
                chip_h=chip_height(self.font()),
                elide=chip_elider(self.font()),
                drafts=self._draft_by_day,
            )
        return self._laid_out

    def day_rect(self, day: date) -> QRect:
        """The widget-local rectangle of ``day``'s cell (empty when it is not in the grid)."""
        return self.grid.day_rect(day)

    def block_rect(self, workout_id: int) -> QRect:
        """The widget-local rectangle of a plan workout's chip (empty when not shown)."""
        return self.grid.block_rect(workout_id)

    def more_rect(self, day: date) -> QRect:
        """The widget-local rectangle of ``day``'s "+N more" line (empty when it has none)."""
        return self.grid.more_rect(day)

    def shown_titles(self, day: date) -> list[str]:
        """The titles ``day``'s chips show now (cut to fit), drafts included."""
        cell = self.grid.cell(day)
        return [chip.title for chip in cell.chips] if cell is not None else []

    def hidden_count(self, day: date) -> int:
        """How many of ``day``'s workouts the "+N more" line stands for."""
        cell = self.grid.cell(day)
        return cell.more if cell is not None else 0

    def week_sums(self) -> tuple[WeekSums, ...]:
        """Each row's totals, as the totals column writes them."""
        self._read_if_stale()
        return self._sums

    def warned(self) -> WarnedDays:
        """The days the warnings mark, as evaluated so far (right after a change)."""
        return self._warned

    def draft(self) -> tuple[Workout, ...]:
        """The draft workouts shown (hatched), not in the plan."""
        return self._draft or ()

    def set_draft(self, workouts: Sequence[Workout] | None) -> None:
        """Show ``workouts`` as draft chips (hatched, "draft" in the tooltip); ``None`` clears.

        Drafts are not in the plan: they count in the weekly totals shown, nothing more.
        """
        self._draft = tuple(workouts) if workouts is not None else None
        self._draft_by_day = by_day(self._draft or ())
        self._refresh_sums()
        self._relayout()

    def show_month(self, day: date) -> None:
        """Show the month holding ``day``."""
        month = month_start(day)
        if month == self._month:
            return
        self._month = month
        self._stale = True
        self._warned = NO_WARNINGS
        self._refresh()
        self.month_changed.emit(month)

    def show_next_month(self) -> None:
        """Show the next month, the selected day moving along (to the same day of it)."""
        self._step_months(1)

    def show_previous_month(self) -> None:
        """Show the previous month, the selected day moving along."""
        self._step_months(-1)

    def select_day(self, day: date) -> None:
        """Select ``day`` (the view state's selection in the window), showing its month."""
        if self._state is not None:
            self._state.select_day(day)
        else:
            self._selected = day
            self.update()
        if month_start(day) != self._month:
            self.show_month(day)

    def _step_months(self, months: int) -> None:
        self.select_day(add_months(self.selected_day, months))

    # -- data ------------------------------------------------------------------------------
    def _refresh(self) -> None:
        """Read the plan's grid again (now when shown, else when next shown) and repaint."""
        self._stale = True
        if self.isVisible():
            self._read_if_stale()
        self._relayout()

    def _read_if_stale(self) -> None:
        if not self._stale:
            return
        self._stale = False
        if self._controller is not None:
            self._workouts = self._controller.workouts(self.first_day, self.last_day)
        self._by_day = by_day(self._workouts)
        self._refresh_sums()
        self._laid_out = None
        known = self._warnings.get(self.first_day, self.last_day)
        if known is not None:
            self._warned = known
        elif self._controller is not None:  # after this paint, unless paging on
            self._warnings_timer.start(WARNINGS_DELAY_MS)

    def _refresh_sums(self) -> None:
        weeks = grid_weeks(self._month, self.first_weekday)
        days = {
            day: [*self._by_day.get(day, ()), *self._draft_by_day.get(day, ())]
            for week in weeks
            for day in week.days
        }
        self._sums = grid_sums(weeks, days, self.units, self.today)

    @Slot()
    def _evaluate_warnings(self) -> None:
        controller = self._controller
        if controller is None or controller.closed:
            return

        def read(first: date, last: date) -> tuple[list[Workout], list[WeightEntry]]:
            return controller.workouts(first, last), controller.weights(first, last)

        settings = controller.settings
        self._warned = self._warnings.evaluate(read, settings, self.first_day, self.last_day)
        self.update()

    def _relayout(self) -> None:
        self._laid_out = None
        self.update()

    @Slot(object)
    def _on_plan_changed(self, change: ChangeSet) -> None:
        first, last = history(self.first_day, self.last_day)
        if change.touches_settings or change.touches_workouts or change.touches_weights:
            self._warnings.clear()  # the marks stay until the new ones are evaluated
        if change.touches_settings or change.touches_range(first, last):
            self._refresh()

    @Slot()
    def _on_selection_changed(self) -> None:
        day = self.selected_day
        dragging = self._dnd is not None and self._dnd.hover is not None
        if not dragging and not self.first_day <= day <= self.last_day:
            self.show_month(day)
        self.update()

    @Slot(object)
    def _on_today_changed(self, _today: date) -> None:
        self._refresh_sums()
        self._relayout()

    # -- geometry and painting -------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(SIZE_HINT)

    def minimumSizeHint(self) -> QSize:
        return QSize(MINIMUM_SIZE)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._relayout()
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._read_if_stale()
        super().showEvent(event)

    def scene(self) -> MonthScene:
        """What the view shows now besides the geometry."""
        state = self._state
        hover = self._dnd.hover if self._dnd is not None else None
        marks = self._marks() if self._marks is not None and hover is not None else None
        return MonthScene(
            today=self.today,
            selected_day=self.selected_day,
            selected_workout_id=state.selected_workout_id if state is not None else None,
            focused=self.hasFocus(),
            sums=self._sums,
            warned=self._warned,
            highlighted_days=state.highlighted_days if state is not None else frozenset(),
            drop=(hover.day, hover.index) if hover is not None else None,
            drop_warning=marks.drop_warning if marks is not None else None,
            hovered_more=self._hovered_more,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        grid, scene = self.grid, self.scene()
        paint_month(painter, self.font(), self.palette(), self.rect(), grid, scene, self._backdrop)
        painter.end()

    # -- dropping (planner.ui.month.input) --------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dnd is not None:
            self._dnd.enter(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dnd is not None:
            self._dnd.move(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        if self._dnd is not None:
            self._dnd.set_hover(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if self._dnd is not None:
            self._dnd.drop(event)

    # -- the pointer -----------------------------------------------------------------------
    def tooltip_at(self, pos: QPoint) -> str:
        """The tooltip at ``pos``: a chip's workout, a warning mark's findings, a week's totals."""
        grid = self.grid
        return month_tooltip(grid, pos, self._sums, self._warned, self.units, self.today)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._relayout()
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        grid = self.grid
        more = grid.more_at(pos)
        if more is not None and event.button() == Qt.MouseButton.LeftButton:
            self.day_opened.emit(more)
            return
        chip = grid.chip_at(pos)
        if chip is not None and not chip.draft and chip.workout.id is not None and self._state:
            self._state.select_workout(chip.workout.id, chip.workout.day)
            if event.button() == Qt.MouseButton.LeftButton:
                self._press = (pos, chip.workout.id)
            return
        day = grid.day_at(pos)
        if day is not None:
            self.select_day(day)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if not event.buttons():
            more = self.grid.more_at(pos)
            if more != self._hovered_more:
                self._hovered_more = more
                if more is None:
                    self.unsetCursor()
                else:
                    self.setCursor(Qt.CursorShape.PointingHandCursor)
                self.update()
            return
        press = self._press
        if press is None or self._dnd is None:
            return
        if (pos - press[0]).manhattanLength() >= QApplication.startDragDistance():
            self._press = None
            self._dnd.start_drag(press[1])

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hovered_more is not None:
            self._hovered_more = None
            self.unsetCursor()
            self.update()
        super().leaveEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        workout_id = self.grid.block_at(pos)
        if workout_id is not None:
            self.edit_requested.emit(workout_id)
            return
        day = self.grid.day_at(pos)
        if day is not None and self.grid.more_at(pos) is None:
            self.day_opened.emit(day)

    # -- the keyboard ----------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.NoModifier:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.day_opened.emit(self.selected_day)
            return
        target = key_target(key, self.selected_day)
        if target is None:
            super().keyPressEvent(event)
        else:
            self.select_day(target)
