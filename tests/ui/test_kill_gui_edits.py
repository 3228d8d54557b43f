"""kill -9 during GUI-driven edits: every acknowledged edit survives, and the file stays healthy.

A child process builds the real window on a plan (:func:`planner.app.build_main_window`,
offscreen) and applies random edits through its :class:`PlanController` (add, move, copy,
edit, status, delete, weigh-in, library entry, settings, undo, redo), printing each edit
once the controller has returned, with every row it changed: what the file must now hold
(see :mod:`tests.ui.gui_edit_child`). The parent kills it with SIGKILL at a random moment,
from the start of the window to a second into the edits. After every kill:

* ``PRAGMA integrity_check`` says ok and ``legwork check`` finds the plan healthy;
* the plan holds exactly what the acknowledged edits left: the parent starts from the file
  as the previous trial left it, applies every acknowledged row, and compares every row of
  every table (workouts, weigh-ins, library, settings) with the file. The one edit that was
  in flight may have committed before its acknowledgement: then the file holds exactly that
  edit's write on top (the child announces each write before it begins);
* the next trial's child opens the plan the kill left (its write-ahead log included).

The normal suite runs 4 trials. For the real figures run at least 200 and read the summary::

    LEGWORK_KILL_TRIALS=200 python -m pytest tests/ui/test_kill_gui_edits.py -q -s -o faulthandler_timeout=0

(200 trials take about two minutes; ``faulthandler_timeout=0`` spares the stack dump pytest
prints for a test that runs longer than its usual limit.)

``LEGWORK_KILL_SEED`` changes the seed of the kill moments and the edits (fixed by default;
the test prints it).
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.core import settings as settings_mod
from planner.core.model import Kind, Status, Template, WeightEntry, Workout
from planner.core.service import PlanService
from planner.storage.db import check_database, open_database
from tests.helpers.killing import integrity
from tests.ui.gui_edit_child import SPAN_DAYS, canon

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="kill -9, FIFOs and fork: the trials run on Linux"
)

TRIALS = int(os.environ.get("LEGWORK_KILL_TRIALS", "4"))
SEED = int(os.environ.get("LEGWORK_KILL_SEED", "20261129"))
TODAY = date(2026, 11, 18)
#: How long after the window is up the kill may come (seconds).
EDIT_SPAN = 1.0
ROOT = Path(__file__).resolve().parents[2]

State = dict[str, dict[str, Any]]


# ------------------------------------------------------------------------------ the server
class ForkServer:
    """``python -m tests.ui.gui_edit_child``: forks one prepared child per trial."""

    def __init__(self, log: Path) -> None:
        self.log = log
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
            "QT_QPA_PLATFORM": "offscreen",
            "OPENBLAS_NUM_THREADS": "1",  # numpy loads no thread pool: the server forks
            "OMP_NUM_THREADS": "1",
        }
        with log.open("wb") as errors:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.ui.gui_edit_child"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                env=env,
                cwd=ROOT,
                bufsize=0,
            )
        assert self.read_line(120) == "ready", self.errors()

    def read_line(self, timeout: float) -> str:
        stdout = self.process.stdout
        assert stdout is not None
        ready, _, _ = select.select([stdout], [], [], timeout)
        assert ready, f"the fork server did not answer: {self.errors()}"
        line = stdout.readline().decode().strip()
        assert line, f"the fork server ended: {self.errors()}"
        return line

    def fork(self, request: dict[str, object]) -> int:
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write((json.dumps(request) + "\n").encode())
        answer = self.read_line(60)
        assert answer.startswith("pid "), answer
        return int(answer.split()[1])

    def errors(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(30)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    started = ForkServer(tmp_path_factory.mktemp("gui-kill") / "server.log")
    try:
        yield started
    finally:
        started.close()


@dataclass
class Run:
    """One trial's child: what it printed, and whether it got the window up."""

    lines: list[str] = field(default_factory=list)
    exit_code: int | None = None
    started_after: float | None = None  # seconds from the fork to "go"


def run_child(
    server: ForkServer, request: dict[str, object], kill_after: float | None, fifo: Path
) -> Run:
    """Fork a child, read what it prints, and kill it ``kill_after`` s after its fork.

    ``kill_after=None``: kill it 0.3 s after it said "go" (the calibration run).
    """
    if fifo.exists():
        fifo.unlink()
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    keeper = os.open(fifo, os.O_WRONLY)  # no end of file before the child has opened it
    run = Run()
    buffer = b""
    try:
        pid = server.fork({**request, "out": str(fifo)})
        forked = time.perf_counter()
        deadline = None if kill_after is None else forked + kill_after
        assert server.process.stdout is not None
        control = server.process.stdout.fileno()
        while True:
            now = time.perf_counter()
            if deadline is not None and now >= deadline:
                break
            wait = 30.0 if deadline is None else deadline - now
            ready, _, _ = select.select([reader, control], [], [], wait)
            if not ready and deadline is None:
                pytest.fail(f"the child never got its window up: {server.errors()}")
            if control in ready:  # the child ended on its own: a crash
                pytest.fail(f"the child {server.read_line(5)}: {server.errors()}")
            if reader in ready:
                buffer += os.read(reader, 1 << 16)
                if run.started_after is None and b"go\n" in buffer:
                    run.started_after = time.perf_counter() - forked
                    if deadline is None:
                        deadline = time.perf_counter() + 0.3
        os.kill(pid, signal.SIGKILL)
        answer = server.read_line(60)
        assert answer.startswith("exit "), answer
        run.exit_code = int(answer.split()[1])
        while True:  # everything the child wrote before it died is in the pipe
            try:
                chunk = os.read(reader, 1 << 16)
            except BlockingIOError:
                break
            if not chunk:
                break
            buffer += chunk
    finally:
        os.close(keeper)
        os.close(reader)
        fifo.unlink()
    complete, _, _cut = buffer.rpartition(b"\n")  # a line cut by the kill was never said
    run.lines = complete.decode().splitlines() if complete else []
    return run


# ------------------------------------------------------------------------------ the plan
def file_state(path: Path) -> State:
    """Every row of the plan, in the child's :func:`canon` form; settings by value."""
    with open_database(path, read_only=True) as db:
        repository = db.repository
        return {
            "workouts": {
                str(w.id): canon(w) for w in repository.workouts_between(date.min, date.max)
            },
            "weights": {
                w.day.isoformat(): w.kg for w in repository.weights_between(date.min, date.max)
            },
            "templates": {str(t.id): canon(t) for t in repository.templates()},
            "settings": settings_mod.to_strings(PlanService(repository).settings()),
        }


def normal_settings(texts: dict[str, str]) -> dict[str, str]:
    return settings_mod.to_strings(settings_mod.from_strings(texts))


def with_changes(state: State, changes: dict[str, Any]) -> State:
    """``state`` after one acknowledged change (every touched row, ``None``: deleted)."""
    new = {table: dict(rows) for table, rows in state.items()}
    for table in ("workouts", "weights", "templates"):
        for key, row in changes[table].items():
            if row is None:
                new[table].pop(key, None)
            else:
                new[table][key] = row
    new["settings"] = normal_settings({**new["settings"], **changes["settings"]})
    return new


def with_batch(state: State, batch: dict[str, Any], found: State) -> State:
    """``state`` after a write of ``batch`` committed; new rows take the ids the file gave."""
    new = {table: dict(rows) for table, rows in state.items()}
    for table, deletes in (("workouts", "delete_workouts"), ("templates", "delete_templates")):
        rows = batch[table]
        known = {str(r["id"]) for r in rows if r["id"] is not None}
        fresh = sorted(
            (k for k in found[table] if k not in state[table] and k not in known), key=int
        )
        added = [r for r in rows if r["id"] is None]
        if len(fresh) != len(added):
            return new | {"mismatch": {table: f"{len(added)} new rows, {len(fresh)} found"}}
        for row in rows:
            if row["id"] is not None:
                new[table][str(row["id"])] = row
        for key, row in zip(fresh, added, strict=True):
            new[table][key] = {**row, "id": int(key)}
        for gone in batch[deletes]:
            new[table].pop(str(gone), None)
    new["weights"].update(batch["weights"])
    for day in batch["delete_weights"]:
        new["weights"].pop(day, None)
    new["settings"] = normal_settings({**new["settings"], **batch["settings"]})
    return new


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A plan with two weeks of training around "today", weigh-ins and an entry of its own."""
    path = tmp_path / "plan.sqlite3"
    first = TODAY - timedelta(days=SPAN_DAYS // 2)
    with open_database(path) as db:
        service = PlanService(db.repository)
        for n in range(20):
            day = first + timedelta(days=n % SPAN_DAYS)
            done = day < TODAY and n % 3 != 0
            service.add(
                Workout(
                    None,
                    day,
                    [Kind.RUN, Kind.RUN, Kind.STRENGTH, Kind.HIIT, Kind.REST][n % 5],
                    f"Planned {n}",
                    0,
                    30.0 + n,
                    None if n % 5 else 6.0 + n / 4,
                    5.0,
                    status=Status.DONE if done else Status.PLANNED,
                    actual_duration_min=32.0 + n if done else None,
                )
            )
        service.import_weights(
            [WeightEntry(first + timedelta(days=n), 70.0 + n / 10) for n in range(0, 14, 3)]
        )
        service.save_template(Template(None, "Hill repeats", Kind.RUN, 50.0, 9.0, 8.0, "6 x 90 s"))
    return path


# ------------------------------------------------------------------------------ the trials
def test_kill_during_gui_driven_edits(server: ForkServer, plan: Path, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    print(f"\nkill seed: LEGWORK_KILL_SEED={SEED}")
    fifo = tmp_path / "child.out"
    home = tmp_path / "home"

    def request(trial: int) -> dict[str, object]:
        return {
            "plan": str(plan),
            "home": str(home),
            "seed": SEED * 1000 + trial,
            "today": TODAY.isoformat(),
        }

    outcomes: Counter[str] = Counter()
    acknowledged: Counter[str] = Counter()
    refused = 0
    span = 0.0
    state = file_state(plan)
    for trial in range(TRIALS):
        # The first trial kills 0.3 s after the window is up and times the start for the rest.
        kill_after = None if trial == 0 else rng.uniform(0, span)
        run = run_child(server, request(trial), kill_after, fifo)
        if trial == 0:
            assert run.started_after is not None
            span = 1.2 * run.started_after + EDIT_SPAN
        assert run.exit_code == -signal.SIGKILL, f"exit {run.exit_code}: {server.errors()}"

        expected = state
        in_flight: dict[str, Any] | None = None
        for line in run.lines:
            if line == "go":
                continue
            message = json.loads(line)
            if message["t"] == "pending":
                in_flight = message
            elif message["t"] == "ack":
                for change in message["changes"]:
                    expected = with_changes(expected, change)
                acknowledged[message["op"]] += 1
                in_flight = None
            else:  # refused (an impossible value, say): nothing was written
                refused += 1
                in_flight = None

        where = f"trial {trial} (seed {SEED * 1000 + trial})"
        assert integrity(plan) == "ok", where
        result = check_database(plan)
        assert result.ok, f"{where}: {result.message}"
        found = file_state(plan)
        if "go" not in run.lines:
            assert found == state, f"{where}: the plan changed before the window was up"
            outcomes["killed while the window was being built"] += 1
        elif found == expected:
            outcomes[
                "killed with no write in flight"
                if in_flight is None
                else "killed during a write, before its commit"
            ] += 1
        else:
            assert in_flight is not None, f"{where}: an acknowledged edit is missing"
            assert found == with_batch(expected, in_flight["batch"], found), (
                f"{where}: the plan holds neither the acknowledged edits nor them and the "
                f"edit in flight (#{in_flight['n']})"
            )
            outcomes["killed after a write committed, before its acknowledgement"] += 1
        state = found

    figures = ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items()))
    kinds = ", ".join(f"{count} {name}" for name, count in acknowledged.most_common())
    print(
        f"kill -9 during GUI-driven edits: {TRIALS} trials, {acknowledged.total()} acknowledged "
        f"edits, none lost, every file healthy: {figures}\n"
        f"  acknowledged: {kinds}; {refused} refused by the controller (nothing written)"
    )
    assert sum(outcomes.values()) == TRIALS
    assert integrity(plan) == "ok"
    with open_database(plan) as db:  # and the app's own open still takes it
        assert db.repository.count_workouts() == len(state["workouts"])
