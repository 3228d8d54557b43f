"""Printing: the week sheet as a real PDF, and the window's print, preview and export slots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from planner.core.model import Kind, Status, Workout
from planner.core.settings import Units
from planner.core.weeks import DAY_NAMES, Week
from planner.ui.printing import (
    WeekPrinter,
    WeekSheet,
    default_pdf_name,
    ensure_gui_application,
    print_week_pdf,
    render_document,
)
from tests.pdf import A4_PT, LETTER_PT, pdf_info, pdf_pages, pdf_text
from tests.ui.conftest import MONDAY, TODAY, week_plan

WEEK = Week(MONDAY)

# Every test needs the session QApplication, made before any printing code runs.
pytestmark = pytest.mark.usefixtures("qapp")


def busy_week() -> list[Workout]:
    """A run every day with notes, and strength on five days: a real, full week."""
    workouts = []
    for offset, day in enumerate(WEEK.days):
        done = offset < 2
        workouts.append(
            Workout(
                None,
                day,
                Kind.RUN,
                f"Threshold run {offset + 1}",
                0,
                50,
                9.0,
                6,
                notes="Warm up 10 min, 6 x 3 min at threshold with 2 min jog, cool down 10 min.",
                status=Status.DONE if done else Status.PLANNED,
                actual_duration_min=52 if done else None,
            )
        )
        if offset < 5:
            workouts.append(Workout(None, day, Kind.STRENGTH, "Bodyweight circuit", 1, 30, None, 6))
    return workouts


def overfull_week() -> list[Workout]:
    """Four long sessions a day, each with a paragraph of notes: more than a page holds."""
    notes = "Warm up 10 min, 6 x 3 min at threshold with 2 min jog, cool down. " * 3
    return [
        Workout(None, day, Kind.RUN, f"Session {i} with a long, long title", i, 50, 9.0, 6, notes)
        for day in WEEK.days
        for i in range(4)
    ]


# -- the PDF ------------------------------------------------------------------------------------
@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder to write PDFs into."""
    path = tmp_path / "out"
    path.mkdir()
    return path


def test_print_week_pdf_writes_a_one_page_pdf_of_the_week(folder: Path) -> None:
    out = folder / "week.pdf"
    print_week_pdf(week_plan(), WEEK, out, today=TODAY)
    assert out.read_bytes().startswith(b"%PDF-")
    info = pdf_info(out)
    assert info.pages == 1
    assert info.page_size_pt == A4_PT
    assert info.title == "Legwork 2026-W47"
    text = pdf_text(out)
    assert "2026-W47" in text
    assert "16 – 22 November 2026" in text
    positions = [re.search(rf"^ *{name}\b", text, re.MULTILINE).start() for name in DAY_NAMES]  # type: ignore[union-attr]
    assert positions == sorted(positions)
    for title in ("Tempo run", "Easy run", "Squat jumps", "Long run"):
        assert title in text
    assert "Done" in text
    assert "Printed from Legwork · Wednesday 18 November 2026" in text
    assert sorted(p.name for p in folder.iterdir()) == ["week.pdf"]  # no temporary file left


def test_a_busy_week_still_fits_on_one_page(tmp_path: Path) -> None:
    out = tmp_path / "busy.pdf"
    print_week_pdf(busy_week(), WEEK, out, today=TODAY)
    assert pdf_pages(out) == 1
    text = pdf_text(out)
    assert "Threshold run 7" in text
    assert "Printed from Legwork" in text


def test_a_week_too_full_for_one_page_runs_on(tmp_path: Path) -> None:
    out = tmp_path / "crowded.pdf"
    print_week_pdf(overfull_week(), WEEK, out, today=TODAY)
    assert pdf_pages(out) >= 2
    assert "Printed from Legwork" in pdf_text(out)


def test_light_weeks_get_roomier_rows_than_busy_ones(qapp: object) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    light = WeekSheet(tuple(week_plan()), WEEK, TODAY).document(printer)
    busy = WeekSheet(tuple(busy_week()), WEEK, TODAY).document(printer)
    assert light.pageCount() == busy.pageCount() == 1
    # The same text in both, but the light week's rows are taller.
    light_rows = light.size().height() / len(week_plan())
    busy_rows = busy.size().height() / len(busy_week())
    assert light_rows > busy_rows * 1.2


def test_an_empty_week_prints_rest_days(tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    print_week_pdf([], WEEK, out, today=TODAY)
    text = pdf_text(out)
    assert len(re.findall(r"\bRest\b", text)) >= 7
    assert pdf_pages(out) == 1


def test_writing_into_a_missing_folder_says_which_folder(tmp_path: Path) -> None:
    out = tmp_path / "nope" / "week.pdf"
    with pytest.raises(FileNotFoundError, match="does not exist") as caught:
        print_week_pdf(week_plan(), WEEK, out, today=TODAY)
    assert str(tmp_path / "nope") in str(caught.value)
    assert caught.value.filename == str(out)
    assert not out.parent.exists()


def test_a_failed_write_leaves_the_folder_as_it_was(folder: Path) -> None:
    target = folder / "week.pdf"
    target.mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        print_week_pdf(week_plan(), WEEK, target, today=TODAY)
    assert caught.value.filename == str(target)
    assert target.is_dir()
    assert sorted(p.name for p in folder.iterdir()) == ["week.pdf"]


def test_an_existing_pdf_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "week.pdf"
    out.write_bytes(b"old")
    print_week_pdf(week_plan(), WEEK, out, today=TODAY)
    assert out.read_bytes().startswith(b"%PDF-")


# -- the building blocks ------------------------------------------------------------------------
def test_render_document_lays_out_the_sheet(qapp: object) -> None:
    document = render_document(WeekSheet(tuple(week_plan()), WEEK, TODAY).html())
    assert isinstance(document, QTextDocument)
    text = document.toPlainText()
    assert "2026-W47" in text
    assert "Squat jumps" in text
    assert document.documentMargin() == 0


def test_ensure_gui_application_reuses_the_running_one(qapp: object) -> None:
    assert ensure_gui_application() is qapp


def test_the_sheet_prints_in_the_runners_units() -> None:
    miles = WeekSheet(tuple(week_plan()), WEEK, TODAY, Units.MI).html()
    text = render_document(miles).toPlainText()
    assert "9.9 mi" in text  # Sunday's 16 km long run
    assert " km" not in text


def test_default_pdf_name() -> None:
    assert default_pdf_name(WEEK) == "legwork-2026-W47.pdf"


# -- the window's printer -----------------------------------------------------------------------
class ScriptedPrinter(WeekPrinter):
    """A WeekPrinter whose modal parts are scripted: no dialog is ever shown."""

    def __init__(self, window: QWidget, *, pdf_path: str = "", accept: bool = True) -> None:
        super().__init__(window, self.provide)
        self.pdf_path = pdf_path
        self.accept = accept
        self.asked: list[str] = []
        self.dialogs: list[QDialog] = []
        self.preview_pdf: Path | None = None
        self.workouts = week_plan()

    def provide(self) -> WeekSheet:
        return WeekSheet(tuple(self.workouts), WEEK, TODAY)

    def _ask_pdf_path(self, default: str) -> str:
        self.asked.append(default)
        return self.pdf_path

    def _exec(self, dialog: QDialog) -> int:
        self.dialogs.append(dialog)
        if isinstance(dialog, QPrintPreviewDialog) and self.preview_pdf is not None:
            target = QPrinter(QPrinter.PrinterMode.HighResolution)
            target.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            target.setOutputFileName(str(self.preview_pdf))
            dialog.paintRequested.emit(target)
        return int(QDialog.DialogCode.Accepted if self.accept else QDialog.DialogCode.Rejected)


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_export_pdf_writes_the_week_where_the_runner_chose(
    window: QWidget, qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "fridge.pdf"
    printer = ScriptedPrinter(window, pdf_path=str(out))
    with qtbot.assertNotEmitted(printer.failed), qtbot.waitSignal(printer.message) as sent:
        printer.export_pdf()
    assert sent.args == [f"Saved week 2026-W47 as {out}"]
    assert Path(printer.asked[0]).name == "legwork-2026-W47.pdf"
    text = pdf_text(out)
    assert "2026-W47" in text
    assert "Tempo run" in text
    assert "Wednesday 18 November 2026" in text
    # The next export suggests the same folder.
    printer.pdf_path = ""
    printer.export_pdf()
    assert printer.asked[1] == str(tmp_path / "legwork-2026-W47.pdf")


def test_export_pdf_uses_the_paper_the_runner_picked(
    window: QWidget, qtbot: QtBot, tmp_path: Path
) -> None:
    printer = ScriptedPrinter(window, pdf_path=str(tmp_path / "letter"))
    printer.printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    with qtbot.waitSignal(printer.message):
        printer.export_pdf()
    out = tmp_path / "letter.pdf"  # the suffix is added
    assert pdf_info(out).page_size_pt == LETTER_PT
    assert pdf_pages(out) == 1


def test_export_pdf_into_a_missing_folder_fails_with_a_clear_message(
    window: QWidget, qtbot: QtBot, tmp_path: Path
) -> None:
    out = tmp_path / "gone" / "week.pdf"
    printer = ScriptedPrinter(window, pdf_path=str(out))
    with qtbot.assertNotEmitted(printer.message), qtbot.waitSignal(printer.failed) as failure:
        printer.export_pdf()
    message, hint = failure.args
    assert message == (
        f"Could not save week 2026-W47 as {out}: the folder {tmp_path / 'gone'} does not exist."
    )
    assert "Choose a folder" in hint
    assert not out.parent.exists()


def test_cancelling_the_export_does_nothing(window: QWidget, qtbot: QtBot, tmp_path: Path) -> None:
    printer = ScriptedPrinter(window, pdf_path="")
    with qtbot.assertNotEmitted(printer.message), qtbot.assertNotEmitted(printer.failed):
        printer.export_pdf()
    assert len(printer.asked) == 1


def test_print_preview_paints_the_sheet_on_the_printer_it_is_given(
    window: QWidget, tmp_path: Path
) -> None:
    printer = ScriptedPrinter(window)
    printer.preview_pdf = tmp_path / "preview.pdf"
    printer.print_preview()
    (dialog,) = printer.dialogs
    assert isinstance(dialog, QPrintPreviewDialog)
    assert dialog.windowTitle() == "Print Preview: Week 2026-W47"
    text = pdf_text(printer.preview_pdf)
    assert "2026-W47" in text
    assert "Long run" in text


def test_print_prints_on_the_windows_printer(window: QWidget, qtbot: QtBot, tmp_path: Path) -> None:
    printer = ScriptedPrinter(window)
    out = tmp_path / "printed.pdf"
    printer.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.printer.setOutputFileName(str(out))
    with qtbot.waitSignal(printer.message) as sent:
        printer.print_()
    (dialog,) = printer.dialogs
    assert isinstance(dialog, QPrintDialog)
    assert sent.args == [f"Printed week 2026-W47 to {out}"]
    assert "Squat jumps" in pdf_text(out)
    # The same printer, with the same settings, serves the next print.
    printer.workouts = []
    with qtbot.waitSignal(printer.message):
        printer.print_()
    assert printer.dialogs[1].printer() is printer.printer  # type: ignore[attr-defined]
    assert "Squat jumps" not in pdf_text(out)


def test_a_cancelled_print_prints_nothing(window: QWidget, qtbot: QtBot, tmp_path: Path) -> None:
    printer = ScriptedPrinter(window, accept=False)
    out = tmp_path / "printed.pdf"
    printer.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.printer.setOutputFileName(str(out))
    with qtbot.assertNotEmitted(printer.message):
        printer.print_()
    assert not out.exists()
