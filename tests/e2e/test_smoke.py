"""End-to-end smoke test: the real app starts on a new database under Xvfb and quits cleanly.

The second half checks the harness itself (Xvfb, the driver, xdotool drags with and without
Ctrl, keys) on a tiny throwaway window, so that a failing app test is never a broken harness.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QRect, Qt
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QWidget,
)

TODAY = dt.date(2026, 11, 18)  # a Wednesday


def test_app_starts_on_new_db_and_quits(launch_app, db_path):
    assert not db_path.exists()
    app = launch_app(db_path, today=TODAY)
    assert app.ready["platform"] == "xcb"
    window = app.widget_rect()
    assert not window.empty

    week = app.widget_rect("weekView")
    palette = app.widget_rect("workoutPalette")
    for rect in (week, palette):
        assert not rect.empty
        assert window.contains(rect)

    today_column = app.day_rect(TODAY)
    assert not today_column.empty
    assert week.contains(today_column)
    easy_run = app.template_rect("Easy run")
    assert not easy_run.empty
    assert palette.contains(easy_run)

    assert app.errors() == []
    assert app.quit() == 0
    assert db_path.exists()
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


# ---------------------------------------------------------------- the harness, on a toy window
MIME = "application/x-legwork-e2e-test"
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday())


class _ToyPalette(QListWidget):
    """A drag source like WorkoutPalette: one row per template name."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("workoutPalette")
        self.addItems(["Easy run", "Long run", "Rest day"])
        self._press: QPoint | None = None

    def template_rect(self, name: str) -> QRect:
        item = self.findItems(name, Qt.MatchFlag.MatchExactly)[0]
        return self.visualItemRect(item).translated(self.viewport().pos())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        if (event.position().toPoint() - self._press).manhattanLength() < (
            QApplication.startDragDistance()
        ):
            return
        item = self.itemAt(self._press)
        self._press = None
        if item is None:
            return
        mime = QMimeData()
        mime.setData(MIME, item.text().encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.CopyAction | Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)


class _ToyWeek(QWidget):
    """A drop target like WeekView: seven day columns; records drops and keys in the db."""

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.setObjectName("weekView")
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(700, 400)
        self.db = sqlite3.connect(db_path)
        self.db.execute("CREATE TABLE IF NOT EXISTS events (kind TEXT, day TEXT, detail TEXT)")
        self.db.commit()

    def day_rect(self, day: dt.date) -> QRect:
        index = (day - MONDAY).days
        width = self.width() // 7
        return QRect(index * width, 0, width, self.height())

    def _day_at(self, pos: QPoint) -> dt.date:
        return MONDAY + dt.timedelta(days=min(6, pos.x() // max(1, self.width() // 7)))

    def _record(self, kind: str, day: str, detail: str) -> None:
        self.db.execute("INSERT INTO events VALUES (?, ?, ?)", (kind, day, detail))
        self.db.commit()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        name = bytes(event.mimeData().data(MIME).data()).decode()
        action = "copy" if event.dropAction() == Qt.DropAction.CopyAction else "move"
        day = self._day_at(event.position().toPoint())
        event.acceptProposedAction()
        self._record(action, day.isoformat(), name)
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        combo = event.keyCombination()
        ctrl = bool(combo.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
        self._record("key", "", f"{'ctrl+' if ctrl else ''}{combo.key().name}")

    def closeEvent(self, event: object) -> None:
        self.db.close()


def build_toy_window(db_path: Path, *, today: dt.date | None = None) -> QMainWindow:
    """Factory with build_main_window's signature, used by the harness test via the driver."""
    window = QMainWindow()
    central = QWidget()
    layout = QHBoxLayout(central)
    layout.addWidget(_ToyPalette(), 1)
    week = _ToyWeek(db_path)
    layout.addWidget(week, 4)
    window.setCentralWidget(central)
    window.destroyed.connect(week.db.close)
    return window


def test_harness_drags_and_keys_reach_a_toy_window(launch_app, xdo, db_path):
    app = launch_app(db_path, today=TODAY, factory=f"{Path(__file__).resolve()}:build_toy_window")
    events = "SELECT kind, day, detail FROM events ORDER BY rowid"

    src = app.template_rect("Easy run")
    dst = app.day_rect(TODAY + dt.timedelta(days=1))
    xdo.drag(*src.center, *dst.center)
    app.wait_until(lambda: app.db_rows(events) == [("move", "2026-11-19", "Easy run")])

    src = app.template_rect("Long run")
    dst = app.day_rect(TODAY + dt.timedelta(days=4))
    xdo.drag(*src.center, *dst.center, modifiers=("ctrl",))
    app.wait_until(lambda: app.db_rows(events)[-1:] == [("copy", "2026-11-22", "Long run")])

    app.wait_until(lambda: app.focus()["focus"] == "weekView")
    xdo.key("ctrl+z", "Delete")
    app.wait_until(
        lambda: app.db_rows(events)[-2:] == [("key", "", "ctrl+Key_Z"), ("key", "", "Key_Delete")]
    )
