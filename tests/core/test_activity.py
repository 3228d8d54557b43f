"""Recorded activities in the core: kinds, local days, duplicates, plausibility, the track."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.activity import (
    Activity,
    Track,
    implausibility,
    is_duplicate,
    kind_for_sport,
    local_day,
)
from planner.core.model import Kind
from tests.helpers.dates import TODAY

START = datetime(2026, 11, 17, 6, 30, tzinfo=UTC)


def activity(**changes: object) -> Activity:
    base = Activity(
        start=START,
        local_day=START.date(),
        sport="running",
        sub_sport="street",
        kind=Kind.RUN,
        elapsed_s=3600.0,
        source="run.fit",
        distance_km=10.0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sport", "sub_sport", "kind"),
    [
        ("running", "street", Kind.RUN),
        ("running", "trail", Kind.RUN),
        ("running", "treadmill", Kind.RUN),
        ("running", "track", Kind.RUN),
        ("Running", None, Kind.RUN),  # TCX
        ("trail_running", None, Kind.RUN),
        ("VirtualRun", None, Kind.RUN),
        ("fitness_equipment", "treadmill", Kind.RUN),
        ("generic", "indoor_running", Kind.RUN),
        ("training", "strength_training", Kind.STRENGTH),
        ("WeightTraining", None, Kind.STRENGTH),
        ("hiit", "tabata", Kind.HIIT),
        ("training", "hiit", Kind.HIIT),
        ("HighIntensityIntervalTraining", None, Kind.HIIT),
        ("cycling", "road", Kind.CROSS),
        ("cycling", "track", Kind.CROSS),  # track cycling is not a track run
        ("Biking", None, Kind.CROSS),
        ("swimming", "lap_swimming", Kind.CROSS),
        ("rowing", None, Kind.CROSS),
        ("fitness_equipment", "elliptical", Kind.CROSS),
        ("walking", None, Kind.CROSS),
        ("hiking", None, Kind.CROSS),
        ("cross_country_skiing", None, Kind.CROSS),
        ("Other", None, Kind.CROSS),
        ("", None, Kind.CROSS),
    ],
)
def test_kind_for_sport(sport: str, sub_sport: str | None, kind: Kind) -> None:
    assert kind_for_sport(sport, sub_sport) is kind


@given(st.text(max_size=30), st.none() | st.text(max_size=30))
def test_every_sport_maps_to_a_training_kind(sport: str, sub_sport: str | None) -> None:
    assert kind_for_sport(sport, sub_sport) in {Kind.RUN, Kind.STRENGTH, Kind.HIIT, Kind.CROSS}


def test_local_day_uses_the_files_offset_first() -> None:
    late = datetime(2026, 11, 17, 23, 30, tzinfo=UTC)
    assert local_day(late, 3600) == date(2026, 11, 18)  # Berlin: half past midnight
    assert local_day(late, -5 * 3600, ZoneInfo("Asia/Tokyo")) == date(2026, 11, 17)


def test_local_day_without_an_offset_uses_the_computers_zone_on_that_date() -> None:
    evening = datetime(2026, 7, 1, 3, 30, tzinfo=UTC)  # Los Angeles is UTC-7 in summer
    assert local_day(evening, None, ZoneInfo("America/Los_Angeles")) == date(2026, 6, 30)
    winter = datetime(2026, 1, 1, 7, 30, tzinfo=UTC)  # and UTC-8 in winter
    assert local_day(winter, None, ZoneInfo("America/Los_Angeles")) == date(2025, 12, 31)


def test_same_session_from_two_files_is_a_duplicate() -> None:
    fit = activity()
    gpx = activity(start=START + timedelta(seconds=40), elapsed_s=3600 * 1.015, source="a.gpx")
    assert is_duplicate(fit, gpx)
    assert not is_duplicate(fit, replace(gpx, start=START + timedelta(seconds=61)))
    assert not is_duplicate(fit, replace(gpx, elapsed_s=3600 * 1.03))


@given(
    st.floats(-200, 200, allow_nan=False),
    st.floats(1, 20_000, allow_nan=False),
    st.floats(1, 20_000, allow_nan=False),
)
def test_duplicate_is_symmetric(shift_s: float, first_s: float, second_s: float) -> None:
    a = activity(elapsed_s=first_s)
    b = activity(start=START + timedelta(seconds=shift_s), elapsed_s=second_s)
    assert is_duplicate(a, b) == is_duplicate(b, a)
    assert is_duplicate(a, a)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"local_day": date(1970, 1, 1)}, "it is dated 1970, before 1990 (the watch's clock"),
        ({"local_day": date(2200, 1, 1)}, "it is dated 1 Jan 2200, in the future"),
        ({"distance_km": 0.0}, "a run of 0 m"),
        ({"distance_km": None}, "a run of 0 m"),
        ({"distance_km": 1000.0}, "it covers 1,000 km, more than the 300 km a workout holds"),
        ({"elapsed_s": 0.0}, "it lasts no time at all"),
        ({"elapsed_s": 200 * 3600.0}, "it lasts 200 hours"),
        ({"elapsed_s": 30 * 3600.0}, "it lasts 30 hours, more than the 24 hours a workout holds"),
        ({"distance_km": 400.0}, "it covers 400 km, more than the 300 km a workout holds"),
        (
            {"sport": "cycling", "sub_sport": "road", "kind": Kind.CROSS, "distance_km": 0.0},
            "a cycling (road) session of 0 m",
        ),
    ],
)
def test_implausible_activities_are_refused_with_a_reason(
    changes: dict[str, object], reason: str
) -> None:
    refusal = implausibility(activity(**changes), today=TODAY)
    assert refusal is not None
    assert refusal.startswith(reason)


def test_plausible_activities_pass() -> None:
    assert implausibility(activity(), today=TODAY) is None
    assert implausibility(activity(local_day=TODAY + timedelta(days=1)), today=TODAY) is None
    strength = activity(sport="training", kind=Kind.STRENGTH, distance_km=None)
    assert implausibility(strength, today=TODAY) is None


def test_title_says_the_sport() -> None:
    assert activity(sport="trail_running", sub_sport="generic").title == "Trail running"
    assert activity(sport="cycling", sub_sport="road").title == "Cycling (road)"
    assert activity(sport="", sub_sport=None).title == "Activity"


def test_track_is_columns_of_floats_with_nan_gaps() -> None:
    track = Track.from_columns([0, 1, 2], [0, 3, 6], [120, math.nan, 122], [5, 5, 6], [3, 3, 3])
    assert len(track) == 3
    assert list(track.distance_m) == [0.0, 3.0, 6.0]
    assert math.isnan(track.heart_rate[1])
    assert track.heart_rate[2] == 122.0
    assert len(track.seconds_data) == 3 * 8  # eight bytes a sample and column


def test_track_columns_must_have_one_length() -> None:
    with pytest.raises(ValueError, match="same number of samples"):
        Track.from_columns([0, 1], [0], [0, 1], [0, 1], [0, 1])


@given(st.lists(st.floats(allow_nan=True, allow_infinity=False), max_size=50))
def test_track_keeps_every_value(values: list[float]) -> None:
    track = Track.from_columns(values, values, values, values, values)
    assert len(track) == len(values)
    for kept, value in zip(track.altitude_m, values, strict=True):
        assert kept == value or (math.isnan(kept) and math.isnan(value))
    assert track == Track.from_columns(values, values, values, values, values)
