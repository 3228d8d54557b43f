"""The small marks drawn in a block: a missed plan's warning, a watch, a flag, a report's "?".

The "?" of a heavy-legs report is a button: it explains the report.

Each is drawn with a word or a shape, never colour alone, in colours that read on the
block's fill in light and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen

from planner.ui.style import text_color_on
from planner.ui.week.block import MISSED, race_rect, recorded_rect


def paint_missed_mark(
    p: QPainter, rect: QRect, line: str, colors: tuple[QColor, QColor], font: QFont
) -> None:
    """``⚠ Missed · RPE 3``: a warning triangle and the word, then the rest of the line.

    ``colors``: the missed colour and the block's text colour; ``font``: the detail font.
    """
    color, text_color = colors
    metrics = QFontMetrics(font)
    size = min(metrics.ascent(), rect.height() - 2)
    top = rect.top() + (rect.height() - size) / 2
    triangle = QPainterPath()
    triangle.moveTo(rect.left() + size / 2, top)
    triangle.lineTo(rect.left() + size, top + size)
    triangle.lineTo(rect.left(), top + size)
    triangle.closeSubpath()
    p.fillPath(triangle, color)
    p.setPen(QPen(text_color_on(color), 1.2))
    mid_x = rect.left() + size / 2
    p.drawLine(QPointF(mid_x, top + size * 0.38), QPointF(mid_x, top + size * 0.7))
    p.drawPoint(QPointF(mid_x, top + size * 0.85))
    bold = QFont(font)
    bold.setWeight(QFont.Weight.Bold)
    p.setFont(bold)
    p.setPen(color)
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    x = rect.left() + size + 4
    word_rect = QRect(x, rect.top(), rect.right() - x, rect.height())
    p.drawText(word_rect, left, MISSED)
    rest = line[len(MISSED) :]
    if rest:
        x += QFontMetrics(bold).horizontalAdvance(MISSED)
        p.setFont(font)
        p.setPen(text_color)
        rest_rect = QRect(x, rect.top(), max(rect.right() - x, 0), rect.height())
        p.drawText(
            rest_rect,
            left,
            metrics.elidedText(rest, Qt.TextElideMode.ElideRight, rest_rect.width()),
        )


def paint_recorded_mark(painter: QPainter, block: QRect, color: QColor) -> None:
    """A small wristwatch in the block's top-right corner: this session was recorded.

    Drawn in ``color`` (the block's text colour), so it reads on any fill, light or dark.
    """
    rect = QRectF(recorded_rect(block))
    size = rect.width()
    centre = rect.center()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # The straps: a short band above and below the face, narrower than it.
    strap_w, strap_h = size * 0.42, size * 0.22
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    for top in (rect.top(), rect.bottom() - strap_h):
        band = QPainterPath()
        band.addRoundedRect(QRectF(centre.x() - strap_w / 2, top, strap_w, strap_h), 1.2, 1.2)
        painter.drawPath(band)
    # The face: a ring, with hands at ten past (a clock at a glance), and the crown.
    radius = size * 0.34
    pen = QPen(color, max(1.4, size * 0.11))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(centre, radius, radius)
    hand = QPen(color, max(1.1, size * 0.085))
    hand.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(hand)
    painter.drawLine(centre, QPointF(centre.x(), centre.y() - radius * 0.6))
    painter.drawLine(centre, QPointF(centre.x() + radius * 0.5, centre.y()))
    painter.drawLine(
        QPointF(centre.x() + radius + 0.8, centre.y()),
        QPointF(centre.x() + radius + 2.0, centre.y()),
    )
    painter.restore()


def paint_race_mark(painter: QPainter, block: QRect, color: QColor, *, recorded: bool) -> None:
    """A small flag in the block's top-right corner (left of the watch): this is a race.

    Drawn in ``color`` (the block's text colour), so it reads on any fill, light or dark; the
    status line says "Race" too.
    """
    rect = QRectF(race_rect(block, recorded))
    size = rect.width()
    pole_x = rect.left() + size * 0.22
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pole = QPen(color, max(1.3, size * 0.1))
    pole.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pole)
    painter.drawLine(QPointF(pole_x, rect.top() + 0.5), QPointF(pole_x, rect.bottom()))
    # The cloth: a pennant with a notched fly, filled, off the top of the pole.
    top, depth = rect.top() + 0.5, size * 0.58
    cloth = QPainterPath()
    cloth.moveTo(pole_x, top)
    cloth.lineTo(rect.right(), top)
    cloth.lineTo(rect.right() - size * 0.22, top + depth / 2)
    cloth.lineTo(rect.right(), top + depth)
    cloth.lineTo(pole_x, top + depth)
    cloth.closeSubpath()
    painter.fillPath(cloth, color)
    painter.restore()


def paint_why_mark(
    painter: QPainter, rect: QRect, colors: tuple[QColor, QColor], *, hovered: bool = False
) -> None:
    """A "?" in a disc at ``rect``: click it to see why the legs may have felt heavy.

    ``colors``: the block's text colour (the disc) and its fill (the "?"), so it reads on any
    fill, light or dark; hovered, a ring round it says it is a button.
    """
    color, fill = colors
    disc = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(disc)
    if hovered:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(color, 1.2))
        painter.drawEllipse(disc.adjusted(-2.5, -2.5, 2.5, 2.5))
    font = QFont(painter.font())
    font.setPixelSize(max(8, round(disc.height() * 0.78)))
    font.setWeight(QFont.Weight.Bold)
    painter.setFont(font)
    painter.setPen(fill)
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, "?")
    painter.restore()
