"""The printable week sheet: pure HTML, checked through its visible text."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from planner.core.model import Kind, Status, Workout
from planner.core.settings import Units
from planner.core.vocabulary import KIND_COLORS
from planner.core.weeks import Week
from planner.report.week_sheet import (
    BOX_CHECKED,
    BOX_CROSSED,
    BOX_EMPTY,
    CHECK,
    SPACINGS,
    format_day,
    format_span,
    week_sheet_html,
)

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 18)
_DAY_NAMES = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
WEEK = Week(date(2026, 11, 16))  # Monday 16 to Sunday 22 November 2026, ISO week 47


def plan() -> list[Workout]:
    """A typical week, given out of order, with one workout on each side of it."""
    return [
        Workout(8, date(2026, 11, 22), Kind.RUN, "Long run", 0, 103, 16.1, 5),
        Workout(
            1,
            date(2026, 11, 17),
            Kind.RUN,
            "Tempo run",
            0,
            42,
            7.8,
            7,
            notes="Warm up & cool down",
            status=Status.DONE,
            actual_duration_min=41,
            actual_distance_km=7.5,
            actual_rpe=7,
        ),
        Workout(2, date(2026, 11, 18), Kind.HIIT, "HIIT intervals", 0, 30, None, 8),
        Workout(3, date(2026, 11, 19), Kind.RUN, "Easy run", 0, 36, 5.8, 3),
        Workout(11, date(2026, 11, 19), Kind.CROSS, "Swim", 1, 30, 1.5, 4),
        Workout(4, date(2026, 11, 20), Kind.REST, "Rest day", 0, rpe=0),
        Workout(6, date(2026, 11, 21), Kind.STRENGTH, "Squat jumps", 1, 10, None, 6),
        Workout(5, date(2026, 11, 21), Kind.RUN, "Easy run", 0, 38, 6.2, 3),
        Workout(9, date(2026, 11, 15), Kind.RUN, "Last week's run", 0, 30, 5.0, 3),
        Workout(10, date(2026, 11, 23), Kind.RUN, "Next week's run", 0, 30, 5.0, 3),
    ]


def with_skipped_hiit() -> list[Workout]:
    return [w.replace(status=Status.SKIPPED) if w.id == 2 else w for w in plan()]


class _Text(HTMLParser):
    """The visible text of an HTML fragment, one line per paragraph or table cell."""

    BREAKS = frozenset({"p", "br", "td", "tr", "table", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("head", "style"):
            self._skip += 1
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style"):
            self._skip -= 1
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def lines(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\u00a0", " ")
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


class _Rows(HTMLParser):
    """The HTML of every table row, a nested table's text counting for its outer row too."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.rows: list[list[str]] = []
        self._open: list[list[str]] = []

    def _add(self, text: str) -> None:
        for row in self._open:
            row.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._open.append([])
        self._add(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self._add(f"</{tag}>")
        if tag == "tr":
            self.rows.append(self._open.pop())

    def handle_data(self, data: str) -> None:
        self._add(data)

    def handle_entityref(self, name: str) -> None:
        self._add(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._add(f"&#{name};")


def rows(html: str) -> list[list[str]]:
    """The visible lines of each table row (``<tr>``), in the order the rows end."""
    parser = _Rows()
    parser.feed(html)
    parser.close()
    return [lines("".join(row)) for row in parser.rows]


def row_of(html: str, title: str) -> list[str]:
    matches = [row for row in rows(html) if title in row]
    assert len(matches) == 1, f"expected one row with {title!r}, found {matches}"
    return matches[0]


def sheet(workouts: list[Workout] | None = None, week: Week = WEEK, **kwargs: object) -> str:
    return week_sheet_html(
        plan() if workouts is None else workouts,
        week,
        today=TODAY,
        **kwargs,  # type: ignore[arg-type]
    )


# -- the days -----------------------------------------------------------------------------------
def test_every_day_appears_in_order_with_its_date() -> None:
    text = lines(sheet())
    expected = [
        ("Monday", "16 November"),
        ("Tuesday", "17 November"),
        ("Wednesday", "18 November"),
        ("Thursday", "19 November"),
        ("Friday", "20 November"),
        ("Saturday", "21 November"),
        ("Sunday", "22 November"),
    ]
    positions = []
    for name, day in expected:
        index = text.index(name)
        assert text[index + 1] == day
        positions.append(index)
    assert positions == sorted(positions)


def test_workouts_appear_under_their_day_in_position_order() -> None:
    text = lines(sheet())
    saturday, sunday = text.index("Saturday"), text.index("Sunday")
    easy = [i for i, line in enumerate(text) if line == "Easy run"]
    assert saturday < easy[1] < text.index("Squat jumps") < sunday
    assert text.index("Tempo run") < text.index("Wednesday")


def test_only_the_weeks_workouts_are_printed() -> None:
    html = sheet()
    assert "Last week" not in html
    assert "Next week" not in html


def test_a_day_without_workouts_says_rest() -> None:
    monday = row_of(sheet(), "Monday")
    assert monday == ["Monday", "16 November", "Rest"]


def test_a_rest_block_shows_its_kind_and_no_box_to_tick() -> None:
    friday = row_of(sheet(), "Friday")
    assert friday == ["Friday", "20 November", "Z Rest", "Rest day"]


def test_week_starting_on_sunday() -> None:
    week = Week(date(2026, 11, 15))
    html = sheet(week=week)
    text = lines(html)
    names = [line for line in text if line in _DAY_NAMES]
    assert names == [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ]
    assert text[text.index("Sunday") + 1] == "15 November"
    assert "Last week's run" in text
    assert "Long run" not in text  # Sunday 22 is the next Sunday-week
    assert "2026-W47" in text
    assert "Sunday to Saturday, 15 – 21 November 2026" in text


# -- each workout -------------------------------------------------------------------------------
def test_kind_letter_and_name_are_printed_never_colour_alone() -> None:
    html = sheet()
    assert row_of(html, "Tempo run")[3] == "R Run"
    assert row_of(html, "HIIT intervals")[3] == "H HIIT"
    assert row_of(html, "Squat jumps")[:2] == [BOX_EMPTY, "S Strength"]
    assert row_of(html, "Swim")[:2] == [BOX_EMPTY, "X Cross-training"]
    legend = lines(html)[-1]
    for kind in Kind:
        assert f"{kind.letter} {kind.label}" in legend


def test_planned_workout_has_an_empty_box_and_its_plan() -> None:
    row = row_of(sheet(), "Long run")
    assert row == [
        "Sunday",
        "22 November",
        BOX_EMPTY,
        "R Run",
        "Long run",
        "1 h 43 · 16.1 km · 6:24 min/km · RPE 5",
        "time",  # blanks to write the result in by hand
        "km",
        "RPE",
    ]


def test_a_race_says_so_under_its_title_with_a_flag() -> None:
    raced = [w.replace(race=True) if w.title == "Long run" else w for w in plan()]
    row = row_of(sheet(raced), "Long run")
    assert row[4:7] == ["Long run", "\u2691 Race", "1 h 43 · 16.1 km · 6:24 min/km · RPE 5"]
    assert "Race" not in row_of(sheet(), "Long run")


def test_done_workout_shows_the_actuals() -> None:
    assert row_of(sheet(), "Tempo run") == [
        "Tuesday",
        "17 November",
        BOX_CHECKED,
        "R Run",
        "Tempo run",
        "42 min · 7.8 km · 5:23 min/km · RPE 7",
        "Warm up & cool down",
        f"{CHECK} Done",
        # the narrow RESULT column holds no run's figures on one line: the pace starts its
        # own, rather than being split from its unit
        "41 min · 7.5 km",
        "5:28 min/km · RPE 7",
    ]


def test_done_without_actuals_says_as_planned_and_heavy_legs_are_noted() -> None:
    done = [
        w.replace(status=Status.DONE, heavy_legs=True) if w.title == "Long run" else w
        for w in plan()
    ]
    row = row_of(sheet(done), "Long run")
    assert row[-3:] == [f"{CHECK} Done", "as planned", "heavy legs"]
    assert row[2] == BOX_CHECKED


def test_a_week_with_a_heavy_legs_report_says_where_to_see_why() -> None:
    reported = {"Tempo run", "HIIT intervals", "Last week's run"}  # HIIT only planned
    marked = [
        w.replace(heavy_legs=True, status=w.status if w.title != "Last week's run" else Status.DONE)
        if w.title in reported
        else w
        for w in plan()
    ]
    found = [line for line in lines(sheet(marked)) if "Heavy legs on" in line]
    assert found == ["Heavy legs on Tue 17 Nov: see why in Legwork (Help \u25b8 Heavy Legs\u2026)."]
    assert "HEAVY LEGS" in lines(sheet(marked))
    assert "HEAVY LEGS" not in lines(sheet())


def test_skipped_workout_is_marked_skipped() -> None:
    html = sheet(with_skipped_hiit())
    row = row_of(html, "HIIT intervals")
    assert row[2] == BOX_CROSSED
    assert row[-1] == "Skipped"
    assert "Done" not in " ".join(row)
    skipped_title = html[html.index("HIIT intervals") - 200 : html.index("HIIT intervals")]
    assert "line-through" in skipped_title


# -- escaping -----------------------------------------------------------------------------------
def test_user_text_is_escaped() -> None:
    nasty = '<b>Hill & "repeats"</b>'
    workouts = [
        Workout(1, date(2026, 11, 19), Kind.RUN, nasty, 0, 40, 8.0, 7, notes="<i>x</i> & y\nz"),
    ]
    html = sheet(workouts, title="Anna's <plan>")
    assert "<b>Hill" not in html
    assert "&lt;b&gt;Hill &amp; &quot;repeats&quot;&lt;/b&gt;" in html
    assert "<i>x" not in html
    assert "<plan>" not in html
    text = lines(html)
    assert nasty in text
    assert "Anna's <plan>" in text
    assert "<i>x</i> & y" in text  # notes keep their line breaks
    assert "z" in text


# -- header, totals and footer ------------------------------------------------------------------
def test_header_names_the_week_and_its_dates() -> None:
    text = lines(sheet())
    assert text[:5] == [
        "LEGWORK",
        "Training week",
        "Monday to Sunday, 16 – 22 November 2026",
        "WEEK",
        "2026-W47",
    ]


def test_totals_are_the_hand_computed_ones() -> None:
    # Runs not skipped: tempo (done: 7.5 km actual, 41 min), two easy runs, the long run.
    # Minutes: 41 + 30 (HIIT) + 36 + 30 (swim) + 38 + 10 + 103 = 288; km: 7.5 + 5.8 + 6.2 +
    # 16.1 (the swim's 1.5 km is no running). Training days: Tue, Wed, Thu, Sat, Sun, so 2
    # rest days (Mon, and Fri's rest block).
    text = lines(sheet())
    start = text.index("2026-W47") + 1
    assert text[start : start + 10] == [
        "4",
        "RUNS",
        "35.6 km",
        "RUNNING",
        "4 h 48",
        "TRAINING TIME",
        "2",
        "REST DAYS",
        "1 of 7",
        "SESSIONS DONE",
    ]


def test_totals_leave_skipped_sessions_out() -> None:
    text = lines(sheet(with_skipped_hiit()))
    start = text.index("2026-W47") + 1
    assert text[start : start + 10] == [
        "4",
        "RUNS",
        "35.6 km",
        "RUNNING",
        "4 h 18",
        "TRAINING TIME",
        "3",
        "REST DAYS",
        "1 of 7",
        "SESSIONS DONE",
    ]


def test_an_empty_week_prints_seven_rest_days() -> None:
    html = sheet([])
    text = lines(html)
    assert text.count("Rest") == 7
    start = text.index("2026-W47") + 1
    assert text[start : start + 8] == [
        "0",
        "RUNS",
        "0 km",
        "RUNNING",
        "0 h",
        "TRAINING TIME",
        "7",
        "REST DAYS",
    ]
    assert "SESSIONS DONE" not in text


def test_singular_labels() -> None:
    one = [Workout(1, date(2026, 11, 19), Kind.RUN, "Easy run", 0, 30, 5.0, 3)]
    text = lines(sheet(one))
    assert "RUN" in text
    assert "6" in text
    assert "REST DAYS" in text
    six_runs = [
        Workout(i, date(2026, 11, 16 + i), Kind.RUN, "Easy run", 0, 30, 5.0, 3) for i in range(6)
    ]
    assert "REST DAY" in lines(sheet(six_runs))


def test_footer_says_where_and_when_it_was_printed() -> None:
    text = lines(sheet())
    assert "Printed from Legwork · Wednesday 18 November 2026" in text
    assert f"{BOX_EMPTY} planned" in text[-1]
    assert f"{BOX_CROSSED} skipped" in text[-1]


def test_today_defaults_to_the_system_date() -> None:
    before = date.today()
    html = week_sheet_html([], WEEK)
    after = date.today()  # the clock may pass midnight in between
    printed = {f"Printed from Legwork · {format_day(day)}" for day in (before, after)}
    assert printed & set(lines(html))


def test_custom_title_and_the_app_kind_colours() -> None:
    html = sheet(title="Marathon block")
    assert "Marathon block" in lines(html)
    assert {w.kind for w in plan()} == set(Kind)
    for kind in Kind:  # the colours the week view paints
        assert f"border-left: 4px solid {KIND_COLORS[kind]}" in html


def test_in_miles_every_distance_is_in_miles() -> None:
    text = lines(sheet(units=Units.MI))
    start = text.index("2026-W47") + 1
    assert text[start : start + 4] == ["4", "RUNS", "22.1 mi", "RUNNING"]  # 35.6 km
    long_run = row_of(sheet(units=Units.MI), "Long run")  # 16.1 km
    assert long_run[-4:] == ["1 h 43 · 10 mi · 10:18 min/mi · RPE 5", "time", "mi", "RPE"]
    tempo = row_of(sheet(units=Units.MI), "Tempo run")  # 7.5 km
    assert tempo[-2:] == ["41 min · 4.7 mi", "8:48 min/mi · RPE 7"]
    assert not any(" km" in line for line in text)


# -- rendering constraints ----------------------------------------------------------------------
@pytest.mark.parametrize("spacing", SPACINGS)
def test_every_spacing_prints_the_same_text(spacing: str) -> None:
    assert lines(sheet(spacing=spacing)) == lines(sheet())


def test_html_stays_in_the_qtextdocument_subset() -> None:
    html = sheet().lower()
    for unsupported in ("display:", "flex", "grid", "float:", "position:", "<div", "<script"):
        assert unsupported not in html
    # QTextDocument ignores point units for padding, margins and borders: pixels only.
    for prop in ("padding", "margin", "border"):
        for chunk in html.split(f"{prop}")[1:]:
            value = chunk.split(";", 1)[0]
            assert "pt" not in value, f"{prop}{value}"


def test_dates() -> None:
    assert format_day(date(2026, 11, 18)) == "Wednesday 18 November 2026"
    assert format_span(date(2026, 11, 16), date(2026, 11, 22)) == "16 – 22 November 2026"
    assert format_span(date(2026, 11, 30), date(2026, 12, 6)) == "30 November – 6 December 2026"
    assert format_span(date(2026, 12, 28), date(2027, 1, 3)) == "28 December 2026 – 3 January 2027"


def test_the_report_is_pure() -> None:
    code = (
        "import sys\n"
        "import planner.report.week_sheet\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'sqlalchemy', 'planner.ui',"
        " 'planner.storage'))]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
