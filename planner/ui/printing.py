"""Printing the week: print preview, printer and PDF, all from the pure HTML week sheet.

The sheet is :func:`planner.report.week_sheet.week_sheet_html`; this module only lays it out
with a :class:`QTextDocument` and sends it to a :class:`QPrinter` (Frescobaldi's pattern: one
printer per window, the preview's ``paintRequested`` prints the document on the printer it is
given). :func:`print_week_pdf` is what ``legwork print-week`` calls and works without a
display; :class:`WeekPrinter` holds the window's printer and the File menu's slots.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QMarginsF,
    QObject,
    QStandardPaths,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QGuiApplication, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget

from planner.core.model import Finding, Workout
from planner.core.settings import Units
from planner.core.weeks import Week
from planner.report.week_sheet import SPACINGS, Spacing, week_sheet_html

__all__ = [
    "PAGE_MARGINS_MM",
    "WeekPrinter",
    "WeekSheet",
    "configure_page",
    "default_pdf_name",
    "ensure_gui_application",
    "fit_preview",
    "fit_to_printer",
    "print_html",
    "print_week_pdf",
    "render_document",
    "write_pdf",
]

#: The share of the screen the print preview opens at (width, height), and its widest.
PREVIEW_SHARE = (0.7, 0.9)
PREVIEW_MAX_W = 1100
#: The most ruled lines for notes a sheet gets (a light week on a tall page).
MAX_NOTES_LINES = 24
#: The page margins of the sheet, in millimetres (left, top, right, bottom).
PAGE_MARGINS_MM = QMarginsF(14, 12, 14, 12)


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application; a :class:`QApplication` is created if there is none.

    Text layout and PDF output need one. It is a full :class:`QApplication` (not a bare
    :class:`QGuiApplication`) so that widgets can still be made later in the same process.
    Without a display, set ``QT_QPA_PLATFORM=offscreen`` before calling this
    (``legwork print-week`` does).

    Raises:
        RuntimeError: a bare :class:`QCoreApplication` runs, which cannot lay out text.
    """
    app = QCoreApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if app is not None:
        raise RuntimeError("printing needs a QGuiApplication, but a QCoreApplication runs")
    return QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "legwork"])


def render_document(html: str) -> QTextDocument:
    """A :class:`QTextDocument` holding ``html``, with no margin of its own.

    The page margins are the printer's; :func:`fit_to_printer` lays it out for one.
    """
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setHtml(html)
    return document


def fit_to_printer(document: QTextDocument, printer: QPrinter) -> QTextDocument:
    """Lay ``document`` out on ``printer``'s printable page rect, at its own resolution.

    Point sizes are then true on paper, :meth:`QTextDocument.pageCount` counts the printed
    pages, and :meth:`QTextDocument.print_` adds neither page numbers nor margins of its own.
    """
    document.documentLayout().setPaintDevice(printer)
    document.setPageSize(printer.pageRect(QPrinter.Unit.DevicePixel).size())
    return document


def print_html(html: str, printer: QPrinter) -> None:
    """Print any ``html`` on ``printer`` (a real printer, a PDF printer or a preview's)."""
    fit_to_printer(render_document(html), printer).print_(printer)


@dataclass(frozen=True, slots=True)
class WeekSheet:
    """The printable sheet of a week: its data, laid out for a printer on demand.

    Attributes:
        workouts: the week's workouts (others are left out of the sheet).
        week: the week.
        today: the day printed in the footer (``None``: the system's today).
        units: the units distances are printed in.
        findings: the week's warnings, printed under the days (``None``: not printed).
    """

    workouts: tuple[Workout, ...]
    week: Week
    today: date | None = None
    units: Units = Units.KM
    findings: tuple[Finding, ...] | None = None

    def html(self, spacing: Spacing = "normal", notes_lines: int = 0) -> str:
        """The sheet's HTML (with ``notes_lines`` ruled lines for notes at its foot)."""
        return week_sheet_html(
            self.workouts,
            self.week,
            today=self.today,
            units=self.units,
            spacing=spacing,
            findings=self.findings,
            notes_lines=notes_lines,
        )

    def document(self, printer: QPrinter) -> QTextDocument:
        """The sheet laid out for ``printer``, using the whole of a single page.

        A light week gets generous rows; a busy one is tightened until it fits, and only
        a week too full even for the compact rows runs on to a second page. What is left
        of the page below the week becomes ruled lines for notes written by hand.
        """
        spacing: Spacing = SPACINGS[-1]
        for spacing in SPACINGS:
            document = fit_to_printer(render_document(self.html(spacing)), printer)
            if document.pageCount() <= 1:
                break
        else:
            return document
        # The most note lines that still fit on the page (a binary search: few layouts).
        low, high = 0, MAX_NOTES_LINES
        best = document
        while low < high:
            lines = (low + high + 1) // 2
            trial = fit_to_printer(render_document(self.html(spacing, lines)), printer)
            if trial.pageCount() <= 1:
                low, best = lines, trial
            else:
                high = lines - 1
        return best

    def print_on(self, printer: QPrinter) -> None:
        """Print the sheet on ``printer``."""
        self.document(printer).print_(printer)


#: What :class:`WeekPrinter` asks for at print time: the sheet of the week on screen.
SheetProvider = Callable[[], WeekSheet]


def configure_page(printer: QPrinter, page_size: QPageSize | None = None) -> None:
    """Portrait, ``page_size`` (default: the printer's own) and the sheet's margins."""
    layout = QPageLayout(
        page_size if page_size is not None else printer.pageLayout().pageSize(),
        QPageLayout.Orientation.Portrait,
        PAGE_MARGINS_MM,
        QPageLayout.Unit.Millimeter,
    )
    printer.setPageLayout(layout)


def _pdf_printer(out: Path, layout: QPageLayout | None = None) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setCreator("Legwork")
    if layout is not None:
        printer.setPageLayout(layout)
    else:
        configure_page(printer, QPageSize(QPageSize.PageSizeId.A4))
    return printer


def write_pdf(sheet: WeekSheet, out: Path, *, layout: QPageLayout | None = None) -> None:
    """Write ``sheet`` as a PDF to ``out`` (replaced whole, or left as it was on failure).

    Args:
        sheet: what to print.
        out: the PDF file.
        layout: the page layout (default: A4 portrait with :data:`PAGE_MARGINS_MM`).

    Raises:
        OSError: ``out`` cannot be written (its folder is missing or read-only, ...); the
            exception names the file and says why.
    """
    folder = out.parent
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, f"the folder {folder} does not exist", str(out))
    if out.is_dir():
        raise IsADirectoryError(errno.EISDIR, "that is a folder, not a file", str(out))
    # Qt reports a PDF it cannot write only with a warning: write a temporary file next to
    # the target (which also proves the folder is writable), check it, then move it in place.
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".pdf", dir=folder)
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror or "cannot write there", str(out)) from None
    os.close(handle)
    temp = Path(temp_name)
    # Qt names files in UTF-8: a folder whose name is not (a Latin-1 "Läufe") gets the PDF
    # written in the temporary folder first, and copied beside the target by Python.
    qt_temp = temp if _qt_can_name(temp) else _system_temporary(".pdf")
    try:
        printer = _pdf_printer(qt_temp, layout)
        printer.setDocName(f"Legwork {sheet.week.label()}")
        sheet.print_on(printer)
        with qt_temp.open("rb") as written:
            if written.read(5) != b"%PDF-":
                raise OSError(errno.EIO, "the PDF could not be written", str(out))
        if qt_temp != temp:
            shutil.copyfile(qt_temp, temp)
        temp.replace(out)
    finally:
        for leftover in {temp, qt_temp}:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _qt_can_name(path: Path) -> bool:
    """Whether Qt can name ``path`` (its name is valid UTF-8, as Qt encodes file names)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _system_temporary(suffix: str) -> Path:
    handle, name = tempfile.mkstemp(prefix=".legwork-", suffix=suffix)
    os.close(handle)
    return Path(name)


def print_week_pdf(
    workouts: Sequence[Workout],
    week: Week,
    out: Path,
    *,
    today: date | None = None,
    units: Units = Units.KM,
    findings: Sequence[Finding] | None = None,
) -> None:
    """Write the printable sheet of ``week`` as an A4 PDF: what ``legwork print-week`` does.

    Works without a display when ``QT_QPA_PLATFORM=offscreen`` is set; creates the Qt
    application if none runs.

    Args:
        workouts: the week's workouts (others are left out).
        week: the week to print.
        out: the PDF file to write.
        today: the day printed in the footer (default: the system's today).
        units: the units distances are printed in.
        findings: the week's warnings, printed under the days (``None``: not printed).

    Raises:
        OSError: ``out`` cannot be written.
    """
    ensure_gui_application()
    listed = tuple(findings) if findings is not None else None
    write_pdf(WeekSheet(tuple(workouts), week, today, units, listed), out)


def default_pdf_name(week: Week) -> str:
    """``legwork-2026-W47.pdf``."""
    return f"legwork-{week.label()}.pdf"


class WeekPrinter(QObject):
    """Print, preview and export the week on screen: the File menu's print actions.

    One :class:`QPrinter` lives as long as the window, so the printer, paper and margins the
    runner picked are kept for the next print; a PDF export uses the same paper size.
    Errors never raise out of the slots: they are emitted with :attr:`failed`.

    Signals:
        message(str): a status line to show ("Saved week 2026-W47 as ...").
        failed(str, str): what went wrong and a hint, like :attr:`PlanController.failed`.
    """

    message = Signal(str)
    failed = Signal(str, str)

    def __init__(self, parent_window: QWidget, provider: SheetProvider) -> None:
        """Create the printer of ``parent_window``.

        Args:
            parent_window: the window the dialogs belong to (and this object's parent).
            provider: returns the sheet of the week to print; called at print time.
        """
        super().__init__(parent_window)
        self._window = parent_window
        self._provider = provider
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_page(self._printer, _default_page_size())
        self._preview_sheet: WeekSheet | None = None
        self._last_folder = ""

    @property
    def printer(self) -> QPrinter:
        """The window's printer (its settings persist between prints)."""
        return self._printer

    def sheet(self) -> WeekSheet:
        """The sheet of the week to print now."""
        return self._provider()

    # -- slots -----------------------------------------------------------------------------
    @Slot()
    def print_preview(self) -> None:
        """Show the print preview of the week (it prints from there too)."""
        sheet = self.sheet()
        self._preview_sheet = sheet
        dialog = QPrintPreviewDialog(self._printer, self._window)
        dialog.setObjectName("printPreviewDialog")
        dialog.setWindowTitle(f"Print Preview: Week {sheet.week.label()}")
        dialog.paintRequested.connect(self._paint_preview)
        fit_preview(dialog, self._window)
        try:
            self._exec(dialog)
        finally:
            dialog.paintRequested.disconnect(self._paint_preview)
            dialog.deleteLater()
            self._preview_sheet = None

    @Slot()
    def print_(self) -> None:
        """Ask for a printer and print the week on it."""
        sheet = self.sheet()
        label = sheet.week.label()
        dialog = QPrintDialog(self._printer, self._window)
        dialog.setObjectName("printDialog")
        dialog.setWindowTitle(f"Print Week {label}")
        try:
            if self._exec(dialog) != QDialog.DialogCode.Accepted:
                return
        finally:
            dialog.deleteLater()
        sheet.print_on(self._printer)
        where = self._printer.outputFileName() or self._printer.printerName()
        self.message.emit(f"Printed week {label}" + (f" to {where}" if where else ""))

    @Slot()
    def export_pdf(self) -> None:
        """Ask where to save the week as a PDF, and write it there."""
        sheet = self.sheet()
        label = sheet.week.label()
        name = self._ask_pdf_path(self._default_path(sheet.week))
        if not name:
            return
        out = Path(name).expanduser()
        if not out.suffix:
            out = out.with_suffix(".pdf")
        try:
            write_pdf(sheet, out, layout=self._pdf_layout())
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.failed.emit(
                f"Could not save week {label} as {out}: {reason}.",
                "Choose a folder that exists and that you can write to, then export again.",
            )
            return
        self._last_folder = str(out.parent)
        self.message.emit(f"Saved week {label} as {out}")

    # -- overridable (tests replace the modal parts) ---------------------------------------
    def _ask_pdf_path(self, default: str) -> str:
        """The file the runner picks to save the PDF in ("" when cancelled)."""
        name, _ = QFileDialog.getSaveFileName(
            self._window, "Export Week as PDF", default, "PDF documents (*.pdf)"
        )
        return name

    def _exec(self, dialog: QDialog) -> int:
        """Run a modal dialog and return its result."""
        return dialog.exec()

    # -- helpers ---------------------------------------------------------------------------
    @Slot(QPrinter)
    def _paint_preview(self, printer: QPrinter) -> None:
        if self._preview_sheet is not None:
            self._preview_sheet.print_on(printer)

    def _default_path(self, week: Week) -> str:
        folder = self._last_folder or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        name = default_pdf_name(week)
        return str(Path(folder) / name) if folder else name

    def _pdf_layout(self) -> QPageLayout:
        """The paper and margins of the window's printer, always portrait."""
        layout = QPageLayout(self._printer.pageLayout())
        layout.setOrientation(QPageLayout.Orientation.Portrait)
        return layout


def fit_preview(dialog: QPrintPreviewDialog, window: QWidget) -> None:
    """Open the preview large (most of the screen) with the page fitted to its width."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        dialog.resize(
            min(round(area.width() * PREVIEW_SHARE[0]), PREVIEW_MAX_W),
            round(area.height() * PREVIEW_SHARE[1]),
        )
    preview = dialog.findChild(QPrintPreviewWidget)
    if preview is None:
        return
    # The dialog's own "Fit width" button, so its toolbar shows the mode it is in.
    fit_width = next(
        (a for a in dialog.findChildren(QAction) if a.text().replace("&", "") == "Fit width"),
        None,
    )
    if fit_width is not None:
        fit_width.trigger()
    else:
        preview.fitToWidth()


def _default_page_size() -> QPageSize:
    """Letter where the locale measures in US units, A4 everywhere else."""
    if QLocale().measurementSystem() is QLocale.MeasurementSystem.ImperialUSSystem:
        return QPageSize(QPageSize.PageSizeId.Letter)
    return QPageSize(QPageSize.PageSizeId.A4)
