"""Workouts as an iCalendar file (RFC 5545), for calendar apps; written with ``icalendar``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from planner import __version__
from planner.core.formatting import workout_line
from planner.core.model import Status, Workout
from planner.core.settings import Units

#: Calendar apps group a sender's events by this; never change it.
PRODID = "-//Legwork//Legwork training plan//EN"
#: What a race's summary and category say.
RACE = "Race"


def workouts_to_ics(
    workouts: Iterable[Workout], *, stamp: datetime, units: Units = Units.KM
) -> str:
    """The workouts as a calendar of all-day events, one per workout.

    Args:
        workouts: what to export.
        stamp: when the export was made (``DTSTAMP``), timezone-aware.
        units: the units of the distances in the events' text (what people read).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Legwork training plan")
    for workout in workouts:
        event = Event()
        event.add("uid", _uid(workout))
        event.add("dtstamp", stamp)
        event.add("dtstart", workout.day)
        event.add("dtend", workout.day + timedelta(days=1))
        event.add("summary", _summary(workout, units))
        event.add("categories", [workout.kind.label, *([RACE] if workout.race else [])])
        description = _description(workout)
        if description:
            event.add("description", description)
        if workout.status is Status.SKIPPED:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")


def _uid(workout: Workout) -> str:
    """Stable per workout, so re-importing an export updates events instead of adding."""
    if workout.id is not None:
        return f"workout-{workout.id}@legwork"
    digest = hashlib.sha256(repr((workout.content_key(), workout.position)).encode()).hexdigest()
    return f"workout-{digest[:20]}@legwork"


def _summary(workout: Workout, units: Units) -> str:
    """The event's title: ``[R] Long run · 1 h 40 · 16 km``; a race says so first."""
    if workout.race:
        workout = workout.replace(title=f"{RACE}: {workout.title}")
    return workout_line(workout, units)


def _description(workout: Workout) -> str:
    lines = []
    if workout.race:
        lines.append("A race: the goal of the plan")
    if workout.effective_rpe is not None:
        lines.append(f"Effort (RPE): {workout.effective_rpe:g}/10")
    if workout.heavy_legs:
        lines.append("Legs felt heavy afterwards")
    if workout.notes:
        lines.append(workout.notes)
    lines.append(f"Exported from Legwork {__version__}")
    return "\n".join(lines)
