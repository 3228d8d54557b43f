"""``legwork --smoke``: the self-test of an installed Legwork (a bundle, the .deb, a wheel).

It makes a demo plan in a temporary folder and drives the real app the way a runner does,
through the window's actions and dialogs: the week painted, the warnings and the three
charts, the next week and the month, the week printed to a PDF (through the file dialog),
six recorded walks imported from a folder (enough for the reading to start its worker
processes) and undone, the start's backup. Then it closes the window, checks the plan file
and removes the folder. A bundle that lacks a module, a Qt plugin or a data file fails one
of these steps, with its name.

Any exception (in a slot or a thread too), an error logged or a critical Qt message ends
the run at once with exit code 1; so does a watchdog when the whole run takes longer than
:data:`TIMEOUT_S`. Everything the run writes goes into its temporary folder (``HOME`` and the
XDG folders point there while it runs), which is removed at the end.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from planner import __version__
from planner.smoke.alarm import Alarm, SmokeError
from planner.smoke.steps import FAULT_ENV, Run

__all__ = ["FAULT_ENV", "TIMEOUT_ENV", "TIMEOUT_S", "SmokeError", "private_environment", "run"]

#: The whole run's limit, in seconds.
TIMEOUT_S = 30.0
#: Overrides :data:`TIMEOUT_S` (seconds).
TIMEOUT_ENV = "LEGWORK_SMOKE_TIMEOUT"
#: The exit code of a run that passed (one that failed has exited with 1 already).
PASSED = 0


def run(qt_args: Sequence[str] = ()) -> int:
    """Run the self-test; returns 0 when every step passed (and exits 1 at once otherwise).

    ``qt_args`` are Qt's own options (``-platform offscreen``).
    """
    folder = Path(tempfile.mkdtemp(prefix="legwork-smoke-"))
    alarm = Alarm(folder, _timeout())
    alarm.arm()
    try:
        private_environment(folder)
        print(
            f"legwork --smoke: Legwork {__version__}, Python {sys.version.split()[0]}, in {folder}"
        )
        Run(folder, alarm, qt_args).all_steps()
    except SmokeError as failure:
        alarm.fail(str(failure))
    except BaseException:
        alarm.fail("an exception", traceback.format_exc())
    _at_exit(folder, alarm)
    print(f"legwork --smoke: passed in {alarm.elapsed():.1f} s; {folder} is removed at exit")
    return PASSED


def _at_exit(folder: Path, alarm: Alarm) -> None:
    """Remove ``folder`` as the process ends, then stop the watchdog.

    The decoding workers' start-up files are in a folder of TMPDIR (the run's), which
    multiprocessing removes at exit with priority -100: the folder goes after it. The
    watchdog keeps watching until then, so a hang on the way out fails the run too.
    """
    from multiprocessing.util import Finalize

    Finalize(None, shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True}, exitpriority=-200)
    Finalize(None, alarm.disarm, exitpriority=-300)


def _timeout() -> float:
    try:
        return float(os.environ.get(TIMEOUT_ENV, "") or TIMEOUT_S)
    except ValueError:
        return TIMEOUT_S


def private_environment(folder: Path) -> None:
    """Point HOME, the XDG folders and Legwork's own at ``folder``, before Qt starts."""
    # The display stays reachable: Wayland's socket is in the runtime folder, and X's cookie
    # defaults to ~/.Xauthority (ssh -X, startx) when XAUTHORITY does not name it.
    runtime, wayland = os.environ.get("XDG_RUNTIME_DIR"), os.environ.get("WAYLAND_DISPLAY")
    if runtime and wayland and not os.path.isabs(wayland):
        os.environ["WAYLAND_DISPLAY"] = os.path.join(runtime, wayland)
    cookie = Path(os.path.expanduser("~/.Xauthority"))
    if not os.environ.get("XAUTHORITY") and cookie.is_file():
        os.environ["XAUTHORITY"] = str(cookie)
    for name, sub in (
        ("HOME", "home"),
        ("XDG_CONFIG_HOME", "home/.config"),
        ("XDG_DATA_HOME", "home/.local/share"),
        ("XDG_STATE_HOME", "home/.local/state"),
        ("XDG_CACHE_HOME", "home/.cache"),
        ("XDG_RUNTIME_DIR", "runtime"),
        ("TMPDIR", "tmp"),
    ):
        path = folder / sub
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.environ[name] = str(path)
    tempfile.tempdir = None  # the next temporary file follows TMPDIR
    for name in ("LEGWORK_DB", "LEGWORK_STARTUP_PROFILE", "LEGWORK_QUIT_AFTER_PAINT"):
        os.environ.pop(name, None)
