"""Which weigh-in file this is, found by its content (and its name), and its reader.

``legwork import-weights`` and File ▸ Import Weights… read every file through
:func:`scan_weights_file`. It tells the formats apart by what the file holds, not by its
extension: a FIT header, an XML document whose root is Apple Health's ``HealthData``, JSON
(Fitbit's ``weight-*.json``), Samsung Health's data-type line, Garmin Connect's header
followed by a date row, and otherwise a CSV table (:mod:`.weights_csv`, which also reads
Fitbit's older CSV export). Whatever the format, the result is a
:class:`~.weight_scan.ScannedWeights` that is resolved, refused and previewed by the same
rules. An Apple Health export is streamed from the disk whatever its size; any other file
larger than :data:`~.weights_csv.MAX_FILE_BYTES` is refused unread.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from planner.interchange import weights_csv, weights_devices
from planner.interchange.weight_rows import Progress, WeightFileError
from planner.interchange.weight_scan import ScannedWeights
from planner.interchange.weights_apple import is_apple_health, scan_apple_health
from planner.interchange.weights_fit import is_fit, scan_fit_weights

__all__ = ["FILE_FILTER", "scan_weights_data", "scan_weights_file"]

#: The file dialog's filter: every format read, then each device's files, then all files.
FILE_FILTER = ";;".join(
    (
        "Weigh-in files (*.csv *.txt *.tsv *.json *.xml *.fit)",
        "CSV files (*.csv *.txt *.tsv)",
        "Fitbit (weight-*.json *.csv)",
        "Apple Health (export.xml)",
        "FIT weight-scale files (*.fit)",
        "All files (*)",
    )
)
#: How much of a file is read to tell its format.
_HEAD = 64 * 1024


def scan_weights_file(
    path: Path, *, today: date, progress: Progress | None = None
) -> ScannedWeights:
    """The weigh-ins of the file at ``path``, whatever its format (see the module).

    Raises:
        WeightFileError: the file is of no format read here, or its format's reader
            refuses it (the message says why), or it is too large for its format.
        OSError: the file cannot be read.
        ReadCancelled: ``progress`` returned ``False``.
    """
    size = path.stat().st_size
    with path.open("rb") as stream:
        head = stream.read(_HEAD)
        if is_apple_health(head.lstrip()[:_HEAD]):
            stream.seek(0)
            return scan_apple_health(stream, size, today=today, progress=progress)
        if size > weights_csv.MAX_FILE_BYTES:
            raise WeightFileError(
                f"{size / (1024 * 1024):.0f} MB is far larger than a table of weigh-ins "
                f"(at most {weights_csv.MAX_FILE_BYTES // (1024 * 1024)} MB)."
            )
        data = head + stream.read()
    return scan_weights_data(data, name=path.name, today=today, progress=progress)


def scan_weights_data(
    data: bytes, *, name: str = "", today: date, progress: Progress | None = None
) -> ScannedWeights:
    """The weigh-ins of a file's bytes; ``name`` (the file's name) helps tell the format.

    Errors as :func:`scan_weights_file`'s, but for the size.
    """
    head = data[:_HEAD]
    if is_fit(head) or (name.lower().endswith(".fit") and data):
        return scan_fit_weights(data, today=today, progress=progress)
    if is_apple_health(head):
        return scan_apple_health(io.BytesIO(data), len(data), today=today, progress=progress)
    text = weights_csv.plain_text(data)
    start = text.lstrip()[:1]
    if start in ("[", "{"):
        return weights_devices.scan_fitbit_json(text, today=today, progress=progress)
    samsung = weights_devices.SAMSUNG_TYPE
    if text.lstrip().startswith(samsung) or name.startswith(f"{samsung}."):
        return weights_devices.scan_samsung_csv(text, today=today, progress=progress)
    if weights_devices.is_garmin_export(text):
        return weights_devices.scan_garmin_csv(text, today=today, progress=progress)
    return weights_csv.scan_weights_csv(text, today=today, progress=progress)
