"""Benchmark the warning panel on a long history: evaluating a week, and the drop preview.

Usage::

    python tests/perf/bench_warnings.py [DB] [--weeks 12] [--repeats 5]

Without DB it uses the cached 10-year demo history of ``make_history_db.py`` (built when
missing). The plan file is copied first: the real main window (``build_main_window``) runs on
the copy, on Qt's offscreen platform unless a platform is set. It prints each measurement's
median and minimum against its target; slow numbers never make it fail (a script, not a test).

Importable: :func:`measure` returns ``(name, median ms, target ms)`` rows.

The rows:

* *evaluate*: ``rules.evaluate`` for the week on screen with the window the panel caches (the
  week, 90 days before it and the days after it that complete a finding), over weeks spread
  through the history: what every edit inside the window costs. Target 2 ms.
* *re-evaluate and refresh*: the model evaluating its cache again and the panel, markers and
  header following (what a settings change or midnight does), without the repaint.
* *drag-hover preview*: a real ``QDragMoveEvent`` of a library entry over one day of the week,
  from the event to the panel showing the preview: the drop planned with ``core/edits`` on the
  cache, evaluated, compared, the cards filled in, laid out and the panel painted (into an
  image). The drag moves from day to day, so every sample plans a new drop. Target 8 ms.
* *... and the week painted*: the same, then the week view painted too (the drop marker and
  the target day's tint): one frame, 16 ms.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))
HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

#: ``rules.evaluate`` for one week with its cached history.
EVALUATE_TARGET_MS = 2.0
#: From a drag moving over a day to the panel showing what the drop would change.
PREVIEW_TARGET_MS = 8.0
#: A full refresh of the panel, markers and header: well within a frame.
REFRESH_TARGET_MS = 16.0

Row = tuple[str, float, float]


def _timed(samples: list[float], call: Callable[[], object]) -> None:
    begin = time.perf_counter()
    call()
    samples.append((time.perf_counter() - begin) * 1000)


def measure_rows(
    db_path: Path, *, weeks: int = 12, repeats: int = 5
) -> list[tuple[str, float, float, float]]:
    """Every measurement as ``(name, median ms, minimum ms, target ms)``.

    Args:
        db_path: a plan file with a long history (it is copied, never changed).
        weeks: how many weeks of the history to measure on.
        repeats: rounds over those weeks (evaluate) or over their days (preview).
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
    from PySide6.QtGui import QDragLeaveEvent, QDragMoveEvent, QImage
    from PySide6.QtWidgets import QApplication

    from planner.app import build_main_window
    from planner.core import rules
    from planner.core.settings import Settings
    from planner.core.weeks import Week

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    evaluate: list[float] = []
    refresh: list[float] = []
    preview: list[float] = []
    preview_week: list[float] = []
    with tempfile.TemporaryDirectory(prefix="legwork-bench-warnings-") as scratch:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        copy = Path(scratch) / "history.sqlite3"
        shutil.copyfile(db_path, copy)
        service_first = _first_day(copy)
        today = date(2026, 11, 18)
        window = build_main_window(copy, today=today)
        try:
            window.resize(1400, 900)
            window.show()
            app.processEvents()
            model, panel, view, state = (
                window.warnings,
                window.warnings_panel,
                window.week_view,
                window.state,
            )
            easy = next(t for t in window.controller.templates() if t.name == "Easy run")
            assert easy.id is not None
            from planner.ui.mime import encode_template

            data = encode_template(easy.id)
            # Each widget paints into an image of its own: a window repaint would paint
            # every widget with pending updates, whichever one was asked.
            panel_image = QImage(panel.size(), QImage.Format.Format_ARGB32_Premultiplied)
            view_image = QImage(view.size(), QImage.Format.Format_ARGB32_Premultiplied)
            first = (service_first or today) + timedelta(weeks=14)
            span = max((today - first).days // 7, 1)
            mondays = [
                Week(first + timedelta(weeks=i * span // max(weeks - 1, 1))) for i in range(weeks)
            ]
            gc_was_enabled = gc.isenabled()
            for monday in mondays:
                week = state.week_of(monday.start)
                state.show_week(week)
                panel.findings()
                app.processEvents()
                window_workouts = model.window()
                weights = window.controller.weights(*model.span)
                settings = window.controller.settings

                def evaluate_once(
                    workouts: object = window_workouts,
                    week: Week = week,
                    weighed: object = weights,
                    settings: Settings = settings,
                ) -> object:
                    return rules.evaluate(
                        workouts,  # type: ignore[arg-type]
                        start=week.start,
                        end=week.end,
                        weights=weighed,  # type: ignore[arg-type]
                        settings=settings.rule_settings(),
                        first_weekday=settings.first_weekday,
                    )

                evaluate_once()  # warm up
                gc.disable()
                try:
                    for _ in range(repeats):
                        _timed(evaluate, evaluate_once)
                        _timed(refresh, lambda: state.today_changed.emit(state.today))
                finally:
                    if gc_was_enabled:
                        gc.enable()
                app.processEvents()
                # A drag from the library, moving over each day of the week in turn.
                days = list(week.days) * repeats
                for day in days:
                    rect = view.day_rect(day)
                    event = QDragMoveEvent(
                        QPoint(rect.center().x(), rect.bottom() - 12),
                        Qt.DropAction.CopyAction | Qt.DropAction.MoveAction,
                        data,
                        Qt.MouseButton.LeftButton,
                        Qt.KeyboardModifier.NoModifier,
                    )

                    gc.disable()
                    try:
                        begin = time.perf_counter()
                        view.dragMoveEvent(event)
                        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                        panel.render(panel_image)
                        shown = time.perf_counter()
                        view.render(view_image)
                        painted = time.perf_counter()
                        preview.append((shown - begin) * 1000)
                        preview_week.append((painted - begin) * 1000)
                    finally:
                        if gc_was_enabled:
                            gc.enable()
                    if panel.preview_findings() is None:
                        raise RuntimeError(f"no preview over {day}")
                view.dragLeaveEvent(QDragLeaveEvent())
                app.processEvents()
        finally:
            window.close()
            app.processEvents()
    return [
        (
            "warnings: evaluate one week with its cached history",
            statistics.median(evaluate),
            min(evaluate),
            EVALUATE_TARGET_MS,
        ),
        (
            "warnings: re-evaluate, panel, markers and header follow",
            statistics.median(refresh),
            min(refresh),
            REFRESH_TARGET_MS,
        ),
        (
            "warnings: drag-hover preview, hover to panel updated",
            statistics.median(preview),
            min(preview),
            PREVIEW_TARGET_MS,
        ),
        (
            "warnings: drag-hover preview and the week painted",
            statistics.median(preview_week),
            min(preview_week),
            REFRESH_TARGET_MS,
        ),
    ]


def measure(db_path: Path) -> list[Row]:
    """Each measurement as ``(name, median ms, target ms)`` (see :func:`measure_rows`)."""
    return [(name, median, target) for name, median, _, target in measure_rows(db_path)]


def _first_day(db: Path) -> date | None:
    """The day of the plan's first workout (read-only)."""
    from planner.cli import open_readonly_repository

    with open_readonly_repository(db) as repository:
        return repository.first_workout_day()


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", nargs="?", type=Path, help="a plan file (default: the demo cache)")
    parser.add_argument("--weeks", type=int, default=12, help="weeks of the history to use")
    parser.add_argument("--repeats", type=int, default=5, help="rounds over each week")
    args = parser.parse_args(argv)
    if args.db is None:
        import make_history_db  # type: ignore[import-not-found]

        args.db = make_history_db.history_db(quiet=True)
    if not args.db.is_file():
        print(f"bench_warnings: {args.db} is not a file", file=sys.stderr)
        return 1
    rows = measure_rows(args.db, weeks=args.weeks, repeats=args.repeats)
    print(f"history: {args.db}")
    width = max(len(name) for name, *_ in rows)
    print(f"{'measurement':<{width}}  {'median':>9}  {'min':>9}  {'target':>10}  meets")
    for name, median, best, target in rows:
        meets = "yes" if median <= target else "NO"
        print(f"{name:<{width}}  {median:>6.3f} ms  {best:>6.3f} ms  <= {target:>4g} ms  {meets}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
