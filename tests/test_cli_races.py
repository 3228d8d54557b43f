"""``legwork import`` and ``export`` carry a race and a generated plan's day, as the user runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from planner import cli
from tests.pdf import pdf_text

#: Private data dirs like every test (tests/conftest.py), and no LEGWORK_DB to find a plan by.
pytestmark = pytest.mark.usefixtures("no_default_plan")

RACE = {
    "day": "2027-04-11",
    "kind": "run",
    "title": "City marathon",
    "distance_km": 42.2,
    "duration_min": 210.0,
    "race": True,
    "plan_day": "2027-04-11",
}
#: A workout of an export made before races existed: no "race", no "plan_day".
OLDER = {"day": "2027-04-08", "kind": "run", "title": "Shakeout", "distance_km": 5.0}


def export(capsys: pytest.CaptureFixture[str], db: Path, fmt: str) -> str:
    capsys.readouterr()
    assert cli.main(["export", "--db", str(db), "--format", fmt]) == 0
    out: str = capsys.readouterr().out
    return out


def test_a_race_goes_in_and_comes_back_out_in_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "plan.sqlite3"
    file = tmp_path / "plan.json"
    file.write_text(json.dumps([OLDER, RACE]), encoding="utf-8")
    assert cli.main(["import", "--db", str(db), "--create", str(file)]) == 0

    shakeout, marathon = json.loads(export(capsys, db, "json"))
    assert (marathon["title"], marathon["race"], marathon["plan_day"]) == (
        "City marathon",
        True,
        "2027-04-11",
    )
    assert (shakeout["title"], shakeout["race"], shakeout["plan_day"]) == ("Shakeout", False, None)

    rows = list(csv.DictReader(io.StringIO(export(capsys, db, "csv"), newline="")))
    assert [(r["title"], r["race"], r["plan_day"]) for r in rows] == [
        ("Shakeout", "false", ""),
        ("City marathon", "true", "2027-04-11"),
    ]
    assert "SUMMARY:[R] Race: City marathon" in export(capsys, db, "ics")

    # The same file again adds nothing; the same run without the race mark is new data.
    capsys.readouterr()
    assert cli.main(["import", "--db", str(db), str(file)]) == 0
    assert capsys.readouterr().out == f"{file}: 0 added, 2 already there\n"
    file.write_text(json.dumps([{**RACE, "race": False}]), encoding="utf-8")
    assert cli.main(["import", "--db", str(db), str(file)]) == 0
    assert capsys.readouterr().out == f"{file}: 1 added, 0 already there\n"


def test_the_printed_week_marks_the_race(tmp_path: Path) -> None:
    db = tmp_path / "plan.sqlite3"
    file = tmp_path / "plan.json"
    file.write_text(json.dumps([OLDER, RACE]), encoding="utf-8")
    assert cli.main(["import", "--db", str(db), "--create", str(file)]) == 0
    out = tmp_path / "week.pdf"
    assert cli.main(["print-week", "2027-04-11", "--db", str(db), "-o", str(out)]) == 0
    text = " ".join(pdf_text(out).split())
    # Layout text reads the blanks of the result column in between; the race is under its title.
    assert "City marathon" in text and "\u2691 Race 3 h 30 · 42.2 km" in text
    assert text.count("Race") == 1  # the shakeout is no race
