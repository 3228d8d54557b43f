"""Recorded activities in: FIT, GPX and TCX files, alone, gzipped, in folders and ZIP archives.

:func:`read_activities` is the entry: paths in, a :class:`ReadReport` out (activities,
refusals with their reasons, duplicates). The formats live in ``fit``, ``gpx`` and ``tcx``,
the finding and unpacking of files in ``archives``, the batch in ``reading``.
"""

from planner.interchange.activities.archives import Limits, Refused
from planner.interchange.activities.reading import (
    Duplicate,
    ReadCancelled,
    ReadReport,
    read_activities,
)

__all__ = ["Duplicate", "Limits", "ReadCancelled", "ReadReport", "Refused", "read_activities"]
