"""The MPRIS player on a real (private) session bus: what playerctl and a client see, calls
of the wrong types, bursts, a bus that drops, and a bus that does not read."""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest
from jeepney import DBusAddress, MessageType, new_method_call
from pytestqt.qtbot import QtBot

from psoas_timer.ui.remote.mpris import (
    BUS_NAME,
    TOO_FAST,
    MprisService,
    PlayerState,
)
from tests.ui_practice.fake_bus import PrivateBus

from .conftest import PLAYER, Client, playerctl

pytestmark = pytest.mark.gui

ROOT = "org.mpris.MediaPlayer2"


def playing(position: float = 30.0, part: int = 3, **changes: Any) -> PlayerState:
    state = PlayerState(
        status="Playing",
        title="Psoas release, right side",
        album="Daily psoas",
        length=600.0,
        position=position,
        at=time.monotonic(),
        part=part,
        can_play=True,
        can_pause=True,
        can_go_next=True,
        can_go_previous=True,
    )
    return PlayerState(**{**state.__dict__, **changes})


def test_playerctl_does_not_call_what_cannot_be_done_now(service: MprisService) -> None:
    import subprocess

    service.publish(PlayerState())  # no routine open: nothing can play
    done = subprocess.run(["playerctl", "-p", "psoas_timer", "next"], capture_output=True)
    assert done.returncode != 0
    assert playerctl("status") == "Stopped"


def test_playerctl_sees_the_step_the_routine_the_length_and_the_time(
    service: MprisService, tmp_path: Any
) -> None:
    picture = tmp_path / "ball.svg"
    picture.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    service.publish(playing(art=str(picture)))
    assert playerctl("status") == "Playing"
    assert playerctl("metadata", "title") == "Psoas release, right side"
    assert playerctl("metadata", "album") == "Daily psoas"
    assert playerctl("metadata", "mpris:length") == "600000000"
    assert playerctl("metadata", "mpris:artUrl") == picture.as_uri()
    # The position runs on by itself while playing (read on demand, never signalled).
    first = float(playerctl("position"))
    assert 29.9 <= first <= 32.0
    time.sleep(0.3)
    assert float(playerctl("position")) > first
    service.publish(playing(status="Paused", position=40.0))
    assert playerctl("status") == "Paused"
    assert abs(float(playerctl("position")) - 40.0) < 0.01
    service.publish(PlayerState(title="Daily psoas", album="Daily psoas", can_play=True))
    assert playerctl("status") == "Stopped"


def test_identity_and_desktop_entry_match_the_menu_entry(client: Client) -> None:
    from pathlib import Path

    entry = Path(__file__).parents[3] / "packaging/linux/io.github.psoastimer.PsoasTimer.desktop"
    name = next(line for line in entry.read_text().splitlines() if line.startswith("Name="))
    assert client.get("Identity", ROOT) == name.removeprefix("Name=")
    assert client.get("DesktopEntry", ROOT) == entry.name.removesuffix(".desktop")
    assert client.get("CanRaise", ROOT) is True
    assert client.get("CanQuit", ROOT) is True
    xml = client.call("org.freedesktop.DBus.Introspectable", "Introspect").body[0]
    for name in ("PlayPause", "PlaybackStatus", "Metadata", "CanGoNext", "Seeked"):
        assert name in xml


def test_every_call_that_acts_reaches_the_window_once(qtbot: QtBot, service: MprisService) -> None:
    heard: list[str] = []
    service.requested.connect(heard.append)
    service.publish(playing(status="Paused"))  # playerctl asks CanPlay, CanPause... first
    for command in ("play", "pause", "play-pause", "next", "previous", "stop"):
        playerctl(command)
        time.sleep(0.2)  # further apart than a burst
    qtbot.waitUntil(lambda: len(heard) == 6, timeout=5000)
    assert heard == ["Play", "Pause", "PlayPause", "Next", "Previous", "Stop"]


def test_properties_changed_says_what_changed_and_seeked_says_a_jump(
    service: MprisService, client: Client
) -> None:
    client.listen()
    service.publish(playing())
    assert client.wait_signal("PropertiesChanged").body[1]["PlaybackStatus"] == ("s", "Playing")
    service.publish(playing(status="Paused"))
    message = client.wait_signal("PropertiesChanged")
    interface, changed, invalidated = message.body
    assert interface == PLAYER
    assert changed == {"PlaybackStatus": ("s", "Paused")}
    assert invalidated == []
    # Next: a new title and part, and the position jumped ahead.
    service.publish(playing(status="Paused", position=95.0, part=4, title="Rest"))
    message = client.wait_signal("PropertiesChanged")
    changed = message.body[1]
    assert set(changed) == {"Metadata"}
    assert changed["Metadata"][1]["xesam:title"] == ("s", "Rest")
    seeked = client.wait_signal("Seeked")
    assert seeked.body == (95_000_000,)
    # Time running on is not a change: nothing is sent.
    later = playing(status="Paused", position=95.0, part=4, title="Rest")
    service.publish(later)
    with pytest.raises(AssertionError, match="no PropertiesChanged"):
        client.wait_signal("PropertiesChanged", timeout=0.5)
    service.publish(PlayerState(can_play=True))
    changed = client.wait_signal("PropertiesChanged").body[1]
    assert changed["PlaybackStatus"] == ("s", "Stopped")
    assert changed["CanGoNext"] == ("b", False)
    assert changed["CanPause"] == ("b", False)


def test_calls_of_the_wrong_types_get_an_error_and_do_nothing(
    qtbot: QtBot, service: MprisService, client: Client
) -> None:
    heard: list[str] = []
    service.requested.connect(heard.append)
    reply = client.call(PLAYER, "Next", "s", ("now",))
    assert reply.header.message_type is MessageType.error
    assert "InvalidArgs" in reply.header.fields[4]
    reply = client.call("org.freedesktop.DBus.Properties", "Get", "s", ("x",))
    assert reply.header.message_type is MessageType.error
    reply = client.call("org.freedesktop.DBus.Properties", "Get", "ss", (PLAYER, "Nonsense"))
    assert reply.header.message_type is MessageType.error
    reply = client.call(
        "org.freedesktop.DBus.Properties", "Set", "ssv", (PLAYER, "Volume", ("d", 0.1))
    )
    assert reply.header.message_type is MessageType.error
    reply = client.call(PLAYER, "OpenUri", "s", ("file:///etc/passwd",))
    assert reply.header.message_type is MessageType.error
    reply = client.call(PLAYER, "Seek", "x", (10_000_000,))  # CanSeek is false: no effect
    assert reply.header.message_type is MessageType.method_return
    reply = client.call("org.example.Nothing", "Boom")
    assert reply.header.message_type is MessageType.error
    address = DBusAddress("/somewhere/else", bus_name=client.name, interface=PLAYER)
    reply = client.conn.send_and_get_reply(new_method_call(address, "Play"), timeout=5)
    assert reply.header.message_type is MessageType.error
    qtbot.wait(200)
    assert heard == []


def test_a_burst_of_a_hundred_calls_is_mostly_refused(
    qtbot: QtBot, service: MprisService, client: Client
) -> None:
    heard: list[str] = []
    service.requested.connect(heard.append)
    answers = []
    started = time.monotonic()
    for _ in range(100):
        answers.append(client.call(PLAYER, "Next"))
        time.sleep(0.008)
    spent = time.monotonic() - started
    assert spent < 3.0  # every call answered at once, none waits on the window
    refused = [a for a in answers if a.header.message_type is MessageType.error]
    assert all(a.header.fields[4] == TOO_FAST for a in refused)
    accepted = 100 - len(refused)
    assert 1 <= accepted <= spent / 0.15 + 1
    qtbot.waitUntil(lambda: len(heard) == accepted, timeout=5000)
    qtbot.wait(100)
    assert heard == ["Next"] * accepted


def test_a_second_player_under_the_same_name_gets_a_name_of_its_own(
    private_bus: PrivateBus, service: MprisService
) -> None:
    second = MprisService(bus=private_bus.address)
    second.start()
    try:
        assert second.player.owned.wait(10)
        assert service.player.name == BUS_NAME
        assert second.player.name is not None
        assert second.player.name.startswith(f"{BUS_NAME}.instance")
    finally:
        second.stop()


def test_the_bus_connection_dropping_and_coming_back(qtbot: QtBot, service: MprisService) -> None:
    heard: list[str] = []
    service.requested.connect(heard.append)
    service.publish(playing())
    live = service.link._live
    assert live is not None
    assert service.link.connections == 1
    live.conn.sock.shutdown(socket.SHUT_RDWR)  # the connection drops under the player
    qtbot.waitUntil(lambda: service.link.connections == 2, timeout=10000)
    assert service.player.owned.wait(10), service.link.reason
    assert playerctl("status") == "Playing"
    playerctl("next")
    qtbot.waitUntil(lambda: heard == ["Next"], timeout=5000)


def test_without_a_session_bus_it_says_why_once(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Any
) -> None:
    # Pure Python: no dbus-daemon needed.
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    service = MprisService()
    with caplog.at_level("INFO"):
        service.start()
        service.link._thread.join(5)  # type: ignore[union-attr]
    assert not service.link.up.is_set()
    said = [r.getMessage() for r in caplog.records if "MPRIS off" in r.getMessage()]
    assert len(said) == 1
    assert "session bus" in said[0]
    service.publish(playing())  # still fine: nothing to send to
    service.stop()


def test_publishing_never_waits_on_a_bus_that_does_not_read(
    qtbot: QtBot, private_bus: PrivateBus
) -> None:
    """A stuck bus: once connected, the daemon stops reading (SIGSTOP). A thousand changes
    (some 300 kB of signals, more than a socket's buffer holds) are still all published:
    nothing on the window's thread writes to the socket, so nothing there waits on it.
    (benchmarks/remote_latency.py measures the longest wait of the window's thread.)"""
    import os
    import signal

    service = MprisService(bus=private_bus.address)
    service.start()
    assert service.player.owned.wait(10)
    os.kill(private_bus.process.pid, signal.SIGSTOP)
    try:
        began = time.monotonic()
        for n in range(1000):
            service.publish(playing(position=float(n * 10), part=n, title=f"Part {n} " * 30))
        assert time.monotonic() - began < 10.0  # a write to the stuck socket would never end
    finally:
        os.kill(private_bus.process.pid, signal.SIGCONT)
        service.stop()
