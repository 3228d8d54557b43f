"""The four item models pass Qt's model tester, and keep passing while their rows change.

Each model is taken from the widget that shows it (the library, the Weight Log, the Import
Weights preview), over the in-memory plan of ``tests/ui/conftest.py``. The tester stays
connected for the whole test, so every change that follows (entries saved and deleted,
words typed into the filter, another file read, other units) is checked as it happens: a
broken invariant is a Qt warning, which fails the test.

Both testers run: Qt's own (``QAbstractItemModelTester``) and pytest-qt's Python one,
which also checks the types of the values each role gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.core.model import Kind, Template, WeightEntry
from planner.ui.controller import PlanController
from planner.ui.dialogs.weight_import import WeightImportDialog
from planner.ui.dialogs.weight_log import WeightLogDialog
from planner.ui.dialogs.weight_tables import PreviewModel, WeighInModel
from planner.ui.library.model import TemplateFilter, TemplateModel
from planner.ui.library.widget import WorkoutPalette
from tests.helpers.dates import TODAY
from tests.helpers.weight_files import write_daily_weights

TESTERS = pytest.mark.parametrize(
    "force_py", [False, True], ids=["Qt's tester", "pytest-qt's Python tester"]
)

#: A scale's export: new days, a day logged already, a day with another weight, refusals.
SCALE_CSV = (
    "Datum;Gewicht (kg)\n"
    "09.11.2026;72,2\n"
    "10.11.2026;72,0\n"
    "12.11.2026;70,9\n"
    "13.11.2026;7,1\n"
    "31.11.2026;71,0\n"
    "20.11.2026;71,0\n"
)


# -- the library ------------------------------------------------------------------------------
def library_models(palette: WorkoutPalette) -> tuple[TemplateFilter, TemplateModel]:
    proxy = palette.view().model()
    assert isinstance(proxy, TemplateFilter)
    source = proxy.sourceModel()
    assert isinstance(source, TemplateModel)
    return proxy, source


def shown_names(palette: WorkoutPalette) -> list[str]:
    return [t.name for t in palette.shown_templates()]


@TESTERS
def test_the_library_model_as_entries_are_added_renamed_and_deleted(
    qtmodeltester: Any, palette: WorkoutPalette, controller: PlanController, force_py: bool
) -> None:
    _, model = library_models(palette)
    assert model.rowCount() > 1  # kind headers, the built-in entries below them
    qtmodeltester.check(model, force_py=force_py)

    mine = controller.save_template(
        Template(None, "Hill repeats", Kind.RUN, 50, 9.0, 7, "8 x 60 s uphill")
    )
    assert mine is not None and mine.id is not None
    assert "Hill repeats" in shown_names(palette)
    assert controller.save_template(mine.replace(name="Hill sprints"))
    assert "Hill sprints" in shown_names(palette)
    assert controller.set_setting("units", "mi")  # every entry's summary is written again
    assert controller.delete_template(mine.id)
    assert "Hill sprints" not in shown_names(palette)


@TESTERS
def test_the_library_filter_as_words_are_typed_and_cleared(
    qtbot: Any,
    qtmodeltester: Any,
    palette: WorkoutPalette,
    controller: PlanController,
    force_py: bool,
) -> None:
    proxy, model = library_models(palette)
    everything = shown_names(palette)
    qtmodeltester.check(proxy, force_py=force_py)

    field = palette.filter_edit()
    qtbot.keyClicks(field, "easy")
    easy = shown_names(palette)
    assert easy and len(easy) < len(everything)
    qtbot.keyClicks(field, " run")
    assert "Easy run" in shown_names(palette)
    qtbot.keyClicks(field, " nothing like this")
    assert shown_names(palette) == [] and proxy.rowCount() == 0
    # An entry saved while the filter hides everything else, then the filter cleared.
    assert controller.save_template(Template(None, "Easy run nothing like this", Kind.RUN, 30))
    assert shown_names(palette) == ["Easy run nothing like this"]
    field.clear()
    assert len(shown_names(palette)) == len(everything) + 1
    assert proxy.rowCount() == model.rowCount()


# -- the weigh-in tables ----------------------------------------------------------------------
def logged_twice(controller: PlanController) -> None:
    for day, kg in ((date(2026, 11, 10), 72.0), (date(2026, 11, 12), 71.5)):
        assert controller.save_weight(WeightEntry(day, kg))


# The dialogs delete their models when they close. pytest-qt closes the widgets given to
# ``qtbot`` before any fixture's teardown, where the model tester lets go of its model: these
# dialogs are closed by their fixtures instead, which end before the model tester's.
@pytest.fixture
def weight_log(qtmodeltester: Any, controller: PlanController) -> Iterator[WeightLogDialog]:
    logged_twice(controller)
    dialog = WeightLogDialog(controller, today=TODAY)
    yield dialog
    dialog.close()


@pytest.fixture
def weight_import(qtmodeltester: Any, controller: PlanController) -> Iterator[WeightImportDialog]:
    logged_twice(controller)
    dialog = WeightImportDialog(controller, None, today=TODAY)
    yield dialog
    dialog.close()


@TESTERS
def test_the_weight_log_model_as_weigh_ins_are_logged_deleted_and_shown_in_pounds(
    qtmodeltester: Any, weight_log: WeightLogDialog, controller: PlanController, force_py: bool
) -> None:
    dialog = weight_log
    model = dialog.model
    assert isinstance(model, WeighInModel)
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=force_py)

    assert controller.save_weight(WeightEntry(TODAY, 71.2))
    assert [e.day for e in dialog.entries()] == [TODAY, date(2026, 11, 12), date(2026, 11, 10)]
    assert controller.set_setting("weight-units", "lb")
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Weight (lb)"
    assert controller.delete_weight(date(2026, 11, 12))
    assert controller.delete_weight(date(2026, 11, 10))
    assert controller.delete_weight(TODAY)
    assert model.rowCount() == 0


@TESTERS
def test_the_import_preview_model_as_files_are_read_one_after_another(
    qtbot: Any,
    qtmodeltester: Any,
    weight_import: WeightImportDialog,
    tmp_path: Path,
    force_py: bool,
) -> None:
    dialog = weight_import
    model = dialog.model
    assert isinstance(model, PreviewModel)
    assert model.rowCount() == 0
    qtmodeltester.check(model, force_py=force_py)

    scale = tmp_path / "scale.csv"
    scale.write_text(SCALE_CSV, encoding="utf-8")
    dialog.load(scale)  # new, already logged, replacing, and refused rows
    qtbot.waitUntil(lambda: dialog.weight_file is not None)
    assert [row.row for row in model.rows()] == [2, 3, 4, 5, 6, 7]
    # Many rows of one kind: a few examples, then "and N more rows like these".
    many = write_daily_weights(tmp_path / "many.csv", 60, accepted=40)
    dialog.load(many)
    qtbot.waitUntil(lambda: any(row.more for row in model.rows()))
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(b"\x00\x01 not a weight file \xff" * 40)
    dialog.load(garbage)  # nothing to preview: the table is emptied
    qtbot.waitUntil(lambda: model.rowCount() == 0)
