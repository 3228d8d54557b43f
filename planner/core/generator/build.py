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
from planner.core.formatting import format_day, format_number
from planner.core.generator.layout import Layout, plan_layout
from planner.core.generator.loads import LoadCheck
from planner.core.generator.phases import plan_phases, plan_week_starts
from planner.core.generator.plan import GeneratedPlan, Phase, PlanWeek
from planner.core.generator.request import PlanRequest
from planner.core.generator.sessions import SessionMaker, race_title
from planner.core.model import Finding, Kind, Severity, ValidationError, Workout
from planner.core.settings import RULE_IDS, RuleSettings
from planner.core.totals import run_distance_km

#: How many times a week is eased before it is kept as it is.
_MAX_EASES = 16
#: After this many eases, a week that still warns loses the sessions of the days it names.
_CLEAR_AFTER = 8
#: How many times the plan is laid out again, each time from a later week.
_REBUILDS = 3
#: Rules whose warning eases the week's distance and load.
_LOAD_RULES = frozenset({"LOAD_RATIO", "FATIGUE_SUSTAINED", "WEEK_RAMP", "RUN_SPIKE"})
#: Rules a race's own load can set off.
_RACE_LOAD_RULES = frozenset({"LOAD_RATIO", "FATIGUE_SUSTAINED"})
#: Rules whose warning eases the week's hard sessions.
_HARD_RULES = frozenset({"HARD_COUNT", "HARD_BACK_TO_BACK", "HIIT_GAP"})
_STRENGTH_RULES = frozenset({"STRENGTH_GAP", "STRENGTH_COUNT"})
_TAPER = frozenset({Phase.TAPER, Phase.RACE})
#: The rules that may warn (the others only inform).
_INFO_ONLY = frozenset({"FUEL_LONG", "LONG_SHARE", "RUN_COUNT", "STRENGTH_LOW", "WEIGHT_DROP"})
_ALL = RuleSettings(disabled=_INFO_ONLY)
#: Week by week, the rules that may warn, but the load rules, which :mod:`.loads` checks
#: both ways (a week as the panel shows it, and the plan's whole range).
_PER_WEEK = RuleSettings(disabled=_INFO_ONLY | {"LOAD_RATIO", "FATIGUE_SUSTAINED", "MONOTONY"})
#: Only the rules a race's own load sets off.
_RACE_LOAD = RuleSettings(disabled=frozenset(RULE_IDS) - _RACE_LOAD_RULES)


@dataclass(slots=True)
class Easing:
    """How far a week has been eased from its shape."""

    scale: float = 1.0
    no_tempo: bool = False
    hiit_dropped: int = 0
    strength_dropped: int = 0
    easy_dropped: int = 0
    load_steps: int = 0
    steps: int = 0
    cleared_days: set[date] = field(default_factory=set)


def generate_plan(
    request: PlanRequest, history: Sequence[Workout], *, first_weekday: int = 0
) -> GeneratedPlan:
    """A training plan for ``request`` that the rules pass, given the runner's ``history``.

    Deterministic: the same request and history give the same plan. ``history`` is what stays
    in the plan file beside the plan: before its start, what the runner did and planned; in
    its range, the done and skipped workouts (and the planned ones when both are kept), which
    the plan is laid out around and checked with.

    Weeks are first laid out with the load rules checked as they go (the cheap part); then
    every rule judges the plan once. From the first week any rule still warns about, the
    plan is laid out again with every rule asked week by week.

    Raises:
        ValidationError: the request is impossible (see :meth:`PlanRequest.validate`), or
            the race is too much for the weekly distance the plan can build up to by then.
    """
    request.validate()
    builder = _Builder(request, plan_layout(request), history, first_weekday)
    starts = plan_week_starts(request, first_weekday)
    phases = plan_phases(request, len(starts))
    builder.build(starts, phases, 0, thorough=False)
    warnings = builder.evaluate(request.start, builder.last_day)
    done = -1
    for _ in range(_REBUILDS):
        warned = [day for finding in warnings for day in finding.days if day >= request.start]
        if not warned:
            break
        index = max(i for i, start in enumerate(starts) if start <= min(warned))
        if index <= done:
            break
        builder.truncate(starts[index])
        builder.build(starts, phases, index, thorough=True)
        done = index
        warnings = builder.evaluate(request.start, builder.last_day)
    if request.race_day is not None:  # the range, and the race week as the panel shows it
        race_week = starts[-1]
        panel = builder.evaluate(race_week, race_week + timedelta(days=6), settings=_RACE_LOAD)
        _refuse_a_race_not_reached(request, builder.weeks)
        _refuse_a_race_too_big(request, [*warnings, *panel])
    return GeneratedPlan(request, tuple(builder.plan), tuple(builder.weeks))


def _refuse_a_race_not_reached(request: PlanRequest, weeks: Sequence[PlanWeek]) -> None:
    """Raise when the plan's longest run stays under half the race: no plan for that race."""
    if request.race_day is None:
        return
    race_km = t.GEN_RACE_KM[request.goal.value]
    longest = max((week.long_run_km for week in weeks), default=0.0)
    if longest < race_km * t.GEN_RACE_READY_SHARE:
        raise ValidationError(
            "race_day",
            f"By {format_day(request.race_day, year=True)} the plan can build your long run "
            f"only to {format_number(longest)} km, less than half the race's "
            f"{format_number(race_km)} km. Choose a later race day (more weeks to build up) "
            "or a shorter race.",
        )


def _refuse_a_race_too_big(request: PlanRequest, warnings: list[Finding]) -> None:
    """Raise when the race itself still carries a load warning: the plan cannot carry it.

    A race's load (its effort times its minutes) counts in LOAD_RATIO like any session's;
    when the weeks before it carry too little, no easing of the plan helps, only more weeks
    to build up or a shorter race.
    """
    race_day = request.race_day
    if race_day is None:
        return
    if any(f.rule_id in _RACE_LOAD_RULES and f.days[-1] >= race_day for f in warnings):
        raise ValidationError(
            "race_day",
            f"A {race_title(request.goal).lower()} on {format_day(race_day, year=True)} is too "
            "much for the weekly distance the plan can build up to by then: the race alone "
            "would carry more than 1.5 times your usual week's load. Choose a later race "
            "day (more weeks to build up) or a shorter race.",
        )


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
        horizon = request.start - timedelta(days=t.LOOKBACK_DAYS + t.CHRONIC_DAYS)
        self.context = sorted(
            (w for w in history if horizon <= w.day < request.start), key=lambda w: w.day
        )
        self.sessions = SessionMaker(request, layout)
        self.peak_week = max(t.GEN_PEAK_WEEK_KM[request.goal.value], request.current_week_km)
        starts = plan_week_starts(request, first_weekday)
        self.last_day = request.race_day or starts[-1] + timedelta(days=6)
        #: What stays on the plan's days (done workouts, or the planned ones kept beside it).
        self.fixed = sorted(
            (w for w in history if request.start <= w.day <= self.last_day), key=lambda w: w.day
        )
        self.plan: list[Workout] = []
        self.weeks: list[PlanWeek] = []
        self.truncate(request.start)

    def truncate(self, start: date) -> None:
        """Forget the plan from ``start`` on."""
        self.plan = [w for w in self.plan if w.day < start]
        self.weeks = [w for w in self.weeks if w.start < start]
        kept = [w for w in self.fixed if w.day < start]
        self.all = [*self.context, *sorted([*self.plan, *kept], key=lambda w: w.day)]
        self.all_days = [w.day for w in self.all]
        runs = [(w.day, run_distance_km(w)) for w in self.all if _counts_as_run(w)]
        self.run_days = [day for day, _ in runs]
        self.run_kms = [km for _, km in runs]
        self.loads = LoadCheck(self.all, self.request.start, self.last_day, until=start)
        self.peak_km = max(
            (self._week_km(w.start) for w in self.weeks if w.phase not in _TAPER), default=0.0
        )

    def build(self, starts: list[date], phases: list[str], first: int, *, thorough: bool) -> None:
        """Lay out the weeks from index ``first`` on."""
        for index in range(first, len(starts)):
            self.add_week(index, starts[index], phases[index], thorough=thorough)

    def evaluate(self, start: date, end: date, *, settings: RuleSettings = _ALL) -> list[Finding]:
        """The warnings and critical findings of the rules from ``start`` to ``end``."""
        context = self._recent(start, t.LOOKBACK_DAYS + 1)
        findings = rules.evaluate(
            [*context, *(w for w in self.all if w.day >= start)],
            start=start,
            end=end,
            settings=settings,
            first_weekday=self.first_weekday,
        )
        return [f for f in findings if f.severity >= Severity.WARNING]

    # -- what came before ------------------------------------------------------------------
    def _recent(self, day: date, days: int) -> list[Workout]:
        """The history and plan workouts of the ``days`` days before ``day``."""
        lo = bisect.bisect_left(self.all_days, day - timedelta(days=days))
        hi = bisect.bisect_left(self.all_days, day)
        return self.all[lo:hi]

    def _week_km(self, start: date) -> float:
        """The run distance of the calendar week from ``start`` (history and plan)."""
        return sum(
            run_distance_km(w)
            for w in self._recent(start + timedelta(days=7), 7)
            if w.kind is Kind.RUN and not w.race
        )

    def _target_km(self, start: date, phase: str) -> float:
        """The week's run distance as its phase shapes it, before the rules are asked."""
        last = self._week_km(start - timedelta(days=7))
        ramp = last * t.GEN_RAMP_MAX if last >= t.WEEK_RAMP_MIN_LAST_KM else math.inf
        if phase == Phase.STEP_BACK:
            return last * t.GEN_STEP_BACK_SHARE
        if phase in _TAPER:
            done = sum(1 for w in self.weeks if w.phase in _TAPER)
            shares = t.GEN_TAPER_SHARES[t.GEN_TAPER_WEEKS[self.request.goal.value]]
            return min(ramp, self.peak_km * shares[min(done, len(shares) - 1)])
        recent = [
            self._week_km(start - timedelta(days=7 * k)) for k in range(1, t.GEN_RECENT_WEEKS + 1)
        ]
        if len(self.weeks) < t.GEN_RECENT_WEEKS:
            recent.append(self.request.current_week_km)
        target = min(self.peak_week, max(recent) * t.GEN_WEEK_GROWTH)
        # a runner starting from (almost) nothing begins with the shortest runs
        target = max(target, self.request.runs_per_week * t.GEN_MIN_RUN_KM)
        if last >= t.WEEK_RAMP_MIN_LAST_KM:
            target = min(target, last * t.GEN_REBOUND_MAX)
        return target

    def longest_before(self, day: date) -> float | None:
        """The longest run of the 30 days before ``day`` (races left out), or ``None``."""
        lo = bisect.bisect_left(self.run_days, day - timedelta(days=t.RUN_SPIKE_LOOKBACK_DAYS))
        hi = bisect.bisect_left(self.run_days, day)
        return max(self.run_kms[lo:hi]) if hi > lo else None

    # -- one week --------------------------------------------------------------------------
    def add_week(self, index: int, start: date, phase: str, *, thorough: bool) -> None:
        """Shape the week, ease it until the checks pass it, and keep it."""
        target = self._target_km(start, phase)
        easing = Easing()
        first = max(start, self.request.start)
        end = min(start + timedelta(days=6), self.last_day)
        fixed = [w for w in self.fixed if start <= w.day < start + timedelta(days=7)]
        best: tuple[int, list[Workout]] | None = None
        for _ in range(_MAX_EASES + 1):
            week = self.sessions.week(index, start, phase, target, easing, self)
            bad = self.loads.warnings([*week, *fixed], start, end)
            if thorough and not bad:
                bad = self._rule_warnings([*week, *fixed], first, end)
            if best is None or len(bad) < best[0]:
                best = (len(bad), week)
            if not bad:
                break
            self._ease(easing, bad, week, first)
        week = best[1] if best is not None else []
        self._keep(week, fixed, end)
        run_km = sum(run_distance_km(w) for w in week if w.kind is Kind.RUN)
        longest = max((run_distance_km(w) for w in week if _counts_as_run(w)), default=0.0)
        if phase not in _TAPER:
            self.peak_km = max(self.peak_km, self._week_km(start))
        self.weeks.append(PlanWeek(start, phase, round(run_km, 1), round(longest, 1)))

    def _keep(self, week: list[Workout], fixed: list[Workout], end: date) -> None:
        self.plan += week
        both = sorted([*week, *fixed], key=lambda w: w.day)
        self.all += both
        self.all_days += [w.day for w in both]
        for workout in both:
            if _counts_as_run(workout):
                self.run_days.append(workout.day)
                self.run_kms.append(run_distance_km(workout))
        self.loads.keep(both, end)

    def _rule_warnings(self, week: list[Workout], first: date, end: date) -> list[Finding]:
        context = self._recent(first, t.LOOKBACK_DAYS + 1)
        findings = rules.evaluate(
            [*context, *week],
            start=first,
            end=end,
            settings=_PER_WEEK,
            first_weekday=self.first_weekday,
        )
        return [f for f in findings if f.severity >= Severity.WARNING]

    def _ease(self, easing: Easing, bad: list[Finding], week: list[Workout], first: date) -> None:
        ids = {f.rule_id for f in bad}
        easing.steps += 1
        if easing.steps > _CLEAR_AFTER and self._clear_a_day(easing, bad, first):
            return
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
        if not self._clear_a_day(easing, bad, first):
            easing.scale *= t.GEN_EASE_STEP

    def _clear_a_day(self, easing: Easing, bad: list[Finding], first: date) -> bool:
        """Make the first day of the week that the findings name a rest day, if any is left."""
        days = sorted(d for f in bad for d in f.days if d >= first)
        for day in days:
            if day not in easing.cleared_days and day != self.request.race_day:
                easing.cleared_days.add(day)
                return True
        return False


def _counts_as_run(workout: Workout) -> bool:
    """A run that RUN_SPIKE reads: a training run with a distance, not a race."""
    return (
        workout.kind is Kind.RUN
        and workout.is_training_session
        and not workout.race
        and run_distance_km(workout) > 0
    )


def _is_tempo(workout: Workout) -> bool:
    return workout.kind is Kind.RUN and (workout.rpe or 0) >= t.HARD_RPE and not _is_race(workout)


def _is_race(workout: Workout) -> bool:
    return workout.race
