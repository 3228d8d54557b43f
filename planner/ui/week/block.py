"""What one workout block says and where each line of it goes (text and geometry, no paint).

A block shows, in order of importance: its title (wrapped over up to three lines rather than
cut), its numbers with the pace of a run, its effort and status, the Mark Done… / Mark Skipped
buttons of a missed plan, and the first line of its notes. :func:`arrange` fits as much of that
as a block's height allows, dropping the least important lines first; :func:`block_heights`
says how tall a block would like to be and how small it may get, so the week's layout can
give tall screens more detail and still fit a busy day on a small one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from planner.core.formatting import SEPARATOR, escape_html, format_day, format_number, numbers_line
from planner.core.missed import is_missed
from planner.core.model import Kind, Status, Workout
from planner.core.pace import effective_pace, planned_pace
from planner.core.settings import Units
from planner.core.vocabulary import STATUS_WORDS, rpe_words

#: The word a missed plan shows (with an icon and a dashed outline: never colour alone).
MISSED = "Missed"
#: What a race's block says on its status line; its corner also carries a flag.
RACE = "Race"
#: Space inside a block, above the title and below the last line.
PAD = 6
#: The left edge of detail lines, from the block's left.
TEXT_LEFT = 12
#: The kind badge: its size and offset from the block's top-left corner.
BADGE = 20
BADGE_LEFT = 11
BADGE_TOP = 8
#: The height of the Mark Done… / Mark Skipped buttons of a missed plan.
BUTTON_H = 22
#: The "recorded" mark of a workout with an activity: its side, in the block's top-right corner.
RECORDED_MARK = 14
#: The most lines a title wraps over.
MAX_TITLE_LINES = 3
#: The most lines of notes a block shows (when it has the room).
MAX_NOTES_LINES = 3
#: What the buttons of a missed block say, and the action each one triggers.
BUTTONS: tuple[tuple[str, str], ...] = (("done", "Done…"), ("skip", "Skip"))
#: The same in a narrow block, where the words do not fit (the tooltips say them).
SHORT_BUTTONS: tuple[tuple[str, str], ...] = (("done", "✓…"), ("skip", "✕"))
#: What a block's buttons say in their tooltips: a missed plan's two, a heavy-legs report's "?".
BUTTON_TIPS = {
    "done": "Mark Done…: record what you did (Ctrl+Enter)",
    "skip": "Mark Skipped (Ctrl+Shift+Enter)",
    "why": "Why Heavy Legs?…: what your plan shows about the heavy legs you reported",
}


@dataclass(frozen=True, slots=True)
class BlockFonts:
    """The fonts a block is written in, made from the widget's font.

    Attributes:
        title: the title (demi-bold).
        detail: the numbers and status lines (a little smaller).
        notes: the notes line (smaller, italic).
        badge: the kind letter.
        button: the buttons of a missed block.
    """

    title: QFont
    detail: QFont
    notes: QFont
    badge: QFont
    button: QFont

    @classmethod
    def from_font(cls, font: QFont, scale: float = 1.0) -> BlockFonts:
        """The block fonts for a widget whose font is ``font`` (``scale`` times its size)."""
        font = scaled_font(font, scale) if scale != 1.0 else font
        title = QFont(font)
        title.setWeight(QFont.Weight.DemiBold)
        notes = scaled_font(font, 0.88)
        notes.setItalic(True)
        badge = scaled_font(font, 0.85)
        badge.setWeight(QFont.Weight.Bold)
        button = scaled_font(font, 0.88)
        button.setWeight(QFont.Weight.DemiBold)
        return cls(title, scaled_font(font, 0.92), notes, badge, button)


def scaled_font(font: QFont, factor: float) -> QFont:
    """``font`` at ``factor`` times its size."""
    scaled = QFont(font)
    if scaled.pointSizeF() > 0:
        scaled.setPointSizeF(scaled.pointSizeF() * factor)
    else:
        scaled.setPixelSize(max(8, round(scaled.pixelSize() * factor)))
    return scaled


@dataclass(frozen=True, slots=True)
class BlockText:
    """Everything a block says, before it is fitted into a rectangle.

    Attributes:
        title: the workout's title.
        numbers: duration, distance and (for runs) pace: ``50 min · 8 km · 6:15 min/km``.
        status: effort and status: ``RPE 6 · ✓ Done``, ``Missed · RPE 3``.
        notes: the notes' non-empty lines ("" when none); the first shows first.
        planned: for a run done differently from its plan, the plan (``planned 45 min · 8 km``).
        missed: the plan's day has passed without a result.
        done: it was done.
        skipped: it was skipped.
        recorded: it has a recorded activity (the block's corner has the mark).
        race: it is a race (its status line says so, and its corner has a flag).
        heavy_legs: it was done with heavy legs (its status line says so, and its corner has
            a "?" that explains it).
    """

    title: str
    numbers: str
    status: str
    notes: str
    planned: str = ""
    missed: bool = False
    done: bool = False
    skipped: bool = False
    recorded: bool = False
    race: bool = False
    heavy_legs: bool = False


def block_text(
    workout: Workout,
    units: Units,
    today: date | None = None,
    *,
    recorded: bool = False,
    estimated: bool = False,
) -> BlockText:
    """What ``workout``'s block says (``today`` decides whether it is missed).

    ``recorded``: it has an activity; ``estimated``: its effort is still the estimate the
    activity's link wrote (the planned one), shown ``RPE ~4``.
    """
    missed = today is not None and is_missed(workout, today)
    if workout.kind is Kind.REST:
        numbers, status = "Recovery", ""
    else:
        numbers = numbers_line(
            workout.effective_duration_min, workout.effective_distance_km, None, units
        )
        pace = effective_pace(workout, units)
        if pace:
            numbers = f"{numbers}{SEPARATOR}{pace}"
        parts = []
        if missed:
            parts.append(MISSED)
        if workout.race:
            parts.append(RACE)
        if workout.effective_rpe is not None:
            approx = "~" if estimated else ""
            parts.append(f"RPE {approx}{format_number(workout.effective_rpe)}")
        if workout.status is Status.DONE:
            parts.append("✓ Done")
        elif workout.status is Status.SKIPPED:
            parts.append("Skipped")
        if workout.heavy_legs:
            parts.append("heavy legs")
        status = SEPARATOR.join(parts)
    lines = [line.strip() for line in workout.notes.strip().splitlines() if line.strip()]
    planned = ""
    if workout.status is Status.DONE and workout.kind is not Kind.REST:
        plan = numbers_line(workout.duration_min, workout.distance_km, None, units)
        done = numbers_line(
            workout.effective_duration_min, workout.effective_distance_km, None, units
        )
        if plan and plan != done:
            planned = f"planned {plan}"
    return BlockText(
        title=workout.title,
        numbers=numbers,
        status=status,
        notes="\n".join(lines),
        planned=planned,
        missed=missed,
        done=workout.status is Status.DONE,
        skipped=workout.status is Status.SKIPPED,
        recorded=recorded,
        race=workout.race,
        heavy_legs=workout.reports_heavy_legs,
    )


# -- fitting a block ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class BlockLine:
    """One line of a block, placed.

    Attributes:
        role: ``title``, ``numbers``, ``status`` or ``notes`` (which font and colour).
        text: what it says (already cut to fit when it had to be).
        rect: where it goes, in the widget's coordinates.
        scale: the size of the role's font to write it in (a narrow block's title is smaller).
    """

    role: str
    text: str
    rect: QRect
    scale: float = 1.0


#: The sizes a title may shrink to so that its longest word fits a narrow block.
TITLE_SCALES = (1.0, 0.9, 0.8, 0.72)


def _wrap(
    text: str, metrics: QFontMetrics, first_width: int, width: int, max_lines: int
) -> list[str]:
    """``text`` broken at spaces into lines: the first ``first_width`` wide, the others ``width``.

    When even the first word does not fit beside the badge, the first line stays empty and
    the text starts on the next, wider one. A word too long for any line is cut there; the
    last allowed line is elided when more text would follow.
    """
    words = text.split()
    if not words or width <= 0:
        return [text] if text else []
    lines: list[str] = []
    if metrics.horizontalAdvance(words[0]) > first_width:
        lines.append("")
    current = ""
    for index, word in enumerate(words):
        room = first_width if not lines else width
        candidate = f"{current} {word}" if current else word
        if metrics.horizontalAdvance(candidate) <= room or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines - 1:
            current = " ".join(words[index:])
            break
    lines.append(current)
    return [
        metrics.elidedText(line, Qt.TextElideMode.ElideRight, first_width if i == 0 else width)
        for i, line in enumerate(lines)
    ]


def _split_parts(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """A ``a · b · c`` line broken at its separators into lines that fit ``width``.

    A pace too wide for a line is written short: ``6:15/km`` for ``6:15 min/km``.
    """
    if not text:
        return []
    lines: list[str] = []
    current = ""
    for part in text.split(SEPARATOR):
        if metrics.horizontalAdvance(part) > width and part.endswith((" min/km", " min/mi")):
            part = part.replace(" min/", "/")
        candidate = f"{current}{SEPARATOR}{part}" if current else part
        if metrics.horizontalAdvance(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = part
    lines.append(current)
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


def fit_parts(text: str, metrics: QFontMetrics, width: int) -> str:
    """As many whole parts of a ``a · b · c`` line as fit ``width`` (a day's summary)."""
    lines = _split_parts(text, metrics, width)
    return lines[0] if lines else ""


def _title_width(width: int, text: BlockText | None = None) -> int:
    """The first title line's width: beside the badge, clear of the corner's marks."""
    marks = 0 if text is None else int(text.recorded) + int(text.race) + int(text.heavy_legs)
    return width - (BADGE_LEFT + BADGE + 7) - 6 - marks * (RECORDED_MARK + 4)


def _detail_width(width: int) -> int:
    return width - TEXT_LEFT - 6


def _title_scale(title: str, font: QFont, width: int) -> float:
    """The largest of :data:`TITLE_SCALES` at which every word of ``title`` fits ``width``."""
    words = title.split() or [""]
    for scale in TITLE_SCALES:
        metrics = QFontMetrics(scaled_font(font, scale))
        if max(metrics.horizontalAdvance(word) for word in words) <= width:
            return scale
    return TITLE_SCALES[-1]


@dataclass(frozen=True, slots=True)
class _Candidate:
    role: str
    text: str
    height: int
    priority: int  # lower is kept longer
    scale: float = 1.0


def _candidates(text: BlockText, width: int, fonts: BlockFonts) -> list[_Candidate]:
    """Every line the block would show given room, in display order."""
    scale = _title_scale(text.title, fonts.title, _detail_width(width))
    title_metrics = QFontMetrics(scaled_font(fonts.title, scale))
    detail_metrics = QFontMetrics(fonts.detail)
    notes_metrics = QFontMetrics(fonts.notes)
    title_h = max(title_metrics.lineSpacing(), 16)
    detail_h = detail_metrics.lineSpacing() + 1
    lines: list[_Candidate] = []
    title_lines = _wrap(
        text.title,
        title_metrics,
        _title_width(width, text),
        _detail_width(width),
        MAX_TITLE_LINES,
    ) or [""]
    for index, line in enumerate(title_lines):
        # The first line sits beside the badge, which is taller than a line of text.
        height = max(title_h, BADGE + 4) if index == 0 else title_h
        lines.append(_Candidate("title", line, height, 0 if index <= 1 else 4 + index, scale))
    for index, line in enumerate(_split_parts(text.numbers, detail_metrics, _detail_width(width))):
        lines.append(_Candidate("numbers", line, detail_h, 1 if index == 0 else 3))
    for line in _split_parts(text.status, detail_metrics, _detail_width(width)):
        lines.append(_Candidate("status", line, detail_h, 2))
    if text.planned:
        for line in _split_parts(text.planned, detail_metrics, _detail_width(width)):
            lines.append(_Candidate("planned", line, detail_h, 7))
    notes_width = _detail_width(width)
    notes: list[str] = []
    for paragraph in text.notes.splitlines():
        left = MAX_NOTES_LINES - len(notes)
        if left <= 0:
            break
        notes += _wrap(paragraph, notes_metrics, notes_width, notes_width, left)
    for index, line in enumerate(notes):
        lines.append(_Candidate("notes", line, notes_metrics.lineSpacing() + 1, 8 + index))
    return lines


def _buttons_h(missed: bool) -> int:
    return BUTTON_H + 4 if missed else 0


def block_heights(
    text: BlockText, width: int, fonts: BlockFonts, *, roomy: bool = False
) -> tuple[int, int]:
    """How tall a block of ``width`` would like to be, and the least it can do with.

    The least shows the title's first line (and the buttons of a missed plan).

    Args:
        text: what the block says.
        width: its width in pixels.
        fonts: the fonts it is written in.
        roomy: a tall window: a little more air around the lines.
    """
    lines = _candidates(text, width, fonts)
    extra = 6 if roomy else 0
    preferred = 2 * PAD + sum(line.height for line in lines) + _buttons_h(text.missed) + extra
    # The least: the title's first line, and its second when the first is only the badge.
    first = lines[0].height + (lines[1].height if not lines[0].text and len(lines) > 1 else 0)
    minimum = 2 * PAD + first + _buttons_h(text.missed) - 4
    return preferred, minimum


def arrange(text: BlockText, rect: QRect, fonts: BlockFonts) -> list[BlockLine]:
    """The lines of ``text`` that fit in ``rect``, placed; the least important go first."""
    lines = _candidates(text, rect.width(), fonts)
    room = rect.height() - 2 * PAD - _buttons_h(text.missed)
    kept = list(lines)
    while len(kept) > 1 and sum(line.height for line in kept) > room:
        worst = max(kept, key=lambda line: (line.priority, kept.index(line)))
        kept.remove(worst)
    placed: list[BlockLine] = []
    y = rect.top() + PAD
    for index, line in enumerate(kept):
        if line.role == "title" and index == 0:  # beside the badge
            left = rect.left() + BADGE_LEFT + BADGE + 7
            width = _title_width(rect.width(), text)
        else:
            left = rect.left() + TEXT_LEFT
            width = _detail_width(rect.width())
        rect_line = QRect(left, y, width, line.height)
        placed.append(BlockLine(line.role, line.text, rect_line, line.scale))
        y += line.height
    return placed


def badge_rect(rect: QRect) -> QRect:
    """Where a block's kind badge goes."""
    return QRect(rect.left() + BADGE_LEFT, rect.top() + BADGE_TOP, BADGE, BADGE)


def recorded_rect(rect: QRect) -> QRect:
    """Where a block's recorded mark goes: its top-right corner, level with the kind badge."""
    top = rect.top() + BADGE_TOP + (BADGE - RECORDED_MARK) // 2
    return QRect(rect.right() - 6 - RECORDED_MARK, top, RECORDED_MARK, RECORDED_MARK)


def race_rect(rect: QRect, recorded: bool = False) -> QRect:
    """Where a race's flag goes: the top-right corner, left of a recorded mark if any."""
    corner = recorded_rect(rect)
    return corner.translated(-(RECORDED_MARK + 4), 0) if recorded else corner


def why_rect(rect: QRect, text: BlockText) -> QRect | None:
    """Where a heavy-legs report's "?" goes: the top-right corner, left of the other marks.

    ``None`` when the block carries no report.
    """
    if not text.heavy_legs:
        return None
    marks = int(text.recorded) + int(text.race)
    return recorded_rect(rect).translated(-marks * (RECORDED_MARK + 4), 0)


def button_rects(rect: QRect) -> dict[str, QRect]:
    """The Mark Done… and Mark Skipped buttons of a missed block, along its bottom edge."""
    gap = 6
    width = (rect.width() - TEXT_LEFT - 6 - gap) // 2
    top = rect.bottom() - PAD - BUTTON_H + 2
    rects = {}
    left = rect.left() + TEXT_LEFT
    for name, _label in BUTTONS:
        rects[name] = QRect(left, top, width, BUTTON_H)
        left += width + gap
    return rects


# -- the tooltip ----------------------------------------------------------------------------
def tooltip_html(workout: Workout, units: Units, today: date | None = None) -> str:
    """The whole workout, for the block's tooltip: plan, result, pace, effort and notes."""
    rows: list[tuple[str, str]] = [
        ("Day", format_day(workout.day, year=True, long=True)),
        ("Kind", workout.kind.label),
    ]
    if workout.race:
        rows.append(("Race", "the goal of the plan; the distance warnings leave it out"))
    if workout.kind is not Kind.REST:
        plan = numbers_line(workout.duration_min, workout.distance_km, None, units)
        pace = planned_pace(workout, units)
        if pace:
            plan = f"{plan}{SEPARATOR}{pace}"
        if workout.rpe is not None:
            words = rpe_words(workout.rpe)
            effort = f"RPE {format_number(workout.rpe)}" + (f" ({words.lower()})" if words else "")
            plan = f"{plan}{SEPARATOR}{effort}" if plan else effort
        rows.append(("Plan", plan or "no numbers"))
    status = STATUS_WORDS[workout.status].capitalize()
    if today is not None and is_missed(workout, today):
        status = f"{MISSED}: planned, with no result recorded"
    rows.append(("Status", status))
    if workout.status is Status.DONE:
        done = numbers_line(
            workout.effective_duration_min,
            workout.effective_distance_km,
            workout.effective_rpe,
            units,
        )
        pace = effective_pace(workout, units)
        if pace:
            done = f"{done}{SEPARATOR}{pace}" if done else pace
        if workout.heavy_legs:
            done = f"{done}{SEPARATOR}heavy legs" if done else "heavy legs"
        rows.append(("Result", done or "as planned"))
    table = "".join(
        f"<tr><td style='color: gray; padding-right: 8px;'>{escape_html(label)}</td>"
        f"<td>{escape_html(value)}</td></tr>"
        for label, value in rows
    )
    notes = ""
    if workout.notes.strip():
        notes = "<p style='margin-top: 6px;'><i>{}</i></p>".format(
            "<br>".join(escape_html(line) for line in workout.notes.strip().splitlines())
        )
    return f"<p><b>{escape_html(workout.title)}</b></p><table>{table}</table>{notes}"


def lines_text(lines: Sequence[BlockLine]) -> list[str]:
    """The text of placed lines (for tests and accessibility)."""
    return [line.text for line in lines]
