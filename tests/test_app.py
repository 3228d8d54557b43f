"""The composition root: building the wired window, refusing files that are not plans, run()."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from planner.app import build_main_window
from planner.core.ports import StorageError
from planner.storage.db import open_database
from planner.ui.main_window import MainWindow
from tests.fakes import write_workouts

TODAY = date(2026, 11, 18)  # a Wednesday in 2026-W47


def show(qtbot: Any, window: MainWindow) -> MainWindow:
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window


def main_windows() -> list[QWidget]:
    """The main windows alive now (earlier tests' closed windows deleted first)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` with its bytes (side files like ``-wal`` included)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# -- files that are not plans -------------------------------------------------------------
def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def garbage_file(path: Path) -> None:
    path.write_bytes(b"These are my running notes, not a database.\n" * 200)


def truncated_plan(path: Path) -> None:
    """A real plan file cut after half of its pages (a copy interrupted half way)."""
    source = path.with_name("whole.sqlite3")
    open_database(source).close()
    data = source.read_bytes()
    source.unlink()
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    assert pages >= 4, "the plan should span a few pages"
    path.write_bytes(data[: (pages // 2) * page_size])


def foreign_database(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('Ana', '555-0100')")
    connection.close()


def newer_plan(path: Path) -> None:
    """A plan written by a future Legwork (an unknown schema revision)."""
    open_database(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    connection.close()


@pytest.mark.parametrize(
    ("make", "says"),
    [
        pytest.param(empty_file, "is empty", id="zero-length"),
        pytest.param(garbage_file, "not an SQLite database", id="garbage"),
        pytest.param(truncated_plan, "cut short", id="truncated"),
        pytest.param(foreign_database, "database of another application", id="foreign"),
        pytest.param(newer_plan, "written by a newer Legwork", id="newer-schema"),
    ],
)
def test_files_that_are_not_usable_plans_are_refused_and_left_untouched(
    qapp: QApplication,
    tmp_path: Path,
    make: Callable[[Path], None],
    says: str,
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.sqlite3"
    make(path)
    before = folder_state(folder)

    with pytest.raises(StorageError) as refused:
        build_main_window(path, today=TODAY)

    assert says in str(refused.value)
    assert refused.value.hint, "the message should say what to do"
    assert folder_state(folder) == before  # byte-identical, no -wal/-shm/-journal left
    assert main_windows() == []


# -- the window it builds -------------------------------------------------------------------
def test_a_new_file_becomes_a_plan_with_the_library(qtbot: Any, db_path: Path) -> None:
    assert not db_path.exists()
    window = show(qtbot, build_main_window(db_path, today=TODAY))
    assert db_path.exists()
    assert db_path.stat().st_mode & 0o777 == 0o600  # it holds health data
    assert window.week_view.week.start == date(2026, 11, 16)  # --today is honoured
    assert window.week_view.selected_day == TODAY
    names = [t.name for t in window.library.shown_templates()]
    assert "Easy run" in names and "Rest day" in names
    assert db_path.name in window.windowTitle()


def test_public_widgets_carry_their_names_and_the_week_has_focus(qtbot: Any, db_path: Path) -> None:
    window = show(qtbot, build_main_window(db_path, today=TODAY))
    week = window.findChild(QWidget, "weekView")
    palette = window.findChild(QWidget, "workoutPalette")
    assert week is window.week_view
    assert palette is window.library
    assert week.accessibleName() == "weekView"
    assert palette.accessibleName() == "workoutPalette"
    assert not week.day_rect(TODAY).isEmpty()
    assert not palette.template_rect("Easy run").isEmpty()

    # The week has the keyboard right after start: the arrow keys move the selection.
    assert QApplication.focusWidget() is week
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert window.week_view.selected_day == date(2026, 11, 19)


def test_closing_the_window_closes_the_plan_file(qtbot: Any, db_path: Path) -> None:
    window = show(qtbot, build_main_window(db_path, today=TODAY))
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists()  # open in WAL mode
    window.close()
    assert not wal.exists()  # the last connection folded the log into the file
    # Nobody holds the file any more: an exclusive lock is granted at once.
    with sqlite3.connect(db_path, timeout=0, isolation_level=None) as connection:
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("ROLLBACK")
    connection.close()


# -- start-up ------------------------------------------------------------------------------
_STARTUP_SCRIPT = r"""
import json, sys, time
from datetime import date
from PySide6.QtWidgets import QApplication

app = QApplication([])
from pathlib import Path
from planner.app import open_plan

window, plan_file = open_plan(Path(sys.argv[1]), date(2026, 11, 18))
report = {
    "sqlalchemy_before_paint": "sqlalchemy" in sys.modules,
    "titles": [w.title for w in window.week_view.workouts],
    "loaded_before_paint": plan_file.loaded,
}
window.show()
deadline = time.monotonic() + 20
while not plan_file.loaded and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
report["loaded_after_paint"] = plan_file.loaded
window.close()
print(json.dumps(report))
"""


def test_an_existing_plan_is_on_screen_before_sqlalchemy_loads(db_path: Path) -> None:
    """Start-up paints the week from the standard library, then loads the full store."""
    from planner.core.model import Kind, Workout

    with open_database(db_path) as database:
        write_workouts(
            database.repository,
            [Workout(None, date(2026, 11, 22), Kind.RUN, "Long run", 0, 100, 16.0, 5)],
        )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _STARTUP_SCRIPT, str(db_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {
        "sqlalchemy_before_paint": False,
        "titles": ["Long run"],
        "loaded_before_paint": False,
        "loaded_after_paint": True,
    }
