"""Import Weights: a file's weigh-ins, previewed before anything is written.

The dialog reads the file (a CSV table, or Garmin Connect's, Fitbit's, Samsung Health's,
Apple Health's or a FIT scale's export) with :mod:`planner.interchange.weight_files` and
lists examples of
each kind of row (:class:`~planner.ui.dialogs.weight_tables.PreviewModel`): new weigh-ins,
those that would replace a different weight already logged that day, those already logged,
and each kind of refused row with its reason; a kind with more rows ends with how many more
there are, so a file of a million rows lists some sixty. Nothing is written until the
runner presses Import; then the accepted rows go in as one undo step. Days that already hold
a different weight are replaced only when the runner ticks the box that says so; otherwise
they keep their weigh-in. Refused rows are never imported, not even in part.

A file larger than :data:`BACKGROUND_BYTES` is read on a worker thread while a progress bar
moves, and Cancel Reading stops it; the window stays responsive. The file is read once:
changing the unit or the date order resolves the rows already read
(:meth:`~planner.interchange.weights_csv.ScannedWeights.resolve`), on the worker too when
there are many. How the worker runs, and why its threads outlive the dialog, is
:mod:`.weight_reading`.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core.model import WeightEntry
from planner.core.weighins import WeighInPlan, plan_weigh_ins
from planner.interchange.weight_files import FILE_FILTER
from planner.interchange.weight_preview import preview_rows
from planner.interchange.weights_csv import (
    DateOrder,
    ReadCancelled,
    ScannedWeights,
    WeightFile,
    WeightUnit,
)
from planner.ui.controller import PlanController
from planner.ui.dialogs.errors import ErrorLabel
from planner.ui.dialogs.weight_reading import (
    Job,
    Outcome,
    ReadingThread,
    read_file,
    resolve,
    start_reading,
)
from planner.ui.dialogs.weight_tables import PreviewModel
from planner.ui.style import is_dark

#: Files larger than this are read on a worker thread, with a progress bar (ten years of
#: daily weigh-ins, about 150 kB, are read at once, in some 40 ms).
BACKGROUND_BYTES = 256 * 1024
#: Files of more rows than this are resolved again on the worker when an option changes.
BACKGROUND_ROWS = 16_384
#: The progress bar's steps.
_STEPS = 1000


# -- the dialog ------------------------------------------------------------------------------
class WeightImportDialog(QDialog):
    """Preview a weigh-in file and import its weigh-ins as one undo step.

    Args:
        controller: the plan controller.
        path: the weigh-in file (``None``: the dialog starts with "Choose File…").
        today: the day the app treats as today (later dates are refused).
        parent: the parent widget.
    """

    def __init__(
        self,
        controller: PlanController,
        path: Path | None,
        *,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("weightImportDialog")
        self.setWindowTitle("Import Weights")
        self._controller = controller
        self._today = today
        self._path: Path | None = None
        self._scanned: ScannedWeights | None = None
        self._task: ReadingThread | None = None
        self._file: WeightFile | None = None
        self._plan = WeighInPlan()

        self.file_label = QLabel("No file chosen.", self)
        self.file_label.setObjectName("importFile")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton("&Choose File…", self)
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose_button)

        self.unit_combo = QComboBox(self)
        self.unit_combo.setObjectName("importUnit")
        for unit in WeightUnit:
            self.unit_combo.addItem(
                "kilograms (kg)" if unit is WeightUnit.KG else "pounds (lb)", unit.value
            )
        default_unit = WeightUnit(controller.settings.weight_units.weight_label)
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(default_unit.value))
        self.unit_note = QLabel(self)
        self.order_combo = QComboBox(self)
        self.order_combo.setObjectName("importDateOrder")
        self.order_combo.addItem("as the file shows", None)
        for order in DateOrder:
            self.order_combo.addItem(order.label, order.value)
        options = QHBoxLayout()
        unit_label = QLabel("&Weights in:", self)
        unit_label.setBuddy(self.unit_combo)
        order_label = QLabel("D&ates:", self)
        order_label.setBuddy(self.order_combo)
        options.addWidget(unit_label)
        options.addWidget(self.unit_combo)
        options.addWidget(self.unit_note)
        options.addSpacing(16)
        options.addWidget(order_label)
        options.addWidget(self.order_combo)
        options.addStretch(1)

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("importProgress")
        self.progress_bar.setRange(0, _STEPS)
        self.progress_bar.setFormat("Reading… %p%")
        self.progress_bar.setAccessibleName("Reading the file")
        self.cancel_reading = QPushButton("Cancel &Reading", self)
        self.cancel_reading.setObjectName("cancelReading")
        self.cancel_reading.clicked.connect(self._cancel_reading_clicked)
        reading_row = QHBoxLayout()
        reading_row.addWidget(self.progress_bar, 1)
        reading_row.addWidget(self.cancel_reading)
        self.progress_bar.hide()
        self.cancel_reading.hide()

        self.problem = ErrorLabel(self)
        self.problem.setObjectName("importProblem")
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.model = PreviewModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("importPreview")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.replace_box = QCheckBox(self)
        self.replace_box.setObjectName("replaceExisting")
        self.replace_box.toggled.connect(self._update_button)

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addLayout(options)
        layout.addLayout(reading_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.replace_box)
        layout.addWidget(self.buttons)
        self.resize(640, 520)

        self.unit_combo.currentIndexChanged.connect(self.refresh)
        self.order_combo.currentIndexChanged.connect(self.refresh)
        if path is not None:
            self.load(path)
        else:
            self.refresh()

    # -- reading -------------------------------------------------------------------------------
    @property
    def weight_file(self) -> WeightFile | None:
        """What the file holds, once read."""
        return self._file

    @property
    def import_plan(self) -> WeighInPlan:
        """What importing would do: new, replacing and unchanged weigh-ins."""
        return self._plan

    def entries_to_import(self) -> list[WeightEntry]:
        """The weigh-ins Import writes now (replacements only when the box is ticked)."""
        entries = self._plan.changed(replace=self.replace_box.isChecked())
        return sorted(entries, key=lambda e: e.day)

    def load(self, path: Path) -> None:
        """Read ``path`` and show its preview (a large file on the worker, with progress)."""
        self.stop_reading(wait=True)
        self._path = path
        self._scanned = None
        self.file_label.setText(str(path))
        try:
            background = path.stat().st_size > BACKGROUND_BYTES
        except OSError:
            background = False  # reading says why
        unit, order = self._options()
        self._run(partial(read_file, path, self._today, unit, order), background=background)

    @Slot()
    def choose_file(self) -> None:
        """Ask for a weigh-in file and preview it."""
        start = str(self._path.parent) if self._path is not None else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Import Weights",
            start,
            FILE_FILTER,
        )
        if name:
            self.load(Path(name))

    @Slot()
    def refresh(self) -> None:
        """Resolve the rows read for the chosen unit and date order (the file is not read again)."""
        if self._task is not None:
            return  # the options are disabled while reading
        if self._path is None:
            self._clear(
                "Choose a CSV file with a date column and a weight column, or a scale's or "
                "app's export (Garmin Connect, Fitbit, Samsung Health, Apple Health, FIT)."
            )
            return
        if self._scanned is None:
            return  # the file could not be read: its problem stays shown
        unit, order = self._options()
        job = partial(resolve, self._scanned, unit, order)
        self._run(job, background=len(self._scanned) > BACKGROUND_ROWS)

    def stop_reading(self, *, wait: bool = False) -> None:
        """Stop reading the file; nothing is imported. With ``wait``, until the worker ends."""
        task = self._task
        if task is None:
            return
        task.stop()
        if wait:
            task.wait()
            self._task_finished(task)

    # -- importing -----------------------------------------------------------------------------
    @Slot()
    def accept(self) -> None:
        """Import the accepted weigh-ins as one undo step, then close."""
        entries = self.entries_to_import()
        if not entries:
            return
        replace = self.replace_box.isChecked() and bool(self._plan.replacing)
        if self._controller.import_weights(entries, replace=replace):
            super().accept()

    def done(self, result: int) -> None:
        """Close, stopping a reading first (its worker never outlives the dialog)."""
        self.stop_reading(wait=True)
        super().done(result)

    # -- internals -----------------------------------------------------------------------------
    def _options(self) -> tuple[WeightUnit, DateOrder | None]:
        order_value = self.order_combo.currentData()
        return WeightUnit(self.unit_combo.currentData()), (
            DateOrder(order_value) if order_value else None
        )

    def _run(self, job: Job, *, background: bool) -> None:
        """Run a reading job: at once for a small file, else on the worker with progress."""
        if not background:
            try:
                outcome = job(lambda _done: True)
            except ReadCancelled:  # pragma: no cover - nothing stops it
                outcome = Outcome(cancelled=True)
            self._show(outcome)
            return
        self._clear(f"Reading {self._path.name if self._path else 'the file'}…")
        self._set_reading(True)
        task = ReadingThread(job)
        task.progressed.connect(self._progressed)
        task.ended.connect(self._ended)
        self._task = task
        start_reading(task)

    @Slot()
    def _cancel_reading_clicked(self) -> None:
        self.stop_reading()

    @Slot(float)
    def _progressed(self, done: float) -> None:
        if self._task is not None:
            self.progress_bar.setValue(round(done * _STEPS))

    @Slot(object)
    def _ended(self, task: ReadingThread) -> None:
        self._task_finished(task)

    def _task_finished(self, task: ReadingThread) -> None:
        """Show what ``task`` found (once, however it ended; a stale one not).

        The thread itself is the keeper's to let go (:class:`.weight_reading.Keeper`).
        """
        if task is not self._task:
            return
        self._task = None
        task.progressed.disconnect(self._progressed)
        task.ended.disconnect(self._ended)
        self._set_reading(False)
        self._show(task.outcome)

    def _set_reading(self, reading: bool) -> None:
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(reading)
        self.cancel_reading.setVisible(reading)
        self.choose_button.setEnabled(not reading)
        self.order_combo.setEnabled(not reading)
        self.unit_combo.setEnabled(not reading)
        if reading:
            self.import_button.setEnabled(False)

    def _show(self, outcome: Outcome) -> None:
        """Show what a reading found: the preview, or why nothing can be imported."""
        self.problem.hide()
        self._plan = WeighInPlan()
        self._file = None
        if outcome.cancelled:
            self._scanned = None
            name = self._path.name if self._path else "the file"
            self._show_problem(
                f"Reading {name} was cancelled: nothing was imported. "
                "Choose the file again to read it."
            )
            return
        self._scanned = outcome.scanned
        if outcome.found is None:
            self._show_problem(outcome.problem)
            if outcome.ambiguous_dates:
                self.order_combo.setFocus()
            return
        found = self._file = outcome.found
        self.unit_combo.setEnabled(not found.unit_in_header)
        self.unit_note.setText(
            f"(the file says {found.unit.value})" if found.unit_in_header else ""
        )
        entries = found.entries
        stored = (
            self._controller.weights(min(e.day for e in entries), max(e.day for e in entries))
            if entries
            else []
        )
        self._plan = plan_weigh_ins(entries, stored, today=self._today)
        self._show_rows(found)

    def _clear(self, summary: str) -> None:
        self.problem.hide()
        self._plan = WeighInPlan()
        self._file = None
        self.summary.setText(summary)
        self.model.set_rows(
            [], self._controller.settings.weight_units, dark=is_dark(self.palette())
        )
        self.replace_box.hide()
        self._update_button()

    def _show_problem(self, message: str) -> None:
        self._clear("Nothing can be imported from this file.")
        self.problem.setText(message)
        self.problem.show()

    def _show_rows(self, found: WeightFile) -> None:
        units = self._controller.settings.weight_units
        rows = preview_rows(found, self._plan, units)
        self.model.set_rows(rows, units, dark=is_dark(self.palette()))
        parts = [f"{len(self._plan.new):,} new"]
        if self._plan.replacing:
            parts.append(f"{len(self._plan.replacing):,} on days that have another weight")
        if self._plan.unchanged:
            parts.append(f"{len(self._plan.unchanged):,} already logged")
        text = f"{len(found.accepted):,} weigh-ins in the file: " + ", ".join(parts) + "."
        if found.refused_count:
            count = found.refused_count
            text += f" {count:,} row{'s' * (count != 1)} refused (in red below) and not imported."
        self.summary.setText(text)
        count = len(self._plan.replacing)
        self.replace_box.setVisible(bool(count))
        self.replace_box.setChecked(False)
        self.replace_box.setText(
            f"Replace the {count:,} weigh-in{'s' * (count != 1)} already logged on the same "
            "day with the file's"
            if count
            else ""
        )
        self._update_button()

    def _update_button(self) -> None:
        count = len(self._plan.new)
        if self.replace_box.isChecked():
            count += len(self._plan.replacing)
        self.import_button.setEnabled(count > 0 and self._task is None)
        self.import_button.setText(
            f"&Import {count:,} Weigh-in{'s' * (count != 1)}" if count else "&Import"
        )
