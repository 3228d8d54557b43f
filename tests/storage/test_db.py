"""Opening plan files: creation, refusals that leave the file alone, upgrades, checks, backups."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner import paths
from planner.core.library import BUILTIN_TEMPLATES
from planner.core.model import Kind, Template, WeightEntry, Workout
from planner.core.ports import Batch, StorageError
from planner.storage import db as db_module
from planner.storage.backups import BEFORE_UPGRADE, backup_folder, list_backups
from planner.storage.db import (
    APPLICATION_ID,
    SCHEMA_HEAD,
    CorruptDatabaseError,
    Database,
    NotADatabaseError,
    SchemaTooNewError,
    check_database,
    open_database,
)
from planner.storage.errors import storage_error_from_sqlite
from tests.fakes import write_workouts
from tests.helpers.newer_schema import ADD_NOTE, install_newer_schema
from tests.helpers.plans import sql
from tests.helpers.refused_files import REFUSALS, damaged_pages, newer_schema
from tests.storage.conftest import (
    NO_PERMISSION_TESTS,
    file_state,
    open_and_check,
    sample_workout,
    with_file_permissions,
)


# ------------------------------------------------------------------------------ a new file
def test_new_file_is_created_migrated_and_seeded(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "plan.sqlite3"
    with open_database(path) as db:
        assert db.path == path
        assert db.upgraded_from is None
        assert db.backup_path is None
        assert not db.read_only
        assert [t.name for t in db.repository.templates()] == [t.name for t in BUILTIN_TEMPLATES]
        assert db.repository.count_workouts() == 0
    assert sql(path, "SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
    assert sql(path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert sql(path, "PRAGMA journal_mode") == [("wal",)]
    # Closing folds the write-ahead log back into the file: one file, nothing beside it.
    assert file_state(path).side_files == ()


def test_new_file_has_mode_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        path = tmp_path / "plan.sqlite3"
        with open_database(path) as db:
            write_workouts(db.repository, [sample_workout()])
            assert path.stat().st_mode & 0o777 == 0o600
            wal = path.with_name(path.name + "-wal")
            assert wal.stat().st_mode & 0o777 == 0o600  # SQLite copies the file's mode
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o600


def test_every_connection_has_the_pragmas(database: Database) -> None:
    with database.engine.connect() as first, database.engine.connect() as second:
        for connection in (first, second):
            pragma = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            }
            assert pragma == {
                "journal_mode": "wal",
                "synchronous": 2,  # FULL
                "foreign_keys": 1,
                "busy_timeout": 2000,
            }


def test_a_failed_creation_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_connection: object) -> int:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(db_module, "seed_builtin_templates", broken)
    path = tmp_path / "plans" / "plan.sqlite3"
    with pytest.raises(StorageError, match="full"):
        open_database(path)
    assert list(path.parent.iterdir()) == []


def test_a_new_plan_is_made_under_a_temporary_name_and_appears_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.sqlite3"
    seen: list[list[str]] = []
    real_migrate = db_module._migrate

    def watching(engine: object) -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir() if "plan" in p.name))
        real_migrate(engine)  # type: ignore[arg-type]

    monkeypatch.setattr(db_module, "_migrate", watching)
    with open_database(path) as db:
        assert db.repository.count_workouts() == 0
    # While the schema was being made, the plan's own name did not exist yet.
    assert len(seen) == 1 and "plan.sqlite3" not in seen[0]
    assert all(name.startswith(".plan.sqlite3.new-") for name in seen[0])
    assert sorted(p.name for p in tmp_path.iterdir() if "plan" in p.name) == ["plan.sqlite3"]


def _dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_leftovers_of_a_creation_killed_half_way_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite3"
    leftover = tmp_path / f".plan.sqlite3.new-{_dead_pid()}-0badc0de.tmp"
    leftover.write_bytes(b"SQLite format 3\x00 half a schema")
    leftover.with_name(leftover.name + "-wal").write_bytes(b"log")
    unrelated = tmp_path / f".other.sqlite3.new-{_dead_pid()}-0badc0de.tmp"
    unrelated.write_bytes(b"another plan's business")

    with open_database(path) as db:
        assert db.repository.templates()

    assert sorted(p.name for p in tmp_path.iterdir() if "plan" in p.name) == ["plan.sqlite3"]
    assert unrelated.exists()


def test_a_new_plan_never_adopts_an_orphaned_log(tmp_path: Path) -> None:
    donor = tmp_path / "donor.sqlite3"
    keeper = sqlite3.connect(donor, isolation_level=None)
    keeper.execute("PRAGMA journal_mode = WAL")
    keeper.execute("PRAGMA wal_autocheckpoint = 0")
    keeper.execute("CREATE TABLE workouts (secret TEXT)")
    keeper.execute("INSERT INTO workouts VALUES ('from another file')")
    path = tmp_path / "plan.sqlite3"
    shutil.copyfile(donor.with_name("donor.sqlite3-wal"), path.with_name("plan.sqlite3-wal"))
    keeper.close()

    with open_database(path) as db:
        assert db.repository.count_workouts() == 0
    assert check_database(path).ok
    kept = list(tmp_path.glob("plan.sqlite3.orphan-*-wal"))
    assert len(kept) == 1 and kept[0].stat().st_size > 0  # kept aside, not deleted


def test_builtins_are_seeded_once_and_missing_ones_come_back(db_path: Path) -> None:
    with open_database(db_path) as db:
        mine = db.repository.write(
            Batch(templates=[Template(None, "Hill repeats", Kind.RUN, 40.0)])
        ).templates[0]
    for _ in range(3):
        with open_database(db_path) as db:
            names = [t.name for t in db.repository.templates()]
    assert names == [t.name for t in BUILTIN_TEMPLATES] + ["Hill repeats"]

    # A file from before "Squat jumps" existed (or with it deleted by hand) gets it back.
    sql(db_path, "DELETE FROM templates WHERE name = 'Squat jumps'")
    with open_database(db_path) as db:
        templates = db.repository.templates()
    assert [t.name for t in templates].count("Squat jumps") == 1
    assert mine in templates
    assert len(templates) == len(BUILTIN_TEMPLATES) + 1


def test_a_new_builtin_comes_in_beside_the_runners_own_entry_of_the_same_name(
    db_path: Path,
) -> None:
    """A plan from before the cross-training built-ins, whose runner already made a "swim"."""
    with open_database(db_path) as db:
        db.repository.write(Batch(templates=[Template(None, "Hill repeats", Kind.RUN, 40.0)]))
    sql(db_path, "DELETE FROM templates WHERE builtin_name = 'Swim'")
    sql(db_path, "UPDATE templates SET name = 'swim' WHERE name = 'Hill repeats'")
    for _ in range(2):
        with open_database(db_path) as db:
            library = {t.name: t for t in db.repository.templates()}
    assert library["swim"].kind is Kind.RUN and not library["swim"].builtin
    shipped = library["Swim (2)"]
    assert shipped.builtin and shipped.kind is Kind.CROSS
    assert len(library) == len(BUILTIN_TEMPLATES) + 1


# ------------------------------------------------------------------------------ refusals
@pytest.mark.parametrize(("make_file", "error", "words"), REFUSALS)
def test_refused_files_are_left_byte_for_byte_unchanged(
    tmp_path: Path,
    make_plan: Callable[..., Path],
    make_file: Callable[[Path, Callable[..., Path]], Path],
    error: type[StorageError],
    words: str,
) -> None:
    path = make_file(tmp_path / "refused.sqlite3", make_plan)
    before = file_state(path)
    assert before.side_files == ()

    with pytest.raises(error, match=words) as caught:
        open_database(path)

    assert file_state(path) == before
    assert str(caught.value).strip()
    assert "\n" not in str(caught.value)
    assert caught.value.hint

    result = check_database(path)
    assert not result.ok
    assert "\n" not in result.message
    assert file_state(path) == before


def test_newer_schema_message_names_the_schema(
    tmp_path: Path, make_plan: Callable[..., Path]
) -> None:
    path = newer_schema(tmp_path / "refused.sqlite3", make_plan)
    with pytest.raises(SchemaTooNewError) as caught:
        open_database(path)
    assert str(caught.value) == (
        "This plan file was written by a newer Legwork (schema ffffffffffff); "
        "update Legwork to open it."
    )
    assert caught.value.revision == "ffffffffffff"


def test_damaged_file_reports_what_is_damaged(
    tmp_path: Path, make_plan: Callable[..., Path]
) -> None:
    path = damaged_pages(tmp_path / "damaged.sqlite3", make_plan)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_database(path)
    assert caught.value.problems
    result = check_database(path)
    assert any("page" in line for line in result.details)


@pytest.mark.skipif(NO_PERMISSION_TESTS is not None, reason=str(NO_PERMISSION_TESTS))
def test_unreadable_file_is_refused_and_unchanged(make_plan: Callable[..., Path]) -> None:
    path = make_plan()
    before = file_state(path)
    path.chmod(0)
    try:
        outcome = with_file_permissions(open_and_check, path)
    finally:
        path.chmod(0o600)
    assert outcome == {
        "error": {
            "type": "DatabasePermissionError",
            "message": f"Legwork may not read the plan file {path} (permission denied).",
            "hint": outcome["error"]["hint"],
        },
        "check": {"ok": False, "message": outcome["error"]["message"]},
    }
    assert "chmod 600" in outcome["error"]["hint"]
    assert file_state(path) == before


def test_a_folder_is_not_a_plan_file(tmp_path: Path) -> None:
    folder = tmp_path / "plan.sqlite3"
    folder.mkdir()
    with pytest.raises(NotADatabaseError, match="folder"):
        open_database(folder)


# ------------------------------------------------------------------------------ read-only
def test_read_only_open_refuses_writes_and_changes_nothing(make_plan: Callable[..., Path]) -> None:
    path = make_plan(workouts=4)
    sql(path, "DELETE FROM templates WHERE name = 'Rest day'")  # would be re-seeded if writable
    before = file_state(path)
    with open_database(path, read_only=True) as db:
        assert db.read_only
        workouts = db.repository.workouts_between(date.min, date.max)
        templates = db.repository.templates()
        assert len(workouts) == 4
        with pytest.raises(StorageError, match="read-only") as caught:
            write_workouts(db.repository, [sample_workout()], [workouts[0].id or 0])
        assert caught.value.hint
        with pytest.raises(StorageError, match="read-only"):
            db.repository.write(Batch(weights=[WeightEntry(date(2026, 1, 1), 70.0)]))
        with pytest.raises(StorageError, match="read-only"):
            db.repository.write(Batch(settings={"units": "mi"}))
        assert db.repository.workouts_between(date.min, date.max) == workouts
        assert db.repository.templates() == templates
    assert file_state(path).sha256 == before.sha256


@pytest.mark.skipif(NO_PERMISSION_TESTS is not None, reason=str(NO_PERMISSION_TESTS))
def test_write_protected_file_opens_read_only(make_plan: Callable[..., Path]) -> None:
    path = make_plan(workouts=2)
    before = file_state(path)
    path.chmod(0o400)
    try:
        outcome = with_file_permissions(open_and_check, path)
    finally:
        path.chmod(0o600)
    assert outcome["write_refused"] is not None
    assert "read-only" in outcome["write_refused"]
    assert outcome == {
        "read_only": True,
        "count": 2,
        "write_refused": outcome["write_refused"],
        "check": {"ok": True, "message": f"{path}: healthy, 2 workouts, schema up to date"},
    }
    assert file_state(path).sha256 == before.sha256
    assert sql(path, "SELECT count(*) FROM workouts") == [(2,)]


def open_write_and_report(path: Path) -> dict[str, Any]:
    """Open ``path`` for writing, try one write; what happened (run under setpriv as root)."""
    outcome: dict[str, Any] = {}
    with open_database(path) as db:
        outcome["read_only"] = db.read_only
        outcome["reason"] = db.read_only_reason
        try:
            write_workouts(db.repository, [sample_workout(title="Written")])
        except StorageError as error:
            outcome["write_refused"] = str(error)
        else:
            outcome["write_refused"] = None
    return outcome


def raw_write_error(path: Path) -> dict[str, Any]:
    """The message a write into a write-protected folder gets (run under setpriv as root)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("INSERT INTO settings (key, value) VALUES ('units', 'mi')")
    except sqlite3.Error as exc:
        error = storage_error_from_sqlite(exc)
        return {"message": str(error), "hint": error.hint}
    finally:
        connection.close()
    return {"message": None}


@pytest.mark.skipif(NO_PERMISSION_TESTS is not None, reason=str(NO_PERMISSION_TESTS))
def test_a_plan_in_a_write_protected_folder_opens_read_only_and_says_why(
    make_plan: Callable[..., Path], tmp_path: Path
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = shutil.move(make_plan(workouts=2), folder / "plan.sqlite3")
    before = file_state(path)
    folder.chmod(0o555)
    try:
        outcome = with_file_permissions(open_write_and_report, path)
        raw = with_file_permissions(raw_write_error, path)
    finally:
        folder.chmod(0o755)
    assert outcome["read_only"] is True
    assert f"The folder {folder} is write-protected" in outcome["reason"]
    assert "read-only" in outcome["write_refused"]
    assert raw["message"] == "The folder holding the plan file is write-protected."
    assert file_state(path) == before


@pytest.mark.skipif(NO_PERMISSION_TESTS is not None, reason=str(NO_PERMISSION_TESTS))
def test_side_files_left_by_a_read_only_session_do_not_keep_the_plan_read_only(
    make_plan: Callable[..., Path],
) -> None:
    path = make_plan(workouts=1)
    other = sqlite3.connect(path, isolation_level=None)  # keeps -wal/-shm beside the plan
    other.execute("SELECT count(*) FROM workouts").fetchone()
    path.chmod(0o400)
    try:
        read_only = with_file_permissions(open_write_and_report, path)
    finally:
        other.close()
        path.chmod(0o600)
    assert read_only["read_only"] is True
    assert "write-protected" in read_only["reason"]
    # A read-only session leaves write-protected side files behind (SQLite gives them the
    # plan's mode); once the plan is writable again they must not keep it read-only.
    wal, shm = path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
    for side in (wal, shm):
        if not side.exists():
            side.write_bytes(b"")
        side.chmod(0o400)

    writable = with_file_permissions(open_write_and_report, path)

    assert writable == {"read_only": False, "reason": None, "write_refused": None}
    assert sql(path, "SELECT count(*) FROM workouts") == [(2,)]


def test_a_full_disk_is_named_as_the_cause(make_plan: Callable[..., Path]) -> None:
    path = make_plan(workouts=1)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(sqlite3.Error) as full:
            connection.execute("INSERT INTO settings VALUES ('big', ?)", ("x" * 100_000,))
    finally:
        connection.close()
    error = storage_error_from_sqlite(full.value)
    assert str(error) == "The disk holding the plan file is full."
    assert "Free some space" in error.hint
    assert sql(path, "SELECT count(*) FROM settings WHERE key = 'big'") == [(0,)]


def test_read_only_open_leaves_the_folder_as_it_was(make_plan: Callable[..., Path]) -> None:
    path = make_plan(workouts=3)
    listing = sorted(path.parent.iterdir())
    before = file_state(path)
    with open_database(path, read_only=True) as db:
        assert db.repository.count_workouts() == 3
        assert db.repository.templates()
    assert sorted(path.parent.iterdir()) == listing  # no -wal/-shm litter
    assert file_state(path) == before


def test_read_only_close_spares_side_files_in_use(make_plan: Callable[..., Path]) -> None:
    path = make_plan(workouts=1)
    before = file_state(path)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        with open_database(path, read_only=True) as db:
            assert db.repository.count_workouts() == 1
            # Another connection opens the file after us; its log is empty but in use.
            assert other.execute("SELECT count(*) FROM workouts").fetchone() == (1,)
        assert file_state(path).side_files == ("-wal", "-shm")
        other.execute("INSERT INTO settings (key, value) VALUES ('units', 'mi')")
        assert file_state(path).sha256 == before.sha256  # committed to the log only
        with open_database(path, read_only=True) as db:  # -wal exists: plain mode=ro
            assert db.repository.settings().get("units") == "mi"
        assert file_state(path).side_files == ("-wal", "-shm")
    finally:
        other.close()
    assert file_state(path).side_files == ()  # the last writer folded and removed them
    assert sql(path, "SELECT value FROM settings WHERE key = 'units'") == [("mi",)]


def test_read_only_open_of_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="no such file"):
        open_database(tmp_path / "nope.sqlite3", read_only=True)
    assert not (tmp_path / "nope.sqlite3").exists()
    assert not list(tmp_path.glob("nope*"))


# ------------------------------------------------------------------------------ locking
def test_a_locked_file_raises_storage_error_and_keeps_data(make_plan: Callable[..., Path]) -> None:
    path = make_plan(workouts=1)
    with open_database(path, busy_timeout=0.1) as db:
        before = db.repository.workouts_between(date.min, date.max)
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
            with pytest.raises(StorageError, match="locked by another program") as caught:
                write_workouts(
                    db.repository, [sample_workout(title="Blocked")], [before[0].id or 0]
                )
            assert caught.value.hint
            # Reading still works while the other writer holds its lock (WAL).
            assert db.repository.workouts_between(date.min, date.max) == before
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert db.repository.workouts_between(date.min, date.max) == before
        write_workouts(db.repository, [sample_workout(title="Now it works")])
        assert db.repository.count_workouts() == 2


def test_check_works_while_another_process_writes(writer_process: Path) -> None:
    path = writer_process
    before = file_state(path)
    assert "-wal" in before.side_files

    result = check_database(path)

    assert result.ok, result
    assert "workouts: 3" in result.details  # the committed row lives in the WAL so far
    assert file_state(path).sha256 == before.sha256


def test_read_only_open_works_while_another_process_writes(writer_process: Path) -> None:
    path = writer_process
    before = file_state(path)
    with open_database(path, read_only=True) as db:
        assert db.repository.count_workouts() == 3
        assert db.repository.settings().get("pending") is None  # not committed
    assert file_state(path).sha256 == before.sha256


def test_second_writer_gets_a_clear_error_not_a_hang(writer_process: Path) -> None:
    with open_database(writer_process, busy_timeout=0.1) as db:
        with pytest.raises(StorageError, match="locked"):
            db.repository.write(Batch(settings={"units": "mi"}))
        assert db.repository.settings().get("units") is None


# ------------------------------------------------------------------------------ check
def test_check_healthy_file(make_plan: Callable[..., Path]) -> None:
    path = make_plan(workouts=3)
    before = file_state(path)
    result = check_database(path)
    assert result.ok
    assert "healthy" in result.message
    assert "\n" not in result.message
    assert "workouts: 3" in result.details
    assert f"schema: {SCHEMA_HEAD} (current)" in result.details
    assert "integrity: ok" in result.details
    assert file_state(path) == before  # not even -wal/-shm files appeared


def test_check_missing_file(tmp_path: Path) -> None:
    result = check_database(tmp_path / "nope.sqlite3")
    assert not result.ok
    assert "no such file" in result.message
    assert not (tmp_path / "nope.sqlite3").exists()


# ------------------------------------------------------------------------------ upgrades
def columns(path: Path, table: str) -> list[str]:
    return [str(row[1]) for row in sql(path, f"PRAGMA table_info({table})")]


def test_older_schema_is_backed_up_then_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_plan: Callable[..., Path]
) -> None:
    path = make_plan(workouts=5)
    sql(path, "INSERT INTO settings VALUES ('units', 'km')")
    head = install_newer_schema(tmp_path, monkeypatch, ADD_NOTE)

    with open_database(path, backup_dir=tmp_path / "backups") as db:
        assert db.upgraded_from == SCHEMA_HEAD
        assert db.backup_path is not None
        assert db.backup_path.parent == backup_folder(path, tmp_path / "backups")
        assert db.backup_path.name.endswith("-before-upgrade.sqlite3")
        assert db.repository.count_workouts() == 5
        assert db.repository.settings().get("units") == "km"

    assert sql(path, "SELECT version_num FROM alembic_version") == [(head,)]
    assert sql(path, "SELECT note FROM settings") == [("upgraded",)]
    # The backup is the file as it was before the upgrade.
    backup = db.backup_path
    assert sql(backup, "SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
    assert "note" not in columns(backup, "settings")
    assert sql(backup, "SELECT count(*) FROM workouts") == [(5,)]
    assert sql(backup, "PRAGMA integrity_check") == [("ok",)]
    assert backup.stat().st_mode & 0o777 == 0o600

    with open_database(path) as again:  # up to date now: no second upgrade or backup
        assert again.upgraded_from is None
        assert again.backup_path is None


def test_upgrade_backup_goes_to_the_plans_folder_among_the_users_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_plan: Callable[..., Path]
) -> None:
    path = make_plan()
    install_newer_schema(tmp_path, monkeypatch, ADD_NOTE)
    with open_database(path) as db:
        assert db.backup_path is not None
        assert db.backup_path.parent == backup_folder(path, paths.backup_dir())
        assert db.backup_path.name.startswith(f"{path.stem}-")
    assert [b.path for b in list_backups(path, paths.backup_dir())] == [db.backup_path]
    assert list_backups(path, paths.backup_dir())[0].reason == BEFORE_UPGRADE
    assert [p.name for p in path.parent.glob(f"*{path.name}*")] == [path.name]  # none beside it


def test_a_failing_upgrade_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_plan: Callable[..., Path]
) -> None:
    path = make_plan(workouts=5)
    failing = ADD_NOTE + '    op.execute("INSERT INTO no_such_table VALUES (1)")\n'
    install_newer_schema(tmp_path, monkeypatch, failing)
    with pytest.raises(StorageError, match=r"Upgrading the plan file .* failed") as caught:
        open_database(path)
    assert "before-upgrade" in caught.value.hint
    assert sql(path, "SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
    assert "note" not in columns(path, "settings")
    assert sql(path, "SELECT count(*) FROM workouts") == [(5,)]
    assert file_state(path).side_files == ()


def test_check_reports_an_older_schema_as_healthy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_plan: Callable[..., Path]
) -> None:
    path = make_plan()
    before = file_state(path)
    install_newer_schema(tmp_path, monkeypatch, ADD_NOTE)
    result = check_database(path)
    assert result.ok
    assert "older schema" in result.message
    assert file_state(path) == before


def test_read_only_open_does_not_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_plan: Callable[..., Path]
) -> None:
    path = make_plan()
    before = file_state(path)
    install_newer_schema(tmp_path, monkeypatch, ADD_NOTE)
    with pytest.raises(StorageError, match="older schema"):
        open_database(path, read_only=True)
    assert file_state(path) == before


def test_workouts_survive_reopen_with_every_kind(db_path: Path) -> None:
    with open_database(db_path) as db:
        stored = write_workouts(
            db.repository,
            [Workout(None, date(2026, 3, 2), kind, kind.label, i) for i, kind in enumerate(Kind)],
        )
    with open_database(db_path) as db:
        assert db.repository.workouts_between(date(2026, 3, 2), date(2026, 3, 2)) == stored
