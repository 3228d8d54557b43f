"""Benchmark the progress charts on a 10-year history: refresh after edits, range switches.

Usage::

    python tests/perf/bench_charts.py [--db PATH] [--samples 30]

As a module, :func:`measure` returns the rows for the benchmark table: ``(name, median ms,
target ms)``. It works on a copy of the database (the edits it makes are undone anyway),
with its own data and config folders, in a real main window with the charts built. Times
are in-process, from the moment the change is committed (``plan_changed`` emitted) to the
three charts redrawn and repainted (a synchronous repaint of each plot; the week view's own
repaint after the edit is done first, untimed); a range switch is ``set_range`` plus that
repaint. Slow numbers never make it fail.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

#: "Today" of the benchmark history (the one ``make_history_db.py`` builds).
TODAY = date(2026, 11, 18)
REFRESH_TARGET_MS = 50.0
RANGE_TARGET_MS = 30.0


@contextmanager
def _private_copy(db_path: Path) -> Iterator[Path]:
    """A copy of ``db_path`` with its own data, config and cache folders."""
    saved = {k: os.environ.get(k) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    with tempfile.TemporaryDirectory(prefix="legwork-bench-charts-") as scratch:
        root = Path(scratch)
        for key in saved:
            os.environ[key] = str(root / key.lower())
        copy = root / db_path.name
        shutil.copyfile(db_path, copy)
        try:
            yield copy
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


#: What the measurements read: wall time, or (``--cpu``) the CPU time of the GUI thread,
#: which other processes on a busy machine do not inflate.
_clock: Callable[[], float] = time.perf_counter


def _timed(action: Callable[[], object]) -> float:
    start = _clock()
    action()
    return (_clock() - start) * 1000


def measure(
    db_path: Path, *, samples: int = 30, cpu: bool = False
) -> list[tuple[str, float, float]]:
    """Measure the charts on the history in ``db_path``.

    Args:
        db_path: a history database (it is copied; the copy is measured).
        samples: how many times each measurement is taken.
        cpu: measure the GUI thread's CPU time instead of wall time.

    Returns:
        ``(name, median ms, target ms)`` rows: refresh after a workout edit, after a
        weigh-in, and a range switch (the median over all four ranges), each against its
        target; then, against the range target, the worst switch (to "All") and one frame of
        panning across the ten years.
    """
    global _clock
    _clock = time.thread_time if cpu else time.perf_counter
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    with _private_copy(Path(db_path)) as copy:
        return _measure(app, copy, samples)


def _measure(app: QApplication, db: Path, samples: int) -> list[tuple[str, float, float]]:
    from planner.app import build_main_window
    from planner.core.chart_ranges import DAY, ChartRange
    from planner.core.model import WeightEntry
    from planner.ui.charts.dock import ChartsDock

    window = build_main_window(db, today=TODAY)
    window.resize(1400, 900)
    dock = window.findChild(ChartsDock)
    if dock is None:  # a window that does not hold the charts yet: give it the dock
        from PySide6.QtCore import Qt

        dock = ChartsDock(window.controller, window.state, window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.show()
    app.processEvents()
    panel = dock.build()
    dock.show()
    app.processEvents()
    controller = window.controller
    charts = panel.charts()

    def repaint() -> None:
        for chart in charts:
            chart.plot_widget.viewport().repaint()

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    # -- refresh after a workout edit (mileage and load) -------------------------------------
    template = next(t for t in controller.templates() if t.name == "Easy run")
    assert template.id is not None
    workout_ms: list[float] = []
    for i in range(samples):
        day = TODAY + timedelta(days=i % 7 - 3)
        controller.add_from_template(template.id, day)
        window.week_view.repaint()  # the week's own repaint is not the charts' (untimed)
        workout_ms.append(_timed(lambda: (panel.flush(), repaint())))
        controller.undo_stack.undo()
        settle()

    # -- refresh after a weigh-in (weight) ---------------------------------------------------
    weight_ms: list[float] = []
    for i in range(samples):
        controller.save_weight(WeightEntry(TODAY - timedelta(days=400 + i), 70.0 + i / 10))
        window.week_view.repaint()
        weight_ms.append(_timed(lambda: (panel.flush(), repaint())))
        controller.undo_stack.undo()
        settle()

    # -- range switches ----------------------------------------------------------------------
    switch_ms: list[float] = []
    to_all_ms: list[float] = []
    ranges = list(ChartRange)
    for i in range(samples * 2):
        chosen = ranges[i % len(ranges)]
        elapsed = _timed(lambda chosen=chosen: (panel.set_range(chosen), repaint()))
        switch_ms.append(elapsed)
        if chosen is ChartRange.ALL:
            to_all_ms.append(elapsed)
        settle()

    # -- panning across ten years, one frame at a time ---------------------------------------
    panel.set_range(ChartRange.YEAR)
    settle()
    pan_ms: list[float] = []
    view = panel.mileage_chart.view_box
    for _ in range(samples):
        pan_ms.append(_timed(lambda: (view.translateBy(x=-30 * DAY), repaint())))
    window.close()
    settle()
    return [
        ("charts: refresh after a workout edit", statistics.median(workout_ms), REFRESH_TARGET_MS),
        ("charts: refresh after a weigh-in", statistics.median(weight_ms), REFRESH_TARGET_MS),
        ("charts: range switch (4 ranges)", statistics.median(switch_ms), RANGE_TARGET_MS),
        ("charts: range switch to All", statistics.median(to_all_ms), RANGE_TARGET_MS),
        ("charts: pan one frame, 1-year view", statistics.median(pan_ms), RANGE_TARGET_MS),
    ]


def main(argv: list[str] | None = None) -> int:
    """Print the chart rows as a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a history database (default: the cached demo)")
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument(
        "--cpu", action="store_true", help="time the GUI thread's CPU, not the wall clock"
    )
    args = parser.parse_args(argv)
    db = args.db
    if db is None:
        import make_history_db  # type: ignore[import-not-found]

        db = make_history_db.history_db()
    rows = measure(db, samples=args.samples, cpu=args.cpu)
    print(
        f"({'CPU time of the GUI thread' if args.cpu else 'wall time'}, median of "
        f"{args.samples} samples)"
    )
    width = max(len(name) for name, _, _ in rows)
    print(f"{'measurement':<{width}}  {'median':>9}  {'target':>9}  meets")
    for name, median, target in rows:
        meets = "yes" if median <= target else "NO"
        print(f"{name:<{width}}  {median:7.1f} ms  <= {target:4.0f} ms  {meets}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
