"""Benchmark the warning rules on a 10-year history: evaluate() for one week, and each rule.

Usage::

    python tests/perf/bench_rules.py [DB] [--years 10] [--weeks 26] [--repeats 40]

Without DB the history is generated in memory (``planner.core.demo``, the same "today" and seed
as ``make_history_db.py``); with DB it is read from that plan file (read-only). It prints each
measurement's median and minimum against its target. Slow numbers never make it fail: it is a
script, not a test, and it exits non-zero only when it could not measure at all.

Importable: :func:`measure` returns ``(name, median ms, target ms)`` rows.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from planner.core.demo import generate_history  # noqa: E402
from planner.core.load import fitness_fatigue  # noqa: E402
from planner.core.model import WeightEntry, Workout  # noqa: E402
from planner.core.rules import RULES, build_context, evaluate, history_span  # noqa: E402
from planner.core.weeks import week_start  # noqa: E402

#: "Today" and seed of the benchmark history (as in make_history_db.py).
TODAY = date(2026, 11, 18)
SEED = 2026
YEARS = 10

#: evaluate() for one week with what the panel loads for it (90 days before, 90 after).
EVALUATE_TARGET_MS = 2.0
#: RULES.md: "well under a millisecond per rule".
RULE_TARGET_MS = 1.0
#: The load chart's fitness and fatigue over the whole history: well within one frame.
CHART_TARGET_MS = 16.0

Row = tuple[str, float, float]


def _weeks(workouts: Sequence[Workout], count: int) -> list[date]:
    """``count`` Mondays spread over the history (after its first 13 weeks), and today's week."""
    first = week_start(min(w.day for w in workouts)) + timedelta(weeks=13)
    last = week_start(
        TODAY if any(w.day >= TODAY for w in workouts) else max(w.day for w in workouts)
    )
    span = (last - first).days // 7
    step = max(span // max(count - 1, 1), 1)
    mondays = [first + timedelta(weeks=i * step) for i in range(count - 1)]
    return sorted({*(m for m in mondays if m <= last), last})


def _median_ms(calls: Sequence[Callable[[], object]], repeats: int) -> tuple[float, float]:
    """Median and minimum time of one call, over ``repeats`` rounds of every call."""
    for call in calls:  # warm up
        call()
    samples = []
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            for call in calls:
                begin = time.perf_counter()
                call()
                samples.append((time.perf_counter() - begin) * 1000)
    finally:
        if gc_was_enabled:
            gc.enable()
    return statistics.median(samples), min(samples)


def measure_rows(
    workouts: Sequence[Workout],
    weights: Sequence[WeightEntry] = (),
    *,
    weeks: int = 26,
    repeats: int = 40,
) -> list[tuple[str, float, float, float]]:
    """Every measurement as ``(name, median ms, minimum ms, target ms)``."""
    mondays = _weeks(workouts, weeks)
    by_span = []
    for monday in mondays:
        end = monday + timedelta(days=6)
        first, last = history_span(monday, end)
        window = [w for w in workouts if first <= w.day <= last]
        weighed = [e for e in weights if first <= e.day <= last]
        by_span.append((monday, end, window, weighed))

    first_day = min(w.day for w in workouts)
    last_day = max(w.day for w in workouts)
    rows: list[tuple[str, float, float, float]] = []

    def add(name: str, calls: Sequence[Callable[[], object]], target: float, n: int) -> None:
        median, best = _median_ms(calls, n)
        rows.append((name, median, best, target))

    add(
        "evaluate: one week, its 90-day history passed",
        [partial(evaluate, w, start=m, end=e, weights=x) for m, e, w, x in by_span],
        EVALUATE_TARGET_MS,
        repeats,
    )
    add(
        "evaluate: one week, the whole history passed",
        [partial(evaluate, workouts, start=m, end=e, weights=weights) for m, e, _, _ in by_span],
        EVALUATE_TARGET_MS,
        max(repeats // 4, 3),
    )
    add(
        "  preparing the context (one pass, daily loads)",
        [partial(build_context, w, start=m, end=e, weights=x) for m, e, w, x in by_span],
        RULE_TARGET_MS,
        repeats,
    )
    contexts = [build_context(w, start=m, end=e, weights=x) for m, e, w, x in by_span]
    for rule_id, rule in RULES.items():
        add(
            f"  rule {rule_id}",
            [partial(rule, c) for c in contexts],
            RULE_TARGET_MS,
            repeats,
        )
    add(
        "fitness_fatigue: the whole history (load chart)",
        [partial(fitness_fatigue, workouts, first_day, last_day)],
        CHART_TARGET_MS,
        max(repeats // 4, 5),
    )
    return rows


def measure(
    workouts: Sequence[Workout],
    weights: Sequence[WeightEntry] = (),
    *,
    weeks: int = 26,
    repeats: int = 40,
) -> list[Row]:
    """Each measurement as ``(name, median ms, target ms)`` (see :func:`measure_rows`)."""
    return [
        (name, median, target)
        for name, median, _, target in measure_rows(workouts, weights, weeks=weeks, repeats=repeats)
    ]


def load_history(db: Path | None, years: int) -> tuple[list[Workout], list[WeightEntry]]:
    """The history: read from the plan file ``db``, or generated in memory."""
    if db is None:
        history = generate_history(years=years, today=TODAY, seed=SEED)
        return list(history.workouts), list(history.weights)
    from planner.storage.db import make_engine  # only when a file is given
    from planner.storage.repository import SqlPlanRepository

    engine = make_engine(db, read_only=True)
    try:
        repository = SqlPlanRepository(engine)
        span = (date(1, 1, 1), date(9999, 12, 31))
        return repository.workouts_between(*span), repository.weights_between(*span)
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", nargs="?", type=Path, help="a plan file (default: generate one)")
    parser.add_argument("--years", type=int, default=YEARS, help="years to generate")
    parser.add_argument("--weeks", type=int, default=26, help="weeks of the history to evaluate")
    parser.add_argument("--repeats", type=int, default=40, help="rounds over those weeks")
    args = parser.parse_args(argv)
    if args.db is not None and not args.db.is_file():
        print(f"bench_rules: {args.db} is not a file", file=sys.stderr)
        return 1
    workouts, weights = load_history(args.db, args.years)
    if not workouts:
        print("bench_rules: the history has no workouts", file=sys.stderr)
        return 1
    source = str(args.db) if args.db else f"generated, {args.years} years"
    print(f"history: {len(workouts)} workouts, {len(weights)} weigh-ins ({source})")
    rows = measure_rows(workouts, weights, weeks=args.weeks, repeats=args.repeats)
    width = max(len(name) for name, *_ in rows)
    print(f"{'measurement':<{width}}  {'median':>9}  {'min':>9}  {'target':>10}  meets")
    for name, median, best, target in rows:
        meets = "yes" if median <= target else "NO"
        print(f"{name:<{width}}  {median:>6.3f} ms  {best:>6.3f} ms  <= {target:>4g} ms  {meets}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
