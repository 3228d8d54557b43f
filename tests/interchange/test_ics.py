"""The iCalendar export: what a calendar app will read back."""

from __future__ import annotations

from datetime import UTC, date, datetime

from icalendar import Calendar

from planner.core.model import Kind, Status, Workout
from planner.interchange.ics import workouts_to_ics

STAMP = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)


def parse(text: str) -> list:
    return list(Calendar.from_ical(text).walk("VEVENT"))


def test_one_all_day_event_per_workout_on_its_day() -> None:
    workouts = [
        Workout(7, date(2026, 11, 16), Kind.RUN, "Long, slow; run", 0, 100, 16.0, 5),
        Workout(
            8,
            date(2026, 11, 17),
            Kind.HIIT,
            "Beginner sprints",
            0,
            20,
            None,
            8,
            status=Status.SKIPPED,
        ),
    ]
    long_run, sprints = parse(workouts_to_ics(workouts, stamp=STAMP))
    assert long_run.decoded("dtstart") == date(2026, 11, 16)
    assert long_run.decoded("dtend") == date(2026, 11, 17)  # all-day: end is exclusive
    assert str(long_run["summary"]) == "[R] Long, slow; run · 1 h 40 · 16 km · RPE 5"
    assert "Effort (RPE): 5/10" in str(long_run["description"])
    assert str(sprints["status"]) == "CANCELLED"
    assert long_run.decoded("dtstamp") == STAMP


def test_a_cross_training_session_is_an_event_in_its_own_category() -> None:
    ride = Workout(3, date(2026, 11, 18), Kind.CROSS, "Easy bike", 0, 90, 40.0, 4)
    (event,) = parse(workouts_to_ics([ride], stamp=STAMP))
    assert str(event["summary"]) == "[X] Easy bike · 1 h 30 · 40 km · RPE 4"
    assert [str(c) for c in event["categories"].cats] == ["Cross-training"]


def test_a_race_says_so_in_its_summary_category_and_description() -> None:
    marathon = Workout(4, date(2027, 4, 11), Kind.RUN, "City marathon", 0, 210, 42.2, 9)
    race, run = parse(workouts_to_ics([marathon.replace(race=True), marathon], stamp=STAMP))
    assert str(race["summary"]) == "[R] Race: City marathon · 3 h 30 · 42.2 km · RPE 9"
    assert [str(c) for c in race["categories"].cats] == ["Run", "Race"]
    assert "A race: the goal of the plan" in str(race["description"])
    # The same run, not a race.
    assert str(run["summary"]) == "[R] City marathon · 3 h 30 · 42.2 km · RPE 9"
    assert [str(c) for c in run["categories"].cats] == ["Run"]
    assert "race" not in str(run["description"])


def test_uids_are_stable_and_distinct() -> None:
    stored = [
        Workout(1, date(2026, 11, 16), Kind.RUN, "Easy run"),
        Workout(2, date(2026, 11, 16), Kind.RUN, "Easy run", position=1),
    ]
    unsaved = [w.replace(id=None) for w in stored]
    for workouts in (stored, unsaved):
        first = [str(e["uid"]) for e in parse(workouts_to_ics(workouts, stamp=STAMP))]
        again = [str(e["uid"]) for e in parse(workouts_to_ics(workouts, stamp=STAMP))]
        assert first == again
        assert len(set(first)) == 2


def test_long_unicode_notes_survive_folding() -> None:
    notes = "Hügel " * 60
    text = workouts_to_ics(
        [Workout(1, date(2026, 11, 16), Kind.RUN, "Hills", notes=notes)], stamp=STAMP
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    [event] = parse(text)
    assert notes.strip() in str(event["description"])
