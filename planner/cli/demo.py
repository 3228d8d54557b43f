"""``legwork demo``: fill an empty plan with a realistic, seeded training history."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from planner.cli.common import EXIT_OK, CliError, db_path, open_readonly_repository, today
from planner.core.model import Status, Workout


def run(args: argparse.Namespace) -> int:
    """Write the history of ``--years`` ending ``--today`` into ``--db``; refuse a full plan."""
    db = db_path(args)
    last_day = today(args)
    refusal = (
        "demo only fills an empty database, and {db} already holds {count} workouts",
        "Give a new file with --db, e.g. --db demo.sqlite3.",
    )
    if db.exists() and db.stat().st_size > 0:
        with open_readonly_repository(db) as existing:
            count = existing.count_workouts()
        if count:
            raise CliError(refusal[0].format(db=db, count=count), refusal[1])

    from planner.core.demo import generate_history
    from planner.storage.db import open_database
    from planner.storage.demo_plan import write_demo_history

    history = generate_history(years=args.years, today=last_day, seed=args.seed)
    database = open_database(db)
    try:
        count = database.repository.count_workouts()
        if count:
            raise CliError(refusal[0].format(db=db, count=count), refusal[1])
        write_demo_history(database, history)
    finally:
        database.close()
    print(f"{db}: {describe_history(history.workouts, len(history.weights))}")
    return EXIT_OK


def describe_history(workouts: Sequence[Workout], weigh_ins: int) -> str:
    """One line saying what a demo history holds."""
    if not workouts:
        return f"made no workouts and {weigh_ins} weigh-ins"
    counts = {status: 0 for status in Status}
    for workout in workouts:
        counts[workout.status] += 1
    first = min(w.day for w in workouts)
    last = max(w.day for w in workouts)
    breakdown = ", ".join(f"{counts[s]} {s.value}" for s in Status)
    return (
        f"made {len(workouts)} workouts ({breakdown}) and {weigh_ins} weigh-ins, "
        f"{first.isoformat()} to {last.isoformat()}"
    )
