"""The activity view in a window-modal dialog, opened the one way every dialog opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from planner.core.activity import Activity
from planner.core.settings import Units
from planner.ui.activity.text import title
from planner.ui.activity.view import ActivityView
from planner.ui.dialog_opening import open_dialog


class ActivityDialog(QDialog):
    """A recorded activity's view with a Close button.

    Args:
        activity: the activity.
        units: the runner's distance units.
        parent: the window it blocks.
    """

    def __init__(self, activity: Activity, units: Units, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityDialog")
        self.setWindowTitle(title(activity))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.view = ActivityView(activity, units, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 8)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        has_plots = self.view.plots is not None
        self.resize(1080, 720) if has_plots else self.resize(620, 260)


def open_activity(activity: Activity, units: Units, parent: QWidget | None) -> ActivityDialog:
    """Open ``activity``'s view window-modally over ``parent``; deleted once closed."""
    dialog = ActivityDialog(activity, units, parent)
    open_dialog(dialog)
    return dialog
