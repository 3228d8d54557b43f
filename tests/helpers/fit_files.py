"""FIT files for the tests, written with fit-tool (BSD-3), never vendored.

Each maker returns the bytes of one file as a watch would write it: a one-hour run at 1 Hz
with laps, heart rate and altitude; a cycling ride; a strength session; and files that are
not activities (a course, a workout, a settings file). :func:`damaged` and :func:`truncated` cut or
change bytes for the broken cases.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from typing import Any

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.course_message import CourseMessage
from fit_tool.profile.messages.device_settings_message import DeviceSettingsMessage
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.profile_type import (
    Event,
    EventType,
    FileType,
    Manufacturer,
    Sport,
    SubSport,
)

#: The start of the runs the tests make: a Tuesday morning in Berlin (UTC+1 in November).
RUN_START = datetime(2026, 11, 17, 6, 30, tzinfo=UTC)


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def _file_id(builder: FitFileBuilder, kind: FileType, moment: datetime) -> None:
    message = FileIdMessage()
    message.type = kind
    message.manufacturer = Manufacturer.DEVELOPMENT.value
    message.product = 0
    message.time_created = _ms(moment)
    message.serial_number = 0x12345678
    builder.add(message)


def _event(builder: FitFileBuilder, kind: EventType, moment: datetime) -> None:
    message = EventMessage()
    message.event = Event.TIMER
    message.event_type = kind
    message.timestamp = _ms(moment)
    builder.add(message)


def activity(
    *,
    sport: Sport = Sport.RUNNING,
    sub_sport: SubSport = SubSport.STREET,
    start: datetime = RUN_START,
    seconds: int = 3600,
    speed_m_s: float = 3.0,
    laps: int = 6,
    heart_rate: bool = True,
    utc_offset_s: int | None = 3600,
    with_records: bool = True,
) -> bytes:
    """One recorded activity at 1 Hz: records, ``laps`` even laps, a session and an activity.

    The heart rate drifts from 130 to about 160, altitude is a 20 m sine, speed is constant.
    ``utc_offset_s`` sets the activity message's local time stamp (None leaves it out).
    """
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    _file_id(builder, FileType.ACTIVITY, start)
    _event(builder, EventType.START, start)
    if with_records:
        records = []
        for second in range(seconds + 1):
            record = RecordMessage()
            record.timestamp = _ms(start + timedelta(seconds=second))
            record.distance = second * speed_m_s
            record.speed = speed_m_s
            record.altitude = 100.0 + 20.0 * math.sin(2 * math.pi * second / 900)
            if heart_rate:
                record.heart_rate = 130 + second * 30 // max(seconds, 1)
            record.cadence = 85
            records.append(record)
        builder.add_all(records)
    end = start + timedelta(seconds=seconds)
    _event(builder, EventType.STOP_ALL, end)
    lap_s = seconds / laps
    for index in range(laps):
        lap = LapMessage()
        lap_start = start + timedelta(seconds=index * lap_s)
        lap.timestamp = _ms(lap_start + timedelta(seconds=lap_s))
        lap.start_time = _ms(lap_start)
        lap.total_elapsed_time = lap_s
        lap.total_timer_time = lap_s
        lap.total_distance = lap_s * speed_m_s
        if heart_rate:
            lap.avg_heart_rate = 140
            lap.max_heart_rate = 150
        builder.add(lap)
    session = SessionMessage()
    session.timestamp = _ms(end)
    session.start_time = _ms(start)
    session.sport = sport
    session.sub_sport = sub_sport
    session.total_elapsed_time = float(seconds)
    session.total_timer_time = float(seconds) - 60.0 if seconds > 120 else float(seconds)
    session.total_distance = seconds * speed_m_s
    session.total_ascent = 80
    if heart_rate:
        session.avg_heart_rate = 145
        session.max_heart_rate = 161
    session.avg_cadence = 85
    session.num_laps = laps
    builder.add(session)
    message = ActivityMessage()
    message.timestamp = _ms(end)
    message.total_timer_time = float(seconds)
    message.num_sessions = 1
    if utc_offset_s is not None:
        message.local_timestamp = round(end.timestamp()) + utc_offset_s - 631065600
    builder.add(message)
    return bytes(builder.build().to_bytes())


def one_hour_run(**changes: object) -> bytes:
    """A one-hour road run at 1 Hz, 10.8 km, six laps, heart rate and altitude."""
    return activity(**changes)  # type: ignore[arg-type]


def cycling_ride() -> bytes:
    """A 20-minute ride at 8 m/s (9.6 km)."""
    return activity(sport=Sport.CYCLING, sub_sport=SubSport.ROAD, seconds=1200, speed_m_s=8.0)


def strength_session() -> bytes:
    """A 30-minute strength session: no distance, no records."""
    return activity(
        sport=Sport.TRAINING,
        sub_sport=SubSport.STRENGTH_TRAINING,
        seconds=1800,
        speed_m_s=0.0,
        laps=1,
        with_records=False,
    )


def _file(kind: FileType, messages: list[Any]) -> bytes:
    """A FIT file of ``kind`` holding ``messages`` after its file_id."""
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    _file_id(builder, kind, RUN_START)
    builder.add_all(messages)
    return bytes(builder.build().to_bytes())


def course() -> bytes:
    """A course file (a route to follow, not something recorded)."""
    message = CourseMessage()
    message.course_name = "Park loop"
    message.sport = Sport.RUNNING
    records = []
    for second in range(0, 600, 10):
        record = RecordMessage()
        record.timestamp = _ms(RUN_START + timedelta(seconds=second))
        record.distance = second * 3.0
        records.append(record)
    return _file(FileType.COURSE, [message, *records])


def settings() -> bytes:
    """A device settings file."""
    message = DeviceSettingsMessage()
    message.utc_offset = 0
    return _file(FileType.SETTINGS, [message])


def workout() -> bytes:
    """A workout file (a plan for a session, sent to the watch)."""
    message = WorkoutMessage()
    message.workout_name = "Tempo"
    message.sport = Sport.RUNNING
    message.num_valid_steps = 0
    return _file(FileType.WORKOUT, [message])


def damaged(data: bytes) -> bytes:
    """The same file with one byte of its records changed: the checksum no longer matches."""
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x5A]) + data[middle + 1 :]


def truncated(data: bytes) -> bytes:
    """The first two thirds of the file, as a watch leaves it when its battery dies."""
    return data[: len(data) * 2 // 3]
