"""A guard on Qt's messages against the audio backend's broken-notifier fault.

Qt 6's PulseAudio backend can free a sound voice's eventfd notifier on PulseAudio's thread.
Qt then warns ("Socket notifiers cannot be enabled or disabled from another thread",
"QSocketNotifier: Invalid socket N") and its event loop spins on the dead descriptor for
good (see :mod:`psoas_timer.audio.player`). The guard acts at the audio thread's first
warning: it plugs the closed descriptor with a never-readable eventfd before the main thread
polls it, and tells every watched player (a queued signal), which goes silent and says so
once. If the event loop is caught already, the process exits after :data:`STUCK_AFTER`
repeats rather than spin.

There is one message handler for the whole process, installed while at least one player is
watched and removed when the last one goes; every message is passed on to the handler that
was there before, so logging and test harnesses see them all.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import weakref
from contextlib import suppress
from typing import Any, Protocol

from PySide6.QtCore import SignalInstance, qFormatLogMessage, qInstallMessageHandler

__all__ = ["STUCK_AFTER", "installed", "pass_on", "plug_descriptor", "plug_holes", "watch"]


class Watcher(Protocol):
    """What the guard tells: a signal it emits (from any thread) with Qt's message."""

    @property
    def backend_fault(self) -> SignalInstance: ...


#: What Qt says when an event notifier dies on the wrong thread, and then endlessly.
_OFF_THREAD = "Socket notifiers cannot be enabled or disabled from another thread"
_INVALID_SOCKET = re.compile(r"QSocketNotifier: Invalid socket (\d+)")
#: The same invalid-socket warning this many times: the event loop is stuck for good.
STUCK_AFTER = 1000
MSG_STUCK = (
    "psoas-timer: Qt's event loop is stuck on a notifier its audio backend freed on the "
    "wrong thread ({message!r}); exiting instead of spinning. Restart Psoas Timer."
)


def plug_descriptor(fd: int) -> bool:
    """Put a never-readable eventfd at *fd* if *fd* is closed; True if it did.

    Qt's event loop keeps polling the descriptor of a notifier that died on the wrong thread
    and spins on it. With a live, silent descriptor in its place the loop idles again.
    Never touches a descriptor that is open (``F_DUPFD`` takes the lowest free one >= *fd*).
    """
    if fd < 0 or not hasattr(os, "eventfd"):  # the fault is Linux's (eventfd notifiers)
        return False
    import fcntl

    try:
        os.fstat(fd)
        return False  # open (perhaps reused already): not ours to touch
    except OSError:
        pass
    try:
        spare = os.eventfd(0, os.EFD_CLOEXEC)
    except OSError:
        return False
    if spare == fd:  # it was the lowest free descriptor: in place already
        return True
    try:
        got = fcntl.fcntl(spare, fcntl.F_DUPFD_CLOEXEC, fd)
    except OSError:  # fd is past the descriptor limit: it cannot be polled either
        return False
    finally:
        os.close(spare)
    if got != fd:
        os.close(got)
        return False
    return True


def plug_holes() -> list[int]:
    """Plug every closed descriptor below the highest open one with a never-readable
    eventfd; returns them. A new descriptor always takes the lowest free number, so this
    opens eventfds until one lands above the rest.

    Said when a notifier dies on the audio thread: its eventfd is closed already, its number
    unknown, and the main thread must not poll it before it is plugged.
    """
    if not hasattr(os, "eventfd"):
        return []
    try:
        top = max(int(name) for name in os.listdir("/proc/self/fd"))
    except (OSError, ValueError):
        return []
    plugged: list[int] = []
    while True:
        try:
            fd = os.eventfd(0, os.EFD_CLOEXEC)
        except OSError:
            break
        if fd >= top:
            os.close(fd)
            break
        plugged.append(fd)
    return plugged


def _exit_stuck(message: str) -> None:
    """The event loop can never run again: leave rather than spin (a seam for tests)."""
    print(MSG_STUCK.format(message=message), file=sys.stderr, flush=True)
    os._exit(70)


def pass_on(previous: Any, mode: Any, context: Any, message: str) -> None:
    """Give a Qt message to *previous*, the handler before ours (or print it as Qt would)."""
    if previous is not None:
        previous(mode, context, message)
    else:
        print(qFormatLogMessage(mode, context, message), file=sys.stderr)


_lock = threading.Lock()
_watched: weakref.WeakSet[Any] = weakref.WeakSet()
_tripped: weakref.WeakSet[Any] = weakref.WeakSet()
_live = 0  # players watched and not yet gone (the WeakSet drops them lazily)
_previous: Any = None
_counts: dict[str, int] = {}


def _handler(mode: Any, context: Any, message: str) -> None:
    """The process's Qt message handler while a player is watched (may run on any thread)."""
    invalid = _INVALID_SOCKET.search(message)
    if invalid is not None or _OFF_THREAD in message:
        if invalid is not None:
            plug_descriptor(int(invalid.group(1)))
        else:
            plug_holes()  # before the main thread polls the closed eventfd
        with _lock:
            targets = [t for t in list(_watched) if t not in _tripped]
            for target in targets:
                _tripped.add(target)
        for target in targets:
            with suppress(RuntimeError):  # the player is gone
                target.backend_fault.emit(message)
    pass_on(_previous, mode, context, message)
    if invalid is not None:
        if message not in _counts and len(_counts) >= 64:
            _counts.clear()  # only the same warning, over and over, means stuck
        count = _counts[message] = _counts.get(message, 0) + 1
        if count >= STUCK_AFTER:
            _exit_stuck(message)


def _install() -> None:
    """Put the handler on top (again, if something replaced it since: pytest-qt does)."""
    global _previous
    previous = qInstallMessageHandler(_handler)
    if previous is not _handler:
        _previous = previous


def _release() -> None:
    """A watched player is gone; with none left, give Qt back the handler from before."""
    global _live, _previous
    with _lock:
        _live -= 1
        if _live > 0:
            return
    current = qInstallMessageHandler(_previous)
    if current is not _handler:  # installed over ours since: leave it on top
        qInstallMessageHandler(current)
    _previous = None
    _counts.clear()


def watch(player: Watcher) -> None:
    """Tell *player* about the fault, for as long as it lives."""
    global _live
    with _lock:
        _watched.add(player)
        _live += 1
        _counts.clear()  # a new player, a new output: earlier warnings say nothing of it
    _install()
    weakref.finalize(player, _release).atexit = False


def installed() -> bool:
    """Whether the guard's handler is Qt's message handler now."""
    current = qInstallMessageHandler(_handler)
    qInstallMessageHandler(current)
    return current is _handler
