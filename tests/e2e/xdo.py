"""Real input events on an X server, through xdotool.

Qt's ``QDrag.exec`` runs a nested event loop in the app, so a drag is written as ONE shell script
(press, moves in small steps with short sleeps, release) and run by a background process
(``subprocess.Popen``). The app runs in its own process anyway (see ``driver.py``), so the test
may simply wait for the script to finish.
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

#: xdotool's names for the modifier keys a test may hold during a drag.
MODIFIERS = {"ctrl": "ctrl", "control": "ctrl", "shift": "shift", "alt": "alt"}


class Xdo:
    """Drives the mouse and keyboard of one X display.

    Attributes:
        display: the X display, e.g. ``":99"``.
    """

    def __init__(self, display: str) -> None:
        self.display = display
        self._env = {**os.environ, "DISPLAY": display}
        self._env.pop("WAYLAND_DISPLAY", None)

    # ------------------------------------------------------------ low level
    def run(self, *args: str, timeout: float = 30) -> str:
        """Run ``xdotool ARGS...`` and return what it printed."""
        done = subprocess.run(
            ["xdotool", *args],
            env=self._env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def script(self, lines: Sequence[str]) -> subprocess.Popen[bytes]:
        """Start a shell script of xdotool lines in the background; the caller waits on it."""
        fd, name = tempfile.mkstemp(prefix="legwork-xdo-", suffix=".sh")
        with os.fdopen(fd, "w") as fh:
            fh.write("#!/bin/sh\nset -e\n")
            fh.write("\n".join(lines))
            fh.write(f"\nrm -f {shlex.quote(name)}\n")
        os.chmod(name, stat.S_IRWXU)
        return subprocess.Popen(["/bin/sh", name], env=self._env)

    # ------------------------------------------------------------ gestures
    def drag(
        self,
        x1: int,
        y1: int,
        x2: int,
        y2: int,
        *,
        steps: int = 20,
        modifiers: Sequence[str] = (),
        step_delay: float = 0.03,
        wait: bool = True,
        timeout: float = 30,
    ) -> subprocess.Popen[bytes]:
        """Press the left button at (x1, y1), move in ``steps`` steps to (x2, y2), release.

        ``modifiers`` (e.g. ``("ctrl",)`` for a copy) are held from just after the drag has
        started until after the release. Coordinates are global screen pixels.
        Returns the finished (or, with ``wait=False``, running) script process.
        """
        keys = [MODIFIERS[m.lower()] for m in modifiers]
        lines = [
            f"xdotool mousemove --sync {x1} {y1}",
            "sleep 0.15",
            "xdotool mousedown 1",
            "sleep 0.15",
        ]
        steps = max(steps, 2)
        for i in range(1, steps + 1):
            x = round(x1 + (x2 - x1) * i / steps)
            y = round(y1 + (y2 - y1) * i / steps)
            lines.append(f"xdotool mousemove {x} {y}")
            lines.append(f"sleep {step_delay}")
            if i == 2 and keys:  # the drag has started: now the modifiers choose the action
                lines.extend(f"xdotool keydown {k}" for k in keys)
        # A few wiggles on the target, so the last DragMove (and its preview) is processed.
        lines += [
            f"xdotool mousemove {x2 + 1} {y2}",
            "sleep 0.1",
            f"xdotool mousemove {x2} {y2}",
            "sleep 0.3",
            "xdotool mouseup 1",
            "sleep 0.1",
        ]
        lines.extend(f"xdotool keyup {k}" for k in reversed(keys))
        proc = self.script(lines)
        if wait:
            proc.wait(timeout=timeout)
            if proc.returncode != 0:
                raise RuntimeError(f"xdotool drag script failed with exit code {proc.returncode}")
        return proc

    def click(self, x: int, y: int, *, button: int = 1, repeat: int = 1) -> None:
        """Move to (x, y) and click (``repeat=2`` for a double click)."""
        self.run("mousemove", "--sync", str(x), str(y))
        self.run("click", "--repeat", str(repeat), "--delay", "80", str(button))

    def move(self, x: int, y: int) -> None:
        """Move the pointer to (x, y)."""
        self.run("mousemove", "--sync", str(x), str(y))

    def key(self, *combos: str) -> None:
        """Press key combinations, e.g. ``key("ctrl+z")`` or ``key("Delete", "Return")``."""
        self.run("key", "--clearmodifiers", "--delay", "60", *combos)

    def type(self, text: str) -> None:
        """Type ``text`` into the focused widget."""
        self.run("type", "--clearmodifiers", "--delay", "20", text)

    def screenshot(self, path: str | Path) -> Path:
        """Save the whole screen as PNG (needs ImageMagick's ``import``)."""
        if shutil.which("import") is None:
            raise RuntimeError(
                "ImageMagick's `import` is not installed; use AppProcess.screenshot() instead"
            )
        subprocess.run(
            ["import", "-window", "root", str(path)], env=self._env, check=True, timeout=30
        )
        return Path(path)
