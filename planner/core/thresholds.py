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

# == Heavy legs (issue 18) ==================================================================
# When a runner reports heavy legs, the explainer (planner.core.heavy_legs) names the causes
# of the running-legs guide that their plan shows. Each line is the warning rules' own line,
# so the explanation and the warnings never disagree on what is too much.

#: Training days in a row before the reported day that point at too little recovery: with the
#: reported day itself, 7 in a row, REST_STREAK's warning (Meeusen 2013; Foster 1998).
HEAVY_STREAK_DAYS: Final = REST_STREAK_WARNING_DAYS - 1
#: Rest days in the 7 days before the reported day at or below which recovery is short:
#: REST_WEEK informs at one rest day in a week (guidance: 1 to 2 rest days a week; Meeusen
#: 2013 consensus).
HEAVY_REST_DAYS_MAX: Final = 1
#: Days the rest days and hard sessions are counted over (the 7 days before the report).
HEAVY_WEEK_DAYS: Final = ROLLING_DAYS
#: Load ratio above which the last week was heavier than usual: LOAD_RATIO's info line
#: (Gabbett 2016; contested by Impellizzeri 2020).
HEAVY_LOAD_RATIO: Final = LOAD_RATIO_INFO
#: Hard sessions in the 7 days before at or above which they are more than the 1 to 2 a week
#: most runners do (HARD_COUNT; Seiler 2010).
HEAVY_HARD_SESSIONS: Final = HARD_COUNT_SHARE_MIN
#: Days without any strength session that make too little strength: two weeks, as
#: STRENGTH_LOW (the running-legs guide: two sessions a week; Lauersen et al. 2014) ...
HEAVY_STRENGTH_NONE_DAYS: Final = STRENGTH_LOW_WEEKS * DAYS_PER_WEEK
#: ... counted only when those days hold this many runs (a spell of running, not a break).
HEAVY_STRENGTH_MIN_RUNS: Final = STRENGTH_LOW_MIN_RUNS
#: Strength sessions in the 7 days before that are too many: STRENGTH_COUNT's warning, 4 with
#: the default 2 a week (ACSM 2009; the guide: two a week is enough).
HEAVY_STRENGTH_MAX: Final = 4
#: The 7-day mean weight up by this fraction or more on four weeks earlier is a gain that
#: weighs on the legs (issue 18, from the running-legs guide: weight gain) ...
HEAVY_WEIGHT_GAIN: Final = 0.02
#: ... the means being the weight chart's 7-day trend, four weeks apart (as WEIGHT_DROP).
HEAVY_WEIGHT_LAG_DAYS: Final = WEIGHT_LAG_DAYS
#: Days before the report in which a run or HIIT over FUEL_LONG_MIN (an hour) asks about
#: carbohydrate before and during long runs (ACSM/AND/DC 2016; the guide's low-carb cause).
HEAVY_FUEL_DAYS: Final = 2
#: Protein a day for runners (g per kg of body weight), against 0.8 for an average adult
#: (the running-legs guide; the same figures as WEIGHT_DROP's advice).
HEAVY_PROTEIN_G_PER_KG: Final = PROTEIN_G_PER_KG
#: How far back the explainer reads: the rules' look-back (a streak longer than this reads
#: as this long).
HEAVY_LOOKBACK_DAYS: Final = LOOKBACK_DAYS

# == The training plan generator (issue 17) =================================================
# The shape of a generated plan. Its promise is the rules above: a plan, added to the runner's
# history, raises no warning. Numbers from published plans and the taper literature.

# -- the request ---------------------------------------------------------------------------

#: Runs a week a plan may hold (issue 17: 3 to 6; RUN_COUNT informs below 3 and at 6).
GEN_MIN_RUNS: Final = 3
GEN_MAX_RUNS: Final = 6
#: HIIT or sprint sessions a week (issue 17: 0 to 2; HARD_COUNT: 1 to 2 hard sessions a week).
GEN_MAX_HIIT: Final = 2
#: Strength sessions a week (the running-legs guide: 2; STRENGTH_COUNT warns at 4).
GEN_MAX_STRENGTH: Final = 3
#: A plan's longest span in weeks (Legwork's choice: a year ahead, an annual plan).
GEN_MAX_WEEKS: Final = 52
#: General fitness plans repeat 4-week blocks (issue 17); at least one block.
GEN_BLOCK_WEEKS: Final = 4
GEN_MIN_GENERAL_WEEKS: Final = GEN_BLOCK_WEEKS
#: Largest current weekly distance and longest run the generator accepts (km): typing mistakes
#: beyond (Legwork's choice; elite marathoners run about 200 km a week).
GEN_MAX_WEEK_KM: Final = 250.0
GEN_MAX_LONG_KM: Final = 60.0
#: The fewest weeks to a race, by goal (published beginner plans: Higdon's 5K and 10K 8 weeks,
#: half marathon 12, marathon 18; a runner who already runs needs a few fewer).
GEN_MIN_WEEKS: Final[Mapping[str, int]] = MappingProxyType(
    {"5k": 6, "10k": 6, "half": 8, "marathon": 12}
)

# -- volume --------------------------------------------------------------------------------

#: Weekly run distance grows at most this much over the highest recent week (issue 17: 10 %;
#: the 10 % line, Buist 2008, unproven but the rules' info line, WEEK_RAMP).
GEN_WEEK_GROWTH: Final = 1.10
#: Weeks of the "recent" highest week (the four weeks of history the defaults read).
GEN_RECENT_WEEKS: Final = 4
#: A week back after a step-back week stays this far above it (WEEK_RAMP warns above +30 %).
GEN_REBOUND_MAX: Final = 1.25
#: Step-back weeks: every 4th week, every 3rd for new runners, at this share of the week
#: before (issue 17: 70 to 85 %; Pfitzinger's and Daniels' recovery weeks).
GEN_STEP_BACK_EVERY: Final = 4
GEN_STEP_BACK_EVERY_NEW: Final = 3
GEN_STEP_BACK_SHARE: Final = 0.84
#: The shortest run a plan holds (km): about 12 minutes, a walk-run for a new runner.
GEN_MIN_RUN_KM: Final = 2.0
#: Peak weekly run distance and long run by goal (km): Higdon's novice and intermediate plans
#: (marathon long run 32 km, half 19, 10 km 13, 5 km 10); general fitness holds about 25 km.
GEN_PEAK_WEEK_KM: Final[Mapping[str, float]] = MappingProxyType(
    {"general": 25.0, "5k": 30.0, "10k": 40.0, "half": 50.0, "marathon": 70.0}
)
GEN_PEAK_LONG_KM: Final[Mapping[str, float]] = MappingProxyType(
    {"general": 10.0, "5k": 10.0, "10k": 13.0, "half": 19.0, "marathon": 32.0}
)
#: The long run's largest share of the week, by runs a week: about a third (LONG_SHARE's
#: 35 %; Daniels 25 %, Pfitzinger 30 to 35 %); with 3 runs a week more (LONG_SHARE does not
#: judge weeks of fewer than 4 runs, and Higdon's novice plans run about half in it).
GEN_LONG_SHARE: Final[Mapping[int, float]] = MappingProxyType({3: 0.45, 4: 0.33, 5: 0.33, 6: 0.33})
#: The long run grows at most this much over the longest run of the 30 days before it
#: (RUN_SPIKE: more than 10 % is a warning; Frandsen et al. 2025).
GEN_LONG_GROWTH: Final = 1.10
#: The tempo run's share of the week and its effort (the library's "Tempo run", CR-10 7).
GEN_TEMPO_SHARE: Final = 0.20
#: Easy runs vary around their mean, so the days are not alike (MONOTONY, Foster 1998).
GEN_EASY_SPREAD: Final = (1.3, 0.7, 1.1, 0.8, 1.2)
#: Hard sessions (tempo runs, HIIT) a week at most (HARD_COUNT: most runners do 1 to 2).
GEN_MAX_HARD: Final = 2

# -- taper (Bosquet et al. 2007: cut volume 41 to 60 %, keep frequency and intensity) ------

#: Taper length in weeks, the race week included (issue 17: marathon 3, half 2, 5/10 km 1 to 2).
GEN_TAPER_WEEKS: Final[Mapping[str, int]] = MappingProxyType(
    {"general": 0, "5k": 2, "10k": 2, "half": 2, "marathon": 3}
)
#: Each taper week's run distance (the race left out) as a share of the last full week: a
#: progressive taper averaging a 40 to 60 % cut (Bosquet et al. 2007; Mujika 2003).
GEN_TAPER_SHARES: Final[Mapping[int, tuple[float, ...]]] = MappingProxyType(
    {2: (0.65, 0.50), 3: (0.70, 0.60, 0.50)}
)
#: The race: distance (km) and planned effort (CR-10) by goal (race efforts: Foster 2001's
#: session RPE of races, 8 to 9; the longer the race, the more it is paced).
GEN_RACE_KM: Final[Mapping[str, float]] = MappingProxyType(
    {"5k": 5.0, "10k": 10.0, "half": 21.1, "marathon": 42.2}
)
GEN_RACE_RPE: Final[Mapping[str, float]] = MappingProxyType(
    {"5k": 9.0, "10k": 9.0, "half": 8.0, "marathon": 8.0}
)

# -- seed progressions (the running-legs guide; issue 17) ----------------------------------

#: Beginner sprints: 6 x 15 s on / 45 s off, one repetition more a week, up to 10.
GEN_SPRINT_REPS: Final = (6, 10)
#: Squat jumps from 2 sets of 10, a third set from this week of the plan on.
GEN_SQUAT_SETS: Final = (2, 3)
GEN_SQUAT_THIRD_SET_WEEK: Final = 5
#: How much a week is eased each time the rules still find a warning in it (Legwork's choice).
GEN_EASE_STEP: Final = 0.9
#: A week's run distance stays this far above the week before whatever its phase (WEEK_RAMP
#: warns above +30 %; a margin for the rounding of each run).
GEN_RAMP_MAX: Final = 1.28

# == Realign (issue 17) =====================================================================
# When a runner misses part of a generated plan, Realign shifts the rest of the build later and
# eases the return; the race and its taper stay where they are.

#: This many missed workouts of a generated plan make the app offer Realign (issue 17).
REALIGN_MISSED: Final = 3
#: So do this many days with no training session done while the plan had sessions in them
#: (issue 17: a gap of a week or more). The build is shifted by the gap's whole weeks, so the
#: runner's training days and long-run day stay the same weekdays.
REALIGN_GAP_DAYS: Final = 7
#: The return after a break (Daniels' Running Formula, "setbacks": a break of up to 5 days
#: needs no change; 6 days to 4 weeks, the first half of a return as long as the break at
#: about 50 % of the load before it, the second half at 75 %; longer, thirds at 33, 50 and
#: 75 %). Legwork scales the planned distance and duration of the return's days by these.
REALIGN_FULL_DAYS: Final = 5
REALIGN_SHORT_BREAK_DAYS: Final = 28
REALIGN_SHORT_SHARES: Final = (0.50, 0.75)
REALIGN_LONG_SHARES: Final = (0.33, 0.50, 0.75)
#: A realigned week keeps at most this much more of its planned load than the week before kept
#: (the generator's rebound after a step-back week, GEN_REBOUND_MAX), so the return climbs
#: back to the plan a week at a time.
REALIGN_REGROWTH: Final = GEN_REBOUND_MAX
#: When the rules still warn about a realigned week, its sessions are eased by this step (as
#: the generator eases a week, GEN_EASE_STEP) ...
REALIGN_EASE_STEP: Final = GEN_EASE_STEP
#: ... down to this share of what the plan held (Legwork's choice: less is no longer that
#: session; a week still warned about at this share keeps its warning rather than lose days).
REALIGN_MIN_SHARE: Final = 0.25
#: LOAD_RATIO compares 7 days with the 28 ending with them: when the 21 days before the 7
#: hold no load, any training makes the ratio 4 (above 1.5, Gabbett 2016). No easing avoids
#: that after three weeks off, so Realign does not chase it (the first week back says it).
REALIGN_RATIO_BLIND_DAYS: Final = CHRONIC_DAYS - ACUTE_DAYS
#: A race plan's longest run reaches at least this share of the race, else the race is too
#: soon for the runner (published novice plans reach about three quarters: Higdon's half
#: marathon 10 of 13.1 miles, marathon 20 of 26.2).
GEN_RACE_READY_SHARE: Final = 0.5
