"""``legwork config``: read and change settings from the command line, like ``git config``."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from planner import cli
from planner.core.settings import RULE_IDS
from tests.system import needs_qt

#: Private data dirs like every test (tests/conftest.py), and no LEGWORK_DB to find a plan by.
pytestmark = pytest.mark.usefixtures("no_default_plan")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    db = tmp_path / "plan.sqlite3"
    assert cli.main(["demo", "--db", str(db), "--years", "1", "--today", "2026-11-25"]) == 0
    return db


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_lists_every_setting_with_its_default(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "config", "--db", str(plan))
    assert code == 0
    lines = dict(line.split("=", 1) for line in out.splitlines())
    assert lines["units"] == "km"
    assert lines["first-weekday"] == "monday"
    assert lines["rest-days-per-week"] == "2"
    assert lines["ramp-limit"] == "10"
    assert all(lines[f"rule.{rule_id}"] == "on" for rule_id in RULE_IDS)


def test_sets_a_value_that_the_next_read_and_the_file_keep(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "config", "--db", str(plan), "units", "mi") == (0, "units=mi\n", "")
    assert run(capsys, "config", "--db", str(plan), "first-weekday", "Sun")[1] == (
        "first-weekday=sunday\n"
    )
    assert run(capsys, "config", "--db", str(plan), "rule.WEEK_RAMP", "off")[0] == 0
    assert run(capsys, "config", "--db", str(plan), "units") == (0, "mi\n", "")
    with sqlite3.connect(plan) as connection:
        stored = dict(connection.execute("SELECT key, value FROM settings"))
    assert stored["units"] == "mi"
    assert stored["first-weekday"] == "sunday"
    assert stored["rule.WEEK_RAMP"] == "off"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["units", "yards"], "'yards' is not a unit: use km or mi."),
        (["rest-days-per-week", "3"], "'3' is not a whole number from 1 to 2."),
        (["colour", "blue"], "There is no setting 'colour'."),
        (["colour"], "There is no setting 'colour'."),
    ],
)
def test_a_bad_name_or_value_is_one_clear_line_and_writes_nothing(
    plan: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = hashlib.sha256(plan.read_bytes()).hexdigest()
    code, out, err = run(capsys, "config", "--db", str(plan), *argv)
    assert code == 1
    assert out == ""
    assert err.startswith(f"legwork: error: {message}")
    assert hashlib.sha256(plan.read_bytes()).hexdigest() == before


def test_reading_works_on_a_plan_another_program_holds_open(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = sqlite3.connect(plan)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        assert run(capsys, "config", "--db", str(plan), "units") == (0, "km\n", "")
    finally:
        holder.rollback()
        holder.close()


def test_a_missing_plan_is_reported_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.sqlite3"
    code, _, err = run(capsys, "config", "--db", str(missing), "units", "mi")
    assert code == 1
    assert "no such database file" in err
    assert not missing.exists()


@needs_qt
def test_print_week_and_calendar_export_follow_the_units_setting(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.pdf import pdf_text

    assert cli.main(["config", "--db", str(plan), "units", "mi"]) == 0
    pdf = tmp_path / "week.pdf"
    assert cli.main(["print-week", "2026-W47", "--db", str(plan), "-o", str(pdf)]) == 0
    text = pdf_text(pdf)
    assert " mi" in text
    assert " km" not in text
    capsys.readouterr()
    assert (
        cli.main(
            [
                "export",
                "--db",
                str(plan),
                "--format",
                "ics",
                "--from",
                "2026-11-16",
                "--to",
                "2026-11-22",
            ]
        )
        == 0
    )
    summaries = [
        line for line in capsys.readouterr().out.splitlines() if line.startswith("SUMMARY:")
    ]
    assert summaries
    runs = [line for line in summaries if line.startswith("SUMMARY:[R]")]
    assert runs
    assert all(" mi" in line and " km" not in line for line in runs)


def test_weight_units_are_a_setting_of_their_own(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "config", "--db", str(plan), "units", "mi")[0] == 0
    code, out, _ = run(capsys, "config", "--db", str(plan))
    lines = dict(line.split("=", 1) for line in out.splitlines())
    assert (lines["units"], lines["weight-units"]) == ("mi", "kg")
    assert run(capsys, "config", "--db", str(plan), "weight-units", "lb")[0] == 0
    assert run(capsys, "config", "--db", str(plan), "weight-units")[1].strip() == "lb"
    code, _, err = run(capsys, "config", "--db", str(plan), "weight-units", "stone")
    assert code != 0
    assert "'stone' is not a weight unit: use kg or lb." in err
