"""Every path a user can take works: each command, key, context menu, button and dialog button.

The window is the real one, built as ``legwork --db PLAN`` builds it (with its plan-file
commands and File ▸ Backups…) on a small plan, afresh for each test. Each command is run the
way Qt runs it:

* ``QAction.trigger()``, as a menu, the toolbar or a context menu does; when the command asks
  for a file, once more with a real one (a JSON export to import, a CSV of weigh-ins, a plan,
  a new ``.pdf`` or ``.png`` to write);
* each of its keys, pressed on the widget that has the keyboard, which must run it once;
* each dialog it opens cancelled as a user does (Esc), then opened again to click each of its
  buttons in turn (the plan is put back as it was first: every change is undoable);
* the context menus of the week and the library, opened the way Qt opens them, each entry
  clicked; the buttons of the docks and the toolbar clicked, and each entry of a menu a
  button pops up.

A test fails on any exception that reaches ``sys.excepthook`` and on any Qt warning, such as
"Ambiguous shortcut overload" (a key two actions have, which then does nothing). The keys are
a Linux desktop's (:mod:`tests.helpers.key_schemes`), which has more of them than the
offscreen platform; that no key belongs to two commands is checked for both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget, QMenu, QWidget
from shiboken6 import isValid

from planner import app as legwork
from planner.core.model import Kind, Status, Template, WeightEntry, Workout
from planner.core.service import PlanService
from planner.paths import backup_dir
from planner.session import PlanSession
from planner.storage.backups import list_backups, make_backup
from planner.storage.db import open_database
from planner.ui.activity_actions import ACTIVITY_ACTIONS
from planner.ui.file_actions import remember_plan
from planner.ui.heavy_legs_actions import HEAVY_LEGS_ACTIONS
from planner.ui.main_window import MainWindow
from planner.ui.selection_actions import BLOCK_ACTIONS
from planner.ui.window_layout import MENUS
from tests.fakes import write_workouts
from tests.helpers.action_walker import (
    DialogAnswerer,
    FileAnswers,
    Problems,
    button_text,
    counting,
    example_files,
    menu_actions,
    press,
    recording_problems,
    settle,
)
from tests.helpers.activities import recorded_run
from tests.helpers.key_schemes import LINUX_DESKTOP, SCHEMES, use_key_scheme

#: A Wednesday; its week (2026-W47) runs Monday 16 to Sunday 22 November 2026.
TODAY = date(2026, 11, 18)
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 11, 16) + timedelta(days=i) for i in range(7))
OWN_TEMPLATE = "Hill repeats 8 x 60 s"


# -- the plan -------------------------------------------------------------------------------
def seed_plan(path: Path, *, weigh_ins: bool = True) -> None:
    """A small plan: a missed run, a done tempo, runs to come, next week begun, an own template."""
    with open_database(path) as database:
        write_workouts(
            database.repository,
            [
                Workout(None, MON, Kind.RUN, "Easy run", 0, 35.0, 6.0, 3),  # missed
                Workout(None, TUE, Kind.RUN, "Tempo run", 0, 45.0, 8.0, 7, status=Status.DONE),
                Workout(None, THU, Kind.RUN, "Easy run", 0, 35.0, 6.0, 3),
                Workout(None, SAT, Kind.STRENGTH, "Squat jumps", 0, 10.0, None, 6),
                Workout(None, SUN, Kind.RUN, "Long run", 0, 100.0, 16.0, 5),
                Workout(None, MON + timedelta(days=7), Kind.RUN, "Easy run", 0, 35.0, 6.0, 3),
            ],
        )
        if weigh_ins:
            database.repository.bulk_insert_weights(
                WeightEntry(TODAY - timedelta(days=n), 70.0 + n / 10) for n in (1, 3, 8)
            )
        PlanService(database.repository).save_template(
            Template(None, OWN_TEMPLATE, Kind.RUN, 40.0, 7.0, 8, "Uphill, jog down")
        )


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The plan under test and another without weigh-ins, made once (each test copies them)."""
    folder = tmp_path_factory.mktemp("plans")
    made = {}
    for name, weigh_ins in (("plan", True), ("other", False)):
        path = folder / f"{name}.sqlite3"
        seed_plan(path, weigh_ins=weigh_ins)
        made[name] = path.read_bytes()
    return made


# -- one window under test, rebuilt when a command closes or replaces it ---------------------
@dataclass
class Walk:
    """The window under test, what answers its dialogs, and what went wrong.

    Attributes:
        plan: the plan file the window shows.
        other: another plan (File ▸ Open Recent offers it; it has no weigh-ins).
        problems: Qt warnings and exceptions so far.
        answerer: answers each dialog that comes up.
        files: answers the file dialogs.
    """

    qtbot: Any
    plan: Path
    other: Path
    problems: Problems
    answerer: DialogAnswerer
    files: FileAnswers
    sessions: list[Any] = field(default_factory=list)

    @property
    def window(self) -> MainWindow:
        window = self.sessions[-1].window
        assert isinstance(window, MainWindow)
        return window

    def open(self, *, undo_all: bool = False) -> MainWindow:
        """The window on :attr:`plan`, shown (a new one when the last was closed or replaced).

        With ``undo_all``, every change made so far is undone (the plan is as it was made).
        """
        if self.sessions:
            session = self.sessions[-1]
            window = session.window
            if window is not None and window.isVisible() and session.path == self.plan:
                if undo_all:
                    window.controller.undo_stack.setIndex(0)
                return self.window
            self.sessions.pop()
            if window is not None and isValid(window):
                window.close()
            session.finish()
        session = legwork.new_session(today=TODAY)
        assert session.open(self.plan) is None
        self.sessions.append(session)
        window = self.window  # the session deletes it (not qtbot, which would close it again)
        with self.qtbot.waitExposed(window):
            window.show()
        return window

    def close(self) -> None:
        while self.sessions:
            session = self.sessions.pop()
            window = session.window
            if window is not None and isValid(window):
                window.close()
            session.finish()

    # -- doing and checking ----------------------------------------------------------------
    def step(self, what: str, do: Callable[[], object]) -> None:
        """Do ``do``, answer what comes up, and fail on any problem, naming ``what``."""
        self.problems.clear()
        do()
        settle(self.qtbot, self.answerer)
        if self.problems:
            pytest.fail(self.problems.report(what), pytrace=False)

    def through(
        self,
        what: str,
        prepare: Callable[[bool], object],
        do: Callable[[], object],
        *,
        dialogs: bool = True,
        files: bool = False,
    ) -> list[str] | None:
        """Do ``do`` (what it opens cancelled), then click each button or entry of what it
        opened, in turn, as often as needed; return those buttons or entries.

        ``prepare(undo_all)`` makes ``do`` possible first. Without ``dialogs``, only the
        entries of a menu ``do`` pops up are clicked, not a dialog's buttons. With ``files``,
        file dialogs are answered with a file.
        """
        self.files.give_files = files
        try:
            prepare(False)
            self.answerer.expect()
            self.step(f"{what} ({'a file given' if files else 'its dialogs cancelled'})", do)
            found = self.answerer.first_buttons
            left = list(found or []) if dialogs or self.answerer.first_is_menu else []
            while left:
                prepare(True)
                self.answerer.expect(press=left)
                self.step(f"{what}, then {left} clicked in turn", do)
                pressed = self.answerer.pressed
                assert pressed, f"{what}: no {left[0]!r} this time"
                left = left[len(pressed) :]
        finally:
            self.files.give_files = False
        return found

    def focus(self, widget: QWidget) -> None:
        """Give the window and ``widget`` the keyboard, as clicking into it does."""
        window = widget.window()
        window.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        widget.setFocus(Qt.FocusReason.MouseFocusReason)
        self.qtbot.waitUntil(widget.hasFocus)


@pytest.fixture
def walk(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plans: dict[str, bytes]
) -> Iterator[Walk]:
    use_key_scheme(monkeypatch, LINUX_DESKTOP)
    monkeypatch.chdir(tmp_path)  # whatever is written to a relative name lands here
    # The backup taken when a window closes is tested elsewhere; here it only costs time.
    monkeypatch.setattr(PlanSession, "back_up_if_due", lambda _self: None)
    plan = tmp_path / "plan.sqlite3"
    plan.write_bytes(plans["plan"])
    other = tmp_path / "other" / "other.sqlite3"
    other.parent.mkdir()
    other.write_bytes(plans["other"])
    remember_plan(other)  # File ▸ Open Recent offers it
    (tmp_path / "saved").mkdir()
    files = FileAnswers(tmp_path / "saved", {**example_files(tmp_path / "in"), ".sqlite3": other})
    files.install(monkeypatch)
    answerer = DialogAnswerer(keep=(MainWindow, QDockWidget))
    with recording_problems() as problems:
        walk = Walk(qtbot, plan, other, problems, answerer, files)
        walk.open()
        answerer.start()
        try:
            yield walk
        finally:
            answerer.stop()
            walk.close()


# -- where each command is, and what it needs ------------------------------------------------
#: Menu entries that are not in the window's action table, by where the menu bar shows them.
EXTRA_ENTRIES: dict[str, Callable[[str], bool]] = {
    "backups": lambda path: path == "File ▸ Backups…",
    "recent_plan": lambda path: path.startswith("File ▸ Open Recent ▸ other.sqlite3"),
    "clear_recent": lambda path: path == "File ▸ Open Recent ▸ Clear the List",
    "theme_system": lambda path: path == "View ▸ Theme ▸ System",
    "theme_light": lambda path: path == "View ▸ Theme ▸ Light",
    "theme_dark": lambda path: path == "View ▸ Theme ▸ Dark",
}
#: Entries that are there to be read, not run ("No other plans yet", disabled).
NOT_COMMANDS = {"File ▸ Open Recent ▸ No other plans yet"}
#: Every command the walk runs, by the action table's name or an extra entry's.
COMMANDS = [
    *(name for _, names in MENUS for name in names if name != "-"),
    *EXTRA_ENTRIES,
]
#: The library's commands and the entry they need selected.
LIBRARY_ENTRY = {
    "library_add": "Easy run",
    "library_new": "Easy run",
    "library_edit": OWN_TEMPLATE,
    "library_duplicate": "Easy run",
    "library_delete": OWN_TEMPLATE,
    "library_filter": "Easy run",
}


def find(window: MainWindow, name: str) -> QAction:
    """The action of the command ``name`` in ``window`` (a menu fills as it shows)."""
    if name in EXTRA_ENTRIES:
        wanted = EXTRA_ENTRIES[name]
        for top in window.menuBar().actions():
            menu = top.menu()
            assert isinstance(menu, QMenu)
            for path, action in menu_actions(menu, top.text().replace("&", "")):
                if wanted(path):
                    return action
        raise AssertionError(f"no menu entry for {name}")
    return window.actions_table[name]


def prepare_activity(controller: Any, state: Any, *, linked: bool) -> None:
    """Import a recorded run (it links to Thursday's easy run); unlinked for Link…; select it."""
    controller.import_activities([recorded_run(THU, seconds=2100)])
    (stored,) = controller.service.activities.between(THU, THU)
    workout_id = stored.workout_id
    if workout_id is None:  # an earlier step unlinked it: a run of its own
        workout_id = controller.add_workout(Workout(None, THU, Kind.RUN, "Walker run", 0, 35.0))
        if linked:
            controller.link(stored.id, workout_id)
    elif not linked:
        controller.unlink(stored.id)
    state.select_workout(workout_id, THU)


def prepare(walk: Walk, name: str, *, undo_all: bool = False) -> QWidget:
    """Make ``name`` possible, as a user would first (select, copy, change); the key's widget."""
    window = walk.open(undo_all=undo_all)
    state, view, controller = window.state, window.week_view, window.controller
    window.calendar.show_week()  # View ▸ Month may have been the last command
    state.show_week(state.week_of(TODAY))
    if name == "backups" and not list_backups(walk.plan, backup_dir()):  # one to restore
        make_backup(walk.plan, backup_dir(), now=datetime(2026, 11, 17, 7, 30, tzinfo=UTC))
    if name in LIBRARY_ENTRY:
        window.actions_table["library"].setChecked(True)
        library = window.library
        library.set_filter("")
        template = next(t for t in controller.templates() if t.name == LIBRARY_ENTRY[name])
        assert template.id is not None and library.select_template(template.id)
        walk.focus(library.view())
        return library.view()
    if name in ACTIVITY_ACTIONS:  # a run the watch recorded, linked to Thursday's easy run
        prepare_activity(controller, state, linked=name != "link_activity")
    if name in HEAVY_LEGS_ACTIONS:  # Tuesday's tempo run, done, reported with heavy legs
        tempo = next(w for w in controller.workouts(TUE, TUE) if w.title == "Tempo run")
        assert tempo.id is not None
        if not tempo.heavy_legs:
            controller.edit(tempo.replace(heavy_legs=True))
        state.select_workout(tempo.id, TUE)
    if name in BLOCK_ACTIONS or name == "paste":
        wanted = Status.DONE if name == "plan" else Status.PLANNED
        block = next(
            (
                w
                for w in view.workouts
                if w.status is wanted and (w.day > TODAY or wanted is Status.DONE)
            ),
            None,
        )
        if block is None:  # an earlier step deleted or moved them: plan another
            block_id = controller.add_workout(Workout(None, FRI, Kind.RUN, "Walker run", 0, 30.0))
            assert block_id is not None
            if wanted is Status.DONE:
                controller.set_status(block_id, Status.DONE)
            block = controller.workout(block_id)
        assert block is not None and block.id is not None
        state.select_workout(block.id, block.day)
        if name == "paste":
            window.actions_table["copy"].trigger()
    if name == "realign_plan":  # a generated plan's workout still ahead
        with walk.qtbot.waitSignal(window.realign_offer.asked):
            controller.add_workout(Workout(None, FRI, Kind.RUN, "Plan run", 0, 30.0, plan_day=FRI))
    stack = controller.undo_stack
    if name in ("undo", "redo") and not stack.canUndo():
        controller.add_workout(Workout(None, FRI, Kind.HIIT, "Walker intervals", 0, 30.0))
    if name == "redo" and not stack.canRedo():
        stack.undo()
    walk.focus(view)
    return view


def library_keys(action: QAction) -> list[QKeySequence]:
    """The key a library command names after a tab ("&Delete Template\\tDel")."""
    if "\t" not in action.text():
        return []
    return [QKeySequence(action.text().split("\t", 1)[1])]


# -- every command ---------------------------------------------------------------------------
def test_the_walk_reaches_every_menu_entry(walk: Walk) -> None:
    """A new menu entry must join the walk (COMMANDS), or the walk would never run it."""
    window = walk.window
    missed = []
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        for path, action in menu_actions(menu, top.text().replace("&", "")):
            name = window.actions_table.name_of(action) or next(
                (n for n, wanted in EXTRA_ENTRIES.items() if wanted(path)), None
            )
            if name not in COMMANDS and path not in NOT_COMMANDS:
                missed.append(path)
    # A command with keys but on no menu would be missed as well.
    for action in window.findChildren(QAction):
        name = window.actions_table.name_of(action)
        if action.shortcuts() and name not in COMMANDS:
            missed.append(f"{action.text()} ({action.shortcut().toString()})")
    assert missed == []


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_runs_from_its_menu_its_keys_and_its_dialogs_buttons(
    walk: Walk, name: str
) -> None:
    prepare(walk, name)
    action = find(walk.window, name)
    assert action.isEnabled(), f"{name} is disabled after preparing it"
    keys = [*action.shortcuts(), *library_keys(action)]
    asked = len(walk.files.asked)
    ran: list[int] = []

    def trigger() -> None:
        window = walk.window
        action = find(window, name)  # Open Recent's entries are new each time it shows
        hits = counting(action)
        action.trigger()
        ran.append(hits.count)
        if name == "quit":  # the walk goes on in a new window
            assert not window.isVisible(), "File ▸ Quit left the window open"

    def again(undo_all: bool) -> None:
        prepare(walk, name, undo_all=undo_all)

    found = walk.through(f"{name}: triggered", again, trigger)
    assert ran[0] == 1, f"{name} did not run when triggered"
    if len(walk.files.asked) > asked:  # it asked for a file: once more, with one
        walk.through(f"{name}: triggered", again, trigger, dialogs=found is None, files=True)

    for sequence in keys:
        key = sequence.toString()
        widget = prepare(walk, name)
        action = find(walk.window, name)
        assert action.isEnabled(), f"{name} is disabled after preparing it"
        hits = counting(action)
        # F2 in the library runs Edit… or Duplicate as My Own…, whichever the entry allows.
        either = counting(walk.window.library.template_actions.edit_or_duplicate)
        walk.answerer.expect()
        walk.step(f"{name}: {key} pressed", partial(press, walk.qtbot, sequence))
        if name in LIBRARY_ENTRY and key == "F2":
            assert either.count == 1, f"F2 in the library did not run {name}"
            title = "Edit template" if name == "library_edit" else "Duplicate as my own"
            assert any(title in answered for answered in walk.answerer.answered[-2:])
        else:
            assert hits.count == 1, f"{key} in {type(widget).__name__} did not run {name}"


# -- one key, one command --------------------------------------------------------------------
def _scope(window: MainWindow, item: QAction | QShortcut) -> list[QWidget]:
    """The widgets whose focus makes ``item``'s keys work (the window for window-wide keys)."""
    context = item.context() if isinstance(item, QShortcut) else item.shortcutContext()
    if context in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
        return [window]
    if isinstance(item, QShortcut):
        parent = item.parent()
        return [parent] if isinstance(parent, QWidget) else [window]
    return [
        owner
        for owner in item.associatedObjects()
        if isinstance(owner, QWidget) and owner.actions().count(item) and owner.window() is window
    ]


def _overlap(one: list[QWidget], other: list[QWidget]) -> bool:
    return any(a is b or a.isAncestorOf(b) or b.isAncestorOf(a) for a in one for b in other)


@pytest.mark.parametrize("scheme", list(SCHEMES.values()), ids=list(SCHEMES))
def test_no_key_belongs_to_two_commands_that_can_run_at_once(
    qtbot: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    plans: dict[str, bytes],
    scheme: Any,
) -> None:
    use_key_scheme(monkeypatch, scheme)
    plan = tmp_path / "plan.sqlite3"
    plan.write_bytes(plans["plan"])
    session = legwork.new_session(today=TODAY)
    assert session.open(plan) is None
    window = session.window
    assert window is not None
    try:
        keyed: list[tuple[str, str, list[QWidget]]] = []
        items: list[QAction | QShortcut] = [
            *window.findChildren(QAction),
            *window.findChildren(QShortcut),
        ]
        for item in items:
            keys = item.keys() if isinstance(item, QShortcut) else item.shortcuts()
            what = item.text() if isinstance(item, QAction) else item.objectName()
            keyed += [(key.toString(), what, _scope(window, item)) for key in keys]
        shared = sorted(
            {
                f"{key}: {one!r} and {other!r}"
                for index, (key, one, scope) in enumerate(keyed)
                for other_key, other, other_scope in keyed[index + 1 :]
                if key == other_key and _overlap(scope, other_scope)
            }
        )
        assert shared == []
    finally:
        window.close()
        session.finish()


# -- context menus ---------------------------------------------------------------------------
def _week_menu(walk: Walk, *, on_block: bool) -> None:
    view = walk.window.week_view
    if on_block:
        block = next(w for w in view.workouts if w.status is Status.PLANNED and w.day > TODAY)
        assert block.id is not None
        pos = view.block_rect(block.id).center()
    else:
        column = view.day_rect(FRI)
        pos = QPoint(column.center().x(), column.bottom() - 10)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.mapToGlobal(pos))
    QApplication.sendEvent(view, event)


def _library_menu(walk: Walk, entry: str | None) -> None:
    library = walk.window.library
    tree = library.view()
    if entry is None:
        pos = QPoint(tree.viewport().width() // 2, tree.viewport().height() - 4)
    else:
        rect = library.template_rect(entry)
        pos = tree.viewport().mapFrom(library, rect.center())
    tree.customContextMenuRequested.emit(pos)


CONTEXT_MENUS: dict[str, Callable[[Walk], None]] = {
    "week, on a block": lambda walk: _week_menu(walk, on_block=True),
    "week, on an empty day": lambda walk: _week_menu(walk, on_block=False),
    "library, on a built-in entry": lambda walk: _library_menu(walk, "Easy run"),
    "library, on an own entry": lambda walk: _library_menu(walk, OWN_TEMPLATE),
    "library, below the entries": lambda walk: _library_menu(walk, None),
}


@pytest.mark.parametrize("where", list(CONTEXT_MENUS))
def test_every_context_menu_entry_runs_when_clicked(walk: Walk, where: str) -> None:
    def again(undo_all: bool) -> None:
        window = walk.open(undo_all=undo_all)
        window.state.show_week(window.state.week_of(TODAY))
        window.actions_table["library"].setChecked(True)
        window.library.set_filter("")
        widget = window.library.view() if where.startswith("library") else window.week_view
        walk.focus(widget)

    entries = walk.through(f"{where}: the context menu", again, lambda: CONTEXT_MENUS[where](walk))
    assert walk.answerer.first_is_menu and entries, f"no context menu {where}"


# -- buttons ---------------------------------------------------------------------------------
def _dock(name: str) -> Callable[[MainWindow], QWidget]:
    def container(window: MainWindow) -> QWidget:
        dock = window.findChild(QDockWidget, name)
        assert dock is not None
        dock.setFloating(False)
        dock.show()
        if name == "chartsDock":
            window.charts_dock.build()
        return dock

    return container


def _toolbar(window: MainWindow) -> QWidget:
    stack = window.controller.undo_stack
    if not (stack.canUndo() and stack.canRedo()):  # Undo and Redo both enabled
        for title in ("Walker run", "Walker intervals"):
            window.controller.add_workout(Workout(None, FRI, Kind.RUN, title, 0, 30.0))
        stack.undo()
    found = window.findChild(QWidget, "navigationToolbar")
    assert found is not None
    return found


def _missed_block(window: MainWindow) -> QWidget:
    window.state.show_week(window.state.week_of(TODAY))
    return window.week_view


#: The places with buttons: how to show them, and whether the plan has weigh-ins there.
BUTTONS: dict[str, tuple[Callable[[MainWindow], QWidget], bool]] = {
    "library dock": (_dock("libraryDock"), True),
    "warnings dock": (_dock("warningsDock"), True),
    "charts dock": (_dock("chartsDock"), True),
    "charts dock, no weigh-ins yet": (_dock("chartsDock"), False),
    "toolbar": (_toolbar, True),
    "a missed block's buttons": (_missed_block, True),
}


def _buttons(container: QWidget) -> dict[str, Callable[[], None]]:
    """What can be clicked in ``container``: its buttons, or a missed block's Done and Skip."""
    from planner.ui.week.view import WeekView

    if isinstance(container, WeekView):
        [missed] = container.missed_ids()
        return {
            name: partial(_click_at, container, container.button_rect(missed, name).center())
            for name in ("done", "skip")
        }
    found: dict[str, Callable[[], None]] = {}
    for button in container.findChildren(QAbstractButton):
        if button.isVisible() and button.isEnabled():
            text = button_text(button)
            assert text not in found, f"two buttons are called {text!r}"
            found[text] = partial(_click, button)
    return found


def _click_named(walk: Walk, show: Callable[[MainWindow], QWidget], name: str) -> None:
    _buttons(show(walk.window))[name]()


def _click(button: QAbstractButton) -> None:
    from PySide6.QtTest import QTest

    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def _click_at(widget: QWidget, pos: QPoint) -> None:
    from PySide6.QtTest import QTest

    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


@pytest.mark.parametrize("where", list(BUTTONS))
def test_every_button_runs_when_clicked(walk: Walk, where: str) -> None:
    show, weigh_ins = BUTTONS[where]
    if not weigh_ins:
        walk.plan = walk.other
    selected: list[str] = []

    def again(undo_all: bool) -> None:
        window = walk.open(undo_all=undo_all)
        library = window.library
        template = next(t for t in window.controller.templates() if t.name == OWN_TEMPLATE)
        assert template.id is not None and library.select_template(template.id)
        show(window)
        walk.qtbot.waitUntil(lambda: selected[-1] in _buttons(show(window)))

    window = walk.open()
    names = list(_buttons(show(window)))
    assert names, f"no buttons in the {where}"
    for name in names:
        selected.append(name)
        walk.through(
            f"{where}: {name} clicked",
            again,
            partial(_click_named, walk, show, name),
            dialogs=False,
        )
