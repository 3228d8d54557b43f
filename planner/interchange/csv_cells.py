"""Text cells of the CSV files Legwork writes, made safe to open in a spreadsheet.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula, and
one that begins with a tab or a carriage return can hide one ("CSV injection", also called
formula injection). Workout titles and notes come from other people's exports, so every CSV
writer passes its text fields through :func:`neutralise_cell`, which prefixes such a cell
with a single quote ``'`` as OWASP recommends: the spreadsheet then shows the text as text.
Numbers are written as numbers and never pass through it: ``-3.5`` in a numeric column is
a number, not a formula.

Reading such a file back must give the original text. :func:`restore_cell` removes exactly
the one quote :func:`neutralise_cell` added, and nothing else, so that for every text
``restore_cell(neutralise_cell(text)) == text``. To make that hold for text that itself
begins with quotes, the rule is written over the run of quotes at the start of a cell:

- writing, a text that is zero or more quotes followed by one of those characters gets one
  more quote in front (``=1`` → ``'=1``, ``'=1`` → ``''=1``); any other text is left alone
  (``'quoted`` stays ``'quoted``: a spreadsheet does not run it);
- reading, a cell that is one or more quotes followed by one of those characters loses its
  first quote; any other cell is left alone.

Legwork reads back only its JSON exports of workouts (where nothing is neutralised) and,
from CSV, the date and weight columns of weigh-in files, which are dates and numbers, never
neutralised text. A reader of text fields from a CSV Legwork wrote must call
:func:`restore_cell` on each of them.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["FORMULA_STARTS", "csv_record", "neutralise_cell", "restore_cell"]

#: The characters that make a field need quotes in a record.
_SPECIAL = frozenset(',"\r\n')

#: The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

_QUOTE = "'"


def _needs_quote(text: str) -> bool:
    """Whether ``text`` is zero or more quotes followed by a formula's first character."""
    return text.lstrip(_QUOTE).startswith(FORMULA_STARTS)


def neutralise_cell(text: str) -> str:
    """``text`` as a CSV text cell a spreadsheet shows and never runs (``=1`` → ``'=1``)."""
    return _QUOTE + text if _needs_quote(text) else text


def restore_cell(cell: str) -> str:
    """The text :func:`neutralise_cell` made ``cell`` from: exactly its one added quote removed."""
    if cell.startswith(_QUOTE) and _needs_quote(cell):
        return cell[1:]
    return cell


def csv_record(fields: Iterable[str]) -> str:
    """One CSV record of ``fields`` (already text), ending with a line feed.

    A field holding a comma, a double quote, a line feed or a carriage return is put in
    double quotes, its double quotes doubled (RFC 4180); other fields are written as they
    are. Written here rather than with :func:`csv.writer`, which (Python 3.11, with a line
    feed as the line terminator) leaves a field with a lone carriage return unquoted, so
    every reader splits the record there: a title beginning with one would break its row.
    """
    return ",".join(_quoted(field) for field in fields) + "\n"


def _quoted(field: str) -> str:
    if _SPECIAL.isdisjoint(field):
        return field
    return '"' + field.replace('"', '""') + '"'
