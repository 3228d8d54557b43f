"""What the charts are drawn from: the plan's workouts and weigh-ins, kept up to date by change.

The charts cover the whole history, and reading ten years back from the file after every
edit would cost more than drawing them. :class:`ProgressData` reads everything once, then
applies each :class:`~planner.core.model.ChangeSet` (its ``after`` states are exactly what
the file holds now, for undo and redo too). It keeps what the series need of each workout
(:class:`~planner.core.progress.SessionFacts`, worked out again only for the workouts a
change touched) and recomputes, with the pure functions of :mod:`planner.core.progress`,
only the series the change touched. Everything here is metric and pure (no Qt, no
pyqtgraph); the chart widgets of :mod:`planner.ui.charts` convert for display.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterable
from datetime import date
from typing import Literal

from planner.core import progress
from planner.core.model import ChangeSet, WeightEntry, Workout
from planner.core.progress import LoadLines, Point, SessionFacts, WeeklyRuns, session_facts
from planner.core.settings import Settings

#: The whole span a plan can hold, for reading "everything".
ALL_DAYS = (date(1, 1, 1), date(9999, 12, 31))


class Part(enum.Flag):
    """The parts of the chart data a change can touch."""

    NONE = 0
    WEIGHT = enum.auto()
    MILEAGE = enum.auto()
    LOAD = enum.auto()
    ALL = WEIGHT | MILEAGE | LOAD


class ProgressData:
    """The plan as the charts need it, and its series (metric), recomputed when stale.

    Args:
        settings: the plan's settings (first weekday, ramp limit).
        today: the day the app treats as today (weeks and load run up to it).
    """

    def __init__(self, settings: Settings, today: date) -> None:
        self._facts: dict[int, SessionFacts] = {}
        self._planned_days: list[int] | None = None  # sorted ordinals, made when asked for
        self._extent: tuple[date, date] | Literal[False] | None = False  # False: not yet known
        self._weights: dict[date, WeightEntry] = {}
        self._heavy_legs: dict[int, date] = {}  # workout id -> its day, for each report
        self._settings = settings
        self._today = today
        self._stale = Part.ALL
        self._weight: tuple[list[Point], list[Point]] = ([], [])
        self._weeks = WeeklyRuns([], [])
        self._ramp: list[Point] = []
        self._load = LoadLines()

    # -- feeding ---------------------------------------------------------------------------
    def reset(
        self, workouts: Iterable[Workout], weights: Iterable[WeightEntry], settings: Settings
    ) -> None:
        """Start again from everything the plan holds."""
        workouts = list(workouts)
        self._facts = {w.id: session_facts(w) for w in workouts if w.id is not None}
        self._heavy_legs = {
            w.id: w.day for w in workouts if w.id is not None and w.reports_heavy_legs
        }
        self._planned_days = None
        self._extent = False
        self._weights = {entry.day: entry for entry in weights}
        self._settings = settings
        self._stale = Part.ALL

    def apply(self, change: ChangeSet, settings: Settings) -> Part:
        """Take in a change (not a reload: that needs :meth:`reset`).

        Returns:
            The parts whose charts must be drawn again (a change of units redraws the
            weight and mileage charts without recomputing anything).
        """
        stale = Part.NONE
        if change.after:
            self._planned_days = None
        if change.after or change.weights_after:
            self._extent = False
        for workout_id, workout in change.after.items():
            if workout is None:
                self._facts.pop(workout_id, None)
            else:
                self._facts[workout_id] = session_facts(workout)
            if workout is not None and workout.reports_heavy_legs:
                self._heavy_legs[workout_id] = workout.day
            else:
                self._heavy_legs.pop(workout_id, None)
        if change.after or change.days:
            stale |= Part.MILEAGE | Part.LOAD
        for day, entry in change.weights_after.items():
            if entry is None:
                self._weights.pop(day, None)
            else:
                self._weights[day] = entry
        if change.weights_after:
            stale |= Part.WEIGHT
        touched = stale
        if change.settings_after is not None:
            old, self._settings = self._settings, settings
            if (old.first_weekday, old.rules.ramp_limit_pct) != (
                settings.first_weekday,
                settings.rules.ramp_limit_pct,
            ):
                stale |= Part.MILEAGE
            # units change what the weight and mileage charts show, not their data
            touched |= stale | (Part.MILEAGE if old.units is not settings.units else Part.NONE)
            if old.weight_units is not settings.weight_units:
                touched |= Part.WEIGHT
        self._stale |= stale
        return touched

    def set_today(self, today: date) -> Part:
        """The day moved on: weeks and load reach to the new today."""
        if today == self._today:
            return Part.NONE
        self._today = today
        self._stale |= Part.MILEAGE | Part.LOAD
        return Part.MILEAGE | Part.LOAD

    # -- reading ---------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        """The settings the series follow."""
        return self._settings

    @property
    def today(self) -> date:
        """The day weeks and load run up to."""
        return self._today

    @property
    def workout_count(self) -> int:
        """How many workouts the data holds."""
        return len(self._facts)

    @property
    def weight_count(self) -> int:
        """How many weigh-ins the data holds."""
        return len(self._weights)

    def weight(self) -> tuple[list[Point], list[Point]]:
        """Each weigh-in and the 7-day trend, in kg."""
        if Part.WEIGHT in self._stale:
            entries = self._weights.values()
            self._weight = (progress.weight_points(entries), progress.weight_trend(entries))
            self._stale &= ~Part.WEIGHT
        return self._weight

    def weeks(self) -> tuple[WeeklyRuns, list[Point]]:
        """Run km per week, done and planned, and the ramp markers."""
        if Part.MILEAGE in self._stale:
            self._weeks = progress.weekly_runs_of(
                self._facts.values(),
                first_weekday=self._settings.first_weekday,
                through=self._today,
            )
            self._ramp = progress.ramp_limits(
                self._weeks, limit_pct=self._settings.rules.ramp_limit_pct
            )
            self._stale &= ~Part.MILEAGE
        return self._weeks, self._ramp

    def load(self) -> LoadLines:
        """Daily load, fitness and fatigue."""
        if Part.LOAD in self._stale:
            self._load = progress.load_lines_of(self._facts.values(), through=self._today)
            self._stale &= ~Part.LOAD
        return self._load

    def heavy_legs_days(self) -> list[date]:
        """The days the runner reported heavy legs (a done workout so marked), in order."""
        return sorted(set(self._heavy_legs.values()))

    def last_planned(self, first: date, last: date) -> date | None:
        """The last day from ``first`` to ``last`` (both included) holding a planned session.

        A planned session is a training session not yet marked done (skipped ones and rest
        blocks are not training). ``None`` when there is none in that span.
        """
        if self._planned_days is None:
            self._planned_days = sorted(
                fact.ordinal for fact in self._facts.values() if fact.training and not fact.done
            )
        index = bisect.bisect_right(self._planned_days, last.toordinal())
        if index == 0 or self._planned_days[index - 1] < first.toordinal():
            return None
        return date.fromordinal(self._planned_days[index - 1])

    def extent(self) -> tuple[date, date] | None:
        """The first and last day holding a workout or a weigh-in; ``None`` when empty.

        Worked out once per change of the data, not at each week switch that asks for it.
        """
        if self._extent is False:
            ordinals = [fact.ordinal for fact in self._facts.values()]
            ordinals.extend(day.toordinal() for day in self._weights)
            self._extent = (
                (date.fromordinal(min(ordinals)), date.fromordinal(max(ordinals)))
                if ordinals
                else None
            )
        return self._extent
