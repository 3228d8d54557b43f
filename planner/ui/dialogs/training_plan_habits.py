"""The runner's habits New Training Plan… remembers between plans (QSettings, like the theme).

Goal, runs, days, long-run day, strength, HIIT, the general plan's length and experience come
back the next time; the dates and distances do not (they are read from the plan file again).
A value the settings hold damaged reads as the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QSettings

from planner.core.generator import Experience, Goal

__all__ = ["SETTINGS_GROUP", "Habits"]

#: Where the habits are remembered.
SETTINGS_GROUP = "training_plan"

_E = TypeVar("_E", Goal, Experience)


@dataclass(frozen=True, slots=True)
class Habits:
    """The inputs that are the runner's habits; ``experience`` ``None`` when never chosen."""

    goal: Goal = Goal.HALF
    runs: int = 4
    days: frozenset[int] = frozenset(range(7))
    long_run_day: int = 6
    strength: int = 2
    hiit: int = 0
    weeks: int = 12
    experience: Experience | None = None

    @classmethod
    def load(cls) -> Habits:
        """The habits remembered last (the defaults where there are none)."""
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        try:
            days = str(settings.value("days", "0,1,2,3,4,5,6")).split(",")
            return cls(
                goal=_enum(Goal, settings.value("goal", ""), Goal.HALF) or Goal.HALF,
                runs=_int(settings.value("runs", 4), 4),
                days=frozenset(int(d) for d in days if d.strip().isdigit() and int(d) < 7),
                long_run_day=_int(settings.value("long_run_day", 6), 6) % 7,
                strength=_int(settings.value("strength", 2), 2),
                hiit=_int(settings.value("hiit", 0), 0),
                weeks=_int(settings.value("weeks", 12), 12),
                experience=_enum(Experience, settings.value("experience", ""), None),
            )
        finally:
            settings.endGroup()

    def save(self) -> None:
        """Remember these habits for the next plan."""
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("goal", self.goal.value)
        settings.setValue("runs", self.runs)
        settings.setValue("days", ",".join(str(d) for d in sorted(self.days)))
        settings.setValue("long_run_day", self.long_run_day)
        settings.setValue("strength", self.strength)
        settings.setValue("hiit", self.hiit)
        settings.setValue("weeks", self.weeks)
        settings.setValue("experience", self.experience.value if self.experience else "")
        settings.endGroup()


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


def _enum(kind: type[_E], value: object, default: _E | None) -> _E | None:
    try:
        return kind(str(value))
    except ValueError:
        return default
