"""Which blocks a finding is about: the sessions the week view marks and highlights."""

from __future__ import annotations

from dataclasses import replace

from planner.core.involvement import DAY_RULES, involved_workouts
from planner.core.model import Finding, Severity, Status, Workout
from planner.core.rules import evaluate
from tests.core.rules_kit import MONDAY, day, done, hiit, rest, run, strength


def numbered(*workouts: Workout) -> list[Workout]:
    return [replace(w, id=i + 1) for i, w in enumerate(workouts)]


def finding(rule_id: str, plan: list[Workout]) -> Finding:
    found = [f for f in evaluate(plan, start=MONDAY, end=day(6)) if f.rule_id == rule_id]
    assert len(found) == 1, found
    return found[0]


def titles(ids: frozenset[int], plan: list[Workout]) -> list[str]:
    return sorted(f"{w.title}@{(w.day - MONDAY).days}" for w in plan if w.id in ids)


def test_hiit_on_consecutive_days_marks_the_two_hiit_sessions_only() -> None:
    plan = numbered(hiit(day(1)), run(day(1)).replace(title="Easy"), hiit(day(2)), run(day(4)))
    found = finding("HIIT_GAP", plan)
    assert titles(involved_workouts(found, plan), plan) == ["Intervals@1", "Intervals@2"]


def test_hard_days_mark_their_hard_sessions() -> None:
    plan = numbered(
        run(day(2), rpe=8).replace(title="Tempo"),
        strength(day(3), rpe=7).replace(title="Heavy"),
        run(day(3), rpe=3).replace(title="Easy"),
    )
    found = finding("HARD_BACK_TO_BACK", plan)
    assert titles(involved_workouts(found, plan), plan) == ["Heavy@3", "Tempo@2"]


def test_heavy_legs_marks_the_session_that_left_them_and_the_next_days() -> None:
    plan = numbered(
        done(run(day(0)), heavy_legs=True).replace(title="Long"),
        strength(day(0)).replace(title="Gym"),
        run(day(1)).replace(title="Next"),
    )
    found = finding("HEAVY_LEGS", plan)
    assert titles(involved_workouts(found, plan), plan) == ["Long@0", "Next@1"]


def test_a_spiking_run_and_a_long_session_mark_that_run() -> None:
    plan = numbered(
        run(day(-5), km=8.0),
        run(day(3), km=4.0).replace(title="Short"),
        run(day(3), km=14.0, minutes=80).replace(title="Long"),
    )
    spike = finding("RUN_SPIKE", plan)
    assert titles(involved_workouts(spike, plan), plan) == ["Long@3"]
    fuel = finding("FUEL_LONG", plan)
    assert titles(involved_workouts(fuel, plan), plan) == ["Long@3"]


def test_day_and_week_rules_mark_no_block() -> None:
    plan = numbered(*(run(day(i)) for i in range(7)))
    found = finding("REST_WEEK", plan)
    assert found.severity is Severity.WARNING
    assert "REST_WEEK" in DAY_RULES
    assert involved_workouts(found, plan) == frozenset()


def test_rest_blocks_and_skipped_sessions_are_never_involved() -> None:
    plan = numbered(
        hiit(day(1)),
        hiit(day(2)),
        hiit(day(2), status=Status.SKIPPED).replace(title="Skipped"),
        rest(day(2)),
    )
    found = finding("HIIT_GAP", plan)
    assert titles(involved_workouts(found, plan), plan) == ["Intervals@1", "Intervals@2"]


def test_an_unknown_rule_is_about_every_session_on_its_days() -> None:
    plan = numbered(run(day(0)), hiit(day(0)), rest(day(0)), run(day(1)))
    future = Finding("SOMETHING_NEW", Severity.INFO, (day(0),), "m")
    assert titles(involved_workouts(future, plan), plan) == ["Intervals@0", "Run@0"]
