"""One Psoas Timer per user: a second launch hands its routine to the first and exits.

The first instance listens on a per-user local socket (:class:`QLocalServer`). A later launch
connects to it (:class:`QLocalSocket`), sends one JSON line (the routine argument, made absolute
if it is a file, and the launcher's activation token), waits for ``ok`` and exits. The first
instance emits :attr:`SingleInstance.activated` with the routine (or ``None``) and the app
raises its window (:func:`raise_window`) and opens the routine.

Use::

    instance = SingleInstance()
    if not instance.claim(routine):   # try_send() then listen(), under a lock file
        return 0                      # the running instance has it
    instance.activated.connect(on_activated)   # then instance.raise_window(window)

A socket left behind by a crashed instance is removed (:meth:`QLocalServer.removeServer`)
once nothing answers on it. ``PSOAS_TIMER_INSTANCE`` overrides the server name (the bundle's
smoke test uses it so it never talks to a real running instance).

Another user on the same machine must not be able to stand in for the running instance (and
receive the routine path and activation token, or make a launch exit at once). So the socket
lives in a folder only this user may enter (:func:`server_name`: ``$XDG_RUNTIME_DIR``, else a
folder of mode 0700 this user owns, made in the temp folder or the user's cache folder), and
both ends check who is at the other end before they send or accept anything: on Linux the
kernel's peer credentials (``SO_PEERCRED``) must name this user; elsewhere on Unix the socket
file must be this user's. A socket that fails the check is dropped and gets nothing.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import logging
import os
import re
import socket as pysocket
import stat
import struct
import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, QDir, QEventLoop, QLockFile, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from psoas_timer import APP_ID

__all__ = ["SingleInstance", "raise_window", "server_name"]

PROTOCOL = 1
ACK = b"ok\n"
MAX_MESSAGE = 64 * 1024
TIMEOUT_MS = 1500
ENV_NAME = "PSOAS_TIMER_INSTANCE"
_TOKEN_VARIABLES = ("XDG_ACTIVATION_TOKEN", "DESKTOP_STARTUP_ID")
_SOCKET_PATH_MAX = 100  # sockaddr_un holds 104 to 108 bytes, depending on the system

_log = logging.getLogger(__name__)


def _uid() -> int | None:
    """This user's id, where there are user ids (not on Windows)."""
    getuid = getattr(os, "getuid", None)
    return int(getuid()) if getuid is not None else None


def _user() -> str:
    uid = _uid()
    if uid is not None:
        return str(uid)
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user name at all
        name = "user"
    # Windows pipe names: keep it short and free of odd characters.
    return hashlib.sha1(name.encode()).hexdigest()[:12]


def _private_folder(path: Path, *, make: bool) -> bool:
    """Whether *path* is a real folder (not a link) that this user owns and no one else may
    enter. With *make*, it is made if missing and closed to others if it is this user's."""
    uid = _uid()
    try:
        if make:
            with contextlib.suppress(FileExistsError):
                path.mkdir(mode=0o700)
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != uid:
            _log.warning("%s is not this user's own folder; not using it", path)
            return False
        if stat.S_IMODE(info.st_mode) & 0o077:
            if not make:
                return False
            os.fchmod(fd, 0o700)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _folders() -> list[tuple[Path, bool]]:
    """Where the socket may live, best first, and whether the app makes that folder."""
    found: list[tuple[Path, bool]] = []
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime):
        found.append((Path(runtime), False))
    found.append((Path(tempfile.gettempdir()) / f"{APP_ID}-{_uid()}", True))
    cache = os.environ.get("XDG_CACHE_HOME")
    cache_home = Path(cache) if cache and os.path.isabs(cache) else Path.home() / ".cache"
    found.append((cache_home / APP_ID, True))
    return found


def server_name() -> str | None:
    """The local server's name, per user.

    On Unix a socket in a private folder: the user's runtime folder (``$XDG_RUNTIME_DIR``)
    when it is theirs alone, else ``psoas-timer-<uid>`` in the temp folder, made with mode
    0700 (or, if someone else holds that name, ``psoas-timer`` in the user's cache folder).
    ``None`` when there is no such folder: then each launch runs on its own. On Windows, a
    named pipe of this user's.
    """
    override = os.environ.get(ENV_NAME)
    if override:
        return override
    name = f"{APP_ID}-{_user()}"
    if os.name != "posix" or _uid() is None:
        return name
    for folder, make in _folders():
        path = folder / f"{name}.sock"
        if len(str(path)) >= _SOCKET_PATH_MAX:
            continue
        if make:
            with contextlib.suppress(OSError):  # ~/.cache may be missing; /tmp is there
                folder.parent.mkdir(parents=True, exist_ok=True)
        if _private_folder(folder, make=make):
            return str(path)
    _log.warning("no private folder for the single-instance socket; launches run on their own")
    return None


def _peer_uid(socket: QLocalSocket) -> int | None:
    """The user id of the process at the other end of *socket*, as the kernel reports it
    (Linux), or ``None`` where the system does not say."""
    option = getattr(pysocket, "SO_PEERCRED", None)
    fd = int(socket.socketDescriptor())
    if option is None or fd < 0:
        return None
    try:
        with pysocket.fromfd(fd, pysocket.AF_UNIX, pysocket.SOCK_STREAM) as copy:
            raw = copy.getsockopt(pysocket.SOL_SOCKET, option, struct.calcsize("3i"))
    except OSError:
        _log.warning("cannot read the peer credentials of a local socket", exc_info=True)
        return None
    _pid, uid, _gid = struct.unpack("3i", raw)
    return int(uid)


def _routine_argument(routine: str | None) -> str | None:
    """*routine* as the running instance should see it: files made absolute (its working
    directory differs from ours), names of known routines left as they are."""
    if not routine:
        return None
    path = Path(routine).expanduser()
    if path.exists() or path.suffix.lower() in (".yaml", ".yml"):
        return str(path.resolve())
    return routine


class SingleInstance(QObject):
    """The per-user single-instance guard. Needs a running ``QCoreApplication``."""

    #: A second launch asked for this instance: the routine argument (``str``) or ``None``.
    activated = Signal(object)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name: str | None = name or server_name()
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytearray] = {}
        self._tokens: dict[str, str] = {}

    @property
    def name(self) -> str | None:
        """The server's name; ``None`` when there is no private place for it."""
        return self._name

    def _socket_path(self) -> Path:
        assert self._name is not None
        if os.path.isabs(self._name):
            return Path(self._name)
        return Path(QDir.tempPath()) / self._name  # where Qt puts a bare name on Unix

    def _trusted(self, socket: QLocalSocket, *, server: bool) -> bool:
        """Whether this user is at the other end of *socket* (see the module's notes)."""
        uid = _uid()
        if uid is None:  # Windows: the pipe itself is this user's (UserAccessOption)
            return True
        peer = _peer_uid(socket)
        if peer is None:
            if server:  # no peer credentials here: only this user can enter the folder
                return True
            try:
                peer = os.lstat(self._socket_path()).st_uid
            except OSError:
                return False
        if peer != uid:
            side = "a connection from" if server else "a socket of"
            _log.warning("ignored %s user %s at %s", side, peer, self._name)
            return False
        return True

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    # -- the second launch ------------------------------------------------------------------
    def is_running(self, timeout_ms: int = 200) -> bool:
        """Whether an instance answers, without handing it anything (a start in the
        background must not bring the running window up)."""
        if self._name is None:
            return False
        probe = QLocalSocket()
        probe.connectToServer(self._name)
        alive = probe.waitForConnected(timeout_ms) and self._trusted(probe, server=False)
        probe.abort()
        return alive

    def try_send(self, routine: str | None = None, timeout_ms: int = TIMEOUT_MS) -> bool:
        """Hand *routine* to a running instance. True if it confirmed (so this process can
        exit), False if none answered (so this process should :meth:`listen`). Nothing is
        sent to a socket another user holds."""
        if self._name is None:
            return False
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(timeout_ms) or not self._trusted(socket, server=False):
            socket.abort()
            return False
        message = {
            "v": PROTOCOL,
            "routine": _routine_argument(routine),
            "tokens": {k: os.environ[k] for k in _TOKEN_VARIABLES if os.environ.get(k)},
        }
        socket.write(QByteArray(json.dumps(message).encode() + b"\n"))
        socket.flush()
        answered = self._wait_for_ack(socket, timeout_ms)
        socket.disconnectFromServer()
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.abort()
        return answered

    @staticmethod
    def _wait_for_ack(socket: QLocalSocket, timeout_ms: int) -> bool:
        # A local event loop rather than waitForReadyRead(): if the server lives in this very
        # process (tests), it must get to run while we wait.
        received = bytearray()
        loop = QEventLoop()
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)

        def read() -> None:
            received.extend(socket.readAll().data())
            if ACK in received:
                loop.quit()

        socket.readyRead.connect(read)
        socket.disconnected.connect(loop.quit)
        socket.errorOccurred.connect(loop.quit)
        read()
        if ACK not in received:
            timer.start(timeout_ms)
            loop.exec()
        timer.stop()
        socket.readyRead.disconnect(read)
        return ACK in received

    # -- the running instance ---------------------------------------------------------------
    def listen(self) -> bool:
        """Start answering later launches. False if a live instance holds the name."""
        if self.listening:
            return True
        if self._name is None:
            return False
        # Qt moves a fresh socket file over an existing one, so ask first whether someone
        # answers there: if nobody does, it is a crashed instance's leftover (and one of
        # another user's is no instance of ours).
        probe = QLocalSocket()
        probe.connectToServer(self._name)
        alive = probe.waitForConnected(200) and self._trusted(probe, server=False)
        probe.abort()
        if alive:
            return False
        QLocalServer.removeServer(self._name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._name):
            server.deleteLater()
            return False
        server.newConnection.connect(self._on_new_connection)
        self._server = server
        return True

    def claim(self, routine: str | None = None, timeout_ms: int = 5000) -> bool:
        """The whole start-up dance under a lock file, so two launches at once cannot both
        become the running instance: True if this process now listens (carry on), False if
        a running instance took *routine* (exit). If this process can neither hand over
        nor listen, it runs on its own (True), saying why in the log."""
        if self._name is None:
            return True
        lock = QLockFile(self._lock_path())
        lock.setStaleLockTime(10_000)
        locked = lock.tryLock(timeout_ms)
        try:
            if self.try_send(routine):
                return False
            if self.listen():
                return True
            if self.try_send(routine):  # one started listening in between
                return False
            _log.warning("cannot listen on %s; this launch runs on its own", self._name)
            return True
        finally:
            if locked:
                lock.unlock()

    def _lock_path(self) -> str:
        assert self._name is not None
        if os.path.isabs(self._name):
            return f"{self._name}.lock"
        return str(Path(QDir.tempPath()) / f"{self._name}.lock")

    def raise_window(self, window: QWidget) -> None:
        """:func:`raise_window`, with the launcher's activation token (from the last
        message) put where Qt looks for it, so Wayland and X11 let the window take focus."""
        tokens, self._tokens = self._tokens, {}
        for key, value in tokens.items():
            os.environ[key] = value
        raise_window(window)

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None

    def _on_new_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if not self._trusted(socket, server=True):
                socket.abort()
                socket.deleteLater()
                continue
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)
            if socket.bytesAvailable():
                self._read(socket)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _on_disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._buffers.pop(socket, None)
            socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer.extend(socket.readAll().data())
        if b"\n" not in buffer:
            if len(buffer) > MAX_MESSAGE:
                self._drop(socket)
            return
        line = bytes(buffer).split(b"\n", 1)[0]
        self._buffers.pop(socket, None)
        routine = self._parse(line)
        if routine is False:
            self._drop(socket)
            return
        socket.write(QByteArray(ACK))
        socket.flush()
        socket.disconnectFromServer()
        # Queued: the sender gets its answer first, and a slot that opens dialogs cannot
        # block the socket.
        QTimer.singleShot(0, self, lambda: self.activated.emit(routine))

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.abort()

    def _parse(self, line: bytes) -> str | bool | None:
        """The routine from one message, ``None`` for none, ``False`` if it is not ours."""
        try:
            message = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return False
        if not isinstance(message, dict) or message.get("v") != PROTOCOL:
            return False
        tokens = message.get("tokens")
        if isinstance(tokens, dict):
            # Qt's Wayland plugin reads XDG_ACTIVATION_TOKEN when the window next asks to be
            # activated; X11 startup notification uses DESKTOP_STARTUP_ID.
            self._tokens = {
                key: value
                for key in _TOKEN_VARIABLES
                if isinstance(value := tokens.get(key), str)
                and re.fullmatch(r"[\x21-\x7e]{1,512}", value)
            }
        routine = message.get("routine")
        if routine is None:
            return None
        return routine if isinstance(routine, str) and routine else False


def raise_window(window: QWidget) -> None:
    """Bring *window* to the front: restore it if minimised or hidden, raise, activate."""
    from PySide6.QtCore import Qt  # not at import: it costs start-up ~20 ms (see main_window)

    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState(state & ~Qt.WindowState.WindowMinimized)
    if not window.isVisible():
        window.show()
    window.raise_()
    window.activateWindow()
