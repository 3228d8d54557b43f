"""``legwork import-weights``: weigh-ins from a CSV file, all or nothing."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from planner import cli
from planner.core.model import WeightEntry
from planner.core.settings import KG_PER_POUND
from planner.storage.db import open_database

TODAY = "2026-11-18"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A new plan with two weigh-ins."""
    db = tmp_path / "plan.sqlite3"
    with open_database(db) as database:
        database.repository.bulk_insert_weights(
            [WeightEntry(date(2026, 11, 10), 72.0), WeightEntry(date(2026, 11, 12), 71.5)]
        )
    return db


def weights(db: Path) -> list[tuple[str, float]]:
    with cli.open_readonly_repository(db) as repository:
        return [
            (e.day.isoformat(), round(e.kg, 4))
            for e in repository.weights_between(date(1900, 1, 1), date(2100, 1, 1))
        ]


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main(["import-weights", *(str(a) for a in argv), "--today", TODAY])
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_imports_a_good_file(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "scale.csv"
    csv.write_text("Datum;Gewicht (kg)\n09.11.2026;72,2\n10.11.2026;72,0\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", plan, csv)
    assert (code, err) == (0, "")
    assert out == f"{csv}: 1 added, 0 replaced, 1 already there\n"
    assert weights(plan) == [("2026-11-09", 72.2), ("2026-11-10", 72.0), ("2026-11-12", 71.5)]


def test_a_refused_row_imports_nothing(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "scale.csv"
    csv.write_text("date,weight\n2026-11-09,72.2\n2026-11-31,72\n2026-11-11,700\n")
    before = digest(plan)
    code, out, err = run(capsys, "--db", plan, csv)
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        f"legwork: {csv}: row 3: '2026-11-31' is not a date.",
        f"legwork: {csv}: row 4: 700 kg is not a plausible body weight: a weigh-in is 20 to "
        "300 kg.",
        f"legwork: error: {csv}: 2 rows refused; nothing was imported",
        "legwork: hint: Fix or remove those rows and import the file again.",
    ]
    assert digest(plan) == before


def test_same_days_need_replace(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "scale.csv"
    csv.write_text("date,weight\n2026-11-09,72.2\n2026-11-12,70.9\n")
    code, _, err = run(capsys, "--db", plan, csv)
    assert code == 1
    assert "1 day already has a different weigh-in (2026-11-12: 71.5 kg logged" in err
    assert "--replace" in err
    assert weights(plan) == [("2026-11-10", 72.0), ("2026-11-12", 71.5)]
    code, out, _ = run(capsys, "--db", plan, csv, "--replace")
    assert code == 0
    assert out == f"{csv}: 1 added, 1 replaced, 0 already there\n"
    assert weights(plan) == [("2026-11-09", 72.2), ("2026-11-10", 72.0), ("2026-11-12", 70.9)]


def test_pounds_and_the_date_order(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "scale.csv"
    csv.write_text("date,weight\n11/05/2026,160\n11/06/2026,159\n")
    code, _, err = run(capsys, "--db", plan, csv, "--unit", "lb")
    assert code == 1
    assert "could be day/month/year or month/day/year" in err
    assert "--date-order" in err
    code, _, _ = run(capsys, "--db", plan, csv, "--unit", "lb", "--date-order", "mdy")
    assert code == 0
    assert ("2026-11-05", round(160 * KG_PER_POUND, 4)) in weights(plan)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "The file is empty."), (b"\x89PNG\r\n\x1a\n\x00", "This is not a CSV file")],
)
def test_files_that_are_not_weight_tables(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    csv = tmp_path / "scale.csv"
    csv.write_bytes(content)
    code, _, err = run(capsys, "--db", plan, csv)
    assert code == 1
    assert message in err
    assert weights(plan) == [("2026-11-10", 72.0), ("2026-11-12", 71.5)]


def test_a_missing_plan_or_file(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "--db", tmp_path / "nope.sqlite3", tmp_path / "x.csv")
    assert code == 1
    assert "no such database file" in err
    code, _, err = run(capsys, "--db", plan, tmp_path / "x.csv")
    assert code == 1
    assert "x.csv" in err


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        ("kg", "2026-11-12: 71.8 kg logged, 71.804 kg in the file"),
        ("lb", "2026-11-12: 158.29 lb logged, 158.3 lb in the file"),
    ],
)
def test_a_conflict_shows_enough_digits_to_tell_the_weights_apart(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, units: str, expected: str
) -> None:
    db = tmp_path / "plan.sqlite3"
    with open_database(db) as database:
        database.repository.bulk_insert_weights([WeightEntry(date(2026, 11, 12), 71.8)])
    assert cli.main(["config", "--db", str(db), "weight-units", units]) == 0
    csv = tmp_path / "scale.csv"
    csv.write_text("date,weight (lb)\n2026-11-12,158.3\n")  # 71.8037 kg
    capsys.readouterr()
    code, _, err = run(capsys, "--db", db, csv)
    assert code == 1
    assert f"1 day already has a different weigh-in ({expected}); nothing was imported" in err


def test_a_field_too_long_is_named_with_its_line_and_the_limit(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "scale.csv"
    csv.write_text("date,weight,note\n2026-11-09,72.2,\n2026-11-11,72," + "x" * 140_000 + "\n")
    before = digest(plan)
    code, out, err = run(capsys, "--db", plan, csv)
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"legwork: {csv}: row 3: Malformed row: line 3 has a field longer than 131,072 "
        "characters, the most a CSV field may hold."
    )
    assert "quotes" not in err
    assert digest(plan) == before


def test_a_large_file_prints_a_bounded_summary(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    from tests.helpers.weight_files import write_daily_weights

    csv = write_daily_weights(tmp_path / "scale.csv", 30_000, accepted=1_000)
    before = digest(plan)
    code, out, err = run(capsys, "--db", plan, csv)
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0] == f"legwork: {csv}: row 1002: 2026-11-19 is after today (2026-11-18)."
    assert lines[19] == f"legwork: {csv}: row 1021: 2026-12-08 is after today (2026-11-18)."
    assert lines[20:] == [
        f"legwork: {csv}: and 28,980 more rows like these (after today)",
        f"legwork: error: {csv}: 29,000 rows refused; nothing was imported",
        "legwork: hint: Fix or remove those rows and import the file again.",
    ]
    assert digest(plan) == before


def test_a_file_far_too_large_is_refused_before_it_is_read(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "scale.csv"
    with csv.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no disk space used
    code, _, err = run(capsys, "--db", plan, csv)
    assert code == 1
    assert err.splitlines()[0] == (
        f"legwork: error: {csv}: 21 MB is far larger than a table of weigh-ins (at most 20 MB)."
    )
    assert weights(plan) == [("2026-11-10", 72.0), ("2026-11-12", 71.5)]


# -- the devices' own exports ------------------------------------------------------------------
GARMIN = (
    "Time,Weight,Change,BMI,Body Fat,Skeletal Muscle Mass,Bone Mass,Body Water,\n"
    '" Nov 14, 2026",\n'
    "07:12,158.4 lbs,0.4 lbs,22.1,--,--,--,--,\n"
    '" Nov 12, 2026",\n'
    "06:58,71.5 kg,0.1 kg,22.0,--,--,--,--,\n"
)


def imported(capsys: pytest.CaptureFixture[str], plan: Path, path: Path, *rest: str) -> None:
    """Import ``path`` with the options in ``rest``; its last item is the summary expected."""
    *options, summary = rest
    code, out, err = run(capsys, "--db", plan, path, *options)
    assert (code, err) == (0, "")
    assert out == f"{path}: {summary}\n"


def test_a_garmin_connect_export_with_its_units(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    export = tmp_path / "Weight.csv"
    export.write_text(GARMIN, encoding="utf-8")
    imported(capsys, plan, export, "--unit", "kg", "1 added, 0 replaced, 1 already there")
    assert ("2026-11-14", round(158.4 * KG_PER_POUND, 4)) in weights(plan)


def test_a_garmin_second_weigh_in_of_a_day_refuses_the_file(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    export = tmp_path / "Weight.csv"
    export.write_text(GARMIN + "21:00,71.9 kg,0.4 kg,22.1,--,--,--,--,\n", encoding="utf-8")
    before = digest(plan)
    code, _, err = run(capsys, "--db", plan, export)
    assert code == 1
    assert err.splitlines()[0] == (
        f"legwork: {export}: row 6: Row 5 already has a weigh-in on 2026-11-12: "
        "one weigh-in per day."
    )
    assert digest(plan) == before


def test_a_fitbit_json_file_in_the_unit_given(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    export = tmp_path / "weight-2026-11-01.json"
    export.write_text(
        '[{"logId": 1, "weight": 160.0, "bmi": 23.4, "date": "11/13/26", "time": "07:12:00",'
        ' "source": "Aria"}, {"logId": 2, "weight": 159.5, "date": "11/14/26"}]'
    )
    imported(capsys, plan, export, "--unit", "lb", "2 added, 0 replaced, 0 already there")
    assert weights(plan)[-2:] == [
        ("2026-11-13", round(160 * KG_PER_POUND, 4)),
        ("2026-11-14", round(159.5 * KG_PER_POUND, 4)),
    ]


def test_a_fitbit_csv_export_reads_its_body_section(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    export = tmp_path / "fitbit_export_20261118.csv"
    export.write_text(
        'Body\nDate,Weight,BMI,Fat\n"2026-11-13","160.0","23.4","0"\n\n'
        'Activities\nDate,Calories Burned,Steps\n"2026-11-13","2,410","10532"\n'
    )
    imported(capsys, plan, export, "--unit", "lb", "1 added, 0 replaced, 0 already there")
    assert ("2026-11-13", round(160 * KG_PER_POUND, 4)) in weights(plan)


def test_a_samsung_health_export(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    export = tmp_path / "com.samsung.health.weight.20261118093000.csv"
    export.write_text(
        "com.samsung.health.weight,6315002,6\n"
        "skeletal_muscle_mass,weight,update_time,start_time,time_offset,datauuid\n"
        ",71.2,2026-11-14 06:00:00.000,2026-11-13 23:30:00.000,UTC+0100,a,\n"
    )
    imported(capsys, plan, export, "--unit", "lb", "1 added, 0 replaced, 0 already there")
    assert ("2026-11-14", 71.2) in weights(plan)


APPLE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
]>
<HealthData locale="en_US">
 <ExportDate value="2026-11-18 10:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierStepCount" unit="count" value="120"
  startDate="2026-11-13 07:00:00 +0100"/>
 <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Health" unit="{unit}" value="{value}"
  startDate="2026-11-13 07:12:00 +0100" endDate="2026-11-13 07:12:00 +0100"/>
 {extra}
</HealthData>
"""


def test_an_apple_health_export(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    export = tmp_path / "export.xml"
    export.write_text(APPLE.format(unit="lb", value="160", extra=""))
    imported(capsys, plan, export, "--unit", "kg", "1 added, 0 replaced, 0 already there")
    assert ("2026-11-13", round(160 * KG_PER_POUND, 4)) in weights(plan)


def test_an_apple_health_export_with_an_entity_is_refused(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    export = tmp_path / "export.xml"
    text = APPLE.format(unit="kg", value="&w;", extra="")
    export.write_text(text.replace("]>", '<!ENTITY w SYSTEM "file:///etc/hostname">\n]>'))
    before = digest(plan)
    code, _, err = run(capsys, "--db", plan, export)
    assert code == 1
    assert "declares entities" in err and "Nothing was imported." in err
    assert digest(plan) == before


def test_a_fit_weight_scale_file(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from tests.helpers.fit_weights import write_fit_weights

    fit = write_fit_weights(
        tmp_path / "2026-11-14-06-58-00.fit",
        [(datetime(2026, 11, 14, 12, 0, tzinfo=UTC), 70.85)],
    )
    imported(capsys, plan, fit, "--unit", "lb", "1 added, 0 replaced, 0 already there")
    assert ("2026-11-14", 70.85) in weights(plan)


def test_a_fit_file_that_is_no_weigh_ins_is_refused(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    from fit_tool.profile.profile_type import FileType

    from tests.helpers.fit_weights import fit_weights

    fit = tmp_path / "run.fit"
    fit.write_bytes(fit_weights([], file_type=FileType.ACTIVITY))
    code, _, err = run(capsys, "--db", plan, fit)
    assert code == 1
    assert f"{fit}: No weigh-ins in this FIT file (it is a FIT file of type 'activity')" in err
    assert weights(plan) == [("2026-11-10", 72.0), ("2026-11-12", 71.5)]
