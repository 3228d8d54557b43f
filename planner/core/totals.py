"""Plan arithmetic: what a set of workouts adds up to, by the definitions in RULES.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from planner.core.model import Kind, Status, Workout

#: Minutes per kilometre assumed for a run that has a distance but no duration.
RUN_MIN_PER_KM = 6.0
#: Duration assumed for a session with neither duration nor (for runs) distance.
DEFAULT_DURATION_MIN = {
    Kind.RUN: 45.0,
    Kind.HIIT: 30.0,
    Kind.STRENGTH: 40.0,
    Kind.CROSS: 45.0,
    Kind.REST: 0.0,
}


def session_duration_min(workout: Workout) -> float:
    """The effective duration of a session, with the RULES.md fallbacks; 0 for no load.

    Rest blocks and skipped workouts carry no duration.
    """
    if not workout.is_training_session:
        return 0.0
    duration = workout.effective_duration_min
    if duration is not None:
        return duration
    distance = workout.effective_distance_km
    if workout.kind is Kind.RUN and distance is not None:
        return distance * RUN_MIN_PER_KM
    return DEFAULT_DURATION_MIN[workout.kind]


def run_distance_km(workout: Workout) -> float:
    """The effective distance of a run session (0 for anything else).

    HIIT and cross-training distance are never mileage: 40 km on a bike is no run distance.
    """
    if workout.kind is not Kind.RUN or not workout.is_training_session:
        return 0.0
    return workout.effective_distance_km or 0.0


@dataclass(frozen=True, slots=True)
class WeekTotals:
    """What a week (or any span of days) adds up to.

    Attributes:
        runs: run sessions (not skipped).
        run_km: effective run distance.
        training_min: effective minutes of training sessions.
        sessions: training sessions of any kind.
        training_days: days with at least one training session.
        rest_days: the other days of the span.
        done: workouts marked done.
        planned: workouts still planned.
    """

    runs: int = 0
    run_km: float = 0.0
    training_min: float = 0.0
    sessions: int = 0
    training_days: int = 0
    rest_days: int = 7
    done: int = 0
    planned: int = 0


def week_totals(workouts: Iterable[Workout], days: int = 7) -> WeekTotals:
    """Totals of ``workouts`` over a span of ``days`` days (a week by default)."""
    runs = sessions = done = planned = 0
    run_km = training_min = 0.0
    training_days: set[date] = set()
    for workout in workouts:
        if workout.is_done:
            done += 1
        elif workout.status is Status.PLANNED:
            planned += 1
        if not workout.is_training_session:
            continue
        sessions += 1
        training_days.add(workout.day)
        training_min += session_duration_min(workout)
        if workout.kind is Kind.RUN:
            runs += 1
            run_km += run_distance_km(workout)
    return WeekTotals(
        runs=runs,
        run_km=run_km,
        training_min=training_min,
        sessions=sessions,
        training_days=len(training_days),
        rest_days=max(days - len(training_days), 0),
        done=done,
        planned=planned,
    )
