"""Dialogs that fit: the shortcuts list, the toolbar's Undo and Redo, the print preview, the sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QToolBar

from planner.core.model import Kind, Workout
from planner.ui.dialogs.shortcuts import ShortcutsDialog, fitting_height
from planner.ui.main_window import MainWindow
from planner.ui.mime import encode_template
from tests.helpers.dates import SUN, THU, TODAY
from tests.helpers.keyboard import Key, press
from tests.helpers.plans import seed
from tests.helpers.windows import open_window, template_id


def test_the_shortcuts_are_grouped_by_menu_and_name_no_target(qtbot: Any, db_path: Path) -> None:
    window = open_window(qtbot, db_path)
    view = window.week_view
    assert view.drop_mime_data(encode_template(template_id(window, "Easy run")), TODAY, None)
    assert window.undo_action.text().replace("&", "") == "Undo Add Easy run to Wed 18 Nov"
    press(qtbot, Key.Key_F1)
    qtbot.waitUntil(lambda: window.findChild(ShortcutsDialog) is not None)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    titles = [title for title, _ in dialog.groups()]
    assert titles[:6] == ["File", "Edit", "View", "Plan", "Library", "Help"]
    edit = dict(dict(dialog.groups())["Edit"])
    assert edit["Undo the last change"].startswith("Ctrl+Z")
    assert not any("Easy run" in what for _, rows in dialog.groups() for what, _ in rows)
    assert "Review Missed…" in edit and "Copy Week to Next Week" in edit
    assert "Open Plan…" in dict(dict(dialog.groups())["File"])
    # It fits the screen it is on: the list scrolls instead.
    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= screen.height()
    dialog.close()


def test_the_shortcuts_dialog_fits_a_720_pixel_high_screen() -> None:
    assert fitting_height(2000, QSize(1280, 720)) <= 720 - 100  # room for title bar and panel
    assert fitting_height(300, QSize(1280, 720)) == 300  # a short list is not stretched
    assert fitting_height(2000, QSize(1920, 1080)) <= 1080


def test_the_toolbars_undo_keeps_its_width_and_tells_the_step_in_its_tooltip(
    qtbot: Any, db_path: Path
) -> None:
    window = open_window(qtbot, db_path)
    toolbar = window.findChild(QToolBar, "navigationToolbar")
    assert toolbar is not None
    button = toolbar.widgetForAction(window.undo_action)
    assert button is not None
    width = button.sizeHint().width()
    view = window.week_view
    assert view.drop_mime_data(
        encode_template(template_id(window, "Bodyweight circuit")), TODAY, None
    )
    assert button.sizeHint().width() == width
    assert button.text() == "Undo"
    assert button.toolTip() == "Undo Add Bodyweight circuit to Wed 18 Nov"


def test_print_preview_opens_large_and_fit_to_width(qtbot: Any, db_path: Path) -> None:
    seed(db_path, Workout(None, THU, Kind.RUN, "Easy run", 0, 35, 6.0, 3))
    window = open_window(qtbot, db_path)
    seen: dict[str, Any] = {}

    def look(dialog: QPrintPreviewDialog) -> int:
        def inspect() -> None:
            preview = dialog.findChild(QPrintPreviewWidget)
            assert preview is not None
            seen["zoom"] = preview.zoomMode()
            seen["size"] = dialog.size()
            seen["screen"] = dialog.screen().availableGeometry().size()
            dialog.reject()

        QTimer.singleShot(0, inspect)
        return dialog.exec()

    window.week_printer._exec = look  # type: ignore[method-assign]
    window.actions_table["preview"].trigger()
    assert seen["zoom"] is QPrintPreviewWidget.ZoomMode.FitToWidth
    assert seen["size"].height() >= 0.85 * seen["screen"].height()
    assert seen["size"].width() >= 0.6 * seen["screen"].width()


def test_the_printed_sheet_uses_the_page_for_notes(
    qtbot: Any, db_path: Path, tmp_path: Path
) -> None:
    seed(
        db_path,
        Workout(None, THU, Kind.RUN, "Easy run", 0, 35, 6.0, 3),
        Workout(None, SUN, Kind.RUN, "Long run", 0, 100, 16.0, 5),
    )
    window: MainWindow = open_window(qtbot, db_path)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "sheet.pdf"))
    document = window.week_printer.sheet().document(printer)
    text = document.toPlainText()
    assert document.pageCount() == 1
    assert "NOTES" in text
    assert "6:15 min/km" in text  # the long run's pace
    assert text.count("\ntime\n") == 2  # a place to write each planned run's result
    full = window.week_printer.sheet().html("compact", 24)
    assert full.count("padding-top: 22px") == 24
