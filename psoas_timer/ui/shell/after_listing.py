"""What waits for the routine list: work that may start only once the list is on screen.

The user needs the list and Start first; daily practice (reminders, desk breaks, the Today
line) and the remote control come just after the list has been painted (or after the
routines could not be read), so their imports and set-up never hold the list back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["AfterListing"]


class AfterListing:
    """A queue of calls for *window*, run once, just after it has painted the list."""

    def __init__(self, window: QWidget) -> None:
        self._window = window
        self._waiting: list[Callable[[], None]] | None = []

    def add(self, then: Callable[[], None]) -> None:
        """Call *then* once the list is up: soon, when it already is."""
        if self._waiting is None:
            QTimer.singleShot(0, self._window, then)
        else:
            self._waiting.append(then)

    def run(self) -> None:
        """The list is up (or cannot be): run what waits, after the window's next paint."""
        waiting, self._waiting = self._waiting, None
        if not waiting:
            return

        def run() -> None:
            for then in waiting:
                then()

        if self._window.isVisible():
            from psoas_timer.ui.common.after_paint import AfterNextPaint

            AfterNextPaint(self._window, run)
        else:
            QTimer.singleShot(0, self._window, run)
