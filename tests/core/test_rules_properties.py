"""The properties RULES.md asks of the rules, checked with Hypothesis on arbitrary plans."""

from __future__ import annotations

import math
import re
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.load import daily_loads, is_hard, weekly_run_km
from planner.core.model import Kind, Status, WeightEntry, Workout
from planner.core.rules import diff_findings, evaluate
from planner.core.settings import RULE_IDS, RuleSettings, Units
from planner.core.totals import week_totals
from tests.core.rules_kit import MONDAY, rest

WEEK_RULES = ("STRENGTH_COUNT", "STRENGTH_LOW", "RUN_COUNT", "WEEK_RAMP", "LONG_SHARE")


def _tenths(low: int, high: int) -> st.SearchStrategy[float | None]:
    """``None`` or a value with one decimal, as a runner types it."""
    return st.none() | st.integers(low, high).map(lambda n: n / 10)


@st.composite
def workouts(draw: st.DrawFn, first: int = -100, last: int = 20) -> Workout:
    """Any workout from ``first`` to ``last`` days after MONDAY."""
    kind = draw(st.sampled_from(list(Kind)))
    status = draw(st.sampled_from(list(Status)))
    return Workout(
        id=None,
        day=MONDAY + timedelta(days=draw(st.integers(first, last))),
        kind=kind,
        title=draw(st.sampled_from(["Easy run", "Long run", "Intervals", "Gym", "Rest"])),
        duration_min=draw(_tenths(50, 1800)),
        distance_km=draw(_tenths(5, 420)) if kind in (Kind.RUN, Kind.HIIT) else None,
        rpe=draw(_tenths(0, 100)),
        status=status,
        actual_duration_min=draw(_tenths(50, 1800)),
        actual_distance_km=draw(_tenths(5, 420)) if kind is Kind.RUN else None,
        actual_rpe=draw(_tenths(0, 100)),
        heavy_legs=draw(st.booleans()),
        race=kind is not Kind.REST and draw(st.booleans()),
    )


@st.composite
def weigh_ins(draw: st.DrawFn, first: int = -100, last: int = 20) -> WeightEntry:
    """Any weigh-in from ``first`` to ``last`` days after MONDAY."""
    return WeightEntry(
        MONDAY + timedelta(days=draw(st.integers(first, last))),
        draw(st.integers(550, 800)) / 10,
    )


plans = st.lists(workouts(), max_size=40)
weights = st.lists(weigh_ins(), max_size=12)
rule_settings = st.builds(
    RuleSettings,
    disabled=st.frozensets(st.sampled_from(RULE_IDS), max_size=3),
    rest_days_per_week=st.integers(1, 2),
    min_runs_per_week=st.integers(1, 4),
    max_runs_per_week=st.integers(4, 7),
    strength_per_week=st.integers(1, 5),
    ramp_limit_pct=st.integers(10, 300).map(lambda n: n / 10),
    units=st.sampled_from(list(Units)),
)
windows = st.tuples(st.integers(0, 6), st.integers(0, 13)).map(
    lambda w: (MONDAY + timedelta(days=w[0]), MONDAY + timedelta(days=w[0] + w[1]))
)


@settings(deadline=None)
@given(plan=plans, weighed=weights, window=windows, options=rule_settings, data=st.data())
def test_deterministic_and_independent_of_input_order(
    plan: list[Workout],
    weighed: list[WeightEntry],
    window: tuple[date, date],
    options: RuleSettings,
    data: st.DataObject,
) -> None:
    start, end = window
    found = evaluate(plan, start=start, end=end, weights=weighed, settings=options)
    shuffled = data.draw(st.permutations(plan))
    reweighed = data.draw(st.permutations(weighed))
    assert evaluate(shuffled, start=start, end=end, weights=reweighed, settings=options) == found
    # and what it returns is what the panel expects: in the window, most severe first
    assert all(any(start <= d <= end for d in f.days) for f in found)
    order = [(-f.severity, f.days[0], f.rule_id) for f in found]
    assert order == sorted(order)
    assert all(f.rule_id not in options.disabled for f in found)


@settings(deadline=None)
@given(plan=plans, weighed=weights, window=windows, when=st.integers(-100, 20))
def test_adding_a_rest_block_never_adds_a_finding(
    plan: list[Workout], weighed: list[WeightEntry], window: tuple[date, date], when: int
) -> None:
    start, end = window
    before = evaluate(plan, start=start, end=end, weights=weighed)
    after = evaluate(
        [*plan, rest(MONDAY + timedelta(days=when))], start=start, end=end, weights=weighed
    )
    added, _ = diff_findings(before, after)
    assert added == []


@settings(deadline=None)
@given(
    plan=plans,
    weighed=weights,
    window=windows,
    old=st.lists(workouts(first=-400, last=-91), max_size=20),
    old_weights=st.lists(weigh_ins(first=-400, last=-91), max_size=8),
)
def test_findings_never_depend_on_workouts_more_than_90_days_before(
    plan: list[Workout],
    weighed: list[WeightEntry],
    window: tuple[date, date],
    old: list[Workout],
    old_weights: list[WeightEntry],
) -> None:
    start, end = window
    # ``old`` ends 91 days before MONDAY, and the window starts on MONDAY or later
    found = evaluate(plan, start=start, end=end, weights=weighed)
    with_old = evaluate(old + plan, start=start, end=end, weights=old_weights + weighed)
    assert with_old == found


@settings(deadline=None)
@given(
    week=st.lists(workouts(first=0, last=6), min_size=1, max_size=15),
    history=st.lists(workouts(first=-14, last=-1), max_size=15),
    data=st.data(),
)
def test_moving_a_workout_within_a_week_never_changes_its_totals(
    week: list[Workout], history: list[Workout], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(week) - 1))
    new_day = MONDAY + timedelta(days=data.draw(st.integers(0, 6)))
    moved = list(week)
    moved[index] = week[index].replace(day=new_day)
    # the week's sums (training days can change: two sessions of a day may be spread out)
    before, after = week_totals(week), week_totals(moved)
    assert (after.runs, after.sessions, after.done, after.planned) == (
        before.runs,
        before.sessions,
        before.done,
        before.planned,
    )
    assert after.run_km == pytest.approx(before.run_km, rel=1e-9)
    assert after.training_min == pytest.approx(before.training_min, rel=1e-9)
    end = MONDAY + timedelta(days=6)
    # Daily sums are rounded per day, so compare as RULES.md says: relative tolerance 1e-9.
    assert math.fsum(daily_loads(moved, MONDAY, end).values()) == pytest.approx(
        math.fsum(daily_loads(week, MONDAY, end).values()), rel=1e-9
    )
    moved_km, week_km = weekly_run_km(moved, MONDAY, end), weekly_run_km(week, MONDAY, end)
    assert moved_km == pytest.approx(week_km, rel=1e-9)
    # nor what the rules that count the week say about it

    def weekly(plan: list[Workout]) -> set[tuple[object, ...]]:
        found = evaluate(history + plan, start=MONDAY, end=end)
        return {(f.rule_id, f.days, f.severity) for f in found if f.rule_id in WEEK_RULES}

    assert weekly(moved) == weekly(week)


# -- a finding's days are the days its message speaks of -----------------------------------

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2}(?: (?:" + "|".join(_MONTHS) + "))?"


def _dates(text: str) -> list[date]:
    """The days ``text`` names (``Tue 17 Nov``; ``Mon 16 to Sat 21 Nov`` leaves out the first
    month), each checked against its weekday, in the year nearest MONDAY."""
    found = re.findall(_DAY, text)
    months: list[int | None] = []
    for mention in found:
        parts = mention.split()
        months.append(_MONTHS.index(parts[2]) + 1 if len(parts) == 3 else None)
    out = []
    for index, mention in enumerate(found):
        weekday, number = mention.split()[:2]
        month = next(m for m in months[index:] if m is not None)  # "Mon 16 to Sat 21 Nov"
        candidates = [
            date(year, month, int(number))
            for year in (MONDAY.year - 1, MONDAY.year, MONDAY.year + 1)
        ]
        named = min(candidates, key=lambda d: abs((d - MONDAY).days))
        assert _WEEKDAYS[named.weekday()] == weekday, (mention, text)
        out.append(named)
    return out


def _through(first: date, last: date) -> tuple[date, ...]:
    return tuple(first + timedelta(days=i) for i in range((last - first).days + 1))


def days_spoken_of(message: str) -> tuple[date, ...]:
    """The days a message speaks of, read as a runner reads it.

    "the 7 days to D" (or "7-day means to D") are D-6..D; "the week of D" is D..D+6; "(A to B)"
    is A..B; anything else is the days it names.
    """
    rolling = re.search(r"7(?: days|-day means) to (" + _DAY + ")", message)
    if rolling:
        (last,) = _dates(rolling.group(1))
        return _through(last - timedelta(days=6), last)
    week = re.search(r"the week of (" + _DAY + ")", message)
    if week:
        (first,) = _dates(week.group(1))
        return _through(first, first + timedelta(days=6))
    span = re.search(r"\((" + _DAY + ") to (" + _DAY + r")\)", message)
    if span:
        first, last = _dates(span.group(0))
        return _through(first, last)
    return tuple(sorted(set(_dates(message))))


@settings(deadline=None)
@given(
    plan=st.lists(workouts(first=-40, last=13), max_size=50),
    weighed=st.lists(weigh_ins(first=-40, last=13), max_size=12),
    window=windows,
    units=st.sampled_from(list(Units)),
    first_weekday=st.integers(0, 6),
)
def test_a_findings_days_are_exactly_the_days_its_message_speaks_of(
    plan: list[Workout],
    weighed: list[WeightEntry],
    window: tuple[date, date],
    units: Units,
    first_weekday: int,
) -> None:
    start, end = window
    options = RuleSettings(units=units)
    for found in evaluate(
        plan, start=start, end=end, weights=weighed, settings=options, first_weekday=first_weekday
    ):
        assert found.days == days_spoken_of(found.message), found


ROLLING_RULES = ("HARD_COUNT", "MONOTONY", "LOAD_RATIO", "FATIGUE_SUSTAINED", "WEIGHT_DROP")


@settings(deadline=None)
@given(
    plan=st.lists(workouts(first=-40, last=13), max_size=50),
    weighed=st.lists(weigh_ins(first=-40, last=13), max_size=12),
    window=windows,
)
def test_a_rolling_rule_never_reports_consecutive_days(
    plan: list[Workout], weighed: list[WeightEntry], window: tuple[date, date]
) -> None:
    start, end = window
    found = evaluate(plan, start=start, end=end, weights=weighed)
    for rule_id in ROLLING_RULES:
        reported = sorted(f.days[-1] for f in found if f.rule_id == rule_id)
        assert all(later - earlier > timedelta(days=1) for earlier, later in pairwise(reported))


#: What a day may hold for the hard-days property: often hard (HIIT, effort 7 or more), often
#: not (easy sessions, nothing, a skipped hard session), sometimes a pair HIIT_GAP reports.
_DAY_CHOICES = (
    (),
    ((Kind.RUN, 3.0, Status.PLANNED),),
    ((Kind.RUN, 7.0, Status.PLANNED),),
    ((Kind.RUN, 8.0, Status.DONE),),
    ((Kind.HIIT, None, Status.PLANNED),),
    ((Kind.STRENGTH, 8.0, Status.PLANNED),),
    ((Kind.STRENGTH, 5.0, Status.PLANNED),),
    ((Kind.HIIT, 8.0, Status.SKIPPED),),
    ((Kind.RUN, 4.0, Status.PLANNED), (Kind.STRENGTH, 7.0, Status.PLANNED)),
)


@st.composite
def day_by_day(draw: st.DrawFn, first: int = -12, last: int = 20) -> list[Workout]:
    """A plan drawn a day at a time from :data:`_DAY_CHOICES`: runs of hard days are common."""
    plan = []
    for offset in range(first, last + 1):
        for kind, rpe, status in draw(st.sampled_from(_DAY_CHOICES)):
            plan.append(
                Workout(
                    id=None,
                    day=MONDAY + timedelta(days=offset),
                    kind=kind,
                    title="Session",
                    duration_min=40.0,
                    rpe=rpe,
                    status=status,
                )
            )
    return plan


@settings(deadline=None)
@given(plan=day_by_day(), window=windows, options=rule_settings)
def test_hard_days_in_a_row_are_whole_runs_that_never_touch(
    plan: list[Workout], window: tuple[date, date], options: RuleSettings
) -> None:
    start, end = window
    options = options.replace(disabled=options.disabled - {"HARD_BACK_TO_BACK"})
    found = evaluate(plan, start=start, end=end, settings=options)
    found = [f for f in found if f.rule_id == "HARD_BACK_TO_BACK"]
    hard_days = {w.day for w in plan if is_hard(w)}
    for finding in found:
        first, last = finding.days[0], finding.days[-1]
        # unbroken, at least two days, every one of them hard, and nothing hard either side
        assert finding.days == tuple(first + timedelta(days=i) for i in range(len(finding.days)))
        assert len(finding.days) >= 2
        assert set(finding.days) <= hard_days
        assert first - timedelta(days=1) not in hard_days
        assert last + timedelta(days=1) not in hard_days
    for earlier, later in pairwise(sorted(found, key=lambda f: f.days[0])):
        assert later.days[0] - earlier.days[-1] > timedelta(days=1)  # a gap of a day at least
