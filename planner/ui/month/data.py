"""What a month grid holds: each day's workouts and drafts, and each week's totals in words.

Worked out once per change of the data (a reload, a draft, new units), never while painting.
The totals are RULES.md's (:mod:`planner.core.totals`, :mod:`planner.core.week_progress`),
so the month's column agrees with the week's header and the warnings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from planner.core.formatting import SEPARATOR, format_distance, format_hours
from planner.core.model import Workout
from planner.core.settings import Units
from planner.core.totals import week_totals
from planner.core.week_progress import week_progress
from planner.core.weeks import Week
from planner.ui.month.painter import WeekSums


def by_day(workouts: Iterable[Workout]) -> dict[date, list[Workout]]:
    """``workouts`` per day, each day's in the plan's order."""
    days: defaultdict[date, list[Workout]] = defaultdict(list)
    for workout in sorted(workouts, key=lambda w: (w.day, w.position, w.id or 0)):
        days[workout.day].append(workout)
    return dict(days)


def week_sums(week: Week, workouts: Sequence[Workout], units: Units, today: date) -> WeekSums:
    """What a row's totals cell says: run distance planned and done, and training time.

    A week still to come has nothing done yet, so it does not say so.
    """
    progress = week_progress(workouts, week)
    in_week = [w for w in workouts if w.day in week]
    minutes = week_totals(in_week).training_min
    if progress.total_km <= 0 and minutes <= 0:
        return WeekSums()
    distance = format_distance(progress.total_km, units) if progress.total_km > 0 else ""
    begun = week.start <= today or progress.done_km > 0
    done = f"{format_distance(progress.done_km, units, unit=False)} done" if distance else ""
    done = done if begun else ""
    time = format_hours(minutes) if minutes > 0 else ""
    fraction = min(progress.done_km / progress.total_km, 1.0) if progress.total_km > 0 else 0.0
    said = [f"Week {week.label().rsplit('W', 1)[1]}"]
    if distance:
        said.append(f"{distance} of running, {format_distance(progress.done_km, units)} done")
    if time:
        said.append(f"{time} of training")
    return WeekSums(distance, done, time, fraction, SEPARATOR.join(said))


def grid_sums(
    weeks: Sequence[Week], days: Mapping[date, Sequence[Workout]], units: Units, today: date
) -> tuple[WeekSums, ...]:
    """The totals of each of the grid's weeks, from its days' workouts (drafts included)."""
    sums = []
    for week in weeks:
        workouts = [w for day in week.days for w in days.get(day, ())]
        sums.append(week_sums(week, workouts, units, today))
    return tuple(sums)
