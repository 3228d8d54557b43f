"""File ▸ Export Workouts… as CSV: text a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from planner.app import build_main_window
from planner.core.model import Kind, Workout
from planner.interchange.csv_cells import restore_cell
from planner.storage.db import open_database
from tests.fakes import write_workouts

TODAY = date(2026, 11, 18)
TITLES = ['=HYPERLINK("http://evil.invalid","Tempo")', "+1 km strides", "-2 min walk", "Easy run"]


def test_export_workouts_as_csv_prefixes_formulas_with_a_quote(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = tmp_path / "plan.sqlite3"
    with open_database(plan) as database:
        write_workouts(
            database.repository,
            [
                Workout(None, date(2026, 11, 16 + n), Kind.RUN, title, 0, 40, 7.0, 3, notes=title)
                for n, title in enumerate(TITLES)
            ],
        )
    window = build_main_window(plan, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    target = tmp_path / "workouts.csv"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *_args, **_kwargs: (str(target), "CSV, for spreadsheets (*.csv)"),
    )
    window.actions_table["export_workouts"].trigger()
    qtbot.waitUntil(target.exists, timeout=5000)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = ["'" + title for title in TITLES[:3]] + ["Easy run"]
    assert [row["title"] for row in rows] == expected
    assert [row["notes"] for row in rows] == expected
    assert [row["distance_km"] for row in rows] == ["7.0"] * 4
    assert [restore_cell(row["title"]) for row in rows] == TITLES
