"""How library entries look: kind headers, two-line entries with their badge, the drag card."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from planner.core.model import Kind, Template
from planner.ui.library.model import IS_HEADER_ROLE, SUMMARY_ROLE, TEMPLATE_ROLE, kind_of
from planner.ui.style import is_dark, kind_color, mix, paint_kind_badge

_BADGE = 26
_PAD = 8
#: Above and below an entry: compact enough that the whole built-in library shows in the
#: window a first start opens on a 1920x1080 screen (1632x950), without scrolling.
_VPAD = 6
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def small_font(font: QFont) -> QFont:
    """``font`` a little smaller: for an entry's defaults line."""
    small = QFont(font)
    if small.pointSizeF() > 0:
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.88))
    else:
        small.setPixelSize(max(8, round(small.pixelSize() * 0.88)))
    return small


class TemplateDelegate(QStyledItemDelegate):
    """Paints kind headers and two-line template entries with their kind badge."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)
        if index.data(IS_HEADER_ROLE):
            top = 8 if index.row() > 0 else 2
            return QSize(100, metrics.height() + top + 4)
        small = QFontMetrics(small_font(option.font))
        height = max(_BADGE, metrics.height() + small.height() + 2) + 2 * _VPAD - 2
        return QSize(100, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        kind = kind_of(index)
        if kind is None:
            return
        painter.save()
        if index.data(IS_HEADER_ROLE):
            model = index.model()
            _paint_header(painter, opt, kind, model.rowCount(index) if model is not None else 0)
        else:
            _paint_entry(painter, opt, index, kind)
        painter.restore()


def _paint_entry(
    painter: QPainter,
    opt: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
    kind: Kind,
) -> None:
    palette: QPalette = opt.palette
    rect: QRect = opt.rect
    state = opt.state
    dark = is_dark(palette)
    widget = opt.widget
    style = widget.style() if widget is not None else QApplication.style()
    opt.text = ""
    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)

    selected = bool(state & QStyle.StateFlag.State_Selected)
    group = (
        QPalette.ColorGroup.Active
        if state & QStyle.StateFlag.State_Active
        else QPalette.ColorGroup.Inactive
    )
    if selected:
        text = palette.color(group, QPalette.ColorRole.HighlightedText)
        muted = mix(text, palette.color(group, QPalette.ColorRole.Highlight), 0.3)
    else:
        text = palette.color(group, QPalette.ColorRole.Text)
        muted = mix(text, palette.color(group, QPalette.ColorRole.Base), 0.42)

    x = rect.left() + _PAD + 2
    badge = QRectF(x, rect.top() + (rect.height() - _BADGE) / 2, _BADGE, _BADGE)
    paint_kind_badge(painter, badge, kind, dark=dark)
    if selected:
        # Keep the badge distinct from a highlight of a similar colour.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(text, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        ring = badge.adjusted(-1.5, -1.5, 1.5, 1.5)
        painter.drawRoundedRect(ring, _BADGE * 0.3, _BADGE * 0.3)

    left = int(badge.right()) + 10
    width = rect.right() - _PAD - left
    font = QFont(opt.font)
    font.setWeight(QFont.Weight.DemiBold)
    small = small_font(opt.font)
    name_metrics = QFontMetrics(font)
    small_metrics = QFontMetrics(small)
    block = name_metrics.height() + 2 + small_metrics.height()
    top = rect.top() + (rect.height() - block) // 2

    template = index.data(TEMPLATE_ROLE)
    tag = "" if not isinstance(template, Template) or template.builtin else "mine"
    tag_width = small_metrics.horizontalAdvance(tag) + 10 if tag else 0
    name = name_metrics.elidedText(
        str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
        Qt.TextElideMode.ElideRight,
        max(0, width - tag_width - (6 if tag else 0)),
    )
    painter.setFont(font)
    painter.setPen(text)
    painter.drawText(QRect(left, top, width, name_metrics.height()), _LEFT, name)
    if tag:
        tag_left = left + name_metrics.horizontalAdvance(name) + 6
        tag_rect = QRectF(
            tag_left,
            top + (name_metrics.height() - small_metrics.height()) / 2 - 1,
            tag_width,
            small_metrics.height() + 2,
        )
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(muted, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(tag_rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
        painter.setFont(small)
        painter.drawText(tag_rect, Qt.AlignmentFlag.AlignCenter, tag)

    painter.setFont(small)
    painter.setPen(muted)
    summary = small_metrics.elidedText(
        str(index.data(SUMMARY_ROLE) or ""), Qt.TextElideMode.ElideRight, max(0, width)
    )
    summary_rect = QRect(left, top + name_metrics.height() + 2, width, small_metrics.height())
    painter.drawText(summary_rect, _LEFT, summary)


def _paint_header(painter: QPainter, opt: QStyleOptionViewItem, kind: Kind, count: int) -> None:
    """A kind's header: a short bar of its colour, its name, and how many entries it holds."""
    palette: QPalette = opt.palette
    rect: QRect = opt.rect
    text_color = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
    muted = mix(text_color, palette.color(QPalette.ColorRole.Base), 0.35)
    font = QFont(opt.font)
    font.setWeight(QFont.Weight.Bold)
    font.setCapitalization(QFont.Capitalization.AllUppercase)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
    if font.pointSizeF() > 0:
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
    metrics = QFontMetrics(font)
    baseline_rect = QRect(
        rect.left() + _PAD + 2,
        rect.bottom() - metrics.height() - 3,
        rect.width() - 2 * _PAD - 4,
        metrics.height(),
    )
    bar = QRectF(baseline_rect.left(), baseline_rect.center().y() - 1.5, 10, 3)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(kind_color(kind, dark=is_dark(palette)))
    painter.drawRoundedRect(bar, 1.5, 1.5)
    painter.setFont(font)
    painter.setPen(muted)
    text_rect = baseline_rect.adjusted(16, 0, 0, 0)
    painter.drawText(text_rect, _LEFT, kind.label)
    painter.drawText(
        text_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(count)
    )


def drag_card(
    kind: Kind, name: str, summary: str, font: QFont, palette: QPalette, ratio: float
) -> QPixmap:
    """A small card of a library entry (badge, name, defaults) to show under a drag.

    Args:
        kind: the entry's kind.
        name: its name.
        summary: its defaults line.
        font: the list's font.
        palette: the list's palette.
        ratio: the screen's device pixel ratio.
    """
    bold = QFont(font)
    bold.setWeight(QFont.Weight.DemiBold)
    small = small_font(font)
    name_metrics, small_metrics = QFontMetrics(bold), QFontMetrics(small)
    width = min(
        280,
        max(name_metrics.horizontalAdvance(name), small_metrics.horizontalAdvance(summary)) + 58,
    )
    height = name_metrics.height() + small_metrics.height() + 16
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    dark = is_dark(palette)
    color = kind_color(kind, dark=dark)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    card = QRectF(0.5, 0.5, width - 1.0, height - 1.0)
    painter.setPen(QPen(color, 1.5))
    painter.setBrush(mix(palette.color(QPalette.ColorRole.Base), color, 0.08))
    painter.drawRoundedRect(card, 6, 6)
    paint_kind_badge(painter, QRectF(8, (height - 26) / 2, 26, 26), kind, dark=dark)
    text = palette.color(QPalette.ColorRole.Text)
    left = 42
    painter.setFont(bold)
    painter.setPen(text)
    painter.drawText(
        QRect(left, 7, width - left - 8, name_metrics.height()),
        _LEFT,
        name_metrics.elidedText(name, Qt.TextElideMode.ElideRight, width - left - 8),
    )
    painter.setFont(small)
    painter.setPen(mix(text, palette.color(QPalette.ColorRole.Base), 0.4))
    painter.drawText(
        QRect(left, 8 + name_metrics.height(), width - left - 8, small_metrics.height()),
        _LEFT,
        small_metrics.elidedText(summary, Qt.TextElideMode.ElideRight, width - left - 8),
    )
    painter.end()
    return pixmap
