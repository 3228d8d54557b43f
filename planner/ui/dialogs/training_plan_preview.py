"""New Training Plan…'s preview: the plan a month at a time as a draft, and its weeks' distances.

The month is a standalone, read-only :class:`~planner.ui.month.view.MonthView` that follows
the plan file (what is there already shows as it is) with the generated workouts on top as
hatched draft chips: not in the plan until Apply. Beside it, each week's phase, run distance
and long run, and a line that sums the plan up.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.formatting import SEPARATOR, format_day, format_distance, format_number
from planner.core.generator import GeneratedPlan
from planner.core.model import Finding, Severity
from planner.core.months import add_months, month_start
from planner.core.settings import Units
from planner.ui.controller import PlanController
from planner.ui.dialogs.errors import ErrorLabel
from planner.ui.month.view import MonthView

__all__ = ["TrainingPlanPreview", "plan_summary"]

_COLUMNS = ("Week of", "Phase", "Runs", "Long run")


def plan_summary(plan: GeneratedPlan, units: Units) -> str:
    """``18 weeks · 612 km · race Sun 19 Apr 2027`` (``ends …`` for general fitness)."""
    weeks = len(plan.weeks)
    total_km = sum(week.run_km for week in plan.weeks)
    total = f"{format_number(units.distance_from_km(total_km), 0)} {units.distance_label}"
    race = plan.request.race_day
    end = (
        f"race {format_day(race, year=True)}"
        if race
        else f"ends {format_day(plan.last_day, year=True)}"
    )
    return SEPARATOR.join((f"{weeks} week{'s' * (weeks != 1)}", total, end))


class TrainingPlanPreview(QWidget):
    """The generated plan as a draft in a month view, its weeks in a table, and its summary.

    Args:
        controller: the plan (the month shows what it holds, read-only).
        today: the day the month marks as today.
        parent: the parent widget.
    """

    def __init__(self, controller: PlanController, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trainingPlanPreview")
        self._units = controller.settings.units
        self._range: tuple[date, date] | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("trainingPlanSummary")
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.warnings = ErrorLabel(self)
        self.warnings.setObjectName("trainingPlanWarnings")

        self.month = MonthView(controller, None, self, today=today)
        self.month.setObjectName("trainingPlanMonth")
        self.month.setAccessibleName("Preview of the plan, a month at a time")
        self.month.setMinimumSize(640, 440)
        self.month.month_changed.connect(self._on_month_changed)
        self._previous = self._pager("‹", "Previous month (Page Up)", "previousMonth")
        self._next = self._pager("›", "Next month (Page Down)", "nextMonth")
        self._previous.clicked.connect(self.month.show_previous_month)
        self._next.clicked.connect(self.month.show_next_month)
        self.table = QTableWidget(0, len(_COLUMNS), self)
        self.table.setObjectName("trainingPlanWeeks")
        self.table.setAccessibleName("The plan's weeks")
        self.table.setHorizontalHeaderLabels(_COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setMinimumWidth(300)
        self.table.setMaximumWidth(380)
        self.table.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        paging = QHBoxLayout()
        paging.addWidget(self._previous)
        paging.addWidget(self._next)
        paging.addSpacing(8)
        paging.addWidget(self.summary, 1)
        left = QVBoxLayout()
        left.addLayout(paging)
        left.addWidget(self.month, 1)
        left.addWidget(self.warnings)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addWidget(self.table, 1)
        self._on_month_changed(self.month.month)

    def _pager(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setObjectName(name)
        button.setAutoRaise(True)
        font = button.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        button.setFont(font)
        return button

    def show_plan(self, plan: GeneratedPlan | None, findings: Sequence[Finding] = ()) -> None:
        """Show ``plan`` as the draft (``None``: no plan, the inputs cannot make one)."""
        self.month.set_draft(plan.workouts if plan is not None else None)
        self.table.setRowCount(0)
        serious = [f for f in findings if f.severity >= Severity.WARNING]
        if serious:
            self.warnings.setText(
                "The warning rules still see: "
                + " ".join(f"{format_day(f.days[-1])}: {f.message}" for f in serious[:3])
            )
            self.warnings.show()
        else:
            self.warnings.clear()
            self.warnings.hide()
        if plan is None:
            self._range = None
            self.summary.setText("No plan yet: correct the value marked in red.")
            self._update_paging()
            return
        self.summary.setText(plan_summary(plan, self._units))
        self.table.setRowCount(len(plan.weeks))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, week in enumerate(plan.weeks):
            long_run = format_distance(week.long_run_km, self._units) if week.long_run_km else "–"
            cells = (
                format_day(week.start, weekday=False),
                week.phase.capitalize(),
                format_distance(week.run_km, self._units),
                long_run,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(right)
                self.table.setItem(row, column, item)
        first = (plan.first_day, plan.last_day)
        if self._range is None or self._range[0] != first[0]:
            self.month.show_month(plan.first_day)
        self._range = first
        self._update_paging()

    @Slot(object)
    def _on_month_changed(self, _month: date) -> None:
        self._update_paging()

    def _update_paging(self) -> None:
        shown = self.month.month
        if self._range is None:
            self._previous.setEnabled(False)
            self._next.setEnabled(False)
            return
        first, last = (month_start(day) for day in self._range)
        self._previous.setEnabled(shown > first)
        self._next.setEnabled(add_months(shown, 1) <= last)
