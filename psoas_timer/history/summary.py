"""What the completion screen adds from the history: how each area feels now against the
previous session of the routine. (The session's own figures, and when to say "Well done",
come from :mod:`psoas_timer.core.summary`, from the engine's record.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from .change import ScoreChange, pain_change
from .records import Area, SessionDetail

if TYPE_CHECKING:
    from .store import HistoryStore

__all__ = ["Change", "SinceStart", "rating_changes", "since_start"]


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


@dataclass(frozen=True, slots=True)
class SinceStart:
    """An area's pain before this session against before the first session that rated it
    (*started*), and whether the change matters (:func:`~.change.pain_change`)."""

    area: Area
    started: datetime
    change: ScoreChange


def since_start(store: HistoryStore, detail: SessionDetail) -> list[SinceStart]:
    """For each area rated before *detail*, its change since the first rating before a
    session, on an earlier day (areas first rated today are left out)."""
    found: list[SinceStart] = []
    for area, now in detail.ratings_at("before").items():
        first = next((s for s in store.pain_series(area) if s.before is not None), None)
        if first is None or first.when.date() >= detail.summary.local_date:
            continue
        assert first.before is not None
        found.append(SinceStart(area, first.when, pain_change(first.before, now)))
    return found
