"""The activity view (issue 16, item 5): what the watch recorded, opened from its dialog.

Runs come from FIT files written with fit-tool (``tests/helpers/fit_files.py``) and read
the way the app reads them (``read_activities``), or, for tracks a file maker cannot write
(gaps, a stop), built directly (``tests/helpers/recorded_runs.py``).
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from planner.core.activity import Activity, Track
from planner.core.model import Kind
from planner.core.settings import KM_PER_MILE, Units
from planner.interchange.activities import read_activities
from planner.ui.activity import ActivityDialog, ActivityView, open_activity
from planner.ui.activity.series import STOPPED_M_S
from planner.ui.charts.theme import theme_for
from planner.ui.theme import dark_palette, light_palette
from tests.helpers import fit_files
from tests.helpers.dates import TODAY
from tests.helpers.recorded_runs import recorded_run

NAN = math.nan
#: fit_files' run: 3 m/s (5:33 a kilometre, 8:56 a mile) for an hour, 10.8 km.
RUN_KM = 10.8
PACE_MIN_PER_KM = 1000 / 3.0 / 60


def _read(tmp: Path, name: str, data: bytes) -> Activity:
    path = tmp / name
    path.write_bytes(data)
    report = read_activities([path], today=TODAY, workers=1)
    assert not report.refused, report.refused
    (activity,) = report.activities
    return activity


@pytest.fixture(scope="module")
def fit_run(tmp_path_factory: pytest.TempPathFactory) -> Activity:
    """fit_files' one-hour road run, read from its FIT file (written once: fit-tool is slow)."""
    return _read(tmp_path_factory.mktemp("fit"), "run.fit", fit_files.one_hour_run())


@pytest.fixture(scope="module")
def strength(tmp_path_factory: pytest.TempPathFactory) -> Activity:
    """A strength session: no distance, no track."""
    return _read(tmp_path_factory.mktemp("fit"), "gym.fit", fit_files.strength_session())


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.add_widget(window)
    window.resize(1200, 800)
    window.show()
    return window


@pytest.fixture
def opened(parent: QWidget) -> Iterator[list[ActivityDialog]]:
    """Dialogs opened in a test, closed after it."""
    dialogs: list[ActivityDialog] = []
    yield dialogs
    for dialog in dialogs:
        dialog.close()


def _open(
    activity: Activity, parent: QWidget, opened: list[ActivityDialog], units: Units = Units.KM
) -> ActivityView:
    dialog = open_activity(activity, units, parent)
    opened.append(dialog)
    QCoreApplication.processEvents()
    assert dialog.isVisible()
    view = dialog.findChild(ActivityView, "activityView")
    assert view is dialog.view
    return view


def test_the_dialog_opens_window_modal_over_the_window_with_the_view(
    fit_run: Activity, parent: QWidget, opened: list[ActivityDialog]
) -> None:
    view = _open(fit_run, parent, opened)
    dialog = opened[0]
    assert isinstance(dialog, QDialog)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert dialog.parent() is parent
    assert dialog.windowTitle() == "Run · Tue 17 Nov"
    assert view.objectName() == "activityView"
    assert view.accessibleName()


def test_series_follow_the_track_in_km_with_pace_from_speed(
    fit_run: Activity, parent: QWidget, opened: list[ActivityDialog]
) -> None:
    series = _open(fit_run, parent, opened).series()
    assert set(series) == {"pace", "heart_rate", "elevation"}
    track = fit_run.track
    hr, elevation, pace = series["heart_rate"], series["elevation"], series["pace"]
    assert len(hr) == len(elevation) == len(pace) == len(track)
    assert hr[0] == (0.0, track.heart_rate[0]) == (0.0, 130.0)
    assert hr[-1] == pytest.approx((RUN_KM, 160.0))
    assert elevation[0] == pytest.approx((0.0, track.altitude_m[0]))
    assert elevation[-1] == pytest.approx((RUN_KM, track.altitude_m[len(track) - 1]))
    # pace in min/km from the recorded 3 m/s, first to last
    assert pace[0] == pytest.approx((0.0, PACE_MIN_PER_KM))
    assert pace[-1] == pytest.approx((RUN_KM, PACE_MIN_PER_KM))
    assert [x for x, _ in hr] == sorted(x for x, _ in hr)


def test_the_summary_says_what_a_runner_asks(
    fit_run: Activity, parent: QWidget, opened: list[ActivityDialog]
) -> None:
    view = _open(fit_run, parent, opened)
    figures = view.summary.texts()
    assert figures["Distance"] == "10.8 km"
    assert figures["Elapsed time"] == "1:00:00"
    assert figures["Moving time"] == "59:00"
    assert figures["Average pace"] == "5:28 min/km"  # 59 minutes over 10.8 km
    assert figures["Ascent"] == "80 m"
    assert figures["Average heart rate"] == "145 bpm"
    assert figures["Max heart rate"] == "161 bpm"
    assert figures["Average cadence"] == "170 spm"  # the file's 85 strides a minute
    texts = {label.text() for label in view.summary.findChildren(QLabel)}
    assert "Run" in texts
    assert "Tuesday 17 November 2026, 07:30" in texts  # the file's own offset, UTC+1


def test_splits_per_km_and_the_laps(
    fit_run: Activity, parent: QWidget, opened: list[ActivityDialog]
) -> None:
    view = _open(fit_run, parent, opened)
    assert view.splits_table is not None and view.laps_table is not None
    rows = view.splits_table.texts()
    assert len(rows) == math.ceil(RUN_KM) == 11
    assert [row[0] for row in rows] == [str(n) for n in range(1, 11)] + ["0.80"]
    assert {row[2] for row in rows} == {"5:33"}
    assert rows[0][1] == "5:33" and rows[-1][1] == "4:27"
    assert rows[0][3] == "131"  # 130 to 132 bpm in its first 333 seconds
    laps = view.laps_table.texts()
    assert len(laps) == 6
    assert laps[0] == ["1", "10:00", "1.8", "5:33", "140", "150"]
    assert view.tabs is not None
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == ["Splits", "Laps"]


def test_miles_on_the_axis_and_in_the_splits_but_series_stay_km(
    fit_run: Activity, parent: QWidget, opened: list[ActivityDialog]
) -> None:
    view = _open(fit_run, parent, opened, Units.MI)
    assert view.splits_table is not None and view.plots is not None
    rows = view.splits_table.texts()
    assert len(rows) == math.ceil(RUN_KM / KM_PER_MILE) == 7
    assert rows[0][2] == "8:56"
    assert view.summary.texts()["Distance"] == "6.7 mi"
    assert view.plots.plots["elevation"].bottom.labelText == "Distance (mi)"
    xs, paces = view.plots.curve_data("pace")
    assert xs[-1] == pytest.approx(RUN_KM / KM_PER_MILE)
    assert paces[0] == pytest.approx(PACE_MIN_PER_KM * KM_PER_MILE)
    series = view.series()
    assert series["pace"][-1] == pytest.approx((RUN_KM, PACE_MIN_PER_KM))
    view.show_at(1.0)
    assert view.readout_text().startswith("0.62 mi · pace 8:56 min/mi")
    pace_axis = view.plots.plots["pace"].left
    assert pace_axis.tickStrings([8.5, 9.0], 1.0, 0.5) == ["8:30", "9:00"]  # as runners write


def test_gaps_break_the_lines_and_stops_draw_no_pace(
    parent: QWidget, opened: list[ActivityDialog], qtbot: QtBot
) -> None:
    run = recorded_run(1.0)
    view = _open(run, parent, opened)
    track = run.track
    series = view.series()
    recorded_hr = [v for v in track.heart_rate if not math.isnan(v)]
    assert len(series["heart_rate"]) == len(recorded_hr) < len(track)
    assert view.plots is not None
    _, drawn = view.plots.curve_data("heart_rate")
    assert math.isnan(drawn[2030])  # the gap stays a gap: the line breaks there
    stopped = 1000 / 60 / STOPPED_M_S
    paces = series["pace"]
    assert all(value < stopped for _, value in paces)
    assert len(paces) < len(track)  # standing at the crossing draws nothing
    assert view.missing_notes() == {}


def test_a_track_with_gaps_in_distance_skips_them_and_keeps_the_order(
    fit_run: Activity, parent: QWidget, opened: list[ActivityDialog]
) -> None:
    track = Track.from_columns(
        [0.0, 1.0, 2.0, 3.0, 4.0],
        [0.0, 3.0, NAN, 9.0, 12.0],
        [120.0, NAN, 122.0, 123.0, NAN],
        [NAN, NAN, 50.0, 51.0, 52.0],
        [3.0, 3.0, NAN, 3.0, 3.0],
    )
    view = _open(replace(fit_run, track=track, laps=()), parent, opened)
    series = view.series()
    assert series["heart_rate"] == [(0.0, 120.0), (0.009, 123.0)]
    assert series["elevation"] == [(0.009, 51.0), (0.012, 52.0)]
    assert [x for x, _ in series["pace"]] == [0.0, 0.003, 0.009, 0.012]
    assert view.laps_table is None


def test_without_heart_rate_the_plot_says_so(
    fit_run: Activity, parent: QWidget, opened: list[ActivityDialog]
) -> None:
    track = fit_run.track
    gaps = [NAN] * len(track)
    no_hr = Track.from_columns(
        track.seconds, track.distance_m, gaps, track.altitude_m, track.speed_m_s
    )
    activity = replace(fit_run, track=no_hr, avg_hr=None, max_hr=None)
    view = _open(activity, parent, opened)
    assert view.missing_notes() == {"heart_rate": "No heart rate in this recording."}
    assert view.plots is not None
    assert set(view.plots.plots) == {"pace", "elevation"}
    assert view.series()["heart_rate"] == []
    assert "Average heart rate" not in view.summary.texts()
    assert view.splits_table is not None
    assert {row[3] for row in view.splits_table.texts()} == {"–"}


def test_a_strength_session_shows_its_summary_only(
    strength: Activity, parent: QWidget, opened: list[ActivityDialog]
) -> None:
    view = _open(strength, parent, opened)
    assert view.plots is None and view.splits_table is None and view.tabs is None
    assert view.findChildren(QWidget, "activityPlots") == []
    figures = view.summary.texts()
    assert figures["Elapsed time"] == "30:00"
    assert "Distance" not in figures and "Average pace" not in figures
    assert opened[0].windowTitle().startswith("Strength training")
    assert view.series() == {"pace": [], "heart_rate": [], "elevation": []}


def test_a_gym_sessions_barometer_drift_and_arm_swings_are_not_shown(
    strength: Activity, parent: QWidget, opened: list[ActivityDialog]
) -> None:
    """A watch in the gym records a little "ascent" and a "cadence": neither means a thing."""
    gym = replace(strength, ascent_m=12.0, avg_cadence=41.0)
    figures = _open(gym, parent, opened).summary.texts()
    assert "Ascent" not in figures and "Average cadence" not in figures
    assert figures["Elapsed time"] == "30:00"


@pytest.mark.parametrize(
    ("sport", "cadence"),
    [("walking", "112 spm"), ("cycling", "56 rpm"), ("rowing", "56 strokes/min")],
)
def test_cross_training_cadence_in_the_sports_own_count(
    fit_run: Activity, parent: QWidget, opened: list[ActivityDialog], sport: str, cadence: str
) -> None:
    """Walks count steps (the file counts strides, 56 of them), rides turns, rowing strokes."""
    other = replace(fit_run, kind=Kind.CROSS, sport=sport, avg_cadence=56.0)
    assert _open(other, parent, opened).summary.texts()["Average cadence"] == cadence


def test_light_and_dark_palettes_paint_the_plots_like_the_charts(
    fit_run: Activity, parent: QWidget, opened: list[ActivityDialog]
) -> None:
    view = _open(fit_run, parent, opened)
    assert view.plots is not None
    for palette, dark in ((dark_palette(), True), (light_palette(), False)):
        view.setPalette(palette)
        theme = theme_for(palette)
        assert view.theme.dark is dark
        assert view.plots.background_color() == theme.background
        pen = view.plots.plots["pace"].curve.opts["pen"]
        assert pen.color() == theme.run
        hr_pen = view.plots.plots["heart_rate"].curve.opts["pen"]
        assert hr_pen.color() == theme.fatigue


def test_hovering_reads_the_values_under_the_pointer(
    fit_run: Activity, parent: QWidget, opened: list[ActivityDialog]
) -> None:
    view = _open(fit_run, parent, opened)
    view.show_at(5.4)
    text = view.readout_text()
    assert text.startswith("5.40 km · pace 5:33 min/km · 145 bpm")
    assert text.endswith(" m")
    view.show_at(None)
    assert view.readout_text() == ""


def test_opening_and_closing_again_and_again_frees_the_dialog_safely(
    parent: QWidget,
) -> None:
    run = recorded_run(0.25)
    for _ in range(4):
        dialog = open_activity(run, Units.KM, parent)
        QCoreApplication.processEvents()
        dialog.close()
        del dialog
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
    assert parent.findChildren(ActivityDialog) == []
