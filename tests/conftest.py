"""Test-wide setup: a pinned environment, one QApplication, fresh settings and data for every test.

This file must import without PySide6: CI also runs ``tests/core`` in an environment where Qt,
SQLAlchemy and pyqtgraph are not installed (``-p no:pytestqt``), to prove the core is pure.

Where PySide6 is installed but Qt cannot load (a bare machine without Qt's system libraries,
see :mod:`tests.system`), pytest-qt is switched off and everything that needs Qt is skipped
with the reason: ``tests/ui`` and ``tests/e2e``, modules that import Qt or the UI, and tests
that use the ``qtbot`` or ``qapp`` fixtures. ``LEGWORK_TESTS_STRICT=1`` makes that an error.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# ---------------------------------------------------------------- environment, before any Qt import
# The pytest process always renders offscreen. Tests that need a real X server (tests/e2e) start
# Xvfb themselves and run the app in a separate process with its own DISPLAY and platform, so the
# developer's DISPLAY never matters here. LEGWORK_TEST_QPA=xcb lets a developer watch widget tests.
os.environ["QT_QPA_PLATFORM"] = os.environ.get("LEGWORK_TEST_QPA", "offscreen")
# Timezone-dependent code (pyqtgraph's DateAxisItem, "today") must not depend on the machine.
os.environ["TZ"] = "UTC"
if hasattr(time, "tzset"):  # not on Windows
    time.tzset()
# pyqtgraph picks the first Qt binding it can import (PyQt6 first); make it ours.
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"
# Qt must not read the developer's accessibility bus or theme.
os.environ.setdefault("NO_AT_BRIDGE", "1")
os.environ.pop("QT_STYLE_OVERRIDE", None)
# Qt warns (and qt_log_level_fail turns that into a failure) when XDG_RUNTIME_DIR is unset or not
# private, which is the case on a bare CI machine.
if not os.environ.get("XDG_RUNTIME_DIR") or not os.path.isdir(os.environ["XDG_RUNTIME_DIR"]):
    _runtime_dir = tempfile.mkdtemp(prefix="legwork-tests-runtime-")  # mode 0700
    os.environ["XDG_RUNTIME_DIR"] = _runtime_dir
    atexit.register(shutil.rmtree, _runtime_dir, ignore_errors=True)

# Imported after the environment is pinned: it loads Qt, when Qt can load.
from tests.system import QT_PROBLEM, STRICT_ENV, strict

HAVE_QT = QT_PROBLEM is None
TESTS_DIR = Path(__file__).resolve().parent
#: Folders of tests that all need Qt.
QT_FOLDERS = frozenset({"ui", "e2e"})
#: A module that imports one of these at its top needs Qt to be collected at all.
_QT_IMPORT = re.compile(
    r"^(?:from|import)\s+(?:PySide6|pytestqt|planner\.ui|planner\.app|tests\.ui|tests\.e2e)\b",
    re.MULTILINE,
)

APP_NAME = "Legwork"
ORGANIZATION_NAME = "Legwork-tests"


# ---------------------------------------------------------------- where Qt cannot load
def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """Switch pytest-qt off where Qt cannot load (it would abort the whole run)."""
    if QT_PROBLEM is not None and not strict():
        pluginmanager.set_blocked("pytest-qt")


def pytest_configure(config: pytest.Config) -> None:
    if QT_PROBLEM is not None and strict() and QT_PROBLEM != "PySide6 is not installed":
        raise pytest.UsageError(f"{STRICT_ENV} is set, but {QT_PROBLEM}")


class _SkippedForQt(pytest.Collector):
    """A test folder or module that needs Qt, reported as skipped without importing it.

    Not a ``pytest.Directory``, whose collection would first import the folder's conftest.py.
    """

    def collect(self) -> list[pytest.Item | pytest.Collector]:
        pytest.skip(f"{self.path.relative_to(TESTS_DIR.parent)} needs Qt: {QT_PROBLEM}")


def pytest_collect_directory(path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if QT_PROBLEM is not None and path.parent == TESTS_DIR and path.name in QT_FOLDERS:
        return _SkippedForQt.from_parent(parent, name=path.name, path=path)
    return None


def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> Any:
    if QT_PROBLEM is not None and _QT_IMPORT.search(module_path.read_text(errors="replace")):
        return _SkippedForQt.from_parent(parent, name=module_path.name, path=module_path)
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if QT_PROBLEM is None:
        return
    skip = pytest.mark.skip(reason=QT_PROBLEM)
    for item in items:
        if {"qtbot", "qapp"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(skip)


# ---------------------------------------------------------------- the one QApplication
@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    """Arguments for pytest-qt's session QApplication."""
    return [APP_NAME]


@pytest.fixture(scope="session", autouse=True)
def _qapp_first(request: pytest.FixtureRequest) -> Any:
    """Create the session QApplication before any test runs, and name it.

    A test (or a library) that creates a QCoreApplication first would make every later widget test
    crash, so the QApplication is made up front whenever Qt and pytest-qt are available.
    """
    if not HAVE_QT or not request.config.pluginmanager.has_plugin("pytest-qt"):
        return None
    app = request.getfixturevalue("qapp")
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    return app


# ---------------------------------------------------------------- isolation of every test
@pytest.fixture(autouse=True)
def _no_windows_left(request: pytest.FixtureRequest) -> Iterator[None]:
    """Close every window a Qt test leaves and free the unreachable ones here, on the GUI thread.

    A closed window is only hidden: left to Python's cyclic garbage collector, it would still
    run its timers in later tests and be freed at a random moment, possibly in the middle of
    one of its own slots, or on a worker thread, which crashes Qt. Windows are not deleted
    behind Python's back (``deleteLater``): pyqtgraph's items would then be freed twice.
    """
    yield
    if not HAVE_QT or not {"qtbot", "qapp"} & set(request.fixturenames):
        return
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible():
            widget.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture(autouse=True)
def _system_theme_after(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that chose Light or Dark (View ▸ Theme, the action walker) gives the look back.

    A theme is the whole application's style and palette: left on, it would paint every
    later test's windows dark.
    """
    yield
    theme = sys.modules.get("planner.ui.theme")
    if theme is None or not HAVE_QT or not {"qtbot", "qapp"} & set(request.fixturenames):
        return
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        theme.apply_theme(theme.Theme.SYSTEM)


@pytest.fixture(autouse=True)
def _fresh_settings(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[None]:
    """Every test gets empty QSettings in its own folder, under unique names.

    ``QSettings()`` then reads and writes ``tmp_path/settings/...ini`` and never the developer's
    configuration, and a value written by one test cannot leak into another.
    """
    if not HAVE_QT:
        yield
        return
    from PySide6.QtCore import QCoreApplication, QSettings

    root = tmp_path / "settings"
    for scope, name in ((QSettings.Scope.UserScope, "user"), (QSettings.Scope.SystemScope, "sys")):
        for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
            QSettings.setPath(fmt, scope, str(root / name))
    old_format = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    old_names = (
        QCoreApplication.organizationName(),
        QCoreApplication.organizationDomain(),
        QCoreApplication.applicationName(),
    )
    unique = uuid.uuid4().hex[:12]
    QCoreApplication.setOrganizationName(f"{ORGANIZATION_NAME}-{unique}")
    QCoreApplication.setOrganizationDomain(f"{unique}.tests.invalid")
    QCoreApplication.setApplicationName(f"{APP_NAME}-{unique}")
    try:
        yield
    finally:
        QSettings.setDefaultFormat(old_format)
        QCoreApplication.setOrganizationName(old_names[0])
        QCoreApplication.setOrganizationDomain(old_names[1])
        QCoreApplication.setApplicationName(old_names[2])


@pytest.fixture(autouse=True)
def _private_data_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever touches the real user data dir, database or backups.

    ``LEGWORK_DB`` points at a file in the test's tmp dir, and the XDG base directories (which
    platformdirs honours on Linux) too, so backups and caches land there as well.
    """
    home = tmp_path / "home"
    for var, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(path))
    monkeypatch.setenv("LEGWORK_DB", str(tmp_path / "legwork-default.sqlite3"))


@pytest.fixture
def no_default_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``LEGWORK_DB``: the command line finds the plan as a user's does (``--db``, else the
    default plan in the data dir, which :func:`_private_data_dirs` keeps in the test's folder).

    For the command line's tests: ``pytestmark = pytest.mark.usefixtures("no_default_plan")``.
    """
    monkeypatch.delenv("LEGWORK_DB", raising=False)


@pytest.fixture
def no_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give ``sys.excepthook`` back after the test: ``app.run()`` installs its own."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database lives (the file does not exist yet)."""
    return tmp_path / "plan.sqlite3"
