"""Weigh-ins from CSV files: a date column and a weight column, found by their headers.

Scales, apps and spreadsheets write weigh-ins in many dialects, so reading is forgiving about
the form and strict about the content:

- **Columns** are found by header: a date column (``date``, ``day``, ``datum``, ``time``, …)
  and a weight column (``weight``, ``kg``, ``lb``, ``mass``, ``gewicht``, …; columns such as
  "fat mass" or "BMI" are never taken for it). A file without a header works when its first
  row already is a date and a number.
- **Units**: a unit in the weight header (``Weight (lb)``, ``kg``) or in a cell (``72.5 kg``)
  decides; otherwise the ``unit`` argument (the runner's units), else kilograms.
- **Numbers** may use a decimal comma (``72,5``). Separators: comma, semicolon, tab or bar.
- **Dates**: ISO (``2026-12-31``, with or without a time), ``31.12.2026`` (day first),
  ``31/12/2026`` or ``12/31/2026``, ``20261231``, and month names (``31 Dec 2026``,
  ``Dec 31, 2026``, ``31. Dezember 2026``). Whether ``03/04/2026`` is day or month first is
  decided by the whole column (a day above 12 in either place settles it); when nothing
  settles it the file is refused with that reason, unless the caller says which order.
  Two-digit years are taken as the latest year not after today's.

Every data row is either accepted or refused with its row number (the line of the file, the
header being row 1) and the reason: a date that is not one, a date after today, a weight
outside 20 to 300 kg (or its pound equivalent), a row with too few or too many fields, a
second weigh-in on a day. Nothing is written here: the caller shows the result and imports
the accepted rows as one step only when the runner confirms (the CLI only when no row was
refused). A file that cannot be read as such a table at all raises :class:`WeightFileError`.
"""

from __future__ import annotations

import csv
import enum
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from planner.core.model import MAX_WEIGHT_KG, MIN_WEIGHT_KG, ValidationError, WeightEntry
from planner.core.settings import KG_PER_POUND

__all__ = [
    "AcceptedRow",
    "DateOrder",
    "ImportPlan",
    "RefusedRow",
    "WeightFile",
    "WeightFileError",
    "WeightUnit",
    "plan_import",
    "read_weights_csv",
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


class WeightFileError(ValueError):
    """The file cannot be read as a table of weigh-ins; the message says why.

    Attributes:
        ambiguous_dates: the only problem is that the dates could be read day first or
            month first; reading again with a :class:`DateOrder` solves it.
    """

    def __init__(self, message: str, *, ambiguous_dates: bool = False) -> None:
        super().__init__(message)
        self.ambiguous_dates = ambiguous_dates


@dataclass(frozen=True, slots=True)
class AcceptedRow:
    """A row that becomes a weigh-in.

    Attributes:
        row: its row number (the file's line; the header is row 1).
        entry: the weigh-in, in kilograms.
        weight: the weight as the file gives it, in ``unit``.
        unit: the unit the file gives it in.
    """

    row: int
    entry: WeightEntry
    weight: float
    unit: WeightUnit


@dataclass(frozen=True, slots=True)
class RefusedRow:
    """A row that is not imported, and why.

    Attributes:
        row: its row number (the file's line; the header is row 1).
        reason: what is wrong, for the runner.
        text: the row as it is in the file.
    """

    row: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class WeightFile:
    """What a weight CSV holds.

    Attributes:
        accepted: the rows that become weigh-ins, in file order, at most one per day.
        refused: the rows that do not, with their reasons, in file order.
        date_column: the header of the date column ("" without a header).
        weight_column: the header of the weight column ("" without a header).
        unit: the unit of weights that do not say their own.
        unit_in_header: whether the header named that unit (else it was assumed).
        date_order: how day/month dates were read; ``None`` when the file has none.
    """

    accepted: tuple[AcceptedRow, ...]
    refused: tuple[RefusedRow, ...]
    date_column: str = ""
    weight_column: str = ""
    unit: WeightUnit = WeightUnit.KG
    unit_in_header: bool = False
    date_order: DateOrder | None = None

    @property
    def entries(self) -> list[WeightEntry]:
        """The weigh-ins of the accepted rows."""
        return [row.entry for row in self.accepted]


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing weigh-ins would do to the stored ones.

    Attributes:
        new: weigh-ins on days that have none yet.
        replacing: ``(stored, incoming)`` pairs for days whose stored weigh-in differs;
            they are replaced only when the runner confirms.
        unchanged: weigh-ins already stored exactly so.
    """

    new: list[WeightEntry] = field(default_factory=list)
    replacing: list[tuple[WeightEntry, WeightEntry]] = field(default_factory=list)
    unchanged: list[WeightEntry] = field(default_factory=list)


def plan_import(incoming: Iterable[WeightEntry], stored: Iterable[WeightEntry]) -> ImportPlan:
    """Sort ``incoming`` weigh-ins into new ones, replacements and ones already stored."""
    by_day = {entry.day: entry for entry in stored}
    plan = ImportPlan()
    for entry in incoming:
        existing = by_day.get(entry.day)
        if existing is None:
            plan.new.append(entry)
        elif existing == entry:
            plan.unchanged.append(entry)
        else:
            plan.replacing.append((existing, entry))
    return plan


# -- reading -------------------------------------------------------------------------------

_DELIMITERS = (",", ";", "\t", "|")
_SAMPLE_LINES = 50

_DATE_WORDS = {
    "date": 3,
    "datum": 3,
    "day": 3,
    "fecha": 3,
    "data": 2,
    "jour": 2,
    "tag": 2,
    "dia": 2,
    "giorno": 2,
    "when": 2,
    "datetime": 2,
    "timestamp": 1,
    "time": 1,
    "zeit": 1,
}
_WEIGHT_WORDS = {
    "weight": 3,
    "weights": 3,
    "bodyweight": 3,
    "gewicht": 3,
    "koerpergewicht": 3,
    "körpergewicht": 3,
    "poids": 3,
    "peso": 3,
    "kg": 2,
    "kgs": 2,
    "kilograms": 2,
    "kilos": 2,
    "lb": 2,
    "lbs": 2,
    "pounds": 2,
    "mass": 1,
    "masse": 1,
}
#: Words that mark a column as something else than body weight ("Fat mass (kg)", "BMI").
_NOT_WEIGHT = {
    "fat",
    "muscle",
    "bone",
    "water",
    "hydration",
    "lean",
    "bmi",
    "goal",
    "target",
    "change",
    "diff",
    "difference",
    "delta",
    "trend",
    "visceral",
    "protein",
    "fett",
    "muskel",
    "knochen",
    "wasser",
    "ziel",
}
_UNIT_WORDS = {
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
class _NumericDate:
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


class _NotADateError(ValueError):
    """A cell that is not a date (the message is the reason)."""


def read_weights_csv(
    data: bytes | str,
    *,
    today: date,
    unit: WeightUnit | None = None,
    date_order: DateOrder | None = None,
) -> WeightFile:
    """Read weigh-ins from the text (or bytes) of a CSV file.

    Args:
        data: the file's content; bytes are decoded as UTF-8 (with or without a BOM),
            UTF-16 with a BOM, or else Windows-1252.
        today: dates after this day are refused.
        unit: the unit of weights when neither the header nor the cell names one
            (default: kilograms).
        date_order: how to read dates like ``03/04/2026``; by default the whole column
            decides, and a dotted date (``03.04.2026``) is day first.

    Returns:
        The accepted and refused rows.

    Raises:
        WeightFileError: the file is empty, is not text, has no date or no weight column,
            or its dates could be read two ways and nothing says which.
    """
    text = _decode(data) if isinstance(data, bytes) else data
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise WeightFileError("The file is empty.")
    _refuse_other_formats(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    numbered = [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    delimiter = _delimiter([line for _, line in numbered[:_SAMPLE_LINES]])
    try:
        first = _split(numbered[0][1], delimiter) or []
    except _FieldTooLongError:
        problem = _too_long(numbered[0][0])
        raise WeightFileError(
            f"{problem[0].upper()}{problem[1:]}: this is not a table of weigh-ins."
        ) from None
    names = ("", "")
    header_unit: WeightUnit | None = None
    columns = _find_columns(first)
    if columns is not None:
        body = numbered[1:]
        names = (first[columns[0]].strip(), first[columns[1]].strip())
        header_unit = _unit_in(names[1])
    else:
        columns = _headerless_columns(first, today)
        body = numbered
    if columns is None:
        found = ", ".join(repr(cell.strip()) for cell in first if cell.strip())
        raise WeightFileError(
            "No date column and weight column found"
            + (f" (the first row has {found})" if found else "")
            + ". Name them in the first row, for example: date,weight"
        )
    rows = _cells(body, delimiter, columns, max(len(first), 2))
    return _read_rows(
        rows,
        today=today,
        unit=header_unit or unit or WeightUnit.KG,
        order=_date_order(rows, date_order, today),
        explicit=date_order is not None,
        info=(names, header_unit is not None),
    )


def _decode(data: bytes) -> str:
    head = data[:4096]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise WeightFileError("The file is not text that can be read.") from None
    if data.startswith(b"PK\x03\x04"):
        raise WeightFileError(
            "This is a spreadsheet or an archive, not a CSV file: "
            "save it as CSV (comma- or semicolon-separated) first."
        )
    if b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8", b"GIF8")):
        raise WeightFileError("This is not a CSV file (it is not text).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _refuse_other_formats(text: str) -> None:
    start = text.lstrip()[:1]
    if start in ("{", "["):
        raise WeightFileError("This looks like JSON, not CSV: export the weigh-ins as CSV.")
    if start == "<":
        raise WeightFileError("This looks like XML or HTML, not CSV: export the weigh-ins as CSV.")
    if "\x00" in text[:4096]:
        raise WeightFileError("This is not a CSV file (it is not text).")


class _FieldTooLongError(ValueError):
    """A field is longer than the csv module reads (:func:`csv.field_size_limit`)."""


def _split(line: str, delimiter: str) -> list[str] | None:
    """The fields of one line; ``None`` when its quotes do not balance.

    Raises:
        _FieldTooLongError: a field is longer than :func:`csv.field_size_limit` (a wrong
            delimiter or a stray quote can make a whole line one field, so the delimiter
            sampling treats this like a line that does not split).
    """
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True), [])
    except csv.Error as error:
        if len(line) > csv.field_size_limit() and "field limit" in str(error):
            raise _FieldTooLongError(str(error)) from None
        return None


def _too_long(number: int) -> str:
    """What is wrong with line ``number``, one of whose fields is too long for CSV."""
    return (
        f"line {number} has a field longer than {csv.field_size_limit():,} characters, "
        "the most a CSV field may hold"
    )


def _split_sample(line: str, delimiter: str) -> list[str] | None:
    """:func:`_split` for guessing the delimiter: a line too long to split does not split."""
    try:
        return _split(line, delimiter)
    except _FieldTooLongError:
        return None


def _delimiter(sample: Sequence[str]) -> str:
    """The separator that splits the sample's lines most consistently into 2+ fields."""
    best, best_score = ",", (-1, -1)
    for delimiter in _DELIMITERS:
        rows = [_split_sample(line, delimiter) for line in sample]
        widths = [len(row) for row in rows if row is not None]
        if not widths or widths[0] < 2:
            continue
        score = (sum(1 for width in widths if width == widths[0]), -_DELIMITERS.index(delimiter))
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _words(name: str) -> list[str]:
    return [word for word in re.split(r"[^\w]+", name.lower().replace("_", " ")) if word]


def _unit_in(name: str) -> WeightUnit | None:
    for word in _words(name):
        if word in _UNIT_WORDS:
            return _UNIT_WORDS[word]
    return None


def _find_columns(header: Sequence[str]) -> tuple[int, int] | None:
    """The date and weight columns named in a header row, or ``None``."""
    date_scores = []
    weight_scores = []
    for name in header:
        words = _words(name)
        date_scores.append(max((_DATE_WORDS.get(word, 0) for word in words), default=0))
        if any(word in _NOT_WEIGHT for word in words):
            weight_scores.append(0)
        else:
            weight_scores.append(max((_WEIGHT_WORDS.get(word, 0) for word in words), default=0))
    date_column = _best(date_scores)
    if date_column is None:
        return None
    weight_scores[date_column] = 0
    weight_column = _best(weight_scores)
    if weight_column is None:
        return None
    return date_column, weight_column


def _best(scores: Sequence[int]) -> int | None:
    top = max(scores, default=0)
    return scores.index(top) if top > 0 else None


def _headerless_columns(row: Sequence[str], today: date) -> tuple[int, int] | None:
    """For a file without a header: the first date-like cell and the next number."""
    date_column = next((i for i, cell in enumerate(row) if _looks_like_date(cell, today)), None)
    if date_column is None:
        return None
    weight_column = next(
        (i for i, cell in enumerate(row) if i != date_column and _WEIGHT_CELL.match(cell.strip())),
        None,
    )
    return None if weight_column is None else (date_column, weight_column)


def _looks_like_date(cell: str, today: date) -> bool:
    try:
        _parse_date(cell, today)
    except (_NotADateError, ValueError):
        return False
    return True


@dataclass(frozen=True, slots=True)
class _Cells:
    """One data row, split: its number and text, and the date and weight cells or a problem."""

    row: int
    text: str
    date_text: str = ""
    weight_text: str = ""
    problem: str = ""


def _cells(
    body: Sequence[tuple[int, str]], delimiter: str, columns: tuple[int, int], width: int
) -> list[_Cells]:
    date_column, weight_column = columns
    needed = max(columns) + 1
    rows = []
    for number, line in body:
        try:
            fields = _split(line, delimiter)
        except _FieldTooLongError:
            rows.append(_Cells(number, line, problem=f"Malformed row: {_too_long(number)}."))
            continue
        if fields is None:
            rows.append(_Cells(number, line, problem="Malformed row: its quotes do not balance."))
            continue
        extra = [cell for cell in fields[width:] if cell.strip()]
        if len(fields) < needed:
            rows.append(
                _Cells(
                    number,
                    line,
                    problem=f"Malformed row: {len(fields)} field{'s' * (len(fields) != 1)} "
                    f"where a date and a weight need {needed}.",
                )
            )
        elif extra:
            hint = (
                ' (a value with a comma, like "72,5" or "Jan 3, 2026", must be in quotes;'
                " or separate the columns with semicolons)"
                if delimiter == ","
                else ""
            )
            rows.append(
                _Cells(
                    number,
                    line,
                    problem=f"Malformed row: {len(fields)} fields where the header has "
                    f"{width}{hint}.",
                )
            )
        else:
            rows.append(
                _Cells(number, line, fields[date_column].strip(), fields[weight_column].strip())
            )
    return rows


def _date_order(rows: Sequence[_Cells], given: DateOrder | None, today: date) -> DateOrder | None:
    """How to read the column's day/month dates: as given, as the column settles, or refused.

    Dotted dates (``03.04.2026``) are day first by convention and settle nothing; a slash or
    dash date with a part above 12 settles the order for the whole column.

    Raises:
        WeightFileError: nothing settles the order of dates that read two ways, or the
            column settles it both ways.
    """
    numeric: list[tuple[_Cells, _NumericDate]] = []
    for row in rows:
        if row.problem or not row.date_text:
            continue
        try:
            parsed = _parse_date(row.date_text, today)
        except (_NotADateError, ValueError):
            continue
        if isinstance(parsed, _NumericDate):
            numeric.append((row, parsed))
    if given is not None:
        return given
    if not numeric:
        return None
    undotted = [(row, value) for row, value in numeric if not value.dotted]
    settling = {order: row for row, value in reversed(undotted) if (order := value.settles())}
    if len(settling) > 1:
        raise WeightFileError(
            f"The dates mix day/month/year (row {settling[DateOrder.DAY_FIRST].row}: "
            f"{settling[DateOrder.DAY_FIRST].date_text}) and month/day/year "
            f"(row {settling[DateOrder.MONTH_FIRST].row}: "
            f"{settling[DateOrder.MONTH_FIRST].date_text}): make them all the same.",
            ambiguous_dates=True,
        )
    if settling:
        return next(iter(settling))
    undecided = next((row for row, value in undotted if value.is_ambiguous()), None)
    if undecided is not None:
        raise WeightFileError(
            f"The dates could be day/month/year or month/day/year (row {undecided.row}: "
            f"{undecided.date_text}), and no date in the file settles it: say which.",
            ambiguous_dates=True,
        )
    return DateOrder.DAY_FIRST  # dotted dates, or dates that read the same either way


def _read_rows(
    rows: Sequence[_Cells],
    *,
    today: date,
    unit: WeightUnit,
    order: DateOrder | None,
    explicit: bool,
    info: tuple[tuple[str, str], bool],
) -> WeightFile:
    accepted: list[AcceptedRow] = []
    refused: list[RefusedRow] = []
    first_row_of_day: dict[date, int] = {}
    for row in rows:
        try:
            if row.problem:
                raise ValueError(row.problem)
            day = _resolve_date(row.date_text, order, explicit=explicit, today=today)
            weight, cell_unit = _parse_weight(row.weight_text, unit)
            entry = _entry(day, weight, cell_unit)
            if day in first_row_of_day:
                raise ValueError(
                    f"Row {first_row_of_day[day]} already has a weigh-in on {day.isoformat()}: "
                    "one weigh-in per day."
                )
        except ValueError as error:
            refused.append(RefusedRow(row.row, str(error), row.text))
            continue
        first_row_of_day[day] = row.row
        accepted.append(AcceptedRow(row.row, entry, weight, cell_unit))
    (date_name, weight_name), unit_in_header = info
    return WeightFile(
        accepted=tuple(accepted),
        refused=tuple(refused),
        date_column=date_name,
        weight_column=weight_name,
        unit=unit,
        unit_in_header=unit_in_header,
        date_order=order,
    )


def _resolve_date(text: str, order: DateOrder | None, *, explicit: bool, today: date) -> date:
    if not text:
        raise ValueError("No date.")
    how = ""
    try:
        parsed = _parse_date(text, today)
        if isinstance(parsed, _NumericDate):
            use = DateOrder.DAY_FIRST if parsed.dotted and not explicit else order
            use = use or DateOrder.DAY_FIRST
            how = f" as {use.label}" if parsed.is_ambiguous() or explicit else ""
            day = parsed.as_date(use)
        else:
            day = parsed
    except (_NotADateError, ValueError):
        raise ValueError(f"{text!r} is not a date{how}.") from None
    if day > today:
        raise ValueError(f"{day.isoformat()} is after today ({today.isoformat()}).")
    return day


def _parse_date(text: str, today: date | None = None) -> date | _NumericDate:
    """A date cell as a date, or as a numeric date whose order the column decides.

    Raises:
        _NotADateError: the cell is not a date in any known form.
        ValueError: the form is known but there is no such day (31 February).
    """
    value = text.strip().strip('"').strip()
    value = _WEEKDAY_PREFIX.sub("", value)
    value = _TIME_SUFFIX.sub("", value).strip()
    if match := _ISO.match(value):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := _COMPACT.match(value):
        return date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(value):
        return _NumericDate(
            int(match[1]), int(match[3]), _year(match[4], today), dotted=match[2] == "."
        )
    if match := _DAY_MONTH_NAME.match(value):
        month = _MONTHS.get(match[2].lower().rstrip("."))
        if month is not None:
            return date(_year(match[3], today), month, int(match[1]))
    if match := _MONTH_NAME_DAY.match(value):
        month = _MONTHS.get(match[1].lower().rstrip("."))
        if month is not None:
            return date(_year(match[3], today), month, int(match[2]))
    raise _NotADateError(text)


def _year(text: str, today: date | None) -> int:
    """A year; two digits are the latest such year not after today's."""
    if len(text) == 4:
        return int(text)
    this_year = (today or date.today()).year
    year = this_year - this_year % 100 + int(text)
    return year if year <= this_year else year - 100


def _parse_weight(text: str, unit: WeightUnit) -> tuple[float, WeightUnit]:
    if not text:
        raise ValueError("No weight.")
    match = _WEIGHT_CELL.match(text.strip().strip('"').strip())
    if match is None:
        raise ValueError(f"{text!r} is not a weight.")
    value = float(match[1].replace(",", "."))
    cell_unit = _UNIT_WORDS.get(match[2].lower()) if match[2] else None
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a weight.")
    return value, cell_unit or unit


def _entry(day: date, weight: float, unit: WeightUnit) -> WeightEntry:
    kg = unit.to_kg(weight)
    low, high = unit.from_kg(MIN_WEIGHT_KG), unit.from_kg(MAX_WEIGHT_KG)
    if not MIN_WEIGHT_KG <= kg <= MAX_WEIGHT_KG:
        raise ValueError(
            f"{weight:g} {unit} is not a plausible body weight: "
            f"a weigh-in is {low:.0f} to {high:.0f} {unit}."
        )
    entry = WeightEntry(day, kg)
    try:
        entry.validate()
    except ValidationError as error:
        raise ValueError(str(error)) from None
    return entry
