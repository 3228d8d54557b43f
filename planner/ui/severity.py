"""How a warning's severity looks on screen: a colour, a shape and a mark, never colour alone.

Info is a circle with ``i``, a warning a triangle with ``!``, critical an octagon with ``!!``
(:data:`planner.core.finding_text.SEVERITY_MARKS`). The warning panel and the week view's
block markers both paint them with :func:`paint_severity_badge`.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPixmap, QPolygonF

from planner.core.finding_text import SEVERITY_COLORS, SEVERITY_COLORS_DARK, SEVERITY_MARKS
from planner.core.model import Severity
from planner.ui.style import badge_pixmap, paint_mark


def severity_color(severity: Severity, *, dark: bool = False) -> QColor:
    """The colour of ``severity`` (``dark`` for dark palettes)."""
    return QColor((SEVERITY_COLORS_DARK if dark else SEVERITY_COLORS)[severity])


def _shape(severity: Severity, rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    if severity is Severity.INFO:
        path.addEllipse(rect)
    elif severity is Severity.WARNING:
        top = QPointF(rect.center().x(), rect.top())
        path.addPolygon(QPolygonF([top, rect.bottomRight(), rect.bottomLeft(), top]))
    else:
        centre, radius = rect.center(), min(rect.width(), rect.height()) / 2
        points = [
            QPointF(
                centre.x() + radius * math.cos(math.radians(22.5 + 45 * i)),
                centre.y() + radius * math.sin(math.radians(22.5 + 45 * i)),
            )
            for i in range(9)
        ]
        path.addPolygon(QPolygonF(points))
    return path


def paint_severity_badge(
    painter: QPainter, rect: QRectF, severity: Severity, *, dark: bool = False
) -> None:
    """Paint the badge of ``severity``: its shape in its colour, its mark on top."""
    color = severity_color(severity, dark=dark)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = _shape(severity, rect)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillPath(path, color)
    text_rect = QRectF(rect)
    if severity is Severity.WARNING:  # the triangle's room is low down
        text_rect.setTop(rect.top() + rect.height() * 0.22)
    size = max(7, round(rect.height() * (0.5 if severity is Severity.CRITICAL else 0.6)))
    paint_mark(painter, text_rect, SEVERITY_MARKS[severity], color, size)
    painter.restore()


def severity_pixmap(
    severity: Severity, size: int, *, dark: bool = False, device_pixel_ratio: float = 1.0
) -> QPixmap:
    """The badge of ``severity`` as a square pixmap of ``size`` logical pixels."""
    return badge_pixmap(
        size,
        device_pixel_ratio,
        lambda painter, rect: paint_severity_badge(painter, rect, severity, dark=dark),
    )
