"""Storage: the plan in one SQLite file, through SQLAlchemy 2 and Alembic. No Qt here.

``open_database`` gives a :class:`Database` whose ``repository`` implements the core's
``PlanRepository``; ``check_database`` inspects a file without writing to it.
"""

from planner.storage.db import (
    SCHEMA_HEAD,
    CheckResult,
    Database,
    check_database,
    make_engine,
    open_database,
)
from planner.storage.repository import (
    CorruptDatabaseError,
    DatabasePermissionError,
    ForeignDatabaseError,
    NotADatabaseError,
    SchemaTooNewError,
    SqlPlanRepository,
)

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
    "check_database",
    "make_engine",
    "open_database",
]
