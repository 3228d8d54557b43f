"""The child of the kill -9 trials during GUI-driven edits, and the server that forks it.

``python -m tests.ui.gui_edit_child`` is a small fork server: it imports Qt, the app, the
storage and the charts once, then forks one child per request, so each trial starts in a
fraction of a second. A request is one JSON line on its stdin::

    {"plan": PATH, "home": FOLDER, "out": FIFO, "seed": N, "today": "2026-11-18"}

It answers ``pid N`` when the child is forked and ``exit STATUS`` when the child is gone
(``-9`` when it was killed), one line each on its stdout.

The child (:func:`edit_until_killed`) writes to ``out`` as its stdout. It builds the real
window (:func:`planner.app.build_main_window`, offscreen), prints ``go``, and then applies
random edits through the window's :class:`PlanController` (add, move, copy, edit, status,
delete, weigh-in, library entry, settings, undo, redo) until it is killed, printing:

* ``{"t": "pending", "n": N, "batch": ...}`` just before each write transaction begins
  (what the file holds if that transaction commits; new rows have no id yet);
* ``{"t": "ack", "n": N, "op": ..., "changes": [...]}`` once the controller has returned
  from edit N: every row the edit changed, as the file must now hold it;
* ``{"t": "refused", "n": N, ...}`` when the controller refused edit N (nothing written).

Rows are in :func:`canon` form, so the parent compares them with what it reads from the file.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

#: A row of the plan as JSON: every field, dates as ISO text, kinds and statuses as words.
Canon = dict[str, Any]

#: The days the edits work on: two weeks around "today", so blocks share days.
SPAN_DAYS = 14


def canon(row: Any) -> Canon:
    """A workout or library entry as plain JSON data (what the child prints, the parent reads)."""
    data: Canon = json.loads(json.dumps(dataclasses.asdict(row), default=str))
    return data


def settings_texts(settings: object) -> dict[str, str]:
    """Every setting as ``name -> text``, as stored."""
    from planner.core import settings as settings_mod

    assert isinstance(settings, settings_mod.Settings)
    return settings_mod.to_strings(settings)


def change_rows(change: Any) -> dict[str, Any]:
    """What a ChangeSet left in the file: every touched row (``None``: deleted)."""
    from planner.core import settings as settings_mod

    settings: dict[str, str] = {}
    if change.settings_after is not None:
        after = settings_mod.to_strings(change.settings_after)
        before = change.settings_before
        names = (
            after if before is None else settings_mod.changed_names(before, change.settings_after)
        )
        settings = {name: after[name] for name in names}
    return {
        "workouts": {str(i): None if w is None else canon(w) for i, w in change.after.items()},
        "weights": {
            d.isoformat(): None if w is None else w.kg for d, w in change.weights_after.items()
        },
        "templates": {
            str(i): None if t is None else canon(t) for i, t in change.templates_after.items()
        },
        "settings": settings,
    }


def batch_rows(batch: Any) -> dict[str, Any]:
    """What a repository Batch writes, in :func:`canon` form."""
    return {
        "workouts": [canon(w) for w in batch.workouts],
        "delete_workouts": list(batch.delete_workouts),
        "weights": {w.day.isoformat(): w.kg for w in batch.weights},
        "delete_weights": [d.isoformat() for d in batch.delete_weights],
        "templates": [canon(t) for t in batch.templates],
        "delete_templates": list(batch.delete_templates),
        "settings": dict(batch.settings),
    }


def say(message: dict[str, Any] | str) -> None:
    """One line on stdout, flushed: once this returns, the parent will read it."""
    line = message if isinstance(message, str) else json.dumps(message, separators=(",", ":"))
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


# ------------------------------------------------------------------------------ the child
def edit_until_killed(plan: Path, home: Path, seed: int, today: date) -> None:
    """Build the window on ``plan`` and edit through its controller until killed."""
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / folder).mkdir(parents=True, exist_ok=True)
        os.environ[variable] = str(home / folder)

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from planner.app import build_main_window
    from planner.core.model import ChangeSet, Kind, Status, Template, WeightEntry, Workout
    from planner.storage.repository import SqlPlanRepository

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
            QSettings.setPath(fmt, scope, str(home / "settings"))
    app = QApplication(["legwork-kill-trial"])
    QCoreApplication.setOrganizationName("Legwork-kill-trials")
    QCoreApplication.setApplicationName("Legwork-kill-trials")

    step = [0]
    write = SqlPlanRepository.write

    def announced_write(self: SqlPlanRepository, batch: Any) -> Any:
        say({"t": "pending", "n": step[0], "batch": batch_rows(batch)})
        return write(self, batch)

    SqlPlanRepository.write = announced_write  # type: ignore[method-assign]

    window = build_main_window(plan, today=today)
    window.show()
    app.processEvents()
    controller = window.controller
    changes: list[ChangeSet] = []
    refusals: list[str] = []
    controller.plan_changed.connect(lambda change: changes.append(change))
    controller.failed.connect(lambda message, _hint: refusals.append(message))
    say("go")

    rng = random.Random(seed)
    first = today - timedelta(days=SPAN_DAYS // 2)
    days = [first + timedelta(days=n) for n in range(SPAN_DAYS)]
    kinds = list(Kind)
    titles = ["Easy run", "Tempo", "Long run", "Intervals", "Gym", "Hill sprints", "Rest"]

    def workouts() -> list[Workout]:
        return controller.workouts(days[0], days[-1])

    def pick() -> Workout | None:
        found = workouts()
        return rng.choice(found) if found else None

    def index() -> int | None:
        return rng.choice([None, 0, 1, 2, 5])

    def new_workout(day: date) -> Workout:
        kind = rng.choice(kinds)
        return Workout(
            None,
            day,
            kind,
            rng.choice(titles),
            0,
            rng.choice([None, 20.0, 45.5, 90.0]),
            rng.choice([None, 5.0, 12.25]) if kind is Kind.RUN else None,
            rng.choice([None, 3.0, 7.5]),
            notes=rng.choice(["", "felt good", "Warm up\n20 min — ünïcode ✓"]),
        )

    def own_templates() -> list[Template]:
        return [t for t in controller.templates() if not t.builtin]

    def op_add() -> object:
        library = controller.templates()
        template = rng.choice(library)
        assert template.id is not None
        return controller.add_from_template(template.id, rng.choice(days), index())

    def op_add_workout() -> object:
        return controller.add_workout(new_workout(rng.choice(days)), index())

    def op_move() -> object:
        found = pick()
        return found and controller.move(_id(found), rng.choice(days), index())

    def op_copy() -> object:
        found = pick()
        return found and controller.copy(_id(found), rng.choice(days), index())

    def op_duplicate() -> object:
        found = pick()
        return found and controller.duplicate(_id(found))

    def op_edit() -> object:
        found = pick()
        if found is None:
            return None
        edited = found.replace(
            title=rng.choice(titles),
            notes=found.notes[-40:] + rng.choice(["", " +", " ✓"]),
            rpe=rng.choice([None, 2.0, 6.5, 9.0]),
            day=rng.choice([found.day, rng.choice(days)]),
            position=rng.choice([found.position, 0, 3]),
        )
        return controller.edit(edited, expected=found)

    def op_status() -> object:
        found = pick()
        if found is None:
            return None
        status = rng.choice(list(Status))
        return controller.set_status(_id(found), status, heavy_legs=rng.random() < 0.3)

    def op_delete() -> object:
        found = workouts()
        if not found:
            return None
        doomed = rng.sample(found, min(len(found), rng.choice([1, 1, 2])))
        return controller.delete([_id(w) for w in doomed])

    def op_weigh_in() -> object:
        day = rng.choice(days)
        return controller.save_weight(WeightEntry(day, round(rng.uniform(60, 80), 1)), replace=True)

    def op_delete_weigh_in() -> object:
        logged = controller.weights(days[0], days[-1])
        return logged and controller.delete_weight(rng.choice(logged).day)

    def op_template() -> object:
        own = own_templates()
        choice = rng.random()
        if own and choice < 0.3:
            entry = rng.choice(own)
            return controller.save_template(
                entry.replace(description=entry.description[-30:] + "+", duration_min=35.0)
            )
        if own and choice < 0.5:
            return controller.delete_template(_id(rng.choice(own)))
        name = f"Session {seed}-{step[0]}"
        if choice < 0.75:
            found = pick()
            if found is not None:
                return controller.template_from_workout(found, name)
        return controller.save_template(Template(None, name, Kind.RUN, 30.0, 6.0, 5.0, "made"))

    def op_settings() -> object:
        name, values = rng.choice(
            [
                ("units", ["km", "mi"]),
                ("first-weekday", ["monday", "sunday", "saturday"]),
                ("rest-days-per-week", ["1", "2"]),
                ("ramp-limit", ["10", "15", "20"]),
                ("rule.REST_WEEK", ["on", "off"]),
            ]
        )
        return controller.set_setting(name, rng.choice(values))

    def op_undo() -> object:
        controller.undo_stack.undo()
        return None

    def op_redo() -> object:
        controller.undo_stack.redo()
        return None

    operations: list[tuple[str, Callable[[], object], int]] = [
        ("add", op_add, 5),
        ("add from the editor", op_add_workout, 2),
        ("move", op_move, 5),
        ("copy", op_copy, 3),
        ("duplicate", op_duplicate, 1),
        ("edit", op_edit, 4),
        ("status", op_status, 4),
        ("delete", op_delete, 5),
        ("weigh-in", op_weigh_in, 3),
        ("delete a weigh-in", op_delete_weigh_in, 1),
        ("library entry", op_template, 3),
        ("settings", op_settings, 2),
        ("undo", op_undo, 5),
        ("redo", op_redo, 3),
    ]
    names = [name for name, _op, _weight in operations]
    calls = {name: op for name, op, _weight in operations}
    weights = [weight for _name, _op, weight in operations]

    while True:
        step[0] += 1
        name = rng.choices(names, weights)[0]
        if name == "add" and len(workouts()) > 50:
            name = "delete"
        changes.clear()
        refusals.clear()
        calls[name]()
        written = [change_rows(c) for c in changes if not c.reload and not c.is_empty]
        if refusals:
            say({"t": "refused", "n": step[0], "op": name, "why": refusals})
        if written:
            say({"t": "ack", "n": step[0], "op": name, "changes": written})
        app.processEvents()


def _id(found: Any) -> int:
    assert found.id is not None
    return int(found.id)


# ------------------------------------------------------------------------------ the server
def serve() -> None:
    """Fork a child per request line on stdin; report ``pid`` and ``exit`` on stdout."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Everything the child needs, imported once (no thread may be running at a fork).
    import numpy  # noqa: F401
    import pyqtgraph  # noqa: F401
    import sqlalchemy  # noqa: F401
    from PySide6 import QtNetwork, QtWidgets  # noqa: F401

    import planner.app
    import planner.storage.db
    import planner.ui.charts.dock  # noqa: F401

    tasks = Path("/proc/self/task")
    if tasks.exists():
        assert len(list(tasks.iterdir())) == 1, "the fork server must have one thread"
    control = sys.stdout
    control.write("ready\n")
    control.flush()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the child: its stdout is the trial's FIFO
            try:
                out = os.open(request["out"], os.O_WRONLY)
                os.dup2(out, 1)
                os.close(out)
                devnull = os.open(os.devnull, os.O_RDONLY)
                os.dup2(devnull, 0)
                os.close(devnull)
                sys.stdout = os.fdopen(1, "w", encoding="utf-8", closefd=False)
                edit_until_killed(
                    Path(request["plan"]),
                    Path(request["home"]),
                    int(request["seed"]),
                    date.fromisoformat(request["today"]),
                )
            except BaseException:
                import traceback

                traceback.print_exc()
                sys.stderr.flush()
                os._exit(70)
            os._exit(0)
        control.write(f"pid {pid}\n")
        control.flush()
        _, status = os.waitpid(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        control.write(f"exit {code}\n")
        control.flush()


if __name__ == "__main__":
    serve()
