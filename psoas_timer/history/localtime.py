"""Wall-clock time for the history: aware local datetimes, injected so tests can move them.

The history never measures a length with the wall clock (that is the monotonic clock's
job); it only stamps when a session began, and on which local date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

__all__ = ["WallClock", "from_iso", "local_now", "to_iso"]

#: Returns the current local time with its UTC offset.
WallClock = Callable[[], datetime]


def local_now() -> datetime:
    """Now, in the computer's time zone, with its offset."""
    return datetime.now().astimezone()


def to_iso(moment: datetime) -> str:
    """``2026-03-29T07:05:00+02:00``: seconds precision, with the offset."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("history times carry their UTC offset")
    return moment.isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    """An aware datetime from :func:`to_iso`'s text; raises ValueError otherwise."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{text!r} has no UTC offset")
    return moment


def after(start: datetime, seconds: float, offset_now: timedelta | None) -> datetime:
    """*start* plus *seconds*, shown in *offset_now* (the offset at the end), so an end is
    never before its start whatever the wall clock did meanwhile."""
    end = start + timedelta(seconds=max(0.0, seconds))
    if offset_now is not None:
        from datetime import timezone

        end = end.astimezone(timezone(offset_now))
    return end
