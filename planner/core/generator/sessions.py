"""One week's sessions as its phase and distance shape them: runs, HIIT, strength, the race.

Sessions are the built-in library's entries ("Easy run", "Long run", "Tempo run", "Beginner
sprints", "Squat jumps", "Bodyweight circuit") with the plan's distances and progressions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Protocol

from planner.core import thresholds as t
from planner.core.generator.layout import Layout
from planner.core.generator.plan import Phase
from planner.core.generator.request import Goal, PlanRequest
from planner.core.library import BUILTIN_TEMPLATES
from planner.core.model import Kind, Template, Workout
from planner.core.totals import RUN_MIN_PER_KM

if TYPE_CHECKING:
    from planner.core.generator.build import Easing

_TEMPLATES = {template.name: template for template in BUILTIN_TEMPLATES}
_RACE_TITLES = {
    Goal.K5: "5 km race",
    Goal.K10: "10 km race",
    Goal.HALF: "Half marathon",
    Goal.MARATHON: "Marathon",
}


class Past(Protocol):
    """What the week needs to know of the runs before it."""

    def longest_before(self, day: date) -> float | None:
        """The longest run of the 30 days before ``day`` (races left out), or ``None``."""


def _floor(km: float) -> float:
    return math.floor(km * 10 + 1e-9) / 10


def _from_template(name: str, day: date, **values: object) -> Workout:
    template: Template = _TEMPLATES[name]
    fields: dict[str, object] = {
        "duration_min": template.duration_min,
        "distance_km": template.distance_km,
        "rpe": template.rpe,
        "notes": template.description,
    }
    fields.update(values)
    return Workout(None, day, template.kind, template.name, **fields)  # type: ignore[arg-type]


def _run(name: str, day: date, km: float) -> Workout:
    return _from_template(name, day, distance_km=km, duration_min=float(round(km * RUN_MIN_PER_KM)))


def race_title(goal: Goal) -> str:
    """The race's title on the calendar ("10 km race", "Half marathon")."""
    return _RACE_TITLES[goal]


def _spread_out(days: list[int], count: int) -> list[int]:
    """``count`` of ``days`` (weekdays in order), taken evenly across them."""
    if count >= len(days):
        return days
    step = len(days) / count if count else 0.0
    return [days[int(i * step)] for i in range(count)]


class SessionMaker:
    """Makes each week's workouts from the request's layout."""

    def __init__(self, request: PlanRequest, layout: Layout) -> None:
        self.request = request
        self.layout = layout

    def week(
        self, index: int, start: date, phase: str, target_km: float, easing: Easing, past: Past
    ) -> list[Workout]:
        """The week from ``start``: plan week ``index`` of ``phase`` with ``target_km`` of runs."""
        request, layout = self.request, self.layout
        race_day = request.race_day if phase == Phase.RACE else None
        days = [
            day
            for day in (start + timedelta(days=i) for i in range(7))
            if day >= request.start
            and (race_day is None or day <= race_day)
            and day not in easing.cleared_days
            and (request.race_day is None or day != request.race_day - timedelta(days=1))
        ]
        by_weekday = {day.weekday(): day for day in days}
        calm = self._calm_days(days)

        easy = list(layout.easy)
        tempo = layout.tempo
        if tempo is not None and (
            phase == Phase.BASE or easing.no_tempo or by_weekday.get(tempo) in calm
        ):
            easy.append(tempo)
            tempo = None
        long_day: int | None = layout.long_run
        if race_day is not None:
            easy.append(layout.long_run)
            long_day = None
        easy = sorted(easy)
        if easing.easy_dropped:
            easy = easy[: max(0, len(easy) - easing.easy_dropped)]

        target = target_km * easing.scale
        fit = max(1, int(target // t.GEN_MIN_RUN_KM + 1e-9))  # runs the distance can fill
        others = int(long_day is not None) + int(tempo is not None)
        if others + len(easy) > fit:
            easy = _spread_out(easy, max(0, fit - others))
        share = t.GEN_LONG_SHARE[request.runs_per_week]
        long_km = min(self._peak_long(), share * target) if long_day is not None else 0.0
        tempo_km = min(t.GEN_TEMPO_SHARE * target, long_km or target) if tempo is not None else 0.0
        easy_total = max(0.0, target - long_km - tempo_km)
        spread = [t.GEN_EASY_SPREAD[i % len(t.GEN_EASY_SPREAD)] for i in range(len(easy))]
        ceiling = long_km if long_day is not None else target
        nominal: dict[int, tuple[str, float]] = {}
        for weekday, weight in zip(easy, spread, strict=True):
            km = easy_total * weight / sum(spread)
            nominal[weekday] = ("Easy run", _floor(max(t.GEN_MIN_RUN_KM, min(km, ceiling))))
        if tempo is not None:
            nominal[tempo] = ("Tempo run", _floor(max(t.GEN_MIN_RUN_KM, tempo_km)))
        if long_day is not None:
            nominal[long_day] = ("Long run", _floor(max(t.GEN_MIN_RUN_KM, long_km)))

        hiit = list(layout.hiit)[: max(0, len(layout.hiit) - easing.hiit_dropped)]
        strength = list(layout.strength)[: max(0, len(layout.strength) - easing.strength_dropped)]
        workouts: list[Workout] = []
        week_runs: list[tuple[date, float]] = []
        for day in days:
            weekday = day.weekday()
            today: list[Workout] = []
            if day == race_day:
                today.append(self._race(day))
            else:
                if weekday in nominal:
                    name, km = nominal[weekday]
                    km = self._capped(day, km, past, week_runs)
                    week_runs.append((day, km))
                    today.append(_run(name, day, km))
                if weekday in hiit and day not in calm:
                    today.append(self._sprints(day, index))
                if weekday in strength:
                    today.append(self._strength(day, index, strength.index(weekday)))
            workouts += [w.replace(position=i, plan_day=day) for i, w in enumerate(today)]
        return workouts

    def _calm_days(self, days: list[date]) -> frozenset[date]:
        """The days of ``days`` before the race that hold no hard session.

        In the 6 days before the race, only the first hard day and only from 3 days before
        it: the race is itself a hard session, and HARD_COUNT counts the 7 days to it.
        """
        race_day = self.request.race_day
        if race_day is None:
            return frozenset()
        near = [d for d in days if race_day - timedelta(days=6) <= d < race_day]
        hard = sorted(d for d in near if d.weekday() in self.layout.hard_days)
        keep = hard[:1] if hard and hard[0] <= race_day - timedelta(days=3) else []
        return frozenset(d for d in near if d not in keep)

    def _peak_long(self) -> float:
        goal_long = t.GEN_PEAK_LONG_KM[self.request.goal.value]
        return max(goal_long, self.request.longest_run_km)

    def _capped(
        self, day: date, km: float, past: Past, week_runs: Iterable[tuple[date, float]]
    ) -> float:
        """``km`` within 10 % of the longest run of the 30 days before ``day`` (RUN_SPIKE)."""
        first = day - timedelta(days=t.RUN_SPIKE_LOOKBACK_DAYS)
        longest = past.longest_before(day)
        earlier = [k for d, k in week_runs if first <= d < day]
        if earlier:
            longest = max(longest or 0.0, *earlier)
        if longest is None and self.request.longest_run_km > 0:
            longest = self.request.longest_run_km
        if longest is not None:
            cap = max(_floor(longest * t.GEN_LONG_GROWTH), _floor(t.RUN_SPIKE_MIN_KM - 0.1))
            km = min(km, cap)
        return _floor(km)

    def _race(self, day: date) -> Workout:
        goal = self.request.goal.value
        km = t.GEN_RACE_KM[goal]
        race = Workout(
            None,
            day,
            Kind.RUN,
            race_title(self.request.goal),
            duration_min=float(round(km * RUN_MIN_PER_KM)),
            distance_km=km,
            rpe=t.GEN_RACE_RPE[goal],
            notes="Race day: start steady, finish strong. Refuel after.",
            race=True,
        )
        return race

    def _sprints(self, day: date, index: int) -> Workout:
        low, high = t.GEN_SPRINT_REPS
        reps = min(low + index, high)
        notes = f"{reps} x 15 s on / 45 s off, after a 10 min warm-up."
        return _from_template("Beginner sprints", day, notes=notes)

    def _strength(self, day: date, index: int, order: int) -> Workout:
        if order % 2 == 1:
            low, high = t.GEN_SQUAT_SETS
            sets = low if index + 1 < t.GEN_SQUAT_THIRD_SET_WEEK else high
            notes = f"{sets} x 10 squat jumps; land softly, rest 1 min between sets."
            return _from_template("Squat jumps", day, notes=notes)
        return _from_template("Bodyweight circuit", day)
