"""Start-up loads only what the first paint needs: printing and the dialogs load when first used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_SCRIPT = r"""
import json, sys
from datetime import date
from PySide6.QtWidgets import QApplication

app = QApplication([])
from planner.app import build_main_window

def loaded():
    names = ("planner.ui.printing", "planner.ui.dialogs", "PySide6.QtPrintSupport")
    return sorted(m for m in sys.modules if m.startswith(names))

window = build_main_window(sys.argv[1], today=date(2026, 11, 18))
window.show()
app.processEvents()
before = loaded()
window.week_printer  # File > Print, Preview or Export makes the printer
window.selection_actions.new_workout()  # File > New Workout… opens the editor
app.processEvents()
after = loaded()
window.close()
print(json.dumps({"before": before, "after": after}))
"""


def test_printing_and_dialogs_load_after_the_first_paint(db_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(db_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["before"] == []
    assert "planner.ui.printing" in report["after"]
    assert "PySide6.QtPrintSupport" in report["after"]
    assert "planner.ui.dialogs.workout_editor" in report["after"]


_FIRST_PAINT_SCRIPT = r"""
import json, sys, time
from datetime import date
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

app = QApplication([])
from planner.app import build_main_window

LATER = sys.argv[2].split(",")


class AtFirstPaint(QObject):
    loaded = None

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.loaded is None:
            self.loaded = sorted(m for m in LATER if m in sys.modules)
        return False


window = build_main_window(sys.argv[1], today=date(2026, 11, 18))
probe = AtFirstPaint()
window.week_view.installEventFilter(probe)
window.show()
deadline = time.monotonic() + 20
while not window.warnings.is_loaded and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
report = {
    "at_first_paint": probe.loaded,
    "warnings_loaded_after": window.warnings.is_loaded,
    "after": sorted(m for m in LATER if m in sys.modules),
}
window.close()
print(json.dumps(report))
"""

#: What the first paint does without: the rules load with the first evaluation of the
#: warnings, right after it.
_AFTER_THE_FIRST_PAINT = ("planner.core.rules", "planner.core.load", "planner.core.involvement")


def test_the_rules_load_after_the_first_paint_and_the_warnings_follow(db_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _FIRST_PAINT_SCRIPT, str(db_path), ",".join(_AFTER_THE_FIRST_PAINT)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["at_first_paint"] == []
    assert report["warnings_loaded_after"] is True
    assert report["after"] == sorted(_AFTER_THE_FIRST_PAINT)
