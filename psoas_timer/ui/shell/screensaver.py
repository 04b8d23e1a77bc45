"""Keep the screen awake during a session: org.freedesktop.ScreenSaver over D-Bus.

The inhibition is made on a bus connection of its own, kept on a
:class:`~psoas_timer.ui.common.bus_link.BusLink` thread: connecting, asking and releasing
never wait on the window's thread (a slow bus or screensaver once held the window up).
Releasing sends ``UnInhibit`` (its cookie a real ``uint32``, written by jeepney) and then
closes that connection: the screensaver drops every inhibition of a client that leaves the
bus, so the screen is released even when the cookie never came back. Silent where D-Bus or
the service is missing: the timer works without it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import Any, Protocol

from PySide6.QtCore import QObject

from psoas_timer import APP_NAME
from psoas_timer.i18n import _
from psoas_timer.ui.common.bus_link import BusLink, Outbox

__all__ = ["Inhibitor", "ScreenSaverInhibitor"]

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"


class Inhibitor(Protocol):
    def inhibit(self) -> None: ...

    def release(self) -> None: ...


class _Inhibition:
    """On the bus thread (a :class:`~psoas_timer.ui.common.bus_link.BusPart`): asks for the
    inhibition once connected and keeps its cookie."""

    def __init__(self, reason: str) -> None:
        self._reason = reason
        self.cookie: int | None = None
        #: Set once the screensaver answered (with a cookie or an error).
        self.answered = threading.Event()
        self._asked = False

    def connected(self, outbox: Outbox, unique_name: str) -> None:
        from jeepney import DBusAddress, new_method_call

        if self._asked:
            return  # connected again: the old inhibition went with the old connection
        self._asked = True
        address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
        message = new_method_call(address, "Inhibit", "ss", (APP_NAME, self._reason))
        outbox.call(message, self._reply)

    def _reply(self, reply: Any) -> None:
        from jeepney import MessageType

        body = reply.body
        if reply.header.message_type is MessageType.method_return and body:
            first = body[0]
            if isinstance(first, int) and not isinstance(first, bool) and 0 <= first < 2**32:
                self.cookie = first
        else:
            log.debug("no screensaver inhibition: %.120r", body)
        self.answered.set()

    def disconnected(self) -> None:
        pass

    def handle(self, message: Any) -> bool:
        return False


class ScreenSaverInhibitor(QObject):
    """Asks the desktop not to blank the screen between :meth:`inhibit` and :meth:`release`;
    both return at once."""

    def __init__(self, parent: QObject | None = None, *, bus: str = "SESSION") -> None:
        super().__init__(parent)
        self._bus = bus
        self._link: BusLink | None = None
        self._inhibition: _Inhibition | None = None
        self._gone = threading.Event()  # the link found no bus

    @property
    def active(self) -> bool:
        """Asked for and not released (nor found impossible: no bus)."""
        return self._link is not None and not self._gone.is_set()

    @property
    def cookie(self) -> int | None:
        """The screensaver's cookie for the inhibition, once it answered."""
        return self._inhibition.cookie if self._inhibition is not None else None

    def inhibit(self) -> None:
        if self._link is not None:
            return
        gone = self._gone = threading.Event()

        def unreachable(_why: str) -> None:  # the bus thread
            gone.set()
            with contextlib.suppress(RuntimeError):  # joining itself: it ends after this
                link.stop(wait=0)  # no bus: stop trying

        link = BusLink(bus=self._bus, name="screen saver", unreachable=unreachable)
        self._inhibition = _Inhibition(_("A guided session is running"))
        link.add(self._inhibition)
        self._link = link
        link.start()

    def release(self) -> None:
        link, self._link = self._link, None
        inhibition, self._inhibition = self._inhibition, None
        if link is None:
            return
        if inhibition is not None and inhibition.cookie is not None:
            from jeepney import DBusAddress, new_method_call

            address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
            link.send(new_method_call(address, "UnInhibit", "u", (inhibition.cookie,)))
        link.stop(wait=0)  # sent, then the connection closes on the bus thread
