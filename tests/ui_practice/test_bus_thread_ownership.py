"""A QObject whose bus thread outlives it is destroyed on the window's thread.

When a bus thread held the last reference to its QObject (through the callbacks it reports
with), the object was destroyed on that thread as it ended, while the window's thread could
be delivering an event to it: the test run crashed in the event loop (a segmentation fault,
one run in three of the slow-bus tests). Now the bus threads hold their objects weakly, so
letting go of one destroys it at once, on the window's thread, and what its thread says
afterwards goes nowhere.
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from psoas_timer.ui.common.bus_link import BusLink
from psoas_timer.ui.common.window_thread import on_window_thread
from psoas_timer.ui.practice.desktop_notifications import DesktopNotifications
from psoas_timer.ui.practice.do_not_disturb import DoNotDisturb
from psoas_timer.ui.practice.idle import IdleMonitor
from psoas_timer.ui.remote.mpris import MprisService
from psoas_timer.ui.remote.shortcuts import GlobalShortcuts

from .fake_bus import SlowBus

pytestmark = pytest.mark.gui


@pytest.fixture
def silent_bus(monkeypatch: pytest.MonkeyPatch) -> Iterator[SlowBus]:
    """A session bus that takes connections and never answers: each link's thread waits in
    the handshake (2 s) well past the moment its object is let go."""
    bus = SlowBus(None, None)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.address)
    yield bus
    bus.close()


Made = tuple[QObject, Any, Callable[[], None]]


def _notifications() -> Made:
    notes = DesktopNotifications()
    notes.start()
    return notes, notes._link, notes.stop


def _idle() -> Made:
    idle = IdleMonitor()
    idle.probe()
    return idle, idle._link, idle.stop


def _quiet() -> Made:
    quiet = DoNotDisturb()
    quiet.start()
    return quiet, quiet.link, quiet.stop


def _mpris() -> Made:
    service = MprisService()
    service.start()
    return service, service.link, service.stop


def _shortcuts() -> Made:
    """The portal's global shortcuts, a part on a link they do not own (in the app, MPRIS's,
    which outlives them): let go while the link still runs."""
    shortcuts = GlobalShortcuts()
    link = BusLink(name="shortcuts")
    link.add(shortcuts.part)
    link.start()
    return shortcuts, link, lambda: link.stop(0)


@pytest.mark.parametrize(
    "make",
    [_notifications, _idle, _quiet, _mpris, _shortcuts],
    ids=["desktop notifications", "idle time", "Do Not Disturb", "MPRIS", "global shortcuts"],
)
def test_an_object_let_go_while_its_bus_thread_connects_goes_at_once(
    qtbot: QtBot, silent_bus: SlowBus, make: Callable[[], Made]
) -> None:
    thing, link, stop = make()
    thread = link._thread
    assert thread is not None and thread.is_alive()
    gone = weakref.ref(thing)
    stop()
    del thing, link, stop
    gc.collect()
    assert thread.is_alive(), "the bus thread ended too soon for the test to mean anything"
    assert gone() is None, "the bus thread still holds the object: it would be destroyed there"
    thread.join(5)  # it gives up on the silent bus and says so: to nobody, harmlessly
    assert not thread.is_alive()
    qtbot.wait(50)


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[Any, ...]] = []
        self.threads: list[threading.Thread] = []

    def got(self, *args: Any) -> None:
        self.calls.append(args)
        self.threads.append(threading.current_thread())


def test_a_post_runs_on_the_window_thread_and_never_keeps_its_object(qtbot: QtBot) -> None:
    receiver = _Receiver()
    post = on_window_thread(receiver.got)
    worker = threading.Thread(target=post, args=("hello", 2))
    worker.start()
    worker.join()
    calls, threads = receiver.calls, receiver.threads
    qtbot.waitUntil(lambda: calls == [("hello", 2)], timeout=2000)
    assert threads == [threading.main_thread()]

    gone = weakref.ref(receiver)
    del receiver
    gc.collect()
    assert gone() is None  # the post alone does not keep it
    late = threading.Thread(target=post, args=("after",))
    late.start()
    late.join()
    qtbot.wait(50)  # runs, finds nothing, does nothing
    assert calls == [("hello", 2)]
