"""Things due at clock times, each handed over when its time comes: one heap, one timer.

The player keeps two of them: voice lines and tones placed after a cue, and the stops that
end each clip in the silence after it. The timer is single-shot and precise, armed for the
earliest item only, and stopped when nothing is left, so nothing ticks while nothing is due.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer

__all__ = ["Schedule"]

T = TypeVar("T")


class Schedule(Generic[T]):
    """Items due at times of *clock*, given to *due* in time order once they are no more
    than *early* seconds away."""

    def __init__(
        self,
        parent: QObject,
        clock: Callable[[], float],
        due: Callable[[T], None],
        *,
        early: float,
    ) -> None:
        self._clock = clock
        self._due = due
        self._early = early
        self._heap: list[tuple[float, int, T]] = []
        self._added = 0
        self.timer = QTimer(parent)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.run_due)

    def __len__(self) -> int:
        return len(self._heap)

    def pending(self) -> list[tuple[float, int, T]]:
        """What is waiting, as (clock time, order added, item), earliest first."""
        return sorted(self._heap)

    def add(self, at: float, item: T) -> None:
        self._added += 1
        heapq.heappush(self._heap, (at, self._added, item))
        self._arm()

    def clear(self) -> None:
        self._heap.clear()
        self.timer.stop()

    def _arm(self) -> None:
        if self._heap:
            delay = self._heap[0][0] - self._clock()
            self.timer.start(max(0, round(delay * 1000)))
        else:
            self.timer.stop()

    def run_due(self) -> None:
        """Hand over what is due now and arm the timer for the next (the timer calls this)."""
        now = self._clock()
        while self._heap and self._heap[0][0] - now <= self._early:
            self._due(heapq.heappop(self._heap)[2])
        self._arm()
