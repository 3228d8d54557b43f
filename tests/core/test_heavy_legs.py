"""The heavy-legs explainer: each of the guide's causes at, below and above its line.

Expected numbers are worked out by hand from issue 18 and RULES.md's definitions. The report
is on Tue 17 Nov 2026 (``D``): a done 30-minute easy run with heavy legs, which on its own
supports no cause.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.heavy_legs import (
    QUESTIONS,
    Cause,
    Explanation,
    explain_heavy_legs,
    explain_report,
    explanation_span,
    heavy_legs_days,
    latest_report,
)
from planner.core.model import Kind, Status, WeightEntry, Workout
from planner.core.settings import Settings, Units, WeightUnits
from tests.core.rules_kit import day, done, hiit, rest, run, skipped, strength, weigh

D = day(1)  # Tue 17 Nov 2026
REPORT = done(run(D, km=5.0, minutes=30.0), heavy_legs=True)


def before(days: int) -> date:
    return D - timedelta(days=days)


def explain(
    plan: list[Workout], weights: list[WeightEntry] | None = None, **options: object
) -> dict[str, Cause]:
    found = explain_heavy_legs([*plan, REPORT], weights or [], D, **options)  # type: ignore[arg-type]
    assert found.day == D
    return {c.cause: c for c in found.causes}


# -- nothing to say ------------------------------------------------------------------------


def test_a_report_with_nothing_behind_it_gives_only_the_questions() -> None:
    found = explain_heavy_legs([REPORT], [], D)
    assert found == Explanation(D, (), QUESTIONS)
    words = " ".join(found.questions).lower()
    for topic in ("carbohydrate", "iron", "vegetarian", "shoes", "form", "doctor"):
        assert topic in words


def test_the_report_days_are_the_done_workouts_with_heavy_legs() -> None:
    plan = [
        REPORT,
        done(run(before(7)), heavy_legs=True),
        done(run(before(7), title="Second"), heavy_legs=True),
        run(before(3), heavy_legs=True),  # planned: not a report
        skipped(run(before(2))).replace(heavy_legs=True),
        done(run(before(1))),
    ]
    assert heavy_legs_days(plan) == [before(7), D]
    assert latest_report(plan) == D
    assert latest_report([done(run(D))]) is None


def test_the_span_read_is_the_rules_look_back() -> None:
    assert explanation_span(D) == (D - timedelta(days=90), D)


def test_a_report_is_explained_in_the_runners_units_from_its_span_only() -> None:
    asked: list[tuple[date, date]] = []

    def workouts(first: date, last: date) -> list[Workout]:
        asked.append((first, last))
        return [run(before(1), km=11.0, minutes=None), REPORT]

    def weights(first: date, last: date) -> list[WeightEntry]:
        asked.append((first, last))
        return [weigh(before(3), 70.0)]

    found = explain_report(
        D, Settings(units=Units.MI, weight_units=WeightUnits.LB), workouts, weights
    )
    assert asked == [explanation_span(D)] * 2
    evidence = {c.cause: c.evidence for c in found.causes}
    assert evidence["fuel"].endswith("(1 h 06, 6.8 mi)")  # 11 km
    assert evidence["protein"].startswith("At 154.3 lb ")  # 70 kg


# -- recovery ------------------------------------------------------------------------------


def test_six_training_days_in_a_row_before_the_report_point_at_recovery() -> None:
    # 5 days in a row: 2 rest days in the 7 before, no history for a ratio, nothing hard.
    assert "recovery" not in explain([run(before(i)) for i in range(1, 6)])
    six = explain([run(before(i)) for i in range(1, 7)])["recovery"]
    assert six.figures == {"streak_days": 6, "rest_days": 1, "hard_sessions": 0}
    assert six.evidence == (
        "6 training days in a row before Tue 17 Nov; 1 rest day in the 7 days before; "
        "0 hard sessions in those 7 days"
    )
    seven = explain([run(before(i)) for i in range(1, 8)])["recovery"]
    assert seven.figures["streak_days"] == 7
    assert seven.figures["rest_days"] == 0


def test_a_rest_block_or_a_skipped_run_breaks_the_streak() -> None:
    plan = [run(before(i)) for i in range(1, 9) if i != 3]
    plan += [rest(before(3)), skipped(run(before(3)))]
    cause = explain(plan)["recovery"]  # 1 rest day in the 7 before: still supported
    assert cause.figures["streak_days"] == 2
    assert cause.figures["rest_days"] == 1


def test_one_rest_day_in_the_week_before_is_short_two_are_not() -> None:
    # Training on 5 of the 7 days, rests on D-1 and D-4: streak 0, 2 rest days.
    five = [run(before(i)) for i in (2, 3, 5, 6, 7)]
    assert "recovery" not in explain(five)
    one_rest = explain([*five, run(before(4))])["recovery"]
    assert one_rest.figures == {"streak_days": 0, "rest_days": 1, "hard_sessions": 0}
    assert "0 training days in a row" in one_rest.evidence
    assert explain([*five, run(before(4)), run(before(1))])["recovery"].figures["rest_days"] == 0


def test_three_hard_sessions_in_the_week_before_are_too_many() -> None:
    # HIIT every other day: 3 or more rest days, streak 1 at most.
    two = [hiit(before(5)), hiit(before(3))]
    assert "recovery" not in explain(two)
    three = explain([*two, run(before(1), rpe=7.0)])["recovery"]  # effort 7 is hard
    assert three.figures == {"streak_days": 1, "rest_days": 4, "hard_sessions": 3}
    assert three.evidence.endswith("3 hard sessions in those 7 days")
    assert "recovery" not in explain([*two, run(before(1), rpe=6.9)])
    four = explain([*two, hiit(before(1)), hiit(before(7))])["recovery"]
    assert four.figures["hard_sessions"] == 4
    # A hard session 8 days before is not in the week before.
    assert "recovery" not in explain([*two, hiit(before(8))])


def _ratio_plan(last_week_minutes: float) -> list[Workout]:
    """Three weeks of 3 x 45 min at effort 4 (540 AU a week) from D-28, then 3 runs of
    ``last_week_minutes`` on D-7, D-5 and D-3 (4 rest days, none hard, nothing in the 2 days
    before the report)."""
    usual = [run(before(i), km=None, minutes=45.0) for i in (28, 26, 24, 21, 19, 17, 14, 12, 10)]
    last = [run(before(i), km=None, minutes=last_week_minutes) for i in (7, 5, 3)]
    return usual + last


def test_a_last_week_over_1_3_times_the_usual_load_points_at_recovery() -> None:
    # 65 min: acute 3 x 65 x 4 = 780; chronic (3 x 540 + 780) / 4 = 600; ratio 1.3, on the line.
    assert "recovery" not in explain(_ratio_plan(65.0))
    # 64 min: acute 768; chronic (1620 + 768) / 4 = 597; ratio 1.286.
    assert "recovery" not in explain(_ratio_plan(64.0))
    # 66 min: acute 792; chronic (1620 + 792) / 4 = 603; ratio 1.3134.
    cause = explain(_ratio_plan(66.0))["recovery"]
    assert abs(cause.figures["load_ratio"] - 792 / 603) < 1e-12
    assert "your last week carries 1.31 times your usual load" in cause.evidence
    assert cause.figures["rest_days"] == 4


def test_the_ratio_needs_28_days_of_history_before_the_report() -> None:
    # Without the run of D-28 the history starts on D-26: no ratio, whatever the last week.
    plan = _ratio_plan(120.0)[1:]
    cause = explain(plan)
    assert "recovery" not in cause
    # With runs on D-4, D-2 and D-1 too (1 rest day), recovery shows without a ratio.
    busier = [*plan, run(before(4)), run(before(2)), run(before(1))]
    assert "load_ratio" not in explain(busier)["recovery"].figures
    assert "times your usual load" not in explain(busier)["recovery"].evidence


# -- strength ------------------------------------------------------------------------------


def test_no_strength_in_the_two_weeks_before_is_too_little() -> None:
    runs = [run(before(10)), run(before(3))]
    cause = explain(runs)["strength"]
    assert cause.title == "Too little strength training"
    assert cause.evidence == "No strength session in the 14 days before Tue 17 Nov (and 2 runs)"
    assert "two strength sessions a week" in cause.advice.lower()
    assert "strength" not in explain([*runs, strength(before(14))])  # D-14 is in the two weeks
    assert "strength" in explain([*runs, strength(before(15))])
    assert "strength" not in explain([*runs, strength(before(1))])
    # One run is a break from running, not running without strength.
    assert "strength" not in explain([run(before(3))])


def test_four_strength_sessions_in_the_week_before_are_too_many() -> None:
    three = [strength(before(i)) for i in (7, 5, 3)]
    assert "strength" not in explain(three)
    assert "strength" not in explain([*three, strength(before(8))])  # D-8 is not in the week
    four = explain([*three, strength(before(1))])["strength"]
    assert four.title == "Too much strength training"
    assert four.evidence == "4 strength sessions in the 7 days before Tue 17 Nov"
    assert four.figures == {"strength_14_days": 4, "strength_7_days": 4}
    assert (
        explain([*three, strength(before(1)), strength(before(2))])["strength"].figures[
            "strength_7_days"
        ]
        == 5
    )


# -- weight --------------------------------------------------------------------------------


def _weights(now: float) -> list[WeightEntry]:
    """Means of 70 kg to D-28 (69 on D-34 and 71 on D-28; 60 on D-35 is outside) and of
    ``now`` to D (71 on D-6 and 2 x now - 71 on D)."""
    return [
        weigh(before(35), 60.0),
        weigh(before(34), 69.0),
        weigh(before(28), 71.0),
        weigh(before(6), 71.0),
        weigh(D, 2 * now - 71.0),
    ]


def test_a_weight_up_2_percent_on_four_weeks_earlier_is_a_gain() -> None:
    assert "weight" not in explain([], _weights(71.3))  # +1.86 %
    at = explain([], _weights(71.4))["weight"]  # 70 x 1.02 = 71.4: +2 %, on the line counts
    assert at.evidence == (
        "Your weight is up 2 % in four weeks: 70 kg to 71.4 kg "
        "(7-day means to Tue 20 Oct and to Tue 17 Nov)"
    )
    assert abs(at.figures["earlier_mean_kg"] - 70.0) < 1e-9
    assert abs(at.figures["mean_kg"] - 71.4) < 1e-9
    above = explain([], _weights(71.75))["weight"]
    assert abs(above.figures["gain_pct"] - 2.5) < 1e-9


def test_a_gain_needs_a_weigh_in_in_both_weeks() -> None:
    weights = [w for w in _weights(80.0) if w.day > before(28)]
    assert "weight" not in explain([], weights)


# -- fuel ----------------------------------------------------------------------------------


def test_a_run_over_an_hour_in_the_two_days_before_asks_about_fuel() -> None:
    assert "fuel" not in explain([run(before(2), km=None, minutes=60.0)])
    cause = explain([run(before(2), km=12.0, minutes=61.0, title="Long run")])["fuel"]
    assert cause.evidence == "Long run over an hour on Sun 15 Nov (1 h 01, 12 km)"
    assert "30 to 60 g an hour" in cause.advice
    assert "fuel" not in explain([run(before(3), km=None, minutes=90.0)])
    assert "fuel" not in explain([skipped(run(before(1), km=None, minutes=90.0))])
    assert "fuel" not in explain([strength(before(1), minutes=90.0)])
    # 11 km without a duration counts 66 min (6 min/km), in miles for a runner in miles.
    miles = explain([run(before(1), km=11.0, minutes=None)], units=Units.MI)["fuel"]
    assert miles.evidence == "Run over an hour on Mon 16 Nov (1 h 06, 6.8 mi)"


def test_the_reported_workout_itself_can_be_the_long_run() -> None:
    long = done(run(D, km=16.0, minutes=90.0, title="Long run"), heavy_legs=True)
    found = explain_heavy_legs([long], [], D)
    assert [c.cause for c in found.causes] == ["fuel"]
    assert found.causes[0].evidence == "Long run over an hour on that day (1 h 30, 16 km)"


# -- protein -------------------------------------------------------------------------------


def test_protein_is_always_shown_from_the_latest_weigh_in() -> None:
    weights = [weigh(before(10), 80.0), weigh(before(3), 70.0), weigh(D + timedelta(days=1), 90.0)]
    found = explain_heavy_legs([REPORT], weights, D)
    assert [c.cause for c in found.causes] == ["protein"]
    cause = found.causes[0]
    # 70 x 1.4 = 98, 70 x 1.7 = 119, 70 x 0.8 = 56.
    assert cause.evidence == (
        "At 70 kg (your weigh-in of Sat 14 Nov), a runner needs 98 to 119 g of protein a day "
        "(1.4 to 1.7 g per kg), against 56 g for an average adult"
    )
    assert abs(cause.figures["protein_low_g"] - 98) < 1e-9
    assert abs(cause.figures["protein_high_g"] - 119) < 1e-9
    pounds = explain([], weights, weight_units=WeightUnits.LB)["protein"]
    # 70 kg = 154.3 lb; 1.4 and 1.7 g/kg are 0.64 and 0.77 g per lb (1 lb = 0.4536 kg).
    assert pounds.evidence.startswith("At 154.3 lb ")
    assert "(0.64 to 0.77 g per lb)" in pounds.evidence


def test_causes_come_in_the_guides_order() -> None:
    plan = [run(before(i), km=None, minutes=70.0) for i in range(1, 8)]
    found = explain_heavy_legs([*plan, REPORT], [weigh(before(1), 70.0)], D)
    assert [c.cause for c in found.causes] == ["recovery", "strength", "fuel", "protein"]


# -- properties ----------------------------------------------------------------------------

_KINDS = st.sampled_from([Kind.RUN, Kind.HIIT, Kind.STRENGTH, Kind.CROSS, Kind.REST])
_WORKOUT = st.builds(
    lambda offset, kind, minutes, rpe, status: Workout(
        id=None,
        day=before(offset),
        kind=kind,
        title=kind.value,
        duration_min=minutes,
        rpe=rpe,
        status=status,
    ),
    st.integers(1, 40),
    _KINDS,
    st.one_of(st.none(), st.integers(10, 120).map(float)),
    st.one_of(st.none(), st.integers(1, 10).map(float)),
    st.sampled_from(list(Status)),
)
_WEIGHT = st.builds(
    lambda offset, kg: weigh(before(offset), kg), st.integers(0, 40), st.integers(55, 85)
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORKOUT, max_size=40), st.lists(_WEIGHT, max_size=10), st.integers(1, 40))
def test_a_rest_block_changes_nothing(
    plan: list[Workout], weights: list[WeightEntry], offset: int
) -> None:
    plain = explain_heavy_legs([*plan, REPORT], weights, D)
    assert explain_heavy_legs([*plan, rest(before(offset)), REPORT], weights, D) == plain


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORKOUT, max_size=40), st.integers(1, 7))
def test_resting_a_day_of_the_week_before_never_adds_a_recovery_cause(
    plan: list[Workout], offset: int
) -> None:
    # Only the week before: a rest day three weeks earlier lowers the usual load, so it can
    # raise the ratio of the last week (as LOAD_RATIO defines it).
    rested = [w for w in plan if w.day != before(offset)]
    with_day = explain_heavy_legs([*plan, REPORT], [], D)
    without = explain_heavy_legs([*rested, REPORT], [], D)
    if "recovery" not in {c.cause for c in with_day.causes}:
        assert "recovery" not in {c.cause for c in without.causes}


@settings(max_examples=40, deadline=None)
@given(st.lists(_WORKOUT, max_size=30), st.lists(_WEIGHT, max_size=10), st.randoms())
def test_the_explanation_ignores_the_order_of_its_input(
    plan: list[Workout], weights: list[WeightEntry], rng: random.Random
) -> None:
    first = explain_heavy_legs([*plan, REPORT], weights, D)
    shuffled, shuffled_weights = [*plan, REPORT], list(weights)
    rng.shuffle(shuffled)
    rng.shuffle(shuffled_weights)
    assert explain_heavy_legs(shuffled, shuffled_weights, D) == first
    assert explain_heavy_legs([*plan, REPORT], weights, D) == first
