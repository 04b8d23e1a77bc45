"""When the window opens the session history: just after the routines are listed, and never
on the window's thread.

Opening the history checks the whole file (SQLite's ``quick_check``: about 0.2 s of CPU for
ten years of sessions), and another program may hold it locked (SQLite then waits up to 5 s
before it gives up). So the window lists the routines first and then opens the history on a
worker thread (:meth:`HistoryLink.start_opening`), trying again in the background while the
file stays locked; the Progress page says meanwhile that it is opening, or waiting for the
other program, and says plainly if it gave up. Whatever needs the history sooner asks for it
at that moment (a session started, so it is recorded; the Progress page; help) and waits a
moment at most. What only shows it (the routine page's "last done" line, the offer to carry
on an unfinished session, the Today line) is drawn again once it is open.

Without a worker (tests that read everything at once), the history opens on the turn of the
event loop after the list is painted, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from psoas_timer.ui.common.after_paint import AfterNextPaint

__all__ = ["BackgroundOpen", "HistoryOpening"]


class BackgroundOpen(Protocol):
    """What of the history link the opening uses (:class:`~psoas_timer.session.HistoryLink`)."""

    def use_background(
        self, done: Callable[[], None], waiting: Callable[[float], None] | None = None
    ) -> None: ...

    def start_opening(self) -> bool: ...

    def take_opened(self) -> object: ...


class _Relay(QObject):
    """Carries the worker's news to the window's thread. It has no parent, and the worker's
    callbacks hold it, so it outlives a window closed while its history was still opening
    (Qt drops the connection to the gone window: nothing is delivered, nothing crashes)."""

    found = Signal()
    waiting = Signal(float)


class HistoryOpening(QObject):
    """Opens the history once, soon after :meth:`schedule` (see the module's text): with
    *link*, on a worker thread, telling *on_waiting* (on the window's thread) the pause before
    each new try while another program keeps the file locked; else by calling *open_now*."""

    def __init__(
        self,
        window: QWidget,
        open_now: Callable[[], object],
        link: BackgroundOpen | None = None,
        on_waiting: Callable[[float], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._open_now = open_now
        self._link = link
        self.scheduled = False
        if link is not None:
            # Emitted on the worker; delivered here, on the window's thread.
            relay = _Relay()
            relay.found.connect(self._take)
            if on_waiting is not None:
                relay.waiting.connect(on_waiting)
            # The callbacks hold the relay itself (a bound emit would not keep it alive).
            link.use_background(lambda: relay.found.emit(), lambda p: relay.waiting.emit(p))

    @property
    def background(self) -> bool:
        return self._link is not None

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
        if self._link is not None:
            self._link.start_opening()
        else:
            self._open_now()

    def _take(self) -> None:
        if self._link is not None:
            self._link.take_opened()
