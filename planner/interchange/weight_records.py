"""Weigh-ins from files that are not tables: each record's date and weight, as cells.

A Garmin Connect export, a Fitbit JSON file, a Samsung Health CSV, an Apple Health
``export.xml`` and a FIT weight-scale file each hold weigh-ins in their own shape. Their
readers (:mod:`.weights_devices`, :mod:`.weights_apple`, :mod:`.weights_fit`) find each
weigh-in's date and weight and hand them, as the text of two cells and the row they come
from, to a :class:`WeighInRecords`. It makes of them the same
:class:`~.weight_scan.ScannedWeights` a CSV file makes, so that every format is resolved,
refused row by row, previewed and imported by the same rules: a date after today, a weight
that is not a body weight, a second weigh-in on a day are refused with the same reasons.
"""

from __future__ import annotations

from array import array
from datetime import date

from planner.interchange.weight_cells import WeightUnit
from planner.interchange.weight_rows import Progress
from planner.interchange.weight_scan import ScannedWeights

__all__ = ["WeighInRecords"]

_SEPARATOR = "\t"
_UNSAFE = str.maketrans({"\t": " ", "\n": " ", "\r": " ", '"': "'"})


class WeighInRecords:
    """The weigh-ins a reader found, one (row, date cell, weight cell) at a time.

    Args:
        names: what the file calls its date and its weight, for the preview.
        unit: the unit the file says its weights are in, or ``None`` when it does not say
            (then the caller's unit applies, as for a CSV file without one). A weight cell
            that names its own unit (``71.8 kg``) keeps it whatever this says.
    """

    def __init__(self, *, names: tuple[str, str], unit: WeightUnit | None) -> None:
        self._names = names
        self._unit = unit
        self._lines: list[str] = []
        self._numbers = array("q")

    def __len__(self) -> int:
        return len(self._lines)

    def note_unit(self, unit: WeightUnit | None) -> None:
        """The unit a weigh-in names, taken as the file's when it said none so far."""
        if self._unit is None:
            self._unit = unit

    def add(self, row: int, day: str, weight: str) -> None:
        """One weigh-in: its row in the file (a line, or the n-th record), date and weight.

        The cells are read as a CSV file's are: ``day`` in any form a date column may hold
        (``2025-11-25``, ``Nov 25, 2025``, a date with its time), ``weight`` a number with
        or without its unit. A cell that is not one is refused with the cell in the reason.
        """
        self._lines.append(
            f"{day.translate(_UNSAFE).strip()}{_SEPARATOR}{weight.translate(_UNSAFE).strip()}"
        )
        self._numbers.append(row)

    def scanned(self, *, today: date, progress: Progress | None = None) -> ScannedWeights:
        """The records read as rows, ready for :meth:`ScannedWeights.resolve`."""
        scanned = ScannedWeights(
            "\n".join(self._lines),
            today=today,
            delimiter=_SEPARATOR,
            columns=(0, 1),
            width=2,
            names=self._names,
            header_unit=self._unit,
        )
        scanned.read_rows(0, 0, progress, numbers=self._numbers)
        self._lines.clear()
        return scanned
