"""The bundle's entry point: the installed Legwork's ``python -m planner``.

PyInstaller starts from a script and searches the script's folder for imports; a script
here, rather than ``planner/__main__.py`` itself, keeps the package's own folder off that
search path, so nothing of the package is taken for a top-level module.
"""

import sys

from planner.__main__ import run

if __name__ == "__main__":
    sys.exit(run())
