"""Ending an open hold before its minimum takes a second press.

A stray Enter must not end a trigger-point hold that has barely begun: before the hold's
minimum, the first press of Released only asks for a second one within
:data:`EARLY_RELEASE_WINDOW` seconds; after the minimum, one press ends it.
"""

from __future__ import annotations

from collections.abc import Callable

from psoas_timer.core.engine import Snapshot

__all__ = ["EARLY_RELEASE_WINDOW", "EarlyRelease"]

#: Seconds within which a second press ends an open hold before its minimum.
EARLY_RELEASE_WINDOW = 4.0


class EarlyRelease:
    """The double-press rule for one session's open holds, on the injected *clock*."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        # (segment, clock time): until then a second press ends that open hold early.
        self._armed: tuple[int, float] | None = None

    def press(self, snap: Snapshot | None) -> float | None:
        """Released was pressed while *snap* shows: the hold's minimum when this press only
        asks for a second one (nothing ends), else None (end the hold now)."""
        hold = snap.segment.open if snap is not None else None
        if (
            snap is not None
            and hold is not None
            and snap.elapsed < hold.min
            and self.minimum(snap) is None
        ):
            self._armed = (snap.index, self._clock() + EARLY_RELEASE_WINDOW)
            return hold.min
        self._armed = None
        return None

    def minimum(self, snap: Snapshot | None) -> float | None:
        """The open hold's minimum while a second press would end it before then (for the
        hint that says so), else None: the hold has ended, or the moment has passed."""
        if self._armed is None or snap is None:
            return None
        index, until = self._armed
        hold = snap.segment.open
        if snap.index != index or hold is None or snap.elapsed >= hold.min:
            return None
        if self._clock() > until:
            return None
        return hold.min

    def reset(self) -> None:
        """Forget a first press (the session ended)."""
        self._armed = None
