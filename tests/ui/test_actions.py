"""The window's action table: every command on a menu, with a key, in the shortcuts list."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QToolBar, QWidget

from planner.core.model import Kind, Workout
from planner.storage.db import open_database
from planner.ui.actions import ActionSpec, ActionTable, key_sequences, plain_text
from planner.ui.dialogs.shortcuts import ShortcutsDialog
from planner.ui.main_window import MainWindow
from tests.helpers.dates import TODAY
from tests.helpers.key_schemes import SCHEMES, use_key_scheme
from tests.helpers.plans import seed
from tests.helpers.windows import open_window


def menu_bar_actions(window: MainWindow) -> list[QAction]:
    found: list[QAction] = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())  # type: ignore[arg-type]
            elif not action.isSeparator():
                found.append(action)

    for top in window.menuBar().actions():
        assert top.menu() is not None
        walk(top.menu())  # type: ignore[arg-type]
    return found


def test_every_action_has_a_menu_entry(window: MainWindow) -> None:
    table = window.actions_table
    on_menus = menu_bar_actions(window)
    assert table.unplaced() == []
    for name in table:
        assert table[name] in on_menus, name
    # The toolbar offers the same actions, not copies of them.
    toolbar = window.findChild(QToolBar, "navigationToolbar")
    assert toolbar is not None
    shown = [a for a in toolbar.actions() if not a.isSeparator() and a.text()]
    assert shown and all(a in on_menus for a in shown)


def test_every_action_has_a_key_and_is_in_the_shortcuts_list(
    qtbot: Any, window: MainWindow
) -> None:
    rows = dict(window.shortcut_rows())
    for name in window.actions_table:
        spec = window.actions_table.spec(name)
        text = spec.what or plain_text(spec.text)
        assert rows.get(text), f"{text} has no key in the shortcuts list"
    assert rows["Undo the last change"].startswith("Ctrl+Z")
    assert rows["Preferences…"].startswith("Ctrl+,")
    assert rows["New Template…"] == "Ins (in the library)"
    assert rows["Select the previous / next day"] == "Left / Right"

    window.week_view.setFocus()
    qtbot.keyClick(window.week_view, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(ShortcutsDialog, "shortcutsDialog") is not None)
    dialog = window.findChild(ShortcutsDialog, "shortcutsDialog")
    assert dialog is not None
    shown = {row for _, group in dialog.groups() for row in group}
    assert shown == set(rows.items())
    dialog.close()


def test_the_context_menus_come_from_the_table(qtbot: Any, window: MainWindow) -> None:
    table = window.actions_table
    view = window.week_view
    pos = view.day_rect(TODAY).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.mapToGlobal(pos))
    QApplication.sendEvent(view, event)
    [menu] = [m for m in window.findChildren(QMenu) if m.isVisible()]
    assert [a for a in menu.actions() if not a.isSeparator()] == [
        table["new"],
        table["paste"],
        table["copy_week"],
    ]
    menu.close()


class _Hits(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    @Slot()
    def hit(self) -> None:
        self.count += 1


def test_a_table_refuses_two_actions_of_one_name(qtbot: Any) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    hits = _Hits()
    with pytest.raises(ValueError, match="two actions are called 'go'"):
        ActionTable(
            owner,
            [ActionSpec("go", "&Go", hits.hit), ActionSpec("go", "Go", hits.hit)],
            local_to=owner,
        )


def test_local_actions_fire_only_where_they_belong(qtbot: Any) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    inside, outside = QWidget(owner), QWidget(owner)
    for widget in (inside, outside):
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    hits = _Hits()
    ActionTable(
        owner, [ActionSpec("go", "&Go", hits.hit, ("Ctrl+D",), local=True)], local_to=inside
    )
    with qtbot.waitExposed(owner):
        owner.show()
    owner.activateWindow()
    outside.setFocus()
    qtbot.waitUntil(outside.hasFocus)
    qtbot.keyClick(outside, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert hits.count == 0
    inside.setFocus()
    qtbot.waitUntil(inside.hasFocus)
    qtbot.keyClick(inside, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert hits.count == 1


def test_key_sequences_skip_missing_standard_keys_and_repeats() -> None:
    keys = key_sequences((QKeySequence.StandardKey.Undo, "Ctrl+Z", "Ctrl+Shift+Z"))
    assert [k.toString() for k in keys][-1] == "Ctrl+Shift+Z"
    assert [k.toString() for k in keys].count("Ctrl+Z") == 1
    assert [k.toString() for k in key_sequences(("",))] == []


def test_plain_text_drops_mnemonics_and_key_columns() -> None:
    assert plain_text("Save as &Template…") == "Save as Template…"
    assert plain_text("&New template…\tIns") == "New template…"
    assert plain_text("Salt && &Pepper") == "Salt & Pepper"


# -- one key, one action ----------------------------------------------------------------------
def _titles(path: Path) -> list[str]:
    with open_database(path, read_only=True) as database:
        found = database.repository.workouts_between(date(2026, 11, 16), date(2026, 11, 22))
    return [w.title for w in found]


@pytest.mark.parametrize("scheme", list(SCHEMES.values()), ids=list(SCHEMES))
def test_ctrl_d_duplicates_and_delete_deletes(
    qtbot: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch, scheme: Any
) -> None:
    """On a Linux desktop Qt's Delete is Del and Ctrl+D: Ctrl+D was Duplicate's and Delete's
    key, so Qt called it ambiguous and did nothing. The README: Ctrl+D duplicates, Delete
    deletes."""
    use_key_scheme(monkeypatch, scheme)
    seed(db_path, Workout(None, date(2026, 11, 19), Kind.RUN, "Easy run", 0, 35.0, 6.0, 3))
    window = open_window(qtbot, db_path)
    view = window.week_view
    [workout] = window.controller.workouts(date(2026, 11, 19), date(2026, 11, 19))
    assert workout.id is not None
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.block_rect(workout.id).center())
    assert view.selected_workout_id == workout.id and view.hasFocus()

    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert _titles(db_path) == ["Easy run", "Easy run"]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert _titles(db_path) == ["Easy run"]


#: Keys on a PC keyboard, as the shortcuts list writes them (F13 to F35, Undo, Copy, Exit … are
#: keys of other keyboards: a Sun keyboard's, a media keyboard's).
PC_KEY = re.compile(
    r"^(?:(?:Ctrl|Shift|Alt|Meta)\+)*"
    r"(?:[A-Z0-9]|F(?:[1-9]|1[0-2])|Ins|Del|Home|End|PgUp|PgDown|Left|Right|Up|Down|Return|Enter"
    r"|Esc|Tab|Backspace|Space|[-=,./;'\[\]\\`])$"
)
#: Menu words that name no object: the shortcuts list must say what they act on.
BARE = {
    "Undo",
    "Redo",
    "Cut",
    "Copy",
    "Paste",
    "Duplicate",
    "Delete",
    "Library",
    "Warnings",
    "Charts",
}


@pytest.mark.parametrize("scheme", list(SCHEMES.values()), ids=list(SCHEMES))
def test_the_shortcuts_list_shows_keys_one_can_press_and_says_what_each_does(
    qtbot: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch, scheme: Any
) -> None:
    use_key_scheme(monkeypatch, scheme)
    window = open_window(qtbot, db_path)
    qtbot.keyClick(window.week_view, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog, "shortcutsDialog")
    assert dialog is not None
    groups = dialog.groups()
    dialog.close()
    *commands, (widget_title, _) = groups
    assert widget_title == "In the week and the library"
    rows = {what: keys for _, group in commands for what, keys in group}
    assert not BARE & set(rows), "rows that do not say what they act on"
    for what, keys in rows.items():
        pressed = keys.split(" (", 1)[0].split(", ")
        assert pressed and all(PC_KEY.match(key) for key in pressed), (what, keys)
    assert rows["Undo the last change"] == "Ctrl+Z" + (", Alt+Backspace" if scheme is None else "")
    assert rows["Cut the selected workout"] == "Ctrl+X, Shift+Del"
    assert rows["Delete the selected workout"] == "Del"
    assert rows["Duplicate the selected workout"] == "Ctrl+D"
    assert rows["Quit"] == "Ctrl+Q"
    assert rows["Filter the Library"] == "Ctrl+F (in the library)"


def test_a_table_refuses_one_key_for_two_actions_that_can_fire_at_once(qtbot: Any) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    hits = _Hits()
    with pytest.raises(ValueError, match="'dup' and 'del' both have the key Ctrl\\+D"):
        ActionTable(
            owner,
            [
                ActionSpec("dup", "D&uplicate", hits.hit, ("Ctrl+D",), local=True),
                ActionSpec("del", "&Delete", hits.hit, ("Del", "Ctrl+D")),
            ],
            local_to=owner,
        )
    # Keys that work in places that never have the focus together may repeat.
    table = ActionTable(
        owner,
        [
            ActionSpec("edit", "&Edit", hits.hit, ("F2",), local=True),
            ActionSpec("rename", "&Rename", hits.hit, ("F2",), where="in the library"),
        ],
        local_to=owner,
    )
    assert [s.toString() for s in table["rename"].shortcuts()] == ["F2"]


def test_a_standard_keys_extra_is_left_to_the_action_that_names_it(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_key_scheme(monkeypatch, SCHEMES["a Linux desktop"])
    owner = QWidget()
    qtbot.addWidget(owner)
    hits = _Hits()
    table = ActionTable(
        owner,
        [
            ActionSpec("delete", "&Delete", hits.hit, (QKeySequence.StandardKey.Delete, "Del")),
            ActionSpec("duplicate", "D&uplicate", hits.hit, ("Ctrl+D",), local=True),
            ActionSpec("undo", "&Undo", hits.hit, (QKeySequence.StandardKey.Undo,)),
        ],
        local_to=owner,
    )
    assert [s.toString() for s in table["delete"].shortcuts()] == ["Del"]
    assert [s.toString() for s in table["duplicate"].shortcuts()] == ["Ctrl+D"]
    # F14 and the Undo key still work where a keyboard has them, but are not listed.
    assert [s.toString() for s in table["undo"].shortcuts()] == ["Ctrl+Z", "F14", "Undo"]
    assert table.shortcut_row("undo") == ("Undo", "Ctrl+Z")
