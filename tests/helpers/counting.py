"""A memory plan that counts its reads: what proves a drag or a paint reads nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from planner.core.model import WeightEntry, Workout
from tests.fakes import MemoryRepository


class CountingRepository(MemoryRepository):
    """A :class:`MemoryRepository` that counts the reads of workouts and weigh-ins.

    Attributes:
        reads: how many times workouts or weigh-ins were read so far.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reads = 0

    def workouts_between(self, start: date, end: date) -> list[Workout]:
        self.reads += 1
        return super().workouts_between(start, end)

    def get_workout(self, workout_id: int) -> Workout | None:
        self.reads += 1
        return super().get_workout(workout_id)

    def weights_between(self, start: date, end: date) -> list[WeightEntry]:
        self.reads += 1
        return super().weights_between(start, end)
