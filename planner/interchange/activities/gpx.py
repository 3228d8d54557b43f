"""GPX tracks (Strava, Komoot, Garmin Connect, phone apps), read with gpxpy.

Each track with time stamps is one activity; its sport is the track's ``type`` (Strava
writes ``running``). Heart rate and cadence come from Garmin's TrackPointExtension when
the points carry it. A GPX without time stamps is a route, not a recording: refused.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, tzinfo

import gpxpy
import gpxpy.gpx

from planner.core.activity import Activity
from planner.interchange.activities.safe_xml import check, local_name
from planner.interchange.activities.samples import ActivityRefused, Samples, Summary, build_activity

NO_TIMES = "no time stamps (a route to follow, not a recording of a session)"


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _extension_values(point: gpxpy.gpx.GPXTrackPoint) -> tuple[float | None, float | None]:
    heart_rate = cadence = None
    for extension in point.extensions:
        for element in extension.iter():
            name, text = local_name(element).lower(), (element.text or "").strip()
            try:
                if name in ("hr", "heartrate"):
                    heart_rate = float(text)
                elif name in ("cad", "cadence"):
                    cadence = float(text)
            except ValueError:
                continue
    return heart_rate, cadence


def _track(track: gpxpy.gpx.GPXTrack, source: str, tz: tzinfo | None) -> Activity | None:
    points = [point for segment in track.segments for point in segment.points if point.time]
    if not points:
        return None
    start = _utc(points[0].time)  # type: ignore[arg-type]
    samples = Samples()
    distance = 0.0
    previous = None
    previous_second = 0.0
    for point in points:
        second = (_utc(point.time) - start).total_seconds()  # type: ignore[arg-type]
        speed = math.nan
        if previous is not None:
            step = point.distance_2d(previous) or 0.0
            distance += step
            if second > previous_second:
                speed = step / (second - previous_second)
        heart_rate, cadence = _extension_values(point)
        samples.add(second, distance, heart_rate, point.elevation, speed, cadence)
        previous, previous_second = point, second
    moving = track.get_moving_data()
    uphill = track.get_uphill_downhill().uphill if samples.altitude_m else None
    summary = Summary(
        start=start,
        sport=(track.type or "").strip(),
        elapsed_s=samples.seconds[-1],
        moving_s=float(moving.moving_time) if moving else None,
        distance_m=distance,
        ascent_m=uphill,
    )
    return build_activity(summary, samples, source, tz)


def read_gpx(data: bytes, source: str, tz: tzinfo | None = None) -> list[Activity]:
    """The activities in a GPX file (one a timed track), or :class:`ActivityRefused`."""
    check(data, "GPX")
    try:
        document = gpxpy.parse(data.decode("utf-8-sig", errors="replace"))
    except gpxpy.gpx.GPXException as error:
        raise ActivityRefused(f"not a readable GPX file ({error})") from error
    activities = [
        activity for track in document.tracks if (activity := _track(track, source, tz)) is not None
    ]
    if not activities:
        if not any(segment.points for track in document.tracks for segment in track.segments):
            raise ActivityRefused("nothing was recorded (the GPX file has no track points)")
        raise ActivityRefused(NO_TIMES)
    return activities
