"""``legwork --smoke`` on a real X server: the platform a desktop's bundle starts on."""

from __future__ import annotations

from pathlib import Path

from tests.test_self_test import STEPS, run_smoke


def test_it_passes_on_x11(xserver: str, tmp_path: Path) -> None:
    finished, home, temporary = run_smoke(
        tmp_path, env={"DISPLAY": xserver, "QT_QPA_PLATFORM": "xcb"}
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.count("  ok  ") == len(STEPS)
    assert not home.exists()
    assert list(temporary.iterdir()) == []
