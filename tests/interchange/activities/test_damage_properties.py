"""Any damage to a file gives a refusal with a reason, never a crash or a half-read activity."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.interchange.activities.fit import read_fit
from planner.interchange.activities.gpx import read_gpx
from planner.interchange.activities.samples import ActivityRefused
from planner.interchange.activities.tcx import read_tcx
from tests.helpers import fit_files
from tests.interchange.activities.documents import gpx, tcx

FIT_REASONS = (
    "the file is damaged (its checksum does not match)",
    "the file is cut short",
    "not a FIT file",
    "the file is damaged (it cannot be decoded",
)


@cache
def short_run() -> bytes:
    return fit_files.activity(seconds=300, laps=2)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_fit_cut_anywhere_is_refused(data: st.DataObject) -> None:
    run = short_run()
    end = data.draw(st.integers(1, len(run) - 1))
    with pytest.raises(ActivityRefused) as refusal:
        read_fit(run[:end], "cut.fit")
    assert str(refusal.value).startswith(FIT_REASONS)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_fit_with_any_byte_changed_is_refused(data: st.DataObject) -> None:
    run = bytearray(short_run())
    where = data.draw(st.integers(0, len(run) - 1))
    run[where] ^= data.draw(st.integers(1, 255))
    with pytest.raises(ActivityRefused) as refusal:
        read_fit(bytes(run), "bad.fit")
    assert str(refusal.value).startswith(FIT_REASONS)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_xml_cut_anywhere_is_refused_or_read_whole(data: st.DataObject) -> None:
    for reader, document in ((read_gpx, gpx(seconds=120)), (read_tcx, tcx(seconds=120))):
        end = data.draw(st.integers(0, len(document) - 1))
        with pytest.raises(ActivityRefused):
            reader(document[:end], "cut")


def test_tcx_in_an_unknown_encoding_is_refused() -> None:
    damaged = tcx(seconds=60).replace(b'encoding="UTF-8"', b'encoding="RTF-8"')
    with pytest.raises(ActivityRefused, match="not a readable TCX file"):
        read_tcx(damaged, "odd.tcx")
