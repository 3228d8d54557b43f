"""File formats in and out of Legwork, to and from core objects.

Each module reads or writes one format: JSON and CSV exports of workouts
(:mod:`~planner.interchange.workouts_json_csv`, whose text cells go through
:mod:`~planner.interchange.csv_cells` against formula injection), iCalendar
(:mod:`~planner.interchange.ics`), and weigh-in CSV files
(:mod:`~planner.interchange.weights_csv`, with its cells, layout, rows and scan modules).
Nothing here touches Qt or storage (an import-linter contract): readers return core objects,
and the service decides what to do with them.

:class:`TransferError` lives here, so that the command line and the File menu can name it
without loading a format's module before they need one (the app's start-up does not).
"""

__all__ = ["TransferError"]


class TransferError(ValueError):
    """A file could not be read or written; the message names the file and the problem."""
