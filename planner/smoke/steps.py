"""The self-test's steps, in order, each reported on a line of its own."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import TYPE_CHECKING

from planner.smoke.alarm import Alarm, SmokeError, install_qt_message_handler
from planner.smoke.driving import answer_file_dialog, child, wait_for_child, wait_until

if TYPE_CHECKING:  # Qt loads only once the run has made its folder and pointed HOME there
    from planner.session import PlanSession
    from planner.ui.main_window import MainWindow

#: Makes the run fail on purpose, to show that its alarms work where it is installed:
#: ``slot`` raises in a slot, ``thread`` in a thread, ``hang`` blocks the window.
FAULT_ENV = "LEGWORK_SMOKE_FAULT"
#: Recorded walks imported: as many as make the reading start worker processes.
WALKS = 6


class Run:
    """The steps, in order, each reported on a line of its own."""

    def __init__(self, folder: Path, alarm: Alarm, qt_args: Sequence[str]) -> None:
        self.folder = folder
        self.qt_args = qt_args
        self.alarm = alarm
        self.plan = folder / "plan.sqlite3"
        self.today = date.today()

    def all_steps(self) -> None:
        """Run every step; the first that fails raises or exits."""
        with self._step("demo plan") as said:
            said.append(self._demo_plan())
        with self._step("window"):
            session, window = self._window()
        try:
            with self._step("warnings") as said:
                said.append(self._warnings(window))
            with self._step("charts"):
                self._charts(window)
            with self._step("weeks and month"):
                self._navigate(window)
            with self._step("printed week") as said:
                said.append(self._print(window))
            with self._step("activities") as said:
                said.append(self._activities(window))
            with self._step("backup"):
                self._backup()
            fault = os.environ.get(FAULT_ENV)
            if fault:
                with self._step(f"fault {fault!r}"):
                    self._fault(fault)
            with self._step("close"):
                window.close()
                wait_until("the window closes", lambda: not window.isVisible())
        finally:
            session.finish()
        with self._step("plan file") as said:
            said.append(self._check_file())

    @contextmanager
    def _step(self, name: str) -> Iterator[list[str]]:
        """Run a step under its name; what it appends to the list is said after "ok"."""
        self.alarm.step = name
        start = time.monotonic()
        said: list[str] = []
        yield said
        note = f": {'; '.join(said)}" if said else ""
        print(f"  ok  {name} ({time.monotonic() - start:.2f} s){note}", flush=True)

    # -- the steps --------------------------------------------------------------------------
    def _demo_plan(self) -> str:
        from planner.core.demo import generate_history
        from planner.storage.db import open_database
        from planner.storage.demo_plan import write_demo_history

        history = generate_history(years=1, today=self.today, seed=1)
        database = open_database(self.plan)
        try:
            write_demo_history(database, history)
        finally:
            database.close()
        return f"a year: {len(history.workouts)} workouts, {len(history.weights)} weigh-ins"

    def _window(self) -> tuple[PlanSession, MainWindow]:
        from PySide6.QtCore import QCoreApplication, Qt

        from planner import app as composition

        # Qt's own file dialogs, which the run can answer (a desktop's are out of its reach).
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        install_qt_message_handler(self.alarm)
        started = composition.start(self.plan, qt_args=self.qt_args, on_error=self.alarm.uncaught)
        if isinstance(started, int):
            raise SmokeError(f"the plan did not open (exit code {started})")
        _app, session = started
        window = session.window
        if window is None:
            raise SmokeError("no window")
        wait_until("the week is painted", lambda: window.week_view.isVisible())
        wait_until("the plan is loaded", lambda: window.controller.has_full_store)
        return session, window

    def _warnings(self, window: MainWindow) -> str:
        from planner.ui.warnings_panel import WarningsPanel

        panel = child(window, WarningsPanel, "warningsPanel")
        wait_until("the warnings panel has a summary", lambda: bool(panel.summary))
        return panel.summary

    def _charts(self, window: MainWindow) -> None:
        from PySide6.QtWidgets import QWidget

        for name in ("weightChart", "mileageChart", "loadChart"):
            chart = wait_for_child(window, QWidget, name, f"{name} is built")
            wait_until(f"{name} plots the plan", lambda c=chart: not c.is_empty())  # type: ignore[misc]

    def _navigate(self, window: MainWindow) -> None:
        from PySide6.QtWidgets import QWidget

        actions = window.actions_table
        state = window.state
        this_week = state.week
        actions["next_week"].trigger()
        wait_until("the next week is shown", lambda: state.week != this_week)
        actions["month_view"].trigger()
        month = child(window, QWidget, "monthView")
        wait_until("the month is shown", month.isVisible)
        actions["week_view"].trigger()
        wait_until("the week is shown again", window.week_view.isVisible)
        actions["this_week"].trigger()
        wait_until("this week is shown again", lambda: state.week == this_week)

    def _print(self, window: MainWindow) -> str:
        pdf = self.folder / "week.pdf"
        answer_file_dialog(window.actions_table["pdf"], str(pdf))
        wait_until("the PDF is written", lambda: pdf.is_file() and pdf.stat().st_size > 0)
        data = pdf.read_bytes()
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
            raise SmokeError(f"{pdf.name} is not a whole PDF ({len(data)} bytes)")
        return f"{len(data) // 1024} KB"

    def _activities(self, window: MainWindow) -> str:
        from PySide6.QtWidgets import QDialog, QLabel

        walks = self.folder / "walks"
        walks.mkdir()
        for back in range(WALKS):
            write_walk(walks / f"walk-{back + 1}.gpx", self.today - timedelta(days=back))
        undo = window.controller.undo_stack
        steps = undo.count()
        answer_file_dialog(window.actions_table["import_activity_folder"], str(walks))
        report = wait_for_child(window, QDialog, "activityImportReport", "the import's report")
        summary = child(report, QLabel, "activityImportSummary").text()
        if f"{WALKS} " not in summary:
            raise SmokeError(f"the import's report says {summary!r}, not {WALKS} walks")
        report.accept()
        if undo.count() != steps + 1:
            raise SmokeError("the import is not one undo step")
        window.undo_action.trigger()
        wait_until("the import is undone", lambda: undo.index() == steps)
        return f"{summary.rstrip('.')}; undone"

    def _backup(self) -> None:
        from planner.paths import backup_dir

        folder = backup_dir()
        if not folder.is_relative_to(self.folder):
            raise SmokeError(f"backups would go to {folder}, outside the run's folder")
        wait_until("the start's backup is taken", lambda: any(folder.rglob("*.sqlite3")))

    def _fault(self, fault: str) -> None:
        from PySide6.QtCore import QTimer

        def raise_in_slot() -> None:
            raise RuntimeError("a fault made on purpose in a slot")

        def raise_in_thread() -> None:
            raise RuntimeError("a fault made on purpose in a thread")

        def hang() -> None:
            while True:
                time.sleep(0.1)

        if fault == "thread":
            threading.Thread(target=raise_in_thread, name="smoke-fault").start()
        else:
            QTimer.singleShot(0, hang if fault == "hang" else raise_in_slot)
        wait_until("the fault ends the run", lambda: False)

    def _check_file(self) -> str:
        with sqlite3.connect(f"file:{self.plan}?mode=ro", uri=True) as connection:
            result = connection.execute("PRAGMA integrity_check").fetchone()[0]
            count = connection.execute("SELECT count(*) FROM workouts").fetchone()[0]
        connection.close()
        if result != "ok":
            raise SmokeError(f"the plan file is damaged: {result}")
        if not count:
            raise SmokeError("the plan file holds no workouts")
        return f"integrity ok, {count} workouts"


def write_walk(path: Path, day: date) -> None:
    """A 20-minute walk recorded at 18:00 local time on ``day``, as a watch's GPX."""
    start = datetime.combine(day, clock_time(18, 0)).astimezone().astimezone(UTC)
    points = []
    for second in range(0, 20 * 60 + 1, 30):
        when = (start + timedelta(seconds=second)).strftime("%Y-%m-%dT%H:%M:%SZ")
        lat = 52.0 + second * 0.0000125  # about 1.4 m/s northwards
        points.append(f'<trkpt lat="{lat:.6f}" lon="4.300000"><time>{when}</time></trkpt>')
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="legwork --smoke" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>Walk</name><type>walking</type><trkseg>{''.join(points)}</trkseg></trk>"
        "</gpx>\n",
        encoding="utf-8",
    )
