"""The plan's domain tables, each defined once: what the screen and the paper both say.

Kind order and colours, the defaults of a new library entry of each kind, the words for an
effort on the CR-10 scale and for a workout's status, and the rule that makes two template
names the same. The week view, the library, the dialogs and the printed sheet all read these;
none keeps a copy of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

from planner.core.model import MAX_RPE, MIN_RPE, Kind, Status, Template, ValidationError

#: The order kinds are listed in: library groups, kind menus, legends on screen and paper.
KIND_ORDER: Final[tuple[Kind, ...]] = (Kind.RUN, Kind.HIIT, Kind.STRENGTH, Kind.CROSS, Kind.REST)

#: The kind colours (``#rrggbb``) for light backgrounds and for paper: calm blue runs, warm
#: red-orange HIIT, purple strength, ochre cross-training, soft grey-green rest. Every kind
#: also has a letter (:attr:`Kind.letter`): colour is never the only cue.
KIND_COLORS: Final[Mapping[Kind, str]] = MappingProxyType(
    {
        Kind.RUN: "#3a78c9",
        Kind.HIIT: "#e0603a",
        Kind.STRENGTH: "#8156c2",
        Kind.CROSS: "#b8860b",
        Kind.REST: "#8aa597",
    }
)

#: The same hues for dark palettes: a little lighter and softer, so they do not glare.
KIND_COLORS_DARK: Final[Mapping[Kind, str]] = MappingProxyType(
    {
        Kind.RUN: "#6fa3e6",
        Kind.HIIT: "#f08a68",
        Kind.STRENGTH: "#a98ae0",
        Kind.CROSS: "#d9ad4a",
        Kind.REST: "#9cb7a8",
    }
)

#: What a new library entry of each kind starts with (duration min, distance km, RPE).
_TEMPLATE_DEFAULTS: Final[Mapping[Kind, tuple[float | None, float | None, float | None]]] = (
    MappingProxyType(
        {
            Kind.RUN: (30, 5.0, 3),
            Kind.HIIT: (25, None, 8),
            Kind.STRENGTH: (30, None, 6),
            Kind.CROSS: (45, None, 4),
            Kind.REST: (None, None, 0),
        }
    )
)

#: How the CR-10 effort numbers feel: each word holds from its number up to the next one.
RPE_WORDS: Final[tuple[tuple[float, str], ...]] = (
    (0.0, "Rest"),
    (1.0, "Very easy"),
    (2.0, "Easy"),
    (3.0, "Moderate"),
    (4.0, "Somewhat hard"),
    (5.0, "Hard"),
    (7.0, "Very hard"),
    (9.0, "Extremely hard"),
    (10.0, "Maximal"),
)

#: A status as a word inside a sentence ("Mark Long run done", "3 skipped").
STATUS_WORDS: Final[Mapping[Status, str]] = MappingProxyType(
    {Status.PLANNED: "planned", Status.DONE: "done", Status.SKIPPED: "skipped"}
)


def kind_color(kind: Kind, *, dark: bool = False) -> str:
    """The colour of ``kind`` as ``#rrggbb``; ``dark`` picks the variant for dark palettes."""
    return (KIND_COLORS_DARK if dark else KIND_COLORS)[kind]


def new_template(kind: Kind) -> Template:
    """A new, unnamed library entry of ``kind`` with that kind's sensible defaults."""
    duration, distance, rpe = _TEMPLATE_DEFAULTS[kind]
    return Template(None, "", kind, duration, distance, rpe)


def rpe_words(value: float | None) -> str:
    """How an effort of ``value`` on the CR-10 scale feels ("Moderate"); "" if none."""
    if value is None or not MIN_RPE <= value <= MAX_RPE:
        return ""
    words = ""
    for threshold, text in RPE_WORDS:
        if value >= threshold:
            words = text
    return words


# -- template names ---------------------------------------------------------------------------
def template_name_key(name: str) -> str:
    """What makes two library names the same: ``Easy Run `` and ``easy run`` are one name."""
    return " ".join(name.split()).casefold()


def check_template_name(name: str, taken: Iterable[str] = ()) -> None:
    """Raise ``ValidationError("name", …)`` unless ``name`` is a usable name.

    Args:
        name: the name asked for.
        taken: the names of the other library entries (any case and spacing).
    """
    if not name.strip():
        raise ValidationError("name", "Give the template a name.")
    if template_name_key(name) in {template_name_key(other) for other in taken}:
        raise ValidationError(
            "name", f"The library already has “{name.strip()}”: choose another name."
        )


def copy_name(name: str, taken: Iterable[str]) -> str:
    """A free name for the runner's own copy of ``name``: ``Easy run (mine)``, then ``(mine 2)``."""
    keys = {template_name_key(other) for other in taken}
    candidate = f"{name} (mine)"
    number = 2
    while template_name_key(candidate) in keys:
        candidate = f"{name} (mine {number})"
        number += 1
    return candidate
