"""A plan's companion files: who may write it, what lies beside it, and moving files aside.

Standard library only (no SQLAlchemy, no Qt), so the command line can check the lock without
loading either.

* :func:`try_lock` takes the plan's single-writer lock: advisory locks (``flock``) on small
  files in the user's data folder, one named after the plan's resolved path and one after the
  file's identity (its device and inode), so that every name of one file (a symbolic link, a
  hard link, another mount of the folder) reaches the same lock. The operating system drops
  the locks when their process ends, however it ends (``kill -9`` included), so a stale lock
  never blocks a new start. Lock files are never deleted (deleting a locked file lets a second
  process lock a new file of the same name).
* :func:`set_aside` renames a plan and its ``-wal``/``-shm`` files to ``NAME.<what>-<time>``
  (never overwriting anything), so a damaged or replaced plan is kept, not deleted.
* Files Legwork writes under a temporary name (a new plan, a restore, a backup) are named
  ``.NAME.<what>-<pid>-<token>.tmp``; :func:`remove_stale_temporaries` removes those whose
  process is gone (a writer killed half way), and :func:`recover_interrupted` finishes or
  undoes a restore that was interrupted, before anything opens the plan.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import secrets
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from planner.core.ports import StorageError

__all__ = [
    "APP_PURPOSE",
    "BACKUP_MARKER_NAME",
    "LOCK_FOLDER_NAME",
    "RESTORE_READY_SUFFIX",
    "LockHolder",
    "PlanInUseError",
    "PlanLock",
    "default_lock_folder",
    "fsync_directory",
    "fsync_file",
    "identity_lock_file_for",
    "is_in_backups",
    "lock_file_for",
    "lock_for_writing",
    "move_no_clobber",
    "plan_key",
    "plan_label",
    "read_lock_holder",
    "recover_interrupted",
    "remove_stale_temporaries",
    "resolved_plan",
    "set_aside",
    "side_files",
    "temporary_name",
    "try_lock",
]

#: The folder (inside the user data folder) that holds the plans' lock files.
LOCK_FOLDER_NAME: Final = "locks"
#: The suffixes of the files SQLite keeps beside a database.
SIDE_SUFFIXES: Final = ("-wal", "-shm", "-journal")
#: A restore writes the restored plan to ``NAME`` + this, then renames it into place.
RESTORE_READY_SUFFIX: Final = ".restore-ready"
#: What the app writes into the lock file while it holds the plan.
APP_PURPOSE: Final = "the Legwork app"

_TEMPORARY = re.compile(
    r"^\.(?P<name>.+)\.(?P<what>[a-z-]+)-(?P<pid>\d+)-[0-9a-f]+\.tmp(?:-wal|-shm|-journal)?$"
)
#: What ``os.link`` fails with where the file system has no hard links (FAT, some shares).
_NO_HARD_LINKS: Final = frozenset(
    {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}
)
_WINDOWS_LOCK_OFFSET = 1 << 20  # lock a byte far past the text, which stays readable
_NEW_FILE_MODE = 0o600


class PlanInUseError(StorageError):
    """Another program (the app, or a writing command) holds the plan's single-writer lock.

    Attributes:
        holder: who holds it, as written in the lock file (``None`` when unreadable).
    """

    def __init__(self, message: str, hint: str = "", holder: LockHolder | None = None) -> None:
        super().__init__(message, hint)
        self.holder = holder


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


# -- the single-writer lock --------------------------------------------------------------------
@dataclass(frozen=True)
class LockHolder:
    """Who holds a plan's lock, as its lock file says.

    Attributes:
        pid: the holder's process id.
        purpose: what it is, for messages (``the Legwork app``, ``legwork import``).
        plan: the plan's resolved path.
        socket: where the holder answers requests (the app's raise socket), or ``""``.
    """

    pid: int
    purpose: str
    plan: str
    socket: str = ""

    def describe(self) -> str:
        """The holder in words, e.g. ``the Legwork app (process 1234)``."""
        return f"{self.purpose} (process {self.pid})"


def default_lock_folder() -> Path:
    """Where the lock files live: ``<user data folder>/locks``."""
    from planner.paths import user_data_dir

    return user_data_dir() / LOCK_FOLDER_NAME


def lock_file_for(plan: Path, lock_folder: Path | None = None) -> Path:
    """The lock file of the name ``plan`` (after its resolved path: a symbolic link's too)."""
    folder = lock_folder if lock_folder is not None else default_lock_folder()
    resolved = resolved_plan(plan)
    return folder / f"{plan_label(resolved)}-{plan_key(resolved)}.lock"


def _file_identity(plan: Path) -> tuple[int, int] | None:
    """The plan file's ``(device, inode)``, the same for all its names; ``None`` if missing."""
    try:
        info = os.stat(plan)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def identity_lock_file_for(identity: tuple[int, int], lock_folder: Path | None = None) -> Path:
    """The lock file of the file with ``identity`` (``(device, inode)``), whatever its name."""
    folder = lock_folder if lock_folder is not None else default_lock_folder()
    device, inode = identity
    return folder / f"file-{device:x}-{inode:x}.lock"


class PlanLock:
    """A plan's single-writer lock, held until :meth:`release` or the end of the process.

    Attributes:
        plan: the plan's resolved path.
        path: the lock file.
        purpose: what holds it (written into the lock file).
    """

    def __init__(
        self,
        plan: Path,
        path: Path,
        descriptor: int,
        purpose: str,
        *,
        lock_folder: Path | None = None,
    ) -> None:
        self.plan = plan
        self.path = path
        self.purpose = purpose
        self._descriptor: int | None = descriptor
        self._lock_folder = lock_folder
        self._identity: tuple[int, int] | None = None
        self._identity_descriptor: int | None = None
        self._socket = ""

    def __repr__(self) -> str:
        return f"PlanLock({str(self.plan)!r}, held={self.held})"

    def __enter__(self) -> PlanLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    @property
    def held(self) -> bool:
        """Whether this object still holds the lock."""
        return self._descriptor is not None

    def cover_file(self) -> bool:
        """Also hold the lock of the plan file as it is now (after it was made or replaced).

        The lock of a file is keyed by its identity, which a plan that did not exist when
        the lock was taken, or that a restore replaced, has only now. Call this once the
        plan exists; it is quick when the identity has not changed.

        Returns:
            Whether this object now holds the file's lock (``False``: the plan is missing,
            or another process holds the same file under another name).

        Raises:
            StorageError: the lock file cannot be created.
        """
        if self._descriptor is None:
            return False
        identity = _file_identity(self.plan)
        if identity is None:
            return False
        if identity == self._identity:
            return True
        descriptor = _take(identity_lock_file_for(identity, self._lock_folder))
        if descriptor is None:
            return False
        _write_holder(descriptor, self.purpose, self.plan, self._socket)
        old, self._identity_descriptor, self._identity = (
            self._identity_descriptor,
            descriptor,
            identity,
        )
        if old is not None:
            _give_up(old)
        return True

    def announce(self, socket: str) -> None:
        """Say in the lock files where this holder answers requests (see :class:`LockHolder`)."""
        self._socket = socket
        for descriptor in (self._descriptor, self._identity_descriptor):
            if descriptor is not None:
                _write_holder(descriptor, self.purpose, self.plan, socket)

    def release(self) -> None:
        """Give the lock up (the lock files stay); safe to call more than once."""
        identity_descriptor, self._identity_descriptor = self._identity_descriptor, None
        self._identity = None
        if identity_descriptor is not None:
            _give_up(identity_descriptor)
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is not None:
            _give_up(descriptor)


if sys.platform == "win32":  # pragma: no cover - tested on Linux and macOS
    import msvcrt

    def _lock(descriptor: int) -> None:
        os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)


_HELD_ERRNOS: Final = frozenset({errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK})


def _take(path: Path) -> int | None:
    """Lock the lock file ``path`` (made if missing): its descriptor, or ``None`` when held."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, _NEW_FILE_MODE)
    except OSError as exc:
        raise StorageError(
            f"Legwork cannot create its lock file {path} ({exc.strerror or exc}).",
            f"Check that you may write to the folder {path.parent}.",
        ) from exc
    try:
        _lock(descriptor)
    except OSError as exc:
        os.close(descriptor)
        if exc.errno in _HELD_ERRNOS:
            return None
        raise StorageError(
            f"Legwork cannot lock {path} ({exc.strerror or exc}).",
            "Check that the folder is on a local disk.",
        ) from exc
    return descriptor


def _write_holder(descriptor: int, purpose: str, plan: Path, socket: str = "") -> None:
    """Say in the locked file who holds it (for :func:`read_lock_holder`)."""
    holder = {"pid": os.getpid(), "purpose": purpose, "plan": str(plan)}
    if socket:
        holder["socket"] = socket
    text = json.dumps(holder)
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, text.encode("utf-8", "surrogateescape") + b"\n", 0)
    except (OSError, AttributeError):  # os.pwrite is missing on Windows: the text is optional
        pass


def _give_up(descriptor: int) -> None:
    with contextlib.suppress(OSError):
        os.ftruncate(descriptor, 0)
    with contextlib.suppress(OSError):
        _unlock(descriptor)
    os.close(descriptor)


def try_lock(plan: Path, *, purpose: str, lock_folder: Path | None = None) -> PlanLock | None:
    """Take the plan's single-writer lock if nobody holds it.

    Two lock files: one for the plan's resolved path (a plan not made yet has only that)
    and, when the file exists, one for the file itself (see :func:`identity_lock_file_for`),
    so a hard link to a plan that is open is refused like its first name.

    Args:
        plan: the plan file (it need not exist yet; call :meth:`PlanLock.cover_file` once
            it does).
        purpose: what takes it, in words (see :class:`LockHolder`).
        lock_folder: where the lock files live (default: ``<user data folder>/locks``).

    Returns:
        The held lock, or ``None`` when another process (or another :class:`PlanLock` in this
        one) holds it; :func:`read_lock_holder` then says who.

    Raises:
        StorageError: the lock file cannot be created (the message says why).
    """
    resolved = resolved_plan(plan)
    path = lock_file_for(resolved, lock_folder)
    descriptor = _take(path)
    if descriptor is None:
        return None
    _write_holder(descriptor, purpose, resolved)
    lock = PlanLock(resolved, path, descriptor, purpose, lock_folder=lock_folder)
    try:
        covered = lock.cover_file()
    except BaseException:
        lock.release()
        raise
    if not covered and resolved.exists():
        lock.release()  # the same file is open under another name
        return None
    return lock


def read_lock_holder(plan: Path, lock_folder: Path | None = None) -> LockHolder | None:
    """Who holds ``plan``, as its lock files say (only meaningful while :func:`try_lock` fails).

    The file's own lock first (its holder may have opened it under another name), then the
    lock of this name.
    """
    identity = _file_identity(plan)
    candidates = [lock_file_for(plan, lock_folder)]
    if identity is not None:
        candidates.insert(0, identity_lock_file_for(identity, lock_folder))
    for path in candidates:
        try:
            data = json.loads(path.read_text(encoding="utf-8", errors="surrogateescape"))
            return LockHolder(
                int(data["pid"]),
                str(data["purpose"]),
                str(data["plan"]),
                str(data.get("socket", "")),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue
    return None


def lock_for_writing(plan: Path, *, purpose: str, lock_folder: Path | None = None) -> PlanLock:
    """The plan's lock for a command that writes, or a clear refusal.

    Raises:
        PlanInUseError: someone else holds it (the message names who).
        StorageError: the lock file cannot be created.
    """
    lock = try_lock(plan, purpose=purpose, lock_folder=lock_folder)
    if lock is not None:
        return lock
    holder = read_lock_holder(plan, lock_folder)
    who = holder.describe() if holder is not None else "another Legwork program"
    raise PlanInUseError(
        f"{Path(plan).name} is open in {who}; nothing was changed.",
        "Close it (or wait until it has finished) and try again; commands that only read "
        "(export, check, print-week, warnings, and config without a value) work meanwhile.",
        holder,
    )
