"""Keys pressed where a real keyboard sends them: to the widget that has the focus now."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

Key = Qt.Key
NO_MOD = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def press(qtbot: Any, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MOD) -> None:
    """Press a key where a real keyboard sends it: to the widget that has focus now."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClick(target, key, modifiers)


def type_text(qtbot: Any, text: str) -> None:
    """Type ``text`` into the widget that has focus now."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClicks(target, text)
