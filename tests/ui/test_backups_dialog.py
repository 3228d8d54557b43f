"""File ▸ Backups… in the real app: damaged backups.

Each test runs the whole app (``app.run``) on a real plan file and real backups, opens the
dialog through its menu action, presses the dialog's own buttons, and reads back what the
runner sees: the table, the dialog's words, the status bar and its lasting marks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from planner import app, paths
from planner.storage import backups
from planner.storage.backups import (
    make_backup,
)
from planner.ui.dialogs.backups import BackupsDialog
from planner.ui.main_window import MainWindow
from tests.test_opening import (
    TODAY,
    Script,
    main_window,
    make_plan,
    no_excepthook,
)

__all__ = ["no_excepthook"]  # the fixture, used by name below

#: When the backups of these tests were taken (the day before TODAY).
YESTERDAY = datetime(2026, 11, 17, 7, 30, tzinfo=UTC)


# ------------------------------------------------------------------------------ helpers
def backups_dialog() -> BackupsDialog | None:
    box = QApplication.activeModalWidget()
    return box if isinstance(box, BackupsDialog) else None


def open_backups(window: MainWindow) -> None:
    """File ▸ Backups…, as the runner chooses it."""
    (action,) = [a for a in window.findChildren(QAction) if a.objectName() == "backupsAction"]
    action.trigger()


def failure_mark(window: MainWindow) -> QWidget | None:
    """The status bar's lasting "Backups are failing" mark, when it is shown."""
    mark = window.statusBar().findChild(QWidget, "backupFailureMark")
    return mark if mark is not None and not mark.isHidden() else None


def mark_text(mark: QWidget) -> str:
    text: Callable[[], str] | None = getattr(mark, "text", None)
    return text() if text is not None else ""


def table_rows(dialog: BackupsDialog) -> list[list[str]]:
    return [
        [dialog.table.item(row, column).text() for column in range(dialog.table.columnCount())]
        for row in range(dialog.table.rowCount())
    ]


def dialog_words(dialog: BackupsDialog) -> str:
    """Every line of text the dialog shows, top to bottom (tooltips aside)."""
    return "\n".join(
        label.text() for label in dialog.findChildren(QLabel) if label.isVisibleTo(dialog)
    )


def button(dialog: QWidget, text: str) -> QPushButton | None:
    for candidate in dialog.findChildren(QPushButton):
        if candidate.text().replace("&", "") == text and candidate.isVisibleTo(dialog):
            return candidate
    return None


def damage_the_middle(path: Path) -> None:
    """Overwrite the header of the file's middle page (damage that leaves counts readable)."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    middle = (len(data) // page_size // 2) * page_size
    data[middle : middle + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def run_until_done(script: Script, plan: Path) -> None:
    assert app.run(plan, today=TODAY) == 0
    assert script.failed is None, script.failed


# ------------------------------------------------------------------------------ damaged backups
def test_a_damaged_backup_is_listed_as_damaged_and_cannot_be_restored(
    qapp: QApplication, tmp_path: Path, no_excepthook: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3", workouts=300)
    good = make_backup(plan, paths.backup_dir(), now=YESTERDAY - timedelta(days=1))
    damaged = make_backup(plan, paths.backup_dir(), now=YESTERDAY)
    damage_the_middle(damaged.path)
    checked: list[Path] = []
    real_inspect = backups._inspect

    def counting(path: Path, *, full: bool) -> object:
        checked.append(Path(path))
        return real_inspect(path, full=full)

    monkeypatch.setattr(backups, "_inspect", counting)
    script = Script()

    def look(dialog: BackupsDialog) -> None:
        script.seen["rows"] = table_rows(dialog)
        dialog.table.selectRow(0)  # the newest: the damaged one
        script.seen["damaged_restorable"] = dialog.restore_button.isEnabled()
        script.seen["damaged_words"] = dialog_words(dialog)
        dialog.table.selectRow(1)
        script.seen["good_restorable"] = dialog.restore_button.isEnabled()
        script.seen["checked_first"] = list(checked)
        checked.clear()
        dialog.reject()
        open_backups(script.seen["window"])  # and once more: nothing is checked again
        script.when("the backups again", backups_dialog, look_again)

    def look_again(dialog: BackupsDialog) -> None:
        script.seen["rows_again"] = table_rows(dialog)
        script.seen["checked_again"] = list(checked)
        dialog.reject()
        script.seen["window"].close()

    def start(window: MainWindow) -> None:
        script.seen["window"] = window
        open_backups(window)

    script.when("the window", main_window, start)
    script.when("the backups", backups_dialog, look)
    run_until_done(script, plan)

    newest, older = script.seen["rows"]
    assert newest[3:] == ["damaged", "damaged"]
    assert older[3:] == ["300", "2"]
    assert script.seen["damaged_restorable"] is False
    assert "damaged" in script.seen["damaged_words"]
    assert "cannot be restored" in script.seen["damaged_words"]
    assert script.seen["good_restorable"] is True
    assert sorted(script.seen["checked_first"]) == sorted([good.path, damaged.path])
    assert script.seen["checked_again"] == []  # the checks are kept, file by file
    assert script.seen["rows_again"] == script.seen["rows"]
