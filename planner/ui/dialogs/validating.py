"""The base of the editors: a form that checks its values as they are typed and says what is wrong.

Every field that holds an impossible value is marked at once, with its message under it (in
a line kept free for it, as tall as the longest message the field can show, so nothing moves
when a message appears or clears), and Save stays disabled until every value is possible.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Sequence
from functools import partial
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, QRect, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.core.checks import MultipleValidationError
from planner.core.model import ValidationError
from planner.ui.dialogs.errors import ErrorLabel, FieldErrors
from planner.ui.dialogs.fields import WorkoutNumbers, with_unit
from planner.ui.dialogs.number_field import DistanceField, FieldParseError, NumberField

T = TypeVar("T")


class ValidatingDialog(QDialog, Generic[T]):
    """A form dialog that checks its values as the runner types, and again on Save.

    Each problem is shown in red under the field it concerns (``ValidationError.field``), or
    on the general line under the form; Save is disabled while there is any. Subclasses
    build their form with :meth:`_row` and the ``_add_…`` helpers, describe the value in
    :meth:`_collect`, and call :meth:`_validate_live` once the form holds its first values.

    Args:
        parent: the parent widget.
    """

    #: Why :meth:`_value` fails before saving.
    _cannot_save = "The form has values that cannot be saved."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._result: T | None = None
        self._general = ErrorLabel(self)
        self._errors = FieldErrors(None, self._general)
        self._number_fields: dict[str, NumberField] = {}
        self._number_forms: dict[str, QFormLayout] = {}
        self._widgets: dict[str, QWidget] = {}
        self._live = False
        self._lenient = False
        self._parse_problems: dict[str, str] = {}
        self._problems: dict[str, str] = {}
        self._room = _MessageRoom(self)

    # -- building the form -----------------------------------------------------------------
    def _row(
        self, form: QFormLayout, text: str, field: QWidget, *, buddy: QWidget | None = None
    ) -> QLabel:
        """Add ``field`` to ``form`` under a label with the mnemonic in ``text``."""
        label = QLabel(text, field.parentWidget() or self)
        label.setBuddy(buddy or field)
        form.addRow(label, field)
        return label

    def _add_title(self, form: QFormLayout, text: str, field: QLineEdit) -> QLabel:
        """The row of the core field "title"; typing in it hides its message."""
        label = self._row(form, text, field)
        error = self._errors.add("title", field, form)
        self._room.add(error, partial(self._longest_messages, "title"))
        field.textEdited.connect(partial(self._on_typed, "title"))
        return label

    def _add_numbers(
        self,
        form: QFormLayout,
        numbers: WorkoutNumbers,
        texts: tuple[str, str, str],
        *,
        prefix: str = "",
    ) -> list[QLabel]:
        """Rows for duration, distance and effort, each with its error row.

        Their core field names are "duration_min", "distance_km" and "rpe" after ``prefix``.
        """
        units: tuple[str | QLabel, ...] = (
            "min",
            numbers.distance.units.distance_label,
            numbers.rpe_hint,
        )
        names = ("duration_min", "distance_km", "rpe")
        labels = []
        for field, text, unit, name in zip(numbers.fields(), texts, units, names, strict=True):
            labels.append(self._row(form, text, with_unit(field, unit), buddy=field))
            error = self._errors.add(prefix + name, field, form)
            self._number_fields[prefix + name] = field
            self._number_forms[prefix + name] = form
            self._room.add(error, partial(self._longest_messages, prefix + name))
            self._clear_when_typed(field, prefix + name)
        return labels

    def _clear_when_typed(self, field: NumberField, name: str) -> None:
        """Hide the message of the field ``name`` once the runner types in ``field``.

        In a form that checks as the runner types (:meth:`_validate_live`), the check decides.
        """
        field.textChanged.connect(partial(self._on_typed, name))

    def _add_buttons(self, layout: QVBoxLayout) -> None:
        """The general error line, then Save (also Ctrl+Enter) and Cancel."""
        layout.addWidget(self._general)
        layout.addStretch(1)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._save_button = self._buttons.button(QDialogButtonBox.StandardButton.Save)
        self._save_button.setText("&Save")
        self._save_button.setDefault(True)
        self._save_button.setToolTip("Save (Ctrl+Enter)")
        self._widgets["save"] = self._save_button
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout.addWidget(self._buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.accept)

    def _show_number(self, name: str, visible: bool) -> None:
        """Show or hide the row of the number ``name``; hiding it hides its message too."""
        row = self._number_fields[name].parentWidget()
        if row is not None:
            self._number_forms[name].setRowVisible(row, visible)
        self._errors.set_row_visible(name, visible)
        if not visible:
            self._errors.clear(name)

    @staticmethod
    def _set_tab_order(*widgets: QWidget) -> None:
        """Tab moves through ``widgets`` in this order."""
        for first, second in itertools.pairwise(widgets):
            QWidget.setTabOrder(first, second)

    def _longest_messages(self, name: str) -> list[str]:
        """The longest messages the field ``name`` can show (its error line keeps room for them).

        A number field's own "not a number" message; subclasses add the messages of the
        core's checks.
        """
        field = self._number_fields.get(name)
        return [field.longest_parse_error()] if field is not None else []

    # -- values ----------------------------------------------------------------------------
    def _collect(self, *, show: bool) -> T | None:
        """The value the form describes; ``None`` when a number cannot be read.

        Raises:
            ValidationError: when the value is not possible.
        """
        raise NotImplementedError

    def _read_numbers(
        self, *, show: bool, skip: Collection[str] = ()
    ) -> dict[str, float | None] | None:
        """The numbers in the fields not named in ``skip``; ``None`` when one is not a number.

        With ``show``, each field that is not a number says why, and the first one takes focus.
        While the form checks itself as the runner types, a field that is not a number reads
        as empty (so the other fields are still checked) and its message is kept aside.
        """
        values: dict[str, float | None] = {}
        failed = False
        for name, field in self._number_fields.items():
            if name in skip:
                continue
            try:
                values[name] = field.value()
            except FieldParseError as error:
                if self._lenient:
                    self._parse_problems[name] = str(error)
                    values[name] = None
                    continue
                if show:
                    self._errors.show(name, str(error), focus=not failed)
                failed = True
        return None if failed else values

    def _checked(self, *, show: bool) -> T | None:
        """:meth:`_collect`; ``None`` when a value is wrong (said inline with ``show``)."""
        if show:
            self._errors.clear_all()
        try:
            return self._collect(show=show)
        except ValidationError as error:
            if show:
                self._errors.show(error.field, self._explain(error))
            return None

    def _explain(self, error: ValidationError) -> str:
        """The message of ``error`` as the form shows it (distances in the form's units)."""
        field = self._number_fields.get(error.field)
        message = field.explain(str(error)) if isinstance(field, DistanceField) else None
        return message or str(error)

    def _find_problems(self) -> dict[str, str]:
        """Every problem of the form now: field name -> message, in the order found."""
        self._parse_problems = {}
        found: dict[str, str] = {}
        self._lenient = True
        try:
            self._collect(show=False)
        except ValidationError as error:
            errors = error.errors if isinstance(error, MultipleValidationError) else (error,)
            for each in errors:
                found.setdefault(each.field, self._explain(each))
        finally:
            self._lenient = False
        # A field that is not a number says so, rather than what its emptiness would mean.
        return {**found, **self._parse_problems}

    def _validate_live(self) -> None:
        """Check the form now and after every change to any of its fields."""
        if not self._live:
            self._live = True
            for widget in [*self._widgets.values(), *self._number_fields.values()]:
                _on_change(widget, self._revalidate)
            title = self._errors.widget("title")
            if title is not None:
                _on_change(title, self._revalidate)
        self._revalidate()

    @Slot()
    def _revalidate(self) -> None:
        """Mark every field that holds an impossible value; Save only when there is none."""
        if not self._live:
            return
        problems = self._find_problems()
        for name in [*self._number_fields, "title", "name", "day"]:
            if name not in problems:
                self._errors.clear(name)
        general = ""
        for name, message in problems.items():
            if self._errors.widget(name) is None:
                general = general or message
            else:
                self._errors.show(name, message, focus=False)
        if general:
            self._errors.show("", general, focus=False)
        else:
            self._errors.clear_general()
        self._problems = problems
        if hasattr(self, "_save_button"):
            self._save_button.setEnabled(not problems)
            self._save_button.setToolTip(
                "Save (Ctrl+Enter)" if not problems else "Correct the fields marked in red first"
            )

    def problems(self) -> dict[str, str]:
        """The problems the form shows now: field name -> message (empty when it can save)."""
        return dict(self._problems)

    def _value(self) -> T:
        """The saved value; before saving, the one the form describes.

        Raises:
            ValidationError: when called before saving while a field holds an impossible value.
        """
        if self._result is not None:
            return self._result
        value = self._checked(show=False)
        if value is None:
            raise ValidationError("", self._cannot_save)
        return value

    # -- public API ------------------------------------------------------------------------
    def error_messages(self) -> list[str]:
        """The validation messages shown now (for tests and accessibility)."""
        return self._errors.messages()

    def error_message(self, field: str) -> str:
        """The message shown under the field a core ``ValidationError.field`` names."""
        return self._errors.message(field)

    def field(self, name: str) -> QWidget | None:
        """The input widget for a core field name ("title", "distance_km", "save", …)."""
        return self._widgets.get(name) or self._errors.widget(name)

    @Slot()
    def accept(self) -> None:
        """Save when every value is possible; otherwise show why, focus it and stay open."""
        if self._live:
            self._revalidate()
            if self._problems:
                first = self._errors.widget(next(iter(self._problems)))
                if first is not None and first.isEnabled():
                    first.setFocus(Qt.FocusReason.OtherFocusReason)
                    if isinstance(first, QLineEdit):
                        first.selectAll()
                return
        value = self._checked(show=True)
        if value is None:
            return
        self._result = value
        super().accept()

    def _on_typed(self, name: str, _text: str = "") -> None:
        if not self._live:
            self._errors.clear(name)


class _MessageRoom(QObject):
    """Keeps each error line of a form as tall as the longest message it can show.

    A line that grew when its message appeared (a second line of a wrapped message) moved
    every field under it, so that a click aimed at one landed on another. Each line gets that
    height up front, at the width it has, and again whenever its width or its font changes.

    Args:
        parent: the form.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._messages: dict[QLabel, Callable[[], Sequence[str]]] = {}

    def add(self, label: QLabel, messages: Callable[[], Sequence[str]]) -> None:
        """Keep ``label`` tall enough for each of ``messages()`` from now on."""
        self._messages[label] = messages
        label.installEventFilter(self)
        if label.isVisible():  # else at the first show: laid out, it gets a Resize event
            self.fit(label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange)
            and isinstance(watched, QLabel)
            and watched in self._messages
        ):
            self.fit(watched)
        return False

    def fit(self, label: QLabel) -> None:
        """Give ``label`` the height its longest message needs at its width now."""
        margins = label.contentsMargins()
        width = label.width() - margins.left() - margins.right()
        if width <= 0:
            return
        metrics = label.fontMetrics()
        bounds = QRect(0, 0, width, 100_000)
        flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
        tallest = max(
            (
                metrics.boundingRect(bounds, flags, text).height()
                for text in self._messages[label]()
            ),
            default=0,
        )
        height = max(tallest, metrics.lineSpacing()) + margins.top() + margins.bottom()
        if label.minimumHeight() != height:
            label.setMinimumHeight(height)


def _on_change(widget: QWidget, slot: Callable[[], None]) -> None:
    """Call ``slot`` whenever the value of ``widget`` (a form field) changes."""
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
    elif isinstance(widget, QDateEdit):
        widget.dateChanged.connect(slot)
    elif isinstance(widget, QAbstractButton) and widget.isCheckable():
        widget.toggled.connect(slot)
