"""``legwork import`` with hostile or mistaken input: a clear message, nothing written."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from planner import cli

#: Private data dirs like every test (tests/conftest.py), and no LEGWORK_DB to find a plan by.
pytestmark = pytest.mark.usefixtures("no_default_plan")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    db = tmp_path / "plan.sqlite3"
    good = tmp_path / "good.json"
    good.write_text('[{"day": "2026-11-16", "kind": "run", "title": "Easy run"}]')
    assert cli.main(["import", "--db", str(db), "--create", str(good)]) == 0
    return db


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


WORKOUT = '"day": "2026-11-17", "kind": "run"'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 50_000 + "]" * 50_000, "nested far too deeply"),
        (f'[{{"id": {"9" * 5000}, {WORKOUT}, "title": "x"}}]', "thousands of digits long"),
        (f'[{{"id": 99999999999999999999, {WORKOUT}, "title": "x"}}]', "'id' must be a whole"),
        (f'[{{{WORKOUT}, "title": "bad \\ud800 text"}}]', "U+D800"),
        (f'[{{{WORKOUT}, "title": "x", "notes": "\\udfff"}}]', "'notes' holds a character"),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "this is an iCalendar file"),
        ("id,day,kind,title\n1,2026-11-17,run,x\n", "this looks like a CSV file"),
        ("date,weight\n2026-11-17,70.5\n", "a CSV of weigh-ins"),
        ('[{"day": "9999-12-31", "kind": "run", "title": "x"}]', "outside the years"),
        ('[{"day": "1066-10-14", "kind": "run", "title": "x"}]', "outside the years"),
    ],
    ids=[
        "deep",
        "huge-int",
        "id-overflow",
        "surrogate-title",
        "surrogate-notes",
        "ics",
        "csv",
        "weights-csv",
        "far-future",
        "far-past",
    ],
)
def test_bad_import_is_named_and_writes_nothing(
    plan: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    message: str,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    before = digest(plan)
    capsys.readouterr()
    assert cli.main(["import", "--db", str(plan), str(bad)]) == 1
    _, err = capsys.readouterr()
    assert message in err
    assert "bug in Legwork" not in err
    assert digest(plan) == before


def test_import_into_a_missing_plan_needs_create(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    good.write_text('[{"day": "2026-11-16", "kind": "run", "title": "Easy run"}]')
    missing = tmp_path / "typo.sqlite3"
    assert cli.main(["import", "--db", str(missing), str(good)]) == 1
    assert "add --create" in capsys.readouterr().err
    assert not missing.exists()
    assert cli.main(["import", "--db", str(missing), "--create", str(good)]) == 0
    assert "1 added" in capsys.readouterr().out


def test_print_week_refuses_a_week_outside_the_plannable_years(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["print-week", "9999-W52", "--db", str(plan), "-o", str(tmp_path / "w.pdf")])
    assert code == 1
    assert "outside the years Legwork plans (1900 to 2199)" in capsys.readouterr().err
    assert not (tmp_path / "w.pdf").exists()
