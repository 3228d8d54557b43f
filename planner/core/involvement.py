"""Which blocks a warning is about: the sessions the week view marks and highlights.

A finding names days (RULES.md); the runner also wants to see *which* blocks on those days
caused it. Rules about pairs and single sessions point at their sessions: the two HIIT
sessions too close together, the hard days, the run that spikes, the long session to fuel.
Rules about a whole day or week (rest days, streaks, variety, load, the weekly distance)
point at no block: their days are the point, and the panel highlights those. Each rule's
record (:class:`planner.core.rules.Rule`) names its picker, in :mod:`planner.core.rules.blocks`.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from typing import Final

from planner.core.model import Finding, Workout
from planner.core.rules import RULE_RECORDS

__all__ = ["DAY_RULES", "involved_workouts"]

#: Rules about whole days or weeks: they mark days, not blocks (their records pick none).
DAY_RULES: Final = frozenset(r.id for r in RULE_RECORDS if r.involves is None)
#: For each rule about sessions: which of the training sessions on its days it is about.
_PICKERS: Final = MappingProxyType(
    {r.id: r.involves for r in RULE_RECORDS if r.involves is not None}
)


def involved_workouts(finding: Finding, workouts: Iterable[Workout]) -> frozenset[int]:
    """The ids of the blocks ``finding`` is about, among ``workouts``.

    Only training sessions (not rest blocks, not skipped workouts) on the finding's days are
    considered. A rule about whole days or weeks (:data:`DAY_RULES`) is about no block; a
    rule this module does not know is about every training session on its days.
    """
    if finding.rule_id in DAY_RULES or not finding.days:
        return frozenset()
    days = set(finding.days)
    sessions = [w for w in workouts if w.day in days and w.is_training_session]
    pick = _PICKERS.get(finding.rule_id)
    chosen = pick(sessions, finding) if pick is not None else sessions
    return frozenset(w.id for w in chosen if w.id is not None)
