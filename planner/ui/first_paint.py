"""Start-up work the first frame does not need, run once a widget has first painted.

The window is built, shown and painted before anything that only matters a moment later:
:func:`after_first_paint` runs such work on the event loop's next turn after the widget's
first paint, so it never delays the populated week.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

__all__ = ["after_first_paint"]


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, on the event loop, after ``target`` has first painted."""

    def __init__(self, target: QWidget, then: Callable[[], object]) -> None:
        super().__init__(target)
        self._target: QWidget | None = target
        self._then = then
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # getattr: while this object's Python side is being freed, Qt may still filter events
        target = getattr(self, "_target", None)
        if target is not None and watched is target and event.type() == QEvent.Type.Paint:
            target.removeEventFilter(self)
            self._target = None
            QTimer.singleShot(0, self, self._run)
        return False

    @Slot()
    def _run(self) -> None:
        then, self._then = self._then, lambda: None
        then()
        self.deleteLater()


def after_first_paint(target: QWidget, then: Callable[[], object]) -> None:
    """Call ``then`` on the event loop's next turn after ``target`` first paints.

    ``then`` must not outlive ``target``: it is dropped, uncalled, if ``target`` is deleted
    first (say a method of ``target`` or of one of its children).
    """
    _AfterFirstPaint(target, then)
