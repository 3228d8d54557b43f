"""``legwork import-activities``: FIT, GPX and TCX activities matched to the plan, one write.

Files, folders and ZIP archives are read in memory (:mod:`planner.interchange.activities`);
each file that gives no activity is refused with its reason while the others import. The
activities the plan does not hold yet are added in one transaction, linked to the planned
workouts of their day and kind or made into new done workouts; ``--dry-run`` writes nothing.
The report (text, or JSON with ``imported``, ``linked``, ``new``, ``duplicates`` and
``refused``) is the same either way.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from planner.cli.common import EXIT_FAILURE, EXIT_OK, db_path, require_plan_file, today
from planner.core.service import PlanService


def run(args: argparse.Namespace) -> int:
    """Import the activities under ``args.paths`` into ``--db``; exit 1 when a file was refused."""
    from planner.interchange.activities.reading import read_activities
    from planner.storage.db import open_database

    db = db_path(args)
    require_plan_file(db)
    paths: list[Path] = args.paths
    read = read_activities(paths, today=today(args))
    with open_database(db) as database:
        service = PlanService(database.repository, today=lambda: today(args))
        result = service.import_activities(read.activities, dry_run=args.dry_run)
    report: dict[str, Any] = {
        "imported": result.imported,
        "linked": len(result.linked),
        "new": len(result.new),
        "duplicates": [{"file": d.file, "of": d.of} for d in read.duplicates]
        + [{"file": a.source, "of": s.activity.source} for a, s in result.duplicates],
        "refused": [{"file": r.file, "reason": r.reason} for r in read.refused],
    }
    if args.format == "json":
        print(json.dumps(report, indent=2))
    else:
        print(_text(report, dry_run=args.dry_run))
    return EXIT_FAILURE if report["refused"] else EXIT_OK


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'s' * (count != 1)}"


def _text(report: dict[str, Any], *, dry_run: bool) -> str:
    """The report as lines for people."""
    verb = "would be imported" if dry_run else "imported"
    count = report["imported"]
    activities = "1 activity" if count == 1 else f"{count:,} activities"
    lines = [
        f"{activities} {verb}: {report['linked']:,} linked to planned workouts, "
        f"{_plural(report['new'], 'new workout')}"
    ]
    duplicates = report["duplicates"]
    if duplicates:
        lines.append(f"{_plural(len(duplicates), 'duplicate')} skipped (already there):")
        lines += [f"  {d['file']} (the same as {d['of']})" for d in duplicates]
    refused = report["refused"]
    if refused:
        lines.append(f"{_plural(len(refused), 'file')} refused:")
        lines += [f"  {r['file']}: {r['reason']}" for r in refused]
    if dry_run:
        lines.append("Dry run: nothing was written.")
    return "\n".join(lines)
