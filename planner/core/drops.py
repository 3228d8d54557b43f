"""A drop onto a day, planned and described once: by the drop preview and by the drop itself.

A drag carries a library entry or workout blocks. Dropped onto a day, into a gap between
that day's blocks, it adds a workout from the entry, or moves the first block dragged (copies
it with Ctrl). :func:`plan_drop` decides which, plans the :class:`~planner.core.edits.Edit`
with :mod:`planner.core.edits` and says what it does in words. The drop preview calls it on
the workouts it holds (without writing anything); the controller calls it on the plan's
file and writes what it planned, under the same words in the Edit menu (``Add Easy run to
Sun 22 Nov``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from planner.core import edits
from planner.core.edits import DayLookup, Edit
from planner.core.finding_text import day_text
from planner.core.model import ChangeSet, Template, Workout

if TYPE_CHECKING:
    from planner.core.service import PlanService

__all__ = ["DropAction", "PlannedDrop", "add_text", "dragged", "plan_drop", "write_drop"]


class DropAction(enum.Enum):
    """What a drop does to the plan."""

    ADD = "add"  #: a new workout from a library entry
    MOVE = "move"  #: the dragged block moves
    COPY = "copy"  #: a copy of the dragged block, as a plan
    NOTHING = "nothing"  #: dropped where it is, or nothing known was dragged


@dataclass(frozen=True, slots=True)
class PlannedDrop:
    """A drop planned on the workouts of the days it touches.

    Attributes:
        action: what the drop does.
        description: the drop in words, as the preview and the Edit menu say it.
        edit: the rows it writes (empty when it does nothing).
        day: the day dropped onto.
        workout: the new workout (:attr:`DropAction.ADD`) or the dragged block.
        index: where it goes among the day's other blocks, as :mod:`planner.core.edits`
            counts (the end when ``None``).
    """

    action: DropAction
    description: str
    edit: Edit
    day: date
    workout: Workout | None = None
    index: int | None = None


def dragged(
    template_id: int | None,
    workout_ids: Sequence[int],
    *,
    template: Callable[[int], Template | None],
    workout: Callable[[int], Workout | None],
) -> Template | Workout | None:
    """What a drag carrying these ids drops: the library entry, else the first block.

    ``template`` and ``workout`` find an entry and a block by id (``None``: not known).
    """
    if template_id is not None:
        return template(template_id)
    return workout(workout_ids[0]) if workout_ids else None


def plan_drop(
    lookup: DayLookup,
    item: Template | Workout | None,
    day: date,
    gap: int | None,
    *,
    copy: bool = False,
) -> PlannedDrop:
    """Plan dropping ``item`` onto ``day`` into gap ``gap`` of that day's blocks.

    ``gap`` counts the gaps of the day as it is shown, a block moved within it included: 0
    is before the first block, ``n`` after the last; ``None`` is the end. A library entry
    always adds; a block moves, or is copied with ``copy``.

    Raises:
        ValidationError: the workout it would store has an impossible value.
    """
    if isinstance(item, Template):
        new = item.to_workout(day)
        edit = edits.plan_add(lookup, new, gap)
        return PlannedDrop(DropAction.ADD, add_text(new.title, day), edit, day, new, gap)
    if item is None:
        return PlannedDrop(DropAction.NOTHING, f"Drop on {day_text(day)}", Edit(), day)
    if copy:
        edit = edits.plan_copy(lookup, item, day, gap)
        text = f"Copy {item.title} to {day_text(day)}"
        return PlannedDrop(DropAction.COPY, text, edit, day, item, gap)
    if edits.is_in_place(item, day, gap):
        text = f"{item.title} stays where it is"
        return PlannedDrop(DropAction.NOTHING, text, Edit(), day, item)
    index = edits.gap_to_index(item, day, gap)
    edit = edits.plan_move(lookup, item, day, index)
    where = f"within {day_text(day)}" if day == item.day else f"to {day_text(day)}"
    return PlannedDrop(DropAction.MOVE, f"Move {item.title} {where}", edit, day, item, index)


def write_drop(service: PlanService, planned: PlannedDrop) -> ChangeSet:
    """Write a drop planned on the plan's file with the service's operation for it.

    The operation plans the same edit again inside its write, on what the file holds then
    (so a change made elsewhere since is never overwritten). Nothing is written for
    :attr:`DropAction.NOTHING`.
    """
    workout, day, index = planned.workout, planned.day, planned.index
    if planned.action is DropAction.NOTHING or workout is None:
        return ChangeSet()
    if planned.action is DropAction.ADD:
        return service.add(workout, index)
    if workout.id is None:
        raise KeyError("a dragged block that was never stored")
    if planned.action is DropAction.MOVE:
        return service.move(workout.id, day, index)
    return service.copy(workout.id, day, index)


def add_text(title: str, day: date) -> str:
    """A new workout in words: ``Add Easy run to Sun 22 Nov`` (a drop, a paste, the editor)."""
    return f"Add {title} to {day_text(day)}"
