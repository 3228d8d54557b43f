"""What every rule shares: the rule record, what the rules read, and their words.

A rule is one :class:`Rule` record, made by the :func:`rule` decorator on its check: its id,
its name for people, its source (RULES.md's source column), whether it judges rolling 7-day
windows, the settings that tune it, and which blocks a finding of it is about. Every table
about rules (:data:`planner.core.rules.RULES`, ``RULE_TITLES``, ``RULE_SOURCES``, the
involvement's pickers, the preview's rolling rules) derives from these records.
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
from planner.core.finding_text import day_text
from planner.core.formatting import format_number
from planner.core.load import is_hard_effort, session_duration_min, session_effort
from planner.core.model import Finding, Kind, Severity, WeightEntry, Workout
from planner.core.settings import RuleSettings, Units
from planner.core.weeks import MONDAY, week_start

#: What a rule checks: the findings for a context, made through the rule's own record.
Check = Callable[["RuleContext", "Rule"], list[Finding]]
#: Which of the training sessions on a finding's days the finding is about.
Picker = Callable[[list[Workout], Finding], list[Workout]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One warning rule of RULES.md, defined once; call it with a context for its findings.

    Attributes:
        id: the rule id of RULES.md, e.g. ``REST_WEEK`` (settings: ``rule.REST_WEEK``).
        title: its short name for people: the Preferences switch and the panel's tooltip.
        source: where its thresholds come from (RULES.md's source column).
        check: the check itself.
        rolling: it judges rolling 7-day windows, one finding per run of windows that flag.
        settings: the public names of the settings that tune it, besides its switch.
        involves: which blocks on its days a finding is about; ``None`` for a rule about whole
            days or weeks, which marks days, not blocks.
    """

    id: str
    title: str
    source: str
    check: Check
    rolling: bool = False
    settings: tuple[str, ...] = ()
    involves: Picker | None = None

    def __call__(self, ctx: RuleContext) -> list[Finding]:
        """The rule's findings in ``ctx``, in or out of the range (:func:`evaluate` filters)."""
        return self.check(ctx, self)

    def finding(self, severity: Severity, days: Iterable[date], message: str) -> Finding:
        """A finding of this rule: its days sorted, once each, and the rule's source."""
        return Finding(
            rule_id=self.id,
            severity=severity,
            days=tuple(sorted(set(days))),
            message=message,
            source=self.source,
        )


def rule(
    rule_id: str,
    *,
    title: str,
    source: str,
    rolling: bool = False,
    settings: tuple[str, ...] = (),
    involves: Picker | None = None,
) -> Callable[[Check], Rule]:
    """Make the decorated check the :class:`Rule` record ``rule_id``."""

    def make(check: Check) -> Rule:
        return Rule(rule_id, title, source, check, rolling, settings, involves)

    return make


_ONE_DAY = timedelta(days=1)
_DEFAULT_SETTINGS: Final = RuleSettings()
#: Small counts as words, for messages ("two a week").
_NUMBER_WORDS: Final[Mapping[int, str]] = MappingProxyType(
    {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
)


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
    race: bool  # a race: the distance rules leave it out, its load counts

    @property
    def training_km(self) -> float | None:
        """The distance the distance rules read: a run's, but never a race's (RULES.md)."""
        return None if self.race else self.km


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
        heavy_legs=workout.reports_heavy_legs,
        race=workout.race,
    )


# -- comparisons and words -----------------------------------------------------------------


def _above(value: float, limit: float) -> bool:
    """``value > limit``, where a value within 1e-9 (relative) of the limit is on it."""
    return value > limit and not math.isclose(value, limit, rel_tol=t.REL_TOL)


def _below(value: float, limit: float) -> bool:
    """``value < limit``, where a value within 1e-9 (relative) of the limit is on it."""
    return value < limit and not math.isclose(value, limit, rel_tol=t.REL_TOL)


def _level(
    value: float, lines: Iterable[tuple[Severity, float]], *, at: bool = False
) -> Severity | None:
    """The severity of the first of ``lines`` (worst first) that ``value`` is above, if any.

    With ``at``, a value on a line reaches it too (counts: 7 training days in a row and more).
    """
    for severity, line in lines:
        reached = (not _below(value, line)) if at else _above(value, line)
        if reached:
            return severity
    return None


def _days_between(first: date, last: date) -> str:
    """``Mon 16 to Sat 21 Nov``; two days ``Mon 16 and Tue 17 Nov``; the month once if shared."""
    joiner = " and " if last - first == _ONE_DAY else " to "
    if (first.year, first.month) == (last.year, last.month):
        return f"{day_text(first, month=False)}{joiner}{day_text(last)}"
    return f"{day_text(first)}{joiner}{day_text(last)}"


def _week(first: date) -> str:
    """``the week of Mon 16 Nov``."""
    return f"the week of {day_text(first)}"


def _pct(fraction: float) -> str:
    """``34 %`` for 0.34, ``10.1 %`` for 0.101."""
    return f"{format_number(fraction * 100)} %"


def _plural(count: int, noun: str) -> str:
    """``1 run``, ``3 runs``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# -- rolling windows -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Flag:
    """One window that flagged: its last day, severity, how bad (higher is worse), its words."""

    last: date
    severity: Severity
    badness: float
    message: str


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


def _rolling(ctx: RuleContext, rule: Rule, flags: Sequence[_Flag], span: int) -> list[Finding]:
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
        findings.append(rule.finding(worst.severity, days, worst.message))
    return findings
