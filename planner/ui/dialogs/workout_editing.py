"""The workout editor as the plan opens it, and its answer stored through the controller.

New Workout…, Edit Workout… and Mark Done… on the week, and Mark Done… in Review Missed, open
the editor in the plan's units and first weekday, window-modally, and store what it holds the
same way: a new workout is added, an edited one is changed only if the plan still holds what the
editor opened (another window may have changed it since). A save that newly reports heavy legs
shows, once stored, what the plan says about that day (:mod:`planner.ui.dialogs.heavy_legs`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import QWidget

from planner.core.model import Workout
from planner.ui.controller import PlanController
from planner.ui.dialog_opening import open_dialog
from planner.ui.dialogs.workout_editor import WorkoutEditor
from planner.ui.heavy_legs_actions import reported

__all__ = ["edit_workout"]


def edit_workout(
    controller: PlanController,
    workout: Workout,
    parent: QWidget,
    on_saved: Callable[[Workout | None], object],
    *,
    complete: bool = False,
    title: str | None = None,
) -> None:
    """Open the editor on ``workout``; when the runner saves, store it, then call ``on_saved``.

    Args:
        controller: the plan controller (its settings, and the store).
        workout: the workout to edit (a new one has ``id=None``).
        parent: the window the editor blocks.
        on_saved: called once the runner saved, with the workout as stored (a new one with its
            id), or ``None`` when the controller refused it; not called on Cancel.
        complete: open as Mark Done…, the plan as what was done.
        title: the window title (the editor's own otherwise).
    """
    settings = controller.settings
    editor = WorkoutEditor(
        workout,
        parent,
        complete=complete,
        title=title,
        first_weekday=settings.first_weekday,
        units=settings.units,
    )
    open_dialog(editor, partial(_store, controller, on_saved, parent))


def _store(
    controller: PlanController,
    on_saved: Callable[[Workout | None], object],
    parent: QWidget,
    editor: WorkoutEditor,
) -> None:
    edited = editor.workout()
    stored: Workout | None
    if edited.id is None:
        new_id = controller.add_workout(edited)
        stored = edited.replace(id=new_id) if new_id is not None else None
    else:
        stored = edited if controller.edit(edited, expected=editor.original()) else None
    on_saved(stored)
    if stored is not None and reported(stored) and not reported(editor.original()):
        from planner.ui.dialogs.heavy_legs import show_heavy_legs

        show_heavy_legs(controller, stored.day, parent)
