"""Bad input gets a clear reason, per file, while the other files import (issue 16).

Every case of the issue's list goes through :func:`read_activities`, the path the window
and the CLI take, next to a good run: the run is read, the bad file is refused with the
words the runner reads in the report.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from planner.interchange.activities import Limits, ReadReport, read_activities
from tests.helpers import fit_files
from tests.helpers.dates import TODAY
from tests.interchange.activities.documents import entity_bomb, external_entity, gpx, tcx, zip_of


def read_with_a_good_run(tmp_path: Path, run_fit: bytes, name: str, data: bytes) -> ReadReport:
    (tmp_path / "good.fit").write_bytes(run_fit)
    (tmp_path / name).write_bytes(data)
    report = read_activities([tmp_path], today=TODAY, workers=1)
    assert [a.source for a in report.activities] == [str(tmp_path / "good.fit")]
    return report


def reason(report: ReadReport) -> str:
    [refused] = report.refused
    return refused.reason


CASES: dict[str, tuple[str, Callable[[bytes], bytes], str]] = {
    "bad CRC": ("bad.fit", fit_files.damaged, "the file is damaged (its checksum does not match)"),
    "truncated": (
        "cut.fit",
        fit_files.truncated,
        "the file is cut short (truncated, as when a watch stops while writing)",
    ),
    "settings": (
        "Settings.fit",
        lambda _: fit_files.settings(),
        "not an activity: the watch's settings",
    ),
    "workout": (
        "tempo.fit",
        lambda _: fit_files.workout(),
        "not an activity: a workout (a plan for a session, not a recording of one)",
    ),
    "course": (
        "loop.fit",
        lambda _: fit_files.course(),
        "not an activity: a course (a route to follow, not a recording)",
    ),
    "empty": ("empty.fit", lambda _: b"", "the file is empty"),
    "random bytes": (
        "noise.fit",
        lambda _: os.urandom(5000),
        "not a FIT file (it does not start as one)",
    ),
    "GPX without time stamps": (
        "route.gpx",
        lambda _: gpx(times=False, seconds=600),
        "no time stamps (a route to follow, not a recording of a session)",
    ),
    "GPX entity bomb": (
        "bomb.gpx",
        lambda _: entity_bomb("gpx"),
        "an XML entity bomb (the file declares entities, which Legwork never expands)",
    ),
    "TCX entity bomb": (
        "bomb.tcx",
        lambda _: entity_bomb("TrainingCenterDatabase"),
        "an XML entity bomb (the file declares entities, which Legwork never expands)",
    ),
    "GPX external entity": (
        "xxe.gpx",
        lambda _: external_entity("gpx"),
        "an XML external entity (the file asks to read another file, which Legwork never does)",
    ),
    "TCX external entity": (
        "xxe.tcx",
        lambda _: external_entity("TrainingCenterDatabase"),
        "an XML external entity (the file asks to read another file, which Legwork never does)",
    ),
    "dated 1970": (
        "old.gpx",
        lambda _: gpx(start=datetime(1970, 1, 1, 8, tzinfo=UTC), seconds=600),
        "it is dated 1970, before 1990 (the watch's clock was not set)",
    ),
    "dated 2200": (
        "future.tcx",
        lambda _: tcx(start=datetime(2200, 1, 1, 8, tzinfo=UTC)),
        "it is dated 1 Jan 2200, in the future",
    ),
    "a run of 0 m": (
        "standing.fit",
        lambda _: fit_files.activity(seconds=600, speed_m_s=0.0, laps=1),
        "a run of 0 m",
    ),
    "a run of 1,000 km": (
        "teleport.gpx",
        lambda _: gpx(seconds=3600, step_s=60, metres_per_s=280.0),
        "it covers 1,00",
    ),
    "not an activity file": ("notes.txt", lambda _: b"hello", ""),
}


@pytest.mark.parametrize("case", [case for case in CASES if case != "not an activity file"])
def test_refused_with_a_reason(case: str, tmp_path: Path, run_fit: bytes) -> None:
    name, make, words = CASES[case]
    report = read_with_a_good_run(tmp_path, run_fit, name, make(run_fit))
    assert report.refused[0].file == str(tmp_path / name)
    assert reason(report).startswith(words)


def test_a_chosen_file_that_is_no_activity_file_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    report = read_activities([notes], today=TODAY)
    assert reason(report) == (
        "not an activity file (Legwork reads .fit, .gpx and .tcx files, "
        "also gzipped as .gz or inside a .zip)"
    )


def test_a_file_of_2_gb_is_refused_without_reading_it(tmp_path: Path, run_fit: bytes) -> None:
    huge = tmp_path / "huge.fit"
    with huge.open("wb") as handle:  # sparse: no disk space, and never read
        handle.truncate(2 * 1024**3)
    (tmp_path / "good.fit").write_bytes(run_fit)
    report = read_activities([tmp_path], today=TODAY, workers=1)
    assert len(report.activities) == 1
    assert report.refused[0].file == str(huge)
    assert reason(report) == "it is 2.0 GB, more than the 256 MB an activity file may be"


def test_zip_bomb_is_refused_by_its_ratio(tmp_path: Path, run_fit: bytes) -> None:
    export = tmp_path / "export.zip"
    export.write_bytes(zip_of({"run.fit": run_fit, "bomb.fit": bytes(50 * 1024 * 1024)}))
    report = read_activities([export], today=TODAY, workers=1)
    assert [a.source for a in report.activities] == [f"{export}/run.fit"]
    assert report.refused[0].file == f"{export}/bomb.fit"
    assert reason(report).startswith("a ZIP bomb: it unpacks 1,0")


def test_zip_over_the_total_cap_is_refused(tmp_path: Path, run_fit: bytes) -> None:
    export = tmp_path / "export.zip"
    export.write_bytes(zip_of({"a/run.fit": run_fit, "b/run.fit": run_fit}))
    limits = Limits(total_bytes=len(run_fit) + 10)
    report = read_activities([export], today=TODAY, workers=1, limits=limits)
    assert len(report.activities) == 1
    assert reason(report).startswith("the archive unpacks to more than")


def test_member_over_the_file_cap_is_refused(tmp_path: Path, run_fit: bytes) -> None:
    export = tmp_path / "export.zip"
    export.write_bytes(zip_of({"run.fit": run_fit}))
    report = read_activities([export], today=TODAY, workers=1, limits=Limits(file_bytes=1000))
    assert reason(report) == "it is 53 KB, more than the 1 KB an activity file may be"


def test_zip_member_named_outside_the_archive_is_refused(tmp_path: Path, run_fit: bytes) -> None:
    export = tmp_path / "export.zip"
    export.write_bytes(zip_of({"../../x.fit": run_fit, "/etc/run.fit": run_fit}))
    report = read_activities([export], today=TODAY, workers=1)
    assert report.activities == ()
    assert [item.file for item in report.refused] == [
        f"{export}/../../x.fit",
        f"{export}//etc/run.fit",
    ]
    assert {item.reason for item in report.refused} == {
        "its name points outside the archive, so Legwork does not read it"
    }
    assert not (tmp_path.parent.parent / "x.fit").exists()


def test_gz_bomb_is_refused(tmp_path: Path, run_fit: bytes) -> None:
    import gzip

    report = read_with_a_good_run(
        tmp_path, run_fit, "bomb.fit.gz", gzip.compress(bytes(300 * 1024 * 1024))
    )
    assert reason(report) == "it is 256 MB, more than the 256 MB an activity file may be"


def test_broken_zip_is_refused(tmp_path: Path, run_fit: bytes) -> None:
    report = read_with_a_good_run(tmp_path, run_fit, "export.zip", b"PK\x03\x04 broken")
    assert reason(report).startswith("not a readable ZIP archive")
