"""The printed sheet's look: its ink and paper colours, its fonts, escaped text, captions (pure).

Kept to what :class:`QTextDocument` lays out: inline CSS with point font sizes and colours.
"""

from __future__ import annotations

import html

_INK = "#1d232b"
_MUTED = "#5b6472"
_FAINT = "#8a929e"
_RULE = "#1d232b"
_LINE = "#c4c9d1"
_HAIRLINE = "#e1e4e8"
_PANEL = "#f3f4f6"
_FONTS = "'Noto Sans', 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"


# -- colours ---------------------------------------------------------------------------------
def _tint(color: str, amount: float) -> str:
    """``color`` (``#rrggbb``) moved ``amount`` (0 to 1) of the way towards white."""
    value = color.lstrip("#")
    channels = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * amount) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def _shade(color: str, amount: float) -> str:
    """``color`` moved ``amount`` of the way towards black (for text in the kind's hue)."""
    value = color.lstrip("#")
    channels = [int(value[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in channels)


# -- text ------------------------------------------------------------------------------------
def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _multiline(text: str) -> str:
    """Escaped ``text`` with its line breaks kept."""
    lines = [_esc(line) for line in text.strip().splitlines()]
    return "<br />".join(line for line in lines)


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _eyebrow(text: str) -> str:
    """A small, spaced-out caption above a big value."""
    return (
        f"<p style='margin: 0; font-size: 7.5pt; font-weight: 700; color: {_MUTED}; "
        f"letter-spacing: 1.2pt;'>{text}</p>"
    )
