"""File ▸ Import Weights… the runner's way: the menu action, the file dialog, the buttons."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWidget

from planner.core.model import WeightEntry
from planner.interchange import weights_csv
from planner.storage.db import open_database
from planner.ui.dialogs.weight_import import WeightImportDialog
from planner.ui.main_window import MainWindow
from tests.helpers.weight_files import write_daily_weights
from tests.helpers.windows import open_window

TODAY = date(2026, 11, 18)


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """A plan with one weigh-in, on 10 November."""
    path = tmp_path / "plan.sqlite3"
    with open_database(path) as database:
        database.repository.bulk_insert_weights([WeightEntry(date(2026, 11, 10), 72.0)])
    return path


@pytest.fixture
def window(qtbot: Any, plan_file: Path) -> MainWindow:
    # The charts are built soon after the first paint, on the GUI thread: let that be done,
    # so that it does not count as the window freezing while a file is read.
    return open_window(qtbot, plan_file, charts=True)


class _ChosenFile:
    """Answers QFileDialog.getOpenFileName with one file, and remembers that it was asked."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.asked = 0

    def __call__(self, *_args: object, **_kwargs: object) -> tuple[str, str]:
        self.asked += 1
        return str(self.path), "CSV files (*.csv *.txt *.tsv)"


def open_import(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path
) -> WeightImportDialog:
    """Trigger File ▸ Import Weights…, pick ``path`` in the file dialog, return the preview."""
    chosen = _ChosenFile(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", chosen)
    window.actions_table["import_weights"].trigger()
    assert chosen.asked == 1
    qtbot.waitUntil(lambda: window.findChild(WeightImportDialog) is not None, timeout=5000)
    dialog = window.findChild(WeightImportDialog)
    assert dialog is not None
    return dialog


def click(qtbot: Any, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def stored(window: MainWindow) -> list[tuple[date, float]]:
    return [(e.day, e.kg) for e in window.controller.weights(date(1900, 1, 1), TODAY)]


# -- the menu action -----------------------------------------------------------------------
def test_the_menu_action_opens_the_preview_and_import_writes_one_undo_step(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    csv = tmp_path / "scale.csv"
    csv.write_text("date,weight\n2026-11-09,72.2\n2026-11-10,72\n", encoding="utf-8")
    dialog = open_import(qtbot, window, monkeypatch, csv)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5000)
    assert dialog.file_label.text() == str(csv)
    assert dialog.import_button.text() == "&Import 1 Weigh-in"
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: len(stored(window)) == 2, timeout=5000)
    assert stored(window) == [(date(2026, 11, 9), 72.2), (date(2026, 11, 10), 72.0)]
    assert window.controller.undo_stack.count() == 1


# -- a conflict with the weight already logged ---------------------------------------------
def preview_cells(dialog: WeightImportDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [str(model.index(row, column).data()) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


@pytest.mark.parametrize(
    ("units", "header", "cell", "shown", "status"),
    [
        ("km", "weight", "72.04", "72.04", "replaces 72 kg (tick below)"),
        ("lb", "weight (lb)", "158.7", "158.7", "replaces 158.73 lb (tick below)"),
    ],
)
def test_a_conflict_shows_enough_digits_to_tell_the_weights_apart(
    qtbot: Any,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    units: str,
    header: str,
    cell: str,
    shown: str,
    status: str,
) -> None:
    window.controller.set_setting("weight-units", units)
    csv = tmp_path / "scale.csv"
    csv.write_text(f"date,{header}\n2026-11-10,{cell}\n", encoding="utf-8")
    dialog = open_import(qtbot, window, monkeypatch, csv)
    qtbot.waitUntil(lambda: dialog.replace_box.isVisible(), timeout=5000)
    assert preview_cells(dialog) == [["2", "Tue 10 Nov 2026", shown, status]]
    click(qtbot, dialog.replace_box)
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: stored(window)[0][1] != 72.0, timeout=5000)


# -- a field too long for CSV --------------------------------------------------------------
def test_a_field_too_long_is_refused_as_too_long(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    csv = tmp_path / "scale.csv"
    csv.write_text(
        "date,weight,note\n2026-11-09,72.2,\n2026-11-11,72," + "x" * 140_000 + "\n",
        encoding="utf-8",
    )
    dialog = open_import(qtbot, window, monkeypatch, csv)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5000)
    cells = preview_cells(dialog)
    assert cells[1][0] == "3"
    assert cells[1][3] == (
        "refused: Malformed row: line 3 has a field longer than 131,072 characters, "
        "the most a CSV field may hold."
    )
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: len(stored(window)) == 2, timeout=5000)
    assert stored(window) == [(date(2026, 11, 9), 72.2), (date(2026, 11, 10), 72.0)]


# -- a large file --------------------------------------------------------------------------
class _Ticks:
    """A zero timer's ticks: the window's event loop turning (a frozen window has none)."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        self.count += 1


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    """100,000 daily rows: the last 5,000 end today (one of them on 10 Nov), 95,000 after."""
    return write_daily_weights(tmp_path / "scale.csv", 100_000, accepted=5_000, today=TODAY)


def progress_values(dialog: WeightImportDialog) -> list[int]:
    values: list[int] = []
    dialog.progress_bar.valueChanged.connect(values.append)
    return values


def test_a_large_file_is_read_while_the_window_stays_responsive(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, big_file: Path
) -> None:
    ticks = _Ticks()
    ticks.timer.start()
    dialog = open_import(qtbot, window, monkeypatch, big_file)
    assert dialog.progress_bar.isVisible()
    assert dialog.cancel_reading.isVisible()
    assert not dialog.import_button.isEnabled()
    values = progress_values(dialog)
    ticks_at_progress: list[int] = []
    dialog.progress_bar.valueChanged.connect(lambda _value: ticks_at_progress.append(ticks.count))
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=60_000)
    ticks.timer.stop()
    assert any(0 < value < dialog.progress_bar.maximum() for value in values)
    # The event loop kept turning between two reports of progress (on a frozen window, read
    # on the GUI thread, every report would see the same count), however fast the machine.
    assert max(ticks_at_progress) > min(ticks_at_progress)
    assert not dialog.progress_bar.isVisible()

    cells = preview_cells(dialog)
    assert len(cells) == 20 + 1 + 1 + 20 + 1
    assert [row[3] for row in cells[:20]] == ["new"] * 20
    assert cells[20] == ["", "", "", "and 4,979 more rows like these (new)"]
    assert cells[21][:3] == ["4993", "Tue 10 Nov 2026", "79.1"]
    assert cells[21][3] == "replaces 72 kg (tick below)"
    assert cells[22] == [
        "5002",
        "—",
        "—",
        "refused: 2026-11-19 is after today (2026-11-18).",
    ]
    assert cells[42] == ["", "", "", "and 94,980 more rows like these (refused: after today)"]
    assert dialog.summary.text() == (
        "5,000 weigh-ins in the file: 4,999 new, 1 on days that have another weight."
        " 95,000 rows refused (in red below) and not imported."
    )
    assert dialog.import_button.text() == "&Import 4,999 Weigh-ins"
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: len(stored(window)) == 5_000, timeout=30_000)
    assert (date(2026, 11, 10), 72.0) in stored(window)  # not replaced: the box was not ticked
    assert window.controller.undo_stack.count() == 1


def test_reading_can_be_cancelled_and_nothing_is_imported(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    big = write_daily_weights(tmp_path / "scale.csv", 400_000, accepted=5_000, today=TODAY)
    dialog = open_import(qtbot, window, monkeypatch, big)
    assert dialog.cancel_reading.isVisible()
    click(qtbot, dialog.cancel_reading)
    qtbot.waitUntil(lambda: not dialog.progress_bar.isVisible(), timeout=30_000)
    assert dialog.problem.text() == (
        "Reading scale.csv was cancelled: nothing was imported. Choose the file again to read it."
    )
    assert dialog.model.rowCount() == 0
    assert not dialog.import_button.isEnabled()
    assert stored(window) == [(date(2026, 11, 10), 72.0)]
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: window.findChild(WeightImportDialog) is None, timeout=5000)


def test_an_option_change_does_not_read_the_file_again(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, big_file: Path
) -> None:
    scans: list[object] = []
    real_scan = weights_csv.scan_weights_csv

    def counting_scan(*args: Any, **kwargs: Any) -> weights_csv.ScannedWeights:
        scans.append(args)
        return real_scan(*args, **kwargs)

    monkeypatch.setattr(weights_csv, "scan_weights_csv", counting_scan)
    dialog = open_import(qtbot, window, monkeypatch, big_file)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=60_000)
    assert len(scans) == 1
    assert preview_cells(dialog)[0][2] == "60"
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("lb"))
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=60_000)
    assert preview_cells(dialog)[0][2] == "27.2"  # 60 lb, in kilograms
    assert len(scans) == 1
    assert dialog.summary.text().startswith("5,000 weigh-ins in the file: 4,999 new, 1 on days")


def test_closing_the_dialog_while_reading_stops_the_reading(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    big = write_daily_weights(tmp_path / "scale.csv", 400_000, accepted=5_000, today=TODAY)
    dialog = open_import(qtbot, window, monkeypatch, big)
    assert dialog.progress_bar.isVisible()
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.findChild(WeightImportDialog) is None, timeout=5000)
    assert stored(window) == [(date(2026, 11, 10), 72.0)]


def test_a_dialog_deleted_while_reading_leaves_no_thread_and_no_paused_collector(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    big = write_daily_weights(tmp_path / "scale.csv", 400_000, accepted=5_000, today=TODAY)
    collecting = gc.isenabled()
    dialog = open_import(qtbot, window, monkeypatch, big)
    assert dialog.progress_bar.isVisible()
    assert not gc.isenabled()  # paused while the worker reads (see background_import)
    shiboken6.delete(dialog)  # as when its window is deleted: no done(), no close
    qtbot.waitUntil(lambda: gc.isenabled() == collecting, timeout=60_000)
    assert stored(window) == [(date(2026, 11, 10), 72.0)]


# -- a device's export ---------------------------------------------------------------------
def test_a_garmin_connect_export_is_previewed_and_imported(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    export = tmp_path / "Weight.csv"
    export.write_text(
        "Time,Weight,Change,BMI,Body Fat,Skeletal Muscle Mass,Bone Mass,Body Water,\n"
        '" Nov 12, 2026",\n'
        "07:12,71.4 kg,0.6 kg,22.1,--,--,--,--,\n"
        "21:00,71.9 kg,0.5 kg,22.2,--,--,--,--,\n"
        '" Nov 10, 2026",\n'
        "06:58,72.0 kg,0.1 kg,22.0,--,--,--,--,\n",
        encoding="utf-8",
    )
    dialog = open_import(qtbot, window, monkeypatch, export)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=5000)
    assert preview_cells(dialog) == [
        ["3", "Thu 12 Nov 2026", "71.4", "new"],
        [
            "4",
            "—",
            "—",
            "refused: Row 3 already has a weigh-in on 2026-11-12: one weigh-in per day.",
        ],
        ["6", "Tue 10 Nov 2026", "72", "already logged"],
    ]
    assert not dialog.unit_combo.isEnabled()  # the file says its unit
    assert dialog.unit_note.text() == "(the file says kg)"
    assert dialog.import_button.text() == "&Import 1 Weigh-in"
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: len(stored(window)) == 2, timeout=5000)
    assert stored(window) == [(date(2026, 11, 10), 72.0), (date(2026, 11, 12), 71.4)]
    assert window.controller.undo_stack.count() == 1
