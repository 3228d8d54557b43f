"""``legwork import``: workouts from JSON exports, each file all or nothing, no duplicates."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.cli.common import EXIT_FAILURE, EXIT_OK, CliError, db_path, fail
from planner.core.model import ValidationError, Workout
from planner.core.ports import StorageError
from planner.core.service import PlanService
from planner.interchange import TransferError


def run(args: argparse.Namespace) -> int:
    """Add the workouts of every file to ``--db``; exit 1 when any file was refused."""
    db = db_path(args)
    if not db.exists() and not args.create:
        raise CliError(
            f"{db}: no such plan file",
            "Check the path, or add --create to start a new plan with these workouts.",
        )
    from planner.interchange.workouts_json_csv import workouts_from_json

    files: list[Path] = args.files
    # Read and check every file before touching the database: a file with a problem is
    # reported and leaves the database exactly as it was.
    parsed: list[tuple[str, list[Workout]]] = []
    failed = 0
    for file in files:
        name = str(file)
        try:
            parsed.append((name, workouts_from_json(_read_text(file), source=name)))
        except TransferError as exc:
            fail(str(exc), "Nothing of that file was imported; fix it and import it again.")
            failed += 1
    if parsed:
        from planner.storage.db import open_database

        database = open_database(db)
        try:
            service = PlanService(database.repository)
            for name, incoming in parsed:
                try:
                    change = service.import_workouts(incoming)
                except StorageError as exc:
                    fail(f"{name}: {exc}", exc.hint or "Nothing of that file was imported.")
                    failed += 1
                    continue
                except ValidationError as exc:
                    fail(f"{name}: {exc}", "Nothing of that file was imported.")
                    failed += 1
                    continue
                added = sum(1 for before in change.before.values() if before is None)
                print(f"{name}: {added} added, {len(incoming) - added} already there")
        finally:
            database.close()
    return EXIT_FAILURE if failed else EXIT_OK


def _read_text(file: Path) -> str:
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise TransferError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise TransferError(f"{file}: is a folder, not a file") from None
    except OSError as exc:
        raise TransferError(f"{file}: cannot read it: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TransferError(
            f"{file}: not UTF-8 text (byte {exc.start + 1}); is it really a JSON export?"
        ) from None
