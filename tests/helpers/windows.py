"""The real main window on a plan file, built the app's way, shown, and closed after the test.

:func:`open_window` goes through the public seam :func:`planner.app.build_main_window`, so
the window is wired as after a normal start (controller, docks, actions, undo stack).
``qtbot`` closes it when the test ends, which closes its plan file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from planner.app import build_main_window
from planner.ui.main_window import MainWindow
from tests.helpers.dates import TODAY


def open_window(
    qtbot: Any,
    path: Path,
    *,
    today: date = TODAY,
    size: tuple[int, int] | None = None,
    charts: bool = False,
) -> MainWindow:
    """The real app on ``path``, shown, exposed and active (as after a normal start).

    ``size`` resizes it before it is shown; ``charts`` also waits until the Progress charts,
    built soon after the first paint, are there (so that building them does not happen in
    the middle of what the test measures).
    """
    window = build_main_window(path, today=today)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    with qtbot.waitExposed(window):
        window.show()
    if charts:
        qtbot.waitUntil(lambda: window.findChild(QWidget, "loadChart") is not None, timeout=10_000)
    return window


def undo_text(window: MainWindow) -> str:
    """What the Edit menu offers to undo, as the runner reads it ("Undo Move Easy run")."""
    return window.undo_action.text().replace("&", "")


def template_id(window: MainWindow, name: str) -> int:
    """The id of the library entry called ``name``."""
    template = next(t for t in window.controller.templates() if t.name == name)
    assert template.id is not None
    return template.id
