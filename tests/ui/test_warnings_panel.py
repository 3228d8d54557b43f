"""The warning panel: live findings of the week on screen, markers, the header line, the preview.

The panel, the week view and the warnings model run on an in-memory plan, and every check is
something a runner sees: what the panel lists after a drop, a move, an undo, a weigh-in or a
settings change; what clicking a finding highlights; what a drag held over a day previews;
which blocks carry a marker; what the week header says. The last tests run the real window on
a plan file, the way the app starts.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QScrollArea, QWidget

from planner.core.model import Finding, Kind, Severity, Status, Template, WeightEntry, Workout
from planner.core.rules import history_span
from planner.core.service import PlanService
from planner.core.weeks import Week
from planner.ui.controller import PlanController
from planner.ui.mime import encode_template, encode_workouts
from planner.ui.view_state import DropIntent, ViewState
from planner.ui.warnings_model import WarningsModel
from planner.ui.warnings_panel import EMPTY_TITLE, WarningsPanel
from planner.ui.week.view import WeekView
from tests.fakes import write_workouts
from tests.helpers.counting import CountingRepository
from tests.helpers.shown_text import MARKUP_TITLE, label_text

#: Wednesday 18 November 2026; its week runs Monday 16 to Sunday 22.
TODAY = date(2026, 11, 18)
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 11, 16) + timedelta(days=i) for i in range(7))
WEEK = Week(MON)


def run(day: date, title: str, minutes: float, rpe: float, km: float = 6.0) -> Workout:
    return Workout(None, day, Kind.RUN, title, 0, minutes, km, rpe)


def six_days() -> list[Workout]:
    """RULES.md's classic: six training days, Monday to Saturday, Sunday free.

    Easy days (25 min at RPE 4: load 100) alternate with steady ones (50 min at RPE 6: load
    300), so the days are not too alike (monotony 1.48) and nothing is hard.
    """
    return [
        run(MON + timedelta(days=i), *(("Steady run", 50, 6) if i % 2 else ("Easy run", 25, 4)))
        for i in range(6)
    ]


def hiit_week() -> list[Workout]:
    """HIIT on Tuesday and Friday, easy runs on Monday, Thursday and Saturday: no warning."""
    return [
        run(MON, "Easy run", 30, 3),
        Workout(None, TUE, Kind.HIIT, "HIIT intervals", 0, 30, None, 8),
        run(THU, "Easy run", 30, 3),
        Workout(None, FRI, Kind.HIIT, "Sprints", 0, 20, None, 8),
        run(SAT, "Easy run", 30, 3),
    ]


class Window:
    """The panel beside the week view, wired as the main window wires them."""

    def __init__(self, qtbot: Any, repo: CountingRepository, today: date = TODAY) -> None:
        self.repo = repo
        self.controller = PlanController(PlanService(repo))
        self.clock_day = today
        self.state = ViewState(self.controller, clock=lambda: self.clock_day)
        self.model = WarningsModel(self.controller, self.state)
        self.view = WeekView(self.controller, self.state, marks=self.model.marks)
        self.panel = WarningsPanel(self.model, self.state)
        self.model.changed.connect(self.view.update)
        self.model.preview_changed.connect(self.view.update)
        for widget in (self.view, self.panel):
            qtbot.addWidget(widget)
        self.view.resize(1100, 640)
        self.panel.resize(320, 600)
        self.view.show()
        self.panel.show()

    def findings(self) -> list[tuple[str, Severity]]:
        return [(f.rule_id, f.severity) for f in self.panel.findings()]

    def service_findings(self) -> list[Finding]:
        return PlanService(self.repo).findings(self.state.week, settings=self.controller.settings)

    def template_id(self, name: str) -> int:
        template = next(t for t in self.controller.templates() if t.name == name)
        assert template.id is not None
        return template.id

    def by_title(self, title: str, day: date) -> Workout:
        (found,) = [w for w in self.repo.workouts_between(day, day) if w.title == title]
        return found

    def hover(self, data: Any, day: date, modifiers: Any = Qt.KeyboardModifier.NoModifier) -> None:
        """A drag moving over ``day``'s empty lower part (a real QDragMoveEvent)."""
        event = QDragMoveEvent(self._below_blocks(day), _BOTH, data, _LEFT, modifiers)
        self.view.dragMoveEvent(event)

    def drop(self, data: Any, day: date, modifiers: Any = Qt.KeyboardModifier.NoModifier) -> None:
        """The mouse released where :meth:`hover` held the drag (a real QDropEvent)."""
        event = QDropEvent(QPointF(self._below_blocks(day)), _BOTH, data, _LEFT, modifiers)
        self.view.dropEvent(event)

    def _below_blocks(self, day: date) -> QPoint:
        rect = self.view.day_rect(day)
        return QPoint(rect.center().x(), rect.bottom() - 12)


_BOTH = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
_LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def six(qtbot: Any) -> Window:
    return Window(qtbot, CountingRepository(six_days()))


@pytest.fixture
def hiit(qtbot: Any) -> Window:
    return Window(qtbot, CountingRepository(hiit_week()))


REST_INFO = ("REST_WEEK", Severity.INFO)
REST_WARNING = ("REST_WEEK", Severity.WARNING)
STREAK_WARNING = ("REST_STREAK", Severity.WARNING)


# -- what it shows ------------------------------------------------------------------------------
def test_the_panel_names_itself_as_tests_and_scripts_find_it(six: Window) -> None:
    assert six.panel.objectName() == "warningsPanel"
    assert six.panel.accessibleName() == "warningsPanel"
    assert hasattr(six.panel, "findings") and hasattr(six.panel, "preview_findings")


def test_the_weeks_findings_are_what_legwork_warnings_prints(six: Window) -> None:
    findings = six.panel.findings()
    assert findings == six.service_findings()
    assert six.findings() == [REST_INFO, ("RUN_COUNT", Severity.INFO)]
    assert six.panel.summary == "Week 47 · 2 info"
    cards = six.panel.cards()
    assert [card.finding for card in cards] == findings
    # Severity word and days on every card, never the colour alone.
    assert cards[0].text() == (
        "Info · Mon 16 – Sun 22 Nov · Only 1 rest day in the week of Mon 16 Nov: consider a second."
    )
    assert "Rest days this week. Source:" in cards[0].toolTip()  # the rule in words, no id
    assert "Meeusen 2013" in cards[0].toolTip()
    assert not six.panel.empty_shown


def test_most_severe_first(hiit: Window) -> None:
    friday_hiit = hiit.by_title("Sprints", FRI)
    assert friday_hiit.id is not None
    hiit.controller.move(friday_hiit.id, TUE)  # two HIIT on Tuesday: critical
    hiit.controller.add_workout(Workout(None, WED, Kind.HIIT, "More HIIT", 0, 30, None, 8))
    severities = [f.severity for f in hiit.panel.findings()]
    assert severities == sorted(severities, reverse=True)
    assert severities[0] is Severity.CRITICAL
    assert hiit.panel.cards()[0].text().startswith("Critical · Tue 17 Nov · ")


def test_a_clean_week_says_so(qtbot: Any) -> None:
    window = Window(qtbot, CountingRepository(hiit_week()))
    assert window.panel.findings() == []
    assert window.panel.empty_shown
    assert window.panel.cards() == []
    assert window.panel.summary == "Week 47 · No warnings"
    assert EMPTY_TITLE == "No warnings this week"


# -- live: every kind of change -------------------------------------------------------------------
def test_the_panel_follows_a_drop_undo_and_redo(six: Window) -> None:
    easy = six.template_id("Easy run")
    six.view.drop_mime_data(encode_template(easy), SUN, None)
    assert REST_WARNING in six.findings() and STREAK_WARNING in six.findings()
    assert REST_INFO not in six.findings()
    assert six.panel.findings() == six.service_findings()
    six.controller.undo_stack.undo()
    assert six.findings() == [REST_INFO, ("RUN_COUNT", Severity.INFO)]
    six.controller.undo_stack.redo()
    assert REST_WARNING in six.findings()


def test_the_panel_follows_a_move_an_edit_a_status_and_a_delete(hiit: Window) -> None:
    friday = hiit.by_title("Sprints", FRI)
    assert friday.id is not None
    assert hiit.controller.move(friday.id, WED)
    assert ("HIIT_GAP", Severity.WARNING) in hiit.findings()
    moved = hiit.by_title("Sprints", WED)
    assert hiit.controller.edit(moved.replace(kind=Kind.STRENGTH, title="Gym"))
    assert ("HIIT_GAP", Severity.WARNING) not in hiit.findings()
    hiit.controller.undo_stack.undo()  # a HIIT again
    assert ("HIIT_GAP", Severity.WARNING) in hiit.findings()
    assert hiit.controller.set_status(friday.id, Status.SKIPPED)  # skipped carries no load
    assert ("HIIT_GAP", Severity.WARNING) not in hiit.findings()
    hiit.controller.undo_stack.undo()
    assert hiit.controller.delete([friday.id])
    assert hiit.findings() == []
    assert hiit.panel.findings() == hiit.service_findings()


def test_the_panel_follows_a_weigh_in(hiit: Window) -> None:
    # 70 kg four weeks ago, with no training then; 67 kg now (95.7 %) while training.
    hiit.controller.save_weight(WeightEntry(THU - timedelta(days=30), 70.0))
    assert hiit.findings() == []
    hiit.controller.save_weight(WeightEntry(THU, 67.0))
    assert ("WEIGHT_DROP", Severity.INFO) in hiit.findings()
    hiit.controller.undo_stack.undo()
    assert hiit.findings() == []


def test_the_panel_follows_a_settings_change_each_one_undo_step(six: Window) -> None:
    steps = six.controller.undo_stack.count()
    assert six.controller.set_setting("rule.REST_WEEK", "off")
    assert six.controller.undo_stack.count() == steps + 1
    assert six.findings() == [("RUN_COUNT", Severity.INFO)]
    assert six.controller.set_setting("rest-days-per-week", "1")  # six days are fine then
    six.controller.undo_stack.undo()
    six.controller.undo_stack.undo()
    assert six.findings() == [REST_INFO, ("RUN_COUNT", Severity.INFO)]
    assert six.controller.set_setting("rest-days-per-week", "1")
    assert REST_INFO not in six.findings()
    assert six.controller.set_setting("max-runs-per-week", "6")
    assert six.findings() == []
    assert six.panel.empty_shown


def test_messages_and_the_header_follow_the_units(qtbot: Any) -> None:
    plan = [
        run(MON - timedelta(days=7) + timedelta(days=i), "Run", 40, 4, km=5.0) for i in (0, 2, 4)
    ]
    plan += [run(MON + timedelta(days=i), "Run", 45, 4, km=7.0) for i in (0, 2, 4)]
    window = Window(qtbot, CountingRepository(plan))
    window.controller.set_status(window.by_title("Run", MON).id or 0, Status.DONE)
    ramp = next(f for f in window.panel.findings() if f.rule_id == "WEEK_RAMP")
    assert "15 km → 21 km" in ramp.message
    assert window.view.scene().marks.progress == "7 of 21 km done · +40 % on last week"
    window.controller.set_setting("units", "mi")
    ramp = next(f for f in window.panel.findings() if f.rule_id == "WEEK_RAMP")
    assert "9.3 mi → 13 mi" in ramp.message  # 15 km = 9.32 mi, 21 km = 13.05 mi
    assert window.view.scene().marks.progress == "4.3 of 13 mi done · +40 % on last week"


def test_the_panel_follows_week_navigation_and_midnight(qtbot: Any) -> None:
    next_week = [run(MON + timedelta(days=7 + i), "Easy run", 30, 3) for i in range(7)]
    window = Window(qtbot, CountingRepository(next_week), today=SUN)
    assert window.findings() == []
    window.state.next_week()
    assert REST_WARNING in window.findings()
    assert window.panel.summary.startswith("Week 48 · ")
    window.state.previous_week()
    assert window.findings() == []
    # Midnight: Sunday becomes Monday 23, and the week of today follows.
    window.clock_day = SUN + timedelta(days=1)
    window.state.check_today()
    assert window.state.week == Week(SUN + timedelta(days=1))
    assert REST_WARNING in window.findings()
    assert window.panel.findings() == window.service_findings()


def test_changes_outside_the_window_are_not_evaluated(qtbot: Any, six: Window) -> None:
    six.panel.findings()
    far = SUN + timedelta(days=200)
    with qtbot.assertNotEmitted(six.model.changed):
        six.controller.add_workout(run(far, "Far away", 30, 3))
    with qtbot.waitSignal(six.model.changed, timeout=1000):
        six.controller.add_workout(run(SUN, "Sunday", 30, 3))


def test_the_cached_window_is_what_the_plan_file_holds(six: Window) -> None:
    six.panel.findings()
    easy = six.template_id("Easy run")
    six.view.drop_mime_data(encode_template(easy), SUN, 0)
    first = six.by_title("Easy run", MON)
    assert first.id is not None
    six.controller.move(first.id, SUN, 0)
    six.controller.copy(first.id, WED, 0)
    six.controller.delete([six.by_title("Steady run", TUE).id or 0])
    six.controller.undo_stack.undo()
    six.controller.save_weight(WeightEntry(FRI, 71.5))
    six.state.next_week()
    six.state.previous_week()
    start, end = history_span(MON, SUN)
    assert six.model.window() == six.repo.workouts_between(start, end)


# -- clicking a finding ---------------------------------------------------------------------------
def test_clicking_a_finding_highlights_its_days_and_blocks(qtbot: Any, hiit: Window) -> None:
    friday = hiit.by_title("Sprints", FRI)
    tuesday = hiit.by_title("HIIT intervals", TUE)
    hiit.controller.move(friday.id or 0, WED)
    (card,) = [c for c in hiit.panel.cards() if c.finding.rule_id == "HIIT_GAP"]
    assert not card.why_shown
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert hiit.state.highlighted_days == {TUE, WED}
    assert hiit.state.highlighted_workouts == {tuesday.id, friday.id}
    assert card.selected and card.why_shown
    scene = hiit.view.scene()
    assert scene.highlighted_days == {TUE, WED}
    # Clicking it again lets go; so does the finding going away.
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert hiit.state.highlighted_days == frozenset()
    qtbot.mouseClick(hiit.panel.cards()[0], Qt.MouseButton.LeftButton)
    assert hiit.state.highlighted_days == {TUE, WED}
    hiit.controller.undo_stack.undo()
    assert hiit.state.highlighted_days == frozenset()
    assert hiit.state.highlighted_workouts == frozenset()


def test_a_finding_is_reachable_from_the_keyboard(qtbot: Any, six: Window) -> None:
    six.panel.findings()
    six.panel.focus_first()
    card = six.panel.cards()[0]
    qtbot.keyClick(card, Qt.Key.Key_Space)
    assert six.state.highlighted_days == set(WEEK.days)
    assert six.state.highlighted_workouts == frozenset()  # a week rule is about days


# -- markers and the header -----------------------------------------------------------------------
def test_blocks_a_finding_is_about_carry_a_marker_and_say_why(hiit: Window) -> None:
    friday = hiit.by_title("Sprints", FRI)
    tuesday = hiit.by_title("HIIT intervals", TUE)
    assert dict(hiit.view.scene().marks.blocks) == {}  # not loaded before the first paint
    hiit.panel.findings()
    assert dict(hiit.view.scene().marks.blocks) == {}
    hiit.controller.move(friday.id or 0, WED)
    marks = hiit.view.scene().marks
    assert dict(marks.blocks) == {tuesday.id: Severity.WARNING, friday.id: Severity.WARNING}
    tip = hiit.view.tooltip_at(hiit.view.block_rect(friday.id or 0).center())
    assert "Warning: HIIT on Tue 17 Nov and again on Wed 18 Nov" in tip
    assert "Warning" not in hiit.view.tooltip_at(
        hiit.view.block_rect(hiit.by_title("Easy run", MON).id or 0).center()
    )


def test_the_header_says_planned_against_done_and_the_change_on_last_week(qtbot: Any) -> None:
    plan = [run(MON - timedelta(days=7), "Last week", 40, 4, km=10.0)]
    plan += [
        run(MON, "Done", 40, 4, km=6.4).replace(status=Status.DONE, actual_distance_km=6.2),
        run(WED, "Skipped", 40, 4, km=9.0).replace(status=Status.SKIPPED),
        run(SAT, "Long", 40, 4, km=5.0),
    ]
    window = Window(qtbot, CountingRepository(plan))
    window.panel.findings()
    # 6.2 km done (what was run), of 6.2 + 5 = 11.2 km; 11.2 / 10 = +12 %.
    assert window.view.scene().marks.progress == "6.2 of 11.2 km done · +12 % on last week"


# -- the drop preview -----------------------------------------------------------------------------
def test_a_drag_over_a_day_previews_what_the_drop_would_add_and_clear(six: Window) -> None:
    assert six.panel.preview_findings() is None
    six.panel.findings()
    reads = six.repo.reads
    six.hover(encode_template(six.template_id("Easy run")), SUN)
    preview = six.panel.preview_findings()
    assert preview is not None
    added, cleared = preview
    assert [(f.rule_id, f.severity) for f in added] == [
        STREAK_WARNING,
        REST_WARNING,
        ("MONOTONY", Severity.INFO),
    ]
    assert [(f.rule_id, f.severity) for f in cleared] == [REST_INFO]
    assert six.repo.reads == reads, "the preview read the plan during the drag"
    assert six.panel.preview_title == "Preview: Add Easy run to Sun 22 Nov"
    assert [c.mark for c in six.panel.preview_cards()] == ["added", "added", "added", "cleared"]
    assert six.panel.preview_cards()[0].text().startswith("Would add: Warning · Mon 16 – Sun 22")
    # The target day is tinted, with words: the drop would add a warning.
    assert six.view.scene().marks.drop_warning == (SUN, Severity.WARNING)
    # Nothing was written, and the week's own findings are unchanged meanwhile.
    assert six.findings() == [REST_INFO, ("RUN_COUNT", Severity.INFO)]
    assert not [w for w in six.repo.all_workouts() if w.day == SUN]
    # Leaving the week restores the panel.
    six.view.dragLeaveEvent(QDragLeaveEvent())
    assert six.panel.preview_findings() is None
    assert six.panel.preview_title == ""
    assert six.view.scene().marks.drop_warning is None


def test_moving_over_other_days_updates_the_preview_and_cancelling_ends_it(six: Window) -> None:
    monday = six.by_title("Easy run", MON)
    data = encode_workouts([monday.id or 0])
    six.hover(data, SUN)  # Monday's run to Sunday: still six days, one rest day
    assert six.panel.preview_findings() == ([], [])
    assert six.panel.preview_title == "Preview: Move Easy run to Sun 22 Nov"
    assert six.view.scene().marks.drop_warning is None
    six.hover(data, SUN, Qt.KeyboardModifier.ControlModifier)  # a copy: seven days
    preview = six.panel.preview_findings()
    assert preview is not None and REST_WARNING in [(f.rule_id, f.severity) for f in preview[0]]
    assert six.panel.preview_title == "Preview: Copy Easy run to Sun 22 Nov"
    six.hover(data, MON)  # back where it is
    assert six.panel.preview_findings() == ([], [])
    assert six.panel.preview_title == "Preview: Easy run stays where it is"
    six.state.set_drop_hover(None)  # Escape: the drag is cancelled
    assert six.panel.preview_findings() is None


@pytest.mark.parametrize(
    ("dragged", "modifiers", "said"),
    [
        ("entry", Qt.KeyboardModifier.NoModifier, "Add Easy run to Sun 22 Nov"),
        ("block", Qt.KeyboardModifier.NoModifier, "Move Easy run to Sun 22 Nov"),
        ("block", Qt.KeyboardModifier.ControlModifier, "Copy Easy run to Sun 22 Nov"),
    ],
)
def test_the_preview_says_what_the_edit_menu_says_after_the_drop(
    six: Window, dragged: str, modifiers: Qt.KeyboardModifier, said: str
) -> None:
    monday = six.by_title("Easy run", MON)
    if dragged == "entry":
        data = encode_template(six.template_id("Easy run"))
    else:
        data = encode_workouts([monday.id or 0])
    six.hover(data, SUN, modifiers)
    assert six.panel.preview_title == f"Preview: {said}"
    six.drop(data, SUN, modifiers)
    assert six.controller.undo_stack.undoText() == said  # the Edit menu's "Undo …"
    assert [w.title for w in six.repo.workouts_between(SUN, SUN)] == ["Easy run"]


def test_the_preview_shows_a_title_as_typed_not_as_markup(six: Window) -> None:
    saved = six.controller.save_template(Template(None, MARKUP_TITLE, Kind.RUN, 25, 4.0, 4))
    assert saved is not None and saved.id is not None
    six.hover(encode_template(saved.id), SUN)  # a drag held over Sunday
    expected = f"Preview: Add {MARKUP_TITLE} to Sun 22 Nov"
    assert six.panel.preview_title == expected
    label = six.panel.findChild(QLabel, "warningsPreviewTitle")
    assert isinstance(label, QLabel) and label.isVisibleTo(six.panel)
    assert label_text(label) == expected  # no bold, no image, no link: the name as typed


def test_a_move_that_clears_a_warning_is_previewed_without_a_tint(hiit: Window) -> None:
    friday = hiit.by_title("Sprints", FRI)
    hiit.controller.move(friday.id or 0, WED)
    intent = DropIntent(FRI, 0, copy=False, workout_ids=(friday.id or 0,))
    hiit.state.set_drop_hover(intent)
    preview = hiit.panel.preview_findings()
    assert preview is not None
    added, cleared = preview
    assert added == []
    assert [f.rule_id for f in cleared] == ["HIIT_GAP"]
    assert hiit.view.scene().marks.drop_warning is None
    assert [c.mark for c in hiit.panel.preview_cards()] == ["cleared"]


def test_a_drop_ends_the_preview_and_the_panel_shows_the_result(six: Window) -> None:
    data = encode_template(six.template_id("Easy run"))
    six.hover(data, SUN)
    preview = six.panel.preview_findings()
    assert preview is not None
    added, _ = preview
    six.drop(data, SUN)
    assert six.panel.preview_findings() is None
    for finding in added:
        assert (finding.rule_id, finding.severity) in six.findings()


# -- the real window ------------------------------------------------------------------------------
def seed(path: Path, workouts: list[Workout]) -> None:
    from planner.storage.db import open_database

    database = open_database(path)
    try:
        write_workouts(database.repository, workouts)
    finally:
        database.close()


@pytest.fixture
def window(qtbot: Any, db_path: Path) -> Any:
    from tests.helpers.windows import open_window

    seed(db_path, six_days())
    return open_window(qtbot, db_path)


def test_the_window_has_the_panel_in_a_dock_beside_the_week(qtbot: Any, window: Any) -> None:
    panel = window.findChild(QWidget, "warningsPanel")
    assert isinstance(panel, WarningsPanel)
    dock = panel.parentWidget()
    assert isinstance(dock, QDockWidget) and dock.objectName() == "warningsDock"
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    qtbot.waitUntil(lambda: window.warnings.is_loaded)  # after the first paint, by itself
    assert panel.findings() == PlanService(window.controller.service.repository).findings(
        window.state.week
    )
    assert window.actions_table["warnings"].isChecked()
    window.actions_table["warnings"].trigger()
    assert dock.isHidden()
    window.actions_table["focus_warnings"].trigger()
    assert not dock.isHidden()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.cards()[0])


def test_preferences_change_the_panel_at_once_as_one_undo_step(qtbot: Any, window: Any) -> None:
    from planner.ui.dialogs.preferences import PreferencesDialog

    panel = window.warnings_panel
    assert "REST_WEEK" in [f.rule_id for f in panel.findings()]
    window.preferences_action.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None
    dialog.field("rule.REST_WEEK").setChecked(False)  # type: ignore[union-attr]
    steps = window.controller.undo_stack.count()
    dialog.accept()
    qtbot.waitUntil(lambda: window.findChild(PreferencesDialog) is None)
    assert "REST_WEEK" not in [f.rule_id for f in panel.findings()]
    assert window.controller.undo_stack.count() == steps + 1
    window.undo_action.trigger()
    assert "REST_WEEK" in [f.rule_id for f in panel.findings()]


def test_the_printed_week_lists_the_panels_warnings(window: Any) -> None:
    html = window.commands.printable_week().html()
    assert "WARNINGS THIS WEEK" in html
    for finding in window.warnings_panel.findings():
        assert finding.message.replace("'", "&#x27;") in html


def test_a_narrow_header_keeps_the_short_progress_line(qtbot: Any) -> None:
    from PySide6.QtGui import QFontMetrics

    from planner.ui.week.marks import WeekMarks, fit_subtitle

    marks = WeekMarks(
        progress="18.4 of 41 km done · +12 % on last week", progress_short="18.4/41 km done · +12 %"
    )
    metrics = QFontMetrics(QApplication.font())
    full = "Week 47 · this week · 18.4 of 41 km done · +12 % on last week"
    short = "Week 47 · this week · 18.4/41 km done · +12 %"
    assert fit_subtitle("Week 47 · this week", marks, metrics, 2000) == full
    room = metrics.horizontalAdvance(short) + 2
    assert fit_subtitle("Week 47 · this week", marks, metrics, room) == short
    cut = fit_subtitle("Week 47 · this week", marks, metrics, 60)
    assert cut.endswith("…") and metrics.horizontalAdvance(cut) <= 60


def test_the_drop_caption_says_adds_a_warning_in_words_even_in_a_narrow_column(
    qtbot: Any,
) -> None:
    from PySide6.QtGui import QFontMetrics

    from planner.ui.week.marks import caption_lines, drop_warning_text

    metrics = QFontMetrics(QApplication.font())
    text = drop_warning_text(Severity.WARNING)
    assert text == "Adds a warning"
    assert caption_lines(text, metrics, 1000) == ["Adds a warning"]
    narrow = metrics.horizontalAdvance("Adds a warning") - 5
    assert caption_lines(text, metrics, narrow) == ["Adds a", "warning"]
    assert drop_warning_text(Severity.CRITICAL) == "Adds a critical warning"


# -- a long drop preview at 1280x720 --------------------------------------------------------------
def assert_apart(widgets: list[Any]) -> None:
    """No two of ``widgets`` (children of one parent) overlap."""
    for index, one in enumerate(widgets):
        for other in widgets[index + 1 :]:
            assert not one.geometry().intersects(other.geometry()), (one, other)


def assert_shows_all_its_text(card: Any) -> None:
    """``card`` is as tall as its text needs, and its lines neither overlap nor leave it."""
    assert card.isVisible()
    height, hint = card.height(), card.sizeHint()
    # The hint is measured at the text's preferred width; at the card's own width the text
    # needs heightForWidth (more lines when narrower, fewer when wider).
    assert card.heightForWidth(card.width()) <= height, card.text()
    if card.width() <= hint.width():
        assert hint.height() <= height, card.text()
    labels = [label for label in card.findChildren(QLabel) if label.isVisible()]
    for label in labels:
        needed = label.heightForWidth(label.width()) if label.wordWrap() else 0
        assert needed <= label.height(), (card.text(), label.text())
        assert card.rect().contains(label.geometry()), (card.text(), label.text())
    assert_apart(labels)  # the message never overlaps the header


def hard_six_days() -> list[Workout]:
    """Four weeks of easy runs every other day, then six hard days from Monday to Saturday
    (tempo runs at RPE 7, HIIT on Tuesday and Friday)."""
    history = [run(MON - timedelta(days=d), "Easy run", 30, 3, 5.0) for d in range(1, 29, 2)]
    return history + [
        Workout(None, day, Kind.HIIT, "HIIT intervals", 0, 30, None, 8)
        if day in (TUE, FRI)
        else run(day, "Tempo run", 45, 7, 8.0)
        for day in (MON, TUE, WED, THU, FRI, SAT)
    ]


def test_a_long_drop_preview_scrolls_and_never_squeezes_a_card_at_1280x720(
    qtbot: Any, db_path: Path
) -> None:
    from planner.app import build_main_window

    seed(db_path, hard_six_days())
    main = build_main_window(db_path, today=TODAY)
    qtbot.addWidget(main)
    main.resize(1280, 720)
    with qtbot.waitExposed(main):
        main.show()
    qtbot.waitUntil(lambda: main.size().height() == 720)
    panel = main.warnings_panel
    panel.findings()
    view = main.week_view
    template = next(t for t in main.controller.templates() if t.name == "Long run")
    rect = view.day_rect(SUN)
    data = encode_template(template.id or 0)  # the event does not keep it alive
    view.dragMoveEvent(  # the library's Long run held over Sunday
        QDragMoveEvent(
            QPoint(rect.center().x(), rect.bottom() - 12),
            Qt.DropAction.MoveAction | Qt.DropAction.CopyAction,
            data,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    preview = panel.preview_findings()
    assert preview is not None
    added, cleared = preview
    assert (len(added), len(cleared)) == (4, 2), (added, cleared)
    QApplication.processEvents()  # the layout settles, as before the next paint
    # On top, in one line: the whole change, even what lies below the fold.
    counts = panel.findChild(QLabel, "warningsPreviewCounts")
    assert isinstance(counts, QLabel) and counts.isVisible()
    assert counts.text() == "Adds 3 warnings and 1 info · clears 1 warning and 1 info"
    scroll = panel.findChild(QScrollArea, "warningsScroll")
    assert isinstance(scroll, QScrollArea)
    top_left = counts.mapTo(scroll.viewport(), counts.rect().topLeft())
    assert scroll.viewport().rect().contains(QRect(top_left, counts.size()))

    cards = panel.preview_cards()
    assert len(cards) == len(added) + len(cleared)
    for card in [*cards, *panel.cards()]:  # the preview's, and the week's under it
        assert_shows_all_its_text(card)
    # The cards, their headings and the preview's title follow each other without overlapping.
    box = panel.findChild(QWidget, "warningsPreview")
    assert box is not None
    parts = [w for w in box.findChildren(QWidget) if w.parentWidget() is box and w.isVisible()]
    assert_apart(parts)
    # They do not fit in a 720-pixel window: the panel scrolls instead.
    scrollbars = [
        area.verticalScrollBar()
        for area in panel.findChildren(QScrollArea)
        if area.isVisible() and area.isAncestorOf(box)
    ]
    assert scrollbars, "the preview is not in a scroll area"
    assert any(bar.isVisible() and bar.maximum() > 0 for bar in scrollbars)
    # When the drag leaves, the panel is back where it was.
    view.dragLeaveEvent(QDragLeaveEvent())
    assert panel.preview_findings() is None and not box.isVisible()
    assert all(bar.value() == 0 for bar in scrollbars)


# -- what a card says about its days, its rule and missing strength ------------------------------
def load_spike() -> list[Workout]:
    """25 min at RPE 4 (100 AU) every day for four weeks and Monday, 125 min at RPE 8 (1000 AU)
    on Tuesday, then nothing."""
    steady = [run(MON + timedelta(days=i), "Easy run", 25, 4) for i in range(-28, 1)]
    return [*steady, run(TUE, "Big day", 125, 8)]


def test_a_load_card_names_the_seven_days_its_message_speaks_of(qtbot: Any) -> None:
    window = Window(qtbot, CountingRepository(load_spike()))
    window.panel.findings()
    # The 7 days to Tuesday carry 6 x 100 + 1000 = 1600 against a usual week of
    # (27 x 100 + 1000) / 4 = 925: 1.73 times, the worst of the days that flag (Tuesday to
    # Sunday: 1500 / 900 on Wednesday ... 1100 / 800 on Sunday), so one card: Wed 11 - Tue 17.
    (card,) = [c for c in window.panel.cards() if c.finding.rule_id == "LOAD_RATIO"]
    assert card.text() == (
        "Warning · Wed 11 – Tue 17 Nov · Your 7 days to Tue 17 Nov carry 1.7 times your usual "
        "weekly load: consider an easier day."
    )
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.state.highlighted_days == {MON + timedelta(days=i) for i in range(-5, 2)}


def hard_days() -> list[Workout]:
    """Hard days from Monday to Saturday (tempo runs at RPE 7, HIIT on Tuesday and Wednesday,
    heavy strength on Friday); Sunday off."""
    return [
        run(MON, "Tempo run", 45, 7, km=8.0),
        Workout(None, TUE, Kind.HIIT, "HIIT intervals", 0, 30, None, 8),
        Workout(None, WED, Kind.HIIT, "Sprints", 0, 20, None, 8),
        run(THU, "Tempo run", 45, 7, km=8.0),
        Workout(None, FRI, Kind.STRENGTH, "Weight training", 0, 40, None, 8),
        run(SAT, "Tempo run", 45, 7, km=8.0),
    ]


def test_a_run_of_hard_days_is_one_card_and_its_tooltip_names_the_rule_in_words(
    qtbot: Any,
) -> None:
    window = Window(qtbot, CountingRepository(hard_days()))
    window.panel.findings()
    cards = [c for c in window.panel.cards() if c.finding.rule_id == "HARD_BACK_TO_BACK"]
    assert [c.text() for c in cards] == [
        "Warning · Mon 16 – Sat 21 Nov · 6 hard days in a row (Mon 16 to Sat 21 Nov): follow a "
        "hard day with an easy day or rest."
    ]
    tip = cards[0].toolTip()
    assert "Hard days back to back. Source: hard/easy principle; Stanley 2013" in tip
    assert "HARD_BACK_TO_BACK" not in tip
    # the card opened shows the same why
    qtbot.mouseClick(cards[0], Qt.MouseButton.LeftButton)
    assert cards[0].why_shown
    assert window.state.highlighted_days == {MON, TUE, WED, THU, FRI, SAT}


def test_missing_strength_is_a_card_with_its_own_switch_in_preferences(
    qtbot: Any, db_path: Path
) -> None:
    from planner.app import build_main_window
    from planner.ui.dialogs.preferences import PreferencesDialog

    # easy runs on Monday, Wednesday and Friday, last week and this week; no strength at all
    easy = [run(day, "Easy run", 30, 3) for day in (MON, WED, FRI)]
    seed(db_path, [*easy, *(w.replace(day=w.day - timedelta(days=7)) for w in easy)])
    main = build_main_window(db_path, today=TODAY)
    qtbot.addWidget(main)
    with qtbot.waitExposed(main):
        main.show()
    panel = main.warnings_panel
    qtbot.waitUntil(lambda: main.warnings.is_loaded)
    (card,) = [c for c in panel.cards() if c.finding.rule_id == "STRENGTH_LOW"]
    assert card.text() == (
        "Info · Mon 16 – Sun 22 Nov · No strength session for two weeks (the week of Mon 16 Nov "
        "and the week before): two a week keep running legs strong and less injury-prone "
        "(squats, lunges, squat jumps)."
    )
    main.preferences_action.trigger()
    dialog = main.findChild(PreferencesDialog)
    assert dialog is not None
    switch = dialog.field("rule.STRENGTH_LOW")
    assert switch.text() == "Weeks without strength"  # type: ignore[union-attr]
    assert switch.isChecked()  # type: ignore[union-attr]
    switch.setChecked(False)  # type: ignore[union-attr]
    dialog.accept()
    qtbot.waitUntil(lambda: main.findChild(PreferencesDialog) is None)
    assert "STRENGTH_LOW" not in [f.rule_id for f in panel.findings()]
