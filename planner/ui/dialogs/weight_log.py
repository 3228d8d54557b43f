"""Weigh-ins by hand: the quick "Log Weight…" dialog and the Weight Log with its table.

Weights are typed and shown in the runner's weight units (kg or lb) and stored in
kilograms. One weigh-in per day: logging a day that already has a different one replaces it
only after the runner confirms. Every save and delete goes through the controller, so each
is one undo step and the charts follow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core import progress
from planner.core.formatting import format_number, format_weights_apart
from planner.core.model import (
    MAX_WEIGHT_KG,
    MIN_WEIGHT_KG,
    ChangeSet,
    ValidationError,
    WeightEntry,
)
from planner.core.settings import WeightUnits
from planner.core.weeks import DAY_NAMES
from planner.core.weighins import future_weigh_in_message, plan_weigh_ins
from planner.ui.controller import PlanController
from planner.ui.dialogs.errors import ErrorLabel, FieldErrors
from planner.ui.dialogs.fields import form_layout, from_qdate, to_qdate, with_unit
from planner.ui.dialogs.number_field import FieldParseError, NumberField

#: Asks the runner a yes/no question: (parent, question, details) -> yes.
Confirm = Callable[[QWidget, str, str], bool]

_ALL_DAYS = (date(1, 1, 1), date(9999, 12, 31))
#: The invisible root of a table model.
_ROOT = QModelIndex()


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
    return f"{DAY_NAMES[day.weekday()][:3]} {day.day} {day:%b} {day.year}"


def weight_text(kg: float, units: WeightUnits) -> str:
    """A stored weight in the runner's units: ``72.4 kg`` or ``159.6 lb``."""
    return f"{format_number(units.weight_from_kg(kg))} {units.weight_label}"


class WeightField(NumberField):
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
        self._shown: tuple[str, float | None] = ("", None)
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

    def value(self) -> float | None:
        """The weight in kilograms; ``None`` when empty.

        Raises:
            FieldParseError: when the text is not a number.
        """
        text, kg = self._shown
        if self.text() == text:
            return kg
        typed = self._typed()
        return None if typed is None else round(self._units.weight_to_kg(typed), 4)

    def set_value(self, value: float | None) -> None:
        """Show ``value`` kilograms in the runner's units (empty for ``None``)."""
        self._show(None if value is None else self._units.weight_from_kg(value))
        self._shown = (self.text(), value)


class _WeighInForm(QWidget):
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


class LogWeightDialog(QDialog):
    """Quick "Log Weight…": a day (today unless changed) and a weight, saved as one undo step.

    The weight field starts with the latest weigh-in, selected, so typing replaces it.

    Args:
        controller: the plan controller.
        today: the day the app treats as today.
        parent: the parent widget.
    """

    def __init__(
        self, controller: PlanController, *, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("logWeightDialog")
        self.setWindowTitle("Log Weight")
        self._controller = controller
        self._saved: WeightEntry | None = None
        self.form = _WeighInForm(controller, today, self)
        latest = controller.weights(*_ALL_DAYS)
        if latest:
            self.form.weight_field.set_value(latest[-1].kg)
            self.form.weight_field.selectAll()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # grows with a message
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.form.weight_field.setFocus()

    @property
    def saved(self) -> WeightEntry | None:
        """The weigh-in logged, once saved."""
        return self._saved

    @Slot()
    def accept(self) -> None:
        """Log the weigh-in; stay open when a value is wrong or the runner did not confirm."""
        saved = self.form.save()
        if saved is None:
            return
        self._saved = saved
        super().accept()


class WeighInModel(QAbstractTableModel):
    """The weigh-ins, newest first, with the 7-day mean, in the runner's units."""

    HEADERS = ("Day", "Weight", "7-day mean")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[WeightEntry, float]] = []
        self._units = WeightUnits.KG

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

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            unit = self._units.weight_label
            return self.HEADERS[section] if section == 0 else f"{self.HEADERS[section]} ({unit})"
        return None

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
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class WeightLogDialog(QDialog):
    """The Weight Log: every weigh-in in a table, to add, change and delete.

    Pick a row to change its weight; "Save" logs the day and weight of the form (a new day
    adds a weigh-in; a day that has another asks before replacing it). Each save and delete
    is one undo step; Ctrl+Z and Ctrl+Shift+Z undo and redo here too, and the table follows
    every change of weigh-ins and units, wherever it was made.

    Args:
        controller: the plan controller.
        today: the day the app treats as today.
        parent: the parent widget.
    """

    def __init__(
        self, controller: PlanController, *, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("weightLogDialog")
        self.setWindowTitle("Weight Log")
        self._controller = controller
        self._today = today
        self._editing: date | None = None
        self.model = WeighInModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("weighInTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("weighInCount")
        self.form = _WeighInForm(controller, today, self)
        self.save_button = QPushButton("&Save", self)
        self.save_button.setObjectName("saveWeighIn")
        self.save_button.setDefault(True)
        self.new_button = QPushButton("&New", self)
        self.delete_button = QPushButton("&Delete", self)
        self.delete_button.setObjectName("deleteWeighIn")
        self.delete_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        hint = QLabel("Pick a row to change its weight. One weigh-in per day.", self)
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(440, 560)

        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.new)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        controller.plan_changed.connect(self._on_plan_changed)
        for keys, slot in (
            (QKeySequence.StandardKey.Undo, controller.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, controller.undo_stack.redo),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.reload()

    @property
    def confirm(self) -> Confirm:
        """How the dialog asks before replacing a weigh-in (tests answer it)."""
        return self.form.confirm

    @confirm.setter
    def confirm(self, confirm: Confirm) -> None:
        self.form.confirm = confirm

    def reload(self) -> None:
        """Show the stored weigh-ins again (in the units of now)."""
        entries = self._controller.weights(*_ALL_DAYS)
        self.model.set_entries(entries, self._controller.settings.weight_units)
        count = len(entries)
        self.count_label.setText(
            "No weigh-ins yet: enter today's below."
            if not count
            else f"{count} weigh-in{'s' * (count != 1)}, newest first."
        )
        if self._editing is not None:
            row = self.model.row_of(self._editing)
            if row is None:
                self._editing = None
            else:
                self.table.selectRow(row)
        self.delete_button.setEnabled(self._editing is not None)

    def entries(self) -> list[WeightEntry]:
        """The weigh-ins the table shows, newest first."""
        return [self.model.entry(row) for row in range(self.model.rowCount())]

    @Slot()
    def save(self) -> bool:
        """Log the form's day and weight (one undo step); ``False`` when nothing was saved."""
        saved = self.form.save(editing=self._editing)
        if saved is None:
            return False
        self._editing = saved.day
        self.reload()
        return True

    @Slot()
    def new(self) -> None:
        """Clear the form for a new weigh-in today."""
        self._editing = None
        self.form.editing = None
        self.table.clearSelection()
        self.form.day_edit.setDate(to_qdate(self._today))
        self.form.weight_field.set_value(None)
        self.form.weight_field.setFocus()

    @Slot()
    def delete_selected(self) -> bool:
        """Delete the selected weigh-in (one undo step)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        entry = self.model.entry(rows[0].row())
        self._editing = None
        return self._controller.delete_weight(entry.day)

    def select_day(self, day: date) -> bool:
        """Select the weigh-in of ``day`` in the table (and load it in the form)."""
        row = self.model.row_of(day)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _on_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.delete_button.setEnabled(False)
            return
        entry = self.model.entry(rows[0].row())
        self._editing = entry.day
        self.form.set_entry(entry)
        self.delete_button.setEnabled(True)

    @Slot(object)
    def _on_plan_changed(self, change: ChangeSet) -> None:
        if change.touches_settings:
            self.form.follow_units()
        if change.touches_weights or change.touches_settings:
            self.reload()
