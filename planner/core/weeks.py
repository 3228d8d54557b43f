"""Week arithmetic. Every function that needs "today" takes it; nothing here reads the clock.

Weekdays are numbered like :meth:`datetime.date.weekday`: Monday 0 to Sunday 6. A week
"starting on" weekday ``first`` is the seven days from the latest such weekday on or before
a date. Week labels (``2026-W47``) are ISO 8601 weeks, which always start on Monday.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

MONDAY = 0
SUNDAY = 6
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{2})(?:-?([1-7]))?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True, order=True)
class Week:
    """Seven consecutive days starting on ``start``."""

    start: date

    @property
    def end(self) -> date:
        """The last day of the week."""
        return self.start + timedelta(days=6)

    @property
    def days(self) -> tuple[date, ...]:
        """The seven days, first to last."""
        return tuple(self.start + timedelta(days=i) for i in range(7))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def __iter__(self) -> Iterator[date]:
        return iter(self.days)

    def shifted(self, weeks: int) -> Week:
        """The week ``weeks`` weeks later (earlier when negative)."""
        return Week(self.start + timedelta(weeks=weeks))

    @property
    def next(self) -> Week:
        """The following week."""
        return self.shifted(1)

    @property
    def previous(self) -> Week:
        """The week before."""
        return self.shifted(-1)

    def label(self) -> str:
        """The ISO week label of the week's Thursday-anchored ISO week, e.g. ``2026-W47``.

        For a week that starts on Monday this is exactly its ISO week. For other first
        weekdays it is the ISO week holding most of its days (the one of its fourth day).
        """
        return iso_label(self.start + timedelta(days=3))


def week_start(day: date, first_weekday: int = MONDAY) -> date:
    """The first day of the week holding ``day``."""
    _check_weekday(first_weekday)
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def week_of(day: date, first_weekday: int = MONDAY) -> Week:
    """The week holding ``day``."""
    return Week(week_start(day, first_weekday))


def iso_label(day: date) -> str:
    """The ISO 8601 week label of ``day``: ``2026-W47``."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def iso_weeks_in_year(year: int) -> int:
    """52 or 53: how many ISO weeks ``year`` has."""
    return date(year, 12, 28).isocalendar()[1]


def parse_week(text: str, first_weekday: int = MONDAY) -> Week:
    """The week named by ``text``: an ISO week (``2026-W47``) or any ISO date in it.

    An ISO week names the week whose :meth:`Week.label` it is (for weeks not starting on
    Monday, the one whose fourth day lies in it); an ISO week date (``2026-W47-3``) names a
    day, and so the week holding that day.

    Raises:
        ValueError: with a message for people when ``text`` names no week.
    """
    text = text.strip()
    match = _ISO_WEEK.match(text)
    if match:
        year, week = int(match.group(1)), int(match.group(2))
        if year >= 1 and not 1 <= week <= iso_weeks_in_year(year):
            raise ValueError(f"{year} has no week {week} (it has {iso_weeks_in_year(year)}).")
    try:
        if match:
            # Without a weekday, anchor on Thursday: the week holding the ISO week's Thursday
            # is the one whose fourth day (the day its label comes from) lies in that ISO week.
            weekday = int(match.group(3)) if match.group(3) else 4
            day = date.fromisocalendar(int(match.group(1)), int(match.group(2)), weekday)
        else:
            day = date.fromisoformat(text)
        return week_of(day, first_weekday)
    except (ValueError, OverflowError):  # OverflowError: a week before 1 January 1 AD
        raise ValueError(
            f"{text!r} is not a week or a date: use a week like 2026-W47 or a date like 2026-11-21."
        ) from None


def _check_weekday(weekday: int) -> None:
    if not 0 <= weekday <= 6:
        raise ValueError(f"A weekday is 0 (Monday) to 6 (Sunday), not {weekday}.")
