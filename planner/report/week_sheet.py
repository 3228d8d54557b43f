"""The printable week: one week's plan as an HTML sheet to pin on the fridge (pure: no Qt).

:func:`week_sheet_html` is what the print preview, the printer, the PDF export and
``legwork print-week`` all render, so they print the same sheet. The HTML keeps to the subset
:class:`QTextDocument` lays out: tables, ``bgcolor``, percentage widths, inline CSS with point
font sizes and per-side cell borders; no flexbox, grid, floats or positioning.

It reads well in black and white: every kind shows its letter and name (the kind colour is only
a light tint and a border), and the status of every workout is a glyph *and* a word: a box to
tick by hand (☐) while planned, ☑ and "✓ Done" with what was actually done, ☒ and "Skipped".
Distances are written in the runner's units; the kind colours and order are the app's
(:mod:`planner.core.vocabulary`), so the sheet matches the screen. When given the week's
findings, the sheet lists them under the days as the warning panel does: each with its
severity's mark *and* word, its days, the advice and where it comes from. A week with a
heavy-legs report says where to see why (Help ▸ Heavy Legs… in the app).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal

from planner.core import formatting
from planner.core.finding_text import SEVERITY_COLORS, SEVERITY_MARKS, SEVERITY_WORDS, days_text
from planner.core.formatting import MONTH_NAMES, format_distance, format_hours
from planner.core.heavy_legs import heavy_legs_days
from planner.core.model import Finding, Status, Workout
from planner.core.settings import Units
from planner.core.totals import week_totals
from planner.core.vocabulary import KIND_COLORS, KIND_ORDER, STATUS_WORDS
from planner.core.weeks import DAY_NAMES, Week
from planner.report.sheet_style import (
    _FAINT,
    _FONTS,
    _INK,
    _LINE,
    _MUTED,
    _PANEL,
    _RULE,
    _esc,
    _eyebrow,
    _plural,
    _shade,
)
from planner.report.sheet_workout import (
    _BOXES,
    BOX_CHECKED,
    BOX_CROSSED,
    BOX_EMPTY,
    CHECK,
    _box,
    _kind_badge,
    _result,
    _workout_text,
)

__all__ = [
    "BOX_CHECKED",
    "BOX_CROSSED",
    "BOX_EMPTY",
    "CHECK",
    "SPACINGS",
    "Spacing",
    "format_day",
    "format_span",
    "week_sheet_html",
]

#: How much room the day rows get, roomiest first.
Spacing = Literal["spacious", "roomy", "normal", "compact"]
SPACINGS: tuple[Spacing, ...] = ("spacious", "roomy", "normal", "compact")

#: The columns of the sheet's table: day, box, kind, workout and plan, result.
_COLUMNS = 5


# -- dates -----------------------------------------------------------------------------------
def format_day(day: date) -> str:
    """``Monday 16 November 2026``."""
    return formatting.format_day(day, year=True, long=True)


def format_span(start: date, end: date) -> str:
    """A span of days, saying each month and year once: ``16 – 22 November 2026``.

    Across months ``30 November – 6 December 2026``; across years
    ``28 December 2026 – 3 January 2027``.
    """
    last = f"{end.day} {MONTH_NAMES[end.month - 1]} {end.year}"
    if start.year != end.year:
        return f"{start.day} {MONTH_NAMES[start.month - 1]} {start.year} \u2013 {last}"
    if start.month != end.month:
        return f"{start.day} {MONTH_NAMES[start.month - 1]} \u2013 {last}"
    return f"{start.day} \u2013 {last}"


# -- the sheet -------------------------------------------------------------------------------
def week_sheet_html(
    workouts: Sequence[Workout],
    week: Week,
    *,
    today: date | None = None,
    title: str = "Training week",
    units: Units = Units.KM,
    spacing: Spacing = "normal",
    findings: Sequence[Finding] | None = None,
    notes_lines: int = 0,
) -> str:
    """The printable sheet of ``week`` as an HTML document.

    Args:
        workouts: the plan; workouts outside ``week`` are left out.
        week: the week to print (any first weekday).
        today: the day printed in the footer (default: the system's today).
        title: the sheet's heading.
        units: the units distances are written in (kilometres or miles).
        spacing: the room around each row: ``spacious`` fills a page when the week is light,
            ``compact`` keeps a busy week on one page (the printer picks the roomiest that fits).
        findings: the week's warnings, listed under the days ("No warnings this week" when
            empty); ``None`` leaves the section out.
        notes_lines: ruled lines for notes by hand at the foot of the sheet (the printer
            gives as many as the page has room for); 0 leaves them out.

    Returns:
        A complete HTML document: a header with the week label, its dates and totals, one
        row per workout grouped by day ("Rest" on a day without any), the warnings when
        given, and a footer. A week that runs onto a second page has the header (title,
        dates, week label) at the top of every page.
    """
    printed = today if today is not None else date.today()
    in_week = sorted(
        (w for w in workouts if w.day in week), key=lambda w: (w.day, w.position, w.id or 0)
    )
    # One table holds the whole sheet, so that its head, the week's title, is repeated at the
    # top of every printed page (QTextDocument repeats a table's <thead> rows on each page it
    # spans); everything else is a row of it, the days in its five columns.
    parts = [
        "<html><head><meta charset='utf-8' />",
        f"<title>{_esc(title)} {week.label()}</title></head>",
        f'<body style="font-family: {_FONTS}; font-size: 10pt; color: {_INK};">',
        "<table width='100%' cellspacing='0' cellpadding='0' style='border-collapse: collapse;'>",
        f"<thead>{_whole_row(_header(week, title))}</thead>",
        _whole_row(_totals(in_week, units)),
        _days(in_week, week, units, _PADDINGS[spacing]),
        _whole_row(_warnings(findings)) if findings is not None else "",
        _whole_row(_heavy_legs(in_week)) if heavy_legs_days(in_week) else "",
        _whole_row(_notes(notes_lines)) if notes_lines > 0 else "",
        _whole_row(_footer(printed)),
        "</table>",
        "</body></html>",
    ]
    return "\n".join(parts)


def _whole_row(content: str) -> str:
    """A row of the sheet's table across its five columns."""
    return f"<tr><td colspan='{_COLUMNS}'>{content}</td></tr>"


def _header(week: Week, title: str) -> str:
    span = (
        f"{DAY_NAMES[week.start.weekday()]} to {DAY_NAMES[week.end.weekday()]}, "
        f"{format_span(week.start, week.end)}"
    )
    return (
        "<table width='100%' cellspacing='0' cellpadding='0' "
        f"style='border-collapse: collapse; margin-bottom: 14px;'><tr>"
        f"<td valign='bottom' style='padding-bottom: 8px; border-bottom: 2px solid {_RULE};'>"
        f"{_eyebrow('LEGWORK')}"
        f"<p style='margin: 0; font-size: 22pt; font-weight: 700;'>{_esc(title)}</p>"
        f"<p style='margin: 0; font-size: 11.5pt; color: {_MUTED};'>{span}</p>"
        "</td>"
        f"<td valign='bottom' align='right' style='padding-bottom: 8px; "
        f"border-bottom: 2px solid {_RULE};'>"
        f"{_eyebrow('WEEK')}"
        f"<p style='margin: 0; font-size: 22pt; font-weight: 700;'>{week.label()}</p>"
        "</td></tr></table>"
    )


def _totals(workouts: Sequence[Workout], units: Units) -> str:
    totals = week_totals(workouts)
    stats = [
        (str(totals.runs), _plural(totals.runs, "RUN", "RUNS")),
        (format_distance(totals.run_km, units), "RUNNING"),
        (format_hours(totals.training_min), "TRAINING TIME"),
        (str(totals.rest_days), _plural(totals.rest_days, "REST DAY", "REST DAYS")),
    ]
    sessions = [w for w in workouts if w.kind.is_training]
    if sessions:
        done = sum(1 for w in sessions if w.is_done)
        stats.append((f"{done} of {len(sessions)}", "SESSIONS DONE"))
    # Cells with a 1% gap between them; the last cell takes what rounding leaves.
    width = (100 - (len(stats) - 1)) // len(stats)
    widths = [width] * (len(stats) - 1) + [100 - (len(stats) - 1) - width * (len(stats) - 1)]
    cells = "<td width='1%'>\u00a0</td>".join(
        f"<td width='{cell_width}%' bgcolor='{_PANEL}' style='padding: 7px 10px 8px 10px;'>"
        f"<p style='margin: 0; font-size: 17pt; font-weight: 700;'>{_esc(value)}</p>"
        f"{_eyebrow(label)}</td>"
        for cell_width, (value, label) in zip(widths, stats, strict=True)
    )
    return (
        "<table width='100%' cellspacing='0' cellpadding='0' "
        f"style='border-collapse: collapse; margin-bottom: 16px;'><tr>{cells}</tr></table>"
    )


def _days(workouts: Sequence[Workout], week: Week, units: Units, padding: str) -> str:
    """The column heads and the rows of the days, in the sheet table's five columns."""
    head = (
        "style='padding: 0 8px 4px 8px; font-size: 7.5pt; font-weight: 700; "
        f"color: {_MUTED}; letter-spacing: 1pt; border-bottom: 1.5px solid {_RULE};'"
    )
    rows = [
        "<tr>"
        f"<td width='16%' {head}>DAY</td>"
        f"<td width='5%' align='center' {head}>\u00a0</td>"
        f"<td width='16%' {head}>KIND</td>"
        f"<td width='37%' {head}>WORKOUT \u00b7 PLAN</td>"
        f"<td width='26%' {head}>RESULT</td>"
        "</tr>",
    ]
    for day in week:
        rows.extend(_day_rows(day, [w for w in workouts if w.day == day], units, padding))
    return "\n".join(rows)


_DAY_RULE = f"1px solid {_LINE}"
#: The cell padding of the day table for each :data:`Spacing`.
_PADDINGS: Mapping[str, str] = {
    "spacious": "padding: 19px 8px 20px 8px;",
    "roomy": "padding: 15px 8px 16px 8px;",
    "normal": "padding: 11px 8px 12px 8px;",
    "compact": "padding: 6px 8px 7px 8px;",
}
_WORKOUT_RULE = f"1px dotted {_LINE}"


def _day_cell(day: date, span: int, padding: str) -> str:
    return (
        f"<td rowspan='{span}' valign='top' style='{padding} "
        f"border-bottom: {_DAY_RULE};'>"
        f"<p style='margin: 0; font-size: 10.5pt; font-weight: 700;'>"
        f"{DAY_NAMES[day.weekday()]}</p>"
        f"<p style='margin: 0; font-size: 9pt; color: {_MUTED};'>"
        f"{day.day} {MONTH_NAMES[day.month - 1]}</p></td>"
    )


def _day_rows(day: date, workouts: Sequence[Workout], units: Units, padding: str) -> list[str]:
    if not workouts:
        return [
            f"<tr>{_day_cell(day, 1, padding)}"
            f"<td colspan='2' style='border-bottom: {_DAY_RULE};'>\u00a0</td>"
            f"<td colspan='2' valign='top' style='{padding} border-bottom: {_DAY_RULE};'>"
            f"<p style='margin: 0; padding-top: 3px; font-size: 11pt; font-style: italic; "
            f"color: {_MUTED};'>Rest</p></td></tr>"
        ]
    rows = []
    for index, workout in enumerate(workouts):
        rule = _DAY_RULE if index == len(workouts) - 1 else _WORKOUT_RULE
        cell = f"valign='top' style='{padding} border-bottom: {rule};'"
        first = _day_cell(day, len(workouts), padding) if index == 0 else ""
        rows.append(
            f"<tr>{first}"
            f"<td align='center' {cell}>{_box(workout)}</td>"
            f"<td {cell}>{_kind_badge(workout.kind)}</td>"
            f"<td {cell}>{_workout_text(workout, units)}</td>"
            f"<td {cell}>{_result(workout, units)}</td>"
            "</tr>"
        )
    return rows


def _warnings(findings: Sequence[Finding]) -> str:
    """The week's warnings, most severe first: mark and word, days, advice, source."""
    head = _eyebrow("WARNINGS THIS WEEK")
    if not findings:
        return (
            f"<div style='margin-top: 16px;'>{head}"
            f"<p style='margin: 2px 0 0 0; font-size: 10pt; font-style: italic; color: {_MUTED};'>"
            "No warnings this week.</p></div>"
        )
    rows = []
    for finding in findings:
        color = SEVERITY_COLORS[finding.severity]
        rule = f"border-bottom: 1px dotted {_LINE};"
        source = (
            f"<p style='margin: 0; padding-top: 1px; font-size: 7.5pt; color: {_FAINT};'>"
            f"{_esc(finding.source)}</p>"
            if finding.source
            else ""
        )
        rows.append(
            "<tr>"
            f"<td width='4%' valign='top' align='center' style='padding: 6px 0 6px 0; {rule}'>"
            "<table cellspacing='0' cellpadding='0'><tr>"
            f"<td bgcolor='{color}' align='center' style='padding: 0 5px 0 5px;'>"
            f"<span style='font-size: 9pt; font-weight: 700; color: #ffffff;'>"
            f"{_esc(SEVERITY_MARKS[finding.severity])}</span></td></tr></table></td>"
            f"<td width='96%' valign='top' style='padding: 5px 0 6px 8px; {rule}'>"
            f"<p style='margin: 0; font-size: 9.5pt;'>"
            f"<span style='font-weight: 700; color: {_shade(color, 0.35)};'>"
            f"{SEVERITY_WORDS[finding.severity]}</span>"
            f"<span style='color: {_MUTED};'> · {_esc(days_text(finding.days))}</span></p>"
            f"<p style='margin: 0; padding-top: 1px; font-size: 9.5pt;'>"
            f"{_esc(finding.message)}</p>{source}</td>"
            "</tr>"
        )
    return (
        f"<div style='margin-top: 16px;'>{head}</div>"
        "<table width='100%' cellspacing='0' cellpadding='0' "
        f"style='border-collapse: collapse; border-top: 1.5px solid {_RULE};'>"
        + "".join(rows)
        + "</table>"
    )


def _heavy_legs(workouts: Sequence[Workout]) -> str:
    """A line for each day of the week the runner reported heavy legs on, pointing at why."""
    lines = "".join(
        f"<p style='margin: 2px 0 0 0; font-size: 9.5pt;'>"
        f"Heavy legs on {formatting.format_day(day)}: see why in Legwork "
        "(Help \u25b8 Heavy Legs\u2026).</p>"
        for day in heavy_legs_days(workouts)
    )
    return f"<div style='margin-top: 16px;'>{_eyebrow('HEAVY LEGS')}{lines}</div>"


def _notes(lines: int) -> str:
    """``lines`` ruled lines under a NOTES caption, to write on (nothing for 0)."""
    if lines <= 0:
        return ""
    rule = f"<tr><td style='padding-top: 22px; border-bottom: 1px solid {_LINE};'>\u00a0</td></tr>"
    return (
        f"<div style='margin-top: 16px;'>{_eyebrow('NOTES')}</div>"
        "<table width='100%' cellspacing='0' cellpadding='0' "
        f"style='border-collapse: collapse;'>{rule * lines}</table>"
    )


def _footer(printed: date) -> str:
    legend = "\u2003".join(
        f"<span style='font-weight: 700; color: {_shade(KIND_COLORS[kind], 0.5)};'>"
        f"{kind.letter}</span>"
        f"\u00a0{kind.label}"
        for kind in KIND_ORDER
    )
    boxes = "\u2003".join(
        f"{_BOXES[status]}\u00a0{STATUS_WORDS[status]}"
        for status in (Status.PLANNED, Status.DONE, Status.SKIPPED)
    )
    style = f"style='padding-top: 6px; font-size: 8pt; color: {_MUTED};'"
    return (
        "<table width='100%' cellspacing='0' cellpadding='0' style='margin-top: 18px;'><tr>"
        f"<td {style}>Printed from Legwork \u00b7 {format_day(printed)}</td>"
        f"<td align='right' {style}>{legend}\u2003\u2003{boxes}</td>"
        "</tr></table>"
    )
