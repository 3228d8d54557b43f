"""Benchmark the training plan generator: a 24-week marathon plan on a 10-year history.

Usage::

    python tests/perf/bench_generator.py [--years 10] [--repeats 20]

Generates the demo history in memory (``planner.core.demo``, the same "today" and seed as
``make_history_db.py``), then times generating the plan (:func:`generate_plan`), checking it
with every rule over its range (:func:`plan_findings`), and both, the way ``legwork plan``
and the New Training Plan dialog do: issue 17's goal is at most 50 ms for both. It also
times the same with only the history the generator reads (the 118 days before the start).
It prints each measurement's median and minimum against its target and what the plan holds.
Slow numbers never make it fail: it is a script, not a test.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from tests.perf.bench_rules import _median_ms  # noqa: E402  (warm-up, no GC, median)

from planner.core.demo import generate_history  # noqa: E402
from planner.core.generator import (  # noqa: E402
    Experience,
    Goal,
    PlanRequest,
    default_start,
    defaults_from_history,
    generate_plan,
    plan_findings,
)
from planner.core.model import Severity, Workout  # noqa: E402

#: "Today" and seed of the benchmark history (as in make_history_db.py).
TODAY = date(2026, 11, 18)
SEED = 2026
YEARS = 10
#: Issue 17: generating and checking a 24-week marathon plan.
TARGET_MS = 50.0


def marathon_request(history: list[Workout]) -> PlanRequest:
    """A 24-week marathon plan from next week: 5 runs, HIIT once, strength twice, no Friday."""
    start = default_start(TODAY)
    current, longest = defaults_from_history(history, start) or (30.0, 12.0)
    return PlanRequest(
        goal=Goal.MARATHON,
        race_day=start + timedelta(weeks=24, days=-1),
        weeks=None,
        start=start,
        runs_per_week=5,
        days=frozenset({0, 1, 2, 3, 5, 6}),
        long_run_day=6,
        strength_per_week=2,
        hiit_per_week=1,
        current_week_km=current,
        longest_run_km=longest,
        experience=Experience.REGULAR,
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=YEARS, help="years of history")
    parser.add_argument("--repeats", type=int, default=20, help="timed runs of each")
    args = parser.parse_args(argv)
    demo = generate_history(years=args.years, today=TODAY, seed=SEED)
    request = marathon_request(list(demo.workouts))
    # what stays beside the plan: the history before it (Replace Planned drops the rest)
    history = [w for w in demo.workouts if w.day < request.start]
    recent = [w for w in history if w.day >= request.start - timedelta(days=118)]
    plan = generate_plan(request, history)
    findings = plan_findings(plan, history)
    serious = [f for f in findings if f.severity >= Severity.WARNING]
    print(
        f"history: {len(history)} workouts ({args.years} years, to {request.start}); plan: "
        f"{len(plan.workouts)} workouts in {len(plan.weeks)} weeks, peak "
        f"{max(w.run_km for w in plan.weeks):.1f} km a week, longest run "
        f"{max(w.long_run_km for w in plan.weeks):.1f} km; rules: {len(serious)} warnings, "
        f"{len(findings) - len(serious)} notes"
    )

    def both(workouts: list[Workout]) -> None:
        plan_findings(generate_plan(request, workouts), workouts)

    rows = [
        ("generate + check, the whole history passed", lambda: both(history), TARGET_MS),
        ("generate + check, its 118 days passed", lambda: both(recent), TARGET_MS),
        ("  generate_plan", lambda: generate_plan(request, history), TARGET_MS),
        ("  plan_findings (every rule, 24 weeks)", lambda: plan_findings(plan, history), TARGET_MS),
    ]
    width = max(len(name) for name, *_ in rows)
    print(f"{'measurement':<{width}}  {'median':>9}  {'min':>9}  {'target':>10}  meets")
    for name, call, target in rows:
        median, best = _median_ms([call], args.repeats)
        meets = "yes" if median <= target else "NO"
        print(f"{name:<{width}}  {median:>6.1f} ms  {best:>6.1f} ms  <= {target:>4g} ms  {meets}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
