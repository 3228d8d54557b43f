"""Recorded activities and planned workouts: the link rules (GoldenCheetah's, which runners know).

On import an activity links to the one unlinked *planned* workout of its local day and kind;
when the day holds several, to the one whose planned duration is closest to what was
recorded (:func:`match`). That workout becomes done with the file's duration and distance and
its planned effort as the actual effort, marked estimated until the runner changes it
(:func:`linked_workout`). An activity that matches nothing becomes a new done workout of its
kind, titled from the file (:func:`new_workout`, :func:`title_for`).

The Link... action offers candidates within 14 days, of the same kind, nearest day first,
then the closest duration (:func:`link_candidates`, :func:`activity_candidates`).

A :class:`StoredActivity` is an activity as the plan keeps it: its id, the workout it is
linked to, and what that workout was before the link, so Unlink gives it back exactly.
Everything here is pure.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from typing import Any, Self

from planner.core.activity import Activity
from planner.core.model import MAX_DISTANCE_KM, MAX_DURATION_MIN, Kind, Status, Workout

#: Link... offers workouts (or activities) at most this many days away.
LINK_WINDOW_DAYS = 14


@dataclass(frozen=True, slots=True)
class PriorState:
    """What a linked workout was before the link: Unlink puts these back."""

    status: Status
    actual_duration_min: float | None = None
    actual_distance_km: float | None = None
    actual_rpe: float | None = None

    @classmethod
    def of(cls, workout: Workout) -> PriorState:
        """The state of ``workout`` that a link changes."""
        return cls(
            workout.status,
            workout.actual_duration_min,
            workout.actual_distance_km,
            workout.actual_rpe,
        )

    def restore(self, workout: Workout) -> Workout:
        """``workout`` with these values back (its day, title and notes stay as they are)."""
        return workout.replace(
            status=self.status,
            actual_duration_min=self.actual_duration_min,
            actual_distance_km=self.actual_distance_km,
            actual_rpe=self.actual_rpe,
        )


@dataclass(frozen=True, slots=True)
class StoredActivity:
    """An activity as the plan holds it, with its link.

    Attributes:
        id: the storage id; ``None`` until stored.
        activity: what the file recorded.
        workout_id: the linked workout (at most one activity per workout), or ``None``.
            In a :class:`~planner.core.ports.Batch`, ``-(k + 1)`` names the batch's
            ``workouts[k]``, a workout inserted by the same write.
        prior: what the linked workout was before the link; ``None`` when the link made it
            (Unlink then removes it) or when there is no link.
        estimated_rpe: the effort the link wrote as the workout's actual effort (its planned
            effort): while the workout still says that, the effort is an estimate.
    """

    id: int | None
    activity: Activity
    workout_id: int | None = None
    prior: PriorState | None = None
    estimated_rpe: float | None = None

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    def unlinked(self) -> StoredActivity:
        """The same activity with no workout."""
        return self.replace(workout_id=None, prior=None, estimated_rpe=None)


def effort_is_estimated(workout: Workout, link: StoredActivity | None) -> bool:
    """Whether the workout's actual effort is still the estimate its activity's link wrote."""
    return (
        link is not None
        and link.workout_id == workout.id
        and link.estimated_rpe is not None
        and workout.actual_rpe == link.estimated_rpe
    )


# ---------------------------------------------------------------- what a link writes


def _minutes(activity: Activity) -> float:
    seconds = activity.moving_s if activity.moving_s else activity.elapsed_s
    return min(round(seconds / 60.0, 1), MAX_DURATION_MIN)


def _km(activity: Activity) -> float | None:
    km = activity.distance_km
    if km is None or not math.isfinite(km) or km <= 0:
        return None
    return min(round(km, 2), MAX_DISTANCE_KM)


def linked_workout(workout: Workout, activity: Activity) -> Workout:
    """``workout`` done as ``activity`` recorded it; its effort the planned one (estimated).

    A workout already marked done with an effort keeps that effort.
    """
    effort = workout.actual_rpe if workout.is_done and workout.actual_rpe is not None else None
    km = _km(activity)
    return workout.replace(
        status=Status.DONE,
        actual_duration_min=_minutes(activity),
        actual_distance_km=workout.actual_distance_km if km is None else km,
        actual_rpe=workout.rpe if effort is None else effort,
    )


_SAID = {
    "running": "Run",
    "run": "Run",
    "trail": "Trail run",
    "treadmill": "Treadmill run",
    "track": "Track run",
    "indoor_running": "Treadmill run",
    "virtual_activity": "Virtual run",
    "cycling": "Ride",
    "biking": "Ride",
    "road": "Ride",
    "mountain": "Mountain bike ride",
    "indoor_cycling": "Indoor ride",
    "swimming": "Swim",
    "lap_swimming": "Pool swim",
    "open_water": "Open-water swim",
    "walking": "Walk",
    "hiking": "Hike",
    "rowing": "Row",
    "indoor_rowing": "Indoor row",
    "elliptical": "Elliptical",
    "cross_country_skiing": "Cross-country ski",
    "alpine_skiing": "Ski",
    "strength_training": "Strength training",
    "training": "Training",
    "hiit": "HIIT",
}


def _word(text: str | None) -> str:
    return "_".join("".join(c if c.isalnum() else " " for c in (text or "").lower()).split())


def sport_words(activity: Activity) -> str:
    """The activity's sport as runners say it: ``Trail run``, ``Ride``, ``Strength training``."""
    sport, sub = _word(activity.sport), _word(activity.sub_sport)
    said = _SAID.get(sub) if sub and sub != "generic" else None
    if said is None or (activity.kind is Kind.RUN and "run" not in said.lower()):
        said = _SAID.get(sport) or activity.title
    if activity.kind is Kind.HIIT and sport not in _SAID:
        said = "HIIT"
    return said


#: The parts of a day by the hour they start, as Strava and Garmin name activities.
_PARTS_OF_DAY = ((4, "Morning"), (12, "Afternoon"), (17, "Evening"), (21, "Night"))


def title_for(activity: Activity) -> str:
    """A workout title from the file, as the watch's app names it: ``Morning trail run``.

    The part of the day is the runner's (the file's own offset, else the computer's zone);
    the distance is not in it: the block and the report show it in the runner's units.
    """
    if activity.utc_offset_s is not None:
        hour = (activity.start.astimezone(UTC) + timedelta(seconds=activity.utc_offset_s)).hour
    else:
        hour = activity.start.astimezone().hour
    part = next((name for start, name in reversed(_PARTS_OF_DAY) if hour >= start), "Night")
    words = sport_words(activity)
    if not words[1:2].isupper():  # "HIIT" stays as it is
        words = words[:1].lower() + words[1:]
    return f"{part} {words}"


def new_workout(activity: Activity, position: int = 0) -> Workout:
    """A new done workout made from an activity that matched nothing in the plan."""
    minutes, km = _minutes(activity), _km(activity)
    return Workout(
        id=None,
        day=activity.local_day,
        kind=activity.kind,
        title=title_for(activity),
        position=position,
        duration_min=minutes,
        distance_km=km,
        status=Status.DONE,
        actual_duration_min=minutes,
        actual_distance_km=km,
    )


# ---------------------------------------------------------------- matching on import


def _duration_gap(workout: Workout, activity: Activity) -> float:
    if workout.duration_min is None:
        return math.inf
    return abs(workout.duration_min - activity.elapsed_s / 60.0)


def match(
    activities: Sequence[Activity], workouts: Iterable[Workout], linked: Iterable[int] = ()
) -> list[Workout | None]:
    """For each activity, the planned workout it links to on import, or ``None``.

    ``workouts`` are the plan's workouts on the activities' days; ``linked`` the ids of those
    that already have an activity. An activity takes the unlinked planned workout of its day
    and kind with the closest planned duration (then the earlier position); activities are
    served in start order, and no workout is taken twice.
    """
    taken = set(linked)
    by_day: dict[tuple[date, Kind], list[Workout]] = {}
    for workout in workouts:
        if workout.status is Status.PLANNED and workout.id is not None:
            by_day.setdefault((workout.day, workout.kind), []).append(workout)
    result: list[Workout | None] = [None] * len(activities)
    order = sorted(range(len(activities)), key=lambda i: activities[i].start)
    for index in order:
        activity = activities[index]
        free = [w for w in by_day.get((activity.local_day, activity.kind), ()) if w.id not in taken]
        if not free:
            continue
        best = min(free, key=lambda w: (_duration_gap(w, activity), w.position, w.id or 0))
        taken.add(best.id or 0)
        result[index] = best
    return result


# ---------------------------------------------------------------- Link... candidates


def link_candidates(
    activity: Activity, workouts: Iterable[Workout], linked: Iterable[int] = ()
) -> list[Workout]:
    """The workouts Link... offers for ``activity``, best first.

    Same kind, within :data:`LINK_WINDOW_DAYS` days, not linked to another activity
    (``linked``); ranked by days apart, then by the gap between planned and recorded duration.
    """
    taken = set(linked)
    found = [
        w
        for w in workouts
        if w.kind is activity.kind
        and w.id not in taken
        and abs((w.day - activity.local_day).days) <= LINK_WINDOW_DAYS
    ]
    return sorted(
        found,
        key=lambda w: (
            abs((w.day - activity.local_day).days),
            _duration_gap(w, activity),
            w.day,
            w.position,
        ),
    )


def activity_candidates(
    workout: Workout, activities: Iterable[StoredActivity]
) -> list[StoredActivity]:
    """The stored activities Link... offers for ``workout``, best first (unlinked ones only)."""
    found = [
        s
        for s in activities
        if s.workout_id is None
        and s.activity.kind is workout.kind
        and abs((s.activity.local_day - workout.day).days) <= LINK_WINDOW_DAYS
    ]
    return sorted(
        found,
        key=lambda s: (
            abs((s.activity.local_day - workout.day).days),
            _duration_gap(workout, s.activity),
            s.activity.start,
        ),
    )


__all__ = [
    "LINK_WINDOW_DAYS",
    "PriorState",
    "StoredActivity",
    "activity_candidates",
    "effort_is_estimated",
    "link_candidates",
    "linked_workout",
    "match",
    "new_workout",
    "sport_words",
    "title_for",
]
