"""Import Activities: watch files read in the background, then one write, then the report.

The files, folders and ZIP archives chosen (or dropped on the window) are read on a worker
thread (:class:`ActivityReading`, under the process's keeper of
:mod:`.weight_reading`; decoding itself uses worker processes) while a progress dialog
(objectName ``activityImportProgress``) moves and the window stays usable. Nothing is
written while reading: Cancel stops it and leaves the plan exactly as it was. At the end the
activities go in with one controller call on the GUI thread, one undo step
(:meth:`~planner.ui.controller.PlanController.import_activities`), and the report dialog
(:mod:`.activity_report`) tells what became of every file.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from planner.core.activity_import import ActivityImport
from planner.interchange.activities import ReadCancelled, ReadReport, read_activities
from planner.ui.controller import PlanController
from planner.ui.dialog_opening import open_dialog
from planner.ui.dialogs.activity_report import ActivityImportReport, ImportReport
from planner.ui.dialogs.weight_reading import JobThread, start_reading
from planner.ui.view_state import ViewState

log = logging.getLogger(__name__)

#: The progress bar's steps.
_STEPS = 1000
#: The progress shows only for an import that takes longer than this (no flash for a few
#: files: the report comes at once).
SHOW_PROGRESS_AFTER_MS = 400


class ActivityReading(JobThread):
    """Reads activity files on the worker; :attr:`found` is the batch once it ended.

    :attr:`cancelled` says Cancel stopped it, :attr:`problem` why it failed (a bug).
    """

    def __init__(self, paths: Sequence[Path], today: date) -> None:
        super().__init__()
        self._paths = tuple(paths)
        self._today = today
        self.found: ReadReport | None = None
        self.cancelled = False
        self.problem = ""

    def perform(self) -> None:
        try:
            self.found = read_activities(
                self._paths,
                on_progress=self._progressed,
                should_stop=lambda: self.stopping,
                today=self._today,
                background=True,
            )
        except ReadCancelled:
            self.cancelled = True
        except Exception as error:  # a bug: say so rather than leave the progress waiting
            log.exception("reading activity files failed")
            self.problem = f"Reading the files failed: {error}"

    def _progressed(self, done: int, total: int) -> None:
        self.report(done / total)


class ImportProgress(QDialog):
    """The reading's progress, with Cancel; not modal, so the window stays usable."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityImportProgress")
        self.setWindowTitle("Import Activities")
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.label = QLabel(f"Reading {what}…", self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("activityImportBar")
        self.bar.setRange(0, _STEPS)
        self.bar.setAccessibleName("Reading the activity files")
        self.note = QLabel("Nothing is written until every file is read.", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelActivityImport")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    @Slot(float)
    def progressed(self, done: float) -> None:
        """Show ``done`` (0 to 1)."""
        self.bar.setValue(round(done * _STEPS))


def _common_folder(paths: Sequence[Path]) -> str:
    """The folder holding every chosen path ("" when they share none)."""
    try:
        return os.path.commonpath([str(p.absolute().parent) for p in paths])
    except ValueError:  # different drives
        return ""


def _what(paths: Sequence[Path]) -> str:
    return paths[0].name if len(paths) == 1 else f"{len(paths):,} files and folders"


class ActivityImporter(QObject):
    """Runs one activity import at a time for a window: read, write once, report.

    Args:
        window: the main window (the dialogs' parent).
        controller: writes the activities (one undo step).
        state: the import shows the week of the first activity it added.

    Signals:
        message(str): the summary for the status bar.
        failed(str, str): what went wrong and what to do.
    """

    message = Signal(str)
    failed = Signal(str, str)

    def __init__(self, window: QWidget, controller: PlanController, state: ViewState) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._state = state
        self._task: ActivityReading | None = None
        self._base = ""
        self.progress: ImportProgress | None = None
        self.report: ActivityImportReport | None = None

    @property
    def running(self) -> bool:
        """Whether files are being read now."""
        return self._task is not None

    def start(self, paths: Sequence[Path]) -> bool:
        """Read ``paths`` (files, folders, archives) in the background, then import them.

        ``False`` (and nothing started) while another import is reading.
        """
        if self._task is not None:
            self.failed.emit(
                "Activities are being imported already.",
                "Wait for that import to end, or cancel it, then import these.",
            )
            if self.progress is not None:
                self.progress.raise_()
            return False
        task = ActivityReading(paths, self._state.today)
        self._base = _common_folder(paths)
        progress = ImportProgress(_what(paths), self._window)
        progress.rejected.connect(task.stop)
        task.progressed.connect(progress.progressed)
        task.ended.connect(self._ended)
        self._task, self.progress = task, progress
        QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, progress, progress.show)
        start_reading(task)
        return True

    def cancel(self) -> None:
        """Stop the reading: nothing is imported."""
        if self._task is not None:
            self._task.stop()

    @Slot(object)
    def _ended(self, task: ActivityReading) -> None:
        if task is not self._task:
            return
        self._task = None
        progress, self.progress = self.progress, None
        if progress is not None:
            progress.hide()
            progress.deleteLater()
        if task.cancelled or task.stopping:
            self.message.emit("Import cancelled: nothing was imported.")
            return
        if task.found is None:
            self.failed.emit(task.problem, "Nothing was imported.")
            return
        self._write(task.found)

    def _write(self, read: ReadReport) -> None:
        """Import what was read (one step), then show the report."""
        result: ActivityImport | None = ActivityImport()
        if read.activities:
            result = self._controller.import_activities(read.activities)
        if result is None:
            return  # refused: the controller said why, nothing was written
        added = sorted(w.day for _, w in (*result.linked, *result.new))
        if added:
            self._state.select_day(added[0])
        report = ImportReport(read, result, self._base, self._controller.settings.units)
        self.message.emit(report.summary())
        dialog = self.report = ActivityImportReport(report, self._window)
        open_dialog(dialog, on_finished=self._report_closed)

    def _report_closed(self) -> None:
        self.report = None
