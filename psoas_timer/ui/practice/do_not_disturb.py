"""Whether the desktop is in Do Not Disturb: then no reminder or desk break pops up.

Desktops say it in different places; each one found is watched, live:

- the notification server's ``Inhibited`` property (``org.freedesktop.Notifications``, spec
  1.2: KDE Plasma's Do Not Disturb, and servers that follow it), with its
  ``PropertiesChanged``;
- GNOME's "show banners" switch (``org.gnome.desktop.notifications show-banners`` off is
  GNOME's Do Not Disturb), read through the desktop portal's Settings interface
  (``org.freedesktop.portal.Settings``), with its ``SettingChanged``.

The watching runs on a :class:`~psoas_timer.ui.common.bus_link.BusLink` thread, so it never
holds up the window; :attr:`DoNotDisturb.changed` comes on the window's thread. Without a
session bus, or with neither source, the desktop is taken as not quiet (reminders come as
before), and the log says once why.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from psoas_timer.ui.common.bus_link import BusLink, Outbox
from psoas_timer.ui.common.window_thread import on_window_thread

__all__ = ["DoNotDisturb", "QuietWatch"]

log = logging.getLogger(__name__)

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
PROPERTIES = "org.freedesktop.DBus.Properties"
PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SETTINGS = "org.freedesktop.portal.Settings"
GNOME_NOTIFICATIONS = "org.gnome.desktop.notifications"
SHOW_BANNERS = "show-banners"

#: Where the quiet comes from, as the log and the Reminders dialog say it.
SOURCES = {
    "inhibited": "the notification server's Do Not Disturb",
    "banners": "GNOME's Do Not Disturb (banners off)",
}


def _plain(value: Any) -> Any:
    """A D-Bus variant's value, however deep (the portal's Read wraps it twice)."""
    while isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str) and value[0]:
        value = value[1]
    return value


class QuietWatch:
    """The watch on the bus thread (a :class:`~.bus_link.BusPart`): reports each source's
    state to *report* (``source, quiet``)."""

    def __init__(self, report: Any) -> None:
        self._report = report

    def connected(self, outbox: Outbox, unique_name: str) -> None:
        from jeepney import DBusAddress, MatchRule, message_bus, new_method_call

        for rule in (
            MatchRule(
                type="signal",
                interface=PROPERTIES,
                member="PropertiesChanged",
                path=NOTIFICATIONS_PATH,
            ),
            MatchRule(type="signal", interface=SETTINGS, member="SettingChanged"),
        ):
            outbox.call(message_bus.AddMatch(rule), lambda _reply: None)
        notifications = DBusAddress(
            NOTIFICATIONS_PATH, bus_name=NOTIFICATIONS, interface=PROPERTIES
        )
        outbox.call(
            new_method_call(notifications, "Get", "ss", (NOTIFICATIONS, "Inhibited")),
            lambda reply: self._answer("inhibited", reply, invert=False),
        )
        settings = DBusAddress(PORTAL_PATH, bus_name=PORTAL, interface=SETTINGS)
        outbox.call(
            new_method_call(settings, "Read", "ss", (GNOME_NOTIFICATIONS, SHOW_BANNERS)),
            lambda reply: self._answer("banners", reply, invert=True),
        )

    def _answer(self, source: str, reply: Any, *, invert: bool) -> None:
        from jeepney import MessageType

        if reply.header.message_type is not MessageType.method_return:
            log.debug("Do Not Disturb: no %s here (%s)", source, reply.body)
            return
        value = _plain(reply.body[0])
        if isinstance(value, bool):
            self._report(source, not value if invert else value)

    def disconnected(self) -> None:
        self._report("", False)  # nothing is known now: not quiet

    def handle(self, message: Any) -> bool:
        from jeepney import HeaderFields, MessageType

        header = message.header
        if header.message_type is not MessageType.signal:
            return False
        member = header.fields.get(HeaderFields.member)
        body = message.body
        if member == "PropertiesChanged" and body and body[0] == NOTIFICATIONS:
            changed = body[1]
            if "Inhibited" in changed:
                value = _plain(changed["Inhibited"])
                if isinstance(value, bool):
                    self._report("inhibited", value)
            return True
        if member == "SettingChanged" and len(body) >= 3:
            if (body[0], body[1]) == (GNOME_NOTIFICATIONS, SHOW_BANNERS):
                value = _plain(body[2])
                if isinstance(value, bool):
                    self._report("banners", not value)
            return True
        return False


class DoNotDisturb(QObject):
    """The desktop's Do Not Disturb, watched from :meth:`start` until :meth:`stop`."""

    #: Quiet began (True) or ended (False).
    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, bus: str = "SESSION") -> None:
        super().__init__(parent)
        self._sources: dict[str, bool] = {}
        self.link = BusLink(bus=bus, name="Do Not Disturb")
        # What the bus thread hears, run on the window's thread (holding this weakly).
        self.link.add(QuietWatch(on_window_thread(self._on_reported)))

    def start(self) -> None:
        self.link.start()

    def stop(self) -> None:
        self.link.stop()

    @property
    def active(self) -> bool:
        """The desktop asks for quiet now."""
        return any(self._sources.values())

    def reason(self) -> str:
        """Who asks for quiet, in words ("" when no one does)."""
        return " and ".join(SOURCES[s] for s, on in sorted(self._sources.items()) if on)

    def _on_reported(self, source: str, quiet: bool) -> None:
        was = self.active
        if source:
            self._sources[source] = quiet
        else:
            self._sources.clear()
        now = self.active
        if now != was:
            log.info("Do Not Disturb %s%s", "on: " if now else "off", self.reason())
            self.changed.emit(now)
