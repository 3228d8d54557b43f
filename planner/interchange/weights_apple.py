"""Weigh-ins from Apple Health's ``export.xml``: its body-mass records, streamed.

An Apple Health export holds every heart beat and step the phone counted, and passes 1 GB
after a few years; the body-mass records are a few thousand of its millions. The file is
read a block at a time with defusedxml's ``iterparse``, each top-level element cleared once
read, so memory stays small whatever the file's size; progress is the share of bytes read,
and a progress callback returning ``False`` stops reading.

A record is ``<Record type="HKQuantityTypeIdentifierBodyMass" unit="kg" value="71.8"
startDate="2025-11-25 07:12:00 +0100" …/>``: its day is the local date of ``startDate``, its
weight in its own ``unit`` (``kg`` or ``lb``; ``g`` and ``st`` are converted to them). The
n-th body-mass record is row n. XML is read safely: a file that declares entities (an entity
bomb, or an external entity that would read another file) or refers to an external document
is refused with that reason, unread.
"""

from __future__ import annotations

import contextlib
from datetime import date
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import iterparse

from planner.interchange.weight_cells import UNIT_WORDS
from planner.interchange.weight_records import WeighInRecords
from planner.interchange.weight_rows import Progress, ReadCancelled, WeightFileError
from planner.interchange.weight_scan import ScannedWeights

__all__ = ["is_apple_health", "scan_apple_health"]

_BODY_MASS = "HKQuantityTypeIdentifierBodyMass"
#: Progress is reported after about this many bytes.
_REPORT_BYTES = 1024 * 1024
#: Units converted to the two a weigh-in keeps: (unit, factor).
_CONVERTED = {"g": ("kg", 0.001), "st": ("lb", 14.0)}


def is_apple_health(head: bytes) -> bool:
    """Whether a file starting with ``head`` is an Apple Health export."""
    return b"<HealthData" in head or b"DOCTYPE HealthData" in head


class _Counted:
    """A binary file read through, telling ``progress`` the share read now and then."""

    def __init__(self, stream: BinaryIO, size: int, progress: Progress | None) -> None:
        self._stream = stream
        self._size = max(size, 1)
        self._progress = progress
        self._read = 0
        self._reported = 0

    def read(self, size: int = -1) -> bytes:
        block = self._stream.read(size)
        self._read += len(block)
        if self._progress is not None and self._read - self._reported >= _REPORT_BYTES:
            self._reported = self._read
            if not self._progress(min(self._read / self._size, 1.0)):
                raise ReadCancelled
        return block


def scan_apple_health(
    stream: BinaryIO, size: int, *, today: date, progress: Progress | None = None
) -> ScannedWeights:
    """The body-mass records of an Apple Health export read from ``stream`` (``size`` bytes).

    Raises:
        WeightFileError: the XML is broken, unsafe, or not an Apple Health export.
        ReadCancelled: ``progress`` returned ``False``.
    """
    records = WeighInRecords(names=("startDate", "value"), unit=None)
    root: Element | None = None
    depth = 0
    try:
        for event, element in iterparse(
            _Counted(stream, size, progress),
            events=("start", "end"),
            forbid_dtd=False,
            forbid_entities=True,
            forbid_external=True,
        ):
            if event == "start":
                depth += 1
                if root is None:
                    root = element
                    if element.tag != "HealthData":
                        raise WeightFileError(_NOT_APPLE)
                elif depth == 2 and element.tag == "Record":
                    _add(records, element)
                continue
            depth -= 1
            if depth == 1 and root is not None:
                root.clear()  # the element just read, and any before it, go
    except EntitiesForbidden:
        raise WeightFileError(
            "This XML file declares entities (as an entity bomb or a reference to another "
            "file does): Legwork does not read such XML."
        ) from None
    except (ExternalReferenceForbidden, DTDForbidden):
        raise WeightFileError(
            "This XML file refers to another document: Legwork does not read such XML."
        ) from None
    except ParseError as error:
        raise WeightFileError(f"This XML file is broken ({error}).") from None
    if not len(records):
        raise WeightFileError(
            "No weigh-ins in this Apple Health export: it has no body-mass records."
        )
    if progress is not None and not progress(1.0):
        raise ReadCancelled
    return records.scanned(today=today)


_NOT_APPLE = (
    "This XML file is not an Apple Health export (export.xml): export the weigh-ins as CSV."
)


def _add(records: WeighInRecords, element: Element) -> None:
    """A body-mass record's date and weight, with its unit (other records are skipped)."""
    if element.get("type") != _BODY_MASS:
        return
    value, unit = element.get("value", "").strip(), element.get("unit", "").strip()
    if unit in _CONVERTED and value:
        unit, factor = _CONVERTED[unit]
        with contextlib.suppress(ValueError):  # not a number: refused as it is
            value = f"{float(value) * factor:.6g}"
    weight = f"{value} {unit}" if value else ""
    records.note_unit(UNIT_WORDS.get(unit.lower()))
    records.add(len(records) + 1, element.get("startDate", ""), weight)
