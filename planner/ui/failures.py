"""How the plan controller tells a failure: the words for each error, and failed reads.

An operation that storage refuses, a workout deleted elsewhere, an impossible value: each
reaches the user as a message and what to do about it (:func:`failure_words`). An intent
that reads the plan before changing it reports a failed read the same way
(:func:`reports_read_failures`) instead of raising into the event loop.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, Protocol, TypeVar, cast

from planner.core.ports import StorageError

_P = ParamSpec("_P")
_R = TypeVar("_R")


class Recovering(Protocol):
    """What recovers from a failed read: it tells the cause, then the views reload."""

    def _report(self, error: Exception) -> None: ...

    def _reload(self) -> None: ...


_S = TypeVar("_S", bound=Recovering)


def failure_words(error: Exception) -> tuple[str, str]:
    """What went wrong and what to do: ``KeyError`` is a workout deleted elsewhere."""
    if isinstance(error, KeyError):
        return "That workout no longer exists.", "It was deleted elsewhere."
    if isinstance(error, StorageError):
        return str(error), error.hint
    return str(error), ""


def reports_read_failures(
    failure: object,
) -> Callable[[Callable[Concatenate[_S, _P], _R]], Callable[Concatenate[_S, _P], _R]]:
    """An intent that reads the plan before it changes it fails as a refused write does.

    The intent reads what it works on (the workout, the week, the library) before its
    operation runs. When that read fails (a disk error, a locked file), the cause is
    reported, the views reload, and the intent returns ``failure`` instead of raising into
    the event loop.
    """

    def decorate(
        method: Callable[Concatenate[_S, _P], _R],
    ) -> Callable[Concatenate[_S, _P], _R]:
        @functools.wraps(method)
        def intent(self: _S, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            try:
                return method(self, *args, **kwargs)
            except StorageError as error:
                self._report(error)
                self._reload()
                return cast(_R, failure)

        return intent

    return decorate
