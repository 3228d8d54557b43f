"""Plan operations: every edit of plan data, expressed on the repository port.

Workouts, weigh-ins, library entries and settings all travel the same road: an operation
reads what it needs, plans the rows it writes (workout edits with the pure functions of
:mod:`planner.core.edits`), writes them in one repository transaction that first checks the
file still holds what was read, and returns a :class:`ChangeSet` whose inverse undoes it
exactly. Undo and redo replay a ChangeSet through :meth:`PlanService.apply_change` with the
same check, so neither can overwrite a change made elsewhere.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Unpack

from planner.core import edits, plan_writes
from planner.core import settings as settings_mod
from planner.core.activity import Activity
from planner.core.activity_import import ActivityImport, ActivityOperations
from planner.core.edits import Edit
from planner.core.formatting import format_day, format_weight
from planner.core.model import (
    MAX_TITLE_LEN,
    ChangeSet,
    Finding,
    Status,
    Template,
    ValidationError,
    WeightEntry,
    Workout,
)
from planner.core.plan_apply import plan_training_plan
from planner.core.plan_writes import PlannedWrite
from planner.core.ports import Batch, PlanRepository, StaleDataError
from planner.core.settings import Settings, WeightUnits
from planner.core.vocabulary import check_template_name
from planner.core.weeks import Week
from planner.core.weighins import future_weigh_in_message, plan_weigh_ins

log = logging.getLogger(__name__)

#: The key the first weekday was stored under before settings had public names (0 .. 6).
_LEGACY_FIRST_WEEKDAY = "first_weekday"


class WeighInExistsError(ValidationError):
    """A weigh-in is already recorded on that day; the UI asks before replacing it.

    Attributes:
        existing: the weigh-in recorded on that day.
    """

    def __init__(self, existing: WeightEntry, units: WeightUnits = WeightUnits.KG) -> None:
        super().__init__(
            "day",
            f"There is already a weigh-in on {format_day(existing.day, year=True)}: "
            f"{format_weight(existing.kg, units)}.",
        )
        self.existing = existing


class PlanService:
    """The plan as the UI and CLI read and change it.

    Args:
        repository: where the plan lives.
        today: the clock saying what day it is (``--today`` pins it); a weigh-in dated
            after it is refused.
    """

    def __init__(
        self, repository: PlanRepository, *, today: Callable[[], date] = date.today
    ) -> None:
        self._repo = repository
        self._today = today
        self._activities = ActivityOperations(repository)

    @property
    def repository(self) -> PlanRepository:
        """The repository this service reads and writes."""
        return self._repo

    # -- reading ---------------------------------------------------------------------------
    def workouts(self, start: date, end: date) -> list[Workout]:
        """The workouts from ``start`` to ``end`` inclusive, by day then position."""
        return self._repo.workouts_between(start, end)

    def week(self, week: Week) -> list[Workout]:
        """The workouts of ``week``, by day then position."""
        return self._repo.workouts_between(week.start, week.end)

    def day(self, day: date) -> list[Workout]:
        """The workouts of one day, in order."""
        return self._repo.workouts_between(day, day)

    def workout(self, workout_id: int) -> Workout | None:
        """One workout, or ``None`` when it no longer exists."""
        return self._repo.get_workout(workout_id)

    def count_workouts(self) -> int:
        """How many workouts the plan holds."""
        return self._repo.count_workouts()

    def templates(self) -> list[Template]:
        """The workout library."""
        return self._repo.templates()

    def weights(self, start: date, end: date) -> list[WeightEntry]:
        """The weigh-ins from ``start`` to ``end`` inclusive, by day."""
        return self._repo.weights_between(start, end)

    def weight(self, day: date) -> WeightEntry | None:
        """The weigh-in of ``day``, or ``None``."""
        found = self._repo.weights_between(day, day)
        return found[0] if found else None

    def settings(self) -> Settings:
        """The plan's settings; a damaged stored value falls back to its default."""
        return _settings_from(self._repo.settings())

    def first_weekday(self) -> int:
        """The weekday the runner's weeks start on (Monday 0 .. Sunday 6)."""
        return self.settings().first_weekday

    def findings(self, week: Week, *, settings: Settings | None = None) -> list[Finding]:
        """The warnings for ``week``, as the warning panel and the printout show them.

        Reads the week with the history the rules look at (RULES.md: 90 days before it)
        and the runner's rule settings and units.
        """
        from planner.core import rules  # the first paint needs no rules: load them when asked

        settings = self.settings() if settings is None else settings
        first, last = rules.history_span(week.start, week.end)
        return rules.evaluate(
            self.workouts(first, last),
            start=week.start,
            end=week.end,
            weights=self.weights(first, week.end),
            settings=settings.rule_settings(),
            first_weekday=settings.first_weekday,
        )

    # -- workout operations ----------------------------------------------------------------
    def add(self, workout: Workout, index: int | None = None) -> ChangeSet:
        """Put a new workout on its day at ``index`` (the end when ``None``)."""
        return self._write(edits.plan_add(self.day, workout, index))

    def add_from_template(
        self, template: Template, day: date, index: int | None = None
    ) -> ChangeSet:
        """A new planned workout from a library entry."""
        return self.add(template.to_workout(day), index)

    def move(self, workout_id: int, day: date, index: int | None = None) -> ChangeSet:
        """Move a workout to ``day`` at ``index`` (the end when ``None``)."""
        return self._write(edits.plan_move(self.day, self._require(workout_id), day, index))

    def copy(self, workout_id: int, day: date, index: int | None = None) -> ChangeSet:
        """Copy a workout to ``day`` at ``index`` as a new planned workout."""
        return self._write(edits.plan_copy(self.day, self._require(workout_id), day, index))

    def duplicate(self, workout_id: int) -> ChangeSet:
        """Copy a workout right after itself, on the same day."""
        return self._write(edits.plan_duplicate(self.day, self._require(workout_id)))

    def edit(self, workout: Workout, *, expected: Workout | None = None) -> ChangeSet:
        """Store new values for an existing workout (its day and order may change too).

        Args:
            workout: the new values.
            expected: the workout as the caller showed it before the edit (an editor's
                starting point). When the file holds something else now, nothing is written.

        Raises:
            StaleDataError: ``expected`` is not what the file holds.
        """
        if workout.id is None:
            raise ValueError("edit() needs a stored workout; use add() for a new one")
        current = self._require(workout.id)
        if expected is not None and expected != current:
            raise StaleDataError()
        return self._write(edits.plan_update(self.day, current, workout))

    def set_status(
        self, workout_id: int, status: Status, **actuals: Unpack[edits.Actuals]
    ) -> ChangeSet:
        """Mark a workout planned, done or skipped.

        Marking done without actuals (``actual_duration_min``, ``actual_distance_km``,
        ``actual_rpe``, ``heavy_legs``) takes the planned values as what was done.
        """
        current = self._require(workout_id)
        updated = edits.with_status(current, status, **actuals)
        return self._write(edits.plan_update(self.day, current, updated))

    def delete(self, workout_ids: Iterable[int]) -> ChangeSet:
        """Delete workouts; the others on their days close the gap."""
        doomed = [self._require(i) for i in dict.fromkeys(workout_ids)]
        return self._write(edits.plan_delete(self.day, doomed))

    def copy_week(self, source: Week, target: Week, *, replace_planned: bool = False) -> ChangeSet:
        """Copy every workout of ``source`` to the same weekday of ``target``, as planned.

        Copies go after whatever ``target`` holds on each day; with ``replace_planned`` the
        target's still-planned workouts are deleted first (done and skipped ones stay).
        """
        return self._write(
            edits.plan_copy_week(self.day, source, target, replace_planned=replace_planned)
        )

    def import_workouts(self, incoming: Sequence[Workout]) -> ChangeSet:
        """Add the workouts of an import that the plan does not hold yet, all or nothing.

        Raises:
            ValidationError: a workout has an impossible value (nothing is written).
        """
        if not incoming:
            return ChangeSet()
        existing: dict[date, list[Workout]] = defaultdict(list)
        for workout in self.workouts(min(w.day for w in incoming), max(w.day for w in incoming)):
            existing[workout.day].append(workout)
        return self._write(edits.plan_import(lambda day: existing.get(day, ()), incoming))

    def add_training_plan(
        self, workouts: Sequence[Workout], *, replace_planned: bool, span: tuple[date, date]
    ) -> ChangeSet:
        """Add a generated plan as one write; ``span`` (first, last day) covers its days."""
        existing: dict[date, list[Workout]] = defaultdict(list)
        for workout in self.workouts(*span):
            existing[workout.day].append(workout)
        return self._write(
            plan_training_plan(
                lambda day: existing.get(day, ()),
                workouts,
                replace_planned=replace_planned,
                span=span,
            )
        )

    def realign(self, today: date) -> ChangeSet:
        """Realign the generated plan after a gap or missed workouts, as one write."""
        from planner.core.realign import plan_realign, realign_span

        edit = plan_realign(self.workouts(*realign_span(today)), today, self.settings())
        return self._write(edit)

    # -- weigh-ins -------------------------------------------------------------------------
    def save_weight(self, entry: WeightEntry, *, replace: bool = False) -> ChangeSet:
        """Record a weigh-in. One per day: another on the same day needs ``replace``.

        Raises:
            ValidationError: the weight is impossible, or the day is after today.
            WeighInExistsError: that day has a different weigh-in and ``replace`` is false.
        """
        return self.import_weights([entry], replace=replace)

    def import_weights(self, entries: Sequence[WeightEntry], *, replace: bool = False) -> ChangeSet:
        """Record many weigh-ins in one step (a CSV import), all or nothing.

        What each entry does is planned by :func:`planner.core.weighins.plan_weigh_ins`:
        entries equal to what is stored are left alone, and a day with a different
        weigh-in is replaced only with ``replace``.

        Raises:
            ValidationError: a weight is impossible, two entries share a day, or an entry
                is dated after today.
            WeighInExistsError: a day has a different weigh-in and ``replace`` is false.
        """
        if not entries:
            return ChangeSet()
        seen: set[date] = set()
        for entry in entries:
            entry.validate()
            if entry.day in seen:
                raise ValidationError("day", f"Two weigh-ins on {entry.day.isoformat()}.")
            seen.add(entry.day)
        today = self._today()
        stored = self._repo.weights_between(min(seen), max(seen))
        plan = plan_weigh_ins(entries, stored, today=today)
        if plan.refused_future:
            raise ValidationError("day", future_weigh_in_message(plan.refused_future[0].day, today))
        if plan.replacing and not replace:
            raise WeighInExistsError(plan.replacing[0][0], self.settings().weight_units)
        changed = plan.changed()
        if not changed:
            return ChangeSet()
        before: dict[date, WeightEntry | None] = {e.day: None for e in plan.new}
        before.update((e.day, old) for old, e in plan.replacing)
        self._repo.write(Batch(weights=changed, expect_weights=before))
        return ChangeSet(weights_before=before, weights_after={e.day: e for e in changed})

    def delete_weight(self, day: date) -> ChangeSet:
        """Remove the weigh-in of ``day`` (nothing changes when there is none)."""
        existing = self.weight(day)
        if existing is None:
            return ChangeSet()
        self._repo.write(Batch(delete_weights=[day], expect_weights={day: existing}))
        return ChangeSet(weights_before={day: existing}, weights_after={day: None})

    # -- library ---------------------------------------------------------------------------
    def save_template(self, template: Template) -> ChangeSet:
        """Add a library entry (``id=None``) or update one.

        Raises:
            ValidationError: no name, a name another entry has (ignoring case and spaces),
                or impossible default values.
        """
        library = self._repo.templates()
        self._validate_template(template, library)
        current = next((t for t in library if t.id == template.id), None)
        if template.id is not None and current == template:
            return ChangeSet()
        if current is not None and current.builtin:
            template = template.replace(builtin=True)
        expect = {} if template.id is None else {template.id: current}
        (stored,) = self._repo.write(Batch(templates=[template], expect_templates=expect)).templates
        assert stored.id is not None
        return ChangeSet(templates_before={stored.id: current}, templates_after={stored.id: stored})

    def template_from_workout(
        self, workout: Workout, name: str, description: str = ""
    ) -> ChangeSet:
        """A new library entry with a workout's planned values."""
        return self.save_template(
            Template(
                id=None,
                name=name,
                kind=workout.kind,
                duration_min=workout.duration_min,
                distance_km=workout.distance_km,
                rpe=workout.rpe,
                description=description or _first_line(workout.notes),
            )
        )

    def delete_template(self, template_id: int) -> ChangeSet:
        """Remove a library entry (the workouts made from it stay).

        Raises:
            ValidationError: it is a built-in entry.
        """
        current = next((t for t in self._repo.templates() if t.id == template_id), None)
        if current is None:
            return ChangeSet()
        if current.builtin:
            raise ValidationError(
                "name",
                "Built-in library entries cannot be deleted. "
                "Edit it instead, or add your own entry under another name.",
            )
        self._repo.write(
            Batch(delete_templates=[template_id], expect_templates={template_id: current})
        )
        return ChangeSet(
            templates_before={template_id: current}, templates_after={template_id: None}
        )

    # -- settings --------------------------------------------------------------------------
    def change_settings(self, new: Settings) -> ChangeSet:
        """Store new settings (only those that differ are written).

        Raises:
            StaleDataError: a setting it writes changed in the file while this ran.
        """
        stored = self._repo.settings()
        current = _settings_from(stored)
        changed = settings_mod.changed_names(current, new)
        if not changed:
            return ChangeSet()
        texts = settings_mod.to_strings(new)
        self._repo.write(
            Batch(
                settings={name: texts[name] for name in changed},
                expect_settings={name: stored.get(name) for name in changed},
            )
        )
        return ChangeSet(settings_before=current, settings_after=new)

    def set_setting(self, name: str, text: str) -> ChangeSet:
        """Set one setting by its public name (``units``, ``first-weekday``, ``rule.ID``).

        Raises:
            SettingError: no such setting, or a value it cannot take.
        """
        return self.change_settings(settings_mod.with_value(self.settings(), name, text))

    # -- recorded activities (planner.core.activity_import) --------------------------------
    @property
    def activities(self) -> ActivityOperations:
        """Recorded activities: reading them, their links and Link... candidates."""
        return self._activities

    def import_activities(
        self, activities: Iterable[Activity], *, dry_run: bool = False
    ) -> ActivityImport:
        """Add new activities matched to the plan in one write (its ``change`` undoes it)."""
        return self._activities.import_activities(activities, dry_run=dry_run)

    def link(self, activity_id: int, workout_id: int) -> ChangeSet:
        """Link an activity to a workout, which becomes done as recorded."""
        return self._activities.link(activity_id, workout_id)

    def unlink(self, activity_id: int) -> ChangeSet:
        """Give an activity's workout back exactly as it was before the link."""
        return self._activities.unlink(activity_id)

    # -- undo and redo ---------------------------------------------------------------------
    def apply_change(self, change: ChangeSet) -> ChangeSet:
        """Bring the plan to ``change.after``, provided it is at ``change.before`` now.

        Undo passes the inverse of a change, redo the change itself. Every kind of data in
        it is written in one transaction.

        Raises:
            StaleDataError: the file no longer holds ``change.before`` (it was changed
                elsewhere); nothing is written.
        """
        batch = Batch(
            workouts=[w for w in change.after.values() if w is not None],
            delete_workouts=[i for i, w in change.after.items() if w is None],
            weights=[w for w in change.weights_after.values() if w is not None],
            delete_weights=[d for d, w in change.weights_after.items() if w is None],
            templates=[t for t in change.templates_after.values() if t is not None],
            delete_templates=[i for i, t in change.templates_after.items() if t is None],
            settings=_settings_texts(change),
            expect_workouts=change.before,
            expect_weights=change.weights_before,
            expect_templates=change.templates_before,
            expect_settings=_settings_expected(change),
            activities=[a for a in change.activities_after.values() if a is not None],
            delete_activities=[i for i, a in change.activities_after.items() if a is None],
            expect_activities=change.activities_before,
        )
        self._repo.write(batch)
        return change

    # -- internals -------------------------------------------------------------------------
    def _require(self, workout_id: int) -> Workout:
        workout = self._repo.get_workout(workout_id)
        if workout is None:
            raise KeyError(f"workout {workout_id} no longer exists")
        return workout

    def _write(self, edit: Edit) -> ChangeSet:
        plan = PlannedWrite()
        plan.add_edit(edit)
        return plan_writes.write(self._repo, plan)

    @staticmethod
    def _validate_template(template: Template, library: Sequence[Template]) -> None:
        check_template_name(template.name, (t.name for t in library if t.id != template.id))
        if len(template.name.strip()) > MAX_TITLE_LEN:
            raise ValidationError("name", f"Keep the name under {MAX_TITLE_LEN} characters.")
        template.to_workout(date(2000, 1, 1)).validate()


def _settings_from(stored: Mapping[str, str]) -> Settings:
    if "first-weekday" not in stored and _LEGACY_FIRST_WEEKDAY in stored:
        stored = {**stored, "first-weekday": stored[_LEGACY_FIRST_WEEKDAY]}
    return settings_mod.from_strings(stored)


def _settings_expected(change: ChangeSet) -> Mapping[str, str | None]:
    """The stored text of each setting ``change`` writes, as it must be before.

    A replayed change writes only settings that an earlier write (the operation, or the undo
    before a redo) stored as :func:`~planner.core.settings.to_strings` text, so the file holds
    exactly that text for each unless something else changed it since.
    """
    if change.settings_before is None:
        return {}
    before = settings_mod.to_strings(change.settings_before)
    return {name: before[name] for name in _settings_texts(change)}


def _settings_texts(change: ChangeSet) -> Mapping[str, str]:
    if change.settings_after is None:
        return {}
    after = settings_mod.to_strings(change.settings_after)
    if change.settings_before is None:
        return after
    names = settings_mod.changed_names(change.settings_before, change.settings_after)
    return {name: after[name] for name in names}


def as_plan(workout: Workout) -> Workout:
    """The same session as a fresh plan: planned, with no actuals and no id."""
    return edits.as_plan(workout)


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""
