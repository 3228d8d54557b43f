"""File ▸ Backups… in the real app: damaged backups, failing backups, a clock behind, a full disk.

Each test runs the whole app (``app.run``) on a real plan file and real backups, opens the
dialog through its menu action, presses the dialog's own buttons, and reads back what the
runner sees: the table, the dialog's words, the status bar and its lasting marks.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton, QWidget

import planner.session.session
from planner import app, paths
from planner.storage import backup_copies, backup_names
from planner.storage.backups import (
    AUTOMATIC,
    BEFORE_RESTORE,
    backup_folder,
    last_failure,
    list_backups,
    make_backup,
)
from planner.ui.dialogs.backups import BackupsDialog
from planner.ui.dialogs.damaged_plan import format_when
from planner.ui.main_window import MainWindow
from tests.helpers.app_run import Script, describe, main_window, message_box, record_and_close
from tests.helpers.dates import TODAY
from tests.helpers.plans import make_plan

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
    real_inspect = backup_copies._inspect

    def counting(path: Path, *, full: bool) -> object:
        checked.append(Path(path))
        return real_inspect(path, full=full)

    monkeypatch.setattr(backup_copies, "_inspect", counting)
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


# ------------------------------------------------------------------------------ failing backups
def test_failing_backups_are_shown_with_their_cause_until_one_succeeds(
    qapp: QApplication, tmp_path: Path, no_excepthook: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3", workouts=2)
    in_the_way = paths.backup_dir()
    in_the_way.parent.mkdir(parents=True, exist_ok=True)
    in_the_way.write_text("a file where the backups folder should be")
    monkeypatch.setattr(app, "_START_BACKUP_DELAY_MS", 10)
    script = Script()

    def failing(window: MainWindow) -> None:
        mark = failure_mark(window)
        script.seen["mark"] = mark_text(mark) if mark is not None else None
        script.seen["mark_tip"] = mark.toolTip() if mark is not None else None
        script.seen["transient"] = window.statusBar().currentMessage()
        script.seen["window"] = window
        open_backups(window)

    def shows_the_failure(dialog: BackupsDialog) -> None:
        script.seen["words"] = dialog_words(dialog)
        script.seen["rows"] = table_rows(dialog)
        in_the_way.unlink()  # the runner moves the file away...
        retry = button(dialog, "Try Again")
        script.seen["retry"] = retry is not None
        if retry is not None:
            retry.click()  # ... and tries again
        script.seen["words_after"] = dialog_words(dialog)
        script.seen["rows_after"] = table_rows(dialog)
        script.seen["mark_after"] = failure_mark(script.seen["window"])
        dialog.reject()
        script.seen["window"].close()

    def with_mark() -> MainWindow | None:
        window = main_window()
        return window if window is not None and failure_mark(window) is not None else None

    script.when("the mark", with_mark, failing)
    script.when("the backups", backups_dialog, shows_the_failure)
    run_until_done(script, plan)

    cause = f"{in_the_way} is a file, not a folder"
    assert script.seen["mark"] == f"Backups are failing: {cause}"
    assert "Move or rename that file" in script.seen["mark_tip"]
    assert f"Backups are failing: {cause}" in script.seen["words"]
    assert "Move or rename that file" in script.seen["words"]
    assert "backs up your plan once a day" not in script.seen["words"]  # not while failing
    assert script.seen["retry"]
    assert "failing" not in script.seen["words_after"]
    assert len(script.seen["rows_after"]) == 1  # the backup it just made
    assert script.seen["mark_after"] is None
    (made,) = list_backups(plan, paths.backup_dir())
    assert made.workouts == 2


def refuse_new_backup_files(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The disk holding ``folder`` has no room for a backup: creating one fails (ENOSPC).

    The small note of the failure beside the backups is written through ``open()``, which this
    leaves alone: a disk with a few kilobytes left takes it.
    """
    real_open = os.open

    def full_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        where = Path(os.fsdecode(path))
        if flags & os.O_CREAT and where.parent == folder and ".backup-" in where.name:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(where))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", full_open)


def test_a_backup_that_failed_at_close_is_told_by_the_dialog_at_the_next_start(
    qapp: QApplication, tmp_path: Path, no_excepthook: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3", workouts=2)
    folder = backup_folder(plan, paths.backup_dir())
    make_backup(plan, paths.backup_dir(), now=YESTERDAY)
    make_plan(plan, workouts=1)  # changed since: the day's backup is due at close
    monkeypatch.setattr(app, "_START_BACKUP_DELAY_MS", 3_600_000)  # no backup at start
    first = Script()
    first.when("the window", main_window, record_and_close(first))
    with pytest.MonkeyPatch.context() as full:
        refuse_new_backup_files(full, folder)
        run_until_done(first, plan)  # the backup at close fails: the window is gone by then
    assert [b.when for b in list_backups(plan, paths.backup_dir())] == [YESTERDAY]

    second = Script()  # space was freed meanwhile

    def look(dialog: BackupsDialog) -> None:
        second.seen["words"] = dialog_words(dialog)
        dialog.reject()
        second.seen["window"].close()

    def start(window: MainWindow) -> None:
        second.seen["window"] = window
        open_backups(window)

    second.when("the window", main_window, start)
    second.when("the backups", backups_dialog, look)
    run_until_done(second, plan)

    assert "Backups are failing: the disk holding the backups is full" in second.seen["words"]
    assert "Free some space" in second.seen["words"]
    # This time the backup at close worked, and the failure is no longer told.
    assert len(list_backups(plan, paths.backup_dir())) == 2
    assert last_failure(plan, paths.backup_dir()) is None


# ------------------------------------------------------------------------------ a clock behind
def test_the_before_a_restore_copy_the_status_bar_names_exists_when_the_clock_is_behind(
    qapp: QApplication, tmp_path: Path, no_excepthook: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3", workouts=2)
    root = paths.backup_dir()
    restorable = make_backup(plan, root, now=YESTERDAY)
    make_plan(plan, workouts=3)  # five workouts now
    template = make_backup(plan, root, now=YESTERDAY + timedelta(days=40), reason=BEFORE_RESTORE)
    for n in range(1, 10):  # ten restores, made when the clock was right
        name = backup_names._backup_name(
            plan, YESTERDAY + timedelta(days=40 + n), BEFORE_RESTORE, 1
        )
        shutil.copyfile(template.path, template.path.with_name(name))
    behind = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)  # the clock went back since
    monkeypatch.setattr(planner.session.session, "local_now", lambda: behind)
    script = Script()

    def pick(dialog: BackupsDialog) -> None:
        rows = dialog.rows()
        dialog.table.selectRow(next(i for i, r in enumerate(rows) if r.reason == AUTOMATIC))
        script.when("the question", message_box, confirm)
        dialog.restore_button.click()

    def confirm(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == "Restore").click()

    def restored(window: MainWindow) -> None:
        script.seen["status"] = window.statusBar().currentMessage()
        record_and_close(script)(window)

    def restored_window() -> MainWindow | None:
        window = main_window()
        return window if window is not None and window is not script.seen.get("first") else None

    def start(window: MainWindow) -> None:
        script.seen["first"] = window
        open_backups(window)

    script.when("the window", main_window, start)
    script.when("the backups", backups_dialog, pick)
    script.when("the restored window", restored_window, restored)
    run_until_done(script, plan)

    assert script.seen["workouts"] == restorable.workouts == 2
    status = script.seen["status"]
    assert "Before a restore" in status and format_when(behind) in status
    named = [b for b in list_backups(plan, root) if b.reason == BEFORE_RESTORE and b.when == behind]
    assert len(named) == 1 and named[0].path.exists()
    assert named[0].workouts == 5  # the plan as it was


# ------------------------------------------------------------------------------ a full disk
class _CopyStopsOnAFullDisk:
    """A read-only connection whose copy stops as SQLite's does when the disk is full."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def backup(self, target: sqlite3.Connection, *args: Any, **kwargs: Any) -> None:
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13  # SQLITE_FULL
        error.sqlite_errorname = "SQLITE_FULL"
        raise error

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


def test_a_restore_on_a_full_disk_says_so_and_that_the_plan_is_unchanged(
    qapp: QApplication, tmp_path: Path, no_excepthook: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3", workouts=2)
    backup = make_backup(plan, paths.backup_dir(), now=YESTERDAY)
    make_plan(plan, workouts=3)  # five workouts now
    real_connect = backup_copies._connect_read_only

    def connect(path: Path) -> Any:  # the copy of the backup beside the plan finds no room
        connection = real_connect(path)
        return _CopyStopsOnAFullDisk(connection) if Path(path) == backup.path else connection

    monkeypatch.setattr(backup_copies, "_connect_read_only", connect)
    script = Script()

    def pick(dialog: BackupsDialog) -> None:
        dialog.table.selectRow(0)
        script.when("the question", message_box, confirm)
        dialog.restore_button.click()

    def confirm(box: QMessageBox) -> None:
        script.when("the error", message_box, read_error)
        next(b for b in box.buttons() if b.text() == "Restore").click()

    def read_error(box: QMessageBox) -> None:
        script.seen["error"] = describe(box)
        box.accept()

    def after(window: MainWindow) -> None:
        record_and_close(script)(window)

    def start(window: MainWindow) -> None:
        script.seen["first"] = window
        open_backups(window)

    def window_after_the_error() -> MainWindow | None:
        return main_window() if "error" in script.seen else None

    script.when("the window", main_window, start)
    script.when("the backups", backups_dialog, pick)
    script.when("the window after the error", window_after_the_error, after)
    run_until_done(script, plan)

    error = script.seen["error"]
    words = f"{error['text']}\n{error['info']}"
    assert backup.path.name in words  # the backup, by its name...
    assert "the disk holding your plan is full" in words  # ... could not be copied beside the plan
    assert str(plan.parent) in words
    assert "Your plan was not changed" in words
    assert "Free some space" in words
    for untrue in ("plan file", "not saved", "last change", "network drive", "disk error"):
        assert untrue not in words
    assert script.seen["workouts"] == 5  # and it was not
