"""Weigh-ins by hand and from CSV: Log Weight, the Weight Log and Import Weights.

Every change goes through the controller, so each is one undo step; a day that already has
a different weigh-in is replaced only after the runner confirms.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from planner.core.model import WeightEntry
from planner.core.service import PlanService
from planner.core.settings import KG_PER_POUND
from planner.ui.controller import PlanController
from planner.ui.dialogs.weight_import import WeightImportDialog
from planner.ui.dialogs.weight_log import LogWeightDialog, WeightLogDialog
from tests.fakes import MemoryRepository
from tests.ui.conftest import TODAY

NOV = {d: date(2026, 11, d) for d in range(1, 31)}


@pytest.fixture
def repo() -> MemoryRepository:
    return MemoryRepository(weights=[WeightEntry(NOV[10], 72.0), WeightEntry(NOV[12], 71.5)])


def stored(repo: MemoryRepository) -> list[tuple[date, float]]:
    return [(e.day, round(e.kg, 4)) for e in repo.snapshot().weights]


class Answers:
    """A stand-in for the "Replace?" question: records it and answers as told."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, _parent: QWidget, question: str, details: str) -> bool:
        self.asked.append(f"{question} {details}")
        return self.answer


# -- Log Weight ------------------------------------------------------------------------------
def test_log_weight_defaults_to_today_and_the_latest_weight(
    qtbot: Any, controller: PlanController
) -> None:
    dialog = LogWeightDialog(controller, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.form.day() == TODAY
    assert dialog.form.weight_field.text() == "71.5"
    assert dialog.form.day_edit.maximumDate().toPython() == TODAY


def test_log_weight_with_a_decimal_comma_is_one_undo_step(
    qtbot: Any, controller: PlanController, repo: MemoryRepository
) -> None:
    dialog = LogWeightDialog(controller, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.form.weight_field.setText("70,8")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert stored(repo)[-1] == (TODAY, 70.8)
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert stored(repo) == [(NOV[10], 72.0), (NOV[12], 71.5)]


def test_log_weight_in_pounds(
    qtbot: Any, controller: PlanController, repo: MemoryRepository
) -> None:
    controller.set_setting("weight-units", "lb")
    dialog = LogWeightDialog(controller, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.form.unit_label.text() == "lb"
    assert dialog.form.weight_field.text() == f"{71.5 / KG_PER_POUND:.1f}"
    dialog.form.weight_field.setText("160")
    dialog.accept()
    assert stored(repo)[-1] == (TODAY, round(160 * KG_PER_POUND, 4))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("heavy", "“heavy” is not a number"),
        ("", "Enter your weight."),
        ("19", "A body weight is between 20 and 300 kg."),
        ("300.5", "A body weight is between 20 and 300 kg."),
    ],
)
def test_log_weight_says_what_is_wrong_next_to_the_field(
    qtbot: Any, controller: PlanController, repo: MemoryRepository, typed: str, message: str
) -> None:
    dialog = LogWeightDialog(controller, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.form.weight_field.setText(typed)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert message in dialog.form.errors.message("kg")
    assert len(stored(repo)) == 2
    assert controller.undo_stack.count() == 0


def test_same_day_is_replaced_only_after_confirmation(
    qtbot: Any, controller: PlanController, repo: MemoryRepository
) -> None:
    dialog = LogWeightDialog(controller, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.form.day_edit.setDate(NOV[12])
    assert "saving replaces it" in dialog.form.note.text()
    dialog.form.weight_field.setText("70")
    no = Answers(False)
    dialog.form.confirm = no
    dialog.accept()
    assert no.asked == [
        "Thu 12 Nov 2026 already has a weigh-in of 71.5 kg. Replace it with 70 kg? (One per day.)"
    ]
    assert dialog.result() != dialog.DialogCode.Accepted
    assert stored(repo) == [(NOV[10], 72.0), (NOV[12], 71.5)]
    dialog.form.confirm = Answers(True)
    dialog.accept()
    assert stored(repo) == [(NOV[10], 72.0), (NOV[12], 70.0)]
    controller.undo_stack.undo()
    assert stored(repo) == [(NOV[10], 72.0), (NOV[12], 71.5)]


# -- the Weight Log --------------------------------------------------------------------------
@pytest.fixture
def log(qtbot: Any, controller: PlanController) -> WeightLogDialog:
    dialog = WeightLogDialog(controller, today=TODAY)
    qtbot.addWidget(dialog)
    return dialog


def cells(dialog: WeightLogDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_weight_log_lists_weigh_ins_newest_first_with_the_trend(log: WeightLogDialog) -> None:
    assert cells(log) == [["Thu 12 Nov 2026", "71.5", "71.8"], ["Tue 10 Nov 2026", "72.0", "72.0"]]
    assert log.model.headerData(1, Qt.Orientation.Horizontal) == "Weight (kg)"
    assert log.count_label.text() == "2 weigh-ins, newest first."


def test_weight_log_adds_changes_and_deletes_each_as_one_undo_step(
    log: WeightLogDialog, controller: PlanController, repo: MemoryRepository
) -> None:
    log.new()
    log.form.weight_field.setText("71")
    assert log.save()
    assert stored(repo)[-1] == (TODAY, 71.0)
    # change a stored weigh-in: picked in the table, so no question
    log.confirm = Answers(False)
    assert log.select_day(NOV[10])
    assert log.form.weight_field.text() == "72"
    log.form.weight_field.setText("72.4")
    assert log.save()
    assert (NOV[10], 72.4) in stored(repo)
    # delete one
    assert log.select_day(NOV[12])
    assert log.delete_selected()
    assert [e.day for e in log.entries()] == [TODAY, NOV[10]]
    assert controller.undo_stack.count() == 3
    controller.undo_stack.undo()  # the table follows undo
    assert [e.day for e in log.entries()] == [TODAY, NOV[12], NOV[10]]
    controller.undo_stack.undo()
    assert (NOV[10], 72.0) in stored(repo)


def test_weight_log_asks_before_replacing_another_day(
    log: WeightLogDialog, repo: MemoryRepository
) -> None:
    log.new()
    log.form.day_edit.setDate(NOV[10])
    log.form.weight_field.setText("80")
    answers = Answers(False)
    log.confirm = answers
    assert not log.save()
    assert len(answers.asked) == 1
    assert (NOV[10], 72.0) in stored(repo)


def test_weight_log_follows_other_changes_and_the_units(
    log: WeightLogDialog, controller: PlanController
) -> None:
    controller.save_weight(WeightEntry(NOV[14], 71.0))
    assert log.entries()[0] == WeightEntry(NOV[14], 71.0)
    controller.set_setting("units", "mi")  # distances: the weigh-ins stay in kilograms
    assert log.model.headerData(1, Qt.Orientation.Horizontal) == "Weight (kg)"
    controller.set_setting("weight-units", "lb")
    assert log.model.headerData(1, Qt.Orientation.Horizontal) == "Weight (lb)"
    assert cells(log)[0][1] == f"{71.0 / KG_PER_POUND:.1f}"
    assert log.form.unit_label.text() == "lb"


# -- Import Weights --------------------------------------------------------------------------
def write(tmp_path: Path, text: str | bytes, name: str = "weights.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def preview(dialog: WeightImportDialog) -> list[tuple[int, str]]:
    return [(row.row, row.status) for row in dialog.model.rows()]


CSV = (
    "Datum;Gewicht (kg)\n"  # row 1
    "09.11.2026;72,2\n"  # 2: new
    "10.11.2026;72,0\n"  # 3: already logged
    "12.11.2026;70,9\n"  # 4: another weight that day
    "13.11.2026;7,1\n"  # 5: refused (too light)
    "31.11.2026;71,0\n"  # 6: refused (no such day)
    "20.11.2026;71,0\n"  # 7: refused (after today)
)


def test_import_previews_every_row_before_writing_anything(
    qtbot: Any, tmp_path: Path, controller: PlanController, repo: MemoryRepository
) -> None:
    dialog = WeightImportDialog(controller, write(tmp_path, CSV), today=TODAY)
    qtbot.addWidget(dialog)
    rows = preview(dialog)
    assert [number for number, _ in rows] == [2, 3, 4, 5, 6, 7]
    assert rows[0] == (2, "new")
    assert rows[1] == (3, "already logged")
    assert rows[2] == (4, "replaces 71.5 kg (tick below)")
    assert rows[3][1].startswith("refused: 7.1 kg is not a plausible body weight")
    assert rows[4][1] == "refused: '31.11.2026' is not a date."
    assert rows[5][1] == "refused: 2026-11-20 is after today (2026-11-18)."
    assert dialog.summary.text() == (
        "3 weigh-ins in the file: 1 new, 1 on days that have another weight, 1 already logged."
        " 3 rows refused (in red below) and not imported."
    )
    assert not dialog.unit_combo.isEnabled()  # the header says kg
    assert stored(repo) == [(NOV[10], 72.0), (NOV[12], 71.5)]  # nothing written yet
    assert dialog.import_button.text() == "&Import 1 Weigh-in"


def test_import_keeps_the_days_already_logged_unless_told(
    qtbot: Any, tmp_path: Path, controller: PlanController, repo: MemoryRepository
) -> None:
    dialog = WeightImportDialog(controller, write(tmp_path, CSV), today=TODAY)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert stored(repo) == [(NOV[9], 72.2), (NOV[10], 72.0), (NOV[12], 71.5)]
    assert controller.undo_stack.count() == 1


def test_import_replaces_after_confirmation_in_one_undo_step(
    qtbot: Any, tmp_path: Path, controller: PlanController, repo: MemoryRepository
) -> None:
    dialog = WeightImportDialog(controller, write(tmp_path, CSV), today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.replace_box.isVisibleTo(dialog)
    dialog.replace_box.setChecked(True)
    assert dialog.import_button.text() == "&Import 2 Weigh-ins"
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert stored(repo) == [(NOV[9], 72.2), (NOV[10], 72.0), (NOV[12], 70.9)]
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert stored(repo) == [(NOV[10], 72.0), (NOV[12], 71.5)]


def test_import_a_file_that_is_not_csv(
    qtbot: Any, tmp_path: Path, controller: PlanController
) -> None:
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "scale.png")
    dialog = WeightImportDialog(controller, path, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.problem.text() == "This is not a CSV file (it is not text)."
    assert not dialog.import_button.isEnabled()
    assert dialog.model.rowCount() == 0


def test_import_an_empty_file(qtbot: Any, tmp_path: Path, controller: PlanController) -> None:
    dialog = WeightImportDialog(controller, write(tmp_path, ""), today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.problem.text() == "The file is empty."
    assert not dialog.import_button.isEnabled()


def test_import_asks_how_to_read_ambiguous_dates(
    qtbot: Any, tmp_path: Path, controller: PlanController, repo: MemoryRepository
) -> None:
    path = write(tmp_path, "date,weight (lb)\n11/05/2026,160\n11/06/2026,159\n")
    dialog = WeightImportDialog(controller, path, today=TODAY)
    qtbot.addWidget(dialog)
    assert "could be day/month/year or month/day/year" in dialog.problem.text()
    assert not dialog.import_button.isEnabled()
    dialog.order_combo.setCurrentIndex(dialog.order_combo.findData("mdy"))
    assert dialog.problem.isHidden()
    assert [row.day for row in dialog.model.rows()] == [NOV[5], NOV[6]]
    dialog.accept()
    assert (NOV[5], round(160 * KG_PER_POUND, 4)) in [(d, round(kg, 4)) for d, kg in stored(repo)]


def test_import_uses_the_chosen_unit_when_the_file_names_none(
    qtbot: Any, tmp_path: Path, repo: MemoryRepository
) -> None:
    controller = PlanController(PlanService(repo))
    controller.set_setting("weight-units", "lb")
    dialog = WeightImportDialog(
        controller, write(tmp_path, "date,weight\n2026-11-05,160\n"), today=TODAY
    )
    qtbot.addWidget(dialog)
    assert dialog.unit_combo.currentData() == "lb"
    assert dialog.entries_to_import() == [WeightEntry(NOV[5], 160 * KG_PER_POUND)]
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("kg"))
    assert dialog.entries_to_import() == [WeightEntry(NOV[5], 160.0)]
