"""``legwork --smoke``: the self-test of this installation (see :mod:`planner.smoke`)."""

from __future__ import annotations

import argparse
import importlib

from planner.cli.common import CliError, import_failure
from planner.launch import display_problem


def run(args: argparse.Namespace) -> int:
    """Run the self-test on Qt's platform (``-platform offscreen`` needs no display)."""
    qt_args: list[str] = getattr(args, "qt_args", [])
    problem = display_problem(qt_args)
    if problem:
        raise CliError(problem, "Or test without a display: legwork --smoke -platform offscreen")
    try:
        smoke = importlib.import_module("planner.smoke")
    except ModuleNotFoundError as exc:
        raise import_failure("the self-test", exc) from None
    result: int = smoke.run(qt_args)
    return result
