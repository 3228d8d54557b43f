"""Storage: the plan in one SQLite file, through SQLAlchemy 2 and Alembic. No Qt here.

``open_database`` gives a :class:`Database` whose ``repository`` implements the core's
``PlanRepository``; ``check_database`` inspects a file without writing to it.
``open_for_startup`` serves the first paint from the standard ``sqlite3`` module and loads
SQLAlchemy afterwards (see :mod:`planner.storage.startup`). :mod:`planner.storage.backups`
keeps each plan's history of verified backups and restores them;
:mod:`planner.storage.plan_files` holds the single-writer lock and
:mod:`planner.storage.safe_files` keeps damaged or replaced files aside. None of them loads
SQLAlchemy.

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
    IncompleteDatabaseError,
    NotADatabaseError,
    SchemaTooNewError,
)

if TYPE_CHECKING:
    from planner.storage.backups import (
        BackupInfo,
        RestoreResult,
        backup_if_due,
        list_backups,
        make_backup,
        newest_good_backup,
        restore_backup,
    )
    from planner.storage.db import (
        CheckResult,
        Database,
        check_database,
        make_engine,
        open_database,
    )
    from planner.storage.plan_files import PlanInUseError, PlanLock, try_lock
    from planner.storage.repository import SqlPlanRepository
    from planner.storage.safe_files import set_aside
    from planner.storage.sqlite_file import SCHEMA_HEAD
    from planner.storage.startup import StartupDatabase, open_for_startup

__all__ = [
    "SCHEMA_HEAD",
    "BackupInfo",
    "CheckResult",
    "CorruptDatabaseError",
    "Database",
    "DatabasePermissionError",
    "ForeignDatabaseError",
    "IncompleteDatabaseError",
    "NotADatabaseError",
    "PlanInUseError",
    "PlanLock",
    "RestoreResult",
    "SchemaTooNewError",
    "SqlPlanRepository",
    "StartupDatabase",
    "backup_if_due",
    "check_database",
    "list_backups",
    "make_backup",
    "make_engine",
    "newest_good_backup",
    "open_database",
    "open_for_startup",
    "restore_backup",
    "set_aside",
    "try_lock",
]

#: Where each lazily imported name lives.
_LAZY: dict[str, str] = {
    "SCHEMA_HEAD": "planner.storage.sqlite_file",
    "BackupInfo": "planner.storage.backups",
    "RestoreResult": "planner.storage.backups",
    "backup_if_due": "planner.storage.backups",
    "list_backups": "planner.storage.backups",
    "make_backup": "planner.storage.backups",
    "newest_good_backup": "planner.storage.backups",
    "restore_backup": "planner.storage.backups",
    "PlanInUseError": "planner.storage.plan_files",
    "PlanLock": "planner.storage.plan_files",
    "set_aside": "planner.storage.safe_files",
    "try_lock": "planner.storage.plan_files",
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
