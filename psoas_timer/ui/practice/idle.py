"""How long the user has been away from the keyboard and mouse, where the desktop says.

Asks org.freedesktop.ScreenSaver ``GetSessionIdleTime`` (KDE, Xfce and others) and, failing
that, GNOME's idle monitor (org.gnome.Mutter.IdleMonitor ``GetIdletime``). Where neither
answers, :meth:`IdleMonitor.idle_seconds` is ``None`` and desk breaks count plain time;
:attr:`IdleMonitor.description` says which it is, for the Reminders dialog.

The questions go over a :class:`~psoas_timer.ui.common.bus_link.BusLink` thread: the window
never waits for the answer (a screensaver slow to answer held it up half a second at each
poll). :meth:`IdleMonitor.idle_seconds` gives the last answer and asks again, so the answer a
desk-break poll uses is at most one poll old; one older than :data:`STALE_SECONDS` (a
question that never came back) is not used.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from psoas_timer.i18n import N_, _
from psoas_timer.ui.common.bus_link import BusLink, Outbox
from psoas_timer.ui.common.window_thread import on_window_thread

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
#: An answer older than this (seconds) is not used: how long the user was away is unknown.
STALE_SECONDS = 60.0

Report = Callable[[int | None, float | None], None]


def _question(index: int) -> Any:
    from jeepney import DBusAddress, new_method_call

    service, path, interface, method, _ = SOURCES[index]
    return new_method_call(DBusAddress(path, bus_name=service, interface=interface), method)


def _seconds(reply: Any) -> float | None:
    """The idle time in a reply (milliseconds on the bus), or None for an error or an
    answer of another shape."""
    from jeepney import MessageType

    if reply.header.message_type is not MessageType.method_return or not reply.body:
        return None
    value = reply.body[0]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return max(0.0, float(value) / 1000.0)


class _IdleFinder:
    """On the bus thread (a :class:`~psoas_timer.ui.common.bus_link.BusPart`): on each
    connection, asks the sources in turn and reports the first that answers (or none)."""

    def __init__(self, report: Report) -> None:
        self._report = report

    def connected(self, outbox: Outbox, unique_name: str) -> None:
        self._try(outbox, 0)

    def _try(self, outbox: Outbox, index: int) -> None:
        if index >= len(SOURCES):
            self._report(None, None)
            return
        outbox.call(_question(index), lambda reply: self._tried(outbox, index, reply))

    def _tried(self, outbox: Outbox, index: int, reply: Any) -> None:
        seconds = _seconds(reply)
        if seconds is None:
            self._try(outbox, index + 1)
        else:
            self._report(index, seconds)

    def disconnected(self) -> None:
        self._report(None, None)

    def handle(self, message: Any) -> bool:
        return False


class IdleMonitor(QObject):
    """Idle seconds from the session, looked for from :meth:`probe` (at once, answered on
    the bus thread)."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        bus: str = "SESSION",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._clock = clock
        self._link: BusLink | None = None
        self._source: int | None = None
        self._answer: tuple[float, float] | None = None  # (seconds, when answered)
        self._asking = False
        # What the bus thread reports, run on the window's thread (holding this weakly).
        self._from_bus = on_window_thread(self._on_reported)

    def probe(self) -> None:
        """Look for a source that answers (once; returns at once)."""
        if self._link is not None:
            return
        self._link = BusLink(bus=self._bus, name="idle time")
        self._link.add(_IdleFinder(self._from_bus))
        self._asking = True
        self._link.start()

    def stop(self) -> None:
        link, self._link = self._link, None
        if link is not None:
            link.stop(wait=0)

    @property
    def available(self) -> bool:
        """A source answered (after :meth:`probe`)."""
        return self._source is not None

    @property
    def description(self) -> str:
        if self._source is not None:
            return _("Time away from the computer is read from {source}.").format(
                source=_(SOURCES[self._source][4])
            )
        return _(
            "This desktop does not say how long you have been away, so desk breaks count "
            "plain time since the last one."
        )

    def idle_seconds(self) -> float | None:
        """The last idle time the desktop said (None when none is known or it is stale),
        asking again for the next poll."""
        if self._link is None:
            self.probe()
        source = self._source
        if source is None:
            return None
        if not self._asking and self._link is not None:
            report = self._from_bus

            def answered(reply: Any) -> None:  # the bus thread
                seconds = _seconds(reply)
                report(source if seconds is not None else None, seconds)

            self._asking = self._link.call(_question(source), answered)
        if self._answer is None:
            return None
        seconds, when = self._answer
        if self._clock() - when > STALE_SECONDS:
            return None
        return seconds

    def _on_reported(self, source: int | None, seconds: float | None) -> None:
        self._asking = False
        if source is None:
            if self._source is not None:
                log.info("idle time from %s: no answer now", SOURCES[self._source][4])
            elif self._answer is None:
                log.info("no idle time from the desktop: desk breaks count plain time")
            self._source = None
            self._answer = None
            return
        if self._source != source:
            log.info("idle time from %s", SOURCES[source][4])
        self._source = source
        if seconds is not None:
            self._answer = (seconds, self._clock())
