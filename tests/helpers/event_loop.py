"""Waiting on the event loop for what the app does "later": after a paint, on the next turn.

The app defers work with zero-delay timers (:func:`planner.ui.first_paint.after_first_paint`,
a view's pending redraw). Zero-delay timers run in the order they were started, so a marker
timer started now runs after every one started before it: :func:`next_turn` waits for that,
never for a length of time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def next_turn(qtbot: Any) -> None:
    """Wait until every zero-delay timer started so far has run (one turn of the loop)."""
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: turned.append(True))
    qtbot.waitUntil(lambda: bool(turned))


class _PaintCounter(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


@contextmanager
def repainted(qtbot: Any, widget: QWidget) -> Iterator[None]:
    """On leaving the block, wait until ``widget`` has painted again, and for the turn after.

    For what the block changes on screen, and what the app would do once that is painted.
    """
    counter = _PaintCounter(widget)
    try:
        yield
        qtbot.waitUntil(lambda: counter.paints > 0)
        next_turn(qtbot)
    finally:
        widget.removeEventFilter(counter)
        counter.deleteLater()
