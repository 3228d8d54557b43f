"""Starting the app (``app.run``) on plans that cannot be opened, backups, and a second start.

Each test drives the real ``run()``: its dialogs are answered, and its window closed, by
callbacks that wait (on the Qt event loop, never on the clock) for them to appear.
"""

from __future__ import annotations

import gc
import hashlib
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from planner import app, paths
from planner.core.model import Kind, Workout
from planner.storage.backups import backup_folder, list_backups, make_backup
from planner.storage.db import check_database, open_database
from planner.ui.dialogs.backups import BackupsDialog
from planner.ui.dialogs.damaged_plan import PlanProblemChoice
from planner.ui.main_window import MainWindow
from tests.helpers.app_run import (
    Script,
    answer,
    describe,
    main_window,
    message_box,
    problem_dialog,
    record_and_close,
)
from tests.helpers.dates import TODAY
from tests.helpers.plans import make_plan
from tests.storage.conftest import NO_PERMISSION_TESTS, with_file_permissions

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------------------ driving run()
@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> Iterator[None]:
    """Free each test's windows here, on the GUI thread.

    A :class:`Script`'s waiting callbacks refer to themselves, so the windows they saw are
    freed by the cyclic garbage collector; left for later, that could run on a worker thread
    (the storage or chart imports after the first paint) and delete Qt objects there.
    """
    yield
    gc.collect()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def backed_up(path: Path) -> datetime:
    """Back ``path`` up into the user's backups; returns the backup's time."""
    when = datetime(2026, 11, 17, 7, 30, tzinfo=UTC)
    make_backup(path, paths.backup_dir(), now=when)
    return when


# ------------------------------------------------------------------------------ bad files
def flipped_byte(path: Path) -> None:
    """One byte of the workouts table's b-tree page header changed (a bad page type)."""
    make_plan(path, workouts=40)
    with sqlite3.connect(path) as connection:
        ((root,),) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'workouts'"
        ).fetchall()
    connection.close()
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[(root - 1) * page_size] ^= 0x01  # 0x0d (a table leaf) becomes 0x0c: no such page
    path.write_bytes(bytes(data))


def truncated(path: Path) -> None:
    make_plan(path, workouts=400)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def zero_length(path: Path) -> None:
    make_plan(path)
    path.write_bytes(b"")


def random_bytes(path: Path) -> None:
    make_plan(path)
    path.write_bytes(random.Random(4).randbytes(8192))


DAMAGED = [
    pytest.param(flipped_byte, "damaged", "malformed", id="flipped-byte"),
    pytest.param(truncated, "empty or cut short", "bytes)", id="truncated"),
    pytest.param(zero_length, "empty or cut short", "is empty.", id="zero-length"),
    pytest.param(random_bytes, "damaged", "not an SQLite database", id="random-bytes"),
]


@pytest.mark.parametrize(("damage", "words", "details"), DAMAGED)
def test_a_damaged_plan_is_kept_aside_and_its_newest_backup_restored(
    qapp: QApplication,
    tmp_path: Path,
    no_excepthook: None,
    capsys: pytest.CaptureFixture[str],
    damage: Callable[[Path], None],
    words: str,
    details: str,
) -> None:
    path = tmp_path / "plan.sqlite3"
    make_plan(path, workouts=3, weigh_ins=2)
    when = backed_up(path)
    path.unlink()
    damage(path)
    damaged_bytes = path.read_bytes()
    script = Script()
    script.when("the dialog", problem_dialog, answer(script, PlanProblemChoice.RESTORE))
    script.when("the window", main_window, record_and_close(script))

    assert app.run(path, today=TODAY) == 0

    assert script.failed is None
    (dialog,) = script.seen["dialogs"]
    assert dialog["text"] == "Your plan “plan.sqlite3” is damaged."
    assert words in dialog["info"]
    local = when.astimezone()
    assert (
        f"{local:%A} {local.day} {local:%B %Y, %H:%M}, with 3 workouts and 2 weigh-ins"
        in (dialog["info"])
    )
    assert details in dialog["details"]  # SQLite's wording, under Show Details only
    assert details not in dialog["info"]
    assert sorted(dialog["buttons"]) == [
        "Open Another Plan…",
        "Quit",
        "Restore the Newest Good Backup",
        "Show Details...",
        "Start an Empty Plan",
    ]
    # The damaged file was kept, byte for byte, and named in the dialog.
    (aside,) = tmp_path.glob("plan.sqlite3.damaged-*")
    assert aside.read_bytes() == damaged_bytes
    assert aside.name in dialog["info"]
    # The plan is the backup's, and works.
    assert script.seen == {**script.seen, "path": path, "workouts": 3}
    assert check_database(path).ok
    assert "Traceback" not in capsys.readouterr().err


def test_a_damaged_plan_without_backups_can_start_empty(
    qapp: QApplication, tmp_path: Path, no_excepthook: None
) -> None:
    path = tmp_path / "plan.sqlite3"
    path.write_bytes(b"")
    script = Script()
    script.when("the dialog", problem_dialog, answer(script, PlanProblemChoice.START_EMPTY))
    script.when("the window", main_window, record_and_close(script))

    assert app.run(path, today=TODAY) == 0

    assert script.failed is None
    (dialog,) = script.seen["dialogs"]
    assert "no good backup" in dialog["info"]
    assert "Restore the Newest Good Backup" not in dialog["buttons"]
    assert (script.seen["path"], script.seen["workouts"]) == (path, 0)
    assert len(list(tmp_path.glob("plan.sqlite3.damaged-*"))) == 1


def foreign_database(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('Ana', '555-0100')")
    connection.close()


def text_file(path: Path) -> None:
    path.write_text("These are my running notes, not a database.\n" * 200)


def newer_plan(path: Path) -> None:
    open_database(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    connection.close()


@pytest.mark.parametrize(
    ("make", "says"),
    [
        pytest.param(text_file, "not an SQLite database", id="text-file"),
        pytest.param(lambda p: p.write_bytes(random.Random(5).randbytes(4096)), "not", id="random"),
        pytest.param(foreign_database, "database of another application", id="foreign"),
        pytest.param(newer_plan, "written by a newer Legwork", id="newer-schema"),
    ],
)
def test_a_file_that_is_not_a_plan_is_left_alone_and_the_runner_told_why(
    qapp: QApplication,
    tmp_path: Path,
    no_excepthook: None,
    capsys: pytest.CaptureFixture[str],
    make: Callable[[Path], None],
    says: str,
) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.sqlite3"
    make(path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    script = Script()
    script.when("the dialog", problem_dialog, answer(script, PlanProblemChoice.QUIT))

    assert app.run(path, today=TODAY) == 1

    assert script.failed is None
    (dialog,) = script.seen["dialogs"]
    assert dialog["text"] == "Legwork cannot open “plan.sqlite3”."
    assert says in dialog["info"]
    assert "did not change" in dialog["info"] or "untouched" in dialog["info"]
    assert sorted(dialog["buttons"]) == [
        "Open Another Plan…",
        "Quit",
        "Show Details...",
        "Start a New Plan…",
    ]
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # nothing renamed
    assert "Traceback" not in capsys.readouterr().err


def test_open_another_plan_asks_with_an_open_dialog(
    qapp: QApplication, tmp_path: Path, no_excepthook: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.sqlite3"
    text_file(path)
    other = make_plan(tmp_path / "other.sqlite3", workouts=5)
    asked: list[str] = []

    def open_dialog(parent: QWidget | None, title: str, folder: str, kinds: str) -> tuple[str, str]:
        asked.append(title)
        return str(other), kinds

    def save_dialog(*_args: object, **_kwargs: object) -> tuple[str, str]:
        raise AssertionError("Open Another Plan… must not show a save dialog")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    script = Script()
    script.when("the dialog", problem_dialog, answer(script, PlanProblemChoice.OPEN_ANOTHER))
    script.when("the window", main_window, record_and_close(script))

    assert app.run(path, today=TODAY) == 0

    assert script.failed is None
    assert asked == ["Open a Legwork Plan"]
    assert (script.seen["path"], script.seen["workouts"]) == (other, 5)


# ------------------------------------------------------------------------------ backups
def test_opening_a_backup_opens_a_copy_and_never_the_backup(
    qapp: QApplication, tmp_path: Path, no_excepthook: None
) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3", workouts=4)
    backed_up(plan)
    (backup,) = list_backups(plan, paths.backup_dir())
    before = sha(backup.path)
    script = Script()

    def note(window: MainWindow) -> None:
        script.seen["status"] = window.statusBar().currentMessage()

    script.when("the window", main_window, record_and_close(script, note))

    assert app.run(backup.path, today=TODAY) == 0

    assert script.failed is None
    copy = script.seen["path"]
    assert copy != backup.path and copy.parent == paths.user_data_dir()
    assert script.seen["workouts"] == 4
    assert "is a backup" in script.seen["status"] and str(copy) in script.seen["status"]
    assert sha(backup.path) == before
    assert list_backups(backup.path, paths.backup_dir()) == []  # no backup of the backup


def test_file_open_plan_on_a_backup_opens_a_copy(
    qapp: QApplication, tmp_path: Path, no_excepthook: None
) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3", workouts=4)
    backed_up(plan)
    (backup,) = list_backups(plan, paths.backup_dir())
    before = sha(backup.path)
    script = Script()

    def open_the_backup(window: MainWindow) -> None:
        script.seen["first"] = window
        window.file_actions.open_path(backup.path)  # File > Open Plan... picked it

    def the_other_window() -> MainWindow | None:
        window = main_window()
        return window if window is not None and window is not script.seen["first"] else None

    script.when("the window", main_window, open_the_backup)
    script.when("the copy's window", the_other_window, record_and_close(script))

    assert app.run(plan, today=TODAY) == 0

    assert script.failed is None
    assert script.seen["path"] not in (plan, backup.path)
    assert script.seen["path"].parent == paths.user_data_dir()
    assert script.seen["workouts"] == 4
    assert sha(backup.path) == before


def test_the_days_backup_is_taken_when_the_window_closes(
    qapp: QApplication, tmp_path: Path, no_excepthook: None
) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3", workouts=2)
    script = Script()
    script.when("the window", main_window, record_and_close(script))

    assert app.run(plan, today=TODAY) == 0

    (backup,) = list_backups(plan, paths.backup_dir())
    assert backup.workouts == 2
    assert backup.path.parent == backup_folder(plan, paths.backup_dir())


def test_file_backups_restores_one_into_a_new_window(
    qapp: QApplication, tmp_path: Path, no_excepthook: None
) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3", workouts=2)
    backed_up(plan)
    make_plan(plan, workouts=3)  # five workouts now
    script = Script()

    def open_backups(window: MainWindow) -> None:
        script.seen["first"] = window
        (action,) = [a for a in window.findChildren(QAction) if a.objectName() == "backupsAction"]
        file_menu = next(m.menu() for m in window.menuBar().actions() if m.text() == "&File")
        script.seen["in_file_menu"] = action in file_menu.actions()
        action.trigger()

    def pick_the_backup(dialog: BackupsDialog) -> None:
        script.seen["rows"] = [(r.workouts, r.weigh_ins) for r in dialog.rows()]
        dialog.table.selectRow(0)
        script.when("the question", message_box, confirm)
        dialog.restore_button.click()

    def confirm(box: QMessageBox) -> None:
        script.seen["question"] = describe(box)
        (restore,) = [b for b in box.buttons() if b.text() == "Restore"]
        restore.click()

    def restored_window() -> MainWindow | None:
        window = main_window()
        return window if window is not None and window is not script.seen["first"] else None

    def backups_dialog() -> BackupsDialog | None:
        box = QApplication.activeModalWidget()
        return box if isinstance(box, BackupsDialog) else None

    script.when("the window", main_window, open_backups)
    script.when("the backups", backups_dialog, pick_the_backup)
    script.when("the restored window", restored_window, record_and_close(script))

    assert app.run(plan, today=TODAY) == 0

    assert script.failed is None
    assert script.seen["in_file_menu"]
    assert script.seen["rows"] == [(2, 2)]
    assert "Replace plan.sqlite3 with the backup from" in script.seen["question"]["text"]
    assert (script.seen["path"], script.seen["workouts"]) == (plan, 2)
    kinds = [b.reason for b in list_backups(plan, paths.backup_dir())]
    assert "before-restore" in kinds  # the five-workout plan is kept as a backup
    kept = [b for b in list_backups(plan, paths.backup_dir()) if b.reason == "before-restore"]
    assert kept[0].workouts == 5


# ------------------------------------------------------------------------------ one writer
def test_a_second_start_raises_the_first_window_and_exits_0(
    qapp: QApplication, tmp_path: Path, no_excepthook: None
) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3")
    script = Script()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}

    def start_a_second(window: MainWindow) -> None:
        window.showMinimized()
        script.seen["minimized"] = window.isMinimized()
        script.seen["window"] = window
        script.seen["second"] = subprocess.Popen(
            [sys.executable, "-m", "planner", "--db", str(plan)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        script.when("the second start to end", ended, check)

    def ended() -> subprocess.Popen[str] | None:
        second: subprocess.Popen[str] = script.seen["second"]
        return second if second.poll() is not None else None

    def check(second: subprocess.Popen[str]) -> None:
        window: MainWindow = script.seen["window"]
        script.seen["second_exit"] = second.returncode
        script.seen["second_err"] = second.stderr.read() if second.stderr else ""
        script.seen["raised"] = not window.isMinimized()
        window.close()

    script.when("the window", main_window, start_a_second)

    assert app.run(plan, today=TODAY) == 0

    assert script.failed is None, script.seen.get("second_err")
    assert script.seen["minimized"] is True
    assert script.seen["second_exit"] == 0, script.seen["second_err"]
    assert script.seen["raised"] is True
    assert "Traceback" not in script.seen["second_err"]


# ------------------------------------------------------------------------------ read-only
def banner_of(path: Path) -> dict[str, Any]:
    """Build the window on ``path``; what its read-only banner says (run under setpriv)."""
    from PySide6.QtWidgets import QToolBar

    qapp = QApplication.instance() or QApplication([])
    assert qapp is not None
    window, plan_file = app.open_plan(path, TODAY)
    banner = window.findChild(QToolBar, "readOnlyBanner")
    outcome = {
        "read_only": getattr(plan_file, "read_only", False),
        "banner": None if banner is None else banner.text(),  # type: ignore[attr-defined]
        "shown": banner is not None and not banner.isHidden(),
    }
    window.close()
    return outcome


@pytest.mark.skipif(NO_PERMISSION_TESTS is not None, reason=str(NO_PERMISSION_TESTS))
def test_a_plan_that_can_only_be_read_opens_with_a_banner_saying_why(
    qapp: QApplication, tmp_path: Path
) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3", workouts=2)
    before = sha(plan)
    plan.chmod(0o400)
    try:
        outcome = with_file_permissions(banner_of, plan)
    finally:
        plan.chmod(0o600)
    assert outcome["read_only"] is True
    assert outcome["shown"] is True
    assert outcome["banner"].startswith("Read-only. The plan file plan.sqlite3 is write-protected")
    assert "changes will not be saved" in outcome["banner"]
    assert sha(plan) == before


def test_a_writable_plan_has_no_banner(qapp: QApplication, tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3")
    assert banner_of(plan) == {"read_only": False, "banner": None, "shown": False}


# ------------------------------------------------------------ write-protected, then writable
def _window_outcome(path: Path, *, edit: bool) -> dict[str, Any]:
    """Open ``path`` as the app does and wait until loaded; read a week, maybe add a run."""
    import time

    from PySide6.QtWidgets import QToolBar

    qapp = QApplication.instance() or QApplication([])
    assert isinstance(qapp, QApplication)
    window = app.build_main_window(path, today=TODAY)
    window.show()
    deadline = time.monotonic() + 20
    while (
        not getattr(getattr(window, "database", None), "loaded", True)
        and time.monotonic() < deadline
    ):
        qapp.processEvents()
    seen = window.controller.workouts(TODAY - timedelta(days=7), TODAY)
    banner = window.findChild(QToolBar, "readOnlyBanner")
    outcome: dict[str, Any] = {
        "count": len(seen),
        "banner": None if banner is None or banner.isHidden() else banner.text(),  # type: ignore[attr-defined]
    }
    if edit:
        refusals: list[str] = []
        window.controller.failed.connect(lambda message, _hint: refusals.append(message))
        added = window.controller.add_workout(
            Workout(None, TODAY, Kind.RUN, "After the chmod", 0, 30.0, 5.0, 3.0)
        )
        outcome["saved"] = added is not None
        outcome["refusals"] = refusals
    window.close()
    qapp.processEvents()
    return outcome


def read_only_session(path: Path) -> dict[str, Any]:
    """A session on the write-protected ``path`` (run under setpriv)."""
    return _window_outcome(path, edit=False)


def read_only_then_writable(path: Path) -> dict[str, Any]:
    """One session: the plan write-protected, closed, made writable, opened and edited."""
    path.chmod(0o400)
    before = _window_outcome(path, edit=False)
    path.chmod(0o600)
    return {"before": before, "after": _window_outcome(path, edit=True)}


def writable_session(path: Path) -> dict[str, Any]:
    """A session that edits ``path`` (run under setpriv)."""
    return _window_outcome(path, edit=True)


@pytest.mark.skipif(NO_PERMISSION_TESTS is not None, reason=str(NO_PERMISSION_TESTS))
def test_a_plan_made_writable_again_opens_writable_in_the_same_session(
    qapp: QApplication, tmp_path: Path
) -> None:
    """A read-only session leaves 0400 ``-wal``/``-shm`` files; they must not keep it read-only."""
    plan = make_plan(tmp_path / "plan.sqlite3", workouts=2)
    try:
        outcome = with_file_permissions(read_only_then_writable, plan)
    finally:
        plan.chmod(0o600)
    assert outcome["before"]["banner"].startswith("Read-only. The plan file plan.sqlite3 is")
    assert outcome["after"] == {"count": 2, "banner": None, "saved": True, "refusals": []}
    with open_database(plan, read_only=True) as db:
        assert "After the chmod" in [w.title for w in db.repository.workouts_between(TODAY, TODAY)]


@pytest.mark.skipif(NO_PERMISSION_TESTS is not None, reason=str(NO_PERMISSION_TESTS))
def test_a_plan_made_writable_again_opens_writable_after_a_restart(
    qapp: QApplication, tmp_path: Path
) -> None:
    plan = make_plan(tmp_path / "plan.sqlite3", workouts=2)
    plan.chmod(0o400)
    try:
        before = with_file_permissions(read_only_session, plan)
    finally:
        plan.chmod(0o600)
    assert before["banner"].startswith("Read-only.")
    after = with_file_permissions(writable_session, plan)
    assert after == {"count": 2, "banner": None, "saved": True, "refusals": []}


def rendered_banner(path: Path) -> dict[str, Any]:
    """Build the window on ``path``; the characters its read-only banner shows (setpriv)."""
    from PySide6.QtWidgets import QToolBar

    from tests.helpers.shown_text import label_text

    qapp = QApplication.instance() or QApplication([])
    assert qapp is not None
    window = app.build_main_window(path, today=TODAY)
    banner = window.findChild(QToolBar, "readOnlyBanner")
    shown = None if banner is None else label_text(banner.label)  # type: ignore[attr-defined]
    window.close()
    return {"shown": shown}


@pytest.mark.skipif(NO_PERMISSION_TESTS is not None, reason=str(NO_PERMISSION_TESTS))
def test_the_read_only_banner_shows_a_markup_like_file_name_as_it_is(
    qapp: QApplication, tmp_path: Path
) -> None:
    plan = make_plan(tmp_path / "<u>my plan.sqlite3", workouts=1)
    plan.chmod(0o400)
    try:
        outcome = with_file_permissions(rendered_banner, plan)
    finally:
        plan.chmod(0o600)
    assert outcome["shown"] == (
        "Read-only. The plan file <u>my plan.sqlite3 is write-protected, so changes cannot be "
        "saved. You can look, print and export, but changes will not be saved."
    )


# ------------------------------------------------------------------------------ a second start
def test_a_second_start_says_in_one_line_that_the_open_window_was_brought_forward(
    qapp: QApplication, tmp_path: Path, no_excepthook: None
) -> None:
    """A second ``legwork`` on a plan already open ended in 0.4 s with exit 0 and said
    nothing: from a terminal it looked as if it had failed to start."""
    plan = make_plan(tmp_path / "plan.sqlite3")
    script = Script()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}

    def start_a_second(window: MainWindow) -> None:
        script.seen["second"] = subprocess.Popen(
            [sys.executable, "-m", "planner", "--db", str(plan)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        script.when("the second start to end", ended, lambda _: window.close())

    def ended() -> subprocess.Popen[str] | None:
        second: subprocess.Popen[str] = script.seen["second"]
        return second if second.poll() is not None else None

    script.when("the window", main_window, start_a_second)
    assert app.run(plan, today=TODAY) == 0

    second: subprocess.Popen[str] = script.seen["second"]
    out, err = second.communicate()
    assert script.failed is None, err
    assert second.returncode == 0, err
    assert out == (
        "legwork: plan.sqlite3 is already open; its window was brought to the front.\n"
    ), err
