"""What New Training Plan… reads of the plan file: the history before the plan, and its range.

The generator lays a plan out against the runner's history (the rules' look-back before the
start) and against what the plan's range keeps: done and skipped workouts always, the
planned ones too when the runner keeps both. Each span is read once per dialog.
"""

from __future__ import annotations

from datetime import date, timedelta

from planner.core.generator import PlanRequest, history_span
from planner.core.model import Status, Workout
from planner.ui.controller import PlanController

__all__ = ["PlanHistory"]


class PlanHistory:
    """The plan file's workouts around a requested plan, read through the controller.

    Args:
        controller: the plan.
    """

    def __init__(self, controller: PlanController) -> None:
        self._controller = controller
        self._read: dict[tuple[date, date], list[Workout]] = {}

    def _workouts(self, first: date, last: date) -> list[Workout]:
        key = (first, last)
        if key not in self._read:
            self._read[key] = self._controller.workouts(first, last)
        return self._read[key]

    def before(self, start: date) -> list[Workout]:
        """The workouts of the look-back before ``start``."""
        return self._workouts(*history_span(start))

    def in_range(self, first: date, last: date) -> list[Workout]:
        """The workouts from ``first`` to ``last``."""
        return self._workouts(first, last)

    def context(self, request: PlanRequest, *, keep_planned: bool = False) -> list[Workout]:
        """What the plan of ``request`` is laid out against: the history, and what stays.

        Done and skipped workouts in the plan's reach always stay; planned ones only with
        ``keep_planned`` (Keep Both).
        """
        reach = request.race_day or request.start + timedelta(weeks=(request.weeks or 0) + 1)
        staying = [
            w
            for w in self._workouts(request.start, reach)
            if keep_planned or w.status is not Status.PLANNED
        ]
        return [*self.before(request.start), *staying]
