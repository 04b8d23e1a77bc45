"""A private session bus (dbus-daemon), the app's MPRIS player on it, and a client of the
test's own, for the remote-control tests. ``playerctl`` drives it where it is installed."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

from psoas_timer.ui.remote.mpris import PATH, MprisService
from tests.ui_practice.fake_bus import PrivateBus

PLAYER = "org.mpris.MediaPlayer2.Player"


@pytest.fixture
def private_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[PrivateBus]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (.ci/run installs it)")
    bus = PrivateBus()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.address)
    yield bus
    bus.close()


@pytest.fixture
def service(private_bus: PrivateBus) -> Iterator[MprisService]:
    """The app's MPRIS player, on the private bus, owning its name."""
    svc = MprisService(bus=private_bus.address)
    svc.start()
    assert svc.player.owned.wait(10), svc.link.reason
    yield svc
    svc.stop()


class Client:
    """A D-Bus client of the test's own, calling the player and hearing its signals."""

    def __init__(self, address: str, name: str) -> None:
        self.conn: DBusConnection = open_dbus_connection(bus=address)
        self.name = name
        self.signals: list[Any] = []

    def call(
        self, interface: str, member: str, signature: str | None = None, body: tuple[Any, ...] = ()
    ) -> Any:
        address = DBusAddress(PATH, bus_name=self.name, interface=interface)
        return self.conn.send_and_get_reply(
            new_method_call(address, member, signature, body), timeout=5
        )

    def get(self, name: str, interface: str = PLAYER) -> Any:
        reply = self.call("org.freedesktop.DBus.Properties", "Get", "ss", (interface, name))
        return reply.body[0][1]

    def listen(self) -> None:
        rule = MatchRule(type="signal", path=PATH)
        self.conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=5)

    def wait_signal(self, member: str, timeout: float = 5.0) -> Any:
        """The next signal *member* from the player (others heard on the way are kept)."""
        import time

        from jeepney import HeaderFields

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.conn.receive(timeout=max(0.01, end - time.monotonic()))
            except TimeoutError:
                break
            self.signals.append(message)
            if message.header.fields.get(HeaderFields.member) == member:
                return message
        raise AssertionError(f"no {member} signal within {timeout} s")

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def client(private_bus: PrivateBus, service: MprisService) -> Iterator[Client]:
    assert service.player.name is not None
    c = Client(private_bus.address, service.player.name)
    yield c
    c.close()


def playerctl(*args: str, player: str = "psoas_timer") -> str:
    """Run ``playerctl -p psoas_timer ARGS`` and return what it printed."""
    if shutil.which("playerctl") is None:
        pytest.skip("playerctl is not installed (.ci/run installs it)")
    done = subprocess.run(
        ["playerctl", "-p", player, *args], capture_output=True, text=True, timeout=20
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()
