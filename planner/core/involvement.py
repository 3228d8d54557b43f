"""Which blocks a warning is about: the sessions the week view marks and highlights.

A finding names days (RULES.md); the runner also wants to see *which* blocks on those days
caused it. Rules about pairs and single sessions point at their sessions: the two HIIT
sessions too close together, the hard days, the run that spikes, the long session to fuel.
Rules about a whole day or week (rest days, streaks, variety, load, the weekly distance)
point at no block: their days are the point, and the panel highlights those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import Final

from planner.core import thresholds as t
from planner.core.load import is_hard
from planner.core.model import Finding, Kind, Workout
from planner.core.totals import session_duration_min

__all__ = ["DAY_RULES", "involved_workouts"]

#: Rules about whole days or weeks: they mark days, not blocks.
DAY_RULES: Final = frozenset(
    {
        "REST_WEEK",
        "REST_STREAK",
        "STRENGTH_LOW",  # about the strength sessions that are not there
        "RUN_COUNT",
        "WEEK_RAMP",
        "MONOTONY",
        "LOAD_RATIO",
        "FATIGUE_SUSTAINED",
        "WEIGHT_DROP",
    }
)

_Sessions = list[Workout]


def _of_kind(kind: Kind) -> Callable[[_Sessions, Finding], _Sessions]:
    def pick(sessions: _Sessions, finding: Finding) -> _Sessions:
        return [w for w in sessions if w.kind is kind]

    return pick


def _hard(sessions: _Sessions, finding: Finding) -> _Sessions:
    return [w for w in sessions if is_hard(w)]


def _heavy_legs(sessions: _Sessions, finding: Finding) -> _Sessions:
    """The done session that left the legs heavy, and whatever follows it the next day."""
    first = finding.days[0]
    heavy = [w for w in sessions if w.day == first and w.is_done and w.heavy_legs]
    after = [w for w in sessions if w.day == first + timedelta(days=1)]
    return heavy + after


def _km(workout: Workout) -> float:
    return workout.effective_distance_km or 0.0


def _longest_run_each_day(sessions: _Sessions, finding: Finding) -> _Sessions:
    runs = [w for w in sessions if w.kind is Kind.RUN and w.effective_distance_km is not None]
    longest: dict[date, Workout] = {}
    for run in runs:
        if run.day not in longest or _km(run) > _km(longest[run.day]):
            longest[run.day] = run
    return list(longest.values())


def _longest_run(sessions: _Sessions, finding: Finding) -> _Sessions:
    runs = [w for w in sessions if w.kind is Kind.RUN]
    if not runs:
        return []
    return [max(runs, key=lambda w: (_km(w), w.day))]


def _long_sessions(sessions: _Sessions, finding: Finding) -> _Sessions:
    return [
        w
        for w in sessions
        if w.kind in (Kind.RUN, Kind.HIIT) and session_duration_min(w) > t.FUEL_LONG_MIN
    ]


#: For each rule about sessions: which of the training sessions on its days it is about.
_PICKERS: Final[Mapping[str, Callable[[_Sessions, Finding], _Sessions]]] = MappingProxyType(
    {
        "HIIT_GAP": _of_kind(Kind.HIIT),
        "STRENGTH_GAP": _of_kind(Kind.STRENGTH),
        "STRENGTH_COUNT": _of_kind(Kind.STRENGTH),
        "HARD_BACK_TO_BACK": _hard,
        "HARD_COUNT": _hard,
        "HEAVY_LEGS": _heavy_legs,
        "RUN_SPIKE": _longest_run_each_day,
        "LONG_SHARE": _longest_run,
        "FUEL_LONG": _long_sessions,
    }
)


def involved_workouts(finding: Finding, workouts: Iterable[Workout]) -> frozenset[int]:
    """The ids of the blocks ``finding`` is about, among ``workouts``.

    Only training sessions (not rest blocks, not skipped workouts) on the finding's days are
    considered. A rule about whole days or weeks (:data:`DAY_RULES`) is about no block; a
    rule this module does not know is about every training session on its days.
    """
    if finding.rule_id in DAY_RULES or not finding.days:
        return frozenset()
    days = set(finding.days)
    sessions = [w for w in workouts if w.day in days and w.is_training_session]
    pick = _PICKERS.get(finding.rule_id)
    chosen = pick(sessions, finding) if pick is not None else sessions
    return frozenset(w.id for w in chosen if w.id is not None)
