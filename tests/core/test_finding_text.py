"""How a finding reads for people: severity words and marks, its days, why, and the count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.core.finding_text import (
    SEVERITY_MARKS,
    SEVERITY_WORDS,
    count_text,
    days_text,
    why_text,
)
from planner.core.model import Finding, Severity

MON = date(2026, 11, 16)


def days(*offsets: int) -> list[date]:
    return [MON + timedelta(days=i) for i in offsets]


@pytest.mark.parametrize(
    ("chosen", "text"),
    [
        (days(1), "Tue 17 Nov"),
        (days(5, 6), "Sat 21 and Sun 22 Nov"),
        (days(0, 1, 2, 3, 4, 5, 6), "Mon 16 – Sun 22 Nov"),
        (days(1, 3, 5), "Tue 17, Thu 19 and Sat 21 Nov"),
        (days(0, 1, 2, 5), "Mon 16 – Wed 18 and Sat 21 Nov"),
        ([date(2026, 10, 31), date(2026, 11, 1)], "Sat 31 Oct and Sun 1 Nov"),
        ([date(2026, 12, 31), date(2027, 1, 1)], "Thu 31 Dec 2026 and Fri 1 Jan 2027"),
        ([date(2026, 10, 29) + timedelta(days=i) for i in range(5)], "Thu 29 Oct – Mon 2 Nov"),
        ([], ""),
    ],
)
def test_days_read_short_with_ranges_and_one_month_each(chosen: list[date], text: str) -> None:
    assert days_text(chosen) == text
    assert days_text(reversed(chosen)) == text  # any order, duplicates too
    assert days_text([*chosen, *chosen]) == text


def test_every_severity_has_a_word_and_a_mark_not_only_a_colour() -> None:
    assert [SEVERITY_WORDS[s] for s in Severity] == ["Info", "Warning", "Critical"]
    assert [SEVERITY_MARKS[s] for s in Severity] == ["i", "!", "!!"]


def test_why_names_the_rule_in_words_and_its_source() -> None:
    finding = Finding("REST_WEEK", Severity.WARNING, tuple(days(0)), "No rest day.", "Meeusen 2013")
    assert why_text(finding) == "Rest days this week. Source: Meeusen 2013"
    streak = Finding("REST_STREAK", Severity.WARNING, tuple(days(0)), "m", "Foster 1998")
    assert why_text(streak) == "Training days in a row. Source: Foster 1998"
    # a rule without a name for people (one the rules do not know) is not shown as an id either
    assert why_text(Finding("NEW_RULE", Severity.INFO, (), "m")) == "New rule"


def test_count_reads_most_severe_first() -> None:
    def f(severity: Severity) -> Finding:
        return Finding("X", severity, (), "m")

    assert count_text([]) == "No warnings"
    assert count_text([f(Severity.WARNING)]) == "1 warning"
    assert count_text([f(Severity.INFO), f(Severity.INFO)]) == "2 info"
    assert (
        count_text(
            [f(Severity.INFO), f(Severity.WARNING), f(Severity.WARNING), f(Severity.CRITICAL)]
        )
        == "1 critical, 2 warnings and 1 info"
    )
