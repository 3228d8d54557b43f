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
    legwork heavy-legs [DAY] --db PATH [--format text|json]
    legwork import-activities --db PATH PATH... [--dry-run] [--format text|json]
    legwork plan --db PATH --goal GOAL [--race-date D | --weeks N] [...] [--dry-run]
    legwork --smoke                                        test this installation
    legwork --version

``--db`` defaults to ``$LEGWORK_DB`` or the file in the user data dir. The options are wired in
:mod:`planner.cli.parser`; each command runs in a module of its own (:mod:`~planner.cli.gui`
for the app), imported only when that command runs. Qt is imported only by the commands that
need it (the app, ``print-week``), and the read-only commands (``export``, ``print-week``,
``check``, ``warnings``, ``heavy-legs``, ``config`` without a value) never write to the
database file, so they work while the app has it open. Errors are one ``legwork: error: ...``
line (and a hint) on stderr with a non-zero exit code, never a traceback (set
``LEGWORK_DEBUG=1`` to get one).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from planner.cli.common import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    CliError,
    fail,
    open_readonly_repository,
)
from planner.cli.parser import SMOKE_MODULE, build_parser
from planner.cli.writing import WRITING_COMMANDS, only_writer
from planner.core.model import ValidationError
from planner.core.ports import StorageError
from planner.interchange import TransferError
from planner.launch import split_qt_arguments

__all__ = [
    "EXIT_FAILURE",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_USAGE",
    "WRITING_COMMANDS",
    "CliError",
    "build_parser",
    "main",
    "open_readonly_repository",
]


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
        if args.smoke:
            if args.command is not None or args.db is not None or args.today is not None:
                parser.error("--smoke makes its own plan: give it no command, --db or --today")
            args.command_module = SMOKE_MODULE
    except SystemExit as exc:  # --help, --version and usage errors
        return _exit_status(exc.code)
    args.qt_args = qt_args
    try:
        handler = _handler(args)
        with only_writer(args):
            return handler(args)
    except (CliError, StorageError) as exc:
        return fail(str(exc), exc.hint)
    except TransferError as exc:
        return fail(str(exc), "Nothing of that file was imported; fix it and import it again.")
    except ValidationError as exc:
        return fail(str(exc))
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
        return fail(f"{where}{exc.strerror or exc}")
    except Exception as exc:  # a bug: still no traceback unless asked for
        if os.environ.get("LEGWORK_DEBUG"):
            raise
        return fail(
            f"unexpected {type(exc).__name__}: {exc}",
            "This is a bug in Legwork. Run again with LEGWORK_DEBUG=1 to see the traceback.",
        )


def _handler(args: argparse.Namespace) -> Callable[[argparse.Namespace], int]:
    """The ``run`` function of the module that runs the chosen command, imported now."""
    module = importlib.import_module(f"{__name__}.{args.command_module}")
    run: Callable[[argparse.Namespace], int] = module.run
    return run


def _exit_status(code: object) -> int:
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return EXIT_FAILURE
