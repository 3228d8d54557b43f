"""Form pieces the dialogs share: numeric fields that may be empty, and inline error messages."""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection
from datetime import date
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QObject, QSize, Qt, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QPalette, QResizeEvent, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.core.model import (
    MAX_DISTANCE_KM,
    MAX_DURATION_MIN,
    MAX_RPE,
    MIN_RPE,
    Kind,
    ValidationError,
)
from planner.core.vocabulary import KIND_ORDER
from planner.ui.style import error_color, is_dark, kind_badge_pixmap, mix

#: What an empty numeric field shows.
EMPTY_TEXT = "—"

_HOURS_MINUTES = re.compile(r"^(\d+):([0-5]?\d)$")


class FieldParseError(ValueError):
    """The text in a field is not a value it accepts; the message is for the runner."""


def format_number(value: float | None, decimals: int = 2) -> str:
    """``value`` without trailing zeros ("6", "6.5", "42.2"); empty for ``None``."""
    if value is None:
        return ""
    text = f"{round(value, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class NumberField(QLineEdit):
    """A line edit for a number that may also be left empty (``None``).

    It accepts any text while typing, so that :meth:`value` can explain what is wrong
    instead of silently swallowing keys. Up/Down (and the mouse wheel when focused) step
    the value by ``step`` within ``minimum`` and ``maximum``.

    Args:
        what: the field's name in messages ("Duration").
        example: an example value for messages ("45").
        minimum: the lowest value the arrow keys step to.
        maximum: the highest value the arrow keys step to.
        step: how far one arrow key press moves.
        decimals: how many decimals to keep.
        unit: a unit the runner may type after the number ("km"); it is ignored.
        hours_minutes: also accept ``h:mm`` (a duration in minutes).
        parent: the parent widget.
    """

    def __init__(
        self,
        what: str,
        *,
        example: str,
        minimum: float,
        maximum: float,
        step: float = 1.0,
        decimals: int = 2,
        unit: str = "",
        hours_minutes: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._what = what
        self._example = example
        self._minimum = minimum
        self._maximum = maximum
        self._step = step
        self._decimals = decimals
        self._unit = unit
        self._hours_minutes = hours_minutes
        self.setPlaceholderText(EMPTY_TEXT)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setClearButtonEnabled(False)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(self.sizeHint().width())

    def sizeHint(self) -> QSize:
        """Room for about eight digits: these fields hold short numbers."""
        hint = super().sizeHint()
        hint.setWidth(self.fontMetrics().horizontalAdvance("0") * 8 + 16)
        return hint

    def value(self) -> float | None:
        """The number in the field; ``None`` when empty.

        Raises:
            FieldParseError: when the text is not a number.
        """
        text = self.text().strip()
        if not text or text == EMPTY_TEXT:
            return None
        if self._hours_minutes:
            match = _HOURS_MINUTES.match(text)
            if match:
                return float(int(match.group(1)) * 60 + int(match.group(2)))
        cleaned = text.replace(",", ".")
        if self._unit and cleaned.lower().endswith(self._unit.lower()):
            cleaned = cleaned[: -len(self._unit)].strip()
        try:
            number = float(cleaned)
        except ValueError:
            hint = f" or h:mm like {self._hours_minutes_example()}" if self._hours_minutes else ""
            raise FieldParseError(
                f"{self._what}: “{text}” is not a number. "
                f"Enter a number like {self._example}{hint}, or leave it empty."
            ) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise FieldParseError(f"{self._what}: enter a number like {self._example}.")
        return round(number, self._decimals)

    def set_value(self, value: float | None) -> None:
        """Show ``value`` (empty for ``None``)."""
        self.setText(format_number(value, self._decimals))

    def step_by(self, steps: int) -> None:
        """Move the value ``steps`` steps up (or down, when negative), within the limits."""
        try:
            current = self.value()
        except FieldParseError:
            return
        if current is None:
            new = self._minimum
        else:
            new = round(current / self._step) * self._step + steps * self._step
        new = min(max(new, self._minimum), self._maximum)
        self.set_value(new)
        self.selectAll()

    @staticmethod
    def _hours_minutes_example() -> str:
        return "1:30"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up/Down and Page Up/Down step the value."""
        steps = {
            Qt.Key.Key_Up: 1,
            Qt.Key.Key_Down: -1,
            Qt.Key.Key_PageUp: 10,
            Qt.Key.Key_PageDown: -10,
        }.get(Qt.Key(event.key()))
        if steps is not None and not self.isReadOnly():
            self.step_by(steps)
            event.accept()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel steps the value, but only when the field has focus."""
        if not self.hasFocus() or self.isReadOnly():
            event.ignore()
            return
        delta = event.angleDelta().y()
        if delta:
            self.step_by(1 if delta > 0 else -1)
        event.accept()


def _grow_window(widget: QWidget) -> None:
    """Make the window tall enough for a message that just appeared (never shrink it)."""
    window = widget.window()
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    height = layout.totalHeightForWidth(window.width())
    if height < 0:
        height = layout.totalSizeHint().height()
    if window.height() < height:
        window.resize(window.width(), height)


class ErrorLabel(QLabel):
    """A red message under a form field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_color(dark=is_dark(palette)))
        self.setPalette(palette)
        self.hide()

    def sizeHint(self) -> QSize:
        """As tall as the message needs at the width the label has now."""
        hint = super().sizeHint()
        if self.width() > hint.width():
            return QSize(hint.width(), self.heightForWidth(self.width()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Ask the layout again: the height a wrapped message needs depends on the width."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()


class FieldErrors:
    """Inline validation messages for a form: one hidden error row under each field.

    Each field is registered with the core field name its errors use
    (``ValidationError.field``); :meth:`show` puts the message under it, tints the field,
    focuses it, and hides again as soon as the runner edits it.

    Args:
        form: the form layout the fields are in.
        general: where errors that name no known field go.
    """

    def __init__(self, form: QFormLayout | None, general: ErrorLabel) -> None:
        self._form = form
        self._general = general
        self._fields: dict[str, tuple[QWidget, ErrorLabel, QFormLayout | None]] = {}
        self._normal: dict[QWidget, QPalette] = {}

    def add(
        self,
        name: str,
        widget: QWidget,
        form: QFormLayout | None = None,
        *,
        label: ErrorLabel | None = None,
    ) -> ErrorLabel:
        """Register ``widget`` as the field ``name``; add its error row to ``form``.

        Without ``form`` (and without the constructor's), ``label`` must be placed by the
        caller.
        """
        form = form or self._form
        error = label or ErrorLabel(widget.parentWidget())
        if label is None and form is not None:
            form.addRow("", error)
            form.setRowVisible(error, False)
        self._fields[name] = (widget, error, form if label is None else None)
        self._normal[widget] = QPalette(widget.palette())
        return error

    def alias(self, name: str, target: str) -> None:
        """Show errors for the core field ``name`` on the field registered as ``target``."""
        self._fields[name] = self._fields[target]

    def widget(self, name: str) -> QWidget | None:
        """The widget registered as ``name``."""
        entry = self._fields.get(name)
        return entry[0] if entry else None

    def message(self, name: str) -> str:
        """The error shown for ``name`` now ("" when none); "" names the general message."""
        if not name:
            return self._general.text() if not self._general.isHidden() else ""
        entry = self._fields.get(name)
        if entry is None:
            return ""
        _widget, label, _form = entry
        return label.text() if not label.isHidden() else ""

    def messages(self) -> list[str]:
        """Every message shown now, general one included."""
        seen: list[str] = []
        labels = [entry[1] for entry in self._fields.values()] + [self._general]
        for label in labels:
            if not label.isHidden() and label.text() and label.text() not in seen:
                seen.append(label.text())
        return seen

    def show(self, name: str, message: str, *, focus: bool = True) -> None:
        """Show ``message`` under the field ``name`` (the general line if unknown)."""
        entry = self._fields.get(name)
        if entry is None:
            self._general.setText(message)
            self._general.show()
            _grow_window(self._general)
            return
        widget, label, form = entry
        label.setText(message)
        if form is not None:
            form.setRowVisible(label, True)
        else:
            label.show()
        self._tint(widget, True)
        widget.setAccessibleDescription(message)
        _grow_window(widget)
        if focus and widget.isEnabled():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()

    def clear(self, name: str) -> None:
        """Hide the message of the field ``name``."""
        entry = self._fields.get(name)
        if entry is None:
            return
        widget, label, form = entry
        if label.isHidden() and not label.text():
            return
        label.clear()
        if form is not None:
            form.setRowVisible(label, False)
        else:
            label.hide()
        self._tint(widget, False)
        widget.setAccessibleDescription("")

    def clear_all(self) -> None:
        """Hide every message."""
        for name in list(self._fields):
            self.clear(name)
        self._general.clear()
        self._general.hide()

    def _tint(self, widget: QWidget, invalid: bool) -> None:
        normal = self._normal.get(widget, widget.palette())
        if not invalid:
            widget.setPalette(normal)
            return
        palette = QPalette(normal)
        dark = is_dark(palette)
        red = error_color(dark=dark)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            base = palette.color(group, QPalette.ColorRole.Base)
            palette.setColor(group, QPalette.ColorRole.Base, mix(base, red, 0.14))
        palette.setColor(QPalette.ColorRole.Highlight, red)
        widget.setPalette(palette)


#: What the CR-10 effort numbers feel like, for the hint next to the RPE fields.
_RPE_WORDS = (
    (0.0, "Rest"),
    (1.0, "Very easy"),
    (2.0, "Easy"),
    (3.0, "Moderate"),
    (4.0, "Somewhat hard"),
    (5.0, "Hard"),
    (7.0, "Very hard"),
    (9.0, "Extremely hard"),
    (10.0, "Maximal"),
)


def rpe_words(value: float | None) -> str:
    """How an effort of ``value`` on the CR-10 scale feels ("Moderate"); "" if none."""
    if value is None or not MIN_RPE <= value <= MAX_RPE:
        return ""
    words = ""
    for threshold, text in _RPE_WORDS:
        if value >= threshold:
            words = text
    return words


def to_qdate(day: date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    """A QDate as a Python date."""
    return date(day.year(), day.month(), day.day())


def kind_combo(parent: QWidget | None = None) -> QComboBox:
    """A combo box of the kinds, each with its colour badge and letter."""
    combo = QComboBox(parent)
    dark = is_dark(combo.palette())
    ratio = combo.devicePixelRatioF()
    for kind in KIND_ORDER:
        icon = kind_badge_pixmap(kind, 16, dark=dark, device_pixel_ratio=ratio)
        combo.addItem(icon, kind.label, kind)
    return combo


def combo_kind(combo: QComboBox) -> Kind:
    """The kind chosen in a :func:`kind_combo`."""
    kind = combo.currentData()
    return kind if isinstance(kind, Kind) else Kind(str(kind))


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    """A form whose fields grow, with left-aligned labels."""
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setVerticalSpacing(8)
    return form


class WorkoutNumbers(QObject):
    """The three numeric fields of a plan or a result: duration, distance and effort.

    Attributes:
        duration: minutes (``h:mm`` accepted).
        distance: kilometres.
        rpe: effort, 0 to 10 in steps of 0.5.
        rpe_hint: a label saying how that effort feels.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.duration = NumberField(
            "Duration",
            example="45",
            minimum=1,
            maximum=MAX_DURATION_MIN,
            step=5,
            decimals=1,
            unit="min",
            hours_minutes=True,
            parent=parent,
        )
        self.distance = NumberField(
            "Distance",
            example="8 or 12.5",
            minimum=0.5,
            maximum=MAX_DISTANCE_KM,
            step=0.5,
            decimals=2,
            unit="km",
            parent=parent,
        )
        self.rpe = NumberField(
            "Effort (RPE)",
            example="3 or 6.5",
            minimum=MIN_RPE,
            maximum=MAX_RPE,
            step=0.5,
            decimals=1,
            parent=parent,
        )
        self.rpe_hint = QLabel(parent)
        self.rpe_hint.setMinimumWidth(
            self.rpe_hint.fontMetrics().horizontalAdvance("Extremely hard")
        )
        self.rpe.textChanged.connect(self.update_hint)
        self.duration.setToolTip("Minutes, or hours and minutes like 1:30")

    @Slot()
    def update_hint(self) -> None:
        """Show how the effort in the RPE field feels."""
        try:
            value = self.rpe.value()
        except FieldParseError:
            value = None
        self.rpe_hint.setText(rpe_words(value))

    def fields(self) -> tuple[NumberField, NumberField, NumberField]:
        """Duration, distance and effort, in that order."""
        return (self.duration, self.distance, self.rpe)


def with_unit(field: QWidget, unit: str | QLabel) -> QWidget:
    """``field`` with a unit (or another label) after it, in a row that takes no extra room."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    field.setParent(box)
    row.addWidget(field)
    label = unit if isinstance(unit, QLabel) else QLabel(unit, box)
    label.setParent(box)
    row.addWidget(label)
    row.addStretch(1)
    return box


T = TypeVar("T")


class ValidatingDialog(QDialog, Generic[T]):
    """A form dialog that checks its values when the runner saves.

    A problem is shown in red under the field it concerns (``ValidationError.field``), or
    on the general line under the form, and the dialog stays open. Subclasses build their
    form with :meth:`_row` and the ``_add_…`` helpers, and describe the value in
    :meth:`_collect`.

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
        self._errors.add("title", field, form)
        field.textEdited.connect(self._on_title_edited)
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
        units: tuple[str | QLabel, ...] = ("min", "km", numbers.rpe_hint)
        names = ("duration_min", "distance_km", "rpe")
        labels = []
        for field, text, unit, name in zip(numbers.fields(), texts, units, names, strict=True):
            labels.append(self._row(form, text, with_unit(field, unit), buddy=field))
            self._errors.add(prefix + name, field, form)
            self._number_fields[prefix + name] = field
            self._number_forms[prefix + name] = form
            field.setProperty("field_name", prefix + name)
            field.textChanged.connect(self._on_number_edited)
        return labels

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
        if not visible:
            self._errors.clear(name)

    @staticmethod
    def _set_tab_order(*widgets: QWidget) -> None:
        """Tab moves through ``widgets`` in this order."""
        for first, second in itertools.pairwise(widgets):
            QWidget.setTabOrder(first, second)

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
        """
        values: dict[str, float | None] = {}
        failed = False
        for name, field in self._number_fields.items():
            if name in skip:
                continue
            try:
                values[name] = field.value()
            except FieldParseError as error:
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
                self._errors.show(error.field, str(error))
            return None

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
        """Save when every value is possible; otherwise show why and stay open."""
        value = self._checked(show=True)
        if value is None:
            return
        self._result = value
        super().accept()

    @Slot()
    def _on_title_edited(self) -> None:
        self._errors.clear("title")

    @Slot()
    def _on_number_edited(self) -> None:
        sender = self.sender()
        name = sender.property("field_name") if sender is not None else None
        if isinstance(name, str):
            self._errors.clear(name)
