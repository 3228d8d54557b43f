"""Splits: a recorded track cut at every kilometre or mile, as runners read a run.

:func:`splits` walks a :class:`~planner.core.activity.Track`'s columns once. A split ends
where the distance crosses the next whole kilometre (or mile) from the start; the moment
it does is interpolated between the two samples around it, so the splits' distances add
up to the distance covered and their times to the time it took. The last split is the
part left over (``0.8`` of a kilometre). Samples with no distance (``NaN``) are skipped;
heart rate and altitude gaps are left out of the averages and the gain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from planner.core.activity import Track
from planner.core.settings import Units

#: Below this the last split is rounding left over, not a piece of the run (a tenth of a
#: metre): the split before it takes it.
_LEFTOVER_M = 0.1


@dataclass(frozen=True, slots=True)
class Split:
    """One kilometre (or mile) of a track.

    Attributes:
        number: 1 for the first split.
        distance_km: how far it covers (a whole unit, less for the last one).
        time_s: how long it took.
        avg_hr: the mean heart rate of its samples, ``None`` when none was recorded.
        gain_m: metres climbed (the rises between its altitude samples), ``None``
            when no altitude was recorded.
    """

    number: int
    distance_km: float
    time_s: float
    avg_hr: float | None
    gain_m: float | None

    @property
    def pace_s_per_km(self) -> float | None:
        """Seconds a kilometre; ``None`` for a split of no distance."""
        return self.time_s / self.distance_km if self.distance_km > 0 else None


class _Open:
    """The split being walked: where it started, and its heart rate and altitude so far."""

    def __init__(self, start_m: float, start_s: float) -> None:
        self.start_m = start_m
        self.start_s = start_s
        self.hr_sum = 0.0
        self.hr_count = 0
        self.gain = 0.0
        self.climbed = False

    def add(self, heart_rate: float, rise: float) -> None:
        if heart_rate == heart_rate:  # not NaN
            self.hr_sum += heart_rate
            self.hr_count += 1
        if rise == rise:
            self.climbed = True
            if rise > 0:
                self.gain += rise

    def close(self, number: int, end_m: float, end_s: float) -> Split:
        return Split(
            number=number,
            distance_km=(end_m - self.start_m) / 1000.0,
            time_s=end_s - self.start_s,
            avg_hr=self.hr_sum / self.hr_count if self.hr_count else None,
            gain_m=self.gain if self.climbed else None,
        )


def splits(track: Track, units: Units = Units.KM) -> list[Split]:
    """The track's splits per kilometre (or per mile, with ``units``), in order.

    Distances are measured from the first sample that has one. An empty track, or one
    that never moves, has no splits.
    """
    unit_m = units.distance_to_km(1.0) * 1000.0
    seconds, distance = track.seconds, track.distance_m
    heart_rate, altitude = track.heart_rate, track.altitude_m
    found: list[Split] = []
    current: _Open | None = None
    last_m = last_s = 0.0
    last_alt = math.nan
    origin = 0.0
    for i in range(len(track)):
        metres = distance[i]
        if metres != metres:  # NaN: where this sample was is unknown
            continue
        second = seconds[i]
        alt = altitude[i]
        if current is None:
            origin = metres
            current = _Open(metres, second)
            last_m, last_s, last_alt = metres, second, alt
            current.add(heart_rate[i], math.nan)
            continue
        metres = max(metres, last_m)  # a distance never goes back
        boundary = origin + (len(found) + 1) * unit_m
        while metres > boundary:  # a sample on a boundary ends the split it closes
            at = last_s + (second - last_s) * (boundary - last_m) / (metres - last_m)
            found.append(current.close(len(found) + 1, boundary, at))
            current = _Open(boundary, at)
            boundary = origin + (len(found) + 1) * unit_m
        current.add(heart_rate[i], alt - last_alt)
        if alt == alt:
            last_alt = alt
        last_m, last_s = metres, second
    if current is None:
        return found
    leftover = current.close(len(found) + 1, last_m, last_s)
    if leftover.distance_km * 1000.0 > _LEFTOVER_M or not found:
        if leftover.distance_km > 0:
            found.append(leftover)
    elif leftover.time_s > 0:  # rounding left over: the last split takes its seconds
        end = found[-1]
        found[-1] = replace(
            end,
            distance_km=end.distance_km + leftover.distance_km,
            time_s=end.time_s + leftover.time_s,
        )
    return found


def covered(track: Track) -> tuple[float, float]:
    """The distance (km) the track covers and the time (s) it took.

    Both run from the first sample with a distance to the last; ``(0, 0)`` when none has one.
    """
    distance, seconds = track.distance_m, track.seconds
    first = last = None
    for i in range(len(track)):
        if distance[i] == distance[i]:
            if first is None:
                first = i
            last = i
    if first is None or last is None:
        return 0.0, 0.0
    top = max(distance[i] for i in range(first, last + 1) if distance[i] == distance[i])
    return (top - distance[first]) / 1000.0, seconds[last] - seconds[first]


__all__ = ["Split", "covered", "splits"]
