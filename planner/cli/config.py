"""``legwork config``: list the settings, print one, or change one (like ``git config``)."""

from __future__ import annotations

import argparse

from planner.cli.common import (
    EXIT_OK,
    CliError,
    db_path,
    open_readonly_repository,
    require_plan_file,
)
from planner.core import settings as settings_mod
from planner.core.service import PlanService


def run(args: argparse.Namespace) -> int:
    """Print ``NAME=VALUE`` lines, one value, or the setting as changed to ``VALUE``."""
    db = db_path(args)
    name: str | None = args.name
    value: str | None = args.value
    if value is None:
        with open_readonly_repository(db) as repository:
            texts = settings_mod.to_strings(PlanService(repository).settings())
        if name is None:
            for key, text in texts.items():
                print(f"{key}={text}")
            return EXIT_OK
        try:
            print(texts[settings_mod.spec(name).name])
        except settings_mod.SettingError as exc:
            raise CliError(str(exc)) from None
        return EXIT_OK
    assert name is not None
    require_plan_file(db)
    from planner.storage.db import open_database

    with open_database(db) as database:
        service = PlanService(database.repository)
        try:
            service.set_setting(name, value)
        except settings_mod.SettingError as exc:
            raise CliError(str(exc)) from None
        texts = settings_mod.to_strings(service.settings())
    key = settings_mod.spec(name).name
    print(f"{key}={texts[key]}")
    return EXIT_OK
