"""Colours and small painting helpers shared by every widget: one place for the kind colours.

Every kind has a colour *and* a letter (:attr:`Kind.letter`); widgets show both, never colour
alone. Light and dark palettes get their own variants so blocks read well on either.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPixmap

from planner.core import vocabulary
from planner.core.model import Kind

_DARK_TEXT = QColor("#1d232b")
_LIGHT_TEXT = QColor("#ffffff")


def kind_color(kind: Kind, *, dark: bool = False) -> QColor:
    """The colour of ``kind`` (:mod:`planner.core.vocabulary`); ``dark`` for dark palettes."""
    return QColor(vocabulary.kind_color(kind, dark=dark))


def is_dark(palette: QPalette) -> bool:
    """Whether ``palette`` is a dark one (light text on a dark window)."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def _luminance(color: QColor) -> float:
    """WCAG relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def _contrast(a: float, b: float) -> float:
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def text_color_on(color: QColor) -> QColor:
    """White or near-black, whichever reads better on ``color`` (WCAG contrast)."""
    background = _luminance(color)
    if _contrast(background, _luminance(_LIGHT_TEXT)) >= _contrast(
        background, _luminance(_DARK_TEXT)
    ):
        return QColor(_LIGHT_TEXT)
    return QColor(_DARK_TEXT)


def error_color(*, dark: bool = False) -> QColor:
    """The colour of inline error messages."""
    return QColor("#ff8a80") if dark else QColor("#c62828")


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0 to 1) of the way towards ``b``."""
    amount = min(max(amount, 0.0), 1.0)
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
        1.0,
    )


def with_alpha(color: QColor, alpha: int) -> QColor:
    """``color`` with the opacity ``alpha`` (0 to 255)."""
    result = QColor(color)
    result.setAlpha(alpha)
    return result


def muted(palette: QPalette) -> QColor:
    """The palette's text colour faded towards its base: for secondary text."""
    return mix(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.42)


def paint_mark(painter: QPainter, rect: QRectF, text: str, on: QColor, pixel_size: int) -> None:
    """Paint ``text`` bold and centred in ``rect``, in the colour that reads best on ``on``."""
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(pixel_size)
    painter.setFont(font)
    painter.setPen(text_color_on(on))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def badge_pixmap(
    size: int, device_pixel_ratio: float, paint: Callable[[QPainter, QRectF], None]
) -> QPixmap:
    """A square transparent pixmap of ``size`` logical pixels with a badge ``paint`` draws.

    ``paint`` gets a painter and the badge's rectangle, inset half a pixel so its edge is crisp.
    """
    pixmap = QPixmap(round(size * device_pixel_ratio), round(size * device_pixel_ratio))
    pixmap.setDevicePixelRatio(device_pixel_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint(painter, QRectF(0.5, 0.5, size - 1.0, size - 1.0))
    painter.end()
    return pixmap


def paint_kind_badge(painter: QPainter, rect: QRectF, kind: Kind, *, dark: bool = False) -> None:
    """Paint the kind's rounded colour swatch with its letter centred on it."""
    color = kind_color(kind, dark=dark)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    radius = min(rect.width(), rect.height()) * 0.28
    painter.drawRoundedRect(rect, radius, radius)
    paint_mark(painter, rect, kind.letter, color, max(8, round(rect.height() * 0.55)))
    painter.restore()


def kind_badge_pixmap(
    kind: Kind, size: int, *, dark: bool = False, device_pixel_ratio: float = 1.0
) -> QPixmap:
    """The kind badge as a square pixmap of ``size`` logical pixels (for icons)."""
    return badge_pixmap(
        size,
        device_pixel_ratio,
        lambda painter, rect: paint_kind_badge(painter, rect, kind, dark=dark),
    )
