"""File ▸ Import Activities… the runner's way: the menu, the file dialog, the progress, the
report, Undo; Cancel during a large import; files dropped on the window.

FIT files come from fit-tool (``tests/helpers/fit_files.py``); GPX is written inline.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fit_tool.profile.profile_type import Sport, SubSport
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from planner.core.model import Kind, Status, Workout
from planner.ui.dialogs.activity_import import ActivityImporter, ImportProgress
from planner.ui.dialogs.activity_report import ActivityImportReport
from planner.ui.main_window import MainWindow
from tests.helpers import fit_files
from tests.helpers.activities import RUN_DAY, plan_awaiting_the_run
from tests.helpers.gpx_files import gpx_run
from tests.helpers.shown_text import label_text
from tests.helpers.windows import open_window, undo_text

#: A damaged file whose name is markup: the report shows it as it is on disk.
BROKEN = "<b>broken <img src=x>.fit"


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """A plan with an easy run planned on the day the watch recorded a run."""
    return plan_awaiting_the_run(tmp_path / "plan.sqlite3")


@pytest.fixture
def window(qtbot: Any, plan_file: Path) -> MainWindow:
    return open_window(qtbot, plan_file)


@pytest.fixture(scope="module")
def watch_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A realistic mix: a run, a ride, the run again as GPX, a damaged file, a workout file."""
    run = fit_files.one_hour_run()
    ride = fit_files.activity(
        sport=Sport.CYCLING,
        sub_sport=SubSport.ROAD,
        seconds=1200,
        speed_m_s=8.0,
        start=fit_files.RUN_START.replace(hour=17),  # 18:00 at the file's UTC+1
    )
    return {
        "morning-run.fit": run,
        "evening-ride.fit": ride,
        "morning-run.gpx": gpx_run(fit_files.RUN_START + timedelta(seconds=20)).encode(),
        BROKEN: fit_files.damaged(run),
        "intervals-plan.fit": fit_files.workout(),
    }


def write(folder: Path, files: dict[str, bytes]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


class _ChosenFiles:
    """Answers QFileDialog.getOpenFileNames with these files, and remembers it was asked."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.asked: list[str] = []

    def __call__(self, _parent: object, caption: str, *_args: object) -> tuple[list[str], str]:
        self.asked.append(caption)
        return [str(p) for p in self.paths], ""


def workouts(window: MainWindow) -> list[Workout]:
    return window.controller.workouts(date(2026, 1, 1), date(2026, 12, 31))


def report_of(qtbot: Any, window: MainWindow) -> ActivityImportReport:
    qtbot.waitUntil(lambda: window.findChild(ActivityImportReport) is not None, timeout=30_000)
    report = window.findChild(ActivityImportReport)
    assert report is not None
    qtbot.waitExposed(report)
    return report


def importer_of(window: MainWindow) -> ActivityImporter:
    importer = window.findChild(ActivityImporter)
    assert importer is not None
    return importer


def close(qtbot: Any, report: ActivityImportReport) -> None:
    qtbot.mouseClick(report.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not report.isVisible())


def test_the_menu_imports_a_watch_mix_reports_each_file_and_undo_takes_it_all_back(
    qtbot: Any,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    watch_files: dict[str, bytes],
) -> None:
    before = workouts(window)
    chosen = _ChosenFiles(write(tmp_path / "watch", watch_files))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", chosen)
    window.actions_table["import_activities"].trigger()
    assert chosen.asked == ["Import Activities"]
    report = report_of(qtbot, window)

    assert label_text(report.summary) == (
        "Imported 2 activities: 1 linked to the plan, 1 new workout; "
        "1 duplicate skipped, 2 files refused."
    )
    rows = report.shown_rows()
    assert rows["Linked to the plan (1)"] == [("morning-run.fit", "Run on Tue 17 Nov → Easy run")]
    assert rows["New workouts (1)"] == [
        ("evening-ride.fit", "Evening ride, 9.6 km on Tue 17 Nov (cross-training)")
    ]
    assert rows["Duplicates, not imported again (1)"] == [
        ("morning-run.gpx", "the same as morning-run.fit")
    ]
    assert rows["Refused (2)"] == [
        (BROKEN, "the file is damaged (its checksum does not match)"),
        (
            "intervals-plan.fit",
            "not an activity: a workout (a plan for a session, not a recording of one)",
        ),
    ]
    assert window.statusBar().currentMessage() == label_text(report.summary)
    close(qtbot, report)

    # the week shows the planned run done as recorded, and the ride as cross-training
    assert window.state.week.start <= RUN_DAY <= window.state.week.end
    shown = {w.title: w for w in workouts(window)}
    easy = shown["Easy run"]
    assert easy.status is Status.DONE
    assert easy.actual_duration_min == 59.0  # the file's moving time
    assert easy.actual_distance_km == 10.8
    ride = shown["Evening ride"]
    assert (ride.kind, ride.status, ride.day) == (Kind.CROSS, Status.DONE, RUN_DAY)
    assert window.controller.activity_links(RUN_DAY, RUN_DAY).keys() == {easy.id, ride.id}

    assert undo_text(window) == "Undo Import 2 activities"
    window.undo_action.trigger()
    assert workouts(window) == before
    assert window.controller.activity_links(RUN_DAY, RUN_DAY) == {}


def test_cancel_during_a_large_import_leaves_the_plan_as_it_was(
    qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = datetime(2026, 6, 1, 6, 0, tzinfo=fit_files.RUN_START.tzinfo)
    files = {
        f"run-{n:03}.gpx": gpx_run(first + timedelta(days=n // 2, hours=8 * (n % 2))).encode()
        for n in range(240)
    }
    before = workouts(window)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", _ChosenFiles(write(tmp_path / "export", files))
    )
    window.actions_table["import_activities"].trigger()
    qtbot.waitUntil(lambda: window.findChild(ImportProgress) is not None)
    progress = window.findChild(ImportProgress)
    assert progress is not None
    qtbot.waitUntil(progress.isVisible)
    assert not progress.isModal()  # the window stays usable while the files are read
    qtbot.waitUntil(lambda: progress.bar.value() > 0, timeout=30_000)
    shown = window.state.week
    window.actions_table["next_week"].trigger()  # the window answers while files are read
    assert window.state.week == shown.next
    assert importer_of(window).running
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    importer = importer_of(window)
    qtbot.waitUntil(lambda: not importer.running, timeout=30_000)

    assert window.statusBar().currentMessage() == "Import cancelled: nothing was imported."
    assert window.findChild(ActivityImportReport) is None
    assert workouts(window) == before
    assert not window.undo_action.isEnabled()


def _drag(window: MainWindow, paths: list[Path]) -> tuple[QMimeData, QPoint]:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    view = window.week_view
    return data, view.rect().center()


def test_files_dropped_on_the_week_are_imported(
    qtbot: Any,
    window: MainWindow,
    tmp_path: Path,
    watch_files: dict[str, bytes],
) -> None:
    folder = tmp_path / "dropped"
    (folder / "deeper").mkdir(parents=True)
    (folder / "deeper" / "run.fit").write_bytes(watch_files["morning-run.fit"])
    ride = write(tmp_path, {"ride.fit": watch_files["evening-ride.fit"]})
    data, at = _drag(window, [folder, *ride])
    view = window.week_view
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, actions, data, buttons, keys)
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(at, actions, data, buttons, keys)
    QApplication.sendEvent(view, move)
    assert move.isAccepted()
    drop = QDropEvent(QPointF(at), actions, data, buttons, keys)
    QApplication.sendEvent(view, drop)
    assert drop.isAccepted()

    report = report_of(qtbot, window)
    assert label_text(report.summary) == (
        "Imported 2 activities: 1 linked to the plan, 1 new workout."
    )
    close(qtbot, report)
    easy = next(w for w in workouts(window) if w.title == "Easy run")
    assert easy.status is Status.DONE


def test_the_week_s_own_drags_are_not_taken_for_files(qtbot: Any, window: MainWindow) -> None:
    from planner.ui.mime import encode_workouts

    easy = next(w for w in workouts(window) if w.title == "Easy run")
    data = encode_workouts([easy.id or 0])
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_a_folder_with_a_bulk_export_is_read_through_and_its_other_files_left_alone(
    qtbot: Any,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    watch_files: dict[str, bytes],
) -> None:
    export = tmp_path / "export"
    (export / "media").mkdir(parents=True)
    (export / "media" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bulk:
        bulk.writestr("activities/1.fit.gz", gzip.compress(watch_files["morning-run.fit"]))
    (export / "export_123.zip").write_bytes(archive.getvalue())
    asked: list[str] = []

    def folder(_parent: object, caption: str, *_args: object) -> str:
        asked.append(caption)
        return str(export)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
    window.actions_table["import_activity_folder"].trigger()
    report = report_of(qtbot, window)
    assert asked == ["Import Activities from Folder"]
    assert report.shown_rows() == {
        "Linked to the plan (1)": [
            ("export/export_123.zip/activities/1.fit.gz", "Run on Tue 17 Nov → Easy run")
        ]
    }
    notes = [label_text(label) for label in report.findChildren(QLabel)]
    assert "Left alone: 1 other file in the folders and archives (not activity files)." in notes
    close(qtbot, report)
