"""Walking a window's commands the way Qt runs them, answering every dialog, recording problems.

The pieces of ``tests/ui/test_every_action.py``, usable by any widget test:

* :func:`recording_problems`: every Qt warning (but the platform noise in
  :data:`HARMLESS_QT_WARNINGS`) and every exception that reaches ``sys.excepthook`` while it
  is on, as a :class:`Problems` list;
* :class:`DialogAnswerer`: while it runs, a dialog that comes up is answered at once, the way
  a user cancels it (Esc), and a window that opens without being modal is closed;
* :class:`FileAnswers`: ``QFileDialog``'s static getters, answered without a dialog: "" (as
  Cancel does), or a real file of the kind asked for (a JSON export to import, a CSV of
  weigh-ins, a plan, a new ``.pdf`` or ``.png`` to write);
* :func:`press`: a key sequence pressed on the widget that has the keyboard, as a user does;
* :func:`menu_actions`: the actions of a menu and its submenus, as a user reaches them.
"""

from __future__ import annotations

import json
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    QUrl,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QMenu,
    QMessageBox,
    QWidget,
)
from shiboken6 import isValid

from planner.ui.actions import on_a_pc_keyboard

#: Qt warnings that say nothing about Legwork (each with why); every other warning is a failure.
HARMLESS_QT_WARNINGS: tuple[str, ...] = (
    # The offscreen platform has no window manager: it cannot pass size hints to one, raise
    # a window or make it active. A real desktop does all three.
    "This plugin does not support",
)


@dataclass
class Problems:
    """What went wrong while :func:`recording_problems` was on.

    Attributes:
        warnings: Qt warnings, critical and fatal messages ("Ambiguous shortcut overload").
        exceptions: tracebacks of exceptions that reached ``sys.excepthook`` (raised in a slot
            or an event handler: Qt goes on, the user sees at most a dialog).
    """

    warnings: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.warnings or self.exceptions)

    def clear(self) -> None:
        """Forget what was recorded so far."""
        self.warnings.clear()
        self.exceptions.clear()

    def report(self, what: str) -> str:
        """The problems as a failure message, headed by ``what`` was being done."""
        lines = [f"{what}:"]
        lines += [f"  Qt warning: {text}" for text in self.warnings]
        lines += [f"  exception:\n{text}" for text in self.exceptions]
        return "\n".join(lines)


@contextmanager
def recording_problems() -> Iterator[Problems]:
    """Record Qt warnings and uncaught exceptions until the block ends.

    The message handler before it (pytest-qt's) still gets every message.
    """
    problems = Problems()

    def on_message(kind: QtMsgType, context: QMessageLogContext, text: str) -> None:
        serious = kind in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        if serious and not any(harmless in text for harmless in HARMLESS_QT_WARNINGS):
            problems.warnings.append(text)
        if previous is not None:
            previous(kind, context, text)

    def on_exception(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        problems.exceptions.append("".join(traceback.format_exception(kind, value, tb)))

    previous = qInstallMessageHandler(on_message)
    hook = sys.excepthook
    sys.excepthook = on_exception
    try:
        yield problems
    finally:
        sys.excepthook = hook
        qInstallMessageHandler(previous)


# -- dialogs --------------------------------------------------------------------------------
def describe(widget: QWidget) -> str:
    """A dialog as a failure message names it: its class, object name and title."""
    name = widget.objectName() or "-"
    return f"{type(widget).__name__}({name}: {widget.windowTitle()!r})"


class DialogAnswerer(QObject):
    """While on, answers each dialog that comes up: cancels it, as a user pressing Esc does.

    Modal dialogs (``open()``, ``exec()``, ``QMessageBox.about``) get Esc, and when that does
    not close them (a message box without a Cancel button), their escape button or
    ``reject()``. Windows that were not there when it started (a non-modal dialog, a floating
    tooltip) are closed, and menus that pop up too. With :meth:`expect` it clicks buttons of
    the first dialog instead, one a turn while the dialog stays open (and cancels the dialogs
    a click brings up), then cancels it.

    Everything is done from a zero timer, never from the answering timer itself: a dialog
    that one answer opens with ``exec()`` runs a nested event loop in which this timer must
    fire again (Qt never re-enters a timer's slot).

    Args:
        keep: windows of these classes are left alone (the main window, its docks).

    Attributes:
        answered: each dialog answered, as :func:`describe` names it.
        first_buttons: the buttons of the first dialog (or the entries of the first menu)
            since :meth:`expect`, by their texts; ``None`` when none came up.
        first_is_menu: whether that was a menu.
        pressed: the texts of the buttons clicked, in order.
    """

    def __init__(self, keep: tuple[type[QWidget], ...]) -> None:
        super().__init__()
        self._keep = keep
        self._escaped: set[int] = set()
        self._busy = False
        self._press: list[str] = []
        self._first = True
        self._dialog: QWidget | None = None
        self.answered: list[str] = []
        self.first_buttons: list[str] | None = None
        self.first_is_menu = False
        self.pressed: list[str] = []
        self._timer = QTimer(self)
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._answer)

    def start(self) -> None:
        """Answer from now on (also inside the nested event loops of ``exec()``)."""
        self._timer.start()

    def stop(self) -> None:
        """Answer no more."""
        self._timer.stop()

    def expect(self, press: Sequence[str] = ()) -> None:
        """Watch for a first dialog again; click its buttons called ``press``, in order."""
        self._first = True
        self._press = list(press)
        self._dialog = None
        self.first_buttons = None
        self.first_is_menu = False
        self.pressed = []

    def others(self) -> list[QWidget]:
        """Visible windows that are not of a class to keep."""
        return [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget.isVisible() and not isinstance(widget, self._keep)
        ]

    @Slot()
    def _answer(self) -> None:
        if self._busy:
            return
        popup = QApplication.activePopupWidget()
        modal = QApplication.activeModalWidget()
        others = [] if popup is not None or modal is not None else self.others()
        target = popup or modal or next(iter(others), None)
        if target is None:
            return
        if self._first:
            self._first = False
            self._dialog = target
            self.first_buttons = [text for text, _ in clickables(target)]
            self.first_is_menu = isinstance(target, QMenu)
        if target is self._dialog and self._press:
            text = self._press.pop(0)
            click = dict(clickables(target)).get(text)
            if click is not None:
                self.pressed.append(text)
                self.answered.append(f"{describe(target)}: {text}")
                self._later(click)
                return
            self._press.clear()  # not offered now: the test opens the dialog again
        if popup is not None:
            self._later(popup.close)
        elif modal is not None:
            self._later(lambda: self._cancel(modal))
        else:
            self.answered.append(describe(target))
            self._later(target.close)

    def _later(self, do: Callable[[], object]) -> None:
        self._busy = True

        def run() -> None:
            self._busy = False
            do()

        QTimer.singleShot(0, run)

    def _cancel(self, dialog: QWidget) -> None:
        if not dialog.isVisible():
            return
        if id(dialog) not in self._escaped:
            self._escaped.add(id(dialog))
            self.answered.append(describe(dialog))
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
            return
        if isinstance(dialog, QMessageBox):
            button = dialog.escapeButton() or next(iter(dialog.buttons()), None)
            if button is not None:
                button.click()
                return
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()


def clickables(widget: QWidget) -> list[tuple[str, Callable[[], None]]]:
    """What a user can click in a dialog or a menu that popped up: (its text, a click on it)."""
    if isinstance(widget, QMenu):
        return [
            (action_text(action), partial(_click_item, widget, action))
            for action in widget.actions()
            if not action.isSeparator() and action.isEnabled() and action.isVisible()
        ]
    return [(button_text(button), partial(_click, button)) for button in dialog_buttons(widget)]


def _click(button: QAbstractButton) -> None:
    if isValid(button) and button.isVisible():
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _click_item(menu: QMenu, action: QAction) -> None:
    if isValid(menu) and menu.isVisible():
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def action_text(action: QAction) -> str:
    """An action as people read it: no ``&`` mnemonic and no key column after a tab."""
    text = action.text().split("\t", 1)[0]
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def button_text(button: QAbstractButton) -> str:
    """A button as a failure message names it: its text, else its tooltip or object name."""
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text or button.toolTip() or button.objectName() or type(button).__name__


def dialog_buttons(dialog: QWidget) -> list[QAbstractButton]:
    """The buttons of one of Legwork's dialogs a user can click, in a stable order.

    Qt's own print and print preview dialogs are left out: they are Qt's, and their Print
    button prints.
    """
    if not (type(dialog).__module__.startswith("planner.") or isinstance(dialog, QMessageBox)):
        return []
    return [
        button
        for button in dialog.findChildren(QAbstractButton)
        if button.isVisibleTo(dialog) and button.isEnabled() and button.window() is dialog
    ]


def settle(qtbot: Any, answerer: DialogAnswerer, timeout_ms: int = 8000) -> None:
    """Let the event loop run until no dialog, menu or extra window is left on screen."""

    def calm() -> bool:
        return (
            QApplication.activeModalWidget() is None
            and QApplication.activePopupWidget() is None
            and not answerer.others()
            and not _reading_now()  # files read in the background: their dialog comes after
        )

    for _ in range(3):  # what the step posted or timed for "as soon as possible" runs first
        QApplication.processEvents()
    if not calm():
        qtbot.waitUntil(calm, timeout=timeout_ms)


def _reading_now() -> int:
    """How many files are being read in the background (Import Activities…, Weights…)."""
    reading = sys.modules.get("planner.ui.dialogs.weight_reading")
    return reading.reading_now() if reading is not None else 0


# -- file dialogs ---------------------------------------------------------------------------
class FileAnswers:
    """``QFileDialog``'s static getters, answered at once: "" (Cancel), or a real file.

    Args:
        folder: where the files given and the files to write go.
        files: by suffix (``".json"``), the existing file to give when one is asked to open.

    Attributes:
        give_files: answer with a real file (else "", as Cancel does).
        asked: each question as (``"open"`` or ``"save"``, title, filters).
        shown: the addresses given to the desktop to show (a folder).
    """

    def __init__(self, folder: Path, files: dict[str, Path]) -> None:
        self._folder = folder
        self._files = files
        self.give_files = False
        self.asked: list[tuple[str, str, str]] = []
        self.shown: list[str] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Answer the static getters from now until the test ends.

        ``QDesktopServices.openUrl`` (Show in Folder) is recorded too, not done: on a
        developer's desktop it would open a file manager.
        """
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(self._open))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self._save))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(self._open_many))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(self._folder_of))
        monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(self._show))

    def _show(self, url: QUrl) -> bool:
        self.shown.append(url.toString())
        return True

    def _open(
        self, _parent: object = None, caption: str = "", _dir: str = "", filters: str = "", *_: Any
    ) -> tuple[str, str]:
        self.asked.append(("open", caption, filters))
        if not self.give_files:
            return "", ""
        for suffix in _suffixes(filters):
            if suffix in self._files:
                return str(self._files[suffix]), filters.split(";;", 1)[0]
        return "", ""

    def _open_many(self, *args: Any, **_: Any) -> tuple[list[str], str]:
        name, chosen = self._open(*args)
        return ([name] if name else []), chosen

    def _save(
        self, _parent: object = None, caption: str = "", _dir: str = "", filters: str = "", *_: Any
    ) -> tuple[str, str]:
        self.asked.append(("save", caption, filters))
        if not self.give_files:
            return "", ""
        suffix = next(iter(_suffixes(filters)), "")
        stem = re.sub(r"\W+", "-", caption.lower()).strip("-") or "saved"
        path = self._folder / f"{stem}-{len(self.asked)}{suffix}"
        return str(path), filters.split(";;", 1)[0]

    def _folder_of(self, *args: Any, **_: Any) -> str:
        self.asked.append(("folder", str(args[1]) if len(args) > 1 else "", ""))
        return str(self._folder) if self.give_files else ""


def _suffixes(filters: str) -> list[str]:
    """The suffixes a filter string names, in its order (``".json"``, ``".csv"`` …)."""
    return [f".{found}" for found in re.findall(r"\*\.(\w+)", filters)]


def example_files(folder: Path) -> dict[str, Path]:
    """Files a user might pick to open: a Legwork JSON export and a CSV of weigh-ins."""
    folder.mkdir(parents=True, exist_ok=True)
    export = folder / "workouts.json"
    export.write_text(
        json.dumps(
            [
                {
                    "day": "2026-11-20",
                    "kind": "run",
                    "title": "Imported run",
                    "duration_min": 30,
                    "distance_km": 5,
                }
            ]
        ),
        encoding="utf-8",
    )
    weights = folder / "weights.csv"
    weights.write_text("date,weight\n2026-11-10,70.5\n2026-11-12,70.2\n", encoding="utf-8")
    return {".json": export, ".csv": weights}


# -- keys and menus -------------------------------------------------------------------------
def press(qtbot: Any, sequence: QKeySequence) -> QWidget:
    """Press ``sequence`` where a keyboard sends it: to the widget that has the focus.

    Keys that type no character on a PC (the Undo, New or Exit keys of other keyboards) are
    sent without text: QTest would warn that it cannot make one up.
    """
    target = QApplication.focusWidget()
    assert target is not None, f"nothing has the keyboard to press {sequence.toString()}"
    for index in range(sequence.count()):
        combination = sequence[index]  # type: ignore[index]  # (the stubs lack __getitem__)
        key, modifiers = combination.key(), combination.keyboardModifiers()
        if on_a_pc_keyboard(QKeySequence(combination)):
            qtbot.keyClick(target, key, modifiers)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, target, key, "", modifiers)
    return target


def menu_actions(menu: QMenu, path: str = "") -> Iterator[tuple[str, QAction]]:
    """Each action of ``menu`` and its submenus as ("Menu ▸ Item", action), filled first.

    A menu filled when it is about to show (File ▸ Open Recent) is filled as showing does.
    """
    menu.aboutToShow.emit()
    for action in menu.actions():
        if action.isSeparator():
            continue
        text = action_text(action)
        where = f"{path} ▸ {text}" if path else text
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from menu_actions(submenu, where)
        else:
            yield where, action


class Hits(QObject):
    """Counts how often a signal fired (a slot, not a lambda: no dead wrappers)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    @Slot()
    def hit(self) -> None:
        self.count += 1


def counting(action: QAction) -> Hits:
    """A counter of ``action``'s ``triggered`` (kept alive by the caller)."""
    hits = Hits()
    action.triggered.connect(hits.hit)
    return hits


def fire(callback: Callable[[], object]) -> None:
    """Run ``callback`` from the event loop (as a key or click would), not from the test."""
    QTimer.singleShot(0, callback)
