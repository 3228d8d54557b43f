"""Preferences: units, the first day of the week, and the warnings' switches and targets.

The dialog edits a copy of the plan's :class:`~planner.core.settings.Settings`; the window
applies the result through the controller as one undo step. Values are checked with the same
parsers ``legwork config`` uses, so the two can never disagree about what is allowed.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from planner.core.model import ValidationError
from planner.core.settings import RULE_IDS, SettingError, Settings, Units, WeightUnits, spec
from planner.core.weeks import DAY_NAMES
from planner.ui.dialogs.fields import form_layout, with_unit
from planner.ui.dialogs.number_field import NumberField
from planner.ui.dialogs.validating import ValidatingDialog

#: The targets: public setting name, label, unit, name in messages, arrow-key bounds.
_TARGETS: tuple[tuple[str, str, str, str, float, float], ...] = (
    ("min-runs-per-week", "At &least", "runs a week", "Fewest runs a week", 1, 7),
    ("max-runs-per-week", "At &most", "runs a week", "Most runs a week", 1, 7),
    ("strength-per-week", "S&trength", "sessions a week", "Strength sessions a week", 1, 5),
    ("ramp-limit", "Weekly &increase up to", "% more distance", "Weekly increase", 1, 30),
)
_UNITS = ((Units.KM, "Kilometres (km)"), (Units.MI, "Miles (mi)"))
_WEIGHT_UNITS = ((WeightUnits.KG, "Kilograms (kg)"), (WeightUnits.LB, "Pounds (lb)"))


def rule_titles() -> Mapping[str, str]:
    """The rules' names for people, from their records (the rules load with the dialog)."""
    from planner.core.rules import RULE_TITLES

    return RULE_TITLES


def rule_sources() -> Mapping[str, str]:
    """Where each rule's line comes from, from the rules' records."""
    from planner.core.rules import RULE_SOURCES

    return RULE_SOURCES


class PreferencesDialog(ValidatingDialog[Settings]):
    """Edit the plan's settings; :meth:`settings` is the result once accepted.

    A target out of range, or fewer runs allowed than asked for, is said in red under its
    field and the dialog stays open. Restore Defaults fills in the defaults (nothing is
    applied before OK).

    Args:
        settings: the plan's settings now.
        parent: the parent widget.
    """

    _cannot_save = "The preferences have values that cannot be used."

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self._original = settings
        self._rules: dict[str, QCheckBox] = {}
        self._what: dict[str, str] = {"rest-days-per-week": "Rest days a week"}
        self._build()
        self._load(settings)

    # -- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setSpacing(12)
        columns = QHBoxLayout()
        columns.setSpacing(12)
        left = QVBoxLayout()

        general = QGroupBox("Units and calendar", self)
        form = form_layout(general)
        self._units = QComboBox(general)
        for units, text in _UNITS:
            self._units.addItem(text, units)
        self._units.setToolTip("Every distance on screen and on paper; the file stays in km.")
        self._row(form, "&Distances in", self._units)
        self._weight_units = QComboBox(general)
        self._weight_units.setObjectName("weightUnits")
        for weight_units, text in _WEIGHT_UNITS:
            self._weight_units.addItem(text, weight_units)
        self._weight_units.setToolTip(
            "Every body weight on screen, typed and imported without a unit; the file stays in kg."
        )
        self._row(form, "&Body weight in", self._weight_units)
        self._first_weekday = QComboBox(general)
        for index, name in enumerate(DAY_NAMES):
            self._first_weekday.addItem(name, index)
        self._row(form, "&Weeks start on", self._first_weekday)
        left.addWidget(general)

        targets = QGroupBox("Targets", self)
        target_form = form_layout(targets)
        self._rest_days = QComboBox(targets)
        for count in (1, 2):
            self._rest_days.addItem(str(count), count)
        self._row(target_form, "&Rest days", with_unit(self._rest_days, "a week"))
        self._errors.add("rest-days-per-week", self._rest_days, target_form)
        for name, text, unit, what, low, high in _TARGETS:
            field = NumberField(
                what,
                example=f"{low:g}",
                minimum=low,
                maximum=high,
                decimals=1 if name == "ramp-limit" else 0,
                unit="%" if name == "ramp-limit" else "",
                parent=targets,
            )
            self._row(target_form, text, with_unit(field, unit), buddy=field)
            self._errors.add(name, field, target_form)
            self._number_fields[name] = field
            self._what[name] = what
            self._clear_when_typed(field, name)
        left.addWidget(targets)
        left.addStretch(1)
        columns.addLayout(left)

        warnings = QGroupBox("Warnings", self)
        grid = QGridLayout(warnings)
        grid.setVerticalSpacing(4)
        titles, sources = rule_titles(), rule_sources()
        for row, rule_id in enumerate(RULE_IDS):
            box = QCheckBox(titles.get(rule_id, rule_id), warnings)
            source = f"Source: {sources[rule_id]}. " if rule_id in sources else ""
            box.setToolTip(f"{source}From the command line: legwork config rule.{rule_id}")
            box.setObjectName(f"rule.{rule_id}")
            grid.addWidget(box, row, 0)
            self._rules[rule_id] = box
        columns.addWidget(warnings, 1)
        outer.addLayout(columns)

        self._add_buttons(outer)
        self._save_button.setText("&OK")
        self._save_button.setToolTip("Use these preferences (Ctrl+Enter)")
        defaults = self._buttons.addButton(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.clicked.connect(self.restore_defaults)
        self._widgets.update(
            {
                "units": self._units,
                "weight-units": self._weight_units,
                "first-weekday": self._first_weekday,
                "rest-days-per-week": self._rest_days,
                "defaults": defaults,
            }
        )
        self._widgets.update({f"rule.{rule_id}": box for rule_id, box in self._rules.items()})
        self._units.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load(self, settings: Settings) -> None:
        self._units.setCurrentIndex(self._units.findData(settings.units))
        self._weight_units.setCurrentIndex(self._weight_units.findData(settings.weight_units))
        self._first_weekday.setCurrentIndex(settings.first_weekday)
        rules = settings.rules
        self._rest_days.setCurrentIndex(self._rest_days.findData(rules.rest_days_per_week))
        for name, field in self._number_fields.items():
            field.setText(spec(name).format(spec(name).get(settings)))
        for rule_id, box in self._rules.items():
            box.setChecked(rules.enabled(rule_id))
        self._errors.clear_all()

    # -- values ----------------------------------------------------------------------------
    def _collect(self, *, show: bool) -> Settings:
        """The settings the form describes.

        Raises:
            ValidationError: named after the setting, when a value is not allowed.
        """
        texts: dict[str, str] = {
            "units": str(self._units.currentData()),
            "weight-units": str(self._weight_units.currentData()),
            "first-weekday": DAY_NAMES[self._first_weekday.currentIndex()],
            "rest-days-per-week": str(self._rest_days.currentData()),
        }
        texts.update({name: field.text().strip() for name, field in self._number_fields.items()})
        for rule_id, box in self._rules.items():
            texts[f"rule.{rule_id}"] = "on" if box.isChecked() else "off"
        settings = self._original
        for name, text in texts.items():
            found = spec(name)
            try:
                settings = found.put(settings, found.parse(text))
            except SettingError as error:
                what = self._what.get(name, name)
                raise ValidationError(name, f"{what}: {_sentence(text, error)}") from None
        rules = settings.rules
        if rules.min_runs_per_week > rules.max_runs_per_week:
            raise ValidationError(
                "max-runs-per-week",
                f"At most {rules.max_runs_per_week} runs a week is fewer than the "
                f"{rules.min_runs_per_week} asked for at least.",
            )
        return settings

    # -- public API ------------------------------------------------------------------------
    def settings(self) -> Settings:
        """The chosen settings.

        Raises:
            ValidationError: when called before OK while a field holds a value not allowed.
        """
        return self._value()

    @Slot()
    def restore_defaults(self) -> None:
        """Fill every field with its default (applied only with OK)."""
        self._load(Settings())


def _sentence(text: str, error: SettingError) -> str:
    """The core's message about ``text``, or a plain one when the field was left empty."""
    return "enter a number." if not text else str(error)
