"""The month view on its own: the generator's draft preview, its geometry, and what a paint reads."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QColor

from planner.core.model import Kind, Status, Workout
from planner.core.service import PlanService
from planner.core.settings import Units
from planner.core.weeks import SUNDAY
from planner.ui.controller import PlanController
from planner.ui.month.layout import MonthLayout
from planner.ui.month.view import MonthView
from planner.ui.style import kind_color
from planner.ui.view_state import ViewState, fixed_clock
from tests.helpers.counting import CountingRepository
from tests.helpers.dates import TODAY

NOVEMBER = date(2026, 11, 1)


def draft_plan() -> list[Workout]:
    """Three weeks of a generated plan: an easy run on Tuesdays, a long run on Sundays."""
    start = date(2026, 11, 3)
    runs = []
    for week in range(3):
        tuesday = start + timedelta(weeks=week)
        runs.append(Workout(None, tuesday, Kind.RUN, "Easy run", 0, 40, 8.0, 3))
        runs.append(
            Workout(None, tuesday + timedelta(days=5), Kind.RUN, "Long run", 0, 90, 16.0, 4)
        )
    return runs


@pytest.fixture
def preview(qtbot: Any) -> MonthView:
    """A standalone, read-only month for a dialog: miles, weeks from Sunday."""
    view = MonthView(today=TODAY, units=Units.MI, first_weekday=SUNDAY, read_only=True)
    qtbot.addWidget(view)
    view.resize(1100, 720)
    view.show_month(NOVEMBER)
    with qtbot.waitExposed(view):
        view.show()
    return view


def test_a_standalone_preview_shows_drafts_hatched_and_takes_no_drops(
    preview: MonthView,
) -> None:
    assert preview.first_day == date(2026, 11, 1)  # a Sunday: the grid starts on it
    assert not preview.acceptDrops()
    preview.set_draft(draft_plan())
    assert preview.shown_titles(date(2026, 11, 3)) == ["Easy run"]
    assert preview.shown_titles(date(2026, 11, 8)) == ["Long run"]
    assert preview.draft() == tuple(draft_plan())
    # The weekly totals count the draft, in the runner's units: 24 km is 14.9 mi.
    assert preview.week_sums()[1].distance == "14.9 mi"
    cell = preview.grid.cell(date(2026, 11, 3))
    assert cell is not None
    (chip,) = cell.chips
    assert chip.draft
    assert "Draft: not in the plan yet" in preview.tooltip_at(chip.rect.center())
    # Hatched: above its text, lines of the run's hue cross the chip's light tint.
    image = preview.grab(chip.rect.adjusted(24, 2, -2, -2)).toImage()
    run = kind_color(Kind.RUN)
    colours = [QColor(image.pixel(x, y)) for x in range(image.width()) for y in range(3)]
    lightest = max(c.lightness() for c in colours)
    lines = [c for c in colours if c.lightness() < lightest - 40]
    assert lines and all(abs(c.hsvHue() - run.hsvHue()) < 15 for c in lines)
    preview.set_draft(None)
    assert preview.shown_titles(date(2026, 11, 3)) == []
    assert preview.week_sums()[1].distance == ""


def test_the_preview_moves_by_months_and_keeps_its_own_selection(preview: MonthView) -> None:
    preview.show_next_month()
    assert preview.month == date(2026, 12, 1) and preview.selected_day == date(2026, 12, 18)
    preview.show_previous_month()
    preview.show_previous_month()
    assert preview.month == date(2026, 10, 1)


# -- the layout -----------------------------------------------------------------------------------
def _elide(text: str, width: int) -> str:
    return text[: max(width // 7, 1)]


def test_cells_tile_the_grid_and_days_are_found_where_they_are_drawn() -> None:
    layout = MonthLayout.compute(NOVEMBER, 0, {}, QSize(1200, 800), chip_h=20, elide=_elide)
    assert len(layout.cells) == 42 and layout.first_day == date(2026, 10, 26)
    for one, other in zip(layout.cells, layout.cells[1:], strict=False):
        assert not one.rect.intersects(other.rect)
    for cell in layout.cells:
        assert layout.day_at(cell.rect.center()) == cell.day
        assert layout.day_rect(cell.day) == cell.rect
    assert [c.in_month for c in layout.cells].count(True) == 30
    assert layout.day_at(QPoint(3, 3)) is None
    assert layout.day_rect(date(2026, 12, 25)).isEmpty()


def test_a_full_day_shows_what_fits_and_counts_the_rest() -> None:
    day = date(2026, 11, 18)
    many = [Workout(i + 1, day, Kind.RUN, f"Run {i}", i) for i in range(10)]
    layout = MonthLayout.compute(
        NOVEMBER, 0, {day: many}, QSize(1200, 800), chip_h=20, elide=_elide
    )
    cell = layout.cell(day)
    assert cell is not None and 0 < len(cell.chips) < 10
    assert len(cell.chips) + cell.more == 10
    assert cell.rect.contains(cell.more_rect)
    assert all(cell.rect.contains(chip.rect) for chip in cell.chips)
    assert layout.more_at(cell.more_rect.center()) == day
    # A drop on a shown chip's upper half goes before it; below them all, after the last.
    second = cell.chips[1].rect
    assert layout.insertion_index(day, second.top() + 1) == 1
    assert layout.insertion_index(day, cell.rect.bottom() - 1) == 10
    assert layout.block_rect(many[0].id or 0) == cell.chips[0].rect


# -- reads ----------------------------------------------------------------------------------------
def test_painting_reads_nothing_and_a_change_reads_once(qtbot: Any) -> None:
    repo = CountingRepository(
        [Workout(None, TODAY, Kind.RUN, "Easy run", 0, 30, 5.0, 3, status=Status.PLANNED)]
    )
    controller = PlanController(PlanService(repo))
    state = ViewState(controller, clock=fixed_clock(TODAY))
    view = MonthView(controller, state)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    with qtbot.waitExposed(view):
        view.show()
    qtbot.waitUntil(lambda: repo.reads >= 2)  # the grid, then the warnings' window
    reads = repo.reads
    for _ in range(3):
        view.repaint()
    assert repo.reads == reads
    assert view.shown_titles(TODAY) == ["Easy run"]
    controller.add_workout(Workout(None, TODAY, Kind.STRENGTH, "Squat jumps", 1, 10, None, 6))
    assert view.shown_titles(TODAY) == ["Easy run", "Squat jumps"]
    controller.undo_stack.undo()
    assert view.shown_titles(TODAY) == ["Easy run"]
