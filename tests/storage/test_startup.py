"""The start-up reader: no SQLAlchemy, the same answers and refusals, writes never lost."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.core.demo import generate_history
from planner.core.library import BUILTIN_TEMPLATES
from planner.core.model import Kind, Template, WeightEntry, Workout
from planner.core.ports import Batch, PlanRepository, StorageError
from planner.storage import sqlite_file, startup
from planner.storage.db import open_database
from planner.storage.orm import LEGWORK_TABLES, Base
from planner.storage.startup import StartupDatabase, open_for_startup
from tests.fakes import write_workouts
from tests.helpers.newer_schema import ADD_NOTE, install_newer_schema
from tests.helpers.plans import sql
from tests.helpers.refused_files import REFUSALS
from tests.storage.conftest import (
    NO_PERMISSION_TESTS,
    file_state,
    run_python,
    sample_workout,
    with_file_permissions,
)

TODAY = date(2026, 11, 18)
MONDAY = date(2026, 11, 16)


# ------------------------------------------------------------------------------ imports
def test_importing_the_startup_reader_loads_no_sqlalchemy_or_alembic() -> None:
    code = (
        "import planner.storage.startup, sys; "
        "assert 'sqlalchemy' not in sys.modules and 'alembic' not in sys.modules, "
        "sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'alembic')))"
    )
    run_python(code)


def test_opening_a_current_plan_for_startup_loads_no_sqlalchemy(tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite3"
    open_database(path).close()
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from pathlib import Path\n"
        "from planner.storage.startup import open_for_startup\n"
        "db = open_for_startup(Path(sys.argv[1]))\n"
        "assert db is not None\n"
        "db.repository.workouts_between(date(2026, 11, 16), date(2026, 11, 22))\n"
        "db.repository.templates(); db.repository.settings().get('units')\n"
        "assert 'sqlalchemy' not in sys.modules and 'alembic' not in sys.modules\n"
        "db.finish_loading()\n"
        "assert 'sqlalchemy' in sys.modules and db.loaded\n"
        "db.close()\n"
    )
    run_python(code, str(path))
    assert file_state(path).side_files == ()


def test_the_table_names_equal_the_orms() -> None:
    assert sqlite_file.LEGWORK_TABLES == frozenset(Base.metadata.tables) == LEGWORK_TABLES


def test_package_names_stay_importable() -> None:
    from planner.storage import (  # noqa: F401  (the lazy names resolve)
        SCHEMA_HEAD,
        CheckResult,
        CorruptDatabaseError,
        Database,
        SqlPlanRepository,
        StartupDatabase,
        check_database,
        open_database,
        open_for_startup,
    )
    from planner.storage.db import SCHEMA_HEAD as DB_HEAD
    from planner.storage.repository import CorruptDatabaseError as RepoError

    assert SCHEMA_HEAD == DB_HEAD == sqlite_file.SCHEMA_HEAD
    assert RepoError is CorruptDatabaseError
    import planner.storage as package

    with pytest.raises(AttributeError, match="no_such_name"):
        package.__getattr__("no_such_name")


# ------------------------------------------------------------------------------ fixtures
@dataclass(frozen=True)
class Plan:
    """A closed demo plan file and what went into it."""

    path: Path
    workouts: tuple[Workout, ...]
    own_template: Template


@pytest.fixture(scope="module")
def demo_plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    """Two years of demo history, weigh-ins, settings and a user template (never modified)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    history = generate_history(years=2, today=TODAY)
    with open_database(path) as db:
        db.repository.bulk_insert_workouts(history.workouts)
        db.repository.bulk_insert_weights(history.weights)
        db.repository.write(Batch(settings={"units": "km"}))
        db.repository.write(Batch(settings={"first_day": "0"}))
        # Same day, same position: the id breaks the tie in both readers.
        write_workouts(
            db.repository,
            [
                Workout(None, MONDAY, Kind.STRENGTH, "Core", 0, 20.0, rpe=5),
                Workout(None, MONDAY, Kind.HIIT, "Hills", 0, 25.0),
            ],
        )
        own = db.repository.write(
            Batch(templates=[Template(None, "aqua jog", Kind.RUN, 30.0, None, 3.0)])
        ).templates[0]
        db.repository.write(
            Batch(templates=[Template(None, "Bike", Kind.STRENGTH, 45.0)])
        ).templates[0]
        stored = tuple(db.repository.workouts_between(date.min, date.max))
    assert file_state(path).side_files == ()
    return Plan(path, stored, own)


@pytest.fixture
def plan(demo_plan: Plan, tmp_path: Path) -> Plan:
    """A private copy of the demo plan, for tests that write."""
    path = tmp_path / "plan.sqlite3"
    shutil.copyfile(demo_plan.path, path)
    return Plan(path, demo_plan.workouts, demo_plan.own_template)


@pytest.fixture
def opened(plan: Plan) -> Iterator[StartupDatabase]:
    """The private copy, opened for start-up."""
    database = open_for_startup(plan.path)
    assert database is not None
    try:
        yield database
    finally:
        database.close()


def reads(repository: PlanRepository, plan: Plan) -> dict[str, Any]:
    """Every read of the port on a selection of arguments."""
    first, last = plan.workouts[0].day, plan.workouts[-1].day
    ranges = [
        (date.min, date.max),
        (MONDAY, MONDAY + timedelta(days=6)),
        (first, first),
        (last - timedelta(days=30), last),
        (date(2019, 1, 1), date(2019, 12, 31)),  # before the history: empty
        (date(2030, 1, 1), date(2030, 1, 7)),  # after it: empty
        (MONDAY + timedelta(days=6), MONDAY),  # reversed: empty
    ]
    ids = [w.id for w in plan.workouts[:: max(1, len(plan.workouts) // 25)]]
    return {
        "workouts": [repository.workouts_between(a, b) for a, b in ranges],
        "by_id": [repository.get_workout(i) for i in [*ids, 0, -1, 10**9] if i is not None],
        "first": repository.first_workout_day(),
        "count": repository.count_workouts(),
        "templates": repository.templates(),
        "weights": [repository.weights_between(a, b) for a, b in ranges],
        "settings": [repository.settings().get(k) for k in ("units", "first_day", "nope", "")],
    }


# ------------------------------------------------------------------------------ equal answers
def test_reads_equal_the_sqlalchemy_repositorys_before_and_after_loading(demo_plan: Plan) -> None:
    with open_database(demo_plan.path) as db:
        expected = reads(db.repository, demo_plan)
    assert len(expected["workouts"][0]) == len(demo_plan.workouts) > 500
    assert len(expected["workouts"][1]) >= 2
    assert expected["workouts"][4] == expected["workouts"][5] == expected["workouts"][6] == []
    assert any(expected["weights"])
    assert demo_plan.own_template in expected["templates"]
    assert expected["settings"] == ["km", "0", None, None]

    database = open_for_startup(demo_plan.path)
    assert database is not None
    with database:
        assert not database.loaded
        before = reads(database.repository, demo_plan)
        assert not database.loaded
        database.finish_loading()
        assert database.loaded
        after = reads(database.repository, demo_plan)
    assert before == expected
    assert after == expected
    # Equal and of the same types: dates are dates, floats are floats, enums are enums.
    for mine, theirs in zip(before["workouts"][0], expected["workouts"][0], strict=True):
        assert [type(v) for v in vars_of(mine)] == [type(v) for v in vars_of(theirs)]
    assert type(before["first"]) is date


def vars_of(workout: Workout) -> list[object]:
    return [getattr(workout, f.name) for f in dataclasses.fields(workout)]


def test_library_order_is_builtins_then_own_by_name_ignoring_case(opened: StartupDatabase) -> None:
    names = [t.name for t in opened.repository.templates()]
    assert names == [t.name for t in BUILTIN_TEMPLATES] + ["aqua jog", "Bike"]
    assert not opened.loaded


def test_an_empty_plan_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    open_database(path).close()
    database = open_for_startup(path)
    assert database is not None
    with database:
        repository = database.repository
        assert repository.workouts_between(date.min, date.max) == []
        assert repository.first_workout_day() is None
        assert repository.count_workouts() == 0
        assert repository.weights_between(date.min, date.max) == []
        assert [t.name for t in repository.templates()] == [t.name for t in BUILTIN_TEMPLATES]
    assert file_state(path).side_files == ()


def test_a_race_and_a_plan_day_read_the_same_before_loading(tmp_path: Path) -> None:
    path = tmp_path / "race.sqlite3"
    race = sample_workout(day=MONDAY, title="City marathon", race=True, plan_day=MONDAY)
    moved = sample_workout(day=MONDAY, title="Long run", race=False, plan_day=date(2026, 11, 15))
    with open_database(path) as db:
        stored = write_workouts(db.repository, [race, moved, sample_workout(day=MONDAY)])
        expected = db.repository.workouts_between(MONDAY, MONDAY)
    assert [(w.race, w.plan_day) for w in expected] == [
        (True, MONDAY),
        (False, date(2026, 11, 15)),
        (True, date(2026, 2, 27)),
    ]
    database = open_for_startup(path)
    assert database is not None
    with database:
        assert database.repository.workouts_between(MONDAY, MONDAY) == expected
        assert database.repository.get_workout(stored[1].id or 0) == expected[1]
        assert not database.loaded


# ------------------------------------------------------------------------------ writes
WRITES: list[tuple[str, Callable[[PlanRepository], object]]] = [
    ("workouts", lambda r: write_workouts(r, [sample_workout(day=MONDAY, title="Written early")])),
    (
        "save_template",
        lambda r: r.write(
            Batch(templates=[Template(None, "Written early", Kind.RUN, 30)])
        ).templates[0],
    ),
    ("delete_template", lambda r: r.write(Batch(delete_templates=[10**6]))),
    ("save_weight", lambda r: r.write(Batch(weights=[WeightEntry(MONDAY, 71.5)]))),
    ("delete_weight", lambda r: r.write(Batch(delete_weights=[MONDAY]))),
    ("set_setting", lambda r: r.write(Batch(settings={"units": "mi"}))),
]


@pytest.mark.parametrize(("name", "write"), WRITES, ids=[name for name, _ in WRITES])
def test_every_write_loads_first(
    opened: StartupDatabase, name: str, write: Callable[[PlanRepository], object]
) -> None:
    assert not opened.loaded
    write(opened.repository)
    assert opened.loaded, name
    assert opened.database is not None
    assert opened.repository.backend is opened.database.repository


def test_an_early_write_is_persisted(plan: Plan) -> None:
    database = open_for_startup(plan.path)
    assert database is not None
    with database:
        week = database.repository.workouts_between(MONDAY, MONDAY + timedelta(days=6))
        (stored,) = write_workouts(
            database.repository,
            [sample_workout(day=MONDAY, title="Written before loading")],
            [week[0].id or 0],
        )
        database.repository.write(Batch(settings={"units": "mi"}))
        database.repository.write(Batch(weights=[WeightEntry(MONDAY, 71.5)]))
        assert database.loaded
        now = database.repository.workouts_between(MONDAY, MONDAY + timedelta(days=6))
        assert stored in now
        assert week[0] not in now
    assert file_state(plan.path).side_files == ()
    with open_database(plan.path) as again:
        assert again.repository.get_workout(stored.id or 0) == stored
        assert again.repository.get_workout(week[0].id or 0) is None
        assert again.repository.settings().get("units") == "mi"
        assert again.repository.weights_between(MONDAY, MONDAY) == [WeightEntry(MONDAY, 71.5)]


def test_finish_loading_is_idempotent(opened: StartupDatabase) -> None:
    opened.finish_loading()
    database = opened.database
    opened.finish_loading()
    assert opened.database is database
    assert opened.loaded


def test_a_failed_load_keeps_the_reader_and_writes_nothing(
    opened: StartupDatabase, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planner.storage.db as db_module

    before = file_state(plan.path).sha256
    week = opened.repository.workouts_between(MONDAY, MONDAY + timedelta(days=6))

    def locked(*_args: object, **_kwargs: object) -> None:
        raise StorageError("The plan file is locked by another program.", "Try again.")

    monkeypatch.setattr(db_module, "open_database", locked)
    with pytest.raises(StorageError, match="locked"):
        opened.finish_loading()
    with pytest.raises(StorageError, match="locked"):
        opened.repository.write(Batch(settings={"units": "mi"}))
    assert not opened.loaded

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(db_module, "open_database", broken)
    with pytest.raises(StorageError, match="RuntimeError: boom") as caught:
        opened.finish_loading()
    assert caught.value.hint
    assert not opened.loaded
    assert opened.repository.workouts_between(MONDAY, MONDAY + timedelta(days=6)) == week
    assert opened.repository.settings().get("units") == "km"
    assert file_state(plan.path).sha256 == before

    monkeypatch.undo()
    opened.repository.write(Batch(settings={"units": "mi"}))
    assert opened.loaded
    assert opened.repository.settings().get("units") == "mi"


# ------------------------------------------------------------------------------ refusals
@pytest.mark.parametrize(("make_file", "error", "words"), REFUSALS)
def test_refuses_what_open_database_refuses_and_leaves_it_alone(
    tmp_path: Path,
    make_plan: Callable[..., Path],
    make_file: Callable[[Path, Callable[..., Path]], Path],
    error: type[StorageError],
    words: str,
) -> None:
    path = make_file(tmp_path / "refused.sqlite3", make_plan)
    before = file_state(path)

    with pytest.raises(error, match=words) as mine:
        open_for_startup(path)
    assert file_state(path) == before

    with pytest.raises(StorageError) as theirs:
        open_database(path)
    assert type(mine.value) is type(theirs.value)
    assert str(mine.value) == str(theirs.value)
    assert mine.value.hint == theirs.value.hint
    assert file_state(path) == before


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="folder"):
        open_for_startup(tmp_path)


def test_a_missing_file_is_left_to_open_database(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    assert open_for_startup(folder / "new" / "plan.sqlite3") is None
    assert open_for_startup(folder / "plan.sqlite3") is None
    assert list(folder.iterdir()) == []


def test_an_older_schema_is_left_to_open_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_plan: Callable[..., Path]
) -> None:
    path = make_plan()
    before = file_state(path)
    install_newer_schema(tmp_path, monkeypatch, ADD_NOTE)
    assert open_for_startup(path) is None
    assert file_state(path) == before


def test_missing_builtins_are_left_to_open_database(make_plan: Callable[..., Path]) -> None:
    path = make_plan()
    sql(path, "DELETE FROM templates WHERE name = 'Easy run'")
    before = file_state(path)
    assert open_for_startup(path) is None
    assert file_state(path) == before
    with open_database(path) as db:  # which adds them back
        assert "Easy run" in [t.name for t in db.repository.templates()]
    database = open_for_startup(path)
    assert database is not None
    database.close()


def startup_outcome(path: Path) -> dict[str, Any]:
    """What ``open_for_startup`` makes of ``path`` (for runs that obey file permissions)."""
    try:
        database = open_for_startup(path)
    except StorageError as error:
        return {"error": type(error).__name__}
    if database is not None:
        database.close()
    return {"opened": database is not None}


@pytest.mark.skipif(NO_PERMISSION_TESTS is not None, reason=str(NO_PERMISSION_TESTS))
@pytest.mark.parametrize(
    ("mode", "outcome"),
    [
        pytest.param(0o400, {"opened": False}, id="write-protected: left to open_database"),
        pytest.param(0, {"error": "DatabasePermissionError"}, id="unreadable: refused"),
    ],
)
def test_file_permissions(
    make_plan: Callable[..., Path], mode: int, outcome: dict[str, Any]
) -> None:
    path = make_plan()
    before = file_state(path)
    path.chmod(mode)
    try:
        result = with_file_permissions(startup_outcome, path)
    finally:
        path.chmod(0o600)
    assert result == outcome
    assert file_state(path) == before


# ------------------------------------------------------------------------------ side files
def test_close_without_loading_leaves_the_folder_as_it_was(plan: Plan) -> None:
    listing = sorted(plan.path.parent.iterdir())
    before = file_state(plan.path)
    database = open_for_startup(plan.path)
    assert database is not None
    assert database.repository.count_workouts() == len(plan.workouts)
    database.close()
    database.close()  # twice is fine
    assert sorted(plan.path.parent.iterdir()) == listing
    assert file_state(plan.path) == before
    with pytest.raises(StorageError, match="closed"):
        database.repository.count_workouts()
    with pytest.raises(StorageError, match="closed"):
        database.finish_loading()


def test_close_after_loading_leaves_what_open_database_leaves(plan: Plan) -> None:
    listing = sorted(plan.path.parent.iterdir())
    database = open_for_startup(plan.path)
    assert database is not None
    with database:
        database.repository.templates()
        database.finish_loading()
        assert database.repository.count_workouts() == len(plan.workouts)
    database.close()
    assert sorted(plan.path.parent.iterdir()) == listing
    open_database(plan.path).close()
    assert sorted(plan.path.parent.iterdir()) == listing


def test_reads_and_closes_beside_another_processes_writer(writer_process: Path) -> None:
    path = writer_process
    before = file_state(path)
    assert "-wal" in before.side_files
    database = open_for_startup(path)
    assert database is not None
    with database:
        assert database.repository.count_workouts() == 3  # committed, in the log only
        assert database.repository.settings().get("pending") is None  # not committed
    assert file_state(path) == before  # the other process's side files are left alone


def test_the_reader_is_read_only_with_the_busy_timeout(opened: StartupDatabase) -> None:
    connection = opened._reader._connection
    assert connection is not None
    assert connection.execute("PRAGMA busy_timeout").fetchone() == (2000,)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        connection.execute("INSERT INTO settings VALUES ('x', 'y')")


# ------------------------------------------------------------------------------ speed
# How fast a week reads is measured by tests/perf/bench.py, never asserted in the suite.
def test_the_week_query_uses_the_day_index(opened: StartupDatabase) -> None:
    connection = opened._reader._connection
    assert connection is not None
    plan = connection.execute(
        "EXPLAIN QUERY PLAN " + startup._WORKOUTS_BETWEEN, ("2026-11-16", "2026-11-22")
    ).fetchall()
    text = " ".join(str(row[-1]) for row in plan)
    assert "ix_workouts_day_position" in text
    assert "TEMP B-TREE" not in text  # the index order is the ORDER BY
