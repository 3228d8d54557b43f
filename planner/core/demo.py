"""A realistic, deterministic training history, for trying Legwork and for benchmarks.

The runner is a recreational one: Monday and Friday off, an easy run or a tempo run on
Tuesday, strength on Wednesday, intervals or an easy run on Thursday, an easy run on Saturday
and the long run on Sunday. Long runs grow in blocks of three or four weeks, the last one an
easier "down" week; volume follows the seasons (peaks in spring and autumn, when the races
are), and a few holidays and injuries interrupt it. Everything before ``today`` is done
(or, now and then, skipped); everything from ``today`` on is still planned.

Nothing here reads the clock: the same ``today`` and ``seed`` always give the same history.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

from planner.core.library import BUILTIN_TEMPLATES
from planner.core.model import Kind, Status, Template, WeightEntry, Workout
from planner.core.weeks import week_start

#: Weeks planned after the week holding ``today``.
WEEKS_AHEAD = 3

_EASY_PACE = 6.2  # min/km
_LONG_PACE = 6.4
_TEMPO_PACE = 5.4
_SKIP_CHANCE = 0.07


@dataclass(frozen=True, slots=True)
class DemoHistory:
    """A generated history, ready to be stored.

    Attributes:
        workouts: every workout by day then position; ids are ``None`` and the positions of
            each day run 0..n-1.
        weights: weigh-ins by day, at most one a day, none after ``today``.
    """

    workouts: tuple[Workout, ...]
    weights: tuple[WeightEntry, ...]


@dataclass(frozen=True, slots=True)
class _Phase:
    """What kind of week it is and how far into its training block."""

    name: str  # build, down, taper, race, recovery, holiday, injury, return
    factor: float = 1.0  # share of the season's long-run target


@dataclass(frozen=True, slots=True)
class _Session:
    """A session before it becomes a :class:`Workout`: its weekday (Monday 0 to Sunday 6).

    What it is, ``what``, becomes a workout on its day as a library entry does.
    """

    weekday: int
    what: Template


def generate_history(*, years: int, today: date, seed: int = 2026) -> DemoHistory:
    """A runner's history of ``years`` years up to ``today``, plus a few planned weeks.

    Args:
        years: how many years before ``today`` the history reaches back (at least 1).
        today: the first day that is still planned; earlier days are done or skipped.
        seed: the seed of the random generator; the same arguments give the same history.

    Returns:
        The workouts (whole Monday-to-Sunday weeks, ending :data:`WEEKS_AHEAD` weeks after
        the week holding ``today``) and the weigh-ins (2 to 4 a week, up to ``today``).

    Raises:
        ValueError: when ``years`` is less than 1.
    """
    if years < 1:
        raise ValueError(f"A demo history covers at least one year, not {years}.")
    rng = random.Random(seed)
    first = week_start(today - timedelta(days=round(years * 365.25)))
    current = week_start(today)
    count = (current - first).days // 7 + 1 + WEEKS_AHEAD
    starts = [first + timedelta(weeks=i) for i in range(count)]
    phases = _phases(rng, starts, current)

    workouts: list[Workout] = []
    for index, (start, phase) in enumerate(zip(starts, phases, strict=True)):
        progress = min(1.0, index / 104)
        sessions = list(_week_sessions(rng, phase, _season(start + timedelta(days=3)), progress))
        workouts.extend(_to_workouts(rng, start, sessions, today))
    return DemoHistory(workouts=tuple(workouts), weights=tuple(_weights(rng, first, today)))


def _season(day: date) -> float:
    """0 in mid-winter and mid-summer, 1 in mid-April and mid-October (race seasons)."""
    return 0.5 + 0.5 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 105) / 182.625)


def _phases(rng: random.Random, starts: list[date], current: date) -> list[_Phase]:
    """The phase of every week: races, breaks, then blocks of build weeks and a down week."""
    count = len(starts)
    index_of = {start: i for i, start in enumerate(starts)}
    names: list[str | None] = [None] * count

    def free(indices: range) -> bool:
        return all(0 <= i < count and names[i] is None for i in indices)

    def past(indices: range) -> bool:
        return all(starts[i] < current for i in indices)

    for year in range(starts[0].year, starts[-1].year + 1):
        # Spring and autumn races, with a taper week before and a recovery week after.
        for anchor, spread in ((date(year, 4, 10), 35), (date(year, 9, 25), 28)):
            if rng.random() < 0.75:
                i = index_of.get(week_start(anchor + timedelta(days=rng.randrange(spread))))
                if i is not None and i >= 2 and free(range(i - 1, i + 2)):
                    names[i - 1 : i + 2] = ["taper", "race", "recovery"]
        # A summer holiday, sometimes a Christmas one.
        if rng.random() < 0.8:
            i = index_of.get(week_start(date(year, 7, 12) + timedelta(days=rng.randrange(40))))
            span = range(i, i + rng.choice((1, 2, 2))) if i is not None else range(0)
            if span and free(span) and past(span):
                for j in span:
                    names[j] = "holiday"
        if rng.random() < 0.5:
            i = index_of.get(week_start(date(year, 12, 26)))
            if i is not None and free(range(i, i + 1)) and past(range(i, i + 1)):
                names[i] = "holiday"
        # Now and then an injury: two or three weeks off, then an easy week back.
        if rng.random() < 0.3:
            i = index_of.get(week_start(date(year, 1, 1) + timedelta(days=rng.randrange(365))))
            weeks_off = rng.choice((2, 3))
            if (
                i is not None
                and free(range(i, i + weeks_off + 1))
                and past(range(i, i + weeks_off))
            ):
                for j in range(i, i + weeks_off):
                    names[j] = "injury"
                names[i + weeks_off] = "return"

    phases: list[_Phase] = []
    block, step = rng.choice((3, 4)), 0
    for name in names:
        if name is not None:
            phases.append(_Phase(name))
            block, step = rng.choice((3, 4)), 0
            continue
        if step == block - 1:
            phases.append(_Phase("down", 0.75))
        else:
            phases.append(_Phase("build", 1.0 - 0.06 * (block - 2 - step)))
        step += 1
        if step == block:
            block, step = rng.choice((3, 4)), 0
    return phases


def _week_sessions(
    rng: random.Random, phase: _Phase, season: float, progress: float
) -> Iterator[_Session]:
    """The sessions of one week.

    Args:
        rng: the random generator.
        phase: what kind of week it is.
        season: 0 in mid-winter and mid-summer, 1 in the race seasons.
        progress: 0 for a beginner, growing to 1 over the first two years.
    """
    name = phase.name
    long_target = 11.0 + 7.0 * season + 3.0 * progress
    if name == "holiday":
        for weekday in sorted(rng.sample(range(7), rng.choice((0, 1, 2, 2)))):
            yield _run(weekday, "Easy run", rng.uniform(5, 8), _EASY_PACE, 3, "Holiday run.")
        return
    if name == "injury":
        if rng.random() < 0.5:
            yield _rest(0, rng.choice(_INJURIES))
        if rng.random() < 0.6:
            yield _strength(2, "Bodyweight circuit", "Rehab exercises, no jumping.")
        if rng.random() < 0.7:  # the fitness kept while the leg heals
            yield _cross(4, rng.choice(("Swim", "Elliptical")))
        return

    if rng.random() < 0.35:
        yield _rest(0)
    if name == "race":
        yield from _race_week(rng, long_target)
        return
    if name == "return":
        yield _run(1, "Easy run", rng.uniform(4, 5), _EASY_PACE, 3, "First run back: go gently.")
        yield _run(3, "Easy run", rng.uniform(4, 5.5), _EASY_PACE, 3)
        yield _run(5, "Easy run", rng.uniform(5, 6), _EASY_PACE, 3)
        yield _run(6, "Long run", max(7.0, 0.6 * long_target), _LONG_PACE, 4)
        return

    hard = name == "build"
    factor = {"taper": 0.65, "recovery": 0.7}.get(name, phase.factor)
    long_km = max(8.0, long_target * factor * rng.uniform(0.97, 1.03))
    if hard and rng.random() < 0.45:
        tempo_km = min(rng.uniform(7, 10), 0.85 * long_km)
        yield _run(1, "Tempo run", tempo_km, _TEMPO_PACE, 7, _TEMPO_NOTE)
    else:
        yield _run(1, "Easy run", _clamp(0.45 * long_km + rng.uniform(-1, 1), 6, 11), _EASY_PACE, 3)
    if rng.random() < (0.85 if hard else 0.6):
        off_season = 1.0 - season
        title = "Weight training" if rng.random() < 0.4 + 0.3 * off_season else "Bodyweight circuit"
        yield _strength(2, title)
    if name != "recovery" and rng.random() < (0.45 if hard else 0.25):
        beginner = progress < 0.3 or rng.random() < 0.2
        yield _hiit(3, "Beginner sprints" if beginner else "HIIT intervals")
    else:
        yield _run(3, "Easy run", rng.uniform(5.5, 9 if hard else 6.5), _EASY_PACE, 3)
    if rng.random() < 0.35:
        yield _rest(4)
    elif rng.random() < 0.3 * (1.0 - season):  # a winter ride in place of a rest
        yield _cross(4, "Easy bike", km=round(rng.uniform(14, 22), 1))
    yield _run(5, "Easy run", _clamp(0.4 * long_km + rng.uniform(-1, 1), 5, 9), _EASY_PACE, 3)
    if hard and rng.random() < 0.25:
        yield _strength(5, "Squat jumps")
    yield _run(6, "Long run", long_km, _LONG_PACE, 5 if hard else 4, _LONG_NOTE)


def _race_week(rng: random.Random, long_target: float) -> Iterator[_Session]:
    """A race week: short easy runs, then the race on Sunday."""
    yield _run(1, "Easy run", rng.uniform(5.5, 7), _EASY_PACE, 3)
    yield _run(3, "Easy run", rng.uniform(5, 6), _EASY_PACE, 3, "With 4 relaxed strides.")
    yield _run(5, "Easy run", 4.0, _EASY_PACE, 2, "Shake-out run before the race.")
    races = [("5 km race", 5.0, 4.9), ("10 km race", 10.0, 5.1)]
    if long_target >= 15:
        races.append(("Half marathon", 21.1, 5.5))
    title, km, pace = rng.choice(races)
    yield _run(6, title, km, pace, 9, "Race day: start steady, finish strong. Refuel after.")


def _run(weekday: int, title: str, km: float, pace: float, rpe: float, notes: str = "") -> _Session:
    km = round(km, 1)
    minutes, effort = float(round(km * pace)), float(rpe)
    return _Session(weekday, Template(None, title, Kind.RUN, minutes, km, effort, notes))


def _strength(weekday: int, title: str, notes: str = "") -> _Session:
    minutes = {"Weight training": 45.0, "Bodyweight circuit": 30.0, "Squat jumps": 10.0}[title]
    return _Session(weekday, Template(None, title, Kind.STRENGTH, minutes, None, 6.0, notes))


def _hiit(weekday: int, title: str) -> _Session:
    minutes = {"HIIT intervals": 30.0, "Beginner sprints": 20.0}[title]
    return _Session(weekday, Template(None, title, Kind.HIIT, minutes, None, 8.0))


def _cross(weekday: int, title: str, *, km: float | None = None) -> _Session:
    template = next(t for t in BUILTIN_TEMPLATES if t.name == title and t.kind is Kind.CROSS)
    return _Session(weekday, replace(template, builtin=False, distance_km=km))


def _rest(weekday: int, notes: str = "") -> _Session:
    return _Session(weekday, Template(None, "Rest day", Kind.REST, None, None, 0.0, notes))


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


_TEMPO_NOTE = "Warm up, 20 min comfortably hard, cool down."
_LONG_NOTE = "Slow and steady; take water if it is warm."
_INJURIES = (
    "Sore Achilles: no running until it is pain-free.",
    "Twisted ankle on a trail: resting it.",
    "Shin pain: physio says two weeks off running.",
    "Knee niggle: rest and see the physio.",
)


def _to_workouts(
    rng: random.Random, start: date, sessions: list[_Session], today: date
) -> Iterator[Workout]:
    """The week's sessions as workouts: done or skipped before ``today``, planned after."""
    positions: dict[int, int] = {}
    for session in sorted(sessions, key=lambda s: s.weekday):
        day = start + timedelta(days=session.weekday)
        position = positions.get(session.weekday, 0)
        positions[session.weekday] = position + 1
        workout = session.what.to_workout(day, position)
        yield _as_done(rng, workout) if day < today else workout


def _as_done(rng: random.Random, workout: Workout) -> Workout:
    """A past workout: done with plausible actuals, or now and then skipped."""
    if workout.kind is Kind.REST:
        return workout.replace(status=Status.DONE)
    if rng.random() < _SKIP_CHANCE:
        return workout.replace(status=Status.SKIPPED)
    if workout.distance_km is not None:
        stretch = rng.uniform(0.96, 1.06)
        distance: float | None = round(workout.distance_km * stretch, 1)
    else:
        stretch = rng.uniform(0.9, 1.1)
        distance = None
    duration = None
    if workout.duration_min is not None:
        duration = float(max(1, round(workout.duration_min * stretch * rng.uniform(0.97, 1.04))))
    rpe = None
    if workout.rpe is not None:
        rpe = _clamp(workout.rpe + rng.choice((-1, 0, 0, 0, 1)), 0.0, 10.0)
    heavy_chance = 0.03
    if workout.title == "Long run":
        heavy_chance = 0.08
    elif workout.rpe is not None and workout.rpe >= 9:
        heavy_chance = 0.3
    return workout.replace(
        status=Status.DONE,
        actual_distance_km=distance,
        actual_duration_min=duration,
        actual_rpe=rpe,
        heavy_legs=rng.random() < heavy_chance,
    )


def _weights(rng: random.Random, first: date, today: date) -> Iterator[WeightEntry]:
    """Two to four weigh-ins a week up to ``today``: a slow drift, a winter bump, some noise."""
    level = 71.5
    start = first
    while start <= today:
        level += 0.1 * (71.0 - level) + _clamp(rng.gauss(0.0, 0.2), -0.5, 0.5)
        level = _clamp(level, 68.8, 73.2)
        for weekday in sorted(rng.sample(range(7), rng.randint(2, 4))):
            day = start + timedelta(days=weekday)
            if day > today:
                break
            winter = 0.5 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 20) / 365.25)
            noise = _clamp(rng.gauss(0.0, 0.3), -0.6, 0.6)
            kg = _clamp(level + winter + noise, 68.0, 74.0)
            yield WeightEntry(day, round(kg, 1))
        start += timedelta(weeks=1)
