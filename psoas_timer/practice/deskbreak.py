"""Desk breaks: after every N minutes of use, offer a short break, with a notice before it.

:class:`DeskBreakTimer` is polled with the state of the desktop and counts *use*: monotonic
seconds between polls, except that

- time away counts as a break: an idle time (from the screensaver) at least as long as the
  break resets the count, and so does a gap between polls that long (the computer slept);
  where idle time cannot be read, plain time counts; a shorter absence (idle a minute or
  more) neither counts nor resets, and nothing is offered to an empty chair;
- a running session resets the count (that was a break too), and while reminders are paused
  nothing is counted or offered;
- during a full-screen window the break waits: it is offered once the window is gone.

It says :attr:`Event.NOTICE` once, :attr:`DeskBreakTimer.notice` seconds before the break, then
:attr:`Event.DUE` once; the answer is :meth:`DeskBreakTimer.snooze` (5 minutes of use by
default), :meth:`DeskBreakTimer.skip` or :meth:`DeskBreakTimer.started`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from psoas_timer.i18n import _

__all__ = ["AWAY_SECONDS", "DeskBreakSettings", "DeskBreakTimer", "Event"]

#: Idle this long means away from the desk: the count waits and nothing is offered.
AWAY_SECONDS = 60.0


class Event(enum.Enum):
    NOTICE = "notice"  # the break comes in `notice` seconds
    DUE = "due"  # the break is offered now


@dataclass(frozen=True)
class DeskBreakSettings:
    enabled: bool = False
    every_minutes: int = 50
    routine: str = "desk-break"  # routine key
    notice_seconds: float = 30
    snooze_minutes: float = 5

    def __post_init__(self) -> None:
        if not 5 <= self.every_minutes <= 240:
            raise ValueError(_("a desk break comes every 5 to 240 minutes"))


#: Idle seconds now, or ``None`` where the desktop does not say.
IdleProbe = Callable[[], "float | None"]


class DeskBreakTimer:
    """Counts use on *monotonic* and offers breaks; *break_seconds* is the break routine's
    length (an absence at least that long is a break)."""

    def __init__(
        self,
        settings: DeskBreakSettings,
        monotonic: Callable[[], float],
        idle: IdleProbe,
        break_seconds: float = 300,
    ) -> None:
        self.settings = settings
        self._monotonic = monotonic
        self._idle = idle
        self.break_seconds = break_seconds
        self._last = monotonic()
        self._used = 0.0
        self._noticed = False
        self._offered = False

    @property
    def interval(self) -> float:
        return self.settings.every_minutes * 60.0

    @property
    def used(self) -> float:
        """Seconds of use counted towards the next break."""
        return self._used

    @property
    def remaining(self) -> float:
        """Seconds of use until the next break."""
        return max(0.0, self.interval - self._used)

    @property
    def waiting(self) -> bool:
        """A break has been offered and not answered."""
        return self._offered

    def poll(
        self, *, session_running: bool = False, fullscreen: bool = False, paused: bool = False
    ) -> Event | None:
        now = self._monotonic()
        elapsed = max(0.0, now - self._last)
        self._last = now
        if not self.settings.enabled or paused or session_running:
            self.reset()
            return None
        idle = self._idle()
        if elapsed >= self.break_seconds or (idle is not None and idle >= self.break_seconds):
            self.reset()  # asleep or away long enough: that was the break
            return None
        if idle is not None and idle >= AWAY_SECONDS:
            return None  # away, not long enough for a break yet: the count waits
        self._used += elapsed
        if fullscreen:
            return None
        if self._used >= self.interval and not self._offered:
            self._offered = True
            self._noticed = True
            return Event.DUE
        notice_at = self.interval - self.settings.notice_seconds
        if self._used >= notice_at and not self._noticed:
            self._noticed = True
            return Event.NOTICE
        return None

    def reset(self) -> None:
        self._used = 0.0
        self._noticed = False
        self._offered = False

    def snooze(self) -> None:
        """Offer it again after :attr:`DeskBreakSettings.snooze_minutes` more of use."""
        self._used = max(0.0, self.interval - self.settings.snooze_minutes * 60)
        self._noticed = True  # a snoozed break comes without a second notice
        self._offered = False

    def skip(self) -> None:
        self.reset()

    def started(self) -> None:
        self.reset()
