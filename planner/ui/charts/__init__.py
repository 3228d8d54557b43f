"""The progress charts: weight, weekly running distance and training load (pyqtgraph).

pyqtgraph and numpy load only after the week has painted: :mod:`.dock` and :mod:`.actions`
import neither, and build the charts (:mod:`.panel` and the chart modules) in a timer once
the window is on screen, so the charts never delay the populated week.

Each chart is a widget with a DESIGN.md objectName (``weightChart``, ``mileageChart``,
``loadChart``) and ``series()``, the data it plots now; the series come from the pure
functions of :mod:`planner.core.progress`.
"""

import os

# pyqtgraph picks the first Qt binding it can import (PyQt6 first); make it ours before any
# chart module imports it (STYLE.md, pyqtgraph). Setting it imports nothing.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
