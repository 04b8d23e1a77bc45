"""The Progress page's figures over the whole history, worked out on a worker thread.

The streak, each routine's figures, and the sessions and time in all read every session
ever recorded: on sixty years of history that held the window still for a second each time
the page opened. The page draws what is bounded by what it shows (the calendar's months,
the first page of sessions) at once, and asks :class:`TotalsWorker` for the rest. The worker
reads through its own connection (:meth:`HistoryStore.reader`) and hands the answer to the
window's thread; asks made while it works are folded into the latest, and only the latest
ask's answer is drawn (the page checks the number it gave).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date

from psoas_timer.history import HistoryStore, Totals
from psoas_timer.ui.common.window_thread import on_window_thread

__all__ = ["TotalsWorker"]

log = logging.getLogger(__name__)

#: Told on the window's thread: the ask's number, and the totals, or why there are none.
Answer = Callable[[int, Totals | None, str | None], None]


class TotalsWorker:
    """Works out :meth:`HistoryStore.totals` on one worker thread at a time; *answer*, a
    bound method of a QObject (held weakly: a page that has gone is told nothing), hears
    each result on the window's thread. Make it on the window's thread."""

    def __init__(self, answer: Answer) -> None:
        self._post = on_window_thread(answer)
        self._lock = threading.Lock()
        self._wanted: tuple[int, HistoryStore, date] | None = None
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        """An ask is being worked out, or waits to be."""
        with self._lock:
            return self._thread is not None

    def ask(self, number: int, store: HistoryStore, today: date) -> None:
        """Work out *store*'s totals as of *today*; the answer comes with *number*. Returns
        at once; an ask not yet started is replaced by this one."""
        with self._lock:
            self._wanted = (number, store, today)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="progress-totals", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                wanted, self._wanted = self._wanted, None
                if wanted is None:
                    self._thread = None
                    return
            number, store, today = wanted
            try:
                reader = store.reader()
                try:
                    totals = reader.totals(today)
                finally:
                    reader.close()
            except Exception as exc:  # the page says so, and shows what it can
                log.exception("could not work out the history's totals")
                self._post(number, None, str(exc) or type(exc).__name__)
            else:
                self._post(number, totals, None)
