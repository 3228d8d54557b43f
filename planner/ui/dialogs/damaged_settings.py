"""The notice for settings the plan file holds but Legwork could not read.

A damaged or hand-edited settings table never stops a plan opening: each value that cannot
be used falls back to its default (see :func:`planner.core.settings.from_strings`). A runner
who set miles and now sees kilometres must be told why, once, without being stopped: this
non-modal box names each damaged setting, the value used instead, and that saving
Preferences writes them back whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.core.settings import DamagedSetting

__all__ = ["NOTICE_NAME", "damaged_settings_notice"]

#: The notice's ``objectName``.
NOTICE_NAME = "damagedSettingsNotice"


def damaged_settings_notice(
    damaged: Sequence[DamagedSetting],
    parent: QWidget,
    open_preferences: Callable[[], object],
) -> QMessageBox:
    """A non-modal box about ``damaged``, shown; *Preferences…* calls ``open_preferences``.

    The box deletes itself when closed. Stored text is shown as it is, never as markup.
    """
    one = len(damaged) == 1
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Damaged settings",
        "A setting of this plan is damaged: Legwork uses its default."
        if one
        else f"{len(damaged)} settings of this plan are damaged: Legwork uses their defaults.",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName(NOTICE_NAME)
    box.setTextFormat(Qt.TextFormat.PlainText)
    lines = "\n".join(f"• {item.describe()}" for item in damaged)
    box.setInformativeText(
        f"{lines}\n\nSaving Preferences rewrites {'it' if one else 'them'} with the values "
        "shown there; until then the plan file keeps what it holds."
    )
    preferences = box.addButton("&Preferences…", QMessageBox.ButtonRole.ActionRole)
    preferences.clicked.connect(open_preferences)
    close = box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box
