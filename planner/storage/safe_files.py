"""Files written and moved so that none is ever lost: a plan's names, temporaries, set-asides.

Standard library only (no SQLAlchemy, no Qt).

* A plan's names: its resolved path (:func:`resolved_plan`), a short key and a label made from
  it (for its lock files and its backup folder), and the ``-wal``/``-shm``/``-journal`` files
  SQLite keeps beside it (:func:`side_files`).
* Files Legwork writes under a temporary name (a new plan, a restore, a backup) are named
  ``.NAME.<what>-<pid>-<token>.tmp`` (:func:`temporary_name`), flushed to disk
  (:func:`fsync_file`) and renamed without ever overwriting anything
  (:func:`move_no_clobber`); :func:`remove_stale_temporaries` removes those whose process is
  gone (a writer killed half way).
* :func:`set_aside` renames a plan and its ``-wal``/``-shm`` files to ``NAME.<what>-<time>``
  (never overwriting anything), so a damaged or replaced plan is kept, not deleted.
* :func:`recover_interrupted` finishes or undoes a restore that was interrupted, before
  anything opens the plan.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import sys
from datetime import datetime
from pathlib import Path
from typing import Final

from planner.core.ports import StorageError

__all__ = [
    "BACKUP_MARKER_FIRST_LINE",
    "BACKUP_MARKER_NAME",
    "RESTORE_READY_SUFFIX",
    "SIDE_SUFFIXES",
    "fsync_directory",
    "fsync_file",
    "is_in_backups",
    "move_no_clobber",
    "plan_key",
    "plan_label",
    "recover_interrupted",
    "remove_stale_temporaries",
    "resolved_plan",
    "set_aside",
    "side_files",
    "temporary_name",
]

#: The suffixes of the files SQLite keeps beside a database.
SIDE_SUFFIXES: Final = ("-wal", "-shm", "-journal")
#: A restore writes the restored plan to ``NAME`` + this, then renames it into place.
RESTORE_READY_SUFFIX: Final = ".restore-ready"

_TEMPORARY = re.compile(
    r"^\.(?P<name>.+)\.(?P<what>[a-z-]+)-(?P<pid>\d+)-[0-9a-f]+\.tmp(?:-wal|-shm|-journal)?$"
)
#: What ``os.link`` fails with where the file system has no hard links (FAT, some shares).
_NO_HARD_LINKS: Final = frozenset(
    {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}
)


# -- names -------------------------------------------------------------------------------------
def resolved_plan(plan: Path) -> Path:
    """The plan's absolute path with symbolic links resolved (it need not exist)."""
    return Path(os.path.realpath(Path(plan).expanduser()))


#: The file in each plan's backup folder that names the plan (:mod:`planner.storage.backups`).
BACKUP_MARKER_NAME: Final = "plan.txt"
#: That file's first line.
BACKUP_MARKER_FIRST_LINE: Final = "Backups of the Legwork plan:"


def is_in_backups(path: Path, root: Path) -> bool:
    """Whether ``path`` is a file in a Legwork backups folder (which must never be edited).

    True inside ``root``, and in any folder holding a Legwork backup marker (``plan.txt``),
    wherever that folder was moved. Here rather than in :mod:`planner.storage.backups`,
    so that opening a plan needs only this module.
    """
    resolved = resolved_plan(path)
    if resolved_plan(root) in resolved.parents:
        return True
    marker = resolved.parent / BACKUP_MARKER_NAME
    try:
        with marker.open(encoding="utf-8", errors="replace") as handle:
            return handle.readline().strip() == BACKUP_MARKER_FIRST_LINE
    except OSError:
        return False


def plan_key(plan: Path) -> str:
    """A short hash of the plan's resolved path: the same file, the same key."""
    text = str(resolved_plan(plan)).encode("utf-8", "surrogateescape")
    return hashlib.sha256(text).hexdigest()[:10]


def plan_label(plan: Path) -> str:
    """The plan's file name without its suffix, safe in a file name (at most 40 characters)."""
    label = re.sub(r"[^\w.-]+", "_", Path(plan).stem, flags=re.ASCII).strip("._")
    return label[:40] or "plan"


def side_files(path: Path) -> tuple[Path, ...]:
    """The ``-wal``, ``-shm`` and ``-journal`` files SQLite may keep beside ``path``."""
    return tuple(path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES)


def temporary_name(final: Path, what: str) -> Path:
    """A fresh temporary name for writing ``final``, in the same folder (so renaming is atomic).

    The name carries this process's id, so :func:`remove_stale_temporaries` can tell the
    leftovers of a killed writer from the work of a live one.
    """
    token = secrets.token_hex(4)
    return final.with_name(f".{final.name}.{what}-{os.getpid()}-{token}.tmp")


# -- durable file operations -------------------------------------------------------------------
def fsync_file(path: Path) -> None:
    """Flush ``path``'s bytes to the disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def fsync_directory(directory: Path) -> None:
    """Make renames and new names in ``directory`` durable (best effort; not on Windows)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def move_no_clobber(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``, failing if ``target`` exists (never overwrites).

    Uses a hard link and an unlink where the file system has them (atomic: the target cannot
    appear in between); otherwise checks and renames.

    Raises:
        FileExistsError: ``target`` exists.
        OSError: the rename failed.
    """
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if target.exists():
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from None
        os.rename(source, target)
        return
    os.unlink(source)


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def set_aside(plan: Path, what: str, *, now: datetime) -> Path:
    """Rename ``plan`` and its side files to ``NAME.<what>-<time>`` (+ the same suffixes).

    The file and its write-ahead log keep matching names, so the pair still opens as it was.
    Nothing is ever overwritten: a name that is taken gets a counter.

    Args:
        plan: the plan file (it must exist).
        what: a word saying why, e.g. ``damaged`` or ``replaced``.
        now: the time in the new name.

    Returns:
        The new path of the plan file.

    Raises:
        StorageError: the files cannot be renamed (the message says why; nothing was lost).
    """
    base = f"{plan.name}.{what}-{_stamp(now)}"
    target = plan.with_name(base)
    counter = 1
    while any(p.exists() for p in (target, *side_files(target))):
        counter += 1
        target = plan.with_name(f"{base}-{counter}")
    try:
        move_no_clobber(plan, target)
        for side, moved in zip(side_files(plan), side_files(target), strict=True):
            if side.exists():
                move_no_clobber(side, moved)
    except OSError as exc:
        raise StorageError(
            f"Legwork could not keep {plan.name} aside as {target.name} ({exc.strerror or exc}).",
            f"Nothing was deleted. Check that you may write to the folder {plan.parent}.",
        ) from exc
    fsync_directory(plan.parent)
    return target


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return True  # os.kill(pid, 0) would end it: unlinking an open file fails instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def remove_stale_temporaries(folder: Path, name: str | None = None) -> list[Path]:
    """Remove the temporary files that writers killed half way left in ``folder``.

    Only Legwork's own temporary names (see :func:`temporary_name`) whose process is gone are
    removed, with their SQLite side files; they hold incomplete copies, never the only copy
    of anything.

    Args:
        folder: the folder to tidy.
        name: only the temporaries of this final file name (default: all).

    Returns:
        The files removed.
    """
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match is None or (name is not None and match["name"] != name):
            continue
        if _pid_alive(int(match["pid"])):
            continue
        try:
            entry.unlink()
        except OSError:
            continue
        removed.append(entry)
    return removed


def recover_interrupted(plan: Path, *, now: datetime) -> None:
    """Finish or undo a restore that was interrupted, and keep orphaned side files aside.

    Called before a plan is opened for writing:

    * ``NAME.restore-ready`` beside a missing plan: the restore had kept the old plan aside
      and was killed before renaming the verified restored copy into place; this does it.
    * ``NAME.restore-ready`` beside an existing plan: the restore stopped before it replaced
      anything; the ready copy (a copy of a backup that still exists) is removed.
    * ``-wal``/``-shm``/``-journal`` files without their plan: renamed to
      ``NAME.orphan-<time>-wal`` and so on, so that a new plan of that name never picks up
      another file's write-ahead log.

    Raises:
        StorageError: a file could not be renamed (nothing was lost).
    """
    ready = plan.with_name(plan.name + RESTORE_READY_SUFFIX)
    if ready.exists() and plan.exists():
        ready.unlink(missing_ok=True)
    if plan.exists():
        return
    orphans = [side for side in side_files(plan) if side.exists()]
    if orphans:
        base = plan.with_name(f"{plan.name}.orphan-{_stamp(now)}")
        counter = 1
        target = base
        while any(p.exists() for p in side_files(target)):
            counter += 1
            target = base.with_name(f"{base.name}-{counter}")
        try:
            for side, moved in zip(side_files(plan), side_files(target), strict=True):
                if side.exists():
                    move_no_clobber(side, moved)
        except OSError as exc:
            raise StorageError(
                f"Legwork could not keep the leftover files of {plan.name} aside "
                f"({exc.strerror or exc}).",
                f"Nothing was deleted. Check that you may write to the folder {plan.parent}.",
            ) from exc
    if ready.exists():
        try:
            move_no_clobber(ready, plan)
        except OSError as exc:
            raise StorageError(
                f"Legwork could not finish restoring {plan.name} ({exc.strerror or exc}).",
                f"The restored plan is {ready}; rename it to {plan.name} by hand.",
            ) from exc
    fsync_directory(plan.parent)
