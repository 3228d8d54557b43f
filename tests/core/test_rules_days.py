"""The day rules: streaks, HIIT and strength gaps, hard days, heavy legs, run spikes, fuel.

The evaluated week is Monday 16 to Sunday 22 November 2026 (``day(0)`` .. ``day(6)``); each
expected figure is worked out by hand from RULES.md.
"""

from __future__ import annotations

import pytest

from planner.core.model import Severity, Workout
from planner.core.settings import RuleSettings, Units
from tests.core.rules_kit import (
    day,
    days,
    done,
    findings_of,
    hiit,
    rest,
    run,
    skipped,
    strength,
    summary,
)

# -- REST_STREAK ---------------------------------------------------------------------------


def test_six_days_in_a_row_are_fine() -> None:
    plan = [run(day(i)) for i in range(6)]  # Monday to Saturday
    assert findings_of(plan, "REST_STREAK") == []


def test_seven_days_in_a_row_across_the_week_boundary_is_a_warning() -> None:
    # last Sunday (history) and Monday to Saturday: 7 days in a row
    plan = [run(day(i)) for i in range(-1, 6)]
    found = findings_of(plan, "REST_STREAK")
    assert summary(found) == [(Severity.WARNING, days(-1, 5))]
    assert (
        found[0].message == "7 training days in a row (Sun 15 Nov to Sat 21 Nov): add a rest day."
    )


def test_thirteen_days_warn_and_fourteen_are_critical() -> None:
    thirteen = [strength(day(i)) for i in range(-6, 7)]
    assert summary(findings_of(thirteen, "REST_STREAK")) == [(Severity.WARNING, days(-6, 6))]
    fourteen = [hiit(day(i)) for i in range(-7, 7)]
    assert summary(findings_of(fourteen, "REST_STREAK")) == [(Severity.CRITICAL, days(-7, 6))]


def test_a_rest_block_or_a_skipped_session_breaks_a_streak() -> None:
    plan = [run(day(i)) for i in range(7) if i != 3] + [rest(day(3)), skipped(run(day(3)))]
    assert findings_of(plan, "REST_STREAK") == []


def test_a_streak_running_into_next_week_shows_in_both_weeks() -> None:
    plan = [run(day(i)) for i in range(3, 11)]  # Thursday to next Thursday: 8 days
    this_week = findings_of(plan, "REST_STREAK")
    next_week = findings_of(plan, "REST_STREAK", start=day(7), end=day(13))
    assert summary(this_week) == [(Severity.WARNING, days(3, 10))]
    assert this_week == next_week


def test_a_streak_is_counted_from_the_90_day_look_back_only() -> None:
    plan = [run(day(i)) for i in range(-120, 1)]  # 121 days up to Monday
    found = findings_of(plan, "REST_STREAK")
    # the rules look back 90 days: day(-90) .. day(0) is 91 days
    assert summary(found) == [(Severity.CRITICAL, days(-90, 0))]
    assert found[0].message.startswith("91 training days in a row")


# -- HIIT_GAP ------------------------------------------------------------------------------


def test_hiit_on_consecutive_days_is_a_warning() -> None:
    found = findings_of([hiit(day(1)), hiit(day(2))], "HIIT_GAP")
    assert summary(found) == [(Severity.WARNING, (day(1), day(2)))]
    assert found[0].message == (
        "HIIT on Tue 17 Nov and again on Wed 18 Nov: HIIT needs about 48 h between sessions. "
        "Move one of them."
    )


def test_hiit_two_days_apart_is_fine() -> None:
    assert findings_of([hiit(day(1)), hiit(day(3)), hiit(day(5))], "HIIT_GAP") == []


def test_two_hiit_sessions_on_one_day_are_critical() -> None:
    found = findings_of([hiit(day(2)), hiit(day(2), minutes=20)], "HIIT_GAP")
    assert summary(found) == [(Severity.CRITICAL, (day(2),))]
    assert found[0].message.startswith("2 HIIT sessions on Wed 18 Nov")


def test_a_skipped_hiit_session_needs_no_gap() -> None:
    assert findings_of([hiit(day(1)), skipped(hiit(day(2)))], "HIIT_GAP") == []


def test_hiit_from_sunday_to_monday_shows_in_both_weeks() -> None:
    plan = [hiit(day(6)), hiit(day(7))]
    this_week = findings_of(plan, "HIIT_GAP")
    assert summary(this_week) == [(Severity.WARNING, (day(6), day(7)))]
    assert findings_of(plan, "HIIT_GAP", start=day(7), end=day(13)) == this_week


def test_hiit_on_last_sunday_and_monday_shows_this_week() -> None:
    found = findings_of([hiit(day(-1)), hiit(day(0))], "HIIT_GAP")
    assert summary(found) == [(Severity.WARNING, (day(-1), day(0)))]


def test_a_pair_entirely_before_the_week_does_not_show() -> None:
    assert findings_of([hiit(day(-3)), hiit(day(-2))], "HIIT_GAP") == []


# -- STRENGTH_GAP --------------------------------------------------------------------------


def test_strength_on_consecutive_days_or_twice_a_day_is_a_warning() -> None:
    found = findings_of([strength(day(0)), strength(day(1))], "STRENGTH_GAP")
    assert summary(found) == [(Severity.WARNING, (day(0), day(1)))]
    assert "give muscles about 48 h between strength sessions" in found[0].message
    found = findings_of([strength(day(3)), strength(day(3))], "STRENGTH_GAP")
    assert summary(found) == [(Severity.WARNING, (day(3),))]


def test_strength_every_other_day_is_fine() -> None:
    assert findings_of([strength(day(0)), strength(day(2))], "STRENGTH_GAP") == []


# -- HARD_BACK_TO_BACK ---------------------------------------------------------------------


def test_hard_days_in_a_row_are_a_warning() -> None:
    # a tempo run at RPE 7 on Tuesday, HIIT on Wednesday
    found = findings_of([run(day(1), rpe=7), hiit(day(2))], "HARD_BACK_TO_BACK")
    assert summary(found) == [(Severity.WARNING, (day(1), day(2)))]
    assert found[0].message == (
        "2 hard days in a row (Tue 17 and Wed 18 Nov): follow a hard day with an easy day or rest."
    )


def test_an_effort_just_under_seven_is_not_hard() -> None:
    assert findings_of([run(day(1), rpe=6.9), hiit(day(2))], "HARD_BACK_TO_BACK") == []


def test_hiit_and_heavy_strength_on_consecutive_days_are_hard_days() -> None:
    found = findings_of([hiit(day(1)), strength(day(2), rpe=8)], "HARD_BACK_TO_BACK")
    assert summary(found) == [(Severity.WARNING, (day(1), day(2)))]


def test_hard_days_do_not_repeat_what_hiit_gap_says() -> None:
    plan = [hiit(day(1)), hiit(day(2))]
    assert findings_of(plan, "HARD_BACK_TO_BACK") == []
    assert len(findings_of(plan, "HIIT_GAP")) == 1


def test_hard_days_do_not_repeat_what_strength_gap_says() -> None:
    plan = [strength(day(1), rpe=8), strength(day(2), rpe=9)]
    assert findings_of(plan, "HARD_BACK_TO_BACK") == []
    assert len(findings_of(plan, "STRENGTH_GAP")) == 1


def test_hard_days_speak_when_hiit_gap_is_switched_off() -> None:
    settings = RuleSettings(disabled=frozenset({"HIIT_GAP"}))
    found = findings_of([hiit(day(1)), hiit(day(2))], "HARD_BACK_TO_BACK", settings=settings)
    assert summary(found) == [(Severity.WARNING, (day(1), day(2)))]


def test_a_run_of_hard_days_is_one_finding_naming_all_of_them() -> None:
    # tempo runs on Mon, Thu and Sat; HIIT on Tue and Wed; heavy strength on Fri: six hard
    # days in a row, one finding (the HIIT pair inside it is HIIT_GAP's as well)
    plan = [run(day(i), rpe=7) for i in (0, 3, 5)] + [hiit(day(1)), hiit(day(2))]
    plan.append(strength(day(4), rpe=8))
    found = findings_of(plan, "HARD_BACK_TO_BACK")
    assert summary(found) == [(Severity.WARNING, days(0, 5))]
    assert found[0].message == (
        "6 hard days in a row (Mon 16 to Sat 21 Nov): follow a hard day with an easy day or rest."
    )
    assert summary(findings_of(plan, "HIIT_GAP")) == [(Severity.WARNING, days(1, 2))]


def test_three_hiit_days_in_a_row_are_more_than_hiit_gaps_pairs() -> None:
    # HIIT_GAP reports Tue/Wed and Wed/Thu; the run of three hard days is not a pair it covers
    plan = [hiit(day(i)) for i in (1, 2, 3)]
    assert len(findings_of(plan, "HIIT_GAP")) == 2
    found = findings_of(plan, "HARD_BACK_TO_BACK")
    assert summary(found) == [(Severity.WARNING, days(1, 3))]
    assert found[0].message.startswith("3 hard days in a row (Tue 17 to Thu 19 Nov): ")


def test_runs_of_hard_days_apart_are_separate_findings() -> None:
    # Mon and Tue hard, Wed easy, Thu to Sat hard
    plan = [run(day(i), rpe=8) for i in (0, 1, 3, 4, 5)] + [run(day(2), rpe=3)]
    found = findings_of(plan, "HARD_BACK_TO_BACK")
    assert summary(found) == [(Severity.WARNING, days(0, 1)), (Severity.WARNING, days(3, 5))]
    assert [f.message.split(":")[0] for f in found] == [
        "2 hard days in a row (Mon 16 and Tue 17 Nov)",
        "3 hard days in a row (Thu 19 to Sat 21 Nov)",
    ]


def test_a_run_of_hard_days_across_weeks_is_whole_in_both() -> None:
    # Sat 21 to Tue 24 Nov: four hard days, the same finding in either week
    plan = [run(day(i), rpe=7) for i in (5, 6, 7, 8)]
    this_week = findings_of(plan, "HARD_BACK_TO_BACK")
    assert summary(this_week) == [(Severity.WARNING, days(5, 8))]
    assert this_week == findings_of(plan, "HARD_BACK_TO_BACK", start=day(7), end=day(13))
    assert this_week[0].message.startswith("4 hard days in a row (Sat 21 to Tue 24 Nov)")


def test_a_run_of_hard_days_across_months_names_both_months() -> None:
    # Sat 28 Nov to Tue 1 Dec, evaluated in the week of Mon 30 Nov
    plan = [run(day(i), rpe=7) for i in (12, 13, 14, 15)]
    found = findings_of(plan, "HARD_BACK_TO_BACK", start=day(14), end=day(20))
    assert summary(found) == [(Severity.WARNING, days(12, 15))]
    assert found[0].message.startswith("4 hard days in a row (Sat 28 Nov to Tue 1 Dec)")


# -- HEAVY_LEGS ----------------------------------------------------------------------------


def test_training_after_heavy_legs_is_a_warning() -> None:
    plan = [done(run(day(1)), heavy_legs=True), run(day(2), rpe=4)]
    found = findings_of(plan, "HEAVY_LEGS")
    assert summary(found) == [(Severity.WARNING, (day(1), day(2)))]
    assert found[0].message == "Your legs felt heavy on Tue 17 Nov: make Wed 18 Nov a rest day."


def test_a_hard_session_after_heavy_legs_is_critical() -> None:
    plan = [done(run(day(1)), heavy_legs=True), run(day(2), rpe=3), hiit(day(2))]
    assert summary(findings_of(plan, "HEAVY_LEGS")) == [(Severity.CRITICAL, (day(1), day(2)))]


@pytest.mark.parametrize(
    "next_day",
    [
        [rest(day(2))],  # a rest day: what the rule asks for
        [skipped(hiit(day(2)))],  # a skipped session is no training
        [],
    ],
)
def test_a_rest_day_after_heavy_legs_is_fine(next_day: list[Workout]) -> None:
    plan = [done(run(day(1)), heavy_legs=True), *next_day]
    assert findings_of(plan, "HEAVY_LEGS") == []


def test_heavy_legs_count_only_once_the_session_is_done() -> None:
    plan = [run(day(1), heavy_legs=True), hiit(day(2))]
    assert findings_of(plan, "HEAVY_LEGS") == []


# -- RUN_SPIKE -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("km", "expected"),
    [
        (11, None),  # 10 km + 10.0 %: on the line
        (11.01, Severity.WARNING),  # + 10.1 %
        (20, Severity.WARNING),  # + 100.0 %: on the critical line, still a warning
        (20.02, Severity.CRITICAL),  # + 100.2 %
    ],
)
def test_run_longer_than_the_longest_in_30_days(km: float, expected: Severity | None) -> None:
    plan = [run(day(-20), km=10), run(day(-10), km=8), run(day(3), km=km)]
    found = findings_of(plan, "RUN_SPIKE")
    assert summary(found) == ([] if expected is None else [(expected, (day(3),))])


def test_run_spike_message() -> None:
    plan = [run(day(-20), km=16), run(day(6), km=20)]
    (found,) = findings_of(plan, "RUN_SPIKE")
    # (20 - 16) / 16 = 25 %
    assert found.message == (
        "Your 20 km run on Sun 22 Nov is 25 % longer than your longest in the 30 days before it "
        "(16 km): grow it about 10 % at a time."
    )
    (in_miles,) = findings_of(plan, "RUN_SPIKE", settings=RuleSettings(units=Units.MI))
    # 20 km = 12.43 mi, 16 km = 9.94 mi
    assert "Your 12.4 mi run" in in_miles.message and "(9.9 mi)" in in_miles.message


def test_only_the_30_days_before_a_run_count() -> None:
    # Thursday day(3): the 30 days before it are day(-27) .. day(2)
    assert findings_of([run(day(-28), km=5), run(day(3), km=10)], "RUN_SPIKE") == []
    found = findings_of([run(day(-27), km=5), run(day(3), km=10)], "RUN_SPIKE")
    assert summary(found) == [(Severity.WARNING, (day(3),))]  # + 100.0 %


def test_short_runs_are_never_flagged_but_count_as_earlier_runs() -> None:
    assert findings_of([run(day(-5), km=1), run(day(3), km=2.9)], "RUN_SPIKE") == []
    # a 3 km run after a 1 km run: + 200 %
    found = findings_of([run(day(-5), km=1), run(day(3), km=3)], "RUN_SPIKE")
    assert summary(found) == [(Severity.CRITICAL, (day(3),))]


def test_a_first_run_has_nothing_to_spike_from() -> None:
    assert findings_of([strength(day(-5)), run(day(3), km=25)], "RUN_SPIKE") == []


def test_runs_on_the_same_day_are_not_before_each_other() -> None:
    # 10 km last week; Thursday has a 5 km and a 12 km run: the 12 km one is + 20 %
    plan = [run(day(-4), km=10), run(day(3), km=5), run(day(3), km=12)]
    found = findings_of(plan, "RUN_SPIKE")
    assert summary(found) == [(Severity.WARNING, (day(3),))]
    assert "Your 12 km run" in found[0].message and "(10 km)" in found[0].message


def test_run_spike_uses_what_was_done() -> None:
    # planned 10 km, done 12 km; the next run of 13 km is + 8.3 % on 12, not + 30 % on 10
    plan = [done(run(day(-4), km=10), actual_distance_km=12), run(day(3), km=13)]
    assert findings_of(plan, "RUN_SPIKE") == []
    # a skipped long run does not count as the longest
    plan = [run(day(-6), km=10), skipped(run(day(-4), km=20)), run(day(3), km=13)]
    assert summary(findings_of(plan, "RUN_SPIKE")) == [(Severity.WARNING, (day(3),))]


# -- FUEL_LONG -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("workout", "noted"),
    [
        (run(day(2), minutes=60), False),  # exactly an hour
        (run(day(2), minutes=61), True),
        (run(day(2), km=10, minutes=None), False),  # 10 km x 6 min/km = 60 min
        (run(day(2), km=10.1, minutes=None), True),  # 60.6 min
        (hiit(day(2), minutes=65), True),
        (strength(day(2), minutes=90), False),  # strength is not fuelled this way
        (skipped(run(day(2), minutes=120)), False),
        (done(run(day(2), minutes=50), actual_duration_min=75), True),  # done: 75 min counts
        (done(run(day(2), minutes=75), actual_duration_min=55), False),
    ],
)
def test_sessions_over_an_hour_need_fuel(workout: Workout, noted: bool) -> None:
    found = findings_of([workout], "FUEL_LONG")
    assert summary(found) == ([(Severity.INFO, (day(2),))] if noted else [])


def test_fuel_message_names_the_session() -> None:
    long_run = run(day(6), km=18, minutes=110).replace(title="Long run")
    (found,) = findings_of([long_run], "FUEL_LONG")
    assert found.message == (
        "Long run on Sun 22 Nov lasts 1 h 50: over an hour, take carbohydrate (30 to 60 g/h) "
        "and fluids with electrolytes."
    )
