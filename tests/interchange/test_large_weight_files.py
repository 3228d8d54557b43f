"""Weigh-in files of many rows: bounded examples and memory, one parse for every option, cancel."""

from __future__ import annotations

import tracemalloc
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner.core.model import WeightEntry
from planner.core.settings import WeightUnits
from planner.core.weighins import plan_weigh_ins
from planner.interchange.weight_preview import preview_rows
from planner.interchange.weight_rows import EXAMPLES_PER_KIND, RefusalKind
from planner.interchange.weights_csv import (
    DateOrder,
    ReadCancelled,
    WeightUnit,
    read_weights_csv,
    scan_weights_csv,
)
from tests.helpers.weight_files import write_daily_weights

TODAY = date(2026, 11, 18)


def mixed_file(after_today: int, not_dates: int) -> str:
    """Three good rows, then ``after_today`` rows after today and ``not_dates`` bad dates."""
    lines = ["date,weight", "2026-01-01,72", "2026-01-02,72.1"]
    lines += [f"{TODAY + timedelta(days=n + 1)},71" for n in range(after_today)]
    lines += [f"someday {n},71" for n in range(not_dates)]
    lines += ["2026-01-03,72.2"]
    return "\n".join(lines) + "\n"


def test_refused_rows_keep_twenty_examples_of_each_kind_and_count_the_rest() -> None:
    result = read_weights_csv(mixed_file(1000, 30), today=TODAY)
    assert EXAMPLES_PER_KIND == 20
    assert [row.entry.day.day for row in result.accepted] == [1, 2, 3]
    assert result.refused_count == 1030
    assert result.refused_counts == {RefusalKind.AFTER_TODAY: 1000, RefusalKind.NOT_A_DATE: 30}
    assert [row.row for row in result.refused] == [*range(4, 24), *range(1004, 1024)]
    groups = result.refused_groups()
    assert [(kind, len(rows), more) for kind, rows, more in groups] == [
        (RefusalKind.AFTER_TODAY, 20, 980),
        (RefusalKind.NOT_A_DATE, 20, 10),
    ]
    assert groups[0][1][0].reason == "2026-11-19 is after today (2026-11-18)."
    assert groups[1][1][0].reason == "'someday 0' is not a date."
    assert groups[1][1][0].text == "someday 0,71"


def test_an_option_change_resolves_again_without_reading_the_file_again() -> None:
    text = "date,weight\n03/04/2026,160\n05/06/2026,161\n13/06/2026,162\n"
    scanned = scan_weights_csv(text, today=TODAY)
    in_kg = scanned.resolve(unit=WeightUnit.KG)
    in_lb = scanned.resolve(unit=WeightUnit.LB)
    assert [round(row.entry.kg, 3) for row in in_kg.accepted] == [160, 161, 162]
    assert [round(row.entry.kg, 3) for row in in_lb.accepted] == [72.575, 73.028, 73.482]
    month_first = scanned.resolve(unit=WeightUnit.KG, date_order=DateOrder.MONTH_FIRST)
    assert [row.row for row in month_first.refused] == [4]
    assert month_first.refused[0].reason == "'13/06/2026' is not a date as month/day/year."
    assert in_kg == read_weights_csv(text, today=TODAY, unit=WeightUnit.KG)


def test_reading_can_be_cancelled_from_its_progress_callback(tmp_path: Path) -> None:
    data = write_daily_weights(tmp_path / "big.csv", 50_000, accepted=100).read_bytes()
    seen: list[float] = []

    def progress(done: float) -> bool:
        seen.append(done)
        return len(seen) < 2

    with pytest.raises(ReadCancelled):
        scan_weights_csv(data, today=TODAY, progress=progress)
    assert len(seen) == 2
    assert 0 < seen[0] < seen[1] < 1


def test_a_large_file_is_read_in_bounded_memory(tmp_path: Path) -> None:
    data = write_daily_weights(tmp_path / "big.csv", 100_000, accepted=4_500).read_bytes()
    assert len(data) == 1_600_012
    tracemalloc.start()
    try:
        result = read_weights_csv(data, today=TODAY, unit=WeightUnit.KG)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(result.accepted) == 4_500
    assert result.refused_counts == {RefusalKind.AFTER_TODAY: 95_500}
    assert len(result.refused) == 20
    # Compact rows: a few times the file's size, where a dict (or object) per row took 40.
    assert peak < 12 * len(data)


def test_the_preview_lists_a_few_rows_of_each_kind_then_how_many_more() -> None:
    lines = ["date,weight"] + [f"{date(2026, 1, 1) + timedelta(days=n)},70" for n in range(30)]
    lines += [f"{TODAY + timedelta(days=n + 1)},71" for n in range(25)]
    found = read_weights_csv("\n".join(lines) + "\n", today=TODAY)
    stored = [WeightEntry(date(2026, 1, 1), 70.0), WeightEntry(date(2026, 1, 2), 70.04)]
    plan = plan_weigh_ins(found.entries, stored, today=TODAY)
    rows = preview_rows(found, plan, WeightUnits.KG)
    assert [(row.row, row.status) for row in rows[:2]] == [
        (2, "already logged"),
        (3, "replaces 70.04 kg (tick below)"),
    ]
    assert rows[1].decimals == 2
    assert [row.status for row in rows[2:22]] == ["new"] * 20
    assert rows[22].status == "and 8 more rows like these (new)"
    assert rows[22].more == 8
    assert rows[23].status == "refused: 2026-11-19 is after today (2026-11-18)."
    assert rows[43].status == "and 5 more rows like these (refused: after today)"
    assert rows[43].refused
    assert len(rows) == 44
