"""The workout palette: the library grouped by kind, filtering, drag data, keys and edits."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QObject, Qt, Slot
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton, QVBoxLayout, QWidget

from planner.core.formatting import template_summary
from planner.core.library import BUILTIN_TEMPLATES
from planner.core.model import Kind, Template
from planner.ui.controller import PlanController
from planner.ui.dialogs.template_editor import TemplateEditor
from planner.ui.library.model import IS_HEADER_ROLE, SUMMARY_ROLE, kind_of
from planner.ui.library.widget import WorkoutPalette
from planner.ui.mime import TEMPLATE_MIME, decode_template
from planner.ui.style import kind_color
from planner.ui.view_state import ViewState
from tests.fakes import MemoryRepository
from tests.helpers.shown_text import MARKUP_TITLE, box_informative_text, box_text
from tests.helpers.windows import open_window
from tests.ui.conftest import TODAY, template_id


def template_id_of(palette: WorkoutPalette, name: str) -> int:
    template = next(t for t in palette.shown_templates() if t.name == name)
    assert template.id is not None
    return template.id


def names(palette: WorkoutPalette) -> list[str]:
    return [t.name for t in palette.shown_templates()]


def press(qtbot, palette: WorkoutPalette, key: Qt.Key) -> None:
    view = palette.view()
    view.setFocus()
    qtbot.keyClick(view, key)


def open_editor(qtbot, palette: WorkoutPalette) -> TemplateEditor:
    qtbot.waitUntil(lambda: palette.findChild(TemplateEditor) is not None)
    editor = palette.findChild(TemplateEditor)
    assert isinstance(editor, TemplateEditor)
    qtbot.waitUntil(editor.isVisible)
    return editor


def save(qtbot, editor: TemplateEditor) -> None:
    qtbot.mouseClick(editor.field("save"), Qt.MouseButton.LeftButton)


def own_template(controller: PlanController, name: str = "Hill repeats") -> Template:
    saved = controller.save_template(Template(None, name, Kind.RUN, 50, 9.0, 7, "8 x 60 s uphill"))
    assert saved is not None
    return saved


# -- what it shows --------------------------------------------------------------------------
def test_identity(palette: WorkoutPalette) -> None:
    assert palette.objectName() == "workoutPalette"
    assert palette.accessibleName() == "workoutPalette"
    assert palette.minimumWidth() >= 200


def test_lists_every_template_grouped_by_kind(palette: WorkoutPalette) -> None:
    assert palette.shown_groups() == [Kind.RUN, Kind.HIIT, Kind.STRENGTH, Kind.CROSS, Kind.REST]
    assert sorted(names(palette)) == sorted(t.name for t in BUILTIN_TEMPLATES)
    view = palette.view()
    model = view.model()
    for row in range(model.rowCount()):
        header = model.index(row, 0)
        assert header.data(IS_HEADER_ROLE)
        assert not header.flags() & Qt.ItemFlag.ItemIsDragEnabled
        assert model.rowCount(header) > 0
        for child in range(model.rowCount(header)):
            index = model.index(child, 0, header)
            assert kind_of(index) is kind_of(header)
            assert index.flags() & Qt.ItemFlag.ItemIsDragEnabled


def test_entries_show_letter_and_defaults(palette: WorkoutPalette) -> None:
    easy = next(t for t in palette.shown_templates() if t.name == "Easy run")
    assert template_summary(easy) == "35 min · 6 km · RPE 3"
    rest = next(t for t in palette.shown_templates() if t.name == "Rest day")
    assert template_summary(rest) == "Full rest"
    # What a screen reader says carries the kind in words, not only a colour.
    index = palette.view().indexAt(
        palette.view().viewport().mapFrom(palette, palette.template_rect("Easy run").center())
    )
    accessible = index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Easy run" in accessible
    assert "Run" in accessible
    assert "35 min" in accessible
    assert "Conversational" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_each_entry_paints_its_kind_colour(palette: WorkoutPalette) -> None:
    image = palette.grab().toImage()
    for name, kind in (
        ("Easy run", Kind.RUN),
        ("HIIT intervals", Kind.HIIT),
        ("Weight training", Kind.STRENGTH),
        ("Easy bike", Kind.CROSS),
    ):
        rect = palette.template_rect(name)
        found = set()
        for x in range(rect.left(), rect.left() + 50):
            found.add(QColor(image.pixel(x, rect.center().y())).name())
        assert kind_color(kind).name() in found, name


def test_refreshes_when_the_library_changes(
    qtbot, palette: WorkoutPalette, controller: PlanController
) -> None:
    own_template(controller)
    assert "Hill repeats" in names(palette)


# -- filter ---------------------------------------------------------------------------------
def test_filter_by_name_kind_or_description(qtbot, palette: WorkoutPalette) -> None:
    qtbot.keyClicks(palette.filter_edit(), "sprint")
    assert names(palette) == ["Beginner sprints"]
    assert palette.shown_groups() == [Kind.HIIT]

    palette.set_filter("strength")
    assert palette.shown_groups() == [Kind.STRENGTH]
    assert len(names(palette)) == 3

    palette.set_filter("conversational")  # in Easy run's description
    assert names(palette) == ["Easy run"]

    palette.set_filter("RUN long")  # every word must match, in any case
    assert names(palette) == ["Long run"]

    palette.set_filter("no such workout")
    assert names(palette) == []
    assert palette.shown_groups() == []
    assert palette.template_rect("Easy run").isEmpty()

    palette.filter_edit().setFocus()
    qtbot.keyClick(palette.filter_edit(), Qt.Key.Key_Escape)
    assert palette.filter_edit().text() == ""
    assert len(names(palette)) == len(BUILTIN_TEMPLATES)


def test_ctrl_f_focuses_the_filter(qtbot, palette: WorkoutPalette) -> None:
    palette.activateWindow()
    palette.view().setFocus()
    qtbot.waitUntil(palette.view().hasFocus)
    qtbot.keySequence(palette.view(), QKeySequence(QKeySequence.StandardKey.Find))
    qtbot.waitUntil(palette.filter_edit().hasFocus)


# -- template_rect --------------------------------------------------------------------------
def test_template_rect_is_inside_the_palette_and_hits_the_entry(palette: WorkoutPalette) -> None:
    rect = palette.template_rect("Easy run")
    assert not rect.isEmpty()
    assert palette.rect().contains(rect)
    view = palette.view()
    index = view.indexAt(view.viewport().mapFrom(palette, rect.center()))
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Easy run"


def test_template_rect_of_unknown_name_is_empty(palette: WorkoutPalette) -> None:
    assert palette.template_rect("Marathon in the moon").isEmpty()
    assert palette.template_rect("").isEmpty()


def test_template_rect_scrolls_the_entry_into_view(qtbot, palette: WorkoutPalette) -> None:
    palette.resize(260, 220)
    # It no longer fits: the list is laid out again, with its scroll bar.
    qtbot.waitUntil(palette.view().verticalScrollBar().isVisible)
    rect = palette.template_rect("Rest day")
    assert not rect.isEmpty()
    assert palette.rect().contains(rect)
    view = palette.view()
    assert view.indexAt(view.viewport().mapFrom(palette, rect.center())).data() == "Rest day"


# -- drag data ------------------------------------------------------------------------------
def test_mime_data_carries_the_template_id(
    palette: WorkoutPalette, controller: PlanController
) -> None:
    model = palette.model()
    index = model.index_of(name="Easy run")
    data = model.mimeData([index])
    assert data.hasFormat(TEMPLATE_MIME)
    assert decode_template(data) == template_id(controller, "Easy run")
    assert data.text() == "Easy run"
    assert model.supportedDragActions() == Qt.DropAction.CopyAction
    assert TEMPLATE_MIME in model.mimeTypes()
    # Through the filter proxy the view drags with, too.
    view = palette.view()
    proxy_index = view.indexAt(
        view.viewport().mapFrom(palette, palette.template_rect("Long run").center())
    )
    assert decode_template(view.model().mimeData([proxy_index])) == template_id(
        controller, "Long run"
    )


def test_headers_carry_no_drag_data(palette: WorkoutPalette) -> None:
    model = palette.model()
    header = model.index(0, 0)
    assert header.data(IS_HEADER_ROLE)
    assert decode_template(model.mimeData([header])) is None
    assert decode_template(model.mimeData([QModelIndex()])) is None


def test_view_is_a_native_copy_drag_source(palette: WorkoutPalette) -> None:
    view = palette.view()
    assert view.dragEnabled()
    assert view.dragDropMode() == view.DragDropMode.DragOnly
    assert view.defaultDropAction() == Qt.DropAction.CopyAction


# -- keys and activation --------------------------------------------------------------------
def test_enter_adds_the_entry_to_the_selected_day(
    qtbot, palette: WorkoutPalette, state: ViewState, repo: MemoryRepository
) -> None:
    friday = date(2026, 11, 20)
    state.select_day(friday)
    assert palette.select_template(template_id_of(palette, "Easy run"))
    palette.view().setFocus()
    qtbot.keyClick(palette.view(), Qt.Key.Key_Return)
    [added] = repo.workouts_between(friday, friday)
    assert (added.title, added.duration_min, added.distance_km) == ("Easy run", 35, 6.0)
    assert (state.selected_day, state.selected_workout_id) == (friday, added.id)


def test_double_click_adds_the_entry_to_the_selected_day(
    qtbot, palette: WorkoutPalette, state: ViewState, repo: MemoryRepository
) -> None:
    monday = date(2026, 11, 16)
    state.select_day(monday)
    view = palette.view()
    center = view.viewport().mapFrom(palette, palette.template_rect("Tempo run").center())
    # A real double click is press, release, double-click: the view checks the press.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert repo.workouts_between(monday, monday) == []
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert [w.title for w in repo.workouts_between(monday, monday)] == ["Tempo run"]


def test_entries_follow_the_units(palette: WorkoutPalette, controller: PlanController) -> None:
    assert controller.set_setting("units", "mi")
    index = palette.model().index_of(name="Easy run")
    assert index.data(SUMMARY_ROLE) == "35 min · 3.7 mi · RPE 3"  # 6 km
    assert "3.7 mi" in index.data(Qt.ItemDataRole.AccessibleTextRole)
    controller.undo_stack.undo()
    index = palette.model().index_of(name="Easy run")
    assert index.data(SUMMARY_ROLE) == "35 min · 6 km · RPE 3"


def test_enter_in_the_filter_goes_to_the_first_match(qtbot, palette: WorkoutPalette) -> None:
    palette.filter_edit().setFocus()
    qtbot.keyClicks(palette.filter_edit(), "tempo")
    qtbot.keyClick(palette.filter_edit(), Qt.Key.Key_Return)
    current = palette.current_template()
    assert current is not None and current.name == "Tempo run"


class _Counter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    @Slot()
    def hit(self) -> None:
        self.count += 1


def test_palette_keys_win_over_window_shortcuts(
    qtbot, controller: PlanController, repo: MemoryRepository
) -> None:
    """Delete in the library must not also delete a workout through the window's Delete."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    palette = WorkoutPalette(controller, ViewState(controller, clock=lambda: TODAY), window)
    layout.addWidget(palette)
    counter = _Counter()
    window_delete = QAction("Delete workout", window)
    window_delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
    window_delete.triggered.connect(counter.hit)
    window.addAction(window_delete)
    with qtbot.waitExposed(window):
        window.show()
    saved = own_template(controller)
    assert saved.id is not None
    palette.select_template(saved.id)
    press(qtbot, palette, Qt.Key.Key_Delete)
    box = palette.findChild(QMessageBox, "confirmDeleteTemplate")
    assert box is not None
    box.reject()
    assert counter.count == 0
    assert "Hill repeats" in names(palette)


# -- library edits --------------------------------------------------------------------------
def test_insert_creates_a_template(
    qtbot, palette: WorkoutPalette, controller: PlanController
) -> None:
    press(qtbot, palette, Qt.Key.Key_Insert)
    editor = open_editor(qtbot, palette)
    qtbot.keyClicks(editor.field("title"), "Recovery jog")
    duration = editor.field("duration_min")
    duration.clear()
    qtbot.keyClicks(duration, "25")
    save(qtbot, editor)
    assert "Recovery jog" in names(palette)
    stored = next(t for t in controller.templates() if t.name == "Recovery jog")
    assert stored.duration_min == 25
    assert not stored.builtin
    current = palette.current_template()
    assert current is not None and current.name == "Recovery jog"


def test_new_template_is_refused_inline_when_invalid(
    qtbot, palette: WorkoutPalette, controller: PlanController, repo: MemoryRepository
) -> None:
    before = repo.snapshot()
    palette.template_actions.new_template()
    editor = open_editor(qtbot, palette)
    save(qtbot, editor)  # no name
    assert editor.isVisible()
    assert "name" in editor.error_message("name")
    qtbot.keyClicks(editor.field("name"), "Easy run")  # taken
    save(qtbot, editor)
    assert "already has" in editor.error_message("name")
    assert repo.snapshot() == before


def test_f2_edits_own_template(qtbot, palette: WorkoutPalette, controller: PlanController) -> None:
    saved = own_template(controller)
    assert saved.id is not None
    palette.select_template(saved.id)
    press(qtbot, palette, Qt.Key.Key_F2)
    editor = open_editor(qtbot, palette)
    name = editor.field("name")
    name.clear()
    qtbot.keyClicks(name, "Hill sprints")
    save(qtbot, editor)
    assert "Hill sprints" in names(palette)
    assert "Hill repeats" not in names(palette)
    assert controller.template(saved.id) == saved.replace(name="Hill sprints")


def test_f2_on_a_builtin_offers_a_duplicate(
    qtbot, palette: WorkoutPalette, controller: PlanController
) -> None:
    easy = template_id(controller, "Easy run")
    palette.select_template(easy)
    press(qtbot, palette, Qt.Key.Key_F2)
    editor = open_editor(qtbot, palette)
    assert editor.windowTitle() == "Duplicate as my own"
    save(qtbot, editor)
    assert "Easy run (mine)" in names(palette)
    copy = next(t for t in controller.templates() if t.name == "Easy run (mine)")
    assert not copy.builtin
    assert (copy.kind, copy.duration_min, copy.distance_km, copy.rpe) == (Kind.RUN, 35, 6.0, 3)
    builtin = controller.template(easy)
    assert builtin is not None and builtin.name == "Easy run" and builtin.builtin


def test_delete_asks_then_deletes_own_template(
    qtbot, palette: WorkoutPalette, controller: PlanController
) -> None:
    saved = own_template(controller)
    assert saved.id is not None
    palette.select_template(saved.id)
    press(qtbot, palette, Qt.Key.Key_Delete)
    box = palette.findChild(QMessageBox, "confirmDeleteTemplate")
    assert isinstance(box, QMessageBox)
    assert "Hill repeats" in box.text()
    assert "Hill repeats" in names(palette)  # nothing happens before the answer
    confirm = box.findChild(QPushButton, "confirmDelete")
    with qtbot.waitSignal(controller.plan_changed, timeout=1000):
        qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    assert "Hill repeats" not in names(palette)
    assert controller.template(saved.id) is None


def test_the_delete_question_names_the_template_as_typed(
    qtbot: Any, palette: WorkoutPalette, controller: PlanController
) -> None:
    saved = own_template(controller, MARKUP_TITLE)
    assert saved.id is not None
    palette.select_template(saved.id)
    palette.template_actions.delete.trigger()  # Library ▸ Delete Template (Del)
    box = palette.findChild(QMessageBox, "confirmDeleteTemplate")
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert box_text(box) == f"Delete “{MARKUP_TITLE}” from the library?"
    assert box_informative_text(box) == "Workouts already planned from it stay in your plan."
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert MARKUP_TITLE in names(palette)


def test_cancelling_delete_keeps_the_template(
    qtbot, palette: WorkoutPalette, controller: PlanController
) -> None:
    saved = own_template(controller)
    assert saved.id is not None
    palette.select_template(saved.id)
    palette.template_actions.delete_current()
    box = palette.findChild(QMessageBox, "confirmDeleteTemplate")
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert "Hill repeats" in names(palette)


def test_builtins_cannot_be_deleted(
    qtbot, palette: WorkoutPalette, controller: PlanController, repo: MemoryRepository
) -> None:
    before = repo.snapshot()
    palette.select_template(template_id(controller, "Easy run"))
    actions = palette.template_actions
    assert not actions.delete.isEnabled()
    assert not actions.edit.isEnabled()
    assert actions.duplicate.isEnabled()
    press(qtbot, palette, Qt.Key.Key_Delete)
    palette.template_actions.delete_current()
    assert palette.findChild(QMessageBox) is None
    assert repo.snapshot() == before
    assert "Easy run" in names(palette)


def test_own_template_enables_edit_and_delete(
    palette: WorkoutPalette, controller: PlanController
) -> None:
    saved = own_template(controller)
    assert saved.id is not None
    palette.select_template(saved.id)
    assert palette.template_actions.delete.isEnabled()
    assert palette.template_actions.edit.isEnabled()


def test_context_menu_offers_the_library_actions(
    qtbot, palette: WorkoutPalette, controller: PlanController
) -> None:
    view = palette.view()
    rect = palette.template_rect("Easy run")
    pos = view.viewport().mapFrom(palette, rect.center())
    palette.show_context_menu(pos)
    menu = palette.findChild(QWidget, "workoutPaletteMenu")
    assert menu is not None
    texts = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
    assert "Add to Selected Day" in texts
    assert "New Template…" in texts
    assert "Duplicate as My Own…" in texts
    assert "Delete Template" in texts
    menu.close()
    current = palette.current_template()
    assert current is not None and current.name == "Easy run"


# -- the whole library is reachable ---------------------------------------------------------
@pytest.fixture
def demo_path(db_path: Path) -> Path:
    """A year of the demo plan; the window on it starts as at a first start (no geometry)."""
    from planner.storage.demo_plan import make_demo_plan

    make_demo_plan(db_path, today=TODAY, years=1)
    return db_path


def last_entry(palette: WorkoutPalette) -> QModelIndex:
    model = palette.view().model()
    group = model.index(model.rowCount() - 1, 0)
    last = model.index(model.rowCount(group) - 1, 0, group)
    assert last.data(Qt.ItemDataRole.DisplayRole) == "Rest day"
    return last


def test_at_first_start_on_a_1080p_screen_the_library_shows_every_entry(
    qtbot, demo_path: Path
) -> None:
    # What a first start takes of a 1920x1080 screen.
    demo_window = open_window(qtbot, demo_path, size=(1632, 950))
    palette = demo_window.findChild(WorkoutPalette, "workoutPalette")
    assert palette is not None
    view = palette.view()
    last = last_entry(palette)
    assert view.verticalScrollBar().value() == 0
    # The list settles within a few turns of the event loop; then nothing is cut off.
    qtbot.waitUntil(lambda: view.viewport().rect().contains(view.visualRect(last)), timeout=2000)
    assert view.verticalScrollBar().value() == 0


def test_on_a_small_screen_the_library_scrolls_to_its_last_entry_whole(
    qtbot, demo_path: Path
) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    demo_window = open_window(qtbot, demo_path, size=(1280, 720))
    palette = demo_window.findChild(WorkoutPalette, "workoutPalette")
    assert palette is not None
    view = palette.view()
    viewport = view.viewport()
    last = last_entry(palette)
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2000)  # it does not fit: it scrolls
    # The scroll range follows the list's last layout: it reaches the last entry's bottom.
    qtbot.waitUntil(lambda: bar.maximum() + viewport.height() > view.visualRect(last).bottom())
    bar.setValue(bar.maximum())  # the scroll bar pulled to the end
    assert viewport.rect().contains(view.visualRect(last)), (view.visualRect(last), viewport.rect())
    view.scrollToTop()
    view.scrollTo(last, QAbstractItemView.ScrollHint.EnsureVisible)  # End, or a search
    assert viewport.rect().contains(view.visualRect(last))
    assert palette.rect().contains(palette.template_rect("Rest day"))
