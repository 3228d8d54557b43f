"""Small form pieces the dialogs share: kind and date fields, rows with a unit, plan numbers."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QObject, Qt, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QWidget

from planner.core.model import MAX_DURATION_MIN, MAX_RPE, MIN_RPE, Kind
from planner.core.settings import Units
from planner.core.vocabulary import KIND_ORDER, rpe_words
from planner.ui.dialogs.number_field import DistanceField, FieldParseError, NumberField
from planner.ui.style import is_dark, kind_badge_pixmap


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

    Args:
        parent: the widget the fields go in.
        units: the units the distance is typed in.

    Attributes:
        duration: minutes (``h:mm`` accepted).
        distance: the distance, typed in ``units``, read in kilometres.
        rpe: effort, 0 to 10 in steps of 0.5.
        rpe_hint: a label saying how that effort feels.
    """

    def __init__(self, parent: QWidget, *, units: Units = Units.KM) -> None:
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
        self.distance = DistanceField("Distance", units=units, parent=parent)
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
