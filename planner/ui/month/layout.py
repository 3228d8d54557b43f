"""Where everything sits in the month view: the grid of days, its chips, the weekly totals.

:meth:`MonthLayout.compute` is run once per change of the data or of the widget's size (never
per paint): it places every day's cell, the chips that fit in it (their titles already cut
to the chip's width) and the "+N more" line of a full day, and answers the hit tests of
clicks and drops. Geometry and text fitting only; no painting, no plan.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QSize

from planner.core.model import Workout
from planner.core.months import GRID_DAYS, GRID_WEEKS, grid_start, same_month
from planner.core.weeks import Week

#: Space around the grid, in pixels.
MARGIN = 12
#: The band above the grid: the month's name.
HEADER_H = 50
#: The row of weekday names above the cells.
WEEKDAYS_H = 26
#: The weekly totals column on the right.
TOTALS_W = 118
#: The top of a cell: its date (and a warning mark).
DAY_HEAD_H = 26
#: Space between chips, and around them in a cell.
CHIP_GAP = 2
CHIP_PAD = 4
#: The least a cell is tall and wide.
_MIN_CELL_H = 44
_MIN_CELL_W = 48
#: The size the view asks for, and the smallest it can show a month in.
SIZE_HINT = QSize(980, 640)
MINIMUM_SIZE = QSize(7 * 70 + TOTALS_W + 2 * MARGIN, HEADER_H + WEEKDAYS_H + 6 * _MIN_CELL_H)

#: Cuts a text to a width in pixels (the chips' font's elision).
Elide = Callable[[str, int], str]


@dataclass(frozen=True, slots=True)
class Chip:
    """One workout's chip in a day's cell.

    Attributes:
        workout: the workout (a draft's has no id).
        rect: where it goes, in widget coordinates.
        title: its title, cut to fit the chip.
        draft: a draft workout (the generator's preview), not in the plan.
    """

    workout: Workout
    rect: QRect
    title: str
    draft: bool = False


@dataclass(frozen=True, slots=True)
class DayCell:
    """One day of the grid.

    Attributes:
        day: the day.
        rect: its cell.
        in_month: whether it belongs to the month shown (the others are dimmed).
        chips: the chips that fit, in order.
        more: how many of the day's workouts did not fit (0: all shown).
        more_rect: the "+N more" line (empty when nothing is hidden).
    """

    day: date
    rect: QRect
    in_month: bool
    chips: tuple[Chip, ...]
    more: int
    more_rect: QRect


@dataclass(frozen=True, slots=True)
class MonthLayout:
    """The month grid at one widget size.

    Attributes:
        month: the first day of the month shown.
        weeks: the grid's six weeks.
        cells: the 42 day cells, row by row.
        totals: the weekly totals cell of each week.
        by_day: each day's plan workouts, in order (the drop targets' gaps).
    """

    month: date
    weeks: tuple[Week, ...]
    cells: tuple[DayCell, ...]
    totals: tuple[QRect, ...]
    by_day: Mapping[date, Sequence[Workout]]

    @classmethod
    def compute(
        cls,
        month: date,
        first_weekday: int,
        by_day: Mapping[date, Sequence[Workout]],
        size: QSize,
        *,
        chip_h: int,
        elide: Elide,
        drafts: Mapping[date, Sequence[Workout]] | None = None,
    ) -> MonthLayout:
        """Lay the month holding ``month`` out in a widget of ``size``.

        Args:
            month: any day of the month.
            first_weekday: the weekday the grid's rows start on.
            by_day: the plan's workouts per day, in order.
            size: the widget's size.
            chip_h: a chip's height (from the font).
            elide: cuts a title to a chip's text width.
            drafts: draft workouts per day, shown after the plan's.
        """
        start = grid_start(month, first_weekday)
        elide = _remembering(elide)
        first = month.replace(day=1)
        width = max(size.width() - 2 * MARGIN - TOTALS_W, 7 * _MIN_CELL_W)
        top = HEADER_H + WEEKDAYS_H
        height = max(size.height() - top - MARGIN, GRID_WEEKS * _MIN_CELL_H)
        xs = [MARGIN + round(i * width / 7) for i in range(8)]
        ys = [top + round(i * height / GRID_WEEKS) for i in range(GRID_WEEKS + 1)]
        cells = []
        for index in range(GRID_DAYS):
            row, col = divmod(index, 7)
            day = start + timedelta(days=index)
            rect = QRect(xs[col], ys[row], xs[col + 1] - xs[col], ys[row + 1] - ys[row])
            plan = by_day.get(day, ())
            draft = drafts.get(day, ()) if drafts else ()
            cells.append(_cell(day, rect, same_month(day, first), plan, draft, chip_h, elide))
        totals = tuple(
            QRect(xs[7], ys[row], size.width() - MARGIN - xs[7], ys[row + 1] - ys[row])
            for row in range(GRID_WEEKS)
        )
        weeks = tuple(Week(start + timedelta(weeks=i)) for i in range(GRID_WEEKS))
        return cls(first, weeks, tuple(cells), totals, by_day)

    # -- questions ------------------------------------------------------------------------
    @property
    def first_day(self) -> date:
        """The grid's first day."""
        return self.cells[0].day

    @property
    def last_day(self) -> date:
        """The grid's last day."""
        return self.cells[-1].day

    def cell(self, day: date) -> DayCell | None:
        """The cell of ``day`` (``None`` when it is not in the grid)."""
        index = (day - self.first_day).days
        return self.cells[index] if 0 <= index < GRID_DAYS else None

    def day_rect(self, day: date) -> QRect:
        """The cell of ``day`` (empty when it is not in the grid)."""
        cell = self.cell(day)
        return QRect(cell.rect) if cell is not None else QRect()

    def grid_rect(self) -> QRect:
        """The rectangle the day cells span."""
        return QRect(self.cells[0].rect.topLeft(), self.cells[-1].rect.bottomRight())

    def day_at(self, pos: QPoint) -> date | None:
        """The day whose cell holds ``pos``."""
        for cell in self.cells:
            if cell.rect.contains(pos):
                return cell.day
        return None

    def chip_at(self, pos: QPoint) -> Chip | None:
        """The chip under ``pos`` (drafts included)."""
        cell = self.cell(self.day_at(pos) or date.min)
        if cell is None:
            return None
        return next((chip for chip in cell.chips if chip.rect.contains(pos)), None)

    def block_at(self, pos: QPoint) -> int | None:
        """The plan workout whose chip holds ``pos``."""
        chip = self.chip_at(pos)
        return chip.workout.id if chip is not None and not chip.draft else None

    def block_rect(self, workout_id: int) -> QRect:
        """The chip of a plan workout (empty when it is not shown)."""
        for cell in self.cells:
            for chip in cell.chips:
                if not chip.draft and chip.workout.id == workout_id:
                    return QRect(chip.rect)
        return QRect()

    def more_at(self, pos: QPoint) -> date | None:
        """The day whose "+N more" line holds ``pos``."""
        cell = self.cell(self.day_at(pos) or date.min)
        if cell is not None and cell.more and cell.more_rect.contains(pos):
            return cell.day
        return None

    def more_rect(self, day: date) -> QRect:
        """The "+N more" line of ``day`` (empty when all its workouts are shown)."""
        cell = self.cell(day)
        return QRect(cell.more_rect) if cell is not None and cell.more else QRect()

    def week_at(self, pos: QPoint) -> Week | None:
        """The week whose totals cell holds ``pos``."""
        for week, rect in zip(self.weeks, self.totals, strict=True):
            if rect.contains(pos):
                return week
        return None

    def insertion_index(self, day: date, y: int) -> int:
        """The gap among ``day``'s workouts a drop at height ``y`` lands in (0: before all)."""
        cell = self.cell(day)
        plan = self.by_day.get(day, ())
        if cell is None:
            return len(plan)
        shown = [chip for chip in cell.chips if not chip.draft]
        for index, chip in enumerate(shown):
            if y < chip.rect.center().y():
                return index
        return len(plan) if cell.more or len(shown) == len(plan) else len(shown)

    def gap_y(self, day: date, index: int) -> int:
        """The height of the line that marks gap ``index`` of ``day``."""
        cell = self.cell(day)
        if cell is None:
            return 0
        shown = [chip for chip in cell.chips if not chip.draft]
        if index < len(shown):
            return shown[index].rect.top() - 1
        if cell.more:
            return cell.more_rect.bottom() + 1
        if shown:
            return shown[-1].rect.bottom() + 2
        return cell.rect.top() + DAY_HEAD_H


def _remembering(elide: Elide) -> Elide:
    """``elide``, asked once per title and width (a month's titles repeat)."""
    known: dict[tuple[str, int], str] = {}

    def remembered(text: str, width: int) -> str:
        found = known.get((text, width))
        if found is None:
            found = known[(text, width)] = elide(text, width)
        return found

    return remembered


def _cell(
    day: date,
    rect: QRect,
    in_month: bool,
    plan: Sequence[Workout],
    drafts: Sequence[Workout],
    chip_h: int,
    elide: Elide,
) -> DayCell:
    """One cell: as many chips as fit, then "+N more" for the rest."""
    items = [(w, False) for w in plan] + [(w, True) for w in drafts]
    room = rect.height() - DAY_HEAD_H - CHIP_PAD
    fits = max(room // (chip_h + CHIP_GAP), 0)
    shown = items if len(items) <= fits else items[: max(fits - 1, 0)]
    left, chip_w = rect.left() + CHIP_PAD, rect.width() - 2 * CHIP_PAD
    text_w = chip_w - chip_h - 6  # beside the kind's letter
    y = rect.top() + DAY_HEAD_H
    chips = []
    for workout, draft in shown:
        chip_rect = QRect(left, y, chip_w, chip_h)
        chips.append(Chip(workout, chip_rect, elide(workout.title, text_w), draft))
        y += chip_h + CHIP_GAP
    more = len(items) - len(shown)
    more_rect = QRect(left, y, chip_w, chip_h) if more else QRect()
    return DayCell(day, rect, in_month, tuple(chips), more, more_rect)
