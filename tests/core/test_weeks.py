"""Week arithmetic: first weekdays, ISO labels, parsing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.weeks import (
    MONDAY,
    SUNDAY,
    Week,
    iso_label,
    iso_weeks_in_year,
    parse_week,
    week_of,
    week_start,
)

TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY = 1, 2, 3, 4, 5

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
weekdays = st.integers(min_value=0, max_value=6)


# -- week_start ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_weekday", "expected"),
    [
        (MONDAY, date(2026, 11, 16)),
        (TUESDAY, date(2026, 11, 17)),
        (WEDNESDAY, date(2026, 11, 18)),
        (THURSDAY, date(2026, 11, 19)),
        (FRIDAY, date(2026, 11, 13)),
        (SATURDAY, date(2026, 11, 14)),
        (SUNDAY, date(2026, 11, 15)),
    ],
)
def test_week_start_of_a_thursday_for_every_first_weekday(
    first_weekday: int, expected: date
) -> None:
    thursday = date(2026, 11, 19)
    assert week_start(thursday, first_weekday) == expected
    assert expected.weekday() == first_weekday


def test_week_start_defaults_to_monday() -> None:
    assert week_start(date(2026, 11, 22)) == date(2026, 11, 16)  # a Sunday
    assert week_start(date(2026, 11, 16)) == date(2026, 11, 16)


def test_week_start_across_a_year_boundary() -> None:
    assert week_start(date(2027, 1, 1)) == date(2026, 12, 28)
    assert week_start(date(2027, 1, 1), SUNDAY) == date(2026, 12, 27)
    assert week_start(date(2024, 3, 1)) == date(2024, 2, 26)  # through 29 February


@pytest.mark.parametrize("first_weekday", [-1, 7, 10])
def test_first_weekday_must_be_0_to_6(first_weekday: int) -> None:
    with pytest.raises(ValueError, match="0 \\(Monday\\) to 6 \\(Sunday\\)"):
        week_start(date(2026, 11, 19), first_weekday)


# -- ISO labels ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2026, 11, 21), "2026-W47"),
        (date(2026, 11, 16), "2026-W47"),
        (date(2026, 11, 22), "2026-W47"),
        (date(2026, 11, 23), "2026-W48"),
        (date(2020, 12, 31), "2020-W53"),
        (date(2021, 1, 3), "2020-W53"),
        (date(2021, 1, 4), "2021-W01"),
        (date(2024, 12, 29), "2024-W52"),
        (date(2024, 12, 30), "2025-W01"),
        (date(2026, 1, 1), "2026-W01"),
        (date(2025, 12, 29), "2026-W01"),
        (date(2027, 1, 1), "2026-W53"),
        (date(2027, 1, 4), "2027-W01"),
        (date(2023, 1, 1), "2022-W52"),
        (date(2026, 3, 2), "2026-W10"),
    ],
)
def test_iso_label(day: date, label: str) -> None:
    assert iso_label(day) == label


@pytest.mark.parametrize(
    ("year", "weeks"),
    [(2015, 53), (2020, 53), (2026, 53), (2004, 53), (1992, 53),
     (2021, 52), (2024, 52), (2025, 52), (2023, 52), (2019, 52)],
)  # fmt: skip
def test_iso_weeks_in_year(year: int, weeks: int) -> None:
    # 53 weeks exactly when 1 January is a Thursday, or a Wednesday in a leap year.
    assert iso_weeks_in_year(year) == weeks


def test_monday_week_label_is_its_iso_week() -> None:
    assert Week(date(2020, 12, 28)).label() == "2020-W53"
    assert Week(date(2024, 12, 30)).label() == "2025-W01"


@pytest.mark.parametrize(
    ("day", "first_weekday", "label"),
    [
        # Sunday 27 Dec 2020 to Saturday 2 Jan 2021: six of its days are in 2020-W53.
        (date(2021, 1, 1), SUNDAY, "2020-W53"),
        # Sunday 15 to Saturday 21 Nov 2026: Monday to Saturday are in W47.
        (date(2026, 11, 21), SUNDAY, "2026-W47"),
        # Thursday 19 to Wednesday 25 Nov: Thursday to Sunday (4 days) are in W47.
        (date(2026, 11, 19), THURSDAY, "2026-W47"),
        # Friday 20 to Thursday 26 Nov: Monday to Thursday (4 days) are in W48.
        (date(2026, 11, 20), FRIDAY, "2026-W48"),
        # Saturday 26 Dec 2026 to Friday 1 Jan 2027: Monday to Friday are in 2026-W53.
        (date(2026, 12, 26), SATURDAY, "2026-W53"),
    ],
)
def test_other_first_weekdays_take_the_iso_week_of_most_of_their_days(
    day: date, first_weekday: int, label: str
) -> None:
    assert week_of(day, first_weekday).label() == label


# -- parse_week ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("2026-W47", date(2026, 11, 16)),
        ("2026W47", date(2026, 11, 16)),
        ("2026-w47", date(2026, 11, 16)),
        ("  2026-W47\n", date(2026, 11, 16)),
        ("2020-W53", date(2020, 12, 28)),
        ("2025-W01", date(2024, 12, 30)),
        ("2026-W53", date(2026, 12, 28)),
        ("2026-W47-3", date(2026, 11, 16)),
        ("2026-11-21", date(2026, 11, 16)),
        ("2026-11-16", date(2026, 11, 16)),
        ("2026-11-22", date(2026, 11, 16)),
        ("2021-01-03", date(2020, 12, 28)),
    ],
)
def test_parse_week_of_labels_and_dates(text: str, start: date) -> None:
    assert parse_week(text) == Week(start)


@pytest.mark.parametrize(
    ("text", "first_weekday", "start"),
    [
        ("2026-11-21", SUNDAY, date(2026, 11, 15)),
        ("2026-W47", SUNDAY, date(2026, 11, 15)),
        ("2026-W47", SATURDAY, date(2026, 11, 14)),
        ("2026-W47", FRIDAY, date(2026, 11, 13)),
        # The week called 2026-W47 is the one whose fourth day lies in W47: for Thursday
        # weeks that is 19 to 25 Nov (Thu 12 to Wed 18 Nov has 4 days in W46).
        ("2026-W47", THURSDAY, date(2026, 11, 19)),
        ("2026-W47", WEDNESDAY, date(2026, 11, 18)),
        ("2026-W47", TUESDAY, date(2026, 11, 17)),
        # A week date names a day: the week is the one holding that day.
        ("2026-W47-7", THURSDAY, date(2026, 11, 19)),
        ("2026-W47-1", THURSDAY, date(2026, 11, 12)),
        ("2026-W47-1", SUNDAY, date(2026, 11, 15)),
    ],
)
def test_parse_week_with_another_first_weekday(text: str, first_weekday: int, start: date) -> None:
    week = parse_week(text, first_weekday)
    assert week == Week(start)
    assert week.start.weekday() == first_weekday


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021-W53", "2021 has no week 53 (it has 52)."),
        ("2026-W54", "2026 has no week 54 (it has 53)."),
        ("2026-W00", "2026 has no week 0 (it has 53)."),
    ],
)
def test_parse_week_rejects_weeks_the_year_does_not_have(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", "\\(").replace(")", "\\)")):
        parse_week(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "next week",
        "W47",
        "2026-W5",
        "2026-W47-8",
        "2026-13-01",
        "2026-02-30",
        "47",
        "0000-W01",  # there is no year 0
        "0000-01-01",
        "0001-01-01T00:00",
    ],
)
def test_parse_week_rejects_garbage_with_an_example(text: str) -> None:
    with pytest.raises(ValueError, match="not a week or a date") as info:
        parse_week(text)
    assert "2026-W47" in str(info.value)  # shows what a week looks like
    assert repr(text.strip()) in str(info.value)  # and quotes what was typed


def test_parse_week_of_the_first_days_of_the_calendar() -> None:
    assert parse_week("0001-01-03") == Week(date(1, 1, 1))  # 1 January 1 AD was a Monday
    assert parse_week("0001-W01") == Week(date(1, 1, 1))
    # A Sunday week holding 1 January 1 AD would start before the calendar does.
    with pytest.raises(ValueError, match="not a week or a date"):
        parse_week("0001-01-01", SUNDAY)


def test_parse_week_error_does_not_chain_the_internal_error() -> None:
    with pytest.raises(ValueError, match="not a week") as info:
        parse_week("soon")
    assert info.value.__suppress_context__


# -- Week ----------------------------------------------------------------------------------


def test_week_days_end_and_membership() -> None:
    week = Week(date(2026, 12, 28))
    assert week.end == date(2027, 1, 3)
    assert week.days == tuple(date(2026, 12, 28) + timedelta(days=i) for i in range(7))
    assert list(week) == list(week.days)
    assert date(2027, 1, 3) in week
    assert date(2026, 12, 27) not in week
    assert date(2027, 1, 4) not in week
    assert "2026-12-28" not in week


def test_shifted_next_previous_across_years() -> None:
    week = Week(date(2026, 12, 28))
    assert week.next == Week(date(2027, 1, 4))
    assert week.previous == Week(date(2026, 12, 21))
    assert week.shifted(0) == week
    assert week.shifted(53) == Week(date(2028, 1, 3))
    assert week.shifted(-53).label() == "2025-W52"
    assert Week(date(2021, 1, 4)).previous.label() == "2020-W53"


def test_weeks_sort_by_start() -> None:
    weeks = [Week(date(2026, 11, 23)), Week(date(2026, 11, 9)), Week(date(2026, 11, 16))]
    assert [w.start.day for w in sorted(weeks)] == [9, 16, 23]


# -- properties ----------------------------------------------------------------------------


@given(days, weekdays)
def test_a_day_is_in_its_week(day: date, first_weekday: int) -> None:
    week = week_of(day, first_weekday)
    assert day in week
    assert week.start.weekday() == first_weekday
    assert 0 <= (day - week.start).days <= 6


@given(days, weekdays)
def test_week_start_is_a_fixed_point(day: date, first_weekday: int) -> None:
    start = week_start(day, first_weekday)
    assert week_start(start, first_weekday) == start
    assert week_of(start + timedelta(days=6), first_weekday).start == start


@given(days, weekdays, st.integers(min_value=-2000, max_value=2000))
def test_shifting_there_and_back_is_identity(day: date, first_weekday: int, n: int) -> None:
    week = week_of(day, first_weekday)
    assert week.shifted(n).shifted(-n) == week
    assert (week.shifted(n).start - week.start).days == 7 * n
    assert week.next.previous == week


@given(days, weekdays)
def test_a_week_has_seven_consecutive_distinct_days(day: date, first_weekday: int) -> None:
    week = week_of(day, first_weekday)
    assert len(week.days) == 7
    assert len(set(week.days)) == 7
    assert all((b - a).days == 1 for a, b in zip(week.days, week.days[1:], strict=False))
    assert sorted(d.weekday() for d in week.days) == list(range(7))
    assert week.days[-1] == week.end


@given(days, weekdays)
def test_parse_week_of_any_date_holds_it(day: date, first_weekday: int) -> None:
    assert day in parse_week(day.isoformat(), first_weekday)


@given(days, weekdays)
def test_parse_week_of_its_own_label_gives_the_week_back(day: date, first_weekday: int) -> None:
    week = week_of(day, first_weekday)
    assert parse_week(week.label(), first_weekday) == week


@given(days)
def test_monday_weeks_are_iso_weeks(day: date) -> None:
    week = week_of(day)
    year, number, _weekday = day.isocalendar()
    assert week.start == date.fromisocalendar(year, number, 1)
    assert week.label() == iso_label(day) == f"{year:04d}-W{number:02d}"
    assert 1 <= number <= iso_weeks_in_year(year)
