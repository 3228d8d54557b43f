"""``legwork`` without a command: the desktop app, Qt and all imported only now."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from planner.cli.common import CliError, db_path, import_failure
from planner.launch import display_problem


def run(args: argparse.Namespace) -> int:
    """Open the planner window on ``--db`` (its folder made if need be); the app's exit code."""
    qt_args: list[str] = getattr(args, "qt_args", [])
    problem = display_problem(qt_args)
    if problem:  # Qt would abort the process; say it in one line instead
        raise CliError(problem)
    db = db_path(args)
    try:
        db.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create the folder {db.parent}: {exc.strerror}") from None
    try:
        app = importlib.import_module("planner.app")
    except ModuleNotFoundError as exc:
        if exc.name == "planner.app":
            raise CliError("the desktop app is not part of this build") from None
        raise import_failure("the desktop app", exc) from None
    start: Callable[..., int] = app.run
    if qt_args:
        return start(db, today=args.today, qt_args=qt_args)
    return start(db, today=args.today)
