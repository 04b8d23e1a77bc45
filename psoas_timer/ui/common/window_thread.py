"""Calls from other threads, run on the window's thread, with their object held weakly.

A worker thread (a :class:`~psoas_timer.ui.common.bus_link.BusLink`'s, say) that keeps a
strong reference to a QObject can end up holding the last one: when the thread ends, the
object is destroyed on that thread while the window's thread may be delivering an event to
it, and the process crashes (it did: a segmentation fault in the event loop, one run in
three of the slow-bus tests). So the thread gets a *post*: a plain callable that any thread
may call, which queues the call to the window's thread and keeps only a weak reference to
the object. By the time the call runs the object may have gone; then nothing happens.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

__all__ = ["on_window_thread"]


class _Relay(QObject):
    """Lives on the window's thread for the life of the process; runs what is posted."""

    posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _run(call: Callable[[], None]) -> None:
        call()


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        if threading.current_thread() is not threading.main_thread():
            raise RuntimeError("on_window_thread() is first called on the window's thread")
        _relay = _Relay()
    return _relay


def on_window_thread(method: Callable[..., Any]) -> Callable[..., None]:
    """*method*, a bound method of a QObject, as a callable any thread may call: each call
    runs ``method(*args)`` later on the window's thread, unless the object has gone (or its
    C++ side was deleted) by then. Make it on the window's thread."""
    relay = _the_relay()
    weak = weakref.WeakMethod(method)

    def post(*args: Any) -> None:
        def run() -> None:
            bound = weak()
            if bound is not None and shiboken6.isValid(getattr(bound, "__self__", None)):
                bound(*args)

        relay.posted.emit(run)

    return post
