"""Training load by the definitions of RULES.md: sessions, days, weeks, fitness and fatigue.

Everything here is pure and linear in its input: the warning rules call it for the 90 days
before a week, the load chart for a whole history. Sums use :func:`math.fsum`, which is
exactly rounded, so a total never depends on the order the workouts come in.

Effective values follow RULES.md: a done workout counts what was actually done, falling back
to the plan value by value; anything else counts its plan. Rest blocks and skipped workouts
carry no load.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from planner.core.model import Kind, Workout
from planner.core.thresholds import (
    ACUTE_DAYS,
    ATL_DAYS,
    CHRONIC_DAYS,
    CTL_DAYS,
    DEFAULT_RPE,
    HARD_RPE,
    REL_TOL,
)
from planner.core.totals import run_distance_km, session_duration_min
from planner.core.weeks import MONDAY, week_start

__all__ = [
    "FitnessFatigue",
    "acute_chronic",
    "daily_load_list",
    "daily_loads",
    "first_training_day",
    "fitness_fatigue",
    "fitness_fatigue_from_loads",
    "fitness_fatigue_series",
    "is_hard",
    "is_hard_effort",
    "load_ratio",
    "monotony",
    "run_distance_km",
    "session_duration_min",
    "session_effort",
    "session_load",
    "strain",
    "training_load_average",
    "weekly_run_km",
    "window_total",
]

_ONE_DAY = timedelta(days=1)


# -- one session ---------------------------------------------------------------------------


def session_effort(workout: Workout) -> float:
    """The effective effort (CR-10) of a training session, or its kind's default; 0 for no load.

    Defaults when the effort is missing: run 4, HIIT 8, strength 6 (RULES.md, Effort).
    Rest blocks and skipped workouts have effort 0.
    """
    if not workout.is_training_session:
        return 0.0
    return _effort(workout)


def _effort(workout: Workout) -> float:
    rpe = workout.effective_rpe
    return DEFAULT_RPE[workout.kind] if rpe is None else rpe


def session_load(workout: Workout) -> float:
    """The session-RPE load of a workout (Foster 2001): effort x duration in minutes, in AU.

    Duration falls back to distance x 6 min/km for runs, then to the kind's default
    (:func:`~planner.core.totals.session_duration_min`). Rest and skipped workouts carry 0.
    """
    if not workout.is_training_session:
        return 0.0
    return _effort(workout) * session_duration_min(workout)


def is_hard(workout: Workout) -> bool:
    """Whether a workout is a hard session: a HIIT session, or a training session at effort >= 7."""
    return workout.is_training_session and is_hard_effort(workout.kind, session_effort(workout))


def is_hard_effort(kind: Kind, effort: float) -> bool:
    """Whether a training session of ``kind`` at ``effort`` is hard: HIIT, or effort >= 7."""
    return (
        kind is Kind.HIIT or effort >= HARD_RPE or math.isclose(effort, HARD_RPE, rel_tol=REL_TOL)
    )


def first_training_day(workouts: Iterable[Workout]) -> date | None:
    """The day of the earliest training session among ``workouts``; ``None`` if there is none."""
    days = [w.day for w in workouts if w.is_training_session]
    return min(days) if days else None


# -- days and weeks ------------------------------------------------------------------------


def daily_load_list(workouts: Iterable[Workout], first: date, days: int) -> list[float]:
    """The load of each of ``days`` days from ``first`` on, as a list (index 0 is ``first``).

    Workouts outside those days are ignored; rest days are 0. Linear in the input.
    """
    parts: defaultdict[int, list[float]] = defaultdict(list)
    base = first.toordinal()
    for workout in workouts:
        index = workout.day.toordinal() - base
        if 0 <= index < days:
            parts[index].append(session_load(workout))  # 0 for rest and skipped
    daily = [0.0] * max(days, 0)
    for index, found in parts.items():
        daily[index] = math.fsum(found)
    return daily


def daily_loads(workouts: Iterable[Workout], start: date, end: date) -> dict[date, float]:
    """The load of every day from ``start`` to ``end`` (inclusive), 0 for rest days.

    Workouts outside the range are ignored. The result has one entry per day, in order.
    """
    daily = daily_load_list(workouts, start, (end - start).days + 1)
    return {start + timedelta(days=i): load for i, load in enumerate(daily)}


def weekly_run_km(
    workouts: Iterable[Workout], start: date, end: date, *, first_weekday: int = MONDAY
) -> dict[date, float]:
    """Run distance (km) of every week with a day in ``[start, end]``, keyed by its first day.

    A week counts all its seven days, also those outside the range (pass the workouts of the
    whole weeks). HIIT and cross-training distance are not mileage; skipped runs count
    nothing.
    """
    first = week_start(start, first_weekday)
    last = week_start(end, first_weekday)
    parts: defaultdict[date, list[float]] = defaultdict(list)
    for workout in workouts:
        if workout.kind is Kind.RUN and first <= workout.day <= last + timedelta(days=6):
            parts[week_start(workout.day, first_weekday)].append(run_distance_km(workout))
    weeks: dict[date, float] = {}
    monday = first
    while monday <= last:
        weeks[monday] = math.fsum(parts.get(monday, ()))
        monday += timedelta(days=7)
    return weeks


def window_total(loads: Mapping[date, float], last_day: date, days: int) -> float:
    """The total load of the ``days`` days ending on ``last_day`` (days not in ``loads``: 0)."""
    return math.fsum(loads.get(last_day - timedelta(days=i), 0.0) for i in range(days))


def acute_chronic(loads: Mapping[date, float], day: date) -> tuple[float, float]:
    """Acute and chronic load on ``day`` (RULES.md, LOAD_RATIO; Gabbett 2016).

    Acute is the total load of the 7 days ending ``day``; chronic is the total of the 28 days
    ending ``day`` divided by 4 (a rolling weekly average), so a repeated week gives equal values.
    """
    acute = window_total(loads, day, ACUTE_DAYS)
    chronic = window_total(loads, day, CHRONIC_DAYS) / (CHRONIC_DAYS / ACUTE_DAYS)
    return acute, chronic


def load_ratio(loads: Mapping[date, float], day: date) -> float | None:
    """The acute:chronic load ratio on ``day``; ``None`` when there was no load in 28 days."""
    acute, chronic = acute_chronic(loads, day)
    return acute / chronic if chronic > 0 else None


def monotony(loads: Sequence[float]) -> float | None:
    """Foster's monotony of a span of daily loads: mean / population standard deviation.

    Rest days must be in ``loads`` as 0. ``None`` when the mean is 0 (nothing to judge);
    infinity when every day carries the same positive load.
    """
    if not loads:
        return None
    mean = math.fsum(loads) / len(loads)
    if mean <= 0:
        return None
    sd = math.sqrt(math.fsum((x - mean) ** 2 for x in loads) / len(loads))
    return mean / sd if sd > 0 else math.inf


def strain(loads: Sequence[float]) -> float | None:
    """Foster's strain of a span of daily loads: its total load x its monotony.

    ``None`` when the span carries no load; infinity when every day carries the same load.
    """
    value = monotony(loads)
    return None if value is None else math.fsum(loads) * value


# -- fitness and fatigue -------------------------------------------------------------------


class FitnessFatigue(NamedTuple):
    """Fitness (CTL) and fatigue (ATL) at the end of a day; ``None`` before they are seeded.

    Attributes:
        day: the day.
        fitness: chronic training load (42-day time constant), AU per day.
        fatigue: acute training load (7-day time constant), AU per day.
    """

    day: date
    fitness: float | None
    fatigue: float | None

    @property
    def form(self) -> float | None:
        """(CTL - ATL) / CTL as a fraction (-0.3 is -30 %); ``None`` when it is not defined."""
        if self.fitness is None or self.fatigue is None or self.fitness <= 0:
            return None
        return (self.fitness - self.fatigue) / self.fitness


def _average(daily: Sequence[float], time_constant: int) -> list[float | None]:
    """CTL/ATL of each day of ``daily`` (index 0 is day L), ``None`` before the seed day."""
    if len(daily) < time_constant:
        return [None] * len(daily)
    x = math.fsum(daily[:time_constant]) / time_constant
    values: list[float | None] = [None] * (time_constant - 1)
    values.append(x)
    for load in daily[time_constant:]:
        x += (load - x) / time_constant
        values.append(x)
    return values


def _as_list(loads: Mapping[date, float], first: date, days: int) -> list[float]:
    """``loads`` of ``days`` days from ``first`` on as a list; days not in ``loads`` are 0."""
    daily = [0.0] * max(days, 0)
    base = first.toordinal()
    for day, load in loads.items():
        index = day.toordinal() - base
        if 0 <= index < days:
            daily[index] = load
    return daily


def _report(
    values: Sequence[float | None], history_start: date, start: date, end: date
) -> list[float | None]:
    """The values of ``[start, end]`` out of values that begin on ``history_start``."""
    offset = (start - history_start).days
    return [
        values[i] if 0 <= i < len(values) else None
        for i in range(offset, offset + (end - start).days + 1)
    ]


def training_load_average(
    loads: Mapping[date, float],
    *,
    history_start: date,
    time_constant: int,
    start: date,
    end: date,
) -> list[float | None]:
    """The exponentially weighted load of each day in ``[start, end]`` (CTL or ATL).

    With ``L = history_start`` and ``N = time_constant`` (RULES.md, Fitness and fatigue): the
    value at the end of day ``L+N-1`` is the mean load of days ``L..L+N-1`` (days missing from
    ``loads`` count 0); from day ``L+N`` on, ``x += (load - x) / N`` once a day, the value on a
    day including that day's load. Days before ``L+N-1`` have no value (``None``).

    Linear in the number of days from ``history_start`` to ``end``.
    """
    daily = _as_list(loads, history_start, (end - history_start).days + 1)
    return _report(_average(daily, time_constant), history_start, start, end)


def fitness_fatigue_series(
    daily: Sequence[float], history_start: date, start: date, end: date
) -> list[FitnessFatigue]:
    """Fitness and fatigue of each day in ``[start, end]`` from a list of daily loads.

    Args:
        daily: the load of each day from ``history_start`` on (index 0 is ``history_start``,
            day ``L`` of RULES.md); days past its end count 0.
        history_start: the day both averages start.
        start: the first day reported.
        end: the last day reported.
    """
    needed = (end - history_start).days + 1
    if len(daily) < needed:
        daily = [*daily, *([0.0] * (needed - len(daily)))]
    else:
        daily = daily[: max(needed, 0)]
    fitness = _report(_average(daily, CTL_DAYS), history_start, start, end)
    fatigue = _report(_average(daily, ATL_DAYS), history_start, start, end)
    return [
        FitnessFatigue(start + timedelta(days=i), ctl, atl)
        for i, (ctl, atl) in enumerate(zip(fitness, fatigue, strict=True))
    ]


def fitness_fatigue_from_loads(
    loads: Mapping[date, float], start: date, end: date, *, history_start: date
) -> list[FitnessFatigue]:
    """Fitness and fatigue of each day in ``[start, end]`` from daily loads.

    Args:
        loads: daily load by day; days missing count 0.
        start: the first day reported.
        end: the last day reported.
        history_start: day ``L`` of RULES.md, where both averages start.
    """
    daily = _as_list(loads, history_start, (end - history_start).days + 1)
    return fitness_fatigue_series(daily, history_start, start, end)


def fitness_fatigue(
    workouts: Iterable[Workout], start: date, end: date, *, history_start: date | None = None
) -> list[FitnessFatigue]:
    """Fitness (CTL) and fatigue (ATL) of each day in ``[start, end]``, as RULES.md defines them.

    Args:
        workouts: the history; those before ``history_start`` or after ``end`` are ignored.
        start: the first day reported.
        end: the last day reported.
        history_start: day ``L`` where the averages start; by default the day of the first
            training session in ``workouts`` (the load chart's choice). The rules pass the
            later of that and the window's start minus 90 days.

    Returns:
        One :class:`FitnessFatigue` per day, ``None`` values before a value is seeded (day
        ``L+41`` for fitness, ``L+6`` for fatigue) and for every day when there is no training.
        Linear in the number of workouts and of days from ``history_start`` to ``end``.
    """
    sessions = workouts if isinstance(workouts, Sequence) else list(workouts)
    if history_start is None:
        history_start = first_training_day(sessions)
    if history_start is None:
        return [
            FitnessFatigue(start + timedelta(days=i), None, None)
            for i in range((end - start).days + 1)
        ]
    daily = daily_load_list(sessions, history_start, (end - history_start).days + 1)
    return fitness_fatigue_series(daily, history_start, start, end)
