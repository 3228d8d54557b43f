"""Every problem of a value at once, for forms that mark each wrong field while the runner types.

:meth:`Workout.validate` stops at the first impossible value, which is right for storage. A form
wants them all: :func:`all_problems` validates again with each offending field set to a
harmless value, until nothing more is wrong, and returns every :class:`ValidationError` found.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, Self, TypeVar

from planner.core.model import ValidationError, Workout


class _Replaceable(Protocol):
    def replace(self, **changes: Any) -> Self: ...


T = TypeVar("T", bound=_Replaceable)

#: A harmless value for each workout field validation may refuse.
WORKOUT_NEUTRAL: Mapping[str, object] = {
    "title": "Workout",
    "duration_min": None,
    "distance_km": None,
    "rpe": None,
    "actual_duration_min": None,
    "actual_distance_km": None,
    "actual_rpe": None,
}


class MultipleValidationError(ValidationError):
    """Several problems at once; it reads as the first of them.

    Attributes:
        errors: every problem, in the order validation met them.
    """

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        if not errors:
            raise ValueError("MultipleValidationError needs at least one error")
        super().__init__(errors[0].field, str(errors[0]))
        self.errors = tuple(errors)


def all_problems(
    value: T, validate: Callable[[T], None], neutral: Mapping[str, object]
) -> list[ValidationError]:
    """Every problem :func:`validate` finds in ``value``, one per field.

    Args:
        value: what to check (a frozen dataclass with ``replace``).
        validate: raises :class:`ValidationError` for the first impossible value.
        neutral: for each field that may be refused, a value that is always fine; a problem
            with a field not listed here ends the search.
    """
    found: list[ValidationError] = []
    fields: set[str] = set()
    while True:
        try:
            validate(value)
        except ValidationError as error:
            found.append(error)
            if error.field in fields or error.field not in neutral:
                return found
            fields.add(error.field)
            value = value.replace(**{error.field: neutral[error.field]})
        else:
            return found


def workout_problems(workout: Workout) -> list[ValidationError]:
    """Every impossible value of ``workout``, one per field."""
    return all_problems(workout, Workout.validate, WORKOUT_NEUTRAL)


def raise_all(errors: Sequence[ValidationError]) -> None:
    """Raise ``errors``: one as itself, several as :class:`MultipleValidationError`."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise MultipleValidationError(errors)
