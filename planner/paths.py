"""Where Legwork keeps its files: the user data dir, the database, backups, resources.

Nothing here creates a directory: the callers that write (storage, the CLI's writing
commands) create what they need, so read-only commands never leave traces behind.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

#: The environment variable that overrides the default database path.
DB_ENV_VAR = "LEGWORK_DB"
#: The database file name inside the user data dir.
DB_FILE_NAME = "legwork.sqlite3"

_PACKAGE_DIR = Path(__file__).resolve().parent


def user_data_dir() -> Path:
    """The per-user data directory (``~/.local/share/Legwork`` on Linux)."""
    return Path(platformdirs.user_data_dir("Legwork", appauthor=False))


def default_db_path() -> Path:
    """The database Legwork opens when no ``--db`` is given.

    The ``LEGWORK_DB`` environment variable, when set and not empty, overrides the
    default ``<user data dir>/legwork.sqlite3``; ``~`` in it is expanded.
    """
    override = os.environ.get(DB_ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    return user_data_dir() / DB_FILE_NAME


def backup_dir() -> Path:
    """Where the automatic rotating backups of the database go."""
    return user_data_dir() / "backups"


def resources_dir() -> Path:
    """The folder with the icons, stylesheet, ``.desktop`` file and metainfo.

    Looked up, first existing wins:

    1. frozen by PyInstaller: ``<sys._MEIPASS>/resources`` (or ``.../planner/resources``);
    2. a source checkout: the top-level ``resources/`` beside ``pyproject.toml``;
    3. an installed wheel: the package data ``planner/resources``.

    When none exists the installed-package location is returned, so error messages name
    a sensible place.
    """
    for candidate in _resource_candidates():
        if candidate.is_dir():
            return candidate
    return _PACKAGE_DIR / "resources"


def _resource_candidates() -> list[Path]:
    candidates: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        candidates += [Path(bundle) / "resources", Path(bundle) / "planner" / "resources"]
    checkout = _PACKAGE_DIR.parent
    if (checkout / "pyproject.toml").is_file():
        candidates.append(checkout / "resources")
    candidates.append(_PACKAGE_DIR / "resources")
    return candidates
