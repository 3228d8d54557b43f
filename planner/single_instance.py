"""One window per plan: a second start on the same plan raises the first window and exits.

Two parts, as in qutebrowser's ``misc/ipc.py``:

* the plan's single-writer lock (:func:`planner.storage.plan_files.try_lock`): an advisory
  lock on small files in the user's data folder, keyed by the plan's path and its file. The
  operating system drops it when the process ends, ``kill -9`` included, so a stale lock
  never blocks a new start;
* a per-user local socket (``QLocalServer`` in the user's runtime folder, a named pipe on
  Windows), also keyed by the plan, on which the holder answers "raise your window".

Only the lock holder ever removes an old socket file (one a killed holder left behind):
whoever holds the lock is the only one who may listen on that name, so removing it cannot
cut off a live instance.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal, Slot

from planner.storage.plan_files import (
    APP_PURPOSE,
    LockHolder,
    PlanLock,
    plan_key,
    read_lock_holder,
    resolved_plan,
    try_lock,
)

if TYPE_CHECKING:  # QtNetwork loads only once the window is up (or to ask another start)
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

__all__ = [
    "PlanInstance",
    "acquire",
    "ask_running_instance_to_raise",
    "lock_holder",
    "server_name",
]

log = logging.getLogger(__name__)

_PROTOCOL: Final = 1
_REQUEST: Final = json.dumps({"legwork": _PROTOCOL, "request": "raise"}).encode() + b"\n"
_REPLY: Final = json.dumps({"legwork": _PROTOCOL, "ok": True}).encode() + b"\n"
#: How long the server waits for a connected client to say what it wants, in ms.
_READ_TIMEOUT_MS: Final = 5000
#: The XDG runtime folder may be cleaned of files not touched for 6 hours; touch ours.
_TOUCH_INTERVAL_MS: Final = 3 * 60 * 60 * 1000


def server_name(plan: Path) -> str:
    """The local socket of the instance holding ``plan``: per user and per plan.

    A path in the user's private runtime folder where there is one (Linux, macOS), else a
    name with a hash of the user name (a named pipe on Windows).
    """
    key = plan_key(plan)
    runtime = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    if runtime and sys.platform != "win32":
        return str(Path(runtime) / f"legwork-{key}.sock")
    try:
        user = getpass.getuser()
    except (ImportError, KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    user_key = hashlib.sha256(user.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return f"legwork-{user_key}-{key}"


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
        self._name = server_name(lock.plan)
        self._server: QLocalServer | None = None
        self._touch = QTimer(self)
        self._touch.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._touch.timeout.connect(self._keep_socket_fresh)

    @Slot()
    def listen(self) -> None:
        """Start answering raise requests (once; later calls do nothing)."""
        if self._server is not None or not self.lock.held:
            return
        from PySide6.QtNetwork import QLocalServer

        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._accept)
        # WORKAROUND for https://bugreports.qt.io/browse/QTBUG-48635: UserAccessOption hides
        # AddressInUseError on Unix; the runtime folder is private (0700) there anyway.
        if sys.platform == "win32":
            self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # Only the lock holder gets here: an old socket is a killed holder's, safe to remove.
        QLocalServer.removeServer(self._name)
        self.listening = self._server.listen(self._name)
        if not self.listening:
            log.warning("cannot listen on %s: %s", self._name, self._server.errorString())
        elif sys.platform != "win32":
            with contextlib.suppress(OSError):
                os.chmod(self._server.fullServerName(), 0o700)
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
        if self._server is not None:
            with contextlib.suppress(OSError):
                os.utime(self._server.fullServerName())

    def release(self) -> None:
        """Stop listening, remove the socket and give up the lock; safe to call twice."""
        self._touch.stop()
        server, self._server = self._server, None
        if server is not None and server.isListening():
            from PySide6.QtNetwork import QLocalServer

            server.close()
            QLocalServer.removeServer(self._name)
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
    lock = try_lock(db_path, purpose=APP_PURPOSE, lock_folder=lock_folder)
    if lock is None:
        return None
    instance = PlanInstance(lock)
    if listen:
        instance.listen()
    return instance


def lock_holder(db_path: Path, *, lock_folder: Path | None = None) -> LockHolder | None:
    """Who holds ``db_path``'s lock, as its lock file says (while :func:`acquire` fails)."""
    return read_lock_holder(resolved_plan(db_path), lock_folder)


def ask_running_instance_to_raise(db_path: Path, *, timeout_ms: int = 3000) -> bool:
    """Ask the instance holding ``db_path`` to raise its window.

    Blocks up to ``timeout_ms`` (the other instance may still be starting its server).

    Returns:
        ``True`` when that instance confirmed; ``False`` when none answered.
    """
    from PySide6.QtNetwork import QLocalSocket

    name = server_name(db_path)
    deadline = time.monotonic() + timeout_ms / 1000
    socket = QLocalSocket()
    try:
        while True:
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
