"""Running pace: minutes per kilometre or per mile, from a duration and a distance.

Pace is what runners talk in ("5:30 a kilometre"), so every place that shows a run with both
a duration and a distance (the week's blocks, the editor, the printed sheet) shows its pace
too, in the runner's units. Nothing here reads settings or the clock.
"""

from __future__ import annotations

import math

from planner.core.model import Kind, Workout
from planner.core.settings import Units

#: The slowest pace still shown (a walk is about 12 min/km; beyond an hour a unit it is a typo).
MAX_PACE_MIN = 60.0


def pace_min(duration_min: float | None, distance_km: float | None, units: Units) -> float | None:
    """Minutes per kilometre (or per mile), or ``None`` when it cannot be worked out.

    Args:
        duration_min: how long the run lasts, in minutes.
        distance_km: how far it goes, in kilometres (as stored).
        units: per kilometre or per mile.

    Returns:
        The pace in minutes per unit; ``None`` when either number is missing, not positive,
        or the pace is slower than :data:`MAX_PACE_MIN` (not a run).
    """
    if duration_min is None or distance_km is None:
        return None
    if not (math.isfinite(duration_min) and math.isfinite(distance_km)):
        return None
    if duration_min <= 0 or distance_km <= 0:
        return None
    pace = duration_min / units.distance_from_km(distance_km)
    return pace if pace <= MAX_PACE_MIN else None


def format_pace(minutes: float, units: Units, *, unit: bool = True) -> str:
    """A pace as runners write it: ``5:30 min/km``, ``8:51 min/mi``.

    Seconds are rounded to the nearest one (5:59.6 reads 6:00).
    """
    seconds = round(minutes * 60)
    text = f"{seconds // 60}:{seconds % 60:02d}"
    return f"{text} {units.pace_label}" if unit else text


def pace_text(
    kind: Kind, duration_min: float | None, distance_km: float | None, units: Units
) -> str:
    """The pace of a run as text (``5:30 min/km``); "" for other kinds or when unknown."""
    if kind is not Kind.RUN:
        return ""
    pace = pace_min(duration_min, distance_km, units)
    return format_pace(pace, units) if pace is not None else ""


def planned_pace(workout: Workout, units: Units) -> str:
    """The pace of a run's plan; "" when it has none."""
    return pace_text(workout.kind, workout.duration_min, workout.distance_km, units)


def effective_pace(workout: Workout, units: Units) -> str:
    """The pace a block shows: what was run once done, the plan otherwise; "" when none."""
    return pace_text(
        workout.kind, workout.effective_duration_min, workout.effective_distance_km, units
    )
