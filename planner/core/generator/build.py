"""generate_plan: a plan laid out week by week, each week checked by the rules before the next.

Each week is first shaped as published plans shape it (its phase's distance, a long run of
about a third, a tempo run, HIIT and strength on their days). Then the rules judge it against
the history and the weeks before it; a week they warn about is eased (shorter runs, the
tempo run easy, fewer HIIT or strength sessions, in that order of what the warning is about)
until they do not, so the next week grows from what was actually planned.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.core import rules
from planner.core import thresholds as t
from planner.core.generator.layout import Layout, plan_layout
from planner.core.generator.phases import plan_phases, plan_week_starts
from planner.core.generator.plan import GeneratedPlan, Phase, PlanWeek
from planner.core.generator.request import PlanRequest
from planner.core.generator.sessions import SessionMaker
from planner.core.model import Finding, Kind, Severity, Workout
from planner.core.settings import RuleSettings
from planner.core.totals import run_distance_km

#: How many times a week is eased before it is kept as it is.
_MAX_EASES = 14
#: Rules whose warning eases the week's distance and load.
_LOAD_RULES = frozenset({"LOAD_RATIO", "FATIGUE_SUSTAINED", "WEEK_RAMP", "RUN_SPIKE"})
#: Rules whose warning eases the week's hard sessions.
_HARD_RULES = frozenset({"HARD_COUNT", "HARD_BACK_TO_BACK", "HIIT_GAP"})
_STRENGTH_RULES = frozenset({"STRENGTH_GAP", "STRENGTH_COUNT"})
_SETTINGS = RuleSettings()


@dataclass(slots=True)
class Easing:
    """How far a week has been eased from its shape."""

    scale: float = 1.0
    no_tempo: bool = False
    hiit_dropped: int = 0
    strength_dropped: int = 0
    easy_dropped: int = 0
    load_steps: int = 0
    cleared_days: set[date] = field(default_factory=set)


def generate_plan(
    request: PlanRequest, history: Sequence[Workout], *, first_weekday: int = 0
) -> GeneratedPlan:
    """A training plan for ``request`` that the rules pass, given the runner's ``history``.

    Deterministic: the same request and history give the same plan. Only the history before
    the plan's start is read (what the runner did and planned up to then).

    Raises:
        ValidationError: the request is impossible (see :meth:`PlanRequest.validate`).
    """
    request.validate()
    layout = plan_layout(request)
    builder = _Builder(request, layout, history, first_weekday)
    starts = plan_week_starts(request, first_weekday)
    for index, (start, phase) in enumerate(
        zip(starts, plan_phases(request, len(starts)), strict=True)
    ):
        builder.add_week(index, start, phase)
    return GeneratedPlan(request, tuple(builder.workouts), tuple(builder.weeks))


def _floor(km: float) -> float:
    return math.floor(km * 10 + 1e-9) / 10


class _Builder:
    """The plan so far, and what the next week is measured against."""

    def __init__(
        self,
        request: PlanRequest,
        layout: Layout,
        history: Sequence[Workout],
        first_weekday: int,
    ) -> None:
        self.request = request
        self.layout = layout
        self.first_weekday = first_weekday
        horizon = request.start - timedelta(days=t.LOOKBACK_DAYS + 7 * t.GEN_RECENT_WEEKS)
        self.context = sorted(
            (w for w in history if horizon <= w.day < request.start), key=lambda w: w.day
        )
        self.context_days = [w.day for w in self.context]
        self.workouts: list[Workout] = []
        self.weeks: list[PlanWeek] = []
        self.sessions = SessionMaker(request, layout)
        self.peak_km = 0.0
        goal_peak = t.GEN_PEAK_WEEK_KM[request.goal.value]
        self.peak_week = max(goal_peak, request.current_week_km)
        self.peak_long = max(t.GEN_PEAK_LONG_KM[request.goal.value], request.longest_run_km)

    # -- what came before ------------------------------------------------------------------
    def _recent(self, day: date, days: int) -> list[Workout]:
        """The context and plan workouts of the ``days`` days before ``day``."""
        first = day - timedelta(days=days)
        lo = bisect.bisect_left(self.context_days, first)
        hi = bisect.bisect_left(self.context_days, day)
        planned = [w for w in self.workouts if first <= w.day < day]
        return [*self.context[lo:hi], *planned]

    def _week_km(self, start: date) -> float:
        """The run distance of the calendar week from ``start`` (history and plan)."""
        end = start + timedelta(days=7)
        return sum(
            run_distance_km(w) for w in self._recent(end, 7) if w.kind is Kind.RUN and not w.race
        )

    def _target_km(self, start: date, phase: str) -> float:
        """The week's run distance as its phase shapes it, before the rules are asked."""
        last = self._week_km(start - timedelta(days=7))
        if phase == Phase.STEP_BACK:
            return last * t.GEN_STEP_BACK_SHARE
        if phase in (Phase.TAPER, Phase.RACE):
            done = sum(1 for w in self.weeks if w.phase in (Phase.TAPER, Phase.RACE))
            shares = t.GEN_TAPER_SHARES[t.GEN_TAPER_WEEKS[self.request.goal.value]]
            return self.peak_km * shares[min(done, len(shares) - 1)]
        recent = [
            self._week_km(start - timedelta(days=7 * k)) for k in range(1, t.GEN_RECENT_WEEKS + 1)
        ]
        plan_weeks = len(self.weeks)
        if plan_weeks < t.GEN_RECENT_WEEKS:
            recent.append(self.request.current_week_km)
        target = min(self.peak_week, max(recent) * t.GEN_WEEK_GROWTH)
        if last >= t.WEEK_RAMP_MIN_LAST_KM:
            target = min(target, last * t.GEN_REBOUND_MAX)
        return target

    def longest_before(self, day: date) -> float | None:
        """The longest run of the 30 days before ``day`` (races left out), or ``None``."""
        runs = [
            run_distance_km(w)
            for w in self._recent(day, t.RUN_SPIKE_LOOKBACK_DAYS)
            if w.kind is Kind.RUN and w.is_training_session and not w.race
        ]
        runs = [km for km in runs if km > 0]
        return max(runs) if runs else None

    # -- one week --------------------------------------------------------------------------
    def add_week(self, index: int, start: date, phase: str) -> None:
        """Shape the week, ease it until the rules pass it, and keep it."""
        target = self._target_km(start, phase)
        easing = Easing()
        first = max(start, self.request.start)
        end = start + timedelta(days=6)
        best: tuple[int, list[Workout]] | None = None
        for _ in range(_MAX_EASES + 1):
            week = self.sessions.week(index, start, phase, target, easing, self)
            bad = self._warnings(week, first, end)
            if best is None or len(bad) < best[0]:
                best = (len(bad), week)
            if not bad:
                break
            self._ease(easing, bad, week, first)
        week = best[1] if best is not None else []
        self.workouts.extend(week)
        run_km = sum(run_distance_km(w) for w in week if w.kind is Kind.RUN)
        longest = max(
            (run_distance_km(w) for w in week if w.kind is Kind.RUN and not _is_race(w)),
            default=0.0,
        )
        if phase not in (Phase.TAPER, Phase.RACE):
            self.peak_km = max(self.peak_km, self._week_km(start))
        self.weeks.append(PlanWeek(start, phase, round(run_km, 1), round(longest, 1)))

    def _warnings(self, week: list[Workout], first: date, end: date) -> list[Finding]:
        context = self._recent(first, t.LOOKBACK_DAYS + 1)
        findings = rules.evaluate(
            [*context, *week],
            start=first,
            end=end,
            settings=_SETTINGS,
            first_weekday=self.first_weekday,
        )
        return [f for f in findings if f.severity >= Severity.WARNING]

    def _ease(self, easing: Easing, bad: list[Finding], week: list[Workout], first: date) -> None:
        ids = {f.rule_id for f in bad}
        has_hiit = any(w.kind is Kind.HIIT for w in week)
        has_tempo = any(_is_tempo(w) for w in week)
        has_strength = any(w.kind is Kind.STRENGTH for w in week)
        if ids & _HARD_RULES and (has_tempo or has_hiit):
            if has_tempo and not easing.no_tempo:
                easing.no_tempo = True
            else:
                easing.hiit_dropped += 1
            return
        if ids & _STRENGTH_RULES and has_strength:
            easing.strength_dropped += 1
            return
        if "MONOTONY" in ids:
            easing.easy_dropped += 1
            return
        if ids & _LOAD_RULES:
            easing.load_steps += 1
            step = easing.load_steps
            above_floor = any(
                w.kind is Kind.RUN and not w.race and (w.distance_km or 0) > t.GEN_MIN_RUN_KM
                for w in week
            )
            if step % 3 == 0 and has_hiit:
                easing.hiit_dropped += 1
            elif (step % 3 == 2 or not above_floor) and has_strength:
                easing.strength_dropped += 1
            elif above_floor:
                easing.scale *= t.GEN_EASE_STEP
            elif has_hiit:
                easing.hiit_dropped += 1
            else:
                easing.easy_dropped += 1
            return
        days = sorted(d for f in bad for d in f.days if d >= first)
        for day in days:
            if day not in easing.cleared_days and day != self.request.race_day:
                easing.cleared_days.add(day)
                return
        easing.scale *= t.GEN_EASE_STEP


def _is_tempo(workout: Workout) -> bool:
    return workout.kind is Kind.RUN and (workout.rpe or 0) >= t.HARD_RPE and not _is_race(workout)


def _is_race(workout: Workout) -> bool:
    return workout.race
