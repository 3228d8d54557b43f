"""The ``PlanRepository`` contract, run against every implementation of the port.

Each test states what :mod:`planner.core.ports` documents and runs it on:

- ``sql``: :class:`~planner.storage.repository.SqlPlanRepository` on a new plan file;
- ``startup``: a fresh :class:`~planner.storage.startup.StartupRepository` on a new plan file;
  it reads through the start-up reader until its first write loads the real store;
- ``memory``: the test double :class:`tests.fakes.MemoryRepository`.

The reading tests also run on ``startup-reading``: a plan written elsewhere and read through
the start-up reader only (they check it never loads). Every implementation starts with the
built-in library and nothing else. Refused writes are checked against a snapshot of
everything the port can read, taken before and after.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from planner.core.library import BUILTIN_TEMPLATES
from planner.core.model import Kind, Template, WeightEntry, Workout
from planner.core.ports import Batch, PlanRepository, StaleDataError, StorageError
from planner.storage.db import open_database
from planner.storage.startup import StartupDatabase
from tests.fakes import MemoryRepository, write_workouts
from tests.helpers.repositories import WRITABLE, opened_for_startup
from tests.storage.conftest import sample_workout

BUILTIN_NAMES = [template.name for template in BUILTIN_TEMPLATES]


# ------------------------------------------------------------------------------ fixtures
# ``implementation`` and ``repository`` (each writable implementation, new) are in conftest.
@pytest.fixture(params=[*WRITABLE, "startup-reading"])
def holding(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[[Batch], PlanRepository]]:
    """Makes a repository holding the built-in library plus what one batch writes.

    ``startup-reading``: the batch is written by ``open_database`` and the file opened for
    start-up; the repository must answer every read without loading.
    """
    kind: str = request.param
    path = tmp_path / "plan.sqlite3"
    readers: list[StartupDatabase] = []
    with ExitStack() as stack:

        def make(batch: Batch) -> PlanRepository:
            if kind == "memory":
                memory = MemoryRepository()
                memory.write(batch)
                return memory
            if kind == "sql":
                database = stack.enter_context(open_database(path))
                database.repository.write(batch)
                return database.repository
            if kind == "startup-reading":
                with open_database(path) as writer:
                    writer.repository.write(batch)
            else:
                open_database(path).close()
            startup = stack.enter_context(opened_for_startup(path))
            if kind == "startup":
                startup.repository.write(batch)
                assert startup.loaded
            else:
                readers.append(startup)
            return startup.repository

        yield make
        assert not any(reader.loaded for reader in readers), "a read loaded the store"


@dataclass(frozen=True)
class State:
    """Everything the port reads back, for comparing before and after a write."""

    workouts: list[Workout]
    templates: list[Template]
    weights: list[WeightEntry]
    settings: dict[str, str]
    first_day: date | None
    count: int


def state(repository: PlanRepository) -> State:
    """Read everything back through the port."""
    workouts = repository.workouts_between(date.min, date.max)
    for workout in workouts:
        assert workout.id is not None
        assert repository.get_workout(workout.id) == workout
    return State(
        workouts=workouts,
        templates=repository.templates(),
        weights=repository.weights_between(date.min, date.max),
        settings=repository.settings(),
        first_day=repository.first_workout_day(),
        count=repository.count_workouts(),
    )


def entry(repository: PlanRepository, name: str) -> Template:
    """The library entry called ``name``."""
    (found,) = (t for t in repository.templates() if t.name == name)
    return found


def own_template(name: str, **changes: object) -> Template:
    """A new library entry of the user's own."""
    template = Template(None, name, Kind.RUN, 40.0, 7.5, 6.0, f"{name}: as it says")
    return template.replace(**changes) if changes else template


def ids(workouts: list[Workout]) -> list[int | None]:
    return [w.id for w in workouts]


# ------------------------------------------------------------------------------ reading
def test_a_new_plan_holds_the_builtin_library_and_nothing_else(
    holding: Callable[[Batch], PlanRepository],
) -> None:
    repository = holding(Batch())

    assert repository.workouts_between(date.min, date.max) == []
    assert repository.first_workout_day() is None
    assert repository.count_workouts() == 0
    assert repository.weights_between(date.min, date.max) == []
    assert repository.settings() == {}
    library = repository.templates()
    assert [t.name for t in library] == BUILTIN_NAMES
    for stored, builtin in zip(library, BUILTIN_TEMPLATES, strict=True):
        assert stored.id is not None
        assert stored.builtin is True
        assert stored == builtin.replace(id=stored.id)
    assert len({t.id for t in library}) == len(BUILTIN_TEMPLATES)


SCRAMBLED = [
    sample_workout(id=8, day=date(2026, 3, 9), title="The Monday after"),
    sample_workout(id=2, day=date(2026, 3, 3), position=1, title="Tuesday, second"),
    sample_workout(id=7, day=date(2026, 3, 2), position=0, title="Monday, first, id 7"),
    sample_workout(id=9, day=date(2026, 3, 2), position=1, title="Monday, second"),
    sample_workout(id=5, day=date(2026, 3, 3), position=0, title="Tuesday, first"),
    sample_workout(id=1, day=date(2026, 3, 1), title="The Sunday before"),
    sample_workout(id=4, day=date(2026, 3, 2), position=0, title="Monday, first, id 4"),
    sample_workout(id=6, day=date(2026, 3, 8), position=3, title="Sunday"),
    sample_workout(id=3, day=date(2026, 3, 2), position=2, title="Monday, third"),
]


def test_workouts_between_is_inclusive_by_day_position_then_id(
    holding: Callable[[Batch], PlanRepository],
) -> None:
    repository = holding(Batch(workouts=SCRAMBLED))

    assert ids(repository.workouts_between(date(2026, 3, 2), date(2026, 3, 8))) == [
        4,
        7,
        9,
        3,
        5,
        2,
        6,
    ]
    assert ids(repository.workouts_between(date.min, date.max)) == [1, 4, 7, 9, 3, 5, 2, 6, 8]
    assert ids(repository.workouts_between(date(2026, 3, 3), date(2026, 3, 3))) == [5, 2]
    assert repository.workouts_between(date(2026, 3, 4), date(2026, 3, 7)) == []
    assert repository.workouts_between(date(2026, 3, 8), date(2026, 3, 2)) == []
    by_id = {w.id: w for w in SCRAMBLED}
    assert repository.workouts_between(date(2026, 3, 9), date(2026, 3, 9)) == [by_id[8]]
    assert repository.get_workout(7) == by_id[7]
    assert repository.get_workout(10) is None
    assert repository.get_workout(0) is None


def test_first_workout_day_and_count(holding: Callable[[Batch], PlanRepository]) -> None:
    repository = holding(Batch(workouts=SCRAMBLED))

    assert repository.first_workout_day() == date(2026, 3, 1)
    assert repository.count_workouts() == 9


def test_weights_between_is_inclusive_by_day(holding: Callable[[Batch], PlanRepository]) -> None:
    repository = holding(
        Batch(
            weights=[
                WeightEntry(date(2026, 3, 8), 70.4),
                WeightEntry(date(2026, 3, 2), 71.0),
                WeightEntry(date(2026, 3, 1), 71.2),
                WeightEntry(date(2026, 3, 5), 70.8),
                WeightEntry(date(2026, 3, 9), 70.1),
            ]
        )
    )

    assert repository.weights_between(date(2026, 3, 2), date(2026, 3, 8)) == [
        WeightEntry(date(2026, 3, 2), 71.0),
        WeightEntry(date(2026, 3, 5), 70.8),
        WeightEntry(date(2026, 3, 8), 70.4),
    ]
    assert repository.weights_between(date(2026, 3, 3), date(2026, 3, 4)) == []
    assert repository.weights_between(date(2026, 3, 9), date(2026, 3, 1)) == []
    assert len(repository.weights_between(date.min, date.max)) == 5


def test_settings_returns_everything_stored(holding: Callable[[Batch], PlanRepository]) -> None:
    repository = holding(
        Batch(settings={"units": "mi", "first_day": "6", "empty": "", "city": "Zürich ✓"})
    )

    assert repository.settings() == {
        "units": "mi",
        "first_day": "6",
        "empty": "",
        "city": "Zürich ✓",
    }


def test_library_is_builtins_in_library_order_then_own_by_name_ignoring_case(
    holding: Callable[[Batch], PlanRepository],
) -> None:
    mine = [own_template(n) for n in ("zone 2 run", "Bike", "aqua jog", "Anaerobic hills")]
    repository = holding(Batch(templates=mine))

    library = repository.templates()
    assert [t.name for t in library] == [
        *BUILTIN_NAMES,
        "Anaerobic hills",
        "aqua jog",
        "Bike",
        "zone 2 run",
    ]
    assert [t.replace(id=None) for t in library[len(BUILTIN_NAMES) :]] == [
        mine[3],
        mine[2],
        mine[1],
        mine[0],
    ]


# ------------------------------------------------------------------------------ workouts
def test_workouts_without_an_id_get_fresh_ids_in_batch_order(repository: PlanRepository) -> None:
    (kept,) = repository.write(Batch(workouts=[sample_workout(title="Kept")])).workouts
    assert kept.id is not None
    new = [
        sample_workout(day=date(2026, 3, 4), title="First"),
        sample_workout(day=date(2026, 3, 3), title="Second"),
        sample_workout(day=date(2026, 3, 4), title="Third", position=1),
    ]

    stored = repository.write(Batch(workouts=new)).workouts

    assert [w.replace(id=None) for w in stored] == new
    fresh = [w.id for w in stored]
    assert None not in fresh
    assert len({*fresh, kept.id}) == 4
    for workout in stored:
        assert repository.get_workout(workout.id or 0) == workout
    assert repository.get_workout(kept.id) == kept
    assert repository.count_workouts() == 4


def test_a_deleted_workouts_id_is_never_given_again(repository: PlanRepository) -> None:
    a, b = write_workouts(
        repository, [sample_workout(title="A"), sample_workout(title="B", position=1)]
    )
    assert a.id is not None and b.id is not None
    write_workouts(repository, [], [a.id, b.id])  # b had the highest id
    write_workouts(repository, [sample_workout(id=500, title="Restored")])
    write_workouts(repository, [], [500])

    (c,) = write_workouts(repository, [sample_workout(title="C")])
    (d,) = write_workouts(repository, [sample_workout(title="D")])

    assert c.id not in (None, a.id, b.id, 500)
    assert d.id not in (None, a.id, b.id, 500, c.id)


def test_a_deleted_templates_id_is_never_given_again(repository: PlanRepository) -> None:
    (first,) = repository.write(Batch(templates=[own_template("Fartlek")])).templates
    assert first.id is not None
    repository.write(Batch(delete_templates=[first.id]))

    (second,) = repository.write(Batch(templates=[own_template("Hill repeats")])).templates

    assert second.id not in (None, first.id)


def test_an_update_by_id_changes_that_workout_only(repository: PlanRepository) -> None:
    a, b = write_workouts(
        repository, [sample_workout(title="A"), sample_workout(title="B", position=1)]
    )
    assert a.id is not None
    edited = a.replace(title="A, longer", day=date(2026, 3, 5), duration_min=70.0, heavy_legs=False)

    assert repository.write(Batch(workouts=[edited])).workouts == [edited]

    assert repository.get_workout(a.id) == edited
    assert repository.workouts_between(date.min, date.max) == [b, edited]
    assert repository.count_workouts() == 2


def test_an_upsert_of_an_unknown_id_inserts_exactly_that_id(repository: PlanRepository) -> None:
    (workout,) = write_workouts(repository, [sample_workout(title="Deleted, then undone")])
    assert workout.id is not None
    write_workouts(repository, [], [workout.id])
    assert repository.get_workout(workout.id) is None

    restored = repository.write(
        Batch(workouts=[workout], expect_workouts={workout.id: None})  # how undo does it
    ).workouts
    (never_seen,) = write_workouts(
        repository, [sample_workout(id=777, title="Never stored before")]
    )

    assert restored == [workout]
    assert repository.get_workout(workout.id) == workout
    assert never_seen.id == 777
    assert repository.get_workout(777) == sample_workout(id=777, title="Never stored before")
    assert repository.count_workouts() == 2


def test_deletes_run_after_the_upserts_of_the_same_batch(repository: PlanRepository) -> None:
    (kept, doomed) = write_workouts(
        repository, [sample_workout(title="Kept"), sample_workout(title="Doomed", position=1)]
    )
    assert doomed.id is not None

    repository.write(
        Batch(
            workouts=[doomed.replace(title="Edited, then deleted"), sample_workout(id=900)],
            delete_workouts=[doomed.id, 900],
            weights=[WeightEntry(date(2026, 3, 2), 70.0)],
            delete_weights=[date(2026, 3, 2)],
        )
    )

    assert repository.workouts_between(date.min, date.max) == [kept]
    assert repository.get_workout(900) is None
    assert repository.weights_between(date.min, date.max) == []


def test_unknown_ids_and_days_to_delete_are_ignored(repository: PlanRepository) -> None:
    (workout,) = write_workouts(repository, [sample_workout()])
    repository.write(Batch(weights=[WeightEntry(date(2026, 3, 2), 70.0)]))
    before = state(repository)

    repository.write(
        Batch(
            delete_workouts=[10**6, -1],
            delete_weights=[date(2026, 3, 3), date(1999, 1, 1)],
            delete_templates=[10**6],
        )
    )
    assert write_workouts(repository, [], [10**6 + 1]) == []

    assert state(repository) == before
    assert repository.get_workout(workout.id or 0) == workout


def test_write_inserts_updates_restores_and_deletes_in_one_call(
    repository: PlanRepository,
) -> None:
    a, b, c = write_workouts(
        repository,
        [
            sample_workout(title="A"),
            sample_workout(title="B", position=1),
            sample_workout(title="C", position=2),
        ],
    )
    assert a.id is not None and b.id is not None and c.id is not None
    assert write_workouts(repository, [], [b.id]) == []

    stored = write_workouts(
        repository,
        [a.replace(title="A edited"), sample_workout(title="D", position=3), b],
        [c.id],
    )

    assert stored[0] == a.replace(title="A edited")
    assert stored[1] == sample_workout(title="D", position=3).replace(id=stored[1].id)
    assert stored[1].id not in (None, a.id, b.id, c.id)
    assert stored[2] == b
    assert repository.workouts_between(date.min, date.max) == [stored[0], b, stored[1]]
    assert repository.get_workout(c.id) is None
    assert write_workouts(repository, []) == []
    assert repository.count_workouts() == 3


# ------------------------------------------------------------------------------ weigh-ins
def test_weigh_ins_are_one_per_day_and_can_be_deleted(repository: PlanRepository) -> None:
    repository.write(Batch(weights=[WeightEntry(date(2026, 3, 2), 70.25)]))
    repository.write(Batch(weights=[WeightEntry(date(2026, 3, 4), 70.0)]))
    repository.write(Batch(weights=[WeightEntry(date(2026, 3, 2), 69.75)]))  # replaces it
    assert repository.weights_between(date(2026, 3, 1), date(2026, 3, 8)) == [
        WeightEntry(date(2026, 3, 2), 69.75),
        WeightEntry(date(2026, 3, 4), 70.0),
    ]

    repository.write(Batch(delete_weights=[date(2026, 3, 2)]))

    assert repository.weights_between(date.min, date.max) == [WeightEntry(date(2026, 3, 4), 70.0)]


# ------------------------------------------------------------------------------ settings
def test_settings_are_written_and_read_back(repository: PlanRepository) -> None:
    repository.write(Batch(settings={"units": "mi", "first_day": "6"}))
    repository.write(Batch(settings={"first_day": "0", "goal": ""}))

    assert repository.settings() == {"units": "mi", "first_day": "0", "goal": ""}


# ------------------------------------------------------------------------------ templates
def test_templates_are_inserted_updated_and_deleted(repository: PlanRepository) -> None:
    (hills,) = repository.write(Batch(templates=[own_template("Hill repeats")])).templates
    (fartlek,) = repository.write(Batch(templates=[own_template("Fartlek")])).templates
    assert hills.id is not None and fartlek.id is not None
    assert hills == own_template("Hill repeats").replace(id=hills.id)
    assert hills.id not in {t.id for t in repository.templates() if t.builtin}
    easy = entry(repository, "Easy run")

    renamed = hills.replace(name="Hill sprints", rpe=9.0, description="8 x 10 s")
    shorter = easy.replace(duration_min=30.0, description="Shorter")
    stored = repository.write(Batch(templates=[renamed, shorter])).templates
    repository.write(Batch(delete_templates=[fartlek.id]))

    assert stored == [renamed, shorter]
    library = repository.templates()
    assert [t.name for t in library] == [*BUILTIN_NAMES, "Hill sprints"]
    assert library[0] == shorter
    assert library[-1] == renamed


def test_an_upsert_of_an_unknown_template_id_inserts_exactly_that_id(
    repository: PlanRepository,
) -> None:
    (fartlek,) = repository.write(Batch(templates=[own_template("Fartlek")])).templates
    assert fartlek.id is not None
    repository.write(Batch(delete_templates=[fartlek.id]))

    repository.write(Batch(templates=[fartlek], expect_templates={fartlek.id: None}))
    (unknown,) = repository.write(Batch(templates=[own_template("Tempo hills", id=4242)])).templates

    assert unknown == own_template("Tempo hills", id=4242)
    assert repository.templates()[len(BUILTIN_NAMES) :] == [fartlek, unknown]


def test_a_renamed_builtin_stays_with_the_builtins_after_the_others(
    repository: PlanRepository,
) -> None:
    repository.write(Batch(templates=[own_template("Anaerobic hills")]))
    tempo = entry(repository, "Tempo run")

    repository.write(Batch(templates=[tempo.replace(name="Threshold run")]))

    # Built-ins whose name is not the library's follow the others (rows.sorted_templates).
    assert [t.name for t in repository.templates()] == [
        "Easy run",
        "Long run",
        "HIIT intervals",
        "Beginner sprints",
        "Squat jumps",
        "Bodyweight circuit",
        "Weight training",
        "Easy bike",
        "Swim",
        "Elliptical",
        "Rest day",
        "Threshold run",
        "Anaerobic hills",
    ]


def test_deleting_a_builtin_is_refused_and_writes_nothing(repository: PlanRepository) -> None:
    easy = entry(repository, "Easy run")
    before = state(repository)  # for "startup": read before loading

    with pytest.raises(StorageError) as refused:
        repository.write(
            Batch(
                workouts=[sample_workout()],
                weights=[WeightEntry(date(2026, 3, 2), 70.0)],
                templates=[own_template("Fartlek")],
                delete_templates=[easy.id or 0],
                settings={"units": "mi"},
            )
        )

    assert not isinstance(refused.value, StaleDataError)
    assert state(repository) == before


NAME_CLASHES = [
    ("easy run", "new"),
    ("EASY RUN", "new"),
    ("Easy   run", "new"),
    (" Easy run ", "new"),
    ("hill  REPEATS", "new"),
    ("Easy Run", "rename"),
    ("hill repeats ", "rename"),
    ("easy run", "restore"),
]


@pytest.mark.parametrize(
    ("name", "how"), NAME_CLASHES, ids=[f"{how}-{name!r}" for name, how in NAME_CLASHES]
)
def test_a_library_name_taken_ignoring_case_and_spacing_is_refused(
    repository: PlanRepository, name: str, how: str
) -> None:
    repository.write(Batch(templates=[own_template("Hill repeats")]))
    (fartlek,) = repository.write(Batch(templates=[own_template("Fartlek")])).templates
    before = state(repository)
    clash = {
        "new": own_template(name),
        "rename": fartlek.replace(name=name),
        "restore": own_template(name, id=4242),
    }[how]

    with pytest.raises(StorageError):
        repository.write(
            Batch(
                workouts=[sample_workout()],
                weights=[WeightEntry(date(2026, 3, 2), 70.0)],
                templates=[own_template("Tempo hills"), clash],
                settings={"units": "mi"},
            )
        )

    assert state(repository) == before


def test_an_entry_may_take_its_own_name_in_another_case(repository: PlanRepository) -> None:
    (hills,) = repository.write(Batch(templates=[own_template("Hill repeats")])).templates

    repository.write(Batch(templates=[hills.replace(name="HILL  Repeats")]))

    assert repository.templates()[len(BUILTIN_NAMES) :] == [hills.replace(name="HILL  Repeats")]


# ------------------------------------------------------------------------------ expectations
@dataclass(frozen=True)
class Plan:
    """What :func:`stock` wrote: two workouts, a weigh-in, an own template, a setting."""

    workout: Workout
    other: Workout
    weight: WeightEntry
    template: Template


def stock(repository: PlanRepository) -> Plan:
    workout, other = write_workouts(
        repository, [sample_workout(title="Tempo"), sample_workout(title="Other", position=1)]
    )
    weight = WeightEntry(date(2026, 3, 2), 70.5)
    (template,) = repository.write(
        Batch(weights=[weight], templates=[own_template("Fartlek")], settings={"units": "km"})
    ).templates
    return Plan(workout, other, weight, template)


def test_matching_expectations_let_a_mixed_batch_through(repository: PlanRepository) -> None:
    plan = stock(repository)
    assert plan.workout.id is not None and plan.other.id is not None
    assert plan.template.id is not None
    edited = plan.workout.replace(title="Tempo, edited")
    new_weight = WeightEntry(date(2026, 3, 3), 70.25)
    renamed = plan.template.replace(name="Fartlek, hilly")
    builtins = repository.templates()[: len(BUILTIN_NAMES)]

    stored = repository.write(
        Batch(
            workouts=[sample_workout(day=date(2026, 3, 4), title="New"), edited],
            delete_workouts=[plan.other.id],
            weights=[new_weight],
            delete_weights=[plan.weight.day],
            templates=[renamed, own_template("Hill repeats")],
            settings={"units": "mi", "first_day": "6"},
            expect_workouts={plan.workout.id: plan.workout, plan.other.id: plan.other, 999: None},
            expect_weights={plan.weight.day: plan.weight, new_weight.day: None},
            expect_templates={plan.template.id: plan.template, 4242: None},
            expect_settings={"units": "km", "first_day": None},
        )
    )

    new, _ = stored.workouts
    assert stored.workouts == [
        sample_workout(day=date(2026, 3, 4), title="New").replace(id=new.id),
        edited,
    ]
    _, hills = stored.templates
    assert stored.templates == [renamed, own_template("Hill repeats").replace(id=hills.id)]
    assert state(repository) == State(
        workouts=[edited, new],
        templates=[*builtins, renamed, hills],
        weights=[new_weight],
        settings={"units": "mi", "first_day": "6"},
        first_day=date(2026, 3, 2),
        count=2,
    )


def elsewhere(repository: PlanRepository, plan: Plan, target: str, how: str) -> Batch:
    """Change the plan "in another window"; the expectation the first window still holds."""
    workout, weight, template = plan.workout, plan.weight, plan.template
    assert workout.id is not None and template.id is not None
    if how == "changed":
        repository.write(
            Batch(
                workouts=[workout.replace(title="Changed elsewhere")],
                weights=[WeightEntry(weight.day, 69.0)],
                templates=[template.replace(rpe=9.0)],
                settings={"units": "mi"},
            )
        )
    elif how == "deleted":
        repository.write(
            Batch(
                delete_workouts=[workout.id],
                delete_weights=[weight.day],
                delete_templates=[template.id],
            )
        )
    if how == "present":  # undo restoring what still exists
        expected: dict[str, Batch] = {
            "workouts": Batch(expect_workouts={workout.id: None}),
            "weights": Batch(expect_weights={weight.day: None}),
            "templates": Batch(expect_templates={template.id: None}),
            "settings": Batch(expect_settings={"units": None}),
        }
    else:
        expected = {
            "workouts": Batch(expect_workouts={workout.id: workout}),
            "weights": Batch(expect_weights={weight.day: weight}),
            "templates": Batch(expect_templates={template.id: template}),
            "settings": Batch(expect_settings={"units": "km"}),
        }
    return expected[target]


@pytest.mark.parametrize(
    ("target", "how"),
    [
        *(
            (target, how)
            for target in ("workouts", "weights", "templates")
            for how in ("changed", "deleted", "present")
        ),
        ("settings", "changed"),  # a setting is never deleted, only changed
        ("settings", "present"),
    ],
)
def test_a_stale_expectation_refuses_the_whole_batch(
    repository: PlanRepository, target: str, how: str
) -> None:
    plan = stock(repository)
    stale = elsewhere(repository, plan, target, how)
    before = state(repository)

    with pytest.raises(StaleDataError):
        repository.write(
            Batch(
                workouts=[sample_workout(title="New"), plan.workout.replace(title="Mine")],
                delete_workouts=[plan.other.id or 0],
                weights=[WeightEntry(date(2026, 3, 4), 71.0), WeightEntry(plan.weight.day, 70.0)],
                delete_weights=[date(2026, 3, 5)],
                templates=[own_template("Hill repeats"), plan.template.replace(name="Mine")],
                settings={"units": "mi", "first_day": "6"},
                expect_workouts={
                    plan.other.id or 0: plan.other,
                    999: None,
                    **stale.expect_workouts,
                },
                expect_weights={date(2026, 3, 4): None, **stale.expect_weights},
                expect_templates={4242: None, **stale.expect_templates},
                expect_settings={"first_day": None, **stale.expect_settings},
            )
        )

    assert state(repository) == before


def test_a_setting_changed_since_it_was_read_is_not_overwritten(
    repository: PlanRepository,
) -> None:
    """A sets Sunday, B (another window) Saturday, A undoes: refused, Saturday stays."""
    repository.write(
        Batch(settings={"first-weekday": "sunday"}, expect_settings={"first-weekday": None})
    )
    repository.write(
        Batch(settings={"first-weekday": "saturday"}, expect_settings={"first-weekday": "sunday"})
    )
    before = state(repository)

    with pytest.raises(StaleDataError):
        repository.write(
            Batch(settings={"first-weekday": "monday"}, expect_settings={"first-weekday": "sunday"})
        )

    assert state(repository) == before
    assert repository.settings() == {"first-weekday": "saturday"}


FAILING_PARTS: dict[str, Callable[[PlanRepository, Plan], Batch]] = {
    "impossible workout": lambda _, __: Batch(
        workouts=[sample_workout(title="Negative position", position=-1)]
    ),
    "impossible weigh-in": lambda _, __: Batch(weights=[WeightEntry(date(2026, 3, 6), 0.0)]),
    "taken library name": lambda _, __: Batch(templates=[own_template("EASY RUN")]),
    "builtin deletion": lambda repository, _: Batch(
        delete_templates=[entry(repository, "Easy run").id or 0]
    ),
    "stale expectation": lambda _, plan: Batch(expect_workouts={plan.workout.id or 0: None}),
    "stale setting": lambda _, __: Batch(expect_settings={"units": "mi"}),
}


@pytest.mark.parametrize("failing", list(FAILING_PARTS))
def test_a_mixed_batch_is_all_or_nothing(repository: PlanRepository, failing: str) -> None:
    plan = stock(repository)
    assert plan.other.id is not None
    part = FAILING_PARTS[failing](repository, plan)
    before = state(repository)

    with pytest.raises(StorageError) as refused:
        repository.write(
            Batch(
                workouts=[
                    sample_workout(title="New"),
                    plan.workout.replace(title="Edited"),
                    sample_workout(id=800, title="Restored"),
                    *part.workouts,
                ],
                delete_workouts=[plan.other.id],
                weights=[WeightEntry(date(2026, 3, 4), 71.0), *part.weights],
                delete_weights=[plan.weight.day],
                templates=[
                    own_template("Hill repeats"),
                    plan.template.replace(rpe=8.0),
                    *part.templates,
                ],
                delete_templates=list(part.delete_templates),
                settings={"units": "mi", "first_day": "6"},
                expect_workouts=part.expect_workouts,
                expect_settings=part.expect_settings,
            )
        )

    assert isinstance(refused.value, StaleDataError) == failing.startswith("stale")
    assert state(repository) == before
