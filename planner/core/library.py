"""The built-in workout library, from the training guidance Legwork is built on."""

from __future__ import annotations

from planner.core.model import Kind, Template

#: The built-in templates, in the order the library shows them. Names are unique and stable:
#: other code (and people's muscle memory) finds entries by name, e.g. ``Easy run``.
BUILTIN_TEMPLATES: tuple[Template, ...] = (
    Template(
        None,
        "Easy run",
        Kind.RUN,
        35,
        6.0,
        3,
        "Conversational pace: you could chat the whole way.",
        builtin=True,
    ),
    Template(
        None,
        "Long run",
        Kind.RUN,
        90,
        15.0,
        3,  # the easy run's effort (CR-10 3, moderate): 5 would read "hard"
        "The week's longest run, slow and steady at a relaxed effort; about a quarter to a "
        "third of the week's distance.",
        builtin=True,
    ),
    Template(
        None,
        "Tempo run",
        Kind.RUN,
        45,
        8.0,
        7,
        "Warm up, 20 min comfortably hard, cool down.",
        builtin=True,
    ),
    Template(
        None,
        "HIIT intervals",
        Kind.HIIT,
        30,
        None,
        8,
        "Warm up, then 6 x 2 min hard with 2 min easy; not on consecutive days.",
        builtin=True,
    ),
    Template(
        None,
        "Beginner sprints",
        Kind.HIIT,
        20,
        None,
        8,
        "6 x 15 s on / 45 s off, after a 10 min warm-up.",
        builtin=True,
    ),
    Template(
        None,
        "Squat jumps",
        Kind.STRENGTH,
        10,
        None,
        6,
        "2 x 10 squat jumps; land softly, rest 1 min between sets.",
        builtin=True,
    ),
    Template(
        None,
        "Bodyweight circuit",
        Kind.STRENGTH,
        30,
        None,
        6,
        "Squats, lunges, push-ups, planks, glute bridges: 3 rounds.",
        builtin=True,
    ),
    Template(
        None,
        "Weight training",
        Kind.STRENGTH,
        45,
        None,
        6,
        "Squat, deadlift, step-ups, calf raises: 3 x 8; 48 h before the next session.",
        builtin=True,
    ),
    Template(
        None,
        "Easy bike",
        Kind.CROSS,
        45,
        None,
        3,
        "Easy spin outdoors or on a trainer: aerobic work without the pounding. Its "
        "kilometres are not mileage.",
        builtin=True,
    ),
    Template(
        None,
        "Swim",
        Kind.CROSS,
        30,
        None,
        4,
        "Steady laps, any stroke: an aerobic session that rests the running legs.",
        builtin=True,
    ),
    Template(
        None,
        "Elliptical",
        Kind.CROSS,
        30,
        None,
        4,
        "Steady and upright, a stride without the impact: for the days an ache keeps you "
        "off the road.",
        builtin=True,
    ),
    Template(
        None,
        "Rest day",
        Kind.REST,
        None,
        None,
        0,
        "No training: sleep, eat well, maybe a walk.",
        builtin=True,
    ),
)


def builtin_template(name: str) -> Template:
    """The built-in template called ``name``.

    Raises:
        KeyError: when there is none.
    """
    for template in BUILTIN_TEMPLATES:
        if template.name == name:
            return template
    raise KeyError(name)
