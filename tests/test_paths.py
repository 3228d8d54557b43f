"""Where Legwork keeps its files."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs
import pytest

from planner import paths

REPO = Path(__file__).resolve().parent.parent


def test_user_data_dir_is_platformdirs_legwork() -> None:
    assert paths.user_data_dir() == Path(platformdirs.user_data_dir("Legwork", appauthor=False))
    assert paths.user_data_dir().name == "Legwork"


def test_user_data_dir_follows_xdg_data_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("XDG_DATA_HOME is a Linux convention")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert paths.user_data_dir() == tmp_path / "Legwork"
    assert paths.backup_dir() == tmp_path / "Legwork" / "backups"


def test_default_db_path_is_in_the_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEGWORK_DB", raising=False)
    assert paths.default_db_path() == paths.user_data_dir() / "legwork.sqlite3"


def test_legwork_db_overrides_the_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LEGWORK_DB", str(tmp_path / "mine.sqlite3"))
    assert paths.default_db_path() == tmp_path / "mine.sqlite3"


def test_legwork_db_expands_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("LEGWORK_DB", "~/plan.sqlite3")
    assert paths.default_db_path() == tmp_path / "plan.sqlite3"


def test_empty_legwork_db_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGWORK_DB", "  ")
    assert paths.default_db_path() == paths.user_data_dir() / "legwork.sqlite3"


def test_nothing_is_created_by_asking(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("LEGWORK_DB", raising=False)
    paths.default_db_path()
    paths.backup_dir()
    assert not (tmp_path / "data").exists()


def test_resources_dir_in_a_source_checkout_is_the_top_level_folder() -> None:
    assert paths.resources_dir() == REPO / "resources"
    assert paths.resources_dir().is_dir()


def _fake_package(root: Path, *, checkout: bool, package_resources: bool) -> Path:
    package = root / "planner"
    package.mkdir(parents=True)
    if checkout:
        (root / "pyproject.toml").write_text("")
        (root / "resources").mkdir()
    if package_resources:
        (package / "resources").mkdir()
    return package


def test_resources_dir_of_an_installed_wheel_is_package_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    package = _fake_package(tmp_path / "site-packages", checkout=False, package_resources=True)
    # site-packages may well hold an unrelated top-level "resources" folder: not ours.
    (tmp_path / "site-packages" / "resources").mkdir()
    monkeypatch.setattr(paths, "_PACKAGE_DIR", package)
    assert paths.resources_dir() == package / "resources"


def test_resources_dir_when_frozen_uses_meipass(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "resources").mkdir(parents=True)
    package = _fake_package(tmp_path / "elsewhere", checkout=True, package_resources=True)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", package)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert paths.resources_dir() == bundle / "resources"


def test_resources_dir_when_frozen_with_package_layout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "planner" / "resources").mkdir(parents=True)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", bundle / "planner")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert paths.resources_dir() == bundle / "planner" / "resources"


def test_resources_dir_falls_back_to_the_package_location(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    package = _fake_package(tmp_path, checkout=False, package_resources=False)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", package)
    assert paths.resources_dir() == package / "resources"
