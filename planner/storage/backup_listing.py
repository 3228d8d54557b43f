"""Listing a plan's backups, each checked, so a damaged one is never offered to restore.

Listing checks each backup (``PRAGMA quick_check`` and Legwork's own checks, read-only) and
counts what it holds; the result is kept by file, size and time, so the Backups dialog opened
again reads none of them.
"""

from __future__ import annotations

import os
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from planner.core.ports import StorageError
from planner.storage.backup_copies import _check, _with_counts
from planner.storage.backup_names import BackupInfo, _parse, backup_folder
from planner.storage.backup_words import refusal
from planner.storage.errors import CorruptDatabaseError, NotADatabaseError
from planner.storage.sqlite_file import _connect_read_only

__all__ = ["list_backups", "newest_good_backup"]


def _counts(path: Path) -> tuple[int | None, int | None]:
    try:
        connection = _connect_read_only(path)
    except sqlite3.Error:
        return None, None
    try:
        workouts = int(connection.execute("SELECT count(*) FROM workouts").fetchone()[0])
        weigh_ins = int(connection.execute("SELECT count(*) FROM weights").fetchone()[0])
    except (sqlite3.Error, ValueError, MemoryError):
        return None, None
    finally:
        connection.close()
    return workouts, weigh_ins


@dataclass(frozen=True)
class _Checked:
    """What the quick check of one backup found (see :func:`_checked`)."""

    workouts: int | None
    weigh_ins: int | None
    damaged: bool
    problem: str | None


#: The checks made so far, by file: (path, size, modification time, inode) -> what was found.
#: A backup is never written again once made, so a file that keeps these is not checked twice.
_CHECKS: OrderedDict[tuple[str, int, int, int], _Checked] = OrderedDict()
_CHECKS_KEPT: Final = 4096


def _checked(path: Path, status: os.stat_result) -> _Checked:
    """Check the backup at ``path`` (``PRAGMA quick_check`` and Legwork's checks) and count it.

    The result is kept for as long as the file keeps its size, time and inode, so listing
    many backups again (opening the dialog again) reads none of them.
    """
    key = (str(path), status.st_size, status.st_mtime_ns, status.st_ino)
    found = _CHECKS.get(key)
    if found is not None:
        _CHECKS.move_to_end(key)
        return found
    try:
        _check(path, full=False)
    except StorageError as exc:
        damaged = isinstance(exc, CorruptDatabaseError | NotADatabaseError)
        found = _Checked(None, None, damaged, refusal(exc))
    else:
        workouts, weigh_ins = _counts(path)
        if workouts is None or weigh_ins is None:
            found = _Checked(None, None, True, "it is damaged (its rows cannot be counted)")
        else:
            found = _Checked(workouts, weigh_ins, False, None)
    _CHECKS[key] = found
    while len(_CHECKS) > _CHECKS_KEPT:
        _CHECKS.popitem(last=False)
    return found


def list_backups(plan: Path, root: Path, *, counts: bool = True) -> list[BackupInfo]:
    """The backups of ``plan``, newest first.

    Args:
        plan: the plan file.
        root: the backups root.
        counts: check each backup (``PRAGMA quick_check`` and Legwork's own checks, read-only,
            writing nothing) and count its workouts and weigh-ins; a file is checked again only
            once its size or time changed. Otherwise the counts are ``None`` and nothing is
            checked.
    """
    folder = backup_folder(plan, root)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    found: list[BackupInfo] = []
    for entry in entries:
        parsed = _parse(entry)
        if parsed is None:
            continue
        try:
            status = entry.stat()
        except OSError:
            continue
        when, reason = parsed
        info = BackupInfo(entry, when, reason, status.st_size)
        if counts:
            check = _checked(entry, status)
            info = replace(
                info,
                workouts=check.workouts,
                weigh_ins=check.weigh_ins,
                damaged=check.damaged,
                problem=check.problem,
            )
        found.append(info)
    found.sort(key=lambda info: (info.when, info.path.name), reverse=True)
    return found


def newest_good_backup(plan: Path, root: Path) -> BackupInfo | None:
    """The newest backup of ``plan`` that passes the full integrity check, with its counts."""
    for info in list_backups(plan, root, counts=False):
        try:
            inspection = _check(info.path, full=True)
        except StorageError:
            continue
        return _with_counts(info, inspection)
    return None
