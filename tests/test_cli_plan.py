"""``legwork plan``: a training plan generated, checked by the rules, printed or added as one write.

Through the CLI's main, as a runner types it, on plan files seeded with the demo runner's
history (or none).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from planner import cli
from planner.core.model import Kind, Status, Workout
from planner.storage.plan_files import APP_PURPOSE, try_lock
from tests.helpers.plans import seed
from tests.helpers.runner_histories import PLAN_START, TODAY, demo_history

RACE = "2027-04-18"  # a Sunday, 18 weeks after PLAN_START
HALF = ("--goal", "half", "--race-date", RACE, "--runs", "4", "--days", "mon,tue,thu,sat,sun")


@pytest.fixture(scope="module")
def demo_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo runner's history up to the plan's start, and two workouts inside its range."""
    path = tmp_path_factory.mktemp("plans") / "seeded.sqlite3"
    inside = [
        Workout(None, date(2026, 12, 15), Kind.RUN, "My own tempo", distance_km=8.0),
        Workout(None, date(2026, 12, 16), Kind.STRENGTH, "Gym", status=Status.DONE),
    ]
    seed(path, *demo_history(), *inside)
    return path


@pytest.fixture
def plan(demo_plan: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "plan.sqlite3"
    copy.write_bytes(demo_plan.read_bytes())
    return copy


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main(["plan", *(str(a) for a in argv), "--today", TODAY.isoformat()])
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def exported(capsys: pytest.CaptureFixture[str], plan: Path) -> list[dict[str, object]]:
    span = ("--from", PLAN_START.isoformat(), "--to", RACE)
    code = cli.main(["export", "--db", str(plan), *span, "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0
    items: list[dict[str, object]] = json.loads(out)
    return items


def test_dry_run_prints_the_plan_week_by_week_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], plan: Path
) -> None:
    before = digest(plan)
    code, out, err = run(capsys, "--db", plan, *HALF, "--dry-run")
    assert (code, err) == (0, "")
    assert out.startswith("Half marathon on Sun 18 Apr 2027: 18 weeks from Mon 14 Dec 2026")
    rows = [line for line in out.splitlines() if line.startswith("Mon ")]
    assert len(rows) == 18
    assert rows[0].split()[3] == "base" and rows[-1].split()[3] == "race"
    assert any(row.split()[3] == "step-back" for row in rows)
    assert all(" km" in row for row in rows)
    assert "Checked by the warning rules: no warnings" in out
    assert "holds 1 planned workout: adding the plan needs --replace or --keep" in out
    assert out.rstrip().endswith("Dry run: nothing was written.")
    assert digest(plan) == before


def test_the_json_dry_run_is_what_export_writes_once_the_plan_is_added(
    capsys: pytest.CaptureFixture[str], plan: Path
) -> None:
    code, out, _ = run(capsys, "--db", plan, *HALF, "--dry-run", "--format", "json")
    assert code == 0
    printed = json.loads(out)
    races = [item for item in printed if item["race"]]
    assert [(r["day"], r["title"], r["distance_km"]) for r in races] == [
        (RACE, "Half marathon", 21.1)
    ]
    assert all(item["plan_day"] == item["day"] for item in printed)
    assert {item["status"] for item in printed} == {"planned"}
    code, _, _ = run(capsys, "--db", plan, *HALF, "--replace")
    assert code == 0
    stored = [item for item in exported(capsys, plan) if item["plan_day"] is not None]

    def without_ids(items: list[dict[str, object]]) -> list[dict[str, object]]:
        return [{k: v for k, v in item.items() if k != "id"} for item in items]

    assert without_ids(stored) == without_ids(printed)


def test_a_range_with_planned_workouts_needs_replace_or_keep(
    capsys: pytest.CaptureFixture[str], plan: Path
) -> None:
    before = digest(plan)
    code, out, err = run(capsys, "--db", plan, *HALF)
    assert code == 1 and out == ""
    assert "Mon 14 Dec 2026 to Sun 18 Apr 2027 already holds 1 planned workout" in err
    assert "--replace" in err and "--keep" in err
    assert digest(plan) == before

    code, out, _ = run(capsys, "--db", plan, *HALF, "--keep")
    assert code == 0 and "Added " in out
    titles = {item["title"] for item in exported(capsys, plan)}
    assert {"My own tempo", "Gym", "Half marathon"} <= titles


def test_replace_deletes_the_planned_and_keeps_what_was_done(
    capsys: pytest.CaptureFixture[str], plan: Path
) -> None:
    code, out, _ = run(capsys, "--db", plan, *HALF, "--replace")
    assert code == 0
    assert "1 planned workout replaced." in out
    titles = [item["title"] for item in exported(capsys, plan)]
    assert "My own tempo" not in titles and "Gym" in titles
    code, out, _ = cli.main(["warnings", "2027-W02", "--db", str(plan)]), *capsys.readouterr()
    assert code == 0 and "WARNING" not in out and "CRITICAL" not in out


def test_without_history_the_current_distance_must_be_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "new.sqlite3"
    seed(empty)
    general = ("--goal", "general", "--weeks", "8", "--runs", "3")
    code, out, err = run(capsys, "--db", empty, *general)
    assert code == 1 and out == ""
    assert "hold no run to take your current weekly distance and longest run from" in err
    assert "--current-km KM and --longest-km KM" in err
    code, out, err = run(capsys, "--db", empty, *general, "--current-km", "10", "--longest-km", "4")
    assert (code, err) == (0, "")
    assert "General fitness: 8 weeks from Mon 14 Dec 2026" in out
    assert "Added " in out


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (("--goal", "half"), "needs the race's day"),
        (("--goal", "general", "--weeks", "8", "--runs", "7"), "3 to 6 runs a week"),
        (("--goal", "10k", "--race-date", "2026-12-20"), "too soon"),
        (("--goal", "general", "--weeks", "8", "--days", "mon,tue"), "need 4 training days"),
    ],
)
def test_an_impossible_plan_is_refused_in_plain_words(
    capsys: pytest.CaptureFixture[str], plan: Path, options: tuple[str, ...], words: str
) -> None:
    before = digest(plan)
    code, out, err = run(capsys, "--db", plan, *options)
    assert code == 1 and out == ""
    assert err.startswith("legwork: error: ") and words in err
    assert digest(plan) == before


def test_refused_while_the_app_holds_the_plan_but_a_dry_run_still_prints(
    capsys: pytest.CaptureFixture[str], plan: Path
) -> None:
    before = digest(plan)
    lock = try_lock(plan, purpose=APP_PURPOSE)
    assert lock is not None
    try:
        code, out, err = run(capsys, "--db", plan, *HALF, "--replace")
        assert code != 0 and out == "" and err
        code, out, _ = run(capsys, "--db", plan, *HALF, "--dry-run")
        assert code == 0 and "Dry run: nothing was written." in out
    finally:
        lock.release()
    assert digest(plan) == before
