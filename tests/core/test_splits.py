"""Splits per kilometre and per mile, from a recorded track's columns."""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st

from planner.core.activity import Track
from planner.core.settings import KM_PER_MILE, Units
from planner.core.splits import covered, splits

NAN = math.nan


def steady(seconds: int, speed: float = 3.0, *, hr: float = 140.0) -> Track:
    """A run at ``speed`` m/s for ``seconds``, one sample a second, on the flat."""
    n = seconds + 1
    return Track.from_columns(
        [float(i) for i in range(n)],
        [speed * i for i in range(n)],
        [hr] * n,
        [100.0] * n,
        [speed] * n,
    )


def test_a_one_hour_run_at_3_m_s_has_ten_whole_kilometres_and_the_rest() -> None:
    found = splits(steady(3600))
    assert [s.number for s in found] == list(range(1, 12))
    assert all(math.isclose(s.distance_km, 1.0) for s in found[:10])
    assert math.isclose(found[-1].distance_km, 0.8)
    assert math.isclose(found[0].time_s, 1000 / 3)  # 5:33 a kilometre
    assert math.isclose(found[-1].time_s, 800 / 3)
    assert found[0].avg_hr == 140.0
    assert found[0].gain_m == 0.0


def test_miles_cut_at_every_1609_metres() -> None:
    found = splits(steady(3600), Units.MI)
    assert len(found) == math.ceil(10.8 / KM_PER_MILE) == 7
    assert math.isclose(found[0].distance_km, KM_PER_MILE)
    assert math.isclose(found[0].time_s, KM_PER_MILE * 1000 / 3)


def test_gaps_are_skipped_and_a_split_without_heart_rate_or_altitude_says_none() -> None:
    track = Track.from_columns(
        [0.0, 100.0, 200.0, 300.0, 400.0],
        [0.0, 500.0, NAN, 1500.0, 2000.0],
        [NAN, NAN, 150.0, 160.0, 170.0],
        [NAN, NAN, NAN, 10.0, 14.0],
        [5.0, 5.0, NAN, 5.0, 5.0],
    )
    first, second = splits(track)
    assert first.avg_hr is None and first.gain_m is None
    assert math.isclose(first.time_s, 200.0)  # 1000 m lies halfway from 500 m to 1500 m
    assert second.avg_hr == 165.0
    assert second.gain_m == 4.0


def test_climbs_count_only_the_rises() -> None:
    track = Track.from_columns(
        [0.0, 1.0, 2.0, 3.0],
        [0.0, 300.0, 600.0, 900.0],
        [NAN] * 4,
        [100.0, 110.0, 105.0, 112.0],
        [NAN] * 4,
    )
    (only,) = splits(track)
    assert only.gain_m == 17.0


def test_no_distance_no_splits() -> None:
    assert splits(Track()) == []
    still = Track.from_columns([0.0, 1.0], [0.0, 0.0], [NAN] * 2, [NAN] * 2, [0.0] * 2)
    assert splits(still) == []
    assert covered(Track()) == (0.0, 0.0)


@st.composite
def tracks(draw: st.DrawFn) -> Track:
    """Tracks of a few samples to a few hundred: some standing still, some gaps, a start
    anywhere along the way (a recording resumed)."""
    steps = draw(
        st.lists(
            st.tuples(
                st.floats(0.5, 30.0),  # seconds since the last sample
                st.one_of(st.just(0.0), st.floats(0.0, 400.0)),  # metres since the last
                st.booleans(),  # a gap in distance
            ),
            min_size=1,
            max_size=300,
        )
    )
    second = 0.0
    metres = draw(st.floats(0.0, 5000.0))
    seconds, distance = [second], [metres]
    for dt, dm, gap in steps:
        second += dt
        metres += dm
        seconds.append(second)
        distance.append(NAN if gap else metres)
    n = len(seconds)
    return Track.from_columns(seconds, distance, [NAN] * n, [NAN] * n, [NAN] * n)


@given(tracks(), st.sampled_from(list(Units)))
@example(  # 0.125 m in miles: over the 0.1 m a last piece needs to be a split of its own
    Track.from_columns([0.0, 1.0], [0.0, 0.125], [NAN] * 2, [NAN] * 2, [NAN] * 2), Units.MI
)
def test_splits_add_up_to_the_distance_covered_and_the_time_it_took(
    track: Track, units: Units
) -> None:
    km, seconds = covered(track)
    found = splits(track, units)
    assert math.isclose(sum(s.distance_km for s in found), km, abs_tol=1e-6)
    if found:
        assert math.isclose(sum(s.time_s for s in found), seconds, abs_tol=1e-6)
    # One split per started unit, where a last piece of 0.1 m or less joins the split before.
    assert len(found) == math.ceil(units.distance_from_km(km - 1e-4)) or km < 1e-4
    assert all(s.distance_km <= units.distance_to_km(1.0) + 1e-9 for s in found)
