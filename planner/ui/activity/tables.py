"""The activity's tables: its splits per kilometre or mile, and the laps the watch recorded.

Read-only tables with numbers right-aligned, as a runner scans them down a column; rows come
from :mod:`.text` (the splits from :func:`planner.core.splits.splits`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from planner.core.activity import Lap
from planner.core.settings import Units
from planner.core.splits import Split
from planner.ui.activity.text import lap_row, split_row

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class FiguresTable(QTableWidget):
    """A read-only table of figures: headers, then rows of text, numbers on the right.

    Args:
        object_name: the table's objectName (and accessible name's base).
        headers: the column headers.
        rows: the rows' texts.
        parent: the parent widget.
    """

    def __init__(
        self,
        object_name: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(len(rows), len(headers), parent)
        self.setObjectName(object_name)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setDefaultAlignment(_RIGHT)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setTextAlignment(_RIGHT)
                self.setItem(r, c, item)

    def texts(self) -> list[list[str]]:
        """Every row's texts, top to bottom."""
        rows = []
        for r in range(self.rowCount()):
            items = (self.item(r, c) for c in range(self.columnCount()))
            rows.append([item.text() if item is not None else "" for item in items])
        return rows


def splits_table(splits: Sequence[Split], units: Units, parent: QWidget) -> FiguresTable:
    """The splits: one row a kilometre (or mile), the last one perhaps part of one."""
    unit = units.distance_label
    headers = [unit, "Time", f"Pace ({units.pace_label})", "Avg HR", "Climb (m)"]
    rows = [split_row(s, units, last=i == len(splits) - 1) for i, s in enumerate(splits)]
    return FiguresTable("activitySplits", headers, rows, parent)


def laps_table(laps: Sequence[Lap], units: Units, parent: QWidget) -> FiguresTable:
    """The laps as the watch recorded them."""
    headers = ["Lap", "Time", units.distance_label, f"Pace ({units.pace_label})"]
    headers += ["Avg HR", "Max HR"]
    rows = [lap_row(number, lap, units) for number, lap in enumerate(laps, start=1)]
    return FiguresTable("activityLaps", headers, rows, parent)
