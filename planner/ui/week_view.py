"""The weekly calendar widget, as the rest of the app and its tests import it.

It lives in :mod:`planner.ui.week`: ``layout`` (geometry), ``painter`` (the look) and
``view`` (input, drags and the data it shows).
"""

from planner.ui.week.view import WeekView

__all__ = ["WeekView"]
