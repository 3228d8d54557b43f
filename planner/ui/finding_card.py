"""One finding as the warning panel shows it: a card with its severity, days, message and why.

The severity is a badge (shape, colour and mark) *and* a word; the card's left edge carries
the severity's colour as well. Hovering shows why (the rule and its source, with the figures
in the message); an open card (the one clicked) shows the same under the message.
"""

from __future__ import annotations

import html
from typing import Literal

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from planner.core.finding_text import SEVERITY_WORDS, days_text, why_text
from planner.core.model import Finding
from planner.ui.severity import severity_color, severity_pixmap
from planner.ui.style import is_dark, mix, muted

#: What a card stands for: a finding of the week, or one a hovering drop would add or clear.
CardMark = Literal["", "added", "cleared"]

_BADGE = 18
_RADIUS = 7.0
_TAGS: dict[str, str] = {"added": "Would add", "cleared": "Would clear"}


class FindingCard(QFrame):
    """A finding on a card; clicking it (or Enter, or Space) emits :attr:`activated`.

    Args:
        finding: the finding shown.
        mark: ``added`` or ``cleared`` for a drop preview's cards (not clickable), else "".
        parent: the parent widget.

    Attributes:
        finding: the finding shown.
        mark: what the card stands for.

    Signals:
        activated(Finding): the card was clicked or activated from the keyboard.
    """

    activated = Signal(object)

    def __init__(
        self, finding: Finding, *, mark: CardMark = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.finding = finding
        self.mark: CardMark = mark
        self._selected = False
        self._styled: tuple[object, ...] | None = None
        self._days = ""
        self.setObjectName("findingCard")
        # Not Maximum: that caps the height at the size hint's, which is measured at the
        # labels' preferred width; a narrower card then needs more lines than it gets.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 8, 10, 9)
        outer.setSpacing(3)
        top = QHBoxLayout()
        top.setSpacing(6)
        self._badge = QLabel(self)
        self._badge.setFixedSize(_BADGE, _BADGE)
        top.addWidget(self._badge, 0, Qt.AlignmentFlag.AlignTop)
        # The severity's word and the days in one label: it wraps on a narrow panel rather
        # than widening it.
        self._head = QLabel(self)
        self._head.setObjectName("findingHead")
        self._head.setTextFormat(Qt.TextFormat.RichText)
        self._head.setWordWrap(True)
        top.addWidget(self._head, 1)
        outer.addLayout(top)
        self._message = QLabel(self)
        self._message.setObjectName("findingMessage")
        self._message.setWordWrap(True)
        self._message.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self._message)
        self._why = QLabel(self)
        self._why.setObjectName("findingWhy")
        self._why.setWordWrap(True)
        self._why.setTextFormat(Qt.TextFormat.PlainText)
        self._why.setVisible(False)
        outer.addWidget(self._why)
        self.show_finding(finding, mark)

    def show_finding(self, finding: Finding, mark: CardMark = "") -> None:
        """Show another finding on this card (cards are reused: cheaper than new ones)."""
        self.finding = finding
        self.mark = mark
        self.set_selected(False)
        word = SEVERITY_WORDS[finding.severity]
        days = days_text(finding.days)
        tag = _TAGS.get(mark, "")
        self._days = days
        self._message.setText(finding.message)
        self._why.setText(f"Why: {why_text(finding)}")
        self.setAccessibleName(f"{tag + ': ' if tag else ''}{word}, {days}")
        self.setAccessibleDescription(finding.message)
        self.setToolTip(
            f"<p><b>{html.escape(word)}</b> · {html.escape(days)}</p>"
            f"<p>{html.escape(finding.message)}</p>"
            f"<p><i>Why:</i> {html.escape(why_text(finding))}</p>"
        )
        if mark:
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.unsetCursor()
        else:
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._styled = None
        self._restyle()
        self.update()

    # -- state -----------------------------------------------------------------------------
    @property
    def selected(self) -> bool:
        """Whether this is the card clicked last (its days are highlighted; it shows why)."""
        return self._selected

    def set_selected(self, selected: bool) -> None:
        """Open the card (show why) and draw it as the selected one, or close it."""
        if selected == self._selected:
            return
        self._selected = selected
        self._why.setVisible(selected)
        self.update()

    @property
    def why_shown(self) -> bool:
        """Whether the card shows why under its message."""
        return not self._why.isHidden()

    def text(self) -> str:
        """What the card says, as one line (the word, the days and the message)."""
        tag = _TAGS.get(self.mark, "")
        word = SEVERITY_WORDS[self.finding.severity]
        return f"{tag + ': ' if tag else ''}{word} · {self._days} · {self.finding.message}"

    # -- look ------------------------------------------------------------------------------
    def _restyle(self, *, force: bool = False) -> None:
        palette = self.palette()
        key = (self.finding.severity, self.mark, palette.cacheKey(), self.font().key())
        if key == self._styled and not force:
            return
        self._styled = key
        dark = is_dark(palette)
        color = severity_color(self.finding.severity, dark=dark)
        ratio = self.devicePixelRatioF()
        self._badge.setPixmap(
            severity_pixmap(self.finding.severity, _BADGE, dark=dark, device_pixel_ratio=ratio)
        )
        faded, font = muted(palette), self.font()
        word = html.escape(SEVERITY_WORDS[self.finding.severity])
        self._head.setText(
            f"<span style='color: {color.name()}; font-weight: 600;'>{word}</span>"
            f"&nbsp;&nbsp;<span style='color: {faded.name()};'>{html.escape(self._days)}</span>"
        )
        style_label(self._why, font, faded, scale=0.92)
        if self.mark == "cleared":
            style_label(self._message, font, faded, strike=True)
        else:
            style_label(self._message, font, palette.color(QPalette.ColorRole.WindowText))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._restyle(force=True)
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        color = severity_color(self.finding.severity, dark=is_dark(self.palette()))
        paint_card(
            self,
            color,
            selected=self._selected,
            preview=bool(self.mark),
            faded=self.mark == "cleared",
        )

    # -- input -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.mark and event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.activated.emit(self.finding)
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.mark and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.finding)
            event.accept()
            return
        super().keyPressEvent(event)


def style_label(
    label: QLabel,
    base: QFont,
    color: QColor,
    *,
    bold: bool = False,
    scale: float = 1.0,
    strike: bool = False,
) -> None:
    """Give ``label`` a text colour and a font made from ``base`` (cheaper than a style sheet)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, color)
    label.setPalette(palette)
    font = QFont(base)
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setStrikeOut(strike)
    label.setFont(font)


def paint_card(
    card: QWidget,
    color: QColor,
    *,
    selected: bool = False,
    preview: bool = False,
    faded: bool = False,
) -> None:
    """Paint a card's face on ``card`` (from its ``paintEvent``): the warning panel's look.

    A rounded box tinted with ``color``, its left edge a stripe of it, and a dotted ring
    when the card has the keyboard.

    Args:
        card: the widget painted.
        color: the card's colour (a severity's).
        selected: drawn as the card clicked last (a stronger tint, a border in ``color``).
        preview: a dashed border (a drop's preview, not yet the plan's).
        faded: barely tinted, the stripe grey (a finding a drop would clear).
    """
    palette = card.palette()
    base = palette.color(QPalette.ColorRole.Base)
    painter = QPainter(card)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    rect = QRectF(card.rect()).adjusted(1, 1, -1, -1)
    path = QPainterPath()
    path.addRoundedRect(rect, _RADIUS, _RADIUS)
    fill = mix(base, color, 0.10 if not faded else 0.03)
    if selected:
        fill = mix(base, color, 0.2)
    painter.fillPath(path, fill)
    border = palette.color(QPalette.ColorRole.Mid)
    if selected:
        border = color
    pen = QPen(border, 2.0 if selected else 1.0)
    if preview:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawPath(path)
    stripe = QPainterPath()
    stripe.addRoundedRect(QRectF(rect.left(), rect.top(), 5, rect.height()), 2.5, 2.5)
    painter.fillPath(stripe, color if not faded else QColor(border))
    if card.hasFocus():
        focus = QPen(palette.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine)
        painter.setPen(focus)
        painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), _RADIUS - 2, _RADIUS - 2)
    painter.end()
