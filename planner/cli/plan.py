"""``legwork plan``: generate a training plan, check it with the rules, add it as one write.

The current weekly distance and longest run default to the last four weeks of the plan
file's history and must be given when it has none. Where the plan's range already holds
planned workouts, ``--replace`` (delete them; done and skipped ones always stay) or
``--keep`` (keep both) must say what to do. ``--dry-run`` prints the plan, week by week (or
its workouts as ``export`` writes them, with ``--format json``), and writes nothing.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date, timedelta

from planner.cli.common import (
    EXIT_OK,
    CliError,
    db_path,
    open_readonly_repository,
    require_plan_file,
    today,
)
from planner.core.formatting import format_day, format_distance
from planner.core.generator import (
    GeneratedPlan,
    Goal,
    PlanRequest,
    default_experience,
    default_start,
    defaults_from_history,
    generate_plan,
    history_span,
    plan_findings,
)
from planner.core.model import Finding, Severity, Status, Workout
from planner.core.service import PlanService
from planner.core.settings import Units


def run(args: argparse.Namespace) -> int:
    """Generate the plan of ``args``; add it to ``--db`` unless ``--dry-run``."""
    db = db_path(args)
    if args.dry_run:
        with open_readonly_repository(db) as repository:
            return _run(args, PlanService(repository))
    from planner.storage.db import open_database

    require_plan_file(db)
    with open_database(db) as database:
        return _run(args, PlanService(database.repository, today=lambda: today(args)))


def _run(args: argparse.Namespace, service: PlanService) -> int:
    settings = service.settings()
    start: date = args.start or default_start(today(args), settings.first_weekday)
    before = service.workouts(*history_span(start))
    request = _request(args, start, before)
    request.validate()
    reach = request.race_day or start + timedelta(weeks=(request.weeks or 0) + 1)
    in_range = service.workouts(start, reach)
    # laid out and checked as it would be added: beside the planned ones only with --keep
    staying = [w for w in in_range if args.keep or w.status is not Status.PLANNED]
    plan = generate_plan(request, [*before, *staying], first_weekday=settings.first_weekday)
    planned = [w for w in in_range if w.status is Status.PLANNED and w.day <= plan.last_day]
    if planned and not (args.replace or args.keep or args.dry_run):
        raise CliError(
            f"{format_day(plan.first_day, year=True)} to {format_day(plan.last_day, year=True)} "
            f"already holds {_count(len(planned), 'planned workout')}",
            "Add --replace to delete them (done and skipped workouts always stay) or --keep "
            "to keep them beside the plan.",
        )
    findings = plan_findings(plan, [*before, *staying], settings)
    if args.format == "json":
        from planner.interchange.workouts_json_csv import workouts_to_json

        print(workouts_to_json(plan.workouts), end="")
    else:
        print(_table(plan, settings.units))
        print(_findings_text(findings))
    if args.dry_run:
        if args.format == "text":
            if planned and not (args.replace or args.keep):
                print(
                    f"The plan's range holds {_count(len(planned), 'planned workout')}: "
                    "adding the plan needs --replace or --keep."
                )
            print("Dry run: nothing was written.")
        return EXIT_OK
    service.add_training_plan(
        plan.workouts, replace_planned=args.replace, span=(plan.first_day, plan.last_day)
    )
    if args.format == "text":
        replaced = f", {_count(len(planned), 'planned workout')} replaced" if args.replace else ""
        print(f"Added {_count(len(plan.workouts), 'workout')}{replaced}.")
    return EXIT_OK


def _request(args: argparse.Namespace, start: date, history: Sequence[Workout]) -> PlanRequest:
    """The generator's request from the options, with the history's defaults."""
    current, longest = args.current_km, args.longest_km
    if current is None or longest is None:
        defaults = defaults_from_history(history, start)
        if defaults is None:
            raise CliError(
                f"the four weeks before {format_day(start, year=True)} hold no run to take "
                "your current weekly distance and longest run from",
                "Give them with --current-km KM and --longest-km KM.",
            )
        current = defaults[0] if current is None else current
        longest = defaults[1] if longest is None else longest
    days: frozenset[int] = args.days
    long_day = args.long_run_day
    if long_day is None:
        long_day = 6 if 6 in days else max(days, default=6)
    goal = Goal(args.goal)
    return PlanRequest(
        goal=goal,
        race_day=args.race_date,
        weeks=args.weeks,
        start=start,
        runs_per_week=args.runs,
        days=days,
        long_run_day=long_day,
        strength_per_week=args.strength,
        hiit_per_week=args.hiit,
        current_week_km=current,
        longest_run_km=longest,
        experience=default_experience(history, start),
    )


def _count(count: int, word: str) -> str:
    return f"{count:,} {word}{'s' * (count != 1)}"


def _table(plan: GeneratedPlan, units: Units) -> str:
    """The plan week by week: its phase, run distance, long run and sessions."""
    request = plan.request
    title = request.goal.label
    if request.race_day is not None:
        title += f" on {format_day(request.race_day, year=True)}"
    lines = [
        f"{title}: {len(plan.weeks)} weeks from {format_day(plan.first_day, year=True)}",
        "",
        f"{'Week of':<12}{'Phase':<11}{'Runs':>10}{'Long run':>10}{'Sessions':>10}",
    ]
    for week in plan.weeks:
        sessions = sum(1 for w in plan.workouts if week.start <= w.day <= week.end)
        long_run = format_distance(week.long_run_km, units) if week.long_run_km else "-"
        lines.append(
            f"{format_day(week.start):<12}{week.phase:<11}"
            f"{format_distance(week.run_km, units):>10}{long_run:>10}{sessions:>10}"
        )
    return "\n".join(lines)


def _findings_text(findings: Sequence[Finding]) -> str:
    """What the warning rules say of the plan: warnings in full, notes counted."""
    serious = [f for f in findings if f.severity >= Severity.WARNING]
    notes = len(findings) - len(serious)
    noted = f"; {_count(notes, 'note')} (info)" if notes else ""
    if not serious:
        return f"\nChecked by the warning rules: no warnings{noted}."
    lines = [f"\nChecked by the warning rules: {_count(len(serious), 'warning')}{noted}:"]
    lines += [
        f"  {f.severity.label.upper()} {format_day(f.days[-1])}: {f.message}" for f in serious
    ]
    return "\n".join(lines)
