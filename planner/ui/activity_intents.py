"""The plan controller's intents for recorded activities: import, link and unlink.

Each is one undo step on the controller's stack, applied through the core service like every
other edit (README "One road for every edit"): an import of many files is a single step
("Import 12 activities"), and so are "Link Trail run to Easy run" and "Unlink …".
:class:`ActivityIntents` is mixed into :class:`~planner.ui.controller.PlanController`, which
provides the undo plumbing it uses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from planner.core.activity import Activity
from planner.core.activity_import import ActivityImport
from planner.core.matching import StoredActivity, sport_words
from planner.core.model import ChangeSet
from planner.ui.failures import reports_read_failures

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from planner.core.service import PlanService

_T = TypeVar("_T")


def count_words(count: int) -> str:
    """``1 activity``, ``12 activities``."""
    return f"{count} activit{'y' if count == 1 else 'ies'}"


class ActivityIntents:
    """Recorded activities: their reads, and import, link and unlink, each one undo step."""

    if TYPE_CHECKING:
        _service: PlanService
        failed: SignalInstance

        def _run(
            self, text: str | Callable[[], str], operation: Callable[[], ChangeSet]
        ) -> ChangeSet | None: ...

        def _report(self, error: Exception) -> None: ...

        def _reload(self) -> None: ...

        def _read(self, read: Callable[[], _T], default: _T) -> _T: ...

    # -- reads ---------------------------------------------------------------------------
    def activity_links(self, start: date, end: date) -> dict[int, int]:
        """Workout id -> activity id for the linked workouts of ``start`` to ``end`` (cheap)."""
        return self._read(lambda: self._service.activities.links(start, end), {})

    def activity(self, activity_id: int) -> StoredActivity | None:
        """One recorded activity with its link and track; ``None`` if gone or storage fails."""
        return self._read(lambda: self._service.activities.get(activity_id), None)

    def link_candidates(self, workout_id: int) -> list[StoredActivity]:
        """The unlinked activities Link... offers for a workout, best first (may be empty)."""

        def candidates() -> list[StoredActivity]:
            try:
                return self._service.activities.activity_candidates(workout_id)
            except KeyError:  # the workout was deleted elsewhere: nothing to offer
                return []

        return self._read(candidates, [])

    # -- intents -------------------------------------------------------------------------
    def import_activities(self, activities: Sequence[Activity]) -> ActivityImport | None:
        """Add recorded activities matched to the plan, as one undo step.

        Each links to its day's planned workout of the same kind (which becomes done) or
        makes a new done workout; those the plan already holds are duplicates and add
        nothing. The step is named after what was added ("Import 12 activities").

        Returns:
            What the import did (its ``change`` is empty when nothing was new), or ``None``
            when it was refused (nothing written; the reason is told with ``failed``).
        """
        done: list[ActivityImport] = []

        def write() -> ChangeSet:
            done.append(self._service.import_activities(activities))
            return done[0].change

        if self._run(lambda: f"Import {count_words(done[0].imported)}", write) is None:
            return None
        return done[0]

    @reports_read_failures(False)
    def link(self, activity_id: int, workout_id: int) -> bool:
        """Link an activity to a workout, which becomes done as recorded (one undo step).

        Returns:
            Whether the link went through (an unchanged link counts); ``False`` when it was
            refused (a workout with another activity, either one deleted elsewhere).
        """
        stored = self._service.activities.get(activity_id)
        workout = self._service.workout(workout_id)
        if stored is None or workout is None:
            self._gone("activity" if stored is None else "workout")
            return False
        text = f"Link {sport_words(stored.activity)} to {workout.title}"
        return self._run(text, lambda: self._service.link(activity_id, workout_id)) is not None

    @reports_read_failures(False)
    def unlink(self, activity_id: int) -> bool:
        """Give an activity's workout back exactly as it was before the link (one undo step).

        A workout the import made for the activity goes away. ``False`` when refused.
        """
        stored = self._service.activities.get(activity_id)
        if stored is None:
            self._gone("activity")
            return False
        linked = self._service.workout(stored.workout_id) if stored.workout_id else None
        where = f" from {linked.title}" if linked is not None else ""
        text = f"Unlink {sport_words(stored.activity)}{where}"
        return self._run(text, lambda: self._service.unlink(activity_id)) is not None

    def _gone(self, what: str) -> None:
        """Tell that the activity or workout was deleted elsewhere; the views reload."""
        self.failed.emit(f"That {what} no longer exists.", "It was deleted elsewhere.")
        self._reload()
