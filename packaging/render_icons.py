"""Render the app icon's PNG sizes, Windows .ico and macOS .icns from the SVGs in resources/icons.

Run after editing ``legwork.svg`` or ``legwork-small.svg`` (the outputs are committed)::

    python packaging/render_icons.py

Sizes up to 32 px come from ``legwork-small.svg``, the simplified mark; larger ones from
``legwork.svg``. Needs only PySide6 (QtSvg), rendering offscreen.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: .icns chunk types holding PNG data, by pixel size.
ICNS_TYPES = (
    (16, b"icp4"),
    (32, b"icp5"),
    (64, b"icp6"),
    (128, b"ic07"),
    (256, b"ic08"),
    (512, b"ic09"),
)


def render(size: int) -> bytes:
    """The icon at ``size`` x ``size`` pixels as PNG bytes."""
    source = ICONS / ("legwork-small.svg" if size <= 32 else "legwork.svg")
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {source}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (supported since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    directory, blobs = b"", b""
    offset = 6 + 16 * len(pngs)
    for size, png in sorted(pngs.items()):
        dim = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + directory + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns made of PNG chunks."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for size, kind in ICNS_TYPES
        if size in pngs
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    QGuiApplication(sys.argv[:1])
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(s for s, _ in ICNS_TYPES)})
    pngs = {size: render(size) for size in sizes}
    for size in PNG_SIZES:
        (ICONS / f"legwork-{size}.png").write_bytes(pngs[size])
    (ICONS / "legwork.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "legwork.icns").write_bytes(icns(pngs))
    print(f"wrote {len(PNG_SIZES)} PNGs, legwork.ico and legwork.icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
