"""Moving the week's selection with the keyboard: the arrow keys, Home and End.

Left and Right step a day (into the next or previous week at its ends), keeping the block
row when the new day has blocks; Up and Down step between a day's blocks; Home and End go
to the week's first and last day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import Qt

from planner.core.model import Workout
from planner.ui.view_state import ViewState

#: One day's blocks on screen, top to bottom (asked after the week shown may have changed).
Blocks = Callable[[date], Sequence[Workout]]


def navigate(key: int, state: ViewState, blocks: Blocks) -> bool:
    """Move the selection for ``key`` (pressed with no modifier); ``False``: not a move key."""
    if key == Qt.Key.Key_Left:
        _step_day(state, blocks, -1)
    elif key == Qt.Key.Key_Right:
        _step_day(state, blocks, 1)
    elif key == Qt.Key.Key_Up:
        _step_block(state, blocks, -1)
    elif key == Qt.Key.Key_Down:
        _step_block(state, blocks, 1)
    elif key == Qt.Key.Key_Home:
        state.select_day(state.week.start)
    elif key == Qt.Key.Key_End:
        state.select_day(state.week.end)
    else:
        return False
    return True


def _step_day(state: ViewState, blocks: Blocks, step: int) -> None:
    """Move the selection to the neighbouring day, keeping the row when it can."""
    row = _row_of_selection(state, blocks)
    day = state.selected_day + timedelta(days=step)
    state.select_day(day)  # shows the next week first when needed
    on_day = blocks(day)
    if row is not None and on_day:
        target = on_day[min(row, len(on_day) - 1)].id
        assert target is not None
        state.select_workout(target, day)


def _step_block(state: ViewState, blocks: Blocks, step: int) -> None:
    day = state.selected_day
    on_day = blocks(day)
    if not on_day:
        return
    row = _row_of_selection(state, blocks)
    if row is None:
        row = 0 if step > 0 else len(on_day) - 1
    else:
        row = min(max(row + step, 0), len(on_day) - 1)
    target = on_day[row].id
    assert target is not None
    state.select_workout(target, day)


def _row_of_selection(state: ViewState, blocks: Blocks) -> int | None:
    selected = state.selected_workout_id
    for row, workout in enumerate(blocks(state.selected_day)):
        if workout.id == selected:
            return row
    return None
