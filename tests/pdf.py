"""Reading the PDFs Legwork writes, with pypdf (the ``test`` extra): no poppler needed.

The text comes out in pypdf's layout mode, which keeps each printed line on one line of text
and the lines top to bottom, like ``pdftotext -layout``. Qt writes the gaps between words as
tabs in places; every run of blanks inside a line becomes one space, so tests can look for
phrases ("16 – 22 November 2026") and for lines that start with a day name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

#: Page sizes in PostScript points (1/72 inch), width by height, portrait.
A4_PT = (595, 842)
LETTER_PT = (612, 792)

_BLANKS = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class PdfInfo:
    """What a test checks about a PDF file besides its text.

    Attributes:
        pages: the number of pages.
        title: the document title from its metadata ("" when it has none).
        page_size_pt: the first page's width and height in points, rounded.
    """

    pages: int
    title: str
    page_size_pt: tuple[int, int]


def pdf_info(path: Path) -> PdfInfo:
    """Pages, title and first page size of the PDF at ``path``."""
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    title = reader.metadata.title if reader.metadata is not None else None
    return PdfInfo(
        pages=len(reader.pages),
        title=title or "",
        page_size_pt=(round(float(box.width)), round(float(box.height))),
    )


def pdf_pages(path: Path) -> int:
    """How many pages the PDF at ``path`` has."""
    return len(PdfReader(path).pages)


def pdf_text(path: Path) -> str:
    """The text of every page, line by line, top to bottom; pages end with a form feed."""
    pages = []
    for page in PdfReader(path).pages:
        text = page.extract_text(extraction_mode="layout")
        lines = (_BLANKS.sub(" ", line).rstrip() for line in text.splitlines())
        pages.append("\n".join(line for line in lines if line.strip()))
    return "\n\f".join(pages) + "\n"
