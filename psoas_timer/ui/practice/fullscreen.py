"""Whether the active window on this desktop is full screen (a film, a slide show, a game).

A desk break is never offered then. :class:`FullScreenProbe` asks, in turn:

* the app's own window;
* on X11, the window manager: the root window's ``_NET_ACTIVE_WINDOW`` and that window's
  ``_NET_WM_STATE`` (``_NET_WM_STATE_FULLSCREEN``), read by :func:`x11_active_fullscreen`
  straight over the X socket (a few requests, pure Python, a short time-out);
* GNOME's session manager, ``IsInhibited(8)`` (idle inhibited), which video players and
  presentation tools set while they play, over D-Bus with a short time-out;
* KDE Plasma's power management, ``HasInhibition(4)`` (the screen must stay on), which the
  same players set there, on X11 and Wayland alike.

Only the own window is looked at on the spot. The desktop is asked on a worker thread, so a
source that is slow or stuck never holds up the reminders' poll (nor the window): a poll
uses the last answer the desktop gave, and asks again in the background when that answer is
older than :data:`CACHE_SECONDS` (so at the window's poll every 15 s, the answer a poll uses
is at most one poll old). Before the first answer, or when the last one is older than
:data:`STALE_SECONDS` (a question that never came back), the answer is unknown, which counts
as "not full screen", as does a source that is missing or fails (logged at debug level).
"""

from __future__ import annotations

import logging
import os
import socket
import struct
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from psoas_timer.core.file_reading import read_bytes

__all__ = [
    "CACHE_SECONDS",
    "STALE_SECONDS",
    "DBusInhibited",
    "FullScreenProbe",
    "GnomeIdleInhibited",
    "KdeScreenInhibited",
    "X11Connection",
    "x11_active_fullscreen",
]

log = logging.getLogger(__name__)

CACHE_SECONDS = 5.0
#: An answer older than this is not used: the desktop's state is unknown then.
STALE_SECONDS = 60.0
X11_TIMEOUT_S = 0.25
DBUS_TIMEOUT_S = 0.25
GNOME_SERVICE = "org.gnome.SessionManager"
GNOME_PATH = "/org/gnome/SessionManager"
#: GsmInhibitorFlag: 8 is "idle" (the session should not be marked idle).
GNOME_INHIBIT_IDLE = 8
KDE_SERVICE = "org.kde.Solid.PowerManagement.PolicyAgent"
KDE_PATH = "/org/kde/Solid/PowerManagement/PolicyAgent"
#: PolicyAgent's RequiredPolicy: 4 is ChangeScreenSettings (the screen must not dim or blank).
KDE_INHIBIT_SCREEN = 4

Reader = Callable[[], bool | None]


class FullScreenProbe:
    """Callable, at once: ``True`` when the own window is full screen, or when the desktop
    last said its active window was (see the module's text for when it is asked)."""

    def __init__(
        self,
        own_window: Callable[[], bool],
        readers: Sequence[Reader] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        cache_seconds: float = CACHE_SECONDS,
        stale_seconds: float = STALE_SECONDS,
    ) -> None:
        self._own = own_window
        self._readers: list[Reader] = (
            list(readers)
            if readers is not None
            else [x11_active_fullscreen, GnomeIdleInhibited(), KdeScreenInhibited()]
        )
        self._clock = clock
        self._cache_seconds = cache_seconds
        self._stale_seconds = stale_seconds
        # What the worker hands back, under the lock: the answer, and when it was asked.
        self._lock = threading.Lock()
        self._answer: bool | None = None
        self._answered_for: float | None = None
        self._asked_at: float | None = None
        self._idle = threading.Event()  # set while no question is in flight
        self._idle.set()
        self._closed = False
        self._late_logged = False

    def __call__(self) -> bool:
        if self._own():
            return True
        now = self._clock()
        with self._lock:
            answer, answered_for, asked_at = self._answer, self._answered_for, self._asked_at
            busy = not self._idle.is_set()
            if (
                not busy
                and not self._closed
                and (answered_for is None or now - answered_for >= self._cache_seconds)
            ):
                self._ask(now)
        if busy and asked_at is not None and now - asked_at >= self._stale_seconds:
            self._say_late(now - asked_at)
        if answer is None or answered_for is None or now - answered_for >= self._stale_seconds:
            return False  # unknown: as when no source answers
        return answer

    def _say_late(self, waited: float) -> None:
        if not self._late_logged:
            self._late_logged = True
            log.info("the desktop has not said for %.0f s whether it is full screen", waited)

    @property
    def asking(self) -> bool:
        """A question to the desktop is in flight."""
        return not self._idle.is_set()

    def wait(self, timeout: float) -> bool:
        """Wait up to *timeout* seconds for the question in flight to be answered; False
        when it has not been (for tests and tools: the app never waits)."""
        return self._idle.wait(timeout)

    def close(self) -> None:
        """Ask no more and close the sources' connections (at once, or when the question in
        flight has been answered)."""
        with self._lock:
            self._closed = True
            if not self._idle.is_set():
                return  # the worker closes them when it is done
        self._close_readers()

    def _ask(self, now: float) -> None:
        """Start a question on a worker thread (the lock is held)."""
        self._idle.clear()
        self._asked_at = now
        self._late_logged = False
        worker = threading.Thread(
            target=self._work, args=(now,), name="fullscreen-probe", daemon=True
        )
        try:
            worker.start()
        except RuntimeError:  # no thread to be had: no answer this time
            log.warning("could not start the full-screen check", exc_info=True)
            self._idle.set()

    def _work(self, asked_at: float) -> None:
        answer = self._ask_desktop()
        with self._lock:
            self._answer = answer
            self._answered_for = asked_at
            self._idle.set()
            closed = self._closed
        if closed:
            self._close_readers()

    def _ask_desktop(self) -> bool:
        for reader in self._readers:
            try:
                answer = reader()
            except Exception:  # a desktop source must never stop the reminders
                log.debug("full-screen check %r failed", reader, exc_info=True)
                continue
            if answer:
                return True
        return False

    def _close_readers(self) -> None:
        for reader in self._readers:
            close = getattr(reader, "close", None)
            if callable(close):
                try:
                    close()
                except Exception:
                    log.debug("closing the full-screen check %r failed", reader, exc_info=True)


# -- X11 ----------------------------------------------------------------------------------


class X11Error(Exception):
    pass


def _pad(n: int) -> int:
    return (4 - n % 4) % 4


def _parse_display(display: str) -> tuple[int, int] | None:
    """``:0``, ``:1.0``, ``unix:2`` → (display, screen); ``None`` for a remote display."""
    host, sep, rest = display.rpartition(":")
    if not sep or host not in ("", "unix"):
        return None
    number, _, screen = rest.partition(".")
    try:
        return int(number), int(screen or 0)
    except ValueError:
        return None


def _cookie(number: int) -> tuple[bytes, bytes]:
    """The MIT-MAGIC-COOKIE-1 for local display *number* from the Xauthority file, or no
    authorisation (an X server started without ``-auth`` takes that)."""
    path = os.environ.get("XAUTHORITY") or str(Path.home() / ".Xauthority")
    try:
        data = read_bytes(path, max_bytes=1024 * 1024)  # a few hundred bytes; never a FIFO
    except OSError:
        return b"", b""
    host = socket.gethostname().encode()
    offset = 0
    try:
        while offset < len(data):
            (family,) = struct.unpack_from(">H", data, offset)
            offset += 2
            fields = []
            for _ in range(4):
                (length,) = struct.unpack_from(">H", data, offset)
                offset += 2
                fields.append(data[offset : offset + length])
                offset += length
            address, disp, name, value = fields
            local = family == 256 or (family == 252 and address == host)  # FamilyLocal, Wild
            wanted = (local or family == 0xFFFF) and disp in (str(number).encode(), b"")
            if wanted and name == b"MIT-MAGIC-COOKIE-1":
                return name, value
    except struct.error:
        log.debug("unreadable Xauthority file %s", path)
    return b"", b""


class X11Connection:
    """Just enough of the X11 protocol to read (and, for tests, write) window properties."""

    def __init__(self, display: str, timeout: float = X11_TIMEOUT_S) -> None:
        parsed = _parse_display(display)
        if parsed is None:
            raise X11Error(f"not a local display: {display!r}")
        number, screen = parsed
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.settimeout(timeout)
        try:
            try:
                self._sock.connect(f"/tmp/.X11-unix/X{number}")
            except OSError:
                self._sock.connect(f"\0/tmp/.X11-unix/X{number}")  # Linux abstract socket
            self.root = self._setup(number, screen)
        except BaseException:
            self._sock.close()
            raise

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> X11Connection:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _recv(self, n: int) -> bytes:
        chunks = bytearray()
        while len(chunks) < n:
            chunk = self._sock.recv(n - len(chunks))
            if not chunk:
                raise X11Error("the X server closed the connection")
            chunks += chunk
        return bytes(chunks)

    def _setup(self, number: int, screen: int) -> int:
        name, value = _cookie(number)
        request = struct.pack("<BxHHHHxx", ord("l"), 11, 0, len(name), len(value))
        request += name + b"\0" * _pad(len(name)) + value + b"\0" * _pad(len(value))
        self._sock.sendall(request)
        status, _, _, _, extra = struct.unpack("<BBHHH", self._recv(8))
        body = self._recv(extra * 4)
        if status != 1:
            raise X11Error("the X server refused the connection")
        vendor_len, _, n_screens, n_formats = struct.unpack_from("<HHBB", body, 16)
        offset = 32 + vendor_len + _pad(vendor_len) + 8 * n_formats
        for index in range(n_screens):
            (root,) = struct.unpack_from("<I", body, offset)
            if index == screen:
                return int(root)
            n_depths = body[offset + 39]
            offset += 40
            for _ in range(n_depths):
                (n_visuals,) = struct.unpack_from("<H", body, offset + 2)
                offset += 8 + 24 * n_visuals
        raise X11Error(f"no screen {screen}")

    def _reply(self) -> bytes:
        while True:
            head = self._recv(32)
            if head[0] == 0:
                raise X11Error(f"X error {head[1]}")
            if head[0] == 1:
                (extra,) = struct.unpack_from("<I", head, 4)
                return head + self._recv(extra * 4)
            # an event: not asked for, skip it

    def atom(self, name: str, only_if_exists: bool = True) -> int:
        raw = name.encode()
        length = 2 + (len(raw) + _pad(len(raw))) // 4
        request = struct.pack("<BBHHxx", 16, int(only_if_exists), length, len(raw))
        self._sock.sendall(request + raw + b"\0" * _pad(len(raw)))
        (atom,) = struct.unpack_from("<I", self._reply(), 8)
        return int(atom)

    def property32(self, window: int, prop: int, limit: int = 64) -> list[int]:
        """A 32-bit property's values (``[]`` when it is not set)."""
        self._sock.sendall(struct.pack("<BBHIIIII", 20, 0, 6, window, prop, 0, 0, limit))
        reply = self._reply()
        fmt = reply[1]
        (count,) = struct.unpack_from("<I", reply, 16)
        if fmt != 32 or count == 0:
            return []
        return list(struct.unpack_from(f"<{count}I", reply, 32))

    def set_property32(self, window: int, prop: int, kind: int, values: Sequence[int]) -> None:
        """Replace a 32-bit property (a window manager's job; tests play one)."""
        data = struct.pack(f"<{len(values)}I", *values)
        head = struct.pack(
            "<BBHIIIBxxxI", 18, 0, 6 + len(values), window, prop, kind, 32, len(values)
        )
        self._sock.sendall(head + data)
        self.atom("ATOM")  # a round trip: the change is made once this answers


def x11_active_fullscreen(display: str | None = None) -> bool | None:
    """Whether the window the X11 window manager calls active is full screen; ``None`` where
    there is no X display or no window manager that says."""
    display = display if display is not None else os.environ.get("DISPLAY")
    if not display or _parse_display(display) is None:
        return None
    try:
        with X11Connection(display) as x:
            active_atom = x.atom("_NET_ACTIVE_WINDOW")
            state_atom = x.atom("_NET_WM_STATE")
            full_atom = x.atom("_NET_WM_STATE_FULLSCREEN")
            if not (active_atom and state_atom and full_atom):
                return None
            active = x.property32(x.root, active_atom)
            if not active or active[0] == 0:
                return None
            return full_atom in x.property32(active[0], state_atom)
    except (OSError, X11Error, struct.error) as error:
        log.debug("no full-screen answer from X display %s: %s", display, error)
        return None


# -- GNOME and KDE ------------------------------------------------------------------------


class DBusInhibited:
    """Callable: a desktop service's answer to "is something keeping the screen on?", a
    method taking one ``uint32`` of flags and returning a boolean. Asked with jeepney (PySide6's
    QtDBus cannot send a ``uint32``) on a connection kept open, with a short time-out; a
    service that is not on the bus is not asked again."""

    def __init__(
        self, service: str, path: str, method: str, flags: int, bus: str = "SESSION"
    ) -> None:
        self._service, self._path, self._method, self._flags = service, path, method, flags
        self._bus = bus
        self._conn: Any = None  # a jeepney blocking connection
        self._absent = False

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._service}.{self._method}({self._flags}))"

    def __call__(self) -> bool | None:
        if self._absent:
            return None
        from jeepney import DBusAddress, new_method_call
        from jeepney.io.blocking import open_dbus_connection

        try:
            if self._conn is None:
                self._conn = open_dbus_connection(bus=self._bus, auth_timeout=DBUS_TIMEOUT_S)
            call = new_method_call(
                DBusAddress(self._path, bus_name=self._service, interface=self._service),
                self._method,
                "u",
                (self._flags,),
            )
            reply = self._conn.send_and_get_reply(call, timeout=DBUS_TIMEOUT_S)
        except (OSError, KeyError, ValueError, TimeoutError, RuntimeError) as error:
            log.debug("no answer from %s: %s", self._service, error)
            self.close()
            return None
        if reply.header.message_type.name != "method_return" or not reply.body:
            # Not on this bus: it will not appear later; stop asking.
            log.debug("no %s here: %s", self._service, reply.body)
            self._absent = True
            self.close()
            return None
        return bool(reply.body[0])

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class GnomeIdleInhibited(DBusInhibited):
    """GNOME's ``IsInhibited(8)``: true while a player or slide show keeps the session from
    going idle."""

    def __init__(self, bus: str = "SESSION") -> None:
        super().__init__(GNOME_SERVICE, GNOME_PATH, "IsInhibited", GNOME_INHIBIT_IDLE, bus)


class KdeScreenInhibited(DBusInhibited):
    """KDE Plasma's ``HasInhibition(4)`` (PowerDevil's policy agent): true while a player or
    slide show keeps the screen from dimming or blanking."""

    def __init__(self, bus: str = "SESSION") -> None:
        super().__init__(KDE_SERVICE, KDE_PATH, "HasInhibition", KDE_INHIBIT_SCREEN, bus)
