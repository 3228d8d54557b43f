"""Starting the app: Qt's own options reach Qt, and no display means one clear line, not a crash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.launch import NO_DISPLAY, display_problem, split_qt_arguments

REPO = Path(__file__).resolve().parents[1]


# -- Qt's options ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "ours", "qt"),
    [
        (["-platform", "offscreen"], [], ["-platform", "offscreen"]),
        (["--db", "a.sqlite3", "-style", "fusion"], ["--db", "a.sqlite3"], ["-style", "fusion"]),
        (
            ["-style=fusion", "-reverse", "--today", "2026-11-18"],
            ["--today", "2026-11-18"],
            ["-style=fusion", "-reverse"],
        ),
        (["--platform", "xcb"], [], ["-platform", "xcb"]),
        (["demo", "--db", "d.sqlite3"], ["demo", "--db", "d.sqlite3"], []),
        (["--", "-style"], ["--", "-style"], []),
    ],
)
def test_qt_options_are_told_from_ours(argv: list[str], ours: list[str], qt: list[str]) -> None:
    assert split_qt_arguments(argv) == (ours, qt)


# -- displays -------------------------------------------------------------------------------
def test_no_display_is_a_problem_only_where_windows_need_a_server(tmp_path: Path) -> None:
    bare: dict[str, str] = {}
    assert display_problem((), bare, "linux") == NO_DISPLAY
    assert display_problem((), {"DISPLAY": ":9999"}, "linux") == NO_DISPLAY  # no such server
    assert display_problem((), {"DISPLAY": "remote.example:10.0"}, "linux") is None  # ssh -X
    assert display_problem((), {"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem(("-platform", "offscreen"), bare, "linux") is None
    assert display_problem(("-platform", "xcb"), {"QT_QPA_PLATFORM": "offscreen"}, "linux") == (
        NO_DISPLAY
    )
    assert display_problem((), bare, "win32") is None
    assert display_problem((), bare, "darwin") is None
    socket = tmp_path / "wayland-0"
    socket.touch()
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert display_problem((), wayland, "linux") is None


def legwork(*argv: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", *argv],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def headless_env(tmp_path: Path) -> dict[str, str]:
    """The environment of an ssh session with no display at all."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env.update(
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        LEGWORK_DB=str(tmp_path / "plan.sqlite3"),
    )
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are checked on Linux")
def test_without_a_display_the_app_says_so_in_one_line(headless_env: dict[str, str]) -> None:
    result = legwork(env=headless_env)
    assert result.returncode == 1
    assert result.stderr == f"legwork: error: {NO_DISPLAY}\n"
    result = legwork(env={**headless_env, "DISPLAY": ":9999"})  # a display that is gone
    assert result.returncode == 1
    assert result.stderr == f"legwork: error: {NO_DISPLAY}\n"
    # The subcommands still work.
    assert legwork("--version", env=headless_env).returncode == 0


def test_qts_options_pass_through_to_qt(headless_env: dict[str, str]) -> None:
    # No display at all: the window can only appear because -platform reached Qt.
    env = {**headless_env, "LEGWORK_STARTUP_PROFILE": "1", "LEGWORK_QUIT_AFTER_PAINT": "1"}
    result = legwork(
        "-platform", "offscreen", "-style", "fusion", "-reverse", "--today", "2026-11-18", env=env
    )
    assert result.returncode == 0, result.stderr
    assert "legwork-startup: rss_kib=" in result.stderr
    assert "unrecognized arguments" not in result.stderr


def test_a_subcommand_keeps_refusing_what_is_not_its_own(headless_env: dict[str, str]) -> None:
    result = legwork("check", "-style", "fusion", env=headless_env)
    assert result.returncode == 2
    assert "unrecognized arguments: -style fusion" in result.stderr
