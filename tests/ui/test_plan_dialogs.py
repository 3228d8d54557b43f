"""File ▸ Backups… and the dialog for a plan that cannot be opened, as widgets."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.ui.dialogs.backups import BackupsDialog, format_size
from planner.ui.dialogs.damaged_plan import (
    BackupSummary,
    PlanProblem,
    PlanProblemChoice,
    PlanProblemDialog,
)
from tests.helpers.shown_text import box_informative_text, box_text

WHEN = datetime(2026, 3, 2, 8, 15, tzinfo=UTC)


@dataclass(frozen=True)
class Row:
    path: Path
    when: datetime
    reason: str
    size: int
    workouts: int | None
    weigh_ins: int | None


ROWS = [
    Row(Path("/b/new.sqlite3"), WHEN, "automatic", 2_400_000, 1234, 210),
    Row(Path("/b/old.sqlite3"), WHEN.replace(day=1), "before-restore", 5_000, 1200, 205),
    Row(Path("/b/bad.sqlite3"), WHEN.replace(month=2), "automatic", 800, None, None),
]


def table(dialog: BackupsDialog) -> list[list[str]]:
    return [
        [dialog.table.item(row, column).text() for column in range(dialog.table.columnCount())]
        for row in range(dialog.table.rowCount())
    ]


def answer_question(button: str, seen: dict[str, Any]) -> None:
    """Click ``button`` on the next question box, remembering its text."""

    def click(left: int = 500) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if left:
                QTimer.singleShot(10, lambda: click(left - 1))
            return
        seen["text"], seen["info"] = box.text(), box.informativeText()
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(0, click)


def test_the_backups_table_says_date_kind_size_and_contents(qtbot: Any) -> None:
    dialog = BackupsDialog("legwork.sqlite3", lambda: ROWS)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Backups of legwork.sqlite3"
    local = WHEN.astimezone()
    assert table(dialog)[0] == [
        f"{local:%A} {local.day} {local:%B %Y, %H:%M}",
        "Daily",
        "2.4 MB",
        "1,234",
        "210",
    ]
    assert table(dialog)[1][1:] == ["Before a restore", "5 KB", "1,200", "205"]
    assert table(dialog)[2][3:] == ["unreadable", "unreadable"]
    assert dialog.selected() is ROWS[0]  # the newest is preselected
    assert dialog.restore_button.isEnabled()
    dialog.table.selectRow(2)
    assert not dialog.restore_button.isEnabled()  # an unreadable backup cannot be restored


def test_restore_asks_first_and_cancel_changes_nothing(qtbot: Any) -> None:
    dialog = BackupsDialog("legwork.sqlite3", lambda: ROWS)
    qtbot.addWidget(dialog)
    asked: list[Path] = []
    dialog.restore_requested.connect(asked.append)
    dialog.table.selectRow(1)

    seen: dict[str, Any] = {}
    answer_question("Cancel", seen)
    dialog.restore_button.click()
    assert asked == []
    assert "Replace legwork.sqlite3 with the backup from" in seen["text"]
    assert "1,200 workouts and 205 weigh-ins" in seen["info"]
    assert "kept as a backup first" in seen["info"]

    answer_question("Restore", seen)
    dialog.restore_button.click()
    assert asked == [Path("/b/old.sqlite3")]


def test_no_backups_yet_says_so(qtbot: Any) -> None:
    dialog = BackupsDialog("legwork.sqlite3", list)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty_label.isVisible()
    assert not dialog.table.isVisible()
    assert not dialog.restore_button.isEnabled()


def test_sizes_read_like_a_file_manager() -> None:
    assert [format_size(n) for n in (1, 812_000, 3_400_000)] == ["1 KB", "812 KB", "3.4 MB"]


def test_the_problem_dialog_offers_only_what_is_possible(qtbot: Any) -> None:
    damaged = PlanProblemDialog(
        PlanProblem(
            "Your plan “legwork.sqlite3” is damaged.",
            "Kept as legwork.sqlite3.damaged-20260302-081500.",
            details="On tree page 2 cell 0: Extends off end of page",
            backup=BackupSummary(WHEN, 1234, 1),
        )
    )
    qtbot.addWidget(damaged)
    assert "with 1,234 workouts and 1 weigh-in" in damaged.informativeText()
    assert "Extends off end of page" not in damaged.informativeText()
    assert "Extends off end of page" in damaged.detailedText()
    restore = damaged.button_for(PlanProblemChoice.RESTORE)
    assert restore is not None and damaged.defaultButton() is restore

    foreign = PlanProblemDialog(
        PlanProblem("Legwork cannot open “notes.txt”.", "Not a plan.", can_start_empty=False)
    )
    qtbot.addWidget(foreign)
    assert foreign.button_for(PlanProblemChoice.RESTORE) is None
    assert foreign.button_for(PlanProblemChoice.START_EMPTY) is None
    assert foreign.choice() is PlanProblemChoice.QUIT  # closed without a click: quit


def test_a_damaged_plan_is_named_as_its_file_is_named(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At start, a damaged plan called ``<u>my plan.sqlite3`` is reported under that name."""
    from planner import app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own
    path = tmp_path / "<u>my plan.sqlite3"
    path.write_bytes(b"")  # cut short: a damaged plan, kept aside when Legwork starts
    seen: dict[str, str] = {}

    def quit_when_asked(left: int = 1500) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, PlanProblemDialog):
            if left:
                QTimer.singleShot(10, lambda: quit_when_asked(left - 1))
            return
        seen["text"], seen["info"] = box_text(box), box_informative_text(box)
        quit_button = box.button_for(PlanProblemChoice.QUIT)
        assert quit_button is not None
        quit_button.click()

    QTimer.singleShot(0, quit_when_asked)
    assert app.run(path) == 1  # the runner chose Quit

    assert seen["text"] == "Your plan “<u>my plan.sqlite3” is damaged."
    (aside,) = tmp_path.glob("<u>my plan.sqlite3.damaged-*")
    assert f"“{aside.name}” in {tmp_path}" in seen["info"]
