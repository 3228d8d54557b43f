"""Which blocks a finding is about: each rule's picker, named in its :class:`~.base.Rule`.

A finding names days (RULES.md); the runner also wants to see *which* blocks on those days
caused it. Rules about pairs and single sessions point at their sessions: the two HIIT
sessions too close together, the hard days, the run that spikes, the long session to fuel.
Given the training sessions on a finding's days, a picker returns those the finding is about.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from planner.core import thresholds as t
from planner.core.load import is_hard
from planner.core.model import Finding, Kind, Workout
from planner.core.totals import session_duration_min

_Sessions = list[Workout]


def of_kind(kind: Kind) -> Callable[[_Sessions, Finding], _Sessions]:
    """The sessions of ``kind``: the pair too close together, the strength sessions counted."""

    def pick(sessions: _Sessions, finding: Finding) -> _Sessions:
        return [w for w in sessions if w.kind is kind]

    return pick


def hard(sessions: _Sessions, finding: Finding) -> _Sessions:
    """The hard sessions."""
    return [w for w in sessions if is_hard(w)]


def heavy_legs(sessions: _Sessions, finding: Finding) -> _Sessions:
    """The done session that left the legs heavy, and whatever follows it the next day."""
    first = finding.days[0]
    heavy = [w for w in sessions if w.day == first and w.is_done and w.heavy_legs]
    after = [w for w in sessions if w.day == first + timedelta(days=1)]
    return heavy + after


def _km(workout: Workout) -> float:
    return workout.effective_distance_km or 0.0


def _training_runs(sessions: _Sessions) -> _Sessions:
    """The runs the distance rules read: every run but a race."""
    return [w for w in sessions if w.kind is Kind.RUN and not w.race]


def longest_run_each_day(sessions: _Sessions, finding: Finding) -> _Sessions:
    """Each day's longest run with a distance, races left out: the run that spikes."""
    runs = [w for w in _training_runs(sessions) if w.effective_distance_km is not None]
    longest: dict[date, Workout] = {}
    for run in runs:
        if run.day not in longest or _km(run) > _km(longest[run.day]):
            longest[run.day] = run
    return list(longest.values())


def longest_run(sessions: _Sessions, finding: Finding) -> _Sessions:
    """The week's longest run (the latest of equals), races left out: the long run's share."""
    runs = _training_runs(sessions)
    if not runs:
        return []
    return [max(runs, key=lambda w: (_km(w), w.day))]


def long_sessions(sessions: _Sessions, finding: Finding) -> _Sessions:
    """The runs and HIIT sessions over an hour: those to fuel."""
    return [
        w
        for w in sessions
        if w.kind in (Kind.RUN, Kind.HIIT) and session_duration_min(w) > t.FUEL_LONG_MIN
    ]
