"""``legwork warnings`` writes a finding's days as the panel does: ``Mon 9 Nov``, not ``09``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner import cli
from planner.core.finding_text import day_text

MONDAY = date(2026, 11, 9)  # week 2026-W46


#: Private data dirs like every test (tests/conftest.py), and no LEGWORK_DB to find a plan by.
pytestmark = pytest.mark.usefixtures("no_default_plan")


def hiit(day: date) -> dict[str, object]:
    return {"day": day.isoformat(), "kind": "hiit", "title": "Intervals", "duration_min": 30}


def test_the_days_of_a_warning_read_mon_9_nov(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "plan.sqlite3"
    source = tmp_path / "plan.json"
    source.write_text(json.dumps([hiit(MONDAY), hiit(date(2026, 11, 10))]))
    assert cli.main(["import", "--create", "--db", str(db), str(source)]) == 0
    capsys.readouterr()
    assert cli.main(["warnings", "2026-W46", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "WARNING   Mon 9 and Tue 10 Nov" in lines  # HIIT_GAP, the panel's words for its days
    assert not any(" 09 " in line for line in lines)  # the week line keeps ISO dates
    assert "HIIT on Mon 9 Nov and again on Tue 10 Nov" in "\n".join(lines)


def test_one_day_text_for_people_whatever_the_day() -> None:
    assert day_text(MONDAY) == "Mon 9 Nov"
    assert day_text(date(2026, 12, 31)) == "Thu 31 Dec"
    assert day_text(MONDAY, month=False) == "Mon 9"
