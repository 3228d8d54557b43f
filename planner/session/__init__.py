"""The open plan's life in the app: new, open, switch, restore, the demo plan, the lock.

:class:`PlanSession` holds one plan at a time in one window. The composition root
(:mod:`planner.app`) gives it the function that opens a plan in a window; the window gets,
behind the small :class:`~planner.ui.file_actions.PlanFileHooks` port, what the session lets
it do with plan files (open another, start a new one, the demo, File ▸ Backups…).
"""

from planner.session.opened import OpenedPlan, OpenPlan, PlanFile
from planner.session.session import PlanSession

__all__ = ["OpenPlan", "OpenedPlan", "PlanFile", "PlanSession"]
