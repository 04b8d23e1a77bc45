"""A session's end in figures: what was done, partly done and skipped, and each open hold.

Pure and Qt-free: the completion screen shows a :class:`Summary`, and whatever else wants
the same figures (a history) gets the same answers from :func:`summarize`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .engine import WELL_DONE_SHARE, SessionRecord
from .plan import Plan, Segment

__all__ = ["WELL_DONE_SHARE", "HoldResult", "PartDone", "Summary", "summarize"]


@dataclass(frozen=True)
class HoldResult:
    """One open hold: how long it was held, and whether the user released it (or it ran to
    its maximum)."""

    name: str
    side: str | None
    set: int
    sets: int
    held: float
    released: bool


@dataclass(frozen=True)
class PartDone:
    """A step some of whose sides, sets or reps were done: *done* of *total* *unit*."""

    name: str
    done: int
    total: int
    unit: str


@dataclass(frozen=True)
class Summary:
    name: str
    completed: bool
    active_seconds: float
    steps: int
    done: tuple[str, ...]
    partly: tuple[PartDone, ...]
    skipped: tuple[str, ...]
    holds: tuple[HoldResult, ...]
    #: The share (0..1) of the routine's planned working time that was done.
    share_done: float

    @property
    def well_done(self) -> bool:
        """Most of the routine was done (a session skipped through to its end was not)."""
        return self.share_done > WELL_DONE_SHARE


def _unit(segments: list[Segment]) -> str:
    if any(s.reps for s in segments):
        return "reps"
    if any(s.sets > 1 for s in segments):
        return "sets"
    if any(s.side for s in segments):
        return "sides"
    return "parts"


def summarize(plan: Plan, record: SessionRecord) -> Summary:
    """The figures of *record*, a session of *plan* that has ended."""
    work: dict[int, list[Segment]] = {}
    for seg in plan.segments:
        if seg.is_work:
            work.setdefault(seg.step, []).append(seg)
    partly = []
    for step in sorted(record.partly):
        parts = work.get(step, [])
        # a rep in phases (Up, Hold, Down) is several segments: it counts once, when all are
        units: dict[tuple[object, ...], bool] = {}
        for seg in parts:
            key = (seg.side, seg.set, seg.rep) if seg.phase else (seg.index,)
            units[key] = units.get(key, True) and seg.index in record.segments_done
        count = sum(units.values())
        partly.append(PartDone(plan.steps[step].name, count, len(units), _unit(parts)))
    holds = []
    for index, held, released in record.holds:
        seg = plan.segments[index]
        name = plan.steps[seg.step].name
        holds.append(HoldResult(name, seg.side, seg.set, seg.sets, held, released))
    return Summary(
        name=plan.name,
        completed=record.completed,
        active_seconds=record.active_seconds,
        steps=len(work),
        done=tuple(plan.steps[i].name for i in sorted(record.done)),
        partly=tuple(partly),
        skipped=tuple(plan.steps[i].name for i in sorted(record.skipped)),
        holds=tuple(holds),
        share_done=record.share_done(plan),
    )
