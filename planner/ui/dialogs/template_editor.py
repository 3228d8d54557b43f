"""The template editor (a library entry's defaults) and the "Save as template…" name prompt."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.core.checks import raise_all, workout_problems
from planner.core.model import MAX_TITLE_LEN, Kind, Template, ValidationError
from planner.core.settings import Units
from planner.core.vocabulary import check_template_name, template_name_key
from planner.ui.dialogs.errors import ErrorLabel, FieldErrors
from planner.ui.dialogs.fields import WorkoutNumbers, combo_kind, form_layout, kind_combo
from planner.ui.dialogs.validating import ValidatingDialog

#: Any day will do: templates are validated as the workout they would create.
_SOME_DAY = date(2000, 1, 1)


class TemplateEditor(ValidatingDialog[Template]):
    """Edit a library entry: its name, kind, default duration, distance and effort.

    Args:
        template: the entry to edit (``id=None`` for a new one).
        parent: the parent widget.
        title: the window title (a sensible default otherwise).
        existing_names: names already in the library; the entry may not take one of them
            (its own current name excepted).
        units: the units its distance is typed and shown in (stored in kilometres).
    """

    _cannot_save = "The template has values that cannot be saved."

    def __init__(
        self,
        template: Template,
        parent: QWidget | None = None,
        *,
        title: str | None = None,
        existing_names: Iterable[str] = (),
        units: Units = Units.KM,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self._original = template
        own = template_name_key(template.name) if template.id is not None else None
        self._taken = [n for n in existing_names if template_name_key(n) != own]
        if title is None:
            title = "New template" if template.id is None else f"Edit template {template.name}"
        self.setWindowTitle(title)
        self._build(units)
        self._load(template)
        self._name.setFocus(Qt.FocusReason.OtherFocusReason)
        self._name.selectAll()
        self._validate_live()

    def _build(self, units: Units) -> None:
        outer = QVBoxLayout(self)
        outer.setSpacing(12)
        form = form_layout()

        self._name = QLineEdit(self)
        self._name.setMaxLength(MAX_TITLE_LEN)
        self._name.setPlaceholderText("Hill repeats, Recovery jog…")
        self._name.setMinimumWidth(300)
        self._add_title(form, "&Name", self._name)
        self._errors.alias("name", "title")

        self._kind = kind_combo(self)
        kind_row = QWidget(self)
        kind_layout = _hbox(kind_row)
        self._kind.setParent(kind_row)
        kind_layout.addWidget(self._kind)
        kind_layout.addStretch(1)
        self._row(form, "&Kind", kind_row, buddy=self._kind)

        self._numbers = WorkoutNumbers(self, units=units)
        self._add_numbers(form, self._numbers, ("D&uration", "&Distance", "&Effort (RPE)"))

        self._description = QPlainTextEdit(self)
        self._description.setTabChangesFocus(True)
        self._description.setPlaceholderText("One line on how to do it")
        self._description.setFixedHeight(self._description.fontMetrics().lineSpacing() * 3 + 12)
        label = self._row(form, "Descri&ption", self._description)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer.addLayout(form)

        self._add_buttons(outer)
        self._widgets.update(kind=self._kind, description=self._description)
        self._kind.currentIndexChanged.connect(self._on_kind_changed)
        self._set_tab_order(
            self._name, self._kind, *self._numbers.fields(), self._description, self._buttons
        )

    def _load(self, template: Template) -> None:
        self._name.setText(template.name)
        self._kind.setCurrentIndex(max(0, self._kind.findData(template.kind)))
        self._numbers.duration.set_value(template.duration_min)
        self._numbers.distance.set_value(template.distance_km)
        self._numbers.rpe.set_value(template.rpe)
        self._numbers.update_hint()
        self._description.setPlainText(template.description)
        self._on_kind_changed()

    def _collect(self, *, show: bool) -> Template | None:
        kind = combo_kind(self._kind)
        values = self._read_numbers(show=show, skip={"distance_km"} if kind is Kind.REST else ())
        if values is None:
            return None
        name = self._name.text().strip()
        template = self._original.replace(
            name=name,
            kind=kind,
            duration_min=values.get("duration_min"),
            distance_km=values.get("distance_km"),
            rpe=values.get("rpe"),
            description=self._description.toPlainText().strip(),
        )
        problems: list[ValidationError] = []
        try:
            check_template_name(name, self._taken)
        except ValidationError as error:
            problems.append(error)
        as_workout = template.to_workout(_SOME_DAY)
        if problems:  # the name's problem is said once, in the template's words
            as_workout = as_workout.replace(title="Template")
        problems += workout_problems(as_workout)
        raise_all(problems)
        return template

    # -- public API ------------------------------------------------------------------------
    def template(self) -> Template:
        """The edited template (id and built-in flag kept).

        Raises:
            ValidationError: when called before saving while a field holds an impossible value.
        """
        return self._value()

    # -- reactions -------------------------------------------------------------------------
    @Slot()
    def _on_kind_changed(self) -> None:
        self._show_number("distance_km", combo_kind(self._kind) is not Kind.REST)
        self.adjustSize()


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
        self._taken = list(existing_names)
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
        try:
            check_template_name(self.name(), self._taken)
        except ValidationError as error:
            self._errors.show("name", str(error))
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
