"""What the generator reads from the runner's history: the defaults of its inputs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from planner.core import thresholds as t
from planner.core.generator.request import Experience
from planner.core.model import Kind, Status, Workout
from planner.core.totals import run_distance_km
from planner.core.weeks import week_start

#: Days of history the defaults read: the last four weeks before the plan starts.
_RECENT_DAYS = t.GEN_RECENT_WEEKS * 7
#: Days of history a plan is made and checked against: the rules' look-back and their
#: longest rolling span before the plan's first day.
HISTORY_DAYS = t.LOOKBACK_DAYS + t.CHRONIC_DAYS


def history_span(start: date) -> tuple[date, date]:
    """The first and last day of the history a plan starting on ``start`` is made against."""
    return start - timedelta(days=HISTORY_DAYS), start - timedelta(days=1)


def default_experience(history: Sequence[Workout], start: date) -> Experience:
    """Regular when the last four weeks hold runs, returning when earlier ones do, else new."""
    if recent_runs(history, start):
        return Experience.REGULAR
    ran = any(w.kind is Kind.RUN and w.status is Status.DONE for w in history)
    return Experience.RETURNING if ran else Experience.NEW


def default_start(today: date, first_weekday: int = 0) -> date:
    """The first day of the week after ``today``'s (weeks starting on ``first_weekday``)."""
    return week_start(today, first_weekday) + timedelta(days=7)


def recent_runs(history: Sequence[Workout], start: date) -> list[Workout]:
    """The runs of the four weeks before ``start`` that count (not skipped, with a distance)."""
    first = start - timedelta(days=_RECENT_DAYS)
    return [
        w
        for w in history
        if first <= w.day < start
        and w.kind is Kind.RUN
        and w.is_training_session
        and run_distance_km(w) > 0
        and not w.race
    ]


def defaults_from_history(history: Sequence[Workout], start: date) -> tuple[float, float] | None:
    """The runner's current weekly run distance and longest run, from the last four weeks.

    The weekly distance is the mean of those four weeks (a week off counts as 0), the longest
    run the longest of them; races are left out, as the distance rules leave them out.
    Distances are rounded to 0.1 km. ``None`` when there was no run in those weeks.
    """
    runs = recent_runs(history, start)
    if not runs:
        return None
    total = sum(run_distance_km(w) for w in runs)
    longest = max(run_distance_km(w) for w in runs)
    return round(total / t.GEN_RECENT_WEEKS, 1), round(longest, 1)
