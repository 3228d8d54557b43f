"""Every number the warning rules use, each with where it comes from (RULES.md).

The rules in :mod:`planner.core.rules` and the load arithmetic in :mod:`planner.core.load`
read their figures from here and nowhere else. A figure the runner can change (rest days,
runs and strength sessions a week, the weekly ramp) has its default in
:class:`~planner.core.settings.RuleSettings`; the defaults there reproduce RULES.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from planner.core.model import Kind
from planner.core.totals import DEFAULT_DURATION_MIN as _DEFAULT_DURATION_MIN
from planner.core.totals import RUN_MIN_PER_KM as _RUN_MIN_PER_KM

# -- comparisons and look-back -------------------------------------------------------------

#: Relative tolerance of every threshold comparison (RULES.md, Comparisons: "a relative
#: tolerance of 1e-9"), so 22 km on 20 km is +10.0 %, not +10.000000000000002 %.
REL_TOL: Final = 1e-9
#: The rules look back at most this many days before the evaluated window (RULES.md, History).
LOOKBACK_DAYS: Final = 90
#: Findings that reach across the window's last day (a pair of days, a streak of training
#: days) are completed from at most this many days after it; later days are never read.
#: (Legwork's choice, symmetric to the look-back; RULES.md, Findings and the window.)
LOOKAHEAD_DAYS: Final = 90
#: "Each 7-day window" of the rolling rules (RULES.md, Rolling windows).
ROLLING_DAYS: Final = 7

# -- session values (RULES.md, Definitions) ------------------------------------------------

#: Effort (CR-10) of a session whose effort is missing, by kind (RULES.md, Effort).
DEFAULT_RPE: Final[Mapping[Kind, float]] = MappingProxyType(
    {Kind.RUN: 4.0, Kind.HIIT: 8.0, Kind.STRENGTH: 6.0, Kind.CROSS: 4.0, Kind.REST: 0.0}
)
#: Duration (min) of a session with neither duration nor, for a run, distance (RULES.md,
#: Duration: run 45, HIIT 30, strength 40, cross-training 45); defined once, in
#: :mod:`planner.core.totals`.
DEFAULT_DURATION_MIN: Final[Mapping[Kind, float]] = MappingProxyType(_DEFAULT_DURATION_MIN)
#: Minutes per km assumed for a run with a distance but no duration (RULES.md, Duration).
RUN_MIN_PER_KM: Final = _RUN_MIN_PER_KM
#: A session at or above this effort is hard; HIIT always is (RULES.md, Hard session).
HARD_RPE: Final = 7.0

# -- fitness and fatigue (RULES.md, Fitness and fatigue; Banister model) -------------------

#: Time constant of fitness, the chronic training load (CTL), in days.
CTL_DAYS: Final = 42
#: Time constant of fatigue, the acute training load (ATL), in days.
ATL_DAYS: Final = 7

# -- REST_WEEK: guidance, 1 to 2 rest days a week; Meeusen 2013 consensus -------------------

#: Days in a calendar week; a week with this many training days has no rest day (warning).
DAYS_PER_WEEK: Final = 7

# -- REST_STREAK: Meeusen 2013; Foster 1998 ------------------------------------------------

#: Consecutive training days that make a warning.
REST_STREAK_WARNING_DAYS: Final = 7
#: Consecutive training days that make it critical.
REST_STREAK_CRITICAL_DAYS: Final = 14

# -- HIIT_GAP (Stanley et al. 2013) and STRENGTH_GAP (ACSM 2009) ---------------------------

#: Hours of recovery the messages recommend between two HIIT or two strength sessions.
RECOVERY_HOURS: Final = 48

# -- STRENGTH_COUNT: guidance; ACSM 2009 ---------------------------------------------------

#: Sessions above the weekly strength target (RuleSettings.strength_per_week, 2 by default)
#: that make an info (3 a week) ...
STRENGTH_OVER_INFO: Final = 1
#: ... and a warning (4 or more a week).
STRENGTH_OVER_WARNING: Final = 2

# -- STRENGTH_LOW: the running-legs guide (two strength sessions a week); Lauersen et al. -----
# -- 2014 (strength training cut sports injuries to less than a third) ----------------------

#: Runs a week needs before missing strength is noted: a week of running, not a week off.
STRENGTH_LOW_MIN_RUNS: Final = 2
#: Calendar weeks in a row without a strength session that make the note (this one included).
STRENGTH_LOW_WEEKS: Final = 2

# -- HARD_BACK_TO_BACK: hard/easy principle; Stanley 2013 ----------------------------------

#: Consecutive days that each hold a hard session that make a warning (one per unbroken run).
HARD_BACK_TO_BACK_DAYS: Final = 2

# -- HARD_COUNT: Seiler 2010 (about 80/20 easy/hard) ---------------------------------------

#: Hard sessions in a 7-day window that are too many whatever else was done.
HARD_COUNT_MAX: Final = 4
#: Hard sessions in a 7-day window that are too many when they are a large share ...
HARD_COUNT_SHARE_MIN: Final = 3
#: ... namely more than this share of the window's training sessions.
HARD_SHARE_MAX: Final = 0.35

# -- WEEK_RAMP: guidance; Nielsen 2014 (> 30 %); Buist 2008 (10 % line unproven) -----------

#: Weekly run-distance increase (%) above which the ramp is a warning, whatever the setting
#: (the info line is RuleSettings.ramp_limit_pct, 10 % by default).
WEEK_RAMP_WARNING_PCT: Final = 30.0
#: Last week's run distance (km) below which no ramp is computed.
WEEK_RAMP_MIN_LAST_KM: Final = 5.0

# -- RUN_SPIKE: Frandsen et al. 2025 -------------------------------------------------------

#: Days before a run in which its longest predecessor is looked for.
RUN_SPIKE_LOOKBACK_DAYS: Final = 30
#: A run longer than the longest of those by more than this (%) is a warning ...
RUN_SPIKE_WARNING_PCT: Final = 10.0
#: ... and by more than this (%) critical.
RUN_SPIKE_CRITICAL_PCT: Final = 100.0
#: Runs shorter than this (km) are never flagged (they still count as earlier runs).
RUN_SPIKE_MIN_KM: Final = 3.0

# -- LONG_SHARE: coaching practice, published plans keep the long run at about 25 to 35 % of --
# -- the week (Daniels 25 %, Pfitzinger about 30 to 35 %) -----------------------------------

#: Runs a week needs before the long run's share is judged.
LONG_SHARE_MIN_RUNS: Final = 4
#: Share of the week's run distance the longest run may have.
LONG_SHARE_MAX: Final = 0.35

# -- MONOTONY: Foster 1998; Runalyze's thresholds ------------------------------------------

#: Monotony (mean daily load / SD over 7 days) above which days are too alike (info) ...
MONOTONY_INFO: Final = 1.5
#: ... and above which it is a warning.
MONOTONY_WARNING: Final = 2.0

# -- LOAD_RATIO: Gabbett 2016; contested by Impellizzeri 2020 ------------------------------

#: Days of the acute load.
ACUTE_DAYS: Final = 7
#: Days of the chronic load (its total divided by CHRONIC_DAYS / ACUTE_DAYS = 4).
CHRONIC_DAYS: Final = 28
#: Acute:chronic ratio above which the rule informs ...
LOAD_RATIO_INFO: Final = 1.3
#: ... and above which it warns (never critical).
LOAD_RATIO_WARNING: Final = 1.5
#: Days of history before the window the ratio needs before it speaks.
LOAD_RATIO_MIN_HISTORY_DAYS: Final = 28

# -- FATIGUE_SUSTAINED: Banister model; Friel's form zones ---------------------------------

#: Form, (CTL - ATL) / CTL, below this fraction (-30 %) is high fatigue ...
FATIGUE_FORM_MAX: Final = -0.30
#: ... when it lasts this many consecutive days.
FATIGUE_DAYS: Final = 7
#: Days of history before the window the rule needs before it speaks.
FATIGUE_MIN_HISTORY_DAYS: Final = 42

# -- FUEL_LONG: guidance; ACSM/AND/DC 2016 -------------------------------------------------

#: Minutes of a run or HIIT session above which it needs fuel.
FUEL_LONG_MIN: Final = 60.0
#: Carbohydrate (g/h) the message recommends: 30 to 60.
FUEL_CARB_G_PER_H: Final = (30, 60)

# -- WEIGHT_DROP: guidance (protein 1.4 to 1.7 g/kg for runners); Meeusen 2013 -------------

#: Days of each span of weigh-ins compared.
WEIGHT_SPAN_DAYS: Final = 7
#: Days between the two spans' last days.
WEIGHT_LAG_DAYS: Final = 28
#: The recent mean at or below this fraction of the earlier one is a drop (a 3 % loss).
WEIGHT_DROP_RATIO: Final = 0.97
#: Protein (g per kg of body weight a day) the message recommends.
PROTEIN_G_PER_KG: Final = (1.4, 1.7)
