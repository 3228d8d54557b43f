"""Alembic: one head, dated files shipped in the package, and a schema equal to the ORM's."""

from __future__ import annotations

import re
import sqlite3
import tomllib
from datetime import date
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from planner.core.model import Kind, Template, Workout
from planner.core.ports import Batch
from planner.storage.db import (
    APPLICATION_ID,
    MIGRATIONS_DIR,
    SCHEMA_HEAD,
    alembic_config,
    make_engine,
    open_database,
)
from planner.storage.orm import LEGWORK_TABLES, Base
from tests.fakes import write_workouts
from tests.helpers.plans import query, sql
from tests.storage.conftest import sample_workout

ROOT = Path(__file__).resolve().parents[2]


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def upgrade(path: Path, target: str = "head") -> None:
    engine = make_engine(path)
    try:
        with engine.connect() as connection, connection.begin():
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, target)
    finally:
        engine.dispose()


def downgrade(path: Path, target: str) -> None:
    engine = make_engine(path)
    try:
        with engine.connect() as connection, connection.begin():
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, target)
    finally:
        engine.dispose()


def empty_sqlite_file(path: Path) -> Path:
    sqlite3.connect(path).close()
    path.touch()
    return path


def test_there_is_exactly_one_head_and_it_is_schema_head() -> None:
    assert script().get_heads() == [SCHEMA_HEAD]


def test_revision_files_are_dated_and_named_after_their_revision() -> None:
    files = sorted((MIGRATIONS_DIR / "versions").glob("*.py"))
    assert files
    revisions = {rev.revision: rev for rev in script().walk_revisions()}
    assert len(files) == len(revisions)
    for file in files:
        match = re.fullmatch(r"(\d{4})_(\d{2})_(\d{2})_\d{4}-([0-9a-f]+)_\w+\.py", file.name)
        assert match, file.name
        assert match.group(4) in revisions


def test_migrations_ship_in_the_package_and_need_no_ini_file() -> None:
    assert MIGRATIONS_DIR.is_relative_to(ROOT / "planner")
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "script.py.mako").is_file()
    assert alembic_config().config_file_name is None
    # Every file Alembic needs at run time is in the wheel's package data.
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    globs = pyproject["tool"]["setuptools"]["package-data"]["planner"]
    for file in [MIGRATIONS_DIR / "env.py", *(MIGRATIONS_DIR / "versions").glob("*.py")]:
        relative = file.relative_to(ROOT / "planner")
        assert any(relative.match(pattern) for pattern in globs), relative


def test_upgrade_from_an_empty_database_creates_the_schema(tmp_path: Path) -> None:
    path = empty_sqlite_file(tmp_path / "empty.sqlite3")
    upgrade(path)
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        version = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
    assert tables >= LEGWORK_TABLES | {"alembic_version"}
    assert version == [(SCHEMA_HEAD,)]
    assert app_id == APPLICATION_ID


def test_orm_metadata_matches_the_migrations(tmp_path: Path) -> None:
    path = empty_sqlite_file(tmp_path / "compare.sqlite3")
    upgrade(path)
    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            diffs = compare_metadata(context, Base.metadata)
            inspector = inspect(connection)
            indexes = {ix["name"] for ix in inspector.get_indexes("workouts")}
            uniques = {uq["name"] for uq in inspector.get_unique_constraints("templates")}
            checks = {ck["name"] for ck in inspector.get_check_constraints("workouts")}
    finally:
        engine.dispose()
    assert diffs == []
    # The naming convention reached the database, so later batch migrations can name them.
    assert indexes == {"ix_workouts_day_position"}
    assert uniques == {"uq_templates_name"}
    assert checks == {"ck_workouts_kind", "ck_workouts_status", "ck_workouts_position"}


def test_full_downgrade_and_upgrade_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite3"
    with open_database(path) as db:
        write_workouts(db.repository, [sample_workout()])
    downgrade(path, "base")
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert not tables & LEGWORK_TABLES
    upgrade(path)
    with open_database(path) as db:
        assert db.repository.count_workouts() == 0
        assert len(db.repository.templates()) > 0  # re-seeded on open


def schema(path: Path) -> list[tuple[str, str, str | None]]:
    """The file's tables, indexes and triggers with their SQL, and the stamped revision.

    Alembic's own (possibly empty) ``alembic_version`` table counts only by its content.
    """
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT type, name, sql FROM sqlite_master"
            " WHERE name NOT LIKE 'sqlite_%' AND tbl_name != 'alembic_version' ORDER BY name"
        ).fetchall()
        if connection.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'"
        ).fetchone():
            rows += connection.execute("SELECT 'version', version_num, NULL FROM alembic_version")
    connection.close()
    return rows


def test_every_revision_downgrades_to_the_schema_before_it(tmp_path: Path) -> None:
    """Step up one revision at a time; each step down restores exactly the schema before it."""
    path = empty_sqlite_file(tmp_path / "steps.sqlite3")
    revisions = list(reversed(list(script().walk_revisions())))
    assert revisions[-1].revision == SCHEMA_HEAD
    for revision in revisions:
        before = schema(path)
        upgrade(path, revision.revision)
        after = schema(path)
        assert after != before, f"{revision.revision} changed nothing"
        downgrade(path, revision.down_revision or "base")
        assert schema(path) == before, f"{revision.revision} did not downgrade cleanly"
        upgrade(path, revision.revision)
        assert schema(path) == after


def test_upgrading_keeps_the_library_and_stops_reusing_ids_and_reseeding_renamed_builtins(
    tmp_path: Path,
) -> None:
    """A plan of the first schema: its own entries survive; ids and built-ins behave after."""
    path = empty_sqlite_file(tmp_path / "old.sqlite3")
    upgrade(path, "c0ffee5e2d01")
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO templates (name, kind, duration_min, description, builtin)"
            " VALUES ('Tempo run', 'run', 45, 'shipped', 1), ('Hills', 'run', 40, 'mine', 0)"
        )
    connection.close()
    with open_database(path, backup_dir=tmp_path / "backups") as db:
        library = {t.name: t for t in db.repository.templates()}
        assert library["Hills"].description == "mine"
        assert library["Tempo run"].builtin
        tempo = library["Tempo run"]
        db.repository.write(Batch(templates=[tempo.replace(name="Threshold run")]))
        (mine,) = db.repository.write(
            Batch(templates=[Template(None, "Fartlek", Kind.RUN, 30.0)])
        ).templates
        db.repository.write(Batch(delete_templates=[mine.id or 0]))
        (after,) = db.repository.write(
            Batch(templates=[Template(None, "Strides", Kind.RUN, 20.0)])
        ).templates
        assert after.id != mine.id  # a deleted entry's id is not given to the next one
    with open_database(path, backup_dir=tmp_path / "backups") as db:
        names = [t.name for t in db.repository.templates()]
    assert "Threshold run" in names
    assert "Tempo run" not in names  # the renamed built-in does not come back on reopen


def test_an_old_plan_upgrades_to_cross_training_keeping_every_row_and_never_reusing_ids(
    tmp_path: Path,
) -> None:
    """A plan of the schema before cross-training: rows, ids and the id counter survive."""
    path = empty_sqlite_file(tmp_path / "old.sqlite3")
    upgrade(path, "b1e55ed7e4a1")
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "INSERT INTO workouts (day, kind, title, position, duration_min, distance_km, rpe,"
            " notes, status, actual_duration_min, heavy_legs)"
            " VALUES ('2026-03-02', ?, ?, ?, 40, ?, 5, 'felt good', ?, ?, 1)",
            [
                ("run", "Tempo run", 0, 8.0, "done", 42),
                ("strength", "Squats", 1, None, "planned", None),
                ("hiit", "Intervals", 0, None, "skipped", None),
                ("rest", "Rest day", 0, None, "planned", None),
                ("run", "Deleted", 0, 5.0, "planned", None),
            ],
        )
        connection.execute("DELETE FROM workouts WHERE title = 'Deleted'")
        connection.execute(
            "INSERT INTO templates (name, kind, duration_min, builtin, builtin_name)"
            " VALUES ('Hills', 'run', 40, 0, NULL)"
        )
        with_ids = connection.execute("SELECT * FROM workouts ORDER BY id").fetchall()
        templates = connection.execute("SELECT * FROM templates ORDER BY id").fetchall()
        try:
            connection.execute(
                "INSERT INTO workouts (day, kind, title) VALUES ('2026-03-03', 'cross', 'Bike')"
            )
        except sqlite3.IntegrityError:
            pass
        else:
            raise AssertionError("the old schema accepted a kind it does not know")
    connection.close()
    with open_database(path, backup_dir=tmp_path / "backups") as db:
        assert db.repository.count_workouts() == 4
        (bike,) = write_workouts(
            db.repository, [Workout(None, date(2026, 3, 3), Kind.CROSS, "Easy bike", 0, 45.0, 20)]
        )
        assert bike.id == 6  # the deleted workout's id 5 is not given out again
        (swim,) = db.repository.write(
            Batch(templates=[Template(None, "Lake swim", Kind.CROSS, 30.0)])
        ).templates
        assert swim.kind is Kind.CROSS
    with sqlite3.connect(path) as connection:
        after = connection.execute("SELECT * FROM workouts WHERE id < 6 ORDER BY id").fetchall()
        kept = connection.execute(
            f"SELECT * FROM templates WHERE id <= {templates[-1][0]} ORDER BY id"
        ).fetchall()
        version = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    connection.close()
    # Later revisions add columns at the end: no race (0), no plan day (NULL).
    assert after == [(*row, 0, None) for row in with_ids]
    assert kept == templates
    assert version == [(SCHEMA_HEAD,)]


def test_an_old_plan_upgrades_to_races_with_no_race_and_no_plan_day_and_back(
    tmp_path: Path,
) -> None:
    """A plan of the schema before races: every row stays, none is a race or from a plan."""
    path = empty_sqlite_file(tmp_path / "old.sqlite3")
    upgrade(path, "d1a2c7e0b5f3")
    for row in [
        ("2026-03-01", "run", "Half marathon", 21.1, "done", 1),
        ("2026-03-02", "rest", "Rest day", None, "planned", 0),
        ("2026-03-03", "run", "Deleted", 5.0, "planned", 0),
    ]:
        sql(
            path,
            "INSERT INTO workouts (day, kind, title, position, distance_km, status, heavy_legs)"
            " VALUES (?, ?, ?, 0, ?, ?, ?)",
            *row,
        )
    sql(path, "DELETE FROM workouts WHERE title = 'Deleted'")
    old = query(path, "SELECT * FROM workouts ORDER BY id")
    with open_database(path, backup_dir=tmp_path / "backups") as db:
        read = db.repository.workouts_between(date(2026, 3, 1), date(2026, 3, 2))
        assert [(w.title, w.race, w.plan_day) for w in read] == [
            ("Half marathon", False, None),
            ("Rest day", False, None),
        ]
        marathon = Workout(None, date(2026, 4, 12), Kind.RUN, "Marathon", distance_km=42.195)
        (race,) = write_workouts(
            db.repository, [marathon.replace(race=True, plan_day=date(2026, 4, 12))]
        )
        assert race.id == 4  # the deleted workout's id 3 is not given out again
        assert db.repository.get_workout(4) == race
    assert query(path, "SELECT * FROM workouts WHERE id < 4 ORDER BY id") == [
        (*row, 0, None) for row in old
    ]
    assert query(path, "SELECT race, plan_day FROM workouts WHERE id = 4") == [(1, "2026-04-12")]
    downgrade(path, "d1a2c7e0b5f3")
    assert query(path, "SELECT * FROM workouts WHERE id < 4 ORDER BY id") == old
