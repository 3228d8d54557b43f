"""Weigh-ins from FIT weight-scale files, as Garmin Index scales (and others) write them.

A weight-scale FIT file holds one ``weight_scale`` message per weigh-in: a UTC time stamp
and the weight in kilograms (with body fat and the like, not kept). The file carries no time
zone, so a weigh-in's day is its time stamp's date in this computer's time zone on that
date. The n-th ``weight_scale`` message is row n. A file that is not FIT, is damaged (a bad
checksum, cut short) or holds no weigh-ins (an activity, a workout, settings) is refused
with that reason.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import fitdecode

from planner.interchange.weight_cells import WeightUnit
from planner.interchange.weight_records import WeighInRecords
from planner.interchange.weight_rows import Progress, ReadCancelled, WeightFileError
from planner.interchange.weight_scan import ScannedWeights

__all__ = ["is_fit", "scan_fit_weights"]

#: How often (in messages) reading reports progress.
_STEP = 1024


def is_fit(head: bytes) -> bool:
    """Whether a file starting with ``head`` is a FIT file (by its header's signature)."""
    return len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT"


def scan_fit_weights(
    data: bytes, *, today: date, progress: Progress | None = None
) -> ScannedWeights:
    """The ``weight_scale`` messages of a FIT file's bytes, as weigh-ins in kilograms.

    Raises:
        WeightFileError: the file is not FIT, is damaged, or holds no weigh-ins.
        ReadCancelled: ``progress`` returned ``False``.
    """
    records = WeighInRecords(names=("timestamp", "weight"), unit=WeightUnit.KG)
    file_type = ""
    stream = io.BytesIO(data)
    try:
        with fitdecode.FitReader(stream, check_crc=fitdecode.CrcCheck.RAISE) as reader:
            for count, frame in enumerate(reader):
                reporting = progress is not None and count % _STEP == 0
                if reporting and not progress(stream.tell() / max(len(data), 1)):  # type: ignore[misc]
                    raise ReadCancelled
                if not isinstance(frame, fitdecode.FitDataMessage):
                    continue
                if frame.name == "file_id":
                    file_type = str(frame.get_value("type", fallback=""))
                elif frame.name == "weight_scale":
                    records.add(
                        len(records) + 1,
                        _day(frame.get_value("timestamp", fallback=None)),
                        _weight(frame.get_value("weight", fallback=None)),
                    )
    except fitdecode.FitHeaderError:
        raise WeightFileError("This is not a FIT file (its header is not one).") from None
    except fitdecode.FitCRCError:
        raise WeightFileError(
            "This FIT file is damaged: its checksum does not match its content."
        ) from None
    except fitdecode.FitEOFError:
        raise WeightFileError("This FIT file is cut short: it ends in the middle.") from None
    except fitdecode.FitError as error:
        raise WeightFileError(f"This FIT file cannot be read: {error}.") from None
    if not len(records):
        kind = f" (it is a FIT file of type {file_type!r})" if file_type else ""
        raise WeightFileError(
            f"No weigh-ins in this FIT file{kind}: a scale's FIT file has weight_scale messages."
        )
    return records.scanned(today=today)


def _day(moment: object) -> str:
    """A time stamp's date in this computer's time zone ("" when there is none)."""
    if isinstance(moment, datetime):
        return moment.astimezone().date().isoformat()
    return "" if moment is None else str(moment)


def _weight(value: object) -> str:
    """A weight field in kilograms as a cell ("" when the scale wrote none)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{round(float(value), 2):g} kg"
    return "" if value is None else str(value)
