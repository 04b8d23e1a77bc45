"""The app as an MPRIS 2 media player: ``org.mpris.MediaPlayer2.psoas_timer`` on the session bus.

What the desktop's media widget, ``playerctl``, the media keys (GNOME and KDE send them as
MPRIS calls to the active player), earbuds and a phone (KDE Connect, GSConnect) see and use:

- the ``org.mpris.MediaPlayer2`` interface: ``Raise``, ``Quit``, ``Identity`` and
  ``DesktopEntry`` (those of the .desktop file);
- the ``.Player`` interface: ``PlayPause``, ``Play``, ``Pause``, ``Stop``, ``Next``,
  ``Previous``; ``PlaybackStatus``, ``Metadata`` (the step and side as the title, the routine
  as the album, the session's planned length, the step's picture), ``Position`` (the time
  into the session), the ``Can*`` properties, and ``PropertiesChanged`` as each changes
  (``Seeked`` when the position jumps: Next, Previous, more time).

How others do it: Quod Libet's MPRIS plugin (a metadata dict rebuilt only when the track
changes, ``mpris:trackid`` always set, ``Position`` read on demand and never signalled) is
the model here. The bus work is :class:`MprisPlayer`, a part of a :class:`.BusLink` on the
bus thread; it answers property reads from the last :class:`PlayerState` the window
published, so a read never waits on the window. Calls that act (Play, Next...) are checked
(argument types, a burst faster than :data:`MIN_INTERVAL` apart is refused with an error)
and handed to the window as a queued Qt signal by :class:`MprisService`.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from psoas_timer import APP_NAME, DESKTOP_ID
from psoas_timer.ui.common.bus_link import BusLink, Outbox
from psoas_timer.ui.common.window_thread import on_window_thread

__all__ = [
    "BUS_NAME",
    "COMMANDS",
    "MIN_INTERVAL",
    "PATH",
    "MprisPlayer",
    "MprisService",
    "PlayerState",
]

log = logging.getLogger(__name__)

BUS_NAME = "org.mpris.MediaPlayer2.psoas_timer"
PATH = "/org/mpris/MediaPlayer2"
ROOT = "org.mpris.MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"
PROPERTIES = "org.freedesktop.DBus.Properties"
INTROSPECTABLE = "org.freedesktop.DBus.Introspectable"
PEER = "org.freedesktop.DBus.Peer"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
#: A part of the session as an MPRIS track id (one per segment).
TRACK = "/io/github/psoastimer/PsoasTimer/part/{index}"
#: Error names a caller may get back.
TOO_FAST = "io.github.psoastimer.PsoasTimer.Error.TooFast"
NOT_SUPPORTED = "org.mpris.MediaPlayer2.Error.NotSupported"
INVALID_ARGS = "org.freedesktop.DBus.Error.InvalidArgs"

#: Calls that act, by interface, with the argument types each takes. Seek, SetPosition and
#: OpenUri are part of the interface but mean nothing here (CanSeek is false).
COMMANDS: dict[tuple[str, str], str] = {
    (ROOT, "Raise"): "",
    (ROOT, "Quit"): "",
    (PLAYER, "PlayPause"): "",
    (PLAYER, "Play"): "",
    (PLAYER, "Pause"): "",
    (PLAYER, "Stop"): "",
    (PLAYER, "Next"): "",
    (PLAYER, "Previous"): "",
    (PLAYER, "Seek"): "x",
    (PLAYER, "SetPosition"): "ox",
    (PLAYER, "OpenUri"): "s",
}
_IGNORED = frozenset({"Seek", "SetPosition"})
#: Calls that act, closer together than this (seconds), are refused: a client sending a
#: burst must not skip through a whole routine. A person's presses are further apart.
MIN_INTERVAL = 0.15
#: A position this far (seconds) from where the last one would have run to is a jump.
SEEK_JUMP = 1.5


@dataclass(frozen=True)
class PlayerState:
    """What the player shows the desktop, at clock time *at* (the window's one clock)."""

    status: str = "Stopped"  # Playing, Paused or Stopped
    title: str = ""
    album: str = ""
    #: The session's planned length and the time into it, in seconds.
    length: float = 0.0
    position: float = 0.0
    at: float = 0.0
    #: The step's picture (a file), or "".
    art: str = ""
    #: The part of the session (its segment), or None.
    part: int | None = None
    can_play: bool = False
    can_pause: bool = False
    can_go_next: bool = False
    can_go_previous: bool = False

    def position_at(self, now: float) -> float:
        """The time into the session at clock time *now* (it runs on while Playing)."""
        moved = now - self.at if self.status == "Playing" else 0.0
        position = self.position + max(0.0, moved)
        return min(position, self.length) if self.length > 0 else max(0.0, position)


def _us(seconds: float) -> int:
    return max(0, round(seconds * 1_000_000))


def metadata(state: PlayerState) -> dict[str, tuple[str, Any]]:
    """``Metadata`` as D-Bus variants: the part as the track, the routine as the album."""
    track = NO_TRACK if state.part is None else TRACK.format(index=state.part)
    data: dict[str, tuple[str, Any]] = {"mpris:trackid": ("o", track)}
    if state.title:
        data["xesam:title"] = ("s", state.title)
    if state.album:
        data["xesam:album"] = ("s", state.album)
    if state.length > 0:
        data["mpris:length"] = ("x", _us(state.length))
    if state.art:
        data["mpris:artUrl"] = ("s", Path(state.art).absolute().as_uri())
    return data


ROOT_PROPERTIES: dict[str, tuple[str, Any]] = {
    "CanQuit": ("b", True),
    "CanRaise": ("b", True),
    "CanSetFullscreen": ("b", False),
    "HasTrackList": ("b", False),
    "Identity": ("s", APP_NAME),
    "DesktopEntry": ("s", DESKTOP_ID),
    "SupportedUriSchemes": ("as", []),
    "SupportedMimeTypes": ("as", []),
}


def player_properties(state: PlayerState, now: float) -> dict[str, tuple[str, Any]]:
    """The ``.Player`` properties of *state* at clock time *now*."""
    return {
        "PlaybackStatus": ("s", state.status),
        "Rate": ("d", 1.0),
        "MinimumRate": ("d", 1.0),
        "MaximumRate": ("d", 1.0),
        "Volume": ("d", 1.0),
        "Metadata": ("a{sv}", metadata(state)),
        "Position": ("x", _us(state.position_at(now))),
        "CanGoNext": ("b", state.can_go_next),
        "CanGoPrevious": ("b", state.can_go_previous),
        "CanPlay": ("b", state.can_play),
        "CanPause": ("b", state.can_pause),
        "CanSeek": ("b", False),
        "CanControl": ("b", True),
    }


#: Properties that never change, or change all the time: never in PropertiesChanged.
_UNSIGNALLED = frozenset({"Position", "Rate", "MinimumRate", "MaximumRate", "Volume", "CanSeek"})


def changed_properties(old: PlayerState, new: PlayerState) -> dict[str, tuple[str, Any]]:
    """The ``.Player`` properties that differ between *old* and *new* (for
    ``PropertiesChanged``; the position is left out: clients read it, or hear ``Seeked``)."""
    before, after = player_properties(old, 0.0), player_properties(new, 0.0)
    return {
        key: value
        for key, value in after.items()
        if key not in _UNSIGNALLED and before[key] != value
    }


def jumped(old: PlayerState, new: PlayerState) -> bool:
    """Whether *new*'s position is not where *old*'s would have run to (a ``Seeked``)."""
    if "Stopped" in (old.status, new.status):
        return False
    return abs(old.position_at(new.at) - new.position) > SEEK_JUMP


_INTROSPECTION = f"""<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">
<node>
  <interface name="{INTROSPECTABLE}">
    <method name="Introspect"><arg name="data" direction="out" type="s"/></method>
  </interface>
  <interface name="{PEER}">
    <method name="Ping"/>
    <method name="GetMachineId"><arg name="machine_uuid" direction="out" type="s"/></method>
  </interface>
  <interface name="{PROPERTIES}">
    <method name="Get">
      <arg name="interface_name" direction="in" type="s"/>
      <arg name="property_name" direction="in" type="s"/>
      <arg name="value" direction="out" type="v"/>
    </method>
    <method name="GetAll">
      <arg name="interface_name" direction="in" type="s"/>
      <arg name="properties" direction="out" type="a{{sv}}"/>
    </method>
    <method name="Set">
      <arg name="interface_name" direction="in" type="s"/>
      <arg name="property_name" direction="in" type="s"/>
      <arg name="value" direction="in" type="v"/>
    </method>
    <signal name="PropertiesChanged">
      <arg name="interface_name" type="s"/>
      <arg name="changed_properties" type="a{{sv}}"/>
      <arg name="invalidated_properties" type="as"/>
    </signal>
  </interface>
  <interface name="{ROOT}">
    <method name="Raise"/>
    <method name="Quit"/>
    <property name="CanQuit" type="b" access="read"/>
    <property name="CanRaise" type="b" access="read"/>
    <property name="CanSetFullscreen" type="b" access="read"/>
    <property name="HasTrackList" type="b" access="read"/>
    <property name="Identity" type="s" access="read"/>
    <property name="DesktopEntry" type="s" access="read"/>
    <property name="SupportedUriSchemes" type="as" access="read"/>
    <property name="SupportedMimeTypes" type="as" access="read"/>
  </interface>
  <interface name="{PLAYER}">
    <method name="Next"/>
    <method name="Previous"/>
    <method name="Pause"/>
    <method name="PlayPause"/>
    <method name="Stop"/>
    <method name="Play"/>
    <method name="Seek"><arg name="Offset" direction="in" type="x"/></method>
    <method name="SetPosition">
      <arg name="TrackId" direction="in" type="o"/>
      <arg name="Position" direction="in" type="x"/>
    </method>
    <method name="OpenUri"><arg name="Uri" direction="in" type="s"/></method>
    <signal name="Seeked"><arg name="Position" type="x"/></signal>
    <property name="PlaybackStatus" type="s" access="read"/>
    <property name="Rate" type="d" access="read"/>
    <property name="MinimumRate" type="d" access="read"/>
    <property name="MaximumRate" type="d" access="read"/>
    <property name="Volume" type="d" access="read"/>
    <property name="Metadata" type="a{{sv}}" access="read"/>
    <property name="Position" type="x" access="read">
      <annotation name="org.freedesktop.DBus.Property.EmitsChangedSignal" value="false"/>
    </property>
    <property name="CanGoNext" type="b" access="read"/>
    <property name="CanGoPrevious" type="b" access="read"/>
    <property name="CanPlay" type="b" access="read"/>
    <property name="CanPause" type="b" access="read"/>
    <property name="CanSeek" type="b" access="read"/>
    <property name="CanControl" type="b" access="read">
      <annotation name="org.freedesktop.DBus.Property.EmitsChangedSignal" value="false"/>
    </property>
  </interface>
</node>
"""


def _machine_id() -> str:
    for path in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            return Path(path).read_text().strip()
        except OSError:
            continue
    return ""


class MprisPlayer:
    """The MPRIS object on the bus thread (a :class:`.BusPart`).

    *on_command* is called on the bus thread with the name of each accepted call that acts
    (``"PlayPause"``, ``"Next"``, ``"Raise"``...). The window's thread gives it what to show
    with :meth:`update`, which returns the signals to send.
    """

    def __init__(
        self,
        on_command: Callable[[str], None],
        *,
        clock: Callable[[], float] = time.monotonic,
        name: str = BUS_NAME,
        min_interval: float = MIN_INTERVAL,
    ) -> None:
        self._on_command = on_command
        self._clock = clock
        self._wanted = name
        self._min_interval = min_interval
        self._state = PlayerState()
        self._last_command = -float("inf")
        self._outbox: Outbox | None = None
        self._quiet = False  # the call being answered asked for no reply
        #: The name owned on the bus, once it is (tests wait on :attr:`owned`).
        self.name: str | None = None
        self.owned = threading.Event()
        #: How many calls that act were refused for coming too fast (for tests and the log).
        self.refused = 0

    # -- from the window's thread ------------------------------------------------------
    def update(self, state: PlayerState) -> list[Any]:
        """Show *state* from now on; returns the signals that say what changed."""
        from jeepney import DBusAddress, new_signal

        old, self._state = self._state, state  # one reference: the bus thread reads it
        messages: list[Any] = []
        changed = changed_properties(old, state)
        emitter = DBusAddress(PATH, interface=PROPERTIES)
        if changed:
            messages.append(
                new_signal(emitter, "PropertiesChanged", "sa{sv}as", (PLAYER, changed, []))
            )
        if jumped(old, state):
            seeked = DBusAddress(PATH, interface=PLAYER)
            position = _us(state.position_at(state.at))
            messages.append(new_signal(seeked, "Seeked", "x", (position,)))
        return messages

    @property
    def state(self) -> PlayerState:
        return self._state

    # -- the bus thread ------------------------------------------------------------------
    def connected(self, outbox: Outbox, unique_name: str) -> None:
        from jeepney import message_bus

        self._outbox = outbox
        self.name = None
        self.owned.clear()
        outbox.call(message_bus.RequestName(self._wanted, 4), self._on_name)  # do not queue

    def _on_name(self, reply: Any) -> None:
        from jeepney import MessageType, message_bus

        outbox = self._outbox
        code = int(reply.body[0]) if reply.header.message_type is MessageType.method_return else 0
        if code in (1, 4):  # the primary owner (now, or already)
            wanted = self._wanted
            self.name = wanted
            self.owned.set()
            log.info("MPRIS: the media player is %s", wanted)
            return
        if outbox is not None and self._wanted == BUS_NAME:
            # Another player has the plain name (a second copy of the app, run apart):
            # the spec's way is a name of one's own below it.
            self._wanted = f"{BUS_NAME}.instance{os.getpid()}"
            outbox.call(message_bus.RequestName(self._wanted, 4), self._on_name)
            return
        log.warning("MPRIS off: the name %s is taken (%s)", self._wanted, reply.body)

    def disconnected(self) -> None:
        self._outbox = None
        self.name = None
        self.owned.clear()

    def handle(self, message: Any) -> bool:
        from jeepney import HeaderFields, MessageFlag, MessageType

        header = message.header
        if header.message_type is not MessageType.method_call:
            return False
        self._quiet = bool(header.flags & MessageFlag.no_reply_expected)
        fields = header.fields
        if fields.get(HeaderFields.path) != PATH:
            return False
        interface = fields.get(HeaderFields.interface)
        member = fields.get(HeaderFields.member, "")
        signature = fields.get(HeaderFields.signature, "")
        if interface is None:  # allowed by D-Bus: the member alone names the method
            interface = next((i for i, m in COMMANDS if m == member), None)
        self._answer(message, interface, member, signature)
        return True

    def _answer(self, message: Any, interface: str | None, member: str, signature: str) -> None:
        from jeepney import new_error, new_method_return

        def error(name: str, text: str) -> None:
            self._reply(new_error(message, name, "s", (text,)))

        if interface == PROPERTIES:
            self._properties(message, member, signature, error)
        elif interface == INTROSPECTABLE and member == "Introspect" and signature == "":
            self._reply(new_method_return(message, "s", (_INTROSPECTION,)))
        elif interface == PEER and member == "Ping" and signature == "":
            self._reply(new_method_return(message))
        elif interface == PEER and member == "GetMachineId" and signature == "":
            self._reply(new_method_return(message, "s", (_machine_id(),)))
        elif interface is not None and (interface, member) in COMMANDS:
            wanted = COMMANDS[(interface, member)]
            if signature != wanted:
                error(INVALID_ARGS, f"{member} takes ({wanted}), not ({signature})")
            elif member == "OpenUri":
                error(NOT_SUPPORTED, "Psoas Timer opens no media")
            elif member in _IGNORED:  # CanSeek is false: no effect, as the spec says
                self._reply(new_method_return(message))
            else:
                self._command(message, member, error)
        else:
            error("org.freedesktop.DBus.Error.UnknownMethod", f"no method {interface}.{member}")

    def _command(self, message: Any, member: str, error: Callable[[str, str], None]) -> None:
        from jeepney import new_method_return

        now = time.monotonic()
        if now - self._last_command < self._min_interval:
            self.refused += 1
            if self.refused in (1, 100) or self.refused % 1000 == 0:
                log.warning("MPRIS: %d calls refused, coming too fast", self.refused)
            error(TOO_FAST, "Too many calls at once: wait a moment")
            return
        self._last_command = now
        self._reply(new_method_return(message))
        self._on_command(member)

    def _properties(
        self, message: Any, member: str, signature: str, error: Callable[[str, str], None]
    ) -> None:
        from jeepney import new_method_return

        state = self._state
        tables = {
            ROOT: ROOT_PROPERTIES,
            PLAYER: player_properties(state, self._clock()),
        }
        if member == "GetAll" and signature == "s":
            table = tables.get(message.body[0])
            if table is None:
                error("org.freedesktop.DBus.Error.UnknownInterface", str(message.body[0]))
                return
            self._reply(new_method_return(message, "a{sv}", (table,)))
        elif member == "Get" and signature == "ss":
            table = tables.get(message.body[0])
            value = table.get(message.body[1]) if table is not None else None
            if value is None:
                error("org.freedesktop.DBus.Error.UnknownProperty", ".".join(message.body))
                return
            self._reply(new_method_return(message, "v", (value,)))
        elif member == "Set" and signature == "ssv":
            error("org.freedesktop.DBus.Error.PropertyReadOnly", "every property is read-only")
        else:
            error(INVALID_ARGS, f"no {member} taking ({signature})")

    def _reply(self, reply: Any) -> None:
        if self._outbox is not None and not self._quiet:
            self._outbox.send(reply)


class MprisService(QObject):
    """The MPRIS player for the window's thread: :meth:`publish` what to show, hear
    :attr:`requested` with each call that acts. :meth:`start` returns at once."""

    #: A call that acts, by name (``"PlayPause"``, ``"Next"``, ``"Raise"``...), queued to
    #: the window's thread.
    requested = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        bus: str = "SESSION",
        clock: Callable[[], float] = time.monotonic,
        name: str = BUS_NAME,
        min_interval: float = MIN_INTERVAL,
    ) -> None:
        super().__init__(parent)
        # The player's calls run on the window's thread (holding this weakly).
        self.player = MprisPlayer(
            on_window_thread(self._from_bus), clock=clock, name=name, min_interval=min_interval
        )
        self.link = BusLink(bus=bus, name="MPRIS")
        self.link.add(self.player)
        self._running = False

    def start(self) -> None:
        self._running = True
        self.link.start()

    def stop(self) -> None:
        self._running = False
        self.link.stop()

    def publish(self, state: PlayerState) -> None:
        """Show *state* to the desktop (returns at once; the signals go from the bus
        thread)."""
        if same_but_time(self.player.state, state):
            return  # the position runs on by itself: nothing to say
        for message in self.player.update(state):
            self.link.send(message)

    def _from_bus(self, command: str) -> None:  # posted from the bus thread
        if self._running:
            self.requested.emit(command)


def same_but_time(a: PlayerState, b: PlayerState) -> bool:
    """Whether *a* and *b* differ only in the session's position, as time running does."""
    return replace(a, position=0.0, at=0.0) == replace(b, position=0.0, at=0.0) and not jumped(a, b)
