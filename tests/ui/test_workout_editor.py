"""The workout editor: inline validation, round trips, and the "Mark done…" flow."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QDateEdit, QDialog, QLabel, QLineEdit, QWidget

from planner.core.model import Kind, Status, Workout
from planner.core.settings import Units
from planner.ui.controller import PlanController
from planner.ui.dialogs.number_field import NumberField
from planner.ui.dialogs.workout_editor import WorkoutEditor
from tests.fakes import MemoryRepository, write_workouts
from tests.ui.conftest import by_title


class _Saver(QObject):
    """What the main window does when the editor is accepted: store the edit."""

    def __init__(self, controller: PlanController, editor: WorkoutEditor) -> None:
        super().__init__()
        self.controller = controller
        self.editor = editor
        self.saved = 0
        editor.accepted.connect(self.save)

    @Slot()
    def save(self) -> None:
        self.saved += 1
        self.controller.edit(self.editor.workout())


@pytest.fixture
def easy(repo: MemoryRepository) -> Workout:
    return by_title(repo, "Long run")


def make_editor(qtbot, workout: Workout, **kwargs) -> WorkoutEditor:
    editor = WorkoutEditor(workout, **kwargs)
    qtbot.addWidget(editor)
    with qtbot.waitExposed(editor):
        editor.open()
    return editor


def type_into(qtbot, editor: WorkoutEditor, name: str, text: str) -> None:
    field = editor.field(name)
    assert isinstance(field, QLineEdit)
    field.clear()
    if text:
        qtbot.keyClicks(field, text)


def click(qtbot, widget: QWidget | None) -> None:
    assert widget is not None
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def save(qtbot, editor: WorkoutEditor) -> None:
    click(qtbot, editor.field("save"))


def visible_error_labels(editor: WorkoutEditor) -> list[str]:
    return [
        label.text()
        for label in editor.findChildren(QLabel, "fieldError")
        if label.isVisible() and label.text()
    ]


# -- impossible values ----------------------------------------------------------------------
IMPOSSIBLE = [
    ("distance_km", "-5", "kilometres"),
    ("distance_km", "0", "more than zero kilometres"),
    ("distance_km", "300.1", "300 km"),
    ("distance_km", "abc", "not a number"),
    ("duration_min", "-10", "more than zero minutes"),
    ("duration_min", "0", "more than zero minutes"),
    ("duration_min", "1441", "24 hours"),
    ("duration_min", "25:00", "24 hours"),
    ("duration_min", "abc", "not a number"),
    ("rpe", "-1", "0 to 10"),
    ("rpe", "11", "0 to 10"),
    ("rpe", "abc", "not a number"),
    ("title", "", "title"),
    ("title", "   ", "title"),
]


@pytest.mark.parametrize(("field", "text", "message"), IMPOSSIBLE)
def test_impossible_value_is_refused_inline(
    qtbot,
    controller: PlanController,
    repo: MemoryRepository,
    easy: Workout,
    field: str,
    text: str,
    message: str,
) -> None:
    before = repo.snapshot()
    editor = make_editor(qtbot, easy)
    saver = _Saver(controller, editor)
    type_into(qtbot, editor, field, text)
    # Said as it is typed, before any attempt to save, and Save is off meanwhile.
    assert message in editor.error_message(field)
    assert visible_error_labels(editor) == [editor.error_message(field)]
    save_button = editor.field("save")
    assert save_button is not None and not save_button.isEnabled()
    save(qtbot, editor)
    assert editor.isVisible()
    assert editor.result() != QDialog.DialogCode.Accepted
    # Ctrl+Enter (accept) singles the field out: focused and tinted, and says why to
    # assistive technology.
    editor.accept()
    widget = editor.field(field)
    assert widget is not None
    assert editor.focusWidget() is widget
    assert widget.accessibleDescription() == editor.error_message(field)
    assert saver.saved == 0
    assert repo.snapshot() == before


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("actual_distance_km", "-1", "kilometres"),
        ("actual_duration_min", "2000", "24 hours"),
        ("actual_rpe", "10.5", "0 to 10"),
        ("actual_rpe", "hard", "not a number"),
    ],
)
def test_impossible_actual_value_is_refused_inline(
    qtbot, repo: MemoryRepository, easy: Workout, field: str, text: str, message: str
) -> None:
    editor = make_editor(qtbot, easy, complete=True)
    type_into(qtbot, editor, field, text)
    assert message in editor.error_message(field)
    save(qtbot, editor)
    assert editor.isVisible()


def test_the_message_follows_the_field_as_it_is_edited(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy)
    type_into(qtbot, editor, "distance_km", "-5")
    assert "more than zero" in editor.error_message("distance_km")
    qtbot.keyClick(editor.field("distance_km"), Qt.Key.Key_Backspace)
    assert "not a number" in editor.error_message("distance_km")  # "-" alone
    qtbot.keyClick(editor.field("distance_km"), Qt.Key.Key_Backspace)
    assert editor.error_message("distance_km") == ""
    assert visible_error_labels(editor) == []
    save_button = editor.field("save")
    assert save_button is not None and save_button.isEnabled()


def test_every_wrong_field_is_marked_at_once_and_nothing_moves(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy)
    notes, save_button = editor.field("notes"), editor.field("save")
    assert notes is not None and save_button is not None
    notes_at, save_at, size = (
        notes.geometry(),
        save_button.mapTo(editor, save_button.rect().topLeft()),
        editor.size(),
    )
    type_into(qtbot, editor, "title", "")
    type_into(qtbot, editor, "duration_min", "abc")
    type_into(qtbot, editor, "distance_km", "400")
    type_into(qtbot, editor, "rpe", "11")
    assert editor.problems().keys() == {"title", "duration_min", "distance_km", "rpe"}
    assert len(visible_error_labels(editor)) == 4
    assert "title" in editor.error_message("title")
    assert "not a number" in editor.error_message("duration_min")
    assert "300 km" in editor.error_message("distance_km")
    assert "0 to 10" in editor.error_message("rpe")
    assert not save_button.isEnabled()
    # The messages took lines kept free for them: the form below did not move.
    assert notes.geometry() == notes_at
    assert save_button.mapTo(editor, save_button.rect().topLeft()) == save_at
    assert editor.size() == size
    type_into(qtbot, editor, "title", "Long run")
    type_into(qtbot, editor, "duration_min", "100")
    type_into(qtbot, editor, "distance_km", "16")
    type_into(qtbot, editor, "rpe", "5")
    assert editor.problems() == {} and visible_error_labels(editor) == []
    assert save_button.isEnabled()


def test_the_editor_shows_a_runs_pace_in_the_runners_units(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy)  # the long run: 100 min, 16 km
    assert editor.pace_text() == "6:15 min/km"
    type_into(qtbot, editor, "duration_min", "80")
    assert editor.pace_text() == "5:00 min/km"
    type_into(qtbot, editor, "distance_km", "")
    assert editor.pace_text() == ""
    in_miles = make_editor(qtbot, easy, units=Units.MI)
    assert in_miles.pace_text() == "10:04 min/mi"


def test_fixing_the_value_then_saving_works(
    qtbot, controller: PlanController, repo: MemoryRepository, easy: Workout
) -> None:
    editor = make_editor(qtbot, easy)
    saver = _Saver(controller, editor)
    type_into(qtbot, editor, "distance_km", "abc")
    save(qtbot, editor)
    assert editor.isVisible()
    type_into(qtbot, editor, "distance_km", "18")
    save(qtbot, editor)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert saver.saved == 1
    assert by_title(repo, "Long run").distance_km == 18


# -- valid edits ----------------------------------------------------------------------------
def test_valid_edit_round_trips(
    qtbot, controller: PlanController, repo: MemoryRepository, easy: Workout
) -> None:
    editor = make_editor(qtbot, easy)
    saver = _Saver(controller, editor)
    type_into(qtbot, editor, "title", "Long run with hills")
    type_into(qtbot, editor, "duration_min", "1:45")
    type_into(qtbot, editor, "distance_km", "17,5")
    type_into(qtbot, editor, "rpe", "5.5")
    notes = editor.field("notes")
    assert notes is not None
    notes.setFocus()
    qtbot.keyClicks(notes, "Bring a gel")
    save(qtbot, editor)

    assert editor.result() == QDialog.DialogCode.Accepted
    edited = editor.workout()
    assert edited == easy.replace(
        title="Long run with hills",
        duration_min=105,
        distance_km=17.5,
        rpe=5.5,
        notes="Bring a gel",
    )
    assert saver.saved == 1
    stored = repo.get_workout(easy.id)
    assert stored == edited


def test_unchanged_workout_round_trips_exactly(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy)
    save(qtbot, editor)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.workout() == easy


def test_empty_numbers_are_none(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy)
    type_into(qtbot, editor, "distance_km", "")
    type_into(qtbot, editor, "rpe", "")
    save(qtbot, editor)
    edited = editor.workout()
    assert edited.distance_km is None
    assert edited.rpe is None
    assert edited.duration_min == easy.duration_min


def test_changing_the_day_keeps_id_and_position(qtbot, repo: MemoryRepository) -> None:
    squats = by_title(repo, "Squat jumps")
    assert squats.position == 1
    editor = make_editor(qtbot, squats)
    day = editor.field("day")
    assert isinstance(day, QDateEdit)
    day.setDate(day.date().addDays(1))
    save(qtbot, editor)
    edited = editor.workout()
    assert edited.day == date(2026, 11, 22)
    assert (edited.id, edited.position) == (squats.id, squats.position)


def test_kind_change_to_rest_hides_distance(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy)
    kind = editor.field("kind")
    distance = editor.field("distance_km")
    assert kind is not None and distance is not None
    assert distance.isVisible()
    kind.setCurrentIndex(kind.findData(Kind.REST))
    assert not distance.isVisible()
    type_into(qtbot, editor, "title", "Rest")
    save(qtbot, editor)
    edited = editor.workout()
    assert edited.kind is Kind.REST
    assert edited.distance_km is None


def test_cross_training_keeps_its_distance_but_it_is_not_a_run(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy)
    kind = editor.field("kind")
    distance = editor.field("distance_km")
    assert kind is not None and distance is not None
    assert kind.itemText(kind.findData(Kind.CROSS)).endswith("Cross-training")
    kind.setCurrentIndex(kind.findData(Kind.CROSS))
    assert distance.isVisible()
    assert distance.toolTip() == "Not counted as running distance"
    assert editor.pace_text() == ""  # a pace is a run's
    type_into(qtbot, editor, "title", "Easy bike")
    type_into(qtbot, editor, "distance_km", "40")
    save(qtbot, editor)
    edited = editor.workout()
    assert (edited.kind, edited.title, edited.distance_km) == (Kind.CROSS, "Easy bike", 40.0)
    kind.setCurrentIndex(kind.findData(Kind.RUN))
    assert distance.toolTip() == ""


def test_arrow_keys_step_the_effort_by_half_points(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy)
    rpe = editor.field("rpe")
    assert isinstance(rpe, NumberField)
    rpe.setFocus()
    qtbot.keyClick(rpe, Qt.Key.Key_Up)
    assert rpe.value() == 5.5
    for _ in range(20):
        qtbot.keyClick(rpe, Qt.Key.Key_Up)
    assert rpe.value() == 10  # never past the scale


def test_ctrl_enter_saves_and_escape_cancels(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy)
    editor.activateWindow()  # shortcuts only fire in the active window
    qtbot.waitUntil(editor.isActiveWindow)
    notes = editor.field("notes")
    assert notes is not None
    notes.setFocus()
    with qtbot.waitSignal(editor.accepted, timeout=1000):
        qtbot.keyClick(notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    other = make_editor(qtbot, easy)
    with qtbot.waitSignal(other.rejected, timeout=1000):
        qtbot.keyClick(other.field("title"), Qt.Key.Key_Escape)


def test_save_button_and_labels(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy)
    save_button = editor.field("save")
    assert save_button is not None
    assert save_button.text().replace("&", "") == "Save"
    buddies = {
        label.buddy()
        for label in editor.findChildren(QLabel)
        if label.buddy() is not None and "&" in label.text()
    }
    for name in ("title", "kind", "day", "duration_min", "distance_km", "rpe", "notes"):
        assert editor.field(name) in buddies, name
    assert editor.windowTitle() == "Edit Long run"


# -- status and actuals ---------------------------------------------------------------------
def test_actual_fields_enabled_only_when_done(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy)
    actuals = [
        editor.field(n)
        for n in ("actual_duration_min", "actual_distance_km", "actual_rpe", "heavy_legs")
    ]
    assert all(w is not None and not w.isEnabled() for w in actuals)
    click(qtbot, editor.field("status_done"))
    assert all(w is not None and w.isEnabled() for w in actuals)
    click(qtbot, editor.field("status_skipped"))
    assert all(w is not None and not w.isEnabled() for w in actuals)
    click(qtbot, editor.field("status_planned"))
    assert all(w is not None and not w.isEnabled() for w in actuals)


def test_switching_to_done_prefills_empty_actuals(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy)
    click(qtbot, editor.field("status_done"))
    save(qtbot, editor)
    edited = editor.workout()
    assert edited.status is Status.DONE
    assert edited.actual_duration_min == easy.duration_min
    assert edited.actual_distance_km == easy.distance_km
    assert edited.actual_rpe == easy.rpe


def test_complete_prefills_actuals_and_focuses_duration(
    qtbot, controller: PlanController, repo: MemoryRepository, easy: Workout
) -> None:
    editor = make_editor(qtbot, easy, complete=True)
    saver = _Saver(controller, editor)
    done = editor.field("status_done")
    assert done is not None and done.isChecked()
    actual = editor.field("actual_duration_min")
    assert isinstance(actual, NumberField)
    assert actual.isEnabled()
    assert editor.focusWidget() is actual
    assert actual.value() == easy.duration_min
    assert editor.field("actual_distance_km").value() == easy.distance_km
    assert editor.field("actual_rpe").value() == easy.rpe
    assert editor.windowTitle().startswith("Mark done")

    type_into(qtbot, editor, "actual_duration_min", "95")
    type_into(qtbot, editor, "actual_rpe", "6")
    click(qtbot, editor.field("heavy_legs"))
    save(qtbot, editor)
    stored = repo.get_workout(easy.id)
    assert stored is not None
    assert saver.saved == 1
    assert stored.status is Status.DONE
    assert (stored.actual_duration_min, stored.actual_distance_km, stored.actual_rpe) == (
        95,
        easy.distance_km,
        6,
    )
    assert stored.heavy_legs


def test_complete_keeps_recorded_actuals(qtbot, repo: MemoryRepository) -> None:
    tempo = by_title(repo, "Tempo run")  # done: 44 min, 8.2 km, RPE 7
    editor = make_editor(qtbot, tempo, complete=True)
    assert editor.field("actual_duration_min").value() == 44
    assert editor.field("actual_distance_km").value() == 8.2


def test_unticking_done_keeps_the_recorded_actuals(qtbot, repo: MemoryRepository) -> None:
    tempo = by_title(repo, "Tempo run")
    editor = make_editor(qtbot, tempo)
    click(qtbot, editor.field("status_skipped"))
    save(qtbot, editor)
    edited = editor.workout()
    assert edited.status is Status.SKIPPED
    assert edited.actual_duration_min == tempo.actual_duration_min


def test_new_workout_title(qtbot) -> None:
    editor = make_editor(qtbot, Workout(None, date(2026, 11, 18), Kind.RUN, ""))
    assert editor.windowTitle() == "New workout"
    save(qtbot, editor)
    assert "title" in editor.error_message("title")


# -- miles ------------------------------------------------------------------------------------
def unit_next_to(editor: WorkoutEditor, name: str) -> str:
    field = editor.field(name)
    assert field is not None and field.parentWidget() is not None
    labels = field.parentWidget().findChildren(QLabel)
    return " ".join(label.text() for label in labels)


def test_in_miles_typing_5_stores_8047_km_and_shows_5_again(
    qtbot, controller: PlanController, repo: MemoryRepository, easy: Workout
) -> None:
    editor = make_editor(qtbot, easy, units=Units.MI)
    assert editor.field("distance_km").text() == "9.94"  # type: ignore[union-attr]  # 16 km
    assert unit_next_to(editor, "distance_km") == "mi"
    assert unit_next_to(editor, "actual_distance_km") == "mi"
    saver = _Saver(controller, editor)
    type_into(qtbot, editor, "distance_km", "5")
    save(qtbot, editor)
    assert saver.saved == 1
    stored = repo.get_workout(easy.id)
    assert stored is not None and stored.distance_km == 8.047
    assert stored.duration_min == easy.duration_min  # nothing else moved

    again = make_editor(qtbot, stored, units=Units.MI)
    assert again.field("distance_km").text() == "5"  # type: ignore[union-attr]
    in_km = make_editor(qtbot, stored)
    assert in_km.field("distance_km").text() == "8.05"  # type: ignore[union-attr]
    assert unit_next_to(in_km, "distance_km") == "km"


def test_in_miles_saving_untouched_values_changes_nothing(
    qtbot, controller: PlanController, repo: MemoryRepository, easy: Workout
) -> None:
    before = repo.snapshot()
    editor = make_editor(qtbot, easy, units=Units.MI, complete=True)
    assert editor.field("actual_distance_km").text() == "9.94"  # type: ignore[union-attr]
    editor.field("status_planned").setChecked(True)  # type: ignore[union-attr]
    saver = _Saver(controller, editor)
    save(qtbot, editor)
    assert saver.saved == 1
    assert editor.workout() == easy  # 16 km, not 9.94 mi converted back
    assert repo.snapshot() == before
    assert controller.undo_stack.count() == 0


def test_in_miles_marking_done_records_the_planned_distance_exactly(
    qtbot, controller: PlanController, repo: MemoryRepository, easy: Workout
) -> None:
    editor = make_editor(qtbot, easy, units=Units.MI, complete=True)
    saver = _Saver(controller, editor)
    save(qtbot, editor)
    assert saver.saved == 1
    done = repo.get_workout(easy.id)
    assert done is not None and done.status is Status.DONE
    assert done.actual_distance_km == 16.0


def test_in_miles_an_impossible_distance_is_explained_in_miles(qtbot, easy: Workout) -> None:
    editor = make_editor(qtbot, easy, units=Units.MI)
    type_into(qtbot, editor, "distance_km", "200")  # 321.9 km
    save(qtbot, editor)
    assert editor.isVisible()
    assert editor.error_message("distance_km") == "A distance over 186.4 mi is not plausible."
    type_into(qtbot, editor, "distance_km", "0")
    save(qtbot, editor)
    assert editor.error_message("distance_km") == "A distance must be more than zero miles."


# -- errors never move a field ------------------------------------------------------------
FIELDS = (
    "title",
    "kind",
    "day",
    "duration_min",
    "distance_km",
    "rpe",
    "race",
    "status_planned",
    "status_done",
    "status_skipped",
    "actual_duration_min",
    "actual_distance_km",
    "actual_rpe",
    "heavy_legs",
    "notes",
    "save",
)


def field_places(editor: WorkoutEditor) -> dict[str, tuple[int, int, int, int]]:
    """Where each field is on the editor, in editor pixels."""
    places = {}
    for name in FIELDS:
        widget = editor.field(name)
        assert widget is not None, name
        top_left = widget.mapTo(editor, widget.rect().topLeft())
        places[name] = (top_left.x(), top_left.y(), widget.width(), widget.height())
    return places


TYPED = {  # wrong values, then a right one
    "duration_min": ["abc", "25:00", "-10", "45"],
    "distance_km": ["abc", "400", "-5", "7.5"],
    "rpe": ["hard", "11", "-1", "6.5"],
    "title": ["", "Easy run + strides"],
    "actual_distance_km": ["abc", "400", "0", "6.2"],
}


@pytest.mark.parametrize("field", list(TYPED))
def test_no_field_moves_as_an_error_appears_and_clears(qtbot, db_path, field: str) -> None:
    from PySide6.QtWidgets import QApplication

    from planner.app import build_main_window
    from planner.storage.db import open_database

    database = open_database(db_path)
    try:
        (saved,) = write_workouts(
            database.repository,
            [Workout(None, date(2026, 11, 19), Kind.RUN, "Easy run", 0, 35, 6.0, 3)],
        )
    finally:
        database.close()
    window = build_main_window(db_path, today=date(2026, 11, 18))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    view = window.week_view
    block = view.block_rect(saved.id or 0).center()
    if field.startswith("actual_"):  # a click selects the block, Enter opens it
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=block)
        qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Return)
    else:  # a double click opens it
        qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=block)
    qtbot.waitUntil(lambda: window.findChild(WorkoutEditor) is not None)
    editor = window.findChild(WorkoutEditor)
    assert isinstance(editor, WorkoutEditor)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    if field.startswith("actual_"):
        click(qtbot, editor.field("status_done"))
    QApplication.processEvents()
    before = field_places(editor)

    target = editor.field(field)
    assert isinstance(target, QLineEdit)
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    steps: list[str] = []
    for text in TYPED[field]:
        target.selectAll()
        qtbot.keyClick(target, Qt.Key.Key_Delete)
        steps.append(f"{field} emptied")
        QApplication.processEvents()
        assert field_places(editor) == before, steps[-3:]
        for char in text:
            qtbot.keyClick(target, char)
            QApplication.processEvents()
            steps.append(f"{field}: {target.text()!r} ({editor.error_message(field)!r})")
            assert field_places(editor) == before, steps[-3:]
    assert editor.problems() == {}
    editor.reject()
