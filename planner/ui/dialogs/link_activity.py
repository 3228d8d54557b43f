"""Link…: choosing which recorded activity a planned workout was (issue 16, item 3).

:class:`LinkActivityDialog` lists the unlinked activities the plan offers for a workout
(same kind, within 14 days; ranked as the service ranks them: the nearest day first, then
the closest duration), the best one selected, so Enter links it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.formatting import SEPARATOR, escape_html, format_day
from planner.core.matching import StoredActivity
from planner.core.model import Workout
from planner.core.settings import Units
from planner.ui.week.recorded import Recorded, recorded_words


def candidate_line(stored: StoredActivity, units: Units) -> str:
    """``Tue 17 Nov · Trail run, 12.4 km, 1 h 05``: an activity as the list shows it."""
    day = format_day(stored.activity.local_day)
    return f"{day}{SEPARATOR}{recorded_words(Recorded.of(stored), units)}"


class LinkActivityDialog(QDialog):
    """Pick the recorded activity a workout was; OK links it.

    Args:
        workout: the workout to link.
        candidates: the activities on offer, best first (at least one).
        units: the runner's distance units.
        parent: the window it blocks.
    """

    def __init__(
        self,
        workout: Workout,
        candidates: Sequence[StoredActivity],
        units: Units,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linkActivityDialog")
        self.setWindowTitle("Link Activity")
        assert workout.id is not None
        #: The workout to link.
        self.workout_id: int = workout.id
        self._candidates = list(candidates)
        layout = QVBoxLayout(self)
        day = format_day(workout.day)
        intro = QLabel(f"Which recorded activity was <b>{escape_html(workout.title)}</b> on {day}?")
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setObjectName("linkCandidates")
        self.list.setAccessibleName("Recorded activities to link")
        for stored in self._candidates:
            QListWidgetItem(candidate_line(stored, units), self.list)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(self.accept)
        layout.addWidget(self.list)
        note = QLabel("The workout becomes done as recorded; Unlink gives it back as it is now.")
        note.setWordWrap(True)
        note.setEnabled(False)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Link")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(420, self.sizeHint().height())

    def chosen(self) -> int | None:
        """The selected activity's id (``None`` when nothing is selected)."""
        row = self.list.currentRow()
        return self._candidates[row].id if 0 <= row < len(self._candidates) else None
