"""The weigh-in tables' models: the Weight Log's weigh-ins and the Import Weights preview.

Both are read-only lists of rows with weights in the runner's units, named in the headers
of the columns that hold them (:class:`WeightRowsModel`).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QWidget

from planner.core import progress
from planner.core.formatting import format_weight
from planner.core.model import WeightEntry
from planner.core.settings import WeightUnits
from planner.interchange.weight_preview import PreviewRow
from planner.ui.dialogs.weigh_in_form import day_text
from planner.ui.style import error_color

#: The invisible root of a table model.
_ROOT = QModelIndex()
#: How numbers line up in a column.
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

Row = TypeVar("Row")


class WeightRowsModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of rows whose weights show in the runner's units.

    Attributes:
        HEADERS: the column titles.
        WEIGHT_COLUMNS: the columns holding weights, whose titles name the unit.
    """

    HEADERS: ClassVar[tuple[str, ...]] = ()
    WEIGHT_COLUMNS: ClassVar[frozenset[int]] = frozenset()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._units = WeightUnits.KG

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        title = self.HEADERS[section]
        return f"{title} ({self._units.weight_label})" if section in self.WEIGHT_COLUMNS else title


class WeighInModel(WeightRowsModel[tuple[WeightEntry, float]]):
    """The weigh-ins, newest first, with the 7-day mean, in the runner's units."""

    HEADERS = ("Day", "Weight", "7-day mean")
    WEIGHT_COLUMNS = frozenset({1, 2})

    def set_entries(self, entries: list[WeightEntry], units: WeightUnits) -> None:
        """Show ``entries`` (any order) in ``units``."""
        self.beginResetModel()
        trend = dict(progress.weight_trend(entries))
        ordered = sorted(entries, key=lambda e: e.day, reverse=True)
        self._rows = [(entry, trend[entry.day]) for entry in ordered]
        self._units = units
        self.endResetModel()

    def entry(self, row: int) -> WeightEntry:
        """The weigh-in shown on ``row``."""
        return self._rows[row][0]

    def row_of(self, day: date) -> int | None:
        """The row showing ``day``'s weigh-in, if any."""
        return next((i for i, (entry, _) in enumerate(self._rows) if entry.day == day), None)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        entry, mean = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return day_text(entry.day)
            value = entry.kg if index.column() == 1 else mean
            return f"{self._units.weight_from_kg(value):.1f}"  # one decimal: a column lines up
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return _RIGHT
        return None


class PreviewModel(WeightRowsModel[PreviewRow]):
    """The preview table: the examples of each kind of result, each kind followed by its count.

    Kinds (new, replacing, already logged, each kind of refusal) come in the order they first
    appear in the file, their rows in file order; a kind with more rows than
    :data:`~planner.interchange.weight_rows.EXAMPLES_PER_KIND` ends with an "and N more rows
    like these" line.
    """

    HEADERS = ("Row", "Day", "Weight", "Import")
    WEIGHT_COLUMNS = frozenset({2})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._error = error_color()

    def set_rows(self, rows: list[PreviewRow], units: WeightUnits, *, dark: bool) -> None:
        """Show ``rows`` with weights in ``units``."""
        self.beginResetModel()
        self._rows = rows
        self._units = units
        self._error = error_color(dark=dark)
        self.endResetModel()

    def rows(self) -> list[PreviewRow]:
        """The rows shown."""
        return list(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole and row.more and column < 3:
            return ""
        if role == Qt.ItemDataRole.FontRole and row.more:
            font = QFont()
            font.setItalic(True)
            return font
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
            return _RIGHT
        return None
