"""Fixtures for storage tests: temporary plan files and a way to prove a file was not touched."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from planner.core.model import Kind, Status, Workout
from planner.storage.db import Database, open_database
from planner.storage.repository import SqlPlanRepository


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
    )
    return workout.replace(**changes) if changes else workout
