"""The built-in workout library, as the training guidance describes it."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.library import BUILTIN_TEMPLATES, builtin_template
from planner.core.model import Kind, Status, Template
from planner.core.vocabulary import rpe_words

GUIDANCE_ENTRIES = [
    "Easy run",
    "Long run",
    "Tempo run",
    "HIIT intervals",
    "Beginner sprints",
    "Squat jumps",
    "Bodyweight circuit",
    "Weight training",
    "Easy bike",
    "Swim",
    "Elliptical",
    "Rest day",
]


def test_the_cross_training_entries_are_easy_aerobic_sessions_without_run_distance() -> None:
    cross = [t for t in BUILTIN_TEMPLATES if t.kind is Kind.CROSS]
    assert [t.name for t in cross] == ["Easy bike", "Swim", "Elliptical"]
    for template in cross:
        assert template.duration_min is not None and 30 <= template.duration_min <= 60
        assert template.rpe is not None and template.rpe < 7  # not a hard session
        assert template.distance_km is None


def test_easy_run_is_a_run_of_30_to_40_minutes() -> None:
    easy = builtin_template("Easy run")
    assert easy.name == "Easy run"
    assert easy.kind is Kind.RUN
    assert easy.duration_min is not None
    assert 30 <= easy.duration_min <= 40
    assert easy.rpe is not None
    assert easy.rpe < 7  # easy, not a hard session


def test_names_are_unique_even_ignoring_case() -> None:
    names = [t.name.casefold() for t in BUILTIN_TEMPLATES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", GUIDANCE_ENTRIES)
def test_every_entry_from_the_guidance_is_there(name: str) -> None:
    template = builtin_template(name)
    assert template.builtin
    assert template.id is None
    assert template.description


@pytest.mark.parametrize("template", BUILTIN_TEMPLATES, ids=lambda t: t.name)
def test_each_builtin_makes_a_valid_planned_workout(template: Template) -> None:
    workout = template.to_workout(date(2026, 11, 19), position=1)
    workout.validate()
    assert workout.status is Status.PLANNED
    assert workout.title == template.name
    assert workout.kind is template.kind
    assert workout.position == 1


def test_beginner_sprints_are_6_x_15_s_on_45_s_off() -> None:
    sprints = builtin_template("Beginner sprints")
    assert sprints.kind is Kind.HIIT
    assert "6 x 15 s on / 45 s off" in sprints.description
    # Six minutes of work and rest plus the 10 min warm-up: about 20 minutes in all.
    assert sprints.duration_min is not None
    assert 16 <= sprints.duration_min <= 30


def test_squat_jumps_are_2_x_10_strength() -> None:
    squats = builtin_template("Squat jumps")
    assert squats.kind is Kind.STRENGTH
    assert "2 x 10" in squats.description


def test_kinds_and_efforts_make_sense_to_a_runner() -> None:
    assert builtin_template("Rest day").kind is Kind.REST
    assert builtin_template("Rest day").duration_min is None
    assert builtin_template("Rest day").distance_km is None
    assert builtin_template("HIIT intervals").kind is Kind.HIIT
    assert {builtin_template(n).kind for n in ("Weight training", "Bodyweight circuit")} == {
        Kind.STRENGTH
    }
    easy, long, tempo = (builtin_template(n) for n in ("Easy run", "Long run", "Tempo run"))
    assert (long.distance_km or 0) > (easy.distance_km or 0)
    assert (long.duration_min or 0) > 60
    assert (tempo.rpe or 0) >= 7 > (easy.rpe or 0)


def test_the_long_run_is_an_easy_effort_as_its_notes_say() -> None:
    long, easy = builtin_template("Long run"), builtin_template("Easy run")
    assert "slow and steady" in long.description
    assert long.rpe is not None and easy.rpe is not None
    # On the CR-10 scale 5 reads "Hard" and 4 "Somewhat hard"; a long run goes at the easy
    # run's effort, 3, "Moderate": conversational, and never a hard session (RULES.md: >= 7).
    assert long.rpe == easy.rpe == 3
    assert rpe_words(long.rpe) == "Moderate"
    # its share of the week is what LONG_SHARE allows: under about a third
    assert "a quarter to a third of the week's distance" in long.description


def test_unknown_name_raises_key_error() -> None:
    with pytest.raises(KeyError):
        builtin_template("easy run")  # names are exact
    with pytest.raises(KeyError):
        builtin_template("Marathon")
