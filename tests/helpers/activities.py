"""Recorded activities for the storage and service tests: a realistic run, and its record."""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from planner.core.activity import Activity, Lap, Track
from planner.core.model import Kind, Workout


def recorded_run(
    day: date = date(2026, 11, 17),
    *,
    seconds: int = 3600,
    hour: int = 7,
    seed: int = 1,
    kind: Kind = Kind.RUN,
    sport: str = "running",
) -> Activity:
    """A run recorded at 1 Hz as a watch does: GPS-noisy speed, heart rate, hills, a gap."""
    rng = random.Random(seed)
    distance, speeds, distances, rates, heights = 0.0, [], [], [], []
    for second in range(seconds):
        speed = round(max(0.0, 3.2 + 0.4 * math.sin(second / 300) + rng.gauss(0, 0.15)), 3)
        distance = round(distance + speed, 2)
        speeds.append(speed)
        distances.append(distance)
        rates.append(math.nan if 600 <= second < 620 else float(140 + rng.randint(-3, 12)))
        heights.append(round(120 + 15 * math.sin(second / 500) + rng.gauss(0, 0.3), 1))
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    laps = tuple(Lap(float(s), 600.0, 600.0, 1.9, 150.0, math.nan) for s in range(0, seconds, 600))
    return Activity(
        start=start,
        local_day=day,
        sport=sport,
        sub_sport=None,
        kind=kind,
        elapsed_s=float(seconds),
        source=f"run-{seed}.fit",
        moving_s=float(seconds - 30),
        distance_km=distance / 1000,
        ascent_m=80.0,
        avg_hr=148.0,
        max_hr=171.0,
        avg_cadence=172.0,
        utc_offset_s=3600,
        laps=laps,
        track=Track.from_columns(
            [float(s) for s in range(seconds)], distances, rates, heights, speeds
        ),
    )


def later(activity: Activity, minutes: float) -> Activity:
    """The same recording started ``minutes`` later (another session, or a near duplicate)."""
    from dataclasses import replace

    return replace(activity, start=activity.start + timedelta(minutes=minutes))


#: The local day of ``tests.helpers.fit_files.RUN_START`` (in Berlin: a Tuesday).
RUN_DAY = date(2026, 11, 17)


def plan_awaiting_the_run(path: Path) -> Path:
    """A new plan at ``path`` with an easy run planned on :data:`RUN_DAY`, for the watch's run."""
    from planner.storage.db import open_database

    with open_database(path) as database:
        database.repository.bulk_insert_workouts(
            [Workout(None, RUN_DAY, Kind.RUN, "Easy run", 0, 55.0, 10.0, 4.0)]
        )
    return path
