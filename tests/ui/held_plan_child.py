"""The app, as a separate process, for the tests that need another program beside it.

``python -m tests.ui.held_plan_child PLAN HOME TODAY`` starts Legwork the way ``legwork --db
PLAN`` does (:func:`planner.app.run`, offscreen, its data and settings under ``HOME``) and
talks on its standard streams, one line each:

* it prints ``ready`` once the window is up, the plan fully loaded (the SQLAlchemy store
  switched in, the start-up reader closed) and the start's backup taken;
* for each ``add TITLE`` line it reads, it adds a run called ``TITLE`` on ``TODAY`` through
  the window's controller (what a drop from the library does) and prints ``saved ID``, or
  ``refused WHY``, once the controller has returned (the change is committed then);
* it prints ``error ...`` and exits 70 on any exception.

The parent kills it (``kill -9``) or closes its stdin (it then quits the app).
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import date
from pathlib import Path


def say(line: str) -> None:
    """One line on stdout, flushed."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(plan: Path, home: Path, today: date) -> int:
    """Run the app on ``plan`` and answer the parent's lines (see the module's docstring)."""
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / folder).mkdir(parents=True, exist_ok=True)
        os.environ[variable] = str(home / folder)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QSocketNotifier, QTimer
    from PySide6.QtWidgets import QApplication

    from planner import app as legwork
    from planner.core.model import Kind, Workout
    from planner.session import PlanSession
    from planner.ui.main_window import MainWindow

    def fail() -> None:
        say("error " + traceback.format_exc().replace("\n", " | "))
        os._exit(70)

    def window() -> MainWindow | None:
        found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        return found[0] if found else None

    backed_up = [False]
    original_backup = PlanSession.back_up_if_due

    def backup_then_note(self: PlanSession) -> None:
        original_backup(self)
        backed_up[0] = True

    PlanSession.back_up_if_due = backup_then_note  # type: ignore[method-assign]

    def ready() -> bool:
        shown = window()
        database = None if shown is None else getattr(shown, "database", None)
        return backed_up[0] and bool(getattr(database, "loaded", True))

    def when_ready() -> None:
        sys.excepthook = lambda *_args: fail()  # after run() set the app's own
        try:
            if not ready():
                QTimer.singleShot(50, when_ready)
                return
            say("ready")
            notifier.setEnabled(True)
        except Exception:
            fail()

    def on_line() -> None:
        try:
            line = sys.stdin.readline()
            if not line:
                notifier.setEnabled(False)
                shown = window()
                if shown is not None:
                    shown.close()
                QApplication.quit()
                return
            command, _, argument = line.strip().partition(" ")
            shown = window()
            assert shown is not None and command == "add", line
            refusals: list[str] = []
            shown.controller.failed.connect(lambda message, _hint: refusals.append(message))
            added = shown.controller.add_workout(
                Workout(None, today, Kind.RUN, argument, 0, 30.0, 5.0, 3.0)
            )
            say(f"saved {added}" if added is not None else f"refused {refusals}")
        except Exception:
            fail()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.setEnabled(False)
    notifier.activated.connect(on_line)
    QTimer.singleShot(0, when_ready)
    return legwork.run(plan, today=today)


if __name__ == "__main__":
    try:
        sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), date.fromisoformat(sys.argv[3])))
    except Exception:
        say("error " + traceback.format_exc().replace("\n", " | "))
        sys.exit(70)
