"""Review Missed…: walk through the plans whose day passed without a result, one at a time.

For each missed workout of the last four weeks (oldest first) the dialog shows what was
planned and offers Mark Done… (the editor, the plan as what was done), Mark Skipped, or
Leave Planned; the week view follows along, showing and selecting the workout in hand. Every
answer is one ordinary undo step, made through the controller.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.formatting import SEPARATOR, format_day, format_number, numbers_line
from planner.core.missed import REVIEW_DAYS, is_missed, missed_workouts, review_span
from planner.core.model import Status, Workout
from planner.core.pace import planned_pace
from planner.ui.controller import PlanController
from planner.ui.view_state import ViewState


class ReviewMissedDialog(QDialog):
    """One missed workout at a time: Mark Done…, Mark Skipped or Leave Planned.

    Args:
        controller: the plan controller (every answer goes through it).
        state: the view state ("today", and the selection the week view follows).
        parent: the parent widget.
    """

    def __init__(
        self, controller: PlanController, state: ViewState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewMissedDialog")
        self.setWindowTitle("Review Missed Workouts")
        self._controller = controller
        self._state = state
        start, end = review_span(state.today)
        self._queue = [
            w.id
            for w in missed_workouts(controller.workouts(start, end), state.today)
            if w.id is not None
        ]
        self._total = len(self._queue)
        self._counts = {"done": 0, "skipped": 0, "left": 0}
        self._current: Workout | None = None

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self._progress = QLabel(self)
        self._progress.setObjectName("reviewProgress")
        self._what = QLabel(self)
        self._what.setObjectName("reviewWorkout")
        self._what.setTextFormat(Qt.TextFormat.RichText)
        self._what.setWordWrap(True)
        self._what.setMinimumWidth(380)
        self._what.setMinimumHeight(self._what.fontMetrics().lineSpacing() * 4)
        layout.addWidget(self._progress)
        layout.addWidget(self._what)
        layout.addStretch(1)

        self._buttons = QDialogButtonBox(self)
        self._done = QPushButton("Mark &Done…", self)
        self._skip = QPushButton("Mark &Skipped", self)
        self._leave = QPushButton("&Leave Planned", self)
        self._done.setToolTip("Record what you did: the plan is filled in, ready to adjust")
        self._leave.setToolTip("Keep it as planned and go to the next one")
        for button in (self._done, self._skip, self._leave):
            self._buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self._close = self._buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self._buttons.rejected.connect(self.reject)
        self._done.clicked.connect(self.mark_done)
        self._skip.clicked.connect(self.mark_skipped)
        self._leave.clicked.connect(self.leave_planned)
        layout.addWidget(self._buttons)
        self._advance()

    # -- reading ---------------------------------------------------------------------------
    def current(self) -> Workout | None:
        """The missed workout in hand; ``None`` once every one was answered."""
        return self._current

    def remaining(self) -> int:
        """How many missed workouts are still to go, the current one included."""
        return len(self._queue) + (1 if self._current is not None else 0)

    def summary(self) -> str:
        """What the text shows now (for tests and screen readers)."""
        return f"{self._progress.text()}\n{self._what.text()}"

    def button(self, name: str) -> QPushButton:
        """The ``done``, ``skip``, ``leave`` or ``close`` button."""
        buttons = {"done": self._done, "skip": self._skip, "leave": self._leave}
        if name == "close":
            assert self._close is not None
            return self._close
        return buttons[name]

    # -- answers ---------------------------------------------------------------------------
    @Slot()
    def mark_done(self) -> None:
        """Open the editor to record the current workout as done."""
        from planner.ui.dialogs.workout_editing import edit_workout

        workout = self._current
        if workout is not None:
            title = f"Done: {workout.title}"
            edit_workout(
                self._controller, workout, self, self._on_saved, complete=True, title=title
            )

    def _on_saved(self, saved: Workout | None) -> None:
        if saved is not None:
            self._counts["done" if saved.status is Status.DONE else "left"] += 1
            self._advance()

    @Slot()
    def mark_skipped(self) -> None:
        """Mark the current workout skipped and go to the next one."""
        workout = self._current
        if (
            workout is not None
            and workout.id is not None
            and self._controller.set_status(workout.id, Status.SKIPPED)
        ):
            self._counts["skipped"] += 1
            self._advance()

    @Slot()
    def leave_planned(self) -> None:
        """Keep the current workout planned and go to the next one."""
        if self._current is not None:
            self._counts["left"] += 1
            self._advance()

    # -- moving on -------------------------------------------------------------------------
    def _advance(self) -> None:
        """Show the next workout that is still missed (another window may have changed it)."""
        self._current = None
        today = self._state.today
        while self._queue:
            workout = self._controller.workout(self._queue.pop(0))
            if workout is not None and workout.id is not None and is_missed(workout, today):
                self._current = workout
                self._state.select_workout(workout.id, workout.day)
                break
        self._show()

    def _show(self) -> None:
        workout = self._current
        answering = workout is not None
        for button in (self._done, self._skip, self._leave):
            button.setVisible(answering)
        if self._close is not None:
            self._close.setDefault(not answering)
        if workout is None:
            self._progress.setText(
                "<b>All caught up</b>" if self._total else "<b>Nothing missed</b>"
            )
            self._what.setText(self._closing_words())
            return
        number = self._total - len(self._queue)
        self._progress.setText(
            f"<b>Missed workout {number} of {self._total}</b> "
            f"(planned in the last {REVIEW_DAYS // 7} weeks, with no result)"
        )
        self._what.setText(_describe(workout, self._controller, self._state.today))
        self._done.setDefault(True)
        self._done.setFocus(Qt.FocusReason.OtherFocusReason)

    def _closing_words(self) -> str:
        if not self._total:
            return (
                f"Every plan of the last {REVIEW_DAYS // 7} weeks is done or skipped. "
                "Missed plans show a dashed outline and a “Missed” mark on the week."
            )
        counts = self._counts
        parts = []
        if counts["done"]:
            parts.append(f"{counts['done']} recorded as done")
        if counts["skipped"]:
            parts.append(f"{counts['skipped']} marked skipped")
        if counts["left"]:
            parts.append(f"{counts['left']} left planned")
        return (", ".join(parts) or "Nothing changed") + "."


def _describe(workout: Workout, controller: PlanController, today: date) -> str:
    units = controller.settings.units
    days_ago = (today - workout.day).days
    when = format_day(workout.day, long=True)
    ago = "yesterday" if days_ago == 1 else f"{days_ago} days ago"
    plan = numbers_line(workout.duration_min, workout.distance_km, None, units)
    pace = planned_pace(workout, units)
    if pace:
        plan = f"{plan}{SEPARATOR}{pace}"
    if workout.rpe is not None:
        effort = f"RPE {format_number(workout.rpe)}"
        plan = f"{plan}{SEPARATOR}{effort}" if plan else effort
    lines = [
        f"<p style='margin: 0;'><b>{html.escape(workout.title)}</b> "
        f"<span style='color: gray;'>({workout.kind.label})</span></p>",
        f"<p style='margin: 0;'>{html.escape(when)}, {ago}</p>",
    ]
    if plan:
        lines.append(f"<p style='margin: 0;'>Planned: {html.escape(plan)}</p>")
    return "".join(lines)
