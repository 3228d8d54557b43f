"""Runs the real Legwork window in its own process and answers JSON-line queries on stdin.

Started by ``AppProcess`` (tests/e2e/conftest.py) with ``DISPLAY`` set to a private Xvfb and
``QT_QPA_PLATFORM=xcb``::

    python tests/e2e/driver.py --db PATH [--today YYYY-MM-DD] [--settings-dir DIR]
                               [--factory MODULE_OR_FILE:FUNCTION]

The window comes from ``planner.app:build_main_window(db_path, today=...)`` unless ``--factory``
names another callable with the same signature. It is shown at 0,0 1400x900; once it is exposed
the driver prints ``{"event": "ready", ...}``. Then every line on stdin is one JSON request and
gets exactly one JSON reply line on stdout (the app's own prints go to stderr):

    {"op": "ping"}                                  -> {"ok": true}
    {"op": "widget_rect", "name": "weekView"}       -> {"ok": true, "rect": {x, y, w, h}}
    {"op": "day_rect", "day": "2026-11-18"}         -> global rect of weekView.day_rect(day)
        (with "view": "monthView", of the month view's)
    {"op": "block_rect", "id": 7}                   -> global rect of weekView.block_rect(7)
    {"op": "template_rect", "name": "Easy run"}     -> global rect of workoutPalette.template_rect
    {"op": "call", "widget": "weekView", "method": "m", "args": [...]} -> {"ok", "result"}
    {"op": "findings"}                              -> warningsPanel.findings() as dicts
    {"op": "focus"}                                 -> the focus widget and the active window
    {"op": "activate"}                              -> activate and raise the main window
    {"op": "screenshot", "path": "/tmp/x.png"}      -> the whole screen, grabbed by Qt
    {"op": "errors"}                                -> uncaught exceptions so far (tracebacks)
    {"op": "quit"}                                  -> {"ok": true}, then the app quits

Rects are global screen pixels (``mapToGlobal``), ready for xdotool. A request may carry an
``"id"``, echoed in its reply. Errors come back as ``{"ok": false, "error": "..."}``.
Reading stdin happens on a thread that hands each line to the GUI thread through a queued
signal, so the Qt event loop (and any nested ``QDrag.exec`` loop) never blocks on it.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import enum
import importlib
import importlib.util
import json
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any, TextIO

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import (
    QObject,
    QRect,
    QSettings,
    Qt,
    QTimer,
    QtMsgType,
    Signal,
    Slot,
    qInstallMessageHandler,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

GEOMETRY = (0, 0, 1400, 900)
DEFAULT_FACTORY = "planner.app:build_main_window"


def _jsonable(value: Any) -> Any:
    """A JSON-friendly copy of ``value`` (dataclasses, enums, dates, sets, paths)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return _jsonable(value.value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return repr(value)


def _load_factory(spec: str) -> Callable[..., QWidget]:
    """``"pkg.module:func"`` or ``"path/to/file.py:func"`` -> the callable."""
    target, _, name = spec.rpartition(":")
    if not target or not name:
        raise SystemExit(f"--factory must look like MODULE:FUNCTION, not {spec!r}")
    module: ModuleType
    if target.endswith(".py"):
        path = Path(target).resolve()
        sys.path.insert(0, str(path.parent))
        loader_spec = importlib.util.spec_from_file_location(f"_e2e_factory_{path.stem}", path)
        if loader_spec is None or loader_spec.loader is None:
            raise SystemExit(f"cannot import {path}")
        module = importlib.util.module_from_spec(loader_spec)
        loader_spec.loader.exec_module(module)
    else:
        module = importlib.import_module(target)
    factory: Callable[..., QWidget] = getattr(module, name)
    return factory


class _StdinReader(QObject):
    """Reads stdin on a plain thread and hands each line to the GUI thread."""

    line = Signal(str)

    def start(self) -> None:
        threading.Thread(target=self._run, name="stdin-reader", daemon=True).start()

    def _run(self) -> None:
        for raw in sys.stdin:
            self.line.emit(raw)
        self.line.emit("")  # EOF: the test process went away


class Driver(QObject):
    """Owns the window and answers the test's requests."""

    def __init__(self, window: QWidget, out: TextIO) -> None:
        super().__init__()
        self.window = window
        self.out = out
        self.errors: list[str] = []
        self.qt_messages: list[str] = []
        self._ready_sent = False
        self._reader = _StdinReader()
        self._reader.line.connect(self.on_line, Qt.ConnectionType.QueuedConnection)

    # ------------------------------------------------------------ plumbing
    def send(self, payload: dict[str, Any]) -> None:
        self.out.write(json.dumps(payload) + "\n")
        self.out.flush()

    def excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """Record uncaught exceptions (in slots, too) instead of showing a dialog."""
        text = "".join(traceback.format_exception(kind, exc, tb))
        self.errors.append(text)
        sys.stderr.write(f"[driver] uncaught exception:\n{text}")
        sys.stderr.flush()

    def message_handler(self, mode: QtMsgType, context: Any, message: str) -> None:
        line = f"[qt {mode.name}] {message}"
        self.qt_messages.append(line)
        sys.stderr.write(line + "\n")

    def start(self) -> None:
        """Show the window at the fixed geometry and report when it is exposed."""
        self.window.setGeometry(*GEOMETRY)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self._poll = QTimer(self)
        self._poll.setInterval(20)
        self._poll.timeout.connect(self._check_exposed)
        self._poll.start()
        self._reader.start()

    @Slot()
    def _check_exposed(self) -> None:
        handle = self.window.windowHandle()
        if handle is None or not handle.isExposed() or self._ready_sent:
            return
        self._poll.stop()
        self.window.activateWindow()
        self._ready_sent = True
        # One more turn of the loop so that layouts have settled before the first query.
        QTimer.singleShot(50, self._send_ready)

    @Slot()
    def _send_ready(self) -> None:
        self.send(
            {
                "event": "ready",
                "pid": os.getpid(),
                "platform": QGuiApplication.platformName(),
                "window": self._global(self.window, self.window.rect()),
            }
        )

    # ------------------------------------------------------------ requests
    @Slot(str)
    def on_line(self, raw: str) -> None:
        if raw == "":
            self._quit()
            return
        raw = raw.strip()
        if not raw:
            return
        request: dict[str, Any] = {}
        try:
            request = json.loads(raw)
            op = request.get("op")
            handler = getattr(self, f"op_{op}", None)
            if handler is None:
                raise ValueError(f"unknown op {op!r}")
            reply = {"ok": True, **handler(request)}
        except Exception as exc:  # every failure becomes a reply, never a dead driver
            reply = {
                "ok": False,
                "error": f"{type(exc).__name__}: {exc}",
                "traceback": traceback.format_exc(),
            }
        if "id" in request:
            reply["id"] = request["id"]
        self.send(reply)

    def _child(self, name: str | None) -> QWidget:
        if not name:
            return self.window
        if self.window.objectName() == name:
            return self.window
        widget = self.window.findChild(QWidget, name)
        if widget is None:
            raise LookupError(f"no widget named {name!r}")
        return widget

    @staticmethod
    def _global(widget: QWidget, rect: QRect) -> dict[str, int]:
        top_left = widget.mapToGlobal(rect.topLeft())
        return {"x": top_left.x(), "y": top_left.y(), "w": rect.width(), "h": rect.height()}

    def _rect_reply(self, widget: QWidget, rect: Any) -> dict[str, Any]:
        if not isinstance(rect, QRect):
            raise TypeError(f"expected a QRect, got {type(rect).__name__}")
        return {"rect": self._global(widget, rect), "visible": widget.isVisible()}

    def op_ping(self, request: dict[str, Any]) -> dict[str, Any]:
        return {}

    def op_widget_rect(self, request: dict[str, Any]) -> dict[str, Any]:
        widget = self._child(request.get("name"))
        return self._rect_reply(widget, widget.rect())

    def op_day_rect(self, request: dict[str, Any]) -> dict[str, Any]:
        view = self._child(request.get("view") or "weekView")
        day = dt.date.fromisoformat(request["day"])
        return self._rect_reply(view, view.day_rect(day))  # type: ignore[attr-defined]

    def op_block_rect(self, request: dict[str, Any]) -> dict[str, Any]:
        view = self._child("weekView")
        return self._rect_reply(view, view.block_rect(int(request["workout_id"])))  # type: ignore[attr-defined]

    def op_template_rect(self, request: dict[str, Any]) -> dict[str, Any]:
        palette = self._child("workoutPalette")
        return self._rect_reply(palette, palette.template_rect(request["name"]))  # type: ignore[attr-defined]

    def op_call(self, request: dict[str, Any]) -> dict[str, Any]:
        widget = self._child(request.get("widget"))
        result = getattr(widget, request["method"])(*request.get("args", []))
        if isinstance(result, QRect):
            return {"result": self._global(widget, result)}
        return {"result": _jsonable(result)}

    def op_findings(self, request: dict[str, Any]) -> dict[str, Any]:
        panel = self._child("warningsPanel")
        return {"findings": _jsonable(list(panel.findings()))}  # type: ignore[attr-defined]

    def op_focus(self, request: dict[str, Any]) -> dict[str, Any]:
        focus = QApplication.focusWidget()
        active = QApplication.activeWindow()
        return {
            "focus": focus.objectName() if focus else None,
            "focus_class": type(focus).__name__ if focus else None,
            "active_window": active is self.window,
        }

    def op_activate(self, request: dict[str, Any]) -> dict[str, Any]:
        self.window.raise_()
        self.window.activateWindow()
        return {}

    def op_screenshot(self, request: dict[str, Any]) -> dict[str, Any]:
        screen = QGuiApplication.primaryScreen()
        ok = screen.grabWindow(0).save(request["path"], "PNG")
        if not ok:
            raise OSError(f"could not save {request['path']}")
        return {"path": request["path"]}

    def op_errors(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"errors": list(self.errors)}

    def op_qt_messages(self, request: dict[str, Any]) -> dict[str, Any]:
        return {"messages": list(self.qt_messages)}

    def op_quit(self, request: dict[str, Any]) -> dict[str, Any]:
        QTimer.singleShot(0, self._quit)
        return {}

    @Slot()
    def _quit(self) -> None:
        self.window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--settings-dir", type=Path, default=None)
    parser.add_argument("--factory", default=DEFAULT_FACTORY)
    args = parser.parse_args(argv)

    # The protocol owns the real stdout; anything the app prints goes to stderr.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1, encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr

    app = QApplication(["legwork-e2e"])
    app.setApplicationName("Legwork-e2e")
    app.setOrganizationName("Legwork-tests")
    if args.settings_dir is not None:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
                QSettings.setPath(fmt, scope, str(args.settings_dir / scope.name))

    window = _load_factory(args.factory)(args.db, today=args.today)
    driver = Driver(window, out)
    qInstallMessageHandler(driver.message_handler)
    sys.excepthook = driver.excepthook
    driver.start()
    code = app.exec()
    sys.stderr.write(f"[driver] event loop finished with {code}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
