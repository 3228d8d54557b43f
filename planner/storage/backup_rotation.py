"""Which backups to keep: the newest of each recent day, week and month, and a few safety copies.

Automatic backups are kept as the newest of each of the last 7 days, 4 ISO weeks and 12 months
that have one (:class:`RetentionPolicy`). Safety copies taken before a schema upgrade or a
restore are kept apart from that rotation (the newest 10 of each kind).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final

from planner.storage.backup_listing import list_backups
from planner.storage.backup_names import (
    _SAFETY_REASONS,
    AUTOMATIC,
    BackupInfo,
    _local_day,
    _require_aware,
)

__all__ = ["DEFAULT_POLICY", "RetentionPolicy", "rotate"]


@dataclass(frozen=True)
class RetentionPolicy:
    """How many backups to keep.

    Attributes:
        daily: the newest automatic backup of each of this many most recent days.
        weekly: ... of each of this many most recent ISO weeks.
        monthly: ... of each of this many most recent months.
        safety_copies: the newest this many copies of each kind taken before an upgrade or a
            restore.
    """

    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    safety_copies: int = 10

    def __post_init__(self) -> None:
        if min(self.daily, self.weekly, self.monthly, self.safety_copies) < 1:
            raise ValueError("a retention policy keeps at least one backup of each kind")


DEFAULT_POLICY: Final = RetentionPolicy()


def _keep_newest_per_bucket(
    backups: list[BackupInfo], count: int, bucket: Callable[[date], Hashable], now: datetime
) -> set[Path]:
    kept: set[Path] = set()
    seen: list[Hashable] = []
    for info in backups:  # newest first: the first one met in a bucket is its newest
        key = bucket(_local_day(info.when, now))
        if key in seen:
            continue
        if len(seen) == count:
            break
        seen.append(key)
        kept.add(info.path)
    return kept


def rotate(
    plan: Path,
    root: Path,
    *,
    now: datetime,
    policy: RetentionPolicy = DEFAULT_POLICY,
    kinds: Collection[str] = (AUTOMATIC, *_SAFETY_REASONS),
    keep: Collection[Path] = (),
) -> list[Path]:
    """Delete the backups of ``plan`` that ``policy`` does not keep; returns the deleted files.

    Automatic backups: the newest of each of the last ``daily`` days, ``weekly`` ISO weeks and
    ``monthly`` months that have one (days, weeks and months in the time zone of ``now``).
    Safety copies: the newest ``safety_copies`` of each kind. Files that are not backups
    (other names, the marker) are never touched.

    Args:
        plan: the plan file.
        root: the backups root.
        now: the time (aware).
        policy: what to keep.
        kinds: rotate only the backups of these kinds (:data:`AUTOMATIC`, ...).
        keep: files never deleted, whatever their time: the backup just made, which is
            "older" than the others when the clock went back, yet holds the newest plan.
    """
    _require_aware(now)
    backups = [b for b in list_backups(plan, root, counts=False) if b.reason in kinds]
    automatic = [b for b in backups if b.reason == AUTOMATIC]
    kept = (
        _keep_newest_per_bucket(automatic, policy.daily, lambda day: day, now)
        | _keep_newest_per_bucket(automatic, policy.weekly, lambda day: day.isocalendar()[:2], now)
        | _keep_newest_per_bucket(automatic, policy.monthly, lambda day: (day.year, day.month), now)
    )
    for reason in _SAFETY_REASONS:
        safety = [b.path for b in backups if b.reason == reason]
        kept.update(safety[: policy.safety_copies])
    kept.update(Path(path) for path in keep)
    removed: list[Path] = []
    for info in backups:
        if info.path in kept:
            continue
        try:
            info.path.unlink()
        except OSError:
            continue
        removed.append(info.path)
    return removed
