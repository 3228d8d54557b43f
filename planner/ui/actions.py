"""The window's commands as one table: menus, toolbar, context menus and the shortcuts list.

Every command is an :class:`ActionSpec` row. :class:`ActionTable` turns the rows into
:class:`QAction` objects once, then places those same actions in the menu bar, the toolbar and
context menus, and lists them (with their keys) in Help ▸ Keyboard Shortcuts, so a command can
never be on a menu without being in the list, or have a key the list does not show.

No key belongs to two actions that can fire at once: Qt would call it ambiguous and do
nothing. A row's own keys (``"Ctrl+D"``) are checked when the table is made; a platform's
standard key may bring more (on a Linux desktop Delete is also Ctrl+D, an Emacs key), and
such an extra key is left out where another action has it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QMenuBar, QToolBar, QWidget

if TYPE_CHECKING:
    from planner.core.model import ChangeSet, Workout
    from planner.ui.controller import PlanController
    from planner.ui.view_state import ViewState

#: A separator in a menu or toolbar layout.
SEPARATOR = "-"

#: A key binding as a row gives it: a standard key, or text like ``"Ctrl+D"``.
Keys = QKeySequence.StandardKey | str


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One command of the window.

    Attributes:
        name: how layouts and code refer to it (``"copy_week"``).
        text: the menu text, with its ``&`` mnemonic.
        slot: what it does; ``None`` when ``action`` is given.
        keys: its key bindings, the main one first (the platform's standard key when given
            as one, if the platform has it, else the next one).
        tip: the status and tool tip.
        icon: a freedesktop icon name.
        local: only while the week view has focus (its keys are free elsewhere).
        where: where its keys work, when not everywhere ("in the library").
        action: an action made elsewhere (undo from the stack, a dock's toggle).
        what: how Help ▸ Keyboard Shortcuts names it when the menu text does not say what it
            acts on ("Cut the selected workout" for "Cut"); the menu text when empty.
    """

    name: str
    text: str
    slot: Callable[[], object] | None = None
    keys: tuple[Keys, ...] = ()
    tip: str = ""
    icon: str = ""
    local: bool = False
    where: str = ""
    action: QAction | None = None
    what: str = ""


def dock_toggle(name: str, text: str, dock: QDockWidget, key: str) -> ActionSpec:
    """The row of a dock's show-or-hide action (View ▸ Library, say), with its key."""
    what = f"Show or hide the {plain_text(text).lower()}"
    return ActionSpec(name, text, keys=(key,), action=dock.toggleViewAction(), what=what)


def key_sequences(keys: Iterable[Keys]) -> list[QKeySequence]:
    """The sequences for ``keys``: standard keys the platform lacks are left out, no duplicates."""
    found: dict[str, QKeySequence] = {}
    for key in keys:
        for sequence in _sequences(key):
            found.setdefault(sequence.toString(), sequence)
    return list(found.values())


def _sequences(key: Keys) -> list[QKeySequence]:
    if isinstance(key, QKeySequence.StandardKey):
        sequences = QKeySequence.keyBindings(key)
    else:
        sequences = [QKeySequence(key)]
    return [sequence for sequence in sequences if not sequence.isEmpty()]


#: Keys without a letter or a digit that a PC keyboard has (F13 to F35, and keys named Undo,
#: Copy, Exit …, belong to other keyboards: a Sun keyboard's, a media keyboard's).
_PC_KEYS = frozenset(
    {
        Qt.Key.Key_Escape,
        Qt.Key.Key_Tab,
        Qt.Key.Key_Backtab,
        Qt.Key.Key_Backspace,
        Qt.Key.Key_Return,
        Qt.Key.Key_Enter,
        Qt.Key.Key_Insert,
        Qt.Key.Key_Delete,
        Qt.Key.Key_Pause,
        Qt.Key.Key_Print,
        Qt.Key.Key_Home,
        Qt.Key.Key_End,
        Qt.Key.Key_Left,
        Qt.Key.Key_Up,
        Qt.Key.Key_Right,
        Qt.Key.Key_Down,
        Qt.Key.Key_PageUp,
        Qt.Key.Key_PageDown,
        Qt.Key.Key_Menu,
        *(Qt.Key(Qt.Key.Key_F1.value + i) for i in range(12)),
    }
)


def on_a_pc_keyboard(sequence: QKeySequence) -> bool:
    """Whether a PC keyboard can type ``sequence`` (Ctrl+Z can; F14 and the Undo key cannot)."""
    if sequence.isEmpty():
        return False
    for index in range(sequence.count()):
        key = sequence[index].key()  # type: ignore[index]  # (the stubs lack __getitem__)
        if key.value >= Qt.Key.Key_Escape.value and key not in _PC_KEYS:
            return False
    return True


def plain_text(text: str) -> str:
    """Menu text as people read it: no ``&`` mnemonic and no key column after a tab."""
    return text.split("\t", 1)[0].replace("&&", "\0").replace("&", "").replace("\0", "&")


class ActionTable:
    """The actions of a table of :class:`ActionSpec` rows, made once and placed everywhere.

    Args:
        owner: the window the actions belong to (window-wide shortcuts live there).
        specs: the rows.
        local_to: the widget whose focus ``local`` actions need.
    """

    def __init__(self, owner: QWidget, specs: Iterable[ActionSpec], *, local_to: QWidget) -> None:
        self._specs: dict[str, ActionSpec] = {}
        self._actions: dict[str, QAction] = {}
        self._placed: set[str] = set()
        for spec in specs:
            if spec.name in self._specs:
                raise ValueError(f"two actions are called {spec.name!r}")
            self._specs[spec.name] = spec
        keys = _unambiguous_keys(list(self._specs.values()))
        for name, spec in self._specs.items():
            self._actions[name] = _make(owner, spec, keys[name], local_to)

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def spec(self, name: str) -> ActionSpec:
        """The row of the action ``name``."""
        return self._specs[name]

    # -- placing ---------------------------------------------------------------------------
    def fill_menu_bar(self, bar: QMenuBar, layout: Sequence[tuple[str, Sequence[str]]]) -> None:
        """Add one menu per ``(title, names)`` to ``bar``; ``"-"`` names a separator."""
        for title, names in layout:
            menu = bar.addMenu(title)
            self.fill(menu, names)
            self._placed.update(n for n in names if n != SEPARATOR)

    def fill(self, target: QMenu | QToolBar, names: Sequence[str]) -> None:
        """Add the actions ``names`` (and separators) to a menu or toolbar."""
        for name in names:
            if name == SEPARATOR:
                target.addSeparator()
            else:
                target.addAction(self._actions[name])

    def menu(self, parent: QWidget, names: Sequence[str]) -> QMenu:
        """A new menu of the actions ``names``, deleted when it closes (context menus)."""
        menu = QMenu(parent)
        self.fill(menu, names)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu

    def unplaced(self) -> list[str]:
        """The actions no menu of the menu bar offers (there should be none)."""
        return [name for name in self._specs if name not in self._placed]

    # -- the shortcuts list ----------------------------------------------------------------
    def shortcut_rows(self) -> list[tuple[str, str]]:
        """Every action as (what it does, its keys), in table order.

        Keys are written as the platform writes them; an action that only works somewhere
        says where ("Ins (in the library)").
        """
        return [self.shortcut_row(name) for name in self._specs]

    def shortcut_row(self, name: str) -> tuple[str, str]:
        """The action ``name`` as (what it does, its keys): what it does, never its target now.

        "Undo the last change", not "Undo Move Easy run to Monday": the row's text is the
        table's, not the action's current one. Keys only other keyboards have (F14, the Undo
        key) are not listed; they still work where there are such keys.
        """
        spec, action = self._specs[name], self._actions[name]
        keys = ", ".join(
            sequence.toString(QKeySequence.SequenceFormat.NativeText)
            for sequence in action.shortcuts()
            if on_a_pc_keyboard(sequence)
        )
        if not keys and "\t" in spec.text:
            keys = spec.text.split("\t", 1)[1]
        if spec.where:
            keys = f"{keys} ({spec.where})"
        return (spec.what or plain_text(spec.text), keys)

    def name_of(self, action: QAction) -> str | None:
        """The table's name for ``action`` (``None`` when it is not one of the table's)."""
        return next((name for name, own in self._actions.items() if own is action), None)


def _scope(spec: ActionSpec) -> str:
    """Where the keys of ``spec`` work: the whole window (``""``), the week, or elsewhere."""
    if spec.local:
        return "local"
    return spec.where


def _overlap(one: str, other: str) -> bool:
    """Whether keys working in scopes ``one`` and ``other`` can both fire at once."""
    return not one or not other or one == other


def _unambiguous_keys(specs: Sequence[ActionSpec]) -> dict[str, list[QKeySequence]]:
    """Each row's sequences, no key belonging to two actions whose scopes overlap.

    A row's own keys (text) come first and must be free; a standard key's sequences are
    given to the first row that asks, and left out where a row names them as its own.

    Raises:
        ValueError: two rows name the same key as their own.
    """
    own: dict[str, list[tuple[str, str]]] = {}  # key -> [(scope, row)]
    for spec in specs:
        for key in spec.keys:
            if isinstance(key, QKeySequence.StandardKey):
                continue
            for sequence in _sequences(key):
                text = sequence.toString()
                for scope, other in own.get(text, []):
                    if other != spec.name and _overlap(scope, _scope(spec)):
                        raise ValueError(f"{other!r} and {spec.name!r} both have the key {text}")
                own.setdefault(text, []).append((_scope(spec), spec.name))
    taken: dict[str, list[tuple[str, str]]] = {key: list(rows) for key, rows in own.items()}
    found: dict[str, list[QKeySequence]] = {}
    for spec in specs:
        sequences: dict[str, QKeySequence] = {}
        for key in spec.keys:
            for sequence in _sequences(key):
                text = sequence.toString()
                if text in sequences:
                    continue
                if any(
                    other != spec.name and _overlap(scope, _scope(spec))
                    for scope, other in taken.get(text, [])
                ):
                    continue  # a standard key's extra: another action has it
                sequences[text] = sequence
                taken.setdefault(text, []).append((_scope(spec), spec.name))
        found[spec.name] = list(sequences.values())
    return found


def _make(
    owner: QWidget, spec: ActionSpec, sequences: list[QKeySequence], local_to: QWidget
) -> QAction:
    action = spec.action if spec.action is not None else QAction(spec.text, owner)
    action.setText(spec.text)
    if not action.objectName():  # "copy_week" -> "copyWeekAction", for scripts and tests
        head, *rest = spec.name.split("_")
        action.setObjectName(head + "".join(part.title() for part in rest) + "Action")
    if sequences:
        action.setShortcuts(sequences)
    if spec.icon:
        action.setIcon(QIcon.fromTheme(spec.icon))
    if spec.tip:
        action.setStatusTip(spec.tip)
        main = sequences[0].toString(QKeySequence.SequenceFormat.NativeText) if sequences else ""
        action.setToolTip(f"{spec.tip} ({main})" if main else spec.tip)
    if spec.slot is not None:
        action.triggered.connect(spec.slot)
    if spec.local:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        local_to.addAction(action)
    elif not spec.where:  # an action that works only somewhere belongs to that widget
        owner.addAction(action)
    return action


class SelectionCommands(QObject):
    """A group of commands on the selected block or day: its rows of the window's table.

    Args:
        controller: the plan controller (every change goes through it).
        state: the view state (the selection, the week shown).
        window: the window the dialogs belong to.

    Signals:
        message(str): a line for the status bar.
        focus_week(): the week view should take the keyboard (after a dialog closed).
    """

    message = Signal(str)
    focus_week = Signal()

    def __init__(self, controller: PlanController, state: ViewState, window: QWidget) -> None:
        super().__init__(window)
        self._controller = controller
        self._state = state
        self._window = window
        self._table: ActionTable | None = None

    def attach(self, table: ActionTable) -> None:
        """Take charge of enabling this object's actions in ``table`` (they follow the plan)."""
        self._table = table
        self._state.selection_changed.connect(self.update_enabled)
        self._controller.plan_changed.connect(self._on_plan_changed)
        self.update_enabled()

    def update_enabled(self) -> None:
        """Enable this object's actions as the selection allows (a group says how)."""

    def _on_plan_changed(self, change: ChangeSet) -> None:
        if change.touches_workouts:
            self.update_enabled()

    def _selected(self) -> Workout | None:
        """The selected block's workout, if a block is selected."""
        workout_id = self._state.selected_workout_id
        return self._controller.workout(workout_id) if workout_id is not None else None
