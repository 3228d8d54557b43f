"""Why your legs may feel heavy: the plan's evidence for a heavy-legs report, as cards.

The dialog shows what :func:`planner.core.heavy_legs.explain_heavy_legs` found for a day the
runner reported heavy legs: one card per cause the plan supports (its title, its evidence in
the runner's numbers, what to do), in the warning panel's look, then the guide's questions the
plan cannot answer. :func:`show_heavy_legs` reads the days the explanation needs and opens it.
Everything the runner typed is shown as plain text, never as markup.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.core.formatting import format_day
from planner.core.model import Severity
from planner.ui.finding_card import paint_card, style_label
from planner.ui.severity import severity_color
from planner.ui.style import is_dark, muted

if TYPE_CHECKING:
    from planner.core.heavy_legs import Cause, Explanation
    from planner.ui.controller import PlanController

__all__ = ["CauseCard", "HeavyLegsDialog", "show_heavy_legs"]

#: Causes told for their figures rather than as a warning: drawn in the info colour.
_INFORMATION = frozenset({"protein"})


class CauseCard(QFrame):
    """One cause the plan supports, on a card: its title, its evidence and what to do.

    Args:
        cause: the cause shown.
        parent: the parent widget.

    Attributes:
        cause: the cause shown.
    """

    def __init__(self, cause: Cause, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cause = cause
        self.setObjectName("heavyLegsCause")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # read aloud, one card after the next
        self._severity = Severity.INFO if cause.cause in _INFORMATION else Severity.WARNING
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 9, 12, 10)
        layout.setSpacing(4)
        self._title = self._label("causeTitle", cause.title)
        self._evidence = self._label("causeEvidence", cause.evidence)
        self._advice = self._label("causeAdvice", f"What to do: {cause.advice}")
        for label in (self._title, self._evidence, self._advice):
            layout.addWidget(label)
        self.setAccessibleName(cause.title)
        self.setAccessibleDescription(f"{cause.evidence} What to do: {cause.advice}")
        self._restyle()

    def _label(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def text(self) -> str:
        """What the card says: title, evidence and advice, a line each."""
        return "\n".join(label.text() for label in (self._title, self._evidence, self._advice))

    def _restyle(self) -> None:
        palette, font = self.palette(), self.font()
        text = palette.color(QPalette.ColorRole.WindowText)
        style_label(self._title, font, text, bold=True)
        style_label(self._evidence, font, text)
        style_label(self._advice, font, muted(palette))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._restyle()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_card(self, severity_color(self._severity, dark=is_dark(self.palette())))


class HeavyLegsDialog(QDialog):
    """The explanation of a heavy-legs report (``heavyLegsDialog``); Close or Esc closes it.

    Args:
        explanation: what the plan shows about the report.
        parent: the window it belongs to.
    """

    def __init__(self, explanation: Explanation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explanation = explanation
        self.setObjectName("heavyLegsDialog")
        day = format_day(explanation.day, long=True, year=True)
        self.setWindowTitle(f"Why your legs may feel heavy — {day}")
        outer = QVBoxLayout(self)
        outer.setSpacing(10)
        if explanation.causes:
            text = f"You reported heavy legs on {day}. This is what your plan shows:"
        else:
            text = (
                f"You reported heavy legs on {day}. Your plan shows none of the causes it can "
                "check in the days before it."
            )
        lead_label = self._text("heavyLegsLead", text)
        outer.addWidget(lead_label)

        cards = QWidget(self)
        column = QVBoxLayout(cards)
        column.setContentsMargins(0, 0, 4, 0)
        column.setSpacing(8)
        self.cards = [CauseCard(cause, cards) for cause in explanation.causes]
        for card in self.cards:
            column.addWidget(card)
        if explanation.questions:
            heading = self._text("heavyLegsQuestionsHeading", "What only you can tell")
            text_color = self.palette().color(QPalette.ColorRole.WindowText)
            style_label(heading, self.font(), text_color, bold=True)
            column.addSpacing(4)
            column.addWidget(heading)
        self.questions = [
            self._text("heavyLegsQuestion", f"•  {question}") for question in explanation.questions
        ]
        for label in self.questions:
            label.setContentsMargins(6, 0, 0, 0)
            column.addWidget(label)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("heavyLegsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(cards)
        outer.addWidget(scroll, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)  # Enter or Esc: read, closed
        # as tall as what it says (wrapped at its width), up to a height that leaves the week
        # in sight; more scrolls
        width = 600
        inner = width - 2 * outer.contentsMargins().left()
        height = (
            lead_label.heightForWidth(inner)
            + column.totalHeightForWidth(inner - 4)
            + buttons.sizeHint().height()
            + 2 * outer.spacing()
            + outer.contentsMargins().top()
            + outer.contentsMargins().bottom()
        )
        self.resize(width, min(height, 720))

    def _text(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    def card_titles(self) -> list[str]:
        """The titles of the cause cards, in order."""
        return [card.cause.title for card in self.cards]


def show_heavy_legs(controller: PlanController, day: date, parent: QWidget) -> HeavyLegsDialog:
    """Explain the heavy-legs report of ``day`` from the plan, in a dialog over ``parent``.

    Only the days the explanation looks at are read (its span). The dialog does not block the
    window (the runner may read it while going on, undo included); it replaces an explanation
    already open, and is deleted once closed.
    """
    from planner.core.heavy_legs import explain_heavy_legs, explanation_span

    start, end = explanation_span(day)
    settings = controller.settings
    explanation = explain_heavy_legs(
        controller.workouts(start, end),
        controller.weights(start, end),
        day,
        units=settings.units,
        weight_units=settings.weight_units,
        first_weekday=settings.first_weekday,
    )
    for shown in parent.findChildren(HeavyLegsDialog):
        shown.close()  # one explanation at a time: the newest
    dialog = HeavyLegsDialog(explanation, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
