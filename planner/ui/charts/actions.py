"""The window's commands for progress: weigh-ins, weight import, chart export, the charts dock.

:class:`ProgressActions` makes :class:`~planner.ui.actions.ActionSpec` rows the main window
puts in its action table (so they are in the menus and in Help ▸ Keyboard Shortcuts), and
opens the dialogs when they are first used. It imports neither pyqtgraph nor the dialogs
until then. The window places them: File (Import Weights…, Export Chart as PNG…), Edit
(Log Weight…, Weight Log…) and View (Charts, Focus Charts).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QWidget

from planner.core.formatting import format_weight
from planner.ui.actions import ActionSpec, dock_toggle
from planner.ui.charts.dock import ChartsDock
from planner.ui.controller import PlanController
from planner.ui.view_state import ViewState


class ProgressActions(QObject):
    """Log Weight…, Weight Log…, Import Weights…, Export Chart as PNG…, and the charts dock.

    Args:
        window: the main window (the dialogs' parent).
        controller: the plan controller.
        state: the view state ("today" comes from it).
        dock: the charts dock.

    Signals:
        message(str): something for the status bar.
    """

    message = Signal(str)

    def __init__(
        self,
        window: QWidget,
        controller: PlanController,
        state: ViewState,
        dock: ChartsDock,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._state = state
        self._dock = dock
        dock.add_empty_action("weightChart", "Log Weight…", self.log_weight)
        dock.add_empty_action("weightChart", "Import Weights…", self.import_weights)

    def specs(self) -> list[ActionSpec]:
        """The rows for the window's action table."""
        return [
            ActionSpec(
                "log_weight",
                "&Log Weight…",
                self.log_weight,
                ("Ctrl+Shift+L",),
                tip="Record your body weight (today unless you pick another day)",
            ),
            ActionSpec(
                "weight_log",
                "&Weight Log…",
                self.show_weight_log,
                ("Ctrl+Shift+J",),
                tip="See, change and delete your weigh-ins",
            ),
            ActionSpec(
                "import_weights",
                "&Import Weights…",
                self.import_weights,
                ("Ctrl+Shift+I",),
                tip="Bring in weigh-ins from a CSV file with a date and a weight column",
                icon="document-import",
            ),
            ActionSpec(
                "export_chart",
                "Export C&hart as PNG…",
                self.export_chart,
                ("Ctrl+Shift+X",),
                tip="Save the chart you last pointed at (or all three) as a PNG image",
                icon="document-export",
            ),
            dock_toggle("charts", "&Charts", self._dock, "Ctrl+Shift+K"),
            ActionSpec("focus_charts", "Focus C&harts", self.focus_charts, ("Ctrl+3",)),
        ]

    @property
    def today(self) -> date:
        """The day the app treats as today (from the view state)."""
        return self._state.today

    # -- slots ---------------------------------------------------------------------------------
    @Slot()
    def log_weight(self) -> None:
        """Open the quick "Log Weight" dialog, for today."""
        from planner.ui.dialogs.weight_log import LogWeightDialog

        dialog = LogWeightDialog(self._controller, today=self.today, parent=self._window)
        dialog.accepted.connect(lambda: self._logged(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def show_weight_log(self) -> None:
        """Open the Weight Log (every weigh-in, to add, change and delete)."""
        from planner.ui.dialogs.weight_log import WeightLogDialog

        dialog = WeightLogDialog(self._controller, today=self.today, parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    @Slot()
    def import_weights(self) -> None:
        """Choose a CSV file and open its import preview.

        A slot without parameters on purpose: ``QAction.triggered`` passes ``checked``
        (``False``), which a ``path`` parameter would take for the file.
        """
        name, _ = QFileDialog.getOpenFileName(
            self._window,
            "Import Weights",
            str(Path.home()),
            "CSV files (*.csv *.txt *.tsv);;All files (*)",
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Open the import preview of the CSV file ``path``."""
        from planner.ui.dialogs.weight_import import WeightImportDialog

        dialog = WeightImportDialog(self._controller, path, today=self.today, parent=self._window)
        dialog.accepted.connect(lambda: self.message.emit(f"Imported weigh-ins from {path.name}"))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @Slot()
    def export_chart(self) -> None:
        """Export the chart last pointed at (all three when none was) as PNG."""
        panel = self._dock.build()
        panel.ask_export(panel.current_chart())

    @Slot()
    def focus_charts(self) -> None:
        """Show the charts and move the keyboard focus to them."""
        self._dock.show()
        self._dock.raise_()
        panel = self._dock.build()
        panel.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _logged(self, dialog: QObject) -> None:
        saved = getattr(dialog, "saved", None)
        if saved is not None:
            weight = format_weight(saved.kg, self._controller.settings.weight_units)
            self.message.emit(f"Logged {weight} for {saved.day.isoformat()}")
