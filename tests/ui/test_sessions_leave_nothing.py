"""Issue 22 item 19 (soak): a session, run again and again, leaves nothing behind in the
window: the same Qt objects, the same widgets and the same signal connections after the
third run of a routine as after the second. Counted, never timed: a step's picture, a
dialog, a timer or a connection made per step and never let go would show here as one more
each run, and over a day of sessions as memory that only grows."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication, QEvent, QMetaMethod, QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from psoas_timer.core.clock import FakeClock
from psoas_timer.ui.shell.main_window import MainWindow, Page

from .conftest import advance, started


def _settle(qtbot: QtBot) -> None:
    """Let the event loop run what it was given (paints, deleteLater), as it would on screen."""
    qtbot.wait(1)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _connections(obj: QObject) -> int:
    """How many slots *obj*'s signals reach."""
    meta = obj.metaObject()
    count = 0
    for index in range(meta.methodCount()):
        method = meta.method(index)
        if method.methodType() == QMetaMethod.MethodType.Signal:
            count += obj.receivers(f"2{bytes(method.methodSignature()).decode()}")
    return count


def _census(window: MainWindow) -> tuple[Counter[str], int, int]:
    """The window's Qt objects by class, the application's widgets, and the connections."""
    objects = [window, *window.findChildren(QObject)]
    by_class = Counter(type(o).__name__ for o in objects)
    return by_class, len(QApplication.allWidgets()), sum(_connections(o) for o in objects)


def _run_whole(window: MainWindow, clock: FakeClock, qtbot: QtBot) -> None:
    """The release routine from start to its end screen: get-ready, an open hold on each
    side (with its picture) ended by its maximum, reps in sets with rests, a hold."""
    started(window, "release")
    for _ in range(400):
        advance(window, clock, 1.0)
        _settle(qtbot)
        if window.page is Page.COMPLETION:
            break
    assert window.page is Page.COMPLETION


def test_a_routine_run_again_and_again_leaves_no_objects_or_connections(
    window: MainWindow, clock: FakeClock, qtbot: QtBot
) -> None:
    censuses = []
    for _ in range(3):
        _run_whole(window, clock, qtbot)
        _settle(qtbot)
        censuses.append(_census(window))
    (_, _, _), (objects_2, widgets_2, links_2), (objects_3, widgets_3, links_3) = censuses
    grown = {name: objects_3[name] - objects_2[name] for name in objects_3 - objects_2}
    assert grown == {}, f"more of these after each run: {grown}"
    assert widgets_3 == widgets_2
    assert links_3 == links_2
