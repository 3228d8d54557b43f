"""kill -9 at random moments: a child does the work, the parent kills it with SIGKILL.

The tests that use it (tests/storage/test_kill*.py) get the fixtures ``forkserver``,
``killer`` and ``seeded_killer`` from tests/storage/conftest.py. ``LEGWORK_KILL_TRIALS``
sets how many trials each runs, ``LEGWORK_KILL_SEED`` repeats a run's kill moments.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

__all__ = [
    "FIXED_SEED",
    "IMPORT_TRIALS",
    "TRIALS",
    "Killer",
    "fork_server",
    "integrity",
    "report",
    "temporaries",
]

#: How many trials each kill test runs (set ``LEGWORK_KILL_TRIALS`` for real figures).
TRIALS = int(os.environ.get("LEGWORK_KILL_TRIALS", "6"))
#: The import trials: fewer in the normal suite, as each runs a whole import.
IMPORT_TRIALS = int(os.environ.get("LEGWORK_KILL_TRIALS", "4"))
#: The seed of the import trials' kill moments unless ``LEGWORK_KILL_SEED`` is set.
FIXED_SEED = 20261129
_TEMPORARY = re.compile(r"^\..*\.tmp(-wal|-shm|-journal)?$")


def fork_server() -> multiprocessing.context.BaseContext:
    """Children forked from a server that has already imported the storage (fast, no Qt)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        [
            "planner.storage.db",
            "planner.storage.backups",
            "planner.cli",
            "planner.interchange.workouts_json_csv",
            "alembic.command",
            "alembic.config",
        ]
    )
    return context


def killer_seed(default: int | None = None) -> int:
    """``LEGWORK_KILL_SEED``, else ``default``, else a random seed; printed to repeat a run."""
    fallback = default if default is not None else random.SystemRandom().randrange(10**6)
    seed = int(os.environ.get("LEGWORK_KILL_SEED", fallback))
    print(f"\nkill seed: LEGWORK_KILL_SEED={seed}")
    return seed


class Killer:
    """Runs one child per trial and kills it with SIGKILL after a random delay."""

    def __init__(self, context: multiprocessing.context.BaseContext, seed: int) -> None:
        self._context = context
        self.random = random.Random(seed)
        self.span = 0.0
        self.last_span = 0.0

    def run(
        self, target: Callable[..., None], *args: object, kill_after: float | None
    ) -> list[str]:
        """Run ``target(pipe, *args)``; kill it ``kill_after`` s after it said "go".

        Returns what it reported after "go" (its acknowledgements) before it died or ended.
        """
        parent, child = self._context.Pipe(duplex=False)
        process = self._context.Process(target=target, args=(child, *args))
        process.start()
        child.close()
        try:
            assert parent.poll(60), "the child never started"
            assert parent.recv() == "go"
            began = time.perf_counter()
            said: list[str] = []
            if kill_after is None:  # time the work itself, up to its acknowledgement
                assert parent.poll(120), "the child never finished"
                said.append(parent.recv())
                self.last_span = time.perf_counter() - began
                process.join(120)
            else:
                time.sleep(kill_after)
                process.kill()
                process.join(60)
            while parent.poll():
                try:
                    said.append(parent.recv())
                except EOFError:
                    break
            return said
        finally:
            if process.is_alive():
                process.kill()
                process.join(60)
            parent.close()

    def calibrate(
        self, make_args: Callable[[int], tuple[object, ...]], target: Callable[..., None]
    ) -> None:
        """Time three full runs ("go" to done); kills fall in 0 to 1.2 times the median."""
        spans = []
        for n in range(3):
            self.run(target, *make_args(-1 - n), kill_after=None)
            spans.append(self.last_span)
        self.span = 1.2 * sorted(spans)[1]

    def moment(self) -> float:
        return self.random.uniform(0, self.span)


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if _TEMPORARY.match(p.name))


def integrity(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def report(what: str, outcomes: Counter[str]) -> None:
    figures = ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items()))
    print(f"kill -9 during {what}: {sum(outcomes.values())} trials: {figures}")
