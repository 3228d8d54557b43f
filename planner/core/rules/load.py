"""The load rules of RULES.md: hard sessions, monotony, load ratio and sustained fatigue.

Each judges the 7-day window ending on each day of the range and names exactly the 7 days of
the window its message speaks of ("your 7 days to Tue 17 Nov" are Wed 11 to Tue 17 Nov).
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from planner.core import thresholds as t
from planner.core.formatting import format_ratio
from planner.core.load import fitness_fatigue_series, monotony
from planner.core.model import Finding, Severity
from planner.core.rules import blocks
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
    counts: dict[date, tuple[int, int]] = {}
    for d in ctx.range_days():
        sessions = [s for day in ctx.span(d, t.ROLLING_DAYS) for s in ctx.on(day)]
        hard = sum(1 for s in sessions if s.hard)
        too_many = hard >= t.HARD_COUNT_MAX
        too_large = hard >= t.HARD_COUNT_SHARE_MIN and _above(
            hard, len(sessions) * t.HARD_SHARE_MAX
        )
        if too_many or too_large:
            counts[d] = (hard, len(sessions))
            flags.append(_Flag(d, Severity.WARNING, hard + hard / len(sessions)))

    def say(flag: _Flag) -> str:
        hard, total = counts[flag.last]
        return (
            f"Too many hard sessions: {hard} of {total} in the 7 days to {_day(flag.last)}. "
            "Most runners do 1 to 2 a week; make the others easy."
        )

    return _rolling(ctx, rule, flags, t.ROLLING_DAYS, say)


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
    flags = []
    for d in ctx.range_days():
        value = monotony(ctx.load_span(d, t.ROLLING_DAYS))
        if value is None:
            continue
        if math.isinf(value) or _above(value, t.MONOTONY_WARNING):
            flags.append(_Flag(d, Severity.WARNING, value))
        elif _above(value, t.MONOTONY_INFO):
            flags.append(_Flag(d, Severity.INFO, value))

    def say(flag: _Flag) -> str:
        if math.isinf(flag.badness):
            what = f"every day of the 7 days to {_day(flag.last)} carries the same load"
        else:
            line = t.MONOTONY_WARNING if flag.severity is Severity.WARNING else t.MONOTONY_INFO
            value = format_ratio(flag.badness, above=line)
            what = f"monotony {value} in the 7 days to {_day(flag.last)}"
        return f"Your days are too alike ({what}): mix easy, hard and rest days."

    return _rolling(ctx, rule, flags, t.ROLLING_DAYS, say)


def _history_days(ctx: RuleContext) -> int:
    """Days of history before the range, from the first training session in the look-back."""
    if ctx.history_start is None or ctx.history_start >= ctx.start:
        return 0
    return (ctx.start - ctx.history_start).days


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
        if _above(acute, chronic * t.LOAD_RATIO_WARNING):
            flags.append(_Flag(d, Severity.WARNING, acute / chronic))
        elif _above(acute, chronic * t.LOAD_RATIO_INFO):
            flags.append(_Flag(d, Severity.INFO, acute / chronic))

    def say(flag: _Flag) -> str:
        # A warning asks for an easier day; an info only asks the runner to watch it.
        if flag.severity is Severity.WARNING:
            line, advice = t.LOAD_RATIO_WARNING, "consider an easier day"
        else:
            line, advice = t.LOAD_RATIO_INFO, "keep an eye on it"
        return (
            f"Your 7 days to {_day(flag.last)} carry {format_ratio(flag.badness, above=line)} "
            f"times your usual weekly load: {advice}."
        )

    return _rolling(ctx, rule, flags, t.ACUTE_DAYS, say)


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
            flags.append(_Flag(d, Severity.WARNING, -min(form[day] or 0.0 for day in span)))

    def say(flag: _Flag) -> str:
        return (
            f"You have carried high fatigue for a week (form down to -{_pct(flag.badness)} "
            f"in the 7 days to {_day(flag.last)}): plan a lighter few days."
        )

    return _rolling(ctx, rule, flags, t.FATIGUE_DAYS, say)
