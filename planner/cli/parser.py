"""The ``legwork`` argument parser: every command, option and argument type, in one place.

Each command names the module of this package that runs it (``args.command_module``); the
module is imported only when its command runs, so the app starts without the others.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple, NoReturn

from planner import __version__
from planner.cli.common import EXIT_USAGE, PROG
from planner.core.weeks import DAY_NAMES

MAX_DEMO_YEARS = 50
#: The module of :mod:`planner.cli` that runs ``legwork`` without a command.
APP_MODULE = "gui"
#: The module that runs ``legwork --smoke``.
SMOKE_MODULE = "smoke"
_WEEK_HELP = "an ISO week like 2026-W47 or any date in the week (default: this week)"
_THIS_WEEK_HELP = 'what "this week" means (default: today)'


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors read ``legwork: error: ...`` in every subcommand."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{PROG}: error: {message}\n")


# -- argument types -----------------------------------------------------------------------------
def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: use YYYY-MM-DD, e.g. 2026-11-21"
        ) from None


def _years_arg(text: str) -> int:
    try:
        years = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of years") from None
    if not 1 <= years <= MAX_DEMO_YEARS:
        raise argparse.ArgumentTypeError(f"give 1 to {MAX_DEMO_YEARS} years, not {years}")
    return years


def _int_arg(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def _weekday_arg(text: str) -> int:
    value = text.strip().lower()
    for index, name in enumerate(DAY_NAMES):
        if value in (name.lower(), name.lower()[:3]):
            return index
    raise argparse.ArgumentTypeError(f"{text!r} is not a weekday: use mon … sun or monday …")


def _weekdays_arg(text: str) -> frozenset[int]:
    return frozenset(_weekday_arg(part) for part in text.split(",") if part.strip())


def _km_arg(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a distance in km") from None


# -- shared arguments ---------------------------------------------------------------------------
def _add_db(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    # Subcommands default to SUPPRESS so that ``legwork --db X export`` keeps X.
    parser.add_argument(
        "--db",
        type=Path,
        default=default,
        metavar="PATH",
        help="the database file (default: $LEGWORK_DB or the one in the user data dir)",
    )


def _add_today(
    parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS, *, help_text: str
) -> None:
    parser.add_argument(
        "--today", type=_date_arg, default=default, metavar="YYYY-MM-DD", help=help_text
    )


def _add_week(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("week", nargs="?", metavar="WEEK", help=_WEEK_HELP)


# -- the parser ---------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    """The ``legwork`` argument parser with all its subcommands."""
    parser = _Parser(
        prog=PROG,
        description="Legwork: a private, offline training planner for runners.",
        epilog="Without a command, Legwork opens the planner window.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="test this installation and exit: a demo plan in a temporary folder, the window, "
        "its warnings and charts, a printed week (exit code 0 when all of it works)",
    )
    _add_db(parser, default=None)
    _add_today(parser, default=None, help_text='pin "today" (for demos and tests)')
    parser.set_defaults(command_module=APP_MODULE)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, command in _COMMANDS.items():
        subparser = commands.add_parser(name, help=command.help, description=command.description)
        _add_db(subparser)
        command.add_arguments(subparser)
        subparser.set_defaults(command_module=command.module)
    return parser


# -- each command's own arguments ---------------------------------------------------------------
def _demo_arguments(demo: argparse.ArgumentParser) -> None:
    demo.add_argument(
        "--years", type=_years_arg, default=2, help="how many years of history (default 2)"
    )
    _add_today(demo, help_text="the last day of the history (default: today)")
    demo.add_argument(
        "--seed",
        type=_int_arg,
        default=2026,
        help="random seed (default 2026): same seed, same history",
    )


def _print_week_arguments(print_week: argparse.ArgumentParser) -> None:
    _add_week(print_week)
    print_week.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    _add_today(print_week, help_text=_THIS_WEEK_HELP)


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "--from", dest="start", type=_date_arg, metavar="DATE", help="first day (default: first)"
    )
    export.add_argument(
        "--to", dest="end", type=_date_arg, metavar="DATE", help="last day (default: last)"
    )
    export.add_argument(
        "--format", choices=("json", "csv", "ics"), required=True, help="the file format"
    )
    export.add_argument(
        "--weights",
        action="store_true",
        help="the weight log instead of the workouts (JSON: a list of {day, kg}; CSV: day,kg)",
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="where to write (default: stdout)"
    )


def _import_arguments(import_: argparse.ArgumentParser) -> None:
    import_.add_argument(
        "--create",
        action="store_true",
        help="create the plan file when it does not exist yet (otherwise that is an error)",
    )
    import_.add_argument("files", nargs="+", type=Path, metavar="FILE", help="JSON exports")


def _import_weights_arguments(weights: argparse.ArgumentParser) -> None:
    weights.add_argument("file", type=Path, metavar="FILE.csv", help="the CSV file")
    weights.add_argument(
        "--replace",
        action="store_true",
        help="replace weigh-ins already logged on the same days with the file's",
    )
    weights.add_argument(
        "--unit",
        choices=("kg", "lb"),
        help="the unit of weights when the header names none (default: the plan's units)",
    )
    weights.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="read dates like 03/04/2026 day first (dmy) or month first (mdy); needed only "
        "when the file itself does not settle it",
    )
    _add_today(weights, help_text="dates after this day are refused (default: today)")


def _import_activities_arguments(activities: argparse.ArgumentParser) -> None:
    activities.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="FIT, GPX or TCX files (also .gz), folders (searched recursively) and ZIP archives",
    )
    activities.add_argument(
        "--dry-run", action="store_true", help="report what would be imported; write nothing"
    )
    activities.add_argument(
        "--format", choices=("text", "json"), default="text", help="how to report (default text)"
    )
    _add_today(activities, help_text="activities dated after this day are refused (default: today)")


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("-v", "--verbose", action="store_true", help="show every detail")


def _config_arguments(config: argparse.ArgumentParser) -> None:
    config.add_argument("name", nargs="?", metavar="NAME", help="a setting's name")
    config.add_argument("value", nargs="?", metavar="VALUE", help="its new value")


def _warnings_arguments(warnings: argparse.ArgumentParser) -> None:
    _add_week(warnings)
    warnings.add_argument(
        "--format", choices=("text", "json"), default="text", help="how to print (default text)"
    )
    _add_today(warnings, help_text=_THIS_WEEK_HELP)


def _heavy_legs_arguments(heavy_legs: argparse.ArgumentParser) -> None:
    heavy_legs.add_argument(
        "day",
        nargs="?",
        type=_date_arg,
        metavar="DAY",
        help="a day you reported heavy legs on, YYYY-MM-DD (default: the latest report)",
    )
    heavy_legs.add_argument(
        "--format", choices=("text", "json"), default="text", help="how to print (default text)"
    )


def _plan_arguments(plan: argparse.ArgumentParser) -> None:
    plan.add_argument(
        "--goal",
        choices=("general", "5k", "10k", "half", "marathon"),
        required=True,
        help="general fitness or the race the plan leads to",
    )
    plan.add_argument("--race-date", type=_date_arg, metavar="DATE", help="the race's day")
    plan.add_argument("--weeks", type=_int_arg, metavar="N", help="weeks of general fitness")
    plan.add_argument("--runs", type=_int_arg, default=4, metavar="N", help="runs a week, 3 to 6")
    plan.add_argument(
        "--days",
        type=_weekdays_arg,
        default=frozenset(range(7)),
        metavar="mon,wed,...",
        help="the days you can train (default: every day)",
    )
    plan.add_argument(
        "--long-run-day",
        type=_weekday_arg,
        metavar="DAY",
        help="the long run's day (default: Sunday, or the last of --days)",
    )
    plan.add_argument(
        "--strength", type=_int_arg, default=2, metavar="N", help="strength sessions a week"
    )
    plan.add_argument("--hiit", type=_int_arg, default=0, metavar="N", help="HIIT a week, 0 to 2")
    plan.add_argument(
        "--start", type=_date_arg, metavar="DATE", help="the first day (default: next week's)"
    )
    plan.add_argument(
        "--current-km",
        type=_km_arg,
        metavar="KM",
        help="your weekly distance now (default: from the last four weeks)",
    )
    plan.add_argument(
        "--longest-km",
        type=_km_arg,
        metavar="KM",
        help="your longest recent run (default: from the last four weeks)",
    )
    where = plan.add_mutually_exclusive_group()
    where.add_argument(
        "--replace",
        action="store_true",
        help="delete the workouts still planned in the plan's range (done ones stay)",
    )
    where.add_argument(
        "--keep", action="store_true", help="keep the workouts planned in the range as well"
    )
    plan.add_argument("--dry-run", action="store_true", help="print the plan; write nothing")
    plan.add_argument(
        "--format", choices=("text", "json"), default="text", help="how to print (default text)"
    )
    _add_today(plan, help_text='what "next week" means (default: today)')


class _Command(NamedTuple):
    """A subcommand: who runs it, how ``--help`` tells of it, and what it takes."""

    module: str  # the module of planner.cli with its ``run(args)``
    help: str  # its line in ``legwork --help``
    description: str  # the start of ``legwork COMMAND --help``
    add_arguments: Callable[[argparse.ArgumentParser], None]  # all but --db, which all take


#: The subcommands in the order ``legwork --help`` lists them.
_COMMANDS: dict[str, _Command] = {
    "demo": _Command(
        "demo",
        "fill an empty database with a realistic training history",
        "Fill an empty database with a realistic history of planned and done "
        "workouts and weigh-ins, for trying the app and for benchmarks. Refuses a database "
        "that already holds workouts.",
        _demo_arguments,
    ),
    "print-week": _Command(
        "print_week",
        "the printable week as PDF (works without a display)",
        "Write the printable sheet of one week as a PDF file.",
        _print_week_arguments,
    ),
    "export": _Command(
        "export",
        "write workouts as JSON, CSV or iCalendar",
        "Write the workouts of a date range (default: all) as JSON (re-importable), "
        "CSV (for spreadsheets) or iCalendar (for calendar apps).",
        _export_arguments,
    ),
    "import": _Command(
        "import_workouts",
        "bring in workouts from JSON exports",
        "Add the workouts of JSON exports. Each file is one transaction: all of "
        "it or nothing. Workouts already in the plan are not added again.",
        _import_arguments,
    ),
    "import-weights": _Command(
        "import_weights",
        "bring in weigh-ins from a CSV file (a date and a weight column)",
        "Add the weigh-ins of a CSV file whose header names a date column and a "
        "weight column (kg or lb; decimal commas and the usual date forms are fine). All or "
        "nothing: if any row is refused (listed with its row number and why), or a day "
        "already has a different weigh-in and --replace is not given, nothing is written.",
        _import_weights_arguments,
    ),
    "import-activities": _Command(
        "import_activities",
        "bring in activities a watch recorded (FIT, GPX, TCX), matched to the plan",
        "Add the activities of FIT, GPX and TCX files, folders and ZIP archives (such as a "
        "Strava or Garmin bulk export). Each links to the planned workout of its day and kind, "
        "which becomes done, or makes a new done workout; activities already in the plan are "
        "skipped as duplicates; a file that is not an activity is refused with the reason while "
        "the others import. All of it is one transaction.",
        _import_activities_arguments,
    ),
    "plan": _Command(
        "plan",
        "generate a training plan that passes the warning rules",
        "Generate a training plan for general fitness or a race (5 km to marathon) from "
        "your weekly distance and longest run (by default from the last four weeks), and add "
        "it as one write. Every plan is checked by the warning rules: it raises no warning "
        "for your history. Where the plan's range already holds planned workouts, say what "
        "to do with --replace or --keep; --dry-run prints the plan and writes nothing.",
        _plan_arguments,
    ),
    "check": _Command(
        "check",
        "integrity and schema status (exit code 0 when healthy)",
        "Check a database's integrity and schema without writing to it. "
        "Exit code 0 when healthy, 1 otherwise.",
        _check_arguments,
    ),
    "config": _Command(
        "config",
        "show or change settings (units, first weekday, warning rules)",
        "Without NAME, list every setting as NAME=VALUE; with NAME, print its "
        "value; with NAME and VALUE, change it (like 'git config'). Settings: units (km or "
        "mi), first-weekday (monday … sunday), rest-days-per-week, min-runs-per-week, "
        "max-runs-per-week, strength-per-week, ramp-limit, and rule.<ID> (on or off) for "
        "each warning rule.",
        _config_arguments,
    ),
    "warnings": _Command(
        "warnings",
        "the warnings for a week (overtraining, missing rest), as the panel shows them",
        "Print the findings of the warning rules for one week, most severe "
        "first, with the days they concern and where each threshold comes from. Read-only: "
        "works while the app has the plan open.",
        _warnings_arguments,
    ),
    "heavy-legs": _Command(
        "heavy_legs",
        "why your legs may have felt heavy on a day you reported it, from your own plan",
        "Explain a day you reported heavy legs on (default: the latest report): the causes "
        "of the running-legs guide that your plan shows (recovery, strength, weight gain, "
        "fuel, protein), with your own figures and what to do, then the questions the plan "
        "cannot answer. Read-only: works while the app has the plan open.",
        _heavy_legs_arguments,
    ),
}
