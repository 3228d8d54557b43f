"""PlanService over the real SQLite repository, driven by Hypothesis against a plain model.

Random sequences of add / move / copy / edit / mark / delete / undo / redo / reopen run on a
temporary plan file. The model is a dict ``id -> Workout`` kept by hand, with undo and redo
stacks like a QUndoStack (a new edit clears redo). After every step the file must hold exactly
the model, every field and position, and each day's positions must be 0..n-1.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from planner.core.model import ChangeSet, Kind, Status, Workout
from planner.core.service import PlanService
from planner.storage.db import Database, open_database
from tests.helpers.plan_model import Model, day_ids, first, insert_at, place

DAYS = [date(2026, 3, 2) + timedelta(days=i) for i in range(4)]

days = st.sampled_from(DAYS)
indexes = st.none() | st.integers(min_value=-1, max_value=5)
titles = st.sampled_from(["Easy run", "Tempo", "Long run", "Gym", "Intervals"])
kinds = st.sampled_from(Kind)
efforts = st.sampled_from([None, 2.0, 6.5, 9.0])


def new_id(change: ChangeSet) -> int:
    (created,) = [i for i, before in change.before.items() if before is None]
    return created


class PlanMachine(RuleBasedStateMachine):
    """The plan service on a real plan file, checked against a dict after every step."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="legwork-stateful-"))
        self.path = self.folder / "plan.sqlite3"
        self.db: Database = open_database(self.path)
        self.service = PlanService(self.db.repository)
        self.model: Model = {}
        self.undo_stack: list[tuple[ChangeSet, Model, Model]] = []
        self.redo_stack: list[tuple[ChangeSet, Model, Model]] = []

    def teardown(self) -> None:
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers ---------------------------------------------------------------------------
    def record(self, change: ChangeSet, before: Model, after: Model) -> None:
        self.undo_stack.append((change, before, after))
        self.redo_stack.clear()
        self.model = after

    def pick(self, data: st.DataObject) -> Workout:
        return self.model[data.draw(st.sampled_from(sorted(self.model)), label="workout")]

    def remove(self, model: Model, workout_id: int) -> date:
        day = model[workout_id].day
        place(model, day, [i for i in day_ids(model, day) if i != workout_id])
        return day

    # -- edits -----------------------------------------------------------------------------
    @rule(day=days, index=indexes, title=titles, kind=kinds, rpe=efforts)
    def add(self, day: date, index: int | None, title: str, kind: Kind, rpe: float | None) -> None:
        workout = Workout(None, day, kind, title, duration_min=30.0, rpe=rpe, notes="added")
        change = self.service.add(workout, index)
        created = new_id(change)
        after = dict(self.model)
        after[created] = workout.replace(id=created)
        place(after, day, insert_at(day_ids(self.model, day), created, index))
        self.record(change, self.model, after)

    @precondition(lambda self: self.model)
    @rule(data=st.data(), day=days, index=indexes)
    def move(self, data: st.DataObject, day: date, index: int | None) -> None:
        workout = self.pick(data)
        assert workout.id is not None
        change = self.service.move(workout.id, day, index)
        after = dict(self.model)
        self.remove(after, workout.id)
        target = [i for i in day_ids(after, day) if i != workout.id]
        place(after, day, insert_at(target, workout.id, index))
        self.record(change, self.model, after)

    @precondition(lambda self: self.model)
    @rule(data=st.data(), day=days, index=indexes)
    def copy(self, data: st.DataObject, day: date, index: int | None) -> None:
        source = self.pick(data)
        assert source.id is not None
        change = self.service.copy(source.id, day, index)
        created = new_id(change)
        after = dict(self.model)
        after[created] = source.replace(
            id=created,
            day=day,
            status=Status.PLANNED,
            actual_duration_min=None,
            actual_distance_km=None,
            actual_rpe=None,
            heavy_legs=False,
        )
        place(after, day, insert_at(day_ids(self.model, day), created, index))
        self.record(change, self.model, after)

    @precondition(lambda self: self.model)
    @rule(
        data=st.data(),
        title=titles,
        rpe=efforts,
        day=st.none() | days,
        position=st.none() | st.integers(min_value=0, max_value=5),
    )
    def edit(
        self,
        data: st.DataObject,
        title: str,
        rpe: float | None,
        day: date | None,
        position: int | None,
    ) -> None:
        current = self.pick(data)
        assert current.id is not None
        edited = current.replace(
            title=title,
            rpe=rpe,
            notes=current.notes + "!",
            day=day or current.day,
            position=current.position if position is None else position,
        )
        change = self.service.edit(edited)
        after = dict(self.model)
        self.remove(after, current.id)
        after[current.id] = edited
        target = [i for i in day_ids(after, edited.day) if i != current.id]
        place(after, edited.day, insert_at(target, current.id, edited.position))
        self.record(change, self.model, after)

    @precondition(lambda self: self.model)
    @rule(data=st.data(), status=st.sampled_from(Status), heavy=st.booleans())
    def mark(self, data: st.DataObject, status: Status, heavy: bool) -> None:
        current = self.pick(data)
        assert current.id is not None
        change = self.service.set_status(current.id, status, heavy_legs=heavy)
        if status is Status.DONE:
            updated = current.replace(
                status=status,
                actual_duration_min=first(current.actual_duration_min, current.duration_min),
                actual_distance_km=first(current.actual_distance_km, current.distance_km),
                actual_rpe=first(current.actual_rpe, current.rpe),
                heavy_legs=heavy,
            )
        else:
            updated = current.replace(status=status)
        after = {**self.model, current.id: updated}
        self.record(change, self.model, after)

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        doomed = data.draw(
            st.lists(st.sampled_from(sorted(self.model)), min_size=1, max_size=3, unique=True),
            label="doomed",
        )
        change = self.service.delete(doomed)
        after = dict(self.model)
        for workout_id in doomed:
            self.remove(after, workout_id)
            del after[workout_id]
        self.record(change, self.model, after)

    # -- history ---------------------------------------------------------------------------
    @precondition(lambda self: self.undo_stack)
    @rule()
    def undo(self) -> None:
        change, before, after = self.undo_stack.pop()
        self.service.apply_change(change.inverse())
        self.redo_stack.append((change, before, after))
        self.model = before

    @precondition(lambda self: self.redo_stack)
    @rule()
    def redo(self) -> None:
        change, before, after = self.redo_stack.pop()
        self.service.apply_change(change)
        self.undo_stack.append((change, before, after))
        self.model = after

    @rule()
    def reopen(self) -> None:
        self.db.close()
        self.db = open_database(self.path)
        self.service = PlanService(self.db.repository)

    # -- the check -------------------------------------------------------------------------
    @invariant()
    def file_holds_exactly_the_model(self) -> None:
        stored = self.db.repository.workouts_between(DAYS[0], DAYS[-1])
        assert {w.id: w for w in stored} == self.model
        assert len(stored) == len(self.model) == self.db.repository.count_workouts()
        for day in DAYS:
            positions = [w.position for w in stored if w.day == day]
            assert positions == list(range(len(positions)))


PlanMachine.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestPlanOnSqlite = PlanMachine.TestCase
