"""Help ▸ Keyboard Shortcuts: every command's keys, grouped as the menus group them.

The list is built from the window's menus and its action table, so it can never miss a
command or show a key the command does not have. Actions are named as the table names them
("Undo"), never with their current target ("Undo Move Easy run to Monday"). The dialog fits
a 720-pixel-high screen: the list scrolls, the dialog does not grow past the screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

#: A group of the list: its title, then (what, keys) rows.
ShortcutGroup = tuple[str, Sequence[tuple[str, str]]]

#: The tallest the dialog gets, and the share of the screen's height it may take.
MAX_HEIGHT = 640
SCREEN_SHARE = 0.85


class ShortcutsDialog(QDialog):
    """The keyboard shortcuts, one section per menu, in a list that scrolls.

    Args:
        groups: the sections: a menu's title and its rows.
        parent: the parent widget (the dialog fits the screen it is on).
    """

    def __init__(self, groups: Sequence[ShortcutGroup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self._groups = [(title, list(rows)) for title, rows in groups]
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        intro = QLabel(
            "Every command has a key. Those that act on a workout need the week focused."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self._tree = QTreeWidget(self)
        self._tree.setObjectName("shortcutsList")
        self._tree.setColumnCount(2)
        self._tree.setHeaderLabels(["Command", "Keys"])
        self._tree.setRootIsDecorated(False)
        self._tree.setUniformRowHeights(True)
        self._tree.setAlternatingRowColors(True)
        self._tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self._tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        header = self._tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        bold = QFont(self._tree.font())
        bold.setWeight(QFont.Weight.DemiBold)
        for title, rows in self._groups:
            section = QTreeWidgetItem(self._tree, [title])
            section.setFont(0, bold)
            section.setFirstColumnSpanned(True)
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for what, keys in rows:
                QTreeWidgetItem(section, [what, keys])
            section.setExpanded(True)
        layout.addWidget(self._tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(self._fitting_size())

    def groups(self) -> list[ShortcutGroup]:
        """The sections shown: each menu's title and its (what, keys) rows."""
        return [(title, list(rows)) for title, rows in self._groups]

    def _fitting_size(self) -> QSize:
        """Wide enough for the keys, as tall as the list or the screen allows."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen is not None else QSize(1024, 720)
        rows = sum(len(rows) + 1 for _, rows in self._groups)
        wanted = rows * (self._tree.fontMetrics().height() + 8) + 140
        return QSize(min(620, round(available.width() * 0.9)), fitting_height(wanted, available))


def fitting_height(wanted: int, available: QSize) -> int:
    """The dialog's height: what the list wants, but never more than the screen allows."""
    return min(wanted, MAX_HEIGHT, round(available.height() * SCREEN_SHARE))
