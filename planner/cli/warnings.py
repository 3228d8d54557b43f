"""``legwork warnings``: a week's findings as the warnings panel shows them, or as JSON."""

from __future__ import annotations

import argparse
import json

from planner.cli.common import EXIT_OK, chosen_week, db_path, open_readonly_repository, today
from planner.core.model import Finding
from planner.core.service import PlanService


def run(args: argparse.Namespace) -> int:
    """Print the findings of ``WEEK`` (default: this week), most severe first, read-only.

    The text ends with a line for each heavy-legs report of the week, pointing at
    ``legwork heavy-legs DAY``; JSON holds the findings only.
    """
    from planner.core.finding_text import day_text, days_text
    from planner.core.heavy_legs import heavy_legs_days

    db = db_path(args)
    with open_readonly_repository(db) as repository:
        service = PlanService(repository)
        settings = service.settings()
        week = chosen_week(args.week, today(args), settings.first_weekday)
        findings = service.findings(week, settings=settings)
        reports = heavy_legs_days(service.week(week))
    if args.format == "json":
        print(json.dumps([finding_to_dict(f) for f in findings], indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"Week {week.label()} ({week.start.isoformat()} to {week.end.isoformat()})")
    if not findings:
        print("No warnings this week.")
    for finding in findings:
        days = days_text(finding.days)  # as the panel writes them: Mon 9 Nov
        print(f"{finding.severity.label.upper():8}  {days}")
        print(f"          {finding.message}")
        if finding.source:
            print(f"          Source: {finding.source}")
    for day in reports:
        print(
            f"Heavy legs reported on {day_text(day)}: "
            f"run `legwork heavy-legs {day.isoformat()}` for why."
        )
    return EXIT_OK


def finding_to_dict(finding: Finding) -> dict[str, object]:
    """A finding as JSON-ready data with the :class:`Finding` field names, days ISO."""
    return {
        "rule_id": finding.rule_id,
        "severity": finding.severity.label,
        "days": [day.isoformat() for day in finding.days],
        "message": finding.message,
        "source": finding.source,
    }
