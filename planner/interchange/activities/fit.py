"""FIT activity files (Garmin, Coros, Wahoo, Suunto, Strava's originals), read with fitdecode.

A FIT file says what it is in its ``file_id`` message; only activities are read (a course,
a workout or the watch's settings are refused, by name). The checksum is checked: a damaged
or cut file is refused, never half read. Each ``session`` message becomes one activity (a
triathlon gives three), with the ``lap`` messages and ``record`` samples inside its time.
The ``activity`` message's local time stamp gives the runner's own offset from UTC.
"""

from __future__ import annotations

import io
from bisect import bisect_left, bisect_right
from datetime import datetime, timedelta, tzinfo
from typing import Any

import fitdecode

from planner.core.activity import Activity, Lap
from planner.interchange.activities.samples import ActivityRefused, Samples, Summary, build_activity

#: What a non-activity FIT file is, in words, by its ``file_id.type``.
_FILE_TYPES = {
    "device": "device information",
    "settings": "the watch's settings",
    "sport": "sport settings",
    "workout": "a workout (a plan for a session, not a recording of one)",
    "course": "a course (a route to follow, not a recording)",
    "schedules": "a schedule",
    "weight": "weigh-ins from a scale",
    "totals": "lifetime totals",
    "goals": "goals",
    "blood_pressure": "blood pressure readings",
    "monitoring_a": "all-day monitoring",
    "monitoring_b": "all-day monitoring",
    "monitoring_daily": "all-day monitoring",
    "activity_summary": "an activity summary without its recording",
    "segment": "a segment",
    "segment_list": "a segment list",
}

DAMAGED = "the file is damaged (its checksum does not match)"

Values = dict[str, Any]


def _values(frame: fitdecode.FitDataMessage) -> Values:
    return {field.name: field.value for field in frame.fields}


def _frames(data: bytes) -> Any:
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.RAISE,
    )
    with reader:
        for frame in reader:
            if frame.frame_type == fitdecode.FIT_FRAME_DATA:
                yield frame


def _not_an_activity(values: Values) -> str | None:
    kind = values.get("type")
    if kind == "activity":
        return None
    what = _FILE_TYPES.get(str(kind), f"a FIT file of type {kind!r}")
    return f"not an activity: {what}"


class _Messages:
    """The messages an activity is made of, gathered in one pass over the file."""

    def __init__(self) -> None:
        self.times: list[datetime] = []
        self.records: list[tuple[Any, ...]] = []
        self.laps: list[Values] = []
        self.sessions: list[Values] = []
        self.activity: Values = {}
        self.sport: Values = {}

    def read(self, data: bytes) -> None:
        saw_file_id = False
        for frame in _frames(data):
            name = frame.name
            if name == "record":
                values = _values(frame)
                moment = values.get("timestamp")
                if moment is None:
                    continue
                altitude = values.get("enhanced_altitude", values.get("altitude"))
                speed = values.get("enhanced_speed", values.get("speed"))
                self.times.append(moment)
                self.records.append(
                    (
                        values.get("distance"),
                        values.get("heart_rate"),
                        altitude,
                        speed,
                        values.get("cadence"),
                    )
                )
            elif name == "file_id" and not saw_file_id:
                saw_file_id = True
                refusal = _not_an_activity(_values(frame))
                if refusal:
                    raise ActivityRefused(refusal)
            elif not saw_file_id:
                raise ActivityRefused("not a FIT activity: it does not say what it holds")
            elif name == "lap":
                self.laps.append(_values(frame))
            elif name == "session":
                self.sessions.append(_values(frame))
            elif name == "activity":
                self.activity = _values(frame)
            elif name == "sport":
                self.sport = _values(frame)

    def utc_offset_s(self) -> int | None:
        local, utc = self.activity.get("local_timestamp"), self.activity.get("timestamp")
        if not isinstance(local, datetime) or not isinstance(utc, datetime):
            return None
        offset = (local.replace(tzinfo=None) - utc.replace(tzinfo=None)).total_seconds()
        if abs(offset) > 14 * 3600:
            return None
        return round(offset / 60) * 60

    def implied_session(self) -> Values:
        """A session for a file that has records but no session message."""
        if not self.times:
            raise ActivityRefused("nothing was recorded (no session and no samples)")
        return {
            "start_time": self.times[0],
            "sport": self.sport.get("sport", "generic"),
            "sub_sport": self.sport.get("sub_sport"),
        }


def _number(values: Values, *names: str) -> float | None:
    for name in names:
        value = values.get(name)
        if isinstance(value, int | float):
            return float(value)
    return None


def _lap(values: Values, start: datetime) -> Lap | None:
    lap_start = values.get("start_time")
    elapsed = _number(values, "total_elapsed_time")
    if not isinstance(lap_start, datetime) or elapsed is None:
        return None
    distance = _number(values, "total_distance")
    return Lap(
        start_s=(lap_start - start).total_seconds(),
        elapsed_s=elapsed,
        moving_s=_number(values, "total_timer_time"),
        distance_km=None if distance is None else distance / 1000.0,
        avg_hr=_number(values, "avg_heart_rate"),
        max_hr=_number(values, "max_heart_rate"),
    )


def _session(
    messages: _Messages, session: Values, only: bool, source: str, tz: tzinfo | None
) -> Activity:
    start = session.get("start_time") or session.get("timestamp")
    if not isinstance(start, datetime):
        raise ActivityRefused("no time stamps: the session does not say when it started")
    elapsed = _number(session, "total_elapsed_time")
    times = messages.times
    if only:
        first, last = 0, len(times)
    else:
        end = start + timedelta(seconds=elapsed or 0.0)
        first, last = bisect_left(times, start), bisect_right(times, end)
    seconds = [(moment - start).total_seconds() for moment in times[first:last]]
    samples = Samples.from_rows(seconds, messages.records[first:last])
    end_moment = start + timedelta(seconds=elapsed or 0.0)
    laps = [
        lap
        for values in messages.laps
        if only or start <= values.get("start_time", start) < end_moment
        if (lap := _lap(values, start)) is not None
    ]
    summary = Summary(
        start=start,
        sport=str(session.get("sport") or "generic"),
        sub_sport=None if session.get("sub_sport") is None else str(session["sub_sport"]),
        elapsed_s=elapsed,
        moving_s=_number(session, "total_moving_time", "total_timer_time"),
        distance_m=_number(session, "total_distance"),
        ascent_m=_number(session, "total_ascent"),
        avg_hr=_number(session, "avg_heart_rate"),
        max_hr=_number(session, "max_heart_rate"),
        avg_cadence=_number(session, "avg_running_cadence", "avg_cadence"),
        utc_offset_s=messages.utc_offset_s(),
        laps=laps,
    )
    return build_activity(summary, samples, source, tz)


def _checksum_matches(data: bytes) -> bool:
    """Whether a single FIT file's closing checksum matches its contents."""
    if len(data) < 14:
        return False
    end = data[0] + int.from_bytes(data[4:8], "little")
    if end + 2 > len(data):
        return False
    expected = int.from_bytes(data[end : end + 2], "little")
    return bool(fitdecode.utils.compute_crc(data, start=0, end=end) == expected)


def read_fit(data: bytes, source: str, tz: tzinfo | None = None) -> list[Activity]:
    """The activities in a FIT file (one a session), or :class:`ActivityRefused` with why."""
    messages = _Messages()
    try:
        messages.read(data)
    except fitdecode.FitHeaderError as error:
        raise ActivityRefused("not a FIT file (it does not start as one)") from error
    except fitdecode.FitCRCError as error:
        raise ActivityRefused(DAMAGED) from error
    except fitdecode.FitEOFError as error:
        raise ActivityRefused(
            "the file is cut short (truncated, as when a watch stops while writing)"
        ) from error
    except ActivityRefused:
        if not _checksum_matches(data):  # refused early, before fitdecode reached the end
            raise ActivityRefused(DAMAGED) from None
        raise
    except Exception as error:
        # fitdecode checks the checksum at the end, and on the way it trusts a damaged file's
        # sizes and definitions and fails in its own ways (struct, index, type errors...)
        raise ActivityRefused("the file is damaged (it cannot be decoded)") from error
    sessions = messages.sessions or [messages.implied_session()]
    only = len(sessions) == 1
    return [_session(messages, session, only, source, tz) for session in sessions]
