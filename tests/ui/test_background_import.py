"""A slow import on a worker thread calls back on the GUI thread, never to an object gone.

A window closed while SQLAlchemy or numpy still load in the background (File ▸ Open Plan…
right after start, or a test that ends at once) must not be called back: PySide delivered
such a call to the deleted object and the process crashed.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Slot

from planner.ui.background_import import import_in_background


class Receiver(QObject):
    def __init__(self, calls: list[str]) -> None:
        super().__init__()
        self.calls = calls

    @Slot()
    def loaded(self) -> None:
        self.calls.append("loaded")


@pytest.fixture
def slow_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, threading.Event]:
    """A module whose import waits until the test lets it finish."""
    name = f"legwork_slow_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text(
        "import builtins\nbuiltins._legwork_release.wait(10)\n", encoding="utf-8"
    )
    release = threading.Event()
    monkeypatch.setattr("builtins._legwork_release", release, raising=False)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name, release
    sys.modules.pop(name, None)


def test_the_receiver_is_called_on_the_gui_thread_once_the_module_is_loaded(
    qtbot: Any, slow_module: tuple[str, threading.Event]
) -> None:
    name, release = slow_module
    calls: list[str] = []
    receiver = Receiver(calls)
    import_in_background(name, receiver.loaded)
    assert calls == []  # still importing
    release.set()
    qtbot.waitUntil(lambda: calls == ["loaded"], timeout=5000)
    assert name in sys.modules


def test_a_receiver_deleted_while_the_module_loads_is_not_called(
    qtbot: Any, slow_module: tuple[str, threading.Event]
) -> None:
    name, release = slow_module
    calls: list[str] = []
    gone = Receiver(calls)
    import_in_background(name, gone.loaded)
    gone.deleteLater()
    del gone
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # deleted now
    stays = Receiver(calls)
    import_in_background(name, stays.loaded)  # the same module, asked for again
    release.set()
    qtbot.waitUntil(lambda: calls == ["loaded"], timeout=5000)  # only the one still there
