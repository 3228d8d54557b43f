"""The ``legwork`` command line: the public seam scripts, benchmarks and acceptance checks use.

Most tests call :func:`planner.cli.main` in-process (fast); a few run ``python -m planner``
end to end, exactly as a user or a script would.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import types
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from planner import __version__, cli
from tests.fakes import write_workouts
from tests.pdf import pdf_pages, pdf_text
from tests.system import needs_qt

TODAY = date(2026, 11, 18)
REPO = Path(__file__).resolve().parent.parent


#: Private data dirs like every test (tests/conftest.py), and no LEGWORK_DB to find a plan by.
pytestmark = pytest.mark.usefixtures("no_default_plan")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_main(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-year demo database, built once for the module."""
    home = tmp_path_factory.mktemp("demo")
    db = home / "demo.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(home / "data"))
        patch.setenv("XDG_CONFIG_HOME", str(home / "config"))
        argv = ["demo", "--db", str(db), "--years", "1", "--today", TODAY.isoformat()]
        assert cli.main(argv) == 0
    return db


@pytest.fixture
def demo_db(demo_source: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo database for one test."""
    db = tmp_path / "plan.sqlite3"
    shutil.copyfile(demo_source, db)
    return db


@pytest.fixture
def garbage(tmp_path: Path) -> Path:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not a database\n" * 300)
    return path


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    path = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO recipes (name) VALUES ('bread')")
    connection.close()
    return path


@pytest.fixture
def empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    return path


def export_json(
    capsys: pytest.CaptureFixture[str], db: Path, *extra: str
) -> list[dict[str, object]]:
    code, out, err = run_main(capsys, "export", "--db", db, "--format", "json", *extra)
    assert code == 0, err
    data: list[dict[str, object]] = json.loads(out)
    return data


def without_ids(items: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{k: v for k, v in item.items() if k != "id"} for item in items]


# -- basics -------------------------------------------------------------------------------------
def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(capsys, "--version") == (0, f"legwork {__version__}\n", "")


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "--help")
    assert code == 0
    for command in ("demo", "print-week", "export", "import", "check"):
        assert command in out


def test_bad_today_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(capsys, "--today", "2026-02-30")
    assert code == 2
    assert "legwork: error: argument --today: '2026-02-30' is not a date" in err


def test_usage_errors_in_subcommands_read_legwork_error(
    capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    code, _, err = run_main(capsys, "export", "--db", demo_db, "--format", "xml")
    assert code == 2
    assert "legwork: error: argument --format" in err
    code, _, err = run_main(capsys, "export", "--db", demo_db, "--format", "json", "--from", "x")
    assert code == 2
    assert "legwork: error: argument --from: 'x' is not a date" in err


def test_default_command_starts_the_app_with_db_and_today(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[Path, date | None]] = []

    def run(db_path: Path, *, today: date | None = None) -> int:
        calls.append((db_path, today))
        return 0

    fake = types.ModuleType("planner.app")
    fake.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "planner.app", fake)
    db = tmp_path / "new" / "dir" / "plan.sqlite3"
    assert cli.main(["--db", str(db), "--today", "2026-01-05"]) == 0
    assert calls == [(db, date(2026, 1, 5))]
    assert db.parent.is_dir()
    monkeypatch.setenv("LEGWORK_DB", str(tmp_path / "env.sqlite3"))
    assert cli.main([]) == 0
    assert calls[-1] == (tmp_path / "env.sqlite3", None)


def test_app_exit_code_is_passed_on(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = types.ModuleType("planner.app")
    fake.run = lambda db_path, *, today=None: 3  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "planner.app", fake)
    assert cli.main(["--db", str(tmp_path / "x.sqlite3")]) == 3


def test_unexpected_errors_print_no_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def run(db_path: Path, *, today: date | None = None) -> int:
        raise RuntimeError("boom")

    fake = types.ModuleType("planner.app")
    fake.run = run  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "planner.app", fake)
    code, _, err = run_main(capsys, "--db", tmp_path / "x.sqlite3")
    assert code == 1
    assert err.startswith("legwork: error: unexpected RuntimeError: boom\n")
    assert "Traceback" not in err


# -- demo ---------------------------------------------------------------------------------------
def test_demo_fills_an_empty_database(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "sub" / "demo.sqlite3"
    code, out, err = run_main(
        capsys, "demo", "--db", db, "--years", "1", "--today", "2026-03-04", "--seed", "7"
    )
    assert code == 0, err
    assert out.startswith(f"{db}: made ")
    assert "workouts" in out
    assert "weigh-ins" in out
    assert (db.stat().st_mode & 0o777) == 0o600
    items = export_json(capsys, db)
    assert len(items) > 100
    assert {i["status"] for i in items} == {"done", "skipped", "planned"}
    assert max(str(i["day"]) for i in items if i["status"] != "planned") < "2026-03-04"


def test_demo_is_deterministic(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for name in ("a", "b"):
        argv = ("demo", "--db", tmp_path / name, "--years", "1", "--today", "2026-03-04")
        assert run_main(capsys, *argv)[0] == 0
    assert export_json(capsys, tmp_path / "a") == export_json(capsys, tmp_path / "b")


def test_demo_refuses_a_database_with_workouts(
    capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    before = digest(demo_db)
    code, _, err = run_main(capsys, "demo", "--db", demo_db, "--years", "1")
    assert code == 1
    assert err.startswith("legwork: error: demo only fills an empty database")
    assert "--db" in err  # the hint
    assert digest(demo_db) == before


def test_demo_refuses_a_foreign_file_without_writing(
    capsys: pytest.CaptureFixture[str], garbage: Path
) -> None:
    before = digest(garbage)
    code, _, err = run_main(capsys, "demo", "--db", garbage)
    assert code == 1
    assert err.startswith("legwork: error: ")
    assert "Traceback" not in err
    assert digest(garbage) == before


@pytest.mark.parametrize("years", ["0", "-1", "x", "51"])
def test_demo_years_must_be_sensible(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, years: str
) -> None:
    code, _, err = run_main(capsys, "demo", "--db", tmp_path / "d.sqlite3", "--years", years)
    assert code == 2
    assert "legwork: error: argument --years" in err
    assert not (tmp_path / "d.sqlite3").exists()


# -- export -------------------------------------------------------------------------------------
def test_export_json_is_a_list_of_workout_objects(
    capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    items = export_json(capsys, demo_db)
    assert items
    assert set(items[0]) == {
        "id",
        "day",
        "kind",
        "title",
        "position",
        "duration_min",
        "distance_km",
        "rpe",
        "notes",
        "status",
        "actual_duration_min",
        "actual_distance_km",
        "actual_rpe",
        "heavy_legs",
        "race",
        "plan_day",
    }
    days = [str(i["day"]) for i in items]
    assert days == sorted(days)
    date.fromisoformat(days[0])


def test_export_range_is_inclusive(capsys: pytest.CaptureFixture[str], demo_db: Path) -> None:
    items = export_json(capsys, demo_db, "--from", "2026-06-01", "--to", "2026-06-07")
    assert items
    assert {str(i["day"]) for i in items} <= {f"2026-06-0{d}" for d in range(1, 8)}
    assert "2026-06-07" in {i["day"] for i in items}  # the long run is on Sundays
    everything = export_json(capsys, demo_db)
    assert len(export_json(capsys, demo_db, "--to", "2026-06-07")) + len(
        export_json(capsys, demo_db, "--from", "2026-06-08")
    ) == len(everything)


def test_export_from_after_to_is_an_error(
    capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    argv = (
        "export",
        "--db",
        demo_db,
        "--format",
        "json",
        "--from",
        "2026-02-01",
        "--to",
        "2026-01-01",
    )
    code, out, err = run_main(capsys, *argv)
    assert (code, out) == (1, "")
    assert "is after" in err


def test_export_csv_and_ics(capsys: pytest.CaptureFixture[str], demo_db: Path) -> None:
    count = len(export_json(capsys, demo_db))
    code, out, _ = run_main(capsys, "export", "--db", demo_db, "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("id,day,kind,title,position,")
    assert len(lines) >= count + 1  # notes may span lines
    code, out, _ = run_main(capsys, "export", "--db", demo_db, "--format", "ics")
    assert code == 0
    assert out.count("BEGIN:VEVENT") == count


def test_export_csv_neutralises_formulas_in_titles_and_notes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import csv
    import io

    from planner.core.model import Kind, Workout
    from planner.storage.db import open_database

    db = tmp_path / "shared.sqlite3"
    titles = ["=cmd|' /C calc'!A0", "+SUM(1;2)", "-1+2", "@evil", "Easy run"]
    with open_database(db) as database:
        write_workouts(
            database.repository,
            [
                Workout(None, date(2026, 11, 16 + n), Kind.RUN, title, 0, 40, 7.0, 3, notes=title)
                for n, title in enumerate(titles)
            ],
        )
    out_file = tmp_path / "plan.csv"
    code, _, err = run_main(capsys, "export", "--db", db, "--format", "csv", "-o", out_file)
    assert code == 0, err
    with out_file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["title"] for row in rows] == ["'" + t for t in titles[:4]] + ["Easy run"]
    assert [row["notes"] for row in rows] == ["'" + t for t in titles[:4]] + ["Easy run"]
    assert {row["distance_km"] for row in rows} == {"7.0"}
    code, out, _ = run_main(capsys, "export", "--db", db, "--format", "csv")
    assert code == 0
    assert next(iter(csv.DictReader(io.StringIO(out, newline=""))))["title"] == "'" + titles[0]


def test_export_to_a_file(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "plan.json"
    code, out, _ = run_main(capsys, "export", "--db", demo_db, "--format", "json", "-o", out_file)
    assert code == 0
    items = json.loads(out_file.read_text(encoding="utf-8"))
    assert out.startswith(f"{out_file}: {len(items)} workouts")


def test_export_does_not_write_to_the_database(
    capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    before = digest(demo_db)
    for fmt in ("json", "csv", "ics"):
        assert run_main(capsys, "export", "--db", demo_db, "--format", fmt)[0] == 0
    assert digest(demo_db) == before


def test_export_of_a_missing_database_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "missing.sqlite3"
    code, out, err = run_main(capsys, "export", "--db", db, "--format", "json")
    assert (code, out) == (1, "")
    assert err.startswith(f"legwork: error: {db}: no such database file")
    assert not db.exists()


def test_read_only_commands_work_while_the_app_has_the_file_open(
    capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    from planner.core.model import Kind, Workout
    from planner.storage.db import open_database

    database = open_database(demo_db)  # what the running app holds
    try:
        write_workouts(
            database.repository, [Workout(None, date(2030, 1, 1), Kind.RUN, "Future run", 0, 30)]
        )
        items = export_json(capsys, demo_db, "--from", "2030-01-01")
        assert [i["title"] for i in items] == ["Future run"]
        assert run_main(capsys, "check", "--db", demo_db)[0] == 0
    finally:
        database.close()


def test_db_may_come_before_the_command_or_from_the_environment(
    capsys: pytest.CaptureFixture[str], demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = export_json(capsys, demo_db)
    code, out, _ = run_main(capsys, "--db", demo_db, "export", "--format", "json")
    assert code == 0
    assert json.loads(out) == expected
    monkeypatch.setenv("LEGWORK_DB", str(demo_db))
    code, out, _ = run_main(capsys, "export", "--format", "json")
    assert code == 0
    assert json.loads(out) == expected


# -- import -------------------------------------------------------------------------------------
def test_import_into_a_fresh_database_reproduces_the_export(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
) -> None:
    source = export_json(capsys, demo_db)
    dump = tmp_path / "plan.json"
    dump.write_text(json.dumps(source), encoding="utf-8")
    fresh = tmp_path / "fresh.sqlite3"
    code, out, err = run_main(capsys, "import", "--create", "--db", fresh, dump)
    assert code == 0, err
    assert out == f"{dump}: {len(source)} added, 0 already there\n"
    assert without_ids(export_json(capsys, fresh)) == without_ids(source)

    before = export_json(capsys, fresh)
    code, out, _ = run_main(capsys, "import", "--db", fresh, dump)
    assert code == 0
    assert out == f"{dump}: 0 added, {len(source)} already there\n"
    assert export_json(capsys, fresh) == before


def test_import_adds_only_what_is_new(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
) -> None:
    week = export_json(capsys, demo_db, "--from", "2026-06-01", "--to", "2026-06-07")
    extra = dict(week[0], title="Parkrun", id=None)
    dump = tmp_path / "week.json"
    dump.write_text(json.dumps([*week, extra]), encoding="utf-8")
    code, out, _ = run_main(capsys, "import", "--db", demo_db, dump)
    assert code == 0
    assert out == f"{dump}: 1 added, {len(week)} already there\n"
    day = str(extra["day"])
    after = export_json(capsys, demo_db, "--from", day, "--to", day)
    assert after[-1]["title"] == "Parkrun"
    assert [i["position"] for i in after] == list(range(len(after)))


def test_malformed_import_changes_nothing_and_names_the_file(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
) -> None:
    week = export_json(capsys, demo_db, "--from", "2026-06-01", "--to", "2026-06-07")
    items = [dict(i, id=None, title=f"new {n}") for n, i in enumerate(week)]
    items[2]["distance_km"] = "far"
    bad = tmp_path / "bad plan.json"
    bad.write_text(json.dumps(items), encoding="utf-8")
    before = digest(demo_db)
    code, out, err = run_main(capsys, "import", "--db", demo_db, bad)
    assert (code, out) == (1, "")
    assert f"legwork: error: {bad}, item 3: 'distance_km' must be a number" in err
    assert digest(demo_db) == before


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "not valid JSON"),
        (b'{"day": "2026-01-01"}', "expected a list"),
        (b"[1, 2", "not valid JSON"),
        (b"\xff\xfe[]", "not UTF-8"),
        (b'[{"day": "2026-01-01", "kind": "swim", "title": "x"}]', 'unknown kind "swim"'),
    ],
)
def test_bad_files_create_no_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, problem: str
) -> None:
    bad = tmp_path / "in.json"
    bad.write_bytes(content)
    db = tmp_path / "never.sqlite3"
    code, _, err = run_main(capsys, "import", "--create", "--db", db, bad)
    assert code == 1
    assert err.startswith(f"legwork: error: {bad}")
    assert problem in err
    assert not db.exists()


def test_each_file_is_its_own_transaction(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps([{"day": "2026-01-05", "kind": "run", "title": "Easy run"}]))
    missing = tmp_path / "missing.json"
    db = tmp_path / "plan.sqlite3"
    code, out, err = run_main(capsys, "import", "--create", "--db", db, missing, good)
    assert code == 1
    assert f"{missing}: no such file" in err
    assert out == f"{good}: 1 added, 0 already there\n"
    assert len(export_json(capsys, db)) == 1


def test_import_into_a_foreign_file_fails_cleanly(
    capsys: pytest.CaptureFixture[str], foreign: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps([{"day": "2026-01-05", "kind": "run", "title": "Easy run"}]))
    before = digest(foreign)
    code, _, err = run_main(capsys, "import", "--db", foreign, good)
    assert code == 1
    assert err.startswith("legwork: error: ")
    assert digest(foreign) == before


# -- check --------------------------------------------------------------------------------------
def test_check_healthy(capsys: pytest.CaptureFixture[str], demo_db: Path) -> None:
    before = digest(demo_db)
    code, out, err = run_main(capsys, "check", "--db", demo_db)
    assert code == 0, err
    assert out.startswith(f"{demo_db}: ")
    assert len(out.splitlines()) == 1
    assert digest(demo_db) == before


@pytest.mark.parametrize("kind", ["garbage", "foreign", "empty_file"])
def test_check_unhealthy_files(
    capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest, kind: str
) -> None:
    path: Path = request.getfixturevalue(kind)
    before = path.read_bytes()
    code, out, err = run_main(capsys, "check", "--db", path)
    assert (code, out) == (1, "")
    assert err.startswith(f"legwork: error: {path}")
    assert len(err.splitlines()) == 1
    assert path.read_bytes() == before


def test_check_names_damaged_settings_that_will_be_reset(
    capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    with closing(sqlite3.connect(demo_db)) as connection, connection:
        connection.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('units', 'mlies')")
    before = digest(demo_db)
    code, out, err = run_main(capsys, "check", "--db", demo_db)
    assert (code, out) == (1, "")
    error, hint = err.splitlines()
    assert error == (
        f"legwork: error: {demo_db}: damaged settings will be reset to their defaults: "
        "units (stored 'mlies', using km)"
    )
    assert hint.startswith("legwork: hint: ") and "Preferences" in hint
    assert digest(demo_db) == before  # check never writes, not even the repair

    code, out, _ = run_main(capsys, "check", "--db", demo_db, "--verbose")
    assert code == 1
    assert "  setting units: 'mlies' is not a unit: use km or mi. Using km." in out.splitlines()


def test_check_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "nope.sqlite3"
    code, _, err = run_main(capsys, "check", "--db", db)
    assert code == 1
    assert "no such database file" in err
    assert not db.exists()


# -- print-week ---------------------------------------------------------------------------------
needs_printing = needs_qt


def day_lines(text: str) -> list[str]:
    """The weekday names that start a line of the PDF's text, in order."""
    names = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    return re.findall(rf"^ *({names})\b(?! to )", text, re.MULTILINE)  # not the header


def side_files(db: Path) -> list[Path]:
    return [p for p in (Path(f"{db}-wal"), Path(f"{db}-shm"), Path(f"{db}-journal")) if p.exists()]


def test_print_week_rejects_a_bad_week(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
) -> None:
    code, _, err = run_main(
        capsys, "print-week", "2026-W60", "--db", demo_db, "-o", tmp_path / "w.pdf"
    )
    assert code == 1
    assert "2026 has no week 60" in err
    assert not (tmp_path / "w.pdf").exists()


def test_print_week_needs_an_existing_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "missing.sqlite3"
    code, _, err = run_main(capsys, "print-week", "--db", db, "-o", tmp_path / "w.pdf")
    assert code == 1
    assert "no such database file" in err
    assert not db.exists()


def test_print_week_into_a_missing_folder(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "nope" / "w.pdf"
    code, stdout, err = run_main(capsys, "print-week", "--db", demo_db, "-o", out)
    assert (code, stdout) == (1, "")
    assert err == f"legwork: error: cannot write {out}: the folder {out.parent} does not exist\n"
    assert not out.parent.exists()


@needs_printing
def test_print_week_writes_the_weeks_sheet(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
) -> None:
    before = digest(demo_db)
    week = export_json(capsys, demo_db, "--from", "2026-11-09", "--to", "2026-11-15")
    out = tmp_path / "week.pdf"
    code, stdout, err = run_main(
        capsys, "print-week", "2026-W46", "--db", demo_db, "-o", out, "--today", TODAY
    )
    assert (code, err) == (0, "")
    assert stdout == f"{out}: week 2026-W46 (2026-11-09 to 2026-11-15)\n"
    assert out.read_bytes().startswith(b"%PDF-")
    assert pdf_pages(out) == 1
    text = pdf_text(out)
    assert "2026-W46" in text
    assert "9 – 15 November 2026" in text
    assert day_lines(text) == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert week, "the demo week has workouts"
    for item in week:
        assert str(item["title"]) in text
    assert "Printed from Legwork · Wednesday 18 November 2026" in text
    assert digest(demo_db) == before
    assert side_files(demo_db) == []


@needs_printing
@pytest.mark.parametrize(
    ("argv", "label"),
    [
        ((), "2026-W47"),  # the week of --today
        (("2026-11-11",), "2026-W46"),  # any date in the week
        (("2026W45",), "2026-W45"),
    ],
)
def test_print_week_picks_the_week(
    capsys: pytest.CaptureFixture[str],
    demo_db: Path,
    tmp_path: Path,
    argv: tuple[str, ...],
    label: str,
) -> None:
    out = tmp_path / "week.pdf"
    code, stdout, err = run_main(
        capsys, "print-week", *argv, "--db", demo_db, "-o", out, "--today", TODAY
    )
    assert code == 0, err
    assert stdout.startswith(f"{out}: week {label} (")
    assert label in pdf_text(out)


@needs_printing
def test_print_week_follows_the_plans_first_weekday(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
) -> None:
    with sqlite3.connect(demo_db) as connection:
        connection.execute("INSERT INTO settings (key, value) VALUES ('first_weekday', '6')")
    connection.close()
    out = tmp_path / "week.pdf"
    code, stdout, err = run_main(capsys, "print-week", "2026-W47", "--db", demo_db, "-o", out)
    assert code == 0, err
    assert stdout == f"{out}: week 2026-W47 (2026-11-15 to 2026-11-21)\n"
    text = pdf_text(out)
    assert day_lines(text)[0] == "Sunday"
    assert day_lines(text)[-1] == "Saturday"
    assert "Sunday to Saturday, 15 – 21 November 2026" in text


# -- end to end, as a user runs it --------------------------------------------------------------
def legwork(*argv: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", *map(str, argv)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


@pytest.fixture
def user_env(tmp_path: Path) -> dict[str, str]:
    return {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }


def test_e2e_version() -> None:
    result = legwork("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"legwork {__version__}\n", "")


def test_e2e_demo_export_import_round_trip(tmp_path: Path, user_env: dict[str, str]) -> None:
    source = tmp_path / "source.sqlite3"
    made = legwork("demo", "--db", source, "--years", "1", "--today", "2026-05-20", env=user_env)
    assert made.returncode == 0, made.stderr
    dump = tmp_path / "plan.json"
    exported = legwork("export", "--db", source, "--format", "json", "-o", dump, env=user_env)
    assert exported.returncode == 0, exported.stderr
    items = json.loads(dump.read_text(encoding="utf-8"))

    copy = tmp_path / "copy.sqlite3"
    imported = legwork("import", "--create", "--db", copy, dump, env=user_env)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == f"{dump}: {len(items)} added, 0 already there\n"
    again = legwork("export", "--db", copy, "--format", "json", env=user_env)
    assert without_ids(json.loads(again.stdout)) == without_ids(items)

    reimported = legwork("import", "--db", copy, dump, env=user_env)
    assert reimported.returncode == 0
    assert reimported.stdout == f"{dump}: 0 added, {len(items)} already there\n"
    assert legwork("check", "--db", copy, env=user_env).returncode == 0
    after = legwork("export", "--db", copy, "--format", "json", env=user_env)
    assert after.stdout == again.stdout


def test_e2e_malformed_import_leaves_the_database_byte_identical(
    tmp_path: Path, user_env: dict[str, str], demo_source: Path
) -> None:
    db = tmp_path / "plan.sqlite3"
    shutil.copyfile(demo_source, db)
    bad = tmp_path / "plan.json"
    bad.write_text('[{"day": "2026-01-05", "kind": "run", "title": "ok"}, {"day": "2026-01-06",]')
    before = digest(db)
    result = legwork("import", "--db", db, bad, env=user_env)
    assert result.returncode != 0
    assert str(bad) in result.stderr
    assert result.stderr.startswith("legwork: error: ")
    assert "Traceback" not in result.stderr
    assert digest(db) == before


@pytest.mark.parametrize("kind", ["garbage", "foreign", "empty_file", "missing"])
def test_e2e_check_unhealthy(
    request: pytest.FixtureRequest, tmp_path: Path, user_env: dict[str, str], kind: str
) -> None:
    path = tmp_path / "missing.sqlite3" if kind == "missing" else request.getfixturevalue(kind)
    before = path.read_bytes() if path.exists() else None
    result = legwork("check", "--db", path, env=user_env)
    assert result.returncode != 0
    assert result.stderr.startswith("legwork: error: ")
    assert "Traceback" not in result.stderr
    assert (path.read_bytes() if path.exists() else None) == before


def test_e2e_read_only_commands_do_not_import_qt(
    demo_source: Path, user_env: dict[str, str]
) -> None:
    code = (
        "import sys\n"
        "from planner.cli import main\n"
        f"assert main(['export', '--db', {str(demo_source)!r}, '--format', 'csv']) == 0\n"
        f"assert main(['check', '--db', {str(demo_source)!r}]) == 0\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **user_env},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def e2e_print_week(
    db: Path,
    out: Path,
    user_env: dict[str, str],
    *,
    display: str | None,
    platform: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m planner print-week 2026-W25`` with the given DISPLAY and QT_QPA_PLATFORM."""
    env = {
        k: v
        for k, v in {**os.environ, **user_env}.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    if display is not None:
        env["DISPLAY"] = display
    if platform is not None:
        env["QT_QPA_PLATFORM"] = platform
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "planner",
            "print-week",
            "2026-W25",
            "--db",
            str(db),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )


@needs_printing
@pytest.mark.parametrize(
    ("display", "platform"),
    [(None, None), (":4242", None), (":4242", "")],
    ids=["no-display", "unreachable-display", "empty-platform-counts-as-unset"],
)
def test_e2e_print_week(
    tmp_path: Path,
    user_env: dict[str, str],
    demo_source: Path,
    display: str | None,
    platform: str | None,
) -> None:
    db = tmp_path / "plan.sqlite3"
    shutil.copyfile(demo_source, db)
    before = digest(db)
    out = tmp_path / "week.pdf"
    result = e2e_print_week(db, out, user_env, display=display, platform=platform)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no traceback, and no Qt warnings either
    assert result.stdout == f"{out}: week 2026-W25 (2026-06-15 to 2026-06-21)\n"
    assert out.read_bytes().startswith(b"%PDF-")
    assert pdf_pages(out) == 1
    text = pdf_text(out)
    assert "2026-W25" in text
    assert len(day_lines(text)) == 7
    assert digest(db) == before
    assert side_files(db) == []


@needs_printing
def test_e2e_print_week_into_a_read_only_folder(
    tmp_path: Path, user_env: dict[str, str], demo_source: Path
) -> None:
    db = tmp_path / "plan.sqlite3"
    shutil.copyfile(demo_source, db)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    out = locked / "week.pdf"
    command = [sys.executable, "-m", "planner", "print-week", "--db", str(db), "-o", str(out)]
    if (
        hasattr(os, "geteuid") and os.geteuid() == 0
    ):  # root writes anywhere: drop the capabilities that allow it
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            cwd=REPO,
            env={**os.environ, **user_env},
            timeout=120,
            check=False,
        )
    finally:
        locked.chmod(0o700)
    assert result.returncode == 1
    assert result.stderr == f"legwork: error: {out}: Permission denied\n"
    assert list(locked.iterdir()) == []


def test_check_calls_a_plan_with_bytes_that_are_not_text_damaged_not_a_bug(
    capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    """Damage can put bytes that are not UTF-8 where SQLite's answers are text."""
    with sqlite3.connect(demo_db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = CAST(X'FFFE41' AS TEXT)")
    connection.close()
    before = digest(demo_db)
    code, _, err = run_main(capsys, "check", "--db", demo_db)
    assert code == 1
    assert "This is a bug" not in err
    assert "has no valid schema version" in err
    assert digest(demo_db) == before


def test_export_weights_writes_the_weight_log_that_import_weights_reads_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """DESIGN's seam: ``export --weights``, JSON a list of {day, kg}, CSV ``day,kg``."""
    from planner.core.model import WeightEntry
    from planner.storage.db import open_database

    db = tmp_path / "plan.sqlite3"
    logged = [WeightEntry(date(2026, 11, 2), 71.8), WeightEntry(date(2026, 11, 9), 71.25)]
    with open_database(db) as database:
        database.repository.bulk_insert_weights(logged)

    code, out, _ = run_main(capsys, "export", "--db", db, "--weights", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"day": "2026-11-02", "kg": 71.8},
        {"day": "2026-11-09", "kg": 71.25},
    ]
    code, out, _ = run_main(
        capsys, "export", "--db", db, "--weights", "--format", "json", "--from", "2026-11-05"
    )
    assert json.loads(out) == [{"day": "2026-11-09", "kg": 71.25}]

    csv_file = tmp_path / "weights.csv"
    code, out, _ = run_main(
        capsys, "export", "--db", db, "--weights", "--format", "csv", "-o", csv_file
    )
    assert code == 0
    assert out.strip() == f"{csv_file}: 2 weigh-ins, 2026-11-02 to 2026-11-09"
    assert csv_file.read_text().splitlines() == ["day,kg", "2026-11-02,71.8", "2026-11-09,71.25"]

    copy = tmp_path / "copy.sqlite3"
    with open_database(copy):
        pass
    code, out, err = run_main(capsys, "import-weights", "--db", copy, csv_file)
    assert code == 0, err
    with open_database(copy, read_only=True) as database:
        assert database.repository.weights_between(date(2026, 1, 1), date(2027, 1, 1)) == logged

    code, _, err = run_main(capsys, "export", "--db", db, "--weights", "--format", "ics")
    assert code == 1
    assert "--weights writes JSON or CSV, not iCalendar" in err
