"""The single-instance guard: two guards in one process, talking through a unique name."""

from __future__ import annotations

import os
import socket as pysocket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from psoas_timer.ui.shell import single_instance
from psoas_timer.ui.shell.single_instance import SingleInstance, raise_window, server_name

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def name() -> str:
    return f"psoas-timer-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def first(qtbot: QtBot, name: str) -> SingleInstance:
    instance = SingleInstance(name)
    assert instance.listen()
    yield instance
    instance.close()


def test_nobody_listening_means_send_fails(qapp: object, name: str) -> None:
    assert not SingleInstance(name).try_send("daily-psoas", timeout_ms=200)


def test_second_launch_activates_the_first_without_a_routine(
    qtbot: QtBot, first: SingleInstance, name: str
) -> None:
    with qtbot.waitSignal(first.activated, timeout=3000) as blocker:
        assert SingleInstance(name).try_send(None)
    assert blocker.args == [None]


def test_routine_name_is_passed_as_is(qtbot: QtBot, first: SingleInstance, name: str) -> None:
    with qtbot.waitSignal(first.activated, timeout=3000) as blocker:
        assert SingleInstance(name).try_send("daily-psoas")
    assert blocker.args == ["daily-psoas"]


def test_routine_file_is_made_absolute(
    qtbot: QtBot, first: SingleInstance, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine.yaml").write_text("name: Mine\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with qtbot.waitSignal(first.activated, timeout=3000) as blocker:
        assert SingleInstance(name).try_send("mine.yaml")
    assert blocker.args == [str(tmp_path / "mine.yaml")]


def test_several_launches_in_a_row(qtbot: QtBot, first: SingleInstance, name: str) -> None:
    seen: list[object] = []
    first.activated.connect(seen.append)
    for routine in ("a", None, "b"):
        assert SingleInstance(name).try_send(routine)
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=3000)
    assert seen == ["a", None, "b"]


def test_a_second_listener_on_a_live_name_is_refused(first: SingleInstance, name: str) -> None:
    second = SingleInstance(name)
    assert not second.listen()
    assert not second.listening
    assert first.listening


def test_stale_socket_is_replaced(qtbot: QtBot, tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("stale socket files exist only on Unix")
    # What a crashed instance leaves behind: a socket file nobody listens on.
    path = tmp_path / "stale.sock"
    dead = pysocket.socket(pysocket.AF_UNIX, pysocket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()
    assert path.exists()
    assert not SingleInstance(str(path)).try_send("x", timeout_ms=200)
    fresh = SingleInstance(str(path))
    try:
        assert fresh.listen()
        with qtbot.waitSignal(fresh.activated, timeout=3000) as blocker:
            assert SingleInstance(str(path)).try_send("x")
        assert blocker.args == ["x"]
    finally:
        fresh.close()


def test_garbage_is_ignored(qtbot: QtBot, first: SingleInstance, name: str) -> None:
    seen: list[object] = []
    first.activated.connect(seen.append)
    socket = QLocalSocket()
    socket.connectToServer(name)
    assert socket.waitForConnected(1000)
    socket.write(b'{"v": 99, "routine": "x"}\n')
    socket.flush()
    qtbot.waitUntil(
        lambda: socket.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=3000
    )
    assert seen == []
    # The server still works after that.
    with qtbot.waitSignal(first.activated, timeout=3000):
        assert SingleInstance(name).try_send("ok")


def test_activation_token_is_handed_over(
    qtbot: QtBot, first: SingleInstance, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "token-from-launcher")
    with qtbot.waitSignal(first.activated, timeout=3000):
        assert SingleInstance(name).try_send(None)
    monkeypatch.delenv("XDG_ACTIVATION_TOKEN")
    window = QWidget()
    qtbot.addWidget(window)
    first.raise_window(window)
    # Where Qt's Wayland plugin takes it from when the window asks to be activated.
    assert os.environ.get("XDG_ACTIVATION_TOKEN") == "token-from-launcher"
    assert window.isVisible()
    monkeypatch.delenv("XDG_ACTIVATION_TOKEN")


def test_hostile_token_is_not_passed_on(
    qtbot: QtBot, first: SingleInstance, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "bad token\nwith=newline")
    with qtbot.waitSignal(first.activated, timeout=3000):
        assert SingleInstance(name).try_send(None)
    monkeypatch.delenv("XDG_ACTIVATION_TOKEN")
    window = QWidget()
    qtbot.addWidget(window)
    first.raise_window(window)
    assert "XDG_ACTIVATION_TOKEN" not in os.environ


def test_claim_makes_the_first_primary_and_hands_over_from_the_second(
    qtbot: QtBot, name: str
) -> None:
    primary = SingleInstance(name)
    try:
        assert primary.claim("first")
        assert primary.listening
        with qtbot.waitSignal(primary.activated, timeout=3000) as blocker:
            assert not SingleInstance(name).claim("second")
        assert blocker.args == ["second"]
    finally:
        primary.close()


def test_another_process_reaches_the_running_instance(
    qtbot: QtBot, first: SingleInstance, name: str
) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from psoas_timer.ui.shell.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "sys.exit(0 if SingleInstance(sys.argv[1]).try_send('desk-break') else 3)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code, name], cwd=ROOT)
    with qtbot.waitSignal(first.activated, timeout=10000) as blocker:
        pass
    assert process.wait(timeout=10) == 0
    assert blocker.args == ["desk-break"]


def test_server_name_is_per_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PSOAS_TIMER_INSTANCE", raising=False)
    if hasattr(os, "getuid"):
        runtime = tmp_path / "runtime"
        runtime.mkdir(mode=0o700)
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
        assert server_name() == str(runtime / f"psoas-timer-{os.getuid()}.sock")
    monkeypatch.setenv("PSOAS_TIMER_INSTANCE", "custom")
    assert server_name() == "custom"


def test_routine_argument() -> None:
    assert single_instance._routine_argument(None) is None
    assert single_instance._routine_argument("") is None
    assert single_instance._routine_argument("daily-psoas") == "daily-psoas"
    assert single_instance._routine_argument("x.yaml") == str(Path("x.yaml").resolve())


def test_raise_window_restores_a_minimised_window(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    raise_window(window)
    assert window.isVisible()
    assert not window.isMinimized()
