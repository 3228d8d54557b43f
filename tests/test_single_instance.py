"""One writer per plan: the lock, the raise request, stale locks, and writing commands."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from planner import cli, paths, single_instance
from planner.cli import demo as demo_command
from planner.core.model import Kind, Workout
from planner.storage.backups import make_backup
from planner.storage.db import open_database
from planner.storage.plan_files import APP_PURPOSE, lock_file_for, read_lock_holder, try_lock
from tests.fakes import write_workouts

ROOT = Path(__file__).resolve().parents[1]


def child_env() -> dict[str, str]:
    """This test's environment (its private data folders), for a child process."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}


#: Another Legwork holding a plan: the lock and the server, answering raise requests.
HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    app = QCoreApplication([])
    from planner import single_instance
    instance = single_instance.acquire(Path(sys.argv[1]))
    assert instance is not None and instance.listening
    def raised():
        print("raised", flush=True)
    instance.raise_requested.connect(raised)
    print("ready", flush=True)
    app.exec()
    """
)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.sqlite3"
    with open_database(path) as db:
        write_workouts(
            db.repository, [Workout(None, date(2026, 3, 2), Kind.RUN, "Easy run", 0, 35.0)]
        )
    return path


def run_holder(plan: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """Another Legwork holding ``plan`` (:data:`HOLDER`), once it says it is ready."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(plan)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready", process.stderr
    return process


@pytest.fixture
def other_legwork(plan: Path) -> Iterator[subprocess.Popen[str]]:
    """A second process that holds ``plan`` (lock and server) until the test ends."""
    process = run_holder(plan, child_env())
    try:
        yield process
    finally:
        process.kill()
        process.wait(timeout=30)


def socket_file(plan: Path) -> Path:
    """The raise socket the plan's lock file names (its holder's, or a killed holder's)."""
    holder = read_lock_holder(plan)
    assert holder is not None and holder.socket, "the lock file names no socket"
    return Path(holder.socket)


# ------------------------------------------------------------------------------ the lock
def test_one_holder_per_plan_and_the_lock_file_says_who(
    qapp: QApplication, plan: Path, tmp_path: Path
) -> None:
    first = single_instance.acquire(plan)
    assert first is not None and first.listening
    try:
        assert single_instance.acquire(plan) is None
        # The same file reached another way is the same plan.
        alias = tmp_path / "alias.sqlite3"
        alias.symlink_to(plan)
        assert single_instance.acquire(alias) is None
        holder = single_instance.lock_holder(alias)
        assert holder is not None
        assert (holder.pid, holder.purpose) == (os.getpid(), APP_PURPOSE)
        assert holder.describe() == f"the Legwork app (process {os.getpid()})"
        # Another plan is free.
        other = single_instance.acquire(tmp_path / "other.sqlite3")
        assert other is not None
        other.release()
    finally:
        first.release()
    again = single_instance.acquire(plan)
    assert again is not None
    again.release()
    lock = lock_file_for(plan)
    assert lock.parent == paths.user_data_dir() / "locks"
    assert lock.name.startswith("plan-") and lock.exists()  # kept: never deleted
    assert read_lock_holder(plan) is None  # emptied on release


def test_a_stale_lock_and_socket_after_kill_9_do_not_block(
    qapp: QApplication, plan: Path, other_legwork: subprocess.Popen[str]
) -> None:
    assert single_instance.acquire(plan) is None  # alive: it holds the plan
    other_legwork.kill()
    other_legwork.wait(timeout=30)
    stale = socket_file(plan)
    assert stale.exists()  # a killed holder leaves its socket behind

    assert single_instance.ask_running_instance_to_raise(plan, timeout_ms=300) is False
    instance = single_instance.acquire(plan)
    try:
        assert instance is not None
        assert instance.listening
        assert not stale.exists() and not stale.parent.exists()  # the new holder tidied up
        assert socket_file(plan) != stale
    finally:
        if instance is not None:
            instance.release()


def test_only_the_holder_removes_its_socket_and_it_answers(
    qapp: QApplication, plan: Path, other_legwork: subprocess.Popen[str]
) -> None:
    for _ in range(3):
        assert single_instance.acquire(plan) is None
    assert socket_file(plan).exists()  # not removed by those who could not lock

    assert single_instance.ask_running_instance_to_raise(plan) is True
    assert other_legwork.stdout is not None
    assert other_legwork.stdout.readline().strip() == "raised"


def test_nobody_answers_for_a_plan_nobody_has(qapp: QApplication, plan: Path) -> None:
    assert single_instance.ask_running_instance_to_raise(plan, timeout_ms=200) is False


# ------------------------------------------------------------------------------ the command line
def test_writing_commands_refuse_while_the_app_has_the_plan(
    qapp: QApplication, plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "in.json"
    export.write_text(
        json.dumps([{"day": "2026-03-03", "kind": "run", "title": "Tempo", "duration_min": 40}])
    )
    before = plan.read_bytes()
    instance = single_instance.acquire(plan)
    assert instance is not None
    try:
        for argv in (
            ["import", "--db", str(plan), str(export)],
            ["demo", "--db", str(plan)],
            ["config", "--db", str(plan), "units", "mi"],
        ):
            assert cli.main(argv) == 1, argv
            error = capsys.readouterr().err.splitlines()
            assert error[0] == (
                f"legwork: error: plan.sqlite3 is open in the Legwork app (process {os.getpid()});"
                " nothing was changed."
            )
            assert error[1].startswith("legwork: hint: Close it")
        # Commands that only read keep working.
        assert cli.main(["export", "--db", str(plan), "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)[0]["title"] == "Easy run"
        assert cli.main(["check", "--db", str(plan)]) == 0
    finally:
        instance.release()
    assert plan.read_bytes() == before
    # Once the app is gone, writing works again.
    assert cli.main(["import", "--db", str(plan), str(export)]) == 0


def test_a_writing_command_holds_the_plan_while_it_writes(
    qapp: QApplication, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[object] = []

    def demo(_args: object) -> int:
        seen.append(try_lock(plan, purpose="probe"))
        seen.append(read_lock_holder(plan))
        return 0

    monkeypatch.setattr(demo_command, "run", demo)
    assert cli.main(["demo", "--db", str(plan)]) == 0
    assert seen[0] is None
    holder = seen[1]
    assert holder is not None and holder.purpose == "legwork demo"  # type: ignore[attr-defined]


def test_a_backup_is_never_written_by_a_command(
    qapp: QApplication, plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = make_backup(plan, paths.backup_dir(), now=datetime(2026, 3, 2, tzinfo=UTC)).path
    before = backup.read_bytes()
    assert cli.main(["config", "--db", str(backup), "units", "mi"]) == 1
    assert "is a backup, which Legwork never changes" in capsys.readouterr().err
    assert backup.read_bytes() == before


# ------------------------------------------------------------------ other names of one plan
def _import_file(tmp_path: Path) -> Path:
    export = tmp_path / "in.json"
    export.write_text(
        json.dumps([{"day": "2026-03-03", "kind": "run", "title": "Tempo", "duration_min": 40}])
    )
    return export


def _legwork(*argv: object) -> subprocess.CompletedProcess[str]:
    """``legwork ARGV`` as another program: its own process, this test's data folders."""
    return subprocess.run(
        [sys.executable, "-m", "planner", *map(str, argv)],
        env=child_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _titles(plan: Path) -> list[str]:
    with open_database(plan, read_only=True) as db:
        return [w.title for w in db.repository.workouts_between(date(2026, 1, 1), date(2027, 1, 1))]


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_a_command_through_a_hard_link_to_the_open_plan_is_refused_and_names_the_app(
    qapp: QApplication, plan: Path, tmp_path: Path
) -> None:
    """A hard link is the same file under another name: it must reach the same lock.

    Legwork once keyed the lock by the resolved path only, so ``legwork import --db LINK``
    ran beside the app, said "1 added", and the workout was gone when the app checkpointed.
    """
    link = tmp_path / "elsewhere" / "same-plan.sqlite3"
    link.parent.mkdir()
    os.link(plan, link)
    instance = single_instance.acquire(plan)
    assert instance is not None
    try:
        refused = _legwork("import", "--db", link, _import_file(tmp_path))
        assert refused.returncode == 1, refused.stdout
        assert refused.stderr.splitlines()[0] == (
            f"legwork: error: same-plan.sqlite3 is open in the Legwork app "
            f"(process {os.getpid()}); nothing was changed."
        )
    finally:
        instance.release()
    assert _titles(plan) == ["Easy run"]
    done = _legwork("import", "--db", link, _import_file(tmp_path))
    assert done.returncode == 0, done.stderr
    assert _titles(plan) == ["Easy run", "Tempo"]


@pytest.mark.skipif(not hasattr(os, "link"), reason="needs hard links")
def test_a_plan_the_app_made_is_locked_under_every_name_once_it_exists(
    qapp: QApplication, tmp_path: Path
) -> None:
    """A new plan has no file to lock when the app starts on it: the app locks it once made."""
    from planner import app

    plan = tmp_path / "new.sqlite3"
    session = app.new_session(today=date(2026, 3, 2))
    try:
        assert session.open(plan) is None
        assert session.window is not None
        link = tmp_path / "linked.sqlite3"
        os.link(plan, link)
        refused = _legwork("import", "--db", link, _import_file(tmp_path))
        assert refused.returncode == 1
        assert "is open in the Legwork app" in refused.stderr
        session.window.close()
    finally:
        session.finish()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_command_through_a_symlink_names_the_app_that_holds_the_plan(
    qapp: QApplication, plan: Path, tmp_path: Path
) -> None:
    link = tmp_path / "shortcut.sqlite3"
    link.symlink_to(plan)
    instance = single_instance.acquire(plan)
    assert instance is not None
    try:
        refused = _legwork("import", "--db", link, _import_file(tmp_path))
    finally:
        instance.release()
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == (
        f"legwork: error: shortcut.sqlite3 is open in the Legwork app (process {os.getpid()}); "
        "nothing was changed."
    )
    assert _titles(plan) == ["Easy run"]


# ------------------------------------------------------------------ where the socket lives
def _assert_private(folder: Path) -> None:
    info = os.lstat(folder)
    assert stat.S_ISDIR(info.st_mode), f"{folder} is not a folder"
    assert info.st_uid == os.getuid(), f"{folder} belongs to user {info.st_uid}"
    assert stat.S_IMODE(info.st_mode) & 0o077 == 0, f"{folder} is mode {info.st_mode:o}"


@pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")
def test_without_xdg_runtime_dir_the_socket_is_in_a_private_folder_nobody_could_guess(
    qapp: QApplication, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a predictable name in /tmp, which another local user could take first."""
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    names = []
    for _ in range(2):
        instance = single_instance.acquire(plan)
        assert instance is not None and instance.listening
        try:
            socket = socket_file(plan)
            assert stat.S_ISSOCK(os.lstat(socket).st_mode)
            _assert_private(socket.parent)
            names.append(socket)
        finally:
            instance.release()
        assert not socket.parent.exists()  # removed with the lock
    assert names[0].parent != names[1].parent  # a new random folder each time

    env = {k: v for k, v in child_env().items() if k != "XDG_RUNTIME_DIR"}
    process = run_holder(plan, env)
    try:
        assert single_instance.ask_running_instance_to_raise(plan) is True
        assert process.stdout is not None and process.stdout.readline().strip() == "raised"
    finally:
        process.kill()
        process.wait(timeout=30)


@pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")
def test_a_socket_the_lock_file_names_in_a_folder_others_own_or_enter_is_never_trusted(
    qapp: QApplication, plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared-runtime"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    made = single_instance.new_socket_path()
    assert made is not None and Path(made).parent.parent != shared  # not used: others enter it
    _assert_private(Path(made).parent)
    Path(made).parent.rmdir()

    # A squatter's socket folder: open to all, or (as root can show) another user's.
    open_folder = shared / "legwork-squat"
    open_folder.mkdir()
    open_folder.chmod(0o777)
    assert not single_instance.trusted_socket(str(open_folder / "raise.sock"))
    if os.getuid() == 0:
        theirs = tmp_path / "legwork-theirs"
        theirs.mkdir(mode=0o700)
        os.chown(theirs, 65534, 65534)
        assert not single_instance.trusted_socket(str(theirs / "raise.sock"))
    link = tmp_path / "legwork-link"
    link.symlink_to(tmp_path)
    assert not single_instance.trusted_socket(str(link / "raise.sock"))

    # A lock file that names such a socket is not followed: no request goes there.
    lock = lock_file_for(plan)
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.write_text(
        json.dumps(
            {
                "pid": 1,
                "purpose": APP_PURPOSE,
                "plan": str(plan),
                "socket": str(open_folder / "raise.sock"),
            }
        )
    )
    assert single_instance.socket_of(plan) is None
    assert single_instance.ask_running_instance_to_raise(plan, timeout_ms=200) is False


# ------------------------------------------------------------------ what works meanwhile
def test_the_refusal_names_every_command_that_works_meanwhile_and_they_do(
    qapp: QApplication, plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The hint listed export, check and print-week; warnings and config (reading) work too."""
    instance = single_instance.acquire(plan)
    assert instance is not None
    try:
        assert cli.main(["import", "--db", str(plan), str(_import_file(tmp_path))]) == 1
        hint = capsys.readouterr().err.splitlines()[1]
        assert hint == (
            "legwork: hint: Close it (or wait until it has finished) and try again; commands "
            "that only read (export, check, print-week, warnings, and config without a value) "
            "work meanwhile."
        )
        for argv in (
            ["export", "--db", str(plan), "--format", "json"],
            ["check", "--db", str(plan)],
            ["print-week", "2026-W10", "--db", str(plan), "-o", str(tmp_path / "week.pdf")],
            ["warnings", "2026-W10", "--db", str(plan)],
            ["config", "--db", str(plan)],
            ["config", "--db", str(plan), "units"],
        ):
            assert cli.main(argv) == 0, (argv, capsys.readouterr().err)
            capsys.readouterr()
    finally:
        instance.release()
