"""View ▸ Theme: System, Light and Dark, remembered, and followed by every window part."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from planner.ui.dialogs.go_to_date import GoToDateDialog
from planner.ui.style import is_dark
from planner.ui.theme import THEME_KEY, Theme, apply_theme, saved_theme
from tests.helpers.windows import open_window


@pytest.fixture(autouse=True)
def _back_to_system() -> Iterator[None]:
    """The theme is the whole application's: give the next test the look it started with."""
    yield
    apply_theme(Theme.SYSTEM)


def base_color(palette: QPalette) -> str:
    return palette.color(QPalette.ColorRole.Base).name()


def test_dark_is_applied_at_once_everywhere_and_remembered(qtbot: Any, db_path: Path) -> None:
    system = QPalette(QApplication.palette())
    window = open_window(qtbot, db_path)
    view = window.week_view
    light_pixels = view.grab().toImage()
    texts = [a.text().replace("&", "") for a in window.theme_menu.menu.actions()]
    assert texts == ["System", "Light", "Dark"]
    assert window.theme_menu.current() is Theme.SYSTEM

    window.theme_menu.action(Theme.DARK).trigger()
    assert is_dark(QApplication.palette())
    qtbot.waitUntil(lambda: is_dark(view.palette()))  # Qt posts the change to every widget
    for part in (view, window.library, window.library.view(), window.menuBar()):
        assert is_dark(part.palette()), part
    assert view.grab().toImage() != light_pixels  # the week repainted in the dark colours
    assert QSettings().value(THEME_KEY, type=str) == "dark"
    # A dialog opened now starts dark too.
    dialog = GoToDateDialog(window.state.today, window, today=window.state.today)
    qtbot.addWidget(dialog)
    assert is_dark(dialog.palette())
    window.close()

    again = open_window(qtbot, db_path)  # the next start keeps it
    assert saved_theme() is Theme.DARK
    assert again.theme_menu.current() is Theme.DARK
    assert is_dark(again.week_view.palette())

    again.theme_menu.action(Theme.SYSTEM).trigger()
    assert base_color(QApplication.palette()) == base_color(system)
    assert QSettings().value(THEME_KEY, type=str) == "system"


def test_light_is_light_whatever_the_system(qtbot: Any, db_path: Path) -> None:
    apply_theme(Theme.DARK)
    window = open_window(qtbot, db_path)
    window.theme_menu.action(Theme.LIGHT).trigger()
    assert not is_dark(QApplication.palette())
    qtbot.waitUntil(lambda: not is_dark(window.week_view.palette()))
    assert window.theme_menu.current() is Theme.LIGHT


def test_a_setting_that_is_no_theme_means_system(qtbot: Any) -> None:
    QSettings().setValue(THEME_KEY, "purple")
    assert saved_theme() is Theme.SYSTEM
