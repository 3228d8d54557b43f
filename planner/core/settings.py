"""The runner's settings: typed, with defaults, stored as text in the plan file.

Settings travel with the plan (a runner who copies the file keeps their units and their rule
choices), so they live in the database's ``settings`` table as ``key -> text`` and are read
and written through :class:`~planner.core.service.PlanService` like every other plan data.

Every setting has a public name (what ``legwork config`` and the Preferences dialog use, e.g.
``first-weekday``) and a parser. A stored value that does not parse (a damaged or hand-edited
file) falls back to the default: settings never stop the plan opening. The loaded
:class:`Settings` say which fell back (:attr:`Settings.damaged`), so the window and
``legwork check`` can tell the runner, and saving settings writes those values back whole.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Self, TypeVar

from planner.core.weeks import DAY_NAMES, MONDAY

log = logging.getLogger(__name__)
_T = TypeVar("_T")

#: One mile in kilometres (international mile, exact).
KM_PER_MILE: Final = 1.609344
#: One pound in kilograms (international avoirdupois pound, exact).
KG_PER_POUND: Final = 0.45359237


class Units(enum.StrEnum):
    """How distances are shown (and paces). Storage is always metric.

    Body weight has a setting of its own (:class:`WeightUnits`): a runner who counts miles
    may weigh in kilograms.
    """

    KM = "km"
    MI = "mi"

    @property
    def distance_label(self) -> str:
        """The distance unit as shown after a number: ``km`` or ``mi``."""
        return self.value

    @property
    def pace_label(self) -> str:
        """The pace unit: ``min/km`` or ``min/mi``."""
        return f"min/{self.value}"

    def distance_from_km(self, km: float) -> float:
        """A stored distance in this unit."""
        return km if self is Units.KM else km / KM_PER_MILE

    def distance_to_km(self, value: float) -> float:
        """A distance typed in this unit, in kilometres for storage."""
        return value if self is Units.KM else value * KM_PER_MILE


class WeightUnits(enum.StrEnum):
    """How body weight is shown and typed: kilograms or pounds. Storage is always kg."""

    KG = "kg"
    LB = "lb"

    @property
    def weight_label(self) -> str:
        """The weight unit as shown after a number: ``kg`` or ``lb``."""
        return self.value

    def weight_from_kg(self, kg: float) -> float:
        """A stored weight in this unit."""
        return kg if self is WeightUnits.KG else kg / KG_PER_POUND

    def weight_to_kg(self, value: float) -> float:
        """A weight typed in this unit, in kilograms for storage."""
        return value if self is WeightUnits.KG else value * KG_PER_POUND


#: The rule ids of RULES.md, in the table's order: the switches the Preferences dialog shows.
RULE_IDS: Final = (
    "REST_WEEK",
    "REST_STREAK",
    "HIIT_GAP",
    "STRENGTH_GAP",
    "STRENGTH_COUNT",
    "STRENGTH_LOW",
    "HARD_BACK_TO_BACK",
    "HARD_COUNT",
    "HEAVY_LEGS",
    "RUN_COUNT",
    "WEEK_RAMP",
    "RUN_SPIKE",
    "LONG_SHARE",
    "MONOTONY",
    "LOAD_RATIO",
    "FATIGUE_SUSTAINED",
    "FUEL_LONG",
    "WEIGHT_DROP",
)


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """What the rules engine needs from the runner's settings.

    The defaults reproduce RULES.md exactly.

    Attributes:
        disabled: rule ids the runner switched off.
        rest_days_per_week: the rest days the runner aims for (1 or 2). REST_WEEK warns at
            no rest day; with 2 it also informs at one rest day.
        min_runs_per_week: RUN_COUNT informs below this many runs (weeks with training).
        max_runs_per_week: RUN_COUNT informs above this many runs (RULES.md: at 6, so 5).
        strength_per_week: STRENGTH_COUNT's target: info at one more, warning at two more.
        ramp_limit_pct: WEEK_RAMP informs when a week's run distance is more than this many
            per cent above last week's (the warning line stays at 30 %).
        units: the units distances in messages are written in.
        weight_units: the units body weights in messages are written in.
    """

    disabled: frozenset[str] = frozenset()
    rest_days_per_week: int = 2
    min_runs_per_week: int = 3
    max_runs_per_week: int = 5
    strength_per_week: int = 2
    ramp_limit_pct: float = 10.0
    units: Units = Units.KM
    weight_units: WeightUnits = WeightUnits.KG

    def enabled(self, rule_id: str) -> bool:
        """Whether the runner left ``rule_id`` switched on."""
        return rule_id not in self.disabled

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class DamagedSetting:
    """A stored setting that could not be used, and what is used instead.

    Attributes:
        name: the setting's public name (``units``).
        stored: the text the plan file holds for it.
        fallback: the value used instead (its default), as ``legwork config`` writes it.
        problem: why the stored text cannot be used, in a sentence for people.
    """

    name: str
    stored: str
    fallback: str
    problem: str

    def describe(self) -> str:
        """In a sentence for people: ``units: 'mlies' is not a unit: use km or mi. Using km.``."""
        return f"{self.name}: {self.problem} Using {self.fallback}."


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of a plan.

    Attributes:
        units: km or miles for every distance shown (storage stays metric).
        weight_units: kg or lb for every body weight shown and typed (storage stays kg).
        first_weekday: the day weeks start on, Monday 0 .. Sunday 6.
        rules: rule switches and targets.
        damaged: the settings the plan file holds but that could not be used, so these
            settings hold their defaults instead (set by :func:`from_strings` only). A note on
            where the settings came from, not a part of their value: settings that fell back
            equal the defaults.
    """

    units: Units = Units.KM
    weight_units: WeightUnits = WeightUnits.KG
    first_weekday: int = MONDAY
    rules: RuleSettings = field(default_factory=RuleSettings)
    damaged: tuple[DamagedSetting, ...] = field(default=(), compare=False)

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied.

        The copy is whole (no :attr:`damaged`): these are settings chosen, to be written.
        """
        return dataclasses.replace(self, **{"damaged": (), **changes})

    def rule_settings(self) -> RuleSettings:
        """The rule settings with this plan's units, ready for ``rules.evaluate``."""
        return self.rules.replace(units=self.units, weight_units=self.weight_units)


class SettingError(ValueError):
    """A setting name or value that cannot be used, with a message for people."""


# -- the table of settings -----------------------------------------------------------------
def _parse_weekday(text: str) -> int:
    value = text.strip().lower()
    for index, name in enumerate(DAY_NAMES):
        if value in (name.lower(), name.lower()[:3]):
            return index
    if value.isdigit() and 0 <= int(value) <= 6:  # the old storage format: 0 .. 6
        return int(value)
    raise SettingError(f"{text!r} is not a weekday: use monday … sunday.")


def _format_weekday(value: object) -> str:
    assert isinstance(value, int)
    return DAY_NAMES[value].lower()


def _choice(aliases: Mapping[str, _T], what: str) -> Callable[[str], _T]:
    """A parser of the words in ``aliases`` (any case); other text is not ``what``."""

    def parse(text: str) -> _T:
        value = text.strip().lower()
        if value not in aliases:
            raise SettingError(f"{text!r} is not {what}.")
        return aliases[value]

    return parse


_parse_units = _choice(
    {"km": Units.KM, "kilometres": Units.KM, "kilometers": Units.KM, "metric": Units.KM}
    | {"mi": Units.MI, "mile": Units.MI, "miles": Units.MI, "imperial": Units.MI},
    "a unit: use km or mi",
)
_parse_weight_units = _choice(
    {"kg": WeightUnits.KG, "kilograms": WeightUnits.KG, "kilos": WeightUnits.KG}
    | {"lb": WeightUnits.LB, "lbs": WeightUnits.LB, "pounds": WeightUnits.LB},
    "a weight unit: use kg or lb",
)
_parse_switch = _choice(
    dict.fromkeys(("on", "true", "yes", "1"), True)
    | dict.fromkeys(("off", "false", "no", "0"), False),
    "on or off",
)


def _int_between(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = text.strip()
        if not value.lstrip("-").isdigit() or not low <= int(value) <= high:
            raise SettingError(f"{text!r} is not a whole number from {low} to {high}.")
        return int(value)

    return parse


def _float_between(low: float, high: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text.strip().rstrip("%").replace(",", "."))
        except ValueError:
            value = float("nan")
        if not low <= value <= high:  # NaN fails too
            raise SettingError(f"{text!r} is not a number from {low:g} to {high:g}.")
        return value

    return parse


def _format_number(value: object) -> str:
    assert isinstance(value, int | float)
    return f"{value:g}"


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """One setting as people name it.

    Attributes:
        name: the public name (``first-weekday``, ``rule.REST_WEEK``).
        description: one line for ``legwork config`` and tooltips.
        parse: text -> value; raises :class:`SettingError`.
        format: value -> text (what is stored and shown).
        get: the value from :class:`Settings`.
        put: ``Settings`` with the value set.
    """

    name: str
    description: str
    parse: Callable[[str], object]
    format: Callable[[object], str]
    get: Callable[[Settings], object]
    put: Callable[[Settings, Any], Settings]


def _rule_spec(rule_id: str) -> SettingSpec:
    def get(settings: Settings) -> object:
        return settings.rules.enabled(rule_id)

    def put(settings: Settings, on: bool) -> Settings:
        disabled = set(settings.rules.disabled)
        if on:
            disabled.discard(rule_id)
        else:
            disabled.add(rule_id)
        return settings.replace(rules=settings.rules.replace(disabled=frozenset(disabled)))

    return SettingSpec(
        name=f"rule.{rule_id}",
        description=f"warn with rule {rule_id} (on or off)",
        parse=_parse_switch,
        format=lambda value: "on" if value else "off",
        get=get,
        put=put,
    )


def _field_spec(
    name: str,
    attribute: str,
    description: str,
    parse: Callable[[str], object],
    format: Callable[[object], str] = _format_number,
    *,
    rule_target: bool = False,
) -> SettingSpec:
    """The setting of a :class:`Settings` attribute.

    With ``rule_target``, of a :class:`RuleSettings` attribute instead: a rule's target.
    """

    def get(settings: Settings) -> object:
        return getattr(settings.rules if rule_target else settings, attribute)

    def put(settings: Settings, value: object) -> Settings:
        if rule_target:
            return settings.replace(rules=settings.rules.replace(**{attribute: value}))
        return settings.replace(**{attribute: value})

    return SettingSpec(name, description, parse, format, get, put)


def _target_spec(
    name: str, attribute: str, description: str, parse: Callable[[str], object]
) -> SettingSpec:
    """The setting of a rule's target, written as a number."""
    return _field_spec(name, attribute, description, parse, rule_target=True)


SPECS: Final[tuple[SettingSpec, ...]] = (
    _field_spec(
        "units", "units", "distances in km or mi (stored in km either way)", _parse_units, str
    ),
    _field_spec(
        "weight-units",
        "weight_units",
        "body weight in kg or lb (stored in kg either way)",
        _parse_weight_units,
        str,
    ),
    _field_spec(
        "first-weekday",
        "first_weekday",
        "the day weeks start on (monday … sunday)",
        _parse_weekday,
        _format_weekday,
    ),
    _target_spec(
        "rest-days-per-week",
        "rest_days_per_week",
        "rest days to aim for (1 or 2)",
        _int_between(1, 2),
    ),
    _target_spec(
        "min-runs-per-week",
        "min_runs_per_week",
        "fewer runs than this get a note",
        _int_between(1, 7),
    ),
    _target_spec(
        "max-runs-per-week",
        "max_runs_per_week",
        "more runs than this get a note",
        _int_between(1, 7),
    ),
    _target_spec(
        "strength-per-week",
        "strength_per_week",
        "strength sessions to aim for (more get a note)",
        _int_between(1, 5),
    ),
    _target_spec(
        "ramp-limit",
        "ramp_limit_pct",
        "weekly distance increase (%) above which you get a note",
        _float_between(1.0, 30.0),
    ),
    *(_rule_spec(rule_id) for rule_id in RULE_IDS),
)

_BY_NAME: Final = {spec.name: spec for spec in SPECS}


def spec(name: str) -> SettingSpec:
    """The setting called ``name``; raises :class:`SettingError` for an unknown one."""
    try:
        return _BY_NAME[name.strip().lower() if not name.startswith("rule.") else name.strip()]
    except KeyError:
        known = ", ".join(s.name for s in SPECS if not s.name.startswith("rule."))
        raise SettingError(
            f"There is no setting {name!r}. Settings: {known}, and rule.<ID> for each rule."
        ) from None


def to_strings(settings: Settings) -> dict[str, str]:
    """Every setting as ``name -> text``, as stored and as ``legwork config`` prints them."""
    return {s.name: s.format(s.get(settings)) for s in SPECS}


def from_strings(stored: Mapping[str, str]) -> Settings:
    """Settings from stored text; unknown names are ignored, bad values fall back.

    A value that does not parse leaves that setting at its default (a damaged or hand-edited
    file must not stop the plan opening); so do ``min-runs-per-week`` and
    ``max-runs-per-week`` when the first is above the second. The result names each of them
    in :attr:`Settings.damaged`, in the order of :data:`SPECS`, and a warning is logged.
    """
    settings = Settings()
    problems: dict[str, str] = {}
    for name, text in stored.items():
        found = _BY_NAME.get(name)
        if found is None:
            continue
        try:
            settings = found.put(settings, found.parse(text))
        except SettingError as error:
            problems[name] = str(error)
    rules = settings.rules
    if rules.min_runs_per_week > rules.max_runs_per_week:
        conflict = (
            f"The fewest runs a week ({rules.min_runs_per_week}) is above the most "
            f"({rules.max_runs_per_week})."
        )
        for name in ("min-runs-per-week", "max-runs-per-week"):
            if name in stored:  # the other one is its default: the file holds no text for it
                problems.setdefault(name, conflict)
        defaults = RuleSettings()
        settings = settings.replace(
            rules=rules.replace(
                min_runs_per_week=defaults.min_runs_per_week,
                max_runs_per_week=defaults.max_runs_per_week,
            )
        )
    damaged = tuple(
        DamagedSetting(s.name, stored[s.name], s.format(s.get(settings)), problems[s.name])
        for s in SPECS
        if s.name in problems
    )
    for item in damaged:
        log.warning("setting %s", item.describe())
    return dataclasses.replace(settings, damaged=damaged)


def damaged_summary(damaged: Sequence[DamagedSetting]) -> str:
    """The damaged settings in one line: ``units (stored 'mlies', using km), …``."""
    return ", ".join(f"{d.name} (stored {_quoted(d.stored)}, using {d.fallback})" for d in damaged)


def _quoted(text: str, limit: int = 40) -> str:
    """``text`` in quotes for a message, cut short when long (a damaged file may hold anything)."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def with_value(settings: Settings, name: str, text: str) -> Settings:
    """``settings`` with the setting ``name`` set from ``text``; raises :class:`SettingError`."""
    found = spec(name)
    updated = found.put(settings, found.parse(text))
    rules = updated.rules
    if rules.min_runs_per_week > rules.max_runs_per_week:
        raise SettingError(
            f"min-runs-per-week ({rules.min_runs_per_week}) cannot be above "
            f"max-runs-per-week ({rules.max_runs_per_week})."
        )
    return updated


def changed_names(old: Settings, new: Settings) -> list[str]:
    """The public names of the settings to write when ``new`` replaces ``old``.

    Those whose values differ, and those ``old`` could not read (:attr:`Settings.damaged`):
    the file holds damaged text for them, so saving writes them whole again.
    """
    before, after = to_strings(old), to_strings(new)
    damaged = {item.name for item in old.damaged}
    return [name for name in after if before[name] != after[name] or name in damaged]
