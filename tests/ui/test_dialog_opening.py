"""open_dialog: window-modal, the answer handed back once on accept, the dialog deleted after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QVBoxLayout, QWidget

from planner.ui.dialog_opening import open_dialog


class _Question(QDialog):
    """A small real dialog: a name to read back, OK and Cancel."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.answer = "yes"
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QVBoxLayout(self).addWidget(self.buttons)


def _window(qtbot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _open(qtbot, dialog: QDialog, calls: list[str], **kwargs) -> None:
    with qtbot.waitExposed(dialog):
        open_dialog(
            dialog,
            lambda d: calls.append(f"accepted {d.answer}" if isinstance(d, _Question) else "ok"),
            on_finished=lambda: calls.append("finished"),
            **kwargs,
        )


def test_ok_calls_back_once_with_the_dialog_then_deletes_it(qtbot) -> None:
    window = _window(qtbot)
    dialog = _Question(window)
    calls: list[str] = []
    _open(qtbot, dialog, calls)
    assert dialog.isVisible()
    assert dialog.windowModality() is Qt.WindowModality.WindowModal  # open(), not exec()
    assert calls == []  # nothing until the runner answers

    with qtbot.waitSignal(dialog.destroyed, timeout=2000):
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert calls == ["accepted yes", "finished"]


def test_cancel_and_escape_only_finish(qtbot) -> None:
    window = _window(qtbot)
    for close in ("cancel", "escape"):
        dialog = _Question(window)
        calls: list[str] = []
        _open(qtbot, dialog, calls)
        with qtbot.waitSignal(dialog.destroyed, timeout=2000):
            if close == "cancel":
                cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
                qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
            else:
                qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert calls == ["finished"], close


def test_a_message_box_is_accepted_by_its_accept_role_button_only(qtbot) -> None:
    window = _window(qtbot)
    for role, expected in (
        (QMessageBox.ButtonRole.AcceptRole, ["ok", "finished"]),
        (QMessageBox.ButtonRole.DestructiveRole, ["finished"]),
    ):
        box = QMessageBox(QMessageBox.Icon.Question, "Question", "Go on?", parent=window)
        button = box.addButton("&Go On", role)
        box.addButton(QMessageBox.StandardButton.Cancel)
        calls: list[str] = []
        _open(qtbot, box, calls)
        with qtbot.waitSignal(box.destroyed, timeout=2000):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert calls == expected, role


def test_without_callbacks_it_only_opens_and_releases(qtbot) -> None:
    window = _window(qtbot)
    dialog = _Question(window)
    with qtbot.waitExposed(dialog):
        open_dialog(dialog)
    with qtbot.waitSignal(dialog.destroyed, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
