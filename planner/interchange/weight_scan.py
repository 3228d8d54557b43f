"""A weigh-in file read once into compact rows, then resolved for a unit and a date order.

:func:`~planner.interchange.weights_csv.scan_weights_csv` finds the file's layout and makes a
:class:`ScannedWeights`; this module reads its rows and resolves them. Each data row leaves
one record in typed arrays, about 26 bytes: its line number and where it starts in the text,
its date as a day's ordinal (or a packed :class:`NumericDate` whose order the column decides),
its weight as a float, a unit code, and the problem found while scanning. Resolving applies
the caller's unit and date order to those records without reading the text again, and writes
a refused row's reason only when the row is one of the examples a :class:`WeightFile` keeps.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from datetime import date

from planner.core.model import (
    FIRST_PLAN_DAY,
    LAST_PLAN_DAY,
    MAX_WEIGHT_KG,
    MIN_WEIGHT_KG,
    ValidationError,
    WeightEntry,
)
from planner.core.settings import KG_PER_POUND
from planner.interchange.weight_cells import (
    DateOrder,
    NotADateError,
    NumericDate,
    WeightUnit,
    parse_date,
    parse_weight,
)
from planner.interchange.weight_layout import FieldTooLongError, split, too_long
from planner.interchange.weight_rows import (
    EXAMPLES_PER_KIND,
    AcceptedRow,
    Progress,
    ReadCancelled,
    RefusalKind,
    RefusedRow,
    WeightFile,
    WeightFileError,
)

__all__ = ["ScannedWeights"]

#: The text is split into lines a chunk of about this many characters at a time.
_CHUNK = 256 * 1024
#: How often (in rows) resolving reports progress.
_RESOLVE_STEP = 65_536
#: Unit codes of the compact rows: the file's default, kilograms, pounds, or a problem.
_DEFAULT, _KG, _LB, _NO_WEIGHT, _NOT_A_WEIGHT = 0, 1, 2, -1, -2
_UNIT_CODES = {WeightUnit.KG: _KG, WeightUnit.LB: _LB}


class ScannedWeights:
    """A weigh-in file read once: its layout, and one compact record per data row.

    Made by :func:`scan_weights_csv`; :meth:`resolve` turns it into a :class:`WeightFile`
    for a unit and a date order, as often as the runner changes them. Each row's record
    lives in typed arrays (see the module's docstring); a problem found while scanning
    (a malformed row, a cell that is no date or no weight) is kept as a code, and its
    reason written only when the row is one of the examples shown.
    """

    __slots__ = (
        "_date_column",
        "_dates",
        "_delimiter",
        "_has_numeric",
        "_last_column",
        "_rows",
        "_settling",
        "_starts",
        "_states",
        "_text",
        "_today",
        "_undecided",
        "_units",
        "_weight_column",
        "_weights",
        "_width",
        "columns",
        "header_unit",
        "names",
    )

    def __init__(
        self,
        text: str,
        *,
        today: date,
        delimiter: str,
        columns: tuple[int, int],
        width: int,
        names: tuple[str, str],
        header_unit: WeightUnit | None,
    ) -> None:
        self._text = text
        self._today = today
        self._delimiter = delimiter
        self.columns = columns
        self._date_column, self._weight_column = columns
        self._last_column = max(columns)
        self._width = width
        self.names = names
        self.header_unit = header_unit
        self._rows = array("i")  # the line number
        self._starts = array("q")  # where the line starts in the text
        self._dates = array("i")  # > 0: a day's ordinal; < 0: a packed NumericDate; 0: none
        self._weights = array("d")
        self._units = array("b")  # a unit code (see _DEFAULT ...)
        self._states = array("b")  # 0, or the RefusalKind found while scanning
        self._has_numeric = False
        #: The first row that proves each date order (row number, date text).
        self._settling: dict[DateOrder, tuple[int, str]] = {}
        #: The first undotted date that reads two ways (row number, date text).
        self._undecided: tuple[int, str] | None = None

    def __len__(self) -> int:
        """How many data rows the file has (blank lines left out)."""
        return len(self._rows)

    # -- scanning ----------------------------------------------------------------------------
    def read_rows(
        self,
        start: int,
        number: int,
        progress: Progress | None = None,
        *,
        end: int | None = None,
        numbers: Sequence[int] | None = None,
    ) -> None:
        """Read the rows from offset ``start``, whose line is ``number`` + 1, to ``end``.

        :func:`~planner.interchange.weights_csv.scan_weights_csv` calls it once, after
        finding the layout. The text is split a chunk at a time, so that the lines of the
        whole file never exist at once; each row leaves only its record in the arrays.
        ``end`` (default: the end of the text) ends a section early; ``numbers``, when
        given, are the rows' numbers in the file the text was made from (one per line;
        see :class:`~planner.interchange.weight_records.WeighInRecords`).

        Raises:
            ReadCancelled: ``progress`` returned ``False``.
        """
        text, scan_row = self._text, self._scan_row
        rows, starts, dates = self._rows.append, self._starts.append, self._dates.append
        weights, units, states = self._weights.append, self._units.append, self._states.append
        size = len(text) if end is None else end
        line_index = -1
        pos = start
        while pos < size:
            chunk_end = text.find("\n", min(pos + _CHUNK, size), size)
            chunk_end = size if chunk_end < 0 else chunk_end
            for line in text[pos:chunk_end].split("\n"):
                number += 1
                line_index += 1
                line_start = pos
                pos += len(line) + 1
                if not line or line.isspace():
                    continue
                row = number if numbers is None else numbers[line_index]
                day, weight, unit, state = scan_row(line, row)
                rows(row)
                starts(line_start)
                dates(day)
                weights(weight)
                units(unit)
                states(state)
            pos = chunk_end + 1
            if progress is not None and not progress(min(pos, size) / size):
                raise ReadCancelled

    def _scan_row(self, line: str, number: int) -> tuple[int, float, int, int]:
        """One row's record: its date code, weight, unit code, and problem (0 when none).

        A problem with the date comes before one with the weight, as the reasons do.
        """
        try:
            fields = split(line, self._delimiter)
        except FieldTooLongError:
            return 0, 0.0, _DEFAULT, RefusalKind.TOO_LONG
        if fields is None or len(fields) <= self._last_column:
            return 0, 0.0, _DEFAULT, RefusalKind.MALFORMED
        if len(fields) > self._width and any(cell.strip() for cell in fields[self._width :]):
            return 0, 0.0, _DEFAULT, RefusalKind.MALFORMED
        day, state = self._scan_date(fields[self._date_column].strip(), number)
        if state:
            return day, 0.0, _DEFAULT, state
        weight_text = fields[self._weight_column].strip()
        if not weight_text:
            return day, 0.0, _NO_WEIGHT, 0
        try:
            value, cell_unit = parse_weight(weight_text)
        except ValueError:
            return day, 0.0, _NOT_A_WEIGHT, 0
        return day, value, _DEFAULT if cell_unit is None else _UNIT_CODES[cell_unit], 0

    def _scan_date(self, text: str, number: int) -> tuple[int, int]:
        """A date cell's code for the arrays, and its problem (0 when none)."""
        if not text:
            return 0, RefusalKind.NO_DATE
        try:
            parsed = parse_date(text, self._today)
        except (NotADateError, ValueError):
            return 0, RefusalKind.NOT_A_DATE
        if not isinstance(parsed, NumericDate):
            return parsed.toordinal(), 0
        self._has_numeric = True
        if not parsed.dotted:
            order = parsed.settles()
            if order is not None:
                self._settling.setdefault(order, (number, text))
            elif self._undecided is None and parsed.is_ambiguous():
                self._undecided = (number, text)
        return -parsed.pack(), 0

    # -- resolving ---------------------------------------------------------------------------
    def resolve(
        self,
        *,
        unit: WeightUnit | None = None,
        date_order: DateOrder | None = None,
        progress: Progress | None = None,
    ) -> WeightFile:
        """The file's weigh-ins with weights in ``unit`` and dates in ``date_order``.

        Arguments as :func:`read_weights_csv`'s. Raises :class:`WeightFileError` when the
        dates read two ways and ``date_order`` is not given, :class:`ReadCancelled` when
        ``progress`` returns ``False``.
        """
        default_unit = self.header_unit or unit or WeightUnit.KG
        order = self._date_order(date_order)
        explicit = date_order is not None
        today = self._today.toordinal()
        first_day, last_day = FIRST_PLAN_DAY.toordinal(), LAST_PLAN_DAY.toordinal()
        factors = {_KG: 1.0, _LB: KG_PER_POUND}
        factors[_DEFAULT] = factors[_UNIT_CODES[default_unit]]
        cell_units = {_KG: WeightUnit.KG, _LB: WeightUnit.LB, _DEFAULT: default_unit}
        rows, dates, weights = self._rows, self._dates, self._weights
        units, states = self._units, self._states
        accepted: list[AcceptedRow] = []
        first_row_of_day: dict[int, int] = {}
        counts: dict[RefusalKind, int] = {}
        examples: list[RefusedRow] = []

        def refuse(index: int, kind: RefusalKind, day: int = 0) -> None:
            seen = counts.get(kind, 0)
            counts[kind] = seen + 1
            if seen < EXAMPLES_PER_KIND:
                reason = self._reason(
                    index, kind, day, order, explicit, default_unit, first_row_of_day
                )
                examples.append(RefusedRow(rows[index], reason, self._line(index), kind))

        for index in range(len(rows)):
            reporting = progress is not None and index and index % _RESOLVE_STEP == 0
            if reporting and not progress(index / len(rows)):  # type: ignore[misc]
                raise ReadCancelled
            state = states[index]
            if state:
                refuse(index, RefusalKind(state))
                continue
            day = dates[index]
            if day < 0:
                numeric = NumericDate.unpack(-day)
                try:
                    day = numeric.as_date(_order_for(numeric, order, explicit)).toordinal()
                except ValueError:
                    refuse(index, RefusalKind.NOT_A_DATE)
                    continue
            if day > today:
                refuse(index, RefusalKind.AFTER_TODAY, day)
                continue
            code = units[index]
            if code < 0:
                kind = RefusalKind.NO_WEIGHT if code == _NO_WEIGHT else RefusalKind.NOT_A_WEIGHT
                refuse(index, kind)
                continue
            kg = weights[index] * factors[code]
            if not MIN_WEIGHT_KG <= kg <= MAX_WEIGHT_KG:
                refuse(index, RefusalKind.IMPLAUSIBLE)
                continue
            if not first_day <= day <= last_day:
                refuse(index, RefusalKind.OUT_OF_RANGE, day)
                continue
            if day in first_row_of_day:
                refuse(index, RefusalKind.SECOND_OF_DAY, day)
                continue
            first_row_of_day[day] = rows[index]
            entry = WeightEntry(date.fromordinal(day), kg)
            accepted.append(AcceptedRow(rows[index], entry, weights[index], cell_units[code]))
        if progress is not None and not progress(1.0):
            raise ReadCancelled
        return WeightFile(
            accepted=tuple(accepted),
            refused=tuple(examples),
            date_column=self.names[0],
            weight_column=self.names[1],
            unit=default_unit,
            unit_in_header=self.header_unit is not None,
            date_order=order,
            refused_counts=counts,
        )

    def _date_order(self, given: DateOrder | None) -> DateOrder | None:
        """How to read the column's day/month dates: as given, as the column settles, or refused.

        Dotted dates (``03.04.2026``) are day first by convention and settle nothing; a slash
        or dash date with a part above 12 settles the order for the whole column.

        Raises:
            WeightFileError: nothing settles the order of dates that read two ways, or the
                column settles it both ways.
        """
        if given is not None:
            return given
        if not self._has_numeric:
            return None
        if len(self._settling) > 1:
            day_first = self._settling[DateOrder.DAY_FIRST]
            month_first = self._settling[DateOrder.MONTH_FIRST]
            raise WeightFileError(
                f"The dates mix day/month/year (row {day_first[0]}: {day_first[1]}) and "
                f"month/day/year (row {month_first[0]}: {month_first[1]}): "
                "make them all the same.",
                ambiguous_dates=True,
            )
        if self._settling:
            return next(iter(self._settling))
        if self._undecided is not None:
            raise WeightFileError(
                f"The dates could be day/month/year or month/day/year (row "
                f"{self._undecided[0]}: {self._undecided[1]}), and no date in the file "
                "settles it: say which.",
                ambiguous_dates=True,
            )
        return DateOrder.DAY_FIRST  # dotted dates, or dates that read the same either way

    # -- the examples' reasons ---------------------------------------------------------------
    def _line(self, index: int) -> str:
        start = self._starts[index]
        end = self._text.find("\n", start)
        return self._text[start : len(self._text) if end < 0 else end]

    def _cells(self, index: int) -> tuple[str, str]:
        """The date and weight cells of a row that splits (its problem came later)."""
        fields = split(self._line(index), self._delimiter) or []
        date_column, weight_column = self.columns
        return fields[date_column].strip(), fields[weight_column].strip()

    def _reason(
        self,
        index: int,
        kind: RefusalKind,
        day: int,
        order: DateOrder | None,
        explicit: bool,
        unit: WeightUnit,
        first_row_of_day: Mapping[int, int],
    ) -> str:
        """Why row ``index`` is refused, for the runner (written for the examples only)."""
        if kind in (RefusalKind.MALFORMED, RefusalKind.TOO_LONG):
            return self._malformed(index)
        if kind is RefusalKind.NO_DATE:
            return "No date."
        if kind is RefusalKind.NOT_A_DATE:
            text = self._cells(index)[0]
            how = ""
            if self._dates[index] < 0:
                numeric = NumericDate.unpack(-self._dates[index])
                if numeric.is_ambiguous() or explicit:
                    how = f" as {_order_for(numeric, order, explicit).label}"
            return f"{text!r} is not a date{how}."
        if kind is RefusalKind.AFTER_TODAY:
            return (
                f"{date.fromordinal(day).isoformat()} is after today ({self._today.isoformat()})."
            )
        if kind is RefusalKind.NO_WEIGHT:
            return "No weight."
        if kind is RefusalKind.NOT_A_WEIGHT:
            return f"{self._cells(index)[1]!r} is not a weight."
        if kind is RefusalKind.SECOND_OF_DAY:
            return (
                f"Row {first_row_of_day[day]} already has a weigh-in on "
                f"{date.fromordinal(day).isoformat()}: one weigh-in per day."
            )
        code = self._units[index]
        cell_unit = unit if code == _DEFAULT else (WeightUnit.KG if code == _KG else WeightUnit.LB)
        weight = self._weights[index]
        if kind is RefusalKind.IMPLAUSIBLE:
            low, high = cell_unit.from_kg(MIN_WEIGHT_KG), cell_unit.from_kg(MAX_WEIGHT_KG)
            return (
                f"{weight:g} {cell_unit} is not a plausible body weight: "
                f"a weigh-in is {low:.0f} to {high:.0f} {cell_unit}."
            )
        try:  # OUT_OF_RANGE: the model says why
            WeightEntry(date.fromordinal(day), cell_unit.to_kg(weight)).validate()
        except ValidationError as error:
            return str(error)
        return "Not a weigh-in Legwork can keep."  # pragma: no cover - validate() refused it

    def _malformed(self, index: int) -> str:
        """The reason of a row that does not split into a date and a weight."""
        number, line = self._rows[index], self._line(index)
        try:
            fields = split(line, self._delimiter)
        except FieldTooLongError:
            return f"Malformed row: {too_long(number)}."
        if fields is None:
            return "Malformed row: its quotes do not balance."
        needed = max(self.columns) + 1
        if len(fields) < needed:
            plural = "s" * (len(fields) != 1)
            return (
                f"Malformed row: {len(fields)} field{plural} where a date and a weight "
                f"need {needed}."
            )
        hint = (
            ' (a value with a comma, like "72,5" or "Jan 3, 2026", must be in quotes;'
            " or separate the columns with semicolons)"
            if self._delimiter == ","
            else ""
        )
        return f"Malformed row: {len(fields)} fields where the header has {self._width}{hint}."


def _order_for(numeric: NumericDate, order: DateOrder | None, explicit: bool) -> DateOrder:
    """How to read ``numeric``: a dotted date is day first unless the order was given."""
    if numeric.dotted and not explicit:
        return DateOrder.DAY_FIRST
    return order or DateOrder.DAY_FIRST
