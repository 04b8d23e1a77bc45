"""Which changes matter: a change in a 0–10 score large enough for a person to notice.

For pain on the 0–10 numeric rating scale (NRS), studies of people with chronic pain found
that a fall of about 2 points, or of about 30% of the starting score, is what they call
"much improved" (Farrar et al., Pain 2001; for low-back pain, Ostelo et al., Spine 2008).
For an activity of the Patient-Specific Functional Scale, a change of 2 points is the usual
threshold (Stratford et al., Physiotherapy Canada 1995). A smaller change is reported as
"no clear change", never as an improvement or a worsening: a single rating moves by a point
from one day to the next for no reason at all.

Everything here is plain arithmetic, with no database behind it: the charts, the report and
the completion page all ask :func:`pain_change` and :func:`activity_change`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "ACTIVITY_POINTS",
    "PAIN_FRACTION",
    "PAIN_POINTS",
    "Direction",
    "ScoreChange",
    "activity_change",
    "pain_change",
]

#: A change in pain of this many points (0–10) or more matters.
PAIN_POINTS = 2.0
#: So does a change of this share of the starting score (when the start is above 0).
PAIN_FRACTION = 0.30
#: A change in an activity's score (0–10, higher is better) of this many points matters.
ACTIVITY_POINTS = 2.0
#: Below this, a change is never counted, whatever its share of the start.
_SMALLEST = 1.0 - 1e-9

#: ``better`` or ``worse`` only when the change matters; ``same`` otherwise.
Direction = Literal["better", "worse", "same"]


@dataclass(frozen=True, slots=True)
class ScoreChange:
    """A score at a start and now: the difference, and whether it is large enough to matter.

    *delta* is ``last - first`` as scored (for pain, negative is better; for an activity,
    positive is better). *direction* says which way it went for the person, and is
    ``"same"`` whenever the change is too small to matter.
    """

    first: float
    last: float
    delta: float
    meaningful: bool
    direction: Direction

    @property
    def points(self) -> float:
        """The size of the change, in points (never negative)."""
        return abs(self.delta)


def pain_change(first: float, last: float) -> ScoreChange:
    """Pain from *first* to *last* (0–10, lower is better). It matters when it moved by
    :data:`PAIN_POINTS` or more, or by :data:`PAIN_FRACTION` of *first* or more (and by at
    least one point)."""
    delta = last - first
    size = abs(delta)
    meaningful = size >= PAIN_POINTS - 1e-9 or (
        first > 0 and size >= _SMALLEST and size >= PAIN_FRACTION * first - 1e-9
    )
    return ScoreChange(first, last, delta, meaningful, _direction(meaningful, -delta))


def activity_change(first: float, last: float) -> ScoreChange:
    """An activity's score from *first* to *last* (0–10, higher is better); it matters from
    :data:`ACTIVITY_POINTS` points."""
    delta = last - first
    meaningful = abs(delta) >= ACTIVITY_POINTS - 1e-9
    return ScoreChange(first, last, delta, meaningful, _direction(meaningful, delta))


def _direction(meaningful: bool, gain: float) -> Direction:
    if not meaningful:
        return "same"
    return "better" if gain > 0 else "worse"
