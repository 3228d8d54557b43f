"""Preferences: what the dialog offers, what it refuses, and what applying it does to the app."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
)

from planner.core.model import Kind, Workout
from planner.core.settings import RULE_IDS, Settings, Units
from planner.storage.db import open_database
from planner.ui.dialogs.preferences import PreferencesDialog
from planner.ui.main_window import MainWindow
from tests.helpers.event_loop import repainted
from tests.helpers.plans import seed
from tests.helpers.shown_text import box_informative_text, box_text
from tests.helpers.windows import open_window


def make_dialog(qtbot: Any, settings: Settings | None = None) -> PreferencesDialog:
    dialog = PreferencesDialog(settings or Settings())
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.open()
    return dialog


def type_into(qtbot: Any, dialog: PreferencesDialog, name: str, text: str) -> None:
    field = dialog.field(name)
    assert isinstance(field, QLineEdit), name
    field.selectAll()
    field.setFocus()
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Delete)


def ok(qtbot: Any, dialog: PreferencesDialog) -> None:
    button = dialog.field("save")
    assert button is not None and button.text().replace("&", "") == "OK"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose(dialog: PreferencesDialog, name: str, text: str) -> None:
    combo = dialog.field(name)
    assert isinstance(combo, QComboBox), name
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered in {name}"
    combo.setCurrentIndex(index)


# -- the dialog -------------------------------------------------------------------------------
def test_it_shows_the_settings_it_was_given(qtbot: Any) -> None:
    settings = Settings(units=Units.MI, first_weekday=6)
    settings = settings.replace(
        rules=settings.rules.replace(
            disabled=frozenset({"MONOTONY"}), max_runs_per_week=6, ramp_limit_pct=12.5
        )
    )
    dialog = make_dialog(qtbot, settings)
    assert dialog.field("units").currentText() == "Miles (mi)"  # type: ignore[union-attr]
    assert dialog.field("first-weekday").currentText() == "Sunday"  # type: ignore[union-attr]
    assert dialog.field("max-runs-per-week").text() == "6"  # type: ignore[union-attr]
    assert dialog.field("ramp-limit").text() == "12.5"  # type: ignore[union-attr]
    switches = {rule_id: dialog.field(f"rule.{rule_id}") for rule_id in RULE_IDS}
    assert all(isinstance(box, QCheckBox) for box in switches.values())
    assert [r for r, box in switches.items() if not box.isChecked()] == ["MONOTONY"]  # type: ignore[union-attr]
    # Switches say what they are about in words, not only the rule's id.
    assert switches["REST_WEEK"].text() == "Rest days this week"  # type: ignore[union-attr]
    ok(qtbot, dialog)
    assert dialog.settings() == settings  # unchanged values come back unchanged


def test_every_choice_comes_back_in_the_settings(qtbot: Any) -> None:
    dialog = make_dialog(qtbot)
    choose(dialog, "units", "Miles (mi)")
    choose(dialog, "first-weekday", "Sunday")
    choose(dialog, "rest-days-per-week", "1")
    type_into(qtbot, dialog, "min-runs-per-week", "2")
    type_into(qtbot, dialog, "max-runs-per-week", "6")
    type_into(qtbot, dialog, "strength-per-week", "3")
    type_into(qtbot, dialog, "ramp-limit", "15%")
    dialog.field("rule.FUEL_LONG").setChecked(False)  # type: ignore[union-attr]
    ok(qtbot, dialog)
    assert not dialog.isVisible()
    rules = dialog.settings().rules
    assert (dialog.settings().units, dialog.settings().first_weekday) == (Units.MI, 6)
    assert (rules.rest_days_per_week, rules.min_runs_per_week, rules.max_runs_per_week) == (1, 2, 6)
    assert (rules.strength_per_week, rules.ramp_limit_pct) == (3, 15.0)
    assert rules.disabled == {"FUEL_LONG"}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("min-runs-per-week", "0", "Fewest runs a week: '0' is not a whole number from 1 to 7."),
        ("max-runs-per-week", "2.5", "Most runs a week: '2.5' is not a whole number from 1 to 7."),
        ("strength-per-week", "", "Strength sessions a week: enter a number."),
        ("ramp-limit", "50", "Weekly increase: '50' is not a number from 1 to 30."),
        ("ramp-limit", "lots", "Weekly increase: 'lots' is not a number from 1 to 30."),
    ],
)
def test_a_value_out_of_range_is_refused_under_its_field(
    qtbot: Any, name: str, text: str, message: str
) -> None:
    dialog = make_dialog(qtbot)
    type_into(qtbot, dialog, name, text)
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_message(name) == message
    assert dialog.error_messages() == [message]
    assert dialog.focusWidget() is dialog.field(name)
    type_into(qtbot, dialog, name, "3")  # editing the field takes the message away
    assert dialog.error_messages() == []


def test_fewer_runs_allowed_than_asked_for_is_refused(qtbot: Any) -> None:
    dialog = make_dialog(qtbot)
    type_into(qtbot, dialog, "min-runs-per-week", "6")
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_message("max-runs-per-week") == (
        "At most 5 runs a week is fewer than the 6 asked for at least."
    )


def test_restore_defaults_fills_in_the_defaults_without_applying(qtbot: Any) -> None:
    dialog = make_dialog(qtbot, Settings(units=Units.MI, first_weekday=6))
    type_into(qtbot, dialog, "ramp-limit", "50")
    ok(qtbot, dialog)
    assert dialog.error_messages()
    qtbot.mouseClick(dialog.field("defaults"), Qt.MouseButton.LeftButton)
    assert dialog.error_messages() == []
    assert dialog.field("units").currentText() == "Kilometres (km)"  # type: ignore[union-attr]
    assert dialog.isVisible()
    ok(qtbot, dialog)
    assert dialog.settings() == Settings()


# -- in the window ----------------------------------------------------------------------------
def stored_settings(path: Path) -> dict[str, str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return dict(connection.execute("SELECT key, value FROM settings").fetchall())


@pytest.fixture
def window(qtbot: Any, db_path: Path) -> MainWindow:
    seed(db_path, Workout(None, date(2026, 11, 20), Kind.RUN, "Long run", 0, 100, 16.0, 5))
    return open_window(qtbot, db_path)


def open_preferences(qtbot: Any, window: MainWindow) -> PreferencesDialog:
    window.week_view.setFocus()
    qtbot.keyClick(window.week_view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PreferencesDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, PreferencesDialog)
    return dialog


def test_edit_menu_offers_preferences_on_ctrl_comma(window: MainWindow) -> None:
    edit_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Edit"
    )
    assert window.preferences_action in edit_menu.actions()
    assert "Ctrl+," in [s.toString() for s in window.preferences_action.shortcuts()]


def test_applying_preferences_is_one_undo_step_that_every_view_follows(
    qtbot: Any, window: MainWindow, db_path: Path
) -> None:
    view = window.week_view
    assert view.week.start == date(2026, 11, 16)
    dialog = open_preferences(qtbot, window)
    choose(dialog, "units", "Miles (mi)")
    choose(dialog, "first-weekday", "Sunday")
    dialog.field("rule.MONOTONY").setChecked(False)  # type: ignore[union-attr]
    ok(qtbot, dialog)

    stored = stored_settings(db_path)
    assert (stored["units"], stored["first-weekday"], stored["rule.MONOTONY"]) == (
        "mi",
        "sunday",
        "off",
    )
    assert window.controller.undo_stack.count() == 1
    assert window.undo_action.text().replace("&", "") == "Undo Change Preferences"
    assert view.week.start == date(2026, 11, 15)  # Sunday 15 to Saturday 21
    assert view.day_rect(date(2026, 11, 22)).isEmpty()
    assert view.scene().units is Units.MI
    easy = window.library.model().index_of(name="Easy run")
    assert "3.7 mi" in easy.data(Qt.ItemDataRole.AccessibleTextRole)
    printout = window.week_printer.sheet().html()
    assert "9.9 mi" in printout
    assert "Sunday to Saturday, 15 – 21 November 2026" in printout

    window.undo_action.trigger()
    assert stored_settings(db_path).get("units", "km") == "km"
    assert view.week.start == date(2026, 11, 16)
    assert view.scene().units is Units.KM
    window.redo_action.trigger()
    assert view.week.start == date(2026, 11, 15)


def test_cancelling_preferences_changes_nothing(
    qtbot: Any, window: MainWindow, db_path: Path
) -> None:
    before = stored_settings(db_path)
    dialog = open_preferences(qtbot, window)
    choose(dialog, "units", "Miles (mi)")
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(
        buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert stored_settings(db_path) == before
    assert window.controller.undo_stack.count() == 0
    assert window.controller.settings.units is Units.KM


# -- damaged settings -------------------------------------------------------------------------
NOTICE = "damagedSettingsNotice"


def damage(path: Path, values: dict[str, str]) -> None:
    """Write ``values`` into the plan's settings table as a damaged or hand-edited file has them."""
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.executemany(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", values.items()
        )


def notices(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox, NOTICE) if box.isVisible()]


def test_damaged_settings_are_told_once_and_saving_preferences_rewrites_them(
    qtbot: Any, db_path: Path
) -> None:
    open_database(db_path).close()
    damage(db_path, {"units": "mlies", "ramp-limit": "<b>lots</b>"})
    window = open_window(qtbot, db_path)
    qtbot.waitUntil(lambda: len(notices(window)) == 1)
    (notice,) = notices(window)
    assert not notice.isModal()  # the week stays usable while it is there
    text, info = box_text(notice), box_informative_text(notice)
    assert text == "2 settings of this plan are damaged: Legwork uses their defaults."
    assert "units: 'mlies' is not a unit: use km or mi. Using km." in info
    assert "ramp-limit: '<b>lots</b>' is not a number from 1 to 30. Using 10." in info
    assert "Saving Preferences rewrites them" in info
    assert window.controller.settings.units is Units.KM

    # Not again at every week switch.
    with repainted(qtbot, window.week_view):
        window.actions_table["next_week"].trigger()
        window.actions_table["previous_week"].trigger()
    assert notices(window) == [notice]

    preferences = next(b for b in notice.buttons() if b.text().replace("&", "") == "Preferences…")
    qtbot.mouseClick(preferences, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PreferencesDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, PreferencesDialog)
    assert notices(window) == []
    ok(qtbot, dialog)  # nothing changed in the form: the damaged values are written whole
    stored = stored_settings(db_path)
    assert (stored["units"], stored["ramp-limit"]) == ("km", "10")
    window.close()

    # The charts are built a while after the first paint: later than a notice would come.
    again = open_window(qtbot, db_path, charts=True)
    assert notices(again) == []  # nothing damaged any more: nothing to tell


def test_damaged_settings_are_told_again_at_the_next_start(qtbot: Any, db_path: Path) -> None:
    open_database(db_path).close()
    damage(db_path, {"first-weekday": "someday"})
    window = open_window(qtbot, db_path)
    qtbot.waitUntil(lambda: len(notices(window)) == 1)
    (notice,) = notices(window)
    assert box_text(notice) == "A setting of this plan is damaged: Legwork uses its default."
    assert "first-weekday: 'someday' is not a weekday: use monday … sunday. Using monday." in (
        box_informative_text(notice)
    )
    qtbot.mouseClick(notice.button(QMessageBox.StandardButton.Close), Qt.MouseButton.LeftButton)
    assert notices(window) == []
    assert stored_settings(db_path)["first-weekday"] == "someday"  # closing it writes nothing
    window.close()

    again = open_window(qtbot, db_path)
    qtbot.waitUntil(lambda: len(notices(again)) == 1)


def test_miles_leave_body_weight_in_kilograms_and_weight_has_its_own_setting(
    qtbot: Any, window: MainWindow, db_path: Path
) -> None:
    """'Distances in' is about distances: a runner who counts miles may weigh in kilograms."""
    from planner.ui.dialogs.weight_log import LogWeightDialog

    def log_weight_unit() -> str:
        window.actions_table["log_weight"].trigger()
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), LogWeightDialog))
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LogWeightDialog)
        unit = dialog.form.unit_label.text()
        dialog.reject()
        return unit

    dialog = open_preferences(qtbot, window)
    assert dialog.field("weight-units").currentText() == "Kilograms (kg)"  # type: ignore[union-attr]
    choose(dialog, "units", "Miles (mi)")
    ok(qtbot, dialog)
    assert stored_settings(db_path)["units"] == "mi"
    assert "weight-units" not in stored_settings(db_path)
    assert log_weight_unit() == "kg"

    dialog = open_preferences(qtbot, window)
    choose(dialog, "weight-units", "Pounds (lb)")
    ok(qtbot, dialog)
    assert stored_settings(db_path)["weight-units"] == "lb"
    assert log_weight_unit() == "lb"
    assert window.week_view.scene().units is Units.MI  # distances did not move
