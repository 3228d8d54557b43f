"""What a planned edit does to the warnings: the findings it adds and those it clears.

The drop preview compares the week's findings with those the week would have after the drop
(:func:`planner.core.rules.diff_findings`: same rule, days and severity is the same finding).
One refinement for people: a rule about rolling windows gives one finding per week, naming
every day of every window that flagged, so a drop that only moves those days, at the same
severity, changes no warning ("your days are too alike" before and after); it is neither
added nor cleared.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from planner.core.model import Finding
from planner.core.rules import RULE_RECORDS, diff_findings

__all__ = ["RANGE_RULES", "warnings_diff"]

#: Rules that give one finding per evaluated range, over rolling windows (RULES.md).
RANGE_RULES: Final = frozenset(r.id for r in RULE_RECORDS if r.rolling)


def warnings_diff(
    before: Sequence[Finding], after: Sequence[Finding]
) -> tuple[list[Finding], list[Finding]]:
    """The findings an edit adds and those it clears, each most severe first.

    As :func:`~planner.core.rules.diff_findings`, except that a rolling-window rule present
    before and after at the same severity counts as unchanged, whatever its days.
    """
    added, cleared = diff_findings(before, after)
    kept = {(f.rule_id, f.severity) for f in added if f.rule_id in RANGE_RULES} & {
        (f.rule_id, f.severity) for f in cleared if f.rule_id in RANGE_RULES
    }
    return (
        [f for f in added if (f.rule_id, f.severity) not in kept],
        [f for f in cleared if (f.rule_id, f.severity) not in kept],
    )
