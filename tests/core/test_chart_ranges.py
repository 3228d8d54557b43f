"""Days on the charts' time axis, and the span each range of the selector shows.

Pure: no Qt, no pyqtgraph. The user-facing behaviour (the window's charts following the
calendar) is covered through the window in ``tests/ui/charts/test_chart_ranges.py``.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.core.chart_ranges import (
    DAY,
    LOOK_AHEAD_DAYS,
    MIDDAY,
    ChartRange,
    day_x,
    padded,
    view_days,
    x_day,
)
from planner.core.weeks import Week

WEEK = Week(date(2026, 11, 16))  # Monday 16 to Sunday 22 November 2026
AFTER_LOOK_AHEAD = date(2026, 11, 30)  # the day after the week following the calendar's


def test_the_axis_counts_seconds_from_1970_at_utc_midnight() -> None:
    assert day_x(date(1970, 1, 1)) == 0.0
    assert day_x(date(1970, 1, 2)) == DAY
    assert MIDDAY == DAY / 2


@pytest.mark.parametrize("day", [date(1969, 12, 31), date(2026, 11, 18), date(2100, 2, 28)])
def test_every_point_of_a_day_lies_in_that_day(day: date) -> None:
    assert x_day(day_x(day)) == day
    assert x_day(day_x(day) + MIDDAY) == day
    assert x_day(day_x(day) + DAY - 0.5) == day
    assert x_day(day_x(day) + DAY) == day + timedelta(days=1)


def test_ranges_are_named_as_settings_store_them() -> None:
    assert ChartRange.from_name("YEAR", ChartRange.ALL) is ChartRange.YEAR
    assert ChartRange.from_name("no such range", ChartRange.ALL) is ChartRange.ALL
    assert ChartRange.from_name(None, ChartRange.FOUR_WEEKS) is ChartRange.FOUR_WEEKS
    assert [r.label for r in ChartRange] == ["4 weeks", "12 weeks", "1 year", "All"]


@pytest.mark.parametrize("chart_range", [ChartRange.FOUR_WEEKS, ChartRange.TWELVE_WEEKS])
def test_a_fixed_span_ends_a_week_after_the_calendars(chart_range: ChartRange) -> None:
    assert chart_range.days is not None
    first, after_last = view_days(chart_range, WEEK, None)
    assert after_last == WEEK.end + timedelta(days=1 + LOOK_AHEAD_DAYS) == AFTER_LOOK_AHEAD
    assert (after_last - first).days == chart_range.days


def test_a_later_planned_session_extends_the_span_to_the_end_of_its_week() -> None:
    planned = date(2027, 2, 10)  # a Wednesday, 12 weeks on
    asked: list[tuple[date, date]] = []

    def last_planned(first: date, last: date) -> date | None:
        asked.append((first, last))
        return planned

    first, after_last = view_days(ChartRange.YEAR, WEEK, None, last_planned)
    assert asked == [(AFTER_LOOK_AHEAD, WEEK.start + timedelta(days=182 - 1))]
    assert after_last == date(2027, 2, 15)  # the Monday after the planned session's week
    assert (after_last - first).days == 364


def test_the_calendars_week_stays_in_the_spans_second_half() -> None:
    """A four-week span never reaches past two weeks after the calendar's week starts."""
    first, after_last = view_days(
        ChartRange.FOUR_WEEKS, WEEK, None, lambda _first, _last: date(2027, 6, 1)
    )
    assert (first, after_last) == (date(2026, 11, 2), AFTER_LOOK_AHEAD)


def test_all_covers_the_data_and_the_calendars_week() -> None:
    extent = (date(2020, 3, 4), date(2026, 11, 17))
    assert view_days(ChartRange.ALL, WEEK, extent) == (date(2020, 3, 4), date(2026, 11, 23))
    assert view_days(ChartRange.ALL, WEEK, (date(2026, 1, 1), date(2027, 1, 9))) == (
        date(2026, 1, 1),
        date(2027, 1, 10),
    )
    assert view_days(ChartRange.ALL, WEEK, None) == (WEEK.start, AFTER_LOOK_AHEAD)


def test_padded_adds_a_margin_of_at_least_a_quarter_day() -> None:
    x0, x1 = padded(WEEK.start, WEEK.end + timedelta(days=1))
    assert (day_x(WEEK.start) - x0, x1 - day_x(WEEK.end + timedelta(days=1))) == (DAY / 4, DAY / 4)
    first = date(2016, 11, 16)
    x0, x1 = padded(first, WEEK.start, fraction=0.01)
    margin = (day_x(WEEK.start) - day_x(first)) * 0.01
    assert x0 == pytest.approx(day_x(first) - margin)
    assert x1 == pytest.approx(day_x(WEEK.start) + margin)
