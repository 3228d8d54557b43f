"""How the week view looks: the header, the day columns, the blocks and the drop marker.

:func:`paint_week` draws a :class:`WeekScene` (what to show) on a :class:`WeekLayout` (where).
It decides nothing and reads no plan: every word and number comes from the scene.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPalette, QPen

from planner.core.formatting import (
    SEPARATOR,
    format_day,
    format_distance,
    format_duration,
    format_hours,
)
from planner.core.model import Kind, Workout
from planner.core.settings import Units
from planner.core.totals import WeekTotals, week_totals
from planner.core.weeks import DAY_NAMES, Week
from planner.ui.style import is_dark, kind_color, mix, muted, text_color_on, with_alpha
from planner.ui.week.block import (
    BUTTONS,
    MISSED,
    SHORT_BUTTONS,
    BlockFonts,
    arrange,
    badge_rect,
    block_text,
    fit_parts,
    scaled_font,
    why_rect,
)
from planner.ui.week.block_marks import (
    paint_missed_mark,
    paint_race_mark,
    paint_recorded_mark,
    paint_why_mark,
)
from planner.ui.week.layout import MARGIN, WeekLayout, empty_card
from planner.ui.week.marks import (
    NO_MARKS,
    WeekMarks,
    fit_subtitle,
    paint_block_marker,
    paint_drop_warning,
)

#: Corner radius of blocks (columns get a little more).
RADIUS = 7.0
#: The outline of days and blocks something points at (a finding): an amber no kind uses.
HIGHLIGHT_COLOR = QColor("#d9822b")
#: The "Missed" mark of a plan whose day passed without a result (with a word and an icon).
MISSED_COLOR = QColor("#b8620f")
MISSED_COLOR_DARK = QColor("#f0a35e")
#: What the empty week's card offers when the whole plan is empty.
DEMO_BUTTON = "Open the demo plan"

_EMPTY_TITLE = "Nothing planned this week"
_EMPTY_HINT = (
    "Drag a workout from the library onto a day, or select a day and press Enter on a "
    "library entry. Ctrl+Shift+C copies a planned week to the next."
)


@dataclass(frozen=True, slots=True)
class WeekScene:
    """Everything the week view shows at one moment.

    Attributes:
        week: the week.
        workouts: its workouts, by day then position.
        by_day: the same, per day.
        totals: what the week adds up to.
        today: the day it is.
        units: the units distances are shown in.
        selected_day: the day the keyboard is on.
        selected_workout_id: the selected block, if any.
        highlighted_days: days something points at.
        highlighted_workouts: blocks something points at.
        drop: the day and gap a hovering drag would land in, if any.
        focused: whether the view has keyboard focus.
        offer_demo: the empty week's card offers to open the demo plan.
        hovered: the block's button (a missed plan's, a report's "?") under the pointer, if any.
        block_scale: the size of the blocks' text (a little larger in wide columns).
        marks: what the warnings add: block markers, a drop's warning tint, progress.
        recorded: the blocks with a recorded activity; estimated: those whose effort is a guess.
    """

    week: Week
    workouts: Sequence[Workout]
    by_day: Mapping[date, Sequence[Workout]]
    totals: WeekTotals
    today: date
    units: Units
    selected_day: date
    selected_workout_id: int | None
    highlighted_days: frozenset[date]
    highlighted_workouts: frozenset[int]
    drop: tuple[date, int] | None
    focused: bool
    offer_demo: bool = False
    hovered: tuple[int, str] | None = None
    block_scale: float = 1.0
    marks: WeekMarks = NO_MARKS
    recorded: frozenset[int] = frozenset()
    estimated: frozenset[int] = frozenset()


def block_lines(workout: Workout, units: Units, today: date | None = None) -> tuple[str, str]:
    """A block's two detail lines: the numbers (with a run's pace), then effort and status.

    With ``today``, a plan whose day has passed without a result says "Missed".
    """
    text = block_text(workout, units, today)
    return (text.numbers, text.status)


def day_summary(workouts: Sequence[Workout], units: Units) -> str:
    """What a day adds up to, under its date: ``8 km · 45 min``, ``Rest`` or ``Skipped``.

    A day with nothing planned says nothing ("" ): it is blank, not a planned rest day.
    """
    if not workouts:
        return ""
    training = [w for w in workouts if w.is_training_session]
    if not training:
        if any(w.kind is Kind.REST for w in workouts):
            return "Rest"
        return "Skipped"
    totals = week_totals(training, days=1)  # the week header's arithmetic, so they agree
    km, minutes = totals.run_km, totals.training_min
    parts = []
    if km:
        parts.append(format_distance(km, units))
    if minutes:
        parts.append(format_duration(minutes))
    return SEPARATOR.join(parts)


def header_totals(totals: WeekTotals, units: Units) -> list[tuple[str, str]]:
    """The week's totals as (label, value) pairs, as the header shows them."""
    return [
        ("runs", str(totals.runs)),
        (units.distance_label, format_distance(totals.run_km, units, unit=False)),
        ("training", format_hours(totals.training_min)),
        ("rest days", str(totals.rest_days)),
    ]


def week_title(week: Week) -> str:
    """The header's title: the week's dates, ``16 Nov – 22 Nov 2026``."""
    start, end = week.start, week.end
    first = format_day(start, weekday=False, year=start.year != end.year)
    return f"{first} – {format_day(end, weekday=False, year=True)}"


def week_subtitle(week: Week, today: date) -> str:
    """``Week 47 · this week``: the ISO week number, and whether today is in it."""
    number = int(week.label().rsplit("W", 1)[1])
    return f"Week {number} · this week" if today in week else f"Week {number}"


def paint_week(
    painter: QPainter,
    font: QFont,
    palette: QPalette,
    size: QRect,
    layout: WeekLayout,
    scene: WeekScene,
) -> None:
    """Paint ``scene`` laid out as ``layout`` in the rectangle ``size`` of a widget."""
    _WeekPainter(painter, font, palette, size, layout, scene).paint()


class _WeekPainter:
    """One paint of the week: the painter, fonts and colours shared by its parts."""

    def __init__(
        self,
        painter: QPainter,
        font: QFont,
        palette: QPalette,
        rect: QRect,
        layout: WeekLayout,
        scene: WeekScene,
    ) -> None:
        self.p = painter
        self.font = font
        self.palette = palette
        self.rect = rect
        self.layout = layout
        self.scene = scene
        self.dark = is_dark(palette)
        self.text = palette.color(QPalette.ColorRole.Text)
        self.muted = muted(palette)
        self.highlight = palette.color(QPalette.ColorRole.Highlight)
        self.fonts = BlockFonts.from_font(font, scene.block_scale)

    def paint(self) -> None:
        self.p.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.p.fillRect(self.rect, self.palette.color(QPalette.ColorRole.Base))
        self._header()
        for day, column in zip(self.scene.week.days, self.layout.columns, strict=True):
            self._day(day, column)
        for workout in self.scene.workouts:
            assert workout.id is not None
            self._block(workout, self.layout.blocks[workout.id])
        if self.scene.drop is not None:
            self._drop(*self.scene.drop)
        self._warning_marks()
        if not self.scene.workouts:
            self._empty()

    def _scaled(self, factor: float, weight: QFont.Weight | None = None) -> QFont:
        font = QFont(self.font)
        font.setPointSizeF(self.font.pointSizeF() * factor)
        if weight is not None:
            font.setWeight(weight)
        return font

    # -- the header band -------------------------------------------------------------------
    def _header(self) -> None:
        p, width = self.p, self.rect.width()
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        p.setFont(self._scaled(1.45, QFont.Weight.DemiBold))
        p.setPen(self.text)
        p.drawText(QRect(MARGIN, 8, width // 2, 28), left, week_title(self.scene.week))
        small = QFont(self.font)
        p.setFont(small)
        p.setPen(self.muted)
        value_font = self._scaled(1.3, QFont.Weight.DemiBold)
        value_metrics, label_metrics = QFontMetrics(value_font), QFontMetrics(small)
        totals = header_totals(self.scene.totals, self.scene.units) if self.scene.workouts else []

        def cell_width(label: str, value: str) -> int:
            return (
                max(value_metrics.horizontalAdvance(value), label_metrics.horizontalAdvance(label))
                + 8
            )

        # The subtitle and the warnings' progress line, in the room the totals leave.
        room = width - 2 * MARGIN - sum(cell_width(*pair) + 18 for pair in totals)
        subtitle = week_subtitle(self.scene.week, self.scene.today)
        subtitle = fit_subtitle(subtitle, self.scene.marks, label_metrics, room)
        p.drawText(QRect(MARGIN, 36, max(room, 0), 20), left, subtitle)
        if not self.scene.workouts:  # an empty week has its card, not "7 rest days"
            return
        # The totals as label/value pairs, right-aligned.
        x = width - MARGIN
        for label, value in reversed(totals):
            cell = cell_width(label, value)
            x -= cell
            p.setFont(value_font)
            p.setPen(self.text)
            p.drawText(QRect(x, 8, cell, 28), centre, value)
            p.setFont(small)
            p.setPen(self.muted)
            p.drawText(QRect(x, 36, cell, 20), centre, label)
            x -= 18

    # -- a day column ----------------------------------------------------------------------
    def _day(self, day: date, column: QRect) -> None:
        p, scene = self.p, self.scene
        today = day == scene.today
        background = self.palette.color(QPalette.ColorRole.AlternateBase)
        if today:
            background = mix(background, self.highlight, 0.18 if self.dark else 0.10)
        path = QPainterPath()
        path.addRoundedRect(QRectF(column), RADIUS + 2, RADIUS + 2)
        p.fillPath(path, background)
        if day in scene.highlighted_days:
            p.setPen(QPen(HIGHLIGHT_COLOR, 2.5))
            p.drawPath(path)
        if day == scene.selected_day and scene.selected_workout_id is None and scene.focused:
            p.setPen(QPen(self.highlight, 2, Qt.PenStyle.DashLine))
            p.drawRoundedRect(QRectF(column).adjusted(1, 1, -1, -1), RADIUS + 2, RADIUS + 2)
        # Weekday, the date (a pill when today), the day's totals.
        header = QRect(column.left() + 8, column.top() + 6, column.width() - 16, 20)
        bold = QFont(self.font)
        bold.setWeight(QFont.Weight.DemiBold)
        p.setFont(bold)
        p.setPen(self.highlight if today else self.text)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        p.drawText(header, left, DAY_NAMES[day.weekday()][:3])
        date_text = format_day(day, weekday=False, month=day.day == 1)
        pill_w = max(QFontMetrics(bold).horizontalAdvance(date_text) + 12, 24)
        pill = QRect(header.right() - pill_w + 1, header.top(), pill_w, header.height())
        if today:
            pill_path = QPainterPath()
            pill_path.addRoundedRect(QRectF(pill), pill.height() / 2, pill.height() / 2)
            p.fillPath(pill_path, self.highlight)
            p.setPen(self.palette.color(QPalette.ColorRole.HighlightedText))
        else:
            p.setPen(self.muted)
        p.drawText(pill, Qt.AlignmentFlag.AlignCenter, date_text)
        p.setFont(self.font)
        p.setPen(self.muted)
        sub = QRect(header.left(), header.bottom() + 3, header.width(), 18)
        summary = day_summary(scene.by_day.get(day, ()), scene.units)
        p.drawText(sub, left, fit_parts(summary, QFontMetrics(self.font), sub.width()))

    # -- a block ---------------------------------------------------------------------------
    def _block(self, workout: Workout, rect: QRect) -> None:
        p, palette = self.p, self.palette
        color = kind_color(workout.kind, dark=self.dark)
        base = palette.color(QPalette.ColorRole.Base)
        mid = palette.color(QPalette.ColorRole.Mid)
        recorded, estimated = workout.id in self.scene.recorded, workout.id in self.scene.estimated
        text = block_text(
            workout, self.scene.units, self.scene.today, recorded=recorded, estimated=estimated
        )
        done, skipped, missed = text.done, text.skipped, text.missed
        fill = color if done else mix(base, color, 0.28 if self.dark else 0.16)
        if skipped:
            fill = mix(base, mid, 0.25)
        elif missed:  # faded: the day passed and the plan is not what happened
            fill = mix(base, color, 0.12 if self.dark else 0.07)
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect), RADIUS, RADIUS)
        p.fillPath(path, fill)
        if not done:
            pen = QPen(mid if skipped else color, 1.6 if missed else 1.4)
            if skipped or missed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
        # The kind stripe on the left and a letter badge: never colour alone.
        stripe = QPainterPath()
        stripe.addRoundedRect(QRectF(rect.left(), rect.top(), 5, rect.height()), 2.5, 2.5)
        p.fillPath(stripe, mix(color, QColor("black"), 0.25) if done else color)
        text_color = text_color_on(fill) if done else self.text
        if skipped:
            text_color = self.muted
        badge = badge_rect(rect)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(text_color if done else color)
        p.drawEllipse(badge)
        p.setFont(self.fonts.badge)
        p.setPen(fill if done else text_color_on(color))
        p.drawText(badge, Qt.AlignmentFlag.AlignCenter, workout.kind.letter)
        # The title (wrapped; struck through when skipped), numbers, status and notes.
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        missed_color = MISSED_COLOR_DARK if self.dark else MISSED_COLOR
        for line in arrange(text, rect, self.fonts):
            if line.role == "title":
                font = scaled_font(self.fonts.title, line.scale)
                font.setStrikeOut(skipped)
                p.setFont(font)
                p.setPen(text_color)
                p.drawText(line.rect, left, line.text)
            elif line.role == "planned":
                p.setFont(self.fonts.detail)
                p.setPen(mix(text_color, fill, 0.3))
                p.drawText(line.rect, left, line.text)
            elif line.role == "notes":
                p.setFont(self.fonts.notes)
                p.setPen(mix(text_color, fill, 0.3))
                p.drawText(line.rect, left, line.text)
            elif line.role == "status" and missed and line.text.startswith(MISSED):
                colors = (missed_color, text_color)
                paint_missed_mark(p, line.rect, line.text, colors, self.fonts.detail)
            else:
                p.setFont(self.fonts.detail)
                p.setPen(text_color)
                p.drawText(line.rect, left, line.text)
        if recorded:
            paint_recorded_mark(p, rect, text_color)
        if text.race:
            paint_race_mark(p, rect, text_color, recorded=recorded)
        why = why_rect(rect, text)
        if why is not None:
            hovered = self.scene.hovered == (workout.id, "why")
            paint_why_mark(p, why, (text_color, fill), hovered=hovered)
        if missed and workout.id is not None and workout.id in self.layout.buttons:
            self._buttons(workout.id, self.layout.buttons[workout.id], missed_color, base)
        p.setBrush(Qt.BrushStyle.NoBrush)
        ring = QRectF(rect).adjusted(-2, -2, 2, 2)
        if workout.id in self.scene.highlighted_workouts:
            p.setPen(QPen(HIGHLIGHT_COLOR, 2.5))
            p.drawRoundedRect(ring, RADIUS + 2, RADIUS + 2)
        if workout.id == self.scene.selected_workout_id:
            p.setPen(QPen(self.highlight, 2.5 if self.scene.focused else 1.5))
            p.drawRoundedRect(ring, RADIUS + 2, RADIUS + 2)

    def _buttons(
        self, workout_id: int, rects: Mapping[str, QRect], color: QColor, base: QColor
    ) -> None:
        """The one-click Mark Done… and Mark Skipped buttons of a missed block."""
        p = self.p
        labels = dict(BUTTONS)
        metrics = QFontMetrics(self.fonts.button)
        if any(metrics.horizontalAdvance(labels[n]) + 8 > r.width() for n, r in rects.items()):
            labels = dict(SHORT_BUTTONS)  # a narrow block: ✓… and ✕, named in the tooltips
        p.setFont(self.fonts.button)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for name, rect in rects.items():
            hovered = self.scene.hovered == (workout_id, name)
            path = QPainterPath()
            path.addRoundedRect(QRectF(rect), rect.height() / 2, rect.height() / 2)
            primary = name == "done"
            if primary:
                p.fillPath(path, mix(color, QColor("black"), 0.12) if hovered else color)
                p.setPen(text_color_on(color))
            else:
                p.fillPath(path, mix(base, color, 0.22 if hovered else 0.08))
                p.setPen(QPen(color, 1.2))
                p.drawPath(path)
                p.setPen(self.text)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, labels[name])

    # -- the drop marker and the empty week ------------------------------------------------
    def _drop(self, day: date, index: int) -> None:
        p = self.p
        column = self.layout.day_rect(day)
        p.setPen(QPen(self.highlight, 2))
        p.setBrush(with_alpha(self.highlight, 28))
        p.drawRoundedRect(QRectF(column).adjusted(1, 1, -1, -1), RADIUS + 2, RADIUS + 2)
        y = self.layout.gap_y(day, index)
        p.setPen(QPen(self.highlight, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(column.left() + 6, y, column.right() - 6, y)
        p.setBrush(self.highlight)
        p.drawEllipse(QPoint(column.left() + 6, y), 4, 4)

    def _warning_marks(self) -> None:
        """The warnings' marks: a badge on each block a finding is about, a drop's tint."""
        marks, base = self.scene.marks, self.palette.color(QPalette.ColorRole.Base)
        for workout_id, severity in marks.blocks.items():
            block = self.layout.blocks.get(workout_id)
            if block is not None:
                paint_block_marker(self.p, block, severity, base, dark=self.dark)
        if marks.drop_warning is not None and self.scene.drop is not None:
            day, severity = marks.drop_warning
            if day == self.scene.drop[0]:
                column = self.layout.day_rect(day)
                paint_drop_warning(self.p, column, severity, self.font, dark=self.dark)

    def _empty(self) -> None:
        p = self.p
        area = self.layout.days_area() if self.layout.columns else self.rect
        card, button = empty_card(area, with_button=self.scene.offer_demo)
        # Opaque, above the drop marker: it stays readable while a drag passes over it.
        shadow = QPainterPath()
        shadow.addRoundedRect(QRectF(card).translated(0, 2), 12, 12)
        p.fillPath(shadow, with_alpha(QColor("black"), 40 if self.dark else 18))
        path = QPainterPath()
        path.addRoundedRect(QRectF(card), 12, 12)
        p.fillPath(path, self.palette.color(QPalette.ColorRole.Window))
        p.setPen(QPen(self.palette.color(QPalette.ColorRole.Mid), 1))
        p.setBrush(Qt.BrushStyle.NoBrush)  # the drop marker's brush must not fill the card
        p.drawPath(path)
        p.setFont(self._scaled(1.15, QFont.Weight.DemiBold))
        p.setPen(self.text)
        centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        p.drawText(
            QRect(card.left() + 20, card.top() + 14, card.width() - 40, 36), centre, _EMPTY_TITLE
        )
        p.setFont(self.font)
        p.setPen(self.muted)
        wrap = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        p.drawText(
            QRect(card.left() + 20, card.top() + 48, card.width() - 40, 60), wrap, _EMPTY_HINT
        )
        if button is not None:
            hovered = self.scene.hovered == (0, "demo")
            pill = QPainterPath()
            pill.addRoundedRect(QRectF(button), 6, 6)
            p.fillPath(
                pill, mix(self.highlight, QColor("black"), 0.15) if hovered else self.highlight
            )
            bold = QFont(self.font)
            bold.setWeight(QFont.Weight.DemiBold)
            p.setFont(bold)
            p.setPen(self.palette.color(QPalette.ColorRole.HighlightedText))
            p.drawText(button, Qt.AlignmentFlag.AlignCenter, DEMO_BUTTON)
