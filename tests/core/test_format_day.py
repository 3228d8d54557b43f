"""Days for people: one formatter, English names, no leading zero on the day of the month."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.finding_text import day_text
from planner.core.formatting import format_day

MONDAY_9 = date(2026, 11, 9)


@pytest.mark.parametrize(
    ("options", "text"),
    [
        ({}, "Mon 9 Nov"),
        ({"month": False}, "Mon 9"),
        ({"year": True}, "Mon 9 Nov 2026"),
        ({"long": True}, "Monday 9 November"),
        ({"long": True, "year": True}, "Monday 9 November 2026"),
        ({"weekday": False, "year": True}, "9 Nov 2026"),
        ({"weekday": False, "long": True}, "9 November"),
    ],
)
def test_a_day_reads_as_people_write_it(options: dict[str, bool], text: str) -> None:
    assert format_day(MONDAY_9, **options) == text


def test_every_month_has_its_three_letters_and_the_warnings_use_the_short_form() -> None:
    firsts = [date(2026, month, 1) for month in range(1, 13)]
    assert [format_day(d, weekday=False) for d in firsts] == [
        "1 Jan", "1 Feb", "1 Mar", "1 Apr", "1 May", "1 Jun",
        "1 Jul", "1 Aug", "1 Sep", "1 Oct", "1 Nov", "1 Dec",
    ]  # fmt: skip
    assert all(day_text(d) == format_day(d) for d in firsts)
    assert day_text(MONDAY_9, month=False) == format_day(MONDAY_9, month=False)
