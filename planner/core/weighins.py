"""Planning weigh-ins against the stored log: the one place that decides what a save does.

A weigh-in saved from the log form, a CSV import previewed in its dialog or run by
``legwork import-weights``, and :meth:`PlanService.import_weights` all ask
:func:`plan_weigh_ins` which incoming weigh-ins are new, which are already stored exactly so,
which would replace a different weigh-in of their day, and which are dated after today (and
so refused). Pure: it reads nothing and writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from planner.core.formatting import format_day
from planner.core.model import WeightEntry

__all__ = ["WeighInPlan", "future_weigh_in_message", "plan_weigh_ins"]


@dataclass(frozen=True, slots=True)
class WeighInPlan:
    """What saving some weigh-ins would do to the stored ones.

    Every incoming weigh-in is in exactly one of the four lists, in the order it came.

    Attributes:
        new: weigh-ins on days that have none yet.
        replacing: ``(stored, incoming)`` pairs for days whose stored weigh-in differs;
            they are replaced only when the runner confirms.
        unchanged: weigh-ins already stored exactly so.
        refused_future: weigh-ins dated after today; they are never saved.
    """

    new: list[WeightEntry] = field(default_factory=list)
    replacing: list[tuple[WeightEntry, WeightEntry]] = field(default_factory=list)
    unchanged: list[WeightEntry] = field(default_factory=list)
    refused_future: list[WeightEntry] = field(default_factory=list)

    def changed(self, *, replace: bool = True) -> list[WeightEntry]:
        """The weigh-ins to write: the new ones, and the replacements when ``replace``."""
        written = list(self.new)
        if replace:
            written.extend(incoming for _, incoming in self.replacing)
        return written

    def applied_to(
        self, stored: Iterable[WeightEntry], *, replace: bool = True
    ) -> dict[date, WeightEntry]:
        """The log, by day, once :meth:`changed` is written over ``stored``."""
        log = {entry.day: entry for entry in stored}
        log.update((entry.day, entry) for entry in self.changed(replace=replace))
        return log


def plan_weigh_ins(
    incoming: Iterable[WeightEntry],
    stored: Iterable[WeightEntry] | Mapping[date, WeightEntry],
    *,
    today: date,
) -> WeighInPlan:
    """Sort ``incoming`` weigh-ins into new ones, replacements, unchanged and refused ones.

    Args:
        incoming: the weigh-ins to save (at most one a day; the caller checks that).
        stored: the stored weigh-ins of (at least) those days, as a list or by day.
        today: a weigh-in dated after this day is refused, whatever is stored.

    Returns:
        The plan; nothing is written here.
    """
    by_day = dict(stored) if isinstance(stored, Mapping) else {e.day: e for e in stored}
    plan = WeighInPlan()
    for entry in incoming:
        existing = by_day.get(entry.day)
        if entry.day > today:
            plan.refused_future.append(entry)
        elif existing is None:
            plan.new.append(entry)
        elif existing == entry:
            plan.unchanged.append(entry)
        else:
            plan.replacing.append((existing, entry))
    return plan


def future_weigh_in_message(day: date, today: date) -> str:
    """Why a weigh-in on ``day`` is refused: it is after ``today``."""
    return (
        f"A weigh-in cannot be in the future ({format_day(day, year=True)}); "
        f"today is {format_day(today, year=True)}."
    )
