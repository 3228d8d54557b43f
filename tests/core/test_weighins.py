"""Planning weigh-ins against the stored log (planner.core.weighins)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from planner.core.model import WeightEntry
from planner.core.weighins import WeighInPlan, future_weigh_in_message, plan_weigh_ins

TODAY = date(2026, 11, 18)


def test_sorts_new_replacing_unchanged_and_future() -> None:
    stored = [WeightEntry(date(2026, 1, 3), 72.5), WeightEntry(date(2026, 1, 4), 72.0)]
    incoming = [
        WeightEntry(date(2026, 1, 3), 72.5),
        WeightEntry(date(2026, 1, 4), 71.5),
        WeightEntry(date(2026, 1, 5), 71.0),
        WeightEntry(date(2099, 1, 1), 70.0),
    ]
    assert plan_weigh_ins(incoming, stored, today=TODAY) == WeighInPlan(
        new=[WeightEntry(date(2026, 1, 5), 71.0)],
        replacing=[(WeightEntry(date(2026, 1, 4), 72.0), WeightEntry(date(2026, 1, 4), 71.5))],
        unchanged=[WeightEntry(date(2026, 1, 3), 72.5)],
        refused_future=[WeightEntry(date(2099, 1, 1), 70.0)],
    )


def test_today_is_not_the_future_and_tomorrow_is() -> None:
    plan = plan_weigh_ins(
        [WeightEntry(TODAY, 70.0), WeightEntry(TODAY + timedelta(days=1), 70.0)],
        {TODAY + timedelta(days=1): WeightEntry(TODAY + timedelta(days=1), 70.0)},
        today=TODAY,
    )
    assert plan.new == [WeightEntry(TODAY, 70.0)]
    assert plan.refused_future == [WeightEntry(TODAY + timedelta(days=1), 70.0)]
    assert plan.unchanged == []


def test_changed_leaves_replacements_out_unless_asked() -> None:
    plan = plan_weigh_ins(
        [WeightEntry(TODAY, 70.0), WeightEntry(TODAY - timedelta(days=1), 69.0)],
        [WeightEntry(TODAY, 71.0)],
        today=TODAY,
    )
    assert plan.changed(replace=False) == [WeightEntry(TODAY - timedelta(days=1), 69.0)]
    assert plan.changed() == [
        WeightEntry(TODAY - timedelta(days=1), 69.0),
        WeightEntry(TODAY, 70.0),
    ]


def test_the_message_names_the_day_and_today() -> None:
    assert future_weigh_in_message(date(2099, 1, 1), TODAY) == (
        "A weigh-in cannot be in the future (Thu 1 Jan 2099); today is Wed 18 Nov 2026."
    )


_days = st.integers(min_value=-5, max_value=5).map(lambda n: TODAY + timedelta(days=n))
_kgs = st.sampled_from([60.0, 70.0, 70.5])
_logs = st.dictionaries(_days, _kgs).map(
    lambda log: [WeightEntry(day, kg) for day, kg in log.items()]
)


@given(incoming=_logs, stored=_logs, replace=st.booleans())
def test_every_entry_lands_in_one_bucket_and_applying_gives_the_log(
    incoming: list[WeightEntry], stored: list[WeightEntry], replace: bool
) -> None:
    plan = plan_weigh_ins(incoming, stored, today=TODAY)
    buckets = [
        *plan.new,
        *(new for _, new in plan.replacing),
        *plan.unchanged,
        *plan.refused_future,
    ]
    assert sorted(buckets, key=lambda e: e.day) == sorted(incoming, key=lambda e: e.day)
    by_day = {e.day: e for e in stored}
    expected = dict(by_day)
    for entry in incoming:
        if entry.day > TODAY:
            continue
        if entry.day not in by_day or replace:
            expected[entry.day] = entry
    assert plan.applied_to(stored, replace=replace) == expected
    assert all(by_day[new.day] == old != new for old, new in plan.replacing)
    assert all(e.day > TODAY for e in plan.refused_future)
