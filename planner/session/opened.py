"""What the session is given to open a plan: a window on it, and the open file behind it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple, Protocol

from planner.core.ports import PlanRepository
from planner.ui.main_window import MainWindow

__all__ = ["OpenPlan", "OpenedPlan", "PlanFile"]


class PlanFile(Protocol):
    """What the app needs of an open plan file (``Database`` or ``StartupDatabase``)."""

    @property
    def repository(self) -> PlanRepository:
        """The plan's data."""
        ...

    def close(self) -> None:
        """Close the file (the window does, when it closes)."""
        ...


class OpenedPlan(NamedTuple):
    """A plan open in a window (not yet shown); the window closes the file when it closes."""

    window: MainWindow
    plan_file: PlanFile


#: Opens the plan at a path in a new window, "today" pinned or not.
#: Raises StorageError when the file cannot be opened as a plan.
OpenPlan = Callable[[Path, date | None], OpenedPlan]
