"""What the keyboard, the pointer and drags do on the month view.

Keys move the selected day (:func:`key_target`); drags go through the week's own drag and
drop (:class:`~planner.ui.week.drops.WeekDragDrop`) on the month's geometry, so a drop is
planned, previewed and described exactly as on the week. One thing differs: a drag may
hover over any of six weeks, and the warnings panel previews the week on screen, so the
selection follows the drag into the week it hovers over (:class:`MonthDragDrop`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt

from planner.core.finding_text import SEVERITY_WORDS
from planner.core.formatting import escape_html, format_day
from planner.core.model import Finding, Workout
from planner.core.months import add_months
from planner.core.settings import Units
from planner.ui.month.layout import MonthLayout
from planner.ui.month.painter import WeekSums
from planner.ui.month.warned import WarnedDays
from planner.ui.view_state import DropIntent
from planner.ui.week.block import tooltip_html
from planner.ui.week.drops import WeekDragDrop

#: What a draft chip's tooltip adds.
DRAFT_NOTE = "Draft: not in the plan yet"

_STEPS = {
    Qt.Key.Key_Left: timedelta(days=-1),
    Qt.Key.Key_Right: timedelta(days=1),
    Qt.Key.Key_Up: timedelta(days=-7),
    Qt.Key.Key_Down: timedelta(days=7),
}


def key_target(key: int, selected: date) -> date | None:
    """The day ``key`` (pressed without modifiers) moves the selection to; ``None``: not a move.

    Arrows step a day or a week, Page Up and Page Down a month, Home and End go to the
    month's first and last day.
    """
    if key in _STEPS:
        return selected + _STEPS[Qt.Key(key)]
    if key == Qt.Key.Key_PageUp:
        return add_months(selected, -1)
    if key == Qt.Key.Key_PageDown:
        return add_months(selected, 1)
    if key == Qt.Key.Key_Home:
        return selected.replace(day=1)
    if key == Qt.Key.Key_End:
        return add_months(selected.replace(day=1), 1) - timedelta(days=1)
    return None


def chip_tooltip(workout: Workout, units: Units, today: date, *, draft: bool) -> str:
    """A chip's tooltip: the whole workout, as the week's block says it; a draft says so."""
    text = tooltip_html(workout, units, today)
    if draft:
        text = f"<p><i>{DRAFT_NOTE}</i></p>{text}"
    return text


def day_tooltip(day: date) -> str:
    """A day's name, as the head of its tooltip."""
    return f"<p><b>{escape_html(format_day(day, long=True))}</b></p>"


def findings_tooltip(findings: Sequence[Finding]) -> str:
    """The warnings about a day or a week, for the end of a tooltip ("" when none)."""
    if not findings:
        return ""
    items = "".join(
        f"<li>{escape_html(SEVERITY_WORDS[f.severity])}: {escape_html(f.message)}</li>"
        for f in findings
    )
    return f"<p style='margin-top: 6px;'><b>Warnings</b></p><ul style='margin: 0;'>{items}</ul>"


def more_tooltip(day: date, more: int) -> str:
    """The "+N more" line's tooltip."""
    hidden = "1 more workout" if more == 1 else f"{more} more workouts"
    return f"{hidden}: open {format_day(day)} in the week"


def month_tooltip(
    grid: MonthLayout,
    pos: QPoint,
    sums: Sequence[WeekSums],
    warned: WarnedDays,
    units: Units,
    today: date,
) -> str:
    """The tooltip at ``pos``: a chip's workout, a day's or a week's warnings, "+N more"."""
    day = grid.more_at(pos)
    if day is not None:
        cell = grid.cell(day)
        return more_tooltip(day, cell.more if cell is not None else 0)
    chip = grid.chip_at(pos)
    if chip is not None:
        return chip_tooltip(chip.workout, units, today, draft=chip.draft)
    week = grid.week_at(pos)
    if week is not None:
        index = grid.weeks.index(week)
        text = escape_html(sums[index].tooltip) if index < len(sums) else ""
        return text + findings_tooltip(warned.weeks.get(week.start, ()))
    day = grid.day_at(pos)
    if day is not None and day in warned.findings:
        return day_tooltip(day) + findings_tooltip(warned.findings[day])
    return ""


class MonthDragDrop(WeekDragDrop):
    """The week's drag and drop on the month grid; the selection follows a hovering drag.

    The warnings panel previews a drop on the week on screen (the selected day's), so when
    a drag hovers over a day of another week, that day is selected first: the preview is
    then of the week the drop lands in, planned on the cache as on the week view.
    """

    def set_hover(self, drop: DropIntent | None) -> None:
        if drop is not None and drop.day not in self._state.week:
            self._state.select_day(drop.day)
        super().set_hover(drop)
