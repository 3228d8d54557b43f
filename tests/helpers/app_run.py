"""Driving the real ``app.run()``: answering its dialogs and closing its window as they come.

``run()`` only returns once its window is closed, so a test schedules :class:`Script` steps
first; each waits, on the Qt event loop (never on the clock), for what it acts on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.ui.dialogs.damaged_plan import PlanProblemChoice, PlanProblemDialog
from planner.ui.main_window import MainWindow

T = TypeVar("T")


class Script:
    """Waits for each dialog or window ``run()`` shows and acts on it, in order.

    ``then`` steps run on the event loop as soon as what they wait for is there; a step that
    never comes closes everything after about 30 s of event-loop turns, and :attr:`failed`
    says which.
    """

    def __init__(self) -> None:
        self.failed: str | None = None
        self.seen: dict[str, Any] = {}

    def when(self, what: str, find: Callable[[], T | None], then: Callable[[T], None]) -> None:
        def poll(left: int = 1500) -> None:
            found = find()
            if found is not None:
                then(found)
                return
            if left == 0:
                self.failed = f"never saw {what}"
                self._give_up()
                return
            _later(lambda: poll(left - 1))

        _later(poll)

    def _give_up(self) -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            box.close()
        QApplication.closeAllWindows()


def _later(callback: Callable[[], None]) -> None:
    QTimer.singleShot(20, callback)


def problem_dialog() -> PlanProblemDialog | None:
    """The "this plan cannot be opened" dialog, when it is the modal one."""
    box = QApplication.activeModalWidget()
    return box if isinstance(box, PlanProblemDialog) else None


def message_box() -> QMessageBox | None:
    """A modal message box other than the plan problem dialog."""
    box = QApplication.activeModalWidget()
    return box if isinstance(box, QMessageBox) and not isinstance(box, PlanProblemDialog) else None


def main_window() -> MainWindow | None:
    """The shown main window, once no modal dialog is in front of it."""
    if QApplication.activeModalWidget() is not None:
        return None
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


def describe(box: QMessageBox) -> dict[str, Any]:
    """What a message box says and offers, as the runner reads it."""
    return {
        "text": box.text(),
        "info": box.informativeText(),
        "details": box.detailedText(),
        "buttons": [b.text().replace("&", "") for b in box.buttons()],
    }


def answer(script: Script, choice: PlanProblemChoice) -> Callable[[PlanProblemDialog], None]:
    """A step that records the plan problem dialog, then presses its ``choice`` button."""

    def click(dialog: PlanProblemDialog) -> None:
        script.seen.setdefault("dialogs", []).append(describe(dialog))
        button = dialog.button_for(choice)
        if button is None:
            script.failed = f"no {choice} button"
            dialog.close()
            return
        button.click()

    return click


def record_and_close(
    script: Script, extra: Callable[[MainWindow], None] | None = None
) -> Callable[[MainWindow], None]:
    """A step that records the window's plan (path, workout count), then closes the window."""

    def close(window: MainWindow) -> None:
        script.seen["path"] = window.plan_path
        script.seen["workouts"] = window.controller.service.count_workouts()
        if extra is not None:
            extra(window)
        window.close()

    return close
