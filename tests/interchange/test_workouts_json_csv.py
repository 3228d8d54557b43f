"""JSON/CSV/iCalendar export and import of workouts, and duplicate-free import planning."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core import edits
from planner.core.model import (
    MAX_DISTANCE_KM,
    MAX_DURATION_MIN,
    MAX_TITLE_LEN,
    Kind,
    Status,
    Workout,
)
from planner.interchange.csv_cells import neutralise_cell, restore_cell
from planner.interchange.workouts_json_csv import (
    FIELDS,
    TransferError,
    workouts_from_json,
    workouts_to_csv,
    workouts_to_json,
)

DAY = date(2026, 11, 16)


def run(day: date = DAY, title: str = "Easy run", position: int = 0, **kw: object) -> Workout:
    values: dict[str, object] = {"duration_min": 35.0, "distance_km": 6.0, "rpe": 3.0}
    values.update(kw)
    return Workout(None, day, Kind.RUN, title, position, **values)  # type: ignore[arg-type]


def item(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {"day": "2026-11-16", "kind": "run", "title": "Easy run"}
    base.update(changes)
    return base


def load(items: object, source: str = "plan.json") -> list[Workout]:
    return workouts_from_json(json.dumps(items), source=source)


def error_of(items: object, source: str = "plan.json") -> str:
    with pytest.raises(TransferError) as info:
        load(items, source)
    return str(info.value)


# -- writing ------------------------------------------------------------------------------------
#: A done run as Workout, and as an export of the Legwork before races wrote it (no race, no
#: plan day).
TEMPO = Workout(
    7, DAY, Kind.RUN, "Tempo", 1, 45.0, 8.0, 7.0, "felt ok", Status.DONE, 47.0, 8.2, 7.5, True
)
TEMPO_BEFORE_RACES: dict[str, object] = {
    "id": 7,
    "day": "2026-11-16",
    "kind": "run",
    "title": "Tempo",
    "position": 1,
    "duration_min": 45.0,
    "distance_km": 8.0,
    "rpe": 7.0,
    "notes": "felt ok",
    "status": "done",
    "actual_duration_min": 47.0,
    "actual_distance_km": 8.2,
    "actual_rpe": 7.5,
    "heavy_legs": True,
}


def test_json_has_exactly_the_workout_field_names_and_plain_values() -> None:
    done = TEMPO.replace(race=True, plan_day=date(2026, 11, 14))
    [obj] = json.loads(workouts_to_json([done]))
    assert list(obj) == list(FIELDS)
    assert obj == {**TEMPO_BEFORE_RACES, "race": True, "plan_day": "2026-11-14"}
    # The runner's own workout: from no plan.
    [own] = json.loads(workouts_to_json([run()]))
    assert (own["race"], own["plan_day"]) == (False, None)


def test_empty_export_is_an_empty_list() -> None:
    assert json.loads(workouts_to_json([])) == []
    assert workouts_from_json("[]", source="x.json") == []


def test_csv_header_is_the_field_names_and_values_are_plain() -> None:
    text = workouts_to_csv([run(notes='says "hi", twice\nsecond line'), run(rpe=None)])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(FIELDS)
    assert len(rows) == 3
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["day"] == "2026-11-16"
    assert first["kind"] == "run"
    assert first["status"] == "planned"
    assert first["heavy_legs"] == "false"
    assert (first["race"], first["plan_day"]) == ("false", "")
    assert first["id"] == ""
    assert first["notes"] == 'says "hi", twice\nsecond line'
    assert dict(zip(rows[0], rows[2], strict=True))["rpe"] == ""


#: Titles a spreadsheet would run as formulas (OWASP "CSV injection"), and harmless ones.
FORMULA_TITLES = [
    '=HYPERLINK("http://evil.invalid","Tempo")',
    "+1 km strides",
    "-2 min walk",
    "@SUM(A1:A9)",
    "\tTab run",
    "\rCarriage run",
    "'=already quoted",
    "''+twice quoted",
]
SAFE_TITLES = ["Easy run", "'quoted, not a formula", "5 x 400 m", "", "a = b"]


def read_back(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_marks_a_race_and_its_plan_day() -> None:
    (row,) = read_back(workouts_to_csv([run(race=True, plan_day=date(2026, 11, 15))]))
    assert (row["race"], row["plan_day"]) == ("true", "2026-11-15")


def test_csv_neutralises_text_cells_that_a_spreadsheet_would_run() -> None:
    titles = FORMULA_TITLES + SAFE_TITLES
    text = workouts_to_csv([run(title=t, notes=t) for t in titles])
    rows = read_back(text)
    for title, row in zip(titles, rows, strict=True):
        expected = "'" + title if title in FORMULA_TITLES else title
        assert row["title"] == expected
        assert row["notes"] == expected


def test_csv_leaves_numbers_as_numbers_even_negative_ones() -> None:
    (row,) = read_back(workouts_to_csv([run(distance_km=-3.5, duration_min=-1.0, rpe=0.0)]))
    assert (row["distance_km"], row["duration_min"], row["rpe"]) == ("-3.5", "-1.0", "0.0")


def test_a_neutralised_cell_reads_back_as_the_original_text() -> None:
    titles = FORMULA_TITLES + SAFE_TITLES
    rows = read_back(workouts_to_csv([run(title=t, notes=t) for t in titles]))
    assert [restore_cell(row["title"]) for row in rows] == titles
    assert [restore_cell(row["notes"]) for row in rows] == titles


@given(st.text(max_size=12))
def test_neutralise_and_restore_round_trip_any_text(text: str) -> None:
    cell = neutralise_cell(text)
    assert restore_cell(cell) == text
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


# -- reading: good files ------------------------------------------------------------------------
def test_minimal_items_take_defaults() -> None:
    [workout] = load([item(kind="rest", title="Rest day")])
    assert workout == Workout(None, DAY, Kind.REST, "Rest day")


def test_ids_are_read_and_null_values_mean_missing() -> None:
    [workout] = load([item(id=12, notes=None, status=None, rpe=None, heavy_legs=None)])
    assert workout.id == 12
    assert workout.notes == ""
    assert workout.status is Status.PLANNED


def test_a_race_and_its_plan_day_are_read() -> None:
    [workout] = load([item(race=True, plan_day="2026-11-14")])
    assert (workout.race, workout.plan_day) == (True, date(2026, 11, 14))
    [workout] = load([item(race=None, plan_day=None)])
    assert (workout.race, workout.plan_day) == (False, None)


def test_a_file_from_before_races_reads_as_the_runners_own_workouts() -> None:
    assert load([TEMPO_BEFORE_RACES]) == [TEMPO]
    assert (TEMPO.race, TEMPO.plan_day) == (False, None)


def test_whole_numbers_are_accepted_as_floats() -> None:
    [workout] = load([item(distance_km=10, duration_min=60)])
    assert workout.distance_km == 10.0
    assert isinstance(workout.distance_km, float)


# -- reading: bad files -------------------------------------------------------------------------
def test_invalid_json_names_file_line_and_column() -> None:
    with pytest.raises(TransferError) as info:
        # A missing value: every Python names the same place (3.13 reports a trailing comma
        # where the comma is, older ones where the closing brace is).
        workouts_from_json('[\n  {"day": "2026-11-16",\n   "title": }\n]', source="plan.json")
    message = str(info.value)
    assert message.startswith("plan.json: not valid JSON")
    assert message.endswith("(line 3, column 13)")


def test_not_a_list() -> None:
    message = error_of({"workouts": []})
    assert message == "plan.json: expected a list of workouts ([...]), found an object"


def test_item_not_an_object() -> None:
    assert error_of([item(), 5]) == "plan.json, item 2: expected an object ({...}), found a number"


def test_number_field_with_a_string_names_item_and_field() -> None:
    message = error_of([item(), item(), item(distance_km="ten")])
    assert message == "plan.json, item 3: 'distance_km' must be a number"


def test_booleans_are_not_numbers() -> None:
    assert "'rpe' must be a number" in error_of([item(rpe=True)])


def test_unknown_kind() -> None:
    message = error_of([item(kind="swim")])
    assert message.startswith('plan.json, item 1: unknown kind "swim"')
    assert "run, strength, hiit, cross, rest" in message


def test_a_cross_training_workout_goes_out_and_comes_back_as_cross_training() -> None:
    ride = Workout(
        None, DAY, Kind.CROSS, "Easy bike", 1, 90.0, 40.0, 4.0, "spin", Status.DONE, 95.0, 42.5
    )
    (item,) = json.loads(workouts_to_json([ride]))
    assert item["kind"] == "cross"
    assert load([item]) == [ride]
    rows = list(csv.DictReader(io.StringIO(workouts_to_csv([ride]))))
    assert (rows[0]["kind"], rows[0]["distance_km"]) == ("cross", "40.0")
    # a plan that already holds it takes nothing new from the same file; an empty one takes it
    assert plan_import([ride.replace(id=5)], load([item])) == []
    assert [w.kind for w in plan_import([], load([item]))] == [Kind.CROSS]


def test_unknown_status() -> None:
    assert 'unknown status "finished"' in error_of([item(status="finished")])


@pytest.mark.parametrize("day", ["2026-13-01", "16/11/2026", "2026-11-16T10:00", 20261116, ""])
def test_bad_date(day: object) -> None:
    message = error_of([item(day=day)])
    assert message.startswith("plan.json, item 1: 'day' must be a date like")


@pytest.mark.parametrize("field", ["day", "kind", "title"])
def test_missing_required_field(field: str) -> None:
    data = item()
    del data[field]
    assert error_of([data]) == f"plan.json, item 1: {field!r} is missing"


def test_unknown_field_is_refused_so_nothing_is_silently_dropped() -> None:
    message = error_of([item(distance=10)])
    assert message.startswith("plan.json, item 1: unknown field 'distance'")


def test_values_failing_validation_carry_the_validation_message() -> None:
    message = error_of([item(distance_km=MAX_DISTANCE_KM + 1)])
    assert message.startswith("plan.json, item 1: 'distance_km' is not valid: ")
    assert "not plausible" in message
    assert "Effort (RPE) goes from 0 to 10." in error_of([item(rpe=11)])
    assert "'title' is not valid" in error_of([item(title="   ")])
    assert "'position' is not valid" in error_of([item(position=-1)])


def test_wrong_types_for_other_fields() -> None:
    assert error_of([item(title=3)]) == "plan.json, item 1: 'title' must be a string"
    assert error_of([item(notes=[])]) == "plan.json, item 1: 'notes' must be a string"
    assert "'heavy_legs' must be true or false" in error_of([item(heavy_legs="yes")])
    assert error_of([item(race=1)]) == "plan.json, item 1: 'race' must be true or false"
    assert error_of([item(plan_day="14/11/2026")]) == (
        'plan.json, item 1: \'plan_day\' must be a date like "2026-11-21", not "14/11/2026"'
    )
    assert "'race' is not valid: A rest day cannot be a race." in error_of(
        [item(kind="rest", race=True)]
    )
    assert "'position' must be a whole number" in error_of([item(position=1.5)])
    assert "'id' must be a whole number" in error_of([item(id="7")])


def test_nan_and_huge_numbers_are_refused() -> None:
    with pytest.raises(TransferError, match="NaN"):
        workouts_from_json(
            '[{"day": "2026-11-16", "kind": "run", "title": "x", "rpe": NaN}]', source="a.json"
        )
    assert "far too large" in error_of([item(distance_km=10**400)])


def test_error_names_the_source_given() -> None:
    assert error_of([1], source="/tmp/dir/old plan.json").startswith(
        "/tmp/dir/old plan.json, item 1"
    )


# -- round trip ---------------------------------------------------------------------------------
def _optional(low: float, high: float) -> st.SearchStrategy[float | None]:
    return st.none() | st.floats(low, high, allow_nan=False, allow_infinity=False)


@st.composite
def workouts(draw: st.DrawFn) -> Workout:
    kind = draw(st.sampled_from(Kind))
    positive = 1e-6 if kind is Kind.RUN else 0.0
    return Workout(
        id=draw(st.none() | st.integers(1, 2**53)),
        day=draw(st.dates(date(1900, 1, 1), date(2199, 12, 31))),
        kind=kind,
        title=draw(st.text(min_size=1, max_size=MAX_TITLE_LEN).filter(lambda t: bool(t.strip()))),
        position=draw(st.integers(0, 50)),
        duration_min=draw(_optional(positive, MAX_DURATION_MIN)),
        distance_km=draw(_optional(positive, MAX_DISTANCE_KM)),
        rpe=draw(_optional(0, 10)),
        notes=draw(st.text(max_size=300)),
        status=draw(st.sampled_from(Status)),
        actual_duration_min=draw(_optional(positive, MAX_DURATION_MIN)),
        actual_distance_km=draw(_optional(positive, MAX_DISTANCE_KM)),
        actual_rpe=draw(_optional(0, 10)),
        heavy_legs=draw(st.booleans()),
        race=kind is not Kind.REST and draw(st.booleans()),
        plan_day=draw(st.none() | st.dates(date(1900, 1, 1), date(2199, 12, 31))),
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(workouts(), max_size=8))
def test_json_round_trip_keeps_every_value(original: list[Workout]) -> None:
    back = workouts_from_json(workouts_to_json(original), source="round.json")
    assert [w.replace(id=None) for w in back] == [w.replace(id=None) for w in original]
    assert [w.id for w in back] == [w.id for w in original]


# -- what an import adds (core.edits.plan_import) -----------------------------------------------
def plan_import(existing: list[Workout], incoming: list[Workout]) -> list[Workout]:
    """The workouts importing ``incoming`` into a plan holding ``existing`` would insert."""
    edit = edits.plan_import(lambda day: [w for w in existing if w.day == day], incoming)
    return list(edit.upserts)


def stored(workout: Workout, workout_id: int) -> Workout:
    return workout.replace(id=workout_id)


def test_import_into_an_empty_plan_adds_everything_in_day_order() -> None:
    incoming = [run(day=date(2026, 11, 17)), run(title="A"), run(title="B", position=1)]
    added = plan_import([], incoming)
    assert [(w.day, w.title, w.position) for w in added] == [
        (DAY, "A", 0),
        (DAY, "B", 1),
        (date(2026, 11, 17), "Easy run", 0),
    ]
    assert all(w.id is None for w in added)


def test_reimport_adds_nothing_even_with_other_ids_and_positions() -> None:
    existing = [stored(run(title="A"), 1), stored(run(title="B", position=1), 2)]
    incoming = [run(title="B", position=0).replace(id=99), run(title="A", position=5)]
    assert plan_import(existing, incoming) == []


def test_duplicates_are_matched_as_a_multiset() -> None:
    existing = [stored(run(), 1)]
    incoming = [run(), run(), run()]
    added = plan_import(existing, incoming)
    assert len(added) == 2
    assert [w.position for w in added] == [1, 2]


def test_new_blocks_go_after_the_days_existing_ones() -> None:
    existing = [stored(run(title="A", position=0), 1), stored(run(title="B", position=3), 2)]
    added = plan_import(existing, [run(title="C", position=0), run(title="A")])
    assert [(w.title, w.position) for w in added] == [("C", 4)]


def test_a_changed_value_is_new_data() -> None:
    existing = [stored(run(), 1)]
    added = plan_import(existing, [run(status=Status.DONE, actual_distance_km=6.0)])
    assert len(added) == 1
    # The same run marked as a race, or put there by a generated plan, is other data too.
    assert len(plan_import(existing, [run(race=True)])) == 1
    assert len(plan_import(existing, [run(plan_day=DAY)])) == 1
    assert plan_import(existing, [run()]) == []


@settings(max_examples=100, deadline=None)
@given(st.lists(workouts(), max_size=10), st.lists(workouts(), max_size=10))
def test_importing_twice_equals_importing_once(first: list[Workout], second: list[Workout]) -> None:
    plan: list[Workout] = []
    for batch in (first, second, first, second):
        added = plan_import(plan, batch)
        plan += [w.replace(id=len(plan) + i + 1) for i, w in enumerate(added)]
    keys = sorted(repr(w.content_key()) for w in plan)
    union: list[Workout] = list(first)
    union += plan_import([w.replace(id=i + 1) for i, w in enumerate(first)], second)
    assert keys == sorted(repr(w.content_key()) for w in union)
    per_day: dict[date, list[int]] = {}
    for workout in plan:
        per_day.setdefault(workout.day, []).append(workout.position)
    assert all(sorted(p) == list(range(len(p))) for p in per_day.values())
