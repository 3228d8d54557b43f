"""Workouts in and out of files: JSON (round-trips), CSV and iCalendar (for other tools).

The JSON format is a list of objects whose keys are exactly the :class:`Workout` field
names; dates are ISO 8601 (``2026-11-21``; ``plan_day`` is ``null`` for the runner's own
workouts), kinds and statuses their string values (``run``, ``done``), missing numbers
``null``. Files written before a field existed (``race``, ``plan_day``) still read: a missing
field takes its default. Reading is strict: every problem is reported
with the file name, the item number (1 for the first) and the field, so a runner can fix
the file by hand, and nothing of a file that has a problem is imported.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable
from datetime import date
from typing import Any

from planner.core.model import Kind, Status, ValidationError, Workout
from planner.interchange import TransferError
from planner.interchange.csv_cells import csv_record, neutralise_cell

#: The field names, in the order files list them.
FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Workout))

_REQUIRED = ("day", "kind", "title")
_NUMBERS = (
    "duration_min",
    "distance_km",
    "rpe",
    "actual_duration_min",
    "actual_distance_km",
    "actual_rpe",
)


# -- writing --------------------------------------------------------------------------------
def workout_to_dict(workout: Workout) -> dict[str, Any]:
    """One workout as a JSON-ready dict with exactly the :class:`Workout` field names."""
    out: dict[str, Any] = {}
    for name in FIELDS:
        value = getattr(workout, name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Kind | Status):
            value = value.value
        out[name] = value
    return out


def workouts_to_json(workouts: Iterable[Workout]) -> str:
    """The workouts as a JSON document (a list of objects), ending with a newline."""
    items = [workout_to_dict(w) for w in workouts]
    return json.dumps(items, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def workouts_to_csv(workouts: Iterable[Workout]) -> str:
    """The workouts as CSV: a header of the field names, then one row per workout.

    Missing values are empty cells, booleans ``true``/``false``, numbers as Python writes
    them. Text (titles, notes) that a spreadsheet would run as a formula is neutralised
    with a leading quote (:func:`~planner.interchange.csv_cells.neutralise_cell`; a reader
    gets the text back with :func:`~planner.interchange.csv_cells.restore_cell`).
    """
    parts = [csv_record(FIELDS)]
    for workout in workouts:
        row: list[str] = []
        for value in workout_to_dict(workout).values():
            if value is None:
                row.append("")
            elif isinstance(value, bool):
                row.append("true" if value else "false")
            elif isinstance(value, str):
                row.append(neutralise_cell(value))
            else:
                row.append(str(value))
        parts.append(csv_record(row))
    return "".join(parts)


# -- reading --------------------------------------------------------------------------------
def workouts_from_json(text: str, *, source: str) -> list[Workout]:
    """The workouts of a JSON export.

    Args:
        text: the file's content.
        source: the file's name, used in error messages.

    Returns:
        The workouts, in file order, each validated. Ids are kept as found (``None`` when
        absent); importers ignore them.

    Raises:
        TransferError: naming ``source`` and, for a bad item, its number (1 for the first)
            and field.
    """
    _refuse_other_formats(text, source)
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise TransferError(
            f"{source}: not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except _ConstantError as exc:
        raise TransferError(
            f"{source}: not valid JSON: {exc.args[0]} is not a number JSON allows"
        ) from None
    except RecursionError:
        raise TransferError(
            f"{source}: nested far too deeply to be a Legwork export (a list of workouts)"
        ) from None
    except ValueError:  # json refuses integers of thousands of digits (int_max_str_digits)
        raise TransferError(
            f"{source}: holds a number thousands of digits long; not a Legwork export"
        ) from None
    if not isinstance(data, list):
        raise TransferError(
            f"{source}: expected a list of workouts ([...]), found {_type_name(data)}"
        )
    return [_workout_from_item(item, f"{source}, item {n}") for n, item in enumerate(data, 1)]


class _ConstantError(ValueError):
    pass


#: The largest id SQLite stores (a signed 64-bit integer).
_MAX_ID = 2**63 - 1
#: Positions beyond this are not an order within a day but a mistake.
_MAX_POSITION = 10_000


def _refuse_other_formats(text: str, source: str) -> None:
    """Name the format of a file that is clearly not a JSON export (iCalendar, CSV)."""
    head = text.lstrip()[:200]
    hint = "Legwork imports its own JSON exports ('legwork export --format json')."
    if head.upper().startswith("BEGIN:VCALENDAR"):
        raise TransferError(f"{source}: this is an iCalendar file, not a JSON export. {hint}")
    first_line = head.splitlines()[0] if head else ""
    if first_line and first_line[0] not in "[{" and ("," in first_line or ";" in first_line):
        lowered = first_line.lower()
        if "weight" in lowered or "kg" in lowered or "lb" in lowered:
            raise TransferError(
                f"{source}: this looks like a CSV of weigh-ins, not a JSON export. "
                "Import weigh-ins with 'legwork import-weights'."
            )
        raise TransferError(f"{source}: this looks like a CSV file, not a JSON export. {hint}")


def _reject_constant(name: str) -> float:
    raise _ConstantError(name)


def _workout_from_item(item: object, where: str) -> Workout:
    if not isinstance(item, dict):
        raise TransferError(f"{where}: expected an object ({{...}}), found {_type_name(item)}")
    unknown = sorted(str(k) for k in item if k not in FIELDS)
    if unknown:
        names = ", ".join(repr(k) for k in unknown)
        raise TransferError(
            f"{where}: unknown field{'s' if len(unknown) > 1 else ''} {names} "
            f"(known: {', '.join(FIELDS)})"
        )
    for name in _REQUIRED:
        if item.get(name) is None:
            raise TransferError(f"{where}: {name!r} is missing")
    values: dict[str, Any] = {
        "id": _optional_int(item, "id", where),
        "day": _day(item["day"], where),
        "kind": _enum(Kind, item["kind"], "kind", where),
        "title": _string(item["title"], "title", where),
    }
    if item.get("position") is not None:
        position = _optional_int(item, "position", where)
        values["position"] = position
    for name in _NUMBERS:
        values[name] = _number(item.get(name), name, where)
    if item.get("notes") is not None:
        values["notes"] = _string(item["notes"], "notes", where)
    if item.get("status") is not None:
        values["status"] = _enum(Status, item["status"], "status", where)
    for name in ("heavy_legs", "race"):
        if item.get(name) is not None:
            values[name] = _bool(item[name], name, where)
    if item.get("plan_day") is not None:
        values["plan_day"] = _day(item["plan_day"], where, "plan_day")
    workout = Workout(**values)
    try:
        workout.validate()
    except ValidationError as exc:
        field = f"{exc.field!r} " if exc.field else ""
        raise TransferError(f"{where}: {field}is not valid: {exc}") from None
    return workout


#: The words for what ``json.loads`` makes, in the order tried (``True`` is an ``int`` too).
_JSON_TYPE_NAMES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (type(None), "null"),
    (bool, "true/false"),
    ((int, float), "a number"),
    (str, "a string"),
    (list, "a list"),
    (dict, "an object"),
)


def _type_name(value: object) -> str:
    for kinds, name in _JSON_TYPE_NAMES:
        if isinstance(value, kinds):
            return name
    return type(value).__name__  # pragma: no cover - json.loads makes nothing else


def _bool(value: object, name: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise TransferError(f"{where}: {name!r} must be true or false")
    return value


def _day(value: object, where: str, name: str = "day") -> date:
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10:
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
    raise TransferError(
        f'{where}: {name!r} must be a date like "2026-11-21", not {json.dumps(value)}'
    )


def _enum(enum_type: type[Kind] | type[Status], value: object, name: str, where: str) -> Any:
    allowed = ", ".join(member.value for member in enum_type)
    if isinstance(value, str):
        try:
            return enum_type(value.strip().lower())
        except ValueError:
            pass
    raise TransferError(f"{where}: unknown {name} {json.dumps(value)} (one of: {allowed})")


def _string(value: object, name: str, where: str) -> str:
    if not isinstance(value, str):
        raise TransferError(f"{where}: {name!r} must be a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start]
        raise TransferError(
            f"{where}: {name!r} holds a character that is not text "
            f"(U+{ord(bad):04X}, half of a broken character pair)"
        ) from None
    return value


def _optional_int(item: dict[str, Any], name: str, where: str) -> int | None:
    value = item.get(name)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TransferError(f"{where}: {name!r} must be a whole number")
    if name == "id" and not 1 <= value <= _MAX_ID:
        raise TransferError(f"{where}: 'id' must be a whole number from 1 to {_MAX_ID}")
    if name == "position" and value > _MAX_POSITION:  # a negative one: validation refuses it
        raise TransferError(f"{where}: {name!r} must be at most {_MAX_POSITION}")
    return value


def _number(value: object, name: str, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TransferError(f"{where}: {name!r} must be a number")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise TransferError(f"{where}: {name!r} is far too large")
    return number


# -- importing --------------------------------------------------------------------------------
