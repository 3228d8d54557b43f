"""What the window shows, held outside every widget: the week, the selection, today.

:class:`ViewState` is the one place widgets read "which week is on screen", "which day and
block are selected", "which days a finding points at", "what a drag hovering over the week
would drop" and "what day it is". Widgets change it and listen to it; none asks another
widget. It follows the plan too: the week starts on the runner's first weekday (and re-forms
when that setting changes), a selected block that is deleted is let go, and "today" rolls
over at midnight while the app stays open.

"Today" is asked of the clock at midnight, by a timer aimed in real elapsed time (a
spring-forward day has 23 hours, an autumn one 25); and, since a suspended machine's timers
fire late or not at all, again every minute and whenever the app becomes active.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from planner.core.model import ChangeSet
from planner.core.weeks import Week, week_of
from planner.ui.controller import PlanController

#: A clock: returns the day it is now.
Clock = Callable[[], date]

#: How long after midnight the day is checked (so the clock has surely moved on).
_AFTER_MIDNIGHT_MS = 1000
#: How often the day is checked besides (a woken machine's midnight timer may be late).
RECHECK_MS = 60_000


def fixed_clock(day: date) -> Clock:
    """A clock that always says ``day`` (``--today`` pins "today" for demos and tests)."""

    def clock() -> date:
        return day

    return clock


def local_now() -> datetime:
    """The current time, aware, in the machine's local time zone."""
    return datetime.now().astimezone()


def start_of_day(day: date) -> datetime:
    """The first instant of ``day`` in the machine's local time, aware.

    Midnight, found through :meth:`datetime.astimezone` (which knows the local daylight
    saving rules); where the clocks skip midnight itself (Chile, Cuba, Lebanon spring
    forward at 00:00), the moment the day begins after the gap.
    """
    candidates = [datetime.combine(day, time(0, fold=fold)).astimezone() for fold in (0, 1)]
    on_the_day = [moment for moment in candidates if moment.astimezone().date() == day]
    return min(on_the_day or candidates, key=datetime.timestamp)


def msecs_until_midnight(now: datetime) -> int:
    """Real milliseconds from ``now`` to a second after the next local midnight.

    ``now`` may be aware (any zone) or naive (read as local time). The interval is taken
    between instants (timestamps), never between wall-clock times: on a spring-forward day
    midnight comes 23 hours after the one before, on an autumn day 25.
    """
    local = now.astimezone()
    midnight = start_of_day(local.date() + timedelta(days=1))
    elapsed = max(midnight.timestamp() - local.timestamp(), 0.0)
    return round(elapsed * 1000) + _AFTER_MIDNIGHT_MS


@dataclass(frozen=True, slots=True)
class DropIntent:
    """What a drag hovering over the week would do if it were dropped now.

    Attributes:
        day: the day under the pointer.
        index: the gap among that day's blocks it would land in (0 is before the first).
        copy: whether it would copy (a library entry always does; Ctrl copies blocks).
        template_id: the library entry dragged, if it is one.
        workout_ids: the blocks dragged, if they are blocks.
    """

    day: date
    index: int
    copy: bool
    template_id: int | None = None
    workout_ids: tuple[int, ...] = ()


class ViewState(QObject):
    """The state of the window's view of the plan: not a widget, shared by all of them.

    Args:
        controller: the plan controller (its ``plan_changed`` and first weekday).
        clock: returns today's date; asked at start, after every midnight, every
            :data:`RECHECK_MS` and whenever the app becomes active.
        now: returns the current time (aware; a naive one is read as local time), to aim
            the midnight timer.
        parent: the owning object.

    Signals:
        week_changed(Week): another week is on screen (navigation, or a new first weekday).
        selection_changed(): the selected day or block changed.
        highlight_changed(): the highlighted days or blocks changed.
        drop_hover_changed(object): the :class:`DropIntent` of a hovering drag changed;
            ``None`` when no drag hovers over the week.
        today_changed(date): the clock passed midnight.
    """

    week_changed = Signal(object)
    selection_changed = Signal()
    highlight_changed = Signal()
    drop_hover_changed = Signal(object)
    today_changed = Signal(object)

    def __init__(
        self,
        controller: PlanController,
        *,
        clock: Clock = date.today,
        now: Callable[[], datetime] = local_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._clock = clock
        self._now = now
        self._today = clock()
        self._first_weekday = controller.first_weekday
        self._week = week_of(self._today, self._first_weekday)
        self._day = self._today
        self._workout_id: int | None = None
        self._highlighted_days: frozenset[date] = frozenset()
        self._highlighted_workouts: frozenset[int] = frozenset()
        self._drop_hover: DropIntent | None = None
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._midnight.timeout.connect(self.check_today)
        self._recheck = QTimer(self)  # cheap: one call of the clock
        self._recheck.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._recheck.timeout.connect(self.check_today)
        self._recheck.start(RECHECK_MS)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state_changed)
        controller.plan_changed.connect(self._on_plan_changed)
        self._arm_midnight()

    # -- reading ---------------------------------------------------------------------------
    @property
    def today(self) -> date:
        """The day it is (from the clock; pinned by ``--today``)."""
        return self._today

    @property
    def first_weekday(self) -> int:
        """The weekday weeks start on (0 Monday .. 6 Sunday), from the settings."""
        return self._first_weekday

    @property
    def week(self) -> Week:
        """The week on screen."""
        return self._week

    @property
    def selected_day(self) -> date:
        """The day the keyboard is on (pastes and library entries go there)."""
        return self._day

    @property
    def selected_workout_id(self) -> int | None:
        """The selected block's workout id, if a block is selected."""
        return self._workout_id

    @property
    def highlighted_days(self) -> frozenset[date]:
        """The days outlined because something (a finding) points at them."""
        return self._highlighted_days

    @property
    def highlighted_workouts(self) -> frozenset[int]:
        """The blocks outlined because something (a finding) points at them."""
        return self._highlighted_workouts

    @property
    def drop_hover(self) -> DropIntent | None:
        """What the drag hovering over the week would drop now; ``None`` when none hovers."""
        return self._drop_hover

    @property
    def midnight_timer(self) -> QTimer:
        """The timer aimed at the next midnight (it calls :meth:`check_today`)."""
        return self._midnight

    @property
    def recheck_timer(self) -> QTimer:
        """The timer that calls :meth:`check_today` every :data:`RECHECK_MS` besides."""
        return self._recheck

    def week_of(self, day: date) -> Week:
        """The week holding ``day`` for the runner's first weekday."""
        return week_of(day, self._first_weekday)

    # -- navigation ------------------------------------------------------------------------
    def show_week(self, week: Week) -> None:
        """Show ``week``; the selection keeps its weekday and lets go of its block."""
        if week == self._week:
            return
        offset = min(max((self._day - self._week.start).days, 0), 6)
        self._set(week, week.start + timedelta(days=offset), None)

    @Slot()
    def next_week(self) -> None:
        """Show the following week."""
        self.show_week(self._week.next)

    @Slot()
    def previous_week(self) -> None:
        """Show the previous week."""
        self.show_week(self._week.previous)

    @Slot()
    def this_week(self) -> None:
        """Show the week holding today, with today selected."""
        self.select_day(self._today)

    # -- selection -------------------------------------------------------------------------
    def select_day(self, day: date) -> None:
        """Select ``day`` (no block), showing its week if needed."""
        self._set(self._week if day in self._week else self.week_of(day), day, None)

    def select_workout(self, workout_id: int, day: date | None = None) -> None:
        """Select a block, showing its week if needed.

        Args:
            workout_id: the workout to select.
            day: its day, when the caller knows it (saves a look-up).
        """
        if day is None:
            workout = self._controller.workout(workout_id)
            if workout is None:
                return
            day = workout.day
        self._set(self._week if day in self._week else self.week_of(day), day, workout_id)

    def clear_workout_selection(self) -> None:
        """Let go of the selected block; the day stays selected."""
        self._set(self._week, self._day, None)

    # -- highlight and drag ----------------------------------------------------------------
    def highlight(self, days: Iterable[date] = (), workout_ids: Iterable[int] = ()) -> None:
        """Outline ``days`` and the blocks ``workout_ids`` (nothing when both are empty)."""
        new_days, new_ids = frozenset(days), frozenset(workout_ids)
        if (new_days, new_ids) == (self._highlighted_days, self._highlighted_workouts):
            return
        self._highlighted_days, self._highlighted_workouts = new_days, new_ids
        self.highlight_changed.emit()

    def set_drop_hover(self, intent: DropIntent | None) -> None:
        """Say what a drag hovering over the week would drop (``None``: none hovers)."""
        if intent == self._drop_hover:
            return
        self._drop_hover = intent
        self.drop_hover_changed.emit(intent)

    # -- today -----------------------------------------------------------------------------
    @Slot()
    def check_today(self) -> None:
        """Ask the clock again; when the day moved on, follow it, then re-aim the timer.

        Called by the midnight timer (on time, early or late), every :data:`RECHECK_MS`, and
        when the app becomes active (after a suspend, say). A selection that sat on the old
        today (with no block) moves to the new one, and the view follows it into the next
        week; any other selection stays where it is. Re-aiming each time also corrects a
        midnight timer that a suspend left counting from before it.
        """
        day = self._clock()
        if day != self._today:
            old, self._today = self._today, day
            if self._day == old and self._workout_id is None:
                self.select_day(day)
            self.today_changed.emit(day)
        self._arm_midnight()

    def _arm_midnight(self) -> None:
        self._midnight.start(msecs_until_midnight(self._now()))

    @Slot(Qt.ApplicationState)
    def _on_application_state_changed(self, app_state: Qt.ApplicationState) -> None:
        if app_state == Qt.ApplicationState.ApplicationActive:
            self.check_today()

    # -- reactions -------------------------------------------------------------------------
    @Slot(object)
    def _on_plan_changed(self, change: ChangeSet) -> None:
        if change.touches_settings and self._controller.first_weekday != self._first_weekday:
            self._first_weekday = self._controller.first_weekday
            self._set(self.week_of(self._day), self._day, self._workout_id)
        selected = self._workout_id
        if selected is None:
            return
        if change.reload:
            if self._controller.workout(selected) is None:
                self.clear_workout_selection()
            return
        if selected in change.after:
            after = change.after[selected]
            if after is None or after.day not in self._week:
                self.clear_workout_selection()
            elif after.day != self._day:
                self._set(self._week, after.day, selected)

    def _set(self, week: Week, day: date, workout_id: int | None) -> None:
        week_moved = week != self._week
        selection_moved = (day, workout_id) != (self._day, self._workout_id)
        self._week, self._day, self._workout_id = week, day, workout_id
        if week_moved:
            self.week_changed.emit(week)
        if selection_moved or week_moved:
            self.selection_changed.emit()
