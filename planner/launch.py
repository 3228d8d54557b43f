"""Before the window: Qt's own command-line options, and whether there is a display to open.

Qt understands standard options (``-platform offscreen``, ``-style fusion``, ``-reverse``, …);
:func:`split_qt_arguments` takes them out of the command line so that ``legwork`` hands them
to Qt instead of refusing them as unknown. :func:`display_problem` says, before Qt is asked
to connect, when there is no display to show a window on: Qt would abort the process there.
Standard library only.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

#: Qt's standard options that take a value (QGuiApplication, QApplication, X11 and others).
QT_OPTIONS_WITH_VALUE = frozenset(
    {
        "platform",
        "platformpluginpath",
        "platformtheme",
        "plugin",
        "qmljsdebugger",
        "qwindowgeometry",
        "qwindowicon",
        "qwindowtitle",
        "session",
        "style",
        "stylesheet",
        "display",
        "geometry",
        "title",
        "name",
        "font",
        "fn",
        "background",
        "bg",
        "foreground",
        "fg",
        "button",
        "btn",
        "visual",
        "ncols",
        "cmap",
        "im",
        "inputstyle",
        "graphicssystem",
    }
)
#: Qt's standard options that stand alone.
QT_FLAGS = frozenset({"reverse", "nograb", "dograb", "sync", "widgetcount", "testability"})

#: What the app says when there is nothing to show a window on.
NO_DISPLAY = "no display: set DISPLAY or use the command-line subcommands"

#: Platforms that show windows without a display server.
_NO_SERVER_NEEDED = frozenset({"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"})


def _qt_option(arg: str) -> tuple[str, bool] | None:
    """``(name, has_inline_value)`` when ``arg`` is one of Qt's options, else ``None``."""
    if not arg.startswith("-") or arg in ("-", "--"):
        return None
    name = arg.lstrip("-")
    inline = "=" in name
    name = name.split("=", 1)[0]
    if name in QT_OPTIONS_WITH_VALUE or (name in QT_FLAGS and not inline):
        return name, inline
    return None


def split_qt_arguments(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """``argv`` split into Legwork's own arguments and Qt's standard options (with values).

    ``-style fusion``, ``-style=fusion``, ``--style fusion`` and ``-reverse`` are Qt's;
    everything after a lone ``--`` is Legwork's.
    """
    ours: list[str] = []
    qt: list[str] = []
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--":
            ours.extend(argv[index:])
            break
        option = _qt_option(arg)
        if option is None:
            ours.append(arg)
        else:
            name, inline = option
            qt.append(f"-{name}" if not inline else f"-{arg.lstrip('-')}")
            if name in QT_OPTIONS_WITH_VALUE and not inline and index + 1 < len(argv):
                index += 1
                qt.append(argv[index])
        index += 1
    return ours, qt


def _platform(qt_args: Sequence[str], environ: Mapping[str, str]) -> str:
    """The Qt platform plugin the app will ask for ("" for Qt's default)."""
    for index, arg in enumerate(qt_args):
        if arg == "-platform" and index + 1 < len(qt_args):
            return qt_args[index + 1]
        if arg.startswith("-platform="):
            return arg.split("=", 1)[1]
    return environ.get("QT_QPA_PLATFORM", "")


def _x_display_reachable(display: str) -> bool:
    """Whether a local X display (``:0``, ``unix:1.0``) has its socket; remote ones count."""
    host, _, rest = display.rpartition(":")
    if host not in ("", "unix") or not rest:
        return True  # a TCP display (ssh -X): only connecting would tell
    number = rest.split(".", 1)[0]
    if not number.isdigit():
        return False
    return Path(f"/tmp/.X11-unix/X{number}").exists()


def _wayland_reachable(environ: Mapping[str, str]) -> bool:
    name = environ.get("WAYLAND_DISPLAY", "")
    if not name:
        return False
    path = Path(name)
    if not path.is_absolute():
        path = Path(environ.get("XDG_RUNTIME_DIR", "")) / name
    return path.exists()


def display_problem(
    qt_args: Sequence[str] = (),
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
) -> str | None:
    """:data:`NO_DISPLAY` when the window would have nowhere to go; ``None`` when it has.

    Only X11 and Wayland systems are checked (Windows and macOS always have a display); a
    platform plugin that needs no display server (``offscreen``, ``vnc``, …) always works.
    """
    environ = os.environ if environ is None else environ
    if platform.startswith(("win", "darwin", "cygwin")):
        return None
    chosen = _platform(qt_args, environ).split(":", 1)[0]
    if chosen in _NO_SERVER_NEEDED:
        return None
    display = environ.get("DISPLAY", "")
    x_ok = bool(display) and _x_display_reachable(display)
    wayland_ok = _wayland_reachable(environ)
    if chosen == "xcb":
        return None if x_ok else NO_DISPLAY
    if chosen.startswith("wayland"):
        return None if wayland_ok else NO_DISPLAY
    return None if x_ok or wayland_ok else NO_DISPLAY
