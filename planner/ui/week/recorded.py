"""What a recorded activity adds to the week view: a mark on the block, an estimated effort.

A done workout linked to an activity (issue 16) carries a small watch in its block's corner,
and its tooltip says what the watch recorded. :class:`WeekRecordings` keeps, for the week on
screen, which workouts have an activity (one cheap read per week switch or activity change,
never per paint) and, read just after that and kept small, what each activity was (for the
tooltip, and whether the effort is still the link's estimate).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from planner.core.formatting import SEPARATOR, escape_html, format_distance, format_duration
from planner.core.matching import StoredActivity, sport_words
from planner.core.model import ChangeSet, Workout
from planner.core.settings import Units
from planner.ui.week.block import BlockText, block_text

#: How the tooltip says where to see the whole recording.
SEE_IT = "Show Activity (Ctrl+Shift+Y) to see it"


@dataclass(frozen=True, slots=True)
class Recorded:
    """What the week shows of one recorded activity (no track: a few numbers).

    Attributes:
        activity_id: the activity's storage id.
        workout_id: the workout it is linked to.
        title: the sport as runners say it (``Trail run``), as the undo steps name it.
        minutes: its moving time (else elapsed), in minutes.
        km: its distance, if it has one.
        estimated_rpe: the effort its link wrote as the workout's (the planned one), if any.
    """

    activity_id: int
    workout_id: int | None
    title: str
    minutes: float
    km: float | None
    estimated_rpe: float | None

    @classmethod
    def of(cls, stored: StoredActivity) -> Recorded:
        """The few numbers of ``stored`` the week needs."""
        assert stored.id is not None
        activity = stored.activity
        seconds = activity.moving_s if activity.moving_s else activity.elapsed_s
        return cls(
            stored.id,
            stored.workout_id,
            sport_words(activity),
            seconds / 60.0,
            activity.distance_km,
            stored.estimated_rpe,
        )

    def estimates(self, workout: Workout) -> bool:
        """Whether ``workout``'s effort is still this link's estimate (``effort_is_estimated``)."""
        return (
            self.workout_id == workout.id
            and self.estimated_rpe is not None
            and workout.actual_rpe == self.estimated_rpe
        )


class WeekRecordings:
    """Which workouts of the week on screen have an activity, and what each one was.

    Args:
        links: reads ``{workout id: activity id}`` for days ``start`` to ``end`` (cheap).
        activity: reads one stored activity (its track too: only called by :meth:`read_details`).
    """

    def __init__(
        self,
        links: Callable[[date, date], dict[int, int]],
        activity: Callable[[int], StoredActivity | None],
    ) -> None:
        self._read_links = links
        self._read_activity = activity
        self._links: dict[int, int] = {}
        self._known: dict[int, Recorded] = {}  # activity id -> its numbers, kept until changed

    def read_links(self, start: date, end: date) -> bool:
        """Read which workouts of days ``start`` to ``end`` have an activity.

        Returns:
            Whether the numbers of some of their activities are still to be read
            (:meth:`read_details`, which reads their tracks too: not before a paint).
        """
        self._links = self._read_links(start, end)
        return self.pending

    def changed(self, change: ChangeSet) -> bool:
        """Whether ``change`` touched activities or links (their numbers are then read again)."""
        if change.touches_activities:
            self._known.clear()
        return change.touches_activities

    @property
    def pending(self) -> bool:
        """Whether some linked activity of the week has not been read yet."""
        return any(aid not in self._known for aid in self._links.values())

    def read_details(self) -> None:
        """Read the week's linked activities not read yet (after the paint: this is slower)."""
        for aid in self._links.values():
            if aid not in self._known:
                stored = self._read_activity(aid)
                if stored is not None:
                    self._known[aid] = Recorded.of(stored)

    def activity_id(self, workout_id: int | None) -> int | None:
        """The activity linked to a workout of the week, if any."""
        return self._links.get(workout_id) if workout_id is not None else None

    def has(self, workout_id: int | None) -> bool:
        """Whether a workout of the week has an activity."""
        return workout_id in self._links

    def details(self, workout_id: int | None) -> Recorded | None:
        """What a workout's activity was, once read."""
        aid = self.activity_id(workout_id)
        return self._known.get(aid) if aid is not None else None

    def estimated(self, workout: Workout) -> bool:
        """Whether ``workout``'s effort is still its activity link's estimate."""
        found = self.details(workout.id)
        return found is not None and found.estimates(workout)

    def estimated_ids(self, workouts: Iterable[Workout]) -> frozenset[int]:
        """Those of ``workouts`` whose effort is still their activity link's estimate."""
        return frozenset(w.id for w in workouts if w.id is not None and self.estimated(w))

    def block_text(self, workout: Workout, units: Units, today: date) -> BlockText:
        """What ``workout``'s block says, with its recorded mark and estimated effort."""
        recorded, estimated = self.has(workout.id), self.estimated(workout)
        return block_text(workout, units, today, recorded=recorded, estimated=estimated)

    def marks(self) -> frozenset[int]:
        """The workouts of the week with an activity (what the painter marks)."""
        return frozenset(self._links)

    def tooltip(self, workout: Workout, units: Units) -> str:
        """What the tooltip adds about the recording ("" without one)."""
        if not self.has(workout.id):
            return ""
        found = self.details(workout.id)
        if found is None:
            return f"<p style='margin-top: 6px;'><b>Recorded</b>{SEPARATOR}{SEE_IT}</p>"
        return recorded_tooltip(found, units, estimated=found.estimates(workout))


def recorded_words(found: Recorded, units: Units) -> str:
    """``Trail run, 12.4 km, 1 h 05``: what the watch recorded, in a few words."""
    parts = [found.title]
    if found.km:
        parts.append(format_distance(found.km, units))
    parts.append(format_duration(found.minutes))
    return ", ".join(parts)


def recorded_tooltip(found: Recorded, units: Units, *, estimated: bool = False) -> str:
    """The tooltip's paragraph: what was recorded, where to see it, whether effort is a guess."""
    text = f"<b>Recorded:</b> {escape_html(recorded_words(found, units))} — {SEE_IT}"
    if estimated and found.estimated_rpe is not None:
        rpe = f"{found.estimated_rpe:g}"
        text += f"<br>Effort RPE {rpe} (estimated: the plan's, until you change it)"
    return f"<p style='margin-top: 6px;'>{text}</p>"
