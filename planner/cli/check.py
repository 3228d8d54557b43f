"""``legwork check``: a plan file's integrity, schema and settings, without writing to it."""

from __future__ import annotations

import argparse
from pathlib import Path

from planner.cli.common import (
    EXIT_OK,
    db_path,
    fail,
    missing_file_problem,
    open_readonly_repository,
)
from planner.core import settings as settings_mod
from planner.core.ports import StorageError
from planner.core.service import PlanService


def run(args: argparse.Namespace) -> int:
    """Say whether ``--db`` is healthy (exit 0) or what is wrong with it (exit 1)."""
    db = db_path(args)
    problem = missing_file_problem(db)
    if problem:
        return fail(problem)
    from planner.storage.db import check_database

    result = check_database(db)
    damaged = _damaged_settings(db) if result.ok else ()
    if args.verbose:
        for detail in result.details:
            print(f"  {detail}")
        for item in damaged:
            print(f"  setting {item.describe()}")
    if not result.ok:
        return fail(result.message)
    if damaged:
        return fail(
            f"{db}: damaged settings will be reset to their defaults: "
            f"{settings_mod.damaged_summary(damaged)}",
            "Legwork uses the defaults until the settings are saved again: saving Preferences "
            "in the app, or legwork config NAME VALUE, rewrites them.",
        )
    print(result.message)
    return EXIT_OK


def _damaged_settings(db: Path) -> tuple[settings_mod.DamagedSetting, ...]:
    """The settings ``db`` holds but Legwork cannot use, read without writing.

    None when the file cannot be read that way: a plan of an older schema is read only after
    Legwork has upgraded it, and the window then tells of any damaged setting.
    """
    try:
        with open_readonly_repository(db) as repository:
            return PlanService(repository).settings().damaged
    except StorageError:
        return ()
