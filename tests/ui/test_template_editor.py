"""The template editor and the "Save as template…" name prompt."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from planner.core.library import BUILTIN_TEMPLATES, builtin_template
from planner.core.model import Kind, Template
from planner.ui.dialogs.template_editor import (
    TemplateEditor,
    TemplateNameDialog,
    ask_template_name,
)

NAMES = [t.name for t in BUILTIN_TEMPLATES]


def make_editor(qtbot, template: Template, **kwargs) -> TemplateEditor:
    editor = TemplateEditor(template, **kwargs)
    qtbot.addWidget(editor)
    with qtbot.waitExposed(editor):
        editor.open()
    return editor


def type_into(qtbot, editor: TemplateEditor, name: str, text: str) -> None:
    field = editor.field(name)
    assert isinstance(field, QLineEdit)
    field.clear()
    if text:
        qtbot.keyClicks(field, text)


def save(qtbot, editor: QDialog) -> None:
    button = editor.field("save") if isinstance(editor, TemplateEditor) else None
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def own() -> Template:
    return Template(12, "Hill repeats", Kind.RUN, 50, 9.0, 7, "8 x 60 s uphill, jog down")


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("name", "", "name"),
        ("name", "  ", "name"),
        ("name", "Easy run", "already has"),
        ("name", "easy RUN", "already has"),
        ("duration_min", "0", "more than zero minutes"),
        ("duration_min", "-5", "more than zero minutes"),
        ("duration_min", "1500", "24 hours"),
        ("duration_min", "abc", "not a number"),
        ("distance_km", "0", "more than zero kilometres"),
        ("distance_km", "300.1", "300 km"),
        ("distance_km", "x", "not a number"),
        ("rpe", "-1", "0 to 10"),
        ("rpe", "11", "0 to 10"),
    ],
)
def test_impossible_values_are_refused_inline(
    qtbot, own: Template, field: str, text: str, message: str
) -> None:
    editor = make_editor(qtbot, own, existing_names=[*NAMES, own.name])
    type_into(qtbot, editor, field, text)
    assert message in editor.error_message(field)  # as it is typed
    save(qtbot, editor)
    assert editor.isVisible()
    assert editor.result() != QDialog.DialogCode.Accepted
    editor.accept()  # Ctrl+Enter: the wrong field takes the focus
    assert editor.focusWidget() is editor.field(field)


def test_valid_edit_round_trips(qtbot, own: Template) -> None:
    editor = make_editor(qtbot, own, existing_names=[*NAMES, own.name])
    type_into(qtbot, editor, "name", "Hill sprints")
    type_into(qtbot, editor, "duration_min", "40")
    type_into(qtbot, editor, "distance_km", "")
    type_into(qtbot, editor, "rpe", "8.5")
    description = editor.field("description")
    assert description is not None
    description.setFocus()
    qtbot.keyClick(description, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(description, " Walk back.")
    save(qtbot, editor)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.template() == own.replace(
        name="Hill sprints",
        duration_min=40,
        distance_km=None,
        rpe=8.5,
        description="8 x 60 s uphill, jog down Walk back.",
    )


def test_keeping_its_own_name_is_fine(qtbot, own: Template) -> None:
    editor = make_editor(qtbot, own, existing_names=[*NAMES, own.name])
    save(qtbot, editor)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert editor.template() == own


def test_new_template_defaults(qtbot) -> None:
    editor = make_editor(qtbot, Template(None, "", Kind.HIIT, 25, None, 8))
    assert editor.windowTitle() == "New template"
    type_into(qtbot, editor, "name", "Track 400s")
    save(qtbot, editor)
    template = editor.template()
    assert (template.id, template.name, template.kind, template.builtin) == (
        None,
        "Track 400s",
        Kind.HIIT,
        False,
    )


def test_rest_kind_hides_distance(qtbot, own: Template) -> None:
    editor = make_editor(qtbot, own)
    kind = editor.field("kind")
    distance = editor.field("distance_km")
    assert kind is not None and distance is not None
    kind.setCurrentIndex(kind.findData(Kind.REST))
    assert not distance.isVisible()
    save(qtbot, editor)
    assert editor.template().kind is Kind.REST
    assert editor.template().distance_km is None


def test_duplicate_of_a_builtin(qtbot) -> None:
    easy = builtin_template("Easy run")
    copy = easy.replace(id=None, builtin=False, name="Easy run (mine)")
    editor = make_editor(qtbot, copy, existing_names=NAMES, title="Duplicate as my own")
    assert editor.windowTitle() == "Duplicate as my own"
    save(qtbot, editor)
    assert editor.template() == copy


# -- the name prompt ------------------------------------------------------------------------
def test_name_dialog_requires_a_new_name(qtbot) -> None:
    dialog = TemplateNameDialog("Easy run", existing_names=NAMES)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.open()
    dialog.accept()
    assert dialog.isVisible()
    assert "already has" in dialog.error_message()
    line = dialog.findChild(QLineEdit)
    assert line is not None
    line.clear()
    dialog.accept()
    assert "name" in dialog.error_message()
    qtbot.keyClicks(line, "  Easy run 2 ")
    assert dialog.error_message() == ""
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert dialog.name() == "Easy run 2"


class _Answer(QObject):
    """Answers the modal prompt from the event loop, as a person would."""

    def __init__(self, qtbot, text: str | None) -> None:
        super().__init__()
        self.qtbot = qtbot
        self.text = text

    @Slot()
    def answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TemplateNameDialog)
        if self.text is None:
            dialog.reject()
            return
        line = dialog.findChild(QLineEdit)
        assert line is not None
        line.setText(self.text)
        dialog.accept()


@pytest.mark.parametrize(("text", "expected"), [("Tempo 2", "Tempo 2"), (None, None)])
def test_ask_template_name(qtbot, text: str | None, expected: str | None) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    answer = _Answer(qtbot, text)
    QTimer.singleShot(0, answer.answer)
    assert ask_template_name(parent, "Tempo run", existing_names=NAMES) == expected
