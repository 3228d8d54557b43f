"""What importing a weigh-in file would do, as a preview lists it: a few rows of each kind.

A file can hold a million rows; a preview of a million lines helps nobody and costs seconds.
:func:`preview_rows` lists, for each kind of result (new, replacing a weight already logged,
already logged, and each kind of refusal), its first :data:`EXAMPLES_PER_KIND` rows in file
order, then one line saying how many more rows are like them. Kinds come in the order they
first appear in the file. A weigh-in that would replace another shows as many decimals as it
takes to tell the two apart (71.84 against 71.8).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.core.formatting import format_weight, weight_decimals_apart
from planner.core.settings import WeightUnits
from planner.core.weighins import WeighInPlan
from planner.interchange.weight_rows import EXAMPLES_PER_KIND, WeightFile

__all__ = ["PreviewRow", "preview_rows"]

_NEW = "new"
_REPLACING = "replacing a weight logged"
_UNCHANGED = "already logged"


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One line of the preview: a row of the file and what importing does with it.

    Attributes:
        row: the row number in the file (the header is row 1); 0 for a "more" line.
        day: the day, when the row has one.
        kg: the weight in kilograms, when the row has one.
        status: what happens to it ("new", "replaces 72.4 kg", ...) or why it is refused.
        refused: whether the row is refused.
        conflict: whether it would replace a different weigh-in of that day.
        decimals: at most how many decimals its weight shows (more than one where it must
            read apart from the weigh-in it would replace: 71.84 against 71.8).
        more: for the line after a kind's examples, how many more rows are like them (its
            status then reads "and 954,980 more rows like these (…)").
    """

    row: int
    day: date | None
    kg: float | None
    status: str
    refused: bool = False
    conflict: bool = False
    decimals: int = 1
    more: int = 0


def preview_rows(
    found: WeightFile, plan: WeighInPlan, units: WeightUnits, *, limit: int = EXAMPLES_PER_KIND
) -> list[PreviewRow]:
    """Up to ``limit`` rows of each kind of result, each kind followed by how many more.

    Args:
        found: the file's rows (its refused rows are already examples).
        plan: what importing its accepted rows would do to the stored weigh-ins.
        units: the runner's body-weight units, for the weights a replacement names.
        limit: how many rows of each kind to list.
    """
    replacing = {incoming.day: stored for stored, incoming in plan.replacing}
    unchanged = {entry.day for entry in plan.unchanged}
    groups: dict[str, list[PreviewRow]] = {}
    counts: dict[str, int] = {}
    for accepted in found.accepted:
        day, kg = accepted.entry.day, accepted.entry.kg
        kind = _REPLACING if day in replacing else _UNCHANGED if day in unchanged else _NEW
        counts[kind] = counts.get(kind, 0) + 1
        shown = groups.setdefault(kind, [])
        if len(shown) >= limit:
            continue
        if kind is _REPLACING:
            logged = replacing[day].kg
            decimals = weight_decimals_apart(logged, kg, units)
            status = f"replaces {format_weight(logged, units, decimals=decimals)} (tick below)"
            shown.append(
                PreviewRow(accepted.row, day, kg, status, conflict=True, decimals=decimals)
            )
        else:
            shown.append(PreviewRow(accepted.row, day, kg, kind))
    for refusal, examples, more in found.refused_groups():
        kind = f"refused: {refusal.label}"
        groups[kind] = [
            PreviewRow(row.row, None, None, f"refused: {row.reason}", refused=True)
            for row in examples[:limit]
        ]
        counts[kind] = len(examples) + more
    rows: list[PreviewRow] = []
    for kind, shown in sorted(groups.items(), key=lambda item: item[1][0].row):
        rows.extend(shown)
        more = counts[kind] - len(shown)
        if more:
            text = f"and {more:,} more row{'s' * (more != 1)} like these ({kind})"
            rows.append(PreviewRow(0, None, None, text, refused=shown[0].refused, more=more))
    return rows
