"""A history that explains heavy legs: a week of training without a day off, then a report.

Today is Wednesday 18 November 2026. The runner ran 30 easy minutes every day from Wednesday
11 to Tuesday 17 November (seven training days in a row, no rest day, no strength session in
the two weeks before), ran long on Monday 16 (80 minutes, a title that looks like markup),
weighed 70 kg on Sunday 15, and has today's easy run still planned.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from planner.core.model import Kind, Status, WeightEntry, Workout
from tests.helpers.dates import MON, TODAY, TUE
from tests.helpers.plans import seed

#: The long run's title: markup a label must never render.
LONG_TITLE = "<b>Long</b> run"
#: The seven days in a row before today.
STREAK = [TODAY - timedelta(days=n) for n in range(7, 0, -1)]
#: The weigh-in, and the protein a runner of that weight needs a day (1.4 to 1.7 g per kg).
WEIGHT_KG = 70.0
PROTEIN = "98 to 119 g"  # 70 x 1.4 = 98, 70 x 1.7 = 119


def easy(day: date, *, status: Status = Status.DONE, heavy: bool = False) -> Workout:
    """An easy run of 30 minutes, 5 km, effort 3, on ``day``."""
    return Workout(
        None, day, Kind.RUN, "Easy run", 0, 30.0, 5.0, 3, status=status, heavy_legs=heavy
    )


def seed_streak(path: Path) -> dict[str, int]:
    """The history above in the plan file ``path``; the ids of today's run and the long run."""
    workouts = [easy(day) for day in STREAK if day != MON]
    long_run = Workout(None, MON, Kind.RUN, LONG_TITLE, 0, 80.0, 14.0, 4, status=Status.DONE)
    today = easy(TODAY, status=Status.PLANNED)
    ids = seed(path, *workouts, long_run, today, weights=[WeightEntry(date(2026, 11, 15), 70.0)])
    return {"today": ids[-1], "long": ids[-2], "tuesday": ids[workouts.index(easy(TUE))]}
