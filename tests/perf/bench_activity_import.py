"""Benchmark importing recorded activities: 100 one-hour FIT runs against fitdecode alone.

Usage::

    python tests/perf/bench_activity_import.py [--files 100] [--runs 3] [--dir DIR]

It writes ``--files`` one-hour runs at 1 Hz (laps, heart rate, altitude) into a temporary
folder, or into ``--dir`` (kept for the next run): the first with fit-tool, the others as
copies of it with every time stamp moved back by whole days and the checksum written again
(fit-tool takes several seconds a file on a busy machine; fitdecode checks each checksum, so
a wrong copy would fail the import). One a day, so none is a duplicate of another. Then, alternating, ``--runs`` times each:

- **fitdecode alone**: every file read and every frame decoded by ``fitdecode.FitReader``
  with the checksum checked, one after the other in this process (what a reader that does
  nothing with the frames costs);
- **import**: ``read_activities([folder])``, as the window and the CLI call it: the files
  found, decoded on every core, activities built with their tracks, checked and deduplicated;
- **import, one process**: the same with ``workers=1``.

The issue's goal is an import at most 1.3x fitdecode alone. Slow numbers never make it fail:
it is a script, not a test.

Measured on the 2-core development machine, shared with other work, Python 3.11, fitdecode
0.11, three runs; "before" is the first version (a method call a sample) under a load average
of 3 to 5, "after" the columnar samples under a load average of about 1.5::

    figure                                    before             after
                                        median s  ratio    median s  ratio
    fitdecode alone, one process           26.37  1.00x       17.79  1.00x
    import (read_activities), every core   29.37  1.11x       11.90  0.67x
    import, one process (workers=1)        31.53  1.20x       20.47  1.15x
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from tests.helpers import fit_files  # noqa: E402
from tests.helpers.dates import TODAY  # noqa: E402

TARGET_RATIO = 1.3


#: Fields that hold a FIT time stamp (uint32, seconds since 1989-12-31), by message number:
#: ``timestamp`` (253) in every message, and file_id's time_created, session and lap
#: start_time, activity's local_timestamp.
_TIME_FIELDS = {0: {4}, 18: {2}, 19: {2}, 34: {5}}


def _crc(data: bytes) -> int:
    table = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401]
    table += [0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]
    crc = 0
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            low = table[crc & 0xF]
            crc = ((crc >> 4) & 0x0FFF) ^ low ^ table[nibble]
    return crc


def shifted(data: bytes, seconds: int) -> bytes:
    """The FIT file with every time stamp moved by ``seconds`` and its checksum again."""
    out = bytearray(data)
    header_size = out[0]
    end = header_size + int.from_bytes(out[4:8], "little")
    definitions: dict[int, tuple[str, list[tuple[int, int, bool]]]] = {}
    at = header_size
    while at < end:
        header = out[at]
        at += 1
        local = header & 0x0F
        if header & 0x40:  # a definition: which fields, their sizes, byte order
            order = "big" if out[at + 1] else "little"
            number = int.from_bytes(out[at + 2 : at + 4], order)  # type: ignore[arg-type]
            count = out[at + 4]
            fields, offset = [], 0
            for index in range(count):
                field, size = out[at + 5 + 3 * index], out[at + 6 + 3 * index]
                is_time = field == 253 or field in _TIME_FIELDS.get(number, ())
                fields.append((offset, size, is_time and size == 4))
                offset += size
            at += 5 + 3 * count
            if header & 0x20:  # developer fields follow
                at += 1 + 3 * out[at]
            definitions[local] = (order, fields)
            continue
        order, fields = definitions[local]
        for offset, _size, is_time in fields:
            if is_time:
                where = slice(at + offset, at + offset + 4)
                value = int.from_bytes(out[where], order)  # type: ignore[arg-type]
                out[where] = (value + seconds).to_bytes(4, order)  # type: ignore[arg-type]
        at += sum(size for _, size, _ in fields)
    out[end : end + 2] = _crc(bytes(out[:end])).to_bytes(2, "little")
    return bytes(out)


def write_runs(folder: Path, count: int) -> list[Path]:
    """``count`` one-hour runs in ``folder``, one a day (those already there are kept)."""
    first = folder / "run-000.fit"
    if not first.exists():
        first.write_bytes(fit_files.one_hour_run())
    run = first.read_bytes()
    for index in range(1, count):
        path = folder / f"run-{index:03}.fit"
        if not path.exists():
            path.write_bytes(shifted(run, -index * 86_400))
    return sorted(folder.glob("run-*.fit"))[:count]


def fitdecode_alone(paths: list[Path]) -> float:
    """Seconds for fitdecode to read every frame of every file, in this process."""
    import fitdecode

    start = time.perf_counter()
    for path in paths:
        with fitdecode.FitReader(
            io.BytesIO(path.read_bytes()), check_crc=fitdecode.CrcCheck.RAISE
        ) as reader:
            for _frame in reader:
                pass
    return time.perf_counter() - start


def import_all(folder: Path, count: int, workers: int | None) -> float:
    """Seconds for ``read_activities`` on the folder; checks that every run came in."""
    from planner.interchange.activities import read_activities

    start = time.perf_counter()
    report = read_activities([folder], today=TODAY, workers=workers)
    seconds = time.perf_counter() - start
    if len(report.activities) != count or report.refused:
        raise SystemExit(f"import read {len(report.activities)} of {count}: {report.refused[:3]}")
    return seconds


def main() -> int:
    """Write the files, measure, print the figures and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, help="keep the generated files here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="legwork-activities-") as temporary:
        folder = args.dir or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        began = time.perf_counter()
        paths = write_runs(folder, args.files)
        size = sum(path.stat().st_size for path in paths)
        print(
            f"{len(paths)} one-hour FIT runs, {size / 2**20:.1f} MiB, ready in "
            f"{time.perf_counter() - began:.0f} s; {os.cpu_count()} cores"
        )
        import_all(folder, len(paths), None)  # warm-up: imports, page cache, the pool
        alone: list[float] = []
        pooled: list[float] = []
        single: list[float] = []
        for _ in range(args.runs):
            alone.append(fitdecode_alone(paths))
            pooled.append(import_all(folder, len(paths), None))
            single.append(import_all(folder, len(paths), 1))
    base = statistics.median(alone)
    print(f"{'figure':40} {'median s':>9} {'min s':>7} {'ratio':>6}")
    for name, times in (
        ("fitdecode alone, one process", alone),
        ("import (read_activities), every core", pooled),
        ("import, one process (workers=1)", single),
    ):
        ratio = statistics.median(times) / base
        print(f"{name:40} {statistics.median(times):9.2f} {min(times):7.2f} {ratio:5.2f}x")
    ratio = statistics.median(pooled) / base
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(f"import / fitdecode alone: {ratio:.2f}x ({verdict} the goal of {TARGET_RATIO}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
