"""How long the user has been away from the keyboard and mouse, where the desktop says.

Asks org.freedesktop.ScreenSaver ``GetSessionIdleTime`` (KDE, Xfce and others) and, failing
that, GNOME's idle monitor (org.gnome.Mutter.IdleMonitor ``GetIdletime``), both over QtDBus.
Where neither answers, :meth:`IdleMonitor.idle_seconds` is ``None`` and desk breaks count
plain time; :attr:`IdleMonitor.description` says which it is, for the Reminders dialog.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

from psoas_timer.i18n import N_, _

__all__ = ["IdleMonitor"]

log = logging.getLogger(__name__)

#: (service, path, interface, method, name for people). Both answer in milliseconds (KDE
#: implements GetSessionIdleTime with KIdleTime, which counts milliseconds).
SOURCES = (
    (
        "org.freedesktop.ScreenSaver",
        "/org/freedesktop/ScreenSaver",
        "org.freedesktop.ScreenSaver",
        "GetSessionIdleTime",
        N_("the screensaver"),
    ),
    (
        "org.gnome.Mutter.IdleMonitor",
        "/org/gnome/Mutter/IdleMonitor/Core",
        "org.gnome.Mutter.IdleMonitor",
        "GetIdletime",
        N_("GNOME's idle monitor"),
    ),
)
TIMEOUT_MS = 500


class IdleMonitor(QObject):
    """Idle seconds from the session, probed once at :meth:`probe`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source: tuple[str, str, str, str, str] | None = None
        self._probed = False

    def probe(self) -> bool:
        """Find a source that answers; ``False`` if none does."""
        self._probed = True
        self._source = None
        for source in SOURCES:
            if self._ask(source) is not None:
                self._source = source
                log.info("idle time from %s", source[4])
                return True
        log.info("no idle time from the desktop: desk breaks count plain time")
        return False

    @property
    def available(self) -> bool:
        if not self._probed:
            self.probe()
        return self._source is not None

    @property
    def description(self) -> str:
        if self.available and self._source is not None:
            return _("Time away from the computer is read from {source}.").format(
                source=_(self._source[4])
            )
        return _(
            "This desktop does not say how long you have been away, so desk breaks count "
            "plain time since the last one."
        )

    def idle_seconds(self) -> float | None:
        if not self.available or self._source is None:
            return None
        answer = self._ask(self._source)
        if answer is None:  # the service went away
            self._source = None
        return answer

    def _ask(self, source: tuple[str, str, str, str, str]) -> float | None:
        service, path, interface, method, _ = source
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return None
        message = QDBusMessage.createMethodCall(service, path, interface, method)
        reply = bus.call(message, QDBus.CallMode.Block, TIMEOUT_MS)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            return None
        try:
            return max(0.0, float(reply.arguments()[0]) / 1000.0)
        except (TypeError, ValueError):
            return None
