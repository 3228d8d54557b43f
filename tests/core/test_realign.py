"""Realign: a generated plan's progress, the offer, and the realignment after a gap.

The plan is the generator's, for the demo runner; the runner does it until the gap, then
misses everything until "today". Expected figures are counted from the workouts themselves.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core import rules
from planner.core import thresholds as t
from planner.core.edits import apply_edit
from planner.core.model import Kind, Severity, Status, Workout
from planner.core.realign import (
    needs_realign,
    plan_progress,
    realignment,
    return_share,
    taper_start,
)
from tests.helpers.realign_plans import RACE_DAY, TAPER_START, half_marathon, history, lived
from tests.helpers.runner_histories import PLAN_START


@cache
def _stored() -> tuple[Workout, ...]:
    """The demo history and the half-marathon plan, stored (ids given)."""
    ids = itertools.count(1)
    return tuple(w.replace(id=next(ids)) for w in [*history(), *half_marathon().workouts])


def _lived(gap_first: date) -> list[Workout]:
    """The plan done up to ``gap_first``, missed from it on."""
    return lived(_stored(), gap_first)


def test_progress_counts_on_time_moved_and_missed_by_plan_day() -> None:
    today = PLAN_START + timedelta(weeks=3)
    lived = _lived(today)
    sessions = [w for w in lived if w.plan_day is not None and w.kind is not Kind.REST]
    first, second, third, fourth = [w for w in sessions if w.day >= today - timedelta(days=7)][:4]
    changed = {
        first.id: first.replace(day=first.day + timedelta(days=1)),  # done a day later: moved
        second.id: second.replace(status=Status.SKIPPED),  # missed
        third.id: third.replace(status=Status.PLANNED),  # planned and past: missed
        fourth.id: fourth.replace(status=Status.PLANNED, day=today + timedelta(days=2)),  # moved
    }
    lived = [changed.get(w.id, w) for w in lived]
    past = [w for w in sessions if w.plan_day is not None and w.plan_day < today]
    ahead = [w for w in sessions if w.day >= today]
    progress = plan_progress(lived, today)
    assert (progress.on_time, progress.moved, progress.missed) == (len(past) - 4, 2, 2)
    assert progress.upcoming == len(ahead) + 1
    assert progress.text() == f"So far: {len(past) - 4} on time, 2 moved, 2 missed"


def test_three_missed_workouts_are_a_reason_two_are_not() -> None:
    today = PLAN_START + timedelta(weeks=3)
    lived = _lived(today)
    week = [w for w in lived if w.plan_day is not None and today - timedelta(7) <= w.day < today]
    runs = [w for w in week if w.is_training_session][:3]
    for count in (2, 3):
        missed = {w.id for w in runs[:count]}
        plan = [w.replace(status=Status.PLANNED) if w.id in missed else w for w in lived]
        reason = needs_realign(plan, today)
        if count == 2:
            assert reason is None
        else:
            assert reason is not None
            assert reason.text.startswith("3 workouts of your plan were missed since ")
            assert reason.since == runs[0].day


def test_a_week_without_training_is_a_reason_until_it_is_realigned() -> None:
    gap_first = PLAN_START + timedelta(weeks=4)
    today = gap_first + timedelta(weeks=1)
    lived = _lived(gap_first)
    reason = needs_realign(lived, today)
    assert reason is not None
    assert "7 days of your plan went by" in reason.text
    assert reason.since == gap_first
    after = apply_edit(realignment(lived, today).edit, lived)
    assert needs_realign(after, today) is None


def test_realign_shifts_the_build_by_the_gap_and_keeps_race_and_taper() -> None:
    gap_first = PLAN_START + timedelta(weeks=4)
    today = gap_first + timedelta(weeks=2)
    lived = _lived(gap_first)
    result = realignment(lived, today)
    after = {w.id: w for w in apply_edit(result.edit, lived)}
    before = {w.id: w for w in lived}
    taper = TAPER_START
    assert result.shift_weeks == 2
    assert result.taper_start == taper
    assert result.race is not None and after[result.race.id] == before[result.race.id]
    for i, old in before.items():
        new = after.get(i)
        if old.plan_day is None or old.status is Status.DONE or old.race:
            assert new == old  # the runner's own, what was done and the race: untouched
        elif old.day >= taper:
            assert new is not None and new.day == old.day  # the taper stays where it is
        elif old.status is Status.PLANNED and old.day >= gap_first:
            moved_to = old.day + timedelta(weeks=2)
            if moved_to >= taper:
                assert new is None  # no longer fits before the taper: dropped
            else:
                assert new is not None and new.day == moved_to and new.plan_day == old.plan_day
    first_week = [w for w in after.values() if w.plan_day and today <= w.day < today + timedelta(7)]
    eased = [w for w in first_week if (w.distance_km or 0) < (before[w.id].distance_km or 0)]
    assert eased  # the return is eased
    assert plan_progress(after.values(), today).moved == sum(
        1
        for w in before.values()
        if w.plan_day and gap_first <= w.day < today and w.kind is not Kind.REST
    )


def test_missed_workouts_the_shift_does_not_bring_back_are_marked_skipped() -> None:
    today = PLAN_START + timedelta(weeks=3)
    lived = _lived(today - timedelta(days=3))  # a 3-day gap: nothing moves
    result = realignment(lived, today)
    assert result.shift_weeks == 0
    missed = [
        w
        for w in lived
        if w.plan_day and w.is_training_session and w.status is Status.PLANNED and w.day < today
    ]
    assert missed
    assert {w.id for w in result.edit.upserts if w.status is Status.SKIPPED} == {
        w.id for w in missed
    }
    assert result.moved == 0


def _serious(found: list) -> list[str]:  # type: ignore[type-arg]
    return [
        f"{f.rule_id} {f.days[0]}: {f.message}" for f in found if f.severity >= Severity.WARNING
    ]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    gap_weeks=st.integers(0, 4),
    extra_days=st.integers(0, 6),
    start_week=st.integers(3, 6),
)
def test_a_realigned_plan_keeps_race_taper_and_what_happened(
    gap_weeks: int, extra_days: int, start_week: int
) -> None:
    """Any gap of 0 to 4 weeks: the race, taper and what happened stay; no critical finding.

    Gaps of up to 5 days raise no warning at all. Longer ones may keep a warning in the weeks
    right back: LOAD_RATIO (see REALIGN_RATIO_BLIND_DAYS: after three weeks with no load, any
    training is four times the 28 days' weekly average), or WEEK_RAMP after a week the gap
    left nearly empty, where the return's sessions are already at REALIGN_MIN_SHARE.
    """
    gap_first = PLAN_START + timedelta(weeks=start_week)
    today = gap_first + timedelta(weeks=gap_weeks, days=extra_days)
    lived = _lived(gap_first)
    result = realignment(lived, today)
    after = apply_edit(result.edit, lived)
    found = rules.evaluate(after, start=today, end=RACE_DAY)
    assert not [f for f in found if f.severity is Severity.CRITICAL]
    if gap_weeks * 7 + extra_days <= t.REALIGN_FULL_DAYS:
        assert _serious(found) == []
    changed = {w.id for w in result.edit.upserts} | {w.id for w in result.edit.deletes}
    for w in lived:
        if w.id in changed:
            assert w.plan_day is not None and w.status is Status.PLANNED and not w.race
            assert result.taper_start is not None
            if w.day >= result.taper_start:
                assert next(a for a in after if a.id == w.id).day == w.day


def test_the_return_is_eased_as_daniels_return_after_a_break() -> None:
    """Up to 5 days off: as planned; up to 4 weeks: halves at 50 and 75 %; longer: thirds."""
    today = date(2027, 1, 11)
    assert [return_share(today + timedelta(days=d), today, 5) for d in (0, 4)] == [1.0, 1.0]
    ten = [return_share(today + timedelta(days=d), today, 10) for d in range(11)]
    assert ten == [0.5] * 5 + [0.75] * 5 + [1.0]
    thirty = [return_share(today + timedelta(days=d), today, 30) for d in (0, 9, 10, 19, 20, 29)]
    assert thirty == [0.33, 0.33, 0.5, 0.5, 0.75, 0.75]
    assert return_share(today - timedelta(days=1), today, 10) == 1.0  # before today: not eased


def test_the_taper_is_the_generator_s_for_the_race_distance() -> None:
    race_day = date(2027, 4, 18)  # a Sunday; its week begins Monday 12 April
    race = Workout(7, race_day, Kind.RUN, "Marathon", distance_km=42.2, race=True)
    assert taper_start(race, first_weekday=0) == date(2027, 3, 29)  # 3 weeks
    assert taper_start(race.replace(distance_km=21.1), first_weekday=0) == date(2027, 4, 5)
    assert taper_start(race.replace(distance_km=10.0), first_weekday=6) == date(2027, 4, 11)
