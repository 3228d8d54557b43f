"""Fixtures for widget tests: a plan controller over an in-memory repository, the library on
it, and the real window on a plan file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.core.model import Kind, Status, Workout
from planner.core.service import PlanService
from planner.ui.controller import PlanController
from planner.ui.library.widget import WorkoutPalette
from planner.ui.main_window import MainWindow
from planner.ui.view_state import ViewState, fixed_clock
from tests.fakes import MemoryRepository
from tests.helpers.dates import MONDAY, TODAY
from tests.helpers.windows import open_window

__all__ = ["MONDAY", "TODAY"]  # imported from here by many widget tests


def week_plan() -> list[Workout]:
    """A small, typical week: Tuesday tempo (done), Thursday easy, Saturday easy + strength,
    Sunday long run."""
    return [
        Workout(
            None,
            date(2026, 11, 17),
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
        Workout(None, date(2026, 11, 19), Kind.RUN, "Easy run", 0, 35, 6.0, 3),
        Workout(None, date(2026, 11, 21), Kind.RUN, "Easy run", 0, 40, 7.0, 3),
        Workout(None, date(2026, 11, 21), Kind.STRENGTH, "Squat jumps", 1, 10, None, 6),
        Workout(None, date(2026, 11, 22), Kind.RUN, "Long run", 0, 100, 16.0, 5),
    ]


@pytest.fixture
def repo() -> MemoryRepository:
    return MemoryRepository(week_plan())


@pytest.fixture
def controller(repo: MemoryRepository) -> PlanController:
    return PlanController(PlanService(repo))


@pytest.fixture
def state(controller: PlanController) -> ViewState:
    """The view state the widgets share, with "today" pinned to :data:`TODAY`."""
    return ViewState(controller, clock=fixed_clock(TODAY))


def by_title(repo: MemoryRepository, title: str) -> Workout:
    matches = [w for w in repo.all_workouts() if w.title == title]
    assert len(matches) == 1, f"expected one {title!r}, found {len(matches)}"
    return matches[0]


def template_id(controller: PlanController, name: str) -> int:
    template = next(t for t in controller.templates() if t.name == name)
    assert template.id is not None
    return template.id


@pytest.fixture
def palette(qtbot: Any, controller: PlanController, state: ViewState) -> WorkoutPalette:
    """The library (the workout palette) on its own, shown at a dock's size."""
    widget = WorkoutPalette(controller, state)
    qtbot.addWidget(widget)
    widget.resize(260, 720)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


@pytest.fixture
def window(qtbot: Any, db_path: Path) -> MainWindow:
    """The real app on a new, empty plan file (:func:`tests.helpers.windows.open_window`).

    A module whose tests need a plan in the file first defines its own ``window`` fixture,
    which seeds the file (:func:`tests.helpers.plans.seed`) and then opens it the same way.
    """
    return open_window(qtbot, db_path)
