"""Other platforms' standard keys, for tests that run on the offscreen platform.

The offscreen platform gives Qt's standard keys (``QKeySequence.StandardKey``) as Windows
does. A Linux desktop (X11, KDE, GNOME) gives more: ``Delete`` is also Ctrl+D (an Emacs key)
and Undo, Copy, Paste and Cut are also F14, F16, F18 and F20 (a Sun keyboard's keys). Those
extra keys made Ctrl+D do nothing in Legwork on Linux: it was Duplicate's key and Delete's.

:func:`use_key_scheme` makes ``QKeySequence.keyBindings`` answer as a Linux desktop does
(from then on: build the window afterwards), so a test on the offscreen platform presses the
same keys a Linux user has.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

StandardKey = QKeySequence.StandardKey

#: ``QKeySequence.keyBindings`` on a Linux desktop (Qt 6 on X11), for the keys Legwork uses;
#: the others are as the running platform gives them.
LINUX_DESKTOP: dict[QKeySequence.StandardKey, tuple[str, ...]] = {
    StandardKey.Undo: ("Ctrl+Z", "F14", "Undo"),
    StandardKey.Redo: ("Ctrl+Shift+Z", "Redo"),
    StandardKey.Cut: ("Ctrl+X", "Shift+Del", "F20", "Cut"),
    StandardKey.Copy: ("Ctrl+C", "Ctrl+Ins", "F16", "Copy"),
    StandardKey.Paste: ("Ctrl+V", "Ctrl+Shift+Ins", "Shift+Ins", "F18", "Paste"),
    StandardKey.Delete: ("Del", "Ctrl+D"),
    StandardKey.New: ("Ctrl+N", "New"),
    StandardKey.Open: ("Ctrl+O", "Open"),
    StandardKey.Find: ("Ctrl+F", "Find"),
    StandardKey.Print: ("Ctrl+P",),
    StandardKey.Quit: ("Ctrl+Q", "Exit"),
    StandardKey.Preferences: (),
    StandardKey.HelpContents: ("F1", "Help"),
}

#: The schemes tests walk: the running platform's own, and a Linux desktop's.
SCHEMES: dict[str, dict[QKeySequence.StandardKey, tuple[str, ...]] | None] = {
    "this platform": None,
    "a Linux desktop": LINUX_DESKTOP,
}


def use_key_scheme(
    monkeypatch: pytest.MonkeyPatch,
    scheme: dict[QKeySequence.StandardKey, tuple[str, ...]] | None,
) -> None:
    """From now until the test ends, standard keys are ``scheme``'s (``None``: this platform's)."""
    if scheme is None:
        return
    platform = QKeySequence.keyBindings

    def key_bindings(key: QKeySequence.StandardKey) -> list[QKeySequence]:
        if key in scheme:
            return [QKeySequence(text) for text in scheme[key]]
        return platform(key)

    monkeypatch.setattr(QKeySequence, "keyBindings", staticmethod(key_bindings))
