"""A weigh-in as typed: the weight field, the day-and-weight form, and how it is saved.

Weights are typed and shown in the runner's weight units (kg or lb) and stored in
kilograms. One weigh-in per day: saving a day that already has a different one replaces it
only after the runner confirms (:func:`ask_to_replace`). The Log Weight dialog and the
Weight Log (:mod:`.weight_log`) both hold a :class:`WeighInForm`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import QDateEdit, QLabel, QMessageBox, QVBoxLayout, QWidget

from planner.core.formatting import format_day, format_number, format_weight, format_weights_apart
from planner.core.model import MAX_WEIGHT_KG, MIN_WEIGHT_KG, ValidationError, WeightEntry
from planner.core.settings import WeightUnits
from planner.core.weighins import future_weigh_in_message, plan_weigh_ins
from planner.ui.controller import PlanController
from planner.ui.dialogs.errors import ErrorLabel, FieldErrors
from planner.ui.dialogs.fields import form_layout, from_qdate, to_qdate, with_unit
from planner.ui.dialogs.number_field import ConvertedField, FieldParseError

#: Asks the runner a yes/no question: (parent, question, details) -> yes.
Confirm = Callable[[QWidget, str, str], bool]


def ask_to_replace(parent: QWidget, question: str, details: str) -> bool:
    """Ask whether to replace a weigh-in (or several); ``True`` for "Replace"."""
    box = QMessageBox(QMessageBox.Icon.Question, "Replace weigh-in?", question, parent=parent)
    box.setObjectName("replaceWeighInBox")
    box.setInformativeText(details)
    replace = box.addButton("&Replace", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(replace)
    box.exec()
    return box.clickedButton() is replace


def day_text(day: date) -> str:
    """``Wed 18 Nov 2026``."""
    return format_day(day, year=True)


def weight_text(kg: float, units: WeightUnits) -> str:
    """A stored weight in the runner's units: ``72.4 kg`` or ``159.6 lb``."""
    return format_weight(kg, units)


class WeightField(ConvertedField):
    """A body weight, typed and shown in the runner's units, read and set in kilograms.

    A weight shown and left untouched reads back exactly as it was set, so opening a
    weigh-in in pounds and saving it never changes the stored kilograms by rounding.

    Args:
        units: the runner's weight units (kg or lb).
        parent: the parent widget.
    """

    def __init__(self, *, units: WeightUnits, parent: QWidget | None = None) -> None:
        super().__init__(
            "Weight",
            example="72.5",
            minimum=MIN_WEIGHT_KG,
            maximum=MAX_WEIGHT_KG,
            step=0.1,
            decimals=1,
            unit=units.weight_label,
            parent=parent,
        )
        self.setObjectName("weightField")
        self._units = WeightUnits.KG
        self.set_units(units)

    @property
    def units(self) -> WeightUnits:
        """The units the field shows."""
        return self._units

    def set_units(self, units: WeightUnits) -> None:
        """Show the weight in ``units`` from now on (a weight typed so far is converted)."""
        try:
            kg = self.value()
        except FieldParseError:
            kg = None
        self._units = units
        self._unit = units.weight_label
        self._example = "72.5" if units is WeightUnits.KG else "160"
        self._minimum = round(units.weight_from_kg(MIN_WEIGHT_KG))
        self._maximum = round(units.weight_from_kg(MAX_WEIGHT_KG))
        if kg is not None:
            self.set_value(kg)

    def _to_stored(self, typed: float) -> float:
        return round(self._units.weight_to_kg(typed), 4)

    def _from_stored(self, value: float) -> float:
        return self._units.weight_from_kg(value)


class WeighInForm(QWidget):
    """A day and a weight, with their inline errors, and the saving rules of a weigh-in.

    Args:
        controller: the plan controller.
        today: the latest day a weigh-in may have.
        parent: the parent widget.
    """

    def __init__(self, controller: PlanController, today: date, parent: QWidget) -> None:
        super().__init__(parent)
        self._controller = controller
        self._today = today
        self.confirm: Confirm = ask_to_replace
        #: the day whose weigh-in the form was opened on, to change it (``None``: a new one)
        self.editing: date | None = None
        units = controller.settings.weight_units
        self.day_edit = QDateEdit(self)
        self.day_edit.setObjectName("weighInDay")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("ddd d MMM yyyy")
        self.day_edit.setMaximumDate(to_qdate(today))
        self.day_edit.setDate(to_qdate(today))
        self.weight_field = WeightField(units=units, parent=self)
        self.note = QLabel(self)
        self.note.setObjectName("weighInNote")
        self.note.setWordWrap(True)
        self.general = ErrorLabel(self)
        self.form = form_layout()
        self.form.setContentsMargins(0, 0, 0, 0)
        day_label = QLabel("&Day:", self)
        day_label.setBuddy(self.day_edit)
        self.form.addRow(day_label, self.day_edit)
        weight_label = QLabel("&Weight:", self)
        weight_label.setBuddy(self.weight_field)
        self.unit_label = QLabel(units.weight_label, self)
        self.form.addRow(weight_label, with_unit(self.weight_field, self.unit_label))
        self.errors = FieldErrors(self.form, self.general)
        self.errors.add("kg", self.weight_field)
        self.errors.alias("weight", "kg")
        self.errors.add("day", self.day_edit)
        self.form.addRow("", self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(self.general)
        self.day_edit.dateChanged.connect(self._on_day_changed)
        self.weight_field.textEdited.connect(lambda _text: self.errors.clear("kg"))
        self._on_day_changed(self.day_edit.date())

    @property
    def units(self) -> WeightUnits:
        """The weight units the form shows."""
        return self._controller.settings.weight_units

    def follow_units(self) -> None:
        """Show the weight in the runner's units of now."""
        self.weight_field.set_units(self.units)
        self.unit_label.setText(self.units.weight_label)
        self._on_day_changed(self.day_edit.date())

    def day(self) -> date:
        """The day chosen."""
        return from_qdate(self.day_edit.date())

    def set_entry(self, entry: WeightEntry) -> None:
        """Show ``entry`` for changing its weight."""
        self.editing = entry.day
        self.day_edit.setDate(to_qdate(entry.day))
        self.weight_field.set_value(entry.kg)
        self.errors.clear_all()
        self._on_day_changed(self.day_edit.date())

    def existing(self, day: date) -> WeightEntry | None:
        """The weigh-in stored on ``day``, if any."""
        found = self._controller.weights(day, day)
        return found[0] if found else None

    def entry(self) -> WeightEntry | None:
        """The weigh-in the form describes; ``None`` (with the reason shown) if it cannot be."""
        self.errors.clear_all()
        try:
            kg = self.weight_field.value()
        except FieldParseError as error:
            self.errors.show("kg", str(error))
            return None
        if kg is None:
            self.errors.show("kg", "Enter your weight.")
            return None
        entry = WeightEntry(self.day(), kg)
        try:
            entry.validate()
        except ValidationError as error:
            low = format_number(self.units.weight_from_kg(MIN_WEIGHT_KG), 0)
            high = format_number(self.units.weight_from_kg(MAX_WEIGHT_KG), 0)
            message = str(error)
            if error.field == "kg":
                message = f"A body weight is between {low} and {high} {self.units.weight_label}."
            self.errors.show(error.field or "kg", message)
            return None
        if entry.day > self._today:
            self.errors.show("day", future_weigh_in_message(entry.day, self._today))
            return None
        return entry

    def save(self, *, editing: date | None = None) -> WeightEntry | None:
        """Log the weigh-in the form describes; returns it, or ``None`` when not saved.

        A different weigh-in already on that day is replaced only after the runner
        confirms, unless the form is ``editing`` that very day's weigh-in.
        """
        entry = self.entry()
        if entry is None:
            return None
        existing = self.existing(entry.day)
        plan = plan_weigh_ins([entry], [] if existing is None else [existing], today=self._today)
        if plan.unchanged or plan.refused_future:  # entry() already refused a future day
            return entry if plan.unchanged else None
        replace = bool(plan.replacing)
        if replace and editing != entry.day:
            ((existing, _),) = plan.replacing
            kept, typed = format_weights_apart(existing.kg, entry.kg, self.units)
            question = f"{day_text(entry.day)} already has a weigh-in of {kept}."
            details = f"Replace it with {typed}? (One per day.)"
            if not self.confirm(self, question, details):
                return None
        if not self._controller.save_weight(entry, replace=replace):
            return None
        return entry

    @Slot(QDate)
    def _on_day_changed(self, day: QDate) -> None:
        chosen = from_qdate(day)
        existing = self.existing(chosen)
        self.errors.clear("day")
        if existing is None:
            self.note.setText("")
            self.note.hide()
        elif chosen == self.editing:
            self.note.setText("Save to change this day's weigh-in.")
            self.note.show()
        else:
            self.note.setText(
                f"This day has a weigh-in of {weight_text(existing.kg, self.units)}: "
                "saving replaces it (you are asked first)."
            )
            self.note.show()
