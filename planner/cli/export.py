"""``legwork export``: the workouts (or the weight log) as JSON, CSV or iCalendar, read-only."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from planner.cli.common import EXIT_OK, CliError, db_path, open_readonly_repository
from planner.core.model import FIRST_PLAN_DAY, LAST_PLAN_DAY
from planner.core.service import PlanService


def run(args: argparse.Namespace) -> int:
    """Write the workouts from ``--from`` to ``--to`` (default: all) in ``--format``."""
    db = db_path(args)
    start: date | None = args.start
    end: date = args.end or LAST_PLAN_DAY  # no --to: the last day Legwork plans
    if start is not None and start > end:
        raise CliError(f"--from {start.isoformat()} is after --to {end.isoformat()}")
    if args.weights:
        return _export_weights(args, db, start or FIRST_PLAN_DAY, end)
    with open_readonly_repository(db) as repository:
        units = PlanService(repository).settings().units
        if start is None:
            start = repository.first_workout_day()
        workouts = [] if start is None or start > end else repository.workouts_between(start, end)
    if args.format in ("json", "csv"):
        from planner.interchange.workouts_json_csv import workouts_to_csv, workouts_to_json

        text = workouts_to_json(workouts) if args.format == "json" else workouts_to_csv(workouts)
    else:
        from planner.interchange.ics import workouts_to_ics

        text = workouts_to_ics(
            workouts, stamp=datetime.now(UTC).replace(microsecond=0), units=units
        )
    days = [workout.day for workout in workouts]
    return _write_export(args, text, f"{len(workouts)} workouts", days)


def _write_export(args: argparse.Namespace, text: str, count: str, days: list[date]) -> int:
    """Write an export to ``-o FILE`` (then say what it holds) or to standard output."""
    if args.output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    out: Path = args.output.expanduser()
    try:
        with out.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    span = f", {days[0].isoformat()} to {days[-1].isoformat()}" if days else ""
    print(f"{out}: {count}{span}")
    return EXIT_OK


def _export_weights(args: argparse.Namespace, db: Path, start: date, end: date) -> int:
    if args.format == "ics":
        raise CliError(
            "--weights writes JSON or CSV, not iCalendar", "Use --format json or --format csv."
        )
    from planner.interchange.weights_export import weights_to_csv, weights_to_json

    with open_readonly_repository(db) as repository:
        entries = repository.weights_between(start, end)
    text = weights_to_json(entries) if args.format == "json" else weights_to_csv(entries)
    count = f"{len(entries)} weigh-in" + ("" if len(entries) == 1 else "s")
    return _write_export(args, text, count, [entry.day for entry in entries])
