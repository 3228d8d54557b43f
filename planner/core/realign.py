"""Realign a generated plan after missed workouts or a break: progress, the offer, the edit.

A generated plan's workouts are those with a ``plan_day`` (the day the plan first put them
on); the runner's own have none and Realign never touches them, nor anything done.

What Realign does (:func:`realignment`), decided here and said in the dialog:

- **The gap**: the days since the last training session the runner did (or since the plan
  began). A gap of :data:`~planner.core.thresholds.REALIGN_GAP_DAYS` or more shifts the rest
  of the build later by the gap's whole weeks, so every session keeps its weekday: the missed
  sessions of the gap come back from today on, and the later ones follow them. Sessions that
  no longer fit before the taper are dropped, not squeezed.
- **The race and its taper** (the race's last weeks, as many as the generator tapers for
  its distance) stay exactly as they are.
- **Missed sessions the shift does not bring back** (a shorter gap, or a miss before the
  last session done) are marked skipped: they did not happen, so they stop counting as
  planned load for the rules and the charts. Progress still counts them as missed.
- **The return is eased in proportion to the gap**: from today, for as many days as the
  break lasted, the sessions' distance and duration are scaled as Daniels' return after a
  break does (thresholds' Realign section). Then the rules judge the realigned plan; a week
  they still warn about is eased further, and a session eased below a quarter is dropped.
  The one warning not chased: LOAD_RATIO right after three weeks without any load, which
  any training at all raises (see ``REALIGN_RATIO_BLIND_DAYS``).
- A moved session keeps its ``plan_day``, so :func:`plan_progress` counts it as moved.

Everything is one :class:`~planner.core.edits.Edit`: one write, one undo step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.core import thresholds as t
from planner.core.edits import Edit
from planner.core.formatting import format_day
from planner.core.load import session_load
from planner.core.missed import is_missed
from planner.core.model import Kind, Severity, Status, Workout
from planner.core.settings import Settings
from planner.core.weeks import week_start

#: How many times the rules judge a realigned week before it is kept as it is (the 14th ease
#: takes a session below REALIGN_MIN_SHARE).
_MAX_EASES = 16


# -- progress --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PlanProgress:
    """How a generated plan's past went (its sessions whose plan day is before today).

    Attributes:
        on_time: done on their plan day.
        moved: done on another day, or still planned on a day from today on.
        missed: planned on a day that passed, or skipped.
        upcoming: still planned from today on (moved ones included).
    """

    on_time: int = 0
    moved: int = 0
    missed: int = 0
    upcoming: int = 0

    def text(self) -> str:
        """The progress for people: ``So far: 18 on time, 3 moved, 4 missed``."""
        return f"So far: {self.on_time} on time, {self.moved} moved, {self.missed} missed"


def _sessions(workouts: Iterable[Workout]) -> list[Workout]:
    """A generated plan's sessions among ``workouts``: rest blocks are nothing to do."""
    return [w for w in workouts if w.plan_day is not None and w.kind is not Kind.REST]


def plan_progress(workouts: Iterable[Workout], today: date) -> PlanProgress:
    """The generated plan's progress among ``workouts`` (see :class:`PlanProgress`)."""
    on_time = moved = missed = upcoming = 0
    for w in _sessions(workouts):
        assert w.plan_day is not None
        if w.status is Status.PLANNED and w.day >= today:
            upcoming += 1
        if w.plan_day >= today:
            continue
        if w.status is Status.DONE:
            on_time += w.day == w.plan_day
            moved += w.day != w.plan_day
        elif w.status is Status.SKIPPED or w.day < today:
            missed += 1
        else:
            moved += 1
    return PlanProgress(on_time, moved, missed, upcoming)


# -- the offer -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Reason:
    """Why the app offers Realign.

    Attributes:
        text: the reason in plain words.
        since: the day the missed sessions or the gap began.
        count: the missed sessions, or the gap's days.
    """

    text: str
    since: date
    count: int


def gap_start(workouts: Iterable[Workout], today: date) -> date | None:
    """The first day of the current gap: after the last session done, within the plan.

    ``None`` without a generated plan. The gap never begins before the plan's first day.
    """
    sessions = list(workouts)
    plan_days = [w.plan_day for w in _sessions(sessions) if w.plan_day is not None]
    if not plan_days:
        return None
    done = [
        w.day
        for w in sessions
        if w.status is Status.DONE and w.is_training_session and w.day < today
    ]
    after_done = max(done) + timedelta(days=1) if done else min(plan_days)
    return max(after_done, min(plan_days))


def needs_realign(workouts: Sequence[Workout], today: date) -> Reason | None:
    """Why the generated plan among ``workouts`` wants realigning, or ``None``.

    A gap of :data:`~planner.core.thresholds.REALIGN_GAP_DAYS` days or more without a
    session done while the plan had sessions in it (and they were not realigned yet), or
    :data:`~planner.core.thresholds.REALIGN_MISSED` missed sessions or more. Only with
    sessions of the plan still ahead.
    """
    plan = _sessions(workouts)
    if not any(w.status is Status.PLANNED and w.day >= today for w in plan):
        return None
    start = gap_start(workouts, today)
    if start is not None and (today - start).days >= t.REALIGN_GAP_DAYS:
        in_gap = [w for w in plan if w.plan_day is not None and start <= w.plan_day < today]
        realigned = any(w.day >= today and w.status is Status.PLANNED for w in in_gap)
        if in_gap and not realigned:
            return Reason(
                f"No training done since {format_day(start - timedelta(days=1))}: "
                f"{(today - start).days} days of your plan went by",
                start,
                (today - start).days,
            )
    missed = sorted((w for w in plan if is_missed(w, today)), key=lambda w: w.day)
    if len(missed) >= t.REALIGN_MISSED:
        return Reason(
            f"{len(missed)} workouts of your plan were missed since {format_day(missed[0].day)}",
            missed[0].day,
            len(missed),
        )
    return None


# -- the realignment -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Realignment:
    """What realigning does, and the one edit that does it.

    Attributes:
        edit: the rows written (one undo step).
        shift_weeks: how many weeks the rest of the build moves later.
        moved: sessions moved to a later day.
        dropped: sessions that no longer fit before the taper, or eased away.
        skipped: missed sessions marked skipped.
        eased: sessions made shorter for the return.
        race: the race the plan leads to (``None`` for general fitness).
        taper_start: the taper's first day (``None`` without a race).
    """

    edit: Edit
    shift_weeks: int = 0
    moved: int = 0
    dropped: int = 0
    skipped: int = 0
    eased: int = 0
    race: Workout | None = None
    taper_start: date | None = None


def race_of(workouts: Iterable[Workout], today: date) -> Workout | None:
    """The generated plan's next race (on or after today), or ``None``."""
    races = [w for w in workouts if w.race and w.plan_day is not None and w.day >= today]
    return min(races, key=lambda w: w.day) if races else None


def taper_start(race: Workout, first_weekday: int) -> date:
    """The first day of ``race``'s taper: its weeks as the generator tapers its distance."""
    km = race.distance_km or 0.0
    goal = min(t.GEN_RACE_KM, key=lambda g: abs(t.GEN_RACE_KM[g] - km))
    weeks = t.GEN_TAPER_WEEKS[goal]
    return week_start(race.day, first_weekday) - timedelta(weeks=weeks - 1)


def return_share(day: date, today: date, gap_days: int) -> float:
    """The share of its planned load a session on ``day`` keeps after a ``gap_days`` break."""
    if gap_days <= t.REALIGN_FULL_DAYS or not today <= day < today + timedelta(days=gap_days):
        return 1.0
    shares = (
        t.REALIGN_SHORT_SHARES if gap_days <= t.REALIGN_SHORT_BREAK_DAYS else t.REALIGN_LONG_SHARES
    )
    return shares[(day - today).days * len(shares) // gap_days]


def realignment(
    workouts: Sequence[Workout], today: date, settings: Settings | None = None
) -> Realignment:
    """Realign the generated plan among ``workouts`` (see the module's docstring).

    Args:
        workouts: the plan file's stored workouts from at least 118 days before today
            (the rules' history) to the plan's last day.
        today: the day it is.
        settings: the runner's settings (first weekday, rule switches).
    """
    chosen = settings if settings is not None else Settings()
    stored = {w.id: w for w in workouts if w.id is not None}
    race = race_of(stored.values(), today)
    taper = taper_start(race, chosen.first_weekday) if race is not None else None
    start = gap_start(stored.values(), today)
    if start is None:
        return Realignment(Edit(), race=race, taper_start=taper)
    gap_days = (today - start).days
    weeks = gap_days // 7 if gap_days >= t.REALIGN_GAP_DAYS else 0
    plan = _Plan(stored, today, taper)
    for w in sorted(stored.values(), key=lambda w: (w.day, w.position)):
        if w.plan_day is None or w.race or w.status is not Status.PLANNED:
            continue
        if taper is not None and w.day >= taper:
            plan.put(w, w.day, 1.0)  # the taper stays; the checks may ease it, never move it
            continue
        day = w.day + timedelta(weeks=weeks) if w.day >= start else w.day
        if day < today:
            if w.kind is not Kind.REST:
                plan.skip(w)
        elif taper is not None and day >= taper:
            plan.drop(w)
        else:
            plan.put(w, day, return_share(day, today, gap_days))
    last = race.day if race is not None else max((w.day for w in plan.rows.values()), default=today)
    plan.check(chosen, last)
    sessions = {i: w for i, w in plan.rows.items() if w.kind is not Kind.REST}
    return Realignment(
        plan.edit(),
        shift_weeks=weeks,
        moved=sum(1 for i, w in sessions.items() if w.day != stored[i].day),
        dropped=sum(1 for i in plan.dropped if stored[i].kind is not Kind.REST),
        skipped=plan.skipped,
        eased=sum(1 for i in sessions if plan.shares.get(i, 1.0) < 1),
        race=race,
        taper_start=taper,
    )


def plan_realign(
    workouts: Sequence[Workout], today: date, settings: Settings | None = None
) -> Edit:
    """The edit :func:`realignment` plans: one write, one undo step."""
    return realignment(workouts, today, settings).edit


class _Plan:
    """The stored workouts as the realignment changes them."""

    def __init__(self, stored: dict[int, Workout], today: date, taper: date | None) -> None:
        self.stored = stored
        self.today = today
        self.taper = taper
        self.rows: dict[int, Workout] = {}
        self.shares: dict[int, float] = {}
        self.dropped: set[int] = set()
        self.skipped = 0

    def skip(self, w: Workout) -> None:
        assert w.id is not None
        self.rows[w.id] = w.replace(status=Status.SKIPPED)
        self.skipped += 1

    def drop(self, w: Workout) -> None:
        assert w.id is not None
        self.dropped.add(w.id)

    def put(self, w: Workout, day: date, share: float) -> None:
        assert w.id is not None
        self.shares[w.id] = share
        self.rows[w.id] = w.replace(day=day)
        self._set_share(w.id, share)

    def current(self) -> list[Workout]:
        """Every stored workout as the realignment leaves it."""
        return [self.rows.get(i, w) for i, w in self.stored.items() if i not in self.dropped]

    def adjustable(self, i: int) -> bool:
        """Whether the checks may ease the session ``i`` (the build's, from today on)."""
        w = self.rows.get(i)
        return w is not None and w.status is Status.PLANNED and w.kind is not Kind.REST

    def check(self, settings: Settings, last: date) -> None:
        """Ease the sessions the rules still warn about, a week at a time up to ``last``.

        Each week is judged with what comes before it as already realigned, so an eased
        week is what the next one grows from, as the generator lays a plan out.
        """
        first = week_start(self.today, settings.first_weekday)
        carried: float | None = None
        for start in (first + timedelta(weeks=k) for k in range((last - first).days // 7 + 1)):
            begin, end = max(start, self.today), min(start + timedelta(days=6), last)
            week = [i for i in self.rows if self.adjustable(i) and begin <= self.rows[i].day <= end]
            if carried is not None:
                for i in week:
                    self._set_share(i, min(self.shares[i], carried * t.REALIGN_REGROWTH))
            for _ in range(_MAX_EASES):
                ids = self._warned(settings, begin, end)
                if not ids:
                    break
                for i in ids:
                    self._ease(i)
            kept = [self.shares[i] for i in week if i in self.rows]
            if kept:
                carried = sum(kept) / len(kept)

    def _warned(self, settings: Settings, begin: date, end: date) -> list[int]:
        """The sessions to ease for the warnings of ``begin`` to ``end``."""
        from planner.core import rules  # the offer asks at start; the rules load when realigning

        horizon = begin - timedelta(days=t.LOOKBACK_DAYS + t.CHRONIC_DAYS)
        around = [w for w in self.current() if horizon <= w.day <= end]
        findings = rules.evaluate(
            around,
            start=begin,
            end=end,
            settings=settings.rule_settings(),
            first_weekday=settings.first_weekday,
        )
        days = {
            day
            for f in findings
            if f.severity >= Severity.WARNING
            and not (f.rule_id == "LOAD_RATIO" and after_a_break(around, f.days))
            for day in f.days
            if begin <= day <= end
        }
        return [i for i in self.rows if self.adjustable(i) and self.rows[i].day in days]

    def _ease(self, i: int) -> None:
        self._set_share(i, max(t.REALIGN_MIN_SHARE, self.shares[i] * t.REALIGN_EASE_STEP))

    def _set_share(self, i: int, share: float) -> None:
        self.shares[i] = share
        self.rows[i] = _scaled(self.rows[i], self.stored[i], share)

    def edit(self) -> Edit:
        """The rows that change, with every changed day's blocks in order again."""
        changed = [i for i, w in self.rows.items() if w != self.stored[i]]
        touched = {self.stored[i].day for i in [*changed, *self.dropped]}
        touched |= {self.rows[i].day for i in changed}
        final: dict[int, Workout] = {}
        for day in touched:
            here = [w for w in self.current() if w.day == day]
            here.sort(key=lambda w: (self.stored[w.id or 0].day != day, w.position, w.id or 0))
            for position, w in enumerate(here):
                assert w.id is not None
                final[w.id] = w.replace(position=position)
        upserts = [w for i, w in sorted(final.items()) if w != self.stored[i]]
        deletes = [self.stored[i] for i in sorted(self.dropped)]
        before = {w.id: self.stored[w.id] for w in [*upserts, *deletes] if w.id is not None}
        return Edit(
            upserts=tuple(upserts), deletes=tuple(deletes), before=before, days=frozenset(touched)
        )


def after_a_break(workouts: Iterable[Workout], days: Sequence[date]) -> bool:
    """Whether the days before a LOAD_RATIO finding's 7 ``days`` hold no load at all.

    Then any load in them makes the ratio 4 (see ``REALIGN_RATIO_BLIND_DAYS``).
    """
    last = min(days)
    first = last - timedelta(days=t.REALIGN_RATIO_BLIND_DAYS)
    return not any(session_load(w) > 0 for w in workouts if first <= w.day < last)


def _scaled(w: Workout, planned: Workout, share: float) -> Workout:
    """``w`` with ``share`` of the distance and duration ``planned`` held."""
    if share >= 1:
        return w.replace(distance_km=planned.distance_km, duration_min=planned.duration_min)
    distance = planned.distance_km
    duration = planned.duration_min
    return w.replace(
        distance_km=None if distance is None else max(0.1, round(distance * share, 1)),
        duration_min=None if duration is None else max(1.0, float(round(duration * share))),
    )


def realign_span(today: date) -> tuple[date, date]:
    """The days :func:`realignment` reads: the rules' history before today to a year on."""
    back = t.LOOKBACK_DAYS + t.CHRONIC_DAYS
    return today - timedelta(days=back), today + timedelta(weeks=t.GEN_MAX_WEEKS + 1)
