"""Where the window's commands stand: the menu bar, the toolbar, and the keys widgets handle.

Every name is a row of the window's action table (:class:`~planner.ui.actions.ActionTable`);
``"-"`` is a separator.
"""

from __future__ import annotations

from planner.ui.actions import SEPARATOR

__all__ = ["MENUS", "TOOLBAR", "WIDGET_KEYS"]

#: The menu bar: each menu's title and its actions, ``"-"`` for a separator.
MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&File",
        (
            "new_plan",
            "open_plan",
            "backups",
            SEPARATOR,
            "new",
            SEPARATOR,
            "import_workouts",
            "export_workouts",
            "import_weights",
            "import_activities",
            "import_activity_folder",
            SEPARATOR,
            "print",
            "preview",
            "pdf",
            "export_chart",
            SEPARATOR,
            "quit",
        ),
    ),
    (
        "&Edit",
        (
            "undo",
            "redo",
            SEPARATOR,
            "cut",
            "copy",
            "paste",
            "duplicate",
            "delete",
            SEPARATOR,
            "edit",
            "done",
            "skip",
            "plan",
            "review_missed",
            "why_heavy_legs",
            SEPARATOR,
            "show_activity",
            "link_activity",
            "unlink_activity",
            SEPARATOR,
            "move_left",
            "move_right",
            SEPARATOR,
            "template",
            "copy_week",
            SEPARATOR,
            "log_weight",
            "weight_log",
            SEPARATOR,
            "preferences",
        ),
    ),
    (
        "&View",
        (
            "previous_week",
            "next_week",
            "this_week",
            "go_to_date",
            SEPARATOR,
            "week_view",
            "month_view",
            SEPARATOR,
            "library",
            "warnings",
            "charts",
            "focus_week",
            "focus_library",
            "focus_charts",
            "focus_warnings",
        ),
    ),
    ("&Plan", ("new_training_plan", "realign_plan")),
    (
        "&Library",
        (
            "library_add",
            SEPARATOR,
            "library_new",
            "library_edit",
            "library_duplicate",
            "library_delete",
            SEPARATOR,
            "library_filter",
        ),
    ),
    ("&Help", ("shortcuts", "heavy_legs", SEPARATOR, "about")),
)
#: The toolbar.
TOOLBAR: tuple[str, ...] = (
    "previous_week",
    "this_week",
    "next_week",
    "go_to_date",
    SEPARATOR,
    "new",
    "undo",
    "redo",
)
#: Keys that act inside a widget rather than through an action, for the shortcuts list.
WIDGET_KEYS: tuple[tuple[str, str], ...] = (
    ("Select the previous / next day", "Left / Right"),
    ("Select the workout above / below", "Up / Down"),
    ("Select the first / last day of the week", "Home / End"),
    ("Edit the selected workout", "Enter"),
    ("Show the previous / next month (in the month)", "PgUp / PgDown"),
    ("Open the selected day in the week (in the month)", "Enter"),
    ("Copy while dragging", "Ctrl + drag"),
)
