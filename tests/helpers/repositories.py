"""Every implementation of the ``PlanRepository`` port, new, for the contract tests.

- ``sql``: :class:`~planner.storage.repository.SqlPlanRepository` on a new plan file;
- ``startup``: the start-up reader's repository on a new plan file, which reads through the
  reader until its first write loads the real store;
- ``memory``: the test double :class:`tests.fakes.MemoryRepository`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planner.core.ports import PlanRepository
from planner.storage.db import open_database
from planner.storage.startup import StartupDatabase, open_for_startup
from tests.fakes import MemoryRepository

__all__ = ["WRITABLE", "new_repository", "opened_for_startup"]

#: The implementations that can be written to.
WRITABLE = ("sql", "startup", "memory")


def opened_for_startup(path: Path) -> StartupDatabase:
    """The existing, current plan at ``path`` opened by the start-up reader."""
    startup = open_for_startup(path)
    assert startup is not None, "open_for_startup declined an existing, current plan file"
    return startup


@contextmanager
def new_repository(implementation: str, folder: Path) -> Iterator[PlanRepository]:
    """A new plan holding only the built-in library, in ``implementation``, in ``folder``."""
    if implementation == "memory":
        yield MemoryRepository()
        return
    path = folder / "plan.sqlite3"
    if implementation == "sql":
        with open_database(path) as database:
            yield database.repository
        return
    open_database(path).close()  # a new, migrated, seeded file
    with opened_for_startup(path) as startup:
        assert not startup.loaded  # reads go to the start-up reader until the first write
        yield startup.repository
