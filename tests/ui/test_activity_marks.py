"""A done workout with a recorded activity, as the runner sees it in the week.

The plan file holds an activity imported the service's way (matched to a planned run, or a
new done workout of its own), then the real window opens on it: the block carries the
recorded mark (a watch in its corner), its tooltip says what was recorded, and its effort is
shown as the estimate it is (``RPE ~4``) until the runner changes it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint

from planner.core.model import Kind, Status, Workout
from planner.core.service import PlanService
from planner.storage.db import open_database
from planner.ui.main_window import MainWindow
from planner.ui.week.block import recorded_rect
from tests.helpers.activities import recorded_run
from tests.helpers.dates import MON, THU, TUE
from tests.helpers.plans import seed
from tests.helpers.windows import open_window


def recorded_plan(path: Path) -> dict[str, int]:
    """Three workouts, a run the watch recorded (Tuesday, linked) and one it did not."""
    easy, tempo, _strength = seed(
        path,
        Workout(None, TUE, Kind.RUN, "Easy run", 40, 7.0, rpe=4),
        Workout(None, THU, Kind.RUN, "Tempo run", 50, 10.0, rpe=7),
        Workout(None, MON, Kind.STRENGTH, "Strength", 30),
    )
    with open_database(path) as database:
        result = PlanService(database.repository).import_activities(
            [recorded_run(TUE, seconds=2400)]
        )
    assert [w.title for _, w in result.linked] == ["Easy run"]
    return {"easy": easy, "tempo": tempo}


def open_recorded(qtbot: Any, path: Path) -> tuple[MainWindow, dict[str, int]]:
    ids = recorded_plan(path)
    window = open_window(qtbot, path, size=(1300, 800))
    view = window.week_view
    # The activity's numbers are read just after the first paint.
    qtbot.waitUntil(lambda: "RPE ~4" in " ".join(view.shown_lines(ids["easy"])))
    return window, ids


def test_a_recorded_run_has_the_mark_and_an_estimated_effort(qtbot: Any, tmp_path: Path) -> None:
    window, ids = open_recorded(qtbot, tmp_path / "plan.db")
    view = window.week_view
    easy = view.block_rect(ids["easy"])
    tempo = view.block_rect(ids["tempo"])
    scene = view.scene()
    assert scene.recorded == {ids["easy"]}
    assert scene.estimated == {ids["easy"]}
    assert "RPE ~4 · ✓ Done" in " · ".join(view.shown_lines(ids["easy"]))
    # The watch is painted in the corner of the recorded block, and only there.
    image = view.grab().toImage()
    mark = recorded_rect(easy)
    assert easy.contains(mark)
    fill = image.pixelColor(mark.left() - 30, mark.center().y())
    assert any(
        image.pixelColor(x, y) != fill
        for x in range(mark.left(), mark.right())
        for y in range(mark.top(), mark.bottom())
    )
    empty_corner = recorded_rect(tempo)
    tempo_fill = image.pixelColor(empty_corner.left() - 30, empty_corner.center().y())
    assert all(
        image.pixelColor(x, y) == tempo_fill
        for x in range(empty_corner.left() + 2, empty_corner.right() - 2)
        for y in range(empty_corner.top() + 2, empty_corner.bottom() - 2)
    )
    # The title wraps clear of the mark.
    assert not any(line.rect.intersects(mark) for line in _title_rects(view, ids["easy"]))


def _title_rects(view: Any, workout_id: int) -> list[Any]:
    from planner.ui.week.block import arrange

    workout = next(w for w in view.workouts if w.id == workout_id)
    text = view._text(workout)
    lines = arrange(text, view.block_rect(workout_id), view._block_fonts())
    return [line for line in lines if line.role == "title"]


def test_the_tooltip_says_what_was_recorded(qtbot: Any, tmp_path: Path) -> None:
    window, ids = open_recorded(qtbot, tmp_path / "plan.db")
    view = window.week_view
    centre: QPoint = view.block_rect(ids["easy"]).center()
    tip = view.tooltip_at(centre)
    said = "<b>Recorded:</b> Run, 7.8 km, 40 min — Show Activity (Ctrl+Shift+Y) to see it"
    assert said in tip
    assert "Effort RPE 4 (estimated" in tip
    assert "Recorded" not in view.tooltip_at(view.block_rect(ids["tempo"]).center())


def test_changing_the_effort_makes_it_the_runners_own(qtbot: Any, tmp_path: Path) -> None:
    window, ids = open_recorded(qtbot, tmp_path / "plan.db")
    view = window.week_view
    workout = window.controller.workout(ids["easy"])
    assert workout is not None
    assert window.controller.edit(workout.replace(actual_rpe=6.0), expected=workout)
    assert "RPE 6 · ✓ Done" in " · ".join(view.shown_lines(ids["easy"]))
    assert view.scene().estimated == frozenset()
    assert ids["easy"] in view.scene().recorded  # still recorded
    window.controller.undo_stack.undo()
    assert "RPE ~4 · ✓ Done" in " · ".join(view.shown_lines(ids["easy"]))


def test_the_week_reads_links_once_per_switch_not_per_paint(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    window, ids = open_recorded(qtbot, tmp_path / "plan.db")
    view = window.week_view
    calls: list[object] = []
    links = window.controller.activity_links

    def counted(start: date, end: date) -> dict[int, int]:
        calls.append((start, end))
        return links(start, end)

    monkeypatch.setattr(view._recordings, "_read_links", counted)
    for _ in range(3):
        view.repaint()
    assert calls == []
    window.actions_table["next_week"].trigger()
    window.actions_table["previous_week"].trigger()
    assert len(calls) == 2
    assert view.scene().recorded == {ids["easy"]}
    assert window.controller.workout(ids["easy"]).status is Status.DONE  # type: ignore[union-attr]


def test_the_week_reads_an_activity_only_once_the_full_store_has_loaded(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    """At start the plan is read without SQLAlchemy; an activity's numbers would load it at
    once, on the GUI thread, holding the first frames: they wait for the background load."""
    from planner import app
    from planner.ui.controller import PlanController

    path = tmp_path / "plan.db"
    ids = recorded_plan(path)
    loaded_when_read: list[bool] = []
    files: list[Any] = []
    read = PlanController.activity

    def activity(self: PlanController, activity_id: int) -> Any:
        loaded_when_read.append(bool(files[0].loaded))
        return read(self, activity_id)

    monkeypatch.setattr(PlanController, "activity", activity)
    window, plan_file = app.open_plan(path, TUE)
    files.append(plan_file)
    qtbot.addWidget(window)
    controller = window.controller
    assert not controller.has_full_store  # the start-up reader serves the first paint
    window.show()
    view = window.week_view
    qtbot.waitUntil(lambda: "RPE ~4" in " ".join(view.shown_lines(ids["easy"])), timeout=10_000)
    assert controller.has_full_store
    assert loaded_when_read and all(loaded_when_read)
