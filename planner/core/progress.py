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

from planner.core.load import fitness_fatigue_series, run_distance_km, session_load
from planner.core.model import Kind, Status, WeightEntry, Workout
from planner.core.thresholds import FATIGUE_FORM_MAX, WEEK_RAMP_MIN_LAST_KM, WEIGHT_SPAN_DAYS
from planner.core.weeks import MONDAY, week_start

__all__ = [
    "FORM_ZONES",
    "TREND_DAYS",
    "FormZone",
    "LoadLines",
    "Point",
    "SessionFacts",
    "WeeklyRuns",
    "ZoneSpan",
    "form_zone",
    "line_breaks",
    "load_lines",
    "load_lines_of",
    "ramp_limits",
    "scaled",
    "session_facts",
    "weekly_runs",
    "weekly_runs_of",
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


# -- what the charts need of a workout -----------------------------------------------------


class SessionFacts(NamedTuple):
    """What the weekly and load series need of one workout, worked out once per version.

    A chart over ten years keeps these per workout and recomputes only those an edit
    touched; :func:`weekly_runs` and :func:`load_lines` take workouts and make them.

    Attributes:
        ordinal: the workout's day, as :meth:`date.toordinal`.
        training: it is a training session (RULES.md: not rest, not skipped).
        load: its session load (AU), :func:`planner.core.load.session_load`.
        run: it is a run that was not skipped (it counts as mileage).
        done: it was marked done.
        run_km: its run distance, :func:`planner.core.load.run_distance_km`.
    """

    ordinal: int
    training: bool
    load: float
    run: bool
    done: bool
    run_km: float


def session_facts(workout: Workout) -> SessionFacts:
    """What the series need of ``workout``."""
    return SessionFacts(
        ordinal=workout.day.toordinal(),
        training=workout.is_training_session,
        load=session_load(workout),
        run=workout.kind is Kind.RUN and workout.status is not Status.SKIPPED,
        done=workout.status is Status.DONE,
        run_km=run_distance_km(workout),
    )


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
    return weekly_runs_of(
        map(session_facts, workouts), first_weekday=first_weekday, through=through
    )


def weekly_runs_of(
    facts: Iterable[SessionFacts], *, first_weekday: int = MONDAY, through: date | None = None
) -> WeeklyRuns:
    """:func:`weekly_runs` from the workouts' :class:`SessionFacts`."""
    # Weeks are keyed by the ordinal of their first day: ordinal 1 (1 January 1) is a Monday,
    # so the weekday of ordinal ``o`` is ``(o + 6) % 7``.
    done: dict[int, list[float]] = {}
    planned: dict[int, list[float]] = {}
    for fact in facts:
        if not fact.run:
            continue
        week = fact.ordinal - (fact.ordinal + 6 - first_weekday) % 7
        (done if fact.done else planned).setdefault(week, []).append(fact.run_km)
    weeks = done.keys() | planned.keys()
    if not weeks:
        return WeeklyRuns([], [])
    first, last = min(weeks), max(weeks)
    if through is not None:
        last = max(last, week_start(through, first_weekday).toordinal())
    done_points: list[Point] = []
    planned_points: list[Point] = []
    for week in range(first, last + 1, 7):
        day = date.fromordinal(week)
        done_points.append((day, math.fsum(done.get(week, ()))))
        planned_points.append((day, math.fsum(planned.get(week, ()))))
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
        """The zone's name for runners, lower case: "productive", "losing fitness"."""
        return "losing fitness" if self is FormZone.TRANSITION else self.value


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
    """The load chart's series, day by day from the first training session on (RULES.md).

    The values are kept per day (index 0 is ``first``), which is what a chart draws; the
    ``(day, value)`` points are built when asked for.

    Attributes:
        first: the day of the first training session (day ``L``); ``None`` without training.
        daily: the session load (AU) of each day, 0 for rest days.
        fitness_values: CTL of each day, ``None`` before day ``L+41`` (when it is defined).
        fatigue_values: ATL of each day, ``None`` before day ``L+6``.
    """

    first: date | None = None
    daily: Sequence[float] = ()
    fitness_values: Sequence[float | None] = ()
    fatigue_values: Sequence[float | None] = ()

    @property
    def load(self) -> list[Point]:
        """The daily session load of every day, 0 on rest days."""
        return self._points(self.daily)

    @property
    def fitness(self) -> list[Point]:
        """CTL of each day it is defined."""
        return self._points(self.fitness_values)

    @property
    def fatigue(self) -> list[Point]:
        """ATL of each day it is defined."""
        return self._points(self.fatigue_values)

    def form_values(self) -> list[float | None]:
        """(CTL - ATL) / CTL of each day; ``None`` where either is undefined or CTL is 0."""
        return [
            (ctl - atl) / ctl if ctl is not None and atl is not None and ctl > 0 else None
            for ctl, atl in zip(self.fitness_values, self.fatigue_values, strict=True)
        ]

    def form(self) -> list[Point]:
        """(CTL - ATL) / CTL of each day both are defined and fitness is positive."""
        return self._points(self.form_values())

    def form_zones(self) -> list[ZoneSpan]:
        """The runs of consecutive days whose form lies in the same zone."""
        if self.first is None:
            return []
        base = self.first.toordinal()
        runs: list[tuple[FormZone, int, int]] = []
        for index, value in enumerate(self.form_values()):
            if value is None:
                continue
            zone = form_zone(value)
            if runs and runs[-1][0] is zone and runs[-1][2] == index - 1:
                runs[-1] = (zone, runs[-1][1], index)
            else:
                runs.append((zone, index, index))
        return [
            ZoneSpan(zone, date.fromordinal(base + start), date.fromordinal(base + end))
            for zone, start, end in runs
        ]

    def _points(self, values: Sequence[float | None]) -> list[Point]:
        if self.first is None:
            return []
        base = self.first.toordinal()
        return [
            (date.fromordinal(base + index), value)
            for index, value in enumerate(values)
            if value is not None
        ]


def load_lines(workouts: Iterable[Workout], *, through: date | None = None) -> LoadLines:
    """Daily load, fitness and fatigue of the whole history.

    The history starts on the day of the first training session (day ``L`` of RULES.md) and
    runs to the last training session, or to ``through`` (today) when that is later, so
    fitness and fatigue are seen to fall during a break. Planned sessions count their plan,
    so the days ahead show where the plan leads. Session load and fitness and fatigue are
    those of :mod:`planner.core.load`.
    """
    return load_lines_of(map(session_facts, workouts), through=through)


def load_lines_of(facts: Iterable[SessionFacts], *, through: date | None = None) -> LoadLines:
    """:func:`load_lines` from the workouts' :class:`SessionFacts`."""
    parts: dict[int, list[float]] = {}
    for fact in facts:
        if fact.training:
            parts.setdefault(fact.ordinal, []).append(fact.load)
    if not parts:
        return LoadLines()
    base, end = min(parts), max(parts)
    if through is not None:
        end = max(end, through.toordinal())
    daily = [0.0] * (end - base + 1)
    for ordinal, loads in parts.items():
        daily[ordinal - base] = math.fsum(loads)
    first = date.fromordinal(base)
    series = fitness_fatigue_series(daily, first, first, date.fromordinal(end))
    return LoadLines(
        first,
        daily,
        [value.fitness for value in series],
        [value.fatigue for value in series],
    )
