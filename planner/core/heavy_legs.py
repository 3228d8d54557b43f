"""Why the legs may have felt heavy: the running-legs guide's causes, in the runner's own numbers.

A runner ticks "Legs felt heavy" on a done workout. :func:`explain_heavy_legs` reads the plan
and the weigh-ins around that day and returns the causes the data supports, each with its
evidence and what to do, and the guide's other causes as questions the plan cannot answer.
Every line is the warning rules' own (:mod:`planner.core.thresholds`, "Heavy legs"), and the
load, hard sessions and weight means are those of :mod:`planner.core.load` and the weight
chart's trend (:func:`planner.core.progress.weight_trend`).

Which days each cause reads, for a report on day d:

- **recovery**: the training days in a row ending d-1; the rest days and the hard sessions of
  d-7..d-1; the load ratio of LOAD_RATIO on d-1 (the 7 days d-7..d-1 against the 28 days
  d-28..d-1 divided by 4), only when the runner's history starts on or before d-28. The day
  itself does not count: it is the day the legs felt heavy, not a day of the cause.
- **strength**: none in d-14..d-1 (which hold at least 2 runs), or 4 or more in d-7..d-1.
- **weight**: the weight chart's 7-day mean to d (the weigh-ins of d-6..d) against that to
  d-28 (d-34..d-28), up by 2 % or more. A weigh-in on the day counts: weight is a state.
- **fuel**: a run or HIIT over an hour on d-2..d, the reported workout included (the guide:
  carbohydrate before and during long runs).
- **protein**: from the latest weigh-in on or before d; always there when one exists.

Nothing earlier than :func:`explanation_span` is read, so callers read only that span.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from planner.core import thresholds as t
from planner.core.formatting import (
    format_day,
    format_distance,
    format_duration,
    format_number,
    format_ratio,
    format_weight,
)
from planner.core.load import daily_loads, first_training_day, is_hard, load_ratio
from planner.core.model import Kind, WeightEntry, Workout
from planner.core.progress import weight_trend
from planner.core.settings import Settings, Units, WeightUnits
from planner.core.totals import session_duration_min
from planner.core.weeks import MONDAY

__all__ = [
    "QUESTIONS",
    "Cause",
    "Explanation",
    "explain_heavy_legs",
    "explain_report",
    "explanation_span",
    "heavy_legs_days",
    "latest_report",
]

#: The guide's causes the plan cannot answer, asked of the runner after the supported ones.
QUESTIONS: Final = (
    "Carbohydrate: do you eat enough of it, above all the day before and during long runs?",
    "Iron: low iron makes legs heavy, especially for women, vegans and vegetarians; "
    "a blood test tells.",
    "Shoes: are they new, or heavier than the ones you had?",
    "Running form: a long stride or heavy landing tires the legs; ask a coach to watch you run.",
    "If heavy legs persist, see a doctor: circulation problems can feel like this.",
)

_DAY: Final = timedelta(days=1)
#: An average adult's protein a day (g per kg), the guide's comparison.
_ADULT_PROTEIN_G_PER_KG: Final = 0.8


@dataclass(frozen=True, slots=True)
class Cause:
    """One of the guide's causes that the runner's plan supports.

    Attributes:
        cause: which: ``"recovery"``, ``"strength"``, ``"weight"``, ``"fuel"`` or ``"protein"``.
        title: a short heading ("Not enough recovery").
        evidence: the runner's own numbers in plain words.
        advice: what to do.
        figures: the numbers behind the evidence, by name (metric: kg, km, minutes, grams).
    """

    cause: str
    title: str
    evidence: str
    advice: str
    figures: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why the legs may have felt heavy on ``day``.

    Attributes:
        day: the day of the workout the runner reported heavy legs on.
        causes: the supported causes, in the guide's order (recovery, strength, weight, fuel,
            protein); empty when the plan shows none.
        questions: the guide's causes the plan cannot answer (:data:`QUESTIONS`).
    """

    day: date
    causes: tuple[Cause, ...]
    questions: tuple[str, ...] = QUESTIONS


def explanation_span(day: date) -> tuple[date, date]:
    """The first and last day (inclusive) :func:`explain_heavy_legs` reads for ``day``."""
    return day - timedelta(days=t.HEAVY_LOOKBACK_DAYS), day


def heavy_legs_days(workouts: Iterable[Workout]) -> list[date]:
    """The days with a done workout reported with heavy legs, ascending, each once."""
    return sorted({w.day for w in workouts if w.reports_heavy_legs})


def latest_report(workouts: Iterable[Workout]) -> date | None:
    """The last day with a done workout reported with heavy legs; ``None`` if there is none."""
    days = heavy_legs_days(workouts)
    return days[-1] if days else None


def explain_heavy_legs(
    workouts: Iterable[Workout],
    weights: Iterable[WeightEntry],
    day: date,
    *,
    units: Units = Units.KM,
    weight_units: WeightUnits = WeightUnits.KG,
    first_weekday: int = MONDAY,
) -> Explanation:
    """The causes the plan supports for heavy legs on ``day``, and the questions it cannot answer.

    The days each cause reads are in the module's docstring; workouts and weigh-ins outside
    :func:`explanation_span` are ignored, and the result does not depend on their order.

    Args:
        workouts: the plan's workouts (at least those of :func:`explanation_span`).
        weights: the runner's weigh-ins (likewise).
        day: the day of the workout reported with heavy legs.
        units: the units distances are written in.
        weight_units: the units body weights are written in.
        first_weekday: the runner's first weekday; the windows here are the days before the
            report, not calendar weeks, so it changes nothing today (kept for callers that
            pass the runner's settings whole).
    """
    del first_weekday  # rolling days before the report, not calendar weeks
    first, last = explanation_span(day)
    plan = [w for w in workouts if first <= w.day <= last]
    entries = [e for e in weights if first <= e.day <= last]
    found = (
        _recovery(plan, day),
        _strength(plan, day),
        _weight(entries, day, weight_units),
        _fuel(plan, day, units),
        _protein(entries, day, weight_units),
    )
    return Explanation(day, tuple(cause for cause in found if cause is not None))


def explain_report(
    day: date,
    settings: Settings,
    read_workouts: Callable[[date, date], Iterable[Workout]],
    read_weights: Callable[[date, date], Iterable[WeightEntry]],
) -> Explanation:
    """:func:`explain_heavy_legs` for ``day`` in the runner's ``settings``, reading only its span.

    ``read_workouts`` and ``read_weights`` take the first and last day (inclusive) and return
    what the plan holds in them: the app's controller and the command line pass their readers.
    """
    first, last = explanation_span(day)
    return explain_heavy_legs(
        read_workouts(first, last),
        read_weights(first, last),
        day,
        units=settings.units,
        weight_units=settings.weight_units,
        first_weekday=settings.first_weekday,
    )


# -- the causes ------------------------------------------------------------------------------


def _on(value: float, line: float) -> bool:
    """Whether ``value`` is on ``line`` (RULES.md, Comparisons: a relative tolerance of 1e-9)."""
    return math.isclose(value, line, rel_tol=t.REL_TOL)


def _over(value: float, line: float) -> bool:
    """``value > line``; a value on the line is not over it."""
    return value > line and not _on(value, line)


def _reaches(value: float, line: float) -> bool:
    """``value >= line``; a value on the line reaches it."""
    return value > line or _on(value, line)


def _training_days(plan: Iterable[Workout]) -> set[date]:
    return {w.day for w in plan if w.is_training_session}


def _plural(count: float, noun: str) -> str:
    return f"{format_number(count)} {noun}" if count == 1 else f"{format_number(count)} {noun}s"


def _recovery(plan: list[Workout], day: date) -> Cause | None:
    trained = _training_days(plan)
    first, _ = explanation_span(day)
    streak = 0
    while day - (streak + 1) * _DAY >= first and day - (streak + 1) * _DAY in trained:
        streak += 1
    week = [day - i * _DAY for i in range(1, t.HEAVY_WEEK_DAYS + 1)]
    rest = sum(1 for d in week if d not in trained)
    hard = sum(1 for w in plan if w.day in week and is_hard(w))
    figures: dict[str, float] = {
        "streak_days": streak,
        "rest_days": rest,
        "hard_sessions": hard,
    }
    start = first_training_day(plan)
    before = day - _DAY
    ratio = None
    if start is not None and start <= day - timedelta(days=t.CHRONIC_DAYS):
        loads = daily_loads(plan, day - timedelta(days=t.CHRONIC_DAYS), before)
        ratio = load_ratio(loads, before)
    if ratio is not None:
        figures["load_ratio"] = ratio
    heavier = ratio is not None and _over(ratio, t.HEAVY_LOAD_RATIO)
    supported = (
        streak >= t.HEAVY_STREAK_DAYS
        or rest <= t.HEAVY_REST_DAYS_MAX
        or hard >= t.HEAVY_HARD_SESSIONS
        or heavier
    )
    if not supported:
        return None
    parts = [
        f"{_plural(streak, 'training day')} in a row before {format_day(day)}",
        f"{_plural(rest, 'rest day')} in the 7 days before",
    ]
    if ratio is not None:
        times = format_ratio(ratio, above=t.HEAVY_LOAD_RATIO if heavier else None)
        parts.append(f"your last week carries {times} times your usual load")
    parts.append(f"{_plural(hard, 'hard session')} in those 7 days")
    return Cause(
        "recovery",
        "Not enough recovery",
        "; ".join(parts),
        "Take a rest day or two, keep one to two rest days a week and no more than one to "
        "two hard sessions; build up the load gradually.",
        figures,
    )


def _strength(plan: list[Workout], day: date) -> Cause | None:
    fortnight = day - timedelta(days=t.HEAVY_STRENGTH_NONE_DAYS)
    week = day - timedelta(days=t.HEAVY_WEEK_DAYS)
    before = [w for w in plan if fortnight <= w.day < day and w.is_training_session]
    strength_14 = sum(1 for w in before if w.kind is Kind.STRENGTH)
    strength_7 = sum(1 for w in before if w.kind is Kind.STRENGTH and w.day >= week)
    runs = sum(1 for w in before if w.kind is Kind.RUN)
    figures: dict[str, float] = {"strength_14_days": strength_14, "strength_7_days": strength_7}
    if strength_7 >= t.HEAVY_STRENGTH_MAX:
        return Cause(
            "strength",
            "Too much strength training",
            f"{_plural(strength_7, 'strength session')} in the 7 days before {format_day(day)}",
            "Two strength sessions a week are enough for runners; give the legs 48 hours "
            "between them.",
            figures,
        )
    if strength_14 == 0 and runs >= t.HEAVY_STRENGTH_MIN_RUNS:
        return Cause(
            "strength",
            "Too little strength training",
            f"No strength session in the 14 days before {format_day(day)} "
            f"(and {_plural(runs, 'run')})",
            "Two strength sessions a week (squats, lunges, squat jumps) keep running legs strong.",
            figures,
        )
    return None


def _mean_to(entries: Iterable[WeightEntry], last: date) -> float | None:
    """The weight chart's 7-day trend on ``last``: the mean weigh-in of the 7 days ending it."""
    span = timedelta(days=t.WEIGHT_SPAN_DAYS - 1)
    trend = weight_trend([e for e in entries if last - span <= e.day <= last])
    return trend[-1][1] if trend else None


def _weight(entries: list[WeightEntry], day: date, units: WeightUnits) -> Cause | None:
    earlier_day = day - timedelta(days=t.HEAVY_WEIGHT_LAG_DAYS)
    now, earlier = _mean_to(entries, day), _mean_to(entries, earlier_day)
    if now is None or earlier is None or earlier <= 0:
        return None
    line = earlier * (1 + t.HEAVY_WEIGHT_GAIN)
    if not _reaches(now, line):
        return None
    gain = now / earlier - 1
    return Cause(
        "weight",
        "Weight gain",
        f"Your weight is up {format_number(gain * 100)} % in four weeks: "
        f"{format_weight(earlier, units)} to {format_weight(now, units)} "
        f"(7-day means to {format_day(earlier_day)} and to {format_day(day)})",
        "Extra weight loads the legs on every stride; look at what changed in the last "
        "weeks, and keep protein up if you eat less.",
        {"mean_kg": now, "earlier_mean_kg": earlier, "gain_pct": gain * 100},
    )


def _fuel(plan: list[Workout], day: date, units: Units) -> Cause | None:
    first = day - timedelta(days=t.HEAVY_FUEL_DAYS)
    long = [
        w
        for w in plan
        if first <= w.day <= day
        and w.kind in (Kind.RUN, Kind.HIIT)
        and _over(session_duration_min(w), t.FUEL_LONG_MIN)
    ]
    if not long:
        return None
    longest = max(long, key=lambda w: (session_duration_min(w), w.day, w.title))
    minutes = session_duration_min(longest)
    distance = longest.effective_distance_km if longest.kind is Kind.RUN else None
    what = format_duration(minutes)
    if distance:
        what += f", {format_distance(distance, units)}"
    when = "that day" if longest.day == day else format_day(longest.day)
    return Cause(
        "fuel",
        "Long run on low fuel?",
        f"{longest.title or longest.kind.value} over an hour on {when} ({what})",
        "Eat carbohydrate the day before and in the hours before a long run, and take 30 to "
        "60 g an hour during runs over an hour.",
        {"minutes": minutes, "sessions": len(long)},
    )


def _protein(entries: list[WeightEntry], day: date, units: WeightUnits) -> Cause | None:
    before = [e for e in entries if e.day <= day]
    if not before:
        return None
    latest = max(before, key=lambda e: (e.day, e.kg))
    low, high = (latest.kg * g for g in t.HEAVY_PROTEIN_G_PER_KG)
    per_unit = units.weight_from_kg(1.0)
    decimals = 1 if units is WeightUnits.KG else 2
    rate = " to ".join(format_number(g / per_unit, decimals) for g in t.HEAVY_PROTEIN_G_PER_KG)
    adult = latest.kg * _ADULT_PROTEIN_G_PER_KG
    return Cause(
        "protein",
        "Protein",
        f"At {format_weight(latest.kg, units)} (your weigh-in of {format_day(latest.day)}), "
        f"a runner needs {format_number(low, 0)} to {format_number(high, 0)} g of protein a "
        f"day ({rate} g per {units.weight_label}), against {format_number(adult, 0)} g for an "
        "average adult",
        "Spread it over the day's meals: eggs, dairy, fish, meat, beans and lentils.",
        {"weight_kg": latest.kg, "protein_low_g": low, "protein_high_g": high},
    )
