"""View ▸ Theme: the system's look, or Legwork's own light or dark palette, remembered.

A theme is applied to the whole application (style and palette), so every window follows it
at once: Qt sends each widget a palette change, the week and the library repaint from their
palette, the charts pick their colours again, and dialogs opened later start in it. The
choice is kept in QSettings; "System" gives back exactly the style and palette the
application started with.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QObject, QSettings, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QColor, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QStyleFactory, QWidget

#: Where the chosen theme is remembered.
THEME_KEY = "view/theme"


class Theme(enum.StrEnum):
    """The looks the runner can choose."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        """The menu text, with its mnemonic."""
        return {"system": "&System", "light": "&Light", "dark": "&Dark"}[self.value]


#: What "System" goes back to: the style's name and the palette the app started with.
_system: tuple[str, QPalette] | None = None


def _application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("a theme needs a running QApplication")
    return app


def _remember_system(app: QApplication) -> tuple[str, QPalette]:
    global _system
    if _system is None:
        style = app.style()
        _system = (style.name() if style is not None else "", QPalette(app.palette()))
    return _system


def dark_palette() -> QPalette:
    """Legwork's dark palette: soft light text on charcoal, the run blue for selection."""
    colors = {
        QPalette.ColorRole.Window: "#26282b",
        QPalette.ColorRole.WindowText: "#e4e6ea",
        QPalette.ColorRole.Base: "#1d1f22",
        QPalette.ColorRole.AlternateBase: "#2a2c30",
        QPalette.ColorRole.ToolTipBase: "#30333a",
        QPalette.ColorRole.ToolTipText: "#e4e6ea",
        QPalette.ColorRole.PlaceholderText: "#8a9099",
        QPalette.ColorRole.Text: "#e4e6ea",
        QPalette.ColorRole.Button: "#2f3237",
        QPalette.ColorRole.ButtonText: "#e4e6ea",
        QPalette.ColorRole.BrightText: "#ff8a80",
        QPalette.ColorRole.Light: "#474b52",
        QPalette.ColorRole.Midlight: "#3a3d43",
        QPalette.ColorRole.Mid: "#4b4f57",
        QPalette.ColorRole.Dark: "#17181a",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#3f7fd6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#6fa3e6",
        QPalette.ColorRole.LinkVisited: "#a98ae0",
    }
    palette = QPalette()
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, QColor("#70757e"))
    palette.setColor(disabled, QPalette.ColorRole.Highlight, QColor("#3a3d43"))
    palette.setColor(disabled, QPalette.ColorRole.Base, QColor("#222427"))
    return palette


def light_palette() -> QPalette:
    """Legwork's light palette: Fusion's own, with the run blue for selection."""
    style = QStyleFactory.create("Fusion")
    palette = QPalette(style.standardPalette()) if style is not None else QPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fc4"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#2f6fc4"))
    return palette


def apply_theme(theme: Theme) -> None:
    """Give the whole application ``theme`` (System: the look it started with)."""
    app = _application()
    style_name, palette = _remember_system(app)
    if theme is Theme.SYSTEM:
        current = app.style()
        if style_name and (current is None or current.name() != style_name):
            app.setStyle(style_name)
        app.setPalette(palette)
        return
    current = app.style()
    if current is None or current.name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(dark_palette() if theme is Theme.DARK else light_palette())


def saved_theme() -> Theme:
    """The theme chosen last (System when none was, or the setting is not one)."""
    text = QSettings().value(THEME_KEY, Theme.SYSTEM.value, type=str)
    try:
        return Theme(str(text))
    except ValueError:
        return Theme.SYSTEM


class ThemeMenu(QObject):
    """View ▸ Theme: System, Light and Dark, one of them checked; choosing one applies it.

    Args:
        parent: the window the menu belongs to.

    Attributes:
        menu: the submenu to put in the View menu.

    Signals:
        changed(str): a theme was chosen (its value: ``system``, ``light``, ``dark``).
    """

    changed = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.menu = QMenu("T&heme", parent)
        self.menu.setObjectName("themeMenu")
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self._actions: dict[Theme, QAction] = {}
        current = saved_theme()
        for theme in Theme:
            action = QAction(theme.label, self.menu)
            action.setCheckable(True)
            action.setChecked(theme is current)
            action.setData(theme.value)
            action.setStatusTip(
                "Follow the system's look"
                if theme is Theme.SYSTEM
                else f"Legwork in its {theme.value} colours"
            )
            self._group.addAction(action)
            self.menu.addAction(action)
            self._actions[theme] = action
        self._group.triggered.connect(self._on_triggered)
        if current is not Theme.SYSTEM:
            apply_theme(current)

    def action(self, theme: Theme) -> QAction:
        """The menu entry of ``theme``."""
        return self._actions[theme]

    def current(self) -> Theme:
        """The theme checked now."""
        return next(theme for theme, action in self._actions.items() if action.isChecked())

    def choose(self, theme: Theme) -> None:
        """Apply ``theme``, check it and remember it (what its menu entry does)."""
        self._actions[theme].setChecked(True)
        QSettings().setValue(THEME_KEY, theme.value)
        apply_theme(theme)
        self.changed.emit(theme.value)

    @Slot(QAction)
    def _on_triggered(self, action: QAction) -> None:
        self.choose(Theme(str(action.data())))
