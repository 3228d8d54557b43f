"""``legwork warnings``: the week's findings on the command line, as the panel shows them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner import cli

MONDAY = date(2026, 11, 16)  # week 2026-W47


#: Private data dirs like every test (tests/conftest.py), and no LEGWORK_DB to find a plan by.
pytestmark = pytest.mark.usefixtures("no_default_plan")


def make_plan(tmp_path: Path, items: list[dict[str, object]]) -> Path:
    db = tmp_path / "plan.sqlite3"
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(items))
    assert cli.main(["import", "--create", "--db", str(db), str(source)]) == 0
    return db


def easy(day: date) -> dict[str, object]:
    """A short easy run: no ramp, no long run, no fuelling note."""
    return {
        "day": day.isoformat(),
        "kind": "run",
        "title": "Easy run",
        "duration_min": 30,
        "distance_km": 5.0,
        "rpe": 3,
    }


def test_seven_training_days_is_a_warning_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    week = [MONDAY + timedelta(days=i) for i in range(7)]
    db = make_plan(tmp_path, [easy(day) for day in week])
    capsys.readouterr()
    assert cli.main(["warnings", "2026-W47", "--db", str(db), "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    rest_week = [f for f in findings if f["rule_id"] == "REST_WEEK"]
    assert rest_week == [
        {
            "rule_id": "REST_WEEK",
            "severity": "warning",
            "days": [day.isoformat() for day in week],
            "message": rest_week[0]["message"],
            "source": rest_week[0]["source"],
        }
    ]
    assert "rest day" in rest_week[0]["message"]
    assert "Meeusen" in rest_week[0]["source"]
    assert findings[0]["severity"] == "warning"  # most severe first


def test_a_quiet_week_says_so_in_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = make_plan(
        tmp_path, [easy(MONDAY), easy(MONDAY + timedelta(days=2)), easy(MONDAY + timedelta(days=4))]
    )
    capsys.readouterr()
    assert cli.main(["warnings", "2026-11-18", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out == "Week 2026-W47 (2026-11-16 to 2026-11-22)\nNo warnings this week.\n"


def test_default_week_is_the_one_holding_today_and_miles_show_in_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = [easy(MONDAY - timedelta(days=7) + timedelta(days=i)) for i in (0, 2, 4)]
    ramp = [easy(MONDAY + timedelta(days=i)) | {"distance_km": 8.0} for i in (0, 2, 4)]
    db = make_plan(tmp_path, before + ramp)  # 15 km -> 24 km: +60 %
    assert cli.main(["config", "--db", str(db), "units", "mi"]) == 0
    capsys.readouterr()
    assert cli.main(["warnings", "--today", "2026-11-19", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Week 2026-W47")
    assert "WARNING" in out
    assert "9.3 mi → 14.9 mi" in out  # 15 km and 24 km in miles, one decimal


def test_reads_while_another_program_holds_the_plan_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = make_plan(tmp_path, [easy(MONDAY)])
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    holder = sqlite3.connect(db)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert cli.main(["warnings", "2026-W47", "--db", str(db)]) == 0
    finally:
        holder.rollback()
        holder.close()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest


def test_a_week_that_is_not_a_week_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = make_plan(tmp_path, [easy(MONDAY)])
    capsys.readouterr()
    assert cli.main(["warnings", "2026-W60", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("legwork: error: ")
    assert len(err.strip().splitlines()) <= 2


def session(day: date, kind: str, minutes: float, rpe: float, **more: object) -> dict[str, object]:
    """One workout as ``legwork export`` writes it."""
    item: dict[str, object] = {"day": day.isoformat(), "kind": kind, "title": kind.title()}
    return item | {"duration_min": minutes, "rpe": rpe} | more


def warnings_json(db: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert cli.main(["warnings", "2026-W47", "--db", str(db), "--format", "json"]) == 0
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return found


def iso_days(first: date, last: date) -> list[str]:
    return [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]


def test_a_load_spike_names_the_seven_days_its_message_speaks_of(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 25 min at RPE 4 (100 AU) every day from Mon 19 Oct to Mon 16 Nov, then 125 min at RPE 8
    # (1000 AU) on Tue 17 Nov and nothing after. The 7 days to Tuesday carry 6 x 100 + 1000 =
    # 1600 against a usual week of (27 x 100 + 1000) / 4 = 925: 1.73, a warning; the days
    # after flag too but less (1500 / 900 = 1.67 on Wednesday, ... 1100 / 800 = 1.375 on
    # Sunday), so one finding: the 7 days Wed 11 to Tue 17 Nov.
    steady = [session(MONDAY + timedelta(days=i), "run", 25, 4) for i in range(-28, 1)]
    db = make_plan(tmp_path, [*steady, session(MONDAY + timedelta(days=1), "run", 125, 8)])
    found = warnings_json(db, capsys)
    ratio = [f for f in found if f["rule_id"] == "LOAD_RATIO"]
    assert [(f["severity"], f["days"], f["message"]) for f in ratio] == [
        (
            "warning",
            iso_days(date(2026, 11, 11), date(2026, 11, 17)),
            "Your 7 days to Tue 17 Nov carry 1.7 times your usual weekly load: "
            "consider an easier day.",
        )
    ]
    # Every day from Tue 10 to Mon 16 Nov carries 100 AU: the 7 days to Monday are all alike
    # (no spread, a warning), and no later window is (the spike spreads them).
    monotony = [f for f in found if f["rule_id"] == "MONOTONY"]
    assert [(f["days"], f["message"]) for f in monotony] == [
        (
            iso_days(date(2026, 11, 10), date(2026, 11, 16)),
            "Your days are too alike (every day of the 7 days to Mon 16 Nov carries the same "
            "load): mix easy, hard and rest days.",
        )
    ]


def hard_week() -> list[dict[str, object]]:
    """Hard days from Monday to Saturday: tempo runs (RPE 7) on Monday, Thursday and Saturday,
    HIIT on Tuesday and Wednesday, heavy strength (RPE 8) on Friday; Sunday off."""
    tempo = [session(MONDAY + timedelta(days=i), "run", 45, 7, distance_km=8.0) for i in (0, 3, 5)]
    hiit = [session(MONDAY + timedelta(days=i), "hiit", 30, 8) for i in (1, 2)]
    return [*tempo, *hiit, session(MONDAY + timedelta(days=4), "strength", 40, 8)]


def test_six_hard_days_in_a_row_are_one_finding_naming_them_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = warnings_json(make_plan(tmp_path, hard_week()), capsys)
    in_a_row = [f for f in found if f["rule_id"] == "HARD_BACK_TO_BACK"]
    assert [(f["severity"], f["days"], f["message"]) for f in in_a_row] == [
        (
            "warning",
            iso_days(date(2026, 11, 16), date(2026, 11, 21)),
            "6 hard days in a row (Mon 16 to Sat 21 Nov): follow a hard day with an easy day "
            "or rest.",
        )
    ]
    # HIIT on Tuesday and Wednesday still gets its own advice.
    assert [f["days"] for f in found if f["rule_id"] == "HIIT_GAP"] == [
        ["2026-11-17", "2026-11-18"]
    ]
    # In the 7 days to Wednesday 3 of 3 sessions are hard, to Thursday 4 of 4 ... to Saturday
    # and to Sunday 6 of 6: the worst, and the earliest of those, is Saturday's 7 days.
    too_many = [f for f in found if f["rule_id"] == "HARD_COUNT"]
    assert [(f["days"], f["message"]) for f in too_many] == [
        (
            iso_days(date(2026, 11, 15), date(2026, 11, 21)),
            "Too many hard sessions: 6 of 6 in the 7 days to Sat 21 Nov. "
            "Most runners do 1 to 2 a week; make the others easy.",
        )
    ]


def test_two_weeks_without_strength_are_noted_until_the_rule_is_switched_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # easy runs on Monday, Wednesday and Friday of last week and of this week, no strength
    runs = [easy(MONDAY + timedelta(days=i)) for i in (-7, -5, -3, 0, 2, 4)]
    db = make_plan(tmp_path, runs)
    strength = [f for f in warnings_json(db, capsys) if f["rule_id"] == "STRENGTH_LOW"]
    assert strength == [
        {
            "rule_id": "STRENGTH_LOW",
            "severity": "info",
            "days": iso_days(MONDAY, MONDAY + timedelta(days=6)),
            "message": "No strength session for two weeks (the week of Mon 16 Nov and the week "
            "before): two a week keep running legs strong and less injury-prone (squats, "
            "lunges, squat jumps).",
            "source": "the running-legs guide (two strength sessions a week); Lauersen et al. "
            "2014 (strength training cut sports injuries to less than a third)",
        }
    ]
    # a switch like every other rule's, named after it
    assert cli.main(["config", "--db", str(db), "rule.STRENGTH_LOW"]) == 0
    assert capsys.readouterr().out.strip() == "on"
    assert cli.main(["config", "--db", str(db), "rule.STRENGTH_LOW", "off"]) == 0
    assert [f for f in warnings_json(db, capsys) if f["rule_id"] == "STRENGTH_LOW"] == []
    assert cli.main(["config", "--db", str(db), "rule.STRENGTH_LOW"]) == 0
    assert capsys.readouterr().out.strip() == "off"


def test_a_heavy_legs_report_in_the_week_points_at_legwork_heavy_legs_in_text_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tuesday = MONDAY + timedelta(days=1)
    runs = [easy(MONDAY), easy(tuesday) | {"status": "done"}, easy(MONDAY + timedelta(days=4))]
    (tmp_path / "quiet").mkdir()
    quiet = make_plan(tmp_path / "quiet", runs)
    reported = make_plan(tmp_path, [runs[0], runs[1] | {"heavy_legs": True}, runs[2]])
    capsys.readouterr()
    assert cli.main(["warnings", "2026-W47", "--db", str(reported)]) == 0
    assert capsys.readouterr().out == (
        "Week 2026-W47 (2026-11-16 to 2026-11-22)\n"
        "No warnings this week.\n"
        "Heavy legs reported on Tue 17 Nov: run `legwork heavy-legs 2026-11-17` for why.\n"
    )
    assert cli.main(["warnings", "2026-W48", "--db", str(reported)]) == 0
    assert "Heavy legs" not in capsys.readouterr().out
    outputs = []
    for db in (quiet, reported):
        assert cli.main(["warnings", "2026-W47", "--db", str(db), "--format", "json"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
