"""Line edits for numbers that may be left empty, and for values in the runner's units."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent, QWheelEvent
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QWidget

from planner.core.formatting import format_distance, format_number
from planner.core.model import MAX_DISTANCE_KM
from planner.core.settings import Units

#: What an empty numeric field shows.
EMPTY_TEXT = "—"

_HOURS_MINUTES = re.compile(r"^(\d+):([0-5]?\d)$")
_STEP_KEYS = {
    Qt.Key.Key_Up: 1,
    Qt.Key.Key_Down: -1,
    Qt.Key.Key_PageUp: 10,
    Qt.Key.Key_PageDown: -10,
}


class FieldParseError(ValueError):
    """The text in a field is not a value it accepts; the message is for the runner."""


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
        return self._typed()

    def set_value(self, value: float | None) -> None:
        """Show ``value`` (empty for ``None``)."""
        self._show(value)

    def longest_parse_error(self) -> str:
        """The longest message :meth:`value` can give for text that is not a number.

        Forms keep a line this tall under the field, so that no message moves the fields.
        """
        try:
            self._parse("W" * 11)  # the widest letter, past the length a message quotes
        except FieldParseError as error:
            return str(error)
        raise AssertionError("a text of letters read as a number")  # pragma: no cover

    def _typed(self) -> float | None:
        """The number as typed, in the field's own unit."""
        return self._parse(self.text())

    def _parse(self, text: str) -> float | None:
        """The number ``text`` means, in the field's own unit."""
        text = text.strip()
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
            hint = " or 1:30" if self._hours_minutes else ""
            shown = text if len(text) <= 10 else f"{text[:9]}…"
            raise FieldParseError(
                f"“{shown}” is not a number (like {self._example}{hint})."
            ) from None
        if not math.isfinite(number):
            raise FieldParseError(f"{self._what}: enter a number like {self._example}.")
        return round(number, self._decimals)

    def _show(self, value: float | None) -> None:
        """Show a number in the field's own unit."""
        self.setText("" if value is None else format_number(value, self._decimals))

    def step_by(self, steps: int) -> None:
        """Move the value ``steps`` steps up (or down, when negative), within the limits."""
        try:
            current = self._typed()
        except FieldParseError:
            return
        if current is None:
            new = self._minimum
        else:
            new = round(current / self._step) * self._step + steps * self._step
        self._show(min(max(new, self._minimum), self._maximum))
        self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up/Down and Page Up/Down step the value."""
        steps = _STEP_KEYS.get(Qt.Key(event.key()))
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


class ConvertedField(NumberField):
    """A number stored in one unit and typed and shown in another (the runner's).

    A value shown and left untouched reads back exactly as it was set, so opening a stored
    value in other units and saving it never changes it by rounding. Subclasses say how the
    units convert (:meth:`_to_stored`, :meth:`_from_stored`).
    """

    _shown: tuple[str, float | None] = ("", None)

    def value(self) -> float | None:
        """The value in the stored unit; ``None`` when empty.

        Raises:
            FieldParseError: when the text is not a number.
        """
        text, stored = self._shown
        if self.text() == text:
            return stored
        typed = self._typed()
        return None if typed is None else self._to_stored(typed)

    def set_value(self, value: float | None) -> None:
        """Show ``value``, given in the stored unit, in the runner's units (empty for ``None``)."""
        self._show(None if value is None else self._from_stored(value))
        self._shown = (self.text(), value)

    def _to_stored(self, typed: float) -> float:
        """A value typed in the runner's units, in the stored unit."""
        raise NotImplementedError

    def _from_stored(self, value: float) -> float:
        """A value in the stored unit, in the runner's units."""
        raise NotImplementedError


class DistanceField(ConvertedField):
    """A distance: typed and shown in the runner's units, read and set in kilometres.

    Typing ``5`` in miles gives 8.047 km (kept to the metre); 8.047 km shows as ``5`` again.
    A distance shown and left untouched reads back exactly as it was set, so opening and
    saving an editor never changes a stored distance by rounding.

    Args:
        what: the field's name in messages ("Distance").
        units: the units the runner reads and types.
        parent: the parent widget.
    """

    def __init__(self, what: str, *, units: Units, parent: QWidget | None = None) -> None:
        super().__init__(
            what,
            example="8 or 12.5",
            minimum=0.5,
            maximum=round(units.distance_from_km(MAX_DISTANCE_KM)),
            step=0.5,
            decimals=2,
            unit=units.distance_label,
            parent=parent,
        )
        self._units = units

    @property
    def units(self) -> Units:
        """The units the field shows."""
        return self._units

    def _to_stored(self, typed: float) -> float:
        return round(self._units.distance_to_km(typed), 3)  # kept to the metre

    def _from_stored(self, value: float) -> float:
        return self._units.distance_from_km(value)

    def explain(self, message: str) -> str:
        """A message of the core's about a distance (written in km), in the field's units."""
        if self._units is Units.KM:
            return message
        limit = f"{MAX_DISTANCE_KM:g} km"
        return message.replace(limit, format_distance(MAX_DISTANCE_KM, self._units)).replace(
            "kilometres", "miles"
        )
