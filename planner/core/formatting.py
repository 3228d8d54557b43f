"""How plan numbers read for people: on screen, on paper and in exported calendars."""

from __future__ import annotations

from planner.core.model import Kind, Status, Workout


def format_number(value: float, decimals: int = 1) -> str:
    """``8`` for 8.0, ``8.5`` for 8.5: no trailing zeros."""
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_distance(km: float, *, unit: bool = True) -> str:
    """``12.5 km``."""
    text = format_number(km)
    return f"{text} km" if unit else text


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


def workout_summary(workout: Workout) -> str:
    """One line of a block's numbers: ``45 min · 8 km · RPE 6`` (actuals once done)."""
    if workout.kind is Kind.REST:
        return "Rest"
    parts = []
    duration = workout.effective_duration_min
    distance = workout.effective_distance_km
    rpe = workout.effective_rpe
    if duration is not None:
        parts.append(format_duration(duration))
    if distance is not None:
        parts.append(format_distance(distance))
    if rpe is not None:
        parts.append(f"RPE {format_number(rpe)}")
    return " · ".join(parts)


def status_text(workout: Workout) -> str:
    """``Done``, ``Skipped`` or ``Planned``."""
    return {Status.DONE: "Done", Status.SKIPPED: "Skipped", Status.PLANNED: "Planned"}[
        workout.status
    ]


def workout_line(workout: Workout) -> str:
    """A workout in one line for lists and calendars: ``[R] Long run · 1 h 40 · 16 km``."""
    parts = [f"[{workout.kind.letter}] {workout.title}"]
    summary = workout_summary(workout)
    if summary and workout.kind is not Kind.REST:
        parts.append(summary)
    if workout.status is not Status.PLANNED:
        parts.append(status_text(workout).lower())
    return " · ".join(parts)
