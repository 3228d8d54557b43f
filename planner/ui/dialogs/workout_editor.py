"""The workout editor: plan a block's values, or record what was done ("Mark done…")."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.checks import raise_all, workout_problems
from planner.core.model import (
    MAX_DISTANCE_KM,
    MAX_DURATION_MIN,
    MAX_RPE,
    MAX_TITLE_LEN,
    MIN_RPE,
    Kind,
    Status,
    Workout,
)
from planner.core.pace import pace_text
from planner.core.settings import Units
from planner.ui.dialogs.fields import (
    WorkoutNumbers,
    combo_kind,
    form_layout,
    from_qdate,
    kind_combo,
    to_qdate,
)
from planner.ui.dialogs.number_field import FieldParseError
from planner.ui.dialogs.validating import ValidatingDialog

_ACTUALS = ("actual_duration_min", "actual_distance_km", "actual_rpe")
#: Values the core refuses, one for each of its messages about a field: the editor keeps a
#: line under each field as tall as the longest of them (see ``_longest_messages``).
_REFUSED: dict[str, tuple[object, ...]] = {
    "title": ("", "x" * (MAX_TITLE_LEN + 1)),
    "duration_min": (0.0, MAX_DURATION_MIN + 1),
    "distance_km": (0.0, MAX_DISTANCE_KM + 1),
    "rpe": (MIN_RPE - 1, MAX_RPE + 1),
}


class WorkoutEditor(ValidatingDialog[Workout]):
    """Edit a workout's plan and result.

    The dialog checks every value as the runner types (the core's :meth:`Workout.validate`
    rules): each impossible one is shown in red under its field, and Save is disabled until
    there is none. A run with a duration and a distance shows its pace under them.

    Args:
        workout: the workout to edit (a new one has ``id=None``).
        parent: the parent widget.
        complete: open as "Mark done…": status Done, actuals taken from the plan, focus on
            the actual duration.
        title: the window title (a sensible default otherwise).
        first_weekday: the first column of the date popup (0 Monday .. 6 Sunday).
        units: the units distances are typed and shown in (stored in kilometres).
    """

    _cannot_save = "The workout has values that cannot be saved."

    def __init__(
        self,
        workout: Workout,
        parent: QWidget | None = None,
        *,
        complete: bool = False,
        title: str | None = None,
        first_weekday: int = 0,
        units: Units = Units.KM,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workoutEditor")
        self._original = workout
        self._units = units
        if title is None:
            if complete:
                title = f"Mark done: {workout.title}"
            elif workout.id is None:
                title = "New workout"
            else:
                title = f"Edit {workout.title}"
        self.setWindowTitle(title)
        self._build(first_weekday, units)
        self._load(workout)
        if complete:
            self._prefill_actuals()
            self._done_button.setChecked(True)
            self._update_enabled()
            self._actual.duration.setFocus(Qt.FocusReason.OtherFocusReason)
            self._actual.duration.selectAll()
        else:
            self._title.setFocus(Qt.FocusReason.OtherFocusReason)
            self._title.selectAll()
        self._validate_live()

    # -- construction ----------------------------------------------------------------------
    def _build(self, first_weekday: int, units: Units) -> None:
        outer = QVBoxLayout(self)
        outer.setSpacing(12)

        # What and when.
        top = QFormLayout()
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._title = QLineEdit(self)
        self._title.setMaxLength(MAX_TITLE_LEN)
        self._title.setPlaceholderText("Easy run, Intervals, Gym…")
        self._title.setMinimumWidth(280)
        self._kind = kind_combo(self)
        self._day = QDateEdit(self)
        self._day.setCalendarPopup(True)
        self._day.setDisplayFormat("ddd d MMM yyyy")
        calendar = self._day.calendarWidget()
        calendar.setFirstDayOfWeek(Qt.DayOfWeek(first_weekday % 7 + 1))
        calendar.setGridVisible(False)

        title_label = self._add_title(top, "&Title", self._title)
        kind_day = QWidget(self)
        kind_day_row = QHBoxLayout(kind_day)
        kind_day_row.setContentsMargins(0, 0, 0, 0)
        kind_day_row.setSpacing(8)
        kind_day_row.addWidget(self._kind)
        kind_day_row.addSpacing(12)
        day_label = QLabel("Da&y", kind_day)
        day_label.setBuddy(self._day)
        kind_day_row.addWidget(day_label)
        kind_day_row.addWidget(self._day, 1)
        kind_label = QLabel("&Kind", self)
        kind_label.setBuddy(self._kind)
        top.addRow(kind_label, kind_day)
        outer.addLayout(top)

        # The plan and the result, side by side.
        groups = QHBoxLayout()
        groups.setSpacing(12)
        plan_box = QGroupBox("Plan", self)
        plan_form = form_layout(plan_box)
        self._planned = WorkoutNumbers(plan_box, units=units)
        self._add_numbers(plan_form, self._planned, ("D&uration", "&Distance", "&Effort (RPE)"))
        self._planned.rpe.setToolTip("How hard it should feel: 0 rest, 3 easy, 5 hard, 10 maximal")
        self._plan_pace = self._add_pace(plan_form, self._planned)
        self._plan_form = plan_form
        # "&Race" would take Alt+R from the result's "Effo&rt (RPE)".
        self._race = QCheckBox("&Goal race", plan_box)
        self._race.setToolTip(
            "A race: the goal of a plan, not a training step. The distance warnings (a sudden "
            "longer run, the long run's share, the weekly increase) leave it out; its load counts."
        )
        plan_form.addRow("", self._race)
        groups.addWidget(plan_box)

        result_box = QGroupBox("Result", self)
        result_form = form_layout(result_box)
        status_row = QWidget(result_box)
        status_layout = QHBoxLayout(status_row)
        status_layout.setContentsMargins(0, 0, 0, 0)
        status_layout.setSpacing(10)
        self._status_group = QButtonGroup(self)
        self._status_buttons: dict[Status, QRadioButton] = {}
        for status, text in (
            (Status.PLANNED, "&Planned"),
            (Status.DONE, "D&one"),
            (Status.SKIPPED, "Sk&ipped"),
        ):
            button = QRadioButton(text, status_row)
            self._status_group.addButton(button)
            self._status_buttons[status] = button
            status_layout.addWidget(button)
        status_layout.addStretch(1)
        self._done_button = self._status_buttons[Status.DONE]
        status_label = QLabel("Status", result_box)
        result_form.addRow(status_label, status_row)
        self._actual = WorkoutNumbers(result_box, units=units)
        self._actual_labels = self._add_numbers(
            result_form,
            self._actual,
            ("Dur&ation", "Distan&ce", "Effo&rt (RPE)"),
            prefix="actual_",
        )
        self._result_pace = self._add_pace(result_form, self._actual)
        self._result_form = result_form
        self._heavy_legs = QCheckBox("&Legs felt heavy", result_box)
        self._heavy_legs.setToolTip(
            "Tick when your legs felt heavy afterwards: Legwork then suggests resting next day."
        )
        result_form.addRow("", self._heavy_legs)
        groups.addWidget(result_box)
        outer.addLayout(groups)

        # Notes.
        notes_form = QFormLayout()
        self._notes = QPlainTextEdit(self)
        self._notes.setTabChangesFocus(True)
        self._notes.setPlaceholderText("Route, splits, how it went…")
        line = self._notes.fontMetrics().lineSpacing()
        self._notes.setFixedHeight(line * 4 + 12)
        notes_label = self._row(notes_form, "&Notes", self._notes)
        notes_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer.addLayout(notes_form)
        # Line the notes up with the fields above.
        outer_labels = [title_label, kind_label, notes_label]
        width = max(label.sizeHint().width() for label in outer_labels)
        for label in outer_labels:
            label.setMinimumWidth(width)

        self._add_buttons(outer)
        self._widgets.update(
            kind=self._kind,
            day=self._day,
            notes=self._notes,
            heavy_legs=self._heavy_legs,
            race=self._race,
        )
        self._widgets.update({f"status_{s.value}": b for s, b in self._status_buttons.items()})

        self._kind.currentIndexChanged.connect(self._on_kind_changed)
        self._status_group.buttonToggled.connect(self._on_status_toggled)

        self._set_tab_order(
            self._title,
            self._kind,
            self._day,
            *self._planned.fields(),
            self._race,
            *self._status_buttons.values(),
            *self._actual.fields(),
            self._heavy_legs,
            self._notes,
            self._buttons,
        )

    def _add_pace(self, form: QFormLayout, numbers: WorkoutNumbers) -> QLabel:
        """A "Pace" row under a run's numbers, following them as they are typed."""
        pace = QLabel(form.parentWidget())
        pace.setObjectName("paceLabel")
        pace.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        pace.setToolTip("Duration divided by distance, in your units")
        form.addRow(QLabel("Pace", form.parentWidget()), pace)
        numbers.duration.textChanged.connect(self._update_pace)
        numbers.distance.textChanged.connect(self._update_pace)
        return pace

    @Slot()
    def _update_pace(self) -> None:
        run = combo_kind(self._kind) is Kind.RUN
        for label, form, numbers in (
            (self._plan_pace, self._plan_form, self._planned),
            (self._result_pace, self._result_form, self._actual),
        ):
            form.setRowVisible(label, run)
            try:
                duration, distance = numbers.duration.value(), numbers.distance.value()
            except FieldParseError:
                duration = distance = None
            # only a run has a pace: a ride's minutes per km are no running pace
            text = pace_text(Kind.RUN, duration, distance, self._units) if run else ""
            label.setText(text or "—")

    def pace_text(self) -> str:
        """The planned pace shown ("" when there is none): ``5:30 min/km``."""
        text = self._plan_pace.text()
        return "" if text == "—" else text

    def result_pace_text(self) -> str:
        """The pace of what was done, shown under the result ("" when there is none)."""
        text = self._result_pace.text()
        return "" if text == "—" else text

    # -- values ----------------------------------------------------------------------------
    def _load(self, workout: Workout) -> None:
        self._title.setText(workout.title)
        self._kind.setCurrentIndex(max(0, self._kind.findData(workout.kind)))
        self._day.setDate(to_qdate(workout.day))
        self._planned.duration.set_value(workout.duration_min)
        self._planned.distance.set_value(workout.distance_km)
        self._planned.rpe.set_value(workout.rpe)
        self._notes.setPlainText(workout.notes)
        self._race.setChecked(workout.race)
        self._status_buttons[workout.status].setChecked(True)
        self._actual.duration.set_value(workout.actual_duration_min)
        self._actual.distance.set_value(workout.actual_distance_km)
        self._actual.rpe.set_value(workout.actual_rpe)
        self._heavy_legs.setChecked(workout.heavy_legs)
        self._planned.update_hint()
        self._actual.update_hint()
        self._on_kind_changed()
        self._update_enabled()

    def _prefill_actuals(self) -> None:
        """Copy the planned values into the actual fields that are still empty."""
        pairs = zip(self._planned.fields(), self._actual.fields(), strict=True)
        for planned, actual in pairs:
            if actual.text().strip():
                continue
            try:
                actual.set_value(planned.value())
            except FieldParseError:  # the runner sees the same text and the same error
                actual.setText(planned.text())

    def _status(self) -> Status:
        for status, button in self._status_buttons.items():
            if button.isChecked():
                return status
        return Status.PLANNED

    def _collect(self, *, show: bool) -> Workout | None:
        """The workout the fields describe; ``None`` when a number cannot be read.

        Raises:
            ValidationError: when the workout is not possible.
        """
        kind = combo_kind(self._kind)
        status = self._status()
        skip: set[str] = set()
        if status is not Status.DONE:
            skip.update(_ACTUALS)
        if kind is Kind.REST:
            skip.update(("distance_km", "actual_distance_km"))
        values = self._read_numbers(show=show, skip=skip)
        if values is None:
            return None
        changes: dict[str, object] = {
            "title": self._title.text().strip(),
            "kind": kind,
            "day": from_qdate(self._day.date()),
            "duration_min": values.get("duration_min"),
            "distance_km": values.get("distance_km"),
            "rpe": values.get("rpe"),
            "notes": self._notes.toPlainText().rstrip(),
            "status": status,
            "race": self._race.isChecked() and kind is not Kind.REST,
        }
        if status is Status.DONE:
            changes.update(
                actual_duration_min=values.get("actual_duration_min"),
                actual_distance_km=values.get("actual_distance_km"),
                actual_rpe=values.get("actual_rpe"),
                heavy_legs=self._heavy_legs.isChecked(),
            )
        elif kind is Kind.REST:
            changes["actual_distance_km"] = None
        workout = self._original.replace(**changes)
        raise_all(workout_problems(workout))
        return workout

    def _longest_messages(self, name: str) -> list[str]:
        """The field's "not a number" message and every message the core's checks give it."""
        messages = super()._longest_messages(name)
        probe = self._original.replace(kind=Kind.RUN, status=Status.DONE)
        for value in _REFUSED.get(name.removeprefix("actual_"), ()):
            for error in workout_problems(probe.replace(**{name: value})):
                if error.field == name:
                    messages.append(self._explain(error))
        return messages

    # -- public API ------------------------------------------------------------------------
    def original(self) -> Workout:
        """The workout as the editor opened it (what the plan held then)."""
        return self._original

    def workout(self) -> Workout:
        """The edited workout (id and position kept).

        Raises:
            ValidationError: when called before saving while a field holds an impossible value.
        """
        return self._value()

    # -- reactions -------------------------------------------------------------------------
    @Slot()
    def _on_kind_changed(self) -> None:
        kind = combo_kind(self._kind)
        rest = kind is Kind.REST
        self._show_number("distance_km", not rest)
        self._show_number("actual_distance_km", not rest)
        self._race.setEnabled(not rest)  # a rest day is no race
        # A ride or a swim may keep its distance, but it is never running distance.
        hint = "Not counted as running distance" if kind is Kind.CROSS else ""
        for numbers in (self._planned, self._actual):
            numbers.distance.setToolTip(hint)
        self._update_pace()
        self.adjustSize()

    @Slot(QAbstractButton, bool)
    def _on_status_toggled(self, button: QAbstractButton, checked: bool) -> None:
        if not checked:
            return
        if button is self._done_button:
            self._prefill_actuals()
        self._update_enabled()

    def _update_enabled(self) -> None:
        done = self._status() is Status.DONE
        for field in self._actual.fields():
            container = field.parentWidget()
            (container or field).setEnabled(done)
        for label in self._actual_labels:
            label.setEnabled(done)
        self._heavy_legs.setEnabled(done)
        if not done:
            for name in _ACTUALS:
                self._errors.clear(name)
