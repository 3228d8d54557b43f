"""Benchmark reading a one-million-row weigh-in CSV (16 MB): time, peak memory, CLI output.

Usage::

    python tests/perf/bench_weight_import.py [--rows 1000000] [--accepted 45000] [--runs 3]

It writes the file to a temporary folder (``date,weight`` rows of consecutive days, the first
``--accepted`` ending on 2026-11-18 and the rest after it, so refused: the file of the issue
"a 16 MB weigh-in CSV freezes the window"), then measures, each in a fresh Python process so
that one measurement's memory never counts in another's:

- **read**: ``read_weights_csv`` (scan and resolve), wall time; the process's peak resident
  memory (``ru_maxrss``) above what it used before reading;
- **read, traced**: the same under ``tracemalloc``, its peak of Python allocations (slower,
  so its time is not reported);
- **option change**: ``ScannedWeights.resolve`` with the other unit, on rows already read
  (what the dialog does when the runner changes an option; with ``--source`` of a version
  before the scan, reading the whole file again, as that version's dialog did);
- **CLI**: ``python -m planner import-weights`` end to end on a new plan, wall time, the
  lines it prints and the child's peak resident memory.

``--apple-mib N`` also writes an Apple Health ``export.xml`` of about N MiB (step-count
records around one body-mass record a day for ten years, as a phone's export is) and
measures reading it (streamed, a block at a time) and resolving its weigh-ins: wall time and
the process's peak resident memory above the start, which must not grow with the file.
A few hundred MiB take minutes: run it by hand.

``--source DIR`` measures the ``planner`` package in another folder instead (for instance
``git archive 95fcad6 planner | tar -x -C /tmp/before``), for "before" figures. Slow numbers
never make it fail: it is a script, not a test.

Measured on the 2-core development machine, shared with other work (load average about 3),
Python 3.11; "before" is 95fcad6 (one ``--runs``), "after" the streaming scan (three)::

    figure                                      before      after
    read (scan + resolve), median s              18.66       4.80
    read: peak RSS above the start, MiB            571         57
    read: process peak RSS, MiB                    605         92
    read: tracemalloc peak, MiB                    521         57
    option change, median s                      18.48       0.86   (before: read again)
    CLI import-weights, median s                 22.40       8.90
    CLI lines printed                          955,002         23
    CLI peak RSS, MiB                              634        106
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from tests.helpers.weight_files import TODAY, write_daily_weights  # noqa: E402

#: The issue's limits: at most 200 MB for the 16 MB file; a bounded CLI summary.
PEAK_TARGET_MIB = 200.0
CLI_LINES_TARGET = 25


def _child(mode: str, path: str) -> dict[str, float]:
    """One measurement, in this (fresh) process; returns its figures."""
    import tracemalloc

    from planner.interchange import weights_csv

    unit = weights_csv.WeightUnit.KG
    today = date.fromisoformat(TODAY.isoformat())
    if mode == "apple":
        return _read_apple(Path(path), today)
    data = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if mode == "traced":
        tracemalloc.start()
        found = weights_csv.read_weights_csv(data, today=today, unit=unit)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {"traced_mib": peak / 2**20, "accepted": len(found.accepted)}
    if mode == "resolve":
        scan = getattr(weights_csv, "scan_weights_csv", None)
        if scan is None:  # before the scan existed, an option change read the file again
            start = time.perf_counter()
            weights_csv.read_weights_csv(data, today=today, unit=weights_csv.WeightUnit.LB)
            return {"seconds": time.perf_counter() - start}
        scanned = scan(data, today=today)
        start = time.perf_counter()
        scanned.resolve(unit=weights_csv.WeightUnit.LB)
        return {"seconds": time.perf_counter() - start}
    start = time.perf_counter()
    found = weights_csv.read_weights_csv(data, today=today, unit=unit)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    refused = getattr(found, "refused_count", None)
    return {
        "seconds": seconds,
        "rss_above_mib": (after - before) / 1024,
        "rss_peak_mib": after / 1024,
        "accepted": len(found.accepted),
        "refused": len(found.refused) if refused is None else refused,
    }


def _read_apple(path: Path, today: date) -> dict[str, float]:
    """Read an Apple Health export's weigh-ins, as the dialog and the CLI do."""
    from planner.interchange.weight_files import scan_weights_file

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    found = scan_weights_file(path, today=today).resolve()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": seconds,
        "rss_above_mib": (after - before) / 1024,
        "accepted": len(found.accepted),
    }


def write_apple_export(path: Path, mib: int) -> Path:
    """An Apple Health ``export.xml`` of about ``mib`` MiB: steps, and a weigh-in a day."""
    from datetime import timedelta

    step = (
        ' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" '
        'creationDate="{d} 08:10:00 +0100" startDate="{d} 08:00:00 +0100" '
        'endDate="{d} 08:10:00 +0100" value="412"/>\n'
    )
    mass = (
        ' <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" '
        'startDate="{d} 07:12:00 +0100" endDate="{d} 07:12:00 +0100" value="{kg:.1f}">\n'
        '  <MetadataEntry key="HKWasUserEntered" value="0"/>\n </Record>\n'
    )
    days = 3650
    steps_a_day = max(1, mib * 2**20 // (days * len(step.format(d="2026-01-01"))))
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE HealthData [\n'
            "<!ELEMENT HealthData (ExportDate,Me,(Record)*)>\n"
            "<!ATTLIST HealthData locale CDATA #REQUIRED>\n]>\n"
            '<HealthData locale="en_US">\n <ExportDate value="2026-11-18 10:00:00 +0100"/>\n'
        )
        for n in range(days):
            day = (TODAY - timedelta(days=days - 1 - n)).isoformat()
            out.write(mass.format(d=day, kg=60 + (n % 200) / 10) + step.format(d=day) * steps_a_day)
        out.write("</HealthData>\n")
    return path


def _env(source: Path, folder: Path) -> dict[str, str]:
    """The environment of a measured process: ``planner`` from ``source``, a private home."""
    return dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(source), str(REPO)]),
        XDG_DATA_HOME=str(folder / "data"),
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_STATE_HOME=str(folder / "state"),
    )


def _measure(mode: str, path: Path, source: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-P", __file__, "--child", mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=source,
        env=_env(source, path.parent),
    ).stdout
    figures: dict[str, float] = json.loads(out)
    return figures


def _cli(path: Path, source: Path) -> dict[str, float]:
    """``legwork import-weights`` on a new plan: its time, output lines and peak memory."""
    folder = path.parent
    db = folder / f"plan-{time.monotonic_ns()}.sqlite3"
    env = _env(source, folder)
    make_plan = (
        "import sys; from planner.storage.db import open_database as o; o(sys.argv[1]).close()"
    )
    subprocess.run(
        [sys.executable, "-c", make_plan, str(db)],
        check=True,
        capture_output=True,
        cwd=source,
        env=env,
    )
    # Output to files, not pipes: a child printing a million lines would fill a pipe and
    # wait forever, since the exit status and its peak memory come from wait4, not reading.
    with (folder / "out.txt").open("w+") as out, (folder / "err.txt").open("w+") as err:
        start = time.perf_counter()
        command = ["import-weights", "--db", str(db), str(path), "--today", TODAY.isoformat()]
        child = subprocess.Popen(
            [sys.executable, "-m", "planner", *command],
            stdout=out,
            stderr=err,
            cwd=source,
            env=env,
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines = sum(1 for _ in out) + sum(1 for _ in err)
    return {
        "seconds": seconds,
        "lines": lines,
        "rss_peak_mib": usage.ru_maxrss / 1024,
        "code": child.returncode,
    }


def main(argv: list[str] | None = None) -> int:
    """Generate the file, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--accepted", type=int, default=45_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each timing (median)")
    parser.add_argument(
        "--source",
        type=Path,
        default=REPO,
        help="the folder whose planner/ to measure (an older checkout, for 'before' figures)",
    )
    parser.add_argument(
        "--apple-mib", type=int, default=0, help="also an Apple Health export of this size"
    )
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0
    with tempfile.TemporaryDirectory(prefix="legwork-bench-weights-") as name:
        folder = Path(name)
        path = write_daily_weights(folder / "weights.csv", args.rows, accepted=args.accepted)
        size = path.stat().st_size / 2**20
        print(f"{path.name}: {args.rows:,} rows, {size:.1f} MiB, {args.accepted:,} to accept")
        source = args.source.resolve()
        reads = [_measure("read", path, source) for _ in range(args.runs)]
        traced = _measure("traced", path, source)
        resolves = [_measure("resolve", path, source) for _ in range(args.runs)]
        clis = [_cli(path, source) for _ in range(args.runs)]
        apple: list[dict[str, float]] = []
        if args.apple_mib:
            xml = write_apple_export(folder / "export.xml", args.apple_mib)
            print(f"{xml.name}: {xml.stat().st_size / 2**20:.0f} MiB")
            apple = [_measure("apple", xml, source) for _ in range(args.runs)]
    read_s = statistics.median(r["seconds"] for r in reads)
    rows = [
        ("read (scan + resolve), median s", f"{read_s:.2f}", ""),
        (
            "read: peak RSS above the start, MiB",
            f"{max(r['rss_above_mib'] for r in reads):.0f}",
            f"<= {PEAK_TARGET_MIB:.0f}",
        ),
        ("read: process peak RSS, MiB", f"{max(r['rss_peak_mib'] for r in reads):.0f}", ""),
        (
            "read: tracemalloc peak, MiB",
            f"{traced['traced_mib']:.0f}",
            f"<= {PEAK_TARGET_MIB:.0f}",
        ),
        (
            "option change (resolve again), median s",
            f"{statistics.median(r['seconds'] for r in resolves):.2f}",
            "",
        ),
        (
            "CLI import-weights, median s",
            f"{statistics.median(c['seconds'] for c in clis):.2f}",
            "",
        ),
        ("CLI lines printed", f"{max(c['lines'] for c in clis):.0f}", f"<= {CLI_LINES_TARGET}"),
        (
            "CLI peak RSS, MiB",
            f"{max(c['rss_peak_mib'] for c in clis):.0f}",
            f"<= {PEAK_TARGET_MIB:.0f}",
        ),
    ]
    if apple:
        rows += [
            (
                "Apple Health export.xml read, median s",
                f"{statistics.median(a['seconds'] for a in apple):.2f}",
                "",
            ),
            (
                "export.xml: peak RSS above the start, MiB",
                f"{max(a['rss_above_mib'] for a in apple):.0f}",
                f"<= {PEAK_TARGET_MIB:.0f}",
            ),
        ]
    width = max(len(row[0]) for row in rows)
    for label, value, target in rows:
        print(f"{label:<{width}}  {value:>8}  {target}")
    print(f"accepted {reads[0]['accepted']:,.0f}, refused {reads[0]['refused']:,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
