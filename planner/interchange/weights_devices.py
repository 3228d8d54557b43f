"""Weigh-ins from the text exports of Garmin Connect, Fitbit and Samsung Health.

Each reader finds the weigh-ins of one export's shape and hands their date and weight cells
to a :class:`~.weight_records.WeighInRecords`, so that the rows are resolved, refused and
previewed as a CSV file's are (:mod:`.weights_csv`, which also reads Fitbit's older CSV
export: a section title such as ``Body`` above its table):

- **Garmin Connect** (Weight ▸ Export): a header ``Time,Weight,Change,BMI,…``, then for each
  day a row holding only the date (``" Nov 25, 2025",``) and below it one row per weigh-in,
  its time and its weight with the unit (``07:12,71.8 kg,…``).
- **Fitbit** (``weight-2025-11-01.json``): a list of objects with ``date`` (``MM/DD/YY``) and
  ``weight`` in the account's unit, which the file does not say: the caller's unit applies,
  as for a CSV file without one.
- **Samsung Health** (``com.samsung.health.weight.*.csv``): a line naming the data type and
  its version, then a header with ``start_time`` (UTC), ``time_offset`` (``UTC+0100``) and
  ``weight`` (kilograms); the day is the weigh-in's local day.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from planner.interchange.weight_cells import NotADateError, WeightUnit, full_year, parse_date
from planner.interchange.weight_cells import parse_weight as _parse_weight
from planner.interchange.weight_layout import FieldTooLongError, find_columns, split
from planner.interchange.weight_records import WeighInRecords
from planner.interchange.weight_rows import Progress, ReadCancelled, WeightFileError
from planner.interchange.weight_scan import ScannedWeights

__all__ = [
    "SAMSUNG_TYPE",
    "is_garmin_export",
    "scan_fitbit_json",
    "scan_garmin_csv",
    "scan_samsung_csv",
]

#: The data type Samsung Health names on a weight export's first line (and in its name).
SAMSUNG_TYPE = "com.samsung.health.weight"
#: How often (in lines or records) the readers report progress.
_STEP = 4096


def _lines(text: str) -> list[tuple[int, str]]:
    """The lines that are not blank, with their numbers (the first line is 1)."""
    return [
        (number, line)
        for number, line in enumerate(text.split("\n"), start=1)
        if line and not line.isspace()
    ]


def _report(progress: Progress | None, index: int, count: int) -> None:
    """Tell ``progress`` how far reading is, now and then; stop when it says so."""
    if progress is not None and index % _STEP == 0 and not progress(index / max(count, 1)):
        raise ReadCancelled


def _cells(line: str) -> list[str]:
    try:
        return split(line, ",") or []
    except FieldTooLongError:
        return []


def _unit_of(cell: str) -> WeightUnit | None:
    try:
        return _parse_weight(cell)[1] if cell else None
    except ValueError:
        return None


# -- Garmin Connect -----------------------------------------------------------------------------
def is_garmin_export(text: str) -> bool:
    """Whether ``text`` is Garmin Connect's weight export, in any language.

    It is when the header names a time and a weight column, the row below it holds only a
    date, and the row below that a weigh-in whose first cell (its time) is no date.
    """
    lines = _lines(text[:4096])
    if len(lines) < 3:
        return False
    columns = find_columns(_cells(lines[0][1]))
    weigh_in = _cells(lines[2][1])
    return (
        columns is not None
        and _date_row(_cells(lines[1][1])) is not None
        and len(weigh_in) > columns[1]
        and bool(weigh_in[columns[1]].strip())
        and not _is_date(weigh_in[0])
    )


def _is_date(cell: str) -> bool:
    try:
        parse_date(cell.strip())
    except (NotADateError, ValueError):
        return False
    return True


def _date_row(cells: list[str]) -> str | None:
    """The date of a Garmin day row (only its first cell filled), else ``None``."""
    if not cells or not cells[0].strip() or any(cell.strip() for cell in cells[1:]):
        return None
    return cells[0].strip() if _is_date(cells[0]) else None


def scan_garmin_csv(text: str, *, today: date, progress: Progress | None = None) -> ScannedWeights:
    """The weigh-ins of a Garmin Connect weight export (see the module's docstring).

    Each weigh-in's row is its weight's line; it takes the date of the day row above it.
    The unit is each weight's own (``71.8 kg``, ``158.3 lbs``).
    """
    lines = _lines(text)
    header = _cells(lines[0][1])
    columns = find_columns(header)
    if columns is None:  # pragma: no cover - is_garmin_export saw a weight column
        raise WeightFileError("No weight column in this Garmin Connect export.")
    weight_column = columns[1]
    records = WeighInRecords(names=("Date", header[weight_column].strip()), unit=None)
    day = ""
    for index, (number, line) in enumerate(lines[1:], start=1):
        _report(progress, index, len(lines))
        cells = _cells(line)
        found = _date_row(cells)
        if found is not None:
            day = found
            continue
        weight = _cell(cells, weight_column)
        records.note_unit(_unit_of(weight))
        records.add(number, day, weight)
    return records.scanned(today=today)


# -- Fitbit -------------------------------------------------------------------------------------
_FITBIT_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_NOT_FITBIT = (
    'This JSON file is not a Fitbit weight export (a list of weigh-ins with a "date" and '
    'a "weight", as in weight-2025-11-01.json): export the weigh-ins as CSV.'
)


def scan_fitbit_json(text: str, *, today: date, progress: Progress | None = None) -> ScannedWeights:
    """The weigh-ins of a Fitbit ``weight-*.json`` file (see the module's docstring).

    A weigh-in's row is its place in the list (the first is 1).

    Raises:
        WeightFileError: the JSON is broken or is not a list of weigh-ins.
    """
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise WeightFileError(
            f"This JSON file is broken (line {error.lineno}: {error.msg})."
        ) from None
    if not isinstance(data, list) or not all(
        isinstance(item, dict) and "date" in item and "weight" in item for item in data
    ):
        raise WeightFileError(_NOT_FITBIT)
    records = WeighInRecords(names=("date", "weight"), unit=None)
    for number, item in enumerate(data, start=1):
        _report(progress, number, len(data))
        weight = item["weight"]
        records.add(
            number,
            _fitbit_day(str(item["date"]), today),
            "" if weight is None or isinstance(weight, bool) else str(weight),
        )
    return records.scanned(today=today)


def _fitbit_day(text: str, today: date) -> str:
    """Fitbit's month-first ``11/25/25`` as ``2025-11-25``; anything else as it is."""
    match = _FITBIT_DATE.match(text.strip())
    if match is None:
        return text
    try:
        day = date(full_year(match[3], today), int(match[1]), int(match[2]))
    except ValueError:
        return text
    return day.isoformat()


# -- Samsung Health -----------------------------------------------------------------------------
_OFFSET = re.compile(r"^(?:UTC|GMT)?([+-])(\d{2}):?(\d{2})$")


def scan_samsung_csv(text: str, *, today: date, progress: Progress | None = None) -> ScannedWeights:
    """The weigh-ins of a Samsung Health weight export (see the module's docstring).

    Raises:
        WeightFileError: the header has no ``weight`` or no ``start_time`` column.
    """
    lines = _lines(text)
    if len(lines) < 2:
        raise WeightFileError("This Samsung Health export has no header below its first line.")
    names = [_samsung_name(cell) for cell in _cells(lines[1][1])]
    if "weight" not in names or "start_time" not in names:
        raise WeightFileError(
            "This Samsung Health export has no weight column or no start_time column: "
            "export the weight data again."
        )
    weight_column, time_column = names.index("weight"), names.index("start_time")
    offset_column = names.index("time_offset") if "time_offset" in names else None
    records = WeighInRecords(names=("start_time", "weight"), unit=WeightUnit.KG)
    for index, (number, line) in enumerate(lines[2:], start=2):
        _report(progress, index, len(lines))
        cells = _cells(line)
        weight = _cell(cells, weight_column)
        records.add(
            number,
            _samsung_day(_cell(cells, time_column), _cell(cells, offset_column)),
            f"{weight} kg" if weight else "",
        )
    return records.scanned(today=today)


def _cell(cells: list[str], column: int | None) -> str:
    """The cell in ``column`` ("" where the row is shorter, or there is no such column)."""
    return cells[column].strip() if column is not None and column < len(cells) else ""


def _samsung_name(cell: str) -> str:
    """A column's name without the data type (``com.samsung.health.weight.start_time``)."""
    name = cell.strip()
    return name.removeprefix(f"{SAMSUNG_TYPE}.").lower()


def _samsung_day(start: str, offset: str) -> str:
    """The local day of a UTC ``start_time``: by its ``time_offset``, else this computer's."""
    try:
        moment = datetime.fromisoformat(start).replace(tzinfo=UTC)
    except ValueError:
        return start
    match = _OFFSET.match(offset)
    if match is None:
        return moment.astimezone().date().isoformat()
    sign = 1 if match[1] == "+" else -1
    shift = timedelta(hours=int(match[2]), minutes=int(match[3]))
    return (moment + sign * shift).date().isoformat()
