"""``legwork print-week`` as a runner reads the paper: every page, every line.

A busy week runs onto a second page, and that page must still say which week it is; a run's
pace must never be split from its unit at the end of a line ("9:23 min/" then "mi").
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner import cli
from tests.pdf import pdf_pages, pdf_text
from tests.system import needs_qt

MONDAY = date(2026, 11, 16)  # week 2026-W47
MILE_KM = 1.609344

pytestmark = needs_qt


@pytest.fixture(autouse=True)
def _isolated_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("LEGWORK_DB", raising=False)


def make_plan(tmp_path: Path, items: list[dict[str, object]]) -> Path:
    db = tmp_path / "plan.sqlite3"
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(items))
    assert cli.main(["import", "--create", "--db", str(db), str(source)]) == 0
    return db


def print_week(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / "week.pdf"
    code = cli.main(["print-week", "2026-W47", "--db", str(db), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    return out


def busy_week() -> list[dict[str, object]]:
    """Three sessions every day, each with notes: too much for one page even when compact."""
    items: list[dict[str, object]] = []
    for offset in range(7):
        day = (MONDAY + timedelta(days=offset)).isoformat()
        items += [
            {"day": day, "kind": "run", "title": "Long run", "duration_min": 100,
             "distance_km": 17.1, "rpe": 5, "position": 0,
             "notes": "Slow and steady; gels and water every 30 min.\nBring a jacket."},
            {"day": day, "kind": "hiit", "title": "HIIT intervals", "duration_min": 30,
             "rpe": 8, "position": 1, "notes": "6 x 2 min hard"},
            {"day": day, "kind": "strength", "title": "Weight training", "duration_min": 45,
             "rpe": 7, "position": 2, "notes": "Squats, lunges, calf raises"},
        ]  # fmt: skip
    return items


def test_every_printed_page_carries_the_weeks_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = print_week(make_plan(tmp_path, busy_week()), tmp_path, capsys)
    pages = pdf_text(out).split("\f")
    assert pdf_pages(out) == len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        text = " ".join(page.split())
        for title in ("Training week", "2026-W47", "Monday to Sunday, 16 – 22 November 2026"):
            assert title in text, f"page {number} of {len(pages)} has no {title!r}"
    # the days and the warnings are printed once, not repeated with the title (the footer's
    # print date, "Printed from Legwork · Tuesday 8 December 2026", names a day of its own)
    everything = re.sub(
        r"Printed from Legwork · \w+ \d+ \w+ \d{4}", "", " ".join(pdf_text(out).split())
    )
    for once in ("Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "WARNINGS THIS WEEK"):
        assert everything.count(once) == 1, once


def test_a_pace_is_never_split_from_its_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 13 miles in 2 h 02, planned and done: 122 min / 13 mi = 9.385 min a mile, 9:23 min/mi;
    # in the sheet's narrow RESULT column the line used to break after "9:23 min/".
    run = {"day": MONDAY.isoformat(), "kind": "run", "title": "Long run", "duration_min": 122,
           "distance_km": 13 * MILE_KM, "rpe": 4, "status": "done", "actual_duration_min": 122,
           "actual_distance_km": 13 * MILE_KM, "actual_rpe": 4}  # fmt: skip
    # A planned marathon-pace run too long for one line of the plan column: 122 min over
    # 21.1 km = 13.11 mi, 9.305 min a mile, 9:18 min/mi.
    long = {"day": (MONDAY + timedelta(days=2)).isoformat(), "kind": "run", "title": "Race pace",
            "duration_min": 122, "distance_km": 21.1, "rpe": 10}  # fmt: skip
    db = make_plan(tmp_path, [run, long])
    assert cli.main(["config", "--db", str(db), "units", "mi"]) == 0
    lines = pdf_text(print_week(db, tmp_path, capsys)).splitlines()
    assert sum(line.count("9:23 min/mi") for line in lines) == 2  # the plan and what was done
    assert sum(line.count("9:18 min/mi") for line in lines) == 1
    for line in lines:
        assert not re.search(r"(\d+:\d\d|min/?)$", line.strip()), line
        assert not re.match(r"(min/|/?mi\b)", line.strip()), line
