"""Weigh-ins from FIT weight-scale files (weight_scale messages), and FIT files refused."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fit_tool.profile.profile_type import FileType

from planner.interchange.weight_cells import WeightUnit
from planner.interchange.weight_files import scan_weights_data, scan_weights_file
from planner.interchange.weight_rows import RefusalKind, WeightFileError
from tests.helpers.fit_weights import fit_weights, write_fit_weights

TODAY = date(2026, 11, 18)
#: Midday UTC: the same date in any time zone from UTC-11 to UTC+11.
INDEX_S2 = [
    (datetime(2025, 11, 24, 12, 0, tzinfo=UTC), 71.6),
    (datetime(2025, 11, 25, 12, 0, tzinfo=UTC), 71.85),
]


def test_weight_scale_messages_in_kilograms(tmp_path: Path) -> None:
    path = write_fit_weights(tmp_path / "WEIGHT.FIT", INDEX_S2)
    found = scan_weights_file(path, today=TODAY).resolve(unit=WeightUnit.LB)
    assert [(r.row, r.entry.day.isoformat(), r.entry.kg) for r in found.accepted] == [
        (1, "2025-11-24", 71.6),
        (2, "2025-11-25", 71.85),
    ]
    assert (found.unit, found.unit_in_header, found.refused) == (WeightUnit.KG, True, ())


def test_found_by_its_header_whatever_the_name() -> None:
    found = scan_weights_data(fit_weights(INDEX_S2), name="scale-backup.bin", today=TODAY)
    assert len(found.resolve().accepted) == 2


def test_a_reading_without_a_weight_and_a_second_of_the_day_are_refused() -> None:
    data = fit_weights(
        [*INDEX_S2, (datetime(2025, 11, 25, 13, 0, tzinfo=UTC), 71.9), (INDEX_S2[0][0], None)]
    )
    found = scan_weights_data(data, today=TODAY).resolve()
    assert [(r.row, r.kind) for r in found.refused] == [
        (3, RefusalKind.SECOND_OF_DAY),
        (4, RefusalKind.NO_WEIGHT),
    ]


def _damaged() -> bytes:
    data = bytearray(fit_weights(INDEX_S2))
    data[-4] ^= 0x55  # a byte of the last message: the checksum no longer matches
    return bytes(data)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (_damaged(), "checksum does not match"),
        (fit_weights(INDEX_S2)[:-9], "cut short"),
        (b"\x07random bytes, not a FIT file\x00" * 4, "not a FIT file"),
        (fit_weights([], file_type=FileType.ACTIVITY), "No weigh-ins in this FIT file"),
        (fit_weights([], file_type=FileType.SETTINGS), "type 'settings'"),
    ],
    ids=["bad crc", "truncated", "random", "activity", "settings"],
)
def test_bad_fit_files_are_refused_with_a_reason(data: bytes, why: str) -> None:
    with pytest.raises(WeightFileError, match=why):
        scan_weights_data(data, name="scale.fit", today=TODAY)
