"""What a watch or an app recorded: an activity, its laps and its per-second track.

The file formats (``planner.interchange.activities``) make these; storage keeps them and the
matching rules link them to planned workouts. Everything here is pure: the sport a file names
maps to a Legwork :class:`~planner.core.model.Kind` (:func:`kind_for_sport`), two recordings
of one session are recognised (:func:`is_duplicate`), and an activity that cannot be real
(dated 1970, a run of 0 m) is refused with a reason a runner reads (:func:`implausibility`).

A :class:`Track` is columnar: one float64 column per measurement, kept as immutable bytes
(8 bytes a sample) and read as a ``memoryview`` of floats. A gap (no heart rate in that
second, no altitude indoors) is ``NaN``: plotting libraries break the line there, and a
column's average is ``statistics.fmean`` of the finite values.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from planner.core.formatting import format_day
from planner.core.model import MAX_DISTANCE_KM, MAX_DURATION_MIN, Kind

#: Two recordings of one session (a run exported as FIT and as GPX) start this close...
DUPLICATE_START_S = 60.0
#: ... and last within this fraction of each other.
DUPLICATE_DURATION_FRACTION = 0.02
#: The first day an activity may be dated: before it, the watch's clock was not set.
FIRST_ACTIVITY_DAY = date(1990, 1, 1)
#: The longest distance an activity may cover: what a workout holds (a file beyond it is
#: wrong, or a multi-day event Legwork does not plan).
MAX_ACTIVITY_KM = MAX_DISTANCE_KM
#: The longest an activity may last: what a workout holds (a 100-mile race fits).
MAX_ACTIVITY_S = MAX_DURATION_MIN * 60

_COLUMNS = ("seconds", "distance_m", "heart_rate", "altitude_m", "speed_m_s")


@dataclass(frozen=True, slots=True)
class Lap:
    """One lap as the file records it; ``start_s`` counts from the activity's start."""

    start_s: float
    elapsed_s: float
    moving_s: float | None = None
    distance_km: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None


@dataclass(frozen=True, slots=True)
class Track:
    """Per-second samples in columns of equal length, each float64 bytes; NaN is a gap.

    Build one with :meth:`from_columns`; read a column as a ``memoryview`` of floats
    (``track.heart_rate[i]``, ``numpy.frombuffer(track.heart_rate)``), which copies nothing.
    """

    seconds_data: bytes = b""
    distance_data: bytes = b""
    heart_rate_data: bytes = b""
    altitude_data: bytes = b""
    speed_data: bytes = b""

    def __post_init__(self) -> None:
        sizes = {len(self.seconds_data), len(self.distance_data), len(self.heart_rate_data)}
        sizes |= {len(self.altitude_data), len(self.speed_data)}
        if len(sizes) != 1 or len(self.seconds_data) % 8:
            raise ValueError("a track's columns must have the same number of samples")

    @classmethod
    def from_columns(
        cls,
        seconds: Iterable[float],
        distance_m: Iterable[float],
        heart_rate: Iterable[float],
        altitude_m: Iterable[float],
        speed_m_s: Iterable[float],
    ) -> Track:
        """A track from five columns of floats (NaN where a value is missing)."""
        columns = (seconds, distance_m, heart_rate, altitude_m, speed_m_s)
        return cls(*(array("d", column).tobytes() for column in columns))

    def __len__(self) -> int:
        return len(self.seconds_data) // 8

    @property
    def seconds(self) -> memoryview[float]:
        """Seconds since the activity's start, one a sample, increasing."""
        return memoryview(self.seconds_data).cast("d")

    @property
    def distance_m(self) -> memoryview[float]:
        """Distance covered so far, metres."""
        return memoryview(self.distance_data).cast("d")

    @property
    def heart_rate(self) -> memoryview[float]:
        """Heart rate, beats a minute."""
        return memoryview(self.heart_rate_data).cast("d")

    @property
    def altitude_m(self) -> memoryview[float]:
        """Altitude, metres."""
        return memoryview(self.altitude_data).cast("d")

    @property
    def speed_m_s(self) -> memoryview[float]:
        """Speed, metres a second."""
        return memoryview(self.speed_data).cast("d")


@dataclass(frozen=True, slots=True)
class Activity:
    """One recorded session: when, what, how far and how hard, with laps and track.

    ``sport`` and ``sub_sport`` are the file's own words (FIT's ``running``/``trail``, TCX's
    ``Running``, a GPX track's ``type``); ``kind`` is what Legwork makes of them.
    ``utc_offset_s`` is the file's own local offset where it has one. ``local_day`` is the
    runner's day: by that offset, else by the computer's time zone on that date.
    ``source`` names the file (``export.zip/activities/123.fit.gz`` inside archives).
    """

    start: datetime
    local_day: date
    sport: str
    sub_sport: str | None
    kind: Kind
    elapsed_s: float
    source: str
    moving_s: float | None = None
    distance_km: float | None = None
    ascent_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_cadence: float | None = None
    utc_offset_s: int | None = None
    laps: tuple[Lap, ...] = ()
    track: Track = Track()

    @property
    def end(self) -> datetime:
        """When the activity ended (start plus elapsed time)."""
        return self.start + timedelta(seconds=self.elapsed_s)

    @property
    def title(self) -> str:
        """A title for a new workout made from it: the sport in words (``Trail running``)."""
        words = _normal(self.sport).replace("_", " ") or "activity"
        sub = _normal(self.sub_sport).replace("_", " ")
        if sub and sub != "generic" and sub not in words:
            words = f"{words} ({sub})"
        return words[:1].upper() + words[1:]


def local_day(start: datetime, utc_offset_s: int | None, tz: tzinfo | None = None) -> date:
    """The runner's day of ``start``: by the file's offset, else by ``tz`` (the computer's)."""
    if utc_offset_s is not None:
        return (start.astimezone(UTC) + timedelta(seconds=utc_offset_s)).date()
    return start.astimezone(tz).date()


# ---------------------------------------------------------------- kinds

_GENERAL_SPORTS = frozenset(
    {"", "generic", "all", "other", "training", "fitness_equipment", "workout", "indoor"}
)
_RUN_WORDS = frozenset(
    {"run", "running", "treadmill", "virtualrun", "trailrun", "jog", "jogging", "indoor_running"}
)
_STRENGTH_WORDS = frozenset(
    {"strength", "strength_training", "weight_training", "weighttraining", "weights", "gym"}
)
_HIIT_WORDS = frozenset(
    {
        "hiit",
        "high_intensity_interval_training",
        "highintensityintervaltraining",
        "interval_training",
        "intervals",
        "tabata",
        "amrap",
        "emom",
        "crossfit",
        "bootcamp",
    }
)
#: Sports whose recording always covers a distance (a file of 0 m for them is broken).
_DISTANCE_WORDS = frozenset(
    {"cycling", "biking", "ride", "walking", "walk", "hiking", "hike", "rowing"}
    | {"cross_country_skiing", "inline_skating", "e_biking"}
)


def _normal(word: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", "_", (word or "").strip().lower()).strip("_")


def _is_run(word: str) -> bool:
    return word in _RUN_WORDS or word.endswith(("_running", "_run"))


def kind_for_sport(sport: str | None, sub_sport: str | None = None) -> Kind:
    """The Legwork kind for a file's sport (and sub-sport, when the sport is general).

    Running of any sort (road, trail, treadmill, track) is a run; strength training is
    strength; HIIT and interval sessions that are not runs are HIIT; every other sport
    (cycling, swimming, rowing, walking, hiking, skiing...) is cross-training.
    """
    main, sub = _normal(sport), _normal(sub_sport)
    words = [main]
    if main in _GENERAL_SPORTS:
        words.append(sub)
    elif main in _RUN_WORDS:
        return Kind.RUN
    for word in words:
        if _is_run(word):
            return Kind.RUN
        if word in _STRENGTH_WORDS:
            return Kind.STRENGTH
        if word in _HIIT_WORDS:
            return Kind.HIIT
    return Kind.CROSS


def covers_distance(activity: Activity) -> bool:
    """Whether the activity's sport always covers a distance (runs, rides, walks...)."""
    return activity.kind is Kind.RUN or _normal(activity.sport) in _DISTANCE_WORDS


# ---------------------------------------------------------------- duplicates and plausibility


def is_duplicate(a: Activity, b: Activity) -> bool:
    """Whether ``a`` and ``b`` record one session: starts within 60 s, durations within 2 %."""
    if abs((a.start - b.start).total_seconds()) > DUPLICATE_START_S:
        return False
    longer = max(a.elapsed_s, b.elapsed_s)
    return abs(a.elapsed_s - b.elapsed_s) <= DUPLICATE_DURATION_FRACTION * longer


def implausibility(activity: Activity, *, today: date) -> str | None:
    """Why the activity cannot be real, in words for a runner; None when it can.

    Dated before 1990 (a watch whose clock was never set) or after tomorrow; lasting no
    time or longer than a workout holds (24 hours); 0 m for a sport that covers distance;
    farther than a workout holds (300 km).
    """
    day = activity.local_day
    if day < FIRST_ACTIVITY_DAY:
        return f"it is dated {day.year}, before 1990 (the watch's clock was not set)"
    if day > today + timedelta(days=1):
        return f"it is dated {format_day(day, weekday=False, year=True)}, in the future"
    if not activity.elapsed_s > 0:
        return "it lasts no time at all"
    if activity.elapsed_s > MAX_ACTIVITY_S:
        hours = activity.elapsed_s / 3600
        return (
            f"it lasts {hours:,.0f} hours, more than the {MAX_ACTIVITY_S / 3600:.0f} hours "
            "a workout holds"
        )
    km = activity.distance_km
    if km is not None and km > MAX_ACTIVITY_KM:
        return f"it covers {km:,.0f} km, more than the {MAX_ACTIVITY_KM:.0f} km a workout holds"
    if covers_distance(activity) and (km is None or km <= 0):
        what = "a run" if activity.kind is Kind.RUN else f"a {activity.title.lower()} session"
        return f"{what} of 0 m"
    return None


def finite(values: Sequence[float]) -> list[float]:
    """The values that are numbers (not NaN gaps)."""
    return [value for value in values if not math.isnan(value)]


__all__ = [
    "Activity",
    "Lap",
    "Track",
    "covers_distance",
    "finite",
    "implausibility",
    "is_duplicate",
    "kind_for_sport",
    "local_day",
]
