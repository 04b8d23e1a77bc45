"""Pain that rose over a session: an area scored 2 or more higher after it than before it.

The completion page says so plainly, with the advice to stop on sharp pain and to see a
clinician if it stays, instead of praise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from psoas_timer.history.records import Area

__all__ = ["RISE", "Rise", "rises"]

#: Points on the 0–10 scale by which a score must rise to be said to have risen.
RISE = 2


@dataclass(frozen=True, slots=True)
class Rise:
    area: Area
    before: int
    after: int


def rises(before: Mapping[Area, int], after: Mapping[Area, int]) -> list[Rise]:
    """The areas rated both before and after whose score rose by :data:`RISE` or more, the
    largest rise first."""
    found = [
        Rise(area, before[area], score)
        for area, score in after.items()
        if area in before and score - before[area] >= RISE
    ]
    return sorted(found, key=lambda r: r.before - r.after)
