"""End-to-end fixtures: a private Xvfb, the real app in its own process, real input via xdotool.

The pytest process keeps rendering offscreen (tests/conftest.py); only the app process started
by ``launch_app`` talks to the X server. Typical test::

    def test_drop_easy_run(launch_app, xdo, db_path):
        app = launch_app(db_path, today="2026-11-18")
        src = app.template_rect("Easy run")
        dst = app.day_rect("2026-11-19")
        xdo.drag(*src.center, *dst.center)
        app.wait_until(lambda: app.db_rows("SELECT day FROM workouts") == [("2026-11-19",)])

Every test under tests/e2e is marked ``e2e``. The tests are skipped (with the reason) only when
the ``Xvfb`` or ``xdotool`` binaries are missing, or Qt cannot load (tests/conftest.py); CI
installs all of them and sets ``LEGWORK_TESTS_STRICT=1``, which makes a missing one an error.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.xdo import Xdo
from tests.e2e.xvfb import missing_tools, start_xvfb, stop_xvfb
from tests.system import STRICT_ENV, X_TOOLS_HINT, strict

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "driver.py"
REPO = HERE.parent.parent
START_TIMEOUT = 60.0  # seconds for the app to build its window and be exposed
QUERY_TIMEOUT = 20.0


# ---------------------------------------------------------------- marking and reports
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"_legwork_rep_{report.when}", report)
    return report


# ---------------------------------------------------------------- geometry
class Rect:
    """A global screen rectangle reported by the app.

    Attributes:
        x, y, w, h: position and size in screen pixels.
    """

    def __init__(self, x: int, y: int, w: int, h: int) -> None:
        self.x, self.y, self.w, self.h = x, y, w, h

    @classmethod
    def from_json(cls, data: dict[str, int]) -> Rect:
        return cls(data["x"], data["y"], data["w"], data["h"])

    @property
    def center(self) -> tuple[int, int]:
        return self.x + self.w // 2, self.y + self.h // 2

    def point(self, fx: float, fy: float) -> tuple[int, int]:
        """A point at fractions of the width and height (0.5, 0.5 is the centre)."""
        return self.x + round(self.w * fx), self.y + round(self.h * fy)

    @property
    def empty(self) -> bool:
        return self.w <= 0 or self.h <= 0

    def contains(self, other: Rect) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.x + other.w <= self.x + self.w
            and other.y + other.h <= self.y + self.h
        )

    def __repr__(self) -> str:
        return f"Rect(x={self.x}, y={self.y}, w={self.w}, h={self.h})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rect) and (self.x, self.y, self.w, self.h) == (
            other.x,
            other.y,
            other.w,
            other.h,
        )

    __hash__ = None  # type: ignore[assignment]


# ---------------------------------------------------------------- the X server
@pytest.fixture(scope="session")
def xserver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private Xvfb for the whole session; yields its DISPLAY (e.g. ``":7"``)."""
    missing = missing_tools("Xvfb", "xdotool")
    if missing:
        reason = f"end-to-end tests need {' and '.join(missing)} ({X_TOOLS_HINT})"
        if strict():
            pytest.fail(f"{STRICT_ENV} is set, but {reason}", pytrace=False)
        pytest.skip(reason)
    log = tmp_path_factory.mktemp("xvfb") / "xvfb.log"
    proc, display = start_xvfb(log)
    try:
        yield display
    finally:
        stop_xvfb(proc)


@pytest.fixture
def xdo(xserver: str) -> Xdo:
    """Mouse and keyboard of the private X server: ``drag``, ``click``, ``key``, ``type``..."""
    return Xdo(xserver)


# ---------------------------------------------------------------- the app in its own process
class AppProcess:
    """The app running ``driver.py`` on the private X server, queried over JSON lines.

    Attributes:
        db_path: the database the app has open.
        proc: the child process.
        log_path: where its stderr goes (shown when a test fails).
        ready: the driver's ``ready`` event (``window`` rect, ``platform``).
    """

    def __init__(
        self,
        display: str,
        db_path: Path,
        *,
        today: dt.date | str | None,
        work_dir: Path,
        factory: str | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.db_path = Path(db_path)
        self.log_path = work_dir / "app-stderr.log"
        cmd = [sys.executable, str(DRIVER), "--db", str(self.db_path)]
        if today is not None:
            cmd += ["--today", today if isinstance(today, str) else today.isoformat()]
        cmd += ["--settings-dir", str(work_dir / "app-settings")]
        if factory is not None:
            cmd += ["--factory", factory]
        env = {**os.environ, **(extra_env or {})}
        env.update(
            {
                "DISPLAY": display,
                "QT_QPA_PLATFORM": "xcb",
                "PYQTGRAPH_QT_LIB": "PySide6",
                "PYTHONUNBUFFERED": "1",
                "PYTHONPATH": os.pathsep.join(
                    p for p in (str(REPO), env.get("PYTHONPATH", "")) if p
                ),
            }
        )
        for var in ("WAYLAND_DISPLAY", "QT_SCALE_FACTOR", "QT_SCREEN_SCALE_FACTORS"):
            env.pop(var, None)
        env.setdefault("QT_AUTO_SCREEN_SCALE_FACTOR", "0")
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            cmd,
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            bufsize=1,
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._next_id = 0
        threading.Thread(target=self._pump, name="app-stdout", daemon=True).start()
        ready = self._receive(lambda msg: msg.get("event") == "ready", START_TIMEOUT)
        self.ready: dict[str, Any] = ready

    # ------------------------------------------------------------ plumbing
    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def log_tail(self, chars: int = 6000) -> str:
        self._log.flush()
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def _receive(self, match: Callable[[dict[str, Any]], bool], timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"the app did not answer in {timeout} s\n{self.log_tail()}")
            try:
                line = self._lines.get(timeout=left)
            except queue.Empty:
                continue
            if line is None:
                code = self.proc.wait()
                raise RuntimeError(f"the app exited (code {code})\n{self.log_tail()}")
            message: dict[str, Any] = json.loads(line)
            if match(message):
                return message

    def request(self, op: str, *, timeout: float = QUERY_TIMEOUT, **fields: Any) -> dict[str, Any]:
        """Send one request and return the reply; raises when the app reports an error."""
        assert self.proc.stdin is not None
        self._next_id += 1
        ident = self._next_id
        if "id" in fields:
            raise ValueError("'id' names the request itself; give the field another name")
        try:
            self.proc.stdin.write(json.dumps({"op": op, "id": ident, **fields}) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError as exc:
            raise RuntimeError(f"the app has exited\n{self.log_tail()}") from exc
        reply = self._receive(lambda msg: msg.get("id") == ident, timeout)
        if not reply.get("ok"):
            raise RuntimeError(f"{op} failed in the app: {reply.get('traceback') or reply}")
        return reply

    # ------------------------------------------------------------ queries
    def ping(self) -> None:
        self.request("ping")

    def widget_rect(self, name: str | None = None) -> Rect:
        """Global rect of the widget with this objectName (the main window when None)."""
        return Rect.from_json(self.request("widget_rect", name=name)["rect"])

    def day_rect(self, day: dt.date | str) -> Rect:
        return Rect.from_json(self.request("day_rect", day=str(day))["rect"])

    def block_rect(self, workout_id: int) -> Rect:
        return Rect.from_json(self.request("block_rect", workout_id=workout_id)["rect"])

    def template_rect(self, name: str) -> Rect:
        return Rect.from_json(self.request("template_rect", name=name)["rect"])

    def call(self, widget: str | None, method: str, *args: Any) -> Any:
        """Call ``widget.method(*args)`` in the app (JSON in and out; QRects become global)."""
        return self.request("call", widget=widget, method=method, args=list(args))["result"]

    def findings(self) -> list[dict[str, Any]]:
        findings: list[dict[str, Any]] = self.request("findings")["findings"]
        return findings

    def focus(self) -> dict[str, Any]:
        return self.request("focus")

    def activate(self) -> None:
        self.request("activate")

    def errors(self) -> list[str]:
        errors: list[str] = self.request("errors")["errors"]
        return errors

    def screenshot(self, path: str | Path) -> Path:
        """The whole screen as PNG, grabbed by the app's Qt (needs no ImageMagick)."""
        self.request("screenshot", path=str(path))
        return Path(path)

    # ------------------------------------------------------------ database
    def db_rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run ``sql`` on a fresh read-only connection to the app's database."""
        conn = sqlite3.connect(f"{self.db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def wait_until(
        self, condition: Callable[[], Any], *, timeout: float = 10, interval: float = 0.05
    ) -> Any:
        """Poll ``condition`` until it returns something truthy; fail if the app dies first."""
        deadline = time.monotonic() + timeout
        last_error: BaseException | None = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the app exited ({self.proc.returncode})\n{self.log_tail()}")
            try:
                value = condition()
            except (sqlite3.Error, AssertionError) as exc:
                last_error, value = exc, None
            if value:
                return value
            time.sleep(interval)
        raise TimeoutError(f"condition not met in {timeout} s (last error: {last_error!r})")

    # ------------------------------------------------------------ shutdown
    def quit(self, timeout: float = 20) -> int:
        """Ask the app to quit and wait for it; returns its exit code."""
        if self.proc.poll() is None:
            with contextlib.suppress(RuntimeError, TimeoutError):
                self.request("quit")
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise
        self._close_pipes()
        return self.proc.returncode

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._close_pipes()

    def _close_pipes(self) -> None:
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()
        self._log.close()


@pytest.fixture
def launch_app(
    xserver: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[..., AppProcess]]:
    """Factory: ``launch_app(db_path, today=None, factory=None, extra_env=None) -> AppProcess``.

    Each app is quit at the end of the test; the test fails if the app logged an uncaught
    exception or did not exit cleanly. When the test failed, a screenshot and the app's stderr
    are kept next to the test's tmp_path and their paths printed.
    """
    apps: list[AppProcess] = []

    def launch(
        db_path: Path,
        *,
        today: dt.date | str | None = None,
        factory: str | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> AppProcess:
        work_dir = tmp_path / f"app{len(apps)}"
        work_dir.mkdir()
        app = AppProcess(
            xserver, db_path, today=today, work_dir=work_dir, factory=factory, extra_env=extra_env
        )
        apps.append(app)
        return app

    yield launch

    failed = getattr(request.node, "_legwork_rep_call", None)
    problems: list[str] = []
    for index, app in enumerate(apps):
        if app.proc.poll() is not None:
            app._close_pipes()
            continue
        if failed is not None and failed.failed:
            shot = tmp_path / f"app{index}-failure.png"
            try:
                app.screenshot(shot)
                sys.stderr.write(f"\n[e2e] screenshot of the failed test: {shot}\n")
            except Exception as exc:  # a broken app must not hide the real failure
                sys.stderr.write(f"\n[e2e] no screenshot: {exc}\n")
            sys.stderr.write(f"[e2e] app stderr ({app.log_path}):\n{app.log_tail()}\n")
        try:
            errors = app.errors()
        except Exception as exc:
            errors = [f"could not ask the app for its errors: {exc}"]
        problems += errors
        try:
            code = app.quit()
        except subprocess.TimeoutExpired:
            problems.append("the app did not quit within 20 s and was killed")
            continue
        if code != 0:
            problems.append(f"the app exited with code {code}:\n{app.log_tail()}")
    if problems and not (failed is not None and failed.failed):
        pytest.fail("the app reported problems:\n" + "\n".join(problems), pytrace=False)
