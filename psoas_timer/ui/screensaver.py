"""Keep the screen awake during a session: org.freedesktop.ScreenSaver over D-Bus.

Silent where the service (or D-Bus itself) is missing: the timer works without it.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher

from psoas_timer import APP_NAME

__all__ = ["Inhibitor", "ScreenSaverInhibitor"]

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"


class Inhibitor(Protocol):
    def inhibit(self) -> None: ...

    def release(self) -> None: ...


class ScreenSaverInhibitor(QObject):
    """Asks the desktop not to blank the screen between :meth:`inhibit` and :meth:`release`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cookie: int | None = None
        self._wanted = False
        self._watcher: QDBusPendingCallWatcher | None = None

    @property
    def active(self) -> bool:
        return self._cookie is not None

    def _bus(self) -> QDBusConnection | None:
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return None
        iface = bus.interface()
        if iface is None or not iface.isServiceRegistered(SERVICE).value():
            return None
        return bus

    def inhibit(self) -> None:
        self._wanted = True
        if self._cookie is not None or self._watcher is not None:
            return
        bus = self._bus()
        if bus is None:
            return
        msg = QDBusMessage.createMethodCall(SERVICE, PATH, SERVICE, "Inhibit")
        msg.setArguments([APP_NAME, "A guided session is running"])
        self._watcher = QDBusPendingCallWatcher(bus.asyncCall(msg), self)
        self._watcher.finished.connect(self._on_reply)

    def _on_reply(self, watcher: QDBusPendingCallWatcher) -> None:
        reply = watcher.reply()
        watcher.deleteLater()
        self._watcher = None
        args = reply.arguments() if reply.type() == QDBusMessage.MessageType.ReplyMessage else []
        if args:
            self._cookie = int(args[0])
            if not self._wanted:  # the session ended while we waited
                self.release()

    def release(self) -> None:
        self._wanted = False
        if self._cookie is None:
            return
        cookie, self._cookie = self._cookie, None
        bus = self._bus()
        if bus is None:
            return
        msg = QDBusMessage.createMethodCall(SERVICE, PATH, SERVICE, "UnInhibit")
        msg.setArguments([cookie])
        bus.asyncCall(msg)
