"""Shared by the three formats: the refusal they raise, and an activity made from samples.

Each reader collects a session's samples in :class:`Samples` (one list a column, NaN where a
sample lacks a value) and its summary as the file states it; :func:`build_activity` fills
what the file leaves out (distance, elapsed time, heart rate, ascent) from the track.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from itertools import pairwise

from planner.core.activity import Activity, Lap, Track, finite, kind_for_sport, local_day

NAN = math.nan


class ActivityRefused(Exception):  # noqa: N818 - a refusal, reported, not a crash
    """The file cannot give an activity; ``str(error)`` is the reason in a runner's words."""


@dataclass
class Samples:
    """A session's per-second samples, column by column, as the reader finds them."""

    seconds: list[float] = field(default_factory=list)
    distance_m: list[float] = field(default_factory=list)
    heart_rate: list[float] = field(default_factory=list)
    altitude_m: list[float] = field(default_factory=list)
    speed_m_s: list[float] = field(default_factory=list)
    cadence: list[float] = field(default_factory=list)

    def add(
        self,
        second: float,
        distance_m: float | None,
        heart_rate: float | None,
        altitude_m: float | None,
        speed_m_s: float | None,
        cadence: float | None = None,
    ) -> None:
        """Append one sample; a missing value becomes NaN."""
        self.seconds.append(second)
        self.distance_m.append(NAN if distance_m is None else float(distance_m))
        self.heart_rate.append(NAN if heart_rate is None else float(heart_rate))
        self.altitude_m.append(NAN if altitude_m is None else float(altitude_m))
        self.speed_m_s.append(NAN if speed_m_s is None else float(speed_m_s))
        self.cadence.append(NAN if cadence is None else float(cadence))

    @classmethod
    def from_rows(cls, seconds: list[float], rows: Sequence[tuple[float | None, ...]]) -> Samples:
        """Samples from rows of (distance, heart rate, altitude, speed, cadence)."""
        columns = list(zip(*rows, strict=True)) if rows else [(), (), (), (), ()]
        filled = [[NAN if value is None else float(value) for value in col] for col in columns]
        return cls(seconds, *filled)

    def track(self) -> Track:
        """The samples as a compact track (cadence is summarised, not kept per second)."""
        return Track.from_columns(
            self.seconds, self.distance_m, self.heart_rate, self.altitude_m, self.speed_m_s
        )


@dataclass
class Summary:
    """What a file states about a whole session; None where it states nothing."""

    start: datetime
    sport: str
    sub_sport: str | None = None
    elapsed_s: float | None = None
    moving_s: float | None = None
    distance_m: float | None = None
    ascent_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_cadence: float | None = None
    utc_offset_s: int | None = None
    laps: list[Lap] = field(default_factory=list)


def _ascent(altitudes: list[float]) -> float | None:
    heights = finite(altitudes)
    if len(heights) < 2:
        return None
    return sum(max(0.0, b - a) for a, b in pairwise(heights))


def _mean(values: list[float]) -> float | None:
    numbers = [value for value in finite(values) if value > 0]
    return sum(numbers) / len(numbers) if numbers else None


def build_activity(summary: Summary, samples: Samples, source: str, tz: tzinfo | None) -> Activity:
    """The activity from its summary, with what the summary lacks worked out from samples."""
    elapsed = summary.elapsed_s
    if elapsed is None:
        elapsed = samples.seconds[-1] if samples.seconds else 0.0
    distance_m = summary.distance_m
    if distance_m is None:
        distance_m = max(finite(samples.distance_m), default=None)
    max_hr = summary.max_hr
    if max_hr is None:
        max_hr = max(finite(samples.heart_rate), default=None)
    start = summary.start
    return Activity(
        start=start,
        local_day=local_day(start, summary.utc_offset_s, tz),
        sport=summary.sport,
        sub_sport=summary.sub_sport,
        kind=kind_for_sport(summary.sport, summary.sub_sport),
        elapsed_s=float(elapsed),
        source=source,
        moving_s=summary.moving_s,
        distance_km=None if distance_m is None else distance_m / 1000.0,
        ascent_m=summary.ascent_m if summary.ascent_m is not None else _ascent(samples.altitude_m),
        avg_hr=summary.avg_hr if summary.avg_hr is not None else _mean(samples.heart_rate),
        max_hr=max_hr,
        avg_cadence=(
            summary.avg_cadence if summary.avg_cadence is not None else _mean(samples.cadence)
        ),
        utc_offset_s=summary.utc_offset_s,
        laps=tuple(summary.laps),
        track=samples.track(),
    )
