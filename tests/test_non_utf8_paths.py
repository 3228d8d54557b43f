"""A plan in a folder whose name is not valid UTF-8 works like any other.

Linux file names are bytes. A folder made on an older system or copied from a Latin-1 disk
(``L\\xe4ufe``, "Läufe" in Latin-1) reaches Python as a ``str`` with surrogate escapes;
Legwork once failed on every command there with "This is a bug in Legwork".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from planner.core.model import Kind, Workout
from tests.system import needs_qt

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-18"


@pytest.fixture
def latin1_folder(tmp_path: Path) -> Path:
    folder = tmp_path / os.fsdecode(b"L\xe4ufe")
    try:
        folder.mkdir()
    except (OSError, UnicodeEncodeError) as exc:  # e.g. a file system that demands UTF-8
        pytest.skip(f"this file system refuses a Latin-1 folder name ({exc})")
    return folder


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The test's private data folders (``tests/conftest.py`` points XDG_*_HOME there)."""
    return tmp_path / "home"


def legwork(*argv: object) -> subprocess.CompletedProcess[bytes]:
    """``legwork ARGV`` in its own process; arguments as the shell passes them (bytes)."""
    return subprocess.run(
        [sys.executable, "-m", "planner", *(os.fsencode(str(a)) for a in argv)],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )


def test_every_command_works_on_a_plan_in_a_latin1_folder(latin1_folder: Path, home: Path) -> None:
    plan = latin1_folder / "plan.sqlite3"
    made = legwork("demo", "--db", plan, "--years", "1", "--today", TODAY)
    assert made.returncode == 0, made.stderr
    assert b"made" in made.stdout

    checked = legwork("check", "--db", plan)
    assert checked.returncode == 0, checked.stderr
    assert b"healthy" in checked.stdout

    exported = latin1_folder / "plan.json"
    done = legwork("export", "--db", plan, "--format", "json", "-o", exported)
    assert done.returncode == 0, done.stderr
    workouts = json.loads(exported.read_bytes())
    assert len(workouts) > 100

    copy = latin1_folder / "copy.sqlite3"
    imported = legwork("import", "--db", copy, "--create", exported)
    assert imported.returncode == 0, imported.stderr
    assert f"{len(workouts)} added".encode() in imported.stdout

    pdf = latin1_folder / "week.pdf"
    printed = legwork("print-week", "--db", copy, "-o", pdf, "--today", TODAY)
    if b"Qt cannot load" not in printed.stderr:
        assert printed.returncode == 0, printed.stderr
        assert pdf.read_bytes().startswith(b"%PDF-")

    for result in (made, checked, done, imported, printed):
        assert b"This is a bug" not in result.stderr


@needs_qt
def test_the_app_opens_edits_and_backs_up_a_plan_in_a_latin1_folder(
    qapp: object, latin1_folder: Path, home: Path
) -> None:
    from planner import app
    from planner.storage import backups
    from planner.storage.db import open_database

    plan = latin1_folder / "plan.sqlite3"
    with open_database(plan, backup_dir=home / "backups") as database:
        database.repository.bulk_insert_workouts(
            [Workout(None, date(2026, 11, 16), Kind.RUN, "Easy run", 0, 40.0, 7.0, 3.0)]
        )
    session = app.new_session(today=date(2026, 11, 18), backup_root=home / "backups")
    try:
        assert session.open(plan) is None
        window = session.window
        assert window is not None
        assert window.windowTitle().startswith("plan.sqlite3")
        added = window.controller.add_workout(
            Workout(None, date(2026, 11, 17), Kind.STRENGTH, "Legs", 0, 30.0, None, 5.0)
        )
        assert added is not None
        session.back_up_if_due()
        kept = backups.list_backups(plan, home / "backups")
        assert len(kept) == 1 and kept[0].workouts == 2
        window.close()
    finally:
        session.finish()
