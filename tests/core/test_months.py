"""Month arithmetic: the six-week grid of a month, and moving by whole months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.months import (
    GRID_DAYS,
    add_months,
    grid_end,
    grid_start,
    grid_weeks,
    month_start,
    same_month,
)
from planner.core.weeks import MONDAY, SUNDAY

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
weekdays = st.integers(min_value=0, max_value=6)


@pytest.mark.parametrize(
    ("first_weekday", "expected"),
    [(MONDAY, date(2026, 10, 26)), (SUNDAY, date(2026, 11, 1))],
)
def test_november_2026_starts_on_the_week_holding_its_first(first_weekday, expected) -> None:
    # 1 November 2026 is a Sunday: a Monday grid starts the Monday before, a Sunday grid on it.
    assert grid_start(date(2026, 11, 18), first_weekday) == expected


def test_a_month_ending_late_in_its_week_still_fits_six_weeks() -> None:
    # August 2026 starts on a Saturday and has 31 days: it spans six Monday weeks.
    assert grid_end(date(2026, 8, 1), MONDAY) == date(2026, 9, 6)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_moving_by_months_keeps_the_day_or_takes_the_last(day, months, expected) -> None:
    assert add_months(day, months) == expected


@given(days, weekdays)
def test_the_grid_holds_the_whole_month_from_its_first_weekday(day: date, first: int) -> None:
    start, end = grid_start(day, first), grid_end(day, first)
    first_day = month_start(day)
    last_day = add_months(first_day, 1) - timedelta(days=1)
    assert start.weekday() == first
    assert start <= first_day and last_day <= end
    assert (end - start).days + 1 == GRID_DAYS
    assert first_day - start < timedelta(days=7)  # the first week holds the 1st
    weeks = grid_weeks(day, first)
    assert weeks[0].start == start and weeks[-1].end == end


@given(days, st.integers(min_value=-240, max_value=240))
def test_moving_there_and_back_lands_in_the_same_month(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert moved.day <= day.day
    assert same_month(add_months(moved, -months), day)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
