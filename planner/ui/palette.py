"""The workout library widget, as the rest of the app and its tests import it.

It lives in :mod:`planner.ui.library`: ``model`` (items and filter), ``delegate`` (the look),
``editing`` (the library's actions and dialogs) and ``widget`` (the dock's contents).
"""

from planner.ui.library.widget import WorkoutPalette

__all__ = ["WorkoutPalette"]
