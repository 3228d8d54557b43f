"""Where everything sits in the week view: day columns, blocks, drop gaps (geometry only)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QRect, QSize

from planner.core.model import Workout
from planner.core.weeks import Week

#: Space around the week, in pixels.
MARGIN = 12
#: The band above the columns: the week's dates and totals.
HEADER_H = 64
#: The top of each column: weekday, date and the day's totals.
DAY_HEADER_H = 52
#: Space between columns.
GAP = 6
#: Space between blocks.
BLOCK_GAP = 6
#: A block's height when the column has room.
BLOCK_H = 76
#: The smallest a block gets on a crowded day.
BLOCK_MIN_H = 40
#: The narrowest a column gets.
_MIN_COLUMN_W = 40
#: A column taller than this is a tall window: blocks get a little more air.
ROOMY_COLUMN_H = 760

#: How tall a workout's block would like to be at a width, and the least it can do with.
BlockHeights = Callable[[Workout, int], tuple[int, int]]

#: The size the view asks for, and the smallest it can show a week in.
SIZE_HINT = QSize(980, 560)
MINIMUM_SIZE = QSize(7 * 90 + 2 * MARGIN, HEADER_H + DAY_HEADER_H + 3 * BLOCK_H)


@dataclass(frozen=True, slots=True)
class WeekLayout:
    """The rectangles of one week's columns and blocks at one widget size.

    Build it with :meth:`compute`; it answers the geometry questions of painting, hit
    testing and dropping, in widget coordinates.

    Attributes:
        week: the week laid out.
        by_day: each day's workouts, in order.
        columns: the seven day columns, first day first.
        blocks: workout id -> its block.
        buttons: workout id of a missed plan -> its buttons by action name
            (``"done"``, ``"skip"``); of a heavy-legs report -> its "?" (``"why"``).
    """

    week: Week
    by_day: Mapping[date, Sequence[Workout]]
    columns: tuple[QRect, ...]
    blocks: Mapping[int, QRect]
    buttons: Mapping[int, Mapping[str, QRect]] = field(default_factory=dict)

    @classmethod
    def compute(
        cls,
        week: Week,
        by_day: Mapping[date, Sequence[Workout]],
        size: QSize,
        *,
        heights: BlockHeights | None = None,
        missed: Collection[int] = (),
        button_rects: Callable[[QRect], Mapping[str, QRect]] | None = None,
        why_rects: Callable[[Workout, QRect], QRect | None] | None = None,
    ) -> WeekLayout:
        """Lay ``week`` out in a widget of ``size``.

        Args:
            week: the week.
            by_day: its workouts per day, in order.
            size: the widget's size.
            heights: how tall each block would like to be and may get at a width (default:
                every block :data:`BLOCK_H`, down to :data:`BLOCK_MIN_H` on a crowded day).
            missed: the ids of missed plans, whose blocks carry buttons.
            button_rects: where a missed block's buttons go within its rectangle.
            why_rects: where a block's "?" goes, for a workout with a heavy-legs report.
        """
        width = max(size.width() - 2 * MARGIN, 7 * _MIN_COLUMN_W)
        col_w = (width - 6 * GAP) / 7
        top = HEADER_H
        bottom = size.height() - MARGIN
        columns: list[QRect] = []
        blocks: dict[int, QRect] = {}
        buttons: dict[int, Mapping[str, QRect]] = {}
        for i, day in enumerate(week.days):
            left = round(MARGIN + i * (col_w + GAP))
            right = round(MARGIN + i * (col_w + GAP) + col_w)
            height = max(bottom - top, DAY_HEADER_H + BLOCK_MIN_H)
            column = QRect(left, top, right - left, height)
            columns.append(column)
            workouts = by_day.get(day, ())
            if not workouts:
                continue
            room = column.height() - DAY_HEADER_H - BLOCK_GAP
            block_w = column.width() - 8
            if heights is None:
                block_h = min(BLOCK_H, max(BLOCK_MIN_H, room // len(workouts) - BLOCK_GAP))
                wanted = [(block_h, block_h)] * len(workouts)
            else:
                wanted = [heights(workout, block_w) for workout in workouts]
            y = column.top() + DAY_HEADER_H
            for workout, block_h in zip(workouts, share_height(wanted, room), strict=True):
                assert workout.id is not None
                rect = QRect(column.left() + 4, y, block_w, block_h)
                blocks[workout.id] = rect
                if workout.id in missed and button_rects is not None:
                    buttons[workout.id] = button_rects(rect)
                elif why_rects is not None and (why := why_rects(workout, rect)) is not None:
                    buttons[workout.id] = {"why": why}
                y += block_h + BLOCK_GAP
        return cls(week, by_day, tuple(columns), blocks, buttons)

    def day_rect(self, day: date) -> QRect:
        """The column of ``day`` (empty when it is not in the week)."""
        if day not in self.week:
            return QRect()
        return QRect(self.columns[(day - self.week.start).days])

    def block_rect(self, workout_id: int) -> QRect:
        """The block of a workout (empty when it is not on screen)."""
        rect = self.blocks.get(workout_id)
        return QRect(rect) if rect is not None else QRect()

    def days_area(self) -> QRect:
        """The rectangle all seven columns span."""
        return QRect(self.columns[0].topLeft(), self.columns[-1].bottomRight())

    def day_at(self, pos: QPoint) -> date | None:
        """The day whose column (or the gap beside it, or its header band) holds ``pos``."""
        for i, column in enumerate(self.columns):
            if (
                column.left() - GAP // 2 <= pos.x() <= column.right() + GAP // 2
                and pos.y() >= column.top() - HEADER_H // 2
            ):
                return self.week.start + timedelta(days=i)
        return None

    def button_at(self, pos: QPoint) -> tuple[int, str] | None:
        """The block's button under ``pos``: (workout id, ``"done"``, ``"skip"`` or ``"why"``)."""
        for workout_id, rects in self.buttons.items():
            for name, rect in rects.items():
                if rect.contains(pos):
                    return workout_id, name
        return None

    def block_at(self, pos: QPoint) -> int | None:
        """The workout whose block holds ``pos``."""
        for workout_id, rect in self.blocks.items():
            if rect.contains(pos):
                return workout_id
        return None

    def insertion_index(self, day: date, y: int) -> int:
        """The gap among ``day``'s blocks a drop at height ``y`` lands in (0: before all)."""
        workouts = self.by_day.get(day, ())
        for index, workout in enumerate(workouts):
            assert workout.id is not None
            if y < self.blocks[workout.id].center().y():
                return index
        return len(workouts)

    def gap_y(self, day: date, index: int) -> int:
        """The height of the line that marks gap ``index`` of ``day``."""
        workouts = self.by_day.get(day, ())
        if index < len(workouts):
            anchor = workouts[index].id
            assert anchor is not None
            return self.blocks[anchor].top() - BLOCK_GAP // 2
        if workouts:
            last = workouts[-1].id
            assert last is not None
            return self.blocks[last].bottom() + BLOCK_GAP // 2 + 1
        return self.day_rect(day).top() + DAY_HEADER_H - 2


def empty_card(area: QRect, *, with_button: bool) -> tuple[QRect, QRect | None]:
    """The empty week's card, centred in ``area``, and its "Open the demo plan" button."""
    card = QRect(0, 0, max(min(540, area.width() - 40), 200), 158 if with_button else 120)
    card.moveCenter(area.center())
    if not with_button:
        return card, None
    button = QRect(0, 0, 200, 30)
    button.moveCenter(card.center())
    button.moveBottom(card.bottom() - 14)
    return card, button


def share_height(wanted: Sequence[tuple[int, int]], room: int) -> list[int]:
    """Heights for one day's blocks: what each would like when the column has room.

    When it has not, the blocks that want little keep what they want and the others share
    the rest evenly, none below its least (a day too full even for that runs past the
    column's bottom rather than hiding a block).

    Args:
        wanted: each block's (preferred, least) height, in order.
        room: the column's height below its header.
    """
    if not wanted:
        return []
    gaps = BLOCK_GAP * len(wanted)
    if sum(preferred for preferred, _ in wanted) + gaps <= room:
        return [preferred for preferred, _ in wanted]
    heights = [0] * len(wanted)
    left = room - gaps
    pending = sorted(range(len(wanted)), key=lambda i: wanted[i][0])
    while pending:
        share = left // len(pending)
        index = pending[0]
        preferred = wanted[index][0]
        if preferred <= share:
            heights[index] = preferred
        else:
            for other in pending:
                heights[other] = max(wanted[other][1], min(wanted[other][0], share))
            break
        left -= preferred
        pending.pop(0)
    return heights
