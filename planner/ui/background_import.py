"""Import a slow module on a worker thread, then call back on the GUI thread.

Start-up loads SQLAlchemy and the charts load numpy this way, so the window never freezes
for an import. The worker refers only to a loader object that lives as long as the process
(made on the GUI thread, kept in a module global), never to a window or a widget: if a
worker thread held the last reference to a window, Python would free it on that thread and
Qt would delete widgets outside the GUI thread, which crashes. For the same reason Python's
cycle collector is paused while a worker imports: a collection runs on whichever thread
happens to allocate, and one on the worker would free windows and widgets left in reference
cycles there. It resumes on the GUI thread once the last import is done.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
import threading
import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)


class _Loader(QObject):
    """Loads one module once; :attr:`loaded` is emitted on the GUI thread when it is done."""

    loaded = Signal()

    def __init__(self, module: str) -> None:
        super().__init__()
        self._module = module
        self._started = False
        self.loaded.connect(self._done)  # queued: runs on the GUI thread, where this lives

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        _pause_collection()
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

    @Slot()
    def _done(self) -> None:
        _resume_collection()


_loaders: dict[str, _Loader] = {}
#: How many imports are running, and whether the cycle collector was on before the first.
_collection_paused = 0
_collection_was_enabled = False


def _pause_collection() -> None:
    global _collection_paused, _collection_was_enabled
    if _collection_paused == 0:
        _collection_was_enabled = gc.isenabled()
        gc.disable()
    _collection_paused += 1


def _resume_collection() -> None:
    global _collection_paused
    _collection_paused -= 1
    if _collection_paused == 0 and _collection_was_enabled:
        gc.enable()


def import_in_background(module: str, then: Callable[[], None]) -> None:
    """Import ``module`` on a worker thread, then call ``then`` on the GUI thread.

    ``then`` must be a method of a QObject; it is not called when that object is deleted
    first (the loader keeps only a weak reference to it). When the module is already
    imported, ``then`` runs on the next turn of the event loop. Call from the GUI thread.
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
    # Not ``connect(then)``: PySide can deliver the signal to a receiver deleted meanwhile
    # (its window closed while the module loaded), which crashes. The loader holds only a
    # weak reference to ``then``, and calls it through a timer that belongs to the receiver,
    # so nothing runs for a receiver that has gone.
    owner, method = weakref.ref(receiver), weakref.WeakMethod(then)

    def deliver() -> None:
        target, bound = owner(), method()
        if target is not None and bound is not None and shiboken6.isValid(target):
            QTimer.singleShot(0, target, bound)

    loader.loaded.connect(deliver)
    loader.start()
