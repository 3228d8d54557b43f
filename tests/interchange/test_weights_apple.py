"""Weigh-ins from Apple Health's export.xml: body-mass records, streamed, XML read safely."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from planner.core.settings import KG_PER_POUND
from planner.interchange.weight_cells import WeightUnit
from planner.interchange.weight_files import scan_weights_data, scan_weights_file
from planner.interchange.weight_rows import ReadCancelled, RefusalKind, WeightFileError
from planner.interchange.weights_apple import scan_apple_health

TODAY = date(2026, 11, 18)
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
]>
<HealthData locale="en_US">
 <ExportDate value="2025-12-01 10:00:00 +0100"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-04-01"/>
"""
STEPS = (
    ' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" '
    'startDate="2025-11-25 07:00:00 +0100" endDate="2025-11-25 07:10:00 +0100" value="412"/>\n'
)


def body_mass(value: str, unit: str, start: str) -> str:
    return (
        f' <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="{unit}" '
        f'creationDate="{start}" startDate="{start}" endDate="{start}" value="{value}">\n'
        '  <MetadataEntry key="HKWasUserEntered" value="0"/>\n'
        " </Record>\n"
    )


def export(*records: str) -> bytes:
    return (HEAD + STEPS + "".join(records) + STEPS + "</HealthData>\n").encode()


def test_body_mass_records_in_their_own_units_on_their_local_day() -> None:
    data = export(
        body_mass("71.8", "kg", "2025-11-25 07:12:00 +0100"),
        body_mass("158.2", "lb", "2025-11-26 23:50:00 -0500"),
        body_mass("71800", "g", "2025-11-27 07:00:00 +0100"),
    )
    found = scan_weights_data(data, name="export.xml", today=TODAY).resolve(unit=WeightUnit.LB)
    assert [(r.row, r.entry.day.isoformat(), round(r.entry.kg, 3)) for r in found.accepted] == [
        (1, "2025-11-25", 71.8),
        (2, "2025-11-26", round(158.2 * KG_PER_POUND, 3)),
        (3, "2025-11-27", 71.8),
    ]
    assert (found.unit, found.unit_in_header, found.refused) == (WeightUnit.KG, True, ())


def test_bad_records_are_refused_by_their_place() -> None:
    data = export(
        body_mass("71.8", "kg", "2025-11-25 07:12:00 +0100"),
        body_mass("71.9", "kg", "2025-11-25 19:00:00 +0100"),
        body_mass("12", "oz", "2025-11-26 07:00:00 +0100"),
        body_mass("70.1", "kg", "2026-12-01 07:00:00 +0100"),
    )
    found = scan_weights_data(data, today=TODAY).resolve()
    assert [(r.row, r.kind) for r in found.refused] == [
        (2, RefusalKind.SECOND_OF_DAY),
        (3, RefusalKind.NOT_A_WEIGHT),
        (4, RefusalKind.AFTER_TODAY),
    ]
    assert found.refused[1].reason == "'12 oz' is not a weight."


def test_found_by_content_and_streamed_from_the_disk(tmp_path: Path) -> None:
    path = tmp_path / "apple_health_export.data"
    path.write_bytes(export(body_mass("71.8", "kg", "2025-11-25 07:12:00 +0100")))
    found = scan_weights_file(path, today=TODAY).resolve()
    assert [r.entry.kg for r in found.accepted] == [71.8]


def test_a_large_export_reports_progress_and_stops_when_asked() -> None:
    filler = STEPS * 20_000  # about 3 MB of step counts
    data = export(filler, body_mass("71.8", "kg", "2025-11-25 07:12:00 +0100"), filler)
    seen: list[float] = []

    def going_on(done: float) -> bool:
        seen.append(done)
        return True

    found = scan_apple_health(io.BytesIO(data), len(data), today=TODAY, progress=going_on).resolve()
    assert len(found.accepted) == 1
    assert len(seen) >= 3 and seen == sorted(seen) and seen[-1] == 1.0
    with pytest.raises(ReadCancelled):
        scan_apple_health(io.BytesIO(data), len(data), today=TODAY, progress=lambda done: False)


ENTITY_BOMB = """<?xml version="1.0"?>
<!DOCTYPE HealthData [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
<HealthData locale="en_US">
 <Record type="HKQuantityTypeIdentifierBodyMass" unit="kg" value="&lol2;"
   startDate="2025-11-25 07:12:00 +0100"/>
</HealthData>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE HealthData [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<HealthData locale="en_US">
 <Record type="HKQuantityTypeIdentifierBodyMass" unit="kg" value="&secret;"
   startDate="2025-11-25 07:12:00 +0100"/>
</HealthData>
"""


@pytest.mark.parametrize("xml", [ENTITY_BOMB, EXTERNAL_ENTITY], ids=["bomb", "external"])
def test_entities_are_refused_unread(xml: str) -> None:
    with pytest.raises(WeightFileError, match="declares entities"):
        scan_weights_data(xml.encode(), name="export.xml", today=TODAY)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (export(body_mass("71.8", "kg", "2025-11-25 07:12:00 +0100"))[:-40], "XML file is broken"),
        (export(), "no body-mass records"),
        (b'<?xml version="1.0"?><HealthData><ExportDate value="x"/></HealthData>', "no body"),
    ],
    ids=["cut short", "no weigh-ins", "bare"],
)
def test_broken_or_empty_exports_are_refused(data: bytes, why: str) -> None:
    with pytest.raises(WeightFileError, match=why):
        scan_weights_data(data, name="export.xml", today=TODAY)


def test_other_xml_is_still_refused_as_not_csv() -> None:
    with pytest.raises(WeightFileError, match="XML or HTML"):
        scan_weights_data(b"<html><body>weights</body></html>", today=TODAY)
