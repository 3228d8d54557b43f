"""Recorded activities <-> the ``activities`` table's values; the track kept compact.

Standard library only. A track column is stored at the resolution the devices record
(milliseconds, centimetres, a tenth of a beat, millimetres a second): each value becomes an
integer, the integers become differences from the one before, their bytes are grouped by
significance (all lowest bytes, then the next...) and the whole is ``zlib``-compressed, with
one byte per sample saying where a gap (NaN) is. A one-hour run at 1 Hz takes about 15 KB
instead of the 144 KB of its float columns. Reading back gives the values on that grid, so
what is read equals what is written again (:func:`canonical`).
"""

from __future__ import annotations

import json
import math
import zlib
from array import array
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from itertools import accumulate
from typing import Any, Final

from planner.core.activity import Activity, Lap, Track
from planner.core.matching import PriorState, StoredActivity
from planner.core.model import Kind, Status

__all__ = [
    "ACTIVITY_FIELDS",
    "activity_from_row",
    "activity_values",
    "as_stored",
    "canonical",
    "decode_column",
    "encode_column",
    "utc_naive",
]

#: Per column of a track: its attribute and how many steps make one unit.
_TRACK: Final = (
    ("track_seconds", "seconds_data", 1000.0),
    ("track_distance", "distance_data", 100.0),
    ("track_heart_rate", "heart_rate_data", 10.0),
    ("track_altitude", "altitude_data", 100.0),
    ("track_speed", "speed_data", 1000.0),
)
_LIMIT: Final = 2.0**62

#: The ``activities`` columns, in the order :func:`activity_from_row` takes them.
ACTIVITY_FIELDS: Final = (
    "id",
    "workout_id",
    "start_utc",
    "utc_offset_s",
    "local_day",
    "sport",
    "sub_sport",
    "kind",
    "elapsed_s",
    "source",
    "moving_s",
    "distance_km",
    "ascent_m",
    "avg_hr",
    "max_hr",
    "avg_cadence",
    "laps",
    *(column for column, _, _ in _TRACK),
    "prior_status",
    "prior_actual_duration_min",
    "prior_actual_distance_km",
    "prior_actual_rpe",
    "estimated_rpe",
)


def encode_column(data: bytes, scale: float) -> bytes:
    """A column of float64 ``data`` as compact bytes (values on a grid of ``1 / scale``)."""
    values = memoryview(data).cast("d")
    gaps = bytearray(len(values))  # 1 where a value is missing (NaN) or impossible
    steps: list[int] = []
    append = steps.append
    last = 0
    for index, value in enumerate(values):
        scaled = value * scale
        if -_LIMIT < scaled < _LIMIT:
            last = round(scaled)
        else:
            gaps[index] = 1
        append(last)  # a gap repeats the value before it: a difference of 0
    raw = array("q", map(int.__sub__, steps, [0, *steps[:-1]])).tobytes()
    planes = b"".join(raw[i::8] for i in range(8))
    return zlib.compress(bytes(gaps) + planes, 6)


def decode_column(blob: bytes, scale: float) -> bytes:
    """The float64 bytes that :func:`encode_column` stored."""
    packed = zlib.decompress(blob)
    count = len(packed) // 9
    gaps, planes = packed[:count], packed[count:]
    raw = bytearray(count * 8)
    for i in range(8):
        raw[i::8] = planes[i * count : (i + 1) * count]
    steps = accumulate(array("q", bytes(raw)))
    values = array(
        "d", (math.nan if gap else step / scale for step, gap in zip(steps, gaps, strict=True))
    )
    return values.tobytes()


def _track_values(track: Track) -> dict[str, bytes]:
    return {column: encode_column(getattr(track, attr), scale) for column, attr, scale in _TRACK}


def _track_from(blobs: Sequence[bytes]) -> Track:
    columns = (
        decode_column(blob, scale) for blob, (_, _, scale) in zip(blobs, _TRACK, strict=True)
    )
    return Track(*columns)


def canonical(track: Track) -> Track:
    """``track`` as the plan file gives it back (each value on its column's grid)."""
    values = _track_values(track)
    return _track_from([values[column] for column, _, _ in _TRACK])


def utc_naive(moment: datetime) -> datetime:
    """An aware moment as stored: UTC, without a zone."""
    return moment.astimezone(UTC).replace(tzinfo=None)


def _number(value: float | None) -> float | None:
    """A stored number: a gap (NaN) or an infinity is stored as nothing (NULL)."""
    return value if value is not None and math.isfinite(value) else None


def _laps_text(laps: Sequence[Lap]) -> str:
    rows = [
        [
            _number(value)
            for value in (
                lap.start_s,
                lap.elapsed_s,
                lap.moving_s,
                lap.distance_km,
                lap.avg_hr,
                lap.max_hr,
            )
        ]
        for lap in laps
    ]
    return json.dumps(rows, separators=(",", ":"))


def _laps_from(text: str) -> tuple[Lap, ...]:
    return tuple(Lap(*row) for row in json.loads(text or "[]"))


def activity_values(stored: StoredActivity) -> dict[str, Any]:
    """The column values of ``stored``, without its id."""
    a, prior = stored.activity, stored.prior
    return {
        "workout_id": stored.workout_id,
        "start_utc": utc_naive(a.start),
        "utc_offset_s": a.utc_offset_s,
        "local_day": a.local_day,
        "sport": a.sport,
        "sub_sport": a.sub_sport,
        "kind": Kind(a.kind).value,
        "elapsed_s": a.elapsed_s,
        "source": a.source,
        "moving_s": _number(a.moving_s),
        "distance_km": _number(a.distance_km),
        "ascent_m": _number(a.ascent_m),
        "avg_hr": _number(a.avg_hr),
        "max_hr": _number(a.max_hr),
        "avg_cadence": _number(a.avg_cadence),
        "laps": _laps_text(a.laps),
        **_track_values(a.track),
        "prior_status": None if prior is None else Status(prior.status).value,
        "prior_actual_duration_min": None if prior is None else prior.actual_duration_min,
        "prior_actual_distance_km": None if prior is None else prior.actual_distance_km,
        "prior_actual_rpe": None if prior is None else prior.actual_rpe,
        "estimated_rpe": _number(stored.estimated_rpe),
    }


def _moment(value: datetime | str) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC)


def as_stored(stored: StoredActivity, activity_id: int) -> StoredActivity:
    """``stored`` as the plan file gives it back once written under ``activity_id``."""
    return activity_from_row({**activity_values(stored), "id": activity_id})


def activity_from_row(row: Sequence[Any] | Mapping[str, Any]) -> StoredActivity:
    """A ``StoredActivity`` from a row of the :data:`ACTIVITY_FIELDS` columns."""
    values = dict(zip(ACTIVITY_FIELDS, row, strict=True)) if not isinstance(row, Mapping) else row
    day = values["local_day"]
    activity = Activity(
        start=_moment(values["start_utc"]),
        local_day=day if isinstance(day, date) else date.fromisoformat(day),
        sport=values["sport"],
        sub_sport=values["sub_sport"],
        kind=Kind(values["kind"]),
        elapsed_s=values["elapsed_s"],
        source=values["source"],
        moving_s=values["moving_s"],
        distance_km=values["distance_km"],
        ascent_m=values["ascent_m"],
        avg_hr=values["avg_hr"],
        max_hr=values["max_hr"],
        avg_cadence=values["avg_cadence"],
        utc_offset_s=values["utc_offset_s"],
        laps=_laps_from(values["laps"]),
        track=_track_from([values[column] for column, _, _ in _TRACK]),
    )
    status = values["prior_status"]
    prior = (
        None
        if status is None
        else PriorState(
            Status(status),
            values["prior_actual_duration_min"],
            values["prior_actual_distance_km"],
            values["prior_actual_rpe"],
        )
    )
    return StoredActivity(
        id=values["id"],
        activity=activity,
        workout_id=values["workout_id"],
        prior=prior,
        estimated_rpe=values["estimated_rpe"],
    )
