"""The one clock: monotonic seconds, injected so tests can drive time by hand."""

from __future__ import annotations

import time
from typing import Protocol

__all__ = ["Clock", "FakeClock", "monotonic"]


class Clock(Protocol):
    def __call__(self) -> float: ...


_BOOTTIME = getattr(time, "CLOCK_BOOTTIME", None)


def monotonic() -> float:
    """Seconds from an arbitrary start; never jumps with wall-clock changes.

    On Linux this counts time spent suspended too (CLOCK_BOOTTIME), so that after a closed
    lid the engine sees the gap and pauses, instead of carrying on as if no time had passed.
    """
    if _BOOTTIME is not None:
        return time.clock_gettime(_BOOTTIME)
    return time.monotonic()


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a monotonic clock never goes back")
        self.now += seconds
