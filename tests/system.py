"""What this machine can run tests with, beyond Python and the ``test`` extra.

The README's test line must pass on a machine with only Python and pip. Three things may be
missing there, and the tests that need them skip with the reason (CI installs all three):

- Qt's GUI libraries: PySide6's wheels bring Qt, but Qt's GUI module loads system libraries
  (libEGL, libGL, libxkbcommon, fontconfig, D-Bus) that a bare machine may not have;
- ``Xvfb`` and ``xdotool``, for the end-to-end tests (``tests/e2e``).

With ``LEGWORK_TESTS_STRICT=1`` (``.ci/run`` sets it) a missing piece is an error instead of a
skip, so CI can never pass by skipping what it meant to test.

This module must import without PySide6: CI runs ``tests/core`` where Qt is not installed.
"""

from __future__ import annotations

import importlib
import importlib.util
import os

import pytest

#: Set to 1 to turn "missing here, skipped" into an error.
STRICT_ENV = "LEGWORK_TESTS_STRICT"

QT_LIBRARIES_HINT = (
    "Debian: apt-get install libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 "
    "libglib2.0-0; .ci/run installs them"
)
X_TOOLS_HINT = "Debian: apt-get install xvfb xdotool; .ci/run installs them"


def strict() -> bool:
    """Whether a missing system piece must fail the run rather than skip tests."""
    return os.environ.get(STRICT_ENV, "") not in ("", "0")


def _qt_problem() -> str | None:
    if importlib.util.find_spec("PySide6") is None:
        return "PySide6 is not installed"
    try:
        # QtGui is the module that loads the system's graphics, keyboard and font libraries;
        # the offscreen platform plugin needs the same ones.
        for module in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"):
            importlib.import_module(module)
    except ImportError as exc:
        return f"Qt cannot load here ({exc}); {QT_LIBRARIES_HINT}"
    return None


#: Why Qt's widgets cannot run in this environment, or ``None`` when they can.
QT_PROBLEM: str | None = _qt_problem()

#: For a test outside tests/ui that needs Qt all the same (printing, a spawned app).
needs_qt = pytest.mark.skipif(QT_PROBLEM is not None, reason=str(QT_PROBLEM))
