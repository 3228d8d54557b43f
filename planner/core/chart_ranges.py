"""Days on the charts' time axis, and the spans the range selector offers.

The time axis counts seconds since 1970-01-01 at UTC midnight, which is what pyqtgraph's
``DateAxisItem(utcOffset=0)`` labels without daylight-saving shifts. A day ``d`` covers
``[day_x(d), day_x(d) + DAY)``; daily values sit at its middle.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from datetime import date, timedelta
from typing import Final

from planner.core.weeks import Week

#: Seconds in a day: one day's width on the time axis.
DAY: Final = 86400.0
#: Where daily values sit within their day (noon).
MIDDAY: Final = DAY / 2
_EPOCH: Final = date(1970, 1, 1).toordinal()
#: Days shown after the calendar's week, so the next week's plan is in view.
LOOK_AHEAD_DAYS: Final = 7
#: The narrowest span the charts zoom into.
MIN_SPAN_DAYS: Final = 7


def day_x(day: date) -> float:
    """The start of ``day`` on the time axis (UTC midnight, in seconds)."""
    return (day.toordinal() - _EPOCH) * DAY


def x_day(x: float) -> date:
    """The day a point of the time axis lies in."""
    return date.fromordinal(_EPOCH + math.floor(x / DAY))


class ChartRange(enum.Enum):
    """The spans the range selector offers.

    Attributes:
        label: the button text.
        days: the span in days; ``None`` for the whole history.
    """

    FOUR_WEEKS = ("4 weeks", 28)
    TWELVE_WEEKS = ("12 weeks", 84)
    YEAR = ("1 year", 364)
    ALL = ("All", None)

    def __init__(self, label: str, days: int | None) -> None:
        self.label = label
        self.days = days

    @classmethod
    def from_name(cls, name: object, default: ChartRange) -> ChartRange:
        """The range called ``name`` (as stored in settings), else ``default``."""
        return cls.__members__.get(str(name), default)


def view_days(
    chart_range: ChartRange,
    week: Week,
    extent: tuple[date, date] | None,
    last_planned: Callable[[date, date], date | None] | None = None,
) -> tuple[date, date]:
    """The first day and the day after the last of the span ``chart_range`` shows.

    A fixed span ends a week after the calendar's week (so the coming week's plan shows),
    or with the last week holding a planned session when that is later, as long as the
    calendar's week stays in the span's second half (so "4 weeks" always keeps the two weeks
    before it, and "1 year" shows up to half a year of plan); it reaches back from there.
    "All" covers ``extent`` (the first and last day holding data) and at least the
    calendar's week.

    Args:
        chart_range: the span.
        week: the calendar's week.
        extent: the first and last day holding data, ``None`` when there is none.
        last_planned: the last day holding a planned session between two days (both
            included), ``None`` when there is none.
    """
    end = week.end + timedelta(days=1 + LOOK_AHEAD_DAYS)
    if chart_range.days is not None:
        latest = week.start + timedelta(days=chart_range.days // 2)
        if last_planned is not None and latest > end:
            planned = last_planned(end, latest - timedelta(days=1))
            if planned is not None:  # to the end of its week, weeks counted from the calendar's
                weeks = -(-((planned - week.start).days + 1) // 7)
                end = max(end, week.start + timedelta(weeks=weeks))
        return end - timedelta(days=chart_range.days), end
    if extent is None:
        return week.start, end
    first, last = extent
    return min(first, week.start), max(last + timedelta(days=1), week.end + timedelta(days=1))


def padded(first: date, after_last: date, fraction: float = 0.01) -> tuple[float, float]:
    """The time-axis range of ``[first, after_last)`` with a small margin on both sides."""
    x0, x1 = day_x(first), day_x(after_last)
    margin = max((x1 - x0) * fraction, DAY / 4)
    return x0 - margin, x1 + margin
