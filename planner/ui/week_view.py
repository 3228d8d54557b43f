"""The weekly calendar: seven day columns of workout blocks, a drag source and drop target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QMimeData, QPoint, QRect, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QMenu, QSizePolicy, QWidget

from planner.core.formatting import format_distance, format_duration, format_hours, format_number
from planner.core.model import ChangeSet, Kind, Status, Workout
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
from planner.ui.style import kind_color, text_color_on

_MARGIN = 12
_HEADER_H = 64  # the week band: label and totals
_DAY_HEADER_H = 52  # weekday, date, day totals
_GAP = 6  # between columns
_BLOCK_GAP = 6
_BLOCK_H = 76
_BLOCK_MIN_H = 40
_RADIUS = 7.0


@dataclass(slots=True)
class _Drop:
    """Where a drag would land right now."""

    day: date
    index: int
    copy: bool


class WeekView(QWidget):
    """The week as seven columns of blocks.

    The widget paints everything itself (no child widget per block), so a week switch is
    one query and one paint. It keeps a selection (a day, and optionally a block on it)
    for the keyboard, and is both the drag source for blocks and the drop target for
    blocks and library entries.

    Signals:
        edit_requested(int): the user double-clicked a block or pressed Enter on it.
        selection_changed(): the selected day or block changed.
        context_menu_requested(QPoint): a context menu at a global position; the main
            window fills it with its actions.
        week_changed(object): the shown :class:`Week` changed.
    """

    edit_requested = Signal(int)
    selection_changed = Signal()
    context_menu_requested = Signal(QPoint)
    week_changed = Signal(object)

    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weekView")
        self.setAccessibleName("weekView")
        self.setAccessibleDescription("The week's plan: one column per day, one block per workout.")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._controller = controller
        self._week = controller.week_of(controller.today)
        self._workouts: list[Workout] = []
        self._by_day: dict[date, list[Workout]] = {}
        self._totals = WeekTotals()
        self._columns: list[QRect] = []
        self._blocks: dict[int, QRect] = {}
        self._selected_day = controller.today
        self._selected_id: int | None = None
        self._highlighted: frozenset[date] = frozenset()
        self._drop: _Drop | None = None
        self._press_pos: QPoint | None = None
        self._press_id: int | None = None
        controller.plan_changed.connect(self._on_plan_changed)
        self.reload()

    # -- public seams ----------------------------------------------------------------------
    @property
    def week(self) -> Week:
        """The week on screen."""
        return self._week

    @property
    def workouts(self) -> list[Workout]:
        """The workouts on screen, by day then position."""
        return list(self._workouts)

    def day_rect(self, day: date) -> QRect:
        """The widget-local rectangle of ``day``'s column (empty when not on screen)."""
        if day not in self._week or not self._columns:
            return QRect()
        return QRect(self._columns[(day - self._week.start).days])

    def block_rect(self, workout_id: int) -> QRect:
        """The widget-local rectangle of a workout's block (empty when not on screen)."""
        rect = self._blocks.get(workout_id)
        return QRect(rect) if rect is not None else QRect()

    # -- selection -------------------------------------------------------------------------
    @property
    def selected_day(self) -> date:
        """The day the keyboard is on (pastes and library entries go there)."""
        return self._selected_day

    @property
    def selected_workout_id(self) -> int | None:
        """The selected block's workout id, if a block is selected."""
        return self._selected_id

    def selected_workout(self) -> Workout | None:
        """The selected block's workout, if a block is selected."""
        if self._selected_id is None:
            return None
        return next((w for w in self._workouts if w.id == self._selected_id), None)

    def select_day(self, day: date) -> None:
        """Select a day (no block); shows its week if needed."""
        if day not in self._week:
            self.show_week(self._controller.week_of(day))
        self._set_selection(day, None)

    def select_workout(self, workout_id: int) -> None:
        """Select a block; shows its week if needed."""
        workout = self._controller.workout(workout_id)
        if workout is None:
            return
        if workout.day not in self._week:
            self.show_week(self._controller.week_of(workout.day))
        self._set_selection(workout.day, workout_id)

    def highlight_days(self, days: frozenset[date]) -> None:
        """Outline these days (the warning panel points at them)."""
        self._highlighted = frozenset(days)
        self.update()

    def _set_selection(self, day: date, workout_id: int | None) -> None:
        if (day, workout_id) == (self._selected_day, self._selected_id):
            return
        self._selected_day = day
        self._selected_id = workout_id
        self.update()
        self.selection_changed.emit()

    # -- data ------------------------------------------------------------------------------
    def show_week(self, week: Week) -> None:
        """Show ``week``; the selection keeps its weekday."""
        if week == self._week:
            return
        offset = (self._selected_day - self._week.start).days
        self._week = week
        self._selected_day = week.start + timedelta(days=min(max(offset, 0), 6))
        self._selected_id = None
        self.reload()
        self.week_changed.emit(week)
        self.selection_changed.emit()

    def reload(self) -> None:
        """Read the week from the plan again and repaint."""
        self._workouts = self._controller.workouts(self._week.start, self._week.end)
        self._by_day = {day: [] for day in self._week.days}
        for workout in self._workouts:
            self._by_day.setdefault(workout.day, []).append(workout)
        self._totals = week_totals(self._workouts)
        if self._selected_id is not None and not any(
            w.id == self._selected_id for w in self._workouts
        ):
            self._selected_id = None
        self._layout()
        self.update()

    @Slot(object)
    def _on_plan_changed(self, change: ChangeSet) -> None:
        if change.is_empty or any(day in self._week for day in change.days):
            self.reload()

    # -- geometry --------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(980, 560)

    def minimumSizeHint(self) -> QSize:
        return QSize(7 * 90 + 2 * _MARGIN, _HEADER_H + _DAY_HEADER_H + 3 * _BLOCK_H)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._layout()
        super().resizeEvent(event)

    def _layout(self) -> None:
        width = max(self.width() - 2 * _MARGIN, 7 * 40)
        col_w = (width - 6 * _GAP) / 7
        top = _HEADER_H
        bottom = self.height() - _MARGIN
        self._columns = []
        self._blocks = {}
        for i, day in enumerate(self._week.days):
            left = round(_MARGIN + i * (col_w + _GAP))
            right = round(_MARGIN + i * (col_w + _GAP) + col_w)
            column = QRect(left, top, right - left, max(bottom - top, _DAY_HEADER_H + _BLOCK_MIN_H))
            self._columns.append(column)
            blocks = self._by_day.get(day, [])
            if not blocks:
                continue
            room = column.height() - _DAY_HEADER_H - _BLOCK_GAP
            height = min(_BLOCK_H, max(_BLOCK_MIN_H, room // len(blocks) - _BLOCK_GAP))
            y = column.top() + _DAY_HEADER_H
            for workout in blocks:
                assert workout.id is not None
                self._blocks[workout.id] = QRect(column.left() + 4, y, column.width() - 8, height)
                y += height + _BLOCK_GAP

    def _day_at(self, pos: QPoint) -> date | None:
        for i, column in enumerate(self._columns):
            if (
                column.left() - _GAP // 2 <= pos.x() <= column.right() + _GAP // 2
                and pos.y() >= column.top() - _HEADER_H // 2
            ):
                return self._week.start + timedelta(days=i)
        return None

    def _block_at(self, pos: QPoint) -> int | None:
        for workout_id, rect in self._blocks.items():
            if rect.contains(pos):
                return workout_id
        return None

    def _insertion_index(self, day: date, y: int) -> int:
        blocks = self._by_day.get(day, [])
        for index, workout in enumerate(blocks):
            assert workout.id is not None
            if y < self._blocks[workout.id].center().y():
                return index
        return len(blocks)

    # -- painting --------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        self._paint_header(painter, palette)
        for i, day in enumerate(self._week.days):
            self._paint_day(painter, palette, day, self._columns[i], dark)
        for workout in self._workouts:
            assert workout.id is not None
            self._paint_block(painter, palette, workout, self._blocks[workout.id], dark)
        if self._drop is not None:
            self._paint_drop(painter, palette)
        if not self._workouts:
            self._paint_empty(painter, palette)
        painter.end()

    def _paint_header(self, painter: QPainter, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        muted = _muted(palette)
        title_font = QFont(self.font())
        title_font.setPointSizeF(self.font().pointSizeF() * 1.45)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title_font)
        painter.setPen(text)
        start, end = self._week.start, self._week.end
        span = (
            f"{start:%-d %b} – {end:%-d %b %Y}"
            if start.year == end.year
            else f"{start:%-d %b %Y} – {end:%-d %b %Y}"
        )
        title_rect = QRect(_MARGIN, 8, self.width() // 2, 28)
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, span
        )
        small = QFont(self.font())
        painter.setFont(small)
        painter.setPen(muted)
        week_label = f"Week {self._week.start.isocalendar()[1]}"
        if self._controller.today in self._week:
            week_label += " · this week"
        painter.drawText(
            QRect(_MARGIN, 36, self.width() // 2, 20),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            week_label,
        )
        # Totals as label/value pairs, right-aligned.
        totals = self._totals
        pairs = [
            ("runs", str(totals.runs)),
            ("km", format_distance(totals.run_km, unit=False)),
            ("training", format_hours(totals.training_min)),
            ("rest days", str(totals.rest_days)),
        ]
        value_font = QFont(self.font())
        value_font.setPointSizeF(self.font().pointSizeF() * 1.3)
        value_font.setWeight(QFont.Weight.DemiBold)
        value_metrics = QFontMetrics(value_font)
        label_metrics = QFontMetrics(small)
        x = self.width() - _MARGIN
        for label, value in reversed(pairs):
            cell = (
                max(value_metrics.horizontalAdvance(value), label_metrics.horizontalAdvance(label))
                + 8
            )
            x -= cell
            painter.setFont(value_font)
            painter.setPen(text)
            painter.drawText(
                QRect(x, 8, cell, 28),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                value,
            )
            painter.setFont(small)
            painter.setPen(muted)
            painter.drawText(
                QRect(x, 36, cell, 20),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            x -= 18

    def _paint_day(
        self, painter: QPainter, palette: QPalette, day: date, column: QRect, dark: bool
    ) -> None:
        today = day == self._controller.today
        highlight = palette.color(QPalette.ColorRole.Highlight)
        background = palette.color(QPalette.ColorRole.AlternateBase)
        if today:
            background = _blend(background, highlight, 0.10 if not dark else 0.18)
        path = QPainterPath()
        path.addRoundedRect(QRectF(column), _RADIUS + 2, _RADIUS + 2)
        painter.fillPath(path, background)
        if day in self._highlighted:
            painter.setPen(QPen(QColor("#d9822b"), 2.5))
            painter.drawPath(path)
        if day == self._selected_day and self._selected_id is None and self.hasFocus():
            painter.setPen(QPen(highlight, 2, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(QRectF(column).adjusted(1, 1, -1, -1), _RADIUS + 2, _RADIUS + 2)
        # Day header: weekday, date (a pill when today), day totals.
        header = QRect(column.left() + 8, column.top() + 6, column.width() - 16, 20)
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(highlight if today else palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            header, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, f"{day:%a}"
        )
        date_text = f"{day.day}" if day.day != 1 else f"{day:%-d %b}"
        metrics = QFontMetrics(bold)
        pill_w = max(metrics.horizontalAdvance(date_text) + 12, 24)
        pill = QRect(header.right() - pill_w + 1, header.top(), pill_w, header.height())
        if today:
            pill_path = QPainterPath()
            pill_path.addRoundedRect(QRectF(pill), pill.height() / 2, pill.height() / 2)
            painter.fillPath(pill_path, highlight)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        else:
            painter.setPen(_muted(palette))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, date_text)
        painter.setFont(self.font())
        painter.setPen(_muted(palette))
        sub = QRect(header.left(), header.bottom() + 3, header.width(), 18)
        painter.drawText(
            sub,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            _day_summary(self._by_day.get(day, [])),
        )

    def _paint_block(
        self, painter: QPainter, palette: QPalette, workout: Workout, rect: QRect, dark: bool
    ) -> None:
        color = kind_color(workout.kind, dark=dark)
        base = palette.color(QPalette.ColorRole.Base)
        done = workout.status is Status.DONE
        skipped = workout.status is Status.SKIPPED
        fill = color if done else _blend(base, color, 0.16 if not dark else 0.28)
        if skipped:
            fill = _blend(base, palette.color(QPalette.ColorRole.Mid), 0.25)
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect), _RADIUS, _RADIUS)
        painter.fillPath(path, fill)
        if not done:
            pen = QPen(color if not skipped else palette.color(QPalette.ColorRole.Mid), 1.4)
            if skipped:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        # The kind stripe on the left and a letter badge: never colour alone.
        stripe = QPainterPath()
        stripe.addRoundedRect(QRectF(rect.left(), rect.top(), 5, rect.height()), 2.5, 2.5)
        painter.fillPath(stripe, color if not done else _blend(color, QColor("black"), 0.25))
        text_color = text_color_on(fill) if done else palette.color(QPalette.ColorRole.Text)
        if skipped:
            text_color = _muted(palette)
        badge = QRect(rect.left() + 11, rect.top() + 8, 20, 20)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(text_color if done else color)
        painter.drawEllipse(badge)
        letter_font = QFont(self.font())
        letter_font.setWeight(QFont.Weight.Bold)
        letter_font.setPointSizeF(self.font().pointSizeF() * 0.85)
        painter.setFont(letter_font)
        painter.setPen(fill if done else text_color_on(color))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, workout.kind.letter)
        # Title (struck through when skipped), details, status.
        title_font = QFont(self.font())
        title_font.setWeight(QFont.Weight.DemiBold)
        title_font.setStrikeOut(skipped)
        painter.setFont(title_font)
        painter.setPen(text_color)
        title_rect = QRect(badge.right() + 7, rect.top() + 6, rect.right() - badge.right() - 12, 24)
        title = QFontMetrics(title_font).elidedText(
            workout.title, Qt.TextElideMode.ElideRight, title_rect.width()
        )
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
        )
        detail_font = QFont(self.font())
        detail_font.setPointSizeF(self.font().pointSizeF() * 0.92)
        painter.setFont(detail_font)
        detail_metrics = QFontMetrics(detail_font)
        numbers, effort = _block_lines(workout)
        lines = (
            [numbers, effort]
            if rect.height() >= _BLOCK_H - 4
            else [" · ".join(p for p in (numbers, effort) if p)]
        )
        if rect.height() < 52:
            lines = []
        y = rect.top() + 31
        for line in lines:
            if line:
                line_rect = QRect(rect.left() + 12, y, rect.width() - 18, 17)
                elided = detail_metrics.elidedText(
                    line, Qt.TextElideMode.ElideRight, line_rect.width()
                )
                painter.drawText(
                    line_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
                )
            y += 18
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if workout.id == self._selected_id:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 2.5 if self.hasFocus() else 1.5)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(rect).adjusted(-2, -2, 2, 2), _RADIUS + 2, _RADIUS + 2)

    def _paint_drop(self, painter: QPainter, palette: QPalette) -> None:
        assert self._drop is not None
        column = self.day_rect(self._drop.day)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(highlight, 2))
        painter.setBrush(_with_alpha(highlight, 28))
        painter.drawRoundedRect(QRectF(column).adjusted(1, 1, -1, -1), _RADIUS + 2, _RADIUS + 2)
        blocks = self._by_day.get(self._drop.day, [])
        if self._drop.index < len(blocks):
            anchor = blocks[self._drop.index].id
            assert anchor is not None
            y = self._blocks[anchor].top() - _BLOCK_GAP // 2
        elif blocks:
            last = blocks[-1].id
            assert last is not None
            y = self._blocks[last].bottom() + _BLOCK_GAP // 2 + 1
        else:
            y = column.top() + _DAY_HEADER_H - 2
        painter.setPen(QPen(highlight, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(column.left() + 6, y, column.right() - 6, y)
        painter.setBrush(highlight)
        painter.drawEllipse(QPoint(column.left() + 6, y), 4, 4)

    def _paint_empty(self, painter: QPainter, palette: QPalette) -> None:
        if self._columns:
            area = QRect(self._columns[0].topLeft(), self._columns[-1].bottomRight())
        else:
            area = self.rect()
        card = QRect(0, 0, min(520, area.width() - 40), 120)
        card.moveCenter(area.center())
        path = QPainterPath()
        path.addRoundedRect(QRectF(card), 12, 12)
        painter.fillPath(path, _with_alpha(palette.color(QPalette.ColorRole.Window), 235))
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawPath(path)
        bold = QFont(self.font())
        bold.setPointSizeF(self.font().pointSizeF() * 1.15)
        bold.setWeight(QFont.Weight.DemiBold)
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            card.adjusted(20, 14, -20, -70),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
            "Nothing planned this week",
        )
        painter.setFont(self.font())
        painter.setPen(_muted(palette))
        painter.drawText(
            card.adjusted(20, 48, -20, -12),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            "Drag a workout from the library onto a day, or select a day and press Enter on a "
            "library entry. Ctrl+Shift+C copies a planned week to the next.",
        )

    # -- mouse -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        self._select_at(pos)
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = pos
            self._press_id = self._block_at(pos)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def _select_at(self, pos: QPoint) -> bool:
        """Select the block (or else the day) under ``pos``; False when there is neither."""
        workout_id = self._block_at(pos)
        if workout_id is not None:
            workout = next(w for w in self._workouts if w.id == workout_id)
            self._set_selection(workout.day, workout_id)
            return True
        day = self._day_at(pos)
        if day is not None:
            self._set_selection(day, None)
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
        workout_id = self._block_at(event.position().toPoint())
        if workout_id is not None:
            self.edit_requested.emit(workout_id)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self._select_at(event.pos()):
            return
        self.context_menu_requested.emit(event.globalPos())

    def _start_drag(self, workout_id: int) -> None:
        rect = self._blocks.get(workout_id)
        if rect is None:
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
        titles = [w.title for w in self._workouts if w.id in workout_ids]
        data.setText(", ".join(titles))
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
        day = self._day_at(pos)
        if day is None or not (data.hasFormat(WORKOUT_MIME) or data.hasFormat(TEMPLATE_MIME)):
            self._set_drop(None)
            event.ignore()
            return
        copy = data.hasFormat(TEMPLATE_MIME) or bool(
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        )
        self._set_drop(_Drop(day, self._insertion_index(day, pos.y()), copy))
        event.setDropAction(Qt.DropAction.CopyAction if copy else Qt.DropAction.MoveAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop(None)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        pos = event.position().toPoint()
        day = self._day_at(pos)
        self._set_drop(None)
        if day is None:
            event.ignore()
            return
        # Ctrl copies; on platforms whose copy modifier differs, Qt reports it as the
        # drop action of our own drag.
        copy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier) or (
            event.source() is self and event.dropAction() == Qt.DropAction.CopyAction
        )
        index = self._insertion_index(day, pos.y())
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
        if template_id is not None:
            new_id = self._controller.add_from_template(template_id, day, index)
            if new_id is not None:
                self.select_workout(new_id)
            return new_id is not None
        ids = decode_workouts(data)
        if not ids:
            return False
        if copy:
            new_id = self._controller.copy(ids[0], day, index)
            if new_id is not None:
                self.select_workout(new_id)
            return new_id is not None
        moved = self._controller.move(ids[0], day, index)
        self.select_workout(ids[0])
        return moved

    def _set_drop(self, drop: _Drop | None) -> None:
        if drop != self._drop:
            self._drop = drop
            self.update()

    # -- keyboard --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.NoModifier:
            if key == Qt.Key.Key_Left:
                self._step_day(-1)
                return
            if key == Qt.Key.Key_Right:
                self._step_day(1)
                return
            if key == Qt.Key.Key_Up:
                self._step_block(-1)
                return
            if key == Qt.Key.Key_Down:
                self._step_block(1)
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected_id is not None:
                self.edit_requested.emit(self._selected_id)
                return
            if key == Qt.Key.Key_Home:
                self.select_day(self._week.start)
                return
            if key == Qt.Key.Key_End:
                self.select_day(self._week.end)
                return
        super().keyPressEvent(event)

    def _step_day(self, step: int) -> None:
        """Move the selection to the neighbouring day, keeping the row when it can."""
        row = self._row_of_selection()
        day = self._selected_day + timedelta(days=step)
        if day not in self._week:
            self.show_week(self._controller.week_of(day))
        blocks = self._by_day.get(day, [])
        if row is not None and blocks:
            self._set_selection(day, blocks[min(row, len(blocks) - 1)].id)
        else:
            self._set_selection(day, None)

    def _step_block(self, step: int) -> None:
        blocks = self._by_day.get(self._selected_day, [])
        if not blocks:
            return
        row = self._row_of_selection()
        if row is None:
            row = 0 if step > 0 else len(blocks) - 1
        else:
            row = min(max(row + step, 0), len(blocks) - 1)
        self._set_selection(self._selected_day, blocks[row].id)

    def _row_of_selection(self) -> int | None:
        blocks = self._by_day.get(self._selected_day, [])
        for row, workout in enumerate(blocks):
            if workout.id == self._selected_id:
                return row
        return None

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def context_menu(self) -> QMenu:
        """A fresh menu for the main window to fill (kept here so tests can find it)."""
        return QMenu(self)


def _block_lines(workout: Workout) -> tuple[str, str]:
    """A block's two detail lines: the numbers, then effort and status."""
    if workout.kind is Kind.REST:
        return ("Recovery", "")
    numbers = []
    if workout.effective_duration_min is not None:
        numbers.append(format_duration(workout.effective_duration_min))
    if workout.effective_distance_km is not None:
        numbers.append(format_distance(workout.effective_distance_km))
    effort = []
    if workout.effective_rpe is not None:
        effort.append(f"RPE {format_number(workout.effective_rpe)}")
    if workout.status is Status.DONE:
        effort.append("✓ Done")
    elif workout.status is Status.SKIPPED:
        effort.append("Skipped")
    if workout.heavy_legs:
        effort.append("heavy legs")
    return (" · ".join(numbers), " · ".join(effort))


def _day_summary(workouts: list[Workout]) -> str:
    training = [w for w in workouts if w.is_training_session]
    if not training:
        if any(w.kind is Kind.REST for w in workouts) or not workouts:
            return "Rest"
        return "Skipped"
    km = sum(w.effective_distance_km or 0.0 for w in training if w.kind is Kind.RUN)
    minutes = sum(w.effective_duration_min or 0.0 for w in training)
    parts = []
    if km:
        parts.append(format_distance(km))
    if minutes:
        parts.append(format_duration(minutes))
    return " · ".join(parts)


def _muted(palette: QPalette) -> QColor:
    return _blend(
        palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.42
    )


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        1.0,
    )


def _with_alpha(color: QColor, alpha: int) -> QColor:
    result = QColor(color)
    result.setAlpha(alpha)
    return result
