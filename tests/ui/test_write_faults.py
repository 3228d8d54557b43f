"""Fault injection: an SQLite error at every statement of every kind of plan operation.

Each operation (workout edits, weigh-ins, library entries, settings, undo and redo) runs
through the real :class:`PlanController` on a real plan file. A first run counts the
statements it sends to SQLite (every ``execute`` and the ``COMMIT``). Then, for every n, the
operation runs again on a fresh copy of the same plan with the nth statement failing as
SQLite fails (disk I/O error, database or disk is full, database is locked): the error is
raised where the driver would raise it, so SQLAlchemy and the repository see exactly what a
real failure gives them. After each fault:

* nothing is half-written: the file holds exactly what it held before the operation;
* the controller's view (what it reads back after telling the views to reload) is the file;
* the undo history is what it was (same steps, same place, each step's applied flag true
  for the steps before the index and false after it), so it is still usable;
* the failure is announced once, with a message that names the cause in plain words;
* once the fault is gone, the same operation works and gives exactly the result of the
  first, fault-free run, and its undo takes the file back to where it was.

The normal suite (a few seconds) runs one or more operations of each kind (a workout move,
edit and delete, a weigh-in, a library edit, a settings change, an undo, a redo) and gives
each n one error kind, taking the three in turn. ``LEGWORK_FAULT_ALL=1`` runs all 28 operations (every workout intent,
weigh-in, library and settings change, and the undo and redo of each kind) with every
error kind at every statement (about 700 faults, a minute)::

    LEGWORK_FAULT_ALL=1 python -m pytest tests/ui/test_write_faults.py -q -s
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from sqlalchemy import Engine, event

from planner.core import settings as settings_mod
from planner.core.model import Kind, Status, Template, WeightEntry, Workout
from planner.core.service import PlanService
from planner.storage.db import Database, open_database
from planner.ui.controller import PlanController
from tests.ui.conftest import week_plan

ALL = os.environ.get("LEGWORK_FAULT_ALL", "") not in ("", "0")

MONDAY, TUESDAY, THURSDAY = date(2026, 11, 16), date(2026, 11, 17), date(2026, 11, 19)
SATURDAY, SUNDAY = date(2026, 11, 21), date(2026, 11, 22)
FIRST, LAST = date(2026, 1, 1), date(2027, 12, 31)

#: The SQLite errors injected: (message, extended result code, name), as SQLite raises them.
ERRORS: dict[str, tuple[str, int, str]] = {
    "disk I/O error": ("disk I/O error", 10 | (3 << 8), "SQLITE_IOERR_WRITE"),
    "disk full": ("database or disk is full", 13, "SQLITE_FULL"),
    "locked": ("database is locked", 5, "SQLITE_BUSY"),
}
#: What the runner is told for each: the cause, in plain words.
MESSAGES = {
    "disk I/O error": "The plan file could not be read or written (a disk error).",
    "disk full": "The disk holding the plan file is full.",
    "locked": "The plan file is locked by another program.",
}


def sqlite_error(kind: str) -> sqlite3.OperationalError:
    """The error the ``sqlite3`` driver raises for ``kind``, result code and all."""
    message, code, name = ERRORS[kind]
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    error.sqlite_errorname = name
    return error


class Faults:
    """Counts the statements an engine sends to SQLite, and fails the one asked for.

    Every ``execute`` (``do_execute``, ``do_executemany``, ``do_execute_no_params``: BEGIN,
    SELECT, INSERT, ...) and every ``COMMIT`` is one statement. The error is raised in place
    of the driver call, so SQLAlchemy wraps and handles it as a real driver error.
    """

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        self.statements: list[str] = []
        self.fail_at: int | None = None
        self.kind = ""
        self.failed: str | None = None
        for name in ("do_execute", "do_executemany", "do_execute_no_params"):
            event.listen(engine, name, self._on_execute)
        dialect = engine.dialect
        commit = dialect.do_commit

        def do_commit(dbapi_connection: Any) -> None:
            self._statement("COMMIT")
            commit(dbapi_connection)

        dialect.do_commit = do_commit  # type: ignore[method-assign]

    def arm(self, fail_at: int | None, kind: str = "") -> None:
        """Count from zero; fail statement ``fail_at`` (1-based; ``None``: none) with ``kind``."""
        self.count, self.statements, self.failed = 0, [], None
        self.fail_at, self.kind = fail_at, kind

    def disarm(self) -> None:
        self.fail_at = None

    def _on_execute(self, _cursor: Any, statement: str, *_rest: Any) -> None:
        self._statement(statement)

    def _statement(self, statement: str) -> None:
        self.count += 1
        self.statements.append(statement)
        if self.count == self.fail_at:
            self.failed = statement
            self.fail_at = None  # one fault: the reload and the next operation work
            raise sqlite_error(self.kind)


# ------------------------------------------------------------------------------ the plan
def plan_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every plan table, read straight from the file (read-only)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            table: sorted(connection.execute(f"SELECT * FROM {table}"), key=repr)
            for table in ("workouts", "weights", "templates", "settings")
        }
    finally:
        connection.close()


def same_plan(
    rows: dict[str, list[tuple[object, ...]]], other: dict[str, list[tuple[object, ...]]]
) -> bool:
    """Whether two plans hold the same data; settings compare by value (undo stores a default
    it restores, where the plan had no row for it)."""

    def values(plan: dict[str, list[tuple[object, ...]]]) -> dict[str, object]:
        stored = {str(key): str(value) for key, value in plan["settings"]}
        return {**plan, "settings": settings_mod.from_strings(stored)}

    return values(rows) == values(other)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed plan: a week of workouts, three weigh-ins, a library entry of the runner's."""
    path = tmp_path_factory.mktemp("faults") / "pristine.sqlite3"
    with open_database(path) as db:
        service = PlanService(db.repository)
        for workout in week_plan():
            service.add(workout)
        service.import_weights(
            [WeightEntry(day, kg) for day, kg in ((MONDAY, 71.2), (TUESDAY, 71.0), (SUNDAY, 70.6))]
        )
        service.save_template(Template(None, "Hill repeats", Kind.RUN, 50.0, 9.0, 8.0, "6 x 90 s"))
        service.set_setting("rest-days-per-week", "1")
    return path


@dataclass
class Session:
    """An open plan, as the app has it: database, controller, and the fault injector."""

    path: Path
    db: Database
    controller: PlanController
    faults: Faults
    failures: list[tuple[str, str]]

    def workout(self, title: str) -> Workout:
        (found,) = [w for w in self.controller.workouts(FIRST, LAST) if w.title == title]
        return found

    def template(self, name: str) -> Template:
        (found,) = [t for t in self.controller.templates() if t.name == name]
        return found

    def stack_shape(self) -> tuple[int, int, list[str], list[bool]]:
        """The history: its size, its place, each step's text and whether it is applied."""
        stack = self.controller.undo_stack
        commands = [stack.command(i) for i in range(stack.count())]
        return (
            stack.count(),
            stack.index(),
            [c.text() for c in commands],
            [bool(c.applied) for c in commands],  # type: ignore[attr-defined]
        )


@pytest.fixture
def open_session(pristine: Path, tmp_path: Path) -> Iterator[Callable[[], Session]]:
    """Opens a fresh copy of the pristine plan (the previous one is closed first)."""
    sessions: list[Session] = []

    def open_() -> Session:
        if sessions:
            sessions[-1].db.close()
        path = tmp_path / "plan.sqlite3"
        for leftover in tmp_path.glob("plan.sqlite3*"):
            leftover.unlink()
        path.write_bytes(pristine.read_bytes())
        db = open_database(path)
        controller = PlanController(PlanService(db.repository))
        session = Session(path, db, controller, Faults(db.engine), [])
        controller.failed.connect(lambda message, hint: session.failures.append((message, hint)))
        sessions.append(session)
        return session

    yield open_
    if sessions:
        sessions[-1].db.close()


# ------------------------------------------------------------------------------ operations
#: Finds what an operation works on (as the UI knows it already), then returns the call.
Step = Callable[[Session], Callable[[], object]]


def _id(found: Workout | Template) -> int:
    assert found.id is not None
    return found.id


def _edit(s: Session) -> Callable[[], object]:
    current = s.workout("Long run")
    edited = current.replace(title="Long run, hilly", distance_km=18.5, notes="Rolling hills")
    return lambda: s.controller.edit(edited, expected=current)


def _move(s: Session) -> Callable[[], object]:
    long_run = _id(s.workout("Long run"))
    return lambda: s.controller.move(long_run, SATURDAY, 0)


def _delete(s: Session) -> Callable[[], object]:
    doomed = [_id(s.workout("Long run")), _id(s.workout("Squat jumps"))]
    return lambda: s.controller.delete(doomed)


def _weigh_in(s: Session) -> Callable[[], object]:
    return lambda: s.controller.save_weight(WeightEntry(THURSDAY, 70.9))


def _add_template(s: Session) -> Callable[[], object]:
    return lambda: s.controller.save_template(Template(None, "Strides", Kind.RUN, 20.0, 4.0, 6.0))


def _settings(s: Session) -> Callable[[], object]:
    new = settings_mod.with_value(s.controller.settings, "units", "mi")
    new = settings_mod.with_value(new, "first-weekday", "sunday")
    return lambda: s.controller.change_settings(new)


def _undo(s: Session) -> Callable[[], object]:
    return s.controller.undo_stack.undo


def _redo(s: Session) -> Callable[[], object]:
    return s.controller.undo_stack.redo


def _add_from_library(s: Session) -> Callable[[], object]:
    easy = _id(s.template("Easy run"))
    return lambda: s.controller.add_from_template(easy, MONDAY, 0)


def _copy(s: Session) -> Callable[[], object]:
    tempo = _id(s.workout("Tempo run"))
    return lambda: s.controller.copy(tempo, THURSDAY, 0)


def _duplicate(s: Session) -> Callable[[], object]:
    squats = _id(s.workout("Squat jumps"))
    return lambda: s.controller.duplicate(squats)


def _mark_done(s: Session) -> Callable[[], object]:
    long_run = _id(s.workout("Long run"))
    return lambda: s.controller.set_status(long_run, Status.DONE, heavy_legs=True)


def _copy_week(s: Session) -> Callable[[], object]:
    week = s.controller.week_of(MONDAY)
    return lambda: s.controller.copy_week(week, week.next)


def _import(s: Session) -> Callable[[], object]:
    incoming = [
        Workout(None, SUNDAY, Kind.RUN, "Long run", 0, 100.0, 16.0, 5.0),  # already there
        Workout(None, SUNDAY, Kind.STRENGTH, "Core", 0, 20.0, None, 5.0),
        Workout(None, MONDAY, Kind.REST, "Rest", 0),
    ]
    return lambda: s.controller.import_workouts(incoming, "plan.json")


def _edit_template(s: Session) -> Callable[[], object]:
    edited = s.template("Hill repeats").replace(name="Hill repeats (long)", duration_min=60.0)
    return lambda: s.controller.save_template(edited)


def _delete_template(s: Session) -> Callable[[], object]:
    doomed = _id(s.template("Hill repeats"))
    return lambda: s.controller.delete_template(doomed)


def _template_from_workout(s: Session) -> Callable[[], object]:
    tempo = s.workout("Tempo run")
    return lambda: s.controller.template_from_workout(tempo, "My tempo")


#: name -> (what happens first, fault-free; the operation the faults hit).
OPERATIONS: dict[str, tuple[list[Step], Step]] = {
    "add from the library": ([], _add_from_library),
    "add from the editor": (
        [],
        lambda s: (
            lambda: s.controller.add_workout(
                Workout(None, SATURDAY, Kind.HIIT, "Hill sprints", 0, 25.0, None, 9.0), 1
            )
        ),
    ),
    "move": ([], _move),
    "copy": ([], _copy),
    "duplicate": ([], _duplicate),
    "edit": ([], _edit),
    "mark done": ([], _mark_done),
    "delete": ([], _delete),
    "copy week": ([], _copy_week),
    "import": ([], _import),
    "weigh-in": ([], _weigh_in),
    "replace a weigh-in": (
        [],
        lambda s: lambda: s.controller.save_weight(WeightEntry(TUESDAY, 72.4), replace=True),
    ),
    "delete a weigh-in": ([], lambda s: lambda: s.controller.delete_weight(SUNDAY)),
    "add a library entry": ([], _add_template),
    "edit a library entry": ([], _edit_template),
    "delete a library entry": ([], _delete_template),
    "library entry from a workout": ([], _template_from_workout),
    "settings": ([], _settings),
    "undo a move": ([_move], _undo),
    "undo a delete": ([_delete], _undo),
    "undo an edit": ([_edit], _undo),
    "undo a weigh-in": ([_weigh_in], _undo),
    "undo a library entry": ([_add_template], _undo),
    "undo settings": ([_settings], _undo),
    "redo a move": ([_move, _undo], _redo),
    "redo a delete": ([_delete, _undo], _redo),
    "redo a weigh-in": ([_weigh_in, _undo], _redo),
    "redo settings": ([_settings, _undo], _redo),
}


def settle(session: Session) -> None:
    """Run what the controller left for the event loop (a refused step's return to its place)."""
    QCoreApplication.processEvents()
    QCoreApplication.processEvents()


def view_matches_file(session: Session) -> None:
    """What the controller reads now (after its reload) is what a fresh open reads."""
    controller = session.controller
    with open_database(session.path, read_only=True) as fresh:
        repository = fresh.repository
        assert controller.workouts(FIRST, LAST) == repository.workouts_between(FIRST, LAST)
        assert controller.weights(FIRST, LAST) == repository.weights_between(FIRST, LAST)
        assert controller.templates() == repository.templates()
        assert controller.settings == PlanService(repository).settings()


# ------------------------------------------------------------------------------ the test
#: One operation of each kind, for the normal suite.
EACH_KIND = [
    "move",
    "edit",
    "delete",
    "weigh-in",
    "edit a library entry",
    "settings",
    "undo a delete",
    "redo a move",
]


@pytest.mark.parametrize("name", list(OPERATIONS) if ALL else EACH_KIND)
def test_a_failing_statement_leaves_the_file_the_view_and_the_history_as_they_were(
    name: str, open_session: Callable[[], Session], qtbot: Any
) -> None:
    setup, operation = OPERATIONS[name]

    # The fault-free run: how many statements, and what the file and history become.
    reference = open_session()
    for step in setup:
        step(reference)()
    settle(reference)
    before, before_stack = plan_rows(reference.path), reference.stack_shape()
    call = operation(reference)
    reference.faults.arm(None)
    call()
    settle(reference)
    statements = reference.faults.statements
    expected, expected_stack = plan_rows(reference.path), reference.stack_shape()
    assert reference.failures == []
    assert expected != before, "the operation must change the plan"

    kinds = list(ERRORS)
    trials = [
        (n, kind)
        for n in range(1, len(statements) + 1)
        for k, kind in enumerate(kinds)
        if ALL or k == (n - 1) % len(kinds)
    ]
    outcomes: Counter[str] = Counter()
    for n, kind in trials:
        where = f"{name}: {kind} at statement {n} of {len(statements)} ({statements[n - 1][:40]})"
        session = open_session()
        for step in setup:
            step(session)()
        settle(session)
        assert plan_rows(session.path) == before, where
        assert session.stack_shape() == before_stack, where

        call = operation(session)
        session.faults.arm(n, kind)
        call()
        settle(session)
        assert session.faults.failed == statements[n - 1], where

        # Nothing half-written; the failure said what happened, once.
        assert plan_rows(session.path) == before, where
        assert session.failures == [(MESSAGES[kind], session.failures[0][1])], where
        assert session.failures[0][1], f"{where}: no hint"
        # The view and the history are the file's and the history's before the operation.
        view_matches_file(session)
        assert session.stack_shape() == before_stack, where
        outcomes[kind] += 1

        # The fault is gone: the same operation works, exactly as the fault-free run did...
        session.failures.clear()
        call()
        settle(session)
        assert session.failures == [], where
        assert plan_rows(session.path) == expected, where
        assert session.stack_shape() == expected_stack, where
        # ... and the history still takes it back.
        if expected_stack[1] > before_stack[1]:
            session.controller.undo_stack.undo()
        else:
            session.controller.undo_stack.redo()
        settle(session)
        assert session.failures == [], where
        assert same_plan(plan_rows(session.path), before), where

    figures = ", ".join(f"{count} {kind}" for kind, count in sorted(outcomes.items()))
    print(
        f"\nfault injection, {name}: {len(statements)} statements, {len(trials)} faults "
        f"({figures}): nothing half-written, view and history as before, the retry worked"
    )
    assert sum(outcomes.values()) == len(trials) >= len(statements)


@pytest.mark.parametrize(
    ("name", "failure"),
    [
        ("move", False),
        ("copy", None),
        ("duplicate", None),
        ("edit", False),
        ("mark done", False),
        ("delete", False),
        ("copy week", False),
        ("add from the library", None),
        ("delete a library entry", False),
    ],
)
def test_a_read_before_the_write_that_fails_is_reported_not_raised(
    name: str, failure: object, open_session: Callable[[], Session], qtbot: Any
) -> None:
    """The intents read what they work on first; a failing read is a refusal like any other.

    (It used to raise StorageError out of the controller, into the event loop.)
    """
    session = open_session()
    call = OPERATIONS[name][1](session)
    # A controller that has read nothing yet (not even the library) makes the call.
    session.controller = PlanController(PlanService(session.db.repository))
    session.controller.failed.connect(
        lambda message, hint: session.failures.append((message, hint))
    )
    before = plan_rows(session.path)
    reloads: list[bool] = []
    session.controller.plan_changed.connect(lambda change: reloads.append(change.reload))
    session.faults.arm(1, "disk I/O error")
    assert call() == failure
    assert session.faults.failed is not None and session.faults.failed.startswith("BEGIN")
    assert session.failures == [(MESSAGES["disk I/O error"], session.failures[0][1])]
    assert reloads == [True]
    assert plan_rows(session.path) == before
    assert session.controller.undo_stack.count() == 0
