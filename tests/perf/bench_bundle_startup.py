"""The bundle's start-up against the same code started from a virtual environment.

Usage::

    bash packaging/build.sh                           # makes dist/legwork and build/bundle/venv
    python tests/perf/bench_bundle_startup.py [--runs 9] [--platform offscreen|xvfb]

Issue 19's goal: the PyInstaller bundle (``dist/legwork/legwork``) starts at most 1.1x as
slowly as the same code from a venv. The venv is the one ``packaging/build.sh`` built the
bundle from (``build/bundle/venv``): the same pinned packages and the same Legwork wheel,
started through its ``legwork`` script, so only the way of starting differs. Both open the
10-year benchmark history (``make_history_db``) and are timed from spawn to the week
painted, alternating launch by launch (who goes first changes every round) after a warm-up
each. A slow number never fails anything.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
for folder in (REPO, Path(__file__).resolve().parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import bench  # noqa: E402
import make_history_db  # noqa: E402

#: The bundle may start at most this many times as slowly as the venv.
RATIO_TARGET = 1.1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="launches of each (default 9)")
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "legwork" / "legwork")
    parser.add_argument(
        "--venv", type=Path, default=REPO / "build" / "bundle" / "venv", help="the build's venv"
    )
    parser.add_argument("--db", type=Path, help="history database to use (built if missing)")
    parser.add_argument("--platform", choices=("offscreen", "xvfb"), default="offscreen")
    args = parser.parse_args(argv)
    script = args.venv / "bin" / "legwork"
    for needed in (args.bundle, script):
        if not needed.exists():
            parser.error(f"{needed} is missing: run bash packaging/build.sh first")
    today = make_history_db.TODAY
    db = make_history_db.history_db(args.db, years=make_history_db.YEARS, today=today)
    rows = {
        "bundle": bench.Row("startup: bundle, spawn to populated paint", "ms"),
        "venv": bench.Row("startup: venv, spawn to populated paint", "ms"),
    }
    with (
        tempfile.TemporaryDirectory(prefix="legwork-bench-") as scratch_name,
        bench.display_for(args.platform, Path(scratch_name)) as (qt_env, where),
    ):
        scratch = Path(scratch_name)
        env = {**bench._isolated_env(scratch, bytecode_cache=False), **qt_env}
        commands = {}
        for who, program in (("bundle", args.bundle), ("venv", script)):
            plan = scratch / f"{who}.sqlite3"  # a copy each: the first start's backup is its own
            plan.write_bytes(db.read_bytes())
            commands[who] = [str(program), "--db", str(plan), "--today", today.isoformat()]
            bench.launch_once(commands[who], env, None)  # warm-up: caches, the first backup
        ratios = []
        for turn in range(args.runs):
            order = list(commands.items())
            if turn % 2:
                order.reverse()
            painted = {who: bench.launch_once(command, env, None) for who, command in order}
            for who, launch in painted.items():
                rows[who].samples.append(launch.painted_ms)
            ratios.append(painted["bundle"].painted_ms / painted["venv"].painted_ms)
    ratio = bench.Row("startup ratio bundle / venv", "x", target=RATIO_TARGET)
    ratio.summary = (
        statistics.median(ratios),
        min(rows["bundle"].samples) / min(rows["venv"].samples),
    )
    print(f"Bundle start-up, {args.runs} launches each on {where}; history {db.name}")
    bench.print_table([*rows.values(), ratio])
    return 0


if __name__ == "__main__":
    sys.exit(main())
