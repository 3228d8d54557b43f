"""Benchmark Legwork on a 10-year history: start-up against its floor, memory, week switch,
drop, the week queries, bulk insert, the rules, the warning panel and the charts.

Usage::

    python tests/perf/bench.py [--runs 7] [--switches 50] [--drops 50] [--years 10] [--db PATH]
                               [--activities N [--without-recordings]]
                               [--platform auto|xvfb|offscreen|display]

It builds (or reuses) the demo history database (``make_history_db.py``), works on a copy
of it with its own data and config folders (the user's are never touched), and prints a
table with each measurement's median, minimum, target and whether the median meets it.

Start-up is measured against its floor: the same number of launches of a bare PySide6 main
window with one label (``bare_window.py``), interleaved with Legwork's, on the same platform
and measured the same way; the ratio of the medians is the figure to improve. Where ``Xvfb``
is installed, both run on a private Xvfb and are timed from outside too: from spawning the
process to the X server's ``MapNotify`` for its main window (``tests/e2e/xvfb.py``).

With ``--activities N`` the plan's latest sessions were recorded by a watch (and, where the
history has too few, walks were added as new sessions); ``--without-recordings`` measures the
same plan, workout for workout, with the recorded activities deleted: the baseline that
tells what the recordings themselves cost.

Slow numbers never make it fail: it exits non-zero only when a measurement could not be
made at all (the app crashed, never painted, or is missing).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import make_history_db  # type: ignore[import-not-found]  # noqa: E402
from tests.e2e.xvfb import MapWatcher, missing_tools, start_xvfb, stop_xvfb  # noqa: E402

PROFILE_PREFIX = "legwork-startup:"
STARTUP_TIMEOUT_S = 60.0
BARE_WINDOW = HERE / "bare_window.py"
#: Legwork's start-up may take at most this many times the bare window's.
RATIO_TARGET = 2.0


@dataclass
class Row:
    """One line of the results table.

    Attributes:
        name: what was measured.
        unit: ``ms``, ``MiB`` or ``x`` (a ratio).
        samples: the measured values.
        target: the largest acceptable median (``None``: no target, informational).
        note: why there are no samples, or a remark.
        summary: (median, minimum) given directly, for figures computed elsewhere (a ratio
            of medians, another script's rows); ``samples`` is then unused.
    """

    name: str
    unit: str
    samples: list[float] = field(default_factory=list)
    target: float | None = None
    note: str = ""
    summary: tuple[float, float | None] | None = None

    @property
    def median(self) -> float | None:
        """The median (or the given summary's), ``None`` when nothing was measured."""
        if self.summary is not None:
            return self.summary[0]
        return statistics.median(self.samples) if self.samples else None

    @property
    def best(self) -> float | None:
        """The minimum (or the given summary's), ``None`` when unknown."""
        if self.summary is not None:
            return self.summary[1]
        return min(self.samples) if self.samples else None

    def _value(self, value: float | None) -> str:
        if value is None:
            return "-"
        digits = 2 if self.unit == "x" or abs(value) < 10 else 1
        return f"{value:.{digits}f} {self.unit}"

    def cells(self) -> list[str]:
        """The row's table cells."""
        median = self.median
        target = f"<= {self.target:g} {self.unit}" if self.target is not None else "-"
        if median is None:
            return [self.name, "-", "-", target, self.note or "not measured"]
        meets = "-" if self.target is None else ("yes" if median <= self.target else "NO")
        return [
            self.name,
            self._value(median),
            self._value(self.best),
            target,
            meets + (f" ({self.note})" if self.note else ""),
        ]


class MeasurementError(RuntimeError):
    """A measurement could not be made (not: it was slow)."""


# -- startup (separate processes) -----------------------------------------------------------
@dataclass
class Launch:
    """What one launch measured.

    Attributes:
        mapped_ms: spawn to the X server's MapNotify of the main window (``None`` without a
            private Xvfb).
        painted_ms: spawn to reading the ``legwork-startup:`` line, printed just after the
            first paint (of the populated week; of the bare window's label).
        rss_mib: resident memory at that moment.
    """

    mapped_ms: float | None
    painted_ms: float
    rss_mib: float


def launch_once(command: list[str], env: dict[str, str], watcher: MapWatcher | None) -> Launch:
    """Start ``command`` once and time it until it has painted (it then quits by itself)."""
    if watcher is not None:
        watcher.drain()  # the windows of the previous launch
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[tuple[float, str | None]] = queue.Queue()

    def pump() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put((time.perf_counter(), line))
        lines.put((time.perf_counter(), None))

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    deadline = start + STARTUP_TIMEOUT_S
    mapped_ms: float | None = None
    try:
        if watcher is not None:
            mapped = None
            while mapped is None:
                mapped = watcher.wait_for_map(0.2)
                if mapped is None and process.poll() is not None:
                    process.wait()
                    tail = "".join(line for _, line in list(lines.queue)[-5:] if line).strip()
                    raise MeasurementError(
                        f"{Path(command[-1]).name} exited with code {process.returncode} "
                        f"before showing a window: {tail}"
                    )
                if mapped is None and time.perf_counter() > deadline:
                    raise MeasurementError(f"no window was mapped within {STARTUP_TIMEOUT_S:g} s")
            mapped_ms = (mapped - start) * 1000
        while True:
            try:
                when, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                raise MeasurementError(
                    f"no '{PROFILE_PREFIX}' line within {STARTUP_TIMEOUT_S:g} s"
                ) from None
            if line is None:
                process.wait()
                tail = "".join(seen[-5:]).strip()
                raise MeasurementError(
                    f"{Path(command[-1]).name} exited with code {process.returncode} "
                    f"before painting: {tail}"
                )
            if line.startswith(PROFILE_PREFIX):
                painted_ms = (when - start) * 1000
                rss_kib = _rss_kib(line)
                break
            seen.append(line)
        try:
            code = process.wait(timeout=STARTUP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise MeasurementError("it did not quit after painting") from None
        if code != 0:
            raise MeasurementError(f"it exited with code {code} after painting")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return Launch(mapped_ms, painted_ms, rss_kib / 1024)


def _rss_kib(line: str) -> float:
    for part in line[len(PROFILE_PREFIX) :].split():
        key, _, value = part.partition("=")
        if key == "rss_kib":
            return float(value)
    raise MeasurementError(f"no rss_kib in {line.strip()!r}")


def startup_rows(mapped: bool) -> list[Row]:
    """The start-up rows, in table order; :func:`measure_startup` fills them."""
    rows = []
    if mapped:
        rows += [
            Row("startup: Legwork, spawn to window mapped", "ms", target=500),
            Row("startup: bare window, spawn to window mapped", "ms"),
            Row("startup ratio Legwork / bare, mapped", "x", target=RATIO_TARGET),
        ]
    rows += [
        Row("startup: Legwork, spawn to populated paint", "ms", target=500),
        Row("startup: bare window, spawn to first paint", "ms"),
        Row("startup ratio Legwork / bare, painted", "x", target=RATIO_TARGET),
        Row("RSS after start: Legwork", "MiB", target=150),
        Row("RSS after start: bare window", "MiB"),
        Row("RSS settled (charts, warnings, backup): Legwork", "MiB", target=150),
    ]
    return rows


def measure_startup(
    db: Path,
    today: date,
    env: dict[str, str],
    runs: int,
    watcher: MapWatcher | None,
    rows: list[Row],
) -> None:
    """Launch Legwork and the bare window ``runs`` times each, interleaved, after a warm-up.

    Fills ``rows`` (from :func:`startup_rows`). A ratio row's median is the median of the
    launch pairs' ratios (each Legwork launch over the bare launch right after it, so both
    saw the same load), its minimum the ratio of the two minimums.
    """
    by_name = {row.name: row for row in rows}
    if not _has_app():
        for row in rows:
            row.note = "planner.app is missing"
        return
    legwork = [sys.executable, "-m", "planner", "--db", str(db), "--today", today.isoformat()]
    bare = [sys.executable, str(BARE_WINDOW)]
    commands = {"Legwork": legwork, "bare window": bare}
    for command in commands.values():  # warm-up: disk caches, first-run work (backups)
        launch_once(command, env, watcher)
    launches: dict[str, list[Launch]] = {who: [] for who in commands}
    for _ in range(runs):
        for who, command in commands.items():
            launches[who].append(launch_once(command, env, watcher))
    for who, measured in launches.items():
        painted = "populated paint" if who == "Legwork" else "first paint"
        by_name[f"startup: {who}, spawn to {painted}"].samples += [m.painted_ms for m in measured]
        by_name[f"RSS after start: {who}"].samples += [m.rss_mib for m in measured]
        if watcher is not None:
            by_name[f"startup: {who}, spawn to window mapped"].samples += [
                m.mapped_ms for m in measured if m.mapped_ms is not None
            ]
    pairs = [("painted", "populated paint", "first paint")]
    if watcher is not None:
        pairs.insert(0, ("mapped", "window mapped", "window mapped"))
    for how, legwork_what, bare_what in pairs:
        ours = by_name[f"startup: Legwork, spawn to {legwork_what}"].samples
        floor = by_name[f"startup: bare window, spawn to {bare_what}"].samples
        if ours and floor and len(ours) == len(floor):
            ratios = [a / b for a, b in zip(ours, floor, strict=True)]
            by_name[f"startup ratio Legwork / bare, {how}"].summary = (
                statistics.median(ratios),
                min(ours) / min(floor),
            )


#: How long after the first paint the settled memory is read (charts, warnings, backup done).
SETTLE_MS = 6000
SETTLED_PREFIX = "legwork-settled:"


def measure_settled(db: Path, today: date, env: dict[str, str], runs: int, row: Row) -> None:
    """Legwork's resident memory once it has settled: ``runs`` launches, each on a fresh copy.

    Each launch opens a copy of ``db`` (no other launch's ``-wal`` or backups), waits
    :data:`SETTLE_MS` after its first paint (the charts, the warnings and the start's backup
    are done by then) and prints its RSS.
    """
    command = [sys.executable, "-m", "planner", "--today", today.isoformat(), "--db"]
    settle_env = {**env, "LEGWORK_SETTLE_MS": str(SETTLE_MS)}
    settle_env.pop("LEGWORK_QUIT_AFTER_PAINT", None)
    for run in range(runs):
        copy = db.with_name(f"settle-{run}.sqlite3")
        shutil.copyfile(db, copy)
        done = subprocess.run(
            [*command, str(copy)],
            cwd=REPO,
            env=settle_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=STARTUP_TIMEOUT_S + SETTLE_MS / 1000 + 30,
        )
        lines = [line for line in done.stderr.splitlines() if line.startswith(SETTLED_PREFIX)]
        if not lines:
            raise MeasurementError(f"no '{SETTLED_PREFIX}' line: {done.stderr[-300:]}")
        kib = float(lines[-1].split("rss_kib=", 1)[1].split()[0])
        row.samples.append(kib / 1024)


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
        Row("repository: one week's workouts", "ms", target=2),
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


# -- storage and rules ---------------------------------------------------------------------
def storage_rows() -> list[Row]:
    """The rows :func:`measure_storage` fills: the start-up reader's week, a bulk insert."""
    return [
        Row("startup reader: one week's workouts", "ms", target=0.5),
        Row("repository: bulk insert of the history", "ms", target=2000),
    ]


def measure_storage(
    db: Path, scratch: Path, years: int, today: date, rows: list[Row], *, inserts: int = 3
) -> None:
    """One week through the standard-library start-up reader, and bulk inserts of a history.

    The reader reads ``db`` (200 weeks); each insert writes the generated ``years``-year
    history (its workouts and weigh-ins) into a new plan file in ``scratch``.
    """
    reader, insert = rows
    from planner.core.demo import generate_history
    from planner.storage.db import open_database
    from planner.storage.startup import open_for_startup

    database = open_for_startup(db)
    if database is None:
        reader.note = "the start-up reader refused the file"
    else:
        with database:
            repository = database.repository
            week_start = today - timedelta(days=today.weekday())
            repository.workouts_between(week_start, week_start + timedelta(days=6))  # warm up
            for week in range(200):
                start = week_start - timedelta(weeks=1 + week % 100)
                begin = time.perf_counter()
                repository.workouts_between(start, start + timedelta(days=6))
                reader.samples.append((time.perf_counter() - begin) * 1000)

    history = generate_history(years=years, today=today, seed=make_history_db.SEED)
    insert.note = f"{len(history.workouts)} workouts, {len(history.weights)} weigh-ins"
    for run in range(inserts):
        path = scratch / f"bulk-{run}.sqlite3"
        with open_database(path) as target:
            begin = time.perf_counter()
            target.repository.bulk_insert_workouts(history.workouts)
            target.repository.bulk_insert_weights(history.weights)
            insert.samples.append((time.perf_counter() - begin) * 1000)
        for leftover in scratch.glob(f"{path.name}*"):
            leftover.unlink()


def rules_rows(workouts: list[Any]) -> list[Row]:
    """The rules' rows from ``tests/perf/bench_rules.py``, imported only now.

    That module's ``measure(workouts) -> list[tuple[str, float, float]]`` gives each row's
    name, median (ms) and target (ms). Until it exists, one row says so.
    """
    try:
        bench_rules = importlib.import_module("bench_rules")
    except ModuleNotFoundError as exc:
        if exc.name != "bench_rules":
            raise
        return [Row("rules (tests/perf/bench_rules.py)", "ms", note="bench_rules.py not there yet")]
    measure: Callable[[list[Any]], list[tuple[str, float, float]]] = bench_rules.measure
    return [
        Row(name, "ms", target=target, summary=(median, None))
        for name, median, target in measure(workouts)
    ]


def warnings_rows(db: Path) -> list[Row]:
    """The warning panel's rows from ``tests/perf/bench_warnings.py`` (evaluate, preview).

    That module's ``measure(db_path) -> list[tuple[str, float, float]]`` runs the real window
    on a copy of ``db`` and gives each row's name, median (ms) and target (ms).
    """
    bench_warnings = importlib.import_module("bench_warnings")
    measure: Callable[[Path], list[tuple[str, float, float]]] = bench_warnings.measure
    return [
        Row(name, "ms", target=target, summary=(median, None))
        for name, median, target in measure(db)
    ]


def charts_rows(db: Path) -> list[Row]:
    """The charts' rows from ``tests/perf/bench_charts.py`` (refresh after an edit, range).

    That module's ``measure(db_path) -> list[tuple[str, float, float]]`` builds the real
    charts on a copy of ``db`` and gives each row's name, median (ms) and target (ms).
    """
    bench_charts = importlib.import_module("bench_charts")
    measure: Callable[[Path], list[tuple[str, float, float]]] = bench_charts.measure
    return [
        Row(name, "ms", target=target, summary=(median, None))
        for name, median, target in measure(db)
    ]


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


def _isolated_env(scratch: Path, *, bytecode_cache: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(scratch / "data")
    env["XDG_CONFIG_HOME"] = str(scratch / "config")
    env["XDG_CACHE_HOME"] = str(scratch / "cache")
    env.pop("LEGWORK_DB", None)
    env["LEGWORK_STARTUP_PROFILE"] = "1"
    env["LEGWORK_QUIT_AFTER_PAINT"] = "1"
    if bytecode_cache:
        # The launches keep compiled bytecode, in a folder of their own that the warm-up
        # launches fill, as an installed Legwork does (pip compiles it at install). Where
        # PYTHONDONTWRITEBYTECODE is set, each Legwork launch would otherwise compile its
        # whole source again (0.1 to 0.2 s) while the bare window, whose imports are all
        # installed packages with their bytecode, compiles nothing.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    return env


def choose_platform(requested: str) -> str:
    """``xvfb``, ``display`` or ``offscreen``: what ``auto`` means on this machine."""
    if requested != "auto":
        return requested
    if not missing_tools("Xvfb"):
        return "xvfb"
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return "display"
    return "offscreen"


@contextlib.contextmanager
def display_for(platform_name: str, scratch: Path) -> Iterator[tuple[dict[str, str], str]]:
    """The environment variables that put Qt on ``platform_name``, and a description.

    For ``xvfb`` a private Xvfb runs (at the e2e tests' screen size) until the block ends.
    """
    if platform_name == "offscreen":
        yield {"QT_QPA_PLATFORM": "offscreen"}, "offscreen"
    elif platform_name == "display":
        yield {}, f"the desktop's display ({os.environ.get('QT_QPA_PLATFORM') or 'default'})"
    else:
        missing = missing_tools("Xvfb")
        if missing:
            raise SystemExit("bench.py: --platform xvfb needs Xvfb (apt-get install xvfb)")
        proc, display = start_xvfb(scratch / "xvfb.log")
        try:
            yield {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}, f"xcb on a private Xvfb {display}"
        finally:
            stop_xvfb(proc)


def forget_recordings(db: Path) -> None:
    """Delete the recorded activities of the plan at ``db``; its workouts stay as they are."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(db)) as connection:
        with connection:
            connection.execute("DELETE FROM activities")
        connection.execute("VACUUM")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; prints the table, exit code 0 unless something broke."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="launches of each to time (default 7)")
    parser.add_argument("--switches", type=int, default=50, help="week switches (default 50)")
    parser.add_argument("--drops", type=int, default=50, help="drops (default 50)")
    parser.add_argument("--years", type=int, default=make_history_db.YEARS)
    parser.add_argument("--db", type=Path, help="history database to use (built if missing)")
    parser.add_argument(
        "--activities",
        type=int,
        default=0,
        help="with this many recorded activities linked to the latest sessions (default 0)",
    )
    parser.add_argument(
        "--without-recordings",
        action="store_true",
        help="the --activities plan with its recorded activities deleted (same workouts)",
    )
    parser.add_argument(
        "--platform",
        choices=["auto", "xvfb", "display", "offscreen"],
        default="auto",
        help="where the windows go (auto: a private Xvfb when installed, else the desktop's "
        "display, else offscreen)",
    )
    parser.add_argument(
        "--compile-each-launch",
        action="store_true",
        help="give the launches no bytecode cache: with PYTHONDONTWRITEBYTECODE set, each "
        "Legwork launch then compiles its source again",
    )
    args = parser.parse_args(argv)

    today = make_history_db.TODAY
    source = make_history_db.history_db(
        args.db, years=args.years, today=today, activities=args.activities
    )
    failures: list[str] = []
    chosen = choose_platform(args.platform)
    with (
        tempfile.TemporaryDirectory(prefix="legwork-bench-") as scratch_name,
        display_for(chosen, Path(scratch_name)) as (qt_env, where),
    ):
        scratch = Path(scratch_name)
        db = scratch / "history.sqlite3"
        shutil.copyfile(source, db)
        if args.without_recordings:
            forget_recordings(db)
        env = {**_isolated_env(scratch, bytecode_cache=not args.compile_each_launch), **qt_env}
        # The in-process measurements run on the same platform, with the same folders.
        os.environ.update({k: v for k, v in env.items() if k.startswith("XDG_")})
        os.environ.update(qt_env)

        rows = startup_rows(mapped=chosen == "xvfb")
        watcher = MapWatcher(qt_env["DISPLAY"]) if chosen == "xvfb" else None
        try:
            measure_startup(db, today, env, args.runs, watcher, rows)
            settled = next(row for row in rows if row.name.startswith("RSS settled"))
            measure_settled(db, today, env, min(args.runs, 5), settled)
        except MeasurementError as exc:
            failures.append(f"startup: {exc}")
            for row in rows:
                if row.median is None:
                    row.note = "failed"
        finally:
            if watcher is not None:
                watcher.close()

        measured = in_process_rows()
        rows += measured
        try:
            measure_in_process(db, today, args.switches, args.drops, measured)
        except Exception as exc:  # report, do not hide the other rows
            failures.append(f"in-process: {type(exc).__name__}: {exc}")
            for row in measured:
                if not row.samples:
                    row.note = "failed"

        stored = storage_rows()
        rows += stored
        try:
            measure_storage(db, scratch, args.years, today, stored)
        except Exception as exc:
            failures.append(f"storage: {type(exc).__name__}: {exc}")
            for row in stored:
                if not row.samples:
                    row.note = "failed"

        from planner.cli import open_readonly_repository

        with open_readonly_repository(source) as repository:
            count = repository.count_workouts()
            workouts = repository.workouts_between(date(1900, 1, 1), date(2200, 1, 1))
        try:
            rows += rules_rows(workouts)
        except Exception as exc:
            failures.append(f"rules: {type(exc).__name__}: {exc}")
            rows.append(Row("rules (tests/perf/bench_rules.py)", "ms", note="failed"))
        try:
            rows += warnings_rows(db)
        except Exception as exc:
            failures.append(f"warnings: {type(exc).__name__}: {exc}")
            rows.append(Row("warnings (tests/perf/bench_warnings.py)", "ms", note="failed"))
        try:
            rows += charts_rows(db)
        except Exception as exc:
            failures.append(f"charts: {type(exc).__name__}: {exc}")
            rows.append(Row("charts (tests/perf/bench_charts.py)", "ms", note="failed"))

        print()
        print(
            f"Legwork benchmark: {args.years}-year history ({count} workouts, "
            f"{source.stat().st_size / 2**20:.1f} MiB), today {today.isoformat()}"
        )
        print(
            f"Python {platform.python_version()} on {platform.platform()}, "
            f"{os.cpu_count()} CPUs, Qt on {where}, {args.runs} launches of each"
            + (", compiling each launch" if args.compile_each_launch else "")
        )
        print()
        print_table(rows)
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
