"""The rules about days, pairs of days, streaks and single sessions (RULES.md).

A pair rule names its one or two days; a streak (REST_STREAK, HARD_BACK_TO_BACK) names all
its days, followed across weeks from the history on and on past the range's end; a session
rule (RUN_SPIKE, FUEL_LONG) names the session's day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from planner.core import thresholds as t
from planner.core.finding_text import day_text
from planner.core.formatting import format_distance, format_duration, format_number
from planner.core.model import Finding, Kind, Severity
from planner.core.rules import blocks
from planner.core.rules.base import (
    _ONE_DAY,
    Rule,
    RuleContext,
    _above,
    _below,
    _days_between,
    _level,
    _pct,
    rule,
)

# -- pairs and streaks ---------------------------------------------------------------------


def _count(ctx: RuleContext, day: date, kind: Kind) -> int:
    return sum(1 for s in ctx.on(day) if s.kind is kind)


def _pair_days(ctx: RuleContext) -> list[date]:
    """Each day ``d`` such that the pair ``(d, d+1)`` has a day in the range."""
    return [ctx.start - _ONE_DAY, *ctx.range_days()]


def _streaks(ctx: RuleContext, holds: Callable[[date], bool]) -> list[tuple[date, date]]:
    """The first and last day of each unbroken run of days that ``holds``, with a day in range.

    A run is followed back to the look-back's first day and on to the look-ahead's last, so
    it is whole whichever of its weeks is evaluated.
    """
    runs = []
    day = ctx.start
    while day <= ctx.end:
        if not holds(day):
            day += _ONE_DAY
            continue
        first = day
        while first - _ONE_DAY >= ctx.horizon and holds(first - _ONE_DAY):
            first -= _ONE_DAY
        last = day
        while last + _ONE_DAY <= ctx.lookahead and holds(last + _ONE_DAY):
            last += _ONE_DAY
        runs.append((first, last))
        day = last + _ONE_DAY
    return runs


def _through(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last``."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@rule(
    "REST_STREAK",
    title="Training days in a row",
    source="Meeusen 2013; Foster 1998",
)
def rest_streak(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """REST_STREAK: 7 or more training days in a row (warning), 14 or more (critical).

    Each streak with a day in the range is one finding, counted across week boundaries from
    the history on and on past the range's end.
    """
    levels = (
        (Severity.CRITICAL, t.REST_STREAK_CRITICAL_DAYS),
        (Severity.WARNING, t.REST_STREAK_WARNING_DAYS),
    )
    findings = []
    for first, last in _streaks(ctx, lambda day: bool(ctx.on(day))):
        length = (last - first).days + 1
        severity = _level(length, levels, at=True)
        if severity is not None:
            message = (
                f"{length} training days in a row ({day_text(first)} to {day_text(last)}): "
                "add a rest day."
            )
            findings.append(rule.finding(severity, _through(first, last), message))
    return findings


def _gaps(
    ctx: RuleContext, rule: Rule, kind: Kind, same_day: Severity, pair: str, crowd: str
) -> list[Finding]:
    """The findings of a gap rule: sessions of ``kind`` too close together.

    A warning for each pair of consecutive days with ``kind`` on both (``pair``, with
    ``{first}`` and ``{second}`` to fill), then a ``same_day`` finding for each range day with
    two or more of it (``crowd``, with ``{count}`` and ``{first}``); ``{hours}`` is the
    recovery time.
    """
    hours = t.RECOVERY_HOURS
    findings = [
        rule.finding(
            Severity.WARNING,
            (d, d + _ONE_DAY),
            pair.format(first=day_text(d), second=day_text(d + _ONE_DAY), hours=hours),
        )
        for d in _pair_days(ctx)
        if _count(ctx, d, kind) and _count(ctx, d + _ONE_DAY, kind)
    ]
    for d in ctx.range_days():
        if (count := _count(ctx, d, kind)) >= 2:
            message = crowd.format(count=count, first=day_text(d), hours=hours)
            findings.append(rule.finding(same_day, (d,), message))
    return findings


@rule(
    "HIIT_GAP",
    title="Time between HIIT sessions",
    source="guidance: not every day; Stanley et al. 2013 (HRV recovery > 48 h after HIIT)",
    involves=blocks.of_kind(Kind.HIIT),
)
def hiit_gap(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """HIIT_GAP: HIIT on consecutive days (warning) or twice on one day (critical)."""
    return _gaps(
        ctx,
        rule,
        Kind.HIIT,
        Severity.CRITICAL,
        pair=(
            "HIIT on {first} and again on {second}: HIIT needs about {hours} h between "
            "sessions. Move one of them."
        ),
        crowd=(
            "{count} HIIT sessions on {first}: HIIT needs about {hours} h between sessions. "
            "Keep one and move the others."
        ),
    )


@rule(
    "STRENGTH_GAP",
    title="Time between strength sessions",
    source="guidance: not every day; ACSM 2009",
    involves=blocks.of_kind(Kind.STRENGTH),
)
def strength_gap(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """STRENGTH_GAP: strength sessions on consecutive days or on the same day (warning)."""
    return _gaps(
        ctx,
        rule,
        Kind.STRENGTH,
        Severity.WARNING,
        pair=(
            "Strength on {first} and again on {second}: give muscles about {hours} h "
            "between strength sessions."
        ),
        crowd=(
            "{count} strength sessions on {first}: give muscles about {hours} h between "
            "strength sessions."
        ),
    )


@rule(
    "HARD_BACK_TO_BACK",
    title="Hard days back to back",
    source="hard/easy principle; Stanley 2013",
    involves=blocks.hard,
)
def hard_back_to_back(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """HARD_BACK_TO_BACK: two or more consecutive days that each hold a hard session (warning).

    One finding per unbroken run of hard days, naming all of them, followed across weeks like
    a streak. A run of exactly two days that HIIT_GAP or STRENGTH_GAP already reports (HIIT,
    or strength, on both days) is left to that rule, as long as it is switched on.
    """
    hiit_on = ctx.settings.enabled("HIIT_GAP")
    strength_on = ctx.settings.enabled("STRENGTH_GAP")
    findings = []
    for first, last in _streaks(ctx, lambda day: any(s.hard for s in ctx.on(day))):
        length = (last - first).days + 1
        if length < t.HARD_BACK_TO_BACK_DAYS:
            continue
        if length == 2 and any(  # a pair of days, as those rules see them
            on and _count(ctx, first, kind) and _count(ctx, last, kind)
            for kind, on in ((Kind.HIIT, hiit_on), (Kind.STRENGTH, strength_on))
        ):
            continue
        message = (
            f"{length} hard days in a row ({_days_between(first, last)}): follow a hard day "
            "with an easy day or rest."
        )
        findings.append(rule.finding(Severity.WARNING, _through(first, last), message))
    return findings


@rule(
    "HEAVY_LEGS",
    title="Rest after heavy legs",
    source="guidance: rest day after a workout that leaves legs heavy",
    involves=blocks.heavy_legs,
)
def heavy_legs(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """HEAVY_LEGS: training the day after a done session that left heavy legs.

    A warning; critical when a session on the next day is hard.
    """
    findings = []
    for d in _pair_days(ctx):
        after = d + _ONE_DAY
        if not any(s.heavy_legs for s in ctx.on(d)) or not ctx.on(after):
            continue
        if any(s.hard for s in ctx.on(after)):
            severity = Severity.CRITICAL
            message = (
                f"Your legs felt heavy on {day_text(d)} and {day_text(after)} has a hard session: "
                f"make {day_text(after)} a rest day."
            )
        else:
            severity = Severity.WARNING
            message = f"Your legs felt heavy on {day_text(d)}: make {day_text(after)} a rest day."
        findings.append(rule.finding(severity, (d, after), message))
    return findings


# -- single sessions -----------------------------------------------------------------------


@rule(
    "RUN_SPIKE",
    title="Sudden longer run",
    source="Frandsen et al. 2025 (single-session spikes raise overuse injury)",
    involves=blocks.longest_run_each_day,
)
def run_spike(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """RUN_SPIKE: a run much longer than the longest in the 30 days before it.

    Over 10 % longer is a warning, over 100 % longer critical.
    Runs under 3 km are never flagged (they still count as earlier runs), nor is a run with no
    run in the 30 days before it. Runs without a distance, and races, neither count nor are
    flagged (a race is the goal, not a training step: RULES.md). The
    30 days before a run are the 30 calendar days before its day. One finding per day, for
    that day's longest run.
    """
    levels = (
        (Severity.CRITICAL, t.RUN_SPIKE_CRITICAL_PCT),
        (Severity.WARNING, t.RUN_SPIKE_WARNING_PCT),
    )
    findings = []
    for d in ctx.range_days():
        todays = [s.training_km for s in ctx.on(d) if s.training_km is not None]
        if not todays:
            continue
        km = max(todays)
        if _below(km, t.RUN_SPIKE_MIN_KM):
            continue
        earlier = [
            s.training_km
            for i in range(1, t.RUN_SPIKE_LOOKBACK_DAYS + 1)
            for s in ctx.on(d - timedelta(days=i))
            if s.training_km is not None
        ]
        if not earlier:
            continue
        longest = max(earlier)
        severity = _level(km, ((s, longest * (1 + pct / 100)) for s, pct in levels))
        if severity is None:
            continue
        more = _pct((km - longest) / longest) if longest > 0 else "far"
        message = (
            f"Your {format_distance(km, ctx.units)} run on {day_text(d)} is {more} longer than "
            f"your longest in the 30 days before it ({format_distance(longest, ctx.units)}): "
            f"grow it about {format_number(t.RUN_SPIKE_WARNING_PCT)} % at a time."
        )
        findings.append(rule.finding(severity, (d,), message))
    return findings


@rule(
    "FUEL_LONG",
    title="Fuel for long sessions",
    source="guidance; ACSM/AND/DC 2016",
    involves=blocks.long_sessions,
)
def fuel_long(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """FUEL_LONG: a run or HIIT session lasting over an hour (info), one finding per day."""
    low, high = t.FUEL_CARB_G_PER_H
    findings = []
    for d in ctx.range_days():
        long_ones = [
            s
            for s in ctx.on(d)
            if s.kind in (Kind.RUN, Kind.HIIT) and _above(s.minutes, t.FUEL_LONG_MIN)
        ]
        if not long_ones:
            continue
        longest = max(long_ones, key=lambda s: (s.minutes, s.title))
        message = (
            f"{longest.title} on {day_text(d)} lasts {format_duration(longest.minutes)}: over an "
            f"hour, take carbohydrate ({low} to {high} g/h) and fluids with electrolytes."
        )
        findings.append(rule.finding(Severity.INFO, (d,), message))
    return findings
