"""Month arithmetic for the month grid: six weeks that hold a month, and moving by months.

Like :mod:`planner.core.weeks`, nothing here reads the clock. A month is named by its first
day; the grid of a month starts on the runner's first weekday on or before that day and
always has :data:`GRID_WEEKS` weeks, so every month (even a 31-day one starting on the last
weekday) fits and the grid keeps its size from month to month.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from planner.core.weeks import MONDAY, Week, week_start

#: How many weeks a month grid shows.
GRID_WEEKS = 6
#: How many days a month grid shows.
GRID_DAYS = 7 * GRID_WEEKS


def month_start(day: date) -> date:
    """The first day of the month holding ``day``."""
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` months, on the same day of the month where it exists.

    A day the other month lacks becomes its last day: 31 January plus one month is
    28 (or 29) February.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def grid_start(month: date, first_weekday: int = MONDAY) -> date:
    """The first day of the month grid of ``month`` (any day of it)."""
    return week_start(month_start(month), first_weekday)


def grid_weeks(month: date, first_weekday: int = MONDAY) -> tuple[Week, ...]:
    """The :data:`GRID_WEEKS` weeks of the month grid of ``month``, first to last."""
    start = grid_start(month, first_weekday)
    return tuple(Week(start + timedelta(weeks=i)) for i in range(GRID_WEEKS))


def grid_end(month: date, first_weekday: int = MONDAY) -> date:
    """The last day of the month grid of ``month``."""
    return grid_start(month, first_weekday) + timedelta(days=GRID_DAYS - 1)


def same_month(one: date, other: date) -> bool:
    """Whether two days lie in the same month of the same year."""
    return (one.year, one.month) == (other.year, other.month)
