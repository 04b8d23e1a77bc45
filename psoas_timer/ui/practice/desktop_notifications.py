"""Desktop notifications with buttons: org.freedesktop.Notifications on the session bus.

Why not QtDBus: ``Notify`` takes its ``replaces_id`` as a D-Bus ``uint32``, and PySide6 turns
every Python int into a signed ``int32`` (there is no ``QVariant`` to ask for another type),
so GNOME, KDE and dunst all refuse the call ("does not match expected type"). jeepney, a small
pure-Python D-Bus library, writes the message with the exact signature instead. Its
connection is read from Qt's event loop (a :class:`QSocketNotifier` on its socket), so
nothing blocks and the buttons' answers (``ActionInvoked``) arrive as Qt signals.

Everything fails soft: without a session bus or a notification server,
:meth:`DesktopNotifications.start` says no (and logs why) and the caller falls back to the
tray or the window.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from psoas_timer import APP_NAME, DESKTOP_ID

__all__ = ["DesktopNotifications"]

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
#: A server that has not answered ``Notify`` by then is taken not to show it (milliseconds):
#: the notification counts as failed and the reminder is shown another way.
NOTIFY_TIMEOUT_MS = 5000


def _notification_id(body: object) -> int | None:
    """The notification id at the start of a reply or signal *body* (a D-Bus ``uint32``),
    or None when the body has another shape."""
    if not isinstance(body, (tuple, list)) or not body:
        return None
    first = body[0]
    if isinstance(first, bool) or not isinstance(first, int) or not 0 <= first < 2**32:
        return None
    return first


class DesktopNotifications(QObject):
    """Sends notifications and reports what the user did with them, by *tag*."""

    #: A button was pressed: (tag, action key). Clicking the notification itself is
    #: the action key ``default``.
    action_invoked = Signal(str, str)
    #: The notification went away (dismissed, expired or closed): its tag.
    closed = Signal(str)
    #: The server refused a notification: its tag (show it another way).
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, *, bus: str = "SESSION") -> None:
        super().__init__(parent)
        self._bus = bus
        self._conn: object | None = None
        self._notifier: QSocketNotifier | None = None
        self._pending: dict[int, str] = {}  # call serial → tag
        self._deadlines: dict[int, float] = {}  # call serial → when its answer is due
        # One timer checks the answers due (none runs while nothing is awaited).
        self._due = QTimer(self)
        self._due.setInterval(250)
        self._due.timeout.connect(self._check_answers)
        self._ids: dict[int, str] = {}  # notification id → tag
        self._by_tag: dict[str, int] = {}
        self.server: str | None = None  # the server's name, once it has said it
        self._info_serial = -1
        self.reason = "not started"

    @property
    def available(self) -> bool:
        return self._conn is not None

    def start(self) -> bool:
        """Connect and check that a notification server is there. ``False`` (with
        :attr:`reason` saying why) where there is no bus or no server."""
        if self._conn is not None:
            return True
        try:
            from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
            from jeepney.io.blocking import open_dbus_connection
        except ImportError as exc:  # pragma: no cover - jeepney is a dependency
            self.reason = f"jeepney is missing ({exc})"
            log.warning("desktop notifications off: %s", self.reason)
            return False
        try:
            conn = open_dbus_connection(bus=self._bus, auth_timeout=1.0)
        except (OSError, KeyError, ValueError, TimeoutError, RuntimeError) as exc:
            self.reason = f"no D-Bus session ({exc})"
            log.info("desktop notifications off: %s", self.reason)
            return False
        try:
            # The bus itself answers these at once; the notification server is never waited
            # on (a slow one froze the window): its name comes later, as a reply like any.
            owned = conn.send_and_get_reply(message_bus.NameHasOwner(SERVICE), timeout=1.0)
            activatable = conn.send_and_get_reply(message_bus.ListActivatableNames(), timeout=1.0)
            if not owned.body[0] and SERVICE not in activatable.body[0]:
                raise LookupError("no notification server on the session bus")
            rule = MatchRule(type="signal", interface=INTERFACE, path=PATH)
            conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=1.0)
        except (OSError, LookupError, TimeoutError, RuntimeError, IndexError) as exc:
            self.reason = str(exc)
            log.info("desktop notifications off: %s", self.reason)
            conn.close()
            return False
        conn.sock.setblocking(False)
        self._conn = conn
        self._notifier = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read)
        info = new_method_call(
            DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE), "GetServerInformation"
        )
        self._info_serial = next(conn.outgoing_serial)
        try:
            conn.send(info, serial=self._info_serial)
        except OSError as exc:
            log.info("could not ask the notification server its name: %s", exc)
        self.reason = f"desktop notifications ({self.server or 'server'})"
        return True

    def stop(self) -> None:
        conn, self._conn = self._conn, None
        for serial in list(self._deadlines):
            self._forget_deadline(serial)
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if conn is not None:
            conn.close()  # type: ignore[attr-defined]
        self.reason = "stopped"

    def notify(
        self,
        tag: str,
        title: str,
        body: str,
        actions: Sequence[tuple[str, str]] = (),
        *,
        icon: str | None = None,
    ) -> bool:
        """Show a notification with buttons *actions* (key, label) and the picture file
        *icon* (else the app's icon); replaces one with the same *tag*. ``False`` if it
        could not be sent."""
        if self._conn is None:
            return False
        from jeepney import DBusAddress, new_method_call

        flat = [part for key, label in actions for part in (key, label)]
        hints = {"desktop-entry": ("s", DESKTOP_ID), "urgency": ("y", 1)}
        app_icon = DESKTOP_ID
        if icon:
            # The picture as the notification's image (the spec's hint) and its icon, for
            # servers that show only the icon.
            app_icon = Path(icon).absolute().as_uri()
            hints["image-path"] = ("s", app_icon)
        replaces = self._by_tag.get(tag, 0)
        message = new_method_call(
            DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE),
            "Notify",
            "susssasa{sv}i",
            (APP_NAME, replaces, app_icon, title, body, flat, hints, -1),
        )
        conn = self._conn
        serial = next(conn.outgoing_serial)  # type: ignore[attr-defined]
        try:
            conn.send(message, serial=serial)  # type: ignore[attr-defined]
        except OSError as exc:
            log.warning("notification not sent: %s", exc)
            self.stop()
            self.reason = f"the session bus went away ({exc})"
            return False
        self._pending[serial] = tag
        self._deadlines[serial] = time.monotonic() + NOTIFY_TIMEOUT_MS / 1000
        if not self._due.isActive():
            self._due.start()
        return True

    def _check_answers(self) -> None:
        """A Notify call the server has not answered in time: show it another way."""
        now = time.monotonic()
        for serial in [s for s, due in self._deadlines.items() if due <= now]:
            self._forget_deadline(serial)
            tag = self._pending.pop(serial, None)
            if tag is not None:
                log.warning(
                    "the notification server did not answer within %g s; showing it another way",
                    NOTIFY_TIMEOUT_MS / 1000,
                )
                self.failed.emit(tag)

    def _forget_deadline(self, serial: int) -> None:
        self._deadlines.pop(serial, None)
        if not self._deadlines:
            self._due.stop()

    def close(self, tag: str) -> None:
        """Take down the notification *tag*, if it is up."""
        nid = self._by_tag.get(tag)
        if self._conn is None or nid is None:
            return
        from jeepney import DBusAddress, new_method_call

        message = new_method_call(
            DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE),
            "CloseNotification",
            "u",
            (nid,),
        )
        try:
            self._conn.send(message)  # type: ignore[attr-defined]
        except OSError as exc:
            log.warning("could not close a notification: %s", exc)

    # -- incoming ---------------------------------------------------------------------------
    def _read(self) -> None:
        conn = self._conn
        if conn is None:
            return
        parser = conn.parser  # type: ignore[attr-defined]
        try:
            while True:
                data = conn.sock.recv(65536)  # type: ignore[attr-defined]
                if not data:
                    raise ConnectionResetError("the bus closed the connection")
                parser.add_data(data)
        except (BlockingIOError, InterruptedError):
            pass
        except OSError as exc:
            log.warning("desktop notifications stopped: %s", exc)
            self.stop()
            self.reason = f"the session bus went away ({exc})"
            return
        while (message := parser.get_next_message()) is not None:
            self._handle(message)

    def _handle(self, message: object) -> None:
        from jeepney import HeaderFields, MessageType

        header = message.header  # type: ignore[attr-defined]
        body = message.body  # type: ignore[attr-defined]
        kind = header.message_type
        if kind in (MessageType.method_return, MessageType.error):
            serial = header.fields.get(HeaderFields.reply_serial, -1)
            if serial == self._info_serial:
                self._info_serial = -1
                if kind is MessageType.method_return and body and isinstance(body[0], str):
                    self.server = body[0]
                    self.reason = f"desktop notifications ({self.server})"
                return
            self._forget_deadline(serial)
            tag = self._pending.pop(serial, None)
            if tag is None:
                return
            if kind is MessageType.error:
                log.warning("the notification server refused a notification: %s", body)
                self.failed.emit(tag)
                return
            nid = _notification_id(body)
            if nid is None:
                log.warning("the notification server answered Notify with %.80r", body)
                self.failed.emit(tag)
                return
            self._ids[nid] = tag
            self._by_tag[tag] = nid
            return
        if kind is not MessageType.signal:
            return
        member = header.fields.get(HeaderFields.member)
        nid = _notification_id(body)
        if nid is None:
            return  # a signal of another shape: not one of ours
        if member == "ActionInvoked" and len(body) >= 2:
            tag = self._ids.get(nid)
            if tag is not None:
                self.action_invoked.emit(tag, str(body[1]))
        elif member == "NotificationClosed":
            tag = self._ids.pop(nid, None)
            if tag is not None:
                self._by_tag.pop(tag, None)
                self.closed.emit(tag)
