"""``legwork --today`` pins the service's today too: a weigh-in after it is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.app import build_main_window
from planner.core.model import ValidationError, WeightEntry
from planner.storage.db import open_database

TODAY = date(2026, 11, 18)


def test_the_window_s_service_refuses_a_weigh_in_after_the_pinned_today(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "plan.sqlite3"
    with open_database(path):
        pass
    window = build_main_window(path, today=TODAY)
    qtbot.addWidget(window)
    service = window.controller.service
    with pytest.raises(ValidationError, match=r"\(Thu 19 Nov 2026\); today is Wed 18 Nov 2026\.$"):
        service.save_weight(WeightEntry(date(2026, 11, 19), 70.0))
    service.save_weight(WeightEntry(TODAY, 70.0))
    assert service.weights(TODAY, date(2026, 11, 19)) == [WeightEntry(TODAY, 70.0)]
