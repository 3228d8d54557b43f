"""How plan numbers and days read for people: on screen, on paper and in exported calendars.

Distances are stored in kilometres; every function that writes one takes the runner's
:class:`~planner.core.settings.Units` (kilometres when not given) and converts on the way out.
Body weights likewise (:func:`format_weight`), and days are written by :func:`format_day`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final, Literal

from planner.core.model import Kind, Status, Template, Workout
from planner.core.settings import Units, WeightUnits
from planner.core.weeks import DAY_NAMES

#: How long a day's or month's name is written.
Names = Literal["short", "long"]

#: What joins the numbers of one line: ``45 min · 8 km · RPE 6``.
SEPARATOR = " · "
_HTML_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
)


def escape_html(text: str) -> str:
    """``text`` safe inside rich text (tooltips): exactly :func:`html.escape`'s result.

    The week, its markers and the library write their tooltips with it at start-up;
    importing :mod:`html` would load its table of entities (2 to 3 ms) for this alone.
    """
    return text.translate(_HTML_ESCAPES)


def format_number(value: float, decimals: int = 1) -> str:
    """``8`` for 8.0, ``8.5`` for 8.5: no trailing zeros (and never ``-0``)."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


#: The most decimals :func:`format_ratio` uses to show a ratio is above its line.
_MAX_RATIO_DECIMALS = 6


def format_ratio(value: float, *, above: float | None = None) -> str:
    """A ratio as messages write it: one decimal, always (``3.7``, ``4.0``), so ratios read alike.

    Args:
        value: the ratio.
        above: the line ``value`` is above (a rule's threshold), if any. Where one decimal would
            read as on or under that line, more are used until it reads above it: 1.506 above
            1.5 is ``1.51``, not ``1.5``.
    """
    decimals = 1
    text = f"{value:.1f}"
    while above is not None and decimals < _MAX_RATIO_DECIMALS and float(text) <= above:
        decimals += 1
        text = f"{value:.{decimals}f}"
    return text


def format_distance(km: float, units: Units = Units.KM, *, unit: bool = True) -> str:
    """A stored distance in the runner's units: ``12.5 km``, or ``7.8 mi`` in miles.

    Args:
        km: the distance in kilometres, as stored.
        units: the units to show it in.
        unit: append the unit's label.
    """
    text = format_number(units.distance_from_km(km))
    return f"{text} {units.distance_label}" if unit else text


#: The most decimals a weight is ever shown with: a stored weight is a double, whose 17
#: significant digits tell any two of them apart (a weigh-in has at most 3 before the point).
MAX_WEIGHT_DECIMALS = 15


def format_weight(
    kg: float, units: WeightUnits = WeightUnits.KG, *, decimals: int = 1, unit: bool = True
) -> str:
    """A stored weight in the runner's units: ``72.4 kg``, or ``159.6 lb`` in pounds.

    Args:
        kg: the weight in kilograms, as stored.
        units: the body-weight units to show it in.
        decimals: at most this many decimals (trailing zeros are dropped).
        unit: append the unit's label.
    """
    text = format_number(units.weight_from_kg(kg), decimals)
    return f"{text} {units.weight_label}" if unit else text


def weight_decimals_apart(
    first_kg: float, second_kg: float, units: WeightUnits = WeightUnits.KG
) -> int:
    """The fewest decimals (one at least) that show two different weights as two numbers.

    ``71.8`` and ``71.84`` kg need 2 (``71.8`` and ``71.84``), where one decimal would show
    both as ``71.8``. The count goes up to the stored precision
    (:data:`MAX_WEIGHT_DECIMALS`); weights that are equal, or equal once in ``units``, get 1.
    """
    first, second = units.weight_from_kg(first_kg), units.weight_from_kg(second_kg)
    if first == second:
        return 1
    for decimals in range(1, MAX_WEIGHT_DECIMALS + 1):
        if format_number(first, decimals) != format_number(second, decimals):
            return decimals
    return MAX_WEIGHT_DECIMALS


def format_weights_apart(
    first_kg: float, second_kg: float, units: WeightUnits = WeightUnits.KG
) -> tuple[str, str]:
    """Two weights with their units, with enough decimals to tell them apart.

    For a conflict between two weigh-ins of a day: ``("71.8 kg", "71.84 kg")``, never
    ``("71.8 kg", "71.8 kg")``; in pounds, ``("158.29 lb", "158.3 lb")``.
    """
    decimals = weight_decimals_apart(first_kg, second_kg, units)
    return (
        format_weight(first_kg, units, decimals=decimals),
        format_weight(second_kg, units, decimals=decimals),
    )


#: The months in English, whatever the locale: the words around them are English too.
MONTH_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_day(
    day: date,
    *,
    weekday: bool | Names = True,
    month: bool | Names = True,
    year: bool = False,
    long: bool = False,
) -> str:
    """A day for people: ``Mon 9 Nov``, or ``Monday 9 November 2026`` with ``long`` and ``year``.

    The day of the month has no leading zero and the names are English whatever the locale
    (``strftime``'s ``%a`` and ``%b`` follow the locale, and ``%d`` pads: ``Mon 09 Nov``).

    Args:
        day: the day.
        weekday: write the weekday first; ``"long"`` or ``"short"`` for its name's length
            whatever ``long`` says (``Monday 9 Nov``).
        month: write the month after the day of the month; ``"long"`` or ``"short"`` as for
            ``weekday``.
        year: write the year last.
        long: whole names (``Monday``, ``November``) rather than their first three letters.
    """
    parts = []
    if weekday:
        parts.append(_name(DAY_NAMES[day.weekday()], weekday, long=long))
    parts.append(str(day.day))
    if month:
        parts.append(_name(MONTH_NAMES[day.month - 1], month, long=long))
    if year:
        parts.append(str(day.year))
    return " ".join(parts)


def _name(name: str, length: bool | Names, *, long: bool) -> str:
    whole = length == "long" or (length is True and long)
    return name if whole else name[:3]


def format_moment(moment: datetime) -> str:
    """A moment for people, in its own time zone: ``Monday 9 November 2026, 07:30``."""
    return f"{format_day(moment.date(), year=True, long=True)}, {moment:%H:%M}"


def format_duration(minutes: float) -> str:
    """``45 min``, ``1 h 30``, ``2 h``."""
    total = round(minutes)
    if total < 60:
        return f"{total} min"
    hours, rest = divmod(total, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def format_hours(minutes: float) -> str:
    """A week's training time: ``5 h 20`` (or ``0 h``)."""
    if minutes <= 0:
        return "0 h"
    return format_duration(minutes) if minutes >= 60 else f"{round(minutes)} min"


def numbers_line(
    duration_min: float | None,
    distance_km: float | None,
    rpe: float | None,
    units: Units = Units.KM,
) -> str:
    """The numbers of a session in one line, leaving out the missing ones.

    ``45 min · 8 km · RPE 6``; empty when all three are missing.
    """
    parts = []
    if duration_min is not None:
        parts.append(format_duration(duration_min))
    if distance_km is not None:
        parts.append(format_distance(distance_km, units))
    if rpe is not None:
        parts.append(f"RPE {format_number(rpe)}")
    return SEPARATOR.join(parts)


def workout_summary(workout: Workout, units: Units = Units.KM) -> str:
    """One line of a block's numbers: ``45 min · 8 km · RPE 6`` (actuals once done)."""
    if workout.kind is Kind.REST:
        return "Rest"
    return numbers_line(
        workout.effective_duration_min,
        workout.effective_distance_km,
        workout.effective_rpe,
        units,
    )


def template_summary(template: Template, units: Units = Units.KM) -> str:
    """A library entry's defaults in one line, as a block writes them: ``35 min · 6 km · RPE 3``.

    A rest entry with effort 0 reads ``Full rest``; an entry without defaults ``No defaults``.
    """
    rpe = None if template.kind is Kind.REST and template.rpe == 0 else template.rpe
    line = numbers_line(template.duration_min, template.distance_km, rpe, units)
    if line:
        return line
    return "Full rest" if template.kind is Kind.REST else "No defaults"


def status_text(workout: Workout) -> str:
    """``Done``, ``Skipped`` or ``Planned``."""
    return workout.status.label


def workout_line(workout: Workout, units: Units = Units.KM) -> str:
    """A workout in one line for lists and calendars: ``[R] Long run · 1 h 40 · 16 km``."""
    parts = [f"[{workout.kind.letter}] {workout.title}"]
    summary = workout_summary(workout, units)
    if summary and workout.kind is not Kind.REST:
        parts.append(summary)
    if workout.status is not Status.PLANNED:
        parts.append(status_text(workout).lower())
    return SEPARATOR.join(parts)
