"""Driving the window as a user does, from the self-test.

Wait for it, find its parts, answer its file dialogs. Qt is imported on first use, after the
run has pointed HOME elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from planner.smoke.alarm import SmokeError

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QAction

    _Q = TypeVar("_Q", bound=QObject)

#: How long one step may wait for the app, in seconds (the watchdog still has the last word).
STEP_WAIT_S = 20.0


def wait_until(what: str, condition: Callable[[], bool], timeout_s: float = STEP_WAIT_S) -> None:
    """Run the event loop until ``condition()`` holds; :class:`SmokeError` after the wait."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(20)

    def check() -> None:
        if condition():
            loop.quit()

    poll.timeout.connect(check)
    poll.start()
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(round(timeout_s * 1000))
    loop.exec()
    poll.stop()
    if not condition():
        raise SmokeError(f"{what}: not within {timeout_s:g} s")


def child(parent: QObject, kind: type[_Q], name: str) -> _Q:
    """The child of ``parent`` named ``name``; :class:`SmokeError` when there is none."""
    found = parent.findChild(kind, name)
    if found is None:
        raise SmokeError(f"no {name} in the window")
    return found


def wait_for_child(parent: QObject, kind: type[_Q], name: str, what: str) -> _Q:
    """The child named ``name``, once it exists (``what`` names the wait)."""
    wait_until(what, lambda: parent.findChild(kind, name) is not None)
    return child(parent, kind, name)


def answer_file_dialog(action: QAction, answer: str) -> None:
    """Trigger ``action`` and answer the file dialog it opens with ``answer``, as a user would.

    A message box that comes up instead (or after) fails the run with what it says.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

    answered: list[bool] = []

    def answer_it() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            poll.stop()
            raise SmokeError(f"{action.text()!r} asked: {dialog.text()} {dialog.informativeText()}")
        if isinstance(dialog, QFileDialog) and not answered:
            answered.append(True)
            # As a user does: go to the folder, type the name, press Enter.
            dialog.setDirectory(str(Path(answer).parent))
            child(dialog, QLineEdit, "fileNameEdit").setText(Path(answer).name)
            QTimer.singleShot(0, dialog.accept)  # not in this slot: a message box may follow

    poll = QTimer()
    poll.setInterval(20)
    poll.timeout.connect(answer_it)
    poll.start()
    QTimer.singleShot(0, action.trigger)
    try:
        wait_until(f"a file dialog from {action.text()!r}", lambda: bool(answered))
        wait_until(
            f"the file dialog from {action.text()!r} closes",
            lambda: not isinstance(QApplication.activeModalWidget(), QFileDialog),
        )
    finally:
        poll.stop()
