"""What every ``legwork`` command shares: exit codes, errors, the plan file and its week.

Nothing here imports SQLAlchemy or Qt at module level: the storage is imported only when a
command opens the plan.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from planner.core.model import FIRST_PLAN_DAY, LAST_PLAN_DAY
from planner.core.ports import UserError
from planner.core.weeks import Week, parse_week, week_of
from planner.paths import default_db_path

if TYPE_CHECKING:
    from planner.core.ports import PlanRepository

PROG = "legwork"
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
#: The hint for a ``--db`` that names no usable plan file.
DB_HINT = "Give the right file with --db (or set LEGWORK_DB)."


class CliError(UserError):
    """A problem of a command to report to the user, with an optional hint; exits with 1."""


def fail(message: str, hint: str = "") -> int:
    """Print ``legwork: error: MESSAGE`` (and the hint) on stderr; return the failure status."""
    print(f"{PROG}: error: {message}", file=sys.stderr)
    if hint:
        print(f"{PROG}: hint: {hint}", file=sys.stderr)
    return EXIT_FAILURE


def db_path(args: argparse.Namespace) -> Path:
    """The plan file of ``--db``, else ``$LEGWORK_DB`` or the one in the user data dir."""
    db: Path | None = getattr(args, "db", None)
    return db.expanduser() if db is not None else default_db_path()


def today(args: argparse.Namespace) -> date:
    """The day of ``--today``, else the clock's."""
    pinned: date | None = getattr(args, "today", None)
    return pinned if pinned is not None else date.today()


def missing_file_problem(db: Path) -> str:
    """Why ``db`` cannot be a plan file ("" when it might be one)."""
    if not db.exists():
        return f"{db}: no such database file"
    if not db.is_file():
        return f"{db}: not a file"
    if db.stat().st_size == 0:
        return f"{db}: the file is empty (0 bytes), not a Legwork database"
    return ""


def require_plan_file(db: Path) -> None:
    """Refuse a ``db`` that is no plan file, before anything opens it.

    Raises:
        CliError: the file does not exist, is a folder or is empty.
    """
    problem = missing_file_problem(db)
    if problem:
        raise CliError(problem, DB_HINT)


@contextmanager
def open_readonly_repository(db: Path) -> Iterator[PlanRepository]:
    """A repository on ``db`` that cannot write to the file.

    The file is opened with :func:`planner.storage.db.open_database` in read-only mode
    (SQLite ``mode=ro``): nothing is created, upgraded or seeded, and it works while the
    app has the same file open.

    Raises:
        CliError: the file does not exist or is empty.
        StorageError: the file is not a Legwork database this version can read.
    """
    require_plan_file(db)
    from planner.storage.db import open_database

    database = open_database(db, read_only=True)
    try:
        yield database.repository
    finally:
        database.close()


def chosen_week(text: str | None, today: date, first_weekday: int) -> Week:
    """The week a ``WEEK`` argument names (an ISO week or a day in it); this week without one.

    Raises:
        CliError: the text names no week, or one outside the years Legwork plans.
    """
    try:
        week = parse_week(text, first_weekday) if text else week_of(today, first_weekday)
    except (ValueError, OverflowError) as exc:
        raise CliError(str(exc)) from None
    if not FIRST_PLAN_DAY <= week.start <= LAST_PLAN_DAY:
        raise CliError(
            f"week {text or week.label()} is outside the years Legwork plans "
            f"({FIRST_PLAN_DAY.year} to {LAST_PLAN_DAY.year})"
        )
    return week


def import_failure(what: str, exc: ModuleNotFoundError) -> CliError:
    """The error for a module ``what`` needs that cannot be imported."""
    if (exc.name or "").startswith("planner."):
        return CliError(
            f"{what} cannot start: this build of Legwork is incomplete ({exc})",
            "Reinstall Legwork.",
        )
    return CliError(
        f"{what} cannot start: {exc}",
        "Install Legwork with its dependencies (PySide6, pyqtgraph).",
    )
