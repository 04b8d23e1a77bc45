"""Global shortcuts through the desktop portal (``org.freedesktop.portal.GlobalShortcuts``):
keys the user binds in the desktop's settings that reach Psoas Timer while another window is
in front (KDE Plasma, GNOME 48 and later).

The portal's way, followed here on a :class:`~psoas_timer.ui.common.bus_link.BusLink` thread:
``CreateSession`` (its answer comes as a ``Response`` signal on a request object whose path
is known in advance, so the signal is listened for before the call), then ``BindShortcuts``
with the app's four shortcuts (the desktop may ask the user which keys), then ``Activated``
each time one is pressed. Where the portal, or its GlobalShortcuts interface, is absent,
:attr:`GlobalShortcuts.status` says so (Help shows it and points to the media keys).
"""

from __future__ import annotations

import itertools
import logging
import os
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from psoas_timer.i18n import N_, _
from psoas_timer.ui.common.bus_link import Outbox
from psoas_timer.ui.common.window_thread import on_window_thread

__all__ = ["SHORTCUTS", "GlobalShortcuts", "PortalShortcuts", "status_html"]

log = logging.getLogger(__name__)

PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.GlobalShortcuts"
REQUEST = "org.freedesktop.portal.Request"
PROPERTIES = "org.freedesktop.DBus.Properties"

#: The shortcuts offered: id, what it does (the desktop shows it), the keys suggested, and
#: the MPRIS call it stands for (``More`` is +10 s, which MPRIS has no call for).
SHORTCUTS: tuple[tuple[str, str, str, str], ...] = (
    ("pause", N_("Pause or resume the session"), "CTRL+ALT+space", "PlayPause"),
    ("next", N_("Next part (released, during an open hold)"), "CTRL+ALT+Right", "Next"),
    ("more", N_("Add 10 seconds to this part"), "CTRL+ALT+plus", "More"),
    ("stop", N_("Stop the session"), "CTRL+ALT+BackSpace", "Stop"),
)
COMMAND = {sid: command for sid, _what, _keys, command in SHORTCUTS}

#: :attr:`GlobalShortcuts.status` values.
UNKNOWN, ABSENT, BOUND, REFUSED = "unknown", "absent", "bound", "refused"

_tokens = itertools.count(1)


def _token(kind: str) -> str:
    return f"psoas_timer_{kind}_{os.getpid()}_{next(_tokens)}"


def _request_path(unique_name: str, token: str) -> str:
    sender = unique_name.lstrip(":").replace(".", "_")
    return f"{PORTAL_PATH}/request/{sender}/{token}"


class PortalShortcuts:
    """The portal conversation on the bus thread (a :class:`~.bus_link.BusPart`).

    *on_status* hears (status, detail); *on_activated* hears each shortcut's id."""

    def __init__(
        self, on_status: Callable[[str, str], None], on_activated: Callable[[str], None]
    ) -> None:
        self._on_status = on_status
        self._on_activated = on_activated
        self._outbox: Outbox | None = None
        self._name = ""
        self._requests: dict[str, Callable[[int, dict[str, Any]], None]] = {}
        self.session: str | None = None

    def connected(self, outbox: Outbox, unique_name: str) -> None:
        from jeepney import DBusAddress, MatchRule, message_bus, new_method_call

        self._outbox, self._name, self.session = outbox, unique_name, None
        self._requests.clear()
        for rule in (
            MatchRule(type="signal", interface=REQUEST, member="Response"),
            MatchRule(type="signal", interface=INTERFACE, path=PORTAL_PATH),
        ):
            outbox.call(message_bus.AddMatch(rule), lambda _reply: None)
        props = DBusAddress(PORTAL_PATH, bus_name=PORTAL, interface=PROPERTIES)
        outbox.call(new_method_call(props, "Get", "ss", (INTERFACE, "version")), self._on_version)

    def _on_version(self, reply: Any) -> None:
        from jeepney import MessageType

        if reply.header.message_type is not MessageType.method_return:
            log.info("global shortcuts off: the desktop has no GlobalShortcuts portal")
            self._on_status(ABSENT, str(reply.body[0]) if reply.body else "")
            return
        token = _token("session")
        self._ask(
            "CreateSession",
            "a{sv}",
            ({"handle_token": ("s", token), "session_handle_token": ("s", _token("s"))},),
            token,
            self._on_session,
        )

    def _ask(
        self,
        member: str,
        signature: str,
        body: tuple[Any, ...],
        token: str,
        then: Callable[[int, dict[str, Any]], None],
    ) -> None:
        """Call *member*; its answer comes later as a Response on the request object."""
        from jeepney import DBusAddress, MessageType, new_method_call

        outbox = self._outbox
        if outbox is None:
            return
        self._requests[_request_path(self._name, token)] = then

        def returned(reply: Any) -> None:
            if reply.header.message_type is not MessageType.method_return:
                log.warning("global shortcuts: %s refused: %s", member, reply.body)
                self._on_status(REFUSED, str(reply.body[0]) if reply.body else member)
                return
            path = str(reply.body[0])
            expected = _request_path(self._name, token)
            if path != expected:  # an older portal: the request lives elsewhere
                self._requests[path] = self._requests.pop(expected, then)

        portal = DBusAddress(PORTAL_PATH, bus_name=PORTAL, interface=INTERFACE)
        outbox.call(new_method_call(portal, member, signature, body), returned)

    def _on_session(self, response: int, results: dict[str, Any]) -> None:
        handle = results.get("session_handle")
        if response != 0 or handle is None:
            self._on_status(REFUSED, "the desktop did not open a shortcuts session")
            return
        self.session = str(handle[1])
        shortcuts = [
            (sid, {"description": ("s", _(what)), "preferred_trigger": ("s", keys)})
            for sid, what, keys, _command in SHORTCUTS
        ]
        token = _token("bind")
        self._ask(
            "BindShortcuts",
            "oa(sa{sv})sa{sv}",
            (self.session, shortcuts, "", {"handle_token": ("s", token)}),
            token,
            self._on_bound,
        )

    def _on_bound(self, response: int, results: dict[str, Any]) -> None:
        if response != 0:
            self._on_status(REFUSED, "the shortcuts were not accepted")
            return
        bound = results.get("shortcuts", ("a(sa{sv})", []))[1]
        keys = []
        for sid, props in bound:
            trigger = props.get("trigger_description", ("s", ""))[1]
            if trigger:
                keys.append(f"{sid}={trigger}")
        log.info("global shortcuts bound: %s", ", ".join(keys) or "none chosen yet")
        self._on_status(BOUND, "; ".join(keys))

    def disconnected(self) -> None:
        self._outbox, self.session = None, None
        self._requests.clear()

    def handle(self, message: Any) -> bool:
        from jeepney import HeaderFields, MessageType

        header = message.header
        if header.message_type is not MessageType.signal:
            return False
        fields = header.fields
        member = fields.get(HeaderFields.member)
        if member == "Response" and fields.get(HeaderFields.interface) == REQUEST:
            then = self._requests.pop(str(fields.get(HeaderFields.path)), None)
            if then is not None and len(message.body) >= 2:
                then(int(message.body[0]), dict(message.body[1]))
            return then is not None
        if fields.get(HeaderFields.interface) != INTERFACE:
            return False
        if member == "Activated" and len(message.body) >= 2:
            if self.session is not None and str(message.body[0]) == self.session:
                self._on_activated(str(message.body[1]))
            return True
        return member in ("Deactivated", "ShortcutsChanged")


class GlobalShortcuts(QObject):
    """The portal's shortcuts for the window's thread: :attr:`activated` with the MPRIS call
    each stands for (``PlayPause``, ``Next``, ``More``, ``Stop``).

    :attr:`part` goes on a bus link that may outlive this object (the MPRIS one); what it
    hears is posted to the window's thread holding this object weakly
    (:func:`~psoas_timer.ui.common.window_thread.on_window_thread`), so the bus thread never
    keeps it alive nor emits its signals."""

    activated = Signal(str)
    #: The portal's answer changed (see :attr:`status`).
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = UNKNOWN
        self.detail = ""
        self.part = PortalShortcuts(
            on_window_thread(self._on_status), on_window_thread(self._on_pressed)
        )

    def _on_status(self, status: str, detail: str) -> None:  # posted from the bus thread
        global _LAST_STATUS
        self.status, self.detail = status, detail
        _LAST_STATUS = status
        self.changed.emit()

    def _on_pressed(self, shortcut: str) -> None:  # posted from the bus thread
        command = COMMAND.get(shortcut)
        if command is None:
            log.info("global shortcut %r is not one of ours", shortcut)
            return
        self.activated.emit(command)


_LAST_STATUS = UNKNOWN


def status_html() -> str:
    """Help's paragraph on global shortcuts, as the desktop last answered."""
    if _LAST_STATUS == ABSENT:
        text = _(
            "This desktop offers no global shortcuts to apps (the <i>GlobalShortcuts</i> "
            "desktop portal, in KDE Plasma and GNOME 48 and later). The media keys, earbuds "
            "and a phone work instead, whatever window is in front."
        )
    elif _LAST_STATUS == BOUND:
        text = _(
            "This desktop lets you choose keys for Psoas Timer that work while another window "
            "is in front: pause and resume, next (released, during an open hold), +10 s and "
            "stop. Set them in the desktop's settings (Shortcuts; on GNOME, Keyboard, Apps)."
        )
    else:
        text = _(
            "Where the desktop offers them (KDE Plasma, GNOME 48 and later), you can choose "
            "keys for Psoas Timer in its settings that work while another window is in front: "
            "pause and resume, next, +10 s and stop. Elsewhere the media keys do the same."
        )
    return "<h3>{}</h3><p>{}</p>".format(_("Global shortcuts"), text)
