"""Weigh-ins from Garmin Connect, Fitbit and Samsung Health exports, told apart by content."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.core.settings import KG_PER_POUND
from planner.interchange.weight_cells import WeightUnit
from planner.interchange.weight_files import scan_weights_data, scan_weights_file
from planner.interchange.weight_rows import RefusalKind, WeightFile, WeightFileError

TODAY = date(2026, 11, 18)

GARMIN = (
    "Time,Weight,Change,BMI,Body Fat,Skeletal Muscle Mass,Bone Mass,Body Water,\n"
    '" Nov 25, 2025",\n'
    "07:12,71.8 kg,0.2 kg,22.1,--,--,--,--,\n"
    '" Nov 24, 2025",\n'
    "06:58,71.6 kg,0.1 kg,22.0,--,--,--,--,\n"
)
FITBIT_JSON = [
    {"logId": 1764054720000, "weight": 158.4, "bmi": 23.41, "date": "11/25/25", "time": "07:12:00"},
    {"logId": 1764141120000, "weight": 158.0, "bmi": 23.35, "date": "11/26/25", "time": "07:01:00"},
]
FITBIT_CSV = (
    "Body\n"
    "Date,Weight,BMI,Fat\n"
    '"25-11-2025","158.4","23.41","0"\n'
    '"26-11-2025","158.0","23.35","0"\n'
    "\n"
    "Activities\n"
    "Date,Calories Burned,Steps,Distance\n"
    '"25-11-2025","2,410","10532","7.9"\n'
)
SAMSUNG = (
    "com.samsung.health.weight,6315002,6\n"
    "total_body_water,skeletal_muscle_mass,weight,update_time,create_time,start_time,"
    "time_offset,deviceuuid,datauuid\n"
    ",,71.8,2025-11-25 06:13:00.000,2025-11-25 06:13:00.000,2025-11-24 23:30:00.000,"
    "UTC+0100,dev,one,\n"
    ",,72.1,2025-11-27 06:00:00.000,2025-11-27 06:00:00.000,2025-11-27 04:00:00.000,"
    "UTC-0500,dev,two,\n"
)


def read(data: str | bytes, name: str = "", **options: object) -> WeightFile:
    raw = data.encode() if isinstance(data, str) else data
    return scan_weights_data(raw, name=name, today=TODAY).resolve(**options)  # type: ignore[arg-type]


def accepted(found: WeightFile) -> list[tuple[int, str, float]]:
    return [(row.row, row.entry.day.isoformat(), round(row.entry.kg, 2)) for row in found.accepted]


# -- Garmin Connect ----------------------------------------------------------------------------
def test_garmin_rows_take_the_day_above_and_the_unit_of_their_cell() -> None:
    found = read(GARMIN, "Weight.csv")
    assert accepted(found) == [(3, "2025-11-25", 71.8), (5, "2025-11-24", 71.6)]
    assert (found.unit, found.unit_in_header, found.refused) == (WeightUnit.KG, True, ())


def test_garmin_in_pounds_is_converted_whatever_the_unit_asked() -> None:
    found = read(GARMIN.replace(" kg", " lbs"), "Weight.csv", unit=WeightUnit.KG)
    assert [round(row.entry.kg, 3) for row in found.accepted] == [
        round(71.8 * KG_PER_POUND, 3),
        round(71.6 * KG_PER_POUND, 3),
    ]
    assert found.unit is WeightUnit.LB


def test_garmin_second_weigh_in_of_a_day_is_refused_as_in_a_csv() -> None:
    found = read(GARMIN + "21:40,72.4 kg,0.8 kg,22.2,--,--,--,--,\n")
    assert accepted(found) == [(3, "2025-11-25", 71.8), (5, "2025-11-24", 71.6)]
    assert [(row.row, row.reason) for row in found.refused] == [
        (6, "Row 5 already has a weigh-in on 2025-11-24: one weigh-in per day.")
    ]


def test_garmin_bad_rows_are_refused_with_their_line() -> None:
    text = GARMIN.replace("06:58,71.6 kg", "06:58,--") + '" Dec 2, 2026",\n07:00,71.0 kg,,\n'
    found = read(text)
    assert [(row.row, row.kind, row.reason) for row in found.refused] == [
        (5, RefusalKind.NOT_A_WEIGHT, "'--' is not a weight."),
        (7, RefusalKind.AFTER_TODAY, "2026-12-02 is after today (2026-11-18)."),
    ]


def test_garmin_in_another_language() -> None:
    text = GARMIN.replace("Time,Weight,Change", "Zeit,Gewicht,Änderung").replace(
        "Nov 25, 2025", "25. Nov. 2025"
    )
    assert accepted(read(text)) == [(3, "2025-11-25", 71.8), (5, "2025-11-24", 71.6)]


def test_a_csv_whose_first_weight_is_missing_is_not_taken_for_garmin() -> None:
    found = read("time,weight\n2025-11-24 07:00,\n2025-11-25 07:00,71.8\n")
    assert accepted(found) == [(3, "2025-11-25", 71.8)]
    assert [(row.row, row.reason) for row in found.refused] == [(2, "No weight.")]


def test_garmin_is_found_by_content_whatever_the_name(tmp_path: Path) -> None:
    path = tmp_path / "download (3).txt"
    path.write_text(GARMIN, encoding="utf-8")
    assert accepted(scan_weights_file(path, today=TODAY).resolve()) == [
        (3, "2025-11-25", 71.8),
        (5, "2025-11-24", 71.6),
    ]


# -- Fitbit --------------------------------------------------------------------------------------
def test_fitbit_json_dates_are_month_first_and_weights_in_the_unit_given() -> None:
    found = read(json.dumps(FITBIT_JSON), "weight-2025-11-01.json", unit=WeightUnit.LB)
    assert accepted(found) == [
        (1, "2025-11-25", round(158.4 * KG_PER_POUND, 2)),
        (2, "2025-11-26", round(158.0 * KG_PER_POUND, 2)),
    ]
    assert (found.unit, found.unit_in_header) == (WeightUnit.LB, False)


def test_fitbit_json_in_kilograms_when_the_runner_says_so() -> None:
    found = read(json.dumps(FITBIT_JSON).replace("158.", "71."), unit=WeightUnit.KG)
    assert accepted(found) == [(1, "2025-11-25", 71.4), (2, "2025-11-26", 71.0)]


def test_fitbit_json_never_guesses_the_unit_from_the_numbers() -> None:
    """158.4 read as kilograms is still kilograms: a plausible-weight refusal, not pounds."""
    found = read(json.dumps(FITBIT_JSON[:1]).replace("158.4", "358.4"), unit=WeightUnit.KG)
    assert [row.kind for row in found.refused] == [RefusalKind.IMPLAUSIBLE]


def test_fitbit_json_bad_records_are_refused_by_their_place() -> None:
    records = [
        *FITBIT_JSON,
        {"date": "02/30/25", "weight": 150},
        {"date": "11/27/25", "weight": None},
    ]
    found = read(json.dumps(records), unit=WeightUnit.LB)
    assert [(row.row, row.reason) for row in found.refused] == [
        (3, "'02/30/25' is not a date."),
        (4, "No weight."),
    ]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ('{"weight": []}', "not a Fitbit weight export"),
        ('[{"day": "2025-11-25", "kg": 72}]', "not a Fitbit weight export"),
        ('[{"date": "11/25/25", "weight": 72}', "JSON file is broken"),
    ],
)
def test_other_json_is_refused_with_a_reason(data: str, why: str) -> None:
    with pytest.raises(WeightFileError, match=why):
        read(data, "weight-2025-11-01.json")


def test_fitbit_csv_reads_the_body_section_only() -> None:
    found = read(FITBIT_CSV, "fitbit_export_20251201.csv", unit=WeightUnit.LB)
    assert accepted(found) == [
        (3, "2025-11-25", round(158.4 * KG_PER_POUND, 2)),
        (4, "2025-11-26", round(158.0 * KG_PER_POUND, 2)),
    ]
    assert (found.date_column, found.weight_column, found.refused) == ("Date", "Weight", ())


def test_fitbit_csv_with_its_unit_in_the_header() -> None:
    found = read(FITBIT_CSV.replace("Date,Weight,", "Date,Weight (kg),").replace("158.", "71."))
    assert (found.unit, found.unit_in_header) == (WeightUnit.KG, True)
    assert accepted(found)[0] == (3, "2025-11-25", 71.4)


# -- Samsung Health ----------------------------------------------------------------------------
def test_samsung_kilograms_on_the_local_day_of_start_time() -> None:
    found = read(SAMSUNG, "com.samsung.health.weight.20251201120000.csv", unit=WeightUnit.LB)
    # 23:30 UTC at UTC+01:00 is the next morning; 04:00 UTC at UTC-05:00 the evening before.
    assert accepted(found) == [(3, "2025-11-25", 71.8), (4, "2025-11-26", 72.1)]
    assert (found.unit, found.unit_in_header, found.refused) == (WeightUnit.KG, True, ())


def test_samsung_columns_named_with_their_data_type_and_found_by_content() -> None:
    lines = SAMSUNG.splitlines()
    header = ",".join(f"com.samsung.health.weight.{name}" for name in lines[1].split(","))
    found = read("\n".join([lines[0], header, lines[3]]) + "\n", "export.csv")
    assert accepted(found) == [(3, "2025-11-26", 72.1)]


def test_samsung_without_a_weight_column_is_refused() -> None:
    with pytest.raises(WeightFileError, match="no weight column"):
        read(
            "com.samsung.health.weight,6315002,6\nstart_time,height\n2025-11-25 06:00:00.000,180\n"
        )
