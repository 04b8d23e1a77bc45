"""What the completion screen says about a session, decided here rather than in a widget."""

from __future__ import annotations

from dataclasses import dataclass

from .records import Area, Release, SessionDetail

__all__ = ["Change", "Completion", "completion"]


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


@dataclass(frozen=True, slots=True)
class Completion:
    """The completion screen's facts: time done, steps done and skipped, the releases with
    their times, the after ratings with their change since the previous session, and
    whether most of the routine was done (the only time to say "Well done")."""

    active_seconds: float
    steps_done: int
    steps_skipped: int
    steps_planned: int
    releases: tuple[Release, ...]
    changes: tuple[Change, ...]
    well_done: bool


def completion(detail: SessionDetail, previous: SessionDetail | None = None) -> Completion:
    """The completion screen's facts for *detail*, compared with *previous* (the routine's
    session before it: :meth:`HistoryStore.previous_session`).

    Most of it was done when more than half of the routine's steps were done (a step counts
    as done only when all of its sets and sides were).
    """
    s = detail.summary
    before = previous.ratings_at("after") if previous is not None else {}
    changes = tuple(
        Change(area, score, before.get(area)) for area, score in detail.ratings_at("after").items()
    )
    planned = s.steps_planned or (s.steps_done + s.steps_skipped)
    return Completion(
        active_seconds=s.active_seconds,
        steps_done=s.steps_done,
        steps_skipped=s.steps_skipped,
        steps_planned=planned,
        releases=detail.releases,
        changes=changes,
        well_done=planned > 0 and s.steps_done * 2 > planned,
    )
