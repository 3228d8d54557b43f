"""New Training Plan… from the menu to the plan: the dialog, the question, one undo step.

Apply adds the previewed plan through the controller as one undo step. Where the plan's range
already holds planned workouts it first asks, as Copy Week does (the same question:
:class:`~planner.ui.dialogs.copy_week.ReplaceOrAddDialog`): Replace Planned, Keep Both or
Cancel, which goes back to the dialog. Done and skipped workouts are never touched. The
window then shows the plan's first week (or month) and says what was added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from planner.core.formatting import format_day
from planner.core.generator import GeneratedPlan, Goal
from planner.core.model import Status
from planner.ui.dialog_opening import open_dialog
from planner.ui.dialogs.copy_week import CopyChoice, ReplaceOrAddDialog
from planner.ui.dialogs.training_plan import TrainingPlanDialog

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow

__all__ = ["PlanQuestion", "new_training_plan", "plan_name"]


def plan_name(goal: Goal) -> str:
    """How the plan is named in the undo history and the status bar ("a half marathon plan")."""
    return f"a {goal.label.lower()} plan"


class PlanQuestion(ReplaceOrAddDialog):
    """Replace Planned, Keep Both or Cancel, for a plan whose range holds planned workouts."""


class _Applying(QObject):
    """Apply of one dialog: asks the question when needed, then adds the plan.

    Args:
        window: the main window.
        dialog: the New Training Plan dialog.
        say: where the status line goes.
    """

    def __init__(
        self, window: MainWindow, dialog: TrainingPlanDialog, say: Callable[[str], object]
    ) -> None:
        super().__init__(dialog)
        self._window = window
        self._dialog = dialog
        self._say = say
        dialog.apply_requested.connect(self._on_apply)

    @Slot()
    def _on_apply(self) -> None:
        dialog = self._dialog
        plan = dialog.plan()
        if plan is None:
            return
        there = dialog.planned_in_range()
        if not any(w.status is Status.PLANNED for w in there):
            self._add(plan, replace=False)
            return
        first, last = (format_day(day, year=True) for day in (plan.first_day, plan.last_day))
        count = len(there)
        question = PlanQuestion(
            "New Training Plan",
            f"{first} to {last} already holds {count} workout{'s' * (count != 1)}.",
            there,
            self._window.controller.settings.units,
            add=("&Keep Both", "keepBoth"),
            adds="puts the plan's workouts after them each day",
            months=True,
            parent=dialog,
        )
        question.setObjectName("trainingPlanQuestion")
        open_dialog(question, self._answered)

    def _answered(self, question: PlanQuestion) -> None:
        choice = question.choice()
        if choice is CopyChoice.REPLACE:
            plan = self._dialog.plan()
        elif choice is CopyChoice.ADD:
            plan = self._dialog.plan_keeping()
        else:
            return
        if plan is not None:
            self._add(plan, replace=choice is CopyChoice.REPLACE)

    def _add(self, plan: GeneratedPlan, *, replace: bool) -> None:
        window = self._window
        name = plan_name(plan.request.goal)
        span = (plan.first_day, plan.last_day)
        if not window.controller.add_training_plan(
            f"Add {name}", plan.workouts, span, replace=replace
        ):
            return  # refused: the controller said why; the dialog stays open
        self._dialog.remember()
        self._dialog.done_applying()
        window.calendar.go_to(plan.first_day)
        weeks = len(plan.weeks)
        workouts = len(plan.workouts)
        undo = window.actions_table["undo"].shortcut().toString()
        self._say(
            f"Added {name}: {workouts} workout{'s' * (workouts != 1)} over {weeks} "
            f"week{'s' * (weeks != 1)}. {undo} takes it back."
        )


def new_training_plan(window: MainWindow, say: Callable[[str], object]) -> None:
    """Open New Training Plan… over ``window``; ``say`` gets the status line after Apply."""
    dialog = TrainingPlanDialog(window.controller, window.state.today, window)
    _Applying(window, dialog, say)
    open_dialog(dialog, on_finished=window.commands.focus_week)
