"""A day's summary and the week header add up the same way (RULES.md's duration fallbacks)."""

from __future__ import annotations

from datetime import date

from planner.core.model import Kind, Workout
from planner.core.settings import Units
from planner.core.totals import week_totals
from planner.ui.week.painter import day_summary, header_totals

DAY = date(2026, 11, 18)


def test_a_10_km_run_with_no_duration_counts_one_hour_on_its_day_and_in_the_week() -> None:
    run = Workout(1, DAY, Kind.RUN, "Steady 10", distance_km=10.0)  # 10 km x 6 min/km = 60 min
    assert day_summary([run], Units.KM) == "10 km · 1 h"
    header = dict(header_totals(week_totals([run]), Units.KM))
    assert header["training"] == "1 h"
    assert header["km"] == "10"


def test_a_strength_session_with_no_duration_counts_its_kind_default_in_both() -> None:
    circuit = Workout(2, DAY, Kind.STRENGTH, "Circuit")  # RULES.md: strength 40 minutes
    assert day_summary([circuit], Units.KM) == "40 min"
    assert dict(header_totals(week_totals([circuit]), Units.KM))["training"] == "40 min"


def test_a_40_km_ride_counts_its_time_but_no_kilometres_on_its_day_and_in_the_week() -> None:
    run = Workout(1, DAY, Kind.RUN, "Easy run", duration_min=35.0, distance_km=6.0)
    ride = Workout(3, DAY, Kind.CROSS, "Easy bike", duration_min=90.0, distance_km=40.0)
    assert day_summary([run, ride], Units.KM) == "6 km · 2 h 05"
    header = dict(header_totals(week_totals([run, ride]), Units.KM))
    assert (header["runs"], header["km"], header["training"]) == ("1", "6", "2 h 05")
    bare = Workout(4, DAY, Kind.CROSS, "Swim")  # RULES.md: cross-training 45 minutes
    assert day_summary([bare], Units.KM) == "45 min"
