"""The generator's own check of the load rules (LOAD_RATIO, FATIGUE_SUSTAINED, MONOTONY).

They are the rules a plan most often breaks, and the ones whose verdict depends on where an
evaluation starts: the warning panel judges one calendar week (its history is what lies 90
days before that week), the promise judges the plan's whole range. A week is checked both
ways here, with the rules' own arithmetic (:mod:`planner.core.load`), on a running list of
daily loads, which costs far less than asking every rule again.

A week is also refused when it leaves a ratio or a fatigue that the next week could not undo
even by resting: the checks run on to the days after it, with nothing planned on them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from planner.core import thresholds as t
from planner.core.load import fitness_fatigue_series, monotony, session_load
from planner.core.model import Finding, Severity, Workout


def _above(value: float, limit: float) -> bool:
    return value > limit and not math.isclose(value, limit, rel_tol=t.REL_TOL)


def _below(value: float, limit: float) -> bool:
    return value < limit and not math.isclose(value, limit, rel_tol=t.REL_TOL)


class LoadCheck:
    """Daily loads from 90 + 28 days before the plan's start, and the checks on them.

    ``last`` is the plan's last day (its race): nothing follows it that the checks protect.
    ``history`` is read up to the day before ``until`` (by default the plan's ``start``).
    """

    def __init__(
        self, history: Iterable[Workout], start: date, last: date, *, until: date | None = None
    ) -> None:
        self.start = start
        self.last = last
        self.base = start - timedelta(days=t.LOOKBACK_DAYS + t.CHRONIC_DAYS)
        self.loads: list[float] = []
        self.training: list[bool] = []
        self._extend(history, until or start)

    def _index(self, day: date) -> int:
        return (day - self.base).days

    def _extend(self, workouts: Iterable[Workout], until: date) -> None:
        """Grow the lists to the day before ``until`` and add ``workouts`` in that span."""
        size = self._index(until)
        grow = size - len(self.loads)
        if grow > 0:
            self.loads += [0.0] * grow
            self.training += [False] * grow
        for workout in workouts:
            i = self._index(workout.day)
            if 0 <= i < size and workout.is_training_session:
                self.loads[i] += session_load(workout)
                self.training[i] = True

    def keep(self, week: Sequence[Workout], end: date) -> None:
        """Add a kept week, whose last day is ``end``."""
        self._extend(week, end + timedelta(days=1))

    def warnings(self, week: Sequence[Workout], week_start: date, end: date) -> list[Finding]:
        """The load findings a candidate week would raise on its days from the plan's start."""
        loads, training = list(self.loads), list(self.training)
        size = self._index(end) + 1
        loads += [0.0] * (size - len(loads))
        training += [False] * (size - len(training))
        for workout in week:
            i = self._index(workout.day)
            if 0 <= i < size and workout.is_training_session:
                loads[i] += session_load(workout)
                training[i] = True
        first = max(week_start, self.start)
        found = self._monotony(loads, first, end)
        # the days after the week too, with nothing more planned: a week must not leave a
        # ratio the next one cannot bring down (judged as the next week's panel judges it)
        after = end + timedelta(days=1)
        ahead = end + timedelta(days=t.ACUTE_DAYS - 1) if end < self.last else end
        loads += [0.0] * t.ACUTE_DAYS
        # as the week's panel judges it, as the plan's range is judged, as the next week's
        # panel will judge the days after it
        spans = ((week_start, first, end), (self.start, first, ahead), (after, after, ahead))
        for window_start, ratio_from, ratio_to in spans:
            hs = self._history_start(training, window_start, end)
            if hs is None:
                continue
            history_days = (window_start - hs).days
            if history_days >= t.LOAD_RATIO_MIN_HISTORY_DAYS and ratio_from <= ratio_to:
                found += self._ratio(loads, ratio_from, ratio_to)
            if history_days >= t.FATIGUE_MIN_HISTORY_DAYS:
                fatigue_from = first if window_start <= end else after
                if fatigue_from <= ahead:
                    found += self._fatigue(loads, hs, fatigue_from, end, ahead)
        return found

    def _history_start(self, training: list[bool], window_start: date, end: date) -> date | None:
        """The first training day from 90 days before ``window_start`` to ``end``."""
        lo = max(0, self._index(window_start - timedelta(days=t.LOOKBACK_DAYS)))
        for i in range(lo, self._index(end) + 1):
            if training[i]:
                return self.base + timedelta(days=i)
        return None

    def _ratio(self, loads: list[float], first: date, end: date) -> list[Finding]:
        weeks = t.CHRONIC_DAYS / t.ACUTE_DAYS
        found = []
        for i in range(self._index(first), self._index(end) + 1):
            acute = math.fsum(loads[max(0, i - t.ACUTE_DAYS + 1) : i + 1])
            chronic = math.fsum(loads[max(0, i - t.CHRONIC_DAYS + 1) : i + 1]) / weeks
            if chronic > 0 and _above(acute, chronic * t.LOAD_RATIO_WARNING):
                found.append(self._finding("LOAD_RATIO", i, t.ACUTE_DAYS))
        return found

    def _monotony(self, loads: list[float], first: date, end: date) -> list[Finding]:
        found = []
        for i in range(self._index(first), self._index(end) + 1):
            value = monotony(loads[i - t.ROLLING_DAYS + 1 : i + 1])
            if value is not None and _above(value, t.MONOTONY_WARNING):
                found.append(self._finding("MONOTONY", i, t.ROLLING_DAYS))
        return found

    def _fatigue(
        self, loads: list[float], hs: date, first: date, end: date, through: date
    ) -> list[Finding]:
        """FATIGUE_SUSTAINED on the days from ``first`` to ``through``, loads after ``end`` 0."""
        since = self._index(hs)
        lead = first - timedelta(days=t.FATIGUE_DAYS - 1)
        series = fitness_fatigue_series(loads[since : self._index(end) + 1], hs, lead, through)
        low = [p.form is not None and _below(p.form, t.FATIGUE_FORM_MAX) for p in series]
        found = []
        for offset in range(t.FATIGUE_DAYS - 1, len(low)):
            if all(low[offset - t.FATIGUE_DAYS + 1 : offset + 1]):
                found.append(self._finding("FATIGUE_SUSTAINED", self._index(lead) + offset, 7))
        return found

    def _finding(self, rule_id: str, index: int, days: int) -> Finding:
        last = self.base + timedelta(days=index)
        span = tuple(last - timedelta(days=k) for k in range(days - 1, -1, -1))
        return Finding(rule_id, Severity.WARNING, span, "")
