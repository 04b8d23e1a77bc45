"""Another user cannot stand in for the running instance (issue 15, item 8).

Without ``XDG_RUNTIME_DIR`` the socket used to be ``/tmp/psoas-timer-<uid>``: a name anyone
could take first, and a launch then handed its routine and activation token to that socket
and exited. Now the socket lives in a folder of mode 0700 the user owns, and both ends check
the peer's user id (``SO_PEERCRED``) before sending or accepting anything.

"Another user" is played by pretending to be someone else (:func:`single_instance._uid`
answers another id): the kernel's report of the peer, which is real, then names a stranger.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from pytestqt.qtbot import QtBot

from psoas_timer.ui.shell import single_instance
from psoas_timer.ui.shell.single_instance import SingleInstance, server_name

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(os.name != "posix", reason="Unix sockets and user ids"),
]

LINUX = sys.platform.startswith("linux")


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    """A short folder of the test's own, in place of pytest's: a Unix socket's path must fit
    in 108 bytes (104 on macOS), and pytest's folders grow long on a machine that has run
    many test sessions (``/tmp/pytest-of-root/pytest-1035/test_a_link_in_place_of_…0/``)."""
    path = Path(tempfile.mkdtemp(prefix="pt-", dir="/tmp"))
    yield path
    shutil.rmtree(path)


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp folder of the test's own, no runtime folder, no override."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.delenv("PSOAS_TIMER_INSTANCE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp


def _pretend_to_be_someone_else(monkeypatch: pytest.MonkeyPatch) -> None:
    me = os.getuid()
    monkeypatch.setattr(single_instance, "_uid", lambda: me + 1, raising=False)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# -- where the socket lives ----------------------------------------------------------------


def test_without_a_runtime_folder_the_socket_is_in_a_private_folder(private_tmp: Path) -> None:
    name = server_name()
    assert name is not None
    folder = Path(name).parent
    assert folder == private_tmp / f"psoas-timer-{os.getuid()}"
    assert _mode(folder) == 0o700 and os.lstat(folder).st_uid == os.getuid()
    assert Path(name).name == f"psoas-timer-{os.getuid()}.sock"


def test_an_own_folder_left_open_is_closed_to_others(private_tmp: Path) -> None:
    folder = private_tmp / f"psoas-timer-{os.getuid()}"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    assert Path(server_name() or "").parent == folder
    assert _mode(folder) == 0o700


def test_a_link_in_place_of_the_folder_is_not_followed(private_tmp: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "attacker"
    elsewhere.mkdir(mode=0o700)
    (private_tmp / f"psoas-timer-{os.getuid()}").symlink_to(elsewhere)
    name = server_name()
    assert name is not None and not name.startswith(str(private_tmp))
    assert Path(name).parent == tmp_path / "cache" / "psoas-timer"  # the user's own cache
    assert _mode(Path(name).parent) == 0o700


def test_another_users_folder_is_not_used(
    private_tmp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pretend_to_be_someone_else(monkeypatch)
    me = single_instance._uid()
    squatted = private_tmp / f"psoas-timer-{me}"
    squatted.mkdir(mode=0o700)  # made by the real user: a stranger to the pretended one
    name = server_name()
    assert name is None or not name.startswith(str(squatted))


def test_a_runtime_folder_open_to_others_is_not_used(
    private_tmp: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o777)
    runtime.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    name = server_name()
    assert name is not None and Path(name).parent == private_tmp / f"psoas-timer-{os.getuid()}"
    assert _mode(runtime) == 0o777  # the system's folder is left as it is


# -- who is at the other end ---------------------------------------------------------------


@pytest.fixture
def squatter(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[QLocalServer, bytearray]]:
    """A plain server at a name, recording every byte it is sent."""
    server = QLocalServer()
    name = str(tmp_path / f"sq-{uuid.uuid4().hex[:8]}.sock")
    assert server.listen(name)
    received = bytearray()
    clients: list[QLocalSocket] = []

    def accept() -> None:
        while server.hasPendingConnections():
            client = server.nextPendingConnection()
            clients.append(client)
            client.readyRead.connect(lambda c=client: received.extend(c.readAll().data()))

    server.newConnection.connect(accept)
    yield server, received
    server.close()


@pytest.mark.skipif(not LINUX, reason="peer credentials are read on Linux")
def test_the_peer_is_known(qtbot: QtBot, squatter: tuple[QLocalServer, bytearray]) -> None:
    server, _ = squatter
    socket = QLocalSocket()
    socket.connectToServer(server.fullServerName())
    assert socket.waitForConnected(1000)
    assert single_instance._peer_uid(socket) == os.getuid()
    socket.abort()


def test_nothing_is_sent_to_another_users_socket(
    qtbot: QtBot, squatter: tuple[QLocalServer, bytearray], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, received = squatter
    monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "secret-token")
    _pretend_to_be_someone_else(monkeypatch)
    assert not SingleInstance(server.fullServerName()).try_send("/home/me/private.yaml")
    qtbot.wait(200)
    assert bytes(received) == b""


def test_another_users_socket_does_not_stop_the_launch(
    qtbot: QtBot, squatter: tuple[QLocalServer, bytearray], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, received = squatter
    _pretend_to_be_someone_else(monkeypatch)
    launch = SingleInstance(server.fullServerName())
    try:
        assert launch.claim("/home/me/private.yaml")  # it runs, instead of exiting at once
        assert launch.listening  # in the stranger's place
        qtbot.wait(100)
        assert bytes(received) == b""
    finally:
        launch.close()


def test_a_connection_from_another_user_gets_nothing_and_is_not_heard(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = str(tmp_path / "running.sock")
    running = SingleInstance(name)
    assert running.listen()
    heard: list[object] = []
    running.activated.connect(heard.append)
    _pretend_to_be_someone_else(monkeypatch)
    stranger = QLocalSocket()
    stranger.connectToServer(name)
    assert stranger.waitForConnected(1000)
    stranger.write(b'{"v": 1, "routine": "x", "tokens": {}}\\n')
    stranger.flush()
    qtbot.waitUntil(
        lambda: stranger.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=3000
    )
    assert bytes(stranger.readAll().data()) == b""  # no "ok"
    qtbot.wait(50)
    assert heard == []
    running.close()


def test_the_same_user_is_still_welcome(qtbot: QtBot, tmp_path: Path) -> None:
    name = str(tmp_path / "running.sock")
    running = SingleInstance(name)
    assert running.listen()
    with qtbot.waitSignal(running.activated, timeout=3000) as blocker:
        assert SingleInstance(name).try_send("daily-psoas")
    assert blocker.args == ["daily-psoas"]
    running.close()


def test_with_no_private_folder_a_launch_runs_on_its_own(
    private_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(single_instance, "_private_folder", lambda path, make: False)
    instance = SingleInstance()
    assert instance.name is None
    assert instance.claim("x")  # carry on
    assert not instance.listening
