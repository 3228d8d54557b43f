"""The workout editor: plan a block's values, or record what was done ("Mark done…")."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
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

from planner.core.model import (
    MAX_TITLE_LEN,
    Kind,
    Status,
    ValidationError,
    Workout,
)
from planner.ui.dialogs.fields import (
    ErrorLabel,
    FieldErrors,
    FieldParseError,
    NumberField,
    WorkoutNumbers,
    from_qdate,
    kind_combo,
    to_qdate,
    with_unit,
)


class WorkoutEditor(QDialog):
    """Edit a workout's plan and result.

    The dialog validates with :meth:`Workout.validate` when the runner saves: a problem
    is shown in red under the field it concerns, and the dialog stays open.

    Args:
        workout: the workout to edit (a new one has ``id=None``).
        parent: the parent widget.
        complete: open as "Mark done…": status Done, actuals taken from the plan, focus on
            the actual duration.
        title: the window title (a sensible default otherwise).
        first_weekday: the first column of the date popup (0 Monday .. 6 Sunday).
    """

    def __init__(
        self,
        workout: Workout,
        parent: QWidget | None = None,
        *,
        complete: bool = False,
        title: str | None = None,
        first_weekday: int = 0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workoutEditor")
        self._original = workout
        self._result: Workout | None = None
        if title is None:
            if complete:
                title = f"Mark done: {workout.title}"
            elif workout.id is None:
                title = "New workout"
            else:
                title = f"Edit {workout.title}"
        self.setWindowTitle(title)
        self._build(first_weekday)
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

    # -- construction ----------------------------------------------------------------------
    def _build(self, first_weekday: int) -> None:
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
        general = ErrorLabel(self)
        self._errors = FieldErrors(top, general)

        title_label = self._add_row(top, "&Title", self._title)
        self._errors.add("title", self._title)
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
        plan_form = self._form(plan_box)
        self._planned = WorkoutNumbers(plan_box)
        self._add_row(
            plan_form,
            "D&uration",
            with_unit(self._planned.duration, "min"),
            buddy=self._planned.duration,
        )
        self._errors.add("duration_min", self._planned.duration, plan_form)
        self._add_row(
            plan_form,
            "&Distance",
            with_unit(self._planned.distance, "km"),
            buddy=self._planned.distance,
        )
        self._errors.add("distance_km", self._planned.distance, plan_form)
        self._add_row(
            plan_form,
            "&Effort (RPE)",
            with_unit(self._planned.rpe, self._planned.rpe_hint),
            buddy=self._planned.rpe,
        )
        self._errors.add("rpe", self._planned.rpe, plan_form)
        self._planned.rpe.setToolTip("How hard it should feel: 0 rest, 3 easy, 5 hard, 10 maximal")
        groups.addWidget(plan_box)

        result_box = QGroupBox("Result", self)
        result_form = self._form(result_box)
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
        self._actual = WorkoutNumbers(result_box)
        self._actual_labels: list[QLabel] = []
        self._actual_labels.append(
            self._add_row(
                result_form,
                "Dur&ation",
                with_unit(self._actual.duration, "min"),
                buddy=self._actual.duration,
            )
        )
        self._errors.add("actual_duration_min", self._actual.duration, result_form)
        self._actual_labels.append(
            self._add_row(
                result_form,
                "Distan&ce",
                with_unit(self._actual.distance, "km"),
                buddy=self._actual.distance,
            )
        )
        self._errors.add("actual_distance_km", self._actual.distance, result_form)
        self._actual_labels.append(
            self._add_row(
                result_form,
                "Effo&rt (RPE)",
                with_unit(self._actual.rpe, self._actual.rpe_hint),
                buddy=self._actual.rpe,
            )
        )
        self._errors.add("actual_rpe", self._actual.rpe, result_form)
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
        notes_label = self._add_row(notes_form, "&Notes", self._notes)
        notes_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer.addLayout(notes_form)
        # Line the notes up with the fields above.
        outer_labels = [title_label, kind_label, notes_label]
        width = max(label.sizeHint().width() for label in outer_labels)
        for label in outer_labels:
            label.setMinimumWidth(width)

        outer.addWidget(general)
        outer.addStretch(1)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._save_button = self._buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save_button.setText("&Save")
        self._save_button.setDefault(True)
        self._save_button.setToolTip("Save (Ctrl+Enter)")
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        outer.addWidget(self._buttons)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.accept)

        self._kind.currentIndexChanged.connect(self._on_kind_changed)
        self._status_group.buttonToggled.connect(self._on_status_toggled)
        self._title.textEdited.connect(self._on_title_edited)
        for name, field in self._numeric_fields().items():
            field.textChanged.connect(self._on_number_edited)
            field.setProperty("field_name", name)

        order: list[QWidget] = [
            self._title,
            self._kind,
            self._day,
            self._planned.duration,
            self._planned.distance,
            self._planned.rpe,
            *self._status_buttons.values(),
            self._actual.duration,
            self._actual.distance,
            self._actual.rpe,
            self._heavy_legs,
            self._notes,
            self._buttons,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(8)
        return form

    def _add_row(
        self, form: QFormLayout, text: str, field: QWidget, *, buddy: QWidget | None = None
    ) -> QLabel:
        label = QLabel(text, field.parentWidget() or self)
        label.setBuddy(buddy or field)
        form.addRow(label, field)
        return label

    # -- values ----------------------------------------------------------------------------
    def _numeric_fields(self) -> dict[str, NumberField]:
        return {
            "duration_min": self._planned.duration,
            "distance_km": self._planned.distance,
            "rpe": self._planned.rpe,
            "actual_duration_min": self._actual.duration,
            "actual_distance_km": self._actual.distance,
            "actual_rpe": self._actual.rpe,
        }

    def _load(self, workout: Workout) -> None:
        self._title.setText(workout.title)
        self._kind.setCurrentIndex(max(0, self._kind.findData(workout.kind)))
        self._day.setDate(to_qdate(workout.day))
        self._planned.duration.set_value(workout.duration_min)
        self._planned.distance.set_value(workout.distance_km)
        self._planned.rpe.set_value(workout.rpe)
        self._notes.setPlainText(workout.notes)
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
            if not actual.text().strip():
                actual.setText(planned.text())

    def _status(self) -> Status:
        for status, button in self._status_buttons.items():
            if button.isChecked():
                return status
        return Status.PLANNED

    def _kind_value(self) -> Kind:
        kind = self._kind.currentData()
        return kind if isinstance(kind, Kind) else Kind(str(kind))

    def _collect(self, *, show: bool) -> Workout | None:
        """The workout the fields describe; ``None`` (and messages) when a value is wrong."""
        if show:
            self._errors.clear_all()
        kind = self._kind_value()
        status = self._status()
        values: dict[str, float | None] = {}
        failed = False
        for name, field in self._numeric_fields().items():
            if name.startswith("actual_") and status is not Status.DONE:
                continue
            if name.endswith("distance_km") and kind is Kind.REST:
                values[name] = None
                continue
            try:
                values[name] = field.value()
            except FieldParseError as error:
                if show:
                    self._errors.show(name, str(error), focus=not failed)
                failed = True
        if failed:
            return None
        changes: dict[str, object] = {
            "title": self._title.text().strip(),
            "kind": kind,
            "day": from_qdate(self._day.date()),
            "duration_min": values["duration_min"],
            "distance_km": values["distance_km"],
            "rpe": values["rpe"],
            "notes": self._notes.toPlainText().rstrip(),
            "status": status,
        }
        if status is Status.DONE:
            changes.update(
                actual_duration_min=values["actual_duration_min"],
                actual_distance_km=values["actual_distance_km"],
                actual_rpe=values["actual_rpe"],
                heavy_legs=self._heavy_legs.isChecked(),
            )
        elif kind is Kind.REST:
            changes["actual_distance_km"] = None
        workout = self._original.replace(**changes)
        try:
            workout.validate()
        except ValidationError as error:
            if show:
                self._errors.show(error.field, str(error))
            return None
        return workout

    # -- public API ------------------------------------------------------------------------
    def workout(self) -> Workout:
        """The edited workout (id and position kept).

        Raises:
            ValidationError: when called before saving while a field holds an impossible value.
        """
        if self._result is not None:
            return self._result
        workout = self._collect(show=False)
        if workout is None:
            raise ValidationError("", "The workout has values that cannot be saved.")
        return workout

    def error_messages(self) -> list[str]:
        """The validation messages shown now (for tests and accessibility)."""
        return self._errors.messages()

    def error_message(self, field: str) -> str:
        """The message shown under the field a core ``ValidationError.field`` names."""
        return self._errors.message(field)

    def field(self, name: str) -> QWidget | None:
        """The input widget for a core field name ("distance_km", "title", "status", …)."""
        extra: dict[str, QWidget] = {
            "kind": self._kind,
            "day": self._day,
            "notes": self._notes,
            "heavy_legs": self._heavy_legs,
            "save": self._save_button,
        }
        extra.update({f"status_{s.value}": b for s, b in self._status_buttons.items()})
        if name in extra:
            return extra[name]
        return self._errors.widget(name)

    @Slot()
    def accept(self) -> None:
        """Save when every value is possible; otherwise show why and stay open."""
        workout = self._collect(show=True)
        if workout is None:
            return
        self._result = workout
        super().accept()

    # -- reactions -------------------------------------------------------------------------
    @Slot()
    def _on_kind_changed(self) -> None:
        rest = self._kind_value() is Kind.REST
        for field in (self._planned.distance, self._actual.distance):
            form = _form_of(field)
            row = field.parentWidget()
            if form is not None and row is not None:
                form.setRowVisible(row, not rest)
        if rest:
            self._errors.clear("distance_km")
            self._errors.clear("actual_distance_km")
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
            for name in ("actual_duration_min", "actual_distance_km", "actual_rpe"):
                self._errors.clear(name)

    @Slot()
    def _on_title_edited(self) -> None:
        self._errors.clear("title")

    @Slot()
    def _on_number_edited(self) -> None:
        sender = self.sender()
        name = sender.property("field_name") if sender is not None else None
        if isinstance(name, str):
            self._errors.clear(name)


def _form_of(field: QWidget) -> QFormLayout | None:
    box = field.parentWidget()
    holder = box.parentWidget() if box is not None else None
    layout = holder.layout() if holder is not None else None
    return layout if isinstance(layout, QFormLayout) else None
