"""The words around a chart's plot: legend, readout line, and the note when nothing shows.

The legend draws a swatch for each entry; the readout follows the pointer; the note lies
over the plot when no data lies in view, with the empty state's buttons.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap, QPolygonF, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from planner.ui.charts.hover import day_label, keep_together
from planner.ui.charts.theme import ChartTheme

#: How a legend entry is drawn: a filled box, a hatched box, a line, a thin line, a dot, a
#: downward triangle (a mark on a day).
SWATCHES = ("box", "hatched", "line", "thin", "dot", "dash", "band", "triangle", "text")
_SWATCH = QSize(18, 12)


def swatch(kind: str, color: QColor, background: QColor) -> QPixmap:
    """A legend sample of ``kind`` (one of :data:`SWATCHES`) in ``color``."""
    pixmap = QPixmap(_SWATCH)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(1.5, 1.5, _SWATCH.width() - 3, _SWATCH.height() - 3)
    middle = _SWATCH.height() / 2
    if kind == "box":
        painter.fillRect(box, color)
    elif kind == "hatched":
        painter.fillRect(box, background)
        painter.fillRect(box, QBrush(color, Qt.BrushStyle.BDiagPattern))
        painter.setPen(QPen(color, 1))
        painter.drawRect(box)
    elif kind == "band":
        painter.fillRect(QRectF(0, 0, _SWATCH.width(), _SWATCH.height()), color)
    elif kind == "dot":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(QRectF(_SWATCH.width() / 2 - 3, middle - 3, 6, 6))
    elif kind == "triangle":
        centre = _SWATCH.width() / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPolygon(
            QPolygonF([QPointF(centre - 5, 1.5), QPointF(centre + 5, 1.5), QPointF(centre, 10.5)])
        )
    else:
        width = {"line": 2.5, "thin": 1.4, "dash": 2.0}[kind]
        pen = QPen(color, width)
        if kind == "dash":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(1, middle), QPointF(_SWATCH.width() - 1, middle))
    painter.end()
    return pixmap


def span_text(first: date, last: date) -> str:
    """``2 Nov 2030 to 29 Nov 2030``: the days a note speaks of (a date never breaks)."""
    return " to ".join(
        day_label(day, weekday=False).replace(" ", "\u00a0") for day in (first, last)
    )


class Legend(QWidget):
    """Legend entries, a swatch and its words each, wrapping onto more rows when narrow.

    An entry of kind ``"text"`` is words only (a heading such as "Form:"). The entries are
    placed by hand rather than by a custom ``QLayout``: a Python layout keeps Qt's layout
    items alive after their widgets, and freeing them later crashes.

    The legend takes the height its rows need at its width now. It is not a height-for-width
    widget: layouts ask those for their height at the narrowest width they could have,
    and the load chart's legend, a row for each entry there, made the charts ask for more
    height than their dock has (and the window taller than a 1280x720 screen).
    """

    _SPACING = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[QWidget] = []
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_entries(self, entries: Sequence[tuple[str, str, QColor]], theme: ChartTheme) -> None:
        """Show ``entries`` (swatch kind, words, colour) with the theme's background."""
        for old in self._entries:
            old.hide()
            old.deleteLater()
        self._entries = []
        for kind, text, color in entries:
            entry = QWidget(self)
            pair = QHBoxLayout(entry)
            pair.setContentsMargins(0, 0, 0, 0)
            pair.setSpacing(3)
            if kind != "text":
                icon = QLabel(entry)
                icon.setPixmap(swatch(kind, color, theme.background))
                pair.addWidget(icon)
            label = QLabel(text, entry)
            label.setObjectName("legendText" if kind != "text" else "legendHeading")
            pair.addWidget(label)
            self._entries.append(entry)
            entry.show()
        self._fit(self.width())

    def sizeHint(self) -> QSize:
        widest = max((entry.sizeHint().width() for entry in self._entries), default=0)
        return QSize(widest, self._arrange(max(self.width(), widest), move=False))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._arrange(max(self.width(), 1), move=False))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        """Place the entries in rows ``width`` wide and take the height they need."""
        height = self._arrange(width, move=True)
        if height != self.minimumHeight() or height != self.maximumHeight():
            self.setFixedHeight(height)

    def _arrange(self, width: int, *, move: bool) -> int:
        """Place the entries in rows ``width`` wide; the height they take."""
        x = y = line = 0
        for entry in self._entries:
            hint = entry.sizeHint()
            if x + hint.width() > width and line > 0:
                x, y, line = 0, y + line + 1, 0
            if move:
                entry.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._SPACING
            line = max(line, hint.height())
        return y + line

    def texts(self) -> list[str]:
        """The legend's words, in order."""
        return [label.text() for label in self.findChildren(QLabel, "legendText")]


class ReadoutLabel(QLabel):
    """The readout: all of it, wrapped onto more lines as its width needs.

    Lines break between words, never inside a date or between a value and its unit
    (:func:`~planner.ui.charts.hover.keep_together`), and nothing is cut off. The label is
    at least :attr:`MIN_LINES` lines tall, so the three charts' plots start level and the
    first hover does not move them; while the pointer moves (``hold``), it keeps the
    tallest height it needed, so the plot under the pointer does not jump from day to day.
    """

    MIN_LINES = 2
    _FLAGS = int(Qt.TextFlag.TextWordWrap)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._plain = ""
        self._hold = False
        self._held = 0

    def show_text(self, text: str, *, hold: bool = False) -> None:
        """Show ``text``; ``hold`` keeps the height from shrinking (while hovering)."""
        self._plain = text
        self._hold = hold
        if not hold:
            self._held = 0
        self.setText(keep_together(text))
        self.setAccessibleName(text)
        self._fit()

    def plain_text(self) -> str:
        """The text shown, with ordinary spaces."""
        return self._plain

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        """Take the height the text needs at the current width."""
        width = self.contentsRect().width()
        if width <= 0:
            return
        metrics = self.fontMetrics()
        box = QRect(0, 0, width, 1 << 20)
        height = metrics.boundingRect(box, self._FLAGS, "\n".join("x" * self.MIN_LINES)).height()
        if self.text():
            height = max(height, metrics.boundingRect(box, self._FLAGS, self.text()).height())
        if self._hold:
            height = self._held = max(height, self._held)
        margins = self.contentsMargins()
        total = height + margins.top() + margins.bottom()
        if total != self.minimumHeight() or total != self.maximumHeight():
            self.setFixedHeight(total)


class NothingInView(QFrame):
    """A note over the plot when no data lies in view, with the empty state's buttons.

    The plot stays under it (the week band, the axis, zooming and panning back): the note
    is as small as its words and buttons, and lets the mouse through around them.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("chartNothingInView")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.text = QLabel(self)
        self.text.setObjectName("chartNothingText")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text)
        layout.addLayout(self.buttons)
        self.hide()

    def place(self, area: QRect) -> None:
        """Centre the note in ``area`` (the plot's data area, in its parent's coordinates)."""
        width = max(min(area.width() - 16, 460), 1)
        layout = self.layout()
        height = layout.totalHeightForWidth(width) if layout is not None else 0
        top = area.top() + max((area.height() - height) // 2, 0)
        self.setGeometry(area.left() + (area.width() - width) // 2, top, width, height)
