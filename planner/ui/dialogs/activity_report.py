"""What an activity import did, told file by file (objectName ``activityImportReport``).

A line on top counts what was imported, linked to the plan and made new, the duplicates and
the refusals; below it, a list in four groups: each activity linked to the plan with the
workout it completed, each new workout, each duplicate with the file it repeats, and each
refused file with its reason. Everything is plain text: a file is named by the runner's
disk or by a stranger's archive, and its name is never read as markup.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core.activity_import import ActivityImport
from planner.core.formatting import format_day, format_distance
from planner.core.matching import sport_words
from planner.core.model import Workout
from planner.core.settings import Units
from planner.interchange.activities import ReadReport
from planner.ui.activity_intents import count_words


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'s' * (count != 1)}"


def _kind(workout: Workout) -> str:
    """`` (cross-training)`` when the title does not say the workout's kind already."""
    kind = workout.kind.label.lower()
    return "" if kind in workout.title.lower() else f" ({kind})"


def _made(workout: Workout, units: Units) -> str:
    """``Evening ride, 9.6 km``: a new workout's title and its distance, if it has one."""
    km = workout.distance_km
    return f"{workout.title}, {format_distance(km, units)}" if km else workout.title


@dataclass(frozen=True, slots=True)
class ImportReport:
    """A read batch and what the plan made of it, in words (one group of rows per outcome).

    Files are named from ``base``, the folder that holds what was chosen (or dropped), so
    the list shows ``run.fit`` and ``export.zip/activities/1.fit.gz``, not whole paths.
    """

    read: ReadReport
    result: ActivityImport
    base: str = ""
    units: Units = Units.KM

    def name(self, source: str) -> str:
        """How the list names a file: from :attr:`base` when it is inside it."""
        prefix = self.base.rstrip(os.sep) + os.sep
        return source[len(prefix) :] if self.base and source.startswith(prefix) else source

    @property
    def duplicates(self) -> list[tuple[str, str]]:
        """(file, what it repeats) for files read twice and activities the plan held."""
        name = self.name
        return [(name(d.file), f"the same as {name(d.of)}") for d in self.read.duplicates] + [
            (name(a.source), f"already in the plan (from {name(s.activity.source)})")
            for a, s in self.result.duplicates
        ]

    def summary(self) -> str:
        """One line for the status bar and the dialog's top."""
        result = self.result
        text = (
            f"Imported {count_words(result.imported)}: {len(result.linked):,} linked to the "
            f"plan, {_plural(len(result.new), 'new workout')}"
        )
        others = []
        if self.duplicates:
            others.append(f"{_plural(len(self.duplicates), 'duplicate')} skipped")
        if self.read.refused:
            others.append(f"{_plural(len(self.read.refused), 'file')} refused")
        return text + (f"; {', '.join(others)}." if others else ".")

    def groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The list's groups: a title, and (file, what happened) rows."""
        result, name = self.result, self.name
        linked = [
            (name(a.source), f"{sport_words(a)} on {format_day(a.local_day)} → {w.title}")
            for a, w in result.linked
        ]
        new = [
            (name(a.source), f"{_made(w, self.units)} on {format_day(a.local_day)}{_kind(w)}")
            for a, w in result.new
        ]
        refused = [(name(r.file), r.reason) for r in self.read.refused]
        return [
            (f"Linked to the plan ({len(linked):,})", linked),
            (f"New workouts ({len(new):,})", new),
            (f"Duplicates, not imported again ({len(self.duplicates):,})", self.duplicates),
            (f"Refused ({len(refused):,})", refused),
        ]


class ActivityImportReport(QDialog):
    """The report of one activity import: counts on top, then every file's outcome.

    Args:
        report: what was read and what the plan made of it.
        parent: the window.
    """

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activityImportReport")
        self.setWindowTitle("Activities Imported")
        self.report = report
        self.summary = QLabel(report.summary(), self)
        self.summary.setObjectName("activityImportSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if report.read.ignored:
            skipped = QLabel(
                f"Left alone: {_plural(report.read.ignored, 'other file')} in the folders "
                "and archives (not activity files).",
                self,
            )
            skipped.setTextFormat(Qt.TextFormat.PlainText)
            skipped.setWordWrap(True)
            layout.addWidget(skipped)
        self.rows = QTreeWidget(self)
        self.rows.setObjectName("activityImportRows")
        self.rows.setHeaderLabels(["File", "What happened"])
        self.rows.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.rows.setWordWrap(True)  # a refusal's reason is a sentence
        self.rows.setAlternatingRowColors(True)
        for title, rows in report.groups():
            if not rows:
                continue
            group = QTreeWidgetItem(self.rows, [title])
            group.setFirstColumnSpanned(True)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for file, what in rows:
                item = QTreeWidgetItem(group, [file, what])
                item.setToolTip(0, os.path.join(report.base, file))
                item.setToolTip(1, what)
            group.setExpanded(True)
        header = self.rows.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.rows.resizeColumnToContents(0)
        header.resizeSection(0, min(header.sectionSize(0), 320))
        self.rows.setVisible(self.rows.topLevelItemCount() > 0)
        layout.addWidget(self.rows, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("activityImportButtons")
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.resize(860, 480)

    def shown_rows(self) -> dict[str, list[tuple[str, str]]]:
        """The list as shown: each group's title and its (file, what happened) rows."""
        shown = {}
        for index in range(self.rows.topLevelItemCount()):
            group = self.rows.topLevelItem(index)
            assert group is not None
            children = [group.child(i) for i in range(group.childCount())]
            shown[group.text(0)] = [(c.text(0), c.text(1)) for c in children if c is not None]
        return shown
