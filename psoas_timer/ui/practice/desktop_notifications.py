"""Desktop notifications with buttons: org.freedesktop.Notifications on the session bus.

Why not QtDBus: ``Notify`` takes its ``replaces_id`` as a D-Bus ``uint32``, and PySide6 turns
every Python int into a signed ``int32`` (there is no ``QVariant`` to ask for another type),
so GNOME, KDE and dunst all refuse the call ("does not match expected type"). jeepney, a small
pure-Python D-Bus library, writes the message with the exact signature instead.

Nothing here waits on the bus or the server: the connection lives on a
:class:`~psoas_timer.ui.common.bus_link.BusLink` thread (connecting, asking the bus whether a
server is there, sending, reading), and what the window must know is posted back to the
window's thread (:mod:`psoas_timer.ui.common.window_thread`, which holds this object weakly)
and told as Qt signals: :attr:`DesktopNotifications.answered` once the bus said whether there
is a server, the buttons' answers (``ActionInvoked``) as
:attr:`~DesktopNotifications.action_invoked`. A server that comes up later (at login) is
heard as it takes its name.

Everything fails soft: without a session bus or a notification server,
:attr:`DesktopNotifications.available` stays false (and :attr:`~DesktopNotifications.reason`
says why) and the caller falls back to the tray or the window.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from psoas_timer import APP_NAME, DESKTOP_ID
from psoas_timer.ui.common.bus_link import BusLink, Outbox
from psoas_timer.ui.common.window_thread import on_window_thread

__all__ = ["DesktopNotifications"]

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
BUS_NAME = "org.freedesktop.DBus"
#: A server that has not answered ``Notify`` by then is taken not to show it (milliseconds):
#: the notification counts as failed and the reminder is shown another way.
NOTIFY_TIMEOUT_MS = 5000
NO_SERVER = "no notification server on the session bus"


def _notification_id(body: object) -> int | None:
    """The notification id at the start of a reply or signal *body* (a D-Bus ``uint32``),
    or None when the body has another shape."""
    if not isinstance(body, (tuple, list)) or not body:
        return None
    first = body[0]
    if isinstance(first, bool) or not isinstance(first, int) or not 0 <= first < 2**32:
        return None
    return first


@dataclass(frozen=True)
class _Posts:
    """What the bus thread may tell :class:`DesktopNotifications`, each call run later on the
    window's thread (see :func:`~psoas_timer.ui.common.window_thread.on_window_thread`)."""

    said: Callable[[int, bool, str], None]
    named: Callable[[int, str], None]
    heard: Callable[[int, Any], None]
    replied: Callable[[int, int, Any], None]


class _ServerWatch:
    """On the bus thread (a :class:`~psoas_timer.ui.common.bus_link.BusPart`): asks the bus
    whether a notification server is there, hears it come and go, and passes the server's
    signals to the window's thread (through *posts*, tagged with *generation*)."""

    def __init__(self, posts: _Posts, generation: int) -> None:
        self._posts = posts
        self._generation = generation
        self._outbox: Outbox | None = None

    def connected(self, outbox: Outbox, unique_name: str) -> None:
        from jeepney import MatchRule, message_bus

        self._outbox = outbox
        owner_changed = MatchRule(type="signal", sender=BUS_NAME, member="NameOwnerChanged")
        owner_changed.add_arg_condition(0, SERVICE)
        for rule in (MatchRule(type="signal", interface=INTERFACE, path=PATH), owner_changed):
            outbox.call(message_bus.AddMatch(rule), lambda _reply: None)
        self.ask()

    def ask(self) -> None:
        """Ask the bus whether the server is there (bus thread)."""
        from jeepney import message_bus

        if self._outbox is not None:
            self._outbox.call(message_bus.NameHasOwner(SERVICE), self._on_owner)

    def ask_answered(self, reply: Any) -> None:
        """The bus's answer to a question the window asked again (bus thread)."""
        self._on_owner(reply)

    def _on_owner(self, reply: Any) -> None:
        from jeepney import MessageType, message_bus

        if reply.header.message_type is not MessageType.method_return or not reply.body:
            self._say(False, f"the session bus did not answer ({reply.body!r:.80})")
        elif reply.body[0]:
            self._server_there()
        elif self._outbox is not None:
            self._outbox.call(message_bus.ListActivatableNames(), self._on_activatable)

    def _on_activatable(self, reply: Any) -> None:
        from jeepney import MessageType

        names = reply.body[0] if reply.body else ()
        ok = reply.header.message_type is MessageType.method_return
        if ok and isinstance(names, list) and SERVICE in names:
            self._server_there()
        else:
            self._say(False, NO_SERVER)

    def _server_there(self) -> None:
        from jeepney import DBusAddress, new_method_call

        self._say(True, "")
        if self._outbox is not None:
            info = new_method_call(
                DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE), "GetServerInformation"
            )
            self._outbox.call(info, self._on_info)

    def _on_info(self, reply: Any) -> None:
        from jeepney import MessageType

        body = reply.body
        ok = reply.header.message_type is MessageType.method_return
        if ok and body and isinstance(body[0], str):
            self._posts.named(self._generation, body[0])

    def _say(self, available: bool, reason: str) -> None:
        self._posts.said(self._generation, available, reason)

    def disconnected(self) -> None:
        self._outbox = None
        self._say(False, "the session bus went away")

    def handle(self, message: Any) -> bool:
        from jeepney import HeaderFields, MessageType

        header = message.header
        if header.message_type is not MessageType.signal:
            return False
        fields = header.fields
        if fields.get(HeaderFields.member) == "NameOwnerChanged":
            body = message.body
            if fields.get(HeaderFields.interface) != BUS_NAME or not body or body[0] != SERVICE:
                return False
            if len(body) >= 3 and body[2]:
                self._server_there()  # a server took the name (came up after login)
            else:
                self.ask()  # it left: still activatable?
            return True
        if fields.get(HeaderFields.interface) != INTERFACE:
            return False
        self._posts.heard(self._generation, message)
        return True


class DesktopNotifications(QObject):
    """Sends notifications and reports what the user did with them, by *tag*."""

    #: A button was pressed: (tag, action key). Clicking the notification itself is
    #: the action key ``default``.
    action_invoked = Signal(str, str)
    #: The notification went away (dismissed, expired or closed): its tag.
    closed = Signal(str)
    #: The server refused a notification: its tag (show it another way).
    failed = Signal(str)
    #: The bus said whether a notification server is there (after :meth:`start`, after
    #: asking again, and whenever the server comes or goes).
    answered = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, bus: str = "SESSION") -> None:
        super().__init__(parent)
        self._bus = bus
        self._link: BusLink | None = None
        self._watch: _ServerWatch | None = None
        self._generation = 0
        self._available = False
        self._asking = False
        # What the bus thread says comes to the window's thread through these, which hold
        # this object weakly (generation first: what an earlier connection says is ignored).
        self._posts = _Posts(
            said=on_window_thread(self._on_said),
            named=on_window_thread(self._on_named),
            heard=on_window_thread(self._on_heard),
            replied=on_window_thread(self._on_replied),
        )
        self._calls = itertools.count(1)
        self._pending: dict[int, str] = {}  # call number → tag
        self._deadlines: dict[int, float] = {}  # call number → when its answer is due
        # One timer checks the answers due (none runs while nothing is awaited).
        self._due = QTimer(self)
        self._due.setInterval(250)
        self._due.timeout.connect(self._check_answers)
        self._ids: dict[int, str] = {}  # notification id → tag
        self._by_tag: dict[str, int] = {}
        self.server: str | None = None  # the server's name, once it has said it
        self.reason = "not started"

    @property
    def available(self) -> bool:
        """The bus last said a notification server is there."""
        return self._available

    @property
    def asking(self) -> bool:
        """Started (or asked again), and the bus has not answered yet."""
        return self._asking

    def start(self) -> None:
        """Connect and ask whether a notification server is there; returns at once.
        :attr:`answered` says the answer (:attr:`reason` says why not, when not). Called
        again while there is none, asks again (the link itself connects again after the
        bus went away)."""
        if self._link is None:
            self._generation += 1
            self._watch = _ServerWatch(self._posts, self._generation)
            generation = self._generation
            said = self._posts.said
            self._link = BusLink(
                bus=self._bus,
                name="desktop notifications",
                unreachable=lambda why: said(generation, False, f"no D-Bus session ({why})"),
            )
            self._link.add(self._watch)
            self._asking = True
            self.reason = "asking the session bus"
            self._link.start()
        elif not self._available and self._watch is not None:
            from jeepney import message_bus

            if self._link.call(message_bus.NameHasOwner(SERVICE), self._watch.ask_answered):
                self._asking = True

    def stop(self) -> None:
        link, self._link = self._link, None
        self._watch = None
        self._generation += 1  # what the old connection still says is not heard
        for call in list(self._deadlines):
            self._forget_deadline(call)
        self._pending.clear()
        self._available = self._asking = False
        if link is not None:
            link.stop(wait=0)  # the bus thread closes the connection; nothing waits here
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
        if self._link is None or not self._available:
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
        call = next(self._calls)
        generation = self._generation
        post_reply = self._posts.replied

        def replied(reply: Any) -> None:  # the bus thread
            post_reply(generation, call, reply)

        if not self._link.call(message, replied):
            log.warning("notification not sent: the session bus is not connected")
            return False
        self._pending[call] = tag
        self._deadlines[call] = time.monotonic() + NOTIFY_TIMEOUT_MS / 1000
        if not self._due.isActive():
            self._due.start()
        return True

    def _check_answers(self) -> None:
        """A Notify call the server has not answered in time: show it another way."""
        now = time.monotonic()
        for call in [c for c, due in self._deadlines.items() if due <= now]:
            self._forget_deadline(call)
            tag = self._pending.pop(call, None)
            if tag is not None:
                log.warning(
                    "the notification server did not answer within %g s; showing it another way",
                    NOTIFY_TIMEOUT_MS / 1000,
                )
                self.failed.emit(tag)

    def _forget_deadline(self, call: int) -> None:
        self._deadlines.pop(call, None)
        if not self._deadlines:
            self._due.stop()

    def close(self, tag: str) -> None:
        """Take down the notification *tag*, if it is up."""
        nid = self._by_tag.get(tag)
        if self._link is None or nid is None:
            return
        from jeepney import DBusAddress, new_method_call

        message = new_method_call(
            DBusAddress(PATH, bus_name=SERVICE, interface=INTERFACE),
            "CloseNotification",
            "u",
            (nid,),
        )
        self._link.send(message)

    # -- from the bus thread, on the window's -----------------------------------------------
    def _on_said(self, generation: int, available: bool, reason: str) -> None:
        if generation != self._generation:
            return
        was, self._available, self._asking = self._available, available, False
        if available:
            self.reason = f"desktop notifications ({self.server or 'server'})"
        else:
            if was or reason != self.reason:
                log.info("desktop notifications off: %s", reason)
            self.reason = reason
            self.server = None
        self.answered.emit(available)

    def _on_named(self, generation: int, name: str) -> None:
        if generation != self._generation:
            return
        self.server = name
        if self._available:
            self.reason = f"desktop notifications ({name})"

    def _on_replied(self, generation: int, call: int, message: Any) -> None:
        from jeepney import MessageType

        if generation != self._generation:
            return
        self._forget_deadline(call)
        tag = self._pending.pop(call, None)
        if tag is None:
            return  # answered after its time: shown another way already
        body = message.body
        if message.header.message_type is MessageType.error:
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

    def _on_heard(self, generation: int, message: Any) -> None:
        from jeepney import HeaderFields

        if generation != self._generation:
            return
        member = message.header.fields.get(HeaderFields.member)
        body = message.body
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
