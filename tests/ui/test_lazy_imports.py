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
