"""Weigh-ins from CSV: columns by header, units, decimal commas, date forms, refused rows."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.model import WeightEntry
from planner.core.settings import KG_PER_POUND
from planner.interchange.weights_csv import (
    DateOrder,
    WeightFile,
    WeightFileError,
    WeightUnit,
    read_weights_csv,
)

TODAY = date(2026, 11, 18)


def read(text: str | bytes, **options: object) -> WeightFile:
    return read_weights_csv(text, today=TODAY, **options)  # type: ignore[arg-type]


def accepted(result: WeightFile) -> list[tuple[int, date, float]]:
    return [(row.row, row.entry.day, round(row.entry.kg, 6)) for row in result.accepted]


def refused(result: WeightFile) -> list[int]:
    return [row.row for row in result.refused]


# -- good files ------------------------------------------------------------------------------
def test_a_good_file() -> None:
    result = read("date,weight\n2026-01-03,72.5\n2026-01-04,72.1\n")
    assert accepted(result) == [(2, date(2026, 1, 3), 72.5), (3, date(2026, 1, 4), 72.1)]
    assert result.refused == ()
    assert (result.date_column, result.weight_column) == ("date", "weight")
    assert result.unit is WeightUnit.KG
    assert result.entries == [
        WeightEntry(date(2026, 1, 3), 72.5),
        WeightEntry(date(2026, 1, 4), 72.1),
    ]


def test_decimal_commas_with_semicolons_and_day_first_dotted_dates() -> None:
    result = read("Datum;Gewicht (kg)\n31.12.2025;72,5\n01.01.2026;71,9\n")
    assert accepted(result) == [(2, date(2025, 12, 31), 72.5), (3, date(2026, 1, 1), 71.9)]
    assert result.unit_in_header


def test_quoted_decimal_comma_in_a_comma_separated_file() -> None:
    result = read('date,weight\n2026-01-03,"72,5"\n')
    assert accepted(result) == [(2, date(2026, 1, 3), 72.5)]


def test_day_first_slashes_settled_by_the_column() -> None:
    # 31/12 can only be day first, so 03/04 is 3 April.
    result = read("date,weight\n03/04/2026,70\n31/12/2025,71\n")
    assert result.date_order is DateOrder.DAY_FIRST
    assert accepted(result) == [(2, date(2026, 4, 3), 70.0), (3, date(2025, 12, 31), 71.0)]


def test_month_first_slashes_settled_by_the_column() -> None:
    result = read("date,weight\n03/04/2026,70\n12/31/2025,71\n")
    assert result.date_order is DateOrder.MONTH_FIRST
    assert accepted(result) == [(2, date(2026, 3, 4), 70.0), (3, date(2025, 12, 31), 71.0)]


def test_iso_dates_with_times_and_weekday_and_month_names() -> None:
    text = (
        "Date,Weight\n"
        "2026-01-03 07:12:45,70\n"
        "2026-01-04T06:59:00Z,70.1\n"
        '"Jan 5, 2026",70.2\n'
        "6 Jan 2026,70.3\n"
        '"Wednesday, January 7, 2026 7:05 AM",70.4\n'
        "08-Jan-2026,70.5\n"
        "9. Januar 2026,70.6\n"
        "20260110,70.7\n"
        "2026/01/11,70.8\n"
    )
    result = read(text)
    assert result.refused == ()
    assert [row.entry.day for row in result.accepted] == [date(2026, 1, d) for d in range(3, 12)]


def test_pounds_from_the_header_and_from_a_cell() -> None:
    result = read("Date,Weight (lbs)\n2026-01-03,160\n2026-01-04,72 kg\n")
    assert result.unit is WeightUnit.LB
    assert accepted(result) == [
        (2, date(2026, 1, 3), pytest.approx(160 * 0.45359237)),
        (3, date(2026, 1, 4), 72.0),
    ]
    assert [row.unit for row in result.accepted] == [WeightUnit.LB, WeightUnit.KG]


def test_the_unit_argument_applies_when_the_header_names_none() -> None:
    assert accepted(read("date,weight\n2026-01-03,160\n", unit=WeightUnit.LB)) == [
        (2, date(2026, 1, 3), pytest.approx(160 * KG_PER_POUND))
    ]
    # ... but the header wins over it
    assert accepted(read("date,kg\n2026-01-03,80\n", unit=WeightUnit.LB)) == [
        (2, date(2026, 1, 3), 80.0)
    ]


def test_a_scale_export_with_other_mass_columns() -> None:
    text = (
        '"Date","Fat mass (kg)","Weight (kg)","Bone mass (kg)","BMI","Comments"\n'
        '"2026-01-03 07:12:45","15.1","72.5","3.1","22.4",""\n'
    )
    result = read(text)
    assert result.weight_column == "Weight (kg)"
    assert accepted(result) == [(2, date(2026, 1, 3), 72.5)]


def test_tab_separated_with_a_bom_and_windows_line_ends() -> None:
    data = "\ufeffDay\tBody weight\r\n2026-01-03\t72.5\r\n".encode()
    assert accepted(read(data)) == [(2, date(2026, 1, 3), 72.5)]


def test_windows_1252_and_utf16_files() -> None:
    latin = "Datum;Körpergewicht\n03.01.2026;72,5\n".encode("cp1252")
    assert accepted(read(latin)) == [(2, date(2026, 1, 3), 72.5)]
    utf16 = "date,weight\n2026-01-03,72.5\n".encode("utf-16")
    assert accepted(read(utf16)) == [(2, date(2026, 1, 3), 72.5)]


def test_a_file_without_a_header() -> None:
    result = read("2026-01-03,72.5\n2026-01-04,72.4\n")
    assert accepted(result) == [(1, date(2026, 1, 3), 72.5), (2, date(2026, 1, 4), 72.4)]
    assert (result.date_column, result.weight_column) == ("", "")


# -- refused rows ----------------------------------------------------------------------------
def test_bad_rows_are_refused_with_their_row_numbers_and_reasons() -> None:
    text = (
        "date,weight\n"  # row 1
        "2026-01-03,72.5\n"  # 2: fine
        "\n"  # 3: blank, skipped (but counted)
        "2026-13-01,72\n"  # 4: no month 13
        "yesterday,72\n"  # 5: not a date
        "2026-01-05,heavy\n"  # 6: not a weight
        "2026-01-06,19.9\n"  # 7: below 20 kg
        "2026-01-07,300.1\n"  # 8: above 300 kg
        "2026-11-19,72\n"  # 9: after today
        "2026-01-08\n"  # 10: too few fields
        '2026-01-09,"72\n'  # 11: quotes do not balance
        "2026-01-10,72,5\n"  # 12: unquoted decimal comma: three fields
        "2026-01-11,\n"  # 13: no weight
        ",72\n"  # 14: no date
        "2026-11-18,300\n"  # 15: today, exactly 300 kg: fine
        "2026-01-12,20\n"  # 16: exactly 20 kg: fine
    )
    result = read(text)
    assert accepted(result) == [
        (2, date(2026, 1, 3), 72.5),
        (15, date(2026, 11, 18), 300.0),
        (16, date(2026, 1, 12), 20.0),
    ]
    reasons = {row.row: row.reason for row in result.refused}
    assert sorted(reasons) == [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    assert "'2026-13-01' is not a date" in reasons[4]
    assert "'yesterday' is not a date" in reasons[5]
    assert "'heavy' is not a weight" in reasons[6]
    assert "20 to 300 kg" in reasons[7]
    assert "20 to 300 kg" in reasons[8]
    assert "after today" in reasons[9]
    assert "Malformed" in reasons[10]
    assert "quotes" in reasons[11]
    assert "3 fields where the header has 2" in reasons[12]
    assert reasons[13] == "No weight."
    assert reasons[14] == "No date."
    assert next(row.text for row in result.refused if row.row == 6) == "2026-01-05,heavy"


def test_pound_limits_are_the_kilogram_limits_converted() -> None:
    # 20 kg = 44.09 lb and 300 kg = 661.39 lb
    result = read(
        "date,weight (lb)\n2026-01-03,44\n2026-01-04,44.1\n2026-01-05,661.3\n2026-01-06,661.5\n"
    )
    assert [row.row for row in result.accepted] == [3, 4]
    assert refused(result) == [2, 5]
    assert "44 to 661 lb" in result.refused[0].reason


def test_a_second_weigh_in_on_a_day_is_refused() -> None:
    result = read("date,weight\n2026-01-03,72.5\n2026-01-04,72\n03.01.2026,72.9\n")
    assert accepted(result) == [(2, date(2026, 1, 3), 72.5), (3, date(2026, 1, 4), 72.0)]
    assert refused(result) == [4]
    assert "Row 2 already has a weigh-in on 2026-01-03" in result.refused[0].reason


@pytest.mark.parametrize("quoted", [False, True])
def test_a_field_over_the_csv_limit_is_too_long_not_unbalanced(quoted: bool) -> None:
    long = "x" * 131_073
    cell = f'"{long}"' if quoted else long
    result = read(f"date,weight,note\n2026-01-03,72.5,fine\n2026-01-04,72.1,{cell}\n")
    assert accepted(result) == [(2, date(2026, 1, 3), 72.5)]
    (row,) = result.refused
    assert row.row == 3
    assert "quotes" not in row.reason
    assert row.reason == (
        "Malformed row: line 3 has a field longer than 131,072 characters, "
        "the most a CSV field may hold."
    )


def test_a_header_over_the_csv_limit_says_so() -> None:
    with pytest.raises(WeightFileError) as caught:
        read("date,weight," + "n" * 200_000 + "\n2026-01-03,72.5,\n")
    assert str(caught.value) == (
        "Line 1 has a field longer than 131,072 characters, the most a CSV field may hold: "
        "this is not a table of weigh-ins."
    )


# -- dates that read two ways ----------------------------------------------------------------
def test_ambiguous_dates_are_refused_unless_the_order_is_given() -> None:
    text = "date,weight\n03/04/2026,70\n05/06/2026,71\n"
    with pytest.raises(WeightFileError, match="row 2: 03/04/2026") as caught:
        read(text)
    assert caught.value.ambiguous_dates
    assert accepted(read(text, date_order=DateOrder.MONTH_FIRST)) == [
        (2, date(2026, 3, 4), 70.0),
        (3, date(2026, 5, 6), 71.0),
    ]
    assert accepted(read(text, date_order=DateOrder.DAY_FIRST)) == [
        (2, date(2026, 4, 3), 70.0),
        (3, date(2026, 6, 5), 71.0),
    ]


def test_dates_that_read_the_same_both_ways_are_not_ambiguous() -> None:
    assert accepted(read("date,weight\n05/05/2026,70\n")) == [(2, date(2026, 5, 5), 70.0)]


def test_a_column_that_mixes_both_orders_is_refused() -> None:
    with pytest.raises(WeightFileError, match="mix") as caught:
        read("date,weight\n13/01/2026,70\n01/13/2026,71\n")
    assert caught.value.ambiguous_dates


def test_a_given_order_refuses_dates_that_do_not_fit_it() -> None:
    result = read("date,weight\n13/01/2026,70\n01/02/2026,71\n", date_order=DateOrder.MONTH_FIRST)
    assert accepted(result) == [(3, date(2026, 1, 2), 71.0)]
    assert "as month/day/year" in result.refused[0].reason


def test_two_digit_years_are_the_latest_not_after_this_year() -> None:
    result = read("date,weight\n31.12.25,70\n01.01.99,71\n")
    assert [row.entry.day for row in result.accepted] == [date(2025, 12, 31), date(1999, 1, 1)]


# -- files that are not weight tables --------------------------------------------------------
@pytest.mark.parametrize("text", ["", "\n\n  \n", b"", "\ufeff"])
def test_an_empty_file(text: str | bytes) -> None:
    with pytest.raises(WeightFileError, match="empty"):
        read(text)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text"),
        (b"PK\x03\x04\x14\x00\x06\x00", "spreadsheet"),
        (b"%PDF-1.7\n", "not text"),
        ('[{"day": "2026-01-03", "kg": 72}]', "JSON"),
        ("<html><body>weights</body></html>", "XML or HTML"),
        ("Dear coach,\nhere are my weights.\n", "No date column and weight column"),
        ("name,city\nAnna,Oslo\n", "No date column and weight column"),
        ("date,time\n2026-01-03,07:00\n", "No date column and weight column"),
    ],
)
def test_a_file_that_is_not_a_weight_csv(data: str | bytes, why: str) -> None:
    with pytest.raises(WeightFileError, match=why):
        read(data)
