"""How a warning reads for people: its severity word and mark, its days, why it was raised.

The warning panel, the week view's markers and the printed week all describe findings with
these, so a finding reads the same on screen and on paper. Each severity has a word *and* a
mark (``i``, ``!``, ``!!``), never a colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType
from typing import Final

from planner.core.formatting import format_day
from planner.core.model import Finding, Severity

__all__ = [
    "SEVERITY_COLORS",
    "SEVERITY_COLORS_DARK",
    "SEVERITY_MARKS",
    "SEVERITY_WORDS",
    "count_text",
    "day_text",
    "days_text",
    "why_text",
]

#: The word of each severity, as the panel and the printout write it.
SEVERITY_WORDS: Final[Mapping[Severity, str]] = MappingProxyType(
    {Severity.INFO: "Info", Severity.WARNING: "Warning", Severity.CRITICAL: "Critical"}
)
#: The mark of each severity on a badge: readable without its colour.
SEVERITY_MARKS: Final[Mapping[Severity, str]] = MappingProxyType(
    {Severity.INFO: "i", Severity.WARNING: "!", Severity.CRITICAL: "!!"}
)

#: The colour of each severity (``#rrggbb``) on light backgrounds and paper: a slate that no
#: kind uses for info, amber for a warning, red for critical. Always with the word or mark.
SEVERITY_COLORS: Final[Mapping[Severity, str]] = MappingProxyType(
    {Severity.INFO: "#56708a", Severity.WARNING: "#d9822b", Severity.CRITICAL: "#c62828"}
)
#: The same for dark palettes: lighter, so they read on a dark base.
SEVERITY_COLORS_DARK: Final[Mapping[Severity, str]] = MappingProxyType(
    {Severity.INFO: "#98afc6", Severity.WARNING: "#f0a04b", Severity.CRITICAL: "#ff6b6b"}
)

#: Runs of this many consecutive days or more are written as a range.
_RANGE_FROM = 3


def day_text(day: date, *, month: bool = True) -> str:
    """A day as the warnings write it: ``Mon 9 Nov``; ``Mon 9`` without the month.

    The panel, the printout, the rules' messages and ``legwork warnings`` all write days with
    this, which is :func:`~planner.core.formatting.format_day`'s short form.
    """
    return format_day(day, month=month)


def days_text(days: Iterable[date]) -> str:
    """The days of a finding, short: ``Tue 17 Nov``, ``Sat 21 and Sun 22 Nov``.

    Three or more consecutive days read as a range (``Mon 16 – Sun 22 Nov``); the month is
    written after the last day of each month (``Sat 31 Oct and Sun 1 Nov``), and the year
    too when the days span two.
    """
    ordered = sorted(set(days))
    if not ordered:
        return ""
    runs: list[list[date]] = [[ordered[0]]]
    for day in ordered[1:]:
        if day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    items: list[tuple[date, ...]] = []  # a day, or the first and last day of a range
    for run in runs:
        if len(run) >= _RANGE_FROM:
            items.append((run[0], run[-1]))
        else:
            items += [(day,) for day in run]
    mentions: list[tuple[date, str]] = []  # each day written, and what follows it
    joiners = [", "] * (len(items) - 2) + [" and "] * (len(items) > 1) + [""]
    for item, after in zip(items, joiners, strict=True):
        if len(item) == 2:
            mentions += [(item[0], " – "), (item[1], after)]
        else:
            mentions.append((item[0], after))
    across_years = ordered[0].year != ordered[-1].year
    parts = []
    for index, (day, after) in enumerate(mentions):
        following = mentions[index + 1][0] if index + 1 < len(mentions) else None
        month_ends = following is None or (following.year, following.month) != (day.year, day.month)
        label = day_text(day, month=month_ends)
        if month_ends and across_years:
            label += f" {day.year}"
        parts.append(label + after)
    return "".join(parts)


def why_text(finding: Finding) -> str:
    """Why the panel shows ``finding``: the rule's name in words, then where its line comes from.

    ``Training days in a row. Source: Meeusen 2013; Foster 1998``. The rule's id
    (``REST_STREAK``) is for settings and scripts, not for people; a rule without a name
    reads as its id in words (``New rule``).
    """
    # The rules load with the first evaluation, after the first paint; the week's markers,
    # which need this module's marks, paint before that.
    from planner.core.rules import RULE_TITLES

    title = RULE_TITLES.get(finding.rule_id) or finding.rule_id.replace("_", " ").capitalize()
    return f"{title}. Source: {finding.source}" if finding.source else title


def count_text(findings: Sequence[Finding]) -> str:
    """``1 critical, 2 warnings and 1 info``; ``No warnings`` when there are none."""
    if not findings:
        return "No warnings"
    parts = []
    for severity in sorted(Severity, reverse=True):
        count = sum(1 for f in findings if f.severity is severity)
        if not count:
            continue
        word = SEVERITY_WORDS[severity].lower()
        plural = count > 1 and severity is not Severity.INFO  # "2 info", like "2 critical"
        parts.append(f"{count} {word}s" if plural else f"{count} {word}")
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]
