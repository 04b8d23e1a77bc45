from __future__ import annotations

import pytest

from psoas_timer.ui.shell.screensaver import ScreenSaverInhibitor


def test_silent_without_a_session_bus(monkeypatch: pytest.MonkeyPatch, qtbot: object) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    inhibitor = ScreenSaverInhibitor()
    inhibitor.inhibit()
    assert not inhibitor.active
    inhibitor.release()
    assert not inhibitor.active
