"""FIT weight-scale files, as Garmin Index scales write them, made with fit-tool for the tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.weight_scale_message import WeightScaleMessage
from fit_tool.profile.profile_type import FileType, Manufacturer


def _millis(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def fit_weights(
    weigh_ins: Sequence[tuple[datetime, float | None]], *, file_type: FileType = FileType.WEIGHT
) -> bytes:
    """A FIT file of ``file_type`` with one ``weight_scale`` message per (moment, kg).

    A moment without a time zone is taken as UTC (FIT time stamps are UTC); a weight of
    ``None`` leaves the field out, as a scale does for a reading it could not take.
    """
    file_id = FileIdMessage()
    file_id.type = file_type
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 2429  # an Index smart scale
    file_id.serial_number = 0x1234_5678
    first = weigh_ins[0][0] if weigh_ins else datetime(2025, 1, 1, tzinfo=UTC)
    file_id.time_created = _millis(_aware(first))
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add(file_id)
    for moment, kg in weigh_ins:
        message = WeightScaleMessage()
        message.timestamp = _millis(_aware(moment))
        if kg is not None:
            message.weight = kg
            message.percent_fat = 18.5
        builder.add(message)
    return bytes(builder.build().to_bytes())


def write_fit_weights(path: Path, weigh_ins: Sequence[tuple[datetime, float | None]]) -> Path:
    """:func:`fit_weights` written to ``path``."""
    path.write_bytes(fit_weights(weigh_ins))
    return path


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
