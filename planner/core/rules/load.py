"""The rolling rules of RULES.md: hard sessions, monotony, load ratio, sustained fatigue, weight.

Each judges the 7-day window ending on each day of the range and names exactly the 7 days of
the window its message speaks of ("your 7 days to Tue 17 Nov" are Wed 11 to Tue 17 Nov).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import Final

from planner.core import thresholds as t
from planner.core.finding_text import day_text
from planner.core.formatting import format_number, format_ratio, format_weight
from planner.core.load import fitness_fatigue_series, monotony
from planner.core.model import Finding, Severity
from planner.core.rules import blocks
from planner.core.rules.base import (
    Rule,
    RuleContext,
    _above,
    _below,
    _Flag,
    _level,
    _pct,
    _rolling,
    rule,
)
from planner.core.settings import WeightUnits


@rule(
    "HARD_COUNT",
    title="Hard sessions a week",
    source="Seiler 2010 (about 80/20 easy/hard)",
    rolling=True,
    involves=blocks.hard,
)
def hard_count(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """HARD_COUNT: too many hard sessions in a 7-day window (warning).

    Too many is 4 or more, or 3 or more that are over 35 % of the window's training sessions.
    Worse is more hard sessions, then a larger share of them.
    """
    flags = []
    for d in ctx.range_days():
        sessions = [s for day in ctx.span(d, t.ROLLING_DAYS) for s in ctx.on(day)]
        hard = sum(1 for s in sessions if s.hard)
        too_many = hard >= t.HARD_COUNT_MAX
        too_large = hard >= t.HARD_COUNT_SHARE_MIN and _above(
            hard, len(sessions) * t.HARD_SHARE_MAX
        )
        if too_many or too_large:
            message = (
                f"Too many hard sessions: {hard} of {len(sessions)} in the 7 days to "
                f"{day_text(d)}. Most runners do 1 to 2 a week; make the others easy."
            )
            flags.append(_Flag(d, Severity.WARNING, hard + hard / len(sessions), message))
    return _rolling(ctx, rule, flags, t.ROLLING_DAYS)


@rule(
    "MONOTONY",
    title="Too little variety",
    source="Foster 1998; Runalyze's thresholds",
    rolling=True,
)
def monotony_rule(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """MONOTONY: mean daily load / SD of a 7-day window above 1.5 (info) or 2.0 (warning).

    Rest days count 0; the same positive load every day counts as above 2.0; a window without
    load never flags.
    """
    lines = {Severity.WARNING: t.MONOTONY_WARNING, Severity.INFO: t.MONOTONY_INFO}
    flags = []
    for d in ctx.range_days():
        value = monotony(ctx.load_span(d, t.ROLLING_DAYS))
        if value is None:
            continue
        severity = _level(value, lines.items())  # infinite: above every line
        if severity is None:
            continue
        if math.isinf(value):
            what = f"every day of the 7 days to {day_text(d)} carries the same load"
        else:
            shown = format_ratio(value, above=lines[severity])
            what = f"monotony {shown} in the 7 days to {day_text(d)}"
        message = f"Your days are too alike ({what}): mix easy, hard and rest days."
        flags.append(_Flag(d, severity, value, message))
    return _rolling(ctx, rule, flags, t.ROLLING_DAYS)


def _history_days(ctx: RuleContext) -> int:
    """Days of history before the range, from the first training session in the look-back."""
    if ctx.history_start is None or ctx.history_start >= ctx.start:
        return 0
    return (ctx.start - ctx.history_start).days


#: LOAD_RATIO's lines and advice, worst first: a warning asks for an easier day; an info only
#: asks the runner to watch it.
_RATIO_LEVELS: Final[Mapping[Severity, tuple[float, str]]] = MappingProxyType(
    {
        Severity.WARNING: (t.LOAD_RATIO_WARNING, "consider an easier day"),
        Severity.INFO: (t.LOAD_RATIO_INFO, "keep an eye on it"),
    }
)


@rule(
    "LOAD_RATIO",
    title="Last week against your usual load",
    source="Gabbett 2016; contested by Impellizzeri 2020, so it only informs or warns",
    rolling=True,
)
def load_ratio(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """LOAD_RATIO: the last 7 days' load against the 28-day weekly average (Gabbett 2016).

    Above 1.3 is an info, above 1.5 a warning; silent until the history before the range is
    28 days long.
    """
    if _history_days(ctx) < t.LOAD_RATIO_MIN_HISTORY_DAYS:
        return []
    weeks = t.CHRONIC_DAYS / t.ACUTE_DAYS
    flags = []
    for d in ctx.range_days():
        acute = ctx.load_total(d, t.ACUTE_DAYS)
        chronic = ctx.load_total(d, t.CHRONIC_DAYS) / weeks
        if chronic <= 0:
            continue
        severity = _level(acute, ((s, chronic * line) for s, (line, _) in _RATIO_LEVELS.items()))
        if severity is None:
            continue
        line, advice = _RATIO_LEVELS[severity]
        ratio = acute / chronic
        message = (
            f"Your 7 days to {day_text(d)} carry {format_ratio(ratio, above=line)} "
            f"times your usual weekly load: {advice}."
        )
        flags.append(_Flag(d, severity, ratio, message))
    return _rolling(ctx, rule, flags, t.ACUTE_DAYS)


@rule(
    "FATIGUE_SUSTAINED",
    title="Fatigue carried for a week",
    source="Banister model; Friel's form zones",
    rolling=True,
)
def fatigue_sustained(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """FATIGUE_SUSTAINED: high fatigue carried for a week (warning).

    Form, (CTL - ATL) / CTL, is below -30 % on each of 7 consecutive days ending in the range
    (earlier days count). Silent until the history before the range is 42 days long.
    """
    if ctx.history_start is None or _history_days(ctx) < t.FATIGUE_MIN_HISTORY_DAYS:
        return []
    first = ctx.start - timedelta(days=t.FATIGUE_DAYS - 1)
    since = (ctx.history_start - ctx.horizon).days
    series = fitness_fatigue_series(ctx.daily[since:], ctx.history_start, first, ctx.end)
    form = {p.day: p.form for p in series}
    low = {d: f is not None and _below(f, t.FATIGUE_FORM_MAX) for d, f in form.items()}
    flags = []
    for d in ctx.range_days():
        span = ctx.span(d, t.FATIGUE_DAYS)
        if all(low[day] for day in span):
            lowest = -min(form[day] or 0.0 for day in span)
            message = (
                f"You have carried high fatigue for a week (form down to -{_pct(lowest)} "
                f"in the 7 days to {day_text(d)}): plan a lighter few days."
            )
            flags.append(_Flag(d, Severity.WARNING, lowest, message))
    return _rolling(ctx, rule, flags, t.FATIGUE_DAYS)


# -- body weight ---------------------------------------------------------------------------


def _mean_weight(ctx: RuleContext, last: date) -> float | None:
    found = [kg for d in ctx.span(last, t.WEIGHT_SPAN_DAYS) for kg in ctx.weights.get(d, ())]
    return math.fsum(found) / len(found) if found else None


@rule(
    "WEIGHT_DROP",
    title="Weight dropping under load",
    source="guidance (protein 1.4 to 1.7 g/kg for runners); Meeusen 2013",
    rolling=True,
)
def weight_drop(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """WEIGHT_DROP: weight dropping while training is not easing off (info).

    For a day of the range: the mean weigh-in of the 7 days ending it is at or below 97 % of
    that of the 7 days ending 28 days earlier (each span needs a weigh-in), and the load of the
    7 days ending it is at least that of the 7 days ending 28 days earlier.
    """
    units = ctx.settings.weight_units
    per_unit = units.weight_from_kg(1.0)  # body-weight units in a kilogram
    low, high = (g / per_unit for g in t.PROTEIN_G_PER_KG)
    decimals = 1 if units is WeightUnits.KG else 2
    protein = (
        f"{format_number(low, decimals)} to {format_number(high, decimals)} g per "
        f"{units.weight_label} of body weight a day"
    )
    flags = []
    lag = timedelta(days=t.WEIGHT_LAG_DAYS)
    for d in ctx.range_days():
        now, before = _mean_weight(ctx, d), _mean_weight(ctx, d - lag)
        if now is None or before is None or _above(now, before * t.WEIGHT_DROP_RATIO):
            continue
        load_now = ctx.load_total(d, t.WEIGHT_SPAN_DAYS)
        load_before = ctx.load_total(d - lag, t.WEIGHT_SPAN_DAYS)
        if _below(load_now, load_before):
            continue
        drop = 1 - now / before
        message = (
            f"Your weight is down {_pct(drop)} in four weeks "
            f"({format_weight(before, units)} → {format_weight(now, units)}, 7-day means to "
            f"{day_text(d)}) while your training is not easing off: eat enough "
            f"(protein {protein})."
        )
        flags.append(_Flag(d, Severity.INFO, drop, message))
    return _rolling(ctx, rule, flags, t.WEIGHT_SPAN_DAYS)
