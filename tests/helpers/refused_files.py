"""Files Legwork must refuse to open, and leave byte for byte as they were.

Each maker writes one kind of file at ``path``; the ones that start from a real plan get
it from ``make`` (the storage tests' ``make_plan`` fixture). :data:`REFUSALS` pairs each
with the error and the words the refusal must give.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.storage.db import (
    CorruptDatabaseError,
    ForeignDatabaseError,
    NotADatabaseError,
    SchemaTooNewError,
)
from tests.helpers.plans import sql


def zero_length(path: Path, _make: Callable[..., Path]) -> Path:
    path.write_bytes(b"")
    return path


def truncated(path: Path, make: Callable[..., Path]) -> Path:
    data = make("full.sqlite3", workouts=500).read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    return path


def random_bytes(path: Path, _make: Callable[..., Path]) -> Path:
    path.write_bytes(random.Random(7).randbytes(16384))
    return path


def sqlite_magic_then_garbage(path: Path, _make: Callable[..., Path]) -> Path:
    path.write_bytes(b"SQLite format 3\x00" + random.Random(8).randbytes(8192 - 16))
    return path


def text_file(path: Path, _make: Callable[..., Path]) -> Path:
    path.write_text("day,kind,title\n2026-03-02,run,Easy run\n")
    return path


def foreign_sqlite(path: Path, _make: Callable[..., Path]) -> Path:
    sql(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    sql(path, "INSERT INTO notes (body) VALUES ('shopping list')")
    return path


def foreign_sqlite_in_wal_mode(path: Path, _make: Callable[..., Path]) -> Path:
    sql(path, "PRAGMA journal_mode = WAL")
    sql(path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    return path


def other_alembic_app(path: Path, _make: Callable[..., Path]) -> Path:
    sql(path, "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    sql(path, "INSERT INTO alembic_version VALUES ('1a2b3c4d5e6f')")
    sql(path, "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
    return path


def other_app_id(path: Path, _make: Callable[..., Path]) -> Path:
    sql(path, "PRAGMA application_id = 1234")
    sql(path, "CREATE TABLE workouts (id INTEGER PRIMARY KEY)")
    return path


def newer_schema(path: Path, make: Callable[..., Path]) -> Path:
    shutil.copyfile(make("newer.sqlite3"), path)
    sql(path, "UPDATE alembic_version SET version_num = 'ffffffffffff'")
    return path


def no_schema_version(path: Path, make: Callable[..., Path]) -> Path:
    shutil.copyfile(make("unversioned.sqlite3"), path)
    sql(path, "DELETE FROM alembic_version")
    return path


def damaged_pages(path: Path, make: Callable[..., Path]) -> Path:
    source = make("damaged.sqlite3", workouts=2000)
    ((root,),) = sql(source, "SELECT rootpage FROM sqlite_master WHERE name = 'workouts'")
    data = bytearray(source.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    offset = (int(str(root)) - 1) * page_size
    data[offset + 8 : offset + 400] = random.Random(9).randbytes(392)
    path.write_bytes(bytes(data))
    return path


REFUSALS = [
    pytest.param(zero_length, NotADatabaseError, "empty", id="zero-length"),
    pytest.param(truncated, NotADatabaseError, "cut short", id="truncated"),
    pytest.param(random_bytes, NotADatabaseError, "not a Legwork plan", id="random-bytes"),
    pytest.param(sqlite_magic_then_garbage, CorruptDatabaseError, "damaged", id="magic-garbage"),
    pytest.param(text_file, NotADatabaseError, "not an SQLite database", id="text-file"),
    pytest.param(foreign_sqlite, ForeignDatabaseError, "another application", id="foreign"),
    pytest.param(
        foreign_sqlite_in_wal_mode, ForeignDatabaseError, "another application", id="foreign-wal"
    ),
    pytest.param(other_alembic_app, ForeignDatabaseError, "another application", id="alembic"),
    pytest.param(other_app_id, ForeignDatabaseError, "another application", id="app-id"),
    pytest.param(newer_schema, SchemaTooNewError, "newer Legwork", id="newer-schema"),
    pytest.param(no_schema_version, CorruptDatabaseError, "schema version", id="no-version"),
    pytest.param(damaged_pages, CorruptDatabaseError, "damaged", id="damaged"),
]
