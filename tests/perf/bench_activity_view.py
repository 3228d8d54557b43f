"""Benchmark opening the activity view for a 3-hour run at 1 Hz (10,800 samples).

Usage::

    python tests/perf/bench_activity_view.py [--hours 3] [--runs 15] [--units km|mi]

The run is built directly (``tests/helpers/recorded_runs.py``: pace, heart rate with a gap,
hills, laps), not read from a FIT file: what is timed is the view, not the decoding. Each
run times, in this process, ``open_activity`` (series, splits, summary, plots, tables, the
dialog shown) until its plots have painted once, then closes the dialog untimed. One
untimed warm-up first (Qt's and pyqtgraph's first use). It prints each figure and the
median against the issue's goal of 100 ms. Runs on Qt's offscreen platform unless a
platform is set. Slow numbers never make it fail: it is a script, not a test.

Measured on the 2-core development machine, shared with other work, Python 3.11,
PySide6 6.11, pyqtgraph 0.14, 15 runs::

    platform              median ms   goal
    offscreen                    79    100
    xcb (Xvfb)                   88    100

The first version took 130 ms. What made it: no ``PlotItem`` (a view box and two axes
each, 6 ms less a plot), axes without SI-prefix labels, lines thinned to one peak pair a
pixel, and grid lines of its own rather than the axis's grid (which pyqtgraph paints
through a ``QPicture`` at about 7 ms a plot on every paint).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

TARGET_MS = 100.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=3.0)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--units", choices=("km", "mi"), default="km")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow
    from tests.helpers.recorded_runs import recorded_run

    from planner.core.settings import Units
    from planner.ui.activity import open_activity

    app = QApplication.instance() or QApplication([])
    window = QMainWindow()
    window.resize(1280, 860)
    window.show()
    app.processEvents()
    activity = recorded_run(args.hours)
    units = Units(args.units)

    class Painted(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    def once() -> float:
        painted = Painted()
        started = time.perf_counter()
        dialog = open_activity(activity, units, window)
        plots = dialog.view.plots
        assert plots is not None
        plots.viewport().installEventFilter(painted)
        while not painted.seen:
            app.processEvents()
        elapsed = time.perf_counter() - started
        dialog.close()
        app.processEvents()
        return elapsed * 1000.0

    samples = len(activity.track)
    print(f"activity view, {args.hours:g} h run, {samples} samples, units {units.value}")
    first = once()  # warm-up: Qt's and pyqtgraph's first use, not counted
    print(f"first open (untimed warm-up): {first:.0f} ms")
    figures = [once() for _ in range(args.runs)]
    print("runs (ms): " + ", ".join(f"{ms:.0f}" for ms in figures))
    median = statistics.median(figures)
    verdict = "within" if median <= TARGET_MS else "OVER"
    print(f"median open time: {median:.1f} ms ({verdict} the {TARGET_MS:.0f} ms goal)")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
