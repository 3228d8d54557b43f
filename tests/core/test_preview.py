"""What a planned edit does to the warnings: added and cleared, rolling rules read as one."""

from __future__ import annotations

from datetime import date, timedelta

from planner.core.model import Finding, Severity
from planner.core.preview import warnings_diff

MON = date(2026, 11, 16)


def f(rule: str, severity: Severity, *offsets: int, message: str = "m") -> Finding:
    return Finding(rule, severity, tuple(MON + timedelta(days=i) for i in offsets), message)


def test_new_and_gone_findings_are_added_and_cleared() -> None:
    before = [f("REST_WEEK", Severity.INFO, *range(7))]
    after = [f("REST_WEEK", Severity.WARNING, *range(7)), f("HIIT_GAP", Severity.WARNING, 1, 2)]
    assert warnings_diff(before, after) == (after, before)


def test_a_rolling_rule_whose_days_shift_at_the_same_severity_is_unchanged() -> None:
    before = [f("LOAD_RATIO", Severity.INFO, *range(-6, 1), message="1.36 times")]
    after = [f("LOAD_RATIO", Severity.INFO, *range(-6, 2), message="1.5 times")]
    assert warnings_diff(before, after) == ([], [])


def test_a_rolling_rule_that_gets_worse_is_added_and_its_milder_self_cleared() -> None:
    before = [f("MONOTONY", Severity.INFO, *range(7))]
    after = [f("MONOTONY", Severity.WARNING, *range(7))]
    assert warnings_diff(before, after) == (after, before)


def test_a_pair_that_moves_is_a_new_warning_and_a_cleared_one() -> None:
    before = [f("HIIT_GAP", Severity.WARNING, 1, 2)]
    after = [f("HIIT_GAP", Severity.WARNING, 3, 4)]
    assert warnings_diff(before, after) == (after, before)
