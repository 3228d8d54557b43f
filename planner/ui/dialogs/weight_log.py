"""Weigh-ins by hand: the quick "Log Weight…" dialog and the Weight Log with its table.

Both hold a :class:`~planner.ui.dialogs.weigh_in_form.WeighInForm`: weights are typed and
shown in the runner's weight units and stored in kilograms, one weigh-in per day, and a
day that already has a different one is replaced only after the runner confirms. Every
save and delete goes through the controller, so each is one undo step and the charts follow.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core.chart_data import ALL_DAYS
from planner.core.model import ChangeSet, WeightEntry
from planner.ui.controller import PlanController
from planner.ui.dialogs.fields import to_qdate
from planner.ui.dialogs.weigh_in_form import Confirm, WeighInForm
from planner.ui.dialogs.weight_tables import WeighInModel


class _WeighInDialog(QDialog):
    """A dialog that logs weigh-ins with a :class:`WeighInForm`, named by :attr:`NAME`.

    Subclasses lay out their widgets in :meth:`_build` (the form among them), which the
    constructor calls once the controller and today are known.

    Args:
        controller: the plan controller.
        today: the day the app treats as today.
        parent: the parent widget.
    """

    #: The dialog's objectName and its window title.
    NAME = ""
    TITLE = ""
    form: WeighInForm

    def __init__(
        self, controller: PlanController, *, today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(self.NAME)
        self.setWindowTitle(self.TITLE)
        self._controller = controller
        self._today = today
        self._build()

    def _build(self) -> None:
        """Make and lay out the dialog's widgets, :attr:`form` among them."""
        raise NotImplementedError

    @property
    def confirm(self) -> Confirm:
        """How the dialog asks before replacing a weigh-in (tests answer it)."""
        return self.form.confirm

    @confirm.setter
    def confirm(self, confirm: Confirm) -> None:
        self.form.confirm = confirm


class LogWeightDialog(_WeighInDialog):
    """Quick "Log Weight…": a day (today unless changed) and a weight, saved as one undo step.

    The weight field starts with the latest weigh-in, selected, so typing replaces it.
    """

    NAME = "logWeightDialog"
    TITLE = "Log Weight"

    def _build(self) -> None:
        controller = self._controller
        self._saved: WeightEntry | None = None
        self.form = WeighInForm(controller, self._today, self)
        latest = controller.weights(*ALL_DAYS)
        if latest:
            self.form.weight_field.set_value(latest[-1].kg)
            self.form.weight_field.selectAll()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)  # grows with a message
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.form.weight_field.setFocus()

    @property
    def saved(self) -> WeightEntry | None:
        """The weigh-in logged, once saved."""
        return self._saved

    @Slot()
    def accept(self) -> None:
        """Log the weigh-in; stay open when a value is wrong or the runner did not confirm."""
        saved = self.form.save()
        if saved is None:
            return
        self._saved = saved
        super().accept()


class WeightLogDialog(_WeighInDialog):
    """The Weight Log: every weigh-in in a table, to add, change and delete.

    Pick a row to change its weight; "Save" logs the day and weight of the form (a new day
    adds a weigh-in; a day that has another asks before replacing it). Each save and delete
    is one undo step; Ctrl+Z and Ctrl+Shift+Z undo and redo here too, and the table follows
    every change of weigh-ins and units, wherever it was made.
    """

    NAME = "weightLogDialog"
    TITLE = "Weight Log"

    def _build(self) -> None:
        controller, today = self._controller, self._today
        self._editing: date | None = None
        self.model = WeighInModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("weighInTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("weighInCount")
        self.form = WeighInForm(controller, today, self)
        self.save_button = QPushButton("&Save", self)
        self.save_button.setObjectName("saveWeighIn")
        self.save_button.setDefault(True)
        self.new_button = QPushButton("&New", self)
        self.delete_button = QPushButton("&Delete", self)
        self.delete_button.setObjectName("deleteWeighIn")
        self.delete_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        hint = QLabel("Pick a row to change its weight. One weigh-in per day.", self)
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(440, 560)

        self.save_button.clicked.connect(self.save)
        self.new_button.clicked.connect(self.new)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        controller.plan_changed.connect(self._on_plan_changed)
        for keys, slot in (
            (QKeySequence.StandardKey.Undo, controller.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, controller.undo_stack.redo),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        self.reload()

    def reload(self) -> None:
        """Show the stored weigh-ins again (in the units of now)."""
        entries = self._controller.weights(*ALL_DAYS)
        self.model.set_entries(entries, self._controller.settings.weight_units)
        count = len(entries)
        self.count_label.setText(
            "No weigh-ins yet: enter today's below."
            if not count
            else f"{count} weigh-in{'s' * (count != 1)}, newest first."
        )
        if self._editing is not None:
            row = self.model.row_of(self._editing)
            if row is None:
                self._editing = None
            else:
                self.table.selectRow(row)
        self.delete_button.setEnabled(self._editing is not None)

    def entries(self) -> list[WeightEntry]:
        """The weigh-ins the table shows, newest first."""
        return [self.model.entry(row) for row in range(self.model.rowCount())]

    @Slot()
    def save(self) -> bool:
        """Log the form's day and weight (one undo step); ``False`` when nothing was saved."""
        saved = self.form.save(editing=self._editing)
        if saved is None:
            return False
        self._editing = saved.day
        self.reload()
        return True

    @Slot()
    def new(self) -> None:
        """Clear the form for a new weigh-in today."""
        self._editing = None
        self.form.editing = None
        self.table.clearSelection()
        self.form.day_edit.setDate(to_qdate(self._today))
        self.form.weight_field.set_value(None)
        self.form.weight_field.setFocus()

    @Slot()
    def delete_selected(self) -> bool:
        """Delete the selected weigh-in (one undo step)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        entry = self.model.entry(rows[0].row())
        self._editing = None
        return self._controller.delete_weight(entry.day)

    def select_day(self, day: date) -> bool:
        """Select the weigh-in of ``day`` in the table (and load it in the form)."""
        row = self.model.row_of(day)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _on_selection(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.delete_button.setEnabled(False)
            return
        entry = self.model.entry(rows[0].row())
        self._editing = entry.day
        self.form.set_entry(entry)
        self.delete_button.setEnabled(True)

    @Slot(object)
    def _on_plan_changed(self, change: ChangeSet) -> None:
        if change.touches_settings:
            self.form.follow_units()
        if change.touches_weights or change.touches_settings:
            self.reload()
