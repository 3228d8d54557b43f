"""Benchmark Legwork on a 10-year history: startup, memory, week switch, drop, a week's query.

Usage::

    python tests/perf/bench.py [--runs 7] [--switches 50] [--drops 50] [--years 10] [--db PATH]

It builds (or reuses) the demo history database (``make_history_db.py``), works on a copy
of it with its own data and config folders (the user's are never touched), and prints a
table with each measurement's median, minimum, target and whether the median meets it.
Slow numbers never make it fail: it exits non-zero only when a measurement could not be
made at all (the app crashed, never painted, or is missing).
"""

from __future__ import annotations

import argparse
import os
import platform
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_history_db  # type: ignore[import-not-found]  # noqa: E402

PROFILE_PREFIX = "legwork-startup:"
STARTUP_TIMEOUT_S = 60.0


@dataclass
class Row:
    """One line of the results table.

    Attributes:
        name: what was measured.
        unit: ``ms`` or ``MiB``.
        samples: the measured values.
        target: the largest acceptable median (``None``: no target, informational).
        note: why there are no samples, or a remark.
    """

    name: str
    unit: str
    samples: list[float] = field(default_factory=list)
    target: float | None = None
    note: str = ""

    def cells(self) -> list[str]:
        """The row's table cells."""
        if not self.samples:
            target = f"<= {self.target:g} {self.unit}" if self.target is not None else "-"
            return [self.name, "-", "-", target, self.note or "not measured"]
        median = statistics.median(self.samples)
        best = min(self.samples)
        if self.target is None:
            target, meets = "-", "-"
        else:
            target = f"<= {self.target:g} {self.unit}"
            meets = "yes" if median <= self.target else "NO"
        return [
            self.name,
            f"{median:.1f} {self.unit}",
            f"{best:.1f} {self.unit}",
            target,
            meets + (f" ({self.note})" if self.note else ""),
        ]


class MeasurementError(RuntimeError):
    """A measurement could not be made (not: it was slow)."""


# -- startup (separate processes) -----------------------------------------------------------
def launch_once(db: Path, today: date, env: dict[str, str]) -> tuple[float, float]:
    """Start the app once; wall time (ms) from spawn to the profile line, and RSS (MiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "planner", "--db", str(db), "--today", today.isoformat()],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    deadline = start + STARTUP_TIMEOUT_S
    try:
        while True:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                raise MeasurementError(
                    f"no '{PROFILE_PREFIX}' line within {STARTUP_TIMEOUT_S:g} s"
                ) from None
            if line is None:
                process.wait()
                tail = "".join(seen[-5:]).strip()
                raise MeasurementError(
                    f"the app exited with code {process.returncode} before painting: {tail}"
                )
            if line.startswith(PROFILE_PREFIX):
                elapsed_ms = (time.perf_counter() - start) * 1000
                rss_kib = _rss_kib(line)
                break
            seen.append(line)
        try:
            code = process.wait(timeout=STARTUP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise MeasurementError("the app did not quit after painting") from None
        if code != 0:
            raise MeasurementError(f"the app exited with code {code} after painting")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return elapsed_ms, rss_kib / 1024


def _rss_kib(line: str) -> float:
    for part in line[len(PROFILE_PREFIX) :].split():
        key, _, value = part.partition("=")
        if key == "rss_kib":
            return float(value)
    raise MeasurementError(f"no rss_kib in {line.strip()!r}")


def measure_startup(db: Path, today: date, env: dict[str, str], runs: int) -> tuple[Row, Row]:
    """Launch the app ``runs`` times (after one untimed warm-up launch)."""
    startup = Row("startup to populated paint", "ms", target=500)
    memory = Row("RSS after start", "MiB", target=150)
    if not _has_app():
        startup.note = memory.note = "planner.app is missing"
        return startup, memory
    launch_once(db, today, env)  # warm-up: disk caches, first-run work (backups, settings)
    for _ in range(runs):
        elapsed_ms, rss_mib = launch_once(db, today, env)
        startup.samples.append(elapsed_ms)
        memory.samples.append(rss_mib)
    return startup, memory


def _has_app() -> bool:
    import importlib.util

    return importlib.util.find_spec("planner.app") is not None


# -- in-process measurements -----------------------------------------------------------------
def in_process_rows() -> list[Row]:
    """The rows :func:`measure_in_process` fills: switch, switch + events, drop, query."""
    return [
        Row("week switch + repaint", "ms", target=16),
        Row("week switch + repaint + queued events", "ms"),
        Row("drop to committed + repainted", "ms", target=16),
        Row("repository: one week's workouts", "ms"),
    ]


def measure_in_process(db: Path, today: date, switches: int, drops: int, rows: list[Row]) -> None:
    """Week switches and drops in a real main window, plus one week's repository query.

    Fills ``rows`` (from :func:`in_process_rows`) as it goes, so a failure keeps what was
    measured before it.
    """
    switch, switch_events, drop, query = rows
    from planner.cli import open_readonly_repository

    with open_readonly_repository(db) as repository:
        week_start = today - timedelta(days=today.weekday())
        for _ in range(200):
            start = time.perf_counter()
            repository.workouts_between(week_start, week_start + timedelta(days=6))
            query.samples.append((time.perf_counter() - start) * 1000)
        easy = [t for t in repository.templates() if t.name == "Easy run"]

    if not _has_app():
        for row in rows[:3]:
            row.note = "planner.app is missing"
        return

    from PySide6.QtWidgets import QApplication

    from planner.app import build_main_window

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = build_main_window(db, today=today)
    try:
        window.show()
        app.processEvents()
        view = window.week_view
        # Start half a year back so every switch lands on a week full of history.
        half = switches // 2
        window.show_week(today - timedelta(weeks=half + 1))
        view.repaint()
        app.processEvents()
        steps = [window.next_week] * half + [window.previous_week] * (switches - half)
        for step in steps:
            start = time.perf_counter()
            step()
            view.repaint()
            switch.samples.append((time.perf_counter() - start) * 1000)
            app.processEvents()
        for step in steps:
            start = time.perf_counter()
            step()
            view.repaint()
            app.processEvents()
            switch_events.samples.append((time.perf_counter() - start) * 1000)

        if not easy or easy[0].id is None:
            drop.note = "no 'Easy run' template"
        else:
            template_id = easy[0].id
            window.show_week(today)
            view.repaint()
            app.processEvents()
            controller = window.controller
            for i in range(drops):
                day = today + timedelta(days=i % 7 - today.weekday())
                start = time.perf_counter()
                controller.add_from_template(template_id, day)
                view.repaint()
                drop.samples.append((time.perf_counter() - start) * 1000)
                controller.undo_stack.undo()
                app.processEvents()
    finally:
        window.close()
        app.processEvents()


# -- the report ------------------------------------------------------------------------------
def print_table(rows: list[Row]) -> None:
    """Print the results as an aligned text table."""
    header = ["measure", "median", "min", "target", "meets target"]
    table = [header] + [row.cells() for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for index, line in enumerate(table):
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        )
        if index == 0:
            print("  ".join("-" * width for width in widths))


def _isolated_env(scratch: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(scratch / "data")
    env["XDG_CONFIG_HOME"] = str(scratch / "config")
    env["XDG_CACHE_HOME"] = str(scratch / "cache")
    env.pop("LEGWORK_DB", None)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["LEGWORK_STARTUP_PROFILE"] = "1"
    env["LEGWORK_QUIT_AFTER_PAINT"] = "1"
    return env


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; prints the table, exit code 0 unless something broke."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="app launches to time (default 7)")
    parser.add_argument("--switches", type=int, default=50, help="week switches (default 50)")
    parser.add_argument("--drops", type=int, default=50, help="drops (default 50)")
    parser.add_argument("--years", type=int, default=make_history_db.YEARS)
    parser.add_argument("--db", type=Path, help="history database to use (built if missing)")
    args = parser.parse_args(argv)

    today = make_history_db.TODAY
    source = make_history_db.history_db(args.db, years=args.years, today=today)
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="legwork-bench-") as scratch_name:
        scratch = Path(scratch_name)
        db = scratch / "history.sqlite3"
        shutil.copyfile(source, db)
        env = _isolated_env(scratch)
        os.environ.update({k: v for k, v in env.items() if k.startswith(("XDG_", "QT_QPA"))})
        os.environ.pop("LEGWORK_STARTUP_PROFILE", None)
        os.environ.pop("LEGWORK_QUIT_AFTER_PAINT", None)

        rows: list[Row] = []
        try:
            rows += measure_startup(db, today, env, args.runs)
        except MeasurementError as exc:
            failures.append(f"startup: {exc}")
            rows += [
                Row("startup to populated paint", "ms", target=500, note="failed"),
                Row("RSS after start", "MiB", target=150, note="failed"),
            ]
        measured = in_process_rows()
        rows += measured
        try:
            measure_in_process(db, today, args.switches, args.drops, measured)
        except Exception as exc:  # report, do not hide the other rows
            failures.append(f"in-process: {type(exc).__name__}: {exc}")
            for row in measured:
                if not row.samples:
                    row.note = "failed"

        from planner.cli import open_readonly_repository

        with open_readonly_repository(source) as repository:
            count = repository.count_workouts()
        print()
        print(
            f"Legwork benchmark: {args.years}-year history ({count} workouts, "
            f"{source.stat().st_size / 2**20:.1f} MiB), today {today.isoformat()}"
        )
        print(
            f"Python {platform.python_version()} on {platform.platform()}, "
            f"{os.cpu_count()} CPUs, QT_QPA_PLATFORM={env.get('QT_QPA_PLATFORM', '(display)')}, "
            f"{args.runs} launches"
        )
        print()
        print_table(rows)
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
