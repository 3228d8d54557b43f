"""Fixtures for storage tests: temporary plan files and a way to prove a file was not touched."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.core.model import Kind, Status, Workout
from planner.core.ports import PlanRepository, StorageError
from planner.storage.db import Database, check_database, open_database
from planner.storage.repository import SqlPlanRepository
from tests.fakes import write_workouts
from tests.helpers.killing import FIXED_SEED, Killer, fork_server, killer_seed
from tests.helpers.repositories import WRITABLE, new_repository


def _chmod_denies() -> bool:
    """Whether file permissions stop this process (not so for root with CAP_DAC_OVERRIDE)."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_bytes(b"x")
        probe.chmod(0)
        try:
            probe.read_bytes()
        except PermissionError:
            return True
        finally:
            probe.chmod(0o600)
        return False


#: chmod 000 makes a file unreadable for this process (false when running as root).
CHMOD_DENIES = _chmod_denies()

ROOT = Path(__file__).resolve().parents[2]
#: Runs a command without the capabilities that let root ignore file permissions.
SETPRIV = (
    "setpriv",
    "--bounding-set=-dac_override,-dac_read_search,-fowner",
)


def _child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _setpriv_denies() -> bool:
    """Whether a Python started under :data:`SETPRIV` is refused a chmod 000 file."""
    if shutil.which(SETPRIV[0]) is None:
        return False
    probe_code = "import sys\ntry: open(sys.argv[1])\nexcept PermissionError: print('denied')"
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_bytes(b"x")
        probe.chmod(0)
        try:
            done = subprocess.run(
                [*SETPRIV, sys.executable, "-c", probe_code, str(probe)],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return False
        finally:
            probe.chmod(0o600)
    return done.returncode == 0 and done.stdout.strip() == "denied"


#: File permissions are obeyed when the scenario runs in a subprocess under ``setpriv``
#: (so tests of unreadable/write-protected files can run as root, e.g. in CI).
SETPRIV_DENIES = not CHMOD_DENIES and _setpriv_denies()
#: Why tests of file permissions cannot run here, or ``None`` when they can.
NO_PERMISSION_TESTS = (
    None
    if CHMOD_DENIES or SETPRIV_DENIES
    else "running as root and `setpriv` (util-linux) is missing or cannot drop "
    "CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH here, so chmod cannot deny access"
)


def open_and_check(path: Path) -> dict[str, Any]:
    """Open ``path`` as the app does, read, try one write, close, then check it.

    Returns the outcome as JSON-able data: ``error`` (``type``/``message``/``hint``) when the
    open is refused, else ``read_only``, ``count`` (workouts) and ``write_refused`` (the
    error message, or ``None`` when the write went through); and ``check`` (``ok``,
    ``message``) from :func:`check_database`.
    """
    outcome: dict[str, Any] = {}
    try:
        with open_database(path) as db:
            outcome["read_only"] = db.read_only
            outcome["count"] = db.repository.count_workouts()
            try:
                write_workouts(db.repository, [sample_workout(title="Should not be stored")])
            except StorageError as error:
                outcome["write_refused"] = str(error)
            else:
                outcome["write_refused"] = None
    except StorageError as error:
        outcome["error"] = {
            "type": type(error).__name__,
            "message": str(error),
            "hint": error.hint,
        }
    result = check_database(path)
    outcome["check"] = {"ok": result.ok, "message": result.message}
    return outcome


def with_file_permissions(scenario: Callable[[Path], dict[str, Any]], path: Path) -> Any:
    """Run ``scenario(path)`` in a process that obeys file permissions; its JSON outcome.

    Not root: in this process. Root: in a child Python under :data:`SETPRIV`, which
    imports ``scenario`` by name and prints its outcome as JSON.
    """
    if CHMOD_DENIES:
        return json.loads(json.dumps(scenario(path)))
    assert SETPRIV_DENIES, NO_PERMISSION_TESTS
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        f"from {scenario.__module__} import {scenario.__qualname__} as scenario\n"
        "print(json.dumps(scenario(Path(sys.argv[1]))))\n"
    )
    done = run_python(code, str(path), prefix=SETPRIV)
    return json.loads(done.stdout.splitlines()[-1])


def run_python(
    code: str, *args: str, prefix: tuple[str, ...] | list[str] = ()
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh Python from the repository (after ``prefix``); it must succeed."""
    done = subprocess.run(
        [*prefix, sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=_child_env(),
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


@dataclass(frozen=True)
class FileState:
    """A plan file's bytes (as a hash) and which SQLite side files exist next to it."""

    sha256: str
    size: int
    side_files: tuple[str, ...]


def file_state(path: Path) -> FileState:
    """The state of ``path`` and its ``-wal``/``-shm``/``-journal`` files."""
    data = path.read_bytes()
    sides = tuple(
        suffix
        for suffix in ("-wal", "-shm", "-journal")
        if path.with_name(path.name + suffix).exists()
    )
    return FileState(hashlib.sha256(data).hexdigest(), len(data), sides)


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    """A new, migrated, seeded plan file, open for writing."""
    db = open_database(db_path)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def repo(database: Database) -> SqlPlanRepository:
    """The repository of a new plan file."""
    return database.repository


@pytest.fixture
def make_plan(tmp_path: Path) -> Callable[..., Path]:
    """Create a closed plan file holding ``workouts`` workouts; returns its path."""

    def make(name: str = "made.sqlite3", workouts: int = 3) -> Path:
        path = tmp_path / name
        with open_database(path) as db:
            db.repository.bulk_insert_workouts(
                sample_workout(day=date(2026, 1, 1 + i % 28), title=f"Run {i}")
                for i in range(workouts)
            )
        return path

    return make


def sample_workout(
    *,
    id: int | None = None,
    day: date = date(2026, 3, 2),
    title: str = "Tempo run",
    **changes: object,
) -> Workout:
    """A workout with every field set to something other than its default."""
    workout = Workout(
        id=id,
        day=day,
        kind=Kind.RUN,
        title=title,
        position=0,
        duration_min=45.5,
        distance_km=8.25,
        rpe=7.0,
        notes="Warm up\n20 min comfortably hard — ünïcode ✓",
        status=Status.DONE,
        actual_duration_min=47.25,
        actual_distance_km=8.4,
        actual_rpe=7.5,
        heavy_legs=True,
        race=True,
        plan_day=date(2026, 2, 27),
    )
    return workout.replace(**changes) if changes else workout


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path

    from planner.core.model import Kind, Workout
    from planner.core.ports import Batch
    from planner.storage.db import open_database

    db = open_database(Path(sys.argv[1]))
    db.repository.write(
        Batch(workouts=[Workout(None, date(2026, 3, 2), Kind.RUN, "Committed by the app")])
    )
    connection = db.engine.connect().execution_options(sqlite_begin="IMMEDIATE")
    transaction = connection.begin()
    connection.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('pending', '1')")
    print("ready", flush=True)
    sys.stdin.readline()
    transaction.rollback()
    connection.close()
    db.close()
    """
)


@pytest.fixture
def writer_process(make_plan: Callable[..., Path]) -> Iterator[Path]:
    """Another process with the plan open for writing, mid-transaction; yields the path."""
    path = make_plan(workouts=2)
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_child_env(),
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        yield path
    finally:
        assert process.stdin is not None
        process.stdin.write("done\n")
        process.stdin.flush()
        process.wait(timeout=30)
    assert process.returncode == 0


@pytest.fixture(params=WRITABLE)
def implementation(request: pytest.FixtureRequest) -> str:
    """Which writable implementation of the repository port the test runs on."""
    name: str = request.param
    return name


@pytest.fixture
def repository(implementation: str, tmp_path: Path) -> Iterator[PlanRepository]:
    """A new plan holding only the built-in library, in the implementation under test."""
    with new_repository(implementation, tmp_path) as repository:
        yield repository


@pytest.fixture(scope="module")
def forkserver() -> multiprocessing.context.BaseContext:
    """Children forked from a server that has already imported the storage (fast, no Qt)."""
    return fork_server()


@pytest.fixture
def killer(forkserver: multiprocessing.context.BaseContext) -> Killer:
    """A :class:`Killer` whose kill moments come from a random seed (or ``LEGWORK_KILL_SEED``)."""
    return Killer(forkserver, killer_seed())


@pytest.fixture
def seeded_killer(forkserver: multiprocessing.context.BaseContext) -> Killer:
    """A :class:`Killer` whose kill moments come from a fixed seed (or ``LEGWORK_KILL_SEED``)."""
    return Killer(forkserver, killer_seed(FIXED_SEED))
