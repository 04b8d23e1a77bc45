"""A private session bus for the D-Bus tests, where dbus-daemon exists."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from .fake_bus import FakeNotificationServer, PrivateBus


@pytest.fixture
def private_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[PrivateBus]:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (tools/system-deps.sh installs it)")
    bus = PrivateBus()
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.address)
    yield bus
    bus.close()


@pytest.fixture
def notification_server(private_bus: PrivateBus) -> Iterator[FakeNotificationServer]:
    server = FakeNotificationServer(private_bus.address)
    yield server
    server.close()
