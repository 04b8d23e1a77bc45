"""Reading the routines off the event loop, so the window answers while a large library loads.

A worker thread reads the catalog and hands it over in two steps: :attr:`CatalogLoader.read`
as soon as every routine is read and checked (the list can show it), then, once the window
says the list is filled (:meth:`CatalogLoader.listed`), :attr:`CatalogLoader.totals` when
every total time is worked out, after which it writes the cache for the next start.

Signals cross to the window's thread queued, so the window only ever touches the catalog on
its own thread, and a load started again (a second request while one runs) makes the earlier
one's results stale: only the latest is handed over.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, SignalInstance

from psoas_timer.core.catalog import Catalog

__all__ = ["CatalogLoader"]

log = logging.getLogger(__name__)


class _StoppedError(Exception):
    """The window closed: the worker stops at the next file."""


class _Yield:
    """Called between files: every few milliseconds of work, the worker sleeps a moment.

    Only one thread runs Python at a time. Left to itself, a busy worker hands over to the
    window's thread only when asked, and on a loaded machine that thread can wait for its
    turn for hundreds of milliseconds; a short sleep now and then gives it its turn at once.
    """

    WORK_SECONDS = 0.008
    REST_SECONDS = 0.001

    def __init__(self, stopped: threading.Event) -> None:
        self._since = time.perf_counter()
        self._stopped = stopped

    def __call__(self) -> None:
        if self._stopped.is_set():
            raise _StoppedError
        if time.perf_counter() - self._since >= self.WORK_SECONDS:
            time.sleep(self.REST_SECONDS)
            self._since = time.perf_counter()


class _QuickSwitching:
    """While any worker runs, the interpreter switches threads every :attr:`INTERVAL`
    seconds instead of its default five milliseconds.

    The window's thread takes the interpreter back many times while it handles one event
    (every call from Qt into Python code: a card's size, its painting), and each time it
    waits for the worker to let go, up to one switch interval. At five milliseconds those
    waits added up to stalls of 50-60 ms while the list was laid out beside a busy worker
    (``benchmarks/catalog_load.py``); at one, to under 30. The interval is set back when
    the last worker ends.
    """

    INTERVAL = 0.001

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0
        self._before = sys.getswitchinterval()

    def __enter__(self) -> None:
        with self._lock:
            if self._count == 0:
                self._before = sys.getswitchinterval()
                sys.setswitchinterval(min(self._before, self.INTERVAL))
            self._count += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._count -= 1
            if self._count == 0:
                sys.setswitchinterval(self._before)


_quick_switching = _QuickSwitching()

#: How long the worker waits for the window to list the routines before working out their
#: totals anyway.
LISTING_WAIT_SECONDS = 30.0


class CatalogLoader(QObject):
    """Runs *load* in a worker thread each time :meth:`start` is called; *load* calls the
    function it is given between files."""

    read = Signal(object)  # Catalog: every routine read and checked
    totals = Signal(object)  # the same Catalog, its totals worked out
    failed = Signal(str)  # what went wrong, in words

    # Internal: carry the generation along, so stale results are dropped on arrival.
    _read = Signal(int, object)
    _totals = Signal(int, object)
    _failed = Signal(int, str)

    def __init__(
        self, load: Callable[[Callable[[], None]], Catalog], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._load = load
        self._generation = 0
        self._running = 0
        self._listed = threading.Event()
        # Set by stop(): no worker touches this object after it, so a window that closes
        # (and deletes it) mid-load is never handed a result from another thread.
        self._stopped = threading.Event()
        self._handover = threading.Lock()
        self._workers: list[threading.Thread] = []
        self._read.connect(self._on_read)
        self._totals.connect(self._on_totals)
        self._failed.connect(self._on_failed)

    @property
    def busy(self) -> bool:
        """A load has started whose routines have not been handed over yet."""
        return self._running > 0

    def listed(self) -> None:
        """The routines handed over are on screen: the worker may go on to their totals."""
        self._listed.set()

    def stop(self, wait: float = 5.0) -> None:
        """Stop every worker and wait (up to *wait* seconds) for them to end; after this, no
        result or failure is handed over. The window calls it when it closes."""
        with self._handover:
            self._stopped.set()
        self._listed.set()
        for worker in self._workers:
            worker.join(wait)
            if worker.is_alive():
                log.warning("the routine reader did not stop within %.0f s", wait)
        self._workers.clear()

    def _hand_over(self, signal: SignalInstance, *args: object) -> bool:
        """Emit *signal* (queued to the window's thread) unless stopped; False if stopped."""
        with self._handover:
            if self._stopped.is_set():
                return False
            signal.emit(*args)
            return True

    def start(self) -> None:
        if self._stopped.is_set():
            return
        self._workers = [w for w in self._workers if w.is_alive()]
        self._listed.clear()
        self._generation += 1
        self._running += 1
        worker = threading.Thread(
            target=self._work, args=(self._generation,), name="catalog-loader", daemon=True
        )
        self._workers.append(worker)
        worker.start()

    def _work(self, generation: int) -> None:
        with _quick_switching:
            self._work_switching(generation)

    def _work_switching(self, generation: int) -> None:
        between = _Yield(self._stopped)
        try:
            catalog = self._load(between)
        except _StoppedError:
            return
        except Exception as exc:  # never leave the window waiting: say what went wrong
            log.exception("reading the routines failed")
            self._hand_over(self._failed, generation, str(exc) or type(exc).__name__)
            return
        if not self._hand_over(self._read, generation, catalog):
            return
        # Let the window list the routines first: both at once would slow both down.
        self._listed.wait(LISTING_WAIT_SECONDS)
        try:
            catalog.work_out_totals(between)
            if self._hand_over(self._totals, generation, catalog):
                catalog.save_cache(between)
        except _StoppedError:
            return
        except Exception:  # the routines are listed; only their times or the cache suffer
            log.exception("working out the routines' times failed")

    def _on_read(self, generation: int, catalog: Catalog) -> None:
        self._running -= 1
        if generation == self._generation:
            self.read.emit(catalog)

    def _on_totals(self, generation: int, catalog: Catalog) -> None:
        if generation == self._generation:
            self.totals.emit(catalog)

    def _on_failed(self, generation: int, message: str) -> None:
        self._running -= 1
        if generation == self._generation:
            self.failed.emit(message)
