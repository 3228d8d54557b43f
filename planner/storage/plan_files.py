"""A plan's single-writer lock: who may write it, and who holds it.

Standard library only (no SQLAlchemy, no Qt), so the command line can check the lock without
loading either.

:func:`try_lock` takes the plan's single-writer lock: advisory locks (``flock``) on small files
in the user's data folder, one named after the plan's resolved path and one after the file's
identity (its device and inode), so that every name of one file (a symbolic link, a hard link,
another mount of the folder) reaches the same lock. The operating system drops the locks when
their process ends, however it ends (``kill -9`` included), so a stale lock never blocks a new
start. Lock files are never deleted (deleting a locked file lets a second process lock a new
file of the same name).

The plan's other files (temporaries, set-asides, the recovery of an interrupted restore) are
kept by :mod:`planner.storage.safe_files`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from planner.core.ports import StorageError
from planner.storage.safe_files import plan_key, plan_label, resolved_plan

__all__ = [
    "APP_PURPOSE",
    "LOCK_FOLDER_NAME",
    "LockHolder",
    "PlanInUseError",
    "PlanLock",
    "default_lock_folder",
    "identity_lock_file_for",
    "lock_file_for",
    "lock_for_writing",
    "read_lock_holder",
    "try_lock",
]

#: The folder (inside the user data folder) that holds the plans' lock files.
LOCK_FOLDER_NAME: Final = "locks"
#: What the app writes into the lock file while it holds the plan.
APP_PURPOSE: Final = "the Legwork app"
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
