"""The warning rules of RULES.md: one small pure function each, and :func:`evaluate`.

:func:`evaluate` prepares what the rules read once (the training sessions by day, the daily
loads, the weigh-ins), runs every rule the runner left switched on, and returns the findings
that have a day in the evaluated range, most severe first.

What the rules read, and nothing else:

* from ``start`` minus 90 days (:data:`~planner.core.thresholds.LOOKBACK_DAYS`) to ``end``:
  the history; anything earlier is ignored even when passed in, and a runner's history
  starts at their first training session in that span;
* after ``end``, up to 90 days (:data:`~planner.core.thresholds.LOOKAHEAD_DAYS`): only what
  completes a finding that reaches across ``end``, so a finding is the same whichever of its
  weeks is evaluated. A pair of days (HIIT on Sunday and Monday), a streak of training days
  running on past ``end``, and the rest of a calendar week that ends after ``end``.

How findings map onto days (what the UI highlights, and what decides that a finding is in the
range): a week rule (REST_WEEK, STRENGTH_COUNT, STRENGTH_LOW, RUN_COUNT, WEEK_RAMP,
LONG_SHARE) names the seven days of its week, so moving a workout within a week leaves it
unchanged; a pair rule names its one or two days; a streak (REST_STREAK, HARD_BACK_TO_BACK)
names all its days; a session rule (RUN_SPIKE, FUEL_LONG)
names the session's day; a rolling rule (HARD_COUNT, MONOTONY, LOAD_RATIO, FATIGUE_SUSTAINED,
WEIGHT_DROP) judges the 7-day window ending on each day of the range and names exactly the 7
days of the window its message speaks of ("your 7 days to Tue 17 Nov" are Wed 11 to Tue 17
Nov). Where windows ending on consecutive days flag, that is one problem and one finding: the
worst window of them (most severe, then worst figure, then earliest).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Final, NamedTuple

from planner.core import thresholds as t
from planner.core.formatting import (
    format_distance,
    format_duration,
    format_number,
    format_ratio,
)
from planner.core.load import (
    fitness_fatigue_series,
    is_hard_effort,
    monotony,
    session_duration_min,
    session_effort,
)
from planner.core.model import Finding, Kind, Severity, WeightEntry, Workout
from planner.core.settings import RuleSettings, Units, WeightUnits
from planner.core.weeks import DAY_NAMES, MONDAY, week_start

__all__ = [
    "RULES",
    "RULE_SOURCES",
    "RULE_TITLES",
    "RuleContext",
    "build_context",
    "diff_findings",
    "evaluate",
    "history_span",
]

#: Short names of the rules for people: the Preferences switches and the panel's tooltips.
RULE_TITLES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "REST_WEEK": "Rest days this week",
        "REST_STREAK": "Training days in a row",
        "HIIT_GAP": "Time between HIIT sessions",
        "STRENGTH_GAP": "Time between strength sessions",
        "STRENGTH_COUNT": "Strength sessions a week",
        "STRENGTH_LOW": "Weeks without strength",
        "HARD_BACK_TO_BACK": "Hard days back to back",
        "HARD_COUNT": "Hard sessions a week",
        "HEAVY_LEGS": "Rest after heavy legs",
        "RUN_COUNT": "Runs a week",
        "WEEK_RAMP": "Weekly distance increase",
        "RUN_SPIKE": "Sudden longer run",
        "LONG_SHARE": "Long run's share of the week",
        "MONOTONY": "Too little variety",
        "LOAD_RATIO": "Last week against your usual load",
        "FATIGUE_SUSTAINED": "Fatigue carried for a week",
        "FUEL_LONG": "Fuel for long sessions",
        "WEIGHT_DROP": "Weight dropping under load",
    }
)

#: Where each rule's thresholds come from (RULES.md's source column).
RULE_SOURCES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "REST_WEEK": "guidance: 1 to 2 rest days a week; Meeusen 2013 consensus",
        "REST_STREAK": "Meeusen 2013; Foster 1998",
        "HIIT_GAP": (
            "guidance: not every day; Stanley et al. 2013 (HRV recovery > 48 h after HIIT)"
        ),
        "STRENGTH_GAP": "guidance: not every day; ACSM 2009",
        "STRENGTH_COUNT": "guidance; ACSM 2009",
        "STRENGTH_LOW": (
            "the running-legs guide (two strength sessions a week); Lauersen et al. 2014 "
            "(strength training cut sports injuries to less than a third)"
        ),
        "HARD_BACK_TO_BACK": "hard/easy principle; Stanley 2013",
        "HARD_COUNT": "Seiler 2010 (about 80/20 easy/hard)",
        "HEAVY_LEGS": "guidance: rest day after a workout that leaves legs heavy",
        "RUN_COUNT": "guidance",
        "WEEK_RAMP": (
            "guidance: increase mileage gradually; Nielsen 2014 (> 30 % raises "
            "distance-related injuries); Buist 2008 (10 % line itself unproven)"
        ),
        "RUN_SPIKE": "Frandsen et al. 2025 (single-session spikes raise overuse injury)",
        "LONG_SHARE": (
            "coaching practice: published plans keep the long run at about 25 to 35 % of the "
            "week (Daniels 25 %, Pfitzinger about 30 to 35 %)"
        ),
        "MONOTONY": "Foster 1998; Runalyze's thresholds",
        "LOAD_RATIO": "Gabbett 2016; contested by Impellizzeri 2020, so it only informs or warns",
        "FATIGUE_SUSTAINED": "Banister model; Friel's form zones",
        "FUEL_LONG": "guidance; ACSM/AND/DC 2016",
        "WEIGHT_DROP": "guidance (protein 1.4 to 1.7 g/kg for runners); Meeusen 2013",
    }
)

_ONE_DAY = timedelta(days=1)
_DEFAULT_SETTINGS: Final = RuleSettings()
#: Small counts as words, for messages ("two a week").
_NUMBER_WORDS: Final[Mapping[int, str]] = MappingProxyType(
    {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
)
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# -- what the rules read -------------------------------------------------------------------


class _Session(NamedTuple):
    """A training session with the values the rules need, worked out once."""

    day: date
    kind: Kind
    title: str
    minutes: float
    load: float
    km: float | None  # effective distance of a run with a distance; None otherwise
    hard: bool
    heavy_legs: bool  # done, and the runner reported heavy legs after it


@dataclass(frozen=True, slots=True)
class RuleContext:
    """Everything the rules read for one evaluation, prepared by :func:`build_context`.

    Attributes:
        start: the first day of the evaluated range.
        end: the last day of the evaluated range.
        horizon: the first day read (``start`` minus 90 days).
        lookahead: the last day read (``end`` plus 90 days).
        first_weekday: the first day of a calendar week (Monday 0 .. Sunday 6).
        settings: the runner's rule settings.
        sessions: training sessions by day, ``horizon`` to ``lookahead``.
        daily: the load of every day from ``horizon`` to ``end`` (0 for rest days), index 0
            being ``horizon``.
        weights: weigh-ins (kg) by day, ``horizon`` to ``end``.
        history_start: the day of the first training session from ``horizon`` to ``end``.
    """

    start: date
    end: date
    horizon: date
    lookahead: date
    first_weekday: int
    settings: RuleSettings
    sessions: Mapping[date, tuple[_Session, ...]]
    daily: Sequence[float]
    weights: Mapping[date, tuple[float, ...]]
    history_start: date | None

    def on(self, day: date) -> tuple[_Session, ...]:
        """The training sessions on ``day``."""
        return self.sessions.get(day, ())

    def weeks(self) -> list[date]:
        """The first day of every calendar week with a day in the range, in order."""
        first = week_start(self.start, self.first_weekday)
        return [first + timedelta(weeks=i) for i in range((self.end - first).days // 7 + 1)]

    def span(self, last: date, days: int) -> list[date]:
        """The ``days`` days ending on ``last``, first to last."""
        return [last - timedelta(days=i) for i in range(days - 1, -1, -1)]

    def range_days(self) -> list[date]:
        """Every day of the evaluated range."""
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    def load_total(self, last: date, days: int) -> float:
        """The total load of the ``days`` days ending on ``last`` (``last`` <= ``end``)."""
        index = (last - self.horizon).days
        return math.fsum(self.daily[max(index - days + 1, 0) : index + 1])

    def load_span(self, last: date, days: int) -> list[float]:
        """The daily loads of the ``days`` days ending on ``last``, first to last."""
        index = (last - self.horizon).days
        found = list(self.daily[max(index - days + 1, 0) : index + 1])
        return [0.0] * (days - len(found)) + found

    @property
    def units(self) -> Units:
        """The units figures in messages are written in."""
        return self.settings.units


def history_span(start: date, end: date) -> tuple[date, date]:
    """The days :func:`evaluate` reads for the range ``[start, end]``: what a caller must load.

    Workouts and weigh-ins outside this span are ignored even when passed in.
    """
    return start - timedelta(days=t.LOOKBACK_DAYS), end + timedelta(days=t.LOOKAHEAD_DAYS)


def build_context(
    workouts: Iterable[Workout],
    *,
    start: date,
    end: date,
    weights: Iterable[WeightEntry] = (),
    settings: RuleSettings = _DEFAULT_SETTINGS,
    first_weekday: int = MONDAY,
) -> RuleContext:
    """Prepare what the rules read for the range ``[start, end]``, in one pass over the input."""
    horizon, lookahead = history_span(start, end)
    by_day: defaultdict[date, list[_Session]] = defaultdict(list)
    for workout in workouts:
        if horizon <= workout.day <= lookahead and workout.is_training_session:
            by_day[workout.day].append(_session(workout))
    sessions = {d: tuple(found) for d, found in by_day.items()}
    daily = [0.0] * ((end - horizon).days + 1)
    for d, found in sessions.items():
        if d <= end:
            daily[(d - horizon).days] = math.fsum(s.load for s in found)
    history_start = min((d for d in sessions if d <= end), default=None)
    kg: defaultdict[date, list[float]] = defaultdict(list)
    for entry in weights:
        if horizon <= entry.day <= end:
            kg[entry.day].append(entry.kg)
    return RuleContext(
        start=start,
        end=end,
        horizon=horizon,
        lookahead=lookahead,
        first_weekday=first_weekday,
        settings=settings,
        sessions=sessions,
        daily=tuple(daily),
        weights={d: tuple(values) for d, values in kg.items()},
        history_start=history_start,
    )


def _session(workout: Workout) -> _Session:
    """A training session's values for the rules, each worked out once."""
    kind = workout.kind
    effort = session_effort(workout)
    minutes = session_duration_min(workout)
    return _Session(
        day=workout.day,
        kind=kind,
        title=workout.title,
        minutes=minutes,
        load=effort * minutes,
        km=workout.effective_distance_km if kind is Kind.RUN else None,
        hard=is_hard_effort(kind, effort),
        heavy_legs=workout.is_done and workout.heavy_legs,
    )


# -- comparisons and words -----------------------------------------------------------------


def _above(value: float, limit: float) -> bool:
    """``value > limit``, where a value within 1e-9 (relative) of the limit is on it."""
    return value > limit and not math.isclose(value, limit, rel_tol=t.REL_TOL)


def _below(value: float, limit: float) -> bool:
    """``value < limit``, where a value within 1e-9 (relative) of the limit is on it."""
    return value < limit and not math.isclose(value, limit, rel_tol=t.REL_TOL)


def _day(day: date) -> str:
    """``Tue 17 Nov``."""
    return f"{DAY_NAMES[day.weekday()][:3]} {day.day} {_MONTHS[day.month - 1]}"


def _days_between(first: date, last: date) -> str:
    """``Mon 16 to Sat 21 Nov``; two days ``Mon 16 and Tue 17 Nov``; the month once if shared."""
    joiner = " and " if last - first == _ONE_DAY else " to "
    if (first.year, first.month) == (last.year, last.month):
        return f"{DAY_NAMES[first.weekday()][:3]} {first.day}{joiner}{_day(last)}"
    return f"{_day(first)}{joiner}{_day(last)}"


def _week(first: date) -> str:
    """``the week of Mon 16 Nov``."""
    return f"the week of {_day(first)}"


def _km(km: float, units: Units) -> str:
    """A distance in the runner's units: ``12.5 km`` or ``7.8 mi``."""
    return format_distance(km, units)


def _pct(fraction: float) -> str:
    """``34 %`` for 0.34, ``10.1 %`` for 0.101."""
    return f"{format_number(fraction * 100)} %"


def _plural(count: int, noun: str) -> str:
    """``1 run``, ``3 runs``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _finding(rule_id: str, severity: Severity, days: Iterable[date], message: str) -> Finding:
    return Finding(
        rule_id=rule_id,
        severity=severity,
        days=tuple(sorted(set(days))),
        message=message,
        source=RULE_SOURCES[rule_id],
    )


# -- week rules ----------------------------------------------------------------------------


def _week_days(first: date) -> list[date]:
    return [first + timedelta(days=i) for i in range(t.DAYS_PER_WEEK)]


def _week_sessions(ctx: RuleContext, first: date) -> list[_Session]:
    return [s for d in _week_days(first) for s in ctx.on(d)]


def rest_week(ctx: RuleContext) -> list[Finding]:
    """REST_WEEK: a week without a rest day (warning), or with fewer than the runner's target.

    With the default target of two rest days, six training days are an info; with a target of
    one, only seven are flagged.
    """
    target = ctx.settings.rest_days_per_week
    findings = []
    for first in ctx.weeks():
        days = _week_days(first)
        rest_days = sum(1 for d in days if not ctx.on(d))
        if rest_days >= target:
            continue
        if rest_days == 0:
            ideally = ", ideally two" if target >= 2 else ""
            message = f"No rest day in {_week(first)}: plan at least one{ideally}."
            findings.append(_finding("REST_WEEK", Severity.WARNING, days, message))
        else:
            message = (
                f"Only {_plural(rest_days, 'rest day')} in {_week(first)}: "
                f"consider {'a second' if rest_days == 1 else 'another'}."
            )
            findings.append(_finding("REST_WEEK", Severity.INFO, days, message))
    return findings


def strength_count(ctx: RuleContext) -> list[Finding]:
    """STRENGTH_COUNT: more strength sessions in a week than the runner's target (2)."""
    target = ctx.settings.strength_per_week
    findings = []
    for first in ctx.weeks():
        count = sum(1 for s in _week_sessions(ctx, first) if s.kind is Kind.STRENGTH)
        if count >= target + t.STRENGTH_OVER_WARNING:
            severity = Severity.WARNING
        elif count >= target + t.STRENGTH_OVER_INFO:
            severity = Severity.INFO
        else:
            continue
        message = (
            f"{count} strength sessions in {_week(first)}: "
            f"{_plural(target, 'strength session')} a week is enough for runners."
        )
        findings.append(_finding("STRENGTH_COUNT", severity, _week_days(first), message))
    return findings


def strength_low(ctx: RuleContext) -> list[Finding]:
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
    findings = []
    for first in ctx.weeks():
        sessions = _week_sessions(ctx, first)
        if sum(1 for s in sessions if s.kind is Kind.RUN) < t.STRENGTH_LOW_MIN_RUNS:
            continue
        earlier = [
            _week_sessions(ctx, first - timedelta(weeks=i)) for i in range(1, t.STRENGTH_LOW_WEEKS)
        ]
        if not all(earlier) or any(
            s.kind is Kind.STRENGTH for week in (sessions, *earlier) for s in week
        ):
            continue
        message = (
            f"No strength session for {weeks} weeks ({_week(first)} and {before}): {count} a "
            f"week {verb} running legs strong and less injury-prone (squats, lunges, squat jumps)."
        )
        findings.append(_finding("STRENGTH_LOW", Severity.INFO, _week_days(first), message))
    return findings


def run_count(ctx: RuleContext) -> list[Finding]:
    """RUN_COUNT: too few runs in a week that has training, or too many (info)."""
    low, high = ctx.settings.min_runs_per_week, ctx.settings.max_runs_per_week
    aim = f"{low} to {high}" if low < high else f"{low}"
    findings = []
    for first in ctx.weeks():
        sessions = _week_sessions(ctx, first)
        runs = sum(1 for s in sessions if s.kind is Kind.RUN)
        if sessions and runs < low:
            some = f"Only {_plural(runs, 'run')}" if runs else "No run"
            message = f"{some} in {_week(first)}: aim for {aim} runs a week."
        elif runs > high:
            message = (
                f"{runs} runs in {_week(first)}: aim for {aim} runs a week "
                "and make the other days easy or rest."
            )
        else:
            continue
        findings.append(_finding("RUN_COUNT", Severity.INFO, _week_days(first), message))
    return findings


def _run_km(ctx: RuleContext, first: date) -> float:
    return math.fsum(s.km or 0.0 for s in _week_sessions(ctx, first) if s.kind is Kind.RUN)


def week_ramp(ctx: RuleContext) -> list[Finding]:
    """WEEK_RAMP: a week's run distance far above the week before's.

    Info above the runner's limit (10 % by default), warning above 30 %; no ramp is computed
    when the week before ran under 5 km.
    """
    limit = ctx.settings.ramp_limit_pct
    findings = []
    for first in ctx.weeks():
        last = _run_km(ctx, first - timedelta(weeks=1))
        if _below(last, t.WEEK_RAMP_MIN_LAST_KM):
            continue
        this = _run_km(ctx, first)
        if _above(this, last * (1 + t.WEEK_RAMP_WARNING_PCT / 100)):
            severity = Severity.WARNING
        elif _above(this, last * (1 + limit / 100)):
            severity = Severity.INFO
        else:
            continue
        message = (
            f"Running distance in {_week(first)} is up {_pct((this - last) / last)} on the week "
            f"before: {_km(last, ctx.units)} → {_km(this, ctx.units)}. Build up gradually."
        )
        findings.append(_finding("WEEK_RAMP", severity, _week_days(first), message))
    return findings


def long_share(ctx: RuleContext) -> list[Finding]:
    """LONG_SHARE: in a week of 4 runs or more, a longest run over 35 % of the distance (info)."""
    findings = []
    for first in ctx.weeks():
        runs = [s for s in _week_sessions(ctx, first) if s.kind is Kind.RUN]
        if len(runs) < t.LONG_SHARE_MIN_RUNS:
            continue
        total = math.fsum(s.km or 0.0 for s in runs)
        longest = max(runs, key=lambda s: (s.km or 0.0, s.day))
        if total <= 0 or not _above(longest.km or 0.0, total * t.LONG_SHARE_MAX):
            continue
        message = (
            f"Your long run ({_day(longest.day)}, {_km(longest.km or 0.0, ctx.units)}) is "
            f"{_pct((longest.km or 0.0) / total)} of the {_km(total, ctx.units)} you run in "
            f"{_week(first)}: keep it under about a third."
        )
        findings.append(_finding("LONG_SHARE", Severity.INFO, _week_days(first), message))
    return findings


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


def rest_streak(ctx: RuleContext) -> list[Finding]:
    """REST_STREAK: 7 or more training days in a row (warning), 14 or more (critical).

    Each streak with a day in the range is one finding, counted across week boundaries from
    the history on and on past the range's end.
    """
    findings = []
    for first, last in _streaks(ctx, lambda day: bool(ctx.on(day))):
        length = (last - first).days + 1
        if length >= t.REST_STREAK_WARNING_DAYS:
            severity = (
                Severity.CRITICAL if length >= t.REST_STREAK_CRITICAL_DAYS else Severity.WARNING
            )
            message = (
                f"{length} training days in a row ({_day(first)} to {_day(last)}): add a rest day."
            )
            findings.append(_finding("REST_STREAK", severity, _through(first, last), message))
    return findings


def _gaps(ctx: RuleContext, kind: Kind) -> tuple[list[date], list[date]]:
    """Days ``d`` with ``kind`` on ``d`` and ``d+1``, and range days with two or more of it."""
    consecutive = [
        d for d in _pair_days(ctx) if _count(ctx, d, kind) and _count(ctx, d + _ONE_DAY, kind)
    ]
    same_day = [d for d in ctx.range_days() if _count(ctx, d, kind) >= 2]
    return consecutive, same_day


def hiit_gap(ctx: RuleContext) -> list[Finding]:
    """HIIT_GAP: HIIT on consecutive days (warning) or twice on one day (critical)."""
    hours = t.RECOVERY_HOURS
    consecutive, same_day = _gaps(ctx, Kind.HIIT)
    findings = [
        _finding(
            "HIIT_GAP",
            Severity.WARNING,
            (d, d + _ONE_DAY),
            f"HIIT on {_day(d)} and again on {_day(d + _ONE_DAY)}: HIIT needs about {hours} h "
            "between sessions. Move one of them.",
        )
        for d in consecutive
    ]
    findings += [
        _finding(
            "HIIT_GAP",
            Severity.CRITICAL,
            (d,),
            f"{_count(ctx, d, Kind.HIIT)} HIIT sessions on {_day(d)}: HIIT needs about {hours} h "
            "between sessions. Keep one and move the others.",
        )
        for d in same_day
    ]
    return findings


def strength_gap(ctx: RuleContext) -> list[Finding]:
    """STRENGTH_GAP: strength sessions on consecutive days or on the same day (warning)."""
    hours = t.RECOVERY_HOURS
    consecutive, same_day = _gaps(ctx, Kind.STRENGTH)
    findings = [
        _finding(
            "STRENGTH_GAP",
            Severity.WARNING,
            (d, d + _ONE_DAY),
            f"Strength on {_day(d)} and again on {_day(d + _ONE_DAY)}: give muscles about "
            f"{hours} h between strength sessions.",
        )
        for d in consecutive
    ]
    findings += [
        _finding(
            "STRENGTH_GAP",
            Severity.WARNING,
            (d,),
            f"{_count(ctx, d, Kind.STRENGTH)} strength sessions on {_day(d)}: give muscles "
            f"about {hours} h between strength sessions.",
        )
        for d in same_day
    ]
    return findings


def hard_back_to_back(ctx: RuleContext) -> list[Finding]:
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
        findings.append(
            _finding("HARD_BACK_TO_BACK", Severity.WARNING, _through(first, last), message)
        )
    return findings


def heavy_legs(ctx: RuleContext) -> list[Finding]:
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
                f"Your legs felt heavy on {_day(d)} and {_day(after)} has a hard session: "
                f"make {_day(after)} a rest day."
            )
        else:
            severity = Severity.WARNING
            message = f"Your legs felt heavy on {_day(d)}: make {_day(after)} a rest day."
        findings.append(_finding("HEAVY_LEGS", severity, (d, after), message))
    return findings


# -- single sessions -----------------------------------------------------------------------


def run_spike(ctx: RuleContext) -> list[Finding]:
    """RUN_SPIKE: a run much longer than the longest in the 30 days before it.

    Over 10 % longer is a warning, over 100 % longer critical.
    Runs under 3 km are never flagged (they still count as earlier runs), nor is a run with no
    run in the 30 days before it. Runs without a distance neither count nor are flagged. The
    30 days before a run are the 30 calendar days before its day. One finding per day, for
    that day's longest run.
    """
    findings = []
    for d in ctx.range_days():
        todays = [s.km for s in ctx.on(d) if s.kind is Kind.RUN and s.km is not None]
        if not todays:
            continue
        km = max(todays)
        if _below(km, t.RUN_SPIKE_MIN_KM):
            continue
        earlier = [
            s.km
            for i in range(1, t.RUN_SPIKE_LOOKBACK_DAYS + 1)
            for s in ctx.on(d - timedelta(days=i))
            if s.kind is Kind.RUN and s.km is not None
        ]
        if not earlier:
            continue
        longest = max(earlier)
        if _above(km, longest * (1 + t.RUN_SPIKE_CRITICAL_PCT / 100)):
            severity = Severity.CRITICAL
        elif _above(km, longest * (1 + t.RUN_SPIKE_WARNING_PCT / 100)):
            severity = Severity.WARNING
        else:
            continue
        more = _pct((km - longest) / longest) if longest > 0 else "far"
        message = (
            f"Your {_km(km, ctx.units)} run on {_day(d)} is {more} longer than your longest in "
            f"the 30 days before it ({_km(longest, ctx.units)}): grow it about "
            f"{format_number(t.RUN_SPIKE_WARNING_PCT)} % at a time."
        )
        findings.append(_finding("RUN_SPIKE", severity, (d,), message))
    return findings


def fuel_long(ctx: RuleContext) -> list[Finding]:
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
            f"{longest.title} on {_day(d)} lasts {format_duration(longest.minutes)}: over an "
            f"hour, take carbohydrate ({low} to {high} g/h) and fluids with electrolytes."
        )
        findings.append(_finding("FUEL_LONG", Severity.INFO, (d,), message))
    return findings


# -- rolling windows -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Flag:
    """One window that flagged: its last day, severity, and how bad (higher is worse)."""

    last: date
    severity: Severity
    badness: float


def _worst(flags: Sequence[_Flag]) -> _Flag:
    """The worst of ``flags``: most severe, then worst figure; of equals, the earliest.

    Figures within the comparison tolerance of each other are equal (two windows holding the
    same loads in another order may differ in their last bits).
    """
    severity = max(f.severity for f in flags)
    candidates = [f for f in flags if f.severity is severity]
    badness = max(f.badness for f in candidates)
    return min(
        (f for f in candidates if not _below(f.badness, badness)),
        key=lambda f: f.last,
    )


def _rolling(
    ctx: RuleContext, rule_id: str, flags: Sequence[_Flag], span: int, say: Callable[[_Flag], str]
) -> list[Finding]:
    """One finding for each run of consecutive days whose windows flagged.

    RULES.md: a finding's days are the days its message speaks of, here the ``span`` days
    ending on the day it reports; where the same problem shows on several consecutive days,
    that day is the worst of them (:func:`_worst`), not one finding a day. ``flags`` come in
    day order.
    """
    runs: list[list[_Flag]] = []
    for flag in flags:
        if runs and flag.last - runs[-1][-1].last == _ONE_DAY:
            runs[-1].append(flag)
        else:
            runs.append([flag])
    findings = []
    for run in runs:
        worst = _worst(run)
        days = ctx.span(worst.last, span)
        findings.append(_finding(rule_id, worst.severity, days, say(worst)))
    return findings


def hard_count(ctx: RuleContext) -> list[Finding]:
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

    return _rolling(ctx, "HARD_COUNT", flags, t.ROLLING_DAYS, say)


def monotony_rule(ctx: RuleContext) -> list[Finding]:
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

    return _rolling(ctx, "MONOTONY", flags, t.ROLLING_DAYS, say)


def _history_days(ctx: RuleContext) -> int:
    """Days of history before the range, from the first training session in the look-back."""
    if ctx.history_start is None or ctx.history_start >= ctx.start:
        return 0
    return (ctx.start - ctx.history_start).days


def load_ratio(ctx: RuleContext) -> list[Finding]:
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

    return _rolling(ctx, "LOAD_RATIO", flags, t.ACUTE_DAYS, say)


def fatigue_sustained(ctx: RuleContext) -> list[Finding]:
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

    return _rolling(ctx, "FATIGUE_SUSTAINED", flags, t.FATIGUE_DAYS, say)


def _mean_weight(ctx: RuleContext, last: date) -> float | None:
    found = [kg for d in ctx.span(last, t.WEIGHT_SPAN_DAYS) for kg in ctx.weights.get(d, ())]
    return math.fsum(found) / len(found) if found else None


def weight_drop(ctx: RuleContext) -> list[Finding]:
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
            f"({_weight(before, units)} → {_weight(now, units)}, 7-day means to "
            f"{_day(flag.last)}) while your training is not easing off: eat enough "
            f"(protein {protein})."
        )

    return _rolling(ctx, "WEIGHT_DROP", flags, t.WEIGHT_SPAN_DAYS, say)


def _weight(kg: float, units: WeightUnits) -> str:
    return f"{format_number(units.weight_from_kg(kg))} {units.weight_label}"


# -- the engine ----------------------------------------------------------------------------

#: Every rule by id, in RULES.md's order.
RULES: Final[Mapping[str, Callable[[RuleContext], list[Finding]]]] = MappingProxyType(
    {
        "REST_WEEK": rest_week,
        "REST_STREAK": rest_streak,
        "HIIT_GAP": hiit_gap,
        "STRENGTH_GAP": strength_gap,
        "STRENGTH_COUNT": strength_count,
        "STRENGTH_LOW": strength_low,
        "HARD_BACK_TO_BACK": hard_back_to_back,
        "HARD_COUNT": hard_count,
        "HEAVY_LEGS": heavy_legs,
        "RUN_COUNT": run_count,
        "WEEK_RAMP": week_ramp,
        "RUN_SPIKE": run_spike,
        "LONG_SHARE": long_share,
        "MONOTONY": monotony_rule,
        "LOAD_RATIO": load_ratio,
        "FATIGUE_SUSTAINED": fatigue_sustained,
        "FUEL_LONG": fuel_long,
        "WEIGHT_DROP": weight_drop,
    }
)


def _order(finding: Finding) -> tuple[int, date, str, tuple[date, ...], str]:
    return (-finding.severity, finding.days[0], finding.rule_id, finding.days, finding.message)


def evaluate(
    workouts: Iterable[Workout],
    *,
    start: date,
    end: date,
    weights: Iterable[WeightEntry] = (),
    settings: RuleSettings = _DEFAULT_SETTINGS,
    first_weekday: int = MONDAY,
) -> list[Finding]:
    """The findings of every rule switched on, with at least one day in ``[start, end]``.

    Deterministic and independent of the order of ``workouts`` and ``weights``. Reads only
    the days of :func:`history_span` (90 days before ``start``, and after ``end`` only what
    completes a finding reaching across it); pass at least those.

    Args:
        workouts: the plan: history, the range, and the days after it.
        start: the first day of the evaluated range.
        end: the last day of the evaluated range.
        weights: the runner's weigh-ins.
        settings: rule switches, targets and the units of the messages.
        first_weekday: the first day of a calendar week (Monday 0 .. Sunday 6).

    Returns:
        The findings, most severe first, then by first day, then by rule id.

    Raises:
        ValueError: ``end`` is before ``start``.
    """
    if end < start:
        raise ValueError(f"The range ends ({end}) before it starts ({start}).")
    ctx = build_context(
        workouts,
        start=start,
        end=end,
        weights=weights,
        settings=settings,
        first_weekday=first_weekday,
    )
    findings = [
        finding
        for rule_id, rule in RULES.items()
        if settings.enabled(rule_id)
        for finding in rule(ctx)
        if any(start <= d <= end for d in finding.days)
    ]
    findings.sort(key=_order)
    return findings


def _key(finding: Finding) -> tuple[str, tuple[date, ...], Severity]:
    return finding.rule_id, finding.days, finding.severity


def diff_findings(
    before: Sequence[Finding], after: Sequence[Finding]
) -> tuple[list[Finding], list[Finding]]:
    """What a change does to the warnings: the findings it adds and those it clears.

    Findings are the same when their rule, days and severity are (the figures in the message
    may differ): a warning that only changes its numbers is neither added nor cleared.

    Returns:
        ``(added, cleared)``: findings of ``after`` not in ``before``, and of ``before`` not
        in ``after``, each in its list's order.
    """
    before_keys = {_key(f) for f in before}
    after_keys = {_key(f) for f in after}
    added = [f for f in after if _key(f) not in before_keys]
    cleared = [f for f in before if _key(f) not in after_keys]
    return added, cleared
