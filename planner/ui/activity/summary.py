"""The activity's summary: sport and start as a heading, then its figures as small tiles.

Each tile is a caption in the muted colour over its value in a larger bold font, as fitness
apps show a session at a glance; only the figures the file recorded get a tile.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from planner.core.activity import Activity
from planner.core.settings import Units
from planner.ui.activity.text import heading, sport_words, summary_items
from planner.ui.style import muted

#: Tiles in a row.
_COLUMNS = 4


def _scaled(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    scaled = QFont(font)
    if scaled.pointSizeF() > 0:
        scaled.setPointSizeF(scaled.pointSizeF() * factor)
    scaled.setBold(bold)
    return scaled


class SummaryPanel(QWidget):
    """The heading (``Run``, ``Tuesday 17 November 2026, 07:30``) and the figure tiles.

    Args:
        activity: the activity.
        units: the runner's distance units.
        parent: the parent widget.
    """

    def __init__(self, activity: Activity, units: Units, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activitySummary")
        self.items = summary_items(activity, units)
        self._sport = QLabel(sport_words(activity), self)
        self._sport.setObjectName("activitySport")
        self._sport.setFont(_scaled(self.font(), 1.45, bold=True))
        self._when = QLabel(heading(activity), self)
        self._when.setObjectName("activityStart")
        self._captions: list[QLabel] = [self._when]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self._sport)
        layout.addWidget(self._when)
        grid = QGridLayout()
        grid.setContentsMargins(0, 10, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        value_font = _scaled(self.font(), 1.2, bold=True)
        caption_font = _scaled(self.font(), 0.9)
        for index, (caption, value) in enumerate(self.items):
            tile = QWidget(self)
            tile.setAccessibleName(f"{caption}: {value}")
            column = QVBoxLayout(tile)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            top = QLabel(caption, tile)
            top.setFont(caption_font)
            number = QLabel(value, tile)
            number.setFont(value_font)
            number.setObjectName("activityFigure")
            column.addWidget(top)
            column.addWidget(number)
            self._captions.append(top)
            grid.addWidget(tile, index // _COLUMNS, index % _COLUMNS)
        for column_index in range(_COLUMNS):
            grid.setColumnStretch(column_index, 1)
        layout.addLayout(grid)
        self.apply_palette()

    def apply_palette(self) -> None:
        """Captions in the palette's muted colour (again after a palette change)."""
        color = muted(self.palette())
        for label in self._captions:
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, color)
            label.setPalette(palette)

    def texts(self) -> dict[str, str]:
        """The figures shown, by caption."""
        return dict(self.items)
