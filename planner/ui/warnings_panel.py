"""The warning panel: the visible week's findings, live, and what a hovering drop would change.

The panel shows what its :class:`~planner.ui.warnings_model.WarningsModel` holds and follows
its signals; it never reads the plan itself. Findings are listed most severe first, each as a
:class:`~planner.ui.finding_card.FindingCard`. Clicking one highlights its days and blocks in
the week view through the :class:`~planner.ui.view_state.ViewState` (clicking it again lets
go). While a drag hovers over a day, a preview box on top lists the findings the drop would
add and those it would clear.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.core.finding_text import count_text
from planner.core.model import Finding
from planner.ui.style import is_dark, mix, muted
from planner.ui.view_state import ViewState
from planner.ui.warnings_model import DropPreview, WarningsModel

if TYPE_CHECKING:  # the cards load with the first findings, after the first paint
    from planner.ui.finding_card import CardMark, FindingCard

__all__ = ["WarningsPanel"]

#: What the panel says when the week breaks no rule that is switched on.
EMPTY_TITLE = "No warnings this week"
EMPTY_TEXT = (
    "Nothing in this week's plan breaks a rule you have switched on. Warnings appear here "
    "the moment a change needs one, and while you drag a workout over a day."
)
_KEY = tuple[str, tuple[date, ...]]


def _key(finding: Finding) -> _KEY:
    return finding.rule_id, finding.days


class WarningsPanel(QWidget):
    """The live list of the visible week's findings, and the drop preview.

    Args:
        model: the warnings of the week on screen (and the drop preview).
        state: the view state (highlights go there).
        parent: the parent widget.
    """

    def __init__(
        self, model: WarningsModel, state: ViewState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("warningsPanel")
        self.setAccessibleName("warningsPanel")
        self.setAccessibleDescription(
            "The warnings for the week on screen, most severe first; while you drag a "
            "workout over a day, what dropping it there would add or clear."
        )
        self.setMinimumWidth(200)
        self._model = model
        self._state = state
        self._cards: list[FindingCard] = []  # the cards shown, from the pool below
        self._card_pool: list[FindingCard] = []
        self._preview_cards: list[FindingCard] = []
        self._added_pool: list[FindingCard] = []
        self._cleared_pool: list[FindingCard] = []
        self._shown: list[Finding] = []
        self._selected: _KEY | None = None
        self._scrolled_before_preview: int | None = None
        self._build()
        model.changed.connect(self._on_changed)
        model.preview_changed.connect(self._on_preview_changed)
        state.highlight_changed.connect(self._on_highlight_changed)
        if model.is_loaded:
            self._on_changed()

    # -- public seams ----------------------------------------------------------------------
    def findings(self) -> list[Finding]:
        """What the panel shows now for the visible week, most severe first."""
        self._model.load()  # before the first paint: loads now, and the cards follow
        return list(self._shown)

    def preview_findings(self) -> tuple[list[Finding], list[Finding]] | None:
        """While a drag hovers over a day: the findings that drop would add, and clear.

        ``None`` when no drag hovers over the week.
        """
        preview = self._model.preview()
        if preview is None:
            return None
        return list(preview.added), list(preview.cleared)

    def cards(self) -> list[FindingCard]:
        """The cards of the week's findings, in order."""
        self._model.load()
        return list(self._cards)

    def preview_cards(self) -> list[FindingCard]:
        """The cards of the drop preview (empty when no drag hovers)."""
        return list(self._preview_cards)

    @property
    def summary(self) -> str:
        """The line over the list: ``Week 47 · 1 warning and 2 info``."""
        return self._summary.text()

    @property
    def empty_shown(self) -> bool:
        """Whether the panel shows its "No warnings this week" state."""
        return not self._empty.isHidden()

    @property
    def preview_title(self) -> str:
        """The preview box's title (``Preview: Add Easy run to Sun 22 Nov``), or ""."""
        return self._preview_title.text() if not self._preview_box.isHidden() else ""

    def focus_first(self) -> None:
        """Give the keyboard to the first finding (or to the panel when there is none)."""
        if self._cards:
            self._cards[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def select(self, finding: Finding | None) -> None:
        """Open ``finding``'s card and highlight its days and blocks (``None``: let go)."""
        self._select(_key(finding) if finding is not None else None)

    # -- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 8)
        outer.setSpacing(8)
        self._summary = QLabel(self)
        self._summary.setObjectName("warningsSummary")
        outer.addWidget(self._summary)

        # The preview and the week's findings scroll together: however many findings a drop
        # would add or clear, every card keeps the height its text needs, and a scroll bar
        # (not squeezed text) says there is more.
        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("warningsScroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(self._scroll)
        content.setObjectName("warningsList")
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 2, 0)
        column.setSpacing(8)

        self._preview_box = _PreviewBox(content)
        box = QVBoxLayout(self._preview_box)
        box.setContentsMargins(10, 8, 10, 10)
        box.setSpacing(6)
        self._preview_title = QLabel(self._preview_box)
        self._preview_title.setObjectName("warningsPreviewTitle")
        self._preview_title.setTextFormat(Qt.TextFormat.PlainText)  # it holds workout titles
        self._preview_title.setWordWrap(True)
        box.addWidget(self._preview_title)
        # What the whole drop would change, in one line on top: with many findings the
        # last cards lie below the fold, and nobody scrolls while holding the mouse button.
        self._preview_counts = QLabel(self._preview_box)
        self._preview_counts.setObjectName("warningsPreviewCounts")
        self._preview_counts.setWordWrap(True)
        box.addWidget(self._preview_counts)
        self._added_label = QLabel("WOULD ADD", self._preview_box)
        self._added_label.setObjectName("warningsPreviewAdded")
        box.addWidget(self._added_label)
        self._added_list = QVBoxLayout()
        self._added_list.setSpacing(6)
        box.addLayout(self._added_list)
        self._cleared_label = QLabel("WOULD CLEAR", self._preview_box)
        self._cleared_label.setObjectName("warningsPreviewCleared")
        box.addWidget(self._cleared_label)
        self._cleared_list = QVBoxLayout()
        self._cleared_list.setSpacing(6)
        box.addLayout(self._cleared_list)
        self._preview_note = QLabel("No change to the warnings.", self._preview_box)
        self._preview_note.setObjectName("warningsPreviewNote")
        box.addWidget(self._preview_note)
        self._preview_box.setVisible(False)
        column.addWidget(self._preview_box)

        self._list = QVBoxLayout()
        self._list.setSpacing(8)
        self._empty = _EmptyState(content)
        self._list.addWidget(self._empty)
        column.addLayout(self._list)
        column.addStretch(1)
        self._scroll.setWidget(content)
        outer.addWidget(self._scroll, 1)
        self._restyle()

    def _restyle(self) -> None:
        faded = muted(self.palette())
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        self._summary.setFont(font)
        palette = self._preview_note.palette()
        palette.setColor(QPalette.ColorRole.WindowText, faded)
        self._preview_note.setPalette(palette)
        self._preview_counts.setPalette(palette)
        self._preview_title.setFont(font)
        eyebrow = QFont(self.font())
        eyebrow.setPointSizeF(eyebrow.pointSizeF() * 0.8)
        eyebrow.setWeight(QFont.Weight.Bold)
        eyebrow.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 0.8)
        for label in (self._added_label, self._cleared_label):
            label.setFont(eyebrow)
            label.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._restyle()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(300, 480)

    # -- the week's findings ---------------------------------------------------------------
    @Slot()
    def _on_changed(self) -> None:
        findings = self._model.findings()
        week = self._model.week
        number = int(week.label().rsplit("W", 1)[1])
        self._summary.setText(f"Week {number} · {count_text(findings)}")
        if findings == self._shown and len(self._cards) == len(findings):
            self._refresh_selection()
            return
        self._shown = findings
        from planner.ui.finding_card import FindingCard

        while len(self._card_pool) < len(findings):
            card = FindingCard(findings[len(self._card_pool)], parent=self._scroll.widget())
            card.activated.connect(self._on_card_activated)
            self._list.insertWidget(len(self._card_pool), card)
            self._card_pool.append(card)
        self._cards = self._card_pool[: len(findings)]
        for card, finding in zip(self._cards, findings, strict=True):
            card.show_finding(finding)
            card.setVisible(True)
        for card in self._card_pool[len(findings) :]:
            card.setVisible(False)
        self._empty.setVisible(not findings)
        self._refresh_selection()

    def _refresh_selection(self) -> None:
        """Keep the open card open if its finding is still there; else let its days go."""
        selected = self._selected
        if selected is None:
            return
        match = next((f for f in self._shown if _key(f) == selected), None)
        if match is None:
            self._select(None)
        else:
            self._select(selected, force=True)

    @Slot(object)
    def _on_card_activated(self, finding: Finding) -> None:
        key = _key(finding)
        self._select(None if key == self._selected else key)

    def _select(self, key: _KEY | None, *, force: bool = False) -> None:
        if key == self._selected and not force:
            return
        previous, self._selected = self._selected, key
        for card in self._cards:
            card.set_selected(key is not None and _key(card.finding) == key)
        finding = next((f for f in self._shown if _key(f) == key), None) if key else None
        if finding is None:
            self._selected = None
            if previous is not None:
                self._state.highlight()
            return
        self._state.highlight(finding.days, self._model.involved(finding))

    @Slot()
    def _on_highlight_changed(self) -> None:
        """Something else changed the highlight: the open card closes."""
        if self._selected is None:
            return
        days = self._state.highlighted_days
        if days != frozenset(self._selected[1]):
            self._selected = None
            for card in self._cards:
                card.set_selected(False)

    # -- the drop preview ------------------------------------------------------------------
    @Slot()
    def _on_preview_changed(self) -> None:
        preview = self._model.preview()
        bar = self._scroll.verticalScrollBar()
        if preview is None:
            self._preview_cards = []
            self._preview_box.setVisible(False)
            if self._scrolled_before_preview is not None:  # back where the runner was
                bar.setValue(self._scrolled_before_preview)
                self._scrolled_before_preview = None
            return
        if self._scrolled_before_preview is None:
            self._scrolled_before_preview = bar.value()
        self._show_preview(preview)
        bar.setValue(0)  # the preview is on top

    def _show_preview(self, preview: DropPreview) -> None:
        self._preview_title.setText(f"Preview: {preview.description}")
        added = self._fill(self._added_pool, self._added_list, preview.added, "added")
        cleared = self._fill(self._cleared_pool, self._cleared_list, preview.cleared, "cleared")
        self._preview_cards = added + cleared
        counts = " · ".join(
            f"{verb} {count_text(findings)}"
            for verb, findings in (("adds", preview.added), ("clears", preview.cleared))
            if findings
        )
        self._preview_counts.setText(counts[:1].upper() + counts[1:])
        self._preview_counts.setVisible(bool(counts))
        self._added_label.setVisible(bool(added))
        self._cleared_label.setVisible(bool(cleared))
        self._preview_note.setVisible(not self._preview_cards)
        self._preview_box.setVisible(True)

    def _fill(
        self,
        pool: list[FindingCard],
        layout: QVBoxLayout,
        findings: Sequence[Finding],
        mark: CardMark,
    ) -> list[FindingCard]:
        """Show ``findings`` on the first cards of ``pool`` (made as needed); hide the rest."""
        from planner.ui.finding_card import FindingCard

        while len(pool) < len(findings):
            card = FindingCard(findings[len(pool)], mark=mark, parent=self._preview_box)
            layout.addWidget(card)
            pool.append(card)
        shown = pool[: len(findings)]
        for card, finding in zip(shown, findings, strict=True):
            if card.finding != finding:
                card.show_finding(finding, mark)
            card.setVisible(True)
        for card in pool[len(findings) :]:
            card.setVisible(False)
        return shown


class _PreviewBox(QFrame):
    """The preview's frame: a dashed outline in the highlight colour, never the plan itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningsPreview")
        self.setAccessibleName("Drop preview")
        # Preferred, like its cards: a Maximum height would squeeze their wrapped text.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setBrush(mix(palette.color(QPalette.ColorRole.Window), accent, 0.06))
        painter.setPen(QPen(accent, 1.5, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(rect, 8, 8)
        painter.end()


class _EmptyState(QWidget):
    """The "No warnings this week" state: a tick in a circle, the words, what the panel does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningsEmpty")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 24, 12, 12)
        layout.setSpacing(8)
        row = QHBoxLayout()
        self._icon = QLabel(self)
        self._icon.setFixedSize(40, 40)
        row.addStretch(1)
        row.addWidget(self._icon)
        row.addStretch(1)
        layout.addLayout(row)
        self._title = QLabel(EMPTY_TITLE, self)
        self._title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._title)
        self._text = QLabel(EMPTY_TEXT, self)
        self._text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._text.setWordWrap(True)
        layout.addWidget(self._text)
        self.setAccessibleName(EMPTY_TITLE)
        self._restyle()

    def _restyle(self) -> None:
        palette = self.palette()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setWeight(QFont.Weight.DemiBold)
        self._title.setFont(font)
        text_palette = self._text.palette()
        text_palette.setColor(QPalette.ColorRole.WindowText, muted(palette))
        self._text.setPalette(text_palette)
        self._icon.setPixmap(_tick(40, dark=is_dark(palette), ratio=self.devicePixelRatioF()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._restyle()
        super().changeEvent(event)


def _tick(size: int, *, dark: bool, ratio: float) -> QPixmap:
    """A green tick in a soft circle: all clear."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    green = QColor("#5cc48a" if dark else "#2e8b57")
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    soft = QColor(green)
    soft.setAlpha(40)
    painter.setBrush(soft)
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    path = QPainterPath()
    path.moveTo(size * 0.3, size * 0.52)
    path.lineTo(size * 0.45, size * 0.66)
    path.lineTo(size * 0.72, size * 0.36)
    painter.setPen(QPen(green, size * 0.08, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.end()
    return pixmap
