"""File ▸ Import Workouts… and Export Workouts… through real files, and the plan-file commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMenu, QMessageBox

from planner.core.model import Kind, Status, Workout
from planner.ui.file_actions import (
    EXPORT_FILTERS,
    PlanFileHooks,
    export_format,
    recent_plans,
    remember_plan,
)
from planner.ui.main_window import MainWindow
from tests.helpers.dates import SAT, SUN, THU, TUE
from tests.helpers.plans import plan, seed
from tests.helpers.windows import open_window


class _Answers:
    """Answers the file dialogs (a native dialog cannot be driven offscreen)."""

    def __init__(self, path: Path, chosen_filter: str = "") -> None:
        self.path = path
        self.chosen_filter = chosen_filter
        self.asked: list[str] = []

    def open(self, title: str, folder: str, filters: str) -> str:
        self.asked.append(title)
        return str(self.path)

    def save(self, title: str, default: str, filters: str) -> tuple[str, str]:
        self.asked.append(title)
        return str(self.path), self.chosen_filter


def answer(window: MainWindow, answers: _Answers) -> None:
    window.file_actions._ask_open_path = answers.open  # type: ignore[method-assign]
    window.file_actions._ask_save_path = answers.save  # type: ignore[method-assign]


@pytest.fixture
def planned(db_path: Path) -> Path:
    seed(
        db_path,
        Workout(
            None,
            TUE,
            Kind.RUN,
            "Tempo run",
            0,
            45,
            8.0,
            7,
            status=Status.DONE,
            actual_duration_min=44,
            actual_distance_km=8.2,
            actual_rpe=7,
        ),
        Workout(None, THU, Kind.RUN, "Easy run", 0, 35, 6.0, 3, notes="Flat, “easy”"),
        Workout(None, SAT, Kind.STRENGTH, "Squat jumps", 0, 10, None, 6),
        Workout(None, SUN, Kind.RUN, "Long run", 0, 100, 16.0, 5),
    )
    return db_path


def file_menu_texts(window: MainWindow) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    return [a.text().replace("&", "") for a in menu.actions() if a.text()]


def test_the_file_menu_starts_with_the_plan_commands(qtbot: Any, db_path: Path) -> None:
    window = open_window(qtbot, db_path)
    texts = file_menu_texts(window)
    assert texts[:3] == ["New Plan…", "Open Plan…", "Open Recent"]
    assert {"Import Workouts…", "Export Workouts…"} <= set(texts)
    # Opening plan files needs the app's hooks; a window without them says so by graying.
    assert not window.actions_table["open_plan"].isEnabled()
    window.set_plan_files(PlanFileHooks(open_plan=print, new_plan=print))
    assert window.actions_table["open_plan"].isEnabled()


def test_export_then_import_round_trips_through_a_real_json_file(
    qtbot: Any, planned: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, planned)
    out = tmp_path / "exported"
    answers = _Answers(out, EXPORT_FILTERS[0][0])
    answer(window, answers)
    window.actions_table["export_workouts"].trigger()
    written = tmp_path / "exported.json"  # the filter's suffix is added
    items = json.loads(written.read_text(encoding="utf-8"))
    assert [item["title"] for item in items] == ["Tempo run", "Easy run", "Squat jumps", "Long run"]
    assert items[0]["status"] == "done" and items[0]["actual_distance_km"] == 8.2
    assert "Exported 4 workouts" in window.statusBar().currentMessage()
    window.close()

    other = tmp_path / "other.sqlite3"
    second = open_window(qtbot, other)
    answer(second, _Answers(written))
    second.actions_table["import_workouts"].trigger()
    assert plan(other) == plan(planned)
    assert second.controller.undo_stack.undoText() == "Import 4 workouts from exported.json"
    assert "Imported 4 workouts from exported.json" in second.statusBar().currentMessage()
    # Importing the same file again adds nothing (as legwork import).
    second.actions_table["import_workouts"].trigger()
    assert plan(other) == plan(planned)
    assert "Imported 0 workouts" in second.statusBar().currentMessage()
    assert "4 were already in the plan" in second.statusBar().currentMessage()


def test_csv_and_icalendar_exports(qtbot: Any, planned: Path, tmp_path: Path) -> None:
    window = open_window(qtbot, planned)
    answer(window, _Answers(tmp_path / "plan.csv"))
    window.actions_table["export_workouts"].trigger()
    lines = (tmp_path / "plan.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,day,kind,title") and len(lines) == 5
    answer(window, _Answers(tmp_path / "plan.ics"))
    window.actions_table["export_workouts"].trigger()
    calendar = (tmp_path / "plan.ics").read_text(encoding="utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR") and calendar.count("BEGIN:VEVENT") == 4


def test_a_broken_import_changes_nothing_and_says_why(
    qtbot: Any, planned: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, planned)
    before = plan(planned)
    bad = tmp_path / "bad.json"
    bad.write_text('[{"day": "2026-11-20", "kind": "run"}]', encoding="utf-8")
    answer(window, _Answers(bad))
    window.actions_table["import_workouts"].trigger()
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "bad.json" in box.text()
    assert "Nothing of that file was imported" in box.informativeText()
    assert plan(planned) == before
    assert window.controller.undo_stack.count() == 0


def test_export_names_its_format_by_suffix_or_by_the_filter_chosen() -> None:
    assert export_format(Path("a.CSV")) == ("csv", Path("a.CSV"))
    assert export_format(Path("a"), EXPORT_FILTERS[2][0]) == ("ics", Path("a.ics"))
    assert export_format(Path("a")) == ("json", Path("a.json"))


# -- plan files -----------------------------------------------------------------------------
class _Hooks:
    def __init__(self) -> None:
        self.opened: list[Path] = []
        self.created: list[Path] = []
        self.demos = 0

    def hooks(self) -> PlanFileHooks:
        return PlanFileHooks(self.opened.append, self.created.append, self.demo)

    def demo(self) -> None:
        self.demos += 1


def test_new_plan_never_replaces_a_file(qtbot: Any, db_path: Path, tmp_path: Path) -> None:
    window = open_window(qtbot, db_path)
    hooks = _Hooks()
    window.set_plan_files(hooks.hooks())
    answer(window, _Answers(tmp_path / "fresh"))
    window.actions_table["new_plan"].trigger()
    assert hooks.created == [tmp_path / "fresh.sqlite3"]
    answer(window, _Answers(db_path))  # the plan that is open
    window.actions_table["new_plan"].trigger()
    assert hooks.created == [tmp_path / "fresh.sqlite3"]
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "already exists" in box.text()


def test_open_plan_and_open_recent(qtbot: Any, db_path: Path, tmp_path: Path) -> None:
    earlier = tmp_path / "earlier.sqlite3"
    seed(earlier, Workout(None, TUE, Kind.RUN, "Tempo run", 0, 45, 8.0, 7))
    remember_plan(earlier)
    window = open_window(qtbot, db_path)
    assert recent_plans()[:2] == [db_path, earlier]  # the plan on screen is the latest
    hooks = _Hooks()
    window.set_plan_files(hooks.hooks())
    answer(window, _Answers(earlier))
    window.actions_table["open_plan"].trigger()
    assert hooks.opened == [earlier]

    recent = window.file_actions.recent_menu
    recent.aboutToShow.emit()
    entries = [a for a in recent.actions() if a.data()]
    assert [Path(a.data()) for a in entries] == [earlier]  # not the one already open
    entries[0].trigger()
    assert hooks.opened == [earlier, earlier]


def test_an_empty_plan_offers_the_demo_plan_when_the_app_has_one(qtbot: Any, db_path: Path) -> None:
    window = open_window(qtbot, db_path)
    view = window.week_view
    assert view.demo_button_rect().isEmpty()  # no hooks, no offer
    hooks = _Hooks()
    window.set_plan_files(hooks.hooks())
    assert not view.demo_button_rect().isEmpty()
    from PySide6.QtCore import Qt

    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.demo_button_rect().center())
    assert hooks.demos == 1
    assert plan(db_path) == []  # nothing is mixed into the runner's plan
