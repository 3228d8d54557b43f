"""Whether the plan's full store is loaded yet, for the reads that need it.

An up-to-date plan is first read by the start-up reader (the standard library's ``sqlite3``)
while SQLAlchemy loads on a worker after the first paint. A read the reader cannot serve (a
recorded activity's numbers) would load the full store at once, on the GUI thread, and hold
the window for half a second: such reads wait with :meth:`StoreLoading.when_full_store`.
:class:`StoreLoading` is mixed into :class:`~planner.ui.controller.PlanController`, which
the composition root tells when the store is loading and when it has loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

__all__ = ["StoreLoading"]


class StoreLoading:
    """The full store's state: loaded (the default), or loading in the background."""

    _full_store_loading = False

    if TYPE_CHECKING:
        full_store_ready: SignalInstance

    @property
    def has_full_store(self) -> bool:
        """Whether the full store is loaded (reads that need it cost no wait)."""
        return not self._full_store_loading

    def store_loading(self) -> None:
        """The start-up reader serves the plan while the full store loads in the background."""
        self._full_store_loading = True

    def store_loaded(self) -> None:
        """The full store is loaded: whoever waited is called (``full_store_ready``)."""
        if self._full_store_loading:
            self._full_store_loading = False
            self.full_store_ready.emit()

    def when_full_store(self, receiver: QObject, then: Callable[[], object]) -> None:
        """Call ``then`` (a slot of ``receiver``) once the full store is loaded, never sooner.

        When it is loaded already: on the event loop's next turn. Asked again before the
        store has loaded, ``then`` is still called once.
        """
        if not self._full_store_loading:
            QTimer.singleShot(0, receiver, then)
        else:
            self.full_store_ready.connect(then, Qt.ConnectionType.UniqueConnection)
