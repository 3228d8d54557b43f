"""The rolling-window rules: hard sessions, monotony, load ratio, sustained fatigue, weight.

The evaluated week is Monday 16 to Sunday 22 November 2026 (``day(0)`` .. ``day(6)``). Where a
test evaluates Sunday alone (``start=end=day(6)``), exactly one 7-day window is judged: Monday
to Sunday. Loads are session-RPE (effort x minutes), worked out by hand from RULES.md.
"""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.model import Severity, WeightEntry, Workout
from planner.core.settings import RuleSettings, Units, WeightUnits
from tests.core.rules_kit import (
    day,
    days,
    findings_of,
    hiit,
    run,
    strength,
    summary,
    weigh,
)


def load(when: date, au: float, rpe: float = 5.0) -> Workout:
    """A run (no distance) carrying ``au`` load: ``au / rpe`` minutes at ``rpe``."""
    return run(when, km=None, minutes=au / rpe, rpe=rpe)


def week_of_loads(loads: tuple[float, ...]) -> list[Workout]:
    """Monday to Sunday with these daily loads (0: no session)."""
    return [load(day(i), au) for i, au in enumerate(loads) if au]


# -- HARD_COUNT ----------------------------------------------------------------------------


def test_four_hard_sessions_in_seven_days_are_too_many() -> None:
    plan = [hiit(day(i)) for i in (0, 2, 4, 6)]
    plan += [run(day(i), rpe=3) for i in range(7) for _ in range(2)]  # 14 easy runs
    found = findings_of(plan, "HARD_COUNT", start=day(6), end=day(6))
    # 4 hard of 4 + 14 = 18 sessions (22 %): 4 is too many whatever the share
    assert summary(found) == [(Severity.WARNING, days(0, 6))]
    assert found[0].message == (
        "Too many hard sessions: 4 of 18 in the 7 days to Sun 22 Nov. "
        "Most runners do 1 to 2 a week; make the others easy."
    )


@pytest.mark.parametrize(
    ("easy", "flagged"),
    [
        (5, True),  # 3 hard of 8 sessions: 37.5 % > 35 %
        (6, False),  # 3 hard of 9 sessions: 33.3 %
    ],
)
def test_three_hard_sessions_are_too_many_when_over_35_percent(easy: int, flagged: bool) -> None:
    plan = [hiit(day(0)), run(day(2), rpe=7), strength(day(4), rpe=8)]  # three hard sessions
    plan += [run(day(i % 7), rpe=3) for i in range(easy)]
    found = findings_of(plan, "HARD_COUNT", start=day(6), end=day(6))
    assert summary(found) == ([(Severity.WARNING, days(0, 6))] if flagged else [])


def test_two_hard_sessions_are_never_too_many() -> None:
    found = findings_of([hiit(day(1)), hiit(day(4))], "HARD_COUNT", start=day(6), end=day(6))
    assert found == []


def test_hard_count_windows_reach_into_last_week() -> None:
    plan = [hiit(day(i)) for i in (-6, -4, -2, 0)]
    found = findings_of(plan, "HARD_COUNT")
    # window ending Mon day(0): day(-6)..day(0) holds all 4 -> flagged
    # ending day(1) and day(2): 3 of 3 sessions (100 %) -> flagged
    # ending day(3): day(-3)..day(3) holds day(-2), day(0): 2 -> not flagged; later ones fewer
    # Three days in a row flag the same problem: one finding, the worst (4 hard, Monday), whose
    # days are the 7 days its message speaks of, day(-6)..day(0)
    assert summary(found) == [(Severity.WARNING, days(-6, 0))]
    assert "4 of 4 in the 7 days to Mon 16 Nov" in found[0].message


def test_hard_count_reports_the_worst_window_of_a_run_and_its_seven_days() -> None:
    # hard sessions on Mon, Tue, Wed, Thu, Fri and Sat, nothing before or on Sunday:
    # ending Mon 1 of 1, Tue 2 of 2 (fine); Wed 3 of 3, Thu 4, Fri 5, Sat 6 of 6, Sun 6 of 6
    # (the 7 days Mon..Sun): flagged Wednesday to Sunday. The worst is 6 hard sessions, on Sat
    # and Sun alike; the earliest, Saturday, is reported: Sun 15 to Sat 21 Nov.
    plan = [run(day(0), rpe=7), hiit(day(1)), hiit(day(2)), run(day(3), rpe=7)]
    plan += [strength(day(4), rpe=8), run(day(5), rpe=7)]
    found = findings_of(plan, "HARD_COUNT")
    assert summary(found) == [(Severity.WARNING, days(-1, 5))]
    assert found[0].message == (
        "Too many hard sessions: 6 of 6 in the 7 days to Sat 21 Nov. "
        "Most runners do 1 to 2 a week; make the others easy."
    )


def test_hard_count_runs_apart_are_two_findings() -> None:
    # HIIT on day(-9) .. day(-6) and on day(2) .. day(5); evaluated from day(-3) to day(6).
    # Ending day(-3): day(-9)..day(-3) holds 4 of 4 (flag); day(-2): 3 of 3 (flag); day(-1): 2;
    # day(0) .. day(3): 1, 0, 1, 2 (no); day(4): 3 of 3 (flag); day(5) and day(6): 4 of 4 (flag).
    # Two runs of days: the worst of the first is day(-3) (4 hard), of the second day(5) and
    # day(6) (4 of 4 each), the earliest being day(5).
    plan = [hiit(day(i)) for i in (-9, -8, -7, -6, 2, 3, 4, 5)]
    found = findings_of(plan, "HARD_COUNT", start=day(-3), end=day(6))
    assert summary(found) == [(Severity.WARNING, days(-9, -3)), (Severity.WARNING, days(-1, 5))]
    assert "4 of 4 in the 7 days to Fri 13 Nov" in found[0].message
    assert "4 of 4 in the 7 days to Sat 21 Nov" in found[1].message


# -- MONOTONY ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loads", "expected"),
    [
        # mean 2100/7 = 300; squared deviations 90000+40000+10000+0+10000+40000+90000 = 280000;
        # variance 40000, SD 200; monotony 300/200 = 1.5: on the line
        ((0, 100, 200, 300, 400, 500, 600), None),
        # mean 2110/7 = 301.43; mean of squares (12100+40000+90000+160000+250000+360000)/7
        # = 130300; variance 130300 - 301.43^2 = 39440.8, SD 198.60; monotony 1.518
        ((0, 110, 200, 300, 400, 500, 600), Severity.INFO),
        # mean 2800/7 = 400; squared deviations 40000+4x10000+40000+160000 = 280000;
        # variance 40000, SD 200; monotony 400/200 = 2.0: on the warning line, an info
        ((200, 500, 500, 500, 500, 600, 0), Severity.INFO),
        # mean 2810/7 = 401.43; mean of squares (44100+1000000+360000)/7 = 200585.7;
        # variance 200585.7 - 401.43^2 = 39440.8, SD 198.60; monotony 2.021
        ((210, 500, 500, 500, 500, 600, 0), Severity.WARNING),
        # mean 2790/7 = 398.57; mean of squares (36100+1000000+360000)/7 = 199442.9;
        # variance 199442.9 - 398.57^2 = 40583.7, SD 201.45; monotony 1.978
        ((190, 500, 500, 500, 500, 600, 0), Severity.INFO),
        # the same load every day: SD 0 with mean > 0 counts as above 2.0
        ((300, 300, 300, 300, 300, 300, 300), Severity.WARNING),
        # six equal days and a rest day: monotony sqrt(6) = 2.45
        ((100, 100, 100, 100, 100, 100, 0), Severity.WARNING),
        # four equal days and three rest days: monotony sqrt(4/3) = 1.15
        ((100, 0, 100, 0, 100, 0, 100), None),
        # nothing at all: mean 0 never flags
        ((0, 0, 0, 0, 0, 0, 0), None),
    ],
)
def test_monotony(loads: tuple[float, ...], expected: Severity | None) -> None:
    found = findings_of(week_of_loads(loads), "MONOTONY", start=day(6), end=day(6))
    assert summary(found) == ([] if expected is None else [(expected, days(0, 6))])


def test_monotony_messages() -> None:
    found = findings_of(
        week_of_loads((210, 500, 500, 500, 500, 600, 0)), "MONOTONY", start=day(6), end=day(6)
    )
    assert found[0].message == (
        "Your days are too alike (monotony 2.02 in the 7 days to Sun 22 Nov): "
        "mix easy, hard and rest days."
    )
    found = findings_of(week_of_loads((300,) * 7), "MONOTONY", start=day(6), end=day(6))
    assert found[0].message == (
        "Your days are too alike (every day of the 7 days to Sun 22 Nov carries the same "
        "load): mix easy, hard and rest days."
    )


def test_monotony_reads_with_one_decimal() -> None:
    # six days of 100 and a rest day: mean 600/7 = 85.71, SD = sqrt(6/7 x 1/7) x 100 = 34.99;
    # monotony sqrt(6) = 2.449: 2.4
    found = findings_of(week_of_loads((100,) * 6 + (0,)), "MONOTONY", start=day(6), end=day(6))
    assert found[0].message == (
        "Your days are too alike (monotony 2.4 in the 7 days to Sun 22 Nov): "
        "mix easy, hard and rest days."
    )


def test_monotony_over_a_week_is_one_finding_for_the_earliest_of_equal_windows() -> None:
    # every day of last week and this week carries 300: each window ending Mon..Sun has SD 0,
    # all equally bad: the earliest, the 7 days to Monday, is the one reported
    plan = [load(day(i), 300) for i in range(-7, 7)]
    found = findings_of(plan, "MONOTONY")
    assert summary(found) == [(Severity.WARNING, days(-6, 0))]
    assert found[0].message == (
        "Your days are too alike (every day of the 7 days to Mon 16 Nov carries the same "
        "load): mix easy, hard and rest days."
    )


# -- LOAD_RATIO ----------------------------------------------------------------------------


def ratio_plan(history_from: int, daily: float) -> list[Workout]:
    """90 AU a day (30 min at RPE 3) from ``day(history_from)`` to Sunday last week, then
    ``daily`` AU every day this week.
    """
    plan = [load(day(i), 90, rpe=3) for i in range(history_from, 0)]
    return plan + [load(day(i), daily, rpe=1) for i in range(7)]


@pytest.mark.parametrize(
    ("daily", "expected"),
    [
        # acute = 7 x daily; chronic = (21 x 90 + 7 x daily) / 4; ratio = 28 daily / (1890 + 7 daily)
        (130, None),  # 3640 / 2800 = 1.3: on the line
        (131, Severity.INFO),  # 3668 / 2807 = 1.307
        (162, Severity.INFO),  # 4536 / 3024 = 1.5: on the warning line
        (163, Severity.WARNING),  # 4564 / 3031 = 1.506
    ],
)
def test_load_ratio(daily: float, expected: Severity | None) -> None:
    found = findings_of(ratio_plan(-28, daily), "LOAD_RATIO", start=day(6), end=day(6))
    assert summary(found) == ([] if expected is None else [(expected, days(0, 6))])


def test_load_ratio_message() -> None:
    (found,) = findings_of(ratio_plan(-28, 163), "LOAD_RATIO", start=day(6), end=day(6))
    assert found.message == (
        "Your 7 days to Sun 22 Nov carry 1.51 times your usual weekly load: consider an easier day."
    )
    assert found.severity is not Severity.CRITICAL  # contested: it never goes beyond a warning


def test_load_ratio_over_the_week_reports_the_worst_day_and_its_seven_days() -> None:
    found = findings_of(ratio_plan(-28, 163), "LOAD_RATIO")
    # ending day(k): acute = (6-k) x 90 + (k+1) x 163; chronic = ((27-k) x 90 + (k+1) x 163) / 4
    # k=2: 849 / 684.75 = 1.24 (no); k=3: 922 / 703 = 1.31 (info); k=4: 995 / 721.25 = 1.38;
    # k=5: 1068 / 739.5 = 1.44; k=6: 1141 / 757.75 = 1.506 (warning): one finding, the worst
    # day, Sunday, naming the 7 days to Sunday
    assert summary(found) == [(Severity.WARNING, days(0, 6))]
    assert found[0].message.startswith("Your 7 days to Sun 22 Nov carry 1.51 times")


def spike_plan() -> list[Workout]:
    """100 AU a day for the 28 days before Monday, 100 on Monday, 1000 on Tuesday, then rest."""
    plan = [load(day(i), 100, rpe=4) for i in range(-28, 1)]
    return [*plan, load(day(1), 1000, rpe=8)]


def test_a_load_spike_names_the_seven_days_to_its_worst_day() -> None:
    # ending day(k), k >= 1: acute = (6-k) x 100 + 1000 (days k-6..0 at 100, then the spike);
    # chronic = ((27-k) x 100 + 1000) / 4.
    # k=0: 700 / 700 = 1.0; k=1: 1600 / 925 = 1.73 (warning); k=2: 1500 / 900 = 1.67;
    # k=3: 1400 / 875 = 1.6; k=4: 1300 / 850 = 1.53; k=5: 1200 / 825 = 1.45 (info);
    # k=6: 1100 / 800 = 1.375 (info). Tuesday to Sunday flag: one finding, the worst (Tuesday),
    # whose days are the 7 days to Tuesday: Wed 11 to Tue 17 Nov.
    (found,) = findings_of(spike_plan(), "LOAD_RATIO")
    assert summary([found]) == [(Severity.WARNING, days(-5, 1))]
    assert found.message == (
        "Your 7 days to Tue 17 Nov carry 1.7 times your usual weekly load: consider an easier day."
    )


def test_an_info_load_ratio_advises_keeping_an_eye_on_it() -> None:
    # evaluated on Saturday alone: 1200 / 825 = 1.45, above 1.3 but not 1.5: an info
    (found,) = findings_of(spike_plan(), "LOAD_RATIO", start=day(5), end=day(5))
    assert summary([found]) == [(Severity.INFO, days(-1, 5))]
    assert found.message == (
        "Your 7 days to Sat 21 Nov carry 1.5 times your usual weekly load: keep an eye on it."
    )


@pytest.mark.parametrize(
    ("history_au", "today_au", "ratio"),
    [
        # Evaluated on Monday alone; an effortless run (RPE 0, no load) on day(-28) starts the
        # history 28 days before. chronic = (history + today) / 4 over day(-27)..day(0).
        # 1150 / ((100 + 1150) / 4) = 3.68: one decimal
        (100, 1150, "3.7"),
        # 100 / (100 / 4) = 4: one decimal too, so ratios side by side read alike
        (0, 100, "4.0"),
        # 152 x 4 / (248 + 152) = 1.52, a warning: "1.5" would read as on the warning line, so
        # it takes the second decimal that shows it is above it
        (248, 152, "1.52"),
    ],
)
def test_load_ratios_read_with_one_decimal(history_au: float, today_au: float, ratio: str) -> None:
    plan = [run(day(-28), km=None, minutes=30, rpe=0), load(day(0), today_au)]
    if history_au:
        plan.append(load(day(-20), history_au))
    (found,) = findings_of(plan, "LOAD_RATIO", start=day(0), end=day(0))
    assert f"carry {ratio} times your usual weekly load" in found.message


def test_load_ratio_is_silent_until_28_days_of_history() -> None:
    # the session on day(-28) is outside every 28-day window of the week (the earliest starts
    # on day(-27)), so the ratios are the same; only the history's length differs
    assert summary(findings_of(ratio_plan(-28, 163), "LOAD_RATIO")) != []
    assert findings_of(ratio_plan(-27, 163), "LOAD_RATIO") == []


def test_load_ratio_ignores_training_before_the_look_back() -> None:
    # trained 200 to 150 days ago, then a 20-day-old restart: 20 days of history only
    plan = [load(day(i), 90) for i in range(-200, -150)] + ratio_plan(-20, 300)
    assert findings_of(plan, "LOAD_RATIO") == []


def test_repeating_the_same_week_has_a_ratio_of_one() -> None:
    week = (0, 400, 150, 600, 0, 200, 900)
    plan = [load(day(7 * w + i), au) for w in range(-8, 1) for i, au in enumerate(week) if au]
    assert findings_of(plan, "LOAD_RATIO") == []


# -- FATIGUE_SUSTAINED ---------------------------------------------------------------------


def fatigue_plan(history_from: int, monday: float, then: float = 300) -> list[Workout]:
    """100 AU a day (25 min at RPE 4) from ``day(history_from)`` to last Sunday, ``monday`` AU
    on Monday and ``then`` AU every day from Tuesday.
    """
    plan = [load(day(i), 100, rpe=4) for i in range(history_from, 0)]
    plan.append(load(day(0), monday))
    return plan + [load(day(i), then) for i in range(1, 7)]


def test_a_week_of_high_fatigue_is_a_warning() -> None:
    # history from day(-60): ATL seeded on day(-54) and CTL on day(-19), both at 100 and still
    # 100 on Sunday day(-1).
    # Monday, 370: ATL = 100 + 270/7 = 138.57; CTL = 100 + 270/42 = 106.43;
    #   form = (106.43 - 138.57) / 106.43 = -30.2 % (below -30 %)
    # Tuesday, 300: ATL = 138.57 + 161.43/7 = 161.63; CTL = 106.43 + 193.57/42 = 111.04;
    #   form = -45.6 %, and lower each day after as ATL climbs faster than CTL
    found = findings_of(fatigue_plan(-60, 370), "FATIGUE_SUSTAINED")
    assert summary(found) == [(Severity.WARNING, days(0, 6))]
    assert found[0].message.startswith("You have carried high fatigue for a week")
    assert found[0].message.endswith(": plan a lighter few days.")


def test_six_days_of_high_fatigue_are_not_yet_a_week() -> None:
    # Monday, 365: ATL = 100 + 265/7 = 137.86; CTL = 100 + 265/42 = 106.31;
    #   form = -29.7 % (not below -30 %), so only Tuesday to Sunday are low: 6 days
    assert findings_of(fatigue_plan(-60, 365), "FATIGUE_SUSTAINED") == []


def test_fatigue_that_starts_on_monday_shows_next_week() -> None:
    # 300 from Monday: form on Monday -22.7 % (ATL 128.57, CTL 104.76), then below -30 % from
    # Tuesday (ATL 153.06, CTL 109.41: -39.9 %) for weeks (-35 % after 39 days of it)
    plan = fatigue_plan(-60, 300, then=300) + [load(day(i), 300) for i in range(7, 14)]
    assert findings_of(plan, "FATIGUE_SUSTAINED") == []
    found = findings_of(plan, "FATIGUE_SUSTAINED", start=day(7), end=day(13))
    # windows ending day(7) .. day(13) all flag. After n days of 300 from 100, ATL = 300 - 200 x
    # (6/7)^n and CTL = 300 - 200 x (41/42)^n; form is lowest on day(9) (n = 10: ATL 257.19,
    # CTL 142.83, -80.07 %), the low of every window from day(9) to day(13): the earliest of
    # those equal windows, the 7 days day(3) .. day(9), is the one reported.
    assert summary(found) == [(Severity.WARNING, days(3, 9))]
    assert "(form down to -80.1 % in the 7 days to Wed 25 Nov)" in found[0].message


def test_fatigue_is_silent_until_42_days_of_history() -> None:
    # from day(-42): CTL seeded on Sunday day(-1) at 100; Monday as above, -30.2 %
    assert summary(findings_of(fatigue_plan(-42, 370), "FATIGUE_SUSTAINED")) == [
        (Severity.WARNING, days(0, 6))
    ]
    # from day(-41): CTL is seeded on Monday with (41 x 100 + 370) / 42 = 106.43, the same
    # value, and ATL is the same too; but 41 days of history are not enough
    assert findings_of(fatigue_plan(-41, 370), "FATIGUE_SUSTAINED") == []


def test_training_the_same_every_day_never_builds_fatigue() -> None:
    plan = [load(day(i), 600) for i in range(-100, 7)]  # form 0 every day
    assert findings_of(plan, "FATIGUE_SUSTAINED") == []


# -- WEIGHT_DROP ---------------------------------------------------------------------------


def weight_plan(minutes_now: float = 40) -> list[Workout]:
    """A run four weeks ago (40 min x RPE 4 = 160) and one this week."""
    return [run(day(-24), km=None, minutes=40), run(day(2), km=None, minutes=minutes_now)]


@pytest.mark.parametrize(
    ("now_kg", "flagged"),
    [
        (67.9, True),  # 67.9 / 70 = 97.0 %: at the line counts
        (67.91, False),  # 97.01 %
        (67.8, True),  # 96.9 %
    ],
)
def test_weight_drop(now_kg: float, flagged: bool) -> None:
    weights = [weigh(day(-25), 70.0), weigh(day(3), now_kg)]
    found = findings_of(weight_plan(), "WEIGHT_DROP", weights=weights, start=day(6), end=day(6))
    assert summary(found) == ([(Severity.INFO, days(0, 6))] if flagged else [])


def test_weight_drop_compares_means_of_the_weigh_ins() -> None:
    # four weeks ago (70.0 + 71.0) / 2 = 70.5; now (68.0 + 68.6) / 2 = 68.3; 68.3 / 70.5 = 96.9 %
    weights = [
        weigh(day(-27), 70.0),
        weigh(day(-23), 71.0),
        weigh(day(1), 68.0),
        weigh(day(5), 68.6),
    ]
    (found,) = findings_of(weight_plan(), "WEIGHT_DROP", weights=weights, start=day(6), end=day(6))
    # 1 - 68.3 / 70.5 = 3.12 %
    assert found.message == (
        "Your weight is down 3.1 % in four weeks (70.5 kg → 68.3 kg, 7-day means to Sun 22 Nov) "
        "while your training is not easing off: eat enough (protein 1.4 to 1.7 g per kg of body "
        "weight a day)."
    )


def test_weight_drop_in_pounds() -> None:
    weights = [weigh(day(-25), 70.0), weigh(day(3), 67.8)]
    settings = RuleSettings(weight_units=WeightUnits.LB)
    (found,) = findings_of(
        weight_plan(), "WEIGHT_DROP", weights=weights, settings=settings, start=day(6), end=day(6)
    )
    # 70 kg / 0.45359237 = 154.32 lb; 67.8 kg = 149.47 lb; protein 1.4 x 0.4536 = 0.64 and
    # 1.7 x 0.4536 = 0.77 g per lb
    assert "(154.3 lb → 149.5 lb," in found.message
    assert "protein 0.64 to 0.77 g per lb of body weight a day" in found.message


def test_weight_drop_in_kilograms_for_a_runner_who_counts_miles() -> None:
    """Distances and body weight are two settings: miles do not turn kilograms into pounds."""
    weights = [weigh(day(-25), 70.0), weigh(day(3), 67.8)]
    settings = RuleSettings(units=Units.MI, weight_units=WeightUnits.KG)
    (found,) = findings_of(
        weight_plan(), "WEIGHT_DROP", weights=weights, settings=settings, start=day(6), end=day(6)
    )
    assert "(70 kg → 67.8 kg," in found.message
    assert "protein 1.4 to 1.7 g per kg of body weight a day" in found.message


def test_weight_drop_while_training_eases_off_is_fine() -> None:
    weights = [weigh(day(-25), 70.0), weigh(day(3), 67.0)]
    # this week's run: 39 min x 4 = 156 < 160 four weeks ago
    found = findings_of(
        weight_plan(minutes_now=39), "WEIGHT_DROP", weights=weights, start=day(6), end=day(6)
    )
    assert found == []


def test_weight_drop_needs_a_weigh_in_in_both_spans() -> None:
    # day(-29) is outside the earlier span day(-28) .. day(-22)
    weights: list[WeightEntry] = [weigh(day(-29), 80.0), weigh(day(3), 67.0)]
    found = findings_of(weight_plan(), "WEIGHT_DROP", weights=weights, start=day(6), end=day(6))
    assert found == []


def test_equal_loads_as_entered_are_equal() -> None:
    # four weeks ago 30.3 min at RPE 1 = 30.3 AU; this week 10.1 min at RPE 3 = 30.3 AU (which
    # binary floating point makes 30.299999999999997): training is not easing off
    plan = [run(day(-24), km=None, minutes=30.3, rpe=1), run(day(2), km=None, minutes=10.1, rpe=3)]
    weights = [weigh(day(-25), 70.0), weigh(day(3), 67.0)]
    found = findings_of(plan, "WEIGHT_DROP", weights=weights, start=day(6), end=day(6))
    assert summary(found) == [(Severity.INFO, days(0, 6))]
