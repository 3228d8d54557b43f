"""The floor under Legwork's start-up: a bare PySide6 main window with one label.

``bench.py`` launches this exactly as it launches Legwork (same interpreter, platform,
environment and measurement), so the ratio of the two start-up times says how much of
Legwork's start-up is Legwork's own and how much any Qt window pays. Like the app with
``LEGWORK_STARTUP_PROFILE=1``, it prints ``legwork-startup: rss_kib=N`` on stderr after the
label's first paint, and with ``LEGWORK_QUIT_AFTER_PAINT=1`` it then quits.

    python tests/perf/bare_window.py
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

#: The size Legwork's main window opens at on a large enough screen.
SIZE = (1320, 820)


def _rss_kib() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


class _FirstPaint(QObject):
    """Reports the first paint of ``target`` on stderr, as Legwork's start-up probe does."""

    def __init__(self, target: QWidget, *, quit_after: bool) -> None:
        super().__init__(target)
        self._target = target
        self._quit_after = quit_after
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target and event.type() == QEvent.Type.Paint:
            self._target.removeEventFilter(self)
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        if os.environ.get("LEGWORK_STARTUP_PROFILE"):
            sys.stderr.write(f"legwork-startup: rss_kib={_rss_kib()}\n")
            sys.stderr.flush()
        if self._quit_after:
            QApplication.quit()


def main() -> int:
    """Show the window; returns the event loop's exit code."""
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Legwork start-up floor")
    label = QLabel("A bare main window with one label")
    window.setCentralWidget(label)
    window.resize(*SIZE)
    _FirstPaint(label, quit_after=bool(os.environ.get("LEGWORK_QUIT_AFTER_PAINT")))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
