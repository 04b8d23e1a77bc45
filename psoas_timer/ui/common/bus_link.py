"""One connection to the session bus, kept on a thread of its own, shared by the parts that
use it (the MPRIS player, the Do Not Disturb watch).

Why a thread: D-Bus calls and sends can wait on the other side (a busy desktop, a bus that
went away), and the window's thread must never wait longer than a frame. Here nothing the
window's thread does touches the socket: :meth:`BusLink.send` puts a message on a queue and
wakes the thread through a pipe. The thread reads and writes with jeepney (pure Python, exact
D-Bus types: see :mod:`psoas_timer.ui.practice.desktop_notifications` for why not QtDBus),
and hands what the window must act on to the part, which turns it into a queued Qt signal.

When the connection drops (the bus restarted, the socket closed), each part hears
:meth:`BusPart.disconnected`, the link waits a moment and connects again, and each part hears
:meth:`BusPart.connected` once more (it asks for its name again). Without any session bus,
the link says once in the log why and stops.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import select
import threading
from collections.abc import Callable
from typing import Any, Protocol

__all__ = ["BusLink", "BusPart", "Outbox"]

log = logging.getLogger(__name__)

#: Seconds between attempts to connect again after the bus went away (doubling up to the
#: last).
RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)

Reply = Callable[[Any], None]


class Outbox(Protocol):
    """What a part may do with the connection, from the bus thread."""

    def send(self, message: Any) -> None: ...

    def call(self, message: Any, on_reply: Reply) -> None: ...


class BusPart(Protocol):
    """Something on the bus: told when the link connects and drops, offered every message."""

    def connected(self, outbox: Outbox, unique_name: str) -> None: ...

    def disconnected(self) -> None: ...

    def handle(self, message: Any) -> bool:
        """Deal with *message* if it is for this part; True when it was."""
        ...


class _Connected:
    """The :class:`Outbox` of one live connection (bus thread only)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.replies: dict[int, Reply] = {}

    def send(self, message: Any) -> None:
        self.conn.send(message)

    def call(self, message: Any, on_reply: Reply) -> None:
        serial = next(self.conn.outgoing_serial)
        self.replies[serial] = on_reply
        self.conn.send(message, serial=serial)


class BusLink:
    """The session bus (or *bus*, an address) on a thread; :meth:`start` returns at once."""

    def __init__(
        self,
        *,
        bus: str = "SESSION",
        name: str = "bus",
        unreachable: Callable[[str], None] | None = None,
    ) -> None:
        self._bus = bus
        self._name = name
        self._parts: list[BusPart] = []
        #: Told (on the bus thread) each time a connection cannot be made, with why.
        self._unreachable = unreachable
        self._outgoing: queue.SimpleQueue[tuple[Any, Reply | None]] = queue.SimpleQueue()
        self._stopping = threading.Event()
        self._wake_r, self._wake_w = os.pipe()
        #: Held while the pipe is written to or closed: once the thread has ended and closed
        #: it, its numbers may belong to another file (the history, a settings file being
        #: saved, another link's socket), which a late wake must never write into.
        self._pipe_lock = threading.Lock()
        self._pipe_open = True
        os.set_blocking(self._wake_w, False)
        os.set_blocking(self._wake_r, False)
        self._thread: threading.Thread | None = None
        self._live: _Connected | None = None
        #: Why the link is not connected (for the log and for tests); "" while it is.
        self.reason = "not started"
        #: Set while a connection is up (tests wait on it); how many there have been.
        self.up = threading.Event()
        self.connections = 0
        self._said_off = False

    def add(self, part: BusPart) -> None:
        """Let *part* use the link (before :meth:`start`)."""
        self._parts.append(part)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name=f"{self._name}-dbus", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        """Started and not stopped (connected or trying to be)."""
        return self._thread is not None

    def stop(self, wait: float = 0.5) -> None:
        """Close the connection and end the thread (what was sent before is flushed
        first); waits at most *wait* seconds for it (0: not at all)."""
        self._stopping.set()
        self._wake()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(wait)

    def send(self, message: Any) -> None:
        """Send *message* (from any thread, at once: it waits on the queue, never here).
        Dropped while there is no connection."""
        if self._live is None:
            return
        self._outgoing.put((message, None))
        self._wake()

    def call(self, message: Any, on_reply: Reply) -> bool:
        """Send the method call *message* (from any thread, at once); *on_reply* gets its
        answer (a reply or an error) on the bus thread. False, and nothing sent, while there
        is no connection."""
        if self._live is None:
            return False
        self._outgoing.put((message, on_reply))
        self._wake()
        return True

    def _wake(self) -> None:
        with self._pipe_lock:
            if not self._pipe_open:
                return  # the link has ended: nothing to wake
            with contextlib.suppress(BlockingIOError):  # full: the thread is awake already
                os.write(self._wake_w, b"!")

    # -- the bus thread ------------------------------------------------------------------
    def _run(self) -> None:
        attempt = 0
        try:
            while not self._stopping.is_set():
                conn = self._connect()
                if conn is None:
                    if self._stopping.is_set() or self.reason.startswith("no session bus"):
                        return
                    wait = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                    attempt += 1
                    self._stopping.wait(wait)
                    continue
                attempt = 0
                try:
                    self._serve(conn)
                except (OSError, ValueError, RuntimeError) as exc:
                    self.reason = f"the session bus went away ({exc})"
                    log.warning("%s: %s; connecting again", self._name, self.reason)
                finally:
                    self.up.clear()
                    self._live = None
                    conn.close()
                    for part in self._parts:
                        try:
                            part.disconnected()
                        except Exception:
                            log.exception("%s: a part failed on a dropped connection", self._name)
        finally:
            with self._pipe_lock:
                self._pipe_open = False
                for fd in (self._wake_r, self._wake_w):
                    os.close(fd)

    def _connect(self) -> Any | None:
        from jeepney.io.blocking import open_dbus_connection

        try:
            conn = open_dbus_connection(bus=self._bus, auth_timeout=2.0)
        except KeyError as exc:  # no DBUS_SESSION_BUS_ADDRESS, no XDG runtime bus
            self.reason = f"no session bus ({exc})"
        except (OSError, ValueError, TimeoutError, RuntimeError) as exc:
            self.reason = f"cannot reach the session bus ({exc})"
        else:
            self.reason = ""
            return conn
        if not self._said_off:
            self._said_off = True
            log.info("%s off: %s", self._name, self.reason)
        else:
            log.debug("%s: %s", self._name, self.reason)
        if self._unreachable is not None:
            try:
                self._unreachable(self.reason)
            except Exception:
                log.exception("%s: could not say the bus is unreachable", self._name)
        return None

    def _serve(self, conn: Any) -> None:
        live = _Connected(conn)
        self._live = live
        self.connections += 1
        for part in self._parts:
            part.connected(live, conn.unique_name)
        self._said_off = False
        self.up.set()
        log.info("%s: on the session bus as %s", self._name, conn.unique_name)
        sock = conn.sock
        while not self._stopping.is_set():
            self._flush(live)
            ready, _, _ = select.select([sock, self._wake_r], [], [])
            if self._wake_r in ready:
                try:
                    while os.read(self._wake_r, 4096):
                        pass
                except BlockingIOError:
                    pass
            if sock in ready:
                data = sock.recv(65536)
                if not data:
                    raise ConnectionResetError("the bus closed the connection")
                conn.parser.add_data(data)
                while (message := conn.parser.get_next_message()) is not None:
                    self._dispatch(live, message)
        with contextlib.suppress(OSError):
            self._flush(live)  # what was sent just before stop (a last UnInhibit) goes out

    def _flush(self, live: _Connected) -> None:
        while True:
            try:
                message, on_reply = self._outgoing.get_nowait()
            except queue.Empty:
                return
            if on_reply is None:
                live.send(message)
            else:
                live.call(message, on_reply)

    def _dispatch(self, live: _Connected, message: Any) -> None:
        from jeepney import HeaderFields, MessageFlag, MessageType, new_error

        header = message.header
        if header.message_type in (MessageType.method_return, MessageType.error):
            reply = live.replies.pop(header.fields.get(HeaderFields.reply_serial, -1), None)
            if reply is not None:
                try:
                    reply(message)
                except Exception:
                    log.exception("%s: a reply could not be handled", self._name)
            return
        for part in self._parts:
            try:
                if part.handle(message):
                    return
            except Exception:
                log.exception("%s: a message could not be handled", self._name)
                break
        if header.message_type is MessageType.method_call and not (
            header.flags & MessageFlag.no_reply_expected
        ):
            live.send(new_error(message, "org.freedesktop.DBus.Error.UnknownObject", "s", ("no",)))
