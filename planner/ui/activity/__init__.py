"""The activity view: what the watch recorded for one session (issue 16, item 5).

Opened on demand (a done workout's activity), never at start-up, so this package may import
pyqtgraph and numpy at once. :func:`open_activity` opens :class:`ActivityDialog`, which holds
:class:`ActivityView` (objectName ``activityView``, with ``series()``).
"""

import os

# pyqtgraph picks the first Qt binding it can import; make it ours (as planner.ui.charts does).
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from planner.ui.activity.dialog import ActivityDialog, open_activity
from planner.ui.activity.view import ActivityView

__all__ = ["ActivityDialog", "ActivityView", "open_activity"]
