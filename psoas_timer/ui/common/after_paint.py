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
    after *latest_ms* when no paint comes."""

    def __init__(
        self, window: QWidget, then: Callable[[], None], latest_ms: int = LATEST_MS
    ) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        self._window = window
        window.installEventFilter(self)
        QTimer.singleShot(latest_ms, self, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.UpdateRequest, QEvent.Type.Paint):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._go)
        return False

    def _go(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._window.removeEventFilter(self)
            then()
            self.deleteLater()
