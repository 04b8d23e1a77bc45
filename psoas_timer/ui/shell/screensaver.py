"""Keep the screen awake during a session: org.freedesktop.ScreenSaver over D-Bus.

The inhibition is made on a private bus connection of its own. Releasing it calls
``UnInhibit`` and then closes that connection: the screensaver drops every inhibition of a
client that leaves the bus, so the screen is released even where the cookie's type (a D-Bus
``uint32``, which Python's ints do not always marshal as) is refused. Silent where D-Bus or
the service is missing: the timer works without it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage, QDBusPendingCallWatcher

from psoas_timer import APP_NAME
from psoas_timer.i18n import _

__all__ = ["Inhibitor", "ScreenSaverInhibitor"]

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"
CONNECTION = "psoas-timer-screensaver"


class Inhibitor(Protocol):
    def inhibit(self) -> None: ...

    def release(self) -> None: ...


class ScreenSaverInhibitor(QObject):
    """Asks the desktop not to blank the screen between :meth:`inhibit` and :meth:`release`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cookie: int | None = None
        self._bus: QDBusConnection | None = None
        self._watcher: QDBusPendingCallWatcher | None = None

    @property
    def active(self) -> bool:
        return self._bus is not None

    def inhibit(self) -> None:
        if self._bus is not None:
            return
        bus = QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, CONNECTION)
        iface = bus.interface() if bus.isConnected() else None
        if iface is None or not iface.isServiceRegistered(SERVICE).value():
            QDBusConnection.disconnectFromBus(CONNECTION)
            return
        self._bus = bus
        msg = QDBusMessage.createMethodCall(SERVICE, PATH, SERVICE, "Inhibit")
        msg.setArguments([APP_NAME, _("A guided session is running")])
        self._watcher = QDBusPendingCallWatcher(bus.asyncCall(msg), self)
        self._watcher.finished.connect(self._on_reply)

    def _on_reply(self, watcher: QDBusPendingCallWatcher) -> None:
        reply = watcher.reply()
        watcher.deleteLater()
        self._watcher = None
        if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
            self._cookie = int(reply.arguments()[0])

    def release(self) -> None:
        bus, self._bus = self._bus, None
        if bus is None:
            return
        if self._cookie is not None:
            msg = QDBusMessage.createMethodCall(SERVICE, PATH, SERVICE, "UnInhibit")
            msg.setArguments([self._cookie])
            bus.call(msg, QDBus.CallMode.NoBlock)
        self._cookie = None
        QDBusConnection.disconnectFromBus(CONNECTION)
