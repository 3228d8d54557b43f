"""What each format gives: the activity a runner expects from a FIT, GPX or TCX file."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from planner.core.model import Kind
from planner.interchange.activities.fit import read_fit
from planner.interchange.activities.gpx import read_gpx
from planner.interchange.activities.tcx import read_tcx
from tests.helpers import fit_files
from tests.helpers.fit_files import RUN_START
from tests.interchange.activities.documents import gpx, tcx

BERLIN = ZoneInfo("Europe/Berlin")


def test_fit_run_keeps_summary_laps_and_track(run_fit: bytes) -> None:
    [run] = read_fit(run_fit, "run.fit")
    assert run.start == RUN_START
    assert run.utc_offset_s == 3600
    assert run.local_day == date(2026, 11, 17)
    assert (run.sport, run.sub_sport, run.kind) == ("running", "street", Kind.RUN)
    assert run.elapsed_s == 3600.0
    assert run.moving_s == 3540.0
    assert run.distance_km == 10.8
    assert run.ascent_m == 80.0
    assert (run.avg_hr, run.max_hr, run.avg_cadence) == (145.0, 161.0, 85.0)
    assert len(run.laps) == 6
    assert run.laps[1].start_s == 600.0
    assert run.laps[1].distance_km == 1.8
    assert len(run.track) == 3601
    assert run.track.seconds[-1] == 3600.0
    assert run.track.distance_m[100] == 300.0
    assert run.track.heart_rate[0] == 130.0
    assert math.isclose(run.track.altitude_m[225], 120.0, abs_tol=0.5)
    assert run.track.speed_m_s[5] == 3.0
    assert run.source == "run.fit"


def test_fit_local_offset_decides_the_day_over_the_computers_zone() -> None:
    late = datetime(2026, 11, 17, 22, 30, tzinfo=UTC)  # 07:30 next morning in Tokyo
    data = fit_files.activity(start=late, seconds=600, laps=1, utc_offset_s=9 * 3600)
    [run] = read_fit(data, "tokyo.fit", tz=BERLIN)
    assert run.local_day == date(2026, 11, 18)


def test_fit_without_offset_uses_the_given_zone() -> None:
    late = datetime(2026, 11, 17, 23, 30, tzinfo=UTC)
    data = fit_files.activity(start=late, seconds=600, laps=1, utc_offset_s=None)
    [run] = read_fit(data, "run.fit", tz=BERLIN)
    assert run.utc_offset_s is None
    assert run.local_day == date(2026, 11, 18)
    [run] = read_fit(data, "run.fit", tz=ZoneInfo("America/New_York"))
    assert run.local_day == date(2026, 11, 17)


def test_fit_ride_and_strength_map_to_their_kinds(ride_fit: bytes) -> None:
    [ride] = read_fit(ride_fit, "ride.fit")
    assert (ride.kind, ride.distance_km, ride.title) == (Kind.CROSS, 9.6, "Cycling (road)")
    [strength] = read_fit(fit_files.strength_session(), "gym.fit")
    assert strength.kind is Kind.STRENGTH
    assert strength.elapsed_s == 1800.0
    assert len(strength.track) == 0


def test_fit_run_without_heart_rate_leaves_gaps() -> None:
    data = fit_files.activity(seconds=120, laps=1, heart_rate=False)
    [run] = read_fit(data, "run.fit")
    assert run.avg_hr is None
    assert run.max_hr is None
    assert all(math.isnan(value) for value in run.track.heart_rate)


def test_gpx_run_with_garmin_extensions() -> None:
    [run] = read_gpx(gpx(seconds=1800), "run.gpx", tz=BERLIN)
    assert run.start == RUN_START
    assert run.local_day == date(2026, 11, 17)
    assert run.utc_offset_s is None
    assert (run.sport, run.kind) == ("running", Kind.RUN)
    assert run.elapsed_s == 1800.0
    assert run.distance_km is not None
    assert math.isclose(run.distance_km, 5.4, rel_tol=0.01)
    assert run.max_hr == 146.0
    assert run.avg_cadence == 86.0
    assert len(run.track) == 181
    assert math.isclose(run.track.speed_m_s[10], 3.0, rel_tol=0.01)
    assert run.track.heart_rate[1] == 143.0


def test_gpx_without_extensions_has_no_heart_rate() -> None:
    [run] = read_gpx(gpx(seconds=600, heart_rate=False, sport="cycling"), "ride.gpx")
    assert run.kind is Kind.CROSS
    assert run.avg_hr is None


def test_tcx_activity_with_laps_and_speed() -> None:
    [run] = read_tcx(tcx(), "run.tcx", tz=BERLIN)
    assert run.start == RUN_START
    assert (run.sport, run.kind) == ("Running", Kind.RUN)
    assert run.distance_km == 5.4
    assert run.moving_s == 1800.0
    assert run.max_hr == 161.0
    assert [lap.start_s for lap in run.laps] == [0.0, 900.0]
    assert run.laps[1].avg_hr == 151.0
    assert run.track.speed_m_s[0] == 3.0
    assert run.avg_cadence == 88.0
    assert run.track.seconds[-1] == 1790.0


def test_tcx_biking_is_cross_training() -> None:
    [ride] = read_tcx(tcx(sport="Biking", start=RUN_START + timedelta(days=1)), "ride.tcx")
    assert ride.kind is Kind.CROSS
