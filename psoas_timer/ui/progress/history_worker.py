"""Reads over the whole history for the Progress page, made on a worker thread.

The streak, each routine's figures, the sessions and time in all, and the charts' series
read every session ever recorded: on sixty years of history each held the window still for
up to a second when the page or its Charts tab opened. The page draws what is bounded by
what it shows (the calendar's months, the first page of sessions) at once, and asks a
:class:`HistoryWorker` for the rest: one for the figures, one for each chart. A worker reads
through its own connection (:meth:`HistoryStore.reader`) and hands the answer to the
window's thread; asks made while it works are folded into the latest, and only the latest
ask's answer is drawn (the page checks the number it gave).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from psoas_timer.history import HistoryStore
from psoas_timer.ui.common.window_thread import on_window_thread

__all__ = ["HistoryWorker"]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: What a worker is asked to do, given a store of its own that only reads.
Read = Callable[[HistoryStore], T]


class HistoryWorker(Generic[T]):
    """Runs one read of the history at a time on a worker thread called *name*; *answer*, a
    bound method of a QObject (held weakly: a page that has gone is told nothing), hears
    each result on the window's thread: the ask's number, and what was read or why nothing
    was. Make it on the window's thread."""

    def __init__(self, answer: Callable[[int, T | None, str | None], None], name: str) -> None:
        self._post = on_window_thread(answer)
        self._name = name
        self._lock = threading.Lock()
        self._wanted: tuple[int, HistoryStore, Read[T]] | None = None
        self._thread: threading.Thread | None = None

    @property
    def busy(self) -> bool:
        """An ask is being worked out, or waits to be."""
        with self._lock:
            return self._thread is not None

    def ask(self, number: int, store: HistoryStore, read: Read[T]) -> None:
        """Run *read* on a reader of *store*; the answer comes with *number*. Returns at
        once; an ask not yet started is replaced by this one."""
        with self._lock:
            self._wanted = (number, store, read)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                wanted, self._wanted = self._wanted, None
                if wanted is None:
                    self._thread = None
                    return
            number, store, read = wanted
            try:
                reader = store.reader()
                try:
                    found = read(reader)
                finally:
                    reader.close()
            except Exception as exc:  # the page says so, and shows what it can
                log.exception("could not read the history (%s)", self._name)
                self._post(number, None, str(exc) or type(exc).__name__)
            else:
                self._post(number, found, None)
