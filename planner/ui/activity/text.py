"""How an activity reads: its sport as people say it, its figures, its splits and laps as text.

Nothing here draws: the summary, the tables and the dialog's title take their words from
these functions, in the runner's units.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

from planner.core.activity import Activity, Lap
from planner.core.formatting import SEPARATOR, format_day, format_distance, format_moment
from planner.core.model import Kind
from planner.core.pace import format_pace, pace_min
from planner.core.settings import Units
from planner.core.splits import Split

_RUN_WORDS = {
    "trail": "Trail run",
    "treadmill": "Treadmill run",
    "track": "Track run",
    "virtual_activity": "Virtual run",
    "indoor_running": "Indoor run",
}
_SPORT_WORDS = {
    "cycling": "Ride",
    "biking": "Ride",
    "swimming": "Swim",
    "walking": "Walk",
    "hiking": "Hike",
    "rowing": "Row",
    "cross_country_skiing": "Cross-country ski",
}
#: What a figure that was not recorded shows.
NONE = "–"


def sport_words(activity: Activity) -> str:
    """The sport as a runner says it: ``Run``, ``Trail run``, ``Ride``, ``Strength training``."""
    sport = (activity.sport or "").strip().lower()
    sub = (activity.sub_sport or "").strip().lower()
    if activity.kind is Kind.RUN:
        return _RUN_WORDS.get(sub, _RUN_WORDS.get(sport, "Run"))
    if activity.kind is Kind.STRENGTH:
        return "Strength training"
    if activity.kind is Kind.HIIT:
        return "HIIT"
    return _SPORT_WORDS.get(sport, activity.title)


def local_start(activity: Activity) -> datetime:
    """When it started on the runner's clock: the file's own offset, else the computer's."""
    if activity.utc_offset_s is not None:
        return activity.start.astimezone(timezone(timedelta(seconds=activity.utc_offset_s)))
    return activity.start.astimezone()


def clock(seconds: float) -> str:
    """A duration as a stopwatch shows it: ``5:33``, ``1:02:03``."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def pace_of(seconds: float | None, km: float | None, units: Units) -> str:
    """The pace over ``km`` in ``seconds`` (``5:33``), without its unit; ``–`` when unknown."""
    if seconds is None or km is None:
        return NONE
    pace = pace_min(seconds / 60.0, km, units)
    return format_pace(pace, units, unit=False) if pace is not None else NONE


def beats(value: float | None) -> str:
    """A heart rate (``152``); ``–`` when unknown."""
    return NONE if value is None or math.isnan(value) else f"{value:.0f}"


def title(activity: Activity) -> str:
    """The dialog's title: ``Run · Tue 17 Nov``."""
    return f"{sport_words(activity)}{SEPARATOR}{format_day(activity.local_day)}"


def heading(activity: Activity) -> str:
    """The day and time it started: ``Tuesday 17 November 2026, 07:30``."""
    return format_moment(local_start(activity))


def summary_items(activity: Activity, units: Units) -> list[tuple[str, str]]:
    """The summary's figures as (caption, value), only those the file recorded."""
    items: list[tuple[str, str]] = []
    km = activity.distance_km if activity.distance_km else None
    if km is not None:
        items.append(("Distance", format_distance(km, units)))
    moving = activity.moving_s
    if moving is not None:
        items.append(("Moving time", clock(moving)))
    items.append(("Elapsed time", clock(activity.elapsed_s)))
    if km is not None:
        pace = pace_of(moving if moving else activity.elapsed_s, km, units)
        items.append(("Average pace", f"{pace} {units.pace_label}" if pace != NONE else NONE))
    if activity.ascent_m is not None and km is not None:  # a gym's barometer drifts
        items.append(("Ascent", f"{activity.ascent_m:.0f} m"))
    if activity.avg_hr is not None:
        items.append(("Average heart rate", f"{beats(activity.avg_hr)} bpm"))
    if activity.max_hr is not None:
        items.append(("Max heart rate", f"{beats(activity.max_hr)} bpm"))
    cadence = cadence_text(activity)
    if cadence:
        items.append(("Average cadence", cadence))
    return items


#: Sports on foot, whose files count strides a minute where people count steps.
_ON_FOOT = frozenset({"walking", "walk", "hiking", "hike"})
#: Sports whose cadence is strokes a minute.
_STROKES = frozenset({"rowing", "swimming", "lap_swimming", "open_water", "paddling", "kayaking"})


def cadence_text(activity: Activity) -> str:
    """Cadence as the sport counts it; "" where a cadence means nothing (strength, HIIT).

    Runs and walks: steps a minute (the files count strides); rowing and swimming: strokes;
    anything else that turns a crank: revolutions.
    """
    cadence = activity.avg_cadence
    if cadence is None or activity.kind in (Kind.STRENGTH, Kind.HIIT):
        return ""
    sport = activity.sport.strip().lower().replace(" ", "_")
    if activity.kind is Kind.RUN or sport in _ON_FOOT:
        return f"{cadence * 2:.0f} spm"
    if sport in _STROKES:
        return f"{cadence:.0f} strokes/min"
    return f"{cadence:.0f} rpm"


def split_row(split: Split, units: Units, *, last: bool) -> list[str]:
    """A splits table row: split, time, pace, average heart rate, climb."""
    length = units.distance_from_km(split.distance_km)
    whole = not last or math.isclose(length, 1.0, abs_tol=0.005)
    return [
        str(split.number) if whole else f"{length:.2f}",
        clock(split.time_s),
        pace_of(split.time_s, split.distance_km, units),
        beats(split.avg_hr),
        NONE if split.gain_m is None else f"{split.gain_m:.0f}",
    ]


def lap_row(number: int, lap: Lap, units: Units) -> list[str]:
    """A laps table row: lap, time, distance, pace, average and max heart rate."""
    moving = lap.moving_s if lap.moving_s else lap.elapsed_s
    return [
        str(number),
        clock(lap.elapsed_s),
        NONE if lap.distance_km is None else format_distance(lap.distance_km, units, unit=False),
        pace_of(moving, lap.distance_km, units),
        beats(lap.avg_hr),
        beats(lap.max_hr),
    ]
