"""What a backup is called and where it lives: its kind, its folder, its file name, its info.

Layout, inside the backups root (``<user data folder>/backups``)::

    legwork-3f9c0a12bd/                                  one folder per plan file
        plan.txt                                         which plan these are backups of
        legwork-2026-03-02-091500+0100.sqlite3           automatic (daily)
        legwork-2026-03-09-180212+0100-before-restore.sqlite3
        legwork-2026-04-01-080000+0200-before-upgrade.sqlite3

The folder is named after the plan's file name and a short hash of its resolved path, so two
plans with the same file name never share (or rotate away) each other's backups. File names
carry the local time with its UTC offset: a backup's kind and time are read back from its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Final

from planner.storage.backup_words import CopyWords
from planner.storage.safe_files import (
    BACKUP_MARKER_FIRST_LINE,
    BACKUP_MARKER_NAME,
    plan_key,
    plan_label,
    resolved_plan,
)

__all__ = [
    "AUTOMATIC",
    "BEFORE_RESTORE",
    "BEFORE_UPGRADE",
    "MARKER_NAME",
    "BackupInfo",
    "backup_folder",
]

#: A backup taken at start or close (rotated as daily/weekly/monthly).
AUTOMATIC: Final = "automatic"
#: A safety copy taken before a schema upgrade.
BEFORE_UPGRADE: Final = "before-upgrade"
#: A safety copy of the plan a restore replaced.
BEFORE_RESTORE: Final = "before-restore"
#: The file in each plan's backup folder that names the plan.
MARKER_NAME: Final = BACKUP_MARKER_NAME
_MARKER_FIRST_LINE: Final = BACKUP_MARKER_FIRST_LINE
_SAFETY_REASONS: Final = (BEFORE_UPGRADE, BEFORE_RESTORE)
_SUFFIX: Final = ".sqlite3"
_NAME = re.compile(
    r"^(?P<label>.+)-(?P<stamp>\d{4}-\d{2}-\d{2}-\d{6}[+-]\d{4})"
    r"(?:-(?P<reason>before-upgrade|before-restore))?(?:-(?P<counter>\d+))?\.sqlite3$"
)
_STAMP_FORMAT: Final = "%Y-%m-%d-%H%M%S%z"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file.

    Attributes:
        path: the file.
        when: when it was taken (aware; the offset the file name carries).
        reason: :data:`AUTOMATIC`, :data:`BEFORE_UPGRADE` or :data:`BEFORE_RESTORE`.
        size: its size in bytes.
        workouts: how many workouts it holds (``None`` when not counted, damaged or unreadable).
        weigh_ins: how many weigh-ins it holds (``None`` likewise).
        damaged: its check found it damaged (cut short, or its pages are broken).
        problem: why it cannot be restored, for people (``it is damaged (...)``), or ``None``
            when it passed its check (or was not checked).
    """

    path: Path
    when: datetime
    reason: str
    size: int
    workouts: int | None = None
    weigh_ins: int | None = None
    damaged: bool = False
    problem: str | None = None


def _require_aware(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("pass an aware time, e.g. datetime.now().astimezone()")


def backup_folder(plan: Path, root: Path) -> Path:
    """The folder of ``plan``'s backups inside ``root`` (it may not exist yet)."""
    return Path(root) / f"{plan_label(plan)}-{plan_key(plan)}"


def _parse(path: Path) -> tuple[datetime, str] | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        when = datetime.strptime(match["stamp"], _STAMP_FORMAT)
    except ValueError:
        return None
    return when, match["reason"] or AUTOMATIC


def _backup_name(plan: Path, when: datetime, reason: str, counter: int) -> str:
    stamp = when.strftime(_STAMP_FORMAT)
    tail = "" if reason == AUTOMATIC else f"-{reason}"
    number = "" if counter == 1 else f"-{counter}"
    return f"{plan_label(plan)}-{stamp}{tail}{number}{_SUFFIX}"


def _prepare_folder(plan: Path, root: Path) -> Path:
    """Make ``plan``'s backup folder and its marker; return the folder.

    Raises:
        BackupError: the folder cannot be made or written (the message says why).
    """
    folder = backup_folder(plan, root)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        marker = folder / MARKER_NAME
        text = (
            f"{_MARKER_FIRST_LINE}\n{resolved_plan(plan)}\n\n"
            "Legwork keeps these copies itself. To go back to one, use File > Backups... in "
            "Legwork. Opening one of these files in Legwork opens a copy of it.\n"
        )
        # surrogateescape: the plan's path as the system stores it, valid UTF-8 or not.
        written = marker.read_text("utf-8", "surrogateescape") if marker.exists() else None
        if written != text:
            marker.write_text(text, encoding="utf-8", errors="surrogateescape")
    except OSError as exc:
        raise _backup_words(plan).write_failed(exc, folder) from exc
    return folder


def _backup_words(plan: Path) -> CopyWords:
    """How the failures of a backup of ``plan`` are told."""
    return CopyWords(f"Legwork could not back up {plan.name}", "your plan", "the backups")


def _local_day(when: datetime, now: datetime) -> date:
    return when.astimezone(now.tzinfo).date()
