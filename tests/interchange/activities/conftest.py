"""FIT files made once per test session (a one-hour run takes fit-tool a second or two)."""

from __future__ import annotations

import pytest

from tests.helpers import fit_files


@pytest.fixture(scope="session")
def run_fit() -> bytes:
    return fit_files.one_hour_run()


@pytest.fixture(scope="session")
def ride_fit() -> bytes:
    return fit_files.cycling_ride()
