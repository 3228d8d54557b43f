"""Where activity files come from: files, folders, ZIP archives and gzip, all read in memory.

:func:`gather` turns what the runner chose into :class:`Entry` items without decoding any:
a folder is walked recursively, and a file whose name is not an activity's (``.fit``,
``.gpx``, ``.tcx``, each also ``.gz``) is skipped unopened, so a folder of ten thousand
photos costs a directory listing. A ZIP archive (a Strava or Garmin bulk export) is listed,
and a ZIP inside it is opened too, one level deep. Nothing is ever extracted to disk and no
member's name is ever used as a path. :func:`load` then reads one entry's bytes.

Caps keep a hostile archive from filling memory: one file unpacks to at most
``Limits.file_bytes`` (a larger file on disk is refused without being read), an archive's
members at most ``Limits.total_bytes`` together, and a member or a ``.gz`` may unpack at
most ``Limits.ratio`` times larger than it is packed (a ZIP bomb unpacks a thousand times).
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from planner.interchange.activities.samples import ActivityRefused

_MB = 1024 * 1024
FORMATS = {".fit": "fit", ".gpx": "gpx", ".tcx": "tcx"}
#: A file this small may unpack at any ratio (a tiny GPX of repeated points compresses well).
_RATIO_FLOOR = _MB
NOT_ACTIVITY_FILE = (
    "not an activity file (Legwork reads .fit, .gpx and .tcx files, "
    "also gzipped as .gz or inside a .zip)"
)


@dataclass(frozen=True)
class Limits:
    """How much a batch may unpack: per file, per archive, and the packing ratio."""

    file_bytes: int = 256 * _MB
    total_bytes: int = 4096 * _MB
    ratio: float = 100.0


@dataclass(frozen=True)
class Refused:
    """A file that gives no activity, and why, in words for the runner."""

    file: str
    reason: str


@dataclass(frozen=True)
class Job:
    """One file to decode, ready to cross to another process: a path or the bytes."""

    source: str
    fmt: str
    gz: bool
    path: str | None = None
    data: bytes | None = None


@dataclass
class Entry:
    """One activity file found: on disk (``path``) or a ``member`` of an open ``archive``.

    ``budget`` is shared by an archive's members: ``[bytes it may still unpack]``.
    """

    source: str
    fmt: str
    gz: bool
    path: str | None = None
    archive: zipfile.ZipFile | None = None
    member: zipfile.ZipInfo | None = None
    budget: list[int] | None = None


@dataclass
class Gathered:
    """What :func:`gather` found: entries to read, refusals, and how many were skipped."""

    entries: list[Entry] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    ignored: int = 0
    open_archives: ExitStack = field(default_factory=ExitStack)


def format_of(name: str) -> tuple[str, bool] | None:
    """``(format, gzipped)`` for an activity file's name, else None (``a.fit.gz``).

    macOS's shadow files (``._run.fit``, ``__MACOSX/``) are not activities, whatever
    their names end with: a watch's drive or a ZIP made on a Mac is full of them.
    """
    posix = name.replace("\\", "/")
    if posix.rpartition("/")[2].startswith("._") or "__MACOSX/" in posix:
        return None
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    fmt = FORMATS.get(os.path.splitext(lower)[1])
    return None if fmt is None else (fmt, gz)


def size_words(size: float) -> str:
    """A byte count for people: ``2.0 GB``, ``300 MB``, ``53 KB``."""
    if size >= 1024 * _MB:
        return f"{size / (1024 * _MB):.1f} GB"
    if size >= _MB:
        return f"{size / _MB:,.0f} MB"
    return f"{max(1, round(size / 1024)):,} KB"


def _too_big(size: int, limits: Limits) -> str:
    return (
        f"it is {size_words(size)}, more than the {size_words(limits.file_bytes)} "
        "an activity file may be"
    )


def _bomb(ratio: float) -> str:
    return (
        f"a ZIP bomb: it unpacks {ratio:,.0f} times larger than it is packed "
        "(Legwork stops reading such files)"
    )


def _unsafe_name(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/"))
    return path.is_absolute() or ".." in path.parts or ":" in (path.parts[0] if path.parts else "")


def _sniff(path: Path) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(12)
    if head[8:12] == b".FIT":
        return "fit"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return None


class _Gatherer:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.found = Gathered()

    def path(self, path: Path, *, chosen: bool) -> None:
        if path.is_dir():
            for folder, names, files in os.walk(path):
                names.sort()
                for name in sorted(files):
                    self.path(Path(folder, name), chosen=False)
            return
        name = path.name
        fmt = format_of(name)
        is_zip = name.lower().endswith(".zip")
        if fmt is None and not is_zip and chosen and path.is_file():
            sniffed = _sniff(path)
            is_zip, fmt = sniffed == "zip", (sniffed, False) if sniffed == "fit" else None
        if fmt is None and not is_zip:
            if chosen:
                self.found.refused.append(Refused(str(path), NOT_ACTIVITY_FILE))
            else:
                self.found.ignored += 1
            return
        try:
            size = path.stat().st_size
        except OSError as error:
            self.found.refused.append(Refused(str(path), f"it cannot be read ({error.strerror})"))
            return
        if size > self.limits.file_bytes and not is_zip:
            self.found.refused.append(Refused(str(path), _too_big(size, self.limits)))
        elif is_zip:
            self.archive(str(path), path, depth=0)
        elif fmt is not None:
            self.found.entries.append(Entry(str(path), fmt[0], fmt[1], path=str(path)))

    def archive(self, source: str, opened: Path | io.BytesIO, depth: int) -> None:
        try:
            archive = self.found.open_archives.enter_context(zipfile.ZipFile(opened))
            members = archive.infolist()
        except (zipfile.BadZipFile, OSError) as error:
            self.found.refused.append(Refused(source, f"not a readable ZIP archive ({error})"))
            return
        budget = [self.limits.total_bytes]
        for member in members:
            if member.is_dir():
                continue
            where = f"{source}/{member.filename}"
            if _unsafe_name(member.filename):
                reason = "its name points outside the archive, so Legwork does not read it"
                self.found.refused.append(Refused(where, reason))
                continue
            fmt = format_of(member.filename)
            if member.filename.lower().endswith(".zip"):
                if depth >= 1:
                    reason = "a ZIP inside a ZIP inside a ZIP (Legwork opens one level deep)"
                    self.found.refused.append(Refused(where, reason))
                    continue
                entry = Entry(where, "zip", False, archive=archive, member=member, budget=budget)
                try:
                    inner = read_member(entry, self.limits)
                except ActivityRefused as error:
                    self.found.refused.append(Refused(where, str(error)))
                    continue
                self.archive(where, io.BytesIO(inner), depth + 1)
            elif fmt is None:
                self.found.ignored += 1
            else:
                entry = Entry(where, fmt[0], fmt[1], archive=archive, member=member, budget=budget)
                self.found.entries.append(entry)


def gather(paths: Iterable[str | os.PathLike[str]], limits: Limits) -> Gathered:
    """The activity files under ``paths``; close ``open_archives`` when done with them."""
    gatherer = _Gatherer(limits)
    for path in paths:
        chosen = Path(path)
        if not chosen.exists():
            gatherer.found.refused.append(Refused(str(chosen), "there is no such file or folder"))
        else:
            gatherer.path(chosen, chosen=True)
    return gatherer.found


def read_member(entry: Entry, limits: Limits) -> bytes:
    """An archive member's bytes, within the caps, or :class:`ActivityRefused` with why."""
    assert entry.archive is not None
    assert entry.member is not None
    assert entry.budget is not None
    member = entry.member
    if member.file_size > limits.file_bytes:
        raise ActivityRefused(_too_big(member.file_size, limits))
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > _RATIO_FLOOR and ratio > limits.ratio:
        raise ActivityRefused(_bomb(ratio))
    left = entry.budget[0]
    if member.file_size > left:
        total = size_words(limits.total_bytes)
        raise ActivityRefused(f"the archive unpacks to more than {total} (a ZIP bomb?)")
    try:
        with entry.archive.open(member) as handle:
            data = handle.read(min(limits.file_bytes, left) + 1)
    except RuntimeError as error:
        raise ActivityRefused("the archive is protected by a password") from error
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError) as error:
        raise ActivityRefused(f"the file is damaged inside the archive ({error})") from error
    if len(data) > min(limits.file_bytes, left):
        raise ActivityRefused(_too_big(len(data), limits))
    entry.budget[0] = left - len(data)
    return data


def load(entry: Entry, limits: Limits) -> Job:
    """A job for one entry: its path, or the archive member's bytes read now."""
    if entry.path is not None:
        return Job(entry.source, entry.fmt, entry.gz, path=entry.path)
    return Job(entry.source, entry.fmt, entry.gz, data=read_member(entry, limits))


def unpack(job: Job, limits: Limits) -> bytes:
    """The job's file contents, un-gzipped within the caps (run in a worker process)."""
    if job.data is not None:
        data = job.data
    else:
        assert job.path is not None
        with open(job.path, "rb") as handle:
            data = handle.read(limits.file_bytes + 1)
        if len(data) > limits.file_bytes:
            raise ActivityRefused(_too_big(len(data), limits))
    if not job.gz:
        return data
    inflater = zlib.decompressobj(wbits=47)
    try:
        unpacked = inflater.decompress(data, limits.file_bytes + 1)
    except zlib.error as error:
        raise ActivityRefused(f"the file is damaged (not readable gzip: {error})") from error
    if len(unpacked) > limits.file_bytes:
        raise ActivityRefused(_too_big(len(unpacked), limits))
    ratio = len(unpacked) / max(len(data), 1)
    if len(unpacked) > _RATIO_FLOOR and ratio > limits.ratio:
        raise ActivityRefused(_bomb(ratio))
    if not inflater.eof and data:
        raise ActivityRefused("the file is cut short (the gzip data ends too early)")
    return unpacked
