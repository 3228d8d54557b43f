"""What the Edit menu does with the selected workout's recorded activity: show, link, unlink.

:class:`ActivityActions` describes Show Activity, Link… and Unlink as
:class:`~planner.ui.actions.ActionSpec` rows for the window's action table and keeps each
enabled only when it applies: Show Activity and Unlink on a workout with an activity, Link…
on one without (not a rest day). Enabling reads the selected day's links only (cheap); the
candidates (which cost reading their tracks) are read when Link… is chosen, and when there
are none the status bar says so. The activity view and the
Link… dialog load when first opened (never at start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot

from planner.core.model import ChangeSet, Kind, Workout
from planner.ui.actions import ActionSpec, SelectionCommands
from planner.ui.dialog_opening import open_dialog

if TYPE_CHECKING:
    from planner.ui.dialogs.link_activity import LinkActivityDialog

#: The actions, in menu order.
ACTIVITY_ACTIONS = ("show_activity", "link_activity", "unlink_activity")


class ActivityActions(SelectionCommands):
    """Show Activity, Link… and Unlink on the selected block.

    Its ``message`` says, say, "No recorded activity to link …".
    """

    def specs(self) -> list[ActionSpec]:
        """This object's rows of the window's action table."""
        return [
            ActionSpec(
                "show_activity",
                "Show &Activity…",
                self.show_activity,
                ("Ctrl+Shift+Y",),
                tip="See what the watch recorded for the selected workout",
                local=True,
                what="Show the selected workout's recorded activity",
            ),
            ActionSpec(
                "link_activity",
                "&Link Activity…",
                self.link_activity,
                ("Ctrl+Alt+K",),
                tip="Link a recorded activity to the selected workout",
                local=True,
                what="Link a recorded activity to the selected workout…",
            ),
            ActionSpec(
                "unlink_activity",
                "U&nlink Activity",
                self.unlink_activity,
                ("Ctrl+Alt+Shift+K",),
                tip="Give the selected workout back as it was before its activity was linked",
                local=True,
                what="Unlink the selected workout's recorded activity",
            ),
        ]

    @Slot()
    def update_enabled(self) -> None:
        """Show and Unlink on a workout with an activity; Link… on a workout without one."""
        if self._table is None:
            return
        workout = self._selected()
        linked = self._linked(workout) if workout is not None else None
        self._table["show_activity"].setEnabled(linked is not None)
        self._table["unlink_activity"].setEnabled(linked is not None)
        linkable = workout is not None and linked is None and workout.kind is not Kind.REST
        self._table["link_activity"].setEnabled(linkable)

    def _on_plan_changed(self, change: ChangeSet) -> None:
        if change.touches_activities or change.touches_workouts:
            self.update_enabled()

    def _linked(self, workout: Workout) -> int | None:
        """The activity linked to ``workout``, if any (the links of its day: a cheap read)."""
        return self._controller.activity_links(workout.day, workout.day).get(workout.id or -1)

    # -- the commands ----------------------------------------------------------------------
    @Slot()
    def show_activity(self) -> None:
        """Open the selected workout's activity in the activity view."""
        workout = self._selected()
        activity_id = self._linked(workout) if workout is not None else None
        stored = self._controller.activity(activity_id) if activity_id is not None else None
        if stored is None:
            self.message.emit("The selected workout has no recorded activity.")
            return
        from planner.ui.activity import open_activity  # pyqtgraph: not before it is wanted

        dialog = open_activity(stored.activity, self._controller.settings.units, self._window)
        dialog.finished.connect(self._on_closed)

    @Slot(int)
    def _on_closed(self, _result: int) -> None:
        self.focus_week.emit()

    @Slot()
    def link_activity(self) -> None:
        """Offer the recorded activities the selected workout may have been; OK links one."""
        workout = self._selected()
        if workout is None or workout.id is None or self._linked(workout) is not None:
            return
        candidates = self._controller.link_candidates(workout.id)
        if not candidates:
            kind = workout.kind.label.lower()
            self.message.emit(f"No unlinked {kind} recorded within 14 days of {workout.title}.")
            return
        from planner.ui.dialogs.link_activity import LinkActivityDialog

        units = self._controller.settings.units
        dialog = LinkActivityDialog(workout, candidates, units, self._window)
        open_dialog(dialog, self._on_link_chosen, on_finished=self.focus_week.emit)

    def _on_link_chosen(self, dialog: LinkActivityDialog) -> None:
        activity_id = dialog.chosen()
        if activity_id is not None:
            self._controller.link(activity_id, dialog.workout_id)

    @Slot()
    def unlink_activity(self) -> None:
        """Give the selected workout back exactly as it was before its activity was linked."""
        workout = self._selected()
        activity_id = self._linked(workout) if workout is not None else None
        if activity_id is not None:
            self._controller.unlink(activity_id)
