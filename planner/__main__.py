"""``python -m planner`` starts Legwork, exactly like the ``legwork`` command.

:func:`run` is also the PyInstaller bundle's entry (``packaging/entry.py``), where
:func:`multiprocessing.freeze_support` lets the bundle's own executable serve as the
activity reader's worker processes (it returns at once everywhere else).
"""

import multiprocessing
import sys

from planner.cli import main


def run() -> int:
    """Run the ``legwork`` command line on ``sys.argv``; its exit status."""
    multiprocessing.freeze_support()
    return main()


if __name__ == "__main__":
    sys.exit(run())
