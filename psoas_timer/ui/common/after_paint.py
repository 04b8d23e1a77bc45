"""Doing something just after a window is painted, so it never holds up what the user sees
first (the routines' list before the sound device or the history is opened)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["LATEST_MS", "AfterNextPaint"]

#: How long to wait for a paint that may never come (a window on a hidden workspace).
LATEST_MS = 500


class AfterNextPaint(QObject):
    """Calls *then* once, on the turn of the event loop after *window* next paints (a top
    level window repaints its changed children when it handles an update request), or
    after *latest_ms* when no paint comes.

    It lives as long as *window* (a child of it) and waits on timers of its own rather than
    ``QTimer.singleShot`` with itself as the context and ``deleteLater`` after: once a full
    test run crashed in Qt's event processing just after such an object was deleted.
    """

    def __init__(
        self, window: QWidget, then: Callable[[], None], latest_ms: int = LATEST_MS
    ) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        self._window = window
        self._soon = self._timer(0)
        self._latest = self._timer(latest_ms)
        window.installEventFilter(self)
        self._latest.start()

    def _timer(self, ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(self._go)
        return timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.UpdateRequest, QEvent.Type.Paint):
            watched.removeEventFilter(self)
            self._soon.start()
        return False

    def _go(self) -> None:
        then, self._then = self._then, None
        self._soon.stop()
        self._latest.stop()
        if then is not None:
            self._window.removeEventFilter(self)
            then()
