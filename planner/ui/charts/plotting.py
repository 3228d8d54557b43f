"""How a chart's series become plot data, and how much of it a plot item draws.

Days become time-axis positions and values arrays; :func:`visible` finds the slice in view;
a plot item draws every point (:func:`fixed`) or is thinned to the screen (:func:`thin_out`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pyqtgraph as pg

from planner.core.chart_ranges import DAY, MIDDAY
from planner.core.progress import Point


def xs_of_days(points: Sequence[Point], offset: float = MIDDAY) -> np.ndarray:
    """The time-axis positions of ``points``' days (at noon unless told otherwise)."""
    if not points:
        return np.empty(0)
    ordinals = np.fromiter((day.toordinal() for day, _ in points), dtype=float, count=len(points))
    return (ordinals - date(1970, 1, 1).toordinal()) * DAY + offset


#: Curve points drawn per pixel of width, at most: a ten-year line is thinned (keeping each
#: stretch's highest and lowest value) to about what the screen can show.
SAMPLES_PER_PIXEL = 1.0


#: Lines are smoothed (antialiased) while the view spans at most this many days; beyond,
#: a pixel holds days and smoothing would cost most of a frame for no visible gain.
SMOOTH_MAX_DAYS = 200


def fixed(item: pg.PlotDataItem) -> None:
    """Draw every point of ``item`` whatever the view (for a few thousand dots or segments).

    Nothing is recomputed when the view moves: no clipping, no thinning, and no
    re-checking of the value range when only the height changes.
    """
    item.setClipToView(False)
    item.setDownsampling(ds=1, auto=False)
    item.setDynamicRangeLimit(None)


def thin_out(item: pg.PlotDataItem) -> None:
    """Clip a curve to the view and thin it out to about one point per pixel (mean).

    The curves thinned are averages already (the 7-day weight mean, fitness, fatigue): over
    years their mean per pixel reads as the trend, where each pixel's peaks would draw a
    thick jagged band.
    """
    item.setClipToView(True)
    item.setDynamicRangeLimit(None)
    # pyqtgraph keeps ~5 samples a pixel and has no setter for it (0.14): wide antialiased
    # ten-year lines then cost most of a frame.
    item.opts["autoDownsampleFactor"] = SAMPLES_PER_PIXEL
    item.setDownsampling(auto=True, method="mean")


def values_of(points: Sequence[Point]) -> np.ndarray:
    """The values of ``points`` as an array."""
    return np.fromiter((value for _, value in points), dtype=float, count=len(points))


def visible(xs: np.ndarray, x0: float, x1: float, margin: float = 0.0) -> slice:
    """The slice of the sorted positions ``xs`` within ``[x0 - margin, x1 + margin]``."""
    first = int(np.searchsorted(xs, x0 - margin, side="left"))
    last = int(np.searchsorted(xs, x1 + margin, side="right"))
    return slice(first, last)
