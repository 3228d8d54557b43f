"""Plan ▸ New Training Plan…: the generator's inputs, pre-filled, and a live preview of the plan.

The form asks what :class:`~planner.core.generator.PlanRequest` needs, in the runner's units
and week order; the current weekly distance and longest run come from the four weeks before
the start (and must be typed when those weeks hold no run). Every change is checked at once
with the request's own plain words, shown under the field it is about (Apply stays disabled
meanwhile), and a moment later the plan is generated again and shown as a draft in
:class:`~planner.ui.dialogs.training_plan_preview.TrainingPlanPreview`. The choices that are
the runner's habits (goal, runs, days, long-run day, strength, HIIT, experience) are
remembered for the next plan (:mod:`~planner.ui.dialogs.training_plan_habits`).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QSignalBlocker, QTimer, Signal, Slot
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.core import thresholds as t
from planner.core.generator import (
    Experience,
    GeneratedPlan,
    Goal,
    PlanRequest,
    default_experience,
    default_start,
    defaults_from_history,
    generate_plan,
    plan_findings,
)
from planner.core.model import ValidationError, Workout
from planner.core.weeks import DAY_NAMES
from planner.ui.controller import PlanController
from planner.ui.dialogs.fields import form_layout, from_qdate, to_qdate, with_unit
from planner.ui.dialogs.number_field import DistanceField
from planner.ui.dialogs.training_plan_habits import Habits
from planner.ui.dialogs.training_plan_history import PlanHistory
from planner.ui.dialogs.training_plan_preview import TrainingPlanPreview
from planner.ui.dialogs.validating import ValidatingDialog

__all__ = ["REGENERATE_MS", "TrainingPlanDialog"]

#: How long the preview waits after a change before generating the plan again.
REGENERATE_MS = 150
#: The plan's length a race gets by default, in weeks.
_RACE_WEEKS = {Goal.K5: 8, Goal.K10: 10, Goal.HALF: 12, Goal.MARATHON: 18}
#: The rows of the form whose problems are shown under them (the request's fields they show).
_ROWS = {
    "start": "dates",
    "race_day": "dates",
    "weeks": "dates",
    "runs_per_week": "week",
    "days": "week",
    "long_run_day": "week",
    "hiit_per_week": "week",
    "strength_per_week": "week",
}


#: The day toggles: chosen days filled with the selection colour, the focused one ringed.
_DAY_BUTTONS = """
QToolButton {
    padding: 3px 0; border: 1px solid palette(mid); border-radius: 4px;
    background: palette(base); color: palette(text);
}
QToolButton:checked {
    background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight);
}
QToolButton:focus { border: 2px solid palette(dark); }
QToolButton:checked:focus { border: 2px solid palette(shadow); }
"""


class TrainingPlanDialog(ValidatingDialog[PlanRequest]):
    """Asks for a training plan and shows it as a draft; Apply gives back the plan.

    Apply (also Ctrl+Enter) does not close the dialog: it asks whoever opened it to add the
    plan (:attr:`apply_requested`), who calls :meth:`done_applying` once it is added.

    Args:
        controller: the plan (its history gives the defaults and the rules' context).
        today: the day it is.
        parent: the parent widget.

    Signals:
        apply_requested(): Apply was pressed and the form describes a plan.
        previewed(): the preview shows the plan the form describes now (or none).
    """

    apply_requested = Signal()
    previewed = Signal()

    def __init__(self, controller: PlanController, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("newTrainingPlanDialog")
        self.setWindowTitle("New Training Plan")
        self._controller = controller
        self._first_weekday = controller.first_weekday
        self._units = controller.settings.units
        self._history = PlanHistory(controller)
        self._plan: GeneratedPlan | None = None
        self._replace = False
        self._race_touched = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REGENERATE_MS)
        self._timer.timeout.connect(self.regenerate)

        form_box = QWidget(self)
        form = form_layout(form_box)
        self._form = form
        self.goal = QComboBox(form_box)
        self.goal.setObjectName("goal")
        for goal in Goal:
            self.goal.addItem(goal.label, goal)
        self._row(form, "&Goal:", self.goal)
        self.start = self._date_edit("start", form_box)
        self._row(form, "&Start:", self.start)
        self.race_day = self._date_edit("raceDay", form_box)
        self._race_label = self._row(form, "&Race day:", self.race_day)
        self.weeks = self._spin("weeks", t.GEN_MIN_GENERAL_WEEKS, t.GEN_MAX_WEEKS, form_box)
        self.weeks.setSuffix(" weeks")
        self._weeks_label = self._row(form, "&Length:", self.weeks)
        self._errors.add("dates", self.race_day, form)

        self.runs = self._spin("runsPerWeek", t.GEN_MIN_RUNS, t.GEN_MAX_RUNS, form_box)
        self._row(form, "R&uns a week:", self.runs)
        self.day_buttons: dict[int, QToolButton] = {}
        days_box = QWidget(form_box)
        days_row = QHBoxLayout(days_box)
        days_row.setContentsMargins(0, 0, 0, 0)
        days_row.setSpacing(2)
        self._day_group = QButtonGroup(self)
        self._day_group.setExclusive(False)
        for offset in range(7):
            weekday = (self._first_weekday + offset) % 7
            button = QToolButton(days_box)
            button.setText(DAY_NAMES[weekday][:3])
            button.setCheckable(True)
            button.setObjectName(f"day{DAY_NAMES[weekday][:3]}")
            button.setAccessibleName(f"Train on {DAY_NAMES[weekday]}")
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("Wed") + 18)
            self._day_group.addButton(button, weekday)
            days_row.addWidget(button)
            self.day_buttons[weekday] = button
        days_row.addStretch(1)
        # Fusion draws a checked tool button barely darker: a chosen day must be seen at once.
        days_box.setStyleSheet(_DAY_BUTTONS)
        days_label = QLabel("Days you can &train:", form_box)
        days_label.setBuddy(self.day_buttons[self._first_weekday])
        form.addRow(days_label, days_box)
        self.long_run_day = QComboBox(form_box)
        self.long_run_day.setObjectName("longRunDay")
        for offset in range(7):
            weekday = (self._first_weekday + offset) % 7
            self.long_run_day.addItem(DAY_NAMES[weekday], weekday)
        self._row(form, "&Long run on:", self.long_run_day)
        self.strength = self._spin("strengthPerWeek", 0, t.GEN_MAX_STRENGTH, form_box)
        self._row(form, "Str&ength a week:", self.strength)
        self.hiit = self._spin("hiitPerWeek", 0, t.GEN_MAX_HIIT, form_box)
        self._row(form, "&HIIT a week:", self.hiit)
        self._errors.add("week", self.runs, form)

        self.current = self._distance("currentWeekDistance", "Current weekly distance", form_box)
        self._row(
            form, "&Weekly distance now:", with_unit(self.current, self._unit), buddy=self.current
        )
        self._add_error("current_week_km", self.current, form)
        self.longest = self._distance("longestRun", "Longest recent run", form_box)
        self._row(
            form, "L&ongest recent run:", with_unit(self.longest, self._unit), buddy=self.longest
        )
        self._add_error("longest_run_km", self.longest, form)
        self.history_hint = QLabel(form_box)
        self.history_hint.setObjectName("historyHint")
        self.history_hint.setWordWrap(True)
        form.addRow(self.history_hint)
        self.experience = QComboBox(form_box)
        self.experience.setObjectName("experience")
        for experience in Experience:
            self.experience.addItem(experience.label, experience)
        self._row(form, "E&xperience:", self.experience)

        self.preview = TrainingPlanPreview(controller, today, self)
        body = QHBoxLayout()
        body.setSpacing(18)
        form_box.setMinimumWidth(form_box.sizeHint().width())
        form_box.setMaximumWidth(max(480, form_box.sizeHint().width()))
        column = QVBoxLayout()
        column.addWidget(form_box)
        about = QLabel(
            "The plan is checked by the warning rules against your history. Its workouts "
            "show hatched until you apply it; then Ctrl+Z takes all of it back. Done and "
            "skipped workouts are never changed.",
            self,
        )
        about.setObjectName("trainingPlanAbout")
        about.setWordWrap(True)
        about.setMaximumWidth(form_box.maximumWidth())
        about.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        about.setContentsMargins(form.contentsMargins().left(), 0, 0, 0)
        column.addSpacing(12)
        column.addWidget(about)
        column.addStretch(1)
        body.addLayout(column)
        body.addWidget(self.preview, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        self._add_buttons(layout)
        layout.setStretch(layout.count() - 2, 0)  # the preview takes the height, not a gap
        self._save_button.setText("&Apply")
        self._save_button.setObjectName("applyTrainingPlan")
        self._save_button.setToolTip("Add the plan (Ctrl+Enter)")
        self._save_button.setIcon(QIcon())  # Apply, not Save: no disk
        self._widgets.update(
            goal=self.goal,
            start=self.start,
            race_day=self.race_day,
            long_run_day=self.long_run_day,
            experience=self.experience,
            **{f"day{weekday}": button for weekday, button in self.day_buttons.items()},
        )

        self._fill(today)
        self.goal.currentIndexChanged.connect(self._on_goal_changed)
        self.race_day.dateChanged.connect(self._on_race_day_edited)
        self.start.dateChanged.connect(self._on_start_changed)
        for spin in (self.weeks, self.runs, self.strength, self.hiit):
            spin.valueChanged.connect(self._revalidate)
        self._on_goal_changed()
        self._validate_live()
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(1760, screen.width() * 92 // 100), min(940, screen.height() * 88 // 100))

    # -- building --------------------------------------------------------------------------
    @property
    def _unit(self) -> str:
        return self._units.distance_label

    def _date_edit(self, name: str, parent: QWidget) -> QDateEdit:
        edit = QDateEdit(parent)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("ddd d MMM yyyy")
        return edit

    def _spin(self, name: str, low: int, high: int, parent: QWidget) -> QSpinBox:
        spin = QSpinBox(parent)
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setMaximumWidth(120)
        return spin

    def _distance(self, name: str, what: str, parent: QWidget) -> DistanceField:
        field = DistanceField(what, units=self._units, parent=parent)
        field.setObjectName(name)
        return field

    def _add_error(self, name: str, field: DistanceField, form: QFormLayout) -> None:
        self._errors.add(name, field, form)
        self._number_fields[name] = field
        self._number_forms[name] = form

    def _fill(self, today: date) -> None:
        """The defaults: the start of next week, the history's distances, the last habits."""
        start = default_start(today, self._first_weekday)
        self.start.setDate(to_qdate(start))
        habits = Habits.load()
        self.goal.setCurrentIndex(self.goal.findData(habits.goal))
        self.runs.setValue(habits.runs)
        for weekday, button in self.day_buttons.items():
            button.setChecked(weekday in habits.days)
        self.long_run_day.setCurrentIndex(self.long_run_day.findData(habits.long_run_day))
        self.strength.setValue(habits.strength)
        self.hiit.setValue(habits.hiit)
        self.weeks.setValue(habits.weeks)
        experience = habits.experience
        history = self._history.before(start)
        defaults = defaults_from_history(history, start)
        if defaults is None:
            self.history_hint.setText(
                "No runs in the four weeks before the start: enter your weekly distance and "
                "longest run now (0 if you are starting from nothing)."
            )
        else:
            self.current.set_value(defaults[0])
            self.longest.set_value(defaults[1])
            self.history_hint.setText("From your runs of the four weeks before the start.")
        if experience is None:  # never chosen: as the history says
            experience = default_experience(history, start)
        self.experience.setCurrentIndex(self.experience.findData(experience))
        self._set_race_day(self._typical_race_day())

    def remember(self) -> None:
        """Keep the runner's habits for the next plan (not the dates nor the distances)."""
        Habits(
            goal=self._goal(),
            runs=self.runs.value(),
            days=self._days(),
            long_run_day=int(self.long_run_day.currentData()),
            strength=self.strength.value(),
            hiit=self.hiit.value(),
            weeks=self.weeks.value(),
            experience=Experience(str(self.experience.currentData())),
        ).save()

    # -- reactions -------------------------------------------------------------------------
    def _goal(self) -> Goal:
        goal = self.goal.currentData()
        return goal if isinstance(goal, Goal) else Goal(str(goal))

    def _days(self) -> frozenset[int]:
        return frozenset(d for d, button in self.day_buttons.items() if button.isChecked())

    def _typical_race_day(self) -> date:
        """The race day of the goal's usual plan length, or of the first longer one it can carry.

        A half marathon from 10 km a week needs more weeks than from 30.
        """
        start = from_qdate(self.start.date())
        weeks = _RACE_WEEKS.get(self._goal(), 12)
        first = start + timedelta(days=7 * weeks - 1)
        shown = self.race_day.date()
        try:
            return self._first_fitting(first, range(0, t.GEN_MAX_WEEKS - weeks, 2))
        finally:
            with QSignalBlocker(self.race_day):
                self.race_day.setDate(shown)

    def _first_fitting(self, first: date, more_weeks: range) -> date:
        """The first of ``first`` and the days ``more_weeks`` later whose plan can be made."""
        for more in more_weeks:
            day = first + timedelta(weeks=more)
            with QSignalBlocker(self.race_day):
                self.race_day.setDate(to_qdate(day))
            try:
                request = self._collect(show=False)
            except ValidationError:
                return first  # another value is wrong: the usual length it is
            if request is None:
                return first
            try:
                generate_plan(
                    request, self._history.context(request), first_weekday=self._first_weekday
                )
            except ValidationError:
                continue
            return day
        return first

    def _set_race_day(self, day: date) -> None:
        with QSignalBlocker(self.race_day):
            self.race_day.setDate(to_qdate(day))
        self._revalidate()

    @Slot()
    def _on_goal_changed(self) -> None:
        race = self._goal().is_race
        self._form.setRowVisible(self.race_day, race)
        self._form.setRowVisible(self.weeks, not race)
        if race and not self._race_touched:
            self._set_race_day(self._typical_race_day())

    @Slot()
    def _on_race_day_edited(self) -> None:
        self._race_touched = True

    @Slot()
    def _on_start_changed(self) -> None:
        if not self._race_touched:
            self._set_race_day(self._typical_race_day())

    # -- the request and the plan ----------------------------------------------------------
    def _collect(self, *, show: bool) -> PlanRequest | None:
        numbers = self._read_numbers(show=show)
        if numbers is None:
            return None
        current, longest = numbers.get("current_week_km"), numbers.get("longest_run_km")
        goal = self._goal()
        request = PlanRequest(
            goal=goal,
            race_day=from_qdate(self.race_day.date()) if goal.is_race else None,
            weeks=None if goal.is_race else self.weeks.value(),
            start=from_qdate(self.start.date()),
            runs_per_week=self.runs.value(),
            days=self._days(),
            long_run_day=int(self.long_run_day.currentData()),
            strength_per_week=self.strength.value(),
            hiit_per_week=self.hiit.value(),
            current_week_km=current or 0.0,
            longest_run_km=longest or 0.0,
            experience=Experience(self.experience.currentData()),
        )
        try:
            request.validate()
        except ValidationError as error:
            raise ValidationError(_ROWS.get(error.field, error.field), str(error)) from None
        if current is None:
            raise ValidationError(
                "current_week_km", "Enter the distance you run in a week now (0 if none)."
            )
        if longest is None:
            raise ValidationError("longest_run_km", "Enter your longest recent run (0 if none).")
        return request

    @Slot()
    def _revalidate(self) -> None:
        for row in ("dates", "week"):
            self._errors.clear(row)
        super()._revalidate()
        self._timer.start()

    @Slot()
    def regenerate(self) -> None:
        """Generate the plan the form describes and show it (nothing while a value is wrong)."""
        self._timer.stop()
        request = self._checked(show=False) if not self.problems() else None
        if request is None:
            self._plan = None
            self.preview.show_plan(None)
            self.previewed.emit()
            return
        history = self._history.context(request)
        try:
            self._plan = generate_plan(request, history, first_weekday=self._first_weekday)
        except ValidationError as error:  # a race the weeks cannot carry, in plain words
            if request.goal.is_race and not self._race_touched:
                later = self._typical_race_day()
                if later != request.race_day:
                    self._set_race_day(later)  # a race day the runner did not choose moves
                    return
            self._plan = None
            row = _ROWS.get(error.field, error.field)
            self._problems[row] = str(error)
            self._errors.show(row, str(error), focus=False)
            self._save_button.setEnabled(False)
            self.preview.show_plan(None)
            self.previewed.emit()
            return
        findings = plan_findings(self._plan, history, self._controller.settings)
        self.preview.show_plan(self._plan, findings)
        self.previewed.emit()

    @Slot()
    def accept(self) -> None:
        """Apply: ask for the plan to be added, or show what is wrong first."""
        self._revalidate()
        if self.problems():
            super().accept()  # says what is wrong, focuses it, stays open
        elif self.plan() is not None:
            self.apply_requested.emit()

    @property
    def apply_button(self) -> QPushButton:
        """Apply (``applyTrainingPlan``)."""
        return self._save_button

    def done_applying(self) -> None:
        """The plan was added: close."""
        super().accept()

    def plan(self) -> GeneratedPlan | None:
        """The plan shown now (``None`` while the form holds a wrong value)."""
        if self._timer.isActive():
            self.regenerate()
        return self._plan

    def plan_keeping(self) -> GeneratedPlan | None:
        """The plan laid out beside the planned workouts of its range (Keep Both)."""
        plan = self.plan()
        if plan is None:
            return None
        history = self._history.context(plan.request, keep_planned=True)
        return generate_plan(plan.request, history, first_weekday=self._first_weekday)

    def planned_in_range(self) -> list[Workout]:
        """The workouts in the plan's range (what Replace Planned and Keep Both are about)."""
        plan = self.plan()
        return [] if plan is None else self._history.in_range(plan.first_day, plan.last_day)
