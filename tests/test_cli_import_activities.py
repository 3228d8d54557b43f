"""``legwork import-activities``: a watch's files matched to the plan, reported, one write.

FIT files come from fit-tool (``tests/helpers/fit_files.py``); GPX is written inline.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from fit_tool.profile.profile_type import Sport, SubSport

from planner import cli
from planner.core.model import Kind, Status, Workout
from planner.storage.plan_files import APP_PURPOSE, try_lock
from tests.helpers import fit_files
from tests.helpers.activities import plan_awaiting_the_run
from tests.helpers.gpx_files import gpx_run

TODAY = "2026-11-30"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A plan with an easy run planned on the day the watch recorded a run."""
    return plan_awaiting_the_run(tmp_path / "plan.sqlite3")


@pytest.fixture
def watch(tmp_path: Path) -> Path:
    """A watch's folder: a one-hour run, a ride, and the run again as GPX (Strava does)."""
    folder = tmp_path / "watch"
    (folder / "2026").mkdir(parents=True)
    (folder / "2026" / "run.fit").write_bytes(fit_files.one_hour_run())
    (folder / "ride.fit").write_bytes(
        fit_files.activity(
            sport=Sport.CYCLING,
            sub_sport=SubSport.ROAD,
            seconds=1200,
            speed_m_s=8.0,
            start=fit_files.RUN_START.replace(hour=15),
        )
    )
    return folder


def gpx(start: str = "2026-11-17T06:30:20Z", minutes: int = 60) -> str:
    """A GPX run of ``minutes`` with a point a minute, about 3 m/s."""
    from datetime import datetime

    return gpx_run(datetime.fromisoformat(start.replace("Z", "+00:00")), minutes)


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main(["import-activities", *(str(a) for a in argv), "--today", TODAY])
    out, err = capsys.readouterr()
    return code, out, err


def workouts(db: Path) -> list[Workout]:
    with cli.open_readonly_repository(db) as repository:
        return repository.workouts_between(date(2026, 1, 1), date(2026, 12, 31))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_watch_folder_links_the_planned_run_and_adds_the_ride(
    capsys: pytest.CaptureFixture[str], plan: Path, watch: Path
) -> None:
    code, out, err = run(capsys, "--db", plan, watch, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "imported": 2,
        "linked": 1,
        "new": 1,
        "duplicates": [],
        "refused": [],
    }
    easy, ride = workouts(plan)
    assert (easy.title, easy.status, easy.actual_rpe) == ("Easy run", Status.DONE, 4.0)
    assert easy.actual_distance_km == pytest.approx(10.8, abs=0.05)
    assert easy.actual_duration_min == pytest.approx(60, abs=1.5)  # moving time
    assert (ride.kind, ride.status, ride.title) == (
        Kind.CROSS,
        Status.DONE,
        "Afternoon ride",
    )  # 16:00, UTC+1


def test_the_second_time_and_the_gpx_of_the_same_run_add_nothing(
    capsys: pytest.CaptureFixture[str], plan: Path, watch: Path, tmp_path: Path
) -> None:
    assert run(capsys, "--db", plan, watch)[0] == 0
    before = workouts(plan)
    strava = tmp_path / "strava.gpx"
    strava.write_text(gpx(), encoding="utf-8")
    code, out, _ = run(capsys, "--db", plan, watch, strava, "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["imported"] == 0
    assert sorted(Path(d["file"]).name for d in report["duplicates"]) == [
        "ride.fit",
        "run.fit",
        "strava.gpx",
    ]
    assert workouts(plan) == before
    code, out, _ = run(capsys, "--db", plan, strava)
    assert "0 activities imported" in out and "1 duplicate skipped" in out
    assert "strava.gpx (the same as" in out


def test_a_dry_run_reports_the_same_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], plan: Path, watch: Path
) -> None:
    before = digest(plan)
    code, out, _ = run(capsys, "--db", plan, watch, "--dry-run")
    assert code == 0
    assert out.splitlines()[0] == (
        "2 activities would be imported: 1 linked to planned workouts, 1 new workout"
    )
    assert "Dry run: nothing was written." in out
    assert digest(plan) == before
    assert [w.status for w in workouts(plan)] == [Status.PLANNED]


def test_refused_files_are_listed_with_their_reason_while_the_others_import(
    capsys: pytest.CaptureFixture[str], plan: Path, watch: Path
) -> None:
    (watch / "course.fit").write_bytes(fit_files.course())
    (watch / "cut.fit").write_bytes(fit_files.truncated(fit_files.one_hour_run()))
    (watch / "no-times.gpx").write_text(
        '<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
        '<trkpt lat="52.5" lon="13.4"/><trkpt lat="52.6" lon="13.4"/></trkseg></trk></gpx>',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", plan, watch, "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert report["imported"] == 2
    refused = {Path(r["file"]).name: r["reason"] for r in report["refused"]}
    assert sorted(refused) == ["course.fit", "cut.fit", "no-times.gpx"]
    assert all(reason for reason in refused.values())
    code, out, _ = run(capsys, "--db", plan, watch / "course.fit")
    assert code == 1 and "1 file refused:" in out and "course.fit: " in out


def test_it_is_refused_while_the_app_holds_the_plan(
    capsys: pytest.CaptureFixture[str], plan: Path, watch: Path
) -> None:
    before = digest(plan)
    lock = try_lock(plan, purpose=APP_PURPOSE)
    assert lock is not None
    try:
        code, out, err = run(capsys, "--db", plan, watch)
    finally:
        lock.release()
    assert code != 0 and out == "" and err
    assert digest(plan) == before
