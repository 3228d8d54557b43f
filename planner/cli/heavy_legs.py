"""``legwork heavy-legs``: why the legs may have felt heavy on a reported day, read-only.

The explanation is :func:`planner.core.heavy_legs.explain_heavy_legs`'s: the causes the plan
supports, each with its evidence and advice, then the questions the plan cannot answer. JSON
lists the supported causes only, as ``{"cause", "evidence", "advice"}``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date
from typing import Final

from planner.cli.common import EXIT_OK, CliError, db_path, open_readonly_repository
from planner.core.formatting import format_day
from planner.core.heavy_legs import Explanation, explain_report, heavy_legs_days
from planner.core.model import FIRST_PLAN_DAY, LAST_PLAN_DAY
from planner.core.service import PlanService

#: How many report days an error about a day without one lists (the latest first).
SHOWN_REPORTS: Final = 5
_TICK_HINT = 'Tick "Legs felt heavy" when you mark a workout done (Mark Done or its editor).'


def run(args: argparse.Namespace) -> int:
    """Print the explanation for ``DAY`` (default: the latest report), as text or JSON."""
    day: date | None = args.day
    with open_readonly_repository(db_path(args)) as repository:
        service = PlanService(repository)
        reports = heavy_legs_days(service.workouts(FIRST_PLAN_DAY, LAST_PLAN_DAY))
        day = _chosen_day(day, reports)
        explanation = explain_report(day, service.settings(), service.workouts, service.weights)
    if args.format == "json":
        causes = [
            {"cause": c.cause, "evidence": c.evidence, "advice": c.advice}
            for c in explanation.causes
        ]
        print(json.dumps(causes, indent=2, ensure_ascii=False))
    else:
        print(explanation_text(explanation))
    return EXIT_OK


def _chosen_day(day: date | None, reports: Sequence[date]) -> date:
    """``day``, or the latest report without one; refuse a day without a report."""
    if not reports:
        raise CliError("no heavy legs reported in this plan: nothing to explain", _TICK_HINT)
    if day is None:
        return reports[-1]
    if day not in reports:
        latest = ", ".join(d.isoformat() for d in reversed(reports[-SHOWN_REPORTS:]))
        more = (
            f" (the latest {SHOWN_REPORTS} of {len(reports)})"
            if len(reports) > SHOWN_REPORTS
            else ""
        )
        raise CliError(
            f"no heavy legs reported on {day.isoformat()}",
            f"Heavy legs were reported on {latest}{more}.",
        )
    return day


def explanation_text(explanation: Explanation) -> str:
    """The explanation as the command prints it: each cause, then the questions."""
    lines = [f"Heavy legs on {format_day(explanation.day, year=True)}", ""]
    if not explanation.causes:
        lines += ["Your plan shows none of the causes it can check.", ""]
    for cause in explanation.causes:
        lines += [cause.title, f"  {cause.evidence}.", f"  What to do: {cause.advice}", ""]
    lines.append("Questions the plan cannot answer:")
    lines += [f"  - {question}" for question in explanation.questions]
    return "\n".join(lines)
