"""What the warnings add to the week view: block markers, a drop's warning tint, the progress line.

:class:`WeekMarks` is read-only data the warnings model hands the week view (through a
callable, so neither widget knows the other); the painter draws it with the functions here.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen

from planner.core.finding_text import SEVERITY_MARKS
from planner.core.model import Severity
from planner.ui.severity import severity_color
from planner.ui.style import text_color_on, with_alpha
from planner.ui.week.block import badge_rect

#: The side of a block's marker badge, in pixels.
MARKER_SIZE = 15

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
    """

    blocks: Mapping[int, Severity] = field(default_factory=lambda: _EMPTY)
    notes: Mapping[int, tuple[str, ...]] = field(default_factory=lambda: _NO_NOTES)
    drop_warning: tuple[date, Severity] | None = None
    progress: str = ""


#: No warnings: what the week view shows without a warnings model.
NO_MARKS = WeekMarks()


def marker_rect(block: QRect) -> QRectF:
    """Where a block's marker sits: on the top-right corner of its kind badge.

    Like a notification badge on an icon: clear of the title and of a missed block's buttons.
    """
    kind_badge = badge_rect(block)
    centre = QPointF(kind_badge.right() - 1, kind_badge.top() + 1.5)
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
    items = "".join(f"<li>{html.escape(note)}</li>" for note in notes)
    return f"<p style='margin-top: 6px;'><b>Warnings</b></p><ul style='margin: 0;'>{items}</ul>"


def drop_warning_texts(severity: Severity) -> tuple[str, ...]:
    """What the caption under a drop target says, longest first: the first that fits is used."""
    if severity is Severity.CRITICAL:
        return ("Adds a critical warning", "Adds critical", "Critical")
    return ("Adds a warning", "Adds warning", "Warning")


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
    room = column.width() - MARKER_SIZE - 24
    texts = drop_warning_texts(severity)
    text = next((t for t in texts if metrics.horizontalAdvance(t) <= room), texts[-1])
    text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
    height = max(metrics.height() + 8, MARKER_SIZE + 6)
    width = min(column.width() - 8, metrics.horizontalAdvance(text) + MARKER_SIZE + 20)
    pill = QRect(0, 0, width, height)
    pill.moveCenter(column.center())
    pill.moveBottom(column.bottom() - 8)
    path = QPainterPath()
    path.addRoundedRect(QRectF(pill), height / 2, height / 2)
    painter.fillPath(path, color)
    badge = QRectF(
        pill.left() + 6, pill.center().y() - MARKER_SIZE / 2 + 0.5, MARKER_SIZE, MARKER_SIZE
    )
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(text_color_on(color))
    painter.setFont(caption_font)
    text_rect = QRect(
        round(badge.right()) + 4, pill.top(), pill.right() - round(badge.right()) - 8, height
    )
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
    painter.restore()
    _paint_white_badge(painter, badge, severity)


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
