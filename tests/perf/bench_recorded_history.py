"""What 5,000 recorded activities cost: the same plan with and without them, interleaved.

Usage::

    python tests/perf/bench_recorded_history.py [--activities 5000] [--runs 7] [--switches 40]

Issue 16's goal: with 5,000 linked activities in the 10-year demo, start-up, week switch and
the charts are no slower than without. The plan with recordings is the benchmark history
with ``--activities N`` (``make_history_db``: the latest sessions recorded by a watch, and
walks where the history has too few); the plan without is a copy of it with the activity
rows deleted, so both hold the same workouts, done the same way. Every measurement
alternates between the two (launch with, launch without, switch in one, switch in the
other...), whoever goes first changing every round, so a busy machine slows both alike
and the ratios stay fair. Runs on Qt's
offscreen platform unless a platform is set. A slow number never fails anything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[2]
for folder in (REPO, Path(__file__).resolve().parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import bench  # noqa: E402
import make_history_db  # noqa: E402

WITH, WITHOUT = "with recordings", "without"
T = TypeVar("T")


def alternating(items: dict[str, T], turn: int) -> list[tuple[str, T]]:
    """``items`` in order on even turns, reversed on odd ones: whoever goes second in a
    round (after the other's windows and garbage) is not always the same."""
    pairs = list(items.items())
    return pairs if turn % 2 == 0 else pairs[::-1]


def startup(dbs: dict[str, Path], scratch: Path, runs: int) -> dict[str, list[float]]:
    """Spawn to populated paint for each plan, launches alternating after a warm-up each."""
    env = {**bench._isolated_env(scratch), "QT_QPA_PLATFORM": "offscreen"}
    today = make_history_db.TODAY.isoformat()
    commands = {
        who: [sys.executable, "-m", "planner", "--db", str(db), "--today", today]
        for who, db in dbs.items()
    }
    for command in commands.values():
        bench.launch_once(command, env, None)
    times: dict[str, list[float]] = {who: [] for who in commands}
    for turn in range(runs):
        for who, command in alternating(commands, turn):
            times[who].append(bench.launch_once(command, env, None).painted_ms)
    return times


def in_window(dbs: dict[str, Path], switches: int) -> dict[str, dict[str, list[float]]]:
    """Week switch and drop in two windows, step by step alternating."""
    from PySide6.QtWidgets import QApplication

    from planner.app import build_main_window

    app = QApplication.instance() or QApplication([sys.argv[0]])
    today = make_history_db.TODAY
    windows = {who: build_main_window(db, today=today) for who, db in dbs.items()}
    for window in windows.values():
        window.resize(1600, 1000)
        window.show()
    deadline = time.monotonic() + 8  # the stores, the charts and the warnings are loaded
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    figures: dict[str, dict[str, list[float]]] = {
        who: {"week switch": [], "drop": []} for who in windows
    }

    def timed(who: str, what: str, step: Callable[[], None]) -> None:
        start = time.perf_counter()
        step()
        figures[who][what].append((time.perf_counter() - start) * 1000)
        app.processEvents()

    for window in windows.values():
        window.show_week(today - timedelta(weeks=switches // 2 + 1))
        window.week_view.repaint()
    for i in range(switches):
        for who, window in windows.items():
            step = window.next_week if i < switches // 2 else window.previous_week
            timed(who, "week switch", lambda w=window, s=step: (s(), w.week_view.repaint()))
    for i in range(switches):
        day = today + timedelta(days=i % 7 - today.weekday())
        for who, window in windows.items():
            controller = window.controller
            easy = next(t for t in controller.templates() if t.name == "Easy run")
            window.show_week(day)
            timed(
                who,
                "drop",
                lambda c=controller, t=easy.id, w=window, d=day: (
                    c.add_from_template(t, d),
                    w.week_view.repaint(),
                ),
            )
            controller.undo_stack.undo()
    for window in windows.values():
        window.close()
    app.processEvents()
    return figures


def charts(dbs: dict[str, Path], rounds: int) -> dict[str, dict[str, list[float]]]:
    """``bench_charts``' measures (refresh after an edit, range switches), rounds alternating."""
    import bench_charts

    figures: dict[str, dict[str, list[float]]] = {}
    for turn in range(rounds):
        for who, db in alternating(dbs, turn):
            for name, median, _target in bench_charts.measure(db):
                figures.setdefault(name, {}).setdefault(who, []).append(median)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Print each measure's medians with and without the recordings, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7, help="launches of each (default 7)")
    parser.add_argument("--switches", type=int, default=40)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    source = make_history_db.history_db(activities=args.activities, quiet=True)
    with tempfile.TemporaryDirectory(prefix="legwork-bench-recorded-") as name:
        scratch = Path(name)
        os.environ["XDG_DATA_HOME"] = str(scratch / "data")
        os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
        dbs = {WITH: scratch / "recorded.sqlite3", WITHOUT: scratch / "plain.sqlite3"}
        for db in dbs.values():
            shutil.copyfile(source, db)
        bench.forget_recordings(dbs[WITHOUT])
        launches = startup(dbs, scratch, args.runs)
        measured = in_window(dbs, args.switches)
        charted = charts(dbs, rounds=4)  # even: each plan goes first as often
    rows = {"start-up, spawn to populated paint": launches}
    rows |= {what: {who: measured[who][what] for who in dbs} for what in ("week switch", "drop")}
    rows |= charted
    print(f"\n{args.activities} recorded activities: the same plan with and without them")
    print(f"{'measure (median ms)':44} {WITH:>16} {WITHOUT:>10} {'ratio':>7}")
    for what, by_who in rows.items():
        ours, theirs = statistics.median(by_who[WITH]), statistics.median(by_who[WITHOUT])
        print(f"{what:44} {ours:16.1f} {theirs:10.1f} {ours / theirs:6.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
