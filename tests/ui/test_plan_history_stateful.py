"""Edits, undo, redo, backups, restores, reopens and crashes, checked against a plain model.

Hypothesis drives the real :class:`PlanController` on a real plan file through random
sequences of workout edits (add, add from the library, move, copy, edit, mark, delete),
weigh-ins, library entries, settings, undo and redo, and, around them, what happens to the
file: a backup (:func:`planner.storage.backups.make_backup`, with a clock the test moves on),
a restore (:func:`planner.storage.backups.restore_backup`, as File ▸ Backups… does it: the
plan closed, restored, opened in a new window), a reopen, and a crash (the app killed with
its write-ahead log not yet folded into the file), followed by a reopen or a restore.

The model is plain dicts: the workouts (with each day's order), the weigh-ins, the runner's
own library entries and the settings, and the history as the list of states the undo stack
walks through. After every step:

* the plan read back from the file is exactly the model (every row, every position);
* the undo stack has exactly the model's steps, at the model's place: a backup keeps it,
  a restore, a reopen and a crash clear it (a new window has a new history), as in the app;
* every backup still kept holds exactly the plan as it was when it was taken, so a
  restore gives exactly the backup's contents (the check after the restore proves it).

The normal suite runs 10 examples of up to 20 steps, with a fixed seed (a few seconds); for
more::

    LEGWORK_STATEFUL_EXAMPLES=300 python -m pytest tests/ui/test_plan_history_stateful.py -q -s
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from planner.core import settings as settings_mod
from planner.core.model import Kind, Status, Template, WeightEntry, Workout
from planner.core.service import PlanService
from planner.core.settings import Settings
from planner.core.vocabulary import template_name_key
from planner.storage.backups import list_backups, make_backup, restore_backup
from planner.storage.db import Database, open_database
from planner.ui.controller import PlanController
from tests.helpers.plan_model import day_ids, first, insert_at, place

EXAMPLES = int(os.environ.get("LEGWORK_STATEFUL_EXAMPLES", "10"))
DAYS = [date(2026, 3, 2) + timedelta(days=i) for i in range(4)]
FAR_PAST, FAR_FUTURE = date(2000, 1, 1), date(2100, 1, 1)
START = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)

days = st.sampled_from(DAYS)
indexes = st.none() | st.integers(min_value=-1, max_value=4)
titles = st.sampled_from(["Easy run", "Tempo", "Long run", "Gym"])
kinds = st.sampled_from(Kind)
names = st.sampled_from(["Strides", "Hill repeats", "strides ", "Easy run", "Fartlek"])
FILE_EVENTS = ("restore", "back up", "crash, then restore", "reopen", "crash, then start")
SETTINGS = {
    "units": ["km", "mi"],
    "first-weekday": ["monday", "sunday"],
    "rest-days-per-week": ["1", "2"],
    "ramp-limit": ["10", "20"],
    "rule.REST_WEEK": ["on", "off"],
}


#: What the examples did, printed at the end of the module.
FIGURES: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _print_figures() -> Iterator[None]:
    FIGURES.clear()
    yield
    done = ", ".join(f"{count} {name}" for name, count in FIGURES.most_common())
    print(f"\nplan history state machine: {done}; the file was the model after every step")


@dataclass
class Plan:
    """What the plan holds: workouts by id, weigh-ins by day, own library entries, settings."""

    workouts: dict[int, Workout] = field(default_factory=dict)
    weights: dict[date, float] = field(default_factory=dict)
    templates: dict[int, Template] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)

    def copy(self) -> Plan:
        return Plan(dict(self.workouts), dict(self.weights), dict(self.templates), self.settings)


class HistoryMachine(RuleBasedStateMachine):
    """The controller on a real plan file, checked against :class:`Plan` after every step."""

    def __init__(self) -> None:
        super().__init__()
        FIGURES["examples"] += 1
        QApplication.instance() or QApplication([])
        self.folder = Path(tempfile.mkdtemp(prefix="legwork-history-"))
        self.path = self.folder / "plan.sqlite3"
        self.root = self.folder / "backups"
        self.now = START
        self.db: Database = open_database(self.path)
        self.controller = PlanController(PlanService(self.db.repository))
        self.builtins = [t for t in self.db.repository.templates() if t.builtin]
        self.history: list[Plan] = [Plan()]
        self.index = 0
        self.backups: dict[Path, Plan] = {}

    def teardown(self) -> None:
        self.drop_controller()
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def drop_controller(self) -> None:
        """Delete the controller and its history now, on this thread, as the app's window does.

        Left to Python's cycle collector (the undo steps refer to the controller), they would
        be deleted at some later collection, which Qt does not survive.
        """
        self.controller.undo_stack.clear()
        self.controller.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    # -- the model -------------------------------------------------------------------------
    @property
    def plan(self) -> Plan:
        return self.history[self.index]

    def step(self, after: Plan) -> None:
        """Record an edit: a new step in the history unless the controller pushed none."""
        FIGURES["edits"] += 1
        pushed = self.controller.undo_stack.index() > self.index
        if not pushed:
            assert after == self.plan, "an edit that changed the plan must be an undo step"
            return
        self.history[self.index + 1 :] = [after]
        self.index += 1

    def pick(self, data: st.DataObject) -> Workout:
        return self.plan.workouts[data.draw(st.sampled_from(sorted(self.plan.workouts)))]

    @staticmethod
    def remove(model: dict[int, Workout], workout_id: int) -> None:
        day = model[workout_id].day
        place(model, day, [i for i in day_ids(model, day) if i != workout_id])

    def new_session(self) -> None:
        """A new window on the plan (as after a restore or a start): a new, empty history."""
        self.drop_controller()
        self.db = open_database(self.path)
        self.controller = PlanController(PlanService(self.db.repository))
        self.history, self.index = [self.plan], 0

    # -- workouts --------------------------------------------------------------------------
    @rule(day=days, index=indexes, title=titles, kind=kinds, rpe=st.sampled_from([None, 6.5]))
    def add(self, day: date, index: int | None, title: str, kind: Kind, rpe: float | None) -> None:
        workout = Workout(None, day, kind, title, duration_min=30.0, rpe=rpe, notes="added\nby")
        created = self.controller.add_workout(workout, index)
        assert created is not None
        after = self.plan.copy()
        after.workouts[created] = workout.replace(id=created)
        place(after.workouts, day, insert_at(day_ids(self.plan.workouts, day), created, index))
        self.step(after)

    @rule(data=st.data(), day=days, index=indexes)
    def add_from_the_library(self, data: st.DataObject, day: date, index: int | None) -> None:
        library = [*self.builtins, *self.plan.templates.values()]
        template = data.draw(st.sampled_from(library))
        assert template.id is not None
        created = self.controller.add_from_template(template.id, day, index)
        assert created is not None
        after = self.plan.copy()
        after.workouts[created] = template.to_workout(day).replace(id=created)
        place(after.workouts, day, insert_at(day_ids(self.plan.workouts, day), created, index))
        self.step(after)

    @precondition(lambda self: self.plan.workouts)
    @rule(data=st.data(), day=days, gap=indexes)
    def move(self, data: st.DataObject, day: date, gap: int | None) -> None:
        workout = self.pick(data)
        assert workout.id is not None
        self.controller.move(workout.id, day, gap)
        index = gap  # the controller counts the gaps of the day as shown, the block included
        if day == workout.day and gap is not None and gap > workout.position:
            index = gap - 1
        after = self.plan.copy()
        self.remove(after.workouts, workout.id)
        target = [i for i in day_ids(after.workouts, day) if i != workout.id]
        place(after.workouts, day, insert_at(target, workout.id, index))
        self.step(after)

    @precondition(lambda self: self.plan.workouts)
    @rule(data=st.data(), day=days, index=indexes)
    def copy(self, data: st.DataObject, day: date, index: int | None) -> None:
        source = self.pick(data)
        assert source.id is not None
        created = self.controller.copy(source.id, day, index)
        assert created is not None
        after = self.plan.copy()
        after.workouts[created] = source.replace(
            id=created,
            day=day,
            status=Status.PLANNED,
            actual_duration_min=None,
            actual_distance_km=None,
            actual_rpe=None,
            heavy_legs=False,
        )
        place(after.workouts, day, insert_at(day_ids(self.plan.workouts, day), created, index))
        self.step(after)

    @precondition(lambda self: self.plan.workouts)
    @rule(data=st.data(), title=titles, day=st.none() | days, position=st.none() | indexes)
    def edit(self, data: st.DataObject, title: str, day: date | None, position: int | None) -> None:
        current = self.pick(data)
        assert current.id is not None
        edited = current.replace(
            title=title,
            notes=current.notes + "!",
            day=day or current.day,
            position=current.position if position is None else max(position, 0),
        )
        assert self.controller.edit(edited, expected=current)
        after = self.plan.copy()
        self.remove(after.workouts, current.id)
        after.workouts[current.id] = edited
        target = [i for i in day_ids(after.workouts, edited.day) if i != current.id]
        place(after.workouts, edited.day, insert_at(target, current.id, edited.position))
        self.step(after)

    @precondition(lambda self: self.plan.workouts)
    @rule(data=st.data(), status=st.sampled_from(Status), heavy=st.booleans())
    def mark(self, data: st.DataObject, status: Status, heavy: bool) -> None:
        current = self.pick(data)
        assert current.id is not None
        self.controller.set_status(current.id, status, heavy_legs=heavy)
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
        after = self.plan.copy()
        after.workouts[current.id] = updated
        self.step(after)

    @precondition(lambda self: self.plan.workouts)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        doomed = data.draw(
            st.lists(
                st.sampled_from(sorted(self.plan.workouts)), min_size=1, max_size=3, unique=True
            )
        )
        assert self.controller.delete(doomed)
        after = self.plan.copy()
        for workout_id in doomed:
            self.remove(after.workouts, workout_id)
            del after.workouts[workout_id]
        self.step(after)

    # -- weigh-ins, library, settings ------------------------------------------------------
    @rule(day=days, kg=st.sampled_from([64.5, 70.0, 71.25]))
    def weigh_in(self, day: date, kg: float) -> None:
        assert self.controller.save_weight(WeightEntry(day, kg), replace=True)
        after = self.plan.copy()
        after.weights[day] = kg
        self.step(after)

    @precondition(lambda self: self.plan.weights)
    @rule(data=st.data())
    def delete_a_weigh_in(self, data: st.DataObject) -> None:
        day = data.draw(st.sampled_from(sorted(self.plan.weights)))
        assert self.controller.delete_weight(day)
        after = self.plan.copy()
        del after.weights[day]
        self.step(after)

    @rule(name=names, minutes=st.sampled_from([20.0, 45.0]), data=st.data())
    def add_a_library_entry(self, name: str, minutes: float, data: st.DataObject) -> None:
        taken = {template_name_key(t.name) for t in [*self.builtins, *self.plan.templates.values()]}
        from_workout = bool(self.plan.workouts) and data.draw(st.booleans())
        if from_workout:
            workout = self.pick(data)
            stored = self.controller.template_from_workout(workout, name)
            made = Template(
                None,
                name,
                workout.kind,
                workout.duration_min,
                workout.distance_km,
                workout.rpe,
                workout.notes.strip().splitlines()[0] if workout.notes.strip() else "",
            )
        else:
            made = Template(None, name, Kind.RUN, minutes, 5.0, 6.0, "strides")
            stored = self.controller.save_template(made)
        if template_name_key(name) in taken:
            assert stored is None  # refused: the name is taken (the runner is told so)
            FIGURES["refused library names"] += 1
            return
        assert stored is not None and stored.id is not None
        assert stored == made.replace(id=stored.id)
        after = self.plan.copy()
        after.templates[stored.id] = stored
        self.step(after)

    @precondition(lambda self: self.plan.templates)
    @rule(data=st.data(), minutes=st.sampled_from([25.0, 50.0]))
    def edit_a_library_entry(self, data: st.DataObject, minutes: float) -> None:
        current = self.plan.templates[data.draw(st.sampled_from(sorted(self.plan.templates)))]
        edited = current.replace(duration_min=minutes, description=current.description + "+")
        assert edited.id is not None
        assert self.controller.save_template(edited) == edited
        after = self.plan.copy()
        after.templates[edited.id] = edited
        self.step(after)

    @precondition(lambda self: self.plan.templates)
    @rule(data=st.data())
    def delete_a_library_entry(self, data: st.DataObject) -> None:
        doomed = data.draw(st.sampled_from(sorted(self.plan.templates)))
        assert self.controller.delete_template(doomed)
        after = self.plan.copy()
        del after.templates[doomed]
        self.step(after)

    @rule(data=st.data())
    def change_a_setting(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(SETTINGS)))
        value = data.draw(st.sampled_from(SETTINGS[name]))
        self.controller.set_setting(name, value)
        after = self.plan.copy()
        after.settings = settings_mod.with_value(self.plan.settings, name, value)
        self.step(after)

    # -- history ---------------------------------------------------------------------------
    @precondition(lambda self: self.index > 0)
    @rule()
    def undo(self) -> None:
        FIGURES["undos"] += 1
        self.controller.undo_stack.undo()
        self.index -= 1

    @precondition(lambda self: self.index < len(self.history) - 1)
    @rule()
    def redo(self) -> None:
        FIGURES["redos"] += 1
        self.controller.undo_stack.redo()
        self.index += 1

    # -- the file --------------------------------------------------------------------------
    @initialize()
    def first_backup(self) -> None:
        """The backup of the new plan (so there is always one to restore)."""
        self.back_up(timedelta(0))

    @rule(
        event=st.sampled_from(FILE_EVENTS),
        later=st.sampled_from([timedelta(minutes=5), timedelta(hours=20), timedelta(days=3)]),
        data=st.data(),
    )
    def the_file(self, event: str, later: timedelta, data: st.DataObject) -> None:
        """A backup, a restore, a reopen, or a crash followed by a start or a restore."""
        if event == "back up":
            self.back_up(later)
        elif event == "restore":  # File ▸ Backups… ▸ Restore: close, restore, a new window
            self.db.close()
            self.restore_and_reopen(data)
        elif event == "reopen":
            FIGURES["reopens"] += 1
            self.db.close()
            self.new_session()
        else:
            self.crash()
            if event == "crash, then restore":
                FIGURES["restores over a crashed plan"] += 1
                self.restore_and_reopen(data)
            else:
                self.new_session()

    def back_up(self, later: timedelta) -> None:
        """A backup while the plan is open (as at start or close), at the clock moved on."""
        self.now += later
        made = make_backup(self.path, self.root, now=self.now)
        FIGURES["backups"] += 1
        self.backups[made.path] = self.plan
        self.forget_rotated_backups()

    def crash(self) -> None:
        """The app dies (kill -9) with its write-ahead log not yet folded into the file."""
        sides = [self.path.with_name(self.path.name + s) for s in ("", "-wal", "-shm")]
        image = {side: side.read_bytes() for side in sides if side.exists()}
        FIGURES["crashes"] += 1
        FIGURES["crashes with a write-ahead log"] += bool(image.get(sides[1]))
        self.db.close()  # folds the log in and removes it: put the crash image back
        for side, content in image.items():
            side.write_bytes(content)

    def restore_and_reopen(self, data: st.DataObject) -> None:
        backup = data.draw(st.sampled_from(sorted(self.backups)))
        self.now += timedelta(minutes=1)
        before = self.plan
        FIGURES["restores"] += 1
        result = restore_backup(backup, self.path, self.root, now=self.now)
        if result.safety_copy is not None:  # the plan as it was, kept as a backup first
            self.backups[result.safety_copy.path] = before
        self.history, self.index = [self.backups[backup]], 0
        self.forget_rotated_backups()
        self.new_session()

    def forget_rotated_backups(self) -> None:
        kept = {info.path for info in list_backups(self.path, self.root, counts=False)}
        self.backups = {path: plan for path, plan in self.backups.items() if path in kept}

    # -- the checks ------------------------------------------------------------------------
    @invariant()
    def the_file_holds_the_model(self) -> None:
        repository = self.db.repository
        stored = repository.workouts_between(FAR_PAST, FAR_FUTURE)
        assert {w.id: w for w in stored} == self.plan.workouts
        assert repository.count_workouts() == len(self.plan.workouts)
        for day in DAYS:
            positions = [w.position for w in stored if w.day == day]
            assert positions == list(range(len(positions)))
        weights = repository.weights_between(FAR_PAST, FAR_FUTURE)
        assert {w.day: w.kg for w in weights} == self.plan.weights
        library = repository.templates()
        assert [t for t in library if t.builtin] == self.builtins
        assert {t.id: t for t in library if not t.builtin} == self.plan.templates
        assert PlanService(repository).settings() == self.plan.settings
        assert self.controller.settings == self.plan.settings

    @invariant()
    def the_history_is_the_models(self) -> None:
        stack = self.controller.undo_stack
        assert stack.count() == len(self.history) - 1
        assert stack.index() == self.index


HistoryMachine.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestPlanHistory = HistoryMachine.TestCase
