"""The weight log out: ``legwork export --weights`` as JSON or CSV.

JSON is a list of ``{"day": "2026-11-18", "kg": 71.3}`` objects; CSV is a ``day,kg`` header
and one row per weigh-in, which ``legwork import-weights`` (and File ▸ Import Weights…) read
back as they are. Weights are in kilograms whatever the runner's units, as stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from planner.core.model import WeightEntry
from planner.interchange.csv_cells import csv_record

__all__ = ["weights_to_csv", "weights_to_json"]


def weights_to_json(entries: Iterable[WeightEntry]) -> str:
    """The weigh-ins as a JSON document (a list of ``{"day", "kg"}``), ending with a newline."""
    items = [{"day": entry.day.isoformat(), "kg": entry.kg} for entry in entries]
    return json.dumps(items, indent=2, allow_nan=False) + "\n"


def weights_to_csv(entries: Iterable[WeightEntry]) -> str:
    """The weigh-ins as CSV: ``day,kg``, then one row per weigh-in (numbers only, no formula)."""
    rows = [csv_record(("day", "kg"))]
    rows += [csv_record((entry.day.isoformat(), repr(entry.kg))) for entry in entries]
    return "".join(rows)
