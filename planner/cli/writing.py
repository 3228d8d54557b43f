"""The commands that write to the plan, and the single-writer lock they hold while they do."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from planner.cli.common import CliError, db_path

#: The commands that write to the plan: each holds the plan's single-writer lock.
WRITING_COMMANDS = frozenset({"demo", "import", "import-weights", "import-activities"})


@contextmanager
def only_writer(args: argparse.Namespace) -> Iterator[None]:
    """Hold the plan's single-writer lock while a writing command runs.

    While the app (or another writing command) has the plan, the command is refused with one
    line saying who has it; read-only commands never take the lock. A backup is never written.

    Raises:
        CliError: the plan is a backup.
        PlanInUseError: another program holds the plan (a :class:`StorageError`).
    """
    command = getattr(args, "command", None)
    writes = (
        command in WRITING_COMMANDS
        or (command == "config" and getattr(args, "value", None) is not None)
        or (command == "plan" and not getattr(args, "dry_run", False))
    )
    if not writes:
        yield
        return
    from planner.paths import backup_dir
    from planner.storage.plan_files import lock_for_writing
    from planner.storage.safe_files import is_in_backups

    db = db_path(args)
    if is_in_backups(db, backup_dir()):
        raise CliError(
            f"{db} is a backup, which Legwork never changes",
            "Restore it with File > Backups... in the app, or copy it elsewhere and use the copy.",
        )
    with lock_for_writing(db, purpose=f"legwork {command}"):
        yield
