"""Do Not Disturb: read from the desktop (the notification server's ``Inhibited``, GNOME's
banners switch through the portal) on a private bus, and no reminder or desk break popping
up while it lasts; what came due is offered once when it ends."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from jeepney import DBusAddress, HeaderFields, new_error, new_method_return, new_signal
from pytestqt.qtbot import QtBot

from psoas_timer.core.catalog import Catalog, load_catalog
from psoas_timer.practice.deskbreak import DeskBreakSettings
from psoas_timer.practice.programmes import Programmes, load_programmes
from psoas_timer.practice.store import PracticeData
from psoas_timer.ui.practice.controller import PracticeOptions
from psoas_timer.ui.practice.do_not_disturb import DoNotDisturb

from .fake_bus import FakeNotificationServer, FakeService, PrivateBus
from .test_controller import ROUTINES, FakeTray, daily, make

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROUTINES)


@pytest.fixture(scope="module")
def programmes(catalog: Catalog) -> Programmes:
    return load_programmes(catalog, [(ROUTINES, True)])


class Switch:
    def __init__(self) -> None:
        self.on = False

    def __call__(self) -> bool:
        return self.on


def test_no_reminder_during_do_not_disturb_and_one_offer_after(
    qtbot: QtBot,
    tmp_path: Path,
    catalog: Catalog,
    programmes: Programmes,
) -> None:
    tray, quiet = FakeTray(), Switch()
    controller, clocks = make(tmp_path, catalog, programmes, daily(), tray=tray, quiet=quiet)
    quiet.on = True
    for _ in range(10):
        clocks.advance(60)
        controller.poll()
    assert tray.messages == []
    quiet.on = False
    controller.poll()
    controller.poll()
    assert tray.messages == [("Time for Daily psoas routine", "Your 18:00 reminder.")]


def test_no_desk_break_during_do_not_disturb_and_one_after(
    qtbot: QtBot,
    tmp_path: Path,
    catalog: Catalog,
    programmes: Programmes,
) -> None:
    tray, quiet = FakeTray(), Switch()
    options = PracticeOptions(desk_break=DeskBreakSettings(enabled=True, every_minutes=20))
    controller, clocks = make(
        tmp_path, catalog, programmes, PracticeData(), tray=tray, options=options, quiet=quiet
    )
    quiet.on = True
    for _ in range(30 * 4):
        clocks.advance(15)
        controller.poll()
    assert tray.messages == []
    quiet.on = False
    for _ in range(3):
        clocks.advance(15)
        controller.poll()
    assert [m[0] for m in tray.messages] == ["Time for a desk break"]


class InhibitingServer(FakeNotificationServer):
    """A notification server with Do Not Disturb (``Inhibited``), as KDE Plasma's."""

    def __init__(self, address: str) -> None:
        self.inhibited = False
        super().__init__(address)

    def answer(self, message: Any) -> None:
        fields = message.header.fields
        if fields.get(HeaderFields.member) == "Get" and tuple(message.body) == (
            "org.freedesktop.Notifications",
            "Inhibited",
        ):
            self.conn.send(new_method_return(message, "v", (("b", self.inhibited),)))
            return
        super().answer(message)

    def set_inhibited(self, on: bool) -> None:
        self.inhibited = on
        emitter = DBusAddress(
            "/org/freedesktop/Notifications", interface="org.freedesktop.DBus.Properties"
        )
        self.conn.send(
            new_signal(
                emitter,
                "PropertiesChanged",
                "sa{sv}as",
                ("org.freedesktop.Notifications", {"Inhibited": ("b", on)}, []),
            )
        )


class FakeSettingsPortal(FakeService):
    """The desktop portal's Settings, holding GNOME's show-banners switch."""

    def __init__(self, address: str, banners: bool) -> None:
        self.banners = banners
        self.lock = threading.Lock()
        super().__init__(address, "org.freedesktop.portal.Desktop")

    def answer(self, message: Any) -> None:
        member = message.header.fields.get(HeaderFields.member)
        if member == "Read" and tuple(message.body) == (
            "org.gnome.desktop.notifications",
            "show-banners",
        ):  # the portal's Read wraps the value in a second variant
            self.conn.send(new_method_return(message, "v", (("v", ("b", self.banners)),)))
            return
        self.conn.send(new_error(message, "org.freedesktop.portal.Error.NotFound", "s", ("",)))

    def set_banners(self, on: bool) -> None:
        self.banners = on
        emitter = DBusAddress(
            "/org/freedesktop/portal/desktop", interface="org.freedesktop.portal.Settings"
        )
        self.conn.send(
            new_signal(
                emitter,
                "SettingChanged",
                "ssv",
                ("org.gnome.desktop.notifications", "show-banners", ("b", on)),
            )
        )


def test_the_notification_servers_do_not_disturb_live(
    qtbot: QtBot, private_bus: PrivateBus
) -> None:
    server = InhibitingServer(private_bus.address)
    server.inhibited = True
    dnd = DoNotDisturb(bus=private_bus.address)
    try:
        with qtbot.waitSignal(dnd.changed, timeout=5000) as began:
            dnd.start()
        assert began.args == [True]
        assert dnd.active
        assert dnd.reason() == "the notification server's Do Not Disturb"
        with qtbot.waitSignal(dnd.changed, timeout=5000) as ended:
            server.set_inhibited(False)
        assert ended.args == [False]
        assert not dnd.active
        with qtbot.waitSignal(dnd.changed, timeout=5000):
            server.set_inhibited(True)
        assert dnd.active
    finally:
        dnd.stop()
        server.close()


def test_gnomes_banners_switch_through_the_portal(qtbot: QtBot, private_bus: PrivateBus) -> None:
    portal = FakeSettingsPortal(private_bus.address, banners=False)
    dnd = DoNotDisturb(bus=private_bus.address)
    try:
        with qtbot.waitSignal(dnd.changed, timeout=5000):
            dnd.start()
        assert dnd.active
        assert "GNOME" in dnd.reason()
        with qtbot.waitSignal(dnd.changed, timeout=5000) as ended:
            portal.set_banners(True)
        assert ended.args == [False]
    finally:
        dnd.stop()
        portal.close()


def test_a_desktop_that_says_nothing_is_not_quiet(qtbot: QtBot, private_bus: PrivateBus) -> None:
    server = FakeNotificationServer(private_bus.address)  # no Inhibited property at all
    dnd = DoNotDisturb(bus=private_bus.address)
    try:
        dnd.start()
        assert dnd.link.up.wait(5)
        qtbot.wait(300)
        assert not dnd.active
        assert dnd.reason() == ""
    finally:
        dnd.stop()
        server.close()
