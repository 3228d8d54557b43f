"""The warnings of the week on screen, kept current, and what a hovering drop would change.

:class:`WarningsModel` holds the *evaluated window*: every workout and weigh-in the rules read
for the visible week (:func:`planner.core.rules.history_span`: the week, the 90 days before it
and the days after it that complete a finding reaching across its end). It evaluates the rules
on that cache and keeps the result current:

* a plan change (an edit, a drop, undo, redo, a weigh-in) is applied to the cache from its
  :class:`~planner.core.model.ChangeSet`, without reading the file, and re-evaluated only
  when it touched the window; a change to the settings re-evaluates with the new ones;
* another week reads only the days the window gained;
* midnight re-evaluates;
* while a drag hovers over a day (:attr:`ViewState.drop_hover_changed`), the drop is planned
  with :mod:`planner.core.edits` on the cache, exactly as the service would plan it, and the
  rules run on the result: the findings it would add and clear, with no database access.

Nothing is read before the week has first been painted (:meth:`load_after_first_paint`), so
start-up is not slowed; asking for the findings earlier loads them at once. The rules and the
edit planner are imported then too, not before the first paint.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from planner.core.finding_text import SEVERITY_WORDS
from planner.core.model import ChangeSet, Finding, Severity, ValidationError, WeightEntry, Workout
from planner.core.week_progress import WeekProgress, progress_text, week_progress
from planner.core.weeks import Week
from planner.ui.controller import PlanController
from planner.ui.first_paint import after_first_paint
from planner.ui.view_state import DropIntent, ViewState
from planner.ui.week.marks import NO_MARKS, WeekMarks

__all__ = ["DropPreview", "WarningsModel"]

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DropPreview:
    """What dropping the hovering drag now would do to the week's warnings.

    Attributes:
        intent: the drop, as the week view reported it.
        description: the drop in words: ``Add Easy run to Sun 22 Nov``.
        added: the findings the drop would add, most severe first.
        cleared: the findings it would clear, most severe first.
    """

    intent: DropIntent
    description: str
    added: tuple[Finding, ...] = ()
    cleared: tuple[Finding, ...] = ()

    @property
    def worst_added(self) -> Severity | None:
        """The severity of the most severe finding the drop would add, if it adds any."""
        return max((f.severity for f in self.added), default=None)


@dataclass(frozen=True, slots=True)
class _Planned:
    """A drop planned on the cache: its description and the findings after it."""

    description: str
    findings: tuple[Finding, ...] | None  # None: the drop changes nothing


class WarningsModel(QObject):
    """The visible week's findings, block markers and header line, and the drop preview.

    Args:
        controller: the plan controller (reads the window, announces every change).
        state: the view state (the week shown, the hovering drag, today).
        parent: the owning object.

    Signals:
        changed(): the week's findings, markers or progress line changed.
        preview_changed(): the drop preview changed (or went away).
    """

    changed = Signal()
    preview_changed = Signal()

    def __init__(
        self, controller: PlanController, state: ViewState, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._state = state
        self._loaded = False
        self._week = state.week
        self._span: tuple[date, date] | None = None  # the evaluated window, once read
        self._workouts: dict[int, Workout] = {}
        self._weights: dict[date, WeightEntry] = {}
        self._by_day: dict[date, list[Workout]] | None = None
        self._settings = controller.settings
        self._findings: list[Finding] = []
        self._marks = NO_MARKS
        self._progress = WeekProgress()
        self._preview: DropPreview | None = None
        self._planned: tuple[tuple[object, ...], _Planned] | None = None  # the last drop planned
        controller.plan_changed.connect(self._on_plan_changed)
        state.week_changed.connect(self._on_week_changed)
        state.today_changed.connect(self._on_today_changed)
        state.drop_hover_changed.connect(self._on_drop_hover_changed)

    # -- reading ---------------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        """Whether the window is read and evaluated for the week on screen."""
        return self._loaded and self._week == self._state.week

    @property
    def week(self) -> Week:
        """The week the findings are for (the view state's, once loaded)."""
        return self._week

    @property
    def span(self) -> tuple[date, date]:
        """The first and last day of the evaluated window (of the week's, before it is read)."""
        if self._span is None:
            from planner.core import rules

            return rules.history_span(self._week.start, self._week.end)
        return self._span

    def findings(self) -> list[Finding]:
        """The visible week's findings, most severe first (loads them if needed)."""
        self.load()
        return list(self._findings)

    def window(self) -> list[Workout]:
        """The cached workouts of the evaluated window, by day and position."""
        self.load()
        return sorted(self._workouts.values(), key=_order)

    def progress(self) -> WeekProgress:
        """The visible week's run distance, planned and done, and last week's."""
        self.load()
        return self._progress

    def involved(self, finding: Finding) -> frozenset[int]:
        """The blocks of the visible week that ``finding`` is about."""
        from planner.core.involvement import involved_workouts

        self.load()
        week = self._week
        return involved_workouts(finding, (w for w in self._workouts.values() if w.day in week))

    def preview(self) -> DropPreview | None:
        """What the hovering drag would do to the warnings; ``None`` when no drag hovers."""
        return self._preview

    def marks(self) -> WeekMarks:
        """What the week view adds for the warnings; nothing until they are loaded.

        Never reads the plan (the week view asks while painting).
        """
        if not self.is_loaded:
            return NO_MARKS
        preview = self._preview
        worst = preview.worst_added if preview is not None else None
        if preview is None or worst is None or worst < Severity.WARNING:
            return self._marks
        return dataclasses.replace(self._marks, drop_warning=(preview.intent.day, worst))

    # -- loading ---------------------------------------------------------------------------
    def load(self) -> None:
        """Read and evaluate the window of the week on screen, unless that is done already."""
        if self.is_loaded:
            return
        self._read_window(self._state.week)
        self._evaluate()

    def load_after_first_paint(self, widget: QWidget) -> None:
        """Load once ``widget`` has painted for the first time (start-up stays as fast)."""
        after_first_paint(widget, self._load_now)

    @Slot()
    def _load_now(self) -> None:
        if shiboken6.isValid(self) and not self.is_loaded:
            self.load()

    def _read_window(self, week: Week) -> None:
        """Read the window of ``week``: only the days it gains when the old one overlaps."""
        from planner.core import rules

        first, last = rules.history_span(week.start, week.end)
        old_first, old_last = self._span or (first, last)
        if self._loaded and first <= old_last and old_first <= last:
            self._workouts = {i: w for i, w in self._workouts.items() if first <= w.day <= last}
            self._weights = {d: e for d, e in self._weights.items() if first <= d <= last}
            missing = []
            if first < old_first:
                missing.append((first, old_first - _ONE_DAY))
            if last > old_last:
                missing.append((old_last + _ONE_DAY, last))
        else:
            self._workouts, self._weights = {}, {}
            missing = [(first, last)]
        for start, end in missing:
            self._add(self._controller.workouts(start, end))
            for entry in self._controller.weights(start, end):
                self._weights[entry.day] = entry
        self._week, self._span = week, (first, last)
        self._by_day = None

    def _add(self, workouts: Iterable[Workout]) -> None:
        for workout in workouts:
            if workout.id is not None:
                self._workouts[workout.id] = workout

    def _apply(self, change: ChangeSet) -> bool:
        """Bring the cache to what ``change`` left in the file; whether the window changed."""
        first, last = self.span
        touched = False
        for workout_id, after in change.after.items():
            inside = after is not None and first <= after.day <= last
            if workout_id in self._workouts or inside:
                self._workouts.pop(workout_id, None)
                if after is not None and inside:
                    self._workouts[workout_id] = after
                touched = True
        for day, entry in change.weights_after.items():
            if first <= day <= last:
                if entry is None:
                    self._weights.pop(day, None)
                else:
                    self._weights[day] = entry
                touched = True
        if touched:
            self._by_day = None
        return touched

    # -- evaluating ------------------------------------------------------------------------
    def _evaluate_findings(self, workouts: Iterable[Workout]) -> list[Finding]:
        from planner.core import rules

        settings = self._settings
        return rules.evaluate(
            workouts,
            start=self._week.start,
            end=self._week.end,
            weights=self._weights.values(),
            settings=settings.rule_settings(),
            first_weekday=settings.first_weekday,
        )

    def _evaluate(self) -> None:
        """Evaluate the cache, then tell the panel and the week view."""
        from planner.core.involvement import involved_workouts

        self._settings = self._controller.settings
        self._findings = self._evaluate_findings(self._workouts.values())
        self._loaded = True
        self._planned = None
        week = self._week
        in_week = [w for w in self._workouts.values() if w.day in week]
        blocks: dict[int, Severity] = {}
        notes: dict[int, list[str]] = defaultdict(list)
        for finding in sorted(self._findings, key=lambda f: -f.severity):
            for workout_id in involved_workouts(finding, in_week):
                blocks.setdefault(workout_id, finding.severity)
                notes[workout_id].append(f"{SEVERITY_WORDS[finding.severity]}: {finding.message}")
        self._progress = week_progress(self._workouts.values(), week)
        self._marks = WeekMarks(
            blocks=blocks,
            notes={i: tuple(lines) for i, lines in notes.items()},
            progress=progress_text(self._progress, self._settings.units),
            progress_short=progress_text(self._progress, self._settings.units, short=True),
        )
        if not shiboken6.isValid(self):  # its window was deleted while the rules ran
            return
        self.changed.emit()
        if self._state.drop_hover is not None:
            self._show_preview(self._state.drop_hover)

    # -- reactions -------------------------------------------------------------------------
    @Slot(object)
    def _on_plan_changed(self, change: ChangeSet) -> None:
        if not self._loaded:
            return
        if change.reload:
            self._loaded = False
            self._read_window(self._state.week)
            self._evaluate()
        elif self._week != self._state.week:  # a new first weekday re-formed the week
            self._read_window(self._state.week)
            self._evaluate()
        elif self._apply(change) or self._controller.settings != self._settings:
            self._evaluate()

    @Slot(object)
    def _on_week_changed(self, week: Week) -> None:
        if self._loaded and week != self._week:
            self._read_window(week)
            self._evaluate()

    @Slot(object)
    def _on_today_changed(self, _today: date) -> None:
        if self._loaded:
            self._evaluate()

    @Slot(object)
    def _on_drop_hover_changed(self, intent: DropIntent | None) -> None:
        if intent is None:
            if self._preview is not None:
                self._preview = None
                self.preview_changed.emit()
            return
        self.load()
        self._show_preview(intent)

    # -- the drop preview ------------------------------------------------------------------
    def _show_preview(self, intent: DropIntent) -> None:
        from planner.core.preview import warnings_diff

        planned = self._plan(intent)
        if planned.findings is None:
            added: Sequence[Finding] = ()
            cleared: Sequence[Finding] = ()
        else:
            added, cleared = warnings_diff(self._findings, planned.findings)
        self._preview = DropPreview(intent, planned.description, tuple(added), tuple(cleared))
        self.preview_changed.emit()

    def _lookup(self, day: date) -> list[Workout]:
        if self._by_day is None:
            by_day: dict[date, list[Workout]] = defaultdict(list)
            for workout in sorted(self._workouts.values(), key=_order):
                by_day[workout.day].append(workout)
            self._by_day = dict(by_day)
        return self._by_day.get(day, [])

    def _plan(self, intent: DropIntent) -> _Planned:
        """Plan the drop on the cache, as the drop itself will, and evaluate the result.

        :func:`planner.core.drops.plan_drop` plans and describes it, as the controller does
        when it is dropped. The findings of the last drop planned are kept: the rules do not
        depend on the order of a day's blocks, so hovering over another gap of the same day
        only plans again.
        """
        from planner.core import drops, edits

        item = drops.dragged(
            intent.template_id,
            intent.workout_ids,
            template=self._controller.template,
            workout=self._workouts.get,
        )
        try:
            planned = drops.plan_drop(
                self._lookup, item, intent.day, intent.index, copy=intent.copy
            )
        except ValidationError:
            planned = drops.plan_drop(self._lookup, None, intent.day, intent.index)
        edit = planned.edit
        key = (intent.day, intent.copy, intent.template_id, intent.workout_ids, edit.is_empty)
        if self._planned is not None and self._planned[0] == key:
            return _Planned(planned.description, self._planned[1].findings)
        findings = None
        if not edit.is_empty:
            findings = tuple(
                self._evaluate_findings(edits.apply_edit(edit, self._workouts.values()))
            )
        result = _Planned(planned.description, findings)
        self._planned = (key, result)
        return result


def _order(workout: Workout) -> tuple[date, int, int]:
    return (workout.day, workout.position, workout.id or 0)
