"""The printed week lists the week's warnings: on the HTML sheet, and in ``legwork print-week``."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from planner import cli
from planner.core.model import Finding, Kind, Severity, Workout
from planner.core.weeks import Week
from planner.report.week_sheet import week_sheet_html
from tests.fakes import write_workouts
from tests.pdf import pdf_pages, pdf_text
from tests.system import needs_qt

MON = date(2026, 11, 16)
WEEK = Week(MON)
TODAY = date(2026, 11, 18)


def seven_days() -> list[Workout]:
    """A run every day of the week: no rest day (RULES.md: REST_WEEK and REST_STREAK warn)."""
    return [
        Workout(None, MON + timedelta(days=i), Kind.RUN, "Easy run", 0, 25 + 25 * (i % 2), 6.0, 4)
        for i in range(7)
    ]


FINDINGS = [
    Finding(
        "HIIT_GAP",
        Severity.CRITICAL,
        (MON + timedelta(days=1),),
        "2 HIIT sessions on Tue 17 Nov: keep one & move the others.",
        "Stanley et al. 2013",
    ),
    Finding(
        "REST_WEEK",
        Severity.WARNING,
        WEEK.days,
        "No rest day in the week of Mon 16 Nov: plan at least one, ideally two.",
        "Meeusen 2013 consensus",
    ),
    Finding("FUEL_LONG", Severity.INFO, (MON + timedelta(days=6),), "Over an hour: fuel.", ""),
]


def sheet(findings: list[Finding] | None) -> str:
    return week_sheet_html(seven_days(), WEEK, today=TODAY, findings=findings)


def test_each_warning_is_printed_with_mark_word_days_advice_and_source() -> None:
    html = sheet(FINDINGS)
    assert "WARNINGS THIS WEEK" in html
    section = html[html.index("WARNINGS THIS WEEK") :]
    # Most severe first, as given; each with its mark and word (never colour alone).
    order = [section.index(word) for word in ("Critical", "Warning", "Info")]
    assert order == sorted(order)
    for mark in (">!!<", ">!<", ">i<"):
        assert mark in section
    assert "Tue 17 Nov" in section
    assert "Mon 16 – Sun 22 Nov" in section
    assert "keep one &amp; move the others." in section  # the runner's words, escaped
    assert "Meeusen 2013 consensus" in section
    assert section.index("Over an hour: fuel.") < section.index("Printed from Legwork")


def test_a_week_without_warnings_says_so_and_none_leaves_the_section_out() -> None:
    assert "No warnings this week." in sheet([])
    html = sheet(None)
    assert "WARNINGS THIS WEEK" not in html
    assert "No warnings this week." not in html


@needs_qt
def test_print_week_lists_the_warnings_legwork_warnings_prints(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    from planner.storage.db import open_database

    database = open_database(db_path)
    try:
        write_workouts(database.repository, seven_days())
    finally:
        database.close()
    out = tmp_path / "week.pdf"
    code = cli.main(["print-week", "2026-W47", "--db", str(db_path), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    assert cli.main(["warnings", "2026-W47", "--db", str(db_path), "--format", "text"]) == 0
    listed = capsys.readouterr().out
    text = pdf_text(out)
    assert pdf_pages(out) == 1
    assert "WARNINGS THIS WEEK" in text
    assert "No rest day in the week of Mon 16 Nov" in listed
    for line in ("No rest day in the week of Mon 16 Nov", "7 training days in a row"):
        assert line in " ".join(text.split())
    assert "Warning · Mon 16 – Sun 22 Nov" in text
