"""Recorded activities built directly (no file): realistic runs for the activity view.

:func:`recorded_run` makes what a watch records on a rolling trail run at 1 Hz: pace that
drifts and wobbles, a stop at a crossing, heart rate that climbs and has a short gap,
hills, laps every ten minutes. Seeded, so every call gives the same run.
"""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime

from planner.core.activity import Activity, Lap, Track
from planner.core.model import Kind

#: The runs' start: a Tuesday morning, 07:30 in Berlin.
START = datetime(2026, 11, 17, 6, 30, tzinfo=UTC)
#: Where the runner stands still at a crossing (seconds from the start), and the heart
#: rate strap's short gap.
STOP_S = (1500, 1530)
HR_GAP_S = (2000, 2060)


def recorded_run(hours: float = 1.0, *, seed: int = 3, lap_s: int = 600) -> Activity:
    """A trail run of ``hours`` at 1 Hz, about 11 km an hour, with laps every ``lap_s``."""
    rnd = random.Random(seed)
    n = int(hours * 3600) + 1
    seconds, distance, heart, altitude, speed = [], [], [], [], []
    metres = 0.0
    for i in range(n):
        pace = 3.1 + 0.25 * math.sin(i / 300) + rnd.gauss(0, 0.12)
        moving = 0.0 if STOP_S[0] < i < STOP_S[1] else max(pace, 0.0)
        metres += moving
        seconds.append(float(i))
        distance.append(metres)
        speed.append(moving)
        bpm = 128 + 25 * (1 - math.exp(-i / 600)) + 6 * math.sin(i / 250) + rnd.gauss(0, 0.5)
        heart.append(math.nan if HR_GAP_S[0] < i < HR_GAP_S[1] else bpm)
        altitude.append(60 + 25 * math.sin(i / 700) + 8 * math.sin(i / 97))
    laps = tuple(
        Lap(
            start_s=float(start),
            elapsed_s=float(min(lap_s, n - 1 - start)),
            moving_s=float(min(lap_s, n - 1 - start)),
            distance_km=(distance[min(start + lap_s, n - 1)] - distance[start]) / 1000,
            avg_hr=145.0 + k,
            max_hr=158.0 + k,
        )
        for k, start in enumerate(range(0, n - 1, lap_s))
    )
    moving_s = float(n - 1 - (STOP_S[1] - STOP_S[0]))
    return Activity(
        start=START,
        local_day=date(2026, 11, 17),
        sport="running",
        sub_sport="trail",
        kind=Kind.RUN,
        elapsed_s=float(n - 1),
        source="trail.fit",
        moving_s=moving_s,
        distance_km=metres / 1000,
        ascent_m=212.0 * hours,
        avg_hr=147.0,
        max_hr=171.0,
        avg_cadence=86.0,
        utc_offset_s=3600,
        laps=laps,
        track=Track.from_columns(seconds, distance, heart, altitude, speed),
    )
