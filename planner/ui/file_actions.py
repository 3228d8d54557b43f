"""The File menu's plan commands: New Plan…, Open Plan…, Open Recent, Import… and Export….

Importing and exporting workouts go through the controller and :mod:`planner.interchange`,
the same road as ``legwork import`` and ``legwork export``; recorded activities (chosen
files, a folder, or files dropped on the window) are read in the background and imported as
one step (:mod:`planner.ui.dialogs.activity_import`, loaded on first use). Opening another
plan file (or a new one, or the demo plan) needs the storage layer, which the UI never imports: the
composition root hands the window a :class:`PlanFileHooks` of callables that do it. Without
hooks (a window built on its own, as in tests and benchmarks) those commands are disabled.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QSettings, QStandardPaths, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from planner.core.model import FIRST_PLAN_DAY, LAST_PLAN_DAY, ValidationError
from planner.interchange import TransferError
from planner.ui.actions import ActionSpec
from planner.ui.controller import PlanController
from planner.ui.view_state import ViewState

if TYPE_CHECKING:
    from planner.ui.dialogs.activity_import import ActivityImporter

#: Where the recently opened plans are remembered (one string, newest first, one per line:
#: QSettings mangles empty and one-item lists).
RECENT_KEY = "files/recent"
#: How many recent plans File ▸ Open Recent lists.
MAX_RECENT = 8
#: The plan files' filter in the open and save dialogs.
PLAN_FILTER = "Legwork plans (*.sqlite3);;All files (*)"
#: What Export… writes: the filter, and the format and suffix it stands for.
EXPORT_FILTERS: tuple[tuple[str, str, str], ...] = (
    ("JSON, to import again (*.json)", "json", ".json"),
    ("CSV, for spreadsheets (*.csv)", "csv", ".csv"),
    ("iCalendar, for calendar apps (*.ics)", "ics", ".ics"),
)
IMPORT_FILTER = "Legwork JSON exports (*.json);;All files (*)"
#: The activity files Import Activities… offers (gzipped and in ZIP archives too).
ACTIVITY_FILTER = (
    "Activity files (*.fit *.gpx *.tcx *.fit.gz *.gpx.gz *.tcx.gz *.zip);;All files (*)"
)


def dropped_paths(data: QMimeData) -> list[Path]:
    """The local files and folders a drag carries (none for the app's own workout drags)."""
    if not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


@dataclass(frozen=True, slots=True)
class PlanFileHooks:
    """What the composition root lets the window do with plan files.

    Attributes:
        open_plan: show the plan at this path in place of the current one (it exists).
        new_plan: create an empty plan at this path (it does not exist) and show it.
        open_demo: show the demo plan (made on first use, in its own file); ``None`` when
            there is none to offer.
        show_backups: File ▸ Backups…: the plan's backups, and Restore; ``None`` when the
            plan has none (File ▸ Backups… is then disabled).
    """

    open_plan: Callable[[Path], object]
    new_plan: Callable[[Path], object]
    open_demo: Callable[[], object] | None = None
    show_backups: Callable[[], object] | None = None


# -- recent plans ---------------------------------------------------------------------------
def recent_plans() -> list[Path]:
    """The plans opened lately, newest first."""
    text = QSettings().value(RECENT_KEY, "", type=str)
    return [Path(line) for line in str(text).splitlines() if line.strip()]


def remember_plan(path: Path) -> None:
    """Put ``path`` first in the recent plans."""
    path = path.expanduser().absolute()
    recent = recent_plans()
    if recent[:1] == [path]:  # reopening the latest: no write of the settings file at start
        return
    others = [p for p in recent if p != path]
    QSettings().setValue(RECENT_KEY, "\n".join(str(p) for p in [path, *others][:MAX_RECENT]))


def forget_plans() -> None:
    """Empty the recent plans."""
    QSettings().setValue(RECENT_KEY, "")


def export_format(path: Path, chosen_filter: str = "") -> tuple[str, Path]:
    """The format to write (``json``, ``csv``, ``ics``) and the path with its suffix.

    The file name's own suffix wins; without one, the filter chosen in the dialog decides
    (JSON when none was).
    """
    by_suffix = {suffix: fmt for _, fmt, suffix in EXPORT_FILTERS}
    if path.suffix.lower() in by_suffix:
        return by_suffix[path.suffix.lower()], path
    for text, fmt, suffix in EXPORT_FILTERS:
        if chosen_filter == text:
            return fmt, path.with_name(path.name + suffix)
    return "json", path.with_name(path.name + ".json")


def write_text_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole, or leave the file as it was.

    Raises:
        OSError: the folder is missing or cannot be written to.
    """
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temp_name, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)


class FileActions(QObject):
    """The File menu's plan, import and export commands.

    New Plan…, Open Plan…, Open Recent, Import Workouts…, Import Activities… (files, a
    folder, or files dropped on the window) and Export Workouts….

    Args:
        window: the main window (the dialogs' parent).
        controller: the plan controller (imports and exports go through it).
        state: the view state (an import shows the week it added to).
        plan_path: the plan file the window shows.

    Signals:
        message(str): a line for the status bar.
        failed(str, str): what went wrong and what to do.
    """

    message = Signal(str)
    failed = Signal(str, str)

    def __init__(
        self, window: QWidget, controller: PlanController, state: ViewState, plan_path: Path
    ) -> None:
        super().__init__(window)
        self._window = window
        self._controller = controller
        self._state = state
        self._plan_path = plan_path
        self._hooks: PlanFileHooks | None = None
        self._activities: ActivityImporter | None = None
        self._actions: dict[str, QAction] = {}
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)

    def specs(self) -> list[ActionSpec]:
        """This object's rows of the window's action table."""
        return [
            ActionSpec(
                "new_plan",
                "New &Plan…",
                self.new_plan,
                ("Ctrl+Shift+N",),
                tip="Start a new, empty plan in a file of its own",
            ),
            ActionSpec(
                "open_plan",
                "&Open Plan…",
                self.open_plan,
                ("Ctrl+O",),
                tip="Open another plan file",
                icon="document-open",
            ),
            ActionSpec(
                "backups",
                "&Backups…",
                self.show_backups,
                ("Ctrl+Shift+B",),
                tip="See the backups of this plan, and restore one",
            ),
            ActionSpec(
                "import_workouts",
                "&Import Workouts…",
                self.import_workouts,
                ("Ctrl+I",),
                tip="Add the workouts of a Legwork JSON export that the plan does not have yet",
                icon="document-import",
            ),
            ActionSpec(
                "import_activities",
                "Import &Activities…",
                self.import_activities,
                ("Ctrl+Shift+A",),
                tip="Bring in what your watch recorded (FIT, GPX, TCX, or a ZIP export), "
                "matched to the plan",
                icon="document-import",
            ),
            ActionSpec(
                "import_activity_folder",
                "Import Activities from Fol&der…",
                self.import_activity_folder,
                ("Ctrl+Alt+Shift+A",),
                tip="Bring in every FIT, GPX and TCX file of a folder and its subfolders "
                "(a watch's folder, an unpacked export)",
            ),
            ActionSpec(
                "export_workouts",
                "E&xport Workouts…",
                self.export_workouts,
                ("Ctrl+E",),
                tip="Save every workout as JSON, CSV or iCalendar",
                icon="document-export",
            ),
        ]

    def attach(self, actions: dict[str, QAction]) -> None:
        """Take charge of enabling the plan-file actions (they need hooks)."""
        self._actions = actions
        self._update_enabled()

    def set_hooks(self, hooks: PlanFileHooks | None) -> None:
        """What opening plan files does (from the composition root); ``None``: nothing."""
        self._hooks = hooks
        self._update_enabled()

    @property
    def hooks(self) -> PlanFileHooks | None:
        """What opening plan files does, if the window was given it."""
        return self._hooks

    def _update_enabled(self) -> None:
        for name in ("new_plan", "open_plan"):
            if name in self._actions:
                self._actions[name].setEnabled(self._hooks is not None)
        if "backups" in self._actions:
            self._actions["backups"].setEnabled(
                self._hooks is not None and self._hooks.show_backups is not None
            )
        self.recent_menu.setEnabled(self._hooks is not None)

    # -- plan files ------------------------------------------------------------------------
    @Slot()
    def new_plan(self) -> None:
        """Ask where the new plan goes (never over an existing file) and open it."""
        if self._hooks is None:
            return
        name = self._ask_save_path(
            "New Plan", str(self._plan_path.parent / "my-plan.sqlite3"), PLAN_FILTER
        )[0]
        if not name:
            return
        path = Path(name).expanduser()
        if not path.suffix:
            path = path.with_suffix(".sqlite3")
        if path.exists():
            self.failed.emit(
                f"{path.name} already exists: a new plan never replaces a file.",
                "Choose another name, or open it with File ▸ Open Plan….",
            )
            return
        self._hooks.new_plan(path)

    @Slot()
    def open_plan(self) -> None:
        """Ask for a plan file and open it."""
        if self._hooks is None:
            return
        name = self._ask_open_path("Open Plan", str(self._plan_path.parent), PLAN_FILTER)
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> None:
        """Open the plan at ``path`` (from Open Plan… or Open Recent)."""
        if self._hooks is None:
            return
        if not path.exists():
            self.failed.emit(
                f"{path} is not there any more.", "It was moved or deleted since it was opened."
            )
            return
        self._hooks.open_plan(path)

    @Slot()
    def open_demo(self) -> None:
        """Show the demo plan (in its own file; the runner's plan is left as it is)."""
        if self._hooks is not None and self._hooks.open_demo is not None:
            self._hooks.open_demo()

    @Slot()
    def show_backups(self) -> None:
        """File ▸ Backups…: the plan's backups, and Restore."""
        if self._hooks is not None and self._hooks.show_backups is not None:
            self._hooks.show_backups()

    @Slot()
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = self._plan_path.expanduser().absolute()
        shown = [p for p in recent_plans() if p != current]
        for path in shown:
            action = self.recent_menu.addAction(f"{path.name}  ({path.parent})")
            action.setData(str(path))
            action.setEnabled(path.exists())
            action.triggered.connect(partial(self.open_path, path))
        if not shown:
            self.recent_menu.addAction("No other plans yet").setEnabled(False)
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction("&Clear the List")
        clear.setEnabled(bool(shown))
        clear.triggered.connect(self._clear_recent)

    @Slot()
    def _clear_recent(self) -> None:
        forget_plans()
        remember_plan(self._plan_path)

    # -- workouts in and out ---------------------------------------------------------------
    @Slot()
    def import_workouts(self) -> None:
        """Ask for a JSON export and add its workouts the plan lacks, as one undo step."""
        name = self._ask_open_path("Import Workouts", self._documents(), IMPORT_FILTER)
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Add the workouts of the JSON export ``path`` that the plan lacks, as one step."""
        try:
            data = path.read_bytes()
        except OSError as error:
            self.failed.emit(f"Cannot read {path}: {error.strerror or error}.", "")
            return
        from planner.interchange.workouts_json_csv import workouts_from_json

        try:
            workouts = workouts_from_json(data.decode("utf-8-sig"), source=path.name)
        except UnicodeDecodeError:
            self.failed.emit(
                f"{path.name} is not a Legwork JSON export (it is not text).",
                "Import reads the JSON files that File ▸ Export Workouts… writes.",
            )
            return
        except (TransferError, ValidationError) as error:
            self.failed.emit(str(error), "Nothing of that file was imported.")
            return
        change = self._controller.import_workouts(workouts, path.name)
        if change is None:
            return  # the controller said why
        added = sorted(
            (
                after
                for workout_id, after in change.after.items()
                if after is not None and change.before.get(workout_id) is None
            ),
            key=lambda w: (w.day, w.position),
        )
        there = len(workouts) - len(added)
        if added:
            self._state.select_day(added[0].day)
        self.message.emit(
            f"Imported {len(added)} workouts from {path.name}"
            + (f" ({there} were already in the plan)" if there else "")
        )

    # -- recorded activities ---------------------------------------------------------------
    @Slot()
    def import_activities(self) -> None:
        """Ask for activity files (FIT, GPX, TCX, gzipped or in ZIPs) and import them."""
        names, _ = QFileDialog.getOpenFileNames(
            self._window, "Import Activities", self._documents(), ACTIVITY_FILTER
        )
        if names:
            self.import_activity_paths([Path(name) for name in names])

    @Slot()
    def import_activity_folder(self) -> None:
        """Ask for a folder (a watch's, an unpacked export) and import every activity in it."""
        name = QFileDialog.getExistingDirectory(
            self._window, "Import Activities from Folder", self._documents()
        )
        if name:
            self.import_activity_paths([Path(name)])

    def import_activity_paths(self, paths: list[Path]) -> bool:
        """Import the activities of ``paths`` (files, folders, ZIPs) in the background.

        The report comes when they are read; ``False`` while another import is reading.
        """
        return self.activity_importer().start(paths)

    def activity_importer(self) -> ActivityImporter:
        """The window's activity import (loaded, with the readers, on first use)."""
        if self._activities is None:
            from planner.ui.dialogs.activity_import import ActivityImporter

            self._activities = ActivityImporter(self._window, self._controller, self._state)
            self._activities.message.connect(self.message)
            self._activities.failed.connect(self.failed)
        return self._activities

    @Slot()
    def export_workouts(self) -> None:
        """Ask where, then save every workout of the plan as JSON, CSV or iCalendar."""
        default = str(Path(self._documents()) / f"{self._plan_path.stem}-workouts.json")
        filters = ";;".join(text for text, _, _ in EXPORT_FILTERS)
        name, chosen = self._ask_save_path("Export Workouts", default, filters)
        if name:
            self.export_file(Path(name), chosen)

    def export_file(self, path: Path, chosen_filter: str = "") -> None:
        """Save every workout to ``path``, in the format its suffix (or the filter) names."""
        fmt, path = export_format(path.expanduser(), chosen_filter)
        workouts = self._controller.workouts(FIRST_PLAN_DAY, LAST_PLAN_DAY)
        units = self._controller.settings.units
        if fmt in ("json", "csv"):
            from planner.interchange.workouts_json_csv import workouts_to_csv, workouts_to_json

            text = workouts_to_json(workouts) if fmt == "json" else workouts_to_csv(workouts)
        else:
            from planner.interchange.ics import workouts_to_ics

            text = workouts_to_ics(
                workouts, stamp=datetime.now(UTC).replace(microsecond=0), units=units
            )
        try:
            write_text_atomically(path, text)
        except OSError as error:
            self.failed.emit(
                f"Could not save {path}: {error.strerror or error}.",
                "Choose a folder that exists and that you can write to.",
            )
            return
        self.message.emit(f"Exported {len(workouts)} workouts to {path}")

    # -- overridable (tests answer the file dialogs) ---------------------------------------
    def _ask_open_path(self, title: str, folder: str, filters: str) -> str:
        """The file the runner picks to open ("" when cancelled)."""
        name, _ = QFileDialog.getOpenFileName(self._window, title, folder, filters)
        return name

    def _ask_save_path(self, title: str, default: str, filters: str) -> tuple[str, str]:
        """The file the runner picks to write, and the filter chosen (("", "") if cancelled)."""
        name, chosen = QFileDialog.getSaveFileName(self._window, title, default, filters)
        return name, chosen

    def _documents(self) -> str:
        return QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
