"""The running app keeps SQLite's locks on its plan, so no other program can delete its log.

POSIX drops every ``fcntl`` lock a process holds on a file when the process closes any
descriptor of that file. Legwork once read the plan's header with a plain ``open()`` while
its start-up connection was open: from then on the app held no lock, and any program that
opened the plan read-write and closed it (the ``sqlite3`` shell, another user's ``legwork
import``) believed it was the last, checkpointed and deleted the app's ``-wal``. The app
went on writing into the deleted file and said "Saved"; a ``kill -9`` then lost every edit.

These tests run the app as a separate process (:mod:`tests.ui.held_plan_child`) and
another program beside it, and read the kernel's lock table (``/proc/locks``).
"""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from planner.core.model import Kind, Workout
from planner.storage.db import check_database, open_database

pytestmark = pytest.mark.skipif(
    not Path("/proc/locks").exists(), reason="reads the kernel's lock table, /proc/locks (Linux)"
)

TODAY = date(2026, 11, 18)
ROOT = Path(__file__).resolve().parents[2]


class App:
    """The app in its own process, on a plan."""

    def __init__(self, plan: Path, home: Path) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
            "QT_QPA_PLATFORM": "offscreen",
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.held_plan_child", str(plan), str(home), str(TODAY)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        self.pid = self.process.pid

    def read_line(self, timeout: float = 60.0) -> str:
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        assert ready, "the app did not answer in time"
        line = self.process.stdout.readline().strip()
        assert line and not line.startswith("error"), line or "the app ended"
        return line

    def add(self, title: str) -> str:
        assert self.process.stdin is not None
        self.process.stdin.write(f"add {title}\n")
        self.process.stdin.flush()
        return self.read_line()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)


@pytest.fixture
def app_on_plan(tmp_path: Path) -> Iterator[tuple[App, Path]]:
    plan = tmp_path / "plan.sqlite3"
    with open_database(plan, backup_dir=tmp_path / "backups") as database:
        database.repository.bulk_insert_workouts(
            [Workout(None, TODAY, Kind.RUN, "Easy run", 0, 40.0, 7.0, 3.0)]
        )
    app = App(plan, tmp_path / "home")
    try:
        assert app.read_line() == "ready"
        yield app, plan
    finally:
        app.kill()


def locks_on(path: Path, pid: int) -> list[str]:
    """The POSIX locks process ``pid`` holds on ``path``, as the kernel lists them."""
    inode = os.stat(path).st_ino
    held = []
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        # "1: POSIX  ADVISORY  READ 1234 08:01:5678 128 128"; blocked waiters start with "->"
        if "->" in fields or len(fields) < 6 or fields[1] != "POSIX":
            continue
        if fields[4] == str(pid) and fields[5].rsplit(":", 1)[-1] == str(inode):
            held.append(line)
    return held


def another_program_reads(plan: Path) -> None:
    """What ``sqlite3 PLAN "select count(*) from workouts"`` does: open read-write, close."""
    script = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "print(c.execute('select count(*) from workouts').fetchone()[0])\n"
        "c.close()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(plan)], check=True, capture_output=True)


def titles(plan: Path) -> list[str]:
    with sqlite3.connect(f"file:{plan}?mode=ro", uri=True) as connection:
        return [row[0] for row in connection.execute("SELECT title FROM workouts ORDER BY id")]


def test_the_app_holds_its_lock_on_the_plan_from_start_to_kill(
    app_on_plan: tuple[App, Path],
) -> None:
    app, plan = app_on_plan
    assert locks_on(plan, app.pid), "the loaded app holds no lock on its plan"

    another_program_reads(plan)
    assert locks_on(plan, app.pid), "the app lost its lock when another program read the plan"
    assert plan.with_name(plan.name + "-wal").exists(), "another program deleted the app's log"

    assert app.add("Tempo after the other program").startswith("saved ")
    assert locks_on(plan, app.pid), "the app lost its lock when it saved"
    another_program_reads(plan)
    assert app.add("Long run").startswith("saved ")

    app.kill()
    assert titles(plan) == ["Easy run", "Tempo after the other program", "Long run"]
    assert check_database(plan).ok


def test_an_edit_saved_while_another_program_had_the_plan_open_survives_a_crash(
    app_on_plan: tuple[App, Path],
) -> None:
    app, plan = app_on_plan
    other = sqlite3.connect(plan)  # the sqlite3 shell, left open
    try:
        assert other.execute("SELECT count(*) FROM workouts").fetchone() == (1,)
        assert app.add("Hills").startswith("saved ")
    finally:
        other.close()  # closing it must not checkpoint away what the app needs
    assert app.add("Recovery jog").startswith("saved ")
    app.kill()
    assert titles(plan) == ["Easy run", "Hills", "Recovery jog"]
