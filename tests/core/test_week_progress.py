"""The week header's line: run distance done of planned, and the change on last week."""

from __future__ import annotations

import pytest

from planner.core.model import Status
from planner.core.settings import Units
from planner.core.week_progress import WeekProgress, progress_text, week_progress
from planner.core.weeks import Week
from tests.core.rules_kit import MONDAY, day, done, hiit, run

WEEK = Week(MONDAY)


def test_done_runs_count_what_was_run_and_skipped_runs_count_nothing() -> None:
    workouts = [
        done(run(day(0), km=8.0), actual_distance_km=8.4),  # done: 8.4 counts
        run(day(2), km=10.0),  # planned
        run(day(4), km=6.0, status=Status.SKIPPED),  # skipped: nothing
        hiit(day(5)).replace(distance_km=5.0),  # HIIT distance is not mileage
        run(day(-3), km=12.0),  # last week
        run(day(-8), km=50.0),  # the week before: not compared
        run(day(7), km=30.0),  # next week: not this week
    ]
    progress = week_progress(workouts, WEEK)
    assert progress == WeekProgress(total_km=18.4, done_km=8.4, last_week_km=12.0)
    assert progress.change == pytest.approx((18.4 - 12.0) / 12.0)
    assert progress_text(progress) == "8.4 of 18.4 km done · +53 % on last week"


def test_in_miles_both_distances_are_miles() -> None:
    progress = WeekProgress(total_km=41.0, done_km=18.4, last_week_km=36.6)
    # 18.4 km = 11.43 mi, 41 km = 25.48 mi; (41 - 36.6) / 36.6 = 12.02 %
    assert progress_text(progress, Units.MI) == "11.4 of 25.5 mi done · +12 % on last week"
    assert progress_text(progress, Units.KM) == "18.4 of 41 km done · +12 % on last week"


@pytest.mark.parametrize(
    ("progress", "text"),
    [
        (WeekProgress(0.0, 0.0, 0.0), "No runs planned"),
        (WeekProgress(0.0, 0.0, 20.0), "No runs planned · −100 % on last week"),
        (WeekProgress(20.0, 0.0, 0.0), "0 of 20 km done"),
        (WeekProgress(20.0, 20.0, 20.1), "20 of 20 km done · same as last week"),
        (WeekProgress(18.0, 5.0, 20.0), "5 of 18 km done · −10 % on last week"),
    ],
)
def test_no_runs_no_comparison_and_no_change(progress: WeekProgress, text: str) -> None:
    assert progress_text(progress) == text


def test_the_short_line_for_a_narrow_header() -> None:
    progress = WeekProgress(total_km=41.0, done_km=18.4, last_week_km=36.6)
    assert progress_text(progress, short=True) == "18.4/41 km done · +12 %"
    assert progress_text(WeekProgress(0.0, 0.0, 0.0), short=True) == "No runs"
    assert progress_text(WeekProgress(20.0, 20.0, 20.1), short=True) == "20/20 km done · same"
