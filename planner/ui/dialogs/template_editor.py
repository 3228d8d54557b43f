"""The template editor (a library entry's defaults) and the "Save as template…" name prompt."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.core.model import MAX_TITLE_LEN, Kind, Template, ValidationError
from planner.ui.dialogs.fields import (
    ErrorLabel,
    FieldErrors,
    FieldParseError,
    NumberField,
    WorkoutNumbers,
    kind_combo,
    with_unit,
)

#: Any day will do: templates are validated as the workout they would create.
_SOME_DAY = date(2000, 1, 1)


def _name_taken(name: str, taken: set[str]) -> bool:
    return name.strip().casefold() in taken


class TemplateEditor(QDialog):
    """Edit a library entry: its name, kind, default duration, distance and effort.

    Args:
        template: the entry to edit (``id=None`` for a new one).
        parent: the parent widget.
        title: the window title (a sensible default otherwise).
        existing_names: names already in the library; the entry may not take one of them
            (its own current name excepted).
    """

    def __init__(
        self,
        template: Template,
        parent: QWidget | None = None,
        *,
        title: str | None = None,
        existing_names: Iterable[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self._original = template
        self._result: Template | None = None
        own = template.name.strip().casefold() if template.id is not None else None
        self._taken = {n.strip().casefold() for n in existing_names} - {own}
        if title is None:
            title = "New template" if template.id is None else f"Edit template {template.name}"
        self.setWindowTitle(title)
        self._build()
        self._load(template)
        self._name.setFocus(Qt.FocusReason.OtherFocusReason)
        self._name.selectAll()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setSpacing(12)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setVerticalSpacing(8)
        self._form = form
        general = ErrorLabel(self)
        self._errors = FieldErrors(form, general)

        self._name = QLineEdit(self)
        self._name.setMaxLength(MAX_TITLE_LEN)
        self._name.setPlaceholderText("Hill repeats, Recovery jog…")
        self._name.setMinimumWidth(300)
        self._row(form, "&Name", self._name)
        self._errors.add("title", self._name)
        self._errors.alias("name", "title")

        self._kind = kind_combo(self)
        kind_row = QWidget(self)
        kind_layout = _hbox(kind_row)
        self._kind.setParent(kind_row)
        kind_layout.addWidget(self._kind)
        kind_layout.addStretch(1)
        self._row(form, "&Kind", kind_row, buddy=self._kind)

        self._numbers = WorkoutNumbers(self)
        numbers = self._numbers
        self._row(form, "D&uration", with_unit(numbers.duration, "min"), buddy=numbers.duration)
        self._errors.add("duration_min", numbers.duration)
        self._row(form, "&Distance", with_unit(numbers.distance, "km"), buddy=numbers.distance)
        self._errors.add("distance_km", numbers.distance)
        effort = with_unit(numbers.rpe, numbers.rpe_hint)
        self._row(form, "&Effort (RPE)", effort, buddy=numbers.rpe)
        self._errors.add("rpe", numbers.rpe)

        self._description = QPlainTextEdit(self)
        self._description.setTabChangesFocus(True)
        self._description.setPlaceholderText("One line on how to do it")
        self._description.setFixedHeight(self._description.fontMetrics().lineSpacing() * 3 + 12)
        label = self._row(form, "Descri&ption", self._description)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer.addLayout(form)
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
        self._name.textEdited.connect(self._on_name_edited)
        for name, field in self._numeric_fields().items():
            field.setProperty("field_name", name)
            field.textChanged.connect(self._on_number_edited)

        order: list[QWidget] = [
            self._name,
            self._kind,
            numbers.duration,
            numbers.distance,
            numbers.rpe,
            self._description,
            self._buttons,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _row(
        self, form: QFormLayout, text: str, field: QWidget, *, buddy: QWidget | None = None
    ) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy or field)
        form.addRow(label, field)
        return label

    def _numeric_fields(self) -> dict[str, NumberField]:
        return {
            "duration_min": self._numbers.duration,
            "distance_km": self._numbers.distance,
            "rpe": self._numbers.rpe,
        }

    def _load(self, template: Template) -> None:
        self._name.setText(template.name)
        self._kind.setCurrentIndex(max(0, self._kind.findData(template.kind)))
        self._numbers.duration.set_value(template.duration_min)
        self._numbers.distance.set_value(template.distance_km)
        self._numbers.rpe.set_value(template.rpe)
        self._numbers.update_hint()
        self._description.setPlainText(template.description)
        self._on_kind_changed()

    def _kind_value(self) -> Kind:
        kind = self._kind.currentData()
        return kind if isinstance(kind, Kind) else Kind(str(kind))

    def _collect(self, *, show: bool) -> Template | None:
        if show:
            self._errors.clear_all()
        kind = self._kind_value()
        values: dict[str, float | None] = {}
        failed = False
        for name, field in self._numeric_fields().items():
            if name == "distance_km" and kind is Kind.REST:
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
        name = self._name.text().strip()
        template = self._original.replace(
            name=name,
            kind=kind,
            duration_min=values["duration_min"],
            distance_km=values["distance_km"],
            rpe=values["rpe"],
            description=self._description.toPlainText().strip(),
        )
        try:
            if not name:
                raise ValidationError("name", "Give the template a name.")
            if _name_taken(name, self._taken):
                raise ValidationError(
                    "name", f"The library already has “{name}”: choose another name."
                )
            template.to_workout(_SOME_DAY).validate()
        except ValidationError as error:
            if show:
                self._errors.show(error.field, str(error))
            return None
        return template

    # -- public API ------------------------------------------------------------------------
    def template(self) -> Template:
        """The edited template (id and built-in flag kept).

        Raises:
            ValidationError: when called before saving while a field holds an impossible value.
        """
        if self._result is not None:
            return self._result
        template = self._collect(show=False)
        if template is None:
            raise ValidationError("", "The template has values that cannot be saved.")
        return template

    def error_messages(self) -> list[str]:
        """The validation messages shown now."""
        return self._errors.messages()

    def error_message(self, field: str) -> str:
        """The message under the field ``field`` ("name", "duration_min", …)."""
        return self._errors.message(field)

    def field(self, name: str) -> QWidget | None:
        """The input widget for ``name`` ("name", "kind", "duration_min", "description", …)."""
        extra: dict[str, QWidget] = {
            "kind": self._kind,
            "description": self._description,
            "save": self._save_button,
        }
        return extra.get(name) or self._errors.widget(name)

    @Slot()
    def accept(self) -> None:
        """Save when every value is possible; otherwise show why and stay open."""
        template = self._collect(show=True)
        if template is None:
            return
        self._result = template
        super().accept()

    # -- reactions -------------------------------------------------------------------------
    @Slot()
    def _on_kind_changed(self) -> None:
        rest = self._kind_value() is Kind.REST
        row = self._numbers.distance.parentWidget()
        if row is not None:
            self._form.setRowVisible(row, not rest)
        if rest:
            self._errors.clear("distance_km")
        self.adjustSize()

    @Slot()
    def _on_name_edited(self) -> None:
        self._errors.clear("title")

    @Slot()
    def _on_number_edited(self) -> None:
        sender = self.sender()
        name = sender.property("field_name") if sender is not None else None
        if isinstance(name, str):
            self._errors.clear(name)


def _hbox(widget: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    return layout


class TemplateNameDialog(QDialog):
    """Asks for the name of a new library entry ("Save as template…").

    Args:
        default: the name offered.
        parent: the parent widget.
        existing_names: names the library already has.
    """

    def __init__(
        self, default: str, parent: QWidget | None = None, *, existing_names: Iterable[str] = ()
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templateNameDialog")
        self.setWindowTitle("Save as template")
        self._taken = {n.strip().casefold() for n in existing_names}
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        label = QLabel("&Name of the new library entry:", self)
        self._name = QLineEdit(default, self)
        self._name.setMaxLength(MAX_TITLE_LEN)
        self._name.setMinimumWidth(300)
        self._name.selectAll()
        label.setBuddy(self._name)
        self._error = ErrorLabel(self)
        layout.addWidget(label)
        layout.addWidget(self._name)
        layout.addWidget(self._error)
        layout.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._errors = FieldErrors(None, ErrorLabel(self))
        self._errors.add("name", self._name, label=self._error)
        self._name.textEdited.connect(self._on_edited)

    def name(self) -> str:
        """The name typed, trimmed."""
        return self._name.text().strip()

    def error_message(self) -> str:
        """The message shown now ("" when none)."""
        return self._errors.message("name")

    @Slot()
    def accept(self) -> None:
        """Close when the name is usable; otherwise say why."""
        name = self.name()
        if not name:
            self._errors.show("name", "Give the template a name.")
            return
        if _name_taken(name, self._taken):
            self._errors.show("name", f"The library already has “{name}”: choose another name.")
            return
        super().accept()

    @Slot()
    def _on_edited(self) -> None:
        self._errors.clear("name")


def ask_template_name(
    parent: QWidget | None, default: str, *, existing_names: Iterable[str] = ()
) -> str | None:
    """Ask for a new library entry's name (modal); ``None`` when cancelled."""
    dialog = TemplateNameDialog(default, parent, existing_names=existing_names)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.name()
        return None
    finally:
        dialog.deleteLater()
