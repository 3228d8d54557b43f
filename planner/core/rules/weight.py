"""WEIGHT_DROP (RULES.md): body weight dropping while training is not easing off."""

from __future__ import annotations

import math
from datetime import date, timedelta

from planner.core import thresholds as t
from planner.core.formatting import format_number, format_weight
from planner.core.model import Finding, Severity
from planner.core.rules.base import (
    Rule,
    RuleContext,
    _above,
    _below,
    _day,
    _Flag,
    _pct,
    _rolling,
    rule,
)
from planner.core.settings import WeightUnits


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
    flags = []
    means: dict[date, tuple[float, float]] = {}
    lag = timedelta(days=t.WEIGHT_LAG_DAYS)
    for d in ctx.range_days():
        now, before = _mean_weight(ctx, d), _mean_weight(ctx, d - lag)
        if now is None or before is None or _above(now, before * t.WEIGHT_DROP_RATIO):
            continue
        load_now = ctx.load_total(d, t.WEIGHT_SPAN_DAYS)
        load_before = ctx.load_total(d - lag, t.WEIGHT_SPAN_DAYS)
        if _below(load_now, load_before):
            continue
        means[d] = (before, now)
        flags.append(_Flag(d, Severity.INFO, 1 - now / before))

    def say(flag: _Flag) -> str:
        before, now = means[flag.last]
        units = ctx.settings.weight_units
        per_unit = units.weight_from_kg(1.0)  # body-weight units in a kilogram
        low, high = (g / per_unit for g in t.PROTEIN_G_PER_KG)
        decimals = 1 if units is WeightUnits.KG else 2
        protein = (
            f"{format_number(low, decimals)} to {format_number(high, decimals)} g per "
            f"{units.weight_label} of body weight a day"
        )
        return (
            f"Your weight is down {_pct(flag.badness)} in four weeks "
            f"({format_weight(before, units)} → {format_weight(now, units)}, 7-day means to "
            f"{_day(flag.last)}) while your training is not easing off: eat enough "
            f"(protein {protein})."
        )

    return _rolling(ctx, rule, flags, t.WEIGHT_SPAN_DAYS, say)
