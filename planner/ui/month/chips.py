"""How a workout's chip looks in the month: its kind's colour and letter, by what became of it.

A chip wears its kind's colour and its letter (never colour alone), as the week's blocks do:
a planned workout is tinted, a done one filled, a skipped one grey and struck through, a
missed plan faint with a dashed edge, a draft (the generator's preview) hatched with a
dashed edge. Each look's colours, and the letter's swatch as a small picture, are worked
out once per palette and font (a month has 5 kinds x 5 looks at most), and each title is
laid out once (:class:`StaticTexts`), so painting two hundred chips is mostly copying.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen, QPixmap, QStaticText

from planner.core.missed import is_missed
from planner.core.model import Kind, Status, Workout
from planner.ui.style import is_dark, kind_color, mix, muted, text_color_on, with_alpha

#: Corner radius of chips.
CHIP_RADIUS = 4.0
#: Space between a chip's edge and its letter's swatch.
_INSET = 3
_NO_PEN = Qt.PenStyle.NoPen
_NO_BRUSH = Qt.BrushStyle.NoBrush


class Look(enum.Enum):
    """What became of a chip's workout, as far as its look goes."""

    PLANNED = "planned"
    DONE = "done"
    SKIPPED = "skipped"
    MISSED = "missed"
    DRAFT = "draft"


def look_of(workout: Workout, today: date, *, draft: bool = False) -> Look:
    """How ``workout``'s chip looks on ``today``."""
    if draft:
        return Look.DRAFT
    if workout.status is Status.DONE:
        return Look.DONE
    if workout.status is Status.SKIPPED:
        return Look.SKIPPED
    return Look.MISSED if is_missed(workout, today) else Look.PLANNED


class StaticTexts:
    """Texts laid out once per font and kept (a month's titles repeat: Easy run, Rest day)."""

    #: Forget them all past this many (a long session paging through years).
    LIMIT = 4000

    def __init__(self) -> None:
        self._texts: dict[tuple[str, str], QStaticText] = {}

    def draw(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        font: QFont,
        font_key: str,
        *,
        centre: bool = False,
    ) -> None:
        """Draw ``text`` in ``font`` at the left (or the centre) of ``rect``, centred up-down.

        ``font_key`` is ``font.key()``, asked once by the caller (it costs more than drawing).
        """
        key = (text, font_key)
        static = self._texts.get(key)
        if static is None:
            if len(self._texts) >= self.LIMIT:
                self._texts.clear()
            static = self._texts[key] = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=font)
        painter.setFont(font)
        size = static.size()
        left = rect.center().x() - size.width() / 2 if centre else rect.left()
        painter.drawStaticText(
            QPointF(left, rect.top() + (rect.height() - size.height()) / 2), static
        )


@dataclass(frozen=True, slots=True)
class ChipLook:
    """One kind's chip in one look: its colours, and its letter on its swatch as a picture.

    Attributes:
        fill: the chip's colour.
        text: the title's colour.
        badge: the kind's letter on its swatch.
        hatch: the draft's hatching over the fill (``None``: none).
        outline: a dashed edge (missed plans, drafts), or ``None``.
        struck: the title is struck through (skipped).
    """

    fill: QColor
    text: QColor
    badge: QPixmap
    hatch: QBrush | None
    outline: QPen | None
    struck: bool


class ChipPainter:
    """Paints chips for one palette, font and chip height, each look worked out once.

    :attr:`CHIPS_KEPT` chip pictures are kept (a few hundred kilobytes a hundred).

    Args:
        palette: the view's palette.
        font: the chips' font.
        height: a chip's height.
        device_pixel_ratio: the screen's, for crisp letters.
    """

    #: How many chip pictures are kept before they are all drawn again.
    CHIPS_KEPT = 600

    def __init__(
        self, palette: QPalette, font: QFont, height: int, device_pixel_ratio: float
    ) -> None:
        self._palette = palette
        self._dark = is_dark(palette)
        self._font = font
        self._struck = QFont(font)
        self._struck.setStrikeOut(True)
        self._font_keys = (font.key(), self._struck.key())
        self._letter = QFont(font)
        self._letter.setWeight(QFont.Weight.Bold)
        if self._letter.pointSizeF() > 0:
            self._letter.setPointSizeF(self._letter.pointSizeF() * 0.82)
        self._side = max(height - 2 * _INSET, 8)
        self._ratio = device_pixel_ratio
        self._looks: dict[tuple[Kind, Look], ChipLook] = {}
        self._chips: dict[tuple[Kind, Look, str, int, int], QPixmap] = {}
        self.texts = StaticTexts()
        self.key = (palette.cacheKey(), font.key(), height, device_pixel_ratio)

    def look(self, kind: Kind, look: Look) -> ChipLook:
        """The colours and letter of ``kind``'s chip in ``look``."""
        found = self._looks.get((kind, look))
        if found is None:
            found = self._looks[(kind, look)] = self._make(kind, look)
        return found

    def paint(self, painter: QPainter, rect: QRectF, title: str, kind: Kind, look: Look) -> None:
        """Paint one chip: a copy of its picture, drawn once per kind, look, title and size.

        A month's chips repeat (the same Easy run week after week): paging through months
        then copies pictures instead of drawing shapes and laying out text again.
        """
        key = (kind, look, title, round(rect.width()), round(rect.height()))
        picture = self._chips.get(key)
        if picture is None:
            if len(self._chips) >= self.CHIPS_KEPT:
                self._chips.clear()
            picture = self._chips[key] = self._picture(title, kind, look, key[3], key[4])
        painter.drawPixmap(rect.topLeft(), picture)

    def _picture(self, title: str, kind: Kind, look: Look, width: int, height: int) -> QPixmap:
        picture = QPixmap(max(1, round(width * self._ratio)), max(1, round(height * self._ratio)))
        picture.setDevicePixelRatio(self._ratio)
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.draw(painter, QRectF(0, 0, width, height), title, kind, look)
        painter.end()
        return picture

    def draw(self, painter: QPainter, rect: QRectF, title: str, kind: Kind, look: Look) -> None:
        """Draw one chip's shapes and text (antialiasing on, no opacity change)."""
        style = self._looks.get((kind, look)) or self.look(kind, look)
        painter.setPen(_NO_PEN)
        painter.setBrush(style.fill)
        painter.drawRoundedRect(rect, CHIP_RADIUS, CHIP_RADIUS)
        if style.hatch is not None:
            painter.setBrush(style.hatch)
            painter.drawRoundedRect(rect, CHIP_RADIUS, CHIP_RADIUS)
        if style.outline is not None:
            painter.setPen(style.outline)
            painter.setBrush(_NO_BRUSH)
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), CHIP_RADIUS, CHIP_RADIUS)
        left, top = rect.left(), rect.top()
        painter.drawPixmap(QPointF(left + _INSET, top + _INSET), style.badge)
        left += _INSET + self._side + 5
        painter.setPen(style.text)
        text_rect = QRectF(left, top, rect.right() - left - 2, rect.height())
        font = self._struck if style.struck else self._font
        self.texts.draw(painter, text_rect, title, font, self._font_keys[style.struck])

    def _make(self, kind: Kind, look: Look) -> ChipLook:
        base = self._palette.color(QPalette.ColorRole.Base)
        text = self._palette.color(QPalette.ColorRole.Text)
        color = kind_color(kind, dark=self._dark)
        swatch = color
        hatch = outline = None
        if look is Look.DONE:
            fill = color
            swatch = mix(color, QColor("white"), 0.3)
            text = text_color_on(fill)
        elif look is Look.SKIPPED:
            fill = mix(base, self._palette.color(QPalette.ColorRole.Mid), 0.22)
            swatch = text = muted(self._palette)
        elif look in (Look.MISSED, Look.DRAFT):
            fill = mix(base, color, 0.08)
            outline = QPen(color, 1.1, Qt.PenStyle.DashLine)
            if look is Look.DRAFT:  # hatched: not in the plan yet
                hatch = QBrush(with_alpha(color, 120), Qt.BrushStyle.BDiagPattern)
        else:
            fill = mix(base, color, 0.24 if self._dark else 0.15)
        return ChipLook(fill, text, self._badge(kind, swatch), hatch, outline, look is Look.SKIPPED)

    def _badge(self, kind: Kind, swatch: QColor) -> QPixmap:
        """The kind's letter on a rounded swatch of ``swatch``, as a picture."""
        side, ratio = self._side, self._ratio
        pixmap = QPixmap(round(side * ratio), round(side * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(swatch)
        painter.drawRoundedRect(QRectF(0, 0, side, side), 3, 3)
        painter.setFont(self._letter)
        painter.setPen(text_color_on(swatch))
        painter.drawText(QRectF(0, 0, side, side), Qt.AlignmentFlag.AlignCenter, kind.letter)
        painter.end()
        return pixmap
