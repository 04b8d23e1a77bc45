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

__all__ = ["Clocks", "SimulatedClocks", "SystemClocks", "localize"]


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
        return localize(naive, None)

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
        return localize(naive, self.zone)

    def monotonic(self) -> float:
        return self._mono

    def advance(self, seconds: float) -> None:
        """Let *seconds* pass, awake or asleep (both clocks move)."""
        if seconds < 0:
            raise ValueError("time never goes back")
        self._utc += timedelta(seconds=seconds)
        self._mono += seconds


def localize(naive: datetime, zone: tzinfo | None) -> datetime:
    """*naive* (a local date and time) as an aware time in *zone* (None: the system's time
    zone, as ``TZ`` or ``/etc/localtime`` set it), the one rule for every clock: a time that
    exists is itself (the first of a time that happens twice); a time inside a spring-forward
    gap is read with the offset in force before the gap, so it comes after the jump by as
    much as it was into the gap (02:30 on the night 02:00 becomes 03:00 is 03:30)."""

    def aware(local: datetime) -> datetime:
        return local.replace(tzinfo=zone) if zone is not None else local.astimezone()

    found = aware(naive.replace(fold=0)).astimezone(timezone.utc).astimezone(zone)
    if found.replace(tzinfo=None) == naive.replace(fold=0, tzinfo=None):
        return found
    before = aware(naive - timedelta(hours=6)).utcoffset() or timedelta(0)
    return (naive.replace(tzinfo=None) - before).replace(tzinfo=timezone.utc).astimezone(zone)


def _normalize(aware: datetime, zone: tzinfo) -> datetime:
    """A round trip through UTC: a time inside a spring-forward gap comes out after it."""
    return aware.astimezone(timezone.utc).astimezone(zone)
