"""``legwork --smoke``, the self-test a bundle or a package is checked with, as a packager runs it.

Each test starts ``python -m planner --smoke`` in a process of its own, as CI starts the bundle:
what counts is the exit code, what it says, and that it leaves nothing behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.system import needs_qt

pytestmark = needs_qt

STEPS = (
    "demo plan",
    "window",
    "warnings",
    "charts",
    "weeks and month",
    "printed week",
    "activities",
    "backup",
    "close",
    "plan file",
)


def run_smoke(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 90
) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    """Run the self-test with HOME pointing at a folder that does not exist, and its own TMPDIR.

    Returns the finished process, that HOME and that TMPDIR.
    """
    home = tmp_path / "no-such-home"
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "LEGWORK_", "QT_QPA_PLATFORM"))
    }
    environment.update(HOME=str(home), TMPDIR=str(temporary), **(env or {}))
    finished = subprocess.run(
        [sys.executable, "-m", "planner", "--smoke", *args],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return finished, home, temporary


def test_it_passes_every_step_and_leaves_nothing_behind(tmp_path: Path) -> None:
    finished, home, temporary = run_smoke(tmp_path, "-platform", "offscreen")
    assert finished.returncode == 0, finished.stderr
    done = [line.split("(")[0].strip() for line in finished.stdout.splitlines() if "  ok  " in line]
    assert done == [f"ok  {step}" for step in STEPS]
    assert "Imported 6 activities" in finished.stdout  # the walks it wrote, read and undone
    assert "passed in" in finished.stdout.splitlines()[-1]
    assert not home.exists(), "it wrote into HOME"
    assert list(temporary.iterdir()) == [], "it left files in TMPDIR"


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("slot", "an exception no slot caught: RuntimeError: a fault made on purpose in a slot"),
        (
            "thread",
            "an exception in smoke-fault: RuntimeError: a fault made on purpose in a thread",
        ),
    ],
)
def test_an_exception_anywhere_fails_it_at_once(tmp_path: Path, fault: str, says: str) -> None:
    started = time.monotonic()
    finished, home, temporary = run_smoke(
        tmp_path, "-platform", "offscreen", env={"LEGWORK_SMOKE_FAULT": fault}
    )
    took = time.monotonic() - started
    assert finished.returncode == 1
    assert f"FAILED at \"fault '{fault}'\"" in finished.stderr
    assert says in finished.stderr
    assert "Traceback" in finished.stderr  # where it happened, for whoever reads CI's log
    assert took < 25, "it waited for the watchdog instead of failing at once"
    assert not home.exists()
    assert list(temporary.iterdir()) == []


def test_a_window_that_stops_answering_fails_it_when_the_watchdog_runs_out(
    tmp_path: Path,
) -> None:
    finished, home, temporary = run_smoke(
        tmp_path,
        "-platform",
        "offscreen",
        env={"LEGWORK_SMOKE_FAULT": "hang", "LEGWORK_SMOKE_TIMEOUT": "8"},
    )
    assert finished.returncode == 1
    assert "not finished within 8 s" in finished.stderr
    assert "in hang" in finished.stderr  # the stack of the thread that hangs
    assert not home.exists()
    assert list(temporary.iterdir()) == []


def test_it_takes_no_plan_or_command(tmp_path: Path) -> None:
    for extra in (["--db", str(tmp_path / "x.sqlite3")], ["check"]):
        finished = subprocess.run(
            [sys.executable, "-m", "planner", "--smoke", *extra],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert finished.returncode == 2
        assert "--smoke makes its own plan" in finished.stderr
    assert not (tmp_path / "x.sqlite3").exists()


def test_it_keeps_the_displays_it_was_given_when_it_moves_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """X's cookie defaults to ~/.Xauthority (ssh -X, startx), Wayland's socket to the runtime
    folder: with HOME and XDG_RUNTIME_DIR moved, both must still be found."""
    from planner import smoke

    home = tmp_path / "desktop-home"
    home.mkdir()
    (home / ".Xauthority").write_bytes(b"cookie")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XAUTHORITY", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", "/run/user/1000")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "TMPDIR"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "run"
    smoke.private_environment(folder)
    try:
        assert os.environ["HOME"] == str(folder / "home")
        assert os.environ["XAUTHORITY"] == str(home / ".Xauthority")
        assert os.environ["WAYLAND_DISPLAY"] == "/run/user/1000/wayland-0"
    finally:
        import tempfile

        tempfile.tempdir = None  # TMPDIR comes back with monkeypatch; so must tempfile's
