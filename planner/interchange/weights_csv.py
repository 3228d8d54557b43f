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
- **A section title** above the table (Fitbit's older export: ``Body``, then
  ``Date,Weight,BMI,Fat``) is skipped, and the table ends at the section's blank line.
- **Dates**: ISO (``2026-12-31``, with or without a time), ``31.12.2026`` (day first),
  ``31/12/2026`` or ``12/31/2026``, ``20261231``, and month names (``31 Dec 2026``,
  ``Dec 31, 2026``, ``31. Dezember 2026``). Whether ``03/04/2026`` is day or month first is
  decided by the whole column (a day above 12 in either place settles it); when nothing
  settles it the file is refused with that reason, unless the caller says which order.
  Two-digit years are taken as the latest year not after today's.

Every data row is either accepted or refused with its row number (the line of the file, the
header being row 1) and the reason: a date that is not one, a date after today, a weight
outside 20 to 300 kg (or its pound equivalent), a row with too few or too many fields or a
field too long for CSV, a second weigh-in on a day. Nothing is written here: the caller shows
the result and imports the accepted rows as one step only when the runner confirms (the CLI
only when no row was refused). A file that cannot be read as such a table at all raises
:class:`WeightFileError`.

**Large files.** A file can hold a million rows (16 MB), nearly all refused. Reading is two
steps, so that neither time nor memory grows with more than the file itself:

1. :func:`scan_weights_csv` reads the text once, line by line, and keeps one compact record
   per data row in typed arrays (its line, where it starts, the date as a day number, the
   weight as a float, codes for the unit and for a problem): about 26 bytes a row, not an
   object or a dict. It does what does not depend on the caller's options.
2. :meth:`ScannedWeights.resolve` applies a unit and a date order to those records: changing
   an option resolves again, it never reads the file again. The result keeps every accepted
   row (at most one a day) but, of the refused ones, only the first
   :data:`~.weight_rows.EXAMPLES_PER_KIND` of each :class:`~.weight_rows.RefusalKind` and
   how many there are in all; their reasons are written only for those.

Both take a ``progress`` callback, called now and then with the fraction done; when it
returns ``False`` reading stops with :class:`ReadCancelled`. :func:`read_weights_csv` does
both steps at once.
"""

from __future__ import annotations

import re
from datetime import date

from planner.interchange.weight_cells import DateOrder, WeightUnit
from planner.interchange.weight_layout import (
    FieldTooLongError,
    find_columns,
    guess_delimiter,
    headerless_columns,
    split,
    too_long,
    unit_in,
)
from planner.interchange.weight_rows import Progress, ReadCancelled, WeightFile, WeightFileError
from planner.interchange.weight_scan import ScannedWeights

__all__ = [
    "MAX_FILE_BYTES",
    "DateOrder",
    "Progress",
    "ReadCancelled",
    "ScannedWeights",
    "WeightFile",
    "WeightFileError",
    "WeightUnit",
    "plain_text",
    "read_weights_csv",
    "scan_weights_csv",
]

#: Files larger than this are not weigh-in tables (ten years of daily weigh-ins is ~150 kB).
MAX_FILE_BYTES = 20 * 1024 * 1024


# -- reading -------------------------------------------------------------------------------
_SAMPLE_LINES = 50


def read_weights_csv(
    data: bytes | str,
    *,
    today: date,
    unit: WeightUnit | None = None,
    date_order: DateOrder | None = None,
    progress: Progress | None = None,
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
        progress: told the fraction read now and then; returning ``False`` stops.

    Returns:
        The accepted and refused rows.

    Raises:
        WeightFileError: the file is empty, is not text, has no date or no weight column,
            or its dates could be read two ways and nothing says which.
        ReadCancelled: ``progress`` returned ``False``.
    """
    scan_progress = None if progress is None else _scaled(progress, 0.0, 0.9)
    scanned = scan_weights_csv(data, today=today, progress=scan_progress)
    resolve_progress = None if progress is None else _scaled(progress, 0.9, 1.0)
    return scanned.resolve(unit=unit, date_order=date_order, progress=resolve_progress)


def _scaled(progress: Progress, start: float, end: float) -> Progress:
    """``progress`` for one step of a longer read, from ``start`` to ``end``."""
    return lambda done: progress(start + (end - start) * done)


def scan_weights_csv(
    data: bytes | str, *, today: date, progress: Progress | None = None
) -> ScannedWeights:
    """Read a CSV file's layout and its rows once, for :meth:`ScannedWeights.resolve`.

    Arguments and errors as :func:`read_weights_csv`, but for the unit and the date order,
    which resolving applies.
    """
    text = plain_text(data)
    _refuse_other_formats(text)
    sample = _first_lines(text, _SAMPLE_LINES)
    section_end = None
    if _is_section_title(sample):
        # Fitbit's older export: a title ("Body"), its table, a blank line, the next section.
        section_end = _section_end(text, sample[1][1])
        sample = [line for line in sample[1:] if line[1] < section_end]
    delimiter = guess_delimiter([line for _, _, line in sample])
    number, start, line = sample[0]
    try:
        first = split(line, delimiter) or []
    except FieldTooLongError:
        problem = too_long(number)
        raise WeightFileError(
            f"{problem[0].upper()}{problem[1:]}: this is not a table of weigh-ins."
        ) from None
    names = ("", "")
    header_unit: WeightUnit | None = None
    columns = find_columns(first)
    if columns is not None:
        names = (first[columns[0]].strip(), first[columns[1]].strip())
        header_unit = unit_in(names[1])
        start += len(line) + 1  # the rows begin after the header
    else:
        columns = headerless_columns(first, today)
        number -= 1  # the first row already is a row of data
    if columns is None:
        found = ", ".join(repr(cell.strip()) for cell in first if cell.strip())
        raise WeightFileError(
            "No date column and weight column found"
            + (f" (the first row has {found})" if found else "")
            + ". Name them in the first row, for example: date,weight"
        )
    scanned = ScannedWeights(
        text,
        today=today,
        delimiter=delimiter,
        columns=columns,
        width=max(len(first), 2),
        names=names,
        header_unit=header_unit,
    )
    scanned.read_rows(start, number, progress, end=section_end)
    return scanned


def plain_text(data: bytes | str) -> str:
    """A text file's content, decoded (see :func:`read_weights_csv`), with Unix line ends.

    Raises:
        WeightFileError: the file is empty or is not text.
    """
    text = _decode(data) if isinstance(data, bytes) else data
    if text.startswith("\ufeff"):
        text = text.lstrip("\ufeff")
    if not text or text.isspace():
        raise WeightFileError("The file is empty.")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _is_section_title(sample: list[tuple[int, int, str]]) -> bool:
    """Whether the first line is a section's title (one word or two, no separator)."""
    if len(sample) < 2:
        return False
    title = sample[0][2].strip().strip('"')
    return (
        0 < len(title) <= 40
        and not any(separator in title for separator in ",;\t|")
        and not any(character.isdigit() for character in title)
    )


def _section_end(text: str, start: int) -> int:
    """Where the section whose table starts at ``start`` ends: its first blank line."""
    end = text.find("\n\n", start)
    return len(text) if end < 0 else end


def _first_lines(text: str, count: int) -> list[tuple[int, int, str]]:
    """The first ``count`` lines that are not blank: (line number, offset, line)."""
    found: list[tuple[int, int, str]] = []
    number, start = 0, 0
    while len(found) < count and start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        number += 1
        line = text[start:end]
        if line and not line.isspace():
            found.append((number, start, line))
        start = end + 1
    return found


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


_LEADING_SPACE = re.compile(r"\s*")


def _refuse_other_formats(text: str) -> None:
    space = _LEADING_SPACE.match(text)
    first = space.end() if space else 0
    start = text[first : first + 1]
    if start in ("{", "["):
        raise WeightFileError("This looks like JSON, not CSV: export the weigh-ins as CSV.")
    if start == "<":
        raise WeightFileError("This looks like XML or HTML, not CSV: export the weigh-ins as CSV.")
    if "\x00" in text[:4096]:
        raise WeightFileError("This is not a CSV file (it is not text).")
