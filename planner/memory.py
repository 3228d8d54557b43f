"""Keep the running app's memory small where the C library lets us tune it (glibc only).

Two measured steps (``tests/perf/bench.py``, the settled RSS on the 10-year history):

* one malloc arena: glibc gives each thread that allocates its own arena (64 MiB of address
  space, of which every page touched stays resident). Start-up imports SQLAlchemy and numpy
  on a worker thread, and Qt runs threads of its own; their arenas keep pages that the main
  arena could have reused. Python's own allocator sits on top either way, and Legwork's work
  is on the GUI thread, so one arena costs no speed that can be measured here;
* once the start is done, drop the source lines PySide6 read (see :func:`return_free_memory`)
  and hand freed pages back (``malloc_trim``): the imports, the first evaluation of the
  warnings and the charts' first drawing leave free memory behind.

Elsewhere (macOS, Windows, musl) both do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import linecache
import logging
import sys
from functools import cache
from typing import Final

__all__ = ["limit_malloc_arenas", "return_free_memory"]

log = logging.getLogger(__name__)

#: glibc's ``mallopt`` parameter for the most arenas (``M_ARENA_MAX`` in malloc.h).
_M_ARENA_MAX: Final = -8


@cache
def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt  # noqa: B018 - glibc has these; musl has not
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def limit_malloc_arenas() -> None:
    """Let every thread share one malloc arena; call before any thread starts."""
    libc = _glibc()
    if libc is not None and libc.mallopt(_M_ARENA_MAX, 1) != 1:
        log.debug("mallopt(M_ARENA_MAX) was refused")


def return_free_memory() -> None:
    """Drop the source lines PySide6 had read, and hand the pages malloc holds free back.

    PySide6's import hook reads the source of every module imported after it (looking for
    ``from __feature__ import``) through :mod:`linecache`, which keeps each line: about
    10 MiB of text once SQLAlchemy, numpy and pyqtgraph are in. A traceback reads the lines
    it needs again.
    """
    linecache.clearcache()
    gc.collect()
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
