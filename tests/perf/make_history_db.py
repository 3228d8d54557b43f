"""Build (or reuse) the long demo history database the benchmarks run against.

Usage::

    python tests/perf/make_history_db.py [PATH] [--years 10] [--today 2026-11-18] [--seed 2026]
                                         [--activities N] [--rebuild]

Without PATH the database is cached in ``tests/perf/.cache/`` under a name that carries the
years, "today", the seed and a fingerprint of the demo generator and the migrations, so a
change to any of them builds a fresh one. The database is made by the CLI's own code
(``legwork demo``), into a temporary file that replaces the target only when complete.

With ``--activities N`` the N latest done training sessions of the history were recorded by a
watch: they are stored as planned, then N recorded activities (1 Hz tracks as long as the
session) are imported through the service, which links each to its session and marks it done,
as an import in the app does.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from planner import cli  # noqa: E402

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
#: "Today" of the benchmark history: fixed, so every run measures the same data.
TODAY = date(2026, 11, 18)
YEARS = 10
SEED = 2026


def fingerprint() -> str:
    """A short hash of what decides the database's content: the generator and the schema."""
    digest = hashlib.sha256()
    sources = [REPO / "planner" / "core" / "demo.py", Path(__file__).resolve()]
    sources.append(REPO / "tests" / "helpers" / "activities.py")  # the recorded activities
    sources += sorted((REPO / "planner" / "storage" / "migrations").rglob("*.py"))
    for source in sources:
        if source.is_file():
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


def cached_path(
    *, years: int = YEARS, today: date = TODAY, seed: int = SEED, activities: int = 0
) -> Path:
    """Where the cached database for these arguments lives."""
    recorded = f"-a{activities}" if activities else ""
    name = f"history-{years}y-{today.isoformat()}-s{seed}{recorded}-{fingerprint()}.sqlite3"
    return CACHE_DIR / name


def history_db(
    path: Path | None = None,
    *,
    years: int = YEARS,
    today: date = TODAY,
    seed: int = SEED,
    activities: int = 0,
    rebuild: bool = False,
    quiet: bool = False,
) -> Path:
    """The path of a demo history database, built unless it already exists.

    Args:
        path: where it goes (default: the cache, see :func:`cached_path`).
        years: how many years of history.
        today: the history's "today" (later days are planned, earlier ones done).
        seed: the generator's seed.
        activities: how many of the latest done sessions have a recorded activity.
        rebuild: build it again even when it exists.
        quiet: print nothing.

    Raises:
        RuntimeError: ``legwork demo`` failed (its message went to stderr).
    """
    target = (
        path
        if path is not None
        else cached_path(years=years, today=today, seed=seed, activities=activities)
    )
    if target.exists() and not rebuild:
        if not quiet:
            print(f"reusing {target}")
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".building-") as scratch:
        partial = Path(scratch) / target.name
        saved = {k: os.environ.get(k) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME")}
        os.environ["XDG_DATA_HOME"] = str(Path(scratch) / "data")  # backups stay in scratch
        os.environ["XDG_CONFIG_HOME"] = str(Path(scratch) / "config")
        try:
            argv = ["demo", "--db", str(partial), "--years", str(years)]
            argv += ["--today", today.isoformat(), "--seed", str(seed)]
            report = io.StringIO()
            with contextlib.redirect_stdout(report):
                code = cli.main(argv)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        if code != 0:
            raise RuntimeError(f"legwork demo failed with exit code {code}")
        if activities:
            linked = add_recorded_activities(partial, activities, today=today)
            print(f"and {linked} recorded activities", file=report)
        for suffix in ("-wal", "-shm"):
            stale = target.with_name(target.name + suffix)
            stale.unlink(missing_ok=True)
        os.replace(partial, target)
    if path is None:  # drop databases cached for an older generator or schema
        for stale in CACHE_DIR.glob("history-*.sqlite3*"):
            if not stale.name.endswith(f"-{fingerprint()}.sqlite3"):
                stale.unlink(missing_ok=True)
    if not quiet:
        made = report.getvalue().strip().replace(str(partial), str(target))
        print(f"built {made} ({target.stat().st_size / 2**20:.1f} MiB)")
    return target


def add_recorded_activities(path: Path, count: int, *, today: date) -> int:
    """Record the ``count`` latest done training sessions of the plan at ``path``.

    Each session is made planned again, then an activity recorded on its day, of its kind and
    length, is imported, all in one import as the app makes it: the import links each to its
    session, which is done again with the recorded time and distance. When the plan has
    fewer sessions than ``count``, the rest are evening walks, one a day back from today,
    which the import adds as new done sessions. Returns how many activities were stored.
    """
    from tests.helpers.activities import recorded_run

    from planner.core.model import Kind, Status
    from planner.core.service import PlanService
    from planner.storage.db import open_database

    sports = {"run": "running", "cross": "cycling", "hiit": "training", "strength": "training"}
    with open_database(path) as database:
        service = PlanService(database.repository, today=lambda: today)
        done = [
            w
            for w in service.workouts(date.min, today)
            if w.is_done and w.is_training_session and w.duration_min
        ][-count:]
        for workout in done:
            service.edit(
                workout.replace(
                    status=Status.PLANNED,
                    actual_duration_min=None,
                    actual_distance_km=None,
                    actual_rpe=None,
                )
            )
        recorded = [
            recorded_run(
                w.day,
                seconds=int((w.duration_min or 30) * 60),
                hour=6 + w.position,
                seed=n,
                kind=w.kind,
                sport=sports[w.kind.value],
            )
            for n, w in enumerate(done)
        ]
        # A history holds fewer sessions than a watch records: the rest are walks the plan
        # never had, one a day back from today, which the import adds as new sessions.
        extra = count - len(recorded)
        recorded += [
            recorded_run(
                today - timedelta(days=1 + n),
                seconds=1800,
                hour=18,
                seed=len(done) + n,
                kind=Kind.CROSS,
                sport="walking",
            )
            for n in range(max(0, extra))
        ]
        result = service.import_activities(recorded)
        return len(result.linked) + len(result.new)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, help="where to put it (default: cache)")
    parser.add_argument("--years", type=int, default=YEARS)
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--activities", type=int, default=0, help="latest done sessions with a recorded activity"
    )
    parser.add_argument("--rebuild", action="store_true", help="build even if it exists")
    args = parser.parse_args(argv)
    try:
        history_db(
            args.path,
            years=args.years,
            today=args.today,
            seed=args.seed,
            activities=args.activities,
            rebuild=args.rebuild,
        )
    except RuntimeError as exc:
        print(f"make_history_db: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
