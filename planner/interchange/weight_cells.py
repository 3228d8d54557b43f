"""One cell of a weigh-in file: a date in the usual forms, a weight with or without its unit.

:mod:`~planner.interchange.weights_csv` reads whole files with these. A numeric date such as
``03/04/2026`` is returned as a :class:`NumericDate`, because whether it is day or month
first is decided by the whole column, not by the cell.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass
from datetime import date

from planner.core.settings import KG_PER_POUND

__all__ = [
    "UNIT_WORDS",
    "DateOrder",
    "NotADateError",
    "NumericDate",
    "WeightUnit",
    "full_year",
    "parse_date",
    "parse_weight",
]


class WeightUnit(enum.StrEnum):
    """The unit the weights of a file are written in."""

    KG = "kg"
    LB = "lb"

    def to_kg(self, value: float) -> float:
        """``value`` in this unit, in kilograms."""
        return value if self is WeightUnit.KG else value * KG_PER_POUND

    def from_kg(self, kg: float) -> float:
        """``kg`` kilograms in this unit."""
        return kg if self is WeightUnit.KG else kg / KG_PER_POUND


class DateOrder(enum.StrEnum):
    """How a numeric date like ``03/04/2026`` is read."""

    DAY_FIRST = "dmy"
    MONTH_FIRST = "mdy"

    @property
    def label(self) -> str:
        """The order for people: ``day/month/year``."""
        return "day/month/year" if self is DateOrder.DAY_FIRST else "month/day/year"


#: Unit names in headers and cells.
UNIT_WORDS = {
    "kg": WeightUnit.KG,
    "kgs": WeightUnit.KG,
    "kilo": WeightUnit.KG,
    "kilos": WeightUnit.KG,
    "kilogram": WeightUnit.KG,
    "kilograms": WeightUnit.KG,
    "lb": WeightUnit.LB,
    "lbs": WeightUnit.LB,
    "pound": WeightUnit.LB,
    "pounds": WeightUnit.LB,
}

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januar", "jänner", "janv", "janvier"),
            ("feb", "february", "februar", "feb", "fév", "févr", "février"),
            ("mar", "march", "märz", "maerz", "mär", "mrz", "mars"),
            ("apr", "april", "avr", "avril"),
            ("may", "mai"),
            ("jun", "june", "juni", "juin"),
            ("jul", "july", "juli", "juil", "juillet"),
            ("aug", "august", "aoû", "août"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "okt", "oktober", "octobre"),
            ("nov", "november", "novembre"),
            ("dec", "december", "dez", "dezember", "déc", "décembre"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY_PREFIX = re.compile(
    r"^(mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so)[a-z]*\.?,?\s+", re.IGNORECASE
)
_TIME_SUFFIX = re.compile(
    r"(?:T|\s+|,\s*)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$",
    re.IGNORECASE,
)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\.?$")
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2})\.?[\s-]*([^\W\d_]+)\.?[\s,-]*(\d{4}|\d{2})$")
_MONTH_NAME_DAY = re.compile(
    r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}|\d{2})$", re.IGNORECASE
)
_WEIGHT_CELL = re.compile(
    r"^([+-]?\d+(?:[.,]\d+)?)\s*(kg|kgs|kilos?|kilograms?|lbs?|pounds?)?\.?$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class NumericDate:
    """A date written with numbers only whose order may be day or month first."""

    first: int
    second: int
    year: int
    dotted: bool

    def settles(self) -> DateOrder | None:
        """The order this date proves (a part above 12 cannot be a month), if any."""
        if self.first > 12 >= self.second:
            return DateOrder.DAY_FIRST
        if self.second > 12 >= self.first:
            return DateOrder.MONTH_FIRST
        return None

    def is_ambiguous(self) -> bool:
        """Whether the two orders give two different valid dates."""
        return self.first != self.second and self.first <= 12 and self.second <= 12

    def as_date(self, order: DateOrder) -> date:
        """The date in ``order``; raises ValueError when there is no such day."""
        if order is DateOrder.DAY_FIRST:
            return date(self.year, self.second, self.first)
        return date(self.year, self.first, self.second)

    def pack(self) -> int:
        """This date as one positive number (for compact storage); see :meth:`unpack`."""
        return ((self.year * 100 + self.first) * 100 + self.second) * 2 + self.dotted

    @classmethod
    def unpack(cls, packed: int) -> NumericDate:
        """The date :meth:`pack` made ``packed`` from."""
        rest, dotted = divmod(packed, 2)
        rest, second = divmod(rest, 100)
        year, first = divmod(rest, 100)
        return cls(first, second, year, dotted=bool(dotted))


class NotADateError(ValueError):
    """A cell that is not a date in any known form."""


def parse_date(text: str, today: date | None = None) -> date | NumericDate:
    """A date cell as a date, or as a numeric date whose order the column decides.

    ``YYYY-MM-DD`` (by far the most common form) is read without a regular expression.

    Raises:
        NotADateError: the cell is not a date in any known form.
        ValueError: the form is known but there is no such day (31 February).
    """
    if len(text) == 10 and text[4] == "-" == text[7]:
        digits = text[:4] + text[5:7] + text[8:]
        if digits.isdecimal():
            return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    value = text.strip().strip('"').strip()
    value = _WEEKDAY_PREFIX.sub("", value)
    value = _TIME_SUFFIX.sub("", value).strip()
    if match := _ISO.match(value):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := _COMPACT.match(value):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(value):
        return NumericDate(
            int(match[1]), int(match[3]), full_year(match[4], today), dotted=match[2] == "."
        )
    if match := _DAY_MONTH_NAME.match(value):
        month = _MONTHS.get(match[2].lower().rstrip("."))
        if month is not None:
            return date(full_year(match[3], today), month, int(match[1]))
    if match := _MONTH_NAME_DAY.match(value):
        month = _MONTHS.get(match[1].lower().rstrip("."))
        if month is not None:
            return date(full_year(match[3], today), month, int(match[2]))
    raise NotADateError(text)


def full_year(text: str, today: date | None) -> int:
    """A year; two digits are the latest such year not after today's."""
    if len(text) == 4:
        return int(text)
    this_year = (today or date.today()).year
    year = this_year - this_year % 100 + int(text)
    return year if year <= this_year else year - 100


def parse_weight(text: str) -> tuple[float, WeightUnit | None]:
    """A weight cell (not empty): the number, and the unit when the cell names one.

    ``72.5`` (the common form) is read without a regular expression; ``72,5``, ``72.5 kg``
    and ``160 lbs`` with one.

    Raises:
        ValueError: the cell is not a weight.
    """
    if text[:1].isdecimal() and text.replace(".", "", 1).isdecimal():
        value = float(text)
        if math.isfinite(value):
            return value, None
    match = _WEIGHT_CELL.match(text.strip().strip('"').strip())
    if match is None:
        raise ValueError(f"{text!r} is not a weight.")
    value = float(match[1].replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a weight.")
    return value, UNIT_WORDS.get(match[2].lower()) if match[2] else None
