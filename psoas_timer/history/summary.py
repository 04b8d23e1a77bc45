"""What the completion screen adds from the history: how each area feels now against the
previous session of the routine. (The session's own figures, and when to say "Well done",
come from :mod:`psoas_timer.core.summary`, from the engine's record.)"""

from __future__ import annotations

from dataclasses import dataclass

from .records import Area, SessionDetail

__all__ = ["Change", "rating_changes"]


@dataclass(frozen=True, slots=True)
class Change:
    """An area's after rating now, and after the previous session of the routine."""

    area: Area
    now: int
    previous: int | None

    @property
    def delta(self) -> int | None:
        """Now minus previous (negative: it hurts less), or None without a previous one."""
        return None if self.previous is None else self.now - self.previous


def rating_changes(detail: SessionDetail, previous: SessionDetail | None = None) -> list[Change]:
    """Each area rated after *detail*, with its rating after *previous* (the routine's
    session before it: :meth:`HistoryStore.previous_session`), in the order they were asked.
    """
    before = previous.ratings_at("after") if previous is not None else {}
    return [
        Change(area, score, before.get(area)) for area, score in detail.ratings_at("after").items()
    ]
