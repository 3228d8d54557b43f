"""One window per plan: a second start on the same plan raises the first window and exits.

Two parts, as in qutebrowser's ``misc/ipc.py``:

* the plan's single-writer lock (:func:`planner.storage.plan_files.try_lock`): an advisory
  lock on small files in the user's data folder, keyed by the plan's path and its file. The
  operating system drops it when the process ends, ``kill -9`` included, so a stale lock
  never blocks a new start;
* a local socket (``QLocalServer``; a named pipe on Windows) on which the holder answers
  "raise your window". It lives in a new folder with a random name that only this user can
  enter (:func:`new_socket_path`: in ``$XDG_RUNTIME_DIR`` when that is private, else in the
  temporary folder), and the holder writes its path into the lock file, where a second start
  reads it (:func:`socket_of`) and trusts it only if the folder is this user's and private.
  No name in a shared folder is ever guessed, so another local user cannot take it first.

Only the lock holder ever removes an old socket (the one a killed holder named in the lock
file): whoever holds the lock knows the one that named it is gone.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import logging
import os
import secrets
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from planner.storage.plan_files import (
    APP_PURPOSE,
    LockHolder,
    PlanLock,
    read_lock_holder,
    try_lock,
)
from planner.storage.safe_files import resolved_plan

if TYPE_CHECKING:  # QtNetwork loads only once the window is up (or to ask another start)
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

__all__ = [
    "PlanInstance",
    "acquire",
    "ask_running_instance_to_raise",
    "lock_holder",
    "new_socket_path",
    "socket_of",
    "trusted_socket",
]

log = logging.getLogger(__name__)

_PROTOCOL: Final = 1
_REQUEST: Final = json.dumps({"legwork": _PROTOCOL, "request": "raise"}).encode() + b"\n"
_REPLY: Final = json.dumps({"legwork": _PROTOCOL, "ok": True}).encode() + b"\n"
#: How long the server waits for a connected client to say what it wants, in ms.
_READ_TIMEOUT_MS: Final = 5000
#: The XDG runtime folder may be cleaned of files not touched for 6 hours; touch ours.
_TOUCH_INTERVAL_MS: Final = 3 * 60 * 60 * 1000


#: The longest Unix socket path every system takes (``sun_path`` is 104 or 108 bytes).
_MAX_SOCKET_PATH: Final = 100
#: The raise socket's name inside its private folder.
_SOCKET_NAME: Final = "raise.sock"
#: The prefix of the private folders that hold raise sockets.
_FOLDER_PREFIX: Final = "legwork-"


def _is_private(path: Path, *, folder: bool) -> bool:
    """Whether ``path`` is a real folder (or socket), not a link, owned by this user alone."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    kind_ok = stat.S_ISDIR(info.st_mode) if folder else stat.S_ISSOCK(info.st_mode)
    private = stat.S_IMODE(info.st_mode) & 0o077 == 0 if folder else True
    return kind_ok and private and info.st_uid == os.getuid()


def _socket_parent() -> Path:
    """Where the private socket folders are made: ``$XDG_RUNTIME_DIR`` when it is private."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and _is_private(Path(runtime), folder=True):
        candidate = Path(runtime)
        if len(os.fsencode(candidate)) + 40 <= _MAX_SOCKET_PATH:
            return candidate
    elif runtime:
        log.warning("not using XDG_RUNTIME_DIR=%s for Legwork's socket: not private", runtime)
    return Path(tempfile.gettempdir())


def new_socket_path() -> str | None:
    """A fresh path for this process's raise socket, in a folder only this user can enter.

    A new folder with a random name (``tempfile.mkdtemp``: mode 0700, made atomically, so
    no other user can have made it first), in ``$XDG_RUNTIME_DIR`` when that is really
    private, else in the temporary folder. The holder writes the path into the plan's lock
    file (:meth:`PlanLock.announce`), where a second start reads it: no name in a shared
    folder is ever guessed. ``None`` when no folder can be made (raising then fails; the
    lock still keeps a second start from opening the plan). Windows uses a named pipe with
    a hash of the user and plan instead.
    """
    if sys.platform == "win32":
        try:
            user = getpass.getuser()
        except (ImportError, KeyError, OSError):
            user = "user"
        user_key = hashlib.sha256(user.encode("utf-8", "surrogateescape")).hexdigest()[:10]
        return f"legwork-{user_key}-{secrets.token_hex(5)}"
    try:
        folder = Path(tempfile.mkdtemp(prefix=_FOLDER_PREFIX, dir=_socket_parent()))
    except OSError as exc:
        log.warning("no folder for Legwork's socket: %s", exc)
        return None
    path = folder / _SOCKET_NAME
    if not _is_private(folder, folder=True) or len(os.fsencode(path)) > _MAX_SOCKET_PATH:
        _remove_socket(str(path))
        log.warning("not using %s for Legwork's socket", folder)
        return None
    return str(path)


def trusted_socket(name: str) -> bool:
    """Whether ``name`` (from a lock file) is a raise socket this user's Legwork made.

    Its folder must be one of ours (Legwork's prefix, owned by this user, mode 0700, not a
    link), and the socket, when it exists, this user's too.
    """
    if sys.platform == "win32":
        return name.startswith("legwork-")
    path = Path(name)
    if path.name != _SOCKET_NAME or not path.parent.name.startswith(_FOLDER_PREFIX):
        return False
    if not _is_private(path.parent, folder=True):
        return False
    return not os.path.lexists(path) or _is_private(path, folder=False)


def _remove_socket(name: str) -> None:
    """Remove a raise socket of ours and its private folder (nothing else; best effort)."""
    if sys.platform == "win32" or not trusted_socket(name):
        return
    path = Path(name)
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        path.parent.rmdir()


def socket_of(plan: Path, *, lock_folder: Path | None = None) -> str | None:
    """Where the process holding ``plan`` answers raise requests, if it says so and is ours."""
    holder = read_lock_holder(resolved_plan(plan), lock_folder)
    if holder is None or not holder.socket or not trusted_socket(holder.socket):
        return None
    return holder.socket


class _Connection(QObject):
    """One client of the server: reads its request, answers, and goes away.

    Signals:
        raise_requested(): the client asked for the window.
    """

    raise_requested = Signal()

    def __init__(self, socket: QLocalSocket, parent: QObject) -> None:
        super().__init__(parent)
        self._socket = socket
        socket.setParent(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._give_up)
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(self._finished)
        self._timer.start(_READ_TIMEOUT_MS)
        if socket.canReadLine():
            self._read()

    @Slot()
    def _read(self) -> None:
        if not self._socket.canReadLine():
            return
        line = bytes(self._socket.readLine().data())
        try:
            request = json.loads(line.decode("utf-8"))
            wanted = request.get("legwork") == _PROTOCOL and request.get("request") == "raise"
        except (UnicodeDecodeError, ValueError, AttributeError):
            wanted = False
        if wanted:
            self.raise_requested.emit()
            self._socket.write(_REPLY)
            self._socket.flush()
        else:
            log.warning("ignored a malformed request on the Legwork socket: %r", line[:200])
        self._socket.disconnectFromServer()

    @Slot()
    def _give_up(self) -> None:
        self._socket.abort()
        self._finished()

    @Slot()
    def _finished(self) -> None:
        self._timer.stop()
        self.deleteLater()


class PlanInstance(QObject):
    """This process's hold on a plan: its lock, and the server that answers raise requests.

    The lock is held from the start; the server listens once :meth:`listen` is called (the
    app calls it after the first paint, so loading QtNetwork never delays the week). A
    second start meanwhile keeps trying to connect for a few seconds.

    Attributes:
        plan: the plan's resolved path.
        lock: the held single-writer lock.
        listening: whether the server listens (raising fails, writing stays safe, when not).

    Signals:
        raise_requested(): another start on the same plan asks for this window.
    """

    raise_requested = Signal()

    def __init__(self, lock: PlanLock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = lock.plan
        self.lock = lock
        self.listening = False
        self._name: str | None = None
        self._server: QLocalServer | None = None
        self._touch = QTimer(self)
        self._touch.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._touch.timeout.connect(self._keep_socket_fresh)

    @Slot()
    def listen(self) -> None:
        """Start answering raise requests (once; later calls do nothing)."""
        if self._server is not None or not self.lock.held:
            return
        name = new_socket_path()
        if name is None:
            return
        from PySide6.QtNetwork import QLocalServer

        self._name = name
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._accept)
        # WORKAROUND for https://bugreports.qt.io/browse/QTBUG-48635: UserAccessOption hides
        # AddressInUseError on Unix; the socket's folder is private (0700) there anyway.
        if sys.platform == "win32":
            self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.listening = self._server.listen(name)
        if not self.listening:
            log.warning("cannot listen on %s: %s", name, self._server.errorString())
            _remove_socket(name)
            return
        try:
            self.lock.announce(name)
        except OSError as exc:  # pragma: no cover - the lock file is open and ours
            log.warning("cannot announce the raise socket: %s", exc)
        if sys.platform != "win32":
            self._touch.start(_TOUCH_INTERVAL_MS)

    def __repr__(self) -> str:
        return f"PlanInstance({str(self.plan)!r}, listening={self.listening})"

    @Slot()
    def _accept(self) -> None:
        server = self._server
        if server is None:
            return
        while server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if socket is None:
                return
            connection = _Connection(socket, self)
            connection.raise_requested.connect(self.raise_requested)

    @Slot()
    def _keep_socket_fresh(self) -> None:
        # Temporary and runtime folders are cleaned of what is not touched for a while.
        if self._server is not None and self._name is not None:
            for path in (self._name, os.path.dirname(self._name)):
                with contextlib.suppress(OSError):
                    os.utime(path)

    def release(self) -> None:
        """Stop listening, remove the socket and give up the lock; safe to call twice."""
        self._touch.stop()
        server, self._server = self._server, None
        if server is not None:
            server.close()
        name, self._name = self._name, None
        if name is not None:
            _remove_socket(name)
        self.listening = False
        self.lock.release()


def acquire(
    db_path: Path, *, listen: bool = True, lock_folder: Path | None = None
) -> PlanInstance | None:
    """Become the one instance that has ``db_path`` open, if no other process is.

    Args:
        db_path: the plan file (it need not exist yet).
        listen: start answering raise requests now (else call :meth:`PlanInstance.listen`).
        lock_folder: where lock files live (default: ``<user data folder>/locks``).

    Returns:
        The held instance, or ``None`` when another process holds the plan;
        :func:`lock_holder` says who.

    Raises:
        StorageError: the lock file cannot be created.
    """
    previous = read_lock_holder(resolved_plan(db_path), lock_folder)
    lock = try_lock(db_path, purpose=APP_PURPOSE, lock_folder=lock_folder)
    if lock is None:
        return None
    if previous is not None and previous.socket:
        _remove_socket(previous.socket)  # a killed holder's (the lock was free: it is gone)
    instance = PlanInstance(lock)
    if listen:
        instance.listen()
    return instance


def lock_holder(db_path: Path, *, lock_folder: Path | None = None) -> LockHolder | None:
    """Who holds ``db_path``'s lock, as its lock file says (while :func:`acquire` fails)."""
    return read_lock_holder(resolved_plan(db_path), lock_folder)


def ask_running_instance_to_raise(
    db_path: Path, *, timeout_ms: int = 3000, lock_folder: Path | None = None
) -> bool:
    """Ask the instance holding ``db_path`` to raise its window.

    Blocks up to ``timeout_ms`` (the other instance may still be starting its server).

    Returns:
        ``True`` when that instance confirmed; ``False`` when none answered.
    """
    from PySide6.QtNetwork import QLocalSocket

    deadline = time.monotonic() + timeout_ms / 1000
    socket = QLocalSocket()
    try:
        while True:  # the holder may still be starting: it announces its socket once up
            name = socket_of(db_path, lock_folder=lock_folder)
            if name is not None:
                socket.connectToServer(name)
                if socket.waitForConnected(min(500, timeout_ms)):
                    break
                socket.abort()
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)
        deadline = time.monotonic() + timeout_ms / 1000  # connected: give it time to answer
        socket.write(_REQUEST)
        if not socket.waitForBytesWritten(max(1, _remaining_ms(deadline))):
            return False
        while not socket.canReadLine():
            if not socket.waitForReadyRead(max(1, _remaining_ms(deadline))):
                return False
        reply = bytes(socket.readLine().data())
        try:
            return bool(json.loads(reply.decode("utf-8")).get("ok"))
        except (UnicodeDecodeError, ValueError, AttributeError):
            return False
    finally:
        socket.abort()


def _remaining_ms(deadline: float) -> int:
    return round((deadline - time.monotonic()) * 1000)
