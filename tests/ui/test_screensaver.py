from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from psoas_timer.ui.shell.screensaver import ScreenSaverInhibitor


def test_silent_without_a_session_bus(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    inhibitor = ScreenSaverInhibitor()
    inhibitor.inhibit()  # returns at once; the bus thread finds no bus
    qtbot.waitUntil(lambda: not inhibitor.active, timeout=5000)
    assert inhibitor.cookie is None
    inhibitor.release()
    assert not inhibitor.active
