"""The read-only banner: a strip across the top of the window while the plan can only be read."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from planner.ui.style import error_color, is_dark, mix

__all__ = ["ReadOnlyBanner", "fix_strip", "show_read_only_banner"]


def fix_strip(bar: QToolBar, name: str) -> None:
    """Make ``bar`` a fixed strip named ``name``: not moved, floated, nor hidden from a menu."""
    bar.setObjectName(name)
    bar.setAccessibleName(name)
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)
    bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)


class ReadOnlyBanner(QToolBar):
    """Says, for as long as the window is open, that the plan is read-only and why.

    A fixed tool bar (it cannot be moved, floated or hidden from the tool bar menu), so it
    sits above the week without the window's layout knowing about it.

    Args:
        reason: why the plan can only be read, in plain words.
        parent: the window.

    Attributes:
        label: the text shown.
    """

    def __init__(self, reason: str, parent: QWidget | None = None) -> None:
        super().__init__("Read-only", parent)
        fix_strip(self, "readOnlyBanner")
        # The reason names the plan's file and folder, which may look like markup: escaped.
        self._plain = (
            f"Read-only. {reason} You can look, print and export, but changes will not be saved."
        )
        self.label = QLabel(
            f"<b>Read-only.</b> {escape(reason)} You can look, print and export, but changes "
            "will not be saved.",
            self,
        )
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setContentsMargins(10, 6, 10, 6)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(self.label)
        palette = self.palette()
        dark = is_dark(palette)
        window = palette.color(QPalette.ColorRole.Window)
        palette.setColor(QPalette.ColorRole.Window, mix(window, error_color(dark=dark), 0.18))
        self.setPalette(palette)
        self.setAutoFillBackground(True)

    def text(self) -> str:
        """The banner's words, as they read."""
        return self._plain


def show_read_only_banner(window: QMainWindow, reason: str) -> ReadOnlyBanner:
    """Put the read-only banner across the top of ``window``, below its tool bars."""
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    banner = ReadOnlyBanner(reason, window)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, banner)
    return banner
