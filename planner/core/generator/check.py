"""The generator's promise, as one call: the rules' findings over a plan's range."""

from __future__ import annotations

from collections.abc import Sequence

from planner.core import rules
from planner.core.generator.plan import GeneratedPlan
from planner.core.model import Finding, Workout
from planner.core.settings import Settings


def plan_findings(
    plan: GeneratedPlan, history: Sequence[Workout], settings: Settings | None = None
) -> list[Finding]:
    """The findings of :func:`rules.evaluate` over the plan's range, the plan added to ``history``.

    ``history`` is what stays in the plan file beside the plan (leave out the planned
    workouts a Replace Planned would delete). The range runs from the plan's first day to its
    last: the race, or the last day of its last week.
    """
    chosen = settings if settings is not None else Settings()
    return rules.evaluate(
        [*history, *plan.workouts],
        start=plan.first_day,
        end=plan.last_day,
        settings=chosen.rule_settings(),
        first_weekday=chosen.first_weekday,
    )
