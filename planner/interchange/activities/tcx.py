"""TCX files (Garmin Training Center, older exports), read with defusedxml.

``Activities/Activity`` elements, each one activity: its ``Sport`` attribute (Running,
Biking, Other), its ``Id`` (the start), its ``Lap`` summaries and their ``Trackpoint``
samples, with speed and run cadence from the ActivityExtension where present.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, tzinfo
from xml.etree.ElementTree import Element

from planner.core.activity import Activity, Lap
from planner.interchange.activities.safe_xml import local_name, parse
from planner.interchange.activities.samples import ActivityRefused, Samples, Summary, build_activity

NO_TIMES = "no time stamps (the TCX file does not say when the session happened)"


def _child(element: Element, *path: str) -> Element | None:
    for name in path:
        found = next((child for child in element if local_name(child) == name), None)
        if found is None:
            return None
        element = found
    return element


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local_name(child) == name]


def _number(element: Element, *path: str) -> float | None:
    found = _child(element, *path)
    if found is None or found.text is None:
        return None
    try:
        value = float(found.text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _extension(point: Element, name: str) -> float | None:
    extensions = _child(point, "Extensions")
    if extensions is None:
        return None
    for element in extensions.iter():
        if local_name(element) == name and element.text:
            try:
                return float(element.text)
            except ValueError:
                return None
    return None


def _activity(element: Element, source: str, tz: tzinfo | None) -> Activity:
    laps = _children(element, "Lap")
    id_element = _child(element, "Id")
    start = _moment(id_element.text if id_element is not None else None)
    if start is None and laps:
        start = _moment(laps[0].get("StartTime"))
    if start is None:
        raise ActivityRefused(NO_TIMES)
    samples, summary_laps = Samples(), []
    timer = distance = 0.0
    max_hr = None
    for lap in laps:
        lap_start = _moment(lap.get("StartTime")) or start
        lap_time = _number(lap, "TotalTimeSeconds") or 0.0
        lap_distance = _number(lap, "DistanceMeters")
        lap_max = _number(lap, "MaximumHeartRateBpm", "Value")
        timer += lap_time
        distance += lap_distance or 0.0
        max_hr = lap_max if max_hr is None or (lap_max or 0) > max_hr else max_hr
        summary_laps.append(
            Lap(
                start_s=(lap_start - start).total_seconds(),
                elapsed_s=lap_time,
                moving_s=lap_time,
                distance_km=None if lap_distance is None else lap_distance / 1000.0,
                avg_hr=_number(lap, "AverageHeartRateBpm", "Value"),
                max_hr=lap_max,
            )
        )
        for track in _children(lap, "Track"):
            for point in _children(track, "Trackpoint"):
                moment = _moment(getattr(_child(point, "Time"), "text", None))
                if moment is None:
                    continue
                cadence = _number(point, "Cadence")
                samples.add(
                    (moment - start).total_seconds(),
                    _number(point, "DistanceMeters"),
                    _number(point, "HeartRateBpm", "Value"),
                    _number(point, "AltitudeMeters"),
                    _extension(point, "Speed"),
                    cadence if cadence is not None else _extension(point, "RunCadence"),
                )
    last = samples.seconds[-1] if samples.seconds else 0.0
    summary = Summary(
        start=start,
        sport=element.get("Sport") or "",
        elapsed_s=max(last, timer),
        moving_s=timer or None,
        distance_m=distance if any(lap.distance_km is not None for lap in summary_laps) else None,
        max_hr=max_hr,
        laps=summary_laps,
    )
    return build_activity(summary, samples, source, tz)


def read_tcx(data: bytes, source: str, tz: tzinfo | None = None) -> list[Activity]:
    """The activities in a TCX file, or :class:`ActivityRefused` with the reason."""
    root = parse(data, "TCX")
    if local_name(root) != "TrainingCenterDatabase":
        raise ActivityRefused("not a TCX file (its root is not TrainingCenterDatabase)")
    activities = _child(root, "Activities")
    elements = _children(activities, "Activity") if activities is not None else []
    if not elements:
        raise ActivityRefused("not an activity: the TCX file holds no Activity")
    return [_activity(element, source, tz) for element in elements]
