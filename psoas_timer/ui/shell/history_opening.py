"""When the window opens the session history: just after the routines are listed.

Opening the history checks the whole file (SQLite's ``quick_check``: about 0.2 s of CPU for
ten years of sessions), which the list of routines need not wait for. So the window lists
them first and opens the history on the turn of the event loop after the list is painted
(or at once on the next turn when the window is not on screen, as in the tray). Whatever
needs the history before then opens it at that moment: a session started (so it is
recorded), the Progress page, help. What only shows it (the routine page's "last done" line,
the offer to carry on an unfinished session, the Today line) is drawn again once it is open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from psoas_timer.ui.common.after_paint import AfterNextPaint

__all__ = ["HistoryOpening"]


class HistoryOpening(QObject):
    """Calls *open_now* once, soon after :meth:`schedule` (see the module's text)."""

    def __init__(self, window: QWidget, open_now: Callable[[], object]) -> None:
        super().__init__(window)
        self._window = window
        self._open_now = open_now
        self.scheduled = False

    def schedule(self) -> None:
        """Open the history after the window's next paint, or on the next turn of the event
        loop when it is not on screen. Called again, it does nothing more."""
        if self.scheduled:
            return
        self.scheduled = True
        if self._window.isVisible():
            AfterNextPaint(self._window, self._open)
        else:
            QTimer.singleShot(0, self, self._open)

    def _open(self) -> None:
        self._open_now()
