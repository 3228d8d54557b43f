"""Storage: the plan in one SQLite file, through SQLAlchemy 2 and Alembic. No Qt here.

``open_database`` gives a :class:`Database` whose ``repository`` implements the core's
``PlanRepository``; ``check_database`` inspects a file without writing to it.
``open_for_startup`` serves the first paint from the standard ``sqlite3`` module and loads
SQLAlchemy afterwards (see :mod:`planner.storage.startup`).

Importing this package is cheap: it loads the error classes only. Every other name here is
imported from its module on first use, so ``import planner.storage.startup`` does not pull
in SQLAlchemy (about 0.3 s).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from planner.storage.errors import (
    CorruptDatabaseError,
    DatabasePermissionError,
    ForeignDatabaseError,
    NotADatabaseError,
    SchemaTooNewError,
)

if TYPE_CHECKING:
    from planner.storage.db import (
        CheckResult,
        Database,
        check_database,
        make_engine,
        open_database,
    )
    from planner.storage.repository import SqlPlanRepository
    from planner.storage.sqlite_file import SCHEMA_HEAD
    from planner.storage.startup import StartupDatabase, open_for_startup

__all__ = [
    "SCHEMA_HEAD",
    "CheckResult",
    "CorruptDatabaseError",
    "Database",
    "DatabasePermissionError",
    "ForeignDatabaseError",
    "NotADatabaseError",
    "SchemaTooNewError",
    "SqlPlanRepository",
    "StartupDatabase",
    "check_database",
    "make_engine",
    "open_database",
    "open_for_startup",
]

#: Where each lazily imported name lives.
_LAZY: dict[str, str] = {
    "SCHEMA_HEAD": "planner.storage.sqlite_file",
    "CheckResult": "planner.storage.db",
    "Database": "planner.storage.db",
    "check_database": "planner.storage.db",
    "make_engine": "planner.storage.db",
    "open_database": "planner.storage.db",
    "SqlPlanRepository": "planner.storage.repository",
    "StartupDatabase": "planner.storage.startup",
    "open_for_startup": "planner.storage.startup",
}


def __getattr__(name: str) -> object:
    """Import ``name`` from its module on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The package's names, the lazy ones included."""
    return sorted({*globals(), *__all__})
