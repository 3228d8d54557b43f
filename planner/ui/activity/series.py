"""What the activity view plots: pace, heart rate and elevation over distance, as arrays.

The track's columns are read in place (``numpy.frombuffer`` over the float64 bytes), so a
three-hour run at 1 Hz costs a few array operations, not a Python object a sample. Samples
with no distance cannot be placed and are left out; a heart rate or altitude gap stays
``NaN``, where the line breaks. Pace is worked out from speed (from the distance when the
file has no speed), smoothed over a few seconds, and left out while the runner stood still,
so a stop at a crossing does not draw a spike to an hour a kilometre.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from planner.core.activity import Track

#: Slower than this (16:40 min/km) the runner stood or walked to a stop: no pace is drawn.
STOPPED_M_S = 1.0
#: Pace is the mean speed over this many samples (seconds at 1 Hz), centred on each.
SMOOTH_SAMPLES = 15
#: Minutes a kilometre at one metre a second.
_MIN_PER_KM_AT_1_M_S = 1000.0 / 60.0


class ActivitySeries(NamedTuple):
    """The plotted series of one track, every array as long as ``km``.

    Attributes:
        km: distance from the start, kilometres (increasing).
        pace: minutes a kilometre, smoothed; ``NaN`` while stopped or unknown.
        heart_rate: beats a minute as recorded; ``NaN`` in gaps.
        elevation: metres as recorded; ``NaN`` in gaps.
    """

    km: np.ndarray
    pace: np.ndarray
    heart_rate: np.ndarray
    elevation: np.ndarray

    def has(self, name: str) -> bool:
        """Whether series ``name`` has at least one value to draw."""
        values: np.ndarray = getattr(self, name)
        return bool(values.size) and bool(np.isfinite(values).any())

    def points(self) -> dict[str, list[tuple[float, float]]]:
        """Each series as ``(km, value)`` points, gaps left out (DESIGN.md section 5)."""
        found: dict[str, list[tuple[float, float]]] = {}
        for name in ("pace", "heart_rate", "elevation"):
            values: np.ndarray = getattr(self, name)
            keep = np.isfinite(values)
            found[name] = list(zip(self.km[keep].tolist(), values[keep].tolist(), strict=True))
        return found


def _column(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float64)


def _rolling_mean(values: np.ndarray, width: int) -> np.ndarray:
    """The mean of the finite values within ``width`` samples centred on each; NaN if none.

    Near the ends the window is cut short (not padded with zeros).
    """
    finite = np.isfinite(values)
    sums = np.concatenate(([0.0], np.cumsum(np.where(finite, values, 0.0))))
    counts = np.concatenate(([0], np.cumsum(finite)))
    index = np.arange(values.size)
    low = np.maximum(index - width // 2, 0)
    high = np.minimum(index + width // 2 + 1, values.size)
    total, count = sums[high] - sums[low], counts[high] - counts[low]
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / count, np.nan)


def _speed(seconds: np.ndarray, metres: np.ndarray, recorded: np.ndarray) -> np.ndarray:
    """The recorded speed, or the distance over time between samples where none was."""
    if np.isfinite(recorded).any():
        return recorded
    derived = np.full(metres.shape, np.nan)
    if metres.size > 1:
        with np.errstate(invalid="ignore", divide="ignore"):
            derived[1:] = np.diff(metres) / np.diff(seconds)
        derived[0] = derived[1]
    return derived


def activity_series(track: Track) -> ActivitySeries:
    """The series the view plots for ``track``."""
    metres = _column(track.distance_data)
    placed = np.isfinite(metres)
    seconds = _column(track.seconds_data)[placed]
    metres = metres[placed]
    speed = _speed(seconds, metres, _column(track.speed_data)[placed])
    smooth = _rolling_mean(speed, SMOOTH_SAMPLES)
    with np.errstate(invalid="ignore", divide="ignore"):
        pace = np.where(smooth >= STOPPED_M_S, _MIN_PER_KM_AT_1_M_S / smooth, np.nan)
    return ActivitySeries(
        km=metres / 1000.0,
        pace=pace,
        heart_rate=_column(track.heart_rate_data)[placed],
        elevation=_column(track.altitude_data)[placed],
    )


def value_range(values: np.ndarray, *, low: float = 1.0, high: float = 99.0) -> tuple[float, float]:
    """The span of ``values`` worth showing: its ``low`` to ``high`` percentiles, padded.

    A few seconds of a sprint or of a watch's hiccup then do not flatten the rest.
    """
    finite = values[np.isfinite(values)]
    if not finite.size:
        return 0.0, 1.0
    bottom, top = (float(v) for v in np.percentile(finite, [low, high]))
    pad = max((top - bottom) * 0.08, 0.5)
    return bottom - pad, top + pad
