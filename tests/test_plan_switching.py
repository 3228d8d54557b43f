"""File ▸ New Plan…, Open Plan…, Open Recent and the demo plan in the real app (``app.run``).

Each test runs the whole app on a real plan file, answers the file dialog the way the runner
would, and reads the files back afterwards.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from planner import app, paths
from planner.core.missed import missed_workouts
from planner.storage.db import open_database
from planner.storage.demo_plan import DEMO_FILE_NAME
from planner.ui.main_window import MainWindow
from tests.helpers.app_run import Script, main_window
from tests.helpers.dates import TODAY
from tests.helpers.plans import make_plan


def titles(path: Path) -> list[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return [row[0] for row in connection.execute("SELECT title FROM workouts ORDER BY id")]


def another_window(script: Script, key: str = "first") -> MainWindow | None:
    window = main_window()
    return window if window is not None and window is not script.seen.get(key) else None


def test_open_plan_shows_the_other_plan_in_place_of_this_one(
    qapp: QApplication, tmp_path: Path, no_excepthook: None
) -> None:
    mine = make_plan(tmp_path / "mine.sqlite3", workouts=2)
    other = make_plan(tmp_path / "other.sqlite3", workouts=5)
    script = Script()

    def open_other(window: MainWindow) -> None:
        script.seen["first"] = window
        window.file_actions._ask_open_path = lambda *_: str(other)  # type: ignore[method-assign]
        window.actions_table["open_plan"].trigger()

    def look_and_close(window: MainWindow) -> None:
        script.seen["title"] = window.windowTitle()
        script.seen["workouts"] = window.controller.service.count_workouts()
        script.seen["first_visible"] = script.seen["first"].isVisible()
        recent = window.file_actions.recent_menu
        recent.aboutToShow.emit()
        script.seen["recent"] = [a.data() for a in recent.actions() if a.data()]
        window.close()

    script.when("the window", main_window, open_other)
    script.when("the other plan's window", lambda: another_window(script), look_and_close)
    assert app.run(mine, today=TODAY) == 0
    assert script.failed is None
    assert script.seen["title"].startswith("other.sqlite3")
    assert script.seen["workouts"] == 5
    assert not script.seen["first_visible"]
    assert script.seen["recent"] == [str(mine)]  # Open Recent offers the way back
    assert len(titles(mine)) == 2 and len(titles(other)) == 5  # neither was changed


def test_new_plan_makes_an_empty_plan_and_shows_it(
    qapp: QApplication, tmp_path: Path, no_excepthook: None
) -> None:
    mine = make_plan(tmp_path / "mine.sqlite3", workouts=2)
    fresh = tmp_path / "season 2027"
    script = Script()

    def new_plan(window: MainWindow) -> None:
        script.seen["first"] = window
        window.file_actions._ask_save_path = lambda *_: (str(fresh), "")  # type: ignore[method-assign]
        window.actions_table["new_plan"].trigger()

    def look_and_close(window: MainWindow) -> None:
        script.seen["workouts"] = window.week_view.workouts
        script.seen["demo_offered"] = not window.week_view.demo_button_rect().isEmpty()
        window.close()

    script.when("the window", main_window, new_plan)
    script.when("the new plan's window", lambda: another_window(script), look_and_close)
    assert app.run(mine, today=TODAY) == 0
    assert script.failed is None
    created = tmp_path / "season 2027.sqlite3"
    assert created.is_file() and titles(created) == []
    assert script.seen["workouts"] == []
    assert script.seen["demo_offered"]  # an empty plan offers the demo plan
    assert len(titles(mine)) == 2


def test_the_demo_plan_opens_in_its_own_file(
    qapp: QApplication, tmp_path: Path, no_excepthook: None
) -> None:
    mine = tmp_path / "mine.sqlite3"
    open_database(mine).close()  # a new, empty plan
    script = Script()

    def ask_for_the_demo(window: MainWindow) -> None:
        script.seen["first"] = window
        view = window.week_view
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.demo_button_rect().center())

    def look_and_close(window: MainWindow) -> None:
        script.seen["title"] = window.windowTitle()
        script.seen["week"] = [w.title for w in window.week_view.workouts]
        script.seen["missed"] = missed_workouts(window.week_view.workouts, TODAY)
        window.close()

    script.when("the window", main_window, ask_for_the_demo)
    script.when("the demo's window", lambda: another_window(script), look_and_close)
    assert app.run(mine, today=TODAY) == 0
    assert script.failed is None
    demo = paths.user_data_dir() / DEMO_FILE_NAME
    assert script.seen["title"].startswith(DEMO_FILE_NAME)
    assert script.seen["week"]  # the demo's week of "today" is planned
    assert script.seen["missed"] == []  # lined up with today: the past is done or skipped
    assert len(titles(demo)) > 100
    assert titles(mine) == []  # the runner's own plan got none of it


def test_open_plan_refuses_what_is_not_a_plan_and_keeps_the_window(
    qapp: QApplication, tmp_path: Path, no_excepthook: None
) -> None:
    mine = make_plan(tmp_path / "mine.sqlite3", workouts=2)
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("my running notes\n" * 100)
    script = Script()

    def open_notes(window: MainWindow) -> None:
        script.seen["first"] = window
        window.file_actions._ask_open_path = lambda *_: str(notes)  # type: ignore[method-assign]
        window.actions_table["open_plan"].trigger()  # shows a modal error box

    def error_box() -> Any:
        from PySide6.QtWidgets import QMessageBox

        box = QApplication.activeModalWidget()
        return box if isinstance(box, QMessageBox) else None

    def dismiss(box: Any) -> None:
        script.seen["error"] = box.text()
        box.close()
        script.when("the window again", main_window, close_it)

    def close_it(window: MainWindow) -> None:
        script.seen["same"] = window is script.seen["first"]
        window.close()

    script.when("the window", main_window, open_notes)
    script.when("the error", error_box, dismiss)
    assert app.run(mine, today=TODAY) == 0
    assert script.failed is None
    assert "cannot open notes.sqlite3" in script.seen["error"]
    assert script.seen["same"]
    assert notes.read_text().startswith("my running notes")
