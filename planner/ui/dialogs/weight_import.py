"""Import Weights: a CSV file's weigh-ins, previewed row by row before anything is written.

The dialog reads the file with :func:`planner.interchange.weights_csv.read_weights_csv` and
shows every row: new weigh-ins, those that would replace a different weight already logged
that day, those already logged, and the refused rows with the reason. Nothing is written
until the runner presses Import; then the accepted rows go in as one undo step. Days that
already hold a different weight are replaced only when the runner ticks the box that says
so; otherwise they keep their weigh-in. Refused rows are never imported, not even in part.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core.formatting import format_weight, weight_decimals_apart
from planner.core.model import WeightEntry
from planner.core.settings import Units
from planner.interchange.weights_csv import (
    DateOrder,
    ImportPlan,
    WeightFile,
    WeightFileError,
    WeightUnit,
    plan_import,
    read_weights_csv,
)
from planner.ui.controller import PlanController
from planner.ui.dialogs.errors import ErrorLabel
from planner.ui.dialogs.weight_log import day_text
from planner.ui.style import error_color, is_dark

#: Files larger than this are not weigh-in tables (ten years of daily weigh-ins is ~150 kB).
MAX_FILE_BYTES = 20 * 1024 * 1024
_ROOT = QModelIndex()


class PreviewRow:
    """One row of the preview: its row number, day, weight, and what importing does with it.

    Attributes:
        row: the row number in the file (the header is row 1).
        day: the day, when the row has one.
        kg: the weight in kilograms, when the row has one.
        status: what happens to it ("new", "replaces 72.4 kg", ...) or why it is refused.
        refused: whether the row is refused.
        conflict: whether it would replace a different weigh-in of that day.
        decimals: at most how many decimals its weight shows (more than one where it must
            read apart from the weigh-in it would replace: 71.84 against 71.8).
    """

    __slots__ = ("conflict", "day", "decimals", "kg", "refused", "row", "status")

    def __init__(
        self,
        row: int,
        day: date | None,
        kg: float | None,
        status: str,
        *,
        refused: bool = False,
        conflict: bool = False,
        decimals: int = 1,
    ) -> None:
        self.row = row
        self.day = day
        self.kg = kg
        self.status = status
        self.refused = refused
        self.conflict = conflict
        self.decimals = decimals


class PreviewModel(QAbstractTableModel):
    """The preview table: one line per row of the file, in file order."""

    HEADERS = ("Row", "Day", "Weight", "Import")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PreviewRow] = []
        self._units = Units.KM
        self._error = error_color()

    def set_rows(self, rows: list[PreviewRow], units: Units, *, dark: bool) -> None:
        """Show ``rows`` with weights in ``units``."""
        self.beginResetModel()
        self._rows = rows
        self._units = units
        self._error = error_color(dark=dark)
        self.endResetModel()

    def rows(self) -> list[PreviewRow]:
        """The rows shown."""
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == 2:
                return f"Weight ({self._units.weight_label})"
            return self.HEADERS[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(row.row)
            if column == 1:
                return day_text(row.day) if row.day is not None else "—"
            if column == 2:
                if row.kg is None:
                    return "—"
                return format_weight(row.kg, self._units, decimals=row.decimals, unit=False)
            return row.status
        if role == Qt.ItemDataRole.ForegroundRole and row.refused:
            return QBrush(self._error)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return row.status
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class WeightImportDialog(QDialog):
    """Preview a weight CSV and import its weigh-ins as one undo step.

    Args:
        controller: the plan controller.
        path: the CSV file (``None``: the dialog starts with "Choose File…").
        today: the day the app treats as today (later dates are refused).
        parent: the parent widget.
    """

    def __init__(
        self,
        controller: PlanController,
        path: Path | None,
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("weightImportDialog")
        self.setWindowTitle("Import Weights")
        self._controller = controller
        self._today = today
        self._path: Path | None = None
        self._data = b""
        self._file: WeightFile | None = None
        self._plan = ImportPlan()

        self.file_label = QLabel("No file chosen.", self)
        self.file_label.setObjectName("importFile")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QPushButton("&Choose File…", self)
        choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(choose)

        self.unit_combo = QComboBox(self)
        self.unit_combo.setObjectName("importUnit")
        for unit in WeightUnit:
            self.unit_combo.addItem(
                "kilograms (kg)" if unit is WeightUnit.KG else "pounds (lb)", unit.value
            )
        default_unit = WeightUnit.KG if controller.settings.units is Units.KM else WeightUnit.LB
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(default_unit.value))
        self.unit_note = QLabel(self)
        self.order_combo = QComboBox(self)
        self.order_combo.setObjectName("importDateOrder")
        self.order_combo.addItem("as the file shows", None)
        for order in DateOrder:
            self.order_combo.addItem(order.label, order.value)
        options = QHBoxLayout()
        unit_label = QLabel("&Weights in:", self)
        unit_label.setBuddy(self.unit_combo)
        order_label = QLabel("D&ates:", self)
        order_label.setBuddy(self.order_combo)
        options.addWidget(unit_label)
        options.addWidget(self.unit_combo)
        options.addWidget(self.unit_note)
        options.addSpacing(16)
        options.addWidget(order_label)
        options.addWidget(self.order_combo)
        options.addStretch(1)

        self.problem = ErrorLabel(self)
        self.problem.setObjectName("importProblem")
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("importPreview")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.replace_box = QCheckBox(self)
        self.replace_box.setObjectName("replaceExisting")
        self.replace_box.toggled.connect(self._update_button)

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(options)
        layout.addWidget(self.problem)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.replace_box)
        layout.addWidget(self.buttons)
        self.resize(640, 520)

        self.unit_combo.currentIndexChanged.connect(self.refresh)
        self.order_combo.currentIndexChanged.connect(self.refresh)
        if path is not None:
            self.load(path)
        else:
            self.refresh()

    # -- reading -------------------------------------------------------------------------------
    @property
    def weight_file(self) -> WeightFile | None:
        """What the file holds, once read."""
        return self._file

    @property
    def import_plan(self) -> ImportPlan:
        """What importing would do: new, replacing and unchanged weigh-ins."""
        return self._plan

    def entries_to_import(self) -> list[WeightEntry]:
        """The weigh-ins Import writes now (replacements only when the box is ticked)."""
        entries = list(self._plan.new)
        if self.replace_box.isChecked():
            entries.extend(incoming for _, incoming in self._plan.replacing)
        return sorted(entries, key=lambda e: e.day)

    def load(self, path: Path) -> bool:
        """Read ``path`` and show its preview; ``False`` when it could not be read."""
        self._path = path
        self.file_label.setText(str(path))
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise OSError(f"{path.name} is {size // (1024 * 1024)} MB: not a weigh-in table.")
            self._data = path.read_bytes()
        except OSError as error:
            self._data = b""
            self._file = None
            self._show_problem(f"Cannot read {path.name}: {error.strerror or error}")
            return False
        self.refresh()
        return True

    @Slot()
    def choose_file(self) -> None:
        """Ask for a CSV file and preview it."""
        start = str(self._path.parent) if self._path is not None else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Import Weights",
            start,
            "CSV files (*.csv *.txt *.tsv);;All files (*)",
        )
        if name:
            self.load(Path(name))

    @Slot()
    def refresh(self) -> None:
        """Read the file again with the chosen unit and date order, and show the preview."""
        self.problem.hide()
        self._plan = ImportPlan()
        self._file = None
        if self._path is None:
            self.summary.setText("Choose a CSV file with a date column and a weight column.")
            self.model.set_rows([], self._controller.settings.units, dark=is_dark(self.palette()))
            self._update_button()
            return
        unit = WeightUnit(self.unit_combo.currentData())
        order_value = self.order_combo.currentData()
        order = DateOrder(order_value) if order_value else None
        try:
            found = read_weights_csv(self._data, today=self._today, unit=unit, date_order=order)
        except WeightFileError as error:
            self._show_problem(str(error))
            if error.ambiguous_dates:
                self.order_combo.setFocus()
            return
        self._file = found
        self.unit_combo.setEnabled(not found.unit_in_header)
        self.unit_note.setText(
            f"(the file says {found.unit.value})" if found.unit_in_header else ""
        )
        entries = found.entries
        stored = (
            self._controller.weights(min(e.day for e in entries), max(e.day for e in entries))
            if entries
            else []
        )
        self._plan = plan_import(entries, stored)
        self._show_rows(found)

    # -- importing -----------------------------------------------------------------------------
    @Slot()
    def accept(self) -> None:
        """Import the accepted weigh-ins as one undo step, then close."""
        entries = self.entries_to_import()
        if not entries:
            return
        replace = self.replace_box.isChecked() and bool(self._plan.replacing)
        if self._controller.import_weights(entries, replace=replace):
            super().accept()

    # -- internals -----------------------------------------------------------------------------
    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
        self.summary.setText("Nothing can be imported from this file.")
        self.model.set_rows([], self._controller.settings.units, dark=is_dark(self.palette()))
        self.replace_box.hide()
        self._update_button()

    def _show_rows(self, found: WeightFile) -> None:
        units = self._controller.settings.units
        replacing = {incoming.day: stored for stored, incoming in self._plan.replacing}
        unchanged = {entry.day for entry in self._plan.unchanged}
        rows: list[PreviewRow] = []
        for accepted in found.accepted:
            day, kg = accepted.entry.day, accepted.entry.kg
            if day in replacing:
                logged = replacing[day].kg
                decimals = weight_decimals_apart(logged, kg, units)
                status = f"replaces {format_weight(logged, units, decimals=decimals)} (tick below)"
                rows.append(
                    PreviewRow(accepted.row, day, kg, status, conflict=True, decimals=decimals)
                )
            elif day in unchanged:
                rows.append(PreviewRow(accepted.row, day, kg, "already logged"))
            else:
                rows.append(PreviewRow(accepted.row, day, kg, "new"))
        for refused in found.refused:
            rows.append(
                PreviewRow(refused.row, None, None, f"refused: {refused.reason}", refused=True)
            )
        rows.sort(key=lambda r: r.row)
        self.model.set_rows(rows, units, dark=is_dark(self.palette()))
        parts = [f"{len(self._plan.new)} new"]
        if self._plan.replacing:
            parts.append(f"{len(self._plan.replacing)} on days that have another weight")
        if self._plan.unchanged:
            parts.append(f"{len(self._plan.unchanged)} already logged")
        text = f"{len(found.accepted)} weigh-ins in the file: " + ", ".join(parts) + "."
        if found.refused_count:
            count = found.refused_count
            text += f" {count} row{'s' * (count != 1)} refused (in red below) and not imported."
        self.summary.setText(text)
        count = len(self._plan.replacing)
        self.replace_box.setVisible(bool(count))
        self.replace_box.setChecked(False)
        self.replace_box.setText(
            f"Replace the {count} weigh-in{'s' * (count != 1)} already logged on the same "
            "day with the file's"
            if count
            else ""
        )
        self._update_button()

    def _update_button(self) -> None:
        count = len(self.entries_to_import())
        self.import_button.setEnabled(count > 0)
        self.import_button.setText(
            f"&Import {count} Weigh-in{'s' * (count != 1)}" if count else "&Import"
        )
