"""One workout on the printed sheet: its box to tick, its kind, its plan and its result (pure).

Every status is a glyph *and* a word: a box to tick by hand (☐) while planned, ☑ and "✓ Done"
with what was actually done, ☒ and "Skipped"; a race says "⚑ Race" under its title. A planned
workout's result is blanks to fill in by hand. A line of figures only ever breaks between two
figures.
"""

from __future__ import annotations

from collections.abc import Mapping

from planner.core.formatting import SEPARATOR, numbers_line
from planner.core.model import Kind, Status, Workout
from planner.core.pace import effective_pace, planned_pace
from planner.core.settings import Units
from planner.core.vocabulary import KIND_COLORS
from planner.report.sheet_style import (
    _FAINT,
    _INK,
    _LINE,
    _MUTED,
    _esc,
    _multiline,
    _shade,
    _tint,
)

__all__ = ["BOX_CHECKED", "BOX_CROSSED", "BOX_EMPTY", "CHECK", "RACE"]

#: A planned workout's box, to tick by hand.
BOX_EMPTY = "\u2610"
#: A done workout's box.
BOX_CHECKED = "\u2611"
#: A skipped workout's box.
BOX_CROSSED = "\u2612"
#: The mark before "Done".
CHECK = "\u2713"
#: What a race says under its title: a flag and the word.
RACE = "\u2691 Race"
#: The box of each status.
_BOXES: Mapping[Status, str] = {
    Status.PLANNED: BOX_EMPTY,
    Status.DONE: BOX_CHECKED,
    Status.SKIPPED: BOX_CROSSED,
}

#: The most characters of figures (``1 h 43 · 16.1 km · 6:24 min/km · RPE 5``) the WORKOUT ·
#: PLAN column holds on one line, on A4 or Letter at 9 pt in the widest of the sheet's fonts
#: (DejaVu Sans; measured); longer figures put a run's pace on a line of its own.
_PLAN_ROOM = 38
#: The same for the narrower RESULT column.
_RESULT_ROOM = 26


def _box(workout: Workout) -> str:
    if workout.kind is Kind.REST:
        return "\u00a0"
    color = _FAINT if workout.status is Status.SKIPPED else _INK
    return f"<p style='margin: 0; font-size: 15pt; color: {color};'>{_BOXES[workout.status]}</p>"


def _kind_badge(kind: Kind) -> str:
    color = KIND_COLORS[kind]
    return (
        "<table cellspacing='0' cellpadding='0' style='border-collapse: collapse;'><tr>"
        f"<td bgcolor='{_tint(color, 0.8)}' style='padding: 2px 7px 2px 6px; "
        f"border-left: 4px solid {color};'>"
        f"<span style='font-size: 10pt; font-weight: 700; color: {_shade(color, 0.5)};'>"
        f"{kind.letter}</span>"
        f"\u00a0\u00a0<span style='font-size: 8.5pt;'>{kind.label}</span>"
        "</td></tr></table>"
    )


def _workout_text(workout: Workout, units: Units) -> str:
    if workout.kind is Kind.REST:
        title_style = f"font-size: 11pt; color: {_MUTED};"
    elif workout.status is Status.SKIPPED:
        title_style = f"font-size: 11pt; font-weight: 700; color: {_MUTED}; " + (
            "text-decoration: line-through;"
        )
    else:
        title_style = "font-size: 11pt; font-weight: 700;"
    parts = [f"<p style='margin: 0; {title_style}'>{_esc(workout.title)}</p>"]
    if workout.race:
        parts.append(f"<p style='margin: 0; font-size: 9pt; font-weight: 700;'>{RACE}</p>")
    if workout.kind is not Kind.REST:
        plan = _with_pace(
            numbers_line(workout.duration_min, workout.distance_km, None, units),
            planned_pace(workout, units),
            workout.rpe,
            _PLAN_ROOM,
        )
        if plan:
            parts.append(
                f"<p style='margin: 0; padding-top: 1px; font-size: 9pt; color: {_MUTED};'>"
                f"{plan}</p>"
            )
    if workout.notes.strip():
        parts.append(
            f"<p style='margin: 0; padding-top: 3px; font-size: 8pt; font-style: italic; "
            f"color: {_MUTED};'>{_multiline(workout.notes)}</p>"
        )
    return "".join(parts)


def _with_pace(numbers: str, pace: str, rpe: float | None, room: int) -> str:
    """A session's figures as HTML: ``1 h 40 · 16 km · 6:15 min/km · RPE 5``.

    A line only ever breaks between two figures, never inside one: each figure's spaces are
    non-breaking, and where the figures are longer than ``room`` characters (what their
    column holds on one line), a run's pace starts a line of its own, the effort after it.
    Qt breaks a line after a slash, so ``9:23 min/mi`` near the end of a long line came out
    as "9:23 min/" and "mi"; at the start of a line it always fits.
    """
    effort = numbers_line(None, None, rpe)
    whole = SEPARATOR.join(p for p in (numbers, pace, effort) if p)
    if not pace or len(whole) <= room:
        return _unbroken(whole)
    return f"{_unbroken(numbers)}<br />{_unbroken(SEPARATOR.join(p for p in (pace, effort) if p))}"


def _unbroken(line: str) -> str:
    """``line`` (figures joined by the separator) escaped, each figure kept on one line."""
    return SEPARATOR.join(_esc(part).replace(" ", "\u00a0") for part in line.split(SEPARATOR))


def _write_in(units: Units) -> str:
    """Blanks to fill in by hand: time, distance and effort, each on a short rule."""
    label = (
        f"padding: 9px 6px 1px 0; border-bottom: 1px solid {_LINE}; "
        f"font-size: 7pt; color: {_FAINT};"
    )
    cells = "<td width='4%'>\u00a0</td>".join(
        f"<td width='{width}%' style='{label}'>{text}</td>"
        for text, width in (("time", 32), (units.distance_label, 32), ("RPE", 28))
    )
    return (
        "<table width='100%' cellspacing='0' cellpadding='0' style='border-collapse: collapse;'>"
        f"<tr>{cells}</tr></table>"
    )


def _result(workout: Workout, units: Units) -> str:
    if workout.kind is Kind.REST:
        return "\u00a0"
    if workout.status is Status.PLANNED:
        return _write_in(units)
    if workout.status is Status.SKIPPED:
        return f"<p style='margin: 0; font-size: 10pt; color: {_MUTED};'>Skipped</p>"
    actual = numbers_line(
        workout.actual_duration_min, workout.actual_distance_km, workout.actual_rpe, units
    )
    if actual:
        effective = _with_pace(
            numbers_line(
                workout.effective_duration_min, workout.effective_distance_km, None, units
            ),
            effective_pace(workout, units),
            workout.effective_rpe,
            _RESULT_ROOM,
        )
        detail = f"<p style='margin: 0; padding-top: 1px; font-size: 9pt;'>{effective}</p>"
    else:
        detail = (
            f"<p style='margin: 0; padding-top: 1px; font-size: 9pt; color: {_MUTED};'>"
            "as planned</p>"
        )
    heavy = (
        f"<p style='margin: 0; padding-top: 3px; font-size: 8pt; font-style: italic; "
        f"color: {_MUTED};'>heavy legs</p>"
        if workout.heavy_legs
        else ""
    )
    return (
        f"<p style='margin: 0; font-size: 10pt; font-weight: 700;'>{CHECK} Done</p>{detail}{heavy}"
    )
