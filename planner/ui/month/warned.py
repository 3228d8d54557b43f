"""Which days of a month grid the warning rules point at, worked out off the paint path.

The warnings model evaluates the week on screen only; the month shows six weeks, so it asks
the rules itself, for the grid's days, with the same settings and history as the panel
(:func:`planner.core.rules.history_span`). A finding about a few days (back-to-back hard
days, heavy legs) marks those days; one about a stretch of a week or more (a mileage jump, a
load spike) marks the week's row, by its totals, rather than every day of it. The result is
kept until the plan or the month changes; painting only reads it. The rules are imported on
first use, never at start-up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

from planner.core.model import Finding, Severity, WeightEntry, Workout
from planner.core.settings import Settings

_NONE: Mapping[date, tuple[Finding, ...]] = MappingProxyType({})
#: A finding naming more days than this is about a stretch: it marks the week, not the days.
MOST_DAYS_MARKED = 3


@dataclass(frozen=True, slots=True)
class WarnedDays:
    """The findings of a grid's days, most severe first, and each day's worst severity.

    Attributes:
        findings: day -> the findings about it (warnings and critical ones only).
        weeks: the first day of a grid row -> the findings about a stretch that row holds.
    """

    findings: Mapping[date, tuple[Finding, ...]] = field(default_factory=lambda: _NONE)
    weeks: Mapping[date, tuple[Finding, ...]] = field(default_factory=lambda: _NONE)

    def severity(self, day: date) -> Severity | None:
        """The most severe finding on ``day`` (``None``: no warning)."""
        found = self.findings.get(day)
        return found[0].severity if found else None

    def week_severity(self, week_start: date) -> Severity | None:
        """The most severe finding about a stretch in the row starting ``week_start``."""
        found = self.weeks.get(week_start)
        return found[0].severity if found else None


#: No warnings known (yet).
NO_WARNINGS = WarnedDays()


def history(start: date, end: date) -> tuple[date, date]:
    """The days the rules read for the grid ``[start, end]``: what must be loaded."""
    from planner.core import rules

    return rules.history_span(start, end)


def warned_days(
    workouts: Iterable[Workout],
    weights: Iterable[WeightEntry],
    settings: Settings,
    start: date,
    end: date,
) -> WarnedDays:
    """The warnings (and critical findings) of ``[start, end]``, by the days they name.

    Information findings are left out: a day the month marks is one to look at. The grid's
    rows are the weeks of seven days from ``start``.
    """
    from planner.core import rules

    found = rules.evaluate(
        workouts,
        start=start,
        end=end,
        weights=weights,
        settings=settings.rule_settings(),
        first_weekday=settings.first_weekday,
    )
    by_day: defaultdict[date, list[Finding]] = defaultdict(list)
    by_week: defaultdict[date, list[Finding]] = defaultdict(list)
    for finding in sorted(found, key=lambda f: -f.severity):
        if finding.severity < Severity.WARNING:
            continue
        days = [day for day in finding.days if start <= day <= end]
        if len(finding.days) <= MOST_DAYS_MARKED:
            for day in days:
                by_day[day].append(finding)
            continue
        rows = {start + timedelta(days=7 * ((day - start).days // 7)) for day in days}
        for row in sorted(rows):
            by_week[row].append(finding)
    return WarnedDays(_frozen(by_day), _frozen(by_week))


def _frozen(found: Mapping[date, list[Finding]]) -> Mapping[date, tuple[Finding, ...]]:
    return MappingProxyType({key: tuple(value) for key, value in found.items()})


#: Reads the workouts and weigh-ins of a span of days.
Reader = Callable[[date, date], tuple[Iterable[Workout], Iterable[WeightEntry]]]


class WarningsCache:
    """The warned days of the grids evaluated since the plan last changed.

    Paging back to a month seen before shows its marks at once; any change of the plan
    (or of the settings) empties it.
    """

    def __init__(self) -> None:
        self._found: dict[tuple[date, date], WarnedDays] = {}

    def get(self, start: date, end: date) -> WarnedDays | None:
        """The grid ``[start, end]``'s warned days, if evaluated since the last change."""
        return self._found.get((start, end))

    def evaluate(self, read: Reader, settings: Settings, start: date, end: date) -> WarnedDays:
        """Read what the rules need for the grid ``[start, end]``, evaluate, and keep it."""
        first, last = history(start, end)
        workouts, weights = read(first, last)
        found = self._found[(start, end)] = warned_days(workouts, weights, settings, start, end)
        return found

    def clear(self) -> None:
        """Forget every grid (the plan changed)."""
        self._found.clear()
