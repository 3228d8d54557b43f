"""What the warnings add to the week view: block markers, a drop's warning tint, the progress line.

:class:`WeekMarks` is read-only data the warnings model hands the week view (through a
callable, so neither widget knows the other); the painter draws it with the functions here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen

from planner.core.finding_text import SEVERITY_MARKS
from planner.core.formatting import SEPARATOR, escape_html
from planner.core.model import Severity
from planner.ui.severity import severity_color
from planner.ui.style import text_color_on, with_alpha
from planner.ui.week.block import badge_rect

#: The side of a block's marker badge, in pixels.
MARKER_SIZE = 14

_EMPTY: Mapping[int, Severity] = MappingProxyType({})
_NO_NOTES: Mapping[int, tuple[str, ...]] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class WeekMarks:
    """What the warnings add to the week on screen.

    Attributes:
        blocks: workout id -> the severity of the most severe finding about that block.
        notes: workout id -> the findings about it, one line each (the block's tooltip).
        drop_warning: while a drag hovers, the day it would drop on and the severity of the
            most severe warning the drop would add (only warning or critical).
        progress: the header's line, ``18.4 of 41 km done · +12 % on last week``.
        progress_short: the same for a narrow header, ``18.4/41 km done · +12 %``.
    """

    blocks: Mapping[int, Severity] = field(default_factory=lambda: _EMPTY)
    notes: Mapping[int, tuple[str, ...]] = field(default_factory=lambda: _NO_NOTES)
    drop_warning: tuple[date, Severity] | None = None
    progress: str = ""
    progress_short: str = ""


#: No warnings: what the week view shows without a warnings model.
NO_MARKS = WeekMarks()


def fit_subtitle(subtitle: str, marks: WeekMarks, metrics: QFontMetrics, room: int) -> str:
    """The header's second line in ``room`` pixels: the subtitle, then the progress line.

    The long progress line when it fits, else the short one, else the short one cut.
    """
    for progress in (marks.progress, marks.progress_short):
        text = f"{subtitle}{SEPARATOR}{progress}" if progress else subtitle
        if metrics.horizontalAdvance(text) <= room:
            return text
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(room, 0))


def marker_rect(block: QRect) -> QRectF:
    """Where a block's marker sits: on the top-right corner of its kind badge.

    Like a notification badge on an icon: clear of the title and of a missed block's buttons.
    """
    kind_badge = badge_rect(block)
    centre = QPointF(kind_badge.right() + 0.5, kind_badge.top() + 0.5)
    half = MARKER_SIZE / 2
    return QRectF(centre.x() - half, centre.y() - half, MARKER_SIZE, MARKER_SIZE)


def paint_block_marker(
    painter: QPainter, block: QRect, severity: Severity, ring: QColor, *, dark: bool = False
) -> None:
    """The badge on a block that a finding is about: ``!`` (``!!``, ``i``) in a disc.

    ``ring`` outlines the disc (the view's base colour), so it stands off the kind badge.
    """
    rect = marker_rect(block)
    color = severity_color(severity, dark=dark)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(ring, 1.5))
    painter.setBrush(color)
    painter.drawEllipse(rect)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(round(MARKER_SIZE * (0.58 if severity is Severity.CRITICAL else 0.7)))
    painter.setFont(font)
    painter.setPen(text_color_on(color))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, SEVERITY_MARKS[severity])
    painter.restore()


def marks_tooltip(marks: WeekMarks, workout_id: int | None) -> str:
    """The warnings about a block, for the end of its tooltip ("" when there are none)."""
    notes = marks.notes.get(workout_id, ()) if workout_id is not None else ()
    if not notes:
        return ""
    items = "".join(f"<li>{escape_html(note)}</li>" for note in notes)
    return f"<p style='margin-top: 6px;'><b>Warnings</b></p><ul style='margin: 0;'>{items}</ul>"


def drop_warning_text(severity: Severity) -> str:
    """What the caption under a drop target says."""
    return "Adds a critical warning" if severity is Severity.CRITICAL else "Adds a warning"


def paint_drop_warning(
    painter: QPainter, column: QRect, severity: Severity, font: QFont, *, dark: bool = False
) -> None:
    """Tint the column a drag hovers over, and say why: the drop would add a warning."""
    color = severity_color(severity, dark=dark)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    outline = QRectF(column).adjusted(1, 1, -1, -1)
    painter.setPen(QPen(color, 2.5))
    painter.setBrush(with_alpha(color, 40))
    painter.drawRoundedRect(outline, 9, 9)
    # A caption at the foot of the column: the badge and the words, never the tint alone.
    caption_font = QFont(font)
    caption_font.setWeight(QFont.Weight.DemiBold)
    metrics = QFontMetrics(caption_font)
    room = column.width() - MARKER_SIZE - 26
    lines = caption_lines(drop_warning_text(severity), metrics, room)
    line_h = metrics.height()
    height = max(line_h * len(lines) + 8, MARKER_SIZE + 8)
    text_w = max(metrics.horizontalAdvance(line) for line in lines)
    width = min(column.width() - 8, text_w + MARKER_SIZE + 22)
    pill = QRect(0, 0, width, height)
    pill.moveCenter(column.center())
    pill.moveBottom(column.bottom() - 8)
    path = QPainterPath()
    radius = min(height / 2, 12)
    path.addRoundedRect(QRectF(pill), radius, radius)
    painter.fillPath(path, color)
    badge = QRectF(
        pill.left() + 7, pill.center().y() - MARKER_SIZE / 2 + 0.5, MARKER_SIZE, MARKER_SIZE
    )
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(text_color_on(color))
    painter.setFont(caption_font)
    left = round(badge.right()) + 5
    text_rect = QRect(left, pill.top() + 4, pill.right() - left - 6, line_h * len(lines))
    painter.drawText(
        text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, "\n".join(lines)
    )
    painter.restore()
    _paint_white_badge(painter, badge, severity)


def caption_lines(text: str, metrics: QFontMetrics, room: int) -> list[str]:
    """``text`` on one line, or on two when the column is narrow (the second one cut if need be)."""
    if metrics.horizontalAdvance(text) <= room:
        return [text]
    words = text.split()
    for cut in range(len(words) - 1, 0, -1):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        if metrics.horizontalAdvance(first) <= room:
            return [first, metrics.elidedText(second, Qt.TextElideMode.ElideRight, room)]
    return [metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)]


def _paint_white_badge(painter: QPainter, rect: QRectF, severity: Severity) -> None:
    """The severity's mark in a white disc, readable on the severity-coloured pill."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(Qt.GlobalColor.white)
    painter.drawEllipse(rect)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(round(rect.height() * 0.62))
    painter.setFont(font)
    painter.setPen(severity_color(severity))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, SEVERITY_MARKS[severity])
    painter.restore()
