"""Opening a dialog for an answer: window-modal, the answer handed back, the dialog released.

Every editor and question the window asks works the same way: it opens with ``open()`` (not
``exec()``, which would run a nested event loop), the code that opened it is told once the
runner accepted it, with the dialog itself to read the answer from, and the dialog is deleted
after it closed, whatever the answer. :func:`open_dialog` is that one way, so no slot has to
recover its dialog with ``sender()``.

It lives outside :mod:`planner.ui.dialogs` so that start-up, which imports it, loads no dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QDialog

__all__ = ["open_dialog"]

D = TypeVar("D", bound=QDialog)


def open_dialog(
    dialog: D,
    on_accepted: Callable[[D], object] | None = None,
    *,
    on_finished: Callable[[], object] | None = None,
) -> None:
    """Open ``dialog`` window-modally; answer ``on_accepted(dialog)``; delete it once closed.

    The dialog should have a parent: that is the window it blocks.

    Args:
        dialog: the dialog, built and not yet shown.
        on_accepted: called with the dialog when it is accepted (its ``accepted`` signal: a
            ``QMessageBox`` is accepted by a button of the accept or yes role), never on Cancel,
            Escape or the close button.
        on_finished: called without arguments once the dialog closed, however it closed (after
            ``on_accepted``).
    """
    _Answer(dialog, partial(on_accepted, dialog) if on_accepted is not None else None, on_finished)
    dialog.open()


class _Answer(QObject):
    """Hands a dialog's answer on, then deletes the dialog; a child of it, so gone with it.

    A ``QObject`` with slots rather than lambdas connected to the dialog: the connections end
    when the dialog (and so this) is deleted.

    Args:
        dialog: the dialog.
        on_accepted: what to call when it is accepted.
        on_finished: what to call once it closed.
    """

    def __init__(
        self,
        dialog: QDialog,
        on_accepted: Callable[[], object] | None,
        on_finished: Callable[[], object] | None,
    ) -> None:
        super().__init__(dialog)
        self._on_accepted = on_accepted
        self._on_finished = on_finished
        dialog.accepted.connect(self._accepted)
        dialog.finished.connect(self._finished)

    @Slot()
    def _accepted(self) -> None:
        if self._on_accepted is not None:
            self._on_accepted()

    @Slot()
    def _finished(self) -> None:
        try:
            if self._on_finished is not None:
                self._on_finished()
        finally:
            dialog = self.parent()
            if dialog is not None:
                dialog.deleteLater()
