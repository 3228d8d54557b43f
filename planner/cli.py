"""The ``legwork`` command: the desktop app by default, plus a few scriptable subcommands.

::

    legwork [--db PATH] [--today YYYY-MM-DD]              the app
    legwork demo --db PATH [--years N] [--today D] [--seed S]
    legwork print-week [WEEK] --db PATH -o FILE.pdf
    legwork export --db PATH [--from D] [--to D] --format json|csv|ics [-o FILE]
    legwork import --db PATH FILE...
    legwork import-weights --db PATH FILE.csv [--replace] [--unit kg|lb] [--date-order dmy|mdy]
    legwork check --db PATH
    legwork config --db PATH [NAME [VALUE]]
    legwork warnings [WEEK] --db PATH [--format text|json]
    legwork --version

``--db`` defaults to ``$LEGWORK_DB`` or the file in the user data dir. Qt is imported only
by the commands that need it (the app, ``print-week``), and the read-only commands
(``export``, ``print-week``, ``check``, ``warnings``, ``config`` without a value) never write
to the database file, so they work while the app has it open. Errors are one
``legwork: error: ...`` line (and a hint) on stderr with a non-zero exit code, never a
traceback (set ``LEGWORK_DEBUG=1`` to get one).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import NoReturn

from planner import __version__
from planner.core import settings as settings_mod
from planner.core.model import (
    FIRST_PLAN_DAY,
    LAST_PLAN_DAY,
    Finding,
    Status,
    ValidationError,
    Workout,
)
from planner.core.ports import PlanRepository, StorageError
from planner.core.service import PlanService
from planner.core.weeks import Week, parse_week, week_of
from planner.interchange import TransferError
from planner.launch import display_problem, split_qt_arguments
from planner.paths import default_db_path

PROG = "legwork"
#: The last day ``export`` reaches when no ``--to`` is given.
LAST_DAY = LAST_PLAN_DAY
MAX_DEMO_YEARS = 50
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class CliError(Exception):
    """A problem to report to the user, with an optional hint; exits with status 1.

    Attributes:
        hint: what the user can do about it ("" when there is nothing to suggest).
    """

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


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


# -- the parser ---------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    """The ``legwork`` argument parser with all its subcommands."""
    parser = _Parser(
        prog=PROG,
        description="Legwork: a private, offline training planner for runners.",
        epilog="Without a command, Legwork opens the planner window.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _add_db(parser, default=None)
    _add_today(parser, default=None, help_text='pin "today" (for demos and tests)')
    parser.set_defaults(handler=_run_app)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser(
        "demo",
        help="fill an empty database with a realistic training history",
        description="Fill an empty database with a realistic history of planned and done "
        "workouts and weigh-ins, for trying the app and for benchmarks. Refuses a database "
        "that already holds workouts.",
    )
    _add_db(demo)
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
    demo.set_defaults(handler=_demo)

    print_week = commands.add_parser(
        "print-week",
        help="the printable week as PDF (works without a display)",
        description="Write the printable sheet of one week as a PDF file.",
    )
    print_week.add_argument(
        "week",
        nargs="?",
        metavar="WEEK",
        help="an ISO week like 2026-W47 or any date in the week (default: this week)",
    )
    _add_db(print_week)
    print_week.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    _add_today(print_week, help_text='what "this week" means (default: today)')
    print_week.set_defaults(handler=_print_week)

    export = commands.add_parser(
        "export",
        help="write workouts as JSON, CSV or iCalendar",
        description="Write the workouts of a date range (default: all) as JSON (re-importable), "
        "CSV (for spreadsheets) or iCalendar (for calendar apps).",
    )
    _add_db(export)
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
    export.set_defaults(handler=_export)

    import_ = commands.add_parser(
        "import",
        help="bring in workouts from JSON exports",
        description="Add the workouts of JSON exports. Each file is one transaction: all of "
        "it or nothing. Workouts already in the plan are not added again.",
    )
    _add_db(import_)
    import_.add_argument(
        "--create",
        action="store_true",
        help="create the plan file when it does not exist yet (otherwise that is an error)",
    )
    import_.add_argument("files", nargs="+", type=Path, metavar="FILE", help="JSON exports")
    import_.set_defaults(handler=_import)

    weights = commands.add_parser(
        "import-weights",
        help="bring in weigh-ins from a CSV file (a date and a weight column)",
        description="Add the weigh-ins of a CSV file whose header names a date column and a "
        "weight column (kg or lb; decimal commas and the usual date forms are fine). All or "
        "nothing: if any row is refused (listed with its row number and why), or a day "
        "already has a different weigh-in and --replace is not given, nothing is written.",
    )
    _add_db(weights)
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
    weights.set_defaults(handler=_import_weights)

    check = commands.add_parser(
        "check",
        help="integrity and schema status (exit code 0 when healthy)",
        description="Check a database's integrity and schema without writing to it. "
        "Exit code 0 when healthy, 1 otherwise.",
    )
    _add_db(check)
    check.add_argument("-v", "--verbose", action="store_true", help="show every detail")
    check.set_defaults(handler=_check)

    config = commands.add_parser(
        "config",
        help="show or change settings (units, first weekday, warning rules)",
        description="Without NAME, list every setting as NAME=VALUE; with NAME, print its "
        "value; with NAME and VALUE, change it (like 'git config'). Settings: units (km or "
        "mi), first-weekday (monday … sunday), rest-days-per-week, min-runs-per-week, "
        "max-runs-per-week, strength-per-week, ramp-limit, and rule.<ID> (on or off) for "
        "each warning rule.",
    )
    _add_db(config)
    config.add_argument("name", nargs="?", metavar="NAME", help="a setting's name")
    config.add_argument("value", nargs="?", metavar="VALUE", help="its new value")
    config.set_defaults(handler=_config)

    warnings = commands.add_parser(
        "warnings",
        help="the warnings for a week (overtraining, missing rest), as the panel shows them",
        description="Print the findings of the warning rules for one week, most severe "
        "first, with the days they concern and where each threshold comes from. Read-only: "
        "works while the app has the plan open.",
    )
    warnings.add_argument(
        "week",
        nargs="?",
        metavar="WEEK",
        help="an ISO week like 2026-W47 or any date in the week (default: this week)",
    )
    _add_db(warnings)
    warnings.add_argument(
        "--format", choices=("text", "json"), default="text", help="how to print (default text)"
    )
    _add_today(warnings, help_text='what "this week" means (default: today)')
    warnings.set_defaults(handler=_warnings)
    return parser


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


# -- entry point --------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``legwork`` command line.

    Args:
        argv: the arguments after the program name (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 on success, 1 when the command failed, 2 for a usage error.
    """
    parser = build_parser()
    given = sys.argv[1:] if argv is None else list(argv)
    # Qt's own options (-platform, -style, -reverse, ...) are for the app's Qt, not for us.
    ours, qt_args = split_qt_arguments(given)
    try:
        args = parser.parse_args(ours)
        if qt_args and args.command is not None:  # a subcommand: they were meant for it
            args, qt_args = parser.parse_args(given), []
    except SystemExit as exc:  # --help, --version and usage errors
        return _exit_status(exc.code)
    args.qt_args = qt_args
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        with _only_writer(args):
            return handler(args)
    except (CliError, StorageError) as exc:
        return _fail(str(exc), exc.hint)
    except TransferError as exc:
        return _fail(str(exc), "Nothing of that file was imported; fix it and import it again.")
    except ValidationError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``legwork export ... | head``): not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILURE
    except OSError as exc:  # a file the command needed (not the database) failed
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}")
    except Exception as exc:  # a bug: still no traceback unless asked for
        if os.environ.get("LEGWORK_DEBUG"):
            raise
        return _fail(
            f"unexpected {type(exc).__name__}: {exc}",
            "This is a bug in Legwork. Run again with LEGWORK_DEBUG=1 to see the traceback.",
        )


#: The commands that write to the plan: each holds the plan's single-writer lock.
WRITING_COMMANDS = frozenset({"demo", "import", "import-weights"})


@contextmanager
def _only_writer(args: argparse.Namespace) -> Iterator[None]:
    """Hold the plan's single-writer lock while a writing command runs.

    While the app (or another writing command) has the plan, the command is refused with one
    line saying who has it; read-only commands never take the lock. A backup is never written.

    Raises:
        CliError: the plan is a backup.
        PlanInUseError: another program holds the plan (a :class:`StorageError`).
    """
    command = getattr(args, "command", None)
    writes = command in WRITING_COMMANDS or (
        command == "config" and getattr(args, "value", None) is not None
    )
    if not writes:
        yield
        return
    from planner.paths import backup_dir
    from planner.storage.backups import is_in_backups
    from planner.storage.plan_files import lock_for_writing

    db = _db_path(args)
    if is_in_backups(db, backup_dir()):
        raise CliError(
            f"{db} is a backup, which Legwork never changes",
            "Restore it with File > Backups... in the app, or copy it elsewhere and use the copy.",
        )
    with lock_for_writing(db, purpose=f"legwork {command}"):
        yield


def _days(count: int) -> str:
    """``1 day``, ``2,345 days``."""
    return f"{count:,} day" if count == 1 else f"{count:,} days"


def _exit_status(code: object) -> int:
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_FAILURE


def _fail(message: str, hint: str = "") -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    if hint:
        print(f"{PROG}: hint: {hint}", file=sys.stderr)
    return EXIT_FAILURE


def _db_path(args: argparse.Namespace) -> Path:
    db: Path | None = getattr(args, "db", None)
    return db.expanduser() if db is not None else default_db_path()


def _today(args: argparse.Namespace) -> date:
    today: date | None = getattr(args, "today", None)
    return today if today is not None else date.today()


def _ensure_parent(path: Path) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create the folder {path.parent}: {exc.strerror}") from None


def _missing_module(exc: ModuleNotFoundError, *names: str) -> bool:
    return exc.name in names


def _import_failure(what: str, exc: ModuleNotFoundError) -> CliError:
    """The error for a module ``what`` needs that cannot be imported."""
    if (exc.name or "").startswith("planner."):
        return CliError(
            f"{what} cannot start: this build of Legwork is incomplete ({exc})",
            "Reinstall Legwork.",
        )
    return CliError(
        f"{what} cannot start: {exc}",
        "Install Legwork with its dependencies (PySide6, pyqtgraph).",
    )


# -- the app ------------------------------------------------------------------------------------
def _run_app(args: argparse.Namespace) -> int:
    qt_args: list[str] = getattr(args, "qt_args", [])
    problem = display_problem(qt_args)
    if problem:  # Qt would abort the process; say it in one line instead
        raise CliError(problem)
    db = _db_path(args)
    _ensure_parent(db)
    try:
        app = importlib.import_module("planner.app")
    except ModuleNotFoundError as exc:
        if _missing_module(exc, "planner.app"):
            raise CliError("the desktop app is not part of this build") from None
        raise _import_failure("the desktop app", exc) from None
    run: Callable[..., int] = app.run
    if qt_args:
        return run(db, today=args.today, qt_args=qt_args)
    return run(db, today=args.today)


# -- demo ---------------------------------------------------------------------------------------
def _demo(args: argparse.Namespace) -> int:
    db = _db_path(args)
    today = _today(args)
    refusal = (
        "demo only fills an empty database, and {db} already holds {count} workouts",
        "Give a new file with --db, e.g. --db demo.sqlite3.",
    )
    if db.exists() and db.stat().st_size > 0:
        with open_readonly_repository(db) as existing:
            count = existing.count_workouts()
        if count:
            raise CliError(refusal[0].format(db=db, count=count), refusal[1])

    from planner.core.demo import generate_history
    from planner.storage.db import open_database
    from planner.storage.demo_plan import write_demo_history

    history = generate_history(years=args.years, today=today, seed=args.seed)
    database = open_database(db)
    try:
        count = database.repository.count_workouts()
        if count:
            raise CliError(refusal[0].format(db=db, count=count), refusal[1])
        write_demo_history(database, history)
    finally:
        database.close()
    print(f"{db}: {describe_history(history.workouts, len(history.weights))}")
    return EXIT_OK


def describe_history(workouts: Sequence[Workout], weigh_ins: int) -> str:
    """One line saying what a demo history holds."""
    if not workouts:
        return f"made no workouts and {weigh_ins} weigh-ins"
    counts = {status: 0 for status in Status}
    for workout in workouts:
        counts[workout.status] += 1
    first = min(w.day for w in workouts)
    last = max(w.day for w in workouts)
    breakdown = ", ".join(f"{counts[s]} {s.value}" for s in Status)
    return (
        f"made {len(workouts)} workouts ({breakdown}) and {weigh_ins} weigh-ins, "
        f"{first.isoformat()} to {last.isoformat()}"
    )


# -- print-week ---------------------------------------------------------------------------------
def _print_week(args: argparse.Namespace) -> int:
    db = _db_path(args)
    out: Path = args.output.expanduser()
    today = _today(args)
    with open_readonly_repository(db) as repository:
        settings = PlanService(repository).settings()
        week = _chosen_week(args.week, today, settings.first_weekday)
        workouts = repository.workouts_between(week.start, week.end)
        findings = PlanService(repository).findings(week, settings=settings)
    if not out.parent.is_dir():
        raise CliError(f"cannot write {out}: the folder {out.parent} does not exist")
    if sys.platform.startswith("linux"):
        # A PDF needs no display: render offscreen even when DISPLAY is set, since it may
        # name a display that is gone (an ssh session), and Qt aborts on one it cannot reach.
        # An empty QT_QPA_PLATFORM counts as unset, as it does for Qt itself.
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        # Imported by name: Qt loads only for this command, and a build without the
        # printing module still runs every other command.
        printing = importlib.import_module("planner.ui.printing")
    except ModuleNotFoundError as exc:
        if _missing_module(
            exc, "planner.ui.printing", "planner.report", "planner.report.week_sheet"
        ):
            raise CliError(
                "printing is not available yet in this build of Legwork",
                "Use 'legwork export' for the plan's data meanwhile.",
            ) from None
        raise _import_failure("printing", exc) from None
    # The storage work is done here: the UI layer never imports storage (import-linter).
    printing.print_week_pdf(
        workouts, week, out, today=today, units=settings.units, findings=findings
    )
    print(f"{out}: week {week.label()} ({week.start.isoformat()} to {week.end.isoformat()})")
    return EXIT_OK


# -- export -------------------------------------------------------------------------------------
def _export(args: argparse.Namespace) -> int:
    db = _db_path(args)
    start: date | None = args.start
    end: date = args.end or LAST_DAY
    if start is not None and start > end:
        raise CliError(f"--from {start.isoformat()} is after --to {end.isoformat()}")
    if args.weights:
        return _export_weights(args, db, start or FIRST_PLAN_DAY, end)
    with open_readonly_repository(db) as repository:
        units = PlanService(repository).settings().units
        if start is None:
            start = repository.first_workout_day()
        workouts = [] if start is None or start > end else repository.workouts_between(start, end)
    if args.format in ("json", "csv"):
        from planner.interchange.workouts_json_csv import workouts_to_csv, workouts_to_json

        text = workouts_to_json(workouts) if args.format == "json" else workouts_to_csv(workouts)
    else:
        from planner.interchange.ics import workouts_to_ics

        text = workouts_to_ics(
            workouts, stamp=datetime.now(UTC).replace(microsecond=0), units=units
        )
    days = [workout.day for workout in workouts]
    return _write_export(args, text, f"{len(workouts)} workouts", days)


def _write_export(args: argparse.Namespace, text: str, count: str, days: list[date]) -> int:
    """Write an export to ``-o FILE`` (then say what it holds) or to standard output."""
    if args.output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK
    out: Path = args.output.expanduser()
    try:
        with out.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    span = f", {days[0].isoformat()} to {days[-1].isoformat()}" if days else ""
    print(f"{out}: {count}{span}")
    return EXIT_OK


def _export_weights(args: argparse.Namespace, db: Path, start: date, end: date) -> int:
    if args.format == "ics":
        raise CliError(
            "--weights writes JSON or CSV, not iCalendar", "Use --format json or --format csv."
        )
    from planner.interchange.weights_export import weights_to_csv, weights_to_json

    with open_readonly_repository(db) as repository:
        entries = repository.weights_between(start, end)
    text = weights_to_json(entries) if args.format == "json" else weights_to_csv(entries)
    count = f"{len(entries)} weigh-in" + ("" if len(entries) == 1 else "s")
    return _write_export(args, text, count, [entry.day for entry in entries])


# -- import -------------------------------------------------------------------------------------
def _import(args: argparse.Namespace) -> int:
    db = _db_path(args)
    if not db.exists() and not args.create:
        raise CliError(
            f"{db}: no such plan file",
            "Check the path, or add --create to start a new plan with these workouts.",
        )
    from planner.interchange.workouts_json_csv import workouts_from_json

    files: list[Path] = args.files
    # Read and check every file before touching the database: a file with a problem is
    # reported and leaves the database exactly as it was.
    parsed: list[tuple[str, list[Workout]]] = []
    failed = 0
    for file in files:
        name = str(file)
        try:
            parsed.append((name, workouts_from_json(_read_text(file), source=name)))
        except TransferError as exc:
            _fail(str(exc), "Nothing of that file was imported; fix it and import it again.")
            failed += 1
    if parsed:
        from planner.storage.db import open_database

        database = open_database(db)
        try:
            service = PlanService(database.repository)
            for name, incoming in parsed:
                try:
                    change = service.import_workouts(incoming)
                except StorageError as exc:
                    _fail(f"{name}: {exc}", exc.hint or "Nothing of that file was imported.")
                    failed += 1
                    continue
                except ValidationError as exc:
                    _fail(f"{name}: {exc}", "Nothing of that file was imported.")
                    failed += 1
                    continue
                added = sum(1 for before in change.before.values() if before is None)
                print(f"{name}: {added} added, {len(incoming) - added} already there")
        finally:
            database.close()
    return EXIT_FAILURE if failed else EXIT_OK


def _read_text(file: Path) -> str:
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise TransferError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise TransferError(f"{file}: is a folder, not a file") from None
    except OSError as exc:
        raise TransferError(f"{file}: cannot read it: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TransferError(
            f"{file}: not UTF-8 text (byte {exc.start + 1}); is it really a JSON export?"
        ) from None


# -- import-weights -----------------------------------------------------------------------------
def _import_weights(args: argparse.Namespace) -> int:
    from planner.core.formatting import format_weights_apart
    from planner.core.weighins import plan_weigh_ins
    from planner.interchange import weights_csv

    db = _db_path(args)
    file: Path = args.file
    problem = _missing_file_problem(db)
    if problem:
        raise CliError(problem, "Give the right file with --db (or set LEGWORK_DB).")
    try:
        scanned = weights_csv.scan_weights_file(file, today=_today(args))
    except OSError as exc:
        raise CliError(f"{file}: {exc.strerror or exc}") from None
    except weights_csv.WeightFileError as exc:
        raise CliError(f"{file}: {exc}", "Nothing was imported.") from None
    from planner.storage.db import open_database

    with open_database(db) as database:
        service = PlanService(database.repository, today=lambda: _today(args))
        units = service.settings().weight_units
        default_unit = weights_csv.WeightUnit(args.unit or units.weight_label)
        try:
            found = scanned.resolve(
                unit=default_unit,
                date_order=weights_csv.DateOrder(args.date_order) if args.date_order else None,
            )
        except weights_csv.WeightFileError as exc:
            hint = "Add --date-order dmy or --date-order mdy." if exc.ambiguous_dates else ""
            raise CliError(f"{file}: {exc}", hint or "Nothing was imported.") from None
        # A bounded summary: the first examples of each kind of refusal, then a count.
        for kind, examples, more in found.refused_groups():
            for refused in examples:
                print(f"{PROG}: {file}: row {refused.row}: {refused.reason}", file=sys.stderr)
            if more:
                print(
                    f"{PROG}: {file}: and {more:,} more row{'s' * (more != 1)} like these "
                    f"({kind.label})",
                    file=sys.stderr,
                )
        if found.refused_count:
            count = found.refused_count
            raise CliError(
                f"{file}: {count:,} row{'s' * (count != 1)} refused; nothing was imported",
                "Fix or remove those rows and import the file again.",
            )
        entries = found.entries
        stored = (
            service.weights(min(e.day for e in entries), max(e.day for e in entries))
            if (entries)
            else []
        )
        plan = plan_weigh_ins(entries, stored, today=_today(args))
        if plan.replacing and not args.replace:
            shown = "; ".join(
                "{}: {} logged, {} in the file".format(
                    new.day.isoformat(), *format_weights_apart(old.kg, new.kg, units)
                )
                for old, new in plan.replacing[:5]
            )
            others = f" and {len(plan.replacing) - 5:,} more" if len(plan.replacing) > 5 else ""
            raise CliError(
                f"{file}: {_days(len(plan.replacing))} already "
                f"{'has' if len(plan.replacing) == 1 else 'have'} a different weigh-in "
                f"({shown}{others}); nothing was imported",
                "Add --replace to replace them with the file's weigh-ins.",
            )
        service.import_weights(entries, replace=args.replace)
    print(
        f"{file}: {len(plan.new):,} added, {len(plan.replacing):,} replaced, "
        f"{len(plan.unchanged):,} already there"
    )
    return EXIT_OK


# -- check --------------------------------------------------------------------------------------
def _check(args: argparse.Namespace) -> int:
    db = _db_path(args)
    problem = _missing_file_problem(db)
    if problem:
        return _fail(problem)
    from planner.storage.db import check_database

    result = check_database(db)
    damaged = _damaged_settings(db) if result.ok else ()
    if args.verbose:
        for detail in result.details:
            print(f"  {detail}")
        for item in damaged:
            print(f"  setting {item.describe()}")
    if not result.ok:
        return _fail(result.message)
    if damaged:
        return _fail(
            f"{db}: damaged settings will be reset to their defaults: "
            f"{settings_mod.damaged_summary(damaged)}",
            "Legwork uses the defaults until the settings are saved again: saving Preferences "
            "in the app, or legwork config NAME VALUE, rewrites them.",
        )
    print(result.message)
    return EXIT_OK


def _damaged_settings(db: Path) -> tuple[settings_mod.DamagedSetting, ...]:
    """The settings ``db`` holds but Legwork cannot use, read without writing.

    None when the file cannot be read that way: a plan of an older schema is read only after
    Legwork has upgraded it, and the window then tells of any damaged setting.
    """
    try:
        with open_readonly_repository(db) as repository:
            return PlanService(repository).settings().damaged
    except StorageError:
        return ()


def _missing_file_problem(db: Path) -> str:
    if not db.exists():
        return f"{db}: no such database file"
    if not db.is_file():
        return f"{db}: not a file"
    if db.stat().st_size == 0:
        return f"{db}: the file is empty (0 bytes), not a Legwork database"
    return ""


# -- warnings -----------------------------------------------------------------------------------
def _warnings(args: argparse.Namespace) -> int:
    from planner.core.finding_text import days_text

    db = _db_path(args)
    with open_readonly_repository(db) as repository:
        service = PlanService(repository)
        settings = service.settings()
        week = _chosen_week(args.week, _today(args), settings.first_weekday)
        findings = service.findings(week, settings=settings)
    if args.format == "json":
        print(json.dumps([finding_to_dict(f) for f in findings], indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"Week {week.label()} ({week.start.isoformat()} to {week.end.isoformat()})")
    if not findings:
        print("No warnings this week.")
        return EXIT_OK
    for finding in findings:
        days = days_text(finding.days)  # as the panel writes them: Mon 9 Nov
        print(f"{finding.severity.label.upper():8}  {days}")
        print(f"          {finding.message}")
        if finding.source:
            print(f"          Source: {finding.source}")
    return EXIT_OK


def finding_to_dict(finding: Finding) -> dict[str, object]:
    """A finding as JSON-ready data with the :class:`Finding` field names, days ISO."""
    return {
        "rule_id": finding.rule_id,
        "severity": finding.severity.label,
        "days": [day.isoformat() for day in finding.days],
        "message": finding.message,
        "source": finding.source,
    }


def _chosen_week(text: str | None, today: date, first_weekday: int) -> Week:
    try:
        week = parse_week(text, first_weekday) if text else week_of(today, first_weekday)
    except (ValueError, OverflowError) as exc:
        raise CliError(str(exc)) from None
    if not FIRST_PLAN_DAY <= week.start <= LAST_PLAN_DAY:
        raise CliError(
            f"week {text or week.label()} is outside the years Legwork plans "
            f"({FIRST_PLAN_DAY.year} to {LAST_PLAN_DAY.year})"
        )
    return week


# -- config -------------------------------------------------------------------------------------
def _config(args: argparse.Namespace) -> int:
    db = _db_path(args)
    name: str | None = args.name
    value: str | None = args.value
    if value is None:
        with open_readonly_repository(db) as repository:
            texts = settings_mod.to_strings(PlanService(repository).settings())
        if name is None:
            for key, text in texts.items():
                print(f"{key}={text}")
            return EXIT_OK
        try:
            print(texts[settings_mod.spec(name).name])
        except settings_mod.SettingError as exc:
            raise CliError(str(exc)) from None
        return EXIT_OK
    assert name is not None
    problem = _missing_file_problem(db)
    if problem:
        raise CliError(problem, "Give the right file with --db (or set LEGWORK_DB).")
    from planner.storage.db import open_database

    with open_database(db) as database:
        service = PlanService(database.repository)
        try:
            service.set_setting(name, value)
        except settings_mod.SettingError as exc:
            raise CliError(str(exc)) from None
        texts = settings_mod.to_strings(service.settings())
    key = settings_mod.spec(name).name
    print(f"{key}={texts[key]}")
    return EXIT_OK


# -- read-only access ---------------------------------------------------------------------------
@contextmanager
def open_readonly_repository(db: Path) -> Iterator[PlanRepository]:
    """A repository on ``db`` that cannot write to the file.

    The file is opened with :func:`planner.storage.db.open_database` in read-only mode
    (SQLite ``mode=ro``): nothing is created, upgraded or seeded, and it works while the
    app has the same file open.

    Raises:
        CliError: the file does not exist or is empty.
        StorageError: the file is not a Legwork database this version can read.
    """
    problem = _missing_file_problem(db)
    if problem:
        raise CliError(problem, "Give the right file with --db (or set LEGWORK_DB).")
    from planner.storage.db import open_database

    database = open_database(db, read_only=True)
    try:
        yield database.repository
    finally:
        database.close()
