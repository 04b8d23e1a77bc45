"""The one clock: monotonic seconds, injected so tests can drive time by hand."""

from __future__ import annotations

import time
from typing import Protocol

__all__ = ["Clock", "FakeClock", "monotonic"]


class Clock(Protocol):
    def __call__(self) -> float: ...


def monotonic() -> float:
    """Seconds from an arbitrary start; never jumps with wall-clock changes."""
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
