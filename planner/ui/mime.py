"""The drag-and-drop MIME types. They carry ids only, never the workouts themselves."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

#: Workout blocks dragged within the week view: ``{"workouts": [id, ...]}``.
WORKOUT_MIME = "application/x-legwork-workouts"
#: A library entry dragged from the palette: ``{"template": id}``.
TEMPLATE_MIME = "application/x-legwork-template"


def encode_workouts(workout_ids: list[int]) -> QMimeData:
    """MIME data for dragging workout blocks."""
    data = QMimeData()
    data.setData(WORKOUT_MIME, json.dumps({"workouts": list(workout_ids)}).encode())
    return data


def encode_template(template_id: int, name: str = "") -> QMimeData:
    """MIME data for dragging a library entry (with its name as plain text for other apps)."""
    data = QMimeData()
    data.setData(TEMPLATE_MIME, json.dumps({"template": template_id}).encode())
    if name:
        data.setText(name)
    return data


def decode_workouts(data: QMimeData) -> list[int]:
    """The workout ids in ``data``; empty when it carries none (or garbage)."""
    if not data.hasFormat(WORKOUT_MIME):
        return []
    try:
        payload = json.loads(bytes(data.data(WORKOUT_MIME).data()).decode())
        ids = payload["workouts"]
    except (ValueError, KeyError, TypeError):
        return []
    if not isinstance(ids, list):
        return []
    return [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]


def decode_template(data: QMimeData) -> int | None:
    """The template id in ``data``, or ``None``."""
    if not data.hasFormat(TEMPLATE_MIME):
        return None
    try:
        value = json.loads(bytes(data.data(TEMPLATE_MIME).data()).decode())["template"]
    except (ValueError, KeyError, TypeError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None
