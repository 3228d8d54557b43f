"""How far through its running a week is, and how it compares with the week before.

The week header says it in one line: ``18.4 of 41 km done · +12 % on last week``. Run
distances are RULES.md's (effective distance of runs that are not skipped), the same the
WEEK_RAMP rule compares, so the header and the warning never disagree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from planner.core.formatting import SEPARATOR, format_distance
from planner.core.model import Workout
from planner.core.settings import Units
from planner.core.totals import run_distance_km
from planner.core.weeks import Week

__all__ = ["WeekProgress", "progress_text", "week_progress"]


@dataclass(frozen=True, slots=True)
class WeekProgress:
    """A week's run distance: planned, done, and last week's.

    Attributes:
        total_km: run distance of the week's runs that are not skipped (done ones count
            what was run).
        done_km: run distance of the runs marked done.
        last_week_km: run distance of the week before, counted the same way.
    """

    total_km: float = 0.0
    done_km: float = 0.0
    last_week_km: float = 0.0

    @property
    def change(self) -> float | None:
        """The week's run distance against last week's, as a fraction (0.12 is +12 %).

        ``None`` when last week had no running to compare with.
        """
        if self.last_week_km <= 0:
            return None
        return (self.total_km - self.last_week_km) / self.last_week_km


def week_progress(workouts: Iterable[Workout], week: Week) -> WeekProgress:
    """The progress of ``week`` from ``workouts`` (which must hold it and the week before)."""
    previous = week.previous
    total: list[float] = []
    done: list[float] = []
    last: list[float] = []
    for workout in workouts:
        km = run_distance_km(workout)
        if not km:
            continue
        if workout.day in week:
            total.append(km)
            if workout.is_done:
                done.append(km)
        elif workout.day in previous:
            last.append(km)
    return WeekProgress(math.fsum(total), math.fsum(done), math.fsum(last))


def progress_text(progress: WeekProgress, units: Units = Units.KM, *, short: bool = False) -> str:
    """``18.4 of 41 km done · +12 % on last week``, in the runner's units.

    A week without runs says ``No runs planned``; the comparison is left out when last week
    had no running, and reads ``same as last week`` when it rounds to 0 %. ``short`` is for
    narrow places: ``18.4/41 km done · +12 %``.
    """
    if progress.total_km <= 0:
        parts = ["No runs" if short else "No runs planned"]
    else:
        done = format_distance(progress.done_km, units, unit=False)
        total = format_distance(progress.total_km, units)
        parts = [f"{done}/{total} done" if short else f"{done} of {total} done"]
    change = progress.change
    if change is not None:
        percent = round(change * 100)
        if percent == 0:
            parts.append("same" if short else "same as last week")
        else:
            sign = "+" if percent > 0 else "−"
            parts.append(f"{sign}{abs(percent)} %" + ("" if short else " on last week"))
    return SEPARATOR.join(parts)
