"""The training plan generator: a runner's goal and week in, a plan the rules pass out.

The promise (issue 17): a plan, added to the runner's history and judged by
:func:`planner.core.rules.evaluate` over its range, raises no warning and no critical finding.
"""

from __future__ import annotations

from planner.core.generator.build import generate_plan
from planner.core.generator.check import plan_findings
from planner.core.generator.history import (
    default_experience,
    default_start,
    defaults_from_history,
    history_span,
)
from planner.core.generator.plan import GeneratedPlan, Phase, PlanWeek
from planner.core.generator.request import Experience, Goal, PlanRequest

__all__ = [
    "Experience",
    "GeneratedPlan",
    "Goal",
    "Phase",
    "PlanRequest",
    "PlanWeek",
    "default_experience",
    "default_start",
    "defaults_from_history",
    "generate_plan",
    "history_span",
    "plan_findings",
]
