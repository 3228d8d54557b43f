"""The plan controller: turns user intents into undoable plan operations."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TypeVar, Unpack

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from planner.core import drops
from planner.core import settings as settings_mod
from planner.core.edits import Actuals
from planner.core.model import ChangeSet, Status, Template, ValidationError, WeightEntry, Workout
from planner.core.ports import StaleDataError, StorageError
from planner.core.service import PlanService
from planner.core.settings import SettingError, Settings
from planner.core.vocabulary import STATUS_WORDS
from planner.core.weeks import Week, iso_label, week_of
from planner.ui.activity_intents import ActivityIntents
from planner.ui.commands import PlanCommand
from planner.ui.failures import failure_words, reports_read_failures
from planner.ui.store_loading import StoreLoading

log = logging.getLogger(__name__)

_T = TypeVar("_T")


class PlanController(QObject, ActivityIntents, StoreLoading):
    """Owns the undo stack and is the only way the UI changes the plan.

    Every operation is applied through the core :class:`PlanService` (one transaction),
    pushed as one undo step, and announced with :attr:`plan_changed`. Failures are
    announced with :attr:`failed` and change nothing.

    Workouts, weigh-ins, library entries, settings and recorded activities (import, link,
    unlink: :class:`~planner.ui.activity_intents.ActivityIntents`) all change this way, so a
    view that listens to :attr:`plan_changed` follows every kind of edit, undo and redo.

    Signals:
        plan_changed(ChangeSet): plan data changed; views refresh what it touched
            (``touches_workouts``, ``touches_weights``, ``touches_templates``,
            ``touches_settings``, ``touches_activities``; all of them when ``reload`` is
            set, after a refused write).
        failed(str, str): an operation could not be applied: message and what to do.
        message(str): what a change, an undo or a redo did, for the status bar ("Saved:
            Add Easy run to Mon 16 Nov", "Undone: …", "Redone: …"); never after a refusal.
    """

    plan_changed = Signal(object)
    failed = Signal(str, str)
    message = Signal(str)
    full_store_ready = Signal()

    def __init__(self, service: PlanService, *, parent: QObject | None = None):
        super().__init__(parent)
        self._service = service
        self._settings = service.settings()
        self._templates: list[Template] | None = None
        self._read_only: str | None = None
        self._closed = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)

    # -- state -----------------------------------------------------------------------------
    @property
    def service(self) -> PlanService:
        """The core service (read access for views)."""
        return self._service

    @property
    def read_only(self) -> str | None:
        """Why the plan can only be read (``None`` when it can be changed)."""
        return self._read_only

    def set_read_only(self, reason: str | None) -> None:
        """Refuse every change, saying ``reason``, without trying to write (``None``: allow)."""
        self._read_only = reason

    @property
    def settings(self) -> Settings:
        """The plan's settings (units, first weekday, rule switches and targets)."""
        return self._settings

    @property
    def first_weekday(self) -> int:
        """The weekday weeks start on (0 Monday .. 6 Sunday)."""
        return self._settings.first_weekday

    def week_of(self, day: date) -> Week:
        """The week holding ``day`` for the runner's first weekday."""
        return week_of(day, self._settings.first_weekday)

    def close(self) -> None:
        """The plan file is closing: from now on reads find nothing and nothing is reported.

        Work that was waiting for the event loop (the warnings' first evaluation, the charts)
        may still run while the window closes; it must not read a closed file or show errors.
        """
        self._closed = True

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    def workouts(self, start: date, end: date) -> list[Workout]:
        """The workouts from ``start`` to ``end``; an empty list if storage fails."""
        return self._read(lambda: self._service.workouts(start, end), [])

    def has_workouts(self) -> bool:
        """Whether the plan holds any workout; ``True`` (nothing to offer) if storage fails."""
        return self._read(lambda: self._service.count_workouts() > 0, True)

    def _read(self, read: Callable[[], _T], default: _T) -> _T:
        """``read()``, or ``default`` once closed or when storage fails (which is told)."""
        if self.closed:
            return default
        try:
            return read()
        except StorageError as error:
            self.failed.emit(str(error), error.hint)
            return default

    def workout(self, workout_id: int) -> Workout | None:
        """One workout, or ``None``."""
        return self._service.workout(workout_id)

    def templates(self) -> list[Template]:
        """The workout library (cached until it changes)."""
        if self._templates is None and self.closed:
            return []
        if self._templates is None:
            self._templates = self._service.templates()
        return self._templates

    def template(self, template_id: int) -> Template | None:
        """One library entry, or ``None``."""
        return next((t for t in self.templates() if t.id == template_id), None)

    def weights(self, start: date, end: date) -> list[WeightEntry]:
        """The weigh-ins from ``start`` to ``end``; an empty list if storage fails."""
        return self._read(lambda: self._service.weights(start, end), [])

    # -- workout intents -------------------------------------------------------------------
    @reports_read_failures(None)
    def drop(
        self,
        template_id: int | None,
        workout_ids: Sequence[int],
        day: date,
        index: int | None = None,
        *,
        copy: bool = False,
    ) -> int | None:
        """Drop a library entry, or blocks (the first one), onto ``day`` into gap ``index``.

        The drop is planned and described by :func:`planner.core.drops.plan_drop`, as the
        drop preview plans and describes it: an entry adds a workout, a block moves (or is
        copied with ``copy``). ``index`` counts gaps in the day as it is shown, a moved
        block included: 0 is before the first block, ``n`` after the last; ``None`` is the
        end.

        Returns:
            The id of the block dropped (the new one, or the one moved); ``None`` when
            nothing changed.
        """
        item = drops.dragged(
            template_id, workout_ids, template=self.template, workout=self._service.workout
        )
        if item is None:
            if template_id is not None:
                self.failed.emit("That library entry no longer exists.", "")
            return None
        try:
            planned = drops.plan_drop(self._service.day, item, day, index, copy=copy)
        except ValidationError as error:
            self._report(error)
            return None
        if planned.action is drops.DropAction.NOTHING:
            return None  # dropped where it already is
        change = self._run(planned.description, lambda: drops.write_drop(self._service, planned))
        if planned.action is drops.DropAction.MOVE:
            return item.id if change is not None and isinstance(item, Workout) else None
        return _created_id(change)

    def add_from_template(
        self, template_id: int, day: date, index: int | None = None
    ) -> int | None:
        """Add a workout from a library entry; returns its id (``None`` when it failed)."""
        return self.drop(template_id, (), day, index)

    def move(self, workout_id: int, day: date, index: int | None = None) -> bool:
        """Move a workout to ``day``, into the gap ``index`` of that day's blocks (a drop)."""
        return self.drop(None, (workout_id,), day, index) is not None

    def copy(self, workout_id: int, day: date, index: int | None = None) -> int | None:
        """Copy a workout to ``day`` into gap ``index``; returns the copy's id."""
        return self.drop(None, (workout_id,), day, index, copy=True)

    def add_workout(self, workout: Workout, index: int | None = None) -> int | None:
        """Add a new workout (from the editor or a paste); returns its id."""
        change = self._run(
            drops.add_text(workout.title, workout.day),
            lambda: self._service.add(workout, index),
        )
        return _created_id(change)

    @reports_read_failures(None)
    def duplicate(self, workout_id: int) -> int | None:
        """Copy a workout right after itself; returns the copy's id."""
        current = self._service.workout(workout_id)
        if current is None:
            return None
        change = self._run(
            f"Duplicate {current.title}",
            lambda: self._service.duplicate(workout_id),
        )
        return _created_id(change)

    @reports_read_failures(False)
    def edit(self, workout: Workout, *, expected: Workout | None = None) -> bool:
        """Store the editor's values for an existing workout.

        Args:
            workout: the new values.
            expected: the workout as the editor started from it; when the file holds
                something else now (changed elsewhere), nothing is written and the views
                reload.
        """
        if workout.id is None:
            return False
        current = self._service.workout(workout.id)
        if current is None:
            self.failed.emit("That workout no longer exists.", "It was deleted elsewhere.")
            self.plan_changed.emit(ChangeSet.reload_all())
            return False
        if current == workout:
            return False
        if workout.status is not current.status:  # "Mark Done…" saves through the editor
            text = f"Mark {workout.title} {STATUS_WORDS[workout.status]}"
        else:
            text = f"Edit {workout.title}"
        return self._succeeds(
            text,
            lambda: self._service.edit(workout, expected=expected),
        )

    @reports_read_failures(False)
    def set_status(self, workout_id: int, status: Status, **actuals: Unpack[Actuals]) -> bool:
        """Mark a workout done (planned values become actuals unless given), skipped or planned.

        ``actuals``: ``actual_duration_min``, ``actual_distance_km``, ``actual_rpe``,
        ``heavy_legs``.
        """
        current = self._service.workout(workout_id)
        if current is None:
            return False
        text = f"Mark {current.title} {STATUS_WORDS[status]}"
        return self._succeeds(text, lambda: self._service.set_status(workout_id, status, **actuals))

    @reports_read_failures(False)
    def delete(self, workout_ids: Iterable[int]) -> bool:
        """Delete workouts (one undo step for all of them)."""
        found = [w for i in workout_ids if (w := self._service.workout(i)) is not None]
        if not found:
            return False
        text = f"Delete {found[0].title}" if len(found) == 1 else f"Delete {len(found)} workouts"
        ids = [w.id for w in found if w.id is not None]
        return self._succeeds(text, lambda: self._service.delete(ids))

    @reports_read_failures(False)
    def copy_week(self, source: Week, target: Week, *, replace_planned: bool = False) -> bool:
        """Copy every workout of ``source`` onto ``target`` as planned workouts.

        With ``replace_planned`` the target week's planned workouts go first (done and
        skipped ones always stay); otherwise the copies are added after them.
        """
        if not self._service.week(source):
            self.failed.emit(f"Week {iso_label(source.start)} has no workouts to copy.", "")
            return False
        verb = "Replace" if replace_planned else "Copy"
        return self._succeeds(
            f"{verb} week {target.label()} with {source.label()}"
            if replace_planned
            else f"{verb} week {source.label()} to {target.label()}",
            lambda: self._service.copy_week(source, target, replace_planned=replace_planned),
        )

    def add_training_plan(
        self, text: str, workouts: Sequence[Workout], span: tuple[date, date], *, replace: bool
    ) -> bool:
        """Add a generated plan's ``workouts`` as one undo step named ``text``.

        Done and skipped workouts never change; with ``replace`` the planned ones in ``span``
        (the plan's first and last day) go, otherwise the plan goes after each day's blocks.
        """
        return self._succeeds(
            text,
            lambda: self._service.add_training_plan(workouts, replace_planned=replace, span=span),
        )

    def realign(self, today: date) -> bool:
        """Realign the generated plan (:mod:`planner.core.realign`) as one undo step."""
        return self._succeeds("Realign the plan", lambda: self._service.realign(today))

    def import_workouts(self, workouts: list[Workout], source: str = "") -> ChangeSet | None:
        """Add an import's workouts that the plan lacks, as one undo step.

        Returns:
            The change (empty when everything was already there), or ``None`` on failure.
        """
        where = f" from {source}" if source else ""
        return self._run(
            f"Import {len(workouts)} workouts{where}",
            lambda: self._service.import_workouts(workouts),
        )

    # -- weigh-ins -------------------------------------------------------------------------
    def save_weight(self, entry: WeightEntry, *, replace: bool = False) -> bool:
        """Record a weigh-in; another on the same day is replaced only with ``replace``."""
        return self._succeeds(
            f"Log weight for {entry.day.isoformat()}",
            lambda: self._service.save_weight(entry, replace=replace),
        )

    def import_weights(self, entries: list[WeightEntry], *, replace: bool = False) -> bool:
        """Record many weigh-ins as one undo step."""
        return self._succeeds(
            f"Import {len(entries)} weigh-ins",
            lambda: self._service.import_weights(entries, replace=replace),
        )

    def delete_weight(self, day: date) -> bool:
        """Remove a day's weigh-in."""
        return self._succeeds(
            f"Delete weigh-in of {day.isoformat()}",
            lambda: self._service.delete_weight(day),
        )

    # -- settings --------------------------------------------------------------------------
    def change_settings(self, new: Settings) -> bool:
        """Store new settings as one undo step ("Change Preferences")."""
        names = settings_mod.changed_names(self._settings, new)
        if not names:
            return False
        if len(names) == 1:
            (name,) = names
            value = settings_mod.to_strings(new)[name]
            text = f"Set {name} to {value}"
        else:
            text = "Change Preferences"
        return self._succeeds(text, lambda: self._service.change_settings(new))

    def set_setting(self, name: str, text: str) -> bool:
        """Set one setting by its public name (``units``, ``first-weekday``, ``rule.ID``)."""
        try:
            new = settings_mod.with_value(self._settings, name, text)
        except SettingError as error:
            self.failed.emit(str(error), "")
            return False
        return self.change_settings(new)

    # -- library ---------------------------------------------------------------------------
    def save_template(self, template: Template) -> Template | None:
        """Add or update a library entry (one undo step); ``None`` when it was refused."""
        text = (
            f"Add {template.name} to the library"
            if template.id is None
            else (f"Edit library entry {template.name}")
        )
        change = self._run(text, lambda: self._service.save_template(template))
        return _stored_template(change, template)

    def template_from_workout(self, workout: Workout, name: str) -> Template | None:
        """Save a block's planned values as a new library entry (one undo step)."""
        change = self._run(
            f"Add {name} to the library",
            lambda: self._service.template_from_workout(workout, name),
        )
        return _stored_template(change, None)

    @reports_read_failures(False)
    def delete_template(self, template_id: int) -> bool:
        """Remove a library entry (one undo step; the workouts made from it stay)."""
        template = self.template(template_id)
        if template is None:
            return False
        return self._succeeds(
            f"Delete library entry {template.name}",
            lambda: self._service.delete_template(template_id),
        )

    # -- undo plumbing ---------------------------------------------------------------------
    def replay(self, change: ChangeSet, *, text: str = "", undoing: bool = False) -> bool:
        """Apply a recorded change (undo/redo); ``False`` when it was refused.

        ``text`` names the step, and :attr:`message` then says it was undone (``undoing``)
        or redone.

        A refused replay writes nothing and the views reload from the file. When the file
        could not be written (full disk, read-only, locked) the step stays where it was in
        the history, so it can be tried again once the cause is gone. When the data was
        changed elsewhere, the history no longer matches the file and is cleared.
        """
        index = self.undo_stack.index()
        try:
            self._service.apply_change(change)
        except StaleDataError as error:
            self._report(error)
            QTimer.singleShot(0, self.undo_stack, self.undo_stack.clear)
            self._reload()
            return False
        except StorageError as error:
            self._report(error)
            QTimer.singleShot(0, self.undo_stack, lambda: self.undo_stack.setIndex(index))
            self._reload()
            return False
        self._changed(change)
        if text:
            self.message.emit(f"{'Undone' if undoing else 'Redone'}: {text}")
        return True

    def _run(
        self,
        text: str | Callable[[], str],
        operation: Callable[[], ChangeSet],
    ) -> ChangeSet | None:
        """Apply ``operation`` and push it as one undo step named ``text``.

        ``text`` may be a function, asked after the operation (for words that depend on
        what it did).
        """
        if self.closed:
            return None
        if self._read_only is not None:
            self.failed.emit(
                "This plan is open read-only, so nothing was changed.", self._read_only
            )
            return None
        try:
            change = operation()
        except (StorageError, ValidationError, KeyError) as error:
            self._report(error)
            if isinstance(error, StorageError | KeyError):
                self._reload()
            return None
        if change.is_empty:
            return change
        if callable(text):
            text = text()
        self.undo_stack.push(PlanCommand(self, text, change))
        self._changed(change)
        self.message.emit(f"Saved: {text}")
        return change

    def _succeeds(self, text: str, operation: Callable[[], ChangeSet]) -> bool:
        """:meth:`_run`, and whether the operation went through (even changing nothing)."""
        return self._run(text, operation) is not None

    def _changed(self, change: ChangeSet) -> None:
        if change.touches_templates:
            self._templates = None
        if change.settings_after is not None:
            self._settings = change.settings_after
        self.plan_changed.emit(change)

    def _reload(self) -> None:
        self._templates = None
        try:
            self._settings = self._service.settings()
        except StorageError as error:
            log.warning("could not re-read settings: %s", error)
        self.plan_changed.emit(ChangeSet.reload_all())

    def _report(self, error: Exception) -> None:
        if isinstance(error, StorageError):
            log.warning("storage refused a change: %s", error)
        self.failed.emit(*failure_words(error))


def _stored_template(change: ChangeSet | None, asked: Template | None) -> Template | None:
    if change is None:
        return None
    if change.is_empty:  # saved unchanged
        return asked
    return next((t for t in change.templates_after.values() if t is not None), None)


def _created_id(change: ChangeSet | None) -> int | None:
    if change is None:
        return None
    created = [i for i, before in change.before.items() if before is None]
    return created[0] if created else None
