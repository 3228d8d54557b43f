"""``legwork print-week``: one week's printable sheet as a PDF, with no display needed."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from planner.cli.common import (
    EXIT_OK,
    CliError,
    chosen_week,
    db_path,
    import_failure,
    open_readonly_repository,
    today,
)
from planner.core.service import PlanService

#: The modules printing needs; a build without them still runs every other command.
_PRINTING_MODULES = ("planner.ui.printing", "planner.report", "planner.report.week_sheet")


def run(args: argparse.Namespace) -> int:
    """Write the sheet of ``WEEK`` (default: this week) to ``-o FILE.pdf``, read-only."""
    db = db_path(args)
    out: Path = args.output.expanduser()
    day = today(args)
    with open_readonly_repository(db) as repository:
        settings = PlanService(repository).settings()
        week = chosen_week(args.week, day, settings.first_weekday)
        workouts = repository.workouts_between(week.start, week.end)
        findings = PlanService(repository).findings(week, settings=settings)
    if not out.parent.is_dir():
        raise CliError(f"cannot write {out}: the folder {out.parent} does not exist")
    if sys.platform.startswith("linux"):
        # A PDF needs no display: render offscreen even when DISPLAY is set, since it may
        # name a display that is gone (an ssh session), and Qt aborts on one it cannot reach.
        # An empty QT_QPA_PLATFORM counts as unset, as it does for Qt itself.
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        # Imported by name: Qt loads only for this command, and a build without the
        # printing module still runs every other command.
        printing = importlib.import_module("planner.ui.printing")
    except ModuleNotFoundError as exc:
        if exc.name in _PRINTING_MODULES:
            raise CliError(
                "printing is not available yet in this build of Legwork",
                "Use 'legwork export' for the plan's data meanwhile.",
            ) from None
        raise import_failure("printing", exc) from None
    # The storage work is done here: the UI layer never imports storage (import-linter).
    printing.print_week_pdf(workouts, week, out, today=day, units=settings.units, findings=findings)
    print(f"{out}: week {week.label()} ({week.start.isoformat()} to {week.end.isoformat()})")
    return EXIT_OK
