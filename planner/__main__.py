"""``python -m planner`` starts Legwork, exactly like the ``legwork`` command."""

import sys

from planner.cli import main

if __name__ == "__main__":
    sys.exit(main())
