"""``legwork heavy-legs``: why the legs felt heavy on a reported day, on the command line."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner import cli
from tests.test_cli_warnings import easy, make_plan

REPORT = date(2026, 11, 17)  # Tue
EARLIER = date(2026, 11, 3)  # Tue, two weeks before

#: Private data dirs like every test (tests/conftest.py), and no LEGWORK_DB to find a plan by.
pytestmark = pytest.mark.usefixtures("no_default_plan")


def heavy(day: date) -> dict[str, object]:
    """A done easy run the runner reported heavy legs on."""
    return easy(day) | {"status": "done", "heavy_legs": True}


def main(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(["heavy-legs", *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Reports on Tue 3 and Tue 17 Nov; six easy runs in a row before the 17th; 70 kg on the 14th."""
    streak = [easy(REPORT - timedelta(days=i)) for i in range(1, 7)]
    db = make_plan(tmp_path, [heavy(EARLIER), *streak, heavy(REPORT)])
    weights = tmp_path / "weights.csv"
    weights.write_text("date,weight\n2026-11-14,70\n")
    assert cli.main(["import-weights", "--db", str(db), str(weights)]) == 0
    return db


def test_json_lists_the_latest_reports_causes_with_their_evidence_and_advice(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = main(capsys, "--db", plan, "--format", "json")
    assert code == 0
    causes = json.loads(out)
    assert [c["cause"] for c in causes] == ["recovery", "strength", "protein"]
    assert all(set(c) == {"cause", "evidence", "advice"} for c in causes)
    # Runs on Wed 11 to Mon 16 Nov: 6 in a row, Tue 10 the one rest day, nothing hard.
    assert causes[0]["evidence"] == (
        "6 training days in a row before Tue 17 Nov; 1 rest day in the 7 days before; "
        "0 hard sessions in those 7 days"
    )
    # 7 runs in Tue 3 to Mon 16 Nov and no strength session.
    assert causes[1]["evidence"] == (
        "No strength session in the 14 days before Tue 17 Nov (and 7 runs)"
    )
    # 70 kg x 1.4 and 1.7 g/kg.
    assert "98 to 119 g of protein a day" in causes[2]["evidence"]
    assert all(c["advice"] for c in causes)


def test_text_gives_each_cause_then_the_questions(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = main(capsys, "2026-11-17", "--db", plan)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Heavy legs on Tue 17 Nov 2026"
    recovery = lines.index("Not enough recovery")
    assert lines[recovery + 1].startswith("  6 training days in a row before Tue 17 Nov;")
    assert lines[recovery + 2].startswith("  What to do: Take a rest day")
    questions = lines.index("Questions the plan cannot answer:")
    assert questions > lines.index("Protein") > lines.index("Too little strength training")
    asked = " ".join(lines[questions + 1 :])
    assert "Iron" in asked
    assert "doctor" in asked
    assert len(lines) - questions - 1 == 5


def test_an_earlier_report_with_nothing_behind_it_gives_only_the_questions(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Tue 3 Nov: nothing before it, and the weigh-in is later.
    assert main(capsys, "2026-11-03", "--db", plan, "--format", "json")[:2] == (0, "[]\n")
    code, out, _ = main(capsys, "2026-11-03", "--db", plan)
    assert code == 0
    assert out.splitlines()[:4] == [
        "Heavy legs on Tue 3 Nov 2026",
        "",
        "Your plan shows none of the causes it can check.",
        "",
    ]
    assert out.splitlines()[4] == "Questions the plan cannot answer:"


def test_a_day_without_a_report_names_the_days_that_have_one(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = main(capsys, "2026-11-16", "--db", plan)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "legwork: error: no heavy legs reported on 2026-11-16",
        "legwork: hint: Heavy legs were reported on 2026-11-17, 2026-11-03.",
    ]


def test_only_the_latest_five_reports_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    days = [REPORT - timedelta(days=7 * i) for i in range(7)]
    db = make_plan(tmp_path, [heavy(day) for day in days])
    code, _, err = main(capsys, "2026-11-18", "--db", db)
    assert code == 1
    assert err.splitlines()[1] == (
        "legwork: hint: Heavy legs were reported on 2026-11-17, 2026-11-10, 2026-11-03, "
        "2026-10-27, 2026-10-20 (the latest 5 of 7)."
    )


def test_a_plan_without_a_report_says_there_is_nothing_to_explain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = make_plan(tmp_path, [easy(REPORT) | {"status": "done"}])
    code, out, err = main(capsys, "--db", db, "--format", "json")
    assert (code, out) == (1, "")
    assert err.startswith("legwork: error: no heavy legs reported in this plan")
    assert "Legs felt heavy" in err


def test_it_works_while_the_app_has_the_plan_open(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.storage.db import open_database

    database = open_database(plan)  # what the running app holds
    try:
        code, out, _ = main(capsys, "--db", plan, "--format", "json")
    finally:
        database.close()
    assert code == 0
    assert [c["cause"] for c in json.loads(out)] == ["recovery", "strength", "protein"]


def test_a_day_that_is_no_date_is_a_usage_error(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = main(capsys, "yesterday", "--db", plan)
    assert (code, out) == (2, "")
    assert "'yesterday' is not a date" in err
