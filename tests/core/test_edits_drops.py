"""core/drops.py: a drop planned and described once, and written exactly as it was previewed.

The drop preview plans a drop on the workouts it holds; the drop itself plans it again on
the file and writes it. Both go through :func:`plan_drop`, so the words the preview shows
are the Edit menu's; that the rows the preview evaluated are the rows stored is a property
in test_edits.py, beside the other edits'.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from planner.core import drops, edits
from planner.core.drops import DropAction
from planner.core.model import Kind, Status, Template, Workout
from planner.core.weeks import Week

MON = date(2026, 11, 16)
TUE, WED, THU, FRI, SAT, SUN = (MON + timedelta(days=i) for i in range(1, 7))
WEEK = Week(MON)
EASY = Template(7, "Easy run", Kind.RUN, 35, 6.0, 3, "Conversational pace.")


def run(day: date, title: str, position: int, wid: int) -> Workout:
    return Workout(wid, day, Kind.RUN, title, position, 40.0, 7.0, 4.0)


WINDOW = [run(MON, "A", 0, 1), run(MON, "B", 1, 2), run(WED, "Long run", 0, 3)]


def lookup_in(workouts: Sequence[Workout]) -> edits.DayLookup:
    return lambda day: [w for w in workouts if w.day == day]


def plan(
    item: Template | Workout | None, day: date, gap: int | None, copy: bool = False
) -> drops.PlannedDrop:
    return drops.plan_drop(lookup_in(WINDOW), item, day, gap, copy=copy)


# -- what a drop does, in words ----------------------------------------------------------------
def test_a_library_entry_adds_a_workout_said_with_the_day_as_the_app_writes_days() -> None:
    planned = plan(EASY, SUN, None)
    assert planned.action is DropAction.ADD
    assert planned.description == "Add Easy run to Sun 22 Nov"
    [new] = planned.edit.upserts
    assert (new.id, new.day, new.title, new.duration_min, new.position) == (
        None,
        SUN,
        "Easy run",
        35,
        0,
    )


def test_a_block_moves_to_another_day_or_within_its_own() -> None:
    planned = plan(WINDOW[2], SAT, 0)
    assert (planned.action, planned.description) == (DropAction.MOVE, "Move Long run to Sat 21 Nov")
    assert planned.edit.upserts[0].day == SAT
    within = plan(WINDOW[1], MON, 0)  # B before A
    assert (within.action, within.description) == (DropAction.MOVE, "Move B within Mon 16 Nov")
    assert [w.title for w in edits.apply_edit(within.edit, WINDOW) if w.day == MON] == ["B", "A"]


def test_ctrl_copies_a_block_as_a_fresh_plan() -> None:
    done = WINDOW[2].replace(status=Status.DONE, actual_distance_km=17.0)
    planned = plan(done, THU, None, copy=True)
    assert (planned.action, planned.description) == (DropAction.COPY, "Copy Long run to Thu 19 Nov")
    [copy] = planned.edit.upserts
    assert (copy.id, copy.day, copy.status, copy.actual_distance_km) == (
        None,
        THU,
        Status.PLANNED,
        None,
    )


@pytest.mark.parametrize("gap", [0, 1])
def test_a_block_dropped_where_it_is_stays_and_changes_nothing(gap: int) -> None:
    planned = plan(WINDOW[0], MON, gap)
    assert planned.action is DropAction.NOTHING
    assert planned.description == "A stays where it is"
    assert planned.edit.is_empty


def test_an_unknown_drag_changes_nothing() -> None:
    planned = plan(None, TUE, 0)
    assert (planned.action, planned.description) == (DropAction.NOTHING, "Drop on Tue 17 Nov")
    assert planned.edit.is_empty


def test_the_entry_goes_first_then_the_first_block_dragged() -> None:
    def find(workout_id: int) -> Workout | None:
        return next((w for w in WINDOW if w.id == workout_id), None)

    def entry(template_id: int) -> Template | None:
        return EASY if template_id == EASY.id else None

    assert drops.dragged(7, [1], template=entry, workout=find) == EASY
    assert drops.dragged(None, [3, 1], template=entry, workout=find) == WINDOW[2]
    assert drops.dragged(None, [], template=entry, workout=find) is None
    assert drops.dragged(99, [], template=entry, workout=find) is None  # deleted meanwhile
