"""What reading a weigh-in file gives: accepted rows, refused rows by kind, and the errors.

:mod:`~planner.interchange.weights_csv` reads the files; these are its results. A file of a
million refused rows keeps the reasons of a few examples of each kind and the count of the
rest (:class:`WeightFile`), so what a file holds never costs more memory than the file.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from planner.core.model import WeightEntry
from planner.interchange.weight_cells import DateOrder, WeightUnit

__all__ = [
    "EXAMPLES_PER_KIND",
    "AcceptedRow",
    "Progress",
    "ReadCancelled",
    "RefusalKind",
    "RefusedRow",
    "WeightFile",
    "WeightFileError",
]

#: How many refused rows of each kind a :class:`WeightFile` keeps, with their reasons.
EXAMPLES_PER_KIND = 20
#: Called with the fraction done (0 to 1); returns whether to go on.
Progress = Callable[[float], bool]


class WeightFileError(ValueError):
    """The file cannot be read as a table of weigh-ins; the message says why.

    Attributes:
        ambiguous_dates: the only problem is that the dates could be read day first or
            month first; reading again with a :class:`DateOrder` solves it.
    """

    def __init__(self, message: str, *, ambiguous_dates: bool = False) -> None:
        super().__init__(message)
        self.ambiguous_dates = ambiguous_dates


class ReadCancelled(Exception):  # noqa: N818 - what happened, not an error
    """Reading stopped because the progress callback said so."""


class RefusalKind(enum.IntEnum):
    """Why a row is refused, as a kind (the reason itself names the row's values)."""

    MALFORMED = 1
    TOO_LONG = 2
    NO_DATE = 3
    NOT_A_DATE = 4
    AFTER_TODAY = 5
    NO_WEIGHT = 6
    NOT_A_WEIGHT = 7
    IMPLAUSIBLE = 8
    OUT_OF_RANGE = 9
    SECOND_OF_DAY = 10

    @property
    def label(self) -> str:
        """The kind for people: ``after today``, ``not a date``, …."""
        return _LABELS[self]


_LABELS = {
    RefusalKind.MALFORMED: "malformed",
    RefusalKind.TOO_LONG: "a field too long",
    RefusalKind.NO_DATE: "no date",
    RefusalKind.NOT_A_DATE: "not a date",
    RefusalKind.AFTER_TODAY: "after today",
    RefusalKind.NO_WEIGHT: "no weight",
    RefusalKind.NOT_A_WEIGHT: "not a weight",
    RefusalKind.IMPLAUSIBLE: "not a plausible body weight",
    RefusalKind.OUT_OF_RANGE: "outside the years Legwork plans",
    RefusalKind.SECOND_OF_DAY: "a second weigh-in on a day",
}


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
        kind: the kind of reason.
    """

    row: int
    reason: str
    text: str
    kind: RefusalKind = RefusalKind.MALFORMED


@dataclass(frozen=True, slots=True)
class WeightFile:
    """What a weight CSV holds.

    Attributes:
        accepted: the rows that become weigh-ins, in file order, at most one per day.
        refused: the first :data:`EXAMPLES_PER_KIND` refused rows of each kind, with their
            reasons, in file order (all of them, in a file of a usual size).
        date_column: the header of the date column ("" without a header).
        weight_column: the header of the weight column ("" without a header).
        unit: the unit of weights that do not say their own.
        unit_in_header: whether the header named that unit (else it was assumed).
        date_order: how day/month dates were read; ``None`` when the file has none.
        refused_counts: how many rows were refused, by kind, in the order the kinds first
            appear in the file.
    """

    accepted: tuple[AcceptedRow, ...]
    refused: tuple[RefusedRow, ...]
    date_column: str = ""
    weight_column: str = ""
    unit: WeightUnit = WeightUnit.KG
    unit_in_header: bool = False
    date_order: DateOrder | None = None
    refused_counts: Mapping[RefusalKind, int] = field(default_factory=dict)

    @property
    def entries(self) -> list[WeightEntry]:
        """The weigh-ins of the accepted rows."""
        return [row.entry for row in self.accepted]

    @property
    def refused_count(self) -> int:
        """How many rows were refused in all (:attr:`refused` holds examples)."""
        return sum(self.refused_counts.values())

    def refused_groups(self) -> list[tuple[RefusalKind, tuple[RefusedRow, ...], int]]:
        """The refused rows by kind: the kind, its examples, and how many more there are.

        Kinds come in the order they first appear in the file, examples in file order.
        """
        groups: dict[RefusalKind, list[RefusedRow]] = {}
        for row in self.refused:
            groups.setdefault(row.kind, []).append(row)
        return [
            (kind, tuple(rows), self.refused_counts.get(kind, len(rows)) - len(rows))
            for kind, rows in groups.items()
        ]
