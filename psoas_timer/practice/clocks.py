"""The two clocks practice scheduling reads: local wall time and monotonic seconds.

Reminders follow the wall clock (18:00 is 18:00 whatever happened before), desk breaks follow
monotonic seconds of use. Both are injected: :class:`SystemClocks` in the app,
:class:`SimulatedClocks` in tests, where time moves only when told to and a time zone with
daylight-saving changes can be chosen.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from typing import Protocol

from psoas_timer.core.clock import monotonic

__all__ = ["Clocks", "SimulatedClocks", "SystemClocks"]


class Clocks(Protocol):
    def now(self) -> datetime:
        """The local time now, time-zone aware."""
        ...

    def localize(self, naive: datetime) -> datetime:
        """*naive* (a local date and time) as an aware time; a time that does not exist
        (skipped by a daylight-saving change) moves forward past the gap."""
        ...

    def monotonic(self) -> float:
        """Seconds that never go back; time asleep counts (see core.clock.monotonic)."""
        ...


class SystemClocks:
    """The computer's clocks, in the system's time zone."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def localize(self, naive: datetime) -> datetime:
        return naive.astimezone()

    def monotonic(self) -> float:
        return monotonic()


class SimulatedClocks:
    """Clocks that move only when told to, in time zone *zone*."""

    def __init__(self, start: datetime, zone: tzinfo, mono: float = 1000.0) -> None:
        if start.tzinfo is None:
            start = _normalize(start.replace(tzinfo=zone), zone)
        self._utc = start.astimezone(timezone.utc)
        self.zone = zone
        self._mono = mono

    def now(self) -> datetime:
        return self._utc.astimezone(self.zone)

    def localize(self, naive: datetime) -> datetime:
        return _normalize(naive.replace(tzinfo=self.zone), self.zone)

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        """Let *seconds* pass, awake or asleep (both clocks move)."""
        if seconds < 0:
            raise ValueError("time never goes back")
        self._utc += timedelta(seconds=seconds)
        self._mono += seconds


def _normalize(aware: datetime, zone: tzinfo) -> datetime:
    """A round trip through UTC: a time inside a spring-forward gap comes out after it."""
    return aware.astimezone(timezone.utc).astimezone(zone)
