"""The layout of a weigh-in file: its delimiter, its lines' fields, its date and weight columns.

:mod:`~planner.interchange.weights_csv` reads whole files with these: the delimiter is the
one that splits the first lines most consistently, the columns are found by their headers
(or, without a header, by what the first row holds), and each line is split on its own.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from datetime import date

from planner.interchange.weight_cells import (
    UNIT_WORDS,
    NotADateError,
    WeightUnit,
    parse_date,
    parse_weight,
)

__all__ = [
    "FieldTooLongError",
    "find_columns",
    "guess_delimiter",
    "headerless_columns",
    "split",
    "too_long",
    "unit_in",
]

_DELIMITERS = (",", ";", "\t", "|")

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


class FieldTooLongError(ValueError):
    """A field is longer than the csv module reads (:func:`csv.field_size_limit`)."""


def split(line: str, delimiter: str) -> list[str] | None:
    """The fields of one line; ``None`` when its quotes do not balance.

    A line without a double quote is split with :meth:`str.split`, which gives exactly what
    the csv module would, many times faster; other lines go through the csv module.

    Raises:
        FieldTooLongError: a field is longer than :func:`csv.field_size_limit` (a wrong
            delimiter or a stray quote can make a whole line one field).
    """
    if '"' not in line and len(line) <= csv.field_size_limit():
        return line.split(delimiter)
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True), [])
    except csv.Error as error:
        if len(line) > csv.field_size_limit() and "field limit" in str(error):
            raise FieldTooLongError(str(error)) from None
        return None


def too_long(number: int) -> str:
    """What is wrong with line ``number``, one of whose fields is too long for CSV."""
    return (
        f"line {number} has a field longer than {csv.field_size_limit():,} characters, "
        "the most a CSV field may hold"
    )


def guess_delimiter(sample: Sequence[str]) -> str:
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


def _split_sample(line: str, delimiter: str) -> list[str] | None:
    """:func:`split` for guessing the delimiter: a line too long to split does not split."""
    try:
        return split(line, delimiter)
    except FieldTooLongError:
        return None


def _words(name: str) -> list[str]:
    return [word for word in re.split(r"[^\w]+", name.lower().replace("_", " ")) if word]


def unit_in(name: str) -> WeightUnit | None:
    """The unit a header names (``Weight (lb)``), if any."""
    for word in _words(name):
        if word in UNIT_WORDS:
            return UNIT_WORDS[word]
    return None


def find_columns(header: Sequence[str]) -> tuple[int, int] | None:
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


def headerless_columns(row: Sequence[str], today: date) -> tuple[int, int] | None:
    """For a file without a header: the first date-like cell and the next number."""
    date_column = next((i for i, cell in enumerate(row) if _looks_like_date(cell, today)), None)
    if date_column is None:
        return None
    weight_column = next(
        (i for i, cell in enumerate(row) if i != date_column and _looks_like_weight(cell)),
        None,
    )
    return None if weight_column is None else (date_column, weight_column)


def _looks_like_date(cell: str, today: date) -> bool:
    try:
        parse_date(cell.strip(), today)
    except (NotADateError, ValueError):
        return False
    return True


def _looks_like_weight(cell: str) -> bool:
    if not cell.strip():
        return False
    try:
        parse_weight(cell.strip())
    except ValueError:
        return False
    return True
