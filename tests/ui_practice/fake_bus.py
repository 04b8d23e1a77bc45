"""A private D-Bus session bus (dbus-daemon) and a small org.freedesktop.Notifications server
on it, for tests. The server is strict where real ones are: a Notify call must carry the
signature ``susssasa{sv}i`` (GNOME, KDE and dunst refuse anything else)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jeepney import (
    DBusAddress,
    HeaderFields,
    MessageType,
    message_bus,
    new_error,
    new_method_return,
    new_signal,
)
from jeepney.io.blocking import open_dbus_connection

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"

CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class PrivateBus:
    """A dbus-daemon of the test's own; :attr:`address` for DBUS_SESSION_BUS_ADDRESS."""

    def __init__(self) -> None:
        exe = shutil.which("dbus-daemon")
        if exe is None:
            raise FileNotFoundError("dbus-daemon")
        self.folder = Path(tempfile.mkdtemp(prefix="psoas-bus-"))
        config = self.folder / "bus.conf"
        config.write_text(CONFIG.format(folder=self.folder))
        self.process = subprocess.Popen(
            [exe, "--config-file", str(config), "--print-address=1", "--nofork", "--nopidfile"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        self.address = self.process.stdout.readline().strip()

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class Call:
    member: str
    signature: str
    body: tuple[Any, ...]


class FakeService:
    """A D-Bus service on a private bus, answering method calls on a thread of its own."""

    def __init__(self, address: str, name: str) -> None:
        self.conn = open_dbus_connection(bus=address)
        reply = self.conn.send_and_get_reply(message_bus.RequestName(name))
        assert reply.body[0] == 1, f"could not own the name {name}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                message = self.conn.receive(timeout=0.05)
            except TimeoutError:
                continue  # nothing yet: keep serving until closed
            except OSError:
                return
            if message.header.message_type is MessageType.method_call:
                self.answer(message)

    def answer(self, message: Any) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.conn.close()


class FakeNotificationServer(FakeService):
    """Answers Notify, CloseNotification and GetServerInformation on *address*; can press a
    button (:meth:`invoke`) the way a user would."""

    def __init__(self, address: str) -> None:
        self.calls: list[Call] = []
        self.refused: list[Call] = []
        self._next_id = 0
        self._client: str | None = None
        super().__init__(address, SERVICE)

    def answer(self, message: Any) -> None:
        fields = message.header.fields
        call = Call(
            fields.get(HeaderFields.member, ""),
            fields.get(HeaderFields.signature, ""),
            tuple(message.body),
        )
        if call.member == "Notify":
            if call.signature != "susssasa{sv}i":
                self.refused.append(call)
                self.conn.send(
                    new_error(
                        message,
                        "org.freedesktop.DBus.Error.InvalidArgs",
                        "s",
                        (f"Type of message, '({call.signature})', does not match",),
                    )
                )
                return
            self._client = fields.get(HeaderFields.sender)
            replaces = int(call.body[1])
            if replaces:
                nid = replaces
            else:
                self._next_id += 1
                nid = self._next_id
            self.calls.append(call)
            self.conn.send(new_method_return(message, "u", (nid,)))
        elif call.member == "CloseNotification":
            self.calls.append(call)
            self.conn.send(new_method_return(message))
            self._signal("NotificationClosed", "uu", (int(call.body[0]), 3))
        elif call.member == "GetServerInformation":
            self.conn.send(
                new_method_return(message, "ssss", ("fake-notifier", "tests", "1", "1.2"))
            )
        elif call.member == "GetCapabilities":
            self.conn.send(new_method_return(message, "as", (["actions", "body"],)))
        else:
            self.conn.send(
                new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", ("no",))
            )

    def _signal(self, name: str, signature: str, body: tuple[Any, ...]) -> None:
        emitter = DBusAddress(PATH, interface=SERVICE)
        message = new_signal(emitter, name, signature, body)
        if self._client is not None:
            message.header.fields[HeaderFields.destination] = self._client
        self.conn.send(message)

    def invoke(self, nid: int, action: str) -> None:
        """The user presses button *action* on notification *nid*."""
        self._signal("ActionInvoked", "us", (nid, action))


class SilentNotificationServer(FakeNotificationServer):
    """Hostile (issue 22, item 13): takes every Notify call and never answers it."""

    def answer(self, message: Any) -> None:
        from jeepney import HeaderFields

        if message.header.fields.get(HeaderFields.member) == "Notify":
            self.calls.append(message)
            return
        super().answer(message)


class OddNotificationServer(FakeNotificationServer):
    """Hostile (issue 22, item 13): answers Notify with a body of another shape."""

    def answer(self, message: Any) -> None:
        from jeepney import HeaderFields, new_method_return

        if message.header.fields.get(HeaderFields.member) == "Notify":
            self.calls.append(message)
            self.conn.send(new_method_return(message, "s", ("not an id",)))
            return
        super().answer(message)


class FakeScreenSaver(FakeService):
    """org.freedesktop.ScreenSaver: Inhibit (cookie 7), UnInhibit and GetSessionIdleTime
    (12 s), each answered after *delay* seconds, or never when *delay* is None."""

    SERVICE = "org.freedesktop.ScreenSaver"

    def __init__(self, address: str, delay: float | None = 0.0) -> None:
        self.calls: list[Call] = []
        self.delay = delay
        super().__init__(address, self.SERVICE)

    def answer(self, message: Any) -> None:
        fields = message.header.fields
        call = Call(
            fields.get(HeaderFields.member, ""),
            fields.get(HeaderFields.signature, ""),
            tuple(message.body),
        )
        self.calls.append(call)
        if call.member == "Inhibit":
            reply = new_method_return(message, "u", (7,))
        elif call.member == "UnInhibit":
            reply = new_method_return(message)
        elif call.member == "GetSessionIdleTime":
            reply = new_method_return(message, "u", (12_000,))
        else:
            reply = new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s", ("no",))
        later(self.conn, reply, self.delay)


def later(conn: Any, reply: Any, delay: float | None) -> None:
    """Send *reply* on *conn* after *delay* seconds (at once for 0, never for None)."""
    if delay is None:
        return
    if delay <= 0:
        conn.send(reply)
        return

    def send() -> None:
        with contextlib.suppress(OSError):  # the test ended first
            conn.send(reply)

    timer = threading.Timer(delay, send)
    timer.daemon = True
    timer.start()


class SlowBus:
    """A socket that stands in for the session bus and passes everything on to the real one
    (*address*), with what the bus says held back *delay* seconds; with *delay* None, it
    takes connections and never says anything. :attr:`address` is for
    DBUS_SESSION_BUS_ADDRESS."""

    def __init__(self, address: str | None, delay: float | None) -> None:
        import socket

        self.folder = Path(tempfile.mkdtemp(prefix="psoas-slowbus-"))
        path = self.folder / "bus"
        self.address = f"unix:path={path}"
        self._target = address
        self._delay = delay
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(path))
        self._server.listen(16)
        self._open: list[socket.socket] = []
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket

        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            self._open.append(client)
            if self._delay is None or self._target is None:
                continue  # never answers
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            upstream.connect(self._target.split("=", 1)[1].split(",", 1)[0])
            self._open.append(upstream)
            threading.Thread(target=self._pump, args=(client, upstream, 0.0), daemon=True).start()
            threading.Thread(
                target=self._pump, args=(upstream, client, self._delay), daemon=True
            ).start()

    def _pump(self, source: Any, sink: Any, delay: float) -> None:
        import queue
        import time

        held: queue.SimpleQueue[tuple[float, bytes]] = queue.SimpleQueue()

        def send() -> None:
            while True:
                due, data = held.get()
                if not data:
                    return
                time.sleep(max(0.0, due - time.monotonic()))
                try:
                    sink.sendall(data)
                except OSError:
                    return

        threading.Thread(target=send, daemon=True).start()
        while True:
            try:
                data = source.recv(65536)
            except OSError:
                data = b""
            held.put((time.monotonic() + delay, data))
            if not data:
                return

    def close(self) -> None:
        self._stop.set()
        self._server.close()
        for sock in self._open:
            with contextlib.suppress(OSError):
                sock.close()
        shutil.rmtree(self.folder, ignore_errors=True)
