"""The warning rules of RULES.md: one :class:`Rule` record each, and :func:`evaluate`.

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

Each rule is defined once, as a record next to its check, in the module of its kind:
:mod:`.week` (calendar weeks), :mod:`.days` (pairs, streaks and single sessions) and
:mod:`.load` (rolling windows: load, and weight under load). :data:`RULE_RECORDS` holds them in
RULES.md's order (the order of :data:`planner.core.settings.RULE_IDS`, which the settings,
imported by the rules, declare); :data:`RULES`, :data:`RULE_TITLES` and :data:`RULE_SOURCES`
derive from them, as do the involvement's pickers and the preview's rolling rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Final

from planner.core.model import Finding, Severity, WeightEntry, Workout
from planner.core.rules import days, load, week
from planner.core.rules.base import (
    _DEFAULT_SETTINGS,
    Rule,
    RuleContext,
    build_context,
    history_span,
)
from planner.core.settings import RULE_IDS, RuleSettings
from planner.core.weeks import MONDAY

__all__ = [
    "RULES",
    "RULE_RECORDS",
    "RULE_SOURCES",
    "RULE_TITLES",
    "Rule",
    "RuleContext",
    "build_context",
    "diff_findings",
    "evaluate",
    "history_span",
]


def _records(*modules: object) -> tuple[Rule, ...]:
    """Every :class:`Rule` record the ``modules`` define, in RULES.md's order.

    Raises:
        ValueError: a record whose id :data:`~planner.core.settings.RULE_IDS` does not list
            (a rule without a switch), or two records with one id.
    """
    found = [
        value for module in modules for value in vars(module).values() if isinstance(value, Rule)
    ]
    unknown = [r.id for r in found if r.id not in RULE_IDS]
    if unknown or len({r.id for r in found}) != len(found):
        raise ValueError(
            f"Rule ids not in RULE_IDS, or defined twice: {sorted(r.id for r in found)}"
        )
    return tuple(sorted(found, key=lambda r: RULE_IDS.index(r.id)))


#: Every rule, once, in RULES.md's order.
RULE_RECORDS: Final = _records(week, days, load)
#: Every rule by id, in RULES.md's order: call one with a context for its findings.
RULES: Final[Mapping[str, Rule]] = MappingProxyType({r.id: r for r in RULE_RECORDS})
#: Short names of the rules for people: the Preferences switches and the panel's tooltips.
RULE_TITLES: Final[Mapping[str, str]] = MappingProxyType({r.id: r.title for r in RULE_RECORDS})
#: Where each rule's thresholds come from (RULES.md's source column).
RULE_SOURCES: Final[Mapping[str, str]] = MappingProxyType({r.id: r.source for r in RULE_RECORDS})


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
