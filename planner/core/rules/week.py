"""The week rules of RULES.md: each calendar week's rest days, strength sessions, runs and distance.

A week rule names the seven days of its week, so moving a workout within a week leaves it
unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, timedelta

from planner.core import thresholds as t
from planner.core.finding_text import day_text
from planner.core.formatting import format_distance
from planner.core.model import Finding, Kind, Severity
from planner.core.rules import blocks
from planner.core.rules.base import (
    _NUMBER_WORDS,
    Rule,
    RuleContext,
    _above,
    _below,
    _level,
    _pct,
    _plural,
    _Session,
    _week,
    rule,
)


def _week_days(first: date) -> list[date]:
    return [first + timedelta(days=i) for i in range(t.DAYS_PER_WEEK)]


def _week_sessions(ctx: RuleContext, first: date) -> list[_Session]:
    return [s for d in _week_days(first) for s in ctx.on(d)]


#: What a week rule says of a week: the severity and message of its finding, or nothing.
_Verdict = tuple[Severity, str] | None


def _each_week(ctx: RuleContext, rule: Rule, judge: Callable[[date], _Verdict]) -> list[Finding]:
    """A finding for each week of the range that ``judge`` (given its first day) flags.

    The finding names the seven days of its week.
    """
    findings = []
    for first in ctx.weeks():
        verdict = judge(first)
        if verdict is not None:
            severity, message = verdict
            findings.append(rule.finding(severity, _week_days(first), message))
    return findings


@rule(
    "REST_WEEK",
    title="Rest days this week",
    source="guidance: 1 to 2 rest days a week; Meeusen 2013 consensus",
    settings=("rest-days-per-week",),
)
def rest_week(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """REST_WEEK: a week without a rest day (warning), or with fewer than the runner's target.

    With the default target of two rest days, six training days are an info; with a target of
    one, only seven are flagged.
    """
    target = ctx.settings.rest_days_per_week

    def judge(first: date) -> _Verdict:
        rest_days = sum(1 for d in _week_days(first) if not ctx.on(d))
        if rest_days >= target:
            return None
        if rest_days == 0:
            ideally = ", ideally two" if target >= 2 else ""
            return Severity.WARNING, f"No rest day in {_week(first)}: plan at least one{ideally}."
        return Severity.INFO, (
            f"Only {_plural(rest_days, 'rest day')} in {_week(first)}: "
            f"consider {'a second' if rest_days == 1 else 'another'}."
        )

    return _each_week(ctx, rule, judge)


@rule(
    "STRENGTH_COUNT",
    title="Strength sessions a week",
    source="guidance; ACSM 2009",
    settings=("strength-per-week",),
    involves=blocks.of_kind(Kind.STRENGTH),
)
def strength_count(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """STRENGTH_COUNT: more strength sessions in a week than the runner's target (2)."""
    target = ctx.settings.strength_per_week
    levels = (
        (Severity.WARNING, target + t.STRENGTH_OVER_WARNING),
        (Severity.INFO, target + t.STRENGTH_OVER_INFO),
    )

    def judge(first: date) -> _Verdict:
        count = sum(1 for s in _week_sessions(ctx, first) if s.kind is Kind.STRENGTH)
        severity = _level(count, levels, at=True)
        if severity is None:
            return None
        return severity, (
            f"{count} strength sessions in {_week(first)}: "
            f"{_plural(target, 'strength session')} a week is enough for runners."
        )

    return _each_week(ctx, rule, judge)


@rule(
    "STRENGTH_LOW",
    title="Weeks without strength",
    source=(
        "the running-legs guide (two strength sessions a week); Lauersen et al. 2014 "
        "(strength training cut sports injuries to less than a third)"
    ),
    settings=("strength-per-week",),
)
def strength_low(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """STRENGTH_LOW: two weeks in a row without a strength session, while running (info).

    A week of 2 runs or more with no strength session, when the week before had training
    and no strength session either. Silent for a week before with no training at all (a
    runner's first week, a week off): that is no habit of leaving strength out. The message
    gives the runner's weekly strength target (two by default).
    """
    target = ctx.settings.strength_per_week
    count = _NUMBER_WORDS.get(target, str(target))
    verb = "keeps" if target == 1 else "keep"
    weeks = _NUMBER_WORDS[t.STRENGTH_LOW_WEEKS]
    earlier_weeks = t.STRENGTH_LOW_WEEKS - 1
    before = (
        "the week before"
        if earlier_weeks == 1
        else f"the {_NUMBER_WORDS[earlier_weeks]} weeks before"
    )

    def judge(first: date) -> _Verdict:
        sessions = _week_sessions(ctx, first)
        if sum(1 for s in sessions if s.kind is Kind.RUN) < t.STRENGTH_LOW_MIN_RUNS:
            return None
        earlier = [
            _week_sessions(ctx, first - timedelta(weeks=i)) for i in range(1, t.STRENGTH_LOW_WEEKS)
        ]
        if not all(earlier) or any(
            s.kind is Kind.STRENGTH for week in (sessions, *earlier) for s in week
        ):
            return None
        return Severity.INFO, (
            f"No strength session for {weeks} weeks ({_week(first)} and {before}): {count} a "
            f"week {verb} running legs strong and less injury-prone (squats, lunges, squat jumps)."
        )

    return _each_week(ctx, rule, judge)


@rule(
    "RUN_COUNT",
    title="Runs a week",
    source="guidance",
    settings=("min-runs-per-week", "max-runs-per-week"),
)
def run_count(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """RUN_COUNT: too few runs in a week that has training, or too many (info)."""
    low, high = ctx.settings.min_runs_per_week, ctx.settings.max_runs_per_week
    aim = f"{low} to {high}" if low < high else f"{low}"

    def judge(first: date) -> _Verdict:
        sessions = _week_sessions(ctx, first)
        runs = sum(1 for s in sessions if s.kind is Kind.RUN)
        if sessions and runs < low:
            some = f"Only {_plural(runs, 'run')}" if runs else "No run"
            return Severity.INFO, f"{some} in {_week(first)}: aim for {aim} runs a week."
        if runs > high:
            return Severity.INFO, (
                f"{runs} runs in {_week(first)}: aim for {aim} runs a week "
                "and make the other days easy or rest."
            )
        return None

    return _each_week(ctx, rule, judge)


def _run_km(ctx: RuleContext, first: date) -> float:
    """The week's run distance as the ramp counts it: races left out."""
    return math.fsum(s.training_km or 0.0 for s in _week_sessions(ctx, first))


@rule(
    "WEEK_RAMP",
    title="Weekly distance increase",
    source=(
        "guidance: increase mileage gradually; Nielsen 2014 (> 30 % raises "
        "distance-related injuries); Buist 2008 (10 % line itself unproven)"
    ),
    settings=("ramp-limit",),
)
def week_ramp(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """WEEK_RAMP: a week's run distance far above the week before's.

    Info above the runner's limit (10 % by default), warning above 30 %; no ramp is computed
    when the week before ran under 5 km. A race's distance counts in neither week.
    """
    lines = (
        (Severity.WARNING, t.WEEK_RAMP_WARNING_PCT),
        (Severity.INFO, ctx.settings.ramp_limit_pct),
    )

    def judge(first: date) -> _Verdict:
        last = _run_km(ctx, first - timedelta(weeks=1))
        if _below(last, t.WEEK_RAMP_MIN_LAST_KM):
            return None
        this = _run_km(ctx, first)
        severity = _level(this, ((s, last * (1 + pct / 100)) for s, pct in lines))
        if severity is None:
            return None
        return severity, (
            f"Running distance in {_week(first)} is up {_pct((this - last) / last)} on the week "
            f"before: {format_distance(last, ctx.units)} → {format_distance(this, ctx.units)}. "
            "Build up gradually."
        )

    return _each_week(ctx, rule, judge)


@rule(
    "LONG_SHARE",
    title="Long run's share of the week",
    source=(
        "coaching practice: published plans keep the long run at about 25 to 35 % of the "
        "week (Daniels 25 %, Pfitzinger about 30 to 35 %)"
    ),
    involves=blocks.longest_run,
)
def long_share(ctx: RuleContext, rule: Rule) -> list[Finding]:
    """LONG_SHARE: in a week of 4 runs or more, a longest run over 35 % of the distance (info).

    Races are left out: neither counted among the runs nor the long run.
    """

    def judge(first: date) -> _Verdict:
        runs = [s for s in _week_sessions(ctx, first) if s.kind is Kind.RUN and not s.race]
        if len(runs) < t.LONG_SHARE_MIN_RUNS:
            return None
        total = math.fsum(s.km or 0.0 for s in runs)
        longest = max(runs, key=lambda s: (s.km or 0.0, s.day))
        km = longest.km or 0.0
        if total <= 0 or not _above(km, total * t.LONG_SHARE_MAX):
            return None
        return Severity.INFO, (
            f"Your long run ({day_text(longest.day)}, {format_distance(km, ctx.units)}) is "
            f"{_pct(km / total)} of the {format_distance(total, ctx.units)} you run in "
            f"{_week(first)}: keep it under about a third."
        )

    return _each_week(ctx, rule, judge)
