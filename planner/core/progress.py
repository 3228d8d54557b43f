"""Chart series: what the progress charts plot, as pure functions of the plan.

Every function here is pure, metric and linear (or nearly so) in its input, so the charts can
recompute a ten-year history after each edit. Series are lists of ``(day, value)`` points in
day order; the UI converts kilometres and kilograms to the runner's units for display.

- **Weight**: each weigh-in as it is, and the 7-day trend: on each day that has a weigh-in,
  the mean of the weigh-ins in the 7 days ending that day (DESIGN.md section 5). Days without
  a weigh-in are gaps: never filled, never interpolated. :func:`line_breaks` says where the
  trend line must break (no weigh-in for more than a week).
- **Weekly run distance**: per week (keyed by the week's first day, for the runner's first
  weekday), the distance of done runs and, separately, of the runs that are still planned;
  skipped runs count nothing. Future weeks therefore show their plan. Every week from the
  first week with a run to the last (or to the week of ``through``) is listed, an empty week
  as 0: a week without running is a real zero, unlike a day without a weigh-in.
- **Ramp**: for each week, last week's run distance (done and planned) plus the runner's
  ramp limit (10 % by default), the line WEEK_RAMP of RULES.md draws; weeks after a week
  under 5 km have none, as the rule has nothing to say there.
- **Load**: the daily session load, fitness (CTL) and fatigue (ATL) of
  :mod:`planner.core.load`, from the runner's first training session on, and form with its
  zones.
"""

from __future__ import annotations

import enum
import itertools
import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final, NamedTuple

from planner.core.load import (
    daily_load_list,
    first_training_day,
    fitness_fatigue_series,
    run_distance_km,
)
from planner.core.model import Kind, Status, WeightEntry, Workout
from planner.core.thresholds import FATIGUE_FORM_MAX, WEEK_RAMP_MIN_LAST_KM, WEIGHT_SPAN_DAYS
from planner.core.weeks import MONDAY, week_start

__all__ = [
    "FORM_ZONES",
    "TREND_DAYS",
    "FormZone",
    "LoadLines",
    "Point",
    "WeeklyRuns",
    "ZoneSpan",
    "form_zone",
    "line_breaks",
    "load_lines",
    "ramp_limits",
    "scaled",
    "weekly_runs",
    "weight_points",
    "weight_trend",
    "zone_spans",
]

#: One point of a series: a day and the value plotted for it.
Point = tuple[date, float]

#: The days the weight trend averages (DESIGN.md section 5: "the 7 days ending that day").
TREND_DAYS: Final = WEIGHT_SPAN_DAYS

_ONE_DAY = timedelta(days=1)
_ONE_WEEK = timedelta(days=7)


def scaled(points: Iterable[Point], factor: float) -> list[Point]:
    """``points`` with every value multiplied by ``factor`` (a unit conversion)."""
    return [(day, value * factor) for day, value in points]


def line_breaks(points: Sequence[Point], *, max_gap_days: int) -> list[bool]:
    """For each point, whether a line through ``points`` breaks after it.

    A line breaks where the next point is more than ``max_gap_days`` days later, and after
    the last point. The weight chart breaks its trend line after a week without weigh-ins,
    so a gap in the log shows as a gap, not as a straight line across it.
    """
    breaks = [
        (following[0] - point[0]).days > max_gap_days
        for point, following in itertools.pairwise(points)
    ]
    if points:
        breaks.append(True)
    return breaks


# -- weight --------------------------------------------------------------------------------


def weight_points(entries: Iterable[WeightEntry]) -> list[Point]:
    """Each weigh-in as ``(day, kg)``, by day."""
    return sorted((entry.day, entry.kg) for entry in entries)


def weight_trend(entries: Iterable[WeightEntry], *, days: int = TREND_DAYS) -> list[Point]:
    """The trend: on each weigh-in day, the mean of the weigh-ins in the ``days`` days ending it.

    Only days that have a weigh-in get a value (DESIGN.md section 5); days before the first
    weigh-in or inside a gap are never filled. Linear in the number of weigh-ins.
    """
    window: deque[Point] = deque()
    trend: list[Point] = []
    for day, kg in weight_points(entries):
        window.append((day, kg))
        while (day - window[0][0]).days >= days:
            window.popleft()
        trend.append((day, math.fsum(value for _, value in window) / len(window)))
    return trend


# -- weekly run distance -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeeklyRuns:
    """Run distance (km) per week, keyed by the week's first day, split by status.

    Both lists hold the same weeks, in order.

    Attributes:
        done: the distance of runs marked done (their actual distance, else the planned one).
        planned: the distance of runs still planned (skipped runs count nothing).
    """

    done: list[Point]
    planned: list[Point]

    def totals(self) -> list[Point]:
        """Each week's run distance, done and planned together (what WEEK_RAMP compares)."""
        return [
            (week, done + planned)
            for (week, done), (_, planned) in zip(self.done, self.planned, strict=True)
        ]


def weekly_runs(
    workouts: Iterable[Workout], *, first_weekday: int = MONDAY, through: date | None = None
) -> WeeklyRuns:
    """Run distance of every week, done and planned, keyed by the week's first day.

    Args:
        workouts: the history (any order); only runs that are not skipped count.
        first_weekday: the day the runner's weeks start on (Monday 0 .. Sunday 6).
        through: list the weeks up to the one holding this day at least (today), so the
            weeks since the last run show as empty rather than missing.

    Returns:
        Every week from the first week with a run to the last (or ``through``'s week), an
        empty one as 0; nothing at all when there is no run.
    """
    done: dict[date, list[float]] = {}
    planned: dict[date, list[float]] = {}
    for workout in workouts:
        if workout.kind is not Kind.RUN or workout.status is Status.SKIPPED:
            continue
        parts = done if workout.status is Status.DONE else planned
        parts.setdefault(week_start(workout.day, first_weekday), []).append(
            run_distance_km(workout)
        )
    weeks = done.keys() | planned.keys()
    if not weeks:
        return WeeklyRuns([], [])
    first, last = min(weeks), max(weeks)
    if through is not None:
        last = max(last, week_start(through, first_weekday))
    done_points: list[Point] = []
    planned_points: list[Point] = []
    week = first
    while week <= last:
        done_points.append((week, math.fsum(done.get(week, ()))))
        planned_points.append((week, math.fsum(planned.get(week, ()))))
        week += _ONE_WEEK
    return WeeklyRuns(done_points, planned_points)


def ramp_limits(
    weeks: WeeklyRuns, *, limit_pct: float = 10.0, min_last_km: float = WEEK_RAMP_MIN_LAST_KM
) -> list[Point]:
    """For each week, the distance that would be ``limit_pct`` % above the week before.

    This is the line of WEEK_RAMP (RULES.md): a week whose bar rises above it ramps up
    faster than the runner's limit. Weeks after a week under ``min_last_km`` (5 km) have no
    marker, as the rule does not judge them. The week after the last listed one gets one
    too, so next week's limit shows before anything is planned in it.
    """
    limits: list[Point] = []
    factor = 1.0 + limit_pct / 100.0
    for week, total in weeks.totals():
        if total >= min_last_km or math.isclose(total, min_last_km, rel_tol=1e-9):
            limits.append((week + _ONE_WEEK, total * factor))
    return limits


# -- training load -------------------------------------------------------------------------


class FormZone(enum.Enum):
    """Where form, (CTL - ATL) / CTL, lies: Friel's zones as training logs show them."""

    TRANSITION = "transition"
    FRESH = "fresh"
    NEUTRAL = "neutral"
    PRODUCTIVE = "productive"
    HIGH_RISK = "high fatigue"

    @property
    def label(self) -> str:
        """The zone's name for people."""
        return self.value.capitalize()


#: Each zone and the lowest form (a fraction) in it, highest first: from +25 % on the runner
#: is losing fitness (transition), +5 to +25 % fresh, -10 to +5 % neutral, -30 to -10 %
#: productive training, below -30 % high fatigue (the line FATIGUE_SUSTAINED uses).
#: Sources: Friel, The Triathlete's Training Bible; the zones of intervals.icu.
FORM_ZONES: Final[tuple[tuple[FormZone, float], ...]] = (
    (FormZone.TRANSITION, 0.25),
    (FormZone.FRESH, 0.05),
    (FormZone.NEUTRAL, -0.10),
    (FormZone.PRODUCTIVE, FATIGUE_FORM_MAX),
    (FormZone.HIGH_RISK, -math.inf),
)


def form_zone(form: float) -> FormZone:
    """The zone of ``form``; a value exactly on a boundary belongs to the zone above it.

    So -30 % is still productive: high fatigue is form *below* -30 %, as FATIGUE_SUSTAINED
    counts it (RULES.md: a value exactly on a threshold is not beyond it).
    """
    for zone, low in FORM_ZONES:
        if form >= low:
            return zone
    return FormZone.HIGH_RISK


class ZoneSpan(NamedTuple):
    """Consecutive days whose form lies in the same zone.

    Attributes:
        zone: the zone.
        first: the first day.
        last: the last day (inclusive).
    """

    zone: FormZone
    first: date
    last: date


def zone_spans(form: Sequence[Point]) -> list[ZoneSpan]:
    """Runs of consecutive days of ``form`` in the same zone (a day missing ends a run)."""
    spans: list[ZoneSpan] = []
    zone: FormZone | None = None
    first = last = date.min
    for day, value in form:
        here = form_zone(value)
        if here is zone and last + _ONE_DAY == day:
            last = day
            continue
        if zone is not None:
            spans.append(ZoneSpan(zone, first, last))
        zone, first, last = here, day, day
    if zone is not None:
        spans.append(ZoneSpan(zone, first, last))
    return spans


@dataclass(frozen=True, slots=True)
class LoadLines:
    """The load chart's series, each by day (RULES.md: session load, fitness and fatigue).

    Attributes:
        load: the daily session load (AU) of every day from the first training session on,
            0 for rest days.
        fitness: CTL of each day from the 42nd day of history on (before, it is not defined).
        fatigue: ATL of each day from the 7th day of history on.
    """

    load: list[Point]
    fitness: list[Point]
    fatigue: list[Point]

    def form(self) -> list[Point]:
        """(CTL - ATL) / CTL of each day both are defined and fitness is positive."""
        fatigue = dict(self.fatigue)
        return [
            (day, (ctl - fatigue[day]) / ctl)
            for day, ctl in self.fitness
            if ctl > 0 and day in fatigue
        ]


def load_lines(workouts: Iterable[Workout], *, through: date | None = None) -> LoadLines:
    """Daily load, fitness and fatigue of the whole history.

    The history starts on the day of the first training session (day ``L`` of RULES.md) and
    runs to the last training session, or to ``through`` (today) when that is later, so
    fitness and fatigue are seen to fall during a break. Planned sessions count their plan,
    so the days ahead show where the plan leads.
    """
    sessions = [w for w in workouts if w.is_training_session]
    first = first_training_day(sessions)
    if first is None:
        return LoadLines([], [], [])
    end = max(w.day for w in sessions)
    if through is not None:
        end = max(end, through)
    days = (end - first).days + 1
    daily = daily_load_list(sessions, first, days)
    fitness: list[Point] = []
    fatigue: list[Point] = []
    for value in fitness_fatigue_series(daily, first, first, end):
        if value.fitness is not None:
            fitness.append((value.day, value.fitness))
        if value.fatigue is not None:
            fatigue.append((value.day, value.fatigue))
    load = [(first + timedelta(days=i), value) for i, value in enumerate(daily)]
    return LoadLines(load, fitness, fatigue)
