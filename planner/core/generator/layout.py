"""Which weekday holds which session: one pattern that every week of a plan repeats.

Repeating one pattern keeps every 7-day window alike: no window catches more hard sessions
than a week holds, and no two hard days meet across a week's end. Weekdays are Monday 0 ..
Sunday 6 and wrap around (Sunday is next to Monday).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from planner.core import thresholds as t
from planner.core.generator.request import Experience, PlanRequest
from planner.core.model import ValidationError


@dataclass(frozen=True, slots=True)
class Layout:
    """A week's pattern.

    Attributes:
        long_run: the long run's weekday.
        easy: the easy runs' weekdays, in weekday order.
        tempo: the tempo run's weekday (a run day; ``None`` when the plan has none).
        hiit: the HIIT sessions' weekdays.
        strength: the strength sessions' weekdays.
    """

    long_run: int
    easy: tuple[int, ...]
    tempo: int | None
    hiit: tuple[int, ...]
    strength: tuple[int, ...]

    @property
    def run_days(self) -> frozenset[int]:
        """Every weekday with a run."""
        extra = () if self.tempo is None else (self.tempo,)
        return frozenset((self.long_run, *self.easy, *extra))

    @property
    def hard_days(self) -> frozenset[int]:
        """The weekdays of hard sessions (tempo runs and HIIT)."""
        extra = () if self.tempo is None else (self.tempo,)
        return frozenset((*self.hiit, *extra))

    @property
    def training_days(self) -> frozenset[int]:
        """Every weekday with a training session."""
        return self.run_days | set(self.hiit) | set(self.strength)


def _adjacent(a: int, b: int) -> bool:
    return (a - b) % 7 in (1, 6)


def _apart(days: Iterable[int]) -> bool:
    """Whether no two of ``days`` are the same or neighbouring weekdays."""
    chosen = list(days)
    return len(set(chosen)) == len(chosen) and not any(
        _adjacent(a, b) for a, b in itertools.combinations(chosen, 2)
    )


def _spread(days: Iterable[int]) -> int:
    """How evenly ``days`` spread over the week: the sum of squared gaps (lower is better)."""
    ordered = sorted(days)
    if len(ordered) < 2:
        return 0
    gaps = [(b - a) % 7 for a, b in itertools.pairwise([*ordered, ordered[0]])]
    return sum(g * g for g in gaps)


def wants_tempo(request: PlanRequest) -> bool:
    """Whether the plan holds a weekly tempo run.

    Not for new runners, and within the hard sessions a week (a tempo run and the HIIT
    sessions together at most two).
    """
    return request.experience is not Experience.NEW and request.hiit_per_week < t.GEN_MAX_HARD


def _strength_days(
    request: PlanRequest, runs: frozenset[int], hard: frozenset[int]
) -> tuple[tuple[int, ...], int] | None:
    """The best strength weekdays and their score, or ``None`` when none fit the rules."""
    count = request.strength_per_week
    if count == 0:
        return (), 0
    before_long = (request.long_run_day - 1) % 7
    allowed = sorted(d for d in request.days if d != before_long)
    best: tuple[tuple[int, ...], int] | None = None
    for days in itertools.combinations(allowed, count):
        if not _apart(days):
            continue
        score = 0
        for day in days:
            if day in hard:
                score += 0
            elif day == request.long_run_day:
                score += 3
            elif day in runs:
                score += 1
            else:
                score += 4  # one more training day
        if best is None or score < best[1]:
            best = (days, score)
    return best


def plan_layout(request: PlanRequest) -> Layout:
    """The week pattern for ``request``: runs spread out, hard days apart, strength 48 h apart.

    Strength goes on the hard-run days where it can (after the run), never on the day before
    the long run; at least one rest day remains, two where the sessions allow it.

    Raises:
        ValidationError: no pattern fits the chosen days.
    """
    long_day = request.long_run_day
    others = sorted(d for d in request.days if d != long_day)
    tempo_wanted = wants_tempo(request)
    best: tuple[tuple[int, ...], Layout] | None = None
    for run_rest in itertools.combinations(others, request.runs_per_week - 1):
        runs = frozenset((long_day, *run_rest))
        free = [d for d in others if d not in runs]
        for hiit in itertools.combinations(free, request.hiit_per_week):
            tempo_options: list[int | None] = [*run_rest, None] if tempo_wanted else [None]
            for tempo in tempo_options:
                hard = frozenset((*hiit, *(() if tempo is None else (tempo,))))
                if not _apart(hard):
                    continue
                placed = _strength_days(request, runs, hard)
                if placed is None:
                    continue
                strength, strength_score = placed
                training = runs | set(hiit) | set(strength)
                if len(training) > t.DAYS_PER_WEEK - 1:
                    continue
                near_long = sum(1 for d in hard if _adjacent(d, long_day))
                score = (
                    max(0, len(training) - (t.DAYS_PER_WEEK - 2)),
                    int(tempo_wanted and tempo is None),
                    strength_score,
                    near_long,
                    _spread(runs | set(hiit)),
                    _spread(runs),
                )
                easy = tuple(sorted(d for d in run_rest if d != tempo))
                layout = Layout(long_day, easy, tempo, hiit, strength)
                if best is None or score < best[0]:
                    best = (score, layout)
    if best is None:
        raise ValidationError(
            "days",
            "These days cannot hold the sessions with a rest day, hard days apart and "
            "strength sessions 48 h apart (never the day before the long run): choose more "
            "days or fewer sessions.",
        )
    return best[1]
