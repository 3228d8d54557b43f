"""Import a slow module on a worker thread, then call back on the GUI thread.

Start-up loads SQLAlchemy and the charts load numpy this way, so the window never freezes
for an import. The worker refers only to a loader object that lives as long as the process
(made on the GUI thread, kept in a module global), never to a window or a widget: if a
worker thread held the last reference to a window, Python would free it on that thread and
Qt would delete widgets outside the GUI thread, which crashes.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)


class _Loader(QObject):
    """Loads one module once; :attr:`loaded` is emitted on the GUI thread when it is done."""

    loaded = Signal()

    def __init__(self, module: str) -> None:
        super().__init__()
        self._module = module
        self._started = False

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        threading.Thread(
            target=self._load, name=f"legwork-import-{self._module}", daemon=True
        ).start()

    def _load(self) -> None:
        try:
            importlib.import_module(self._module)
        except Exception:  # the receiver imports it again and reports what went wrong
            log.exception("importing %s in the background failed", self._module)
        finally:
            self.loaded.emit()


_loaders: dict[str, _Loader] = {}


def import_in_background(module: str, then: Callable[[], None]) -> None:
    """Import ``module`` on a worker thread, then call ``then`` on the GUI thread.

    ``then`` must be a method of a QObject; it is not called when that object is deleted
    first. When the module is already imported, ``then`` runs on the next turn of the event
    loop. Call from the GUI thread.
    """
    receiver = getattr(then, "__self__", None)
    if not isinstance(receiver, QObject):
        raise TypeError("import_in_background needs a method of a QObject to call back")
    if module in sys.modules:
        QTimer.singleShot(0, receiver, then)
        return
    loader = _loaders.get(module)
    if loader is None:
        loader = _loaders[module] = _Loader(module)
    loader.loaded.connect(then)  # a bound method: Qt disconnects it when its object goes
    loader.start()
