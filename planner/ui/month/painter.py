"""How the month view looks: the month's name, the grid of days, the chips and weekly totals.

:func:`paint_month` draws a :class:`MonthScene` (what to show) on a
:class:`~planner.ui.month.layout.MonthLayout` (where, with every title already cut to its
chip). It decides nothing, measures no text to lay it out and reads no plan. What changes only with
the data (the grid, dates, chips, totals, warning marks) is drawn once into a
:class:`Backdrop` picture; a repaint copies it and draws what moves on top: the selection,
a finding's highlighted days, the hovered "+N more", a hovering drop. Chips are
:mod:`planner.ui.month.chips`'.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap

from planner.core.formatting import MONTH_NAMES, format_day
from planner.core.model import Kind, Severity
from planner.core.weeks import DAY_NAMES
from planner.ui.month.chips import CHIP_RADIUS, ChipPainter, StaticTexts, look_of
from planner.ui.month.layout import (
    CHIP_PAD,
    HEADER_H,
    MARGIN,
    WEEKDAYS_H,
    DayCell,
    MonthLayout,
)
from planner.ui.month.warned import NO_WARNINGS, WarnedDays
from planner.ui.severity import paint_severity_badge
from planner.ui.style import is_dark, kind_color, mix, muted, with_alpha
from planner.ui.week.marks import paint_drop_warning
from planner.ui.week.painter import HIGHLIGHT_COLOR

#: The side of a day's warning mark.
WARNING_MARK = 15
#: What a full day's last line says.
MORE_TEXT = "+{} more"


@dataclass(frozen=True, slots=True)
class WeekSums:
    """One row's weekly totals, as the totals column writes them.

    Attributes:
        distance: the week's run distance (``41.2 km``), "" when it has no runs.
        done: how much of it is done (``18.4 done``); "" for a week still to come.
        time: the week's training time (``5 h 20``).
        fraction: done over planned distance (0 to 1), for the little bar.
        tooltip: the three in a sentence.
    """

    distance: str = ""
    done: str = ""
    time: str = ""
    fraction: float = 0.0
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class MonthScene:
    """Everything the month view shows at one moment besides the geometry.

    Attributes:
        today: the day it is.
        selected_day: the day the keyboard is on (``None``: no selection shown).
        selected_workout_id: the selected chip's workout, if any.
        focused: whether the view has keyboard focus.
        sums: the weekly totals, one per grid row.
        warned: the days the rules point at.
        highlighted_days: days something (a finding clicked in the panel) points at.
        drop: the day and gap a hovering drag would land in, if any.
        drop_warning: the day and severity of the worst warning that drop would add.
        hovered_more: the day whose "+N more" line is under the pointer.
    """

    today: date
    selected_day: date | None = None
    selected_workout_id: int | None = None
    focused: bool = False
    sums: tuple[WeekSums, ...] = ()
    warned: WarnedDays = NO_WARNINGS
    highlighted_days: frozenset[date] = frozenset()
    drop: tuple[date, int] | None = None
    drop_warning: tuple[date, Severity] | None = None
    hovered_more: date | None = None


def month_title(month: date) -> str:
    """The header's title: ``November 2026``."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def chip_font(font: QFont) -> QFont:
    """The chips' font: the widget's, a little smaller."""
    small = QFont(font)
    if small.pointSizeF() > 0:
        small.setPointSizeF(small.pointSizeF() * 0.92)
    return small


def chip_elider(font: QFont) -> Callable[[str, int], str]:
    """Cuts a title to a width in the chips' font (for the layout)."""
    metrics = QFontMetrics(chip_font(font))

    def elide(text: str, width: int) -> str:
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 0))

    return elide


def chip_height(font: QFont) -> int:
    """A chip's height for the widget's font."""
    return max(QFontMetrics(chip_font(font)).height() + 5, 18)


class Backdrop:
    """The picture of what changes only with the data, kept between paints.

    It is drawn again when the layout, the totals, the warnings, today, the palette, the
    font or the size change (the layout itself is new after every change of the data).
    """

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._pixmap: QPixmap | None = None
        self._chips: ChipPainter | None = None

    def pixmap(self, key: tuple[object, ...], size: QRect, ratio: float, draw: _Draw) -> QPixmap:
        """The picture for ``key``, drawn by ``draw`` when the key changed."""
        if self._pixmap is None or self._key is None or not _same(self._key, key):
            pixmap = self._pixmap  # drawn over whole when it has the size (no new 8 MB)
            width, height = round(size.width() * ratio), round(size.height() * ratio)
            if pixmap is None or (pixmap.width(), pixmap.height()) != (width, height):
                pixmap = QPixmap(width, height)
            pixmap.setDevicePixelRatio(ratio)
            painter = QPainter(pixmap)
            draw(painter, self)
            painter.end()
            self._key, self._pixmap = key, pixmap
        return self._pixmap

    def chips(self, palette: QPalette, font: QFont, height: int, ratio: float) -> ChipPainter:
        """The chip painter for these, kept while they stay the same."""
        key = (palette.cacheKey(), font.key(), height, ratio)
        if self._chips is None or self._chips.key != key:
            self._chips = ChipPainter(palette, font, height, ratio)
        return self._chips


_Draw = Callable[[QPainter, Backdrop], None]


def _same(one: tuple[object, ...], other: tuple[object, ...]) -> bool:
    """Keys are equal: the same objects for the data, equal values for the rest."""
    return len(one) == len(other) and all(a is b or a == b for a, b in zip(one, other, strict=True))


def paint_month(
    painter: QPainter,
    font: QFont,
    palette: QPalette,
    rect: QRect,
    layout: MonthLayout,
    scene: MonthScene,
    backdrop: Backdrop | None = None,
) -> None:
    """Paint ``scene`` laid out as ``layout`` in the rectangle ``rect`` of a widget.

    With a ``backdrop``, what changes only with the data is copied from it (drawn into it
    first when it changed); without one, everything is drawn.
    """
    month = _MonthPainter(painter, font, palette, rect, layout, scene)
    if backdrop is None:
        month.paint_data(painter, Backdrop())
    else:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        key = (
            layout,
            scene.sums,
            scene.warned,
            scene.today,
            palette.cacheKey(),
            font.key(),
            rect.size(),
            ratio,
        )
        painter.drawPixmap(0, 0, backdrop.pixmap(key, rect, ratio, month.paint_data))
    month.paint_moving()


class _MonthPainter:
    """One paint of the month: the painter, fonts and colours shared by its parts."""

    def __init__(
        self,
        painter: QPainter,
        font: QFont,
        palette: QPalette,
        rect: QRect,
        layout: MonthLayout,
        scene: MonthScene,
    ) -> None:
        self.p = painter
        self.font = font
        self.palette = palette
        self.rect = rect
        self.layout = layout
        self.scene = scene
        self.dark = is_dark(palette)
        self.base = palette.color(QPalette.ColorRole.Base)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.muted = muted(palette)
        self.highlight = palette.color(QPalette.ColorRole.Highlight)
        self.line = mix(self.base, self.text, 0.16 if self.dark else 0.11)
        self.outside = mix(self.base, palette.color(QPalette.ColorRole.Window), 0.75)
        self.chip_font = chip_font(font)
        self.bold = QFont(font)
        self.bold.setWeight(QFont.Weight.DemiBold)
        self.bold_metrics = QFontMetrics(self.bold)
        self.bold_key = self.bold.key()
        self.texts = StaticTexts()  # the backdrop's chip painter's, while drawing it
        self.more_font = QFont(self.chip_font)
        self.more_font.setWeight(QFont.Weight.DemiBold)

    def paint_data(self, painter: QPainter, backdrop: Backdrop) -> None:
        """What changes only with the data: the grid, dates, chips, totals, warning marks."""
        widget_painter, self.p = self.p, painter
        try:
            self._paint_data(painter, backdrop)
        finally:
            self.p = widget_painter

    def _paint_data(self, p: QPainter, backdrop: Backdrop) -> None:
        p.fillRect(self.rect, self.base)
        self._header()
        for cell in self.layout.cells:
            self._cell(cell)
        self._grid_lines()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        cells = self.layout.cells
        height = cells[0].chips[0].rect.height() if cells[0].chips else chip_height(self.font)
        ratio = p.device().devicePixelRatioF() if p.device() else 1.0
        chips = backdrop.chips(self.palette, self.chip_font, height, ratio)
        self.texts = chips.texts
        today = self.scene.today
        for cell in cells:
            self._cell_marks(cell)
            if not cell.in_month:
                p.setOpacity(0.55)
            for chip in cell.chips:
                look = look_of(chip.workout, today, draft=chip.draft)
                chips.paint(p, QRectF(chip.rect), chip.title, chip.workout.kind, look)
            if cell.more:
                self._more(cell, hovered=False)
            p.setOpacity(1.0)
        self._all_totals()

    def paint_moving(self) -> None:
        """What moves without the data changing: selection, highlight, hover, a drop."""
        p, scene = self.p, self.scene
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for day in scene.highlighted_days:
            rect = self.layout.day_rect(day)
            if not rect.isEmpty():
                p.setPen(QPen(HIGHLIGHT_COLOR, 2.5))
                p.drawRoundedRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5), 3, 3)
        width = 2 if scene.focused else 1.3
        selected = scene.selected_workout_id
        chip_rect = self.layout.block_rect(selected) if selected is not None else QRect()
        if not chip_rect.isEmpty():
            p.setPen(QPen(self.highlight, width))
            p.drawRoundedRect(
                QRectF(chip_rect).adjusted(-1, -1, 1, 1), CHIP_RADIUS + 1, CHIP_RADIUS + 1
            )
        elif scene.selected_day is not None and selected is None and scene.focused:
            rect = self.layout.day_rect(scene.selected_day)
            if not rect.isEmpty():
                p.setPen(QPen(self.highlight, width))
                p.drawRoundedRect(QRectF(rect).adjusted(1.5, 1.5, -1.5, -1.5), 3, 3)
        hovered = self.layout.cell(scene.hovered_more) if scene.hovered_more else None
        if hovered is not None and hovered.more:
            p.fillRect(hovered.more_rect, self.outside if not hovered.in_month else self.base)
            self._more(hovered, hovered=True)
        if scene.drop is not None:
            self._drop(*scene.drop)

    def _all_totals(self) -> None:
        p = self.p
        for index, rect in enumerate(self.layout.totals):
            self._totals(rect, self.scene.sums[index] if index < len(self.scene.sums) else None)
            severity = self.scene.warned.week_severity(self.layout.weeks[index].start)
            if severity is not None:
                mark = QRectF(
                    rect.right() - WARNING_MARK - 6, rect.top() + 8, WARNING_MARK, WARNING_MARK
                )
                paint_severity_badge(p, mark, severity, dark=self.dark)
        if self.scene.drop is not None:
            self._drop(*self.scene.drop)

    # -- the header -------------------------------------------------------------------------
    def _header(self) -> None:
        p, layout = self.p, self.layout
        title = QFont(self.font)
        if title.pointSizeF() > 0:
            title.setPointSizeF(title.pointSizeF() * 1.45)
        title.setWeight(QFont.Weight.DemiBold)
        p.setFont(title)
        p.setPen(self.text)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        p.drawText(
            QRect(MARGIN + 2, 8, self.rect.width() // 2, 34), left, month_title(layout.month)
        )
        small = QFont(self.font)
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.86)
        small.setWeight(QFont.Weight.DemiBold)
        small.setCapitalization(QFont.Capitalization.AllUppercase)
        p.setFont(small)
        p.setPen(self.muted)
        top = HEADER_H
        for cell in layout.cells[:7]:
            name = DAY_NAMES[cell.day.weekday()][:3]
            p.drawText(
                QRect(cell.rect.left() + 8, top, cell.rect.width() - 8, WEEKDAYS_H - 4), left, name
            )
        totals = layout.totals[0]
        p.drawText(
            QRect(totals.left() + 14, top, totals.width() - 14, WEEKDAYS_H - 4), left, "Week"
        )

    def _grid_lines(self) -> None:
        p, layout = self.p, self.layout
        p.setPen(QPen(self.line, 1))
        grid = layout.grid_rect()
        right = layout.totals[0].right()
        for row in range(len(layout.weeks) + 1):
            y = grid.top() if row == 0 else layout.cells[row * 7 - 1].rect.bottom() + 1
            p.drawLine(grid.left(), y, right, y)
        for col in range(8):
            x = grid.left() if col == 0 else layout.cells[col - 1].rect.right() + 1
            p.drawLine(x, grid.top(), x, grid.bottom() + 1)
        p.drawLine(right, grid.top(), right, grid.bottom() + 1)

    # -- a day ------------------------------------------------------------------------------
    def _cell(self, cell: DayCell) -> None:
        p, scene = self.p, self.scene
        if not cell.in_month:
            p.fillRect(cell.rect, self.outside)
        if cell.day == scene.today:
            p.fillRect(cell.rect, with_alpha(self.highlight, 22 if self.dark else 14))

    def _cell_marks(self, cell: DayCell) -> None:
        """The date (a pill on today) and the warning mark."""
        p, scene, rect = self.p, self.scene, cell.rect
        today = cell.day == scene.today
        label = format_day(cell.day, weekday=False, month=cell.day.day == 1)
        pill_w = max(self.bold_metrics.horizontalAdvance(label) + 12, 22)
        pill = QRect(rect.left() + 4, rect.top() + 3, pill_w, 20)
        p.setFont(self.bold)
        if today:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.highlight)
            p.drawRoundedRect(QRectF(pill), 10, 10)
            p.setPen(self.palette.color(QPalette.ColorRole.HighlightedText))
        else:
            p.setPen(self.text if cell.in_month else self.muted)
        self.texts.draw(p, QRectF(pill), label, self.bold, self.bold_key, centre=True)
        severity = scene.warned.severity(cell.day)
        if severity is not None:
            mark = QRectF(
                rect.right() - WARNING_MARK - 5, rect.top() + 5, WARNING_MARK, WARNING_MARK
            )
            paint_severity_badge(p, mark, severity, dark=self.dark)

    def _more(self, cell: DayCell, *, hovered: bool) -> None:
        p, rect = self.p, cell.more_rect
        if hovered:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(with_alpha(self.highlight, 30))
            p.drawRoundedRect(QRectF(rect), CHIP_RADIUS, CHIP_RADIUS)
        font = QFont(self.more_font)
        font.setUnderline(hovered)
        p.setFont(font)
        p.setPen(self.highlight if hovered else self.muted)
        left = rect.adjusted(CHIP_PAD + 2, 0, 0, 0)
        p.drawText(
            left,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            MORE_TEXT.format(cell.more),
        )

    # -- the weekly totals ------------------------------------------------------------------
    def _totals(self, rect: QRect, sums: WeekSums | None) -> None:
        p = self.p
        inner = rect.adjusted(14, 8, -8, -6)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if sums is None or not (sums.distance or sums.time):
            p.setFont(self.font)
            p.setPen(self.muted)
            p.drawText(inner, left, "—")
            return
        line = QFontMetrics(self.font).height()
        y = inner.top()
        if sums.distance:
            p.setFont(self.bold)
            p.setPen(self.text)
            p.drawText(QRect(inner.left(), y, inner.width(), line + 2), left, sums.distance)
            y += line + 4
        if sums.done:  # a week begun: how much of its running is done, as a bar and words
            bar = QRectF(inner.left(), y, min(inner.width(), 86), 4)
            p.setPen(Qt.PenStyle.NoPen)
            run = kind_color(Kind.RUN, dark=self.dark)
            p.setBrush(mix(self.base, run, 0.22))
            p.drawRoundedRect(bar, 2, 2)
            if sums.fraction > 0:
                p.setBrush(run)
                p.drawRoundedRect(
                    QRectF(bar.left(), bar.top(), bar.width() * sums.fraction, 4), 2, 2
                )
            y += 8
            p.setFont(self.chip_font)
            p.setPen(self.muted)
            p.drawText(QRect(inner.left(), y, inner.width(), line), left, sums.done)
            y += line
        if sums.time and y + line <= inner.bottom() + 4:
            p.setFont(self.chip_font)
            p.setPen(self.muted)
            p.drawText(QRect(inner.left(), y, inner.width(), line), left, sums.time)

    # -- a hovering drag ---------------------------------------------------------------------
    def _drop(self, day: date, index: int) -> None:
        p, rect = self.p, self.layout.day_rect(day)
        if rect.isEmpty():
            return
        warning = self.scene.drop_warning
        if warning is not None and warning[0] == day:
            paint_drop_warning(p, rect, warning[1], self.font, dark=self.dark)
        else:
            p.setPen(QPen(self.highlight, 2))
            p.setBrush(with_alpha(self.highlight, 26))
            p.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 4, 4)
        y = self.layout.gap_y(day, index)
        p.setPen(QPen(self.highlight, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(rect.left() + 8, y, rect.right() - 6, y)
        p.setBrush(self.highlight)
        p.drawEllipse(QPoint(rect.left() + 6, y), 3, 3)
