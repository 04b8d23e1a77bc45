"""Global shortcuts through the desktop portal, against a fake portal on the private bus:
the session is opened and the four shortcuts bound the portal's way (answers as Response
signals), a press reaches the session, and a desktop without the portal says so in Help."""

from __future__ import annotations

import time
from typing import Any

import pytest
from jeepney import DBusAddress, HeaderFields, new_error, new_method_return, new_signal
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.remote import shortcuts as portal_shortcuts
from psoas_timer.ui.remote.mpris import MprisService
from psoas_timer.ui.remote.shortcuts import ABSENT, BOUND, GlobalShortcuts
from psoas_timer.ui.shell.main_window import MainWindow
from psoas_timer.ui.shell.remote_link import attach_remote
from tests.ui_practice.fake_bus import FakeService, PrivateBus

from ..conftest import AudioRecorder, advance

pytestmark = pytest.mark.gui

PORTAL_PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.GlobalShortcuts"


class FakeShortcutsPortal(FakeService):
    """xdg-desktop-portal's GlobalShortcuts, as KDE's: a session, bound shortcuts, presses."""

    def __init__(self, address: str) -> None:
        self.bound: list[tuple[str, dict[str, Any]]] = []
        self.session = ""
        self.calls: list[str] = []
        super().__init__(address, "org.freedesktop.portal.Desktop")

    def answer(self, message: Any) -> None:
        fields = message.header.fields
        member = fields.get(HeaderFields.member)
        sender = str(fields.get(HeaderFields.sender)).lstrip(":").replace(".", "_")
        self.calls.append(member)
        if member == "Get" and tuple(message.body) == (INTERFACE, "version"):
            self.conn.send(new_method_return(message, "v", (("u", 1),)))
        elif member == "CreateSession" and fields.get(HeaderFields.signature) == "a{sv}":
            options = message.body[0]
            request = f"{PORTAL_PATH}/request/{sender}/{options['handle_token'][1]}"
            self.session = f"{PORTAL_PATH}/session/{sender}/{options['session_handle_token'][1]}"
            self.conn.send(new_method_return(message, "o", (request,)))
            self._respond(request, {"session_handle": ("s", self.session)})
        elif member == "BindShortcuts" and fields.get(HeaderFields.signature) == "oa(sa{sv})sa{sv}":
            session, shortcuts, _parent, options = message.body
            assert session == self.session
            self.bound = list(shortcuts)
            request = f"{PORTAL_PATH}/request/{sender}/{options['handle_token'][1]}"
            self.conn.send(new_method_return(message, "o", (request,)))
            chosen = [
                (
                    sid,
                    {
                        "description": props["description"],
                        "trigger_description": ("s", f"Ctrl+Alt+{n}"),
                    },
                )
                for n, (sid, props) in enumerate(shortcuts)
            ]
            self._respond(request, {"shortcuts": ("a(sa{sv})", chosen)})
        else:
            self.conn.send(
                new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", ("no",))
            )

    def _respond(self, request: str, results: dict[str, Any]) -> None:
        emitter = DBusAddress(request, interface="org.freedesktop.portal.Request")
        self.conn.send(new_signal(emitter, "Response", "ua{sv}", (0, results)))

    def press(self, shortcut: str) -> None:
        emitter = DBusAddress(PORTAL_PATH, interface=INTERFACE)
        self.conn.send(
            new_signal(
                emitter, "Activated", "osta{sv}", (self.session, shortcut, int(time.time()), {})
            )
        )


@pytest.fixture
def portal(private_bus: PrivateBus) -> Any:
    fake = FakeShortcutsPortal(private_bus.address)
    yield fake
    fake.close()


def test_the_shortcuts_are_bound_and_a_press_arrives(
    qtbot: QtBot, private_bus: PrivateBus, portal: FakeShortcutsPortal
) -> None:
    service = MprisService(bus=private_bus.address)
    shortcuts = GlobalShortcuts()
    service.link.add(shortcuts.part)
    try:
        with qtbot.waitSignal(shortcuts.changed, timeout=5000):
            service.start()
        assert shortcuts.status == BOUND
        assert [sid for sid, _props in portal.bound] == ["pause", "next", "more", "stop"]
        assert portal.bound[0][1]["description"] == ("s", "Pause or resume the session")
        assert "pause=Ctrl+Alt+0" in shortcuts.detail
        assert "choose keys for Psoas Timer" in portal_shortcuts.status_html()
        with qtbot.waitSignal(shortcuts.activated, timeout=5000) as pressed:
            portal.press("more")
        assert pressed.args == ["More"]
        with qtbot.waitSignal(shortcuts.activated, timeout=5000) as pressed:
            portal.press("next")
        assert pressed.args == ["Next"]
    finally:
        service.stop()


def test_without_the_portal_help_points_to_the_media_keys(
    qtbot: QtBot, private_bus: PrivateBus
) -> None:
    service = MprisService(bus=private_bus.address)
    shortcuts = GlobalShortcuts()
    service.link.add(shortcuts.part)
    try:
        with qtbot.waitSignal(shortcuts.changed, timeout=5000):
            service.start()
        assert shortcuts.status == ABSENT
        html = portal_shortcuts.status_html()
        assert "offers no global shortcuts" in html and "media" in html
    finally:
        service.stop()


def test_a_shortcut_drives_the_session_and_says_what_it_did(
    qtbot: QtBot,
    window: MainWindow,
    private_bus: PrivateBus,
    portal: FakeShortcutsPortal,
    clock: FakeClock,
    audio: AudioRecorder,
) -> None:
    service = MprisService(window, bus=private_bus.address, clock=clock)
    remote = attach_remote(window, service)
    try:
        assert remote.shortcuts is not None
        qtbot.waitUntil(lambda: remote.shortcuts.status == BOUND, timeout=5000)  # type: ignore[union-attr]
        assert window.open_routine("simple")
        window.steps.start()
        advance(window, clock, 1.0)
        before = window.controller.snapshot()
        assert before is not None
        portal.press("more")
        qtbot.waitUntil(lambda: remote.done[-1:] == ["More"], timeout=5000)
        after = window.controller.snapshot()
        assert after is not None and after.duration == pytest.approx(before.duration + 10)
        assert audio.played[-1][0].cue.text == "Ten seconds more"
        time.sleep(0.2)
        portal.press("pause")
        qtbot.waitUntil(lambda: remote.done[-1:] == ["PlayPause"], timeout=5000)
        assert not window.controller.running
        assert audio.played[-1][0].cue.text == "Paused"
    finally:
        service.stop()
