"""A private Xvfb, and a tiny X client that sees top-level windows being mapped.

Used by the end-to-end fixtures (``tests/e2e/conftest.py``) and by the start-up benchmark
(``tests/perf/bench.py``), which times a launch from outside the app: from spawning it to the
X server telling another client that the app's main window was mapped (``MapNotify``).

The X client speaks the core X11 protocol over the display's Unix socket with the standard
library alone (no python-xlib, no xdotool): it connects without authorisation, which a private
Xvfb started here allows, and asks for ``SubstructureNotify`` events on the root window. With no
window manager running, every top-level window is a child of the root, so its mapping arrives
as a ``MapNotify`` event.
"""

from __future__ import annotations

import os
import select
import shutil
import socket
import struct
import subprocess
import time
from pathlib import Path

#: The screen of every private Xvfb: big enough for the 1400x900 e2e window and the default
#: 1320x820 main window.
SCREEN = "1600x1000x24"

_X_EVENT_MAP_NOTIFY = 19
_X_ERROR = 0
_X_REPLY = 1
_X_CHANGE_WINDOW_ATTRIBUTES = 2
_X_GET_INPUT_FOCUS = 43
_X_CW_EVENT_MASK = 0x800
_X_SUBSTRUCTURE_NOTIFY_MASK = 0x80000


def missing_tools(*tools: str) -> list[str]:
    """Which of ``tools`` (program names) are not on the PATH."""
    return [tool for tool in tools if shutil.which(tool) is None]


def start_xvfb(log: Path, *, screen: str = SCREEN) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``Xvfb`` on a free display number; returns the process and its ``DISPLAY``.

    Xvfb picks the number itself (``-displayfd``), so parallel runs never collide. Its output
    goes to ``log``.

    Raises:
        RuntimeError: Xvfb did not start or does not accept connections.
    """
    read_fd, write_fd = os.pipe()
    with log.open("wb") as log_fh:
        proc = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_fd),
                "-screen",
                "0",
                screen,
                "-nolisten",
                "tcp",
                "-noreset",
                "+extension",
                "XTEST",
            ],
            pass_fds=(write_fd,),
            stdin=subprocess.DEVNULL,
            stdout=log_fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    os.close(write_fd)
    # Xvfb writes the display number once it accepts connections; EOF means it died.
    number = b""
    deadline = time.monotonic() + 30
    try:
        while not number.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([read_fd], [], [], left)[0]:
                break
            chunk = os.read(read_fd, 16)
            if not chunk:
                break
            number += chunk
    finally:
        os.close(read_fd)
    if not number.strip().isdigit():
        proc.kill()
        proc.wait()
        raise RuntimeError(f"Xvfb did not start: {log.read_text(errors='replace')[-2000:]}")
    _wait_for_socket(int(number), proc)
    return proc, f":{int(number)}"


def stop_xvfb(proc: subprocess.Popen[bytes]) -> None:
    """Terminate an Xvfb from :func:`start_xvfb` and wait for it (kill after 10 s)."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _socket_path(display: str) -> str:
    number = display.rpartition(":")[2].partition(".")[0]
    return f"/tmp/.X11-unix/X{int(number)}"


def _wait_for_socket(number: int, proc: subprocess.Popen[bytes], timeout: float = 10) -> None:
    path = _socket_path(f":{number}")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Xvfb exited with {proc.returncode}")
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.connect(path)
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"Xvfb socket {path} did not accept connections")


class MapWatcher:
    """Reports top-level windows being mapped on one X display.

    Attributes:
        root: the root window's id.
    """

    def __init__(self, display: str, *, timeout: float = 10) -> None:
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.settimeout(timeout)
        self._sock.connect(_socket_path(display))
        self._buffer = b""
        self._received_at = 0.0
        self.root = self._handshake()
        # ChangeWindowAttributes(root, event-mask = SubstructureNotify), then a round trip
        # (GetInputFocus) so that an error would arrive before we rely on the events.
        self._sock.sendall(
            struct.pack(
                "<BxHIII",
                _X_CHANGE_WINDOW_ATTRIBUTES,
                4,
                self.root,
                _X_CW_EVENT_MASK,
                _X_SUBSTRUCTURE_NOTIFY_MASK,
            )
            + struct.pack("<BxH", _X_GET_INPUT_FOCUS, 1)
        )
        while True:
            packet = self._packet(time.monotonic() + timeout)
            if packet is None:
                raise RuntimeError("the X server did not answer")
            if packet[0] == _X_ERROR:
                raise RuntimeError(f"the X server refused the event mask (error {packet[1]})")
            if packet[0] == _X_REPLY:
                break

    def _handshake(self) -> int:
        # Little-endian, protocol 11.0, no authorisation.
        self._sock.sendall(struct.pack("<BxHHHHxx", ord("l"), 11, 0, 0, 0))
        head = self._read_exactly(8)
        status, extra_words = head[0], struct.unpack_from("<H", head, 6)[0]
        body = self._read_exactly(4 * extra_words)
        if status != 1:
            reason = body[: head[1]].decode(errors="replace")
            raise RuntimeError(f"the X server refused the connection: {reason or status}")
        vendor_len = struct.unpack_from("<H", body, 16)[0]
        formats = body[21]
        screens_at = 32 + (vendor_len + 3) // 4 * 4 + 8 * formats
        return int(struct.unpack_from("<I", body, screens_at)[0])

    def _read_exactly(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self._sock.recv(size - len(data))
            if not chunk:
                raise RuntimeError("the X server closed the connection")
            data += chunk
        return data

    def _packet(self, deadline: float) -> bytes | None:
        """The next event, error or reply, or ``None`` at ``deadline``.

        ``self._received_at`` is then the ``perf_counter`` time its last bytes arrived.
        """
        while True:
            if len(self._buffer) >= 32:
                size = 32
                if self._buffer[0] == _X_REPLY:
                    size += 4 * struct.unpack_from("<I", self._buffer, 4)[0]
                if len(self._buffer) >= size:
                    packet, self._buffer = self._buffer[:size], self._buffer[size:]
                    return packet
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._sock], [], [], left)[0]:
                return None
            chunk = self._sock.recv(65536)
            if not chunk:
                raise RuntimeError("the X server closed the connection")
            self._received_at = time.perf_counter()
            self._buffer += chunk

    def drain(self, timeout: float = 5) -> None:
        """Forget every event the server has sent so far (windows of an earlier launch).

        A round trip (GetInputFocus) makes sure they have all arrived: events that are still
        in the socket would otherwise be read by the next :meth:`wait_for_map`, and a window
        an earlier launch mapped late would pass for the next launch's, timed at once.
        """
        self._sock.sendall(struct.pack("<BxH", _X_GET_INPUT_FOCUS, 1))
        deadline = time.monotonic() + timeout
        while (packet := self._packet(deadline)) is not None:
            if packet[0] == _X_REPLY:
                return
        raise RuntimeError("the X server did not answer")

    def wait_for_map(self, timeout: float) -> float | None:
        """Wait for a top-level (not override-redirect) window to be mapped.

        Returns:
            ``time.perf_counter()`` when the X server's ``MapNotify`` arrived, or ``None``
            if none came within ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        while (packet := self._packet(deadline)) is not None:
            if packet[0] & 0x7F == _X_EVENT_MAP_NOTIFY:
                event_window, _window, override_redirect = struct.unpack_from("<IIB", packet, 4)
                if event_window == self.root and not override_redirect:
                    return self._received_at
        return None

    def close(self) -> None:
        """Disconnect from the X server."""
        self._sock.close()

    def __enter__(self) -> MapWatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
