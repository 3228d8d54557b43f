"""``legwork import-weights``: weigh-ins from a file, all or nothing, refusals listed by row.

The file is a CSV table or a device's export (Garmin Connect, Fitbit, Samsung Health, Apple
Health, a FIT weight-scale file): :mod:`planner.interchange.weight_files` tells which.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from planner.cli.common import EXIT_OK, PROG, CliError, db_path, require_plan_file, today
from planner.core.service import PlanService


def run(args: argparse.Namespace) -> int:
    """Add the file's weigh-ins to ``--db``, or refuse it whole with the rows and days why."""
    from planner.core.formatting import format_weights_apart
    from planner.core.weighins import plan_weigh_ins
    from planner.interchange import weight_files, weights_csv

    db = db_path(args)
    file: Path = args.file
    require_plan_file(db)
    try:
        scanned = weight_files.scan_weights_file(file, today=today(args))
    except OSError as exc:
        raise CliError(f"{file}: {exc.strerror or exc}") from None
    except weights_csv.WeightFileError as exc:
        raise CliError(f"{file}: {exc}", "Nothing was imported.") from None
    from planner.storage.db import open_database

    with open_database(db) as database:
        service = PlanService(database.repository, today=lambda: today(args))
        units = service.settings().weight_units
        default_unit = weights_csv.WeightUnit(args.unit or units.weight_label)
        try:
            found = scanned.resolve(
                unit=default_unit,
                date_order=weights_csv.DateOrder(args.date_order) if args.date_order else None,
            )
        except weights_csv.WeightFileError as exc:
            hint = "Add --date-order dmy or --date-order mdy." if exc.ambiguous_dates else ""
            raise CliError(f"{file}: {exc}", hint or "Nothing was imported.") from None
        # A bounded summary: the first examples of each kind of refusal, then a count.
        for kind, examples, more in found.refused_groups():
            for refused in examples:
                print(f"{PROG}: {file}: row {refused.row}: {refused.reason}", file=sys.stderr)
            if more:
                print(
                    f"{PROG}: {file}: and {more:,} more row{'s' * (more != 1)} like these "
                    f"({kind.label})",
                    file=sys.stderr,
                )
        if found.refused_count:
            count = found.refused_count
            raise CliError(
                f"{file}: {count:,} row{'s' * (count != 1)} refused; nothing was imported",
                "Fix or remove those rows and import the file again.",
            )
        entries = found.entries
        stored = (
            service.weights(min(e.day for e in entries), max(e.day for e in entries))
            if (entries)
            else []
        )
        plan = plan_weigh_ins(entries, stored, today=today(args))
        if plan.replacing and not args.replace:
            shown = "; ".join(
                "{}: {} logged, {} in the file".format(
                    new.day.isoformat(), *format_weights_apart(old.kg, new.kg, units)
                )
                for old, new in plan.replacing[:5]
            )
            others = f" and {len(plan.replacing) - 5:,} more" if len(plan.replacing) > 5 else ""
            raise CliError(
                f"{file}: {_days(len(plan.replacing))} already "
                f"{'has' if len(plan.replacing) == 1 else 'have'} a different weigh-in "
                f"({shown}{others}); nothing was imported",
                "Add --replace to replace them with the file's weigh-ins.",
            )
        service.import_weights(entries, replace=args.replace)
    print(
        f"{file}: {len(plan.new):,} added, {len(plan.replacing):,} replaced, "
        f"{len(plan.unchanged):,} already there"
    )
    return EXIT_OK


def _days(count: int) -> str:
    """``1 day``, ``2,345 days``."""
    return f"{count:,} day" if count == 1 else f"{count:,} days"
