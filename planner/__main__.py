"""``python -m planner`` starts Legwork, exactly like the ``legwork`` command.

It is also the entry point of the PyInstaller bundle, where
:func:`multiprocessing.freeze_support` lets the bundle's own executable serve as the
activity reader's worker processes (it returns at once everywhere else).
"""

import multiprocessing
import sys

from planner.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
