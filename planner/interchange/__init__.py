"""File formats in and out of Legwork, to and from core objects.

Each module reads or writes one format: JSON and CSV exports of workouts
(:mod:`~planner.interchange.workouts_json_csv`) and iCalendar (:mod:`~planner.interchange.ics`).
Nothing here touches Qt or storage (an import-linter contract): readers return core objects,
and the service decides what to do with them.
"""
