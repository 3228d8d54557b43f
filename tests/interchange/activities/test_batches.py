"""Batches as runners bring them: a watch's folder, a Strava or Garmin bulk export (ZIP)."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.core.model import Kind
from planner.interchange.activities import Duplicate, ReadCancelled, read_activities, reading
from planner.interchange.activities.archives import Job
from tests.helpers import fit_files
from tests.helpers.dates import TODAY
from tests.helpers.fit_files import RUN_START
from tests.interchange.activities.documents import gpx, tcx, zip_of


def earlier(days: int) -> bytes:
    return tcx(start=RUN_START - timedelta(days=days))


def test_folder_tree_is_read_recursively(tmp_path: Path, run_fit: bytes, ride_fit: bytes) -> None:
    (tmp_path / "2026" / "11").mkdir(parents=True)
    (tmp_path / "2026" / "11" / "run.FIT").write_bytes(run_fit)
    (tmp_path / "2026" / "ride.fit.gz").write_bytes(gzip.compress(ride_fit))
    (tmp_path / "tempo.tcx.gz").write_bytes(gzip.compress(earlier(2)))
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "2026" / "._ride.fit.gz").write_bytes(b"\x00\x05\x16\x07 Mac")
    report = read_activities([tmp_path], today=TODAY, workers=1)
    assert [(a.kind, Path(a.source).name) for a in report.activities] == [
        (Kind.RUN, "tempo.tcx.gz"),  # by start: two days before the run and the ride
        (Kind.RUN, "run.FIT"),
        (Kind.CROSS, "ride.fit.gz"),
    ]
    assert report.refused == ()
    assert report.ignored == 2


def test_strava_export_zip_with_gz_members_and_a_zip_inside(
    tmp_path: Path, run_fit: bytes, ride_fit: bytes
) -> None:
    inner = zip_of({"activities/9.tcx": earlier(3)})
    export = tmp_path / "export_123.zip"
    export.write_bytes(
        zip_of(
            {
                "activities/1.fit.gz": gzip.compress(run_fit),
                "activities/2.gpx.gz": gzip.compress(gpx(start=RUN_START - timedelta(days=1))),
                "activities/3.fit": ride_fit,
                "uploads.zip": inner,
                "profile.csv": b"name\nA\n",
                "__MACOSX/activities/._3.fit": b"\x00\x05\x16\x07 Mac",
            }
        )
    )
    report = read_activities([export], today=TODAY, workers=1)
    assert [a.source for a in report.activities] == [
        f"{export}/uploads.zip/activities/9.tcx",
        f"{export}/activities/2.gpx.gz",
        f"{export}/activities/1.fit.gz",
        f"{export}/activities/3.fit",
    ]
    assert report.refused == ()
    assert report.ignored == 2


def test_zip_three_levels_deep_is_refused(tmp_path: Path, run_fit: bytes) -> None:
    export = tmp_path / "export.zip"
    export.write_bytes(zip_of({"a.zip": zip_of({"b.zip": zip_of({"run.fit": run_fit})})}))
    report = read_activities([export], today=TODAY, workers=1)
    [refused] = report.refused
    assert refused.file == f"{export}/a.zip/b.zip"
    assert refused.reason == "a ZIP inside a ZIP inside a ZIP (Legwork opens one level deep)"


def test_same_run_as_fit_and_gpx_is_kept_once(tmp_path: Path, run_fit: bytes) -> None:
    (tmp_path / "run.gpx").write_bytes(gpx(start=RUN_START + timedelta(seconds=20)))
    (tmp_path / "run.fit").write_bytes(run_fit)
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "run.fit").write_bytes(run_fit)
    report = read_activities([tmp_path], today=TODAY, workers=1)
    [kept] = report.activities
    assert kept.source == str(tmp_path / "run.fit")  # FIT first (laps, local offset)
    assert report.duplicates == (
        Duplicate(str(tmp_path / "copy" / "run.fit"), str(tmp_path / "run.fit")),
        Duplicate(str(tmp_path / "run.gpx"), str(tmp_path / "run.fit")),
    )


def test_ten_thousand_other_files_are_skipped_unopened(
    tmp_path: Path, run_fit: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(10_000):
        (tmp_path / f"IMG_{index:05}.jpg").touch()
    (tmp_path / "run.fit").write_bytes(run_fit)
    decoded: list[str] = []
    real_decode = reading.decode

    def counting_decode(job: Job, *args: Any) -> Any:
        decoded.append(job.source)
        return real_decode(job, *args)

    monkeypatch.setattr(reading, "decode", counting_decode)
    report = read_activities([tmp_path], today=TODAY, workers=1)
    assert len(report.activities) == 1
    assert report.refused == ()
    assert report.ignored == 10_000
    assert decoded == [str(tmp_path / "run.fit")]


def test_progress_follows_the_files(tmp_path: Path) -> None:
    for day in range(3):
        (tmp_path / f"{day}.tcx").write_bytes(earlier(day))
    seen: list[tuple[int, int]] = []
    read_activities([tmp_path], today=TODAY, workers=1, on_progress=lambda *p: seen.append(p))
    assert seen == [(1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_stops_the_batch(tmp_path: Path, workers: int) -> None:
    for day in range(12):
        (tmp_path / f"{day}.tcx").write_bytes(earlier(day))
    seen: list[int] = []
    with pytest.raises(ReadCancelled):
        read_activities(
            [tmp_path],
            today=TODAY,
            workers=workers,
            on_progress=lambda done, _total: seen.append(done),
            should_stop=lambda: bool(seen),
        )
    assert len(seen) < 12


def test_many_files_decode_in_worker_processes_alike(tmp_path: Path, run_fit: bytes) -> None:
    for day in range(8):
        (tmp_path / f"{day}.tcx").write_bytes(earlier(day))
    (tmp_path / "run.fit").write_bytes(run_fit)
    (tmp_path / "bad.fit").write_bytes(fit_files.damaged(run_fit))
    alone = read_activities([tmp_path], today=TODAY, workers=1)
    shared = read_activities([tmp_path], today=TODAY, workers=2)
    assert shared == alone
    assert len(shared.activities) == 9
    assert [item.reason for item in shared.refused] == [
        "the file is damaged (its checksum does not match)"
    ]


def test_a_temporary_folder_too_deep_for_worker_processes_still_reads_every_file(
    tmp_path: Path,
) -> None:
    """Workers talk through a socket in TMPDIR, whose path a Unix socket caps at 107 bytes."""
    for day in range(8):
        (tmp_path / f"{day}.tcx").write_bytes(earlier(day))
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    # A process of its own: multiprocessing keeps its temporary folder and fork server once
    # made, so this one must be the first the process makes.
    script = (
        "import sys\n"
        "from planner.interchange.activities import read_activities\n"
        "report = read_activities([sys.argv[1]], workers=2)\n"
        "print(len(report.activities), len(report.refused))\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        env={**os.environ, "TMPDIR": str(deep)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.split() == ["8", "0"]


def test_missing_path_is_refused(tmp_path: Path) -> None:
    report = read_activities([tmp_path / "gone.fit"], today=TODAY)
    assert [item.reason for item in report.refused] == ["there is no such file or folder"]


def test_fit_without_its_extension_is_recognised_when_chosen(
    tmp_path: Path, run_fit: bytes
) -> None:
    plain = tmp_path / "ACTIVITY"
    plain.write_bytes(run_fit)
    report = read_activities([plain], today=TODAY)
    assert [a.kind for a in report.activities] == [Kind.RUN]


def test_the_apps_background_read_decodes_outside_its_process_at_low_priority(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a two-core computer the window keeps a core: one worker decodes, niced."""
    for day in range(8):
        (tmp_path / f"{day}.tcx").write_bytes(earlier(day))
    here: list[str] = []
    real = reading._READERS["tcx"]

    def read_here(data: bytes, source: str, *args: Any) -> Any:
        here.append(source)  # the worker processes import the module afresh: not theirs
        return real(data, source, *args)

    monkeypatch.setattr(reading.os, "cpu_count", lambda: 2)
    monkeypatch.setitem(reading._READERS, "tcx", read_here)
    report = read_activities([tmp_path], today=TODAY, background=True)
    assert here == []  # the app's process only waits and collects
    assert len(report.activities) == 8
    niceness: list[int] = []
    monkeypatch.setattr(reading.os, "setpriority", lambda *args: niceness.append(args[2]))
    reading.lower_priority()
    assert niceness == [reading.BACKGROUND_NICENESS]
