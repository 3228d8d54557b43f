"""Week switch and drop while a 1,000-file activity import reads in the background.

Usage::

    python tests/perf/bench_import_responsiveness.py [--files 1000] [--switches 40]

Issue 16's goal: a week switch or a drop still takes at most 16 ms while the app imports a
watch's folder. The script writes ``--files`` GPX runs recorded at 1 Hz (20 minutes each,
on days spread over the 10-year history) into a temporary folder, opens the app's window on
a copy of the benchmark history (``make_history_db``), and times week switches and drops
(the same steps as ``bench.py``) first with nothing running, then while File ▸ Import
Activities reads the folder on its worker (whose decoding uses worker processes too). The
import is cancelled once the samples are taken, so nothing is written. Runs on Qt's
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
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import make_history_db  # noqa: E402

#: The per-frame budget a switch and a drop must keep, import or not.
GOAL_MS = 16.0


def gpx_second_by_second(start: datetime, seconds: int, seed: int) -> str:
    """A GPX run recorded every second, about 3 m/s, with a little GPS noise."""
    points = []
    for i in range(seconds + 1):
        lat = 52.5 + i * 0.000027 + ((i * 7919 + seed) % 13) * 1e-7
        moment = (start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        points.append(
            f'<trkpt lat="{lat:.7f}" lon="13.4"><ele>40</ele><time>{moment}</time></trkpt>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="bench" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>Run {seed}</name><type>running</type><trkseg>{''.join(points)}</trkseg>"
        "</trk></gpx>"
    )


def write_folder(folder: Path, files: int) -> None:
    """``files`` GPX runs, one every three days back from the history's "today"."""
    today = make_history_db.TODAY
    for n in range(files):
        day = today - timedelta(days=1 + 3 * n)
        start = datetime(day.year, day.month, day.day, 17, 30, tzinfo=UTC)
        (folder / f"run-{n:04d}.gpx").write_text(gpx_second_by_second(start, 1200, n))


def main(argv: list[str] | None = None) -> int:
    """Print the switch and drop times, idle and during the import, against the goal."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--switches", type=int, default=40)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtWidgets import QApplication

    from planner.app import build_main_window

    with tempfile.TemporaryDirectory(prefix="legwork-bench-import-") as scratch:
        root = Path(scratch)
        os.environ["XDG_DATA_HOME"] = str(root / "data")
        os.environ["XDG_CONFIG_HOME"] = str(root / "config")
        db = root / "plan.sqlite3"
        shutil.copyfile(make_history_db.history_db(quiet=True), db)
        folder = root / "watch"
        folder.mkdir()
        began = time.perf_counter()
        write_folder(folder, args.files)
        print(f"wrote {args.files} GPX runs at 1 Hz in {time.perf_counter() - began:.1f} s")

        app = QApplication.instance() or QApplication([sys.argv[0]])
        today = make_history_db.TODAY
        window = build_main_window(db, today=today)
        window.resize(1600, 1000)
        window.show()
        for _ in range(50):
            app.processEvents()
            time.sleep(0.02)
        view, controller = window.week_view, window.controller
        easy = next(t for t in controller.templates() if t.name == "Easy run")

        def sample(
            switches: list[float], drops: list[float], cpus: list[float], keep_going: object
        ) -> None:
            window.show_week(today - timedelta(weeks=20))
            view.repaint()
            app.processEvents()
            for i in range(args.switches):
                if callable(keep_going) and not keep_going():
                    break
                start, cpu = time.perf_counter(), time.thread_time()
                (window.next_week if i % 2 == 0 else window.previous_week)()
                view.repaint()
                switches.append((time.perf_counter() - start) * 1000)
                cpus.append((time.thread_time() - cpu) * 1000)
                app.processEvents()
                day = today + timedelta(days=i % 7 - today.weekday())
                window.show_week(day)
                start = time.perf_counter()
                controller.add_from_template(easy.id, day)
                view.repaint()
                drops.append((time.perf_counter() - start) * 1000)
                controller.undo_stack.undo()
                app.processEvents()
                time.sleep(0.05)  # as a runner clicks: the worker gets the rest

        idle_switch: list[float] = []
        idle_drop: list[float] = []
        idle_cpu: list[float] = []
        sample(idle_switch, idle_drop, idle_cpu, None)

        importer = window.file_actions.activity_importer()
        importer.start([folder])
        deadline = time.monotonic() + 2.0  # the workers are up and reading
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        busy_switch: list[float] = []
        busy_drop: list[float] = []
        busy_cpu: list[float] = []
        sample(busy_switch, busy_drop, busy_cpu, lambda: importer.running)
        still_reading = importer.running
        importer.cancel()
        while importer.running:
            app.processEvents()
            time.sleep(0.01)
        window.close()
        app.processEvents()

    print(f"\n{'measure':44} {'median':>8} {'max':>8}  goal {GOAL_MS:.0f} ms")
    for name, values in (
        ("week switch + repaint, idle", idle_switch),
        ("drop to committed + repainted, idle", idle_drop),
        ("week switch + repaint, importing", busy_switch),
        ("drop to committed + repainted, importing", busy_drop),
        ("  of a switch, the GUI thread's CPU, idle", idle_cpu),
        ("  of a switch, the GUI thread's CPU, importing", busy_cpu),
    ):
        if values:
            print(f"{name:44} {statistics.median(values):7.1f}  {max(values):7.1f}")
    print(
        f"\n{len(busy_switch)} switches during the import"
        + ("" if still_reading else " (the import ended before the samples did)")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
