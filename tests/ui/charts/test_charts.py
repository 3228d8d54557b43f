"""The progress charts: what they plot (by hand), and that they follow every kind of change.

The plan is the small week of ``tests/ui/conftest.py`` (Wednesday 18 November 2026 is today):
Tuesday 17 a done tempo run (8 km planned, 8.2 km and 44 min at RPE 7 done), Thursday 19 an
easy run (6 km, 35 min, RPE 3), Saturday 21 an easy run (7 km, 40 min, RPE 3) and squat jumps
(10 min, RPE 6), Sunday 22 a long run (16 km, 100 min, RPE 5); plus a few weigh-ins.
"""

from __future__ import annotations

import math
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtTest import QTest

from planner.core import vocabulary
from planner.core.chart_ranges import ChartRange, day_x
from planner.core.model import Kind, Status, WeightEntry, Workout
from planner.core.progress import FormZone
from planner.core.service import PlanService
from planner.core.settings import KG_PER_POUND, KM_PER_MILE
from planner.ui.charts.panel import ChartsPanel
from planner.ui.controller import PlanController
from planner.ui.view_state import ViewState, fixed_clock
from tests.fakes import MemoryRepository
from tests.ui.conftest import MONDAY, TODAY, by_title, week_plan

NOV = {d: date(2026, 11, d) for d in range(1, 31)}
WEIGH_INS = [
    WeightEntry(NOV[2], 71.0),
    WeightEntry(NOV[5], 70.0),
    WeightEntry(NOV[8], 72.0),  # trend on 8 Nov: (71 + 70 + 72) / 3 = 71
    WeightEntry(NOV[10], 69.0),  # trend on 10 Nov: 4..10 Nov -> (70 + 72 + 69) / 3
]


@pytest.fixture
def repo() -> MemoryRepository:
    return MemoryRepository(week_plan(), weights=WEIGH_INS)


@pytest.fixture
def panel(qtbot: Any, controller: PlanController, state: ViewState) -> ChartsPanel:
    widget = ChartsPanel(controller, state)
    qtbot.addWidget(widget)
    widget.resize(1200, 320)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def approx_points(points: list[tuple[date, float]]) -> list[tuple[date, Any]]:
    return [(day, pytest.approx(value, rel=1e-9)) for day, value in points]


# -- what they plot ------------------------------------------------------------------------
def test_each_chart_carries_its_design_name(panel: ChartsPanel) -> None:
    assert panel.findChild(type(panel.weight_chart), "weightChart") is panel.weight_chart
    assert panel.mileage_chart.objectName() == "mileageChart"
    assert panel.load_chart.objectName() == "loadChart"
    assert panel.load_chart.accessibleName() == "Training load"


def test_mileage_series_by_hand(panel: ChartsPanel) -> None:
    # One week (Monday 16 Nov): done = the tempo run's actual 8.2 km; planned = 6 + 7 + 16.
    assert panel.mileage_chart.series() == {
        "done": approx_points([(MONDAY, 8.2)]),
        "planned": approx_points([(MONDAY, 29.0)]),
    }


def test_load_series_by_hand(panel: ChartsPanel) -> None:
    series = panel.load_chart.series()
    assert series["load"] == approx_points(
        [
            (NOV[17], 44 * 7),  # done: actual 44 min at RPE 7
            (NOV[18], 0.0),
            (NOV[19], 35 * 3),
            (NOV[20], 0.0),
            (NOV[21], 40 * 3 + 10 * 6),
            (NOV[22], 100 * 5),
        ]
    )
    # Fatigue starts on day L+6 = 23 Nov and fitness on L+41: neither within the history.
    assert series["fitness"] == []
    assert series["fatigue"] == []


def test_weight_series_by_hand_with_gaps(panel: ChartsPanel) -> None:
    series = panel.weight_chart.series()
    assert series["weight"] == [(NOV[2], 71.0), (NOV[5], 70.0), (NOV[8], 72.0), (NOV[10], 69.0)]
    assert series["trend"] == approx_points(
        [
            (NOV[2], 71.0),
            (NOV[5], (71.0 + 70.0) / 2),
            (NOV[8], (71.0 + 70.0 + 72.0) / 3),
            (NOV[10], (70.0 + 72.0 + 69.0) / 3),
        ]
    )


def test_the_trend_line_breaks_over_a_gap_in_the_log(
    qtbot: Any, controller: PlanController, panel: ChartsPanel
) -> None:
    controller.save_weight(WeightEntry(NOV[18], 70.5))  # 8 days after 10 Nov
    panel.flush()
    _, ys = panel.weight_chart._trend.getData()
    # the line's y values: a NaN after 10 Nov (the gap) and after the last point, no others
    assert [math.isnan(y) for y in ys] == [False, False, False, False, True, False, True]


# -- following changes ---------------------------------------------------------------------
def test_charts_follow_an_edit_in_the_calendar(
    controller: PlanController, repo: MemoryRepository, panel: ChartsPanel
) -> None:
    easy = by_title(repo, "Long run")
    assert easy.id is not None
    controller.set_status(easy.id, Status.DONE, actual_distance_km=18.0, actual_duration_min=110)
    mileage = panel.mileage_chart.series()
    assert mileage["done"] == approx_points([(MONDAY, 8.2 + 18.0)])
    assert mileage["planned"] == approx_points([(MONDAY, 6.0 + 7.0)])
    assert dict(panel.load_chart.series()["load"])[NOV[22]] == pytest.approx(110 * 5)


def test_charts_follow_a_new_run_in_another_week(
    controller: PlanController, panel: ChartsPanel
) -> None:
    controller.add_workout(Workout(None, NOV[24], Kind.RUN, "Easy run", 0, 30, 5.0, 3))
    mileage = panel.mileage_chart.series()
    assert mileage["planned"] == approx_points([(MONDAY, 29.0), (NOV[23], 5.0)])
    assert mileage["done"] == approx_points([(MONDAY, 8.2), (NOV[23], 0.0)])


def test_charts_redraw_once_per_turn_of_the_event_loop(
    qtbot: Any, controller: PlanController, panel: ChartsPanel
) -> None:
    controller.save_weight(WeightEntry(NOV[11], 70.0))
    # not drawn yet: the refresh waits for the event loop (the week repaints first) ...
    assert panel.weight_chart._points.getData()[1].tolist() == [71.0, 70.0, 72.0, 69.0]
    # ... and comes on its own
    qtbot.waitUntil(lambda: len(panel.weight_chart._points.getData()[1]) == 5, timeout=2000)


def test_charts_follow_a_weigh_in_and_its_undo(
    controller: PlanController, panel: ChartsPanel
) -> None:
    controller.save_weight(WeightEntry(NOV[12], 68.0))
    series = panel.weight_chart.series()
    assert series["weight"][-1] == (NOV[12], 68.0)
    # 6..12 Nov holds 8, 10 and 12 Nov
    assert series["trend"][-1] == (NOV[12], pytest.approx((72.0 + 69.0 + 68.0) / 3))
    controller.undo_stack.undo()
    assert panel.weight_chart.series()["weight"][-1] == (NOV[10], 69.0)
    controller.undo_stack.redo()
    assert panel.weight_chart.series()["weight"][-1] == (NOV[12], 68.0)


def test_charts_follow_an_undo_in_the_calendar(
    controller: PlanController, repo: MemoryRepository, panel: ChartsPanel
) -> None:
    long_run = by_title(repo, "Long run")
    assert long_run.id is not None
    controller.delete([long_run.id])
    assert panel.mileage_chart.series()["planned"] == approx_points([(MONDAY, 13.0)])
    controller.undo_stack.undo()
    assert panel.mileage_chart.series()["planned"] == approx_points([(MONDAY, 29.0)])


def test_charts_follow_a_switch_to_miles(controller: PlanController, panel: ChartsPanel) -> None:
    controller.set_setting("units", "mi")
    mileage = panel.mileage_chart.series()
    assert mileage["done"] == approx_points([(MONDAY, 8.2 / KM_PER_MILE)])
    assert mileage["planned"] == approx_points([(MONDAY, 29.0 / KM_PER_MILE)])
    assert panel.mileage_chart.title() == "Weekly distance (mi)"
    # Distances and body weight are two settings: miles leave the weight in kilograms.
    assert panel.weight_chart.title() == "Weight (kg)"
    assert panel.weight_chart.series()["weight"][0] == (NOV[2], pytest.approx(71.0))
    controller.set_setting("weight-units", "lb")
    weight = panel.weight_chart.series()
    assert weight["weight"][0] == (NOV[2], pytest.approx(71.0 / KG_PER_POUND))
    assert panel.weight_chart.title() == "Weight (lb)"
    assert panel.mileage_chart.title() == "Weekly distance (mi)"
    controller.undo_stack.undo()
    # load is in AU whatever the units
    assert dict(panel.load_chart.series()["load"])[NOV[17]] == pytest.approx(308)
    controller.undo_stack.undo()
    assert panel.mileage_chart.series()["done"] == approx_points([(MONDAY, 8.2)])
    assert panel.weight_chart.title() == "Weight (kg)"


def test_charts_follow_the_first_weekday(
    controller: PlanController, state: ViewState, panel: ChartsPanel
) -> None:
    controller.set_setting("first-weekday", "sunday")
    # Sunday weeks: 15..21 Nov holds the tempo run (done) and the easy runs; 22..28 the long run
    assert panel.mileage_chart.series() == {
        "done": approx_points([(NOV[15], 8.2), (NOV[22], 0.0)]),
        "planned": approx_points([(NOV[15], 13.0), (NOV[22], 16.0)]),
    }
    band = panel.mileage_chart._week_band.getRegion()
    assert band == (day_x(state.week.start), day_x(state.week.end) + 86400)
    assert state.week.start == NOV[15]


def test_charts_follow_a_reload(
    controller: PlanController, repo: MemoryRepository, panel: ChartsPanel
) -> None:
    # something outside the controller changed the file: a reload reads everything again
    repo.write_weight_directly = None  # (MemoryRepository has no such method; use the service)
    PlanService(repo).save_weight(WeightEntry(NOV[13], 70.0))
    assert len(panel.weight_chart.series()["weight"]) == 4
    panel.reload()
    assert len(panel.weight_chart.series()["weight"]) == 5


# -- empty states --------------------------------------------------------------------------
def test_empty_states_tell_a_new_user_what_to_log(qtbot: Any) -> None:
    controller = PlanController(PlanService(MemoryRepository()))
    state = ViewState(controller, clock=fixed_clock(TODAY))
    panel = ChartsPanel(controller, state)
    qtbot.addWidget(panel)
    for chart in panel.charts():
        assert chart.is_empty()
        assert chart.series() == {name: [] for name in chart.series()}
        assert chart._stack.currentIndex() == 1
    assert "Log your weight" in panel.weight_chart.empty_text()
    assert "runs with a distance" in panel.mileage_chart.empty_text()
    assert "duration and an effort" in panel.load_chart.empty_text()
    controller.add_workout(Workout(None, NOV[17], Kind.RUN, "Easy run", 0, 30, 5.0, 3))
    assert panel.mileage_chart.series()["planned"] == [(NOV[16], 5.0)]
    assert not panel.mileage_chart.is_empty()
    assert panel.mileage_chart._stack.currentIndex() == 0
    assert panel.weight_chart.is_empty()


# -- range, week, hover --------------------------------------------------------------------
def test_range_selector_sets_every_chart(panel: ChartsPanel) -> None:
    panel.set_range(ChartRange.FOUR_WEEKS)
    # the calendar's week ends Sunday 22 Nov; the span ends a week later and reaches 28 days back
    assert panel.days_in_view() == (NOV[2], NOV[29])
    for chart in panel.charts():
        assert chart.view_box.viewRange()[0] == pytest.approx([day_x(NOV[2]), day_x(NOV[30])])
    panel.set_range(ChartRange.TWELVE_WEEKS)
    assert panel.days_in_view() == (NOV[30] - timedelta(days=84), NOV[29])
    checked = [b.text() for b in panel.findChildren(type(panel._export_button)) if b.isChecked()]
    assert checked == ["12 weeks"]


def test_a_manual_zoom_leaves_the_range_buttons(qtbot: Any, panel: ChartsPanel) -> None:
    panel.set_range(ChartRange.YEAR)
    plot = panel.weight_chart.plot_widget
    center = plot.viewport().rect().center()
    with qtbot.waitSignal(panel.range_changed, timeout=2000) as blocker:
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QWheelEvent

        event = QWheelEvent(
            QPointF(center),
            QPointF(plot.viewport().mapToGlobal(center)),
            QPoint(0, 0),
            QPoint(0, 120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QTest.qWait(0)
        from PySide6.QtWidgets import QApplication

        QApplication.sendEvent(plot.viewport(), event)
    assert blocker.args == [None]
    assert panel.chart_range is None
    x0, x1 = panel.x_range()
    assert x1 - x0 < 364 * 86400  # zoomed in
    # the others followed
    assert panel.load_chart.view_box.viewRange()[0] == pytest.approx([x0, x1])


def test_the_calendars_week_is_marked_and_kept_in_view(
    state: ViewState, panel: ChartsPanel
) -> None:
    panel.set_range(ChartRange.FOUR_WEEKS)
    state.next_week()
    for chart in panel.charts():
        assert chart._week_band.getRegion() == (day_x(NOV[23]), day_x(NOV[30]))
    assert panel.days_in_view() == (NOV[9], date(2026, 12, 6))


def test_hover_shows_the_exact_day_and_values(panel: ChartsPanel) -> None:
    panel.mileage_chart.set_hover(NOV[19])
    assert panel.mileage_chart.readout_text() == (
        "Week of Mon 16 Nov 2026: 8.2 km done, 29 km planned"
    )
    panel.load_chart.set_hover(NOV[21])
    assert panel.load_chart.readout_text() == (
        "Sat 21 Nov 2026: load 180 AU · fitness from 28 Dec 2026"
    )
    panel.weight_chart.set_hover(NOV[11])  # no weigh-in that day: the nearest one (10 Nov)
    assert panel.weight_chart.readout_text() == (
        f"Tue 10 Nov 2026: 69 kg · 7-day mean {(70 + 72 + 69) / 3:.1f} kg"
    )
    panel.weight_chart.set_hover(None)
    assert panel.weight_chart.readout_text().startswith("Last weigh-in 69 kg on Tue 10 Nov 2026")


def test_hovering_with_the_mouse_moves_every_readout(qtbot: Any, panel: ChartsPanel) -> None:
    panel.set_range(ChartRange.FOUR_WEEKS)
    chart = panel.load_chart
    view = chart.view_box
    scene_point = view.mapViewToScene(pg_point(day_x(NOV[19]) + 43200, 10))
    viewport_point = chart.plot_widget.mapFromScene(scene_point)
    QTest.mouseMove(chart.plot_widget.viewport(), viewport_point)
    qtbot.waitUntil(lambda: chart.readout_text().startswith("Thu 19 Nov 2026"), timeout=2000)
    assert chart.readout_text() == "Thu 19 Nov 2026: load 105 AU · fitness from 28 Dec 2026"
    # every chart shows the same day
    assert panel.mileage_chart.readout_text().startswith("Week of Mon 16 Nov 2026")
    assert panel.load_chart._crosshair.isVisible()
    # Export Current Chart now means the chart under the pointer
    assert panel.current_chart() is panel.load_chart


def pg_point(x: float, y: float) -> Any:
    from PySide6.QtCore import QPointF

    return QPointF(x, y)


# -- export and palette --------------------------------------------------------------------
def test_export_chart_as_png(tmp_path: Path, panel: ChartsPanel) -> None:
    path = tmp_path / "mileage.png"
    assert panel.export_png(path, panel.mileage_chart, scale=2.0)
    image = QImage(str(path))
    assert image.width() == panel.mileage_chart.width() * 2
    assert image.height() == panel.mileage_chart.height() * 2
    # the bars are there: the run colour appears in the image
    run = QColor(vocabulary.kind_color(Kind.RUN))
    found = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    }
    assert run.name() in found
    both = tmp_path / "all.png"
    assert panel.export_png(both)
    assert QImage(str(both)).width() > image.width()


def test_a_charts_context_menu_exports_that_chart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, panel: ChartsPanel
) -> None:
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def save_as(_parent: object, title: str, *_args: object) -> tuple[str, str]:
        asked.append(title)
        return str(tmp_path / "weight"), "PNG images (*.png)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    panel.weight_chart.export_requested.emit()  # what "Export This Chart as PNG…" emits
    assert asked == ["Export Weight as PNG"]
    image = QImage(str(tmp_path / "weight.png"))
    assert image.width() == panel.weight_chart.width() * 2
    assert panel.current_chart() is panel.weight_chart


def test_charts_follow_a_dark_palette(qtbot: Any, panel: ChartsPanel) -> None:
    assert not panel.mileage_chart.theme.dark
    dark = QPalette(panel.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#16171a"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8eaed"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    panel.setPalette(dark)
    for chart in panel.charts():
        assert chart.theme.dark
        assert chart.plot_widget.backgroundBrush().color() == QColor("#16171a")
    done_brush = panel.mileage_chart._done.opts["brush"]
    assert done_brush.color() == QColor(vocabulary.kind_color(Kind.RUN, dark=True))


# -- start-up ------------------------------------------------------------------------------
def test_the_app_does_not_import_pyqtgraph_before_the_first_paint() -> None:
    code = (
        "import sys, planner.app, planner.ui.charts.dock, planner.ui.charts.actions; "
        "print('pyqtgraph' in sys.modules, 'numpy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.split() == ["False", "False"]


def test_the_form_strip_shades_each_day_in_its_zone(qtbot: Any) -> None:
    # 70 days of training with a hard block in the last three weeks: every zone the history
    # reaches is shaded day by day, exactly as core/progress.py places the days in zones.
    start = TODAY - timedelta(days=69)
    plan = [
        Workout(
            None,
            start + timedelta(days=i),
            Kind.RUN,
            "Run",
            0,
            30.0 if i < 49 else (90.0 if i % 2 else 20.0),
            5.0,
            4.0 if i < 49 else 7.0,
            status=Status.DONE,
        )
        for i in range(70)
    ]
    controller = PlanController(PlanService(MemoryRepository(plan)))
    state = ViewState(controller, clock=fixed_clock(TODAY))
    panel = ChartsPanel(controller, state)
    qtbot.addWidget(panel)
    panel.resize(1200, 320)
    with qtbot.waitExposed(panel):
        panel.show()
    panel.set_range(ChartRange.TWELVE_WEEKS)  # a day is several pixels wide: day by day
    chart = panel.load_chart
    spans = chart.zones()
    assert len({span.zone for span in spans}) >= 2
    for zone, band in chart._bands.items():
        shaded = sorted(
            date.fromordinal(date(1970, 1, 1).toordinal() + round(x / 86400))
            for x in band.opts["x0"]
        )
        expected = sorted(
            span.first + timedelta(days=i)
            for span in spans
            if span.zone is zone
            for i in range((span.last - span.first).days + 1)
        )
        assert shaded == expected, zone

    # when a pixel holds days, each week (from the first training day) shows the zone most
    # of its days are in; a tie goes to the more tired zone
    panel.set_range(ChartRange.ALL)
    panel.resize(300, 320)
    qtbot.waitUntil(lambda: chart._strip_days == 7, timeout=2000)
    order = [
        FormZone.HIGH_RISK,
        FormZone.PRODUCTIVE,
        FormZone.NEUTRAL,
        FormZone.FRESH,
        FormZone.TRANSITION,
    ]
    per_week: dict[int, Counter[FormZone]] = {}
    for span in spans:
        for i in range((span.last - span.first).days + 1):
            week = ((span.first - start).days + i) // 7
            per_week.setdefault(week, Counter())[span.zone] += 1
    expected_weeks = {
        zone: sorted(
            start + timedelta(weeks=week)
            for week, counts in per_week.items()
            if max(order, key=lambda z: (counts[z], -order.index(z))) is zone
        )
        for zone in order
    }
    for zone, band in chart._bands.items():
        shaded = sorted(
            date.fromordinal(date(1970, 1, 1).toordinal() + round(x / 86400))
            for x in band.opts["x0"]
        )
        assert shaded == expected_weeks[zone], zone
