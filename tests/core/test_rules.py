"""The rules engine as the panel uses it: the window, the order, settings, and the preview diff.

The rules one by one are in test_rules_week.py, test_rules_days.py and test_rules_load.py.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import pytest

from planner.core.demo import DemoHistory, generate_history
from planner.core.model import Finding, Severity
from planner.core.rules import (
    RULE_SOURCES,
    RULE_TITLES,
    RULES,
    diff_findings,
    evaluate,
    history_span,
)
from planner.core.settings import RULE_IDS, RuleSettings
from tests.core.rules_kit import day, days, done, findings_of, hiit, rest, run, strength, summary


@cache
def demo() -> DemoHistory:
    return generate_history(years=2, today=date(2026, 11, 18), seed=7)


def test_every_rule_has_a_title_a_source_and_a_function() -> None:
    assert tuple(RULES) == RULE_IDS
    assert tuple(RULE_TITLES) == RULE_IDS
    assert tuple(RULE_SOURCES) == RULE_IDS
    assert all(RULE_TITLES[r] and RULE_SOURCES[r] for r in RULE_IDS)
    assert len(set(RULE_TITLES.values())) == len(RULE_IDS)  # each switch reads differently


def test_findings_carry_their_rules_source() -> None:
    plan = [hiit(day(1)), hiit(day(2))]
    (found,) = findings_of(plan, "HIIT_GAP")
    assert found.source == (
        "guidance: not every day; Stanley et al. 2013 (HRV recovery > 48 h after HIIT)"
    )


def test_findings_come_most_severe_first_then_by_day_then_rule() -> None:
    plan = [
        run(day(0), km=8),
        run(day(1), km=8),
        hiit(day(2)),
        hiit(day(2)),  # two HIIT on Wednesday: critical
        strength(day(4)),
        strength(day(5)),  # strength Friday and Saturday: warning
        done(run(day(3), km=8), heavy_legs=True),
        run(day(4), km=8, minutes=30),  # Friday after heavy legs: warning
        run(day(6), km=12, minutes=75),  # over an hour: info
    ]
    found = evaluate(plan, start=day(0), end=day(6))
    # Monday to Sunday all train: REST_WEEK and REST_STREAK (7 days from Monday) warn, and the
    # daily loads 180, 180, 480, 180, 360, 240, 300 are alike enough for MONOTONY to warn
    # (mean 274.3, SD 105.7: 2.6; the window ending Saturday, with last Sunday's 0, is 1.64,
    # an info: the warning is the worse, its days the 7 days to Sunday); the 12 km on Sunday
    # is 50 % over the 8 km runs before it (RUN_SPIKE).
    assert [(f.severity, f.rule_id, f.days[0]) for f in found] == [
        (Severity.CRITICAL, "HIIT_GAP", day(2)),
        (Severity.WARNING, "MONOTONY", day(0)),
        (Severity.WARNING, "REST_STREAK", day(0)),
        (Severity.WARNING, "REST_WEEK", day(0)),
        (Severity.WARNING, "HEAVY_LEGS", day(3)),
        (Severity.WARNING, "STRENGTH_GAP", day(4)),
        (Severity.WARNING, "RUN_SPIKE", day(6)),
        (Severity.INFO, "FUEL_LONG", day(6)),
    ]


def test_only_findings_with_a_day_in_the_window_are_returned() -> None:
    plan = [hiit(day(-3)), hiit(day(-2)), hiit(day(9)), hiit(day(10)), hiit(day(3))]
    found = evaluate(plan, start=day(0), end=day(6))
    assert all(any(day(0) <= d <= day(6) for d in f.days) for f in found)
    assert [f for f in found if f.rule_id == "HIIT_GAP"] == []


def test_a_one_day_window() -> None:
    plan = [hiit(day(2)), hiit(day(3))]
    assert summary(findings_of(plan, "HIIT_GAP", start=day(3), end=day(3))) == [
        (Severity.WARNING, (day(2), day(3)))
    ]
    assert findings_of(plan, "HIIT_GAP", start=day(4), end=day(4)) == []


def test_a_window_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        evaluate([], start=day(6), end=day(0))


def test_an_empty_plan_says_nothing() -> None:
    assert evaluate([], start=day(0), end=day(6)) == []
    assert evaluate([rest(day(i)) for i in range(7)], start=day(0), end=day(6)) == []


def test_history_span_is_what_the_rules_read() -> None:
    assert history_span(day(0), day(6)) == (day(0) - timedelta(days=90), day(6) + timedelta(90))


def test_workouts_before_the_look_back_are_ignored() -> None:
    # 7 training days in a row ending 91 days before Monday: outside the look-back
    old = [run(day(i)) for i in range(-97, -90)]
    recent = [run(day(i)) for i in range(-90, -83)]  # the same, just inside it
    assert evaluate(old, start=day(0), end=day(0)) == []
    found = evaluate(recent + [run(day(i)) for i in range(-83, 1)], start=day(0), end=day(0))
    assert [(f.rule_id, f.days[0]) for f in found if f.rule_id == "REST_STREAK"] == [
        ("REST_STREAK", day(-90))
    ]


def test_a_disabled_rule_says_nothing() -> None:
    plan = [run(day(i)) for i in range(7)]
    assert findings_of(plan, "REST_WEEK") != []
    settings = RuleSettings(disabled=frozenset({"REST_WEEK"}))
    found = evaluate(plan, start=day(0), end=day(6), settings=settings)
    assert "REST_WEEK" not in {f.rule_id for f in found}
    assert "REST_STREAK" in {f.rule_id for f in found}  # the others still speak


def test_every_rule_can_be_switched_off() -> None:
    history = demo()
    start = date(2026, 11, 9)
    everything = RuleSettings(disabled=frozenset(RULE_IDS))
    assert (
        evaluate(
            history.workouts,
            start=start,
            end=start + timedelta(6),
            weights=history.weights,
            settings=everything,
        )
        == []
    )


def test_evaluate_reads_only_the_days_it_needs_of_a_long_history() -> None:
    history = demo()
    start = date(2026, 3, 2)  # a Monday well inside the history
    end = start + timedelta(days=6)
    first, last = history_span(start, end)
    window = [w for w in history.workouts if first <= w.day <= last]
    weights = [e for e in history.weights if first <= e.day <= last]
    assert evaluate(history.workouts, start=start, end=end, weights=history.weights) == evaluate(
        window, start=start, end=end, weights=weights
    )


def test_weeks_of_a_real_history_give_sane_findings() -> None:
    history = demo()
    start = date(2025, 1, 6)
    seen: set[str] = set()
    for week in range(60):
        first = start + timedelta(weeks=week)
        found = evaluate(
            history.workouts, start=first, end=first + timedelta(6), weights=history.weights
        )
        for f in found:
            assert f.days == tuple(sorted(set(f.days)))
            assert any(first <= d <= first + timedelta(6) for d in f.days)
            # a sentence: a capital or a count first ("6 hard days in a row: ..."), a full stop last
            assert f.message and (f.message[0].isupper() or f.message[0].isdigit())
            assert f.message.endswith(".")
            assert "None" not in f.message and "nan" not in f.message
            seen.add(f.rule_id)
    # the demo runner runs long on Sundays and builds up in blocks: these must come up
    assert {"FUEL_LONG", "WEEK_RAMP"} <= seen


# -- diff_findings -------------------------------------------------------------------------


def finding(rule_id: str, severity: Severity, *offsets: int, message: str = "m") -> Finding:
    return Finding(rule_id, severity, tuple(day(i) for i in offsets), message, "s")


def test_diff_findings_reports_what_a_change_adds_and_clears() -> None:
    kept = finding("REST_WEEK", Severity.INFO, *range(7))
    gone = finding("HIIT_GAP", Severity.WARNING, 1, 2)
    new = finding("STRENGTH_GAP", Severity.WARNING, 3, 4)
    added, cleared = diff_findings([kept, gone], [new, kept])
    assert added == [new]
    assert cleared == [gone]


def test_diff_findings_ignores_changed_figures_but_not_a_changed_severity_or_days() -> None:
    before = finding("WEEK_RAMP", Severity.INFO, *range(7), message="up 12 %")
    assert diff_findings(
        [before], [finding("WEEK_RAMP", Severity.INFO, *range(7), message="up 14 %")]
    ) == ([], [])
    worse = finding("WEEK_RAMP", Severity.WARNING, *range(7), message="up 34 %")
    assert diff_findings([before], [worse]) == ([worse], [before])
    moved = finding("HIIT_GAP", Severity.WARNING, 2, 3)
    earlier = finding("HIIT_GAP", Severity.WARNING, 1, 2)
    assert diff_findings([earlier], [moved]) == ([moved], [earlier])


def test_preview_of_dropping_a_hiit_next_to_another() -> None:
    plan = [hiit(day(1)), run(day(3), minutes=45, rpe=3), run(day(6), km=14, minutes=90)]
    before = evaluate(plan, start=day(0), end=day(6))
    after = evaluate([*plan, hiit(day(2))], start=day(0), end=day(6))
    added, cleared = diff_findings(before, after)
    assert [(f.rule_id, f.severity, f.days) for f in added] == [
        ("HIIT_GAP", Severity.WARNING, (day(1), day(2)))
    ]
    assert cleared == []
    # and the way back clears it
    assert diff_findings(after, before) == ([], added)


def test_message_days_fall_in_the_findings_days() -> None:
    plan = [hiit(day(1)), hiit(day(2))]
    (found,) = findings_of(plan, "HIIT_GAP")
    assert found.days == days(1, 2)
    assert "Tue 17 Nov" in found.message and "Wed 18 Nov" in found.message
