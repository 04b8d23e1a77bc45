"""A private D-Bus session bus (dbus-daemon) and a small org.freedesktop.Notifications server
on it, for tests. The server is strict where real ones are: a Notify call must carry the
signature ``susssasa{sv}i`` (GNOME, KDE and dunst refuse anything else)."""

from __future__ import annotations

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
