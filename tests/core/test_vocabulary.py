"""The domain tables and the words and numbers people read, in kilometres or miles."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.formatting import (
    format_distance,
    numbers_line,
    template_summary,
    workout_line,
    workout_summary,
)
from planner.core.library import BUILTIN_TEMPLATES, builtin_template
from planner.core.model import Kind, Status, ValidationError, Workout
from planner.core.settings import Units
from planner.core.vocabulary import (
    KIND_COLORS,
    KIND_COLORS_DARK,
    KIND_ORDER,
    check_template_name,
    copy_name,
    new_template,
    rpe_words,
    template_name_key,
)


def test_every_kind_has_a_place_and_two_colours() -> None:
    assert sorted(KIND_ORDER) == sorted(Kind)
    for kind in Kind:
        assert KIND_COLORS[kind].startswith("#") and len(KIND_COLORS[kind]) == 7
        assert KIND_COLORS_DARK[kind] != KIND_COLORS[kind]
    assert len(set(KIND_COLORS.values())) == len(Kind)


@pytest.mark.parametrize(
    ("kind", "numbers"),
    [
        (Kind.RUN, (30, 5.0, 3)),
        (Kind.HIIT, (25, None, 8)),
        (Kind.STRENGTH, (30, None, 6)),
        (Kind.CROSS, (45, None, 4)),
        (Kind.REST, (None, None, 0)),
    ],
)
def test_a_new_library_entry_starts_with_its_kinds_defaults(kind: Kind, numbers: tuple) -> None:
    template = new_template(kind)
    assert (template.id, template.name, template.kind) == (None, "", kind)
    assert (template.duration_min, template.distance_km, template.rpe) == numbers
    template.replace(name="x").to_workout(date(2026, 11, 18)).validate()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, ""),
        (0, "Rest"),
        (2.5, "Easy"),
        (3, "Moderate"),
        (6.5, "Hard"),
        (10, "Maximal"),
        (11, ""),
    ],
)
def test_rpe_words(value: float | None, words: str) -> None:
    assert rpe_words(value) == words


def test_template_names_are_the_same_whatever_the_case_and_spacing() -> None:
    assert template_name_key("  Easy   RUN ") == template_name_key("easy run")
    names = [t.name for t in BUILTIN_TEMPLATES]
    with pytest.raises(ValidationError, match="already has “easy RUN”") as taken:
        check_template_name(" easy RUN", names)
    assert taken.value.field == "name"
    with pytest.raises(ValidationError, match="Give the template a name"):
        check_template_name("   ", names)
    check_template_name("Easy run 2", names)  # no exception


def test_a_copy_gets_the_first_free_name() -> None:
    assert copy_name("Easy run", ["Easy run"]) == "Easy run (mine)"
    assert copy_name("Easy run", ["Easy run", "easy run (MINE)"]) == "Easy run (mine 2)"


def test_distances_in_kilometres_or_miles() -> None:
    assert format_distance(12.5) == "12.5 km"
    assert format_distance(8.04672, Units.MI) == "5 mi"
    assert format_distance(16.0, Units.MI, unit=False) == "9.9"
    assert numbers_line(45, 8.0, 6, Units.MI) == "45 min · 5 mi · RPE 6"
    assert numbers_line(None, None, None) == ""


def test_summary_lines_follow_the_units() -> None:
    easy = builtin_template("Easy run")
    assert template_summary(easy) == "35 min · 6 km · RPE 3"
    assert template_summary(easy, Units.MI) == "35 min · 3.7 mi · RPE 3"
    assert template_summary(builtin_template("Rest day")) == "Full rest"
    done = Workout(
        1,
        date(2026, 11, 18),
        Kind.RUN,
        "Long run",
        0,
        100,
        16.0,
        5,
        status=Status.DONE,
        actual_distance_km=17.0,
    )
    assert workout_summary(done, Units.MI) == "1 h 40 · 10.6 mi · RPE 5"
    assert workout_line(done, Units.MI) == "[R] Long run · 1 h 40 · 10.6 mi · RPE 5 · done"
    assert workout_line(done) == "[R] Long run · 1 h 40 · 17 km · RPE 5 · done"
