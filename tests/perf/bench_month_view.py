"""Benchmark the month view at 1920x1080 with six workouts a day: repaint and month switch.

Usage::

    python tests/perf/bench_month_view.py [--db PATH] [--samples 40]

Works on a copy of the 10-year history database (:mod:`make_history_db`), with its own data
and config folders, in which every day from September 2026 to February 2027 is filled up to
six workouts (runs, strength, HIIT, cross-training, in turn). The month view is the app's,
wired to the real window's controller and view state, shown on its own at 1920x1080 so that
every day shows all six chips. Timed in-process:

* **repaint**: a synchronous ``repaint()`` of the whole view (the data and layout are
  current: what a paint costs, as after a hover, a selection or the warnings' preview);
* **switch month**: Next or Previous Month, through the first repaint of the new month
  (reading its 42 days, their totals, the layout of 252 chips, the paint);
* **warnings after a switch**: the rules on the new grid (six weeks and the 90 days before),
  which run on the event loop's next turn, after that paint.

Issue 17's goals: a repaint and a month switch each at most 16 ms. Slow numbers never make it
fail: it is a script, not a test.

Measured on the 2-core development machine, shared with other work, Python 3.11, PySide6
6.11, offscreen, 30 samples::

    measurement                                    median       goal
    repaint at 1920x1080, 6 a day                  0.8 ms  <=   16 ms
    switch month (read, lay out, paint)           14.8 ms  <=   16 ms
    warnings of a new month (after its paint)     20.2 ms         —
    switch in the window, panel and charts too    50.0 ms         —

The first version painted everything at every paint: 45 ms a repaint, 71 ms a switch. The
last row is the whole window: the selected day moves into the new month, so the warnings
panel evaluates and shows its week and the charts mark it, as on a week switch.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TODAY = date(2026, 11, 18)
FIRST, LAST = date(2026, 9, 1), date(2027, 2, 28)
PER_DAY = 6
TARGET_MS = 16.0


def fill(path: Path) -> int:
    """Fill every day from :data:`FIRST` to :data:`LAST` up to six workouts; how many added."""
    from planner.core.model import Kind, Status, Workout
    from planner.storage.db import open_database

    kinds = (
        (Kind.RUN, "Easy run", 40.0, 7.0),
        (Kind.STRENGTH, "Squat jumps", 15.0, None),
        (Kind.HIIT, "Beginner sprints", 20.0, None),
        (Kind.CROSS, "Easy bike", 45.0, 15.0),
        (Kind.RUN, "Strides and drills after work", 25.0, 4.0),
        (Kind.STRENGTH, "Bodyweight circuit", 30.0, None),
    )
    added = []
    with open_database(path) as database:
        repo = database.repository
        day = FIRST
        while day <= LAST:
            have = len(repo.workouts_between(day, day))
            status = Status.DONE if day < TODAY else Status.PLANNED
            for n in range(have, PER_DAY):
                kind, title, minutes, km = kinds[n % len(kinds)]
                added.append(Workout(None, day, kind, title, n, minutes, km, 4, status=status))
            day += timedelta(days=1)
        repo.bulk_insert_workouts(added)
    return len(added)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def measure(db: Path, samples: int) -> list[tuple[str, float, float]]:
    """The rows ``(name, median ms, goal ms)`` on a filled copy of ``db``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="legwork-bench-month-") as scratch:
        root = Path(scratch)
        for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[key] = str(root / key.lower())
        copy = root / "history.sqlite3"
        shutil.copyfile(db, copy)
        added = fill(copy)
        print(f"(filled to {PER_DAY} workouts a day: {added} added)")
        return _measure(copy, samples)


def _measure(path: Path, samples: int) -> list[tuple[str, float, float]]:
    from PySide6.QtWidgets import QApplication

    from planner.app import build_main_window
    from planner.ui.month.view import MonthView
    from planner.ui.view_state import ViewState, fixed_clock

    app = QApplication.instance() or QApplication([])
    window = build_main_window(path, today=TODAY)
    window.show()
    app.processEvents()
    # The view's own state: what the window's panel, week and charts do when the selected
    # week changes is measured apart, below.
    state = ViewState(window.controller, clock=fixed_clock(TODAY))
    view = MonthView(window.controller, state)
    view.resize(1920, 1080)
    view.show()
    app.processEvents()
    view.repaint()
    app.processEvents()
    cell = view.grid.cell(TODAY)
    assert cell is not None and len(cell.chips) == PER_DAY, "not every chip shows at 1920x1080"

    repaints = []
    for _ in range(samples):
        start = time.perf_counter()
        view.repaint()
        repaints.append(time.perf_counter() - start)

    switches, warnings = [], []
    for index in range(samples):
        step = view.show_next_month if index % 4 < 2 else view.show_previous_month
        start = time.perf_counter()
        step()
        view.repaint()
        switches.append(time.perf_counter() - start)
        view._warnings.clear()  # as after an edit: nothing known
        start = time.perf_counter()
        view._evaluate_warnings()  # what the timer runs after the paint
        warnings.append(time.perf_counter() - start)
    view.close()

    # In the window: the month at the window's size; the selected day moves to the new
    # month, so the warnings panel, the (hidden) week and the charts follow its week.
    window.resize(1920, 1080)
    window.calendar.show_month()
    app.processEvents()
    in_window = []
    for index in range(samples):
        name = "next_week" if index % 4 < 2 else "previous_week"
        start = time.perf_counter()
        window.actions_table[name].trigger()
        window.repaint()
        in_window.append(time.perf_counter() - start)
        app.processEvents()
    window.close()
    app.processEvents()
    return [
        ("repaint at 1920x1080, 6 a day", median_ms(repaints), TARGET_MS),
        ("switch month (read, lay out, paint)", median_ms(switches), TARGET_MS),
        ("warnings of a new month (after its paint)", median_ms(warnings), float("nan")),
        ("switch in the window, panel and charts too", median_ms(in_window), float("nan")),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a history database (default: the cached demo)")
    parser.add_argument("--samples", type=int, default=40)
    args = parser.parse_args(argv)
    db = args.db
    if db is None:
        import make_history_db  # type: ignore[import-not-found]

        db = make_history_db.history_db()
    rows = measure(db, args.samples)
    width = max(len(name) for name, _, _ in rows)
    print(f"{'measurement':<{width}}  {'median':>9}  {'goal':>9}")
    for name, median, goal in rows:
        goal_text = f"<= {goal:4.0f} ms" if goal == goal else "       —"
        print(f"{name:<{width}}  {median:6.1f} ms  {goal_text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
