"""Backups that keep history: a folder per plan, verified copies, a daily/weekly/monthly set.

The backups' API, in one place (``from planner.storage import backups``); each idea lives in a
room of its own:

* :mod:`~planner.storage.backup_names`: a backup's kind, folder and file name
  (:class:`BackupInfo`, :func:`backup_folder`);
* :mod:`~planner.storage.backup_copies`: verified copies, made through SQLite's backup API,
  checked and flushed before they get their name (:func:`copy_backup`);
* :mod:`~planner.storage.backup_listing`: the backups of a plan, each checked
  (:func:`list_backups`, :func:`newest_good_backup`);
* :mod:`~planner.storage.backup_making`: a backup now, or the automatic one of the day
  (:func:`make_backup`, :func:`backup_if_due`);
* :mod:`~planner.storage.backup_rotation`: which backups to keep (:class:`RetentionPolicy`,
  :func:`rotate`);
* :mod:`~planner.storage.backup_restore`: putting a backup back in place of the plan
  (:func:`restore_backup`);
* :mod:`~planner.storage.backup_failures`: the record of the last backup that failed
  (:func:`record_failure`, :func:`last_failure`);
* :mod:`~planner.storage.backup_words`: how a failure is told (:class:`BackupError`).

Standard library only (no SQLAlchemy, no Qt): the app backs up and lists backups without
loading SQLAlchemy. Every function takes the time as ``now`` (an aware ``datetime``), so
rotation can be tested over simulated days.

Failures name what could not be done to which file (the backup, the plan, the copy beside
it), the cause in plain words (a full disk, a folder Legwork may not write to) and what to do.
"""

from __future__ import annotations

from planner.storage.backup_copies import copy_backup
from planner.storage.backup_failures import (
    FAILURE_NAME,
    BackupFailure,
    last_failure,
    record_failure,
)
from planner.storage.backup_listing import list_backups, newest_good_backup
from planner.storage.backup_making import backup_if_due, make_backup
from planner.storage.backup_names import (
    AUTOMATIC,
    BEFORE_RESTORE,
    BEFORE_UPGRADE,
    MARKER_NAME,
    BackupInfo,
    backup_folder,
)
from planner.storage.backup_restore import RestoreResult, restore_backup
from planner.storage.backup_rotation import DEFAULT_POLICY, RetentionPolicy, rotate
from planner.storage.backup_words import BackupError, failure_cause
from planner.storage.safe_files import is_in_backups

__all__ = [
    "AUTOMATIC",
    "BEFORE_RESTORE",
    "BEFORE_UPGRADE",
    "DEFAULT_POLICY",
    "FAILURE_NAME",
    "MARKER_NAME",
    "BackupError",
    "BackupFailure",
    "BackupInfo",
    "RestoreResult",
    "RetentionPolicy",
    "backup_folder",
    "backup_if_due",
    "copy_backup",
    "failure_cause",
    "is_in_backups",
    "last_failure",
    "list_backups",
    "make_backup",
    "newest_good_backup",
    "record_failure",
    "restore_backup",
    "rotate",
]
